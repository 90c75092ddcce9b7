"""Opening the database for a command or the window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db.errors import DatabaseProblem, Problem
from db.migrate import head_revision, open_database
from db.session import Database, database_url, sqlite_path
from db.sqlite.inspect import integrity_problems


@dataclass(frozen=True)
class InitReport:
    location: str
    revision: str
    backup: Path | None


def initialise(target: str) -> InitReport:
    """Create or upgrade; an existing file is fully checked first (it reads every page)."""
    path = sqlite_path(database_url(target))
    if path is not None and path.is_file() and path.stat().st_size:
        database = open_existing(target, upgrade=False)  # header, schema and version checks
        database.dispose()
        problems = integrity_problems(path)
        if problems:
            raise DatabaseProblem(Problem.DAMAGED, str(path), problems[0])
    database = open_database(target, create=True)
    database.dispose()
    return InitReport(str(path or database.url), head_revision(), database.backup)


def open_existing(target: str, upgrade: bool = True) -> Database:
    """Open a database that must already exist (commands that only read)."""
    path = sqlite_path(database_url(target))
    if path is not None and not path.exists():
        raise DatabaseProblem(Problem.MISSING, str(path))
    if not upgrade:
        from db.sqlite.inspect import inspect_file

        if path is not None:
            inspect_file(path, create=False)
            _refuse_newer(path)
            from db.session import create_db_engine

            return Database(create_db_engine(database_url(target)))
    return open_database(target, create=False)


def open_existing_or_new(target: str) -> Database:
    return open_database(target, create=True)


def _refuse_newer(path: Path) -> None:
    from db.migrate import known_revisions
    from db.sqlite.inspect import inspect_file

    revision = inspect_file(path, create=False).revision
    if revision is not None and revision not in known_revisions():
        raise DatabaseProblem(Problem.NEWER_VERSION, str(path), revision)
