"""Opening the database for a command or the window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db.errors import DatabaseProblem, Problem
from db.migrate import check_file, head_revision, open_database
from db.session import Database, database_url, sqlite_path
from db.sqlite.inspect import integrity_problems
from desktop.services.access import anyone


@dataclass(frozen=True)
class InitReport:
    location: str
    revision: str
    backup: Path | None


@anyone("creates or upgrades a file; whoever may write the file may do that")
def initialise(target: str) -> InitReport:
    """Create or upgrade; an existing file is fully checked first (it reads every page)."""
    path = sqlite_path(database_url(target))
    if path is not None and path.is_file() and path.stat().st_size:
        check_file(path)
        problems = integrity_problems(path)
        if problems:
            raise DatabaseProblem(Problem.DAMAGED, str(path), problems[0])
    database = open_database(target, create=True)
    database.dispose()
    return InitReport(str(path or database.url), head_revision(), database.backup)


@anyone("opens a file; what may be read in it is checked by each call")
def open_existing(target: str) -> Database:
    """Open a database that must already exist (commands that only read).

    An empty file is refused as missing, not filled with a schema: only ``initialise``
    and the window's first run (``open_existing_or_new``) create a database.
    """
    return open_database(target, create=False)


@anyone("opens a file, or creates one for the first-run set-up")
def open_existing_or_new(target: str) -> Database:
    return open_database(target, create=True)


@anyone("removes only a file this start created and nobody set up")
def discard_unused(target: str, database: Database) -> bool:
    """After a first-run set-up cancelled: the file created for it holds no center, so it
    goes (with its -wal and -shm), rather than wait as an empty database someone would
    later take for theirs. A server database is left to its administrator. Returns whether
    anything was removed."""
    path = sqlite_path(database_url(target))
    database.dispose()
    if path is None or not path.is_file():
        return False
    for companion in (path, path.with_name(path.name + "-wal"),
                      path.with_name(path.name + "-shm")):
        companion.unlink(missing_ok=True)
    return True
