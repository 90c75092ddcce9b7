"""Offices, for choosers and reports."""

from __future__ import annotations

from sqlalchemy import Connection, select

from db.models import Office


def office_choices(connection: Connection) -> list[tuple[str, str]]:
    """``(code, name)`` of the active offices, by code."""
    return [(code, name) for code, name in connection.execute(
        select(Office.code, Office.name).where(Office.active.is_(True)).order_by(Office.code))]
