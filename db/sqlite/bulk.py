"""SQLite's half of ``db.bulk``: one ``executemany`` per table, foreign keys off.

Rows are consistent by construction and checked in tests; checking each foreign key
during the load would double its time, so they are off until the load ends. The values
every row shares go into the statement as literals.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from db.sqlite import pragmas

if TYPE_CHECKING:
    from db.bulk import Declared

BULK_CACHE_KIB = 512 * 1024
ANALYSIS_LIMIT = 1000  # rows ANALYZE samples per index: well under a second on a million


class Writer:
    def __init__(self, connection: sqlite3.Connection, _exclusive: bool = False) -> None:
        # A load holds the file's one write lock whether exclusive or not.
        self._connection = connection
        self._sql: dict[str, str] = {}

    def begin(self) -> None:
        # Must be set outside a transaction, hence before BEGIN.
        self._connection.execute("PRAGMA foreign_keys=OFF")
        # A large page cache keeps index pages in memory until commit: spilled to the
        # WAL mid-transaction they would be written again and again.
        self._connection.execute(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        self._connection.execute("BEGIN")

    def insert(self, table: Declared, rows: list[tuple[Any, ...]]) -> None:
        sql = self._sql.get(table.table)
        if sql is None:
            values = ["?"] * len(table.columns) + [_literal(v) for v in table.shared_values]
            sql = self._sql[table.table] = (f'INSERT INTO "{table.table}" '
                                            f'({", ".join(table.names)}) '
                                            f'VALUES ({", ".join(values)})')
        self._connection.executemany(sql, rows)

    def update(self, table: Declared, rows: list[tuple[Any, ...]]) -> None:
        keys = [table.columns.index(name) for name in table.primary_key]
        others = [at for at in range(len(table.columns)) if at not in keys]
        assignments = ", ".join(f'"{table.columns[at]}" = ?' for at in others)
        match = " AND ".join(f'"{name}" = ?' for name in table.primary_key)
        self._connection.executemany(
            f'UPDATE "{table.table}" SET {assignments} WHERE {match}',
            [tuple(row[at] for at in (*others, *keys)) for row in rows])

    def commit(self, _tables: list[str]) -> None:
        self._connection.execute("COMMIT")
        # Fresh statistics so the planner knows the new tables' sizes.
        self._connection.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        self._connection.execute("ANALYZE")

    def rollback(self) -> None:
        if self._connection.in_transaction:
            self._connection.execute("ROLLBACK")

    def close(self) -> None:
        self._connection.execute("PRAGMA foreign_keys=ON")
        self._connection.execute(f"PRAGMA cache_size={pragmas.CACHE_SIZE}")


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(value)
