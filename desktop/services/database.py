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
