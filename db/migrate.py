"""Open a Qadam database: create it, upgrade it (after a backup copy) or refuse it.

The rules: a new file is created at the latest schema; an older Qadam
database is copied beside itself and then upgraded; a database written by a
newer Qadam, a file that is not a Qadam database and a damaged file are
refused and left byte-for-byte untouched. A file shorter than its header says
is damaged only when no WAL beside it holds the rest (a checkpoint cut short by
a crash or a full disk leaves exactly that, and loses nothing). Without
``create`` an empty file counts as missing; a sound database that may not be
written is refused as read-only rather than opened to fail at the first save.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect
from sqlalchemy.exc import DBAPIError

from db.errors import DatabaseProblem, Problem
from db.location import shown_url
from db.session import (
    Database,
    as_problem,
    create_db_engine,
    database_url,
    raise_translated,
    sqlite_path,
)
from db.sqlite.backup import copy_database
from db.sqlite.inspect import inspect_file

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    # Alembic is imported only when it has work: it costs a quarter of a second at start-up.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    """Revision ids, oldest first. History is linear and each file is named NNNN_what.py
    with NNNN its revision id (a test holds Alembic's own view to this)."""
    return sorted(path.name.split("_", 1)[0]
                  for path in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def head_revision() -> str:
    return known_revisions()[-1]


def backup_path(path: Path, revision: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.before-upgrade-{revision or 'empty'}-{stamp}{path.suffix}")


def check_file(path: Path, create: bool = False) -> str | None:
    """Look without writing: the file's revision; foreign, damaged and newer files refused."""
    revision = inspect_file(path, create).revision
    _refuse_unknown(revision, str(path))
    return revision


def open_database(target: str | Path, create: bool = True,
                  revision: str = "head") -> Database:
    """Open ``target`` (a path or URL), migrating it to ``revision`` when needed."""
    url = database_url(target)
    path = sqlite_path(url)
    shown = str(path) if path is not None else shown_url(url)  # never the password
    stored = None
    backup = None
    if path is not None:
        stored = check_file(path, create)
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            if path is None:
                from alembic.runtime.migration import MigrationContext

                stored = MigrationContext.configure(connection).get_current_revision()
                if stored is None and inspect(connection).get_table_names():
                    raise DatabaseProblem(Problem.NOT_QADAM, shown)
                _refuse_unknown(stored, shown)
        target_revision = head_revision() if revision == "head" else revision
        if stored != target_revision:
            if path is not None and stored is not None:
                backup = backup_path(path, stored)
                copy_database(path, backup)
            from alembic import command

            with engine.connect() as connection, _all_or_nothing(connection):
                command.upgrade(alembic_config(connection), revision)
    except DBAPIError as error:
        engine.dispose()
        raise_translated(as_problem(error, shown), error)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, backup)


@contextmanager
def _all_or_nothing(connection: Connection) -> Iterator[None]:
    """Run an upgrade in one transaction that holds its schema changes too.

    Python's sqlite3 opens a transaction only before INSERT, UPDATE and DELETE:
    a migration's CREATE and ALTER ran outside it, so one that failed half-way
    (a full disk, a killed process) left its first tables behind, and the next
    start failed on them ("_alembic_tmp_document already exists"). On SQLite the
    driver is told to leave transactions to us, and the upgrade runs between one
    BEGIN and its COMMIT or ROLLBACK; the driver's own mode comes back only after.
    """
    if connection.dialect.name != "sqlite":
        with connection.begin():
            yield
        return
    raw = connection.connection.dbapi_connection
    previous = raw.isolation_level  # type: ignore[union-attr]
    raw.isolation_level = None  # type: ignore[union-attr]
    # SQLite's own recipe for changing tables: foreign keys off (only possible outside a
    # transaction), the change, then a check that every reference still holds. With them
    # on, the batch copy's DROP TABLE checked each dropped row against every table that
    # refers to it, unindexed: hours on 100,000 clients' documents instead of seconds.
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
            if broken is not None:
                raise DatabaseProblem(Problem.DAMAGED, "", f"foreign key broken in {broken[0]}")
        except BaseException:
            connection.rollback()
            raise
        connection.commit()
        # A table copied anew has lost its statistics, and the planner then picks worse
        # plans (Today's documents took 108 ms instead of 88); a sampled ANALYZE is quick.
        connection.exec_driver_sql("PRAGMA analysis_limit=1000")
        connection.exec_driver_sql("ANALYZE")
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        raw.isolation_level = previous  # type: ignore[union-attr]


def _refuse_unknown(revision: str | None, location: str) -> None:
    if revision is not None and revision not in known_revisions():
        raise DatabaseProblem(Problem.NEWER_VERSION, location, revision)
