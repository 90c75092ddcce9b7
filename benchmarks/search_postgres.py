"""Client search on PostgreSQL: 1,000 varied queries (Cyrillic, Latin, prefixes, IIN digits)
and 1,000 from the middle of a name or an IIN, through Qadam's search (reading the question,
the tsvector and pg_trgm indexes, fetching the rows) beside the same SQL replayed raw through
psycopg. Target (issue 13, on a 1,000,000-client demo): p95 under 30 ms.

    .venv/bin/qadam --db postgresql+psycopg://USER@HOST/DBNAME demo --clients 1000000
    .venv/bin/python benchmarks/search_postgres.py postgresql+psycopg://USER@HOST/DBNAME
    .venv/bin/python benchmarks/search_postgres.py URL --explain   # plans of the SQL too

The queries are those of benchmarks/search.py (the same makers, people drawn by the server's
random() under a fixed seed). The SQL is captured from Qadam's own calls, so "raw" is exactly
what Qadam asks, without Python, SQLAlchemy and the rows' conversion around it.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import psycopg
from common import describe, percentile
from search import sample_infixes, sample_queries
from sqlalchemy import event
from sqlalchemy.engine import make_url

from db.migrate import open_database
from desktop.services.auth import log_in
from desktop.services.clients import search_clients

LIMIT = 50
TARGET_MS = 30.0
SEED = 0.5  # setseed(): the same people drawn on every run over the same database


def libpq_url(url: str) -> str:
    """The URL as psycopg takes it: without SQLAlchemy's "+psycopg"."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def captured(database: Any, actor: Any, queries: list[str]) -> list[tuple[str, Any] | None]:
    """Each query's search SQL and parameters as Qadam sends them (None: nothing to ask)."""
    statements: list[tuple[str, Any] | None] = []
    current: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "person_search" in statement:
            current.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        for query in queries:
            current.clear()
            search_clients(database, actor, query, limit=LIMIT)
            statements.append(current[-1] if current else None)
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    return statements


def measure(database: Any, actor: Any, raw: psycopg.Connection, queries: list[str],
            title: str, explain: bool) -> None:
    statements = captured(database, actor, queries)  # also warms both caches alike
    ours, theirs, found = [], [], []
    for query, statement in zip(queries, statements, strict=True):
        started = time.perf_counter()
        rows = search_clients(database, actor, query, limit=LIMIT)
        ours.append((time.perf_counter() - started) * 1000)
        found.append(len(rows))
        started = time.perf_counter()
        if statement is not None:
            raw.execute(*statement).fetchall()
        theirs.append((time.perf_counter() - started) * 1000)
    print(f"{title}: {len(queries)} queries, first {LIMIT} matches each "
          f"(median {statistics.median(found):.0f} found)")
    print(f"  Qadam search_clients  : {describe(ours)}")
    print(f"  the SQL raw (psycopg) : {describe(theirs)}")
    ratio = statistics.median(ours) / max(statistics.median(theirs), 1e-6)
    p95 = percentile(ours, 0.95)
    verdict = "pass" if p95 < TARGET_MS else "FAIL"
    print(f"  ratio Qadam / raw     : p50 {ratio:.2f}x   "
          f"p95 {p95 / max(percentile(theirs, 0.95), 1e-6):.2f}x   "
          f"p95 < {TARGET_MS:.0f} ms: {verdict}")
    slowest = sorted(zip(ours, queries, strict=True), reverse=True)[:5]
    print("  slowest: " + ", ".join(f"{query!r} {ms:.0f} ms" for ms, query in slowest))
    if explain:
        scans = Counter(node for statement in statements if statement is not None
                        for node in _scans(raw, statement))
        print("  plans, scans of person_search: " + ", ".join(
            f"{kind} {count}" for kind, count in scans.most_common()))


def _scans(raw: psycopg.Connection, statement: tuple[str, Any]) -> set[str]:
    """The kinds of scan the plan makes of person_search (Seq Scan: the index went unused)."""
    plan = raw.execute("EXPLAIN (FORMAT JSON) " + statement[0], statement[1]).fetchone()[0]
    return {f"{node['Node Type']} {node.get('Index Name', '')}".strip()
            for node in _nodes(plan[0]["Plan"]) if node.get("Relation Name") == "person_search"
            or node.get("Index Name", "").startswith(("ix_person_search", "person_search"))}


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", ()):
        yield from _nodes(child)


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(arguments) != 1:
        sys.exit(__doc__)
    url = arguments[0]
    database = open_database(url, create=False)
    if database.engine.dialect.name != "postgresql":
        sys.exit("benchmarks/search_postgres.py measures PostgreSQL; for SQLite: search.py")
    # As the window asks: a logged-in manager (every office), re-read on every call.
    actor = log_in(database, "manager.ast", "qadam-manager")
    with psycopg.connect(libpq_url(url), autocommit=True) as raw:
        version = raw.execute("SHOW server_version").fetchone()[0]
        clients = raw.execute("SELECT count(*) FROM person").fetchone()[0]
        sizes = raw.execute(
            "SELECT string_agg(relname || ' ' || pg_size_pretty(pg_relation_size(oid)), ', ') "
            "FROM pg_class WHERE relname LIKE 'ix_person_search%'").fetchone()[0]
        print(f"{clients:,} clients, PostgreSQL {version}; indexes: {sizes}")
        raw.execute("SELECT setseed(%s)", (SEED,))
        rng = random.Random(5)
        names, infixes = sample_queries(raw, rng), sample_infixes(raw, rng)
        explain = "--explain" in sys.argv
        measure(database, actor, raw, names, "names, prefixes and IINs as typed", explain)
        measure(database, actor, raw, infixes,
                "from the middle: 4 letters of a surname or 4 digits of an IIN", explain)
    database.dispose()


if __name__ == "__main__":
    main()
