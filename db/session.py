"""Engines, sessions and the unit of work.

One short session per unit of work: ``with database.session(user_id) as s:``
commits on success and rolls back on any error, so a failure mid-way leaves
the database as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db import changes, driver_errors, thread_guard
from db.audit import stamp_and_audit
from db.collation import sort_key
from db.errors import StaleRecord
from db.location import is_server_url
from db.models.person import Person
from db.postgres import settings as postgres_settings
from db.search import documents
from db.sqlite import pragmas


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL for a path or URL as the user typed it."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(url[len(prefix):]) if url.startswith(prefix) else None


def create_db_engine(url: str) -> Engine:
    # hide_parameters: a driver error's text would otherwise carry the row's values (names,
    # IINs) into tracebacks and the log.
    options = postgres_settings.engine_options() if is_server_url(url) else {}
    engine = create_engine(url, hide_parameters=True, **options)
    if engine.dialect.name == "sqlite":
        pragmas.install(engine)
    event.listen(engine, "checkout", lambda *_args: thread_guard.check())
    return engine


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for person in (*session.new, *session.dirty):
        if isinstance(person, Person):
            person.sort_key = sort_key(f"{person.surname} {person.given_name}")
    # The versions this flush expects to find: if one is gone stale, the failed flush
    # has already forgotten the records, and this says which one to name.
    session.info["expected_versions"] = [
        (type(record), record.id, record.version)
        for record in (*session.dirty, *session.deleted) if hasattr(type(record), "version")]
    stamp_and_audit(session)
    removed = [p.id for p in session.deleted if isinstance(p, Person)]
    documents.remove(session.connection(), removed)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    changed = [p for p in (*session.new, *session.dirty)
               if isinstance(p, Person) and p not in session.deleted]
    documents.refresh(session.connection(), changed)


class Database:
    """An opened, up-to-date Qadam database."""

    def __init__(self, engine: Engine, backup: Path | None = None) -> None:
        self.engine = engine
        self.backup = backup  # the copy written before this opening upgraded the file
        self._factory = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def server(self) -> str | None:
        """``host/database`` of a database on a server, as the window's title shows it
        (never the user or the password); None for a file."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return None
        host = url.host or url.query.get("host") or "localhost"
        if isinstance(host, tuple):  # a query parameter given twice
            host = host[0]
        return f"{host}/{url.database}"

    @property
    def location(self) -> str:
        """How to name this database to a user: the file's path, or the server's
        ``host/database`` (a caseworker has no use for a URL's driver, user and options)."""
        path = sqlite_path(self.engine.url.render_as_string(hide_password=False))
        return str(path) if path is not None else self.server or self.url

    @contextmanager
    def session(self, user_id: uuid.UUID | None = None) -> Iterator[Session]:
        """A unit of work: committed at the end of the block, rolled back on any error."""
        session = self._factory()
        session.info["user_id"] = user_id
        try:
            yield session
            session.commit()
        except StaleDataError as error:
            stale = _stale_record(session)  # before rollback forgets what was loaded
            session.rollback()
            raise stale from error
        except DBAPIError as error:
            session.rollback()
            raise_translated(self.translate(error), error)
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        changes.committed(session.info.get("changed_records", ()),
                          session.info.get("changed_people", ()))

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for queries, its driver errors translated as a session's are.

        Every query in it sees the database as it was at the first one: a report's many
        queries add up (the caseload at the end is the one at the start plus what came and
        went) however many caseworkers save meanwhile, and their saves never wait for it
        (WAL on SQLite; on PostgreSQL a read-only REPEATABLE READ snapshot, which takes no
        locks a writer waits for)."""
        try:
            with self.engine.connect() as connection:
                if connection.dialect.name == "postgresql":
                    connection = connection.execution_options(
                        isolation_level="REPEATABLE READ", postgresql_readonly=True)
                else:
                    # sqlite3 opens a transaction only before a write: without one each
                    # SELECT would read the latest commit.
                    connection.exec_driver_sql("BEGIN")
                yield connection
        except DBAPIError as error:
            raise_translated(self.translate(error), error)

    def translate(self, error: DBAPIError) -> Exception:
        return driver_errors.translate(error, self.engine.dialect.name, self.location)

    def dispose(self) -> None:
        self.engine.dispose()


def as_problem(error: DBAPIError, location: str) -> Exception:
    """The user-level problem behind a driver error, or the error itself if it is a bug."""
    return driver_errors.translate(error, _dialect(error), location)


_DRIVER_DIALECTS = {"sqlite3": "sqlite", "pysqlcipher3": "sqlite", "sqlcipher3": "sqlite",
                    "psycopg": "postgresql", "psycopg2": "postgresql"}


def _dialect(error: DBAPIError) -> str:
    """The dialect of a driver error raised where no engine is at hand."""
    module = type(error.orig).__module__ if error.orig is not None else ""
    return _DRIVER_DIALECTS.get(module.split(".", 1)[0], "")


def raise_translated(problem: Exception, error: DBAPIError) -> NoReturn:
    """Raise the problem ``error`` was translated into, not chained to the driver's error,
    whose text may hold the row's values (PostgreSQL's "Key (iin)=(...) already exists"):
    problems reach messages and the log. An error no translator knows (a bug) goes on
    as it came, with its whole chain."""
    if problem is error:
        raise error
    raise problem from None


def _stale_record(session: Session) -> StaleRecord:
    """Which record someone else changed since it was read, and who did.

    The driver only says that some UPDATE of a table matched no row; each record
    the failed flush meant to change is compared with the database, and the one
    whose stored version is no longer the one it was read at is named.
    """
    from db.models.org import User  # local: models import nothing from here

    with Session(session.get_bind().engine) as fresh:
        for model, record_id, expected in session.info.get("expected_versions", ()):
            table = model.__table__
            row = fresh.execute(select(table.c.version, table.c.updated_by, table.c.updated_at)
                                .where(table.c.id == record_id)).first()
            if row is not None and row.version == expected:
                continue  # this one was still as it was read
            who = fresh.get(User, row.updated_by).full_name if row and row.updated_by else None
            return StaleRecord(table.name, record_id, who, row.updated_at if row else None)
    return StaleRecord("", None, None, None)
