"""Fast bulk loading for generated or imported data, in the ORM's own storage format.

The ORM costs tens of microseconds a row; demo data and imports write a
million rows. ``BulkLoader`` writes plain tuples through one ``executemany``
per table, inside a single transaction that it commits only when the whole
load succeeded. Values must already be in storage form: use ``key``,
``day`` and ``moment`` below.
"""

from __future__ import annotations

import enum
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, Table

from db.base import Base, Record, utcnow
from db.sqlite import pragmas

BULK_CACHE_KIB = 512 * 1024


def key(value: uuid.UUID) -> str:
    """A UUID as SQLAlchemy's ``Uuid`` stores it on SQLite: 32 hex digits."""
    return value.hex


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def moment(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%d %H:%M:%S.%f")


class BulkLoader:
    """Collects rows per table and writes them in dependency order on ``flush``."""

    def __init__(self, engine: Engine, user_id: uuid.UUID | None = None) -> None:
        if engine.dialect.name != "sqlite":
            raise NotImplementedError(engine.dialect.name)
        self._engine = engine
        self._user = key(user_id) if user_id else None
        self._now = moment(utcnow())
        self._pending: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self._columns: dict[str, tuple[str, ...]] = {}
        self._sql: dict[str, str] = {}
        self._order = [table.name for table in Base.metadata.sorted_tables]
        self.written: Counter[str] = Counter()  # rows per table

    def __enter__(self) -> BulkLoader:
        self._raw = self._engine.raw_connection()
        connection = self._raw.driver_connection
        # Rows are consistent by construction and checked in tests; checking each
        # foreign key during the load would double its time. Must be set outside a
        # transaction, hence before BEGIN.
        connection.execute("PRAGMA foreign_keys=OFF")
        # A large page cache keeps index pages in memory until commit: spilled to the
        # WAL mid-transaction they would be written again and again.
        connection.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        connection.execute("BEGIN")
        self._connection = connection
        return self

    def columns(self, table: str, columns: tuple[str, ...]) -> None:
        """Declare the columns (in tuple order) that ``add`` will receive for ``table``."""
        metadata_table: Table = Base.metadata.tables[table]
        stamps: tuple[str, ...] = ()
        literals: tuple[str, ...] = ()
        is_record = any(m.local_table is metadata_table for m in _record_mappers())
        if is_record:
            stamps = ("created_at", "updated_at", "created_by", "updated_by", "version")
            user = f"'{self._user}'" if self._user else "NULL"
            literals = (f"'{self._now}'", f"'{self._now}'", user, user, "1")
        # Columns left out get their model default, as the ORM would give them.
        for column in metadata_table.c:
            if column.key in columns or column.key in stamps:
                continue
            default = column.default
            if default is not None and default.is_scalar:
                stamps += (column.key,)
                literals += (_literal(default.arg),)
        names = columns + stamps
        unknown = set(names) - set(metadata_table.c.keys())
        if unknown:
            raise KeyError(f"{table}: {sorted(unknown)}")
        values = ", ".join(["?"] * len(columns) + list(literals))
        self._columns[table] = columns
        self._sql[table] = f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({values})'

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self._pending[table].append(row)

    def flush(self) -> None:
        for table in self._order:
            rows = self._pending.pop(table, None)
            if rows:
                self._connection.executemany(self._sql[table], rows)
                self.written[table] += len(rows)

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        try:
            if kind is None:
                self.flush()
                self._connection.execute("COMMIT")
                # Fresh statistics so the planner knows the new tables' sizes; the limit
                # keeps ANALYZE to a sample (well under a second on a million rows).
                self._connection.execute("PRAGMA analysis_limit=1000")
                self._connection.execute("ANALYZE")
            else:
                self._connection.execute("ROLLBACK")
        finally:
            self._connection.execute("PRAGMA foreign_keys=ON")
            self._connection.execute(f"PRAGMA cache_size={pragmas.CACHE_SIZE}")
            self._raw.close()


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, enum.Enum):
        return _literal(value.value)
    raise TypeError(value)


def _record_mappers() -> list[Any]:
    return [mapper for mapper in Base.registry.mappers if issubclass(mapper.class_, Record)]
