"""Look at a SQLite file before opening it for real, without changing a byte.

Opening through the engine switches the file to WAL, which rewrites its
header; a file that is not ours must be refused before that happens. Every
look here goes through a read-only connection: after a crash SQLite may
rebuild the WAL index (``NAME-shm``) to read the last commits, but it never
writes the database or its WAL.
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
    """What the file at ``path`` holds; a file Qadam must not open raises DatabaseProblem.

    ``create`` allows a missing or empty file, which then becomes a new database.
    """
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
    if size == 0:
        # SQLite takes an empty file for an empty database and would write a whole
        # schema into it. An empty file is a mistyped name or a failed copy as often
        # as not: only the commands that create a database may fill it.
        if not create:
            raise DatabaseProblem(Problem.MISSING, location)
        if _read_only(path):
            raise DatabaseProblem(Problem.NOT_WRITABLE, location)
        return FileState(exists=True, revision=None, has_tables=False)
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError as error:
        raise DatabaseProblem(Problem.NOT_WRITABLE, location, str(error)) from error
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseProblem(Problem.NOT_A_DATABASE, location)
    read_only = _read_only(path)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    short = bool(page_count) and size < page_size * page_count
    has_wal = _has_wal(path)
    if short and not has_wal:
        # With no WAL to complete it, a file shorter than its header says is a
        # truncated copy (an interrupted transfer, a full USB stick).
        raise DatabaseProblem(Problem.DAMAGED, location, "truncated")
    # A short file with its WAL beside it is what a checkpoint cut off by a crash or a
    # full disk leaves (page 1, with the new page count, is written first, the pages
    # it appends last): SQLite reads those pages from the WAL, so it judges, page by
    # page. Any other file gets the cheap look; `qadam init` reads every page.
    # Where we may not write, SQLite cannot create the -shm a WAL database needs even
    # to be read; with no WAL beside it the file alone is the whole database, so it is
    # read as immutable, which needs no -shm and leaves none.
    state = _read_schema(path, read_only, immutable=read_only and not has_wal,
                         full_check=short)
    if read_only:  # sound (or at least readable), but Qadam could not save anything
        raise DatabaseProblem(Problem.READ_ONLY, location)
    return state


def _read_schema(path: Path, read_only: bool, immutable: bool, full_check: bool) -> FileState:
    location = str(path)
    uri = f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error as error:
        raise _problem(error, location, read_only) from error
    try:
        if full_check:
            # quick_check reads every page (through the WAL) but skips the index
            # cross-checks of integrity_check, which `qadam init` still runs.
            verdict = [row[0] for row in connection.execute("PRAGMA quick_check")]
            if verdict != ["ok"]:
                raise DatabaseProblem(Problem.DAMAGED, location, verdict[0])
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
    except sqlite3.Error as error:
        raise _problem(error, location, read_only) from error
    finally:
        connection.close()
    if tables and revision is None:
        raise DatabaseProblem(Problem.NOT_QADAM, location)
    return FileState(exists=True, revision=revision, has_tables=bool(tables))


def _problem(error: sqlite3.Error, location: str, read_only: bool) -> DatabaseProblem:
    message = str(error)
    if "locked" in message or "busy" in message:
        return DatabaseProblem(Problem.LOCKED, location)
    # A WAL database in a folder we may not write, with a WAL but no -shm beside it,
    # cannot be read at all ("unable to open"): that is the folder's fault, not the file's.
    if read_only and ("unable to open" in message or "readonly" in message):
        return DatabaseProblem(Problem.READ_ONLY, location, message)
    return DatabaseProblem(Problem.DAMAGED, location, message)


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


def _has_wal(path: Path) -> bool:
    """A non-empty ``NAME-wal``: commits that may not be in the file itself yet."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _read_only(path: Path) -> bool:
    # WAL writes beside the database: the folder must take new -wal and -shm files,
    # and those already there must be writable, or the first save would fail.
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return True
    return any(side.exists() and not os.access(side, os.W_OK)
               for side in (Path(f"{path}-wal"), Path(f"{path}-shm")))
