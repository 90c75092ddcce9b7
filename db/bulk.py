"""Fast bulk loading for generated or imported data, in the ORM's own storage format.

The ORM costs tens of microseconds a row; demo data and imports write a million
rows. ``BulkLoader`` collects plain tuples per table and writes each table's
pending rows at once (SQLite: one ``executemany``; PostgreSQL: one ``COPY``), in
dependency order, inside a single transaction that it commits only when the
whole load succeeded: an exception inside ``with BulkLoader(...)`` (Cancelled
from a progress callback among them) leaves the database as it was. The
driver's errors come out as SQLAlchemy's (``IntegrityError``...), as from a
session, on either engine.

Values must already be in SQLite's storage form, on either engine: use ``key``,
``day`` and ``moment`` below; booleans as 0/1, JSON as text. A row may refer to
rows written by an earlier ``flush`` or to rows of the same flush (parents are
written first; a table's rows may refer to each other), never to rows added
later: PostgreSQL checks each foreign key as the rows go in. A row whose values
are only known later is added early and corrected with ``update``.

What each engine does lives with it (``db.sqlite.bulk``, ``db.postgres.bulk``);
this module holds what both share: the declared columns and the values the ORM
would give the rest, the pending rows, the order and the transaction.
"""

from __future__ import annotations

import enum
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Any, Protocol

from sqlalchemy import Engine, Table
from sqlalchemy.exc import DBAPIError

from db.base import Base, Record, utcnow
from db.postgres import bulk as postgres_bulk
from db.sqlite import bulk as sqlite_bulk

STAMPS = ("created_at", "updated_at", "created_by", "updated_by", "version")


def key(value: uuid.UUID) -> str:
    """A UUID as SQLAlchemy's ``Uuid`` stores it on SQLite: 32 hex digits."""
    return value.hex


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def moment(value: datetime | None) -> str | None:
    """A naive datetime as SQLAlchemy stores it on SQLite ("2026-11-25 10:00:00.000000")."""
    return None if value is None else value.isoformat(" ", "microseconds")


@dataclass(frozen=True)
class Declared:
    """A table as a load writes it: the columns each row gives, in tuple order, then
    those every row shares (stamps, model defaults), with their values."""

    table: str
    columns: tuple[str, ...]
    shared: tuple[tuple[str, Any], ...]
    primary_key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return self.columns + tuple(name for name, _ in self.shared)

    @property
    def shared_values(self) -> tuple[Any, ...]:
        return tuple(value for _, value in self.shared)


class Writer(Protocol):
    """One engine's half of a load, on the driver's own connection."""

    def begin(self) -> None: ...

    def insert(self, table: Declared, rows: list[tuple[Any, ...]]) -> None: ...

    def update(self, table: Declared, rows: list[tuple[Any, ...]]) -> None: ...

    def commit(self, tables: list[str]) -> None: ...

    def rollback(self) -> None: ...

    def close(self) -> None: ...


WRITERS: dict[str, Callable[[Any, bool], Writer]] = {"sqlite": sqlite_bulk.Writer,
                                                    "postgresql": postgres_bulk.Writer}


class BulkLoader:
    """Collects rows per table and writes them in dependency order on ``flush``."""

    def __init__(self, engine: Engine, user_id: uuid.UUID | None = None, *,
                 exclusive: bool = False) -> None:
        """``exclusive``: nobody works in the database beside this load (the demo, which
        goes into an empty one), so the engine may take the written tables for itself
        until the commit (PostgreSQL: their foreign keys and plain indexes set aside and
        made again once all rows are in; see ``db.postgres.bulk``)."""
        if engine.dialect.name not in WRITERS:
            raise NotImplementedError(engine.dialect.name)
        self._engine = engine
        self._exclusive = exclusive
        self._user = key(user_id) if user_id else None
        self._now = moment(utcnow())
        self._pending: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self._updates: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self._tables: dict[str, Declared] = {}
        self._order = [table.name for table in Base.metadata.sorted_tables]
        self.written: Counter[str] = Counter()  # rows per table

    def __enter__(self) -> BulkLoader:
        self._raw = self._engine.raw_connection()
        self._writer = WRITERS[self._engine.dialect.name](self._raw.driver_connection,
                                                          self._exclusive)
        try:
            with self._translated():
                self._writer.begin()
        except BaseException:
            self._release()
            raise
        return self

    def columns(self, table: str, columns: tuple[str, ...]) -> None:
        """Declare the columns (in tuple order) that ``add`` will receive for ``table``."""
        metadata_table: Table = Base.metadata.tables[table]
        shared: list[tuple[str, Any]] = []
        if any(m.local_table is metadata_table for m in _record_mappers()):
            shared += zip(STAMPS, (self._now, self._now, self._user, self._user, 1),
                          strict=True)
        # Columns left out get their model default, as the ORM would give them.
        for column in metadata_table.c:
            if column.key in columns or column.key in STAMPS:
                continue
            default = column.default
            if default is not None and default.is_scalar:
                shared.append((column.key, _stored(default.arg)))
        names = columns + tuple(name for name, _ in shared)
        unknown = set(names) - set(metadata_table.c.keys())
        if unknown:
            raise KeyError(f"{table}: {sorted(unknown)}")
        self._tables[table] = Declared(table, columns, tuple(shared),
                                       tuple(c.key for c in metadata_table.primary_key))

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self._pending[table].append(row)

    def update(self, table: str, row: tuple[Any, ...]) -> None:
        """Rewrite a row already added (found by its primary key, which the declared
        columns hold) with these values of its declared columns, on the next flush."""
        self._updates[table].append(row)

    def flush(self) -> None:
        with self._translated():
            for table in self._order:
                rows = self._pending.pop(table, None)
                if rows:
                    self._writer.insert(self._tables[table], rows)
                    self.written[table] += len(rows)
            for table in self._order:
                rows = self._updates.pop(table, None)
                if rows:
                    self._writer.update(self._tables[table], rows)

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        try:
            if kind is not None:
                self._rollback()
                return
            try:
                self.flush()
                with self._translated():
                    self._writer.commit([t for t in self._order if self.written[t]])
            except BaseException:
                self._rollback()
                raise
        finally:
            self._release()

    def _rollback(self) -> None:
        try:
            self._writer.rollback()
        except self._engine.dialect.loaded_dbapi.Error:
            # The connection is gone, and the server rolled back with it.
            if self._raw.is_valid:
                self._raw.invalidate()

    def _release(self) -> None:
        try:
            if self._raw.is_valid:
                self._writer.close()
        finally:
            self._raw.close()

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """The driver's errors as SQLAlchemy's (IntegrityError, OperationalError...), as a
        session raises them, so that callers and ``Database.translate`` read them alike."""
        dialect = self._engine.dialect
        try:
            yield
        except dialect.loaded_dbapi.Error as error:
            lost = dialect.is_disconnect(error, self._raw.driver_connection, None)
            if lost:
                self._raw.invalidate()
            raise DBAPIError.instance(None, None, error, dialect.loaded_dbapi.Error,
                                      hide_parameters=True, connection_invalidated=lost,
                                      dialect=dialect) from error


def _stored(value: Any) -> Any:
    """A model default in storage form."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | str):
        return value
    raise TypeError(value)


def _record_mappers() -> list[Any]:
    return [mapper for mapper in Base.registry.mappers if issubclass(mapper.class_, Record)]
