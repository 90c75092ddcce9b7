"""SQLite's error codes and messages, read into problems (see ``db.driver_errors``).

SQLite names no constraint in a unique violation, only ``table.column, ...``;
the name is found in the schema's metadata, so callers match constraint names
on both engines alike.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Index, UniqueConstraint
from sqlalchemy.exc import DBAPIError

from db.base import Base
from db.errors import DatabaseProblem, Problem, UniqueViolation

_UNIQUE_PREFIX = "UNIQUE constraint failed: "


def translate(error: DBAPIError, location: str) -> Exception | None:
    original = error.orig
    if not isinstance(original, sqlite3.Error):
        return None
    message = str(original)
    code = getattr(original, "sqlite_errorname", "")
    if message.startswith(_UNIQUE_PREFIX):
        return unique_violation(message[len(_UNIQUE_PREFIX):])
    if code in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in message or "busy" in message:
        return DatabaseProblem(Problem.LOCKED, location)
    if code == "SQLITE_FULL" or "disk is full" in message:
        return DatabaseProblem(Problem.DISK_FULL, location)
    if code.startswith("SQLITE_READONLY") or "readonly" in message:
        return DatabaseProblem(Problem.READ_ONLY, location)
    if code.startswith("SQLITE_CANTOPEN") or "unable to open" in message:
        return DatabaseProblem(Problem.NOT_WRITABLE, location)
    if code in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in message \
            or "not a database" in message:
        return DatabaseProblem(Problem.DAMAGED, location, message)
    return None


def unique_violation(columns_text: str) -> UniqueViolation:
    """``person.iin`` (or ``t.a, t.b``) → the named constraint or unique index on them."""
    qualified = [part.strip() for part in columns_text.split(",")]
    table_name = qualified[0].split(".", 1)[0]
    columns = {part.split(".", 1)[-1] for part in qualified}
    table = Base.metadata.tables.get(table_name)
    if table is None:
        return UniqueViolation(None, table_name)
    candidates = [c for c in table.constraints if isinstance(c, UniqueConstraint)]
    candidates += [i for i in table.indexes if isinstance(i, Index) and i.unique]
    for candidate in candidates:
        if {column.name for column in candidate.columns} == columns:
            return UniqueViolation(str(candidate.name), table_name)
    return UniqueViolation(None, table_name)
