"""Look at a SQLite file before opening it for real, without changing a byte.

Opening through the engine switches the file to WAL, which rewrites its
header; a file that is not ours must be refused before that happens.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.errors import DatabaseProblem, Problem

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileState:
    exists: bool
    revision: str | None  # Alembic revision stored in the file, None when not ours or new
    has_tables: bool


def inspect_file(path: Path, create: bool) -> FileState:
    location = str(path)
    if path.is_dir():
        raise DatabaseProblem(Problem.DIRECTORY, location)
    if not path.exists():
        if not create:
            raise DatabaseProblem(Problem.MISSING, location)
        parent = path.parent
        if not parent.is_dir() or not os.access(parent, os.W_OK):
            raise DatabaseProblem(Problem.NOT_WRITABLE, location)
        return FileState(exists=False, revision=None, has_tables=False)
    size = path.stat().st_size
    if size == 0:  # SQLite treats an empty file as an empty database
        _require_writable(path)
        return FileState(exists=True, revision=None, has_tables=False)
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError as error:
        raise DatabaseProblem(Problem.NOT_WRITABLE, location, str(error)) from error
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseProblem(Problem.NOT_A_DATABASE, location)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    # A truncated copy (interrupted transfer, full USB stick) is shorter than its header says.
    if page_count and size < page_size * page_count:
        raise DatabaseProblem(Problem.DAMAGED, location, "truncated")
    state = _read_schema(path)
    _require_writable(path)
    return state


def _read_schema(path: Path) -> FileState:
    location = str(path)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error as error:
        raise DatabaseProblem(Problem.DAMAGED, location, str(error)) from error
    try:
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        # Reading one row of each table catches most damage cheaply; a full
        # integrity check is left to `qadam init` because it reads every page.
        for table in sorted(tables & {"person", "app_user"}):
            connection.execute(f'SELECT * FROM "{table}" LIMIT 1').fetchall()
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise DatabaseProblem(Problem.LOCKED, location) from error
        raise DatabaseProblem(Problem.DAMAGED, location, str(error)) from error
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem(Problem.DAMAGED, location, str(error)) from error
    finally:
        connection.close()
    if tables and revision is None:
        raise DatabaseProblem(Problem.NOT_QADAM, location)
    return FileState(exists=True, revision=revision, has_tables=bool(tables))


def integrity_problems(path: Path) -> list[str]:
    """The full `PRAGMA integrity_check`, read-only: empty when the file is sound."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def _require_writable(path: Path) -> None:
    # WAL needs to create -wal and -shm files beside the database.
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseProblem(Problem.NOT_WRITABLE, str(path))
