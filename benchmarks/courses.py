"""Language courses on the 100,000-client database (targets in brackets): the register of a
25-person group with 60 sessions (``register.load_register``, 200 ms); marking one cell
(``register.mark_attendance``, the whole write transaction with its audit log, 50 ms);
the groups list of a manager, who sees every office (``groups.list_groups``, planned and
running, then every status, 200 ms). Each beside the same work done raw through sqlite3:
the same rows read, one attendance row upserted with its audit row in its own
transaction, the same page of groups with the same aggregates.

Runs on a copy in /tmp (the copy is upgraded to the current schema as the app opens it):
benchmarks/demo-100k.db itself is never written. The group, its enrolments and its
marks are made through the services, as a manager.

    .venv/bin/python benchmarks/demo_data.py   # once, builds the database
    .venv/bin/python benchmarks/courses.py
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

from common import BIG_DATABASE, row
from common import timed as common_timed
from sqlalchemy import select

from db.base import utcnow
from db.migrate import open_database
from db.models import GroupStatus, Office
from db.queries.clients import LABEL_COLUMNS
from db.session import Database
from desktop.domain.course_schedule import parse_weekdays, session_days
from desktop.i18n import current_language
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.courses import enrolment, groups, register
from desktop.services.courses.groups import GroupEntry
from desktop.services.courses.register import Mark

TODAY = date(2026, 11, 25)  # the demo's today, a Wednesday: every session is in the past
WEEKDAYS = "135"
SESSIONS = 60
PEOPLE = 25
WARM_UP = 5
RUNS = 50
TARGETS_MS = {"register": 200.0, "mark": 50.0, "groups": 200.0}
OPEN = (GroupStatus.PLANNED, GroupStatus.RUNNING)
# The pragmas Qadam sets on each connection (db/sqlite/pragmas.py), for the raw one too.
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
           "PRAGMA busy_timeout=5000", "PRAGMA cache_size=-32000")


# ---- the group, made through the services -----------------------------------------------------

def first_day(weekdays: str, last: date, count: int) -> date:
    """The earliest start whose schedule, ending on ``last``, holds ``count`` sessions
    (public holidays skipped)."""
    days = parse_weekdays(weekdays)
    start = last
    while len(session_days(start, last, days)) < count:
        start -= timedelta(days=1)
    return start


def office_clients(path: Path, office: str, count: int) -> list[uuid.UUID]:
    """Clients of the office with an open case there and no course enrolment yet."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT c.person_id FROM client_case c JOIN office o ON o.id = c.office_id "
            "JOIN person p ON p.id = c.person_id WHERE o.code = ? AND c.status = 'open' "
            "AND p.office_id = o.id AND NOT EXISTS (SELECT 1 FROM course_enrolment e "
            "WHERE e.person_id = c.person_id) ORDER BY p.sort_key LIMIT ?",
            (office, count)).fetchall()
    assert len(rows) == count, rows
    return [uuid.UUID(hex=r[0]) for r in rows]


def planned_mark(line: int, column: int) -> Mark | None:
    """Most past cells marked: about 80 % present, 7 % absent, 3 % excused, 10 % blank."""
    n = (line * 37 + column * 11) % 100
    return None if n < 10 else Mark.EXCUSED if n < 13 else Mark.ABSENT if n < 20 else \
        Mark.PRESENT


def make_group(database: Database, manager: Actor, path: Path) -> uuid.UUID:
    with database.session() as session:
        office = session.scalar(select(Office.id).where(Office.code == "AST"))
    starts_on = first_day(WEEKDAYS, TODAY, SESSIONS)
    entry = GroupEntry(name="KK-A2 benchmark", office_id=office,
                       service_type_code="kazakh_course", language_code="kk", level_code="a2",
                       provider_id=None, teacher_id=manager.user_id, teacher="",
                       place="Room 3", weekdays=WEEKDAYS, starts_at=clock(18, 30),
                       ends_at=clock(20, 0), starts_on=starts_on, ends_on=TODAY,
                       capacity=PEOPLE)
    group_id = groups.create_group(database, manager, entry)
    for person in office_clients(path, "AST", PEOPLE):
        enrolled = enrolment.enrol(database, manager, person, group_id, today=starts_on)
        assert not enrolled.waiting, enrolled
    sheet = register.load_register(database, manager, group_id, today=TODAY)
    assert len(sheet.sessions) == SESSIONS and len(sheet.lines) == PEOPLE, sheet
    for line_no, line in enumerate(sheet.lines):
        for column, meeting in enumerate(sheet.sessions):
            mark = planned_mark(line_no, column)
            if mark is not None:
                register.mark_attendance(database, manager, line.enrolment_id, meeting.id,
                                         mark, None, today=TODAY)
    return group_id


# ---- the same work, raw -----------------------------------------------------------------------

def raw_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    return connection


def raw_group_select(label: str) -> str:
    return f"""
        SELECT g.id, g.version, g.name, g.office_id, o.name, st.{label}, g.language_code,
               l.{label}, g.level_code, lv.{label}, coalesce(u.full_name, g.teacher), g.place,
               g.weekdays, g.starts_at, g.ends_at, g.starts_on, g.ends_on, g.capacity, g.status
        FROM course_group g
        JOIN office o ON o.id = g.office_id
        JOIN service_type st ON st.code = g.service_type_code
        JOIN language l ON l.code = g.language_code
        LEFT JOIN language_level lv ON lv.code = g.level_code
        LEFT JOIN app_user u ON u.id = g.teacher_id"""


RAW_SESSIONS = """
    SELECT id, version, held_on, topic, cancelled, moved_from FROM course_session
    WHERE group_id = ? ORDER BY held_on, id"""
RAW_PARTICIPANTS = """
    SELECT e.id, e.version, e.person_id, p.surname, p.given_name, p.patronymic, p.iin, e.status,
           e.enrolled_on, e.finished_on, e.waiting_since, e.offered_on, e.level_before_code,
           e.level_after_code, e.dropout_reason_code, p.preferred_language
    FROM course_enrolment e JOIN person p ON p.id = e.person_id
    WHERE e.group_id = ?
    ORDER BY CASE WHEN e.status IN ('enrolled', 'completed', 'dropped') THEN 0 ELSE 1 END,
             e.waiting_since, p.sort_key, e.id"""
RAW_MARKS = """
    SELECT a.enrolment_id, a.session_id, a.present, a.excused
    FROM attendance a JOIN course_session s ON s.id = a.session_id WHERE s.group_id = ?"""
RAW_SETTING = "SELECT value FROM center_setting WHERE key = 'courses.low_attendance_percent'"


def raw_register(connection: sqlite3.Connection, group_id: uuid.UUID, label: str) -> int:
    """The rows load_register reads, in one read transaction; how many cells are marked."""
    g = group_id.hex
    connection.execute("BEGIN")
    connection.execute(raw_group_select(label) + " WHERE g.id = ?", (g,)).fetchall()
    connection.execute(RAW_SESSIONS, (g,)).fetchall()
    connection.execute(RAW_PARTICIPANTS, (g,)).fetchall()
    marks = connection.execute(RAW_MARKS, (g,)).fetchall()
    connection.execute(RAW_SETTING).fetchall()
    connection.execute("COMMIT")
    return len(marks)


RAW_UPSERT = """
    INSERT INTO attendance (id, session_id, enrolment_id, present, excused, created_at,
                            updated_at, created_by, updated_by, version)
    VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 1)
    ON CONFLICT (session_id, enrolment_id) DO UPDATE
    SET present = excluded.present, excused = excluded.excused,
        updated_at = excluded.updated_at, updated_by = excluded.updated_by,
        version = attendance.version + 1
    RETURNING id"""
RAW_AUDIT = ("INSERT INTO audit_log (id, at, user_id, action, table_name, record_id, changes) "
             "VALUES (?, ?, ?, 'update', 'attendance', ?, ?)")


def raw_mark(connection: sqlite3.Connection, enrolment_id: uuid.UUID, session_id: uuid.UUID,
             present: bool, user: uuid.UUID) -> None:
    """One attendance row upserted and its audit row, in one write transaction."""
    now, u = utcnow().isoformat(sep=" "), user.hex
    connection.execute("BEGIN IMMEDIATE")
    (record,) = connection.execute(RAW_UPSERT, (uuid.uuid4().hex, session_id.hex,
                                                enrolment_id.hex, present, now, now, u,
                                                u)).fetchone()
    connection.execute(RAW_AUDIT, (uuid.uuid4().hex, now, u, record,
                                   json.dumps({"present": [not present, present]})))
    connection.execute("COMMIT")


RAW_FILL = """
    SELECT group_id,
           sum(CASE WHEN status IN ('enrolled', 'completed') THEN 1 ELSE 0 END),
           sum(CASE WHEN status = 'waiting' THEN 1 ELSE 0 END),
           sum(CASE WHEN status = 'waiting' AND offered_on IS NOT NULL THEN 1 ELSE 0 END),
           sum(CASE WHEN status = 'dropped' THEN 1 ELSE 0 END),
           sum(CASE WHEN status = 'completed' THEN 1 ELSE 0 END)
    FROM course_enrolment WHERE group_id IN ({ids}) GROUP BY group_id"""
RAW_RATES = """
    SELECT s.group_id, sum(CASE WHEN a.present THEN 1 ELSE 0 END),
           sum(CASE WHEN a.excused THEN 0 ELSE 1 END)
    FROM course_session s JOIN attendance a ON a.session_id = s.id
    WHERE s.group_id IN ({ids}) GROUP BY s.group_id"""


def raw_groups(connection: sqlite3.Connection, statuses: tuple[GroupStatus, ...],
               label: str) -> int:
    """The page of groups, then the fill and attendance of those groups; how many."""
    query = raw_group_select(label)
    if statuses:
        query += f" WHERE g.status IN ({', '.join('?' * len(statuses))})"
    query += " ORDER BY g.starts_on DESC, g.name LIMIT 500"
    connection.execute("BEGIN")
    rows = connection.execute(query, [s.value for s in statuses]).fetchall()
    ids = [r[0] for r in rows]
    marks = ", ".join("?" * len(ids))
    connection.execute(RAW_FILL.format(ids=marks), ids).fetchall()
    connection.execute(RAW_RATES.format(ids=marks), ids).fetchall()
    connection.execute("COMMIT")
    return len(rows)


# ---- measuring --------------------------------------------------------------------------------

def timed(work: Callable[[int], object], runs: int = RUNS) -> list[float]:
    return common_timed(work, runs, WARM_UP)


def register_window(database: Database, manager: Actor, group_id: uuid.UUID) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop.ui.courses.register_view import RegisterView

    app = QApplication.instance() or QApplication([])

    def once(_n: int) -> None:
        view = RegisterView(database, manager, group_id, today=TODAY)
        loop = QEventLoop()
        view.loaded.connect(loop.quit)  # queued from the worker: comes once exec() runs
        view.show()
        loop.exec()
        app.processEvents()  # the grid drawn
        view.close()
        view.deleteLater()
        app.processEvents()

    return timed(once, runs=20)


def measure(database: Database, manager: Actor, path: Path, group_id: uuid.UUID) -> list[str]:
    raw = raw_connection(path)
    label = LABEL_COLUMNS.get(current_language(), "label_en")
    lines = []

    # (1) The register.
    sheet = register.load_register(database, manager, group_id, today=TODAY)
    marked = len(sheet.marks)
    assert raw_register(raw, group_id, label) == marked
    ours = timed(lambda _n: register.load_register(database, manager, group_id, today=TODAY))
    theirs = timed(lambda _n: raw_register(raw, group_id, label))
    lines.append(row(f"load_register ({len(sheet.lines)}×{len(sheet.sessions)}, "
                     f"{marked} marks)", ours, theirs, TARGETS_MS["register"]))

    # (2) One cell, present and absent by turns; the raw one on another cell of the group.
    line, other = sheet.lines[0], sheet.lines[1]
    meeting = next(s for s in sheet.sessions
                   if sheet.marks.get((line.enrolment_id, s.id)) is Mark.PRESENT
                   and sheet.marks.get((other.enrolment_id, s.id)) is Mark.PRESENT)
    shown = [Mark.PRESENT]

    def toggle(_n: int) -> None:
        new = Mark.ABSENT if shown[0] is Mark.PRESENT else Mark.PRESENT
        register.mark_attendance(database, manager, line.enrolment_id, meeting.id, new,
                                 shown[0], today=TODAY)
        shown[0] = new

    ours = timed(toggle)
    user = manager.user_id
    assert user is not None
    theirs = timed(lambda n: raw_mark(raw, other.enrolment_id, meeting.id, n % 2 == 1, user))
    lines.append(row("mark_attendance (toggle one cell)", ours, theirs, TARGETS_MS["mark"]))

    # (2b) The same register as a teacher opens it: read on a worker, the grid built and
    # drawn offscreen, until it says it is loaded.
    ours = register_window(database, manager, group_id)
    theirs = timed(lambda _n: raw_register(raw, group_id, label), runs=len(ours))
    lines.append(row("register window (read, laid out)", ours, theirs,
                     TARGETS_MS["register"]))

    # (3) The groups list, as a manager: every office.
    for statuses, title in ((OPEN, "planned+running"), ((), "every status")):
        count = len(groups.list_groups(database, manager, statuses=statuses))
        assert raw_groups(raw, statuses, label) == count
        ours = timed(lambda _n, s=statuses: groups.list_groups(database, manager, statuses=s))
        theirs = timed(lambda _n, s=statuses: raw_groups(raw, s, label))
        lines.append(row(f"list_groups ({title}: {count})", ours, theirs,
                         TARGETS_MS["groups"]))
    raw.close()
    return lines


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qadam-courses-") as folder:
        path = Path(folder) / "demo-100k.db"
        print(f"copying {BIG_DATABASE.name} to {path} …")
        shutil.copyfile(BIG_DATABASE, path)
        database = open_database(path, create=False)  # upgrades the copy's schema
        manager = log_in(database, "manager.ast", "qadam-manager")
        with database.reading() as connection:
            clients = connection.exec_driver_sql("SELECT count(*) FROM person").scalar()
            existing = connection.exec_driver_sql("SELECT count(*) FROM course_group").scalar()
        print(f"{clients:,} clients, {existing} course groups; making a group of {PEOPLE} "
              f"with {SESSIONS} sessions ending {TODAY} and marking it …")
        started = time.perf_counter()
        group_id = make_group(database, manager, path)
        print(f"  made in {time.perf_counter() - started:.1f} s (through the services)")
        lines = measure(database, manager, path, group_id)
        database.dispose()
    print(f"\n{RUNS} runs each after {WARM_UP} to warm up; pass when Qadam's p95 is under "
          f"the target")
    print(f"{'operation':34} {'Qadam p50':>8} {'p95':>8}   {'raw p50':>7} {'p95':>7}   "
          f"{'ratio':>7}   target")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
