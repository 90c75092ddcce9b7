"""The manager's dashboard on the 100,000-client database (target: it opens under 500 ms).

Rows, Qadam's time beside the same SQL run raw through sqlite3 (the very statements and
parameters SQLAlchemy sent, captured once and replayed):
- ``load_dashboard`` for every office and for the busiest one, as of now (the clock's)
  and as of the 25th of last month at 15:00 (a month 25 days in, the demo's data all
  before it);
- the screen itself, offscreen: from Refresh to the figures drawn (the operation runner's
  thread, the result posted back, tiles, table and lists filled);
- the clients behind a figure, the first page, for the largest list (every active case of
  every office) and for the overdue follow-ups of the busiest caseworker.

Each row ends with the processor time of Qadam's median run: on a machine shared with other
work the wall-clock figures include the waits for a free core, this does not.

Runs on a copy in /tmp (upgraded to the current schema as the app opens it):
benchmarks/demo-100k.db itself is never written.

    .venv/bin/python benchmarks/demo_data.py   # once, builds the database
    .venv/bin/python benchmarks/dashboard.py
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import time as clock
import uuid
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from common import BIG_DATABASE, row, timed
from sqlalchemy import event

from db.migrate import open_database
from db.session import Database
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.dashboard import Behind, figure_clients, load_dashboard

RUNS = 20
TARGET_MS = 500.0
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
           "PRAGMA busy_timeout=5000", "PRAGMA cache_size=-32000")
WIDTH = 52


def raw_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    return connection


def captured(database: Database, work: Callable[[], object]) -> list[tuple[str, Any]]:
    """The statements (and their parameters) one call of ``work`` sends."""
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        work()
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    return statements


def replay(raw: sqlite3.Connection, statements: list[tuple[str, Any]]) -> None:
    for statement, parameters in statements:
        raw.execute(statement, parameters).fetchall()


def side_by_side(database: Database, raw: sqlite3.Connection, title: str,
                 work: Callable[[], object], measured: Callable[[int], object] | None = None
                 ) -> str:
    """One row; after it, the processor time of Qadam's median run (every thread of the
    process): on a machine others share, the wall-clock times also hold the waits for a
    core, which this does not."""
    statements = captured(database, work)
    call = measured or (lambda _n: work())
    spent: list[float] = []

    def ours_once(n: int) -> object:
        started = clock.process_time()
        result = call(n)
        spent.append((clock.process_time() - started) * 1000)
        return result

    ours = timed(ours_once, RUNS, warm_up=3)
    theirs = timed(lambda _n: replay(raw, statements), RUNS, warm_up=3)
    return (row(f"{title} ({len(statements)} SQL)", ours, theirs, TARGET_MS, WIDTH)
            + f"   cpu {statistics.median(spent[-RUNS:]):5.0f} ms")


def busiest_office(raw: sqlite3.Connection) -> tuple[uuid.UUID, str]:
    office, code = raw.execute(
        "SELECT c.office_id, o.code FROM client_case c JOIN office o ON o.id = c.office_id "
        "WHERE c.status = 'open' GROUP BY c.office_id ORDER BY count(*) DESC LIMIT 1").fetchone()
    return uuid.UUID(hex=office), code


def screen_timer(database: Database, manager: Actor, now: datetime | None
                 ) -> Callable[[int], object]:
    """A refresh of the dashboard screen, offscreen, until its figures are drawn."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.dashboard import DashboardScreen

    app = QApplication.instance() or QApplication([])
    screen = DashboardScreen(database, manager, now=now)
    screen.resize(1000, 700)
    screen.show()
    keep = (app, screen)

    def refresh(_n: int) -> object:
        loop = QEventLoop()
        screen.loaded.connect(loop.quit)
        QTimer.singleShot(30_000, loop.quit)
        screen.refresh()
        loop.exec()
        screen.loaded.disconnect(loop.quit)
        screen.repaint()  # drawn, not only filled
        assert screen.board is not None and not screen.error
        return keep

    refresh(0)  # the first show's reading, out of the way
    return refresh


def measure(database: Database, path: Path) -> list[str]:
    raw = raw_connection(path)
    office, code = busiest_office(raw)
    manager = log_in(database, f"manager.{code.lower()}", "qadam-manager")
    today = date.today()
    late = datetime.combine(today.replace(day=1) - timedelta(days=1), time(15)).replace(day=25)
    lines = []
    for moment, said in ((None, "now"), (late, f"{late:%d.%m} 15:00")):
        for office_id, where in ((None, "all offices"), (office, code)):
            lines.append(side_by_side(
                database, raw, f"load_dashboard, {where}, {said}",
                lambda o=office_id, m=moment: load_dashboard(database, manager, o, now=m)))
    lines.append(side_by_side(
        database, raw, "dashboard screen, refresh to drawn, all offices",
        lambda: load_dashboard(database, manager, None, now=late),
        screen_timer(database, manager, late)))
    board = load_dashboard(database, manager, None, now=late)
    active = board.behind("active")
    first = figure_clients(database, manager, active)
    lines.append(side_by_side(database, raw, f"clients behind: active cases ({first.total:,})",
                              lambda: figure_clients(database, manager, active)))
    busiest = board.overdue[0]
    overdue: Behind = board.behind_overdue(busiest)
    first = figure_clients(database, manager, overdue)
    lines.append(side_by_side(database, raw, f"clients behind: overdue of one ({first.total:,})",
                              lambda: figure_clients(database, manager, overdue)))
    raw.close()
    return lines


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qadam-dashboard-") as folder:
        path = Path(folder) / "demo-100k.db"
        print(f"copying {BIG_DATABASE.name} to {path} …")
        shutil.copyfile(BIG_DATABASE, path)
        database = open_database(path, create=False)  # upgrades the copy's schema
        print(f"{'':{WIDTH}} {'Qadam p50':>9} {'p95':>6}   {'raw p50':>7} {'p95':>6}   "
              f"{'ratio':>6}   target")
        for line in measure(database, path):
            print(line, flush=True)
        database.dispose()


if __name__ == "__main__":
    main()
