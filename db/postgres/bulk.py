"""PostgreSQL's half of ``db.bulk``: one ``COPY ... FROM STDIN`` per table and flush.

Values come in SQLite's storage form and go as they are: text-format COPY hands each
one to its column type's own input, which reads UUIDs as 32 hex digits, ISO dates,
times and timestamps, JSON as text and booleans as 0/1. The values every row shares
(stamps, model defaults) are added to each row; columns left out (``person_search``'s
serial ``doc_id``) get the server's default.

Foreign keys cannot be turned off (but by a superuser): they are checked as the rows go
in, at the end of each COPY, so ``db.bulk`` writes parents before children and callers
never add a row before those it refers to. An ``exclusive`` load (the demo, in an empty
database) that owns its tables sets their keys, foreign keys, unique constraints and
indexes aside instead and makes them again before the commit (as ``pg_restore`` does):
checking each row's references and putting each row into every index one by one takes
most of the server's time, and grows faster than the rows once the indexes outgrow the
server's cache; building an index from all the rows at once and checking a foreign key
with one join takes a fraction of it. A duplicate or a broken reference then fails the
load at the commit instead of at its COPY. It is all one transaction, DDL included: a
failed or cancelled load leaves every constraint and index as it was.

The COPYs run on a thread of their own, one at a time and in order, so that the server
reads one chunk while the caller makes the next; an error there is raised in the
caller's thread by the next call.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

    from db.bulk import Declared

# What an exclusive load sets aside for a table, in the order it goes: the foreign keys
# from and to it (a key cannot go while one refers to it), then its primary key, unique
# constraints and indexes. Each with the statement that drops it, the one that makes it
# again, and whether this user may (owns the table it is on).
TAKEN_APART = """
    SELECT step, 'ALTER TABLE ' || conrelid::regclass::text || ' DROP CONSTRAINT '
               || quote_ident(conname),
           'ALTER TABLE ' || conrelid::regclass::text || ' ADD CONSTRAINT '
               || quote_ident(conname) || ' ' || pg_get_constraintdef(c.oid),
           pg_has_role(relowner, 'USAGE')
    FROM (SELECT 1 AS step, * FROM pg_constraint
          WHERE contype = 'f' AND %(table)s::regclass IN (conrelid, confrelid)
          UNION ALL
          SELECT 2, * FROM pg_constraint
          WHERE contype IN ('p', 'u') AND conrelid = %(table)s::regclass) AS c
    JOIN pg_class ON pg_class.oid = conrelid
    UNION ALL
    SELECT 3, 'DROP INDEX ' || indexrelid::regclass::text, pg_get_indexdef(indexrelid),
           pg_has_role(relowner, 'USAGE')
    FROM pg_index JOIN pg_class ON pg_class.oid = indrelid
    WHERE indrelid = %(table)s::regclass AND NOT EXISTS (
        SELECT FROM pg_constraint WHERE conindid = indexrelid AND conrelid = indrelid
        AND contype IN ('p', 'u', 'x'))
    ORDER BY 1
    """
# Memory for each index build (the server's default is 64 MB).
REBUILD_MEMORY = "256MB"
IN_FLIGHT = 64  # COPYs waiting for the thread: about one chunk of every table


class Writer:
    def __init__(self, connection: psycopg.Connection[Any], exclusive: bool = False) -> None:
        self._connection = connection
        self._exclusive = exclusive
        self._seen: set[str] = set()
        self._rebuild: list[tuple[int, str]] = []  # (step, what makes it again)
        self._pipe = _Pipe()

    def begin(self) -> None:
        # psycopg opens the transaction with the first statement; a pooled connection
        # comes back idle, and nothing here commits before ``commit``.
        pass

    def insert(self, table: Declared, rows: list[tuple[Any, ...]]) -> None:
        self._pipe.put(lambda: self._insert(table, rows))

    def update(self, table: Declared, rows: list[tuple[Any, ...]]) -> None:
        self._pipe.put(lambda: self._update(table, rows))

    def commit(self, tables: list[str]) -> None:
        self._pipe.drain()
        with self._connection.cursor() as cursor:
            if self._rebuild:
                cursor.execute(f"SET LOCAL maintenance_work_mem = '{REBUILD_MEMORY}'")
                # Keys and indexes first, then the foreign keys that need them.
                for _step, statement in sorted(self._rebuild, key=lambda part: -part[0]):
                    cursor.execute(statement)
        self._connection.commit()
        if tables:
            # Fresh statistics so the planner knows the new tables' sizes (a sample of
            # each, not a scan), in a transaction of its own once the rows are in.
            with self._connection.cursor() as cursor:
                cursor.execute("ANALYZE " + ", ".join(f'"{name}"' for name in tables))
            self._connection.commit()

    def rollback(self) -> None:
        self._pipe.stop()  # first: the thread may be in the middle of a COPY
        self._connection.rollback()

    def close(self) -> None:
        self._pipe.stop()

    def _insert(self, table: Declared, rows: list[tuple[Any, ...]]) -> None:
        if self._exclusive and table.table not in self._seen:
            self._take_apart(table.table)
        _copy(self._connection, table.table, table.names, rows, table.shared_values)

    def _take_apart(self, table: str) -> None:
        """Set aside the table's keys, constraints and indexes until the commit; only the
        owner of every table involved may, for anyone else the table stays as it is."""
        self._seen.add(table)
        with self._connection.cursor() as cursor:
            parts = cursor.execute(TAKEN_APART, {"table": f'"{table}"'}).fetchall()
            if not all(owned for _step, _drop, _create, owned in parts):
                return
            for step, drop, create, _owned in parts:
                cursor.execute(drop)
                self._rebuild.append((step, create))

    def _update(self, table: Declared, rows: list[tuple[Any, ...]]) -> None:
        """COPY into a temporary twin of the declared columns, then one UPDATE ... FROM:
        the values are read by the same input functions as an insert's."""
        staged = f"bulk_{table.table}"
        names = ", ".join(f'"{name}"' for name in table.columns)
        others = [name for name in table.columns if name not in table.primary_key]
        with self._connection.cursor() as cursor:
            cursor.execute(f'CREATE TEMPORARY TABLE "{staged}" ON COMMIT DROP AS '
                           f'SELECT {names} FROM "{table.table}" WITH NO DATA')
            _copy(self._connection, staged, table.columns, rows, ())
            assignments = ", ".join(f'"{name}" = s."{name}"' for name in others)
            match = " AND ".join(f't."{name}" = s."{name}"' for name in table.primary_key)
            cursor.execute(f'UPDATE "{table.table}" AS t SET {assignments} '
                           f'FROM "{staged}" AS s WHERE {match}')
            cursor.execute(f'DROP TABLE "{staged}"')


def _copy(connection: psycopg.Connection[Any], table: str, names: tuple[str, ...],
          rows: list[tuple[Any, ...]], shared: tuple[Any, ...]) -> None:
    columns = ", ".join(f'"{name}"' for name in names)
    with connection.cursor() as cursor, cursor.copy(
            f'COPY "{table}" ({columns}) FROM STDIN') as copy:
        write = copy.write_row
        if shared:
            for row in rows:
                write(row + shared)
        else:
            for row in rows:
                write(row)


class _Pipe:
    """Work done on one thread of its own, in the order given. The first error stops
    it: what is still queued is dropped, and ``put`` or ``drain`` raise the error."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Callable[[], None] | None] = queue.Queue(IN_FLIGHT)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._stopped = False

    def put(self, work: Callable[[], None]) -> None:
        self._raise()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="bulk-copy", daemon=True)
            self._thread.start()
        self._queue.put(work)

    def drain(self) -> None:
        """Wait until everything given is done."""
        self._queue.join()
        self._raise()

    def stop(self) -> None:
        """Drop what is queued, wait for what runs, end the thread."""
        self._stopped = True
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        while True:
            work = self._queue.get()
            try:
                if work is None:
                    return
                if self._error is None and not self._stopped:
                    work()
            except BaseException as error:  # raised in the caller's thread
                self._error = error
            finally:
                self._queue.task_done()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._stopped = True
            raise error
