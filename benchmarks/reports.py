"""The monthly report for all offices on the 100,000-client database, as PDF (target:
under 5 s), beside the time of its aggregate SQL alone, replayed raw through
sqlite3 (target ratio under 2); a year's report for all offices, as PDF (target: under
8 s), beside its raw SQL likewise; and one consultation record (target: under 300 ms).

    .venv/bin/python benchmarks/demo_data.py   # once, builds the database
    .venv/bin/python benchmarks/reports.py [YYYY-MM [YYYY]]

The month defaults to the last one over, the year to the last one over.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from common import BIG_DATABASE
from sqlalchemy import event

from db.migrate import open_database
from db.reports.periods import Period
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.reports import build_consultation, build_monthly, write_report

RUNS = 3


def main() -> None:
    month = date.fromisoformat(f"{sys.argv[1]}-01") if len(sys.argv) > 1 else (
        date.today().replace(day=1) - date.resolution).replace(day=1)
    year = int(sys.argv[2]) if len(sys.argv) > 2 else date.today().year - 1
    database = open_database(BIG_DATABASE, create=False)
    folder = Path(tempfile.mkdtemp())
    raw = sqlite3.connect(BIG_DATABASE)
    for title, period in ((f"monthly report {month:%Y-%m}", Period.month(month)),
                          (f"annual report {year}", Period.year(year))):
        statements, whole, replay = _timed(database, raw, period, folder)
        pages = (folder / "report.pdf").stat().st_size // 1024
        print(f"{title}, all offices, kk, {statements} SQL statements")
        print(f"  figures + labels + PDF ({pages} KiB): median {statistics.median(whole):.2f} s, "
              f"worst {max(whole):.2f} s")
        print(f"  the same SQL raw via sqlite3     : median {statistics.median(replay):.2f} s")
        print(f"  ratio                            : "
              f"{statistics.median(whole) / statistics.median(replay):.2f}x")

    with database.engine.connect() as connection:
        ids = [row[0] for row in connection.exec_driver_sql(
            "SELECT id FROM consultation ORDER BY held_at DESC LIMIT 20")]
    records = []
    for consultation in ids:
        started = time.perf_counter()
        found = build_consultation(database, LOCAL_OPERATOR, str(_as_uuid(consultation)), "kk")
        write_report(found, folder / "record.pdf")
        records.append(time.perf_counter() - started)
    database.dispose()
    print(f"consultation record PDF: median {statistics.median(records) * 1000:.0f} ms, "
          f"worst {max(records) * 1000:.0f} ms over {len(records)}")


def _timed(database: Any, raw: sqlite3.Connection, period: Period,
           folder: Path) -> tuple[int, list[float], list[float]]:
    """(SQL statements, seconds of each whole run, seconds of each raw replay)."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    # Warm up, and capture the SQL.
    build_monthly(database, LOCAL_OPERATOR, period, None, "kk", "benchmark")
    event.remove(database.engine, "before_cursor_execute", record)
    whole = []
    for _ in range(RUNS):
        started = time.perf_counter()
        report = build_monthly(database, LOCAL_OPERATOR, period, None, "kk", "benchmark")
        write_report(report, folder / "report.pdf")
        whole.append(time.perf_counter() - started)
    replay = []
    for _ in range(RUNS):
        started = time.perf_counter()
        for statement, parameters in statements:
            raw.execute(statement, parameters).fetchall()
        replay.append(time.perf_counter() - started)
    return len(statements), whole, replay


def _as_uuid(value: str) -> str:
    import uuid

    return str(uuid.UUID(hex=value))


if __name__ == "__main__":
    main()
