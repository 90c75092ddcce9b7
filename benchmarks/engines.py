"""Where each engine stands: the same work on every database given, side by side, each
figure beside the same SQL replayed raw through the engine's own driver (sqlite3 or
psycopg), with no Python, SQLAlchemy or row conversion of Qadam's around it.

    .venv/bin/qadam --db benchmarks/demo-1m.db demo --clients 1000000
    .venv/bin/qadam --db postgresql+psycopg://USER@HOST/DBNAME demo --clients 1000000
    .venv/bin/python benchmarks/engines.py benchmarks/demo-100k.db benchmarks/demo-1m.db \\
        postgresql+psycopg://USER@HOST/DBNAME [--month YYYY-MM]

Measured on each (issue 13's targets, for the central office on PostgreSQL at 1,000,000):
* search, 1,000 queries as typed (Cyrillic, Latin, prefixes, IIN digits) and 1,000 from
  the middle of a surname or an IIN, first 50 matches with their rows, as a manager sees
  them (every office) and as a caseworker does (one office): p95 under 30 ms;
* the first screen of the client list (its first 200 rows in alphabetical order and the
  count), as the window asks when it opens: under 1.5 s;
* the monthly report for all offices, figures and PDF: under 10 s.
The SQL is captured from Qadam's own calls, so "raw" is exactly what Qadam asks.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from common import percentile
from search import LONG_SURNAMES, PEOPLE, infix_queries, name_queries
from sqlalchemy import event, text

from db.migrate import open_database
from db.queries.clients import ClientQuery
from db.reports.periods import Period
from db.session import Database
from desktop import collection
from desktop.services.auth import log_in
from desktop.services.clients import client_count, list_clients, search_clients
from desktop.services.reports import build_monthly, write_report

LIMIT = 50  # matches a search asks for
FIRST_SCREEN = 200  # rows the client list fetches first (desktop/ui/clients/list_model.py)
SEARCH_MS, FIRST_SCREEN_MS, MONTHLY_MS = 30.0, 1500.0, 10_000.0
SCREEN_RUNS, REPORT_RUNS = 20, 3
# PEOPLE and LONG_SURNAMES draw with random(), which only PostgreSQL can seed: the same
# draw on every run over the same database, rather than the same people on both engines.
PG_SEED = 0.5


@dataclass
class Figure:
    title: str
    ours: list[float]  # milliseconds of each call through Qadam
    raw: list[float]  # the same SQL through the driver
    target: float
    found: str = ""

    @property
    def verdict(self) -> str:
        return "pass" if percentile(self.ours, 0.95) < self.target else "FAIL"


class Replay:
    """Captures the SQL a piece of Qadam's work sends, and sends it again raw."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.connection = database.engine.raw_connection()

    @contextmanager
    def captured(self) -> Iterator[list[tuple[str, Any]]]:
        statements: list[tuple[str, Any]] = []

        def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            statements.append((statement, parameters))

        event.listen(self.database.engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(self.database.engine, "before_cursor_execute", record)

    def run(self, statements: list[tuple[str, Any]]) -> float:
        """Milliseconds to send ``statements`` and fetch every row, in one read."""
        cursor = self.connection.cursor()
        started = time.perf_counter()
        for statement, parameters in statements:
            if statement == "BEGIN":  # a read's snapshot (db.session): the replay is one
                continue
            cursor.execute(statement, parameters)
            if cursor.description is not None:
                cursor.fetchall()
        elapsed = (time.perf_counter() - started) * 1000
        cursor.close()
        self.connection.rollback()
        return elapsed

    def close(self) -> None:
        self.connection.close()


def timed_pair(replay: Replay, work: Callable[[], object]) -> tuple[float, float]:
    """(ms through Qadam, ms of the same SQL raw) for one call of ``work``."""
    # What the window's collection timer does between two pieces of work (two searches
    # typed): no full collection runs in the middle of one (desktop.collection).
    collection.collect_due()
    with replay.captured() as statements:
        started = time.perf_counter()
        work()
        ours = (time.perf_counter() - started) * 1000
    return ours, replay.run(statements)


def search_figures(database: Database, replay: Replay, actor: Any, who: str,
                   queries: dict[str, list[str]]) -> list[Figure]:
    figures = []
    for kind, asked in queries.items():
        for query in asked:  # every page each query reads in memory, for both alike
            search_clients(database, actor, query, limit=LIMIT)
        ours, raw, found = [], [], []
        for query in asked:
            rows: list[Any] = []

            def search(query: str = query, rows: list[Any] = rows) -> None:
                rows.extend(search_clients(database, actor, query, limit=LIMIT))

            mine, theirs = timed_pair(replay, search)
            ours.append(mine)
            raw.append(theirs)
            found.append(len(rows))
        slowest = sorted(zip(ours, asked, strict=True), reverse=True)[:3]
        figures.append(Figure(
            f"search {kind}, {who}", ours, raw, SEARCH_MS,
            f"median {statistics.median(found):.0f} found; slowest "
            + ", ".join(f"{q!r} {ms:.0f} ms" for ms, q in slowest)))
    return figures


def first_screen(database: Database, replay: Replay, actor: Any, who: str) -> Figure:
    def open_list() -> None:
        list_clients(database, actor, ClientQuery(), FIRST_SCREEN)
        client_count(database, actor)

    open_list()
    pairs = [timed_pair(replay, open_list) for _run in range(SCREEN_RUNS)]
    return Figure(f"client list, first screen, {who}", [p[0] for p in pairs],
                  [p[1] for p in pairs], FIRST_SCREEN_MS)


def monthly(database: Database, replay: Replay, actor: Any, month: date) -> Figure:
    folder = Path(tempfile.mkdtemp())

    def report() -> None:
        built = build_monthly(database, actor, Period.month(month), None, "kk", "benchmark")
        write_report(built, folder / "report.pdf")

    report()
    pairs = [timed_pair(replay, report) for _run in range(REPORT_RUNS)]
    return Figure(f"monthly report {month:%Y-%m}, all offices, PDF", [p[0] for p in pairs],
                  [p[1] for p in pairs], MONTHLY_MS)


def describe_database(database: Database) -> tuple[str, int]:
    with database.reading() as connection:
        clients = connection.scalar(text("SELECT count(*) FROM person"))
        if database.engine.dialect.name == "postgresql":
            version = connection.scalar(text("SHOW server_version"))
            return f"PostgreSQL {version}", clients
        version = connection.scalar(text("SELECT sqlite_version()"))
        return f"SQLite {version}", clients


def sampled(database: Database, rng: random.Random) -> dict[str, list[str]]:
    with database.reading() as connection:
        if database.engine.dialect.name == "postgresql":
            connection.execute(text("SELECT setseed(:seed)"), {"seed": PG_SEED})
        people = connection.execute(text(PEOPLE)).all()
        long_surnames = connection.execute(text(LONG_SURNAMES)).all()
    return {"as typed": name_queries(people, rng),
            "from the middle": infix_queries(long_surnames, rng)}


def measure(target: str, month: date, kinds: set[str]) -> tuple[str, list[Figure]]:
    database = open_database(target, create=False)
    collection.take_over()  # as the window does
    replay = Replay(database)
    try:
        engine, clients = describe_database(database)
        label = f"{engine}, {clients:,} clients"
        print(f"\n{label}: {database.engine.url.render_as_string(hide_password=True)}")
        queries = sampled(database, random.Random(5))
        manager = log_in(database, "manager.ast", "qadam-manager")
        caseworker = log_in(database, "cw1.ast", "qadam-caseworker")
        admin = log_in(database, "admin", "qadam-admin")
        figures = []
        if "search" in kinds:
            figures += [*search_figures(database, replay, manager, "manager", queries),
                        *search_figures(database, replay, caseworker, "caseworker", queries)]
        if "list" in kinds:
            figures += [first_screen(database, replay, manager, "manager"),
                        first_screen(database, replay, caseworker, "caseworker")]
        if "report" in kinds:
            figures.append(monthly(database, replay, admin, month))
        for figure in figures:
            print(line(figure), flush=True)
            if figure.found:
                print(f"    {figure.found}", flush=True)
        return label, figures
    finally:
        replay.close()
        database.dispose()


HEADER = (f"{'':52} {'Qadam p50':>10} {'p95':>9}   {'raw p50':>9} {'p95':>9}   "
          f"{'ratio':>6}   target")


def line(figure: Figure) -> str:
    p50, p95 = statistics.median(figure.ours), percentile(figure.ours, 0.95)
    r50, r95 = statistics.median(figure.raw), percentile(figure.raw, 0.95)
    return (f"  {figure.title:50} {p50:10.1f} {p95:9.1f}   {r50:9.1f} {r95:9.1f}   "
            f"{p50 / max(r50, 1e-6):5.1f}x   < {figure.target:,.0f} ms {figure.verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("databases", nargs="+", help="SQLite files or PostgreSQL URLs")
    parser.add_argument("--month", help="YYYY-MM (default: the last month over)")
    parser.add_argument("--only", default="search,list,report",
                        help="what to measure, of search, list and report (default: all)")
    args = parser.parse_args()
    kinds = set(args.only.split(","))
    month = date.fromisoformat(f"{args.month}-01") if args.month else None
    print_side_by_side(args.databases, month, kinds)


def print_side_by_side(databases: list[str], month: date | None = None,
                       kinds: set[str] | None = None) -> None:
    month = month or (date.today().replace(day=1) - date.resolution).replace(day=1)
    kinds = kinds or {"search", "list", "report"}
    print(HEADER)
    results = [measure(target, month, kinds) for target in databases]
    # Side by side: each measure's p95, through Qadam / raw, on every database.
    print("\np95 in ms, Qadam / raw:")
    print(f"  {'':50} " + "   ".join(f"{label:>34}" for label, _f in results))
    for row, figure in enumerate(results[0][1]):
        cells = []
        for _label, figures in results:
            mine = figures[row]
            cells.append(f"{percentile(mine.ours, 0.95):>13,.1f} / "
                         f"{percentile(mine.raw, 0.95):>11,.1f} {mine.verdict:>4}")
        print(f"  {figure.title:50} " + "   ".join(cells))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
