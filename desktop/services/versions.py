"""The one check every edit makes: is the record still at the version the user read?

Each edit is given the version the screen showed; when someone saved the record
since, nothing is written and ``StaleRecord`` names who changed it and when, so
the message can say so.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.base import Record
from db.errors import StaleRecord
from db.models import User
from desktop.services.access import within_checked_call


@within_checked_call
def stale(session: Session, record: Record) -> StaleRecord:
    """The refusal for ``record``: who saved it last, and when."""
    who = (session.scalar(select(User.full_name).where(User.id == record.updated_by))
           if record.updated_by else None)
    return StaleRecord(record.__tablename__, record.id, who, record.updated_at)


@within_checked_call
def require_version(session: Session, record: Record, version: int | None) -> None:
    """StaleRecord unless ``record`` is still at ``version``."""
    if record.version != version:
        raise stale(session, record)
