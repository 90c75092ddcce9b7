"""Consistent copies of a live SQLite database through SQLite's backup API.

A copy reads one snapshot of the source: a read transaction is held on it for the
whole copy, so pages written meanwhile by other connections (WAL lets them write
on) are neither copied half nor make SQLite start the copy over, as it does for a
source that changes under a copy taken in steps. The destination may be a new file
(a backup) or a database in use (a restore): SQLite writes it in one transaction
of its own, which others' connections see whole once it commits, or not at all.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from db.errors import DatabaseProblem, Problem

# Called after each chunk with (pages copied, pages in all); it may raise to stop the copy.
Step = Callable[[int, int], None]
PAGES_PER_STEP = 256  # 1 MB of 4 KB pages: a Cancel is heard within a fraction of a second
BUSY_LIMIT_S = 30.0  # how long a copy into a database in use waits for others' writes
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class Interrupted(Exception):
    """The caller asked a check to stop (``interrupt`` said so); it proved nothing."""


def copy_database(source: Path, target: Path, *, step: Step | None = None,
                  standalone: bool = False, busy_limit: float = BUSY_LIMIT_S) -> None:
    """Copy ``source`` to ``target`` page by page, consistent even while others write.

    ``step`` hears the progress and may raise to stop: the copy is abandoned, and a
    database copied into is left as it was (it is not called once the copy is done).
    ``standalone`` takes the copy out of WAL mode: one file, readable with no ``-wal``
    or ``-shm`` beside it (a backup on a stick, a read-only disk). A target that others
    keep busy for ``busy_limit`` seconds raises ``DatabaseProblem(LOCKED)``.
    """
    src = sqlite3.connect(read_only_uri(source), uri=True, isolation_level=None)
    try:
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts
        dst = sqlite3.connect(target, timeout=5)
        try:
            waiting_since: list[float] = []

            def progress(status: int, remaining: int, total: int) -> None:
                if status in _BUSY:
                    waiting_since[:] = waiting_since or [time.monotonic()]
                    if time.monotonic() - waiting_since[0] > busy_limit:
                        raise DatabaseProblem(Problem.LOCKED, str(target))
                else:
                    waiting_since.clear()
                # Not once it is done: the copy has committed, and a Cancel now would
                # say "nothing was changed" of a database that was.
                if step is not None and status != sqlite3.SQLITE_DONE:
                    step(total - remaining, total)

            src.backup(dst, pages=PAGES_PER_STEP if step is not None else -1,
                       progress=progress)
            if standalone:
                dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def read_only_uri(path: Path) -> str:
    """A URI that reads ``path`` and writes nothing beside it that need not be.

    Where the folder may not be written, SQLite cannot make the ``-shm`` a WAL database
    needs even to be read; with no WAL beside it the file alone is the whole database,
    so it is read as immutable.
    """
    immutable = not os.access(path.parent, os.W_OK) and not _has_wal(path)
    return f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"


def examine(path: Path, interrupt: Callable[[], bool] | None = None) -> str | None:
    """The Alembic revision a database file holds, once every page has been checked.

    Raises ``DatabaseProblem``: NOT_A_DATABASE for a file that is not SQLite's, DAMAGED
    when ``PRAGMA integrity_check`` finds anything, NOT_QADAM for another program's
    database or one with no tables; ``Interrupted`` when ``interrupt`` returns true.
    """
    location = str(path)
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError as error:
        raise DatabaseProblem(Problem.MISSING, location, str(error)) from error
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise DatabaseProblem(Problem.NOT_A_DATABASE, location)
    connection = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        if interrupt is not None:
            connection.set_progress_handler(lambda: 1 if interrupt() else 0, 10_000)
        verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if verdict != ["ok"]:
            raise DatabaseProblem(Problem.DAMAGED, location, verdict[0])
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        row = (connection.execute("SELECT version_num FROM alembic_version").fetchone()
               if "alembic_version" in tables else None)
    except sqlite3.Error as error:
        if interrupt is not None and interrupt():
            raise Interrupted from error
        raise DatabaseProblem(Problem.DAMAGED, location, str(error)) from error
    finally:
        connection.close()
    if row is None or not row[0]:
        raise DatabaseProblem(Problem.NOT_QADAM, location)
    return str(row[0])


def failure(error: sqlite3.Error) -> Problem | None:
    """What a copy's driver error means: the disk full, a place not to be written, a busy
    or damaged database; None for anything else (a bug)."""
    code = getattr(error, "sqlite_errorname", "")
    message = str(error)
    if code == "SQLITE_FULL" or "disk is full" in message:
        return Problem.DISK_FULL
    if code.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) \
            or "readonly" in message or "unable to open" in message:
        return Problem.NOT_WRITABLE
    if code in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in message:
        return Problem.LOCKED
    if code in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in message \
            or "not a database" in message:
        return Problem.DAMAGED
    return None


def _has_wal(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False
