"""The people who use Qadam, for pickers."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, select

from db.models import Role, User


def caseworker_choices(connection: Connection,
                       office_id: uuid.UUID | None) -> list[tuple[uuid.UUID, str]]:
    """Active caseworkers, of one office or all, by name."""
    query = (select(User.id, User.full_name)
             .where(User.role == Role.CASEWORKER, User.active.is_(True))
             .order_by(User.full_name))
    if office_id is not None:
        query = query.where(User.office_id == office_id)
    return [(user_id, name) for user_id, name in connection.execute(query)]
