"""Offices, for choosers and reports."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from db.models import Office


def office_choices(connection: Connection) -> list[tuple[str, str]]:
    """``(code, name)`` of the active offices, by code."""
    return [(code, name) for code, name in connection.execute(
        select(Office.code, Office.name).where(Office.active.is_(True)).order_by(Office.code))]


def office_name(connection: Connection | Session, office_id: uuid.UUID | None) -> str:
    """An office's name, read on the caller's connection or session; "" for none."""
    if office_id is None:
        return ""
    return connection.scalar(select(Office.name).where(Office.id == office_id)) or ""
