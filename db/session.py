"""Engines, sessions and the unit of work.

One short session per unit of work: ``with database.session(user_id) as s:``
commits on success and rolls back on any error, so a failure mid-way leaves
the database as it was.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db.audit import stamp_and_audit
from db.collation import sort_key
from db.errors import DatabaseProblem, Problem, StaleRecord
from db.models.person import Person
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
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        pragmas.install(engine)
    return engine


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for person in (*session.new, *session.dirty):
        if isinstance(person, Person):
            person.sort_key = sort_key(f"{person.surname} {person.given_name}")
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

    @contextmanager
    def session(self, user_id: uuid.UUID | None = None) -> Iterator[Session]:
        session = self._factory()
        session.info["user_id"] = user_id
        try:
            yield session
            session.commit()
        except StaleDataError as error:
            stale = _stale_record(session, error)  # before rollback empties session.dirty
            session.rollback()
            raise stale from error
        except DBAPIError as error:
            session.rollback()
            raise as_problem(error, self.url) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def as_problem(error: DBAPIError, location: str) -> Exception:
    """The user-level problem behind a driver error, or the error itself if it is a bug."""
    message = str(error.orig)
    if isinstance(error.orig, sqlite3.DatabaseError):
        if "locked" in message or "busy" in message:
            return DatabaseProblem(Problem.LOCKED, location)
        if "disk is full" in message:
            return DatabaseProblem(Problem.DISK_FULL, location)
        if "readonly" in message or "unable to open" in message:
            return DatabaseProblem(Problem.NOT_WRITABLE, location)
        if "malformed" in message or "not a database" in message:
            return DatabaseProblem(Problem.DAMAGED, location, message)
    return error


def _stale_record(session: Session, error: StaleDataError) -> StaleRecord:
    """Find who changed the record since it was read, for the conflict message."""
    from db.models.org import User  # local: models import nothing from here

    # A failed flush has already emptied session.dirty; the identity map still holds it.
    stale = next((obj for obj in session.identity_map.values()
                  if f"'{getattr(obj, '__tablename__', '')}'" in str(error)), None)
    if stale is None:
        return StaleRecord("", None, None, None)
    table = type(stale).__table__
    record_id = inspect(stale).identity[0]  # attribute access would try to reload
    with Session(session.get_bind().engine) as fresh:
        row = fresh.execute(select(table.c.updated_by, table.c.updated_at)
                            .where(table.c.id == record_id)).first()
        who = fresh.get(User, row.updated_by).full_name if row and row.updated_by else None
    return StaleRecord(table.name, record_id, who, row.updated_at if row else None)
