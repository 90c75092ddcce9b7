"""Stamps and audits every change at flush time, in the same transaction.

Installed once on the Session class by ``db.session``: who and when go on the
record itself (created/updated by/at) and, with the old and new values, into
the audit log.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from db.base import Record, utcnow
from db.models.audit import AuditEntry

_STAMP_COLUMNS = {"created_at", "updated_at", "created_by", "updated_by", "version"}
# Logged as changed, never with their values: a hash in the log is a hash to crack.
_SECRET_COLUMNS = {"password_hash"}
HIDDEN = "•••"


def _json_safe(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _column_changes(record: Record, new: bool) -> dict[str, list[Any]]:
    state = inspect(record)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in _STAMP_COLUMNS:
            continue
        history = state.attrs[attr.key].history
        if new:
            value = getattr(record, attr.key)
            if value not in (None, ""):
                changes[attr.key] = [None, _json_safe(value)]
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            value = history.added[0] if history.added else None
            if old != value:
                changes[attr.key] = [_json_safe(old), _json_safe(value)]
    for secret in _SECRET_COLUMNS & changes.keys():
        changes[secret] = [HIDDEN if changes[secret][0] else None, HIDDEN]
    return changes


# Columns that name the person a record belongs to: a change to the record is a change
# to their file (the client file and Today refresh on it).
_PERSON_COLUMNS = ("person_id", "related_person_id")


def _note_change(session: Session, record: Record) -> None:
    """Remember what changed until commit: ``db.changes`` tells the screens once it happened."""
    records = session.info.setdefault("changed_records", set())
    people = session.info.setdefault("changed_people", set())
    records.add((record.__tablename__, record.id))
    if record.__tablename__ == "person":
        people.add(record.id)
    for column in _PERSON_COLUMNS:
        person_id = getattr(record, column, None)
        if person_id is not None:
            people.add(person_id)


def note_list_change(session: Session, record: Record, field: str, old: list[Any],
                     new: list[Any]) -> None:
    """A change the record's columns cannot show (a many-to-many list such as a
    consultation's topics), logged in the record's own entry of this flush."""
    if sorted(old) != sorted(new):
        extra = session.info.setdefault("extra_changes", {})
        extra.setdefault(record.id, {})[field] = [old, new]


def note_person(session: Session, person_id: uuid.UUID) -> None:
    """Say that the session's writes concern this person's file though no row it writes
    names them (a plan goal names its case, a goal's service its goal)."""
    session.info.setdefault("changed_people", set()).add(person_id)


def stamp_and_audit(session: Session) -> None:
    user_id = session.info.get("user_id")
    now = utcnow()
    entries = []
    for record in session.new:
        if not isinstance(record, Record):
            continue
        if record.id is None:
            record.id = uuid.uuid4()
        record.created_at = record.updated_at = now
        record.created_by = record.updated_by = user_id
        _note_change(session, record)
        entries.append(AuditEntry(at=now, user_id=user_id, action="insert",
                                  table_name=record.__tablename__, record_id=record.id,
                                  changes=_column_changes(record, new=True)))
    extra = session.info.pop("extra_changes", {})
    for record in session.dirty:
        if not isinstance(record, Record) or not session.is_modified(record):
            continue
        changes = _column_changes(record, new=False) | extra.pop(record.id, {})
        if not changes:
            continue
        record.updated_at = now
        record.updated_by = user_id
        _note_change(session, record)
        entries.append(AuditEntry(at=now, user_id=user_id, action="update",
                                  table_name=record.__tablename__, record_id=record.id,
                                  changes=changes))
    for record in session.deleted:
        if isinstance(record, Record):
            _note_change(session, record)
            entries.append(AuditEntry(at=now, user_id=user_id, action="delete",
                                      table_name=record.__tablename__, record_id=record.id,
                                      changes={}))
    session.add_all(entries)
