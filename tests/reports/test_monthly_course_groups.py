"""The language section's line per course group, counted by hand and read from each form.

The known month (known_month.py) holds one group, KK-A1; this adds groups around it that
a line must or must not count. The same expected lines are then read independently from
the JSON (json), the XLSX (openpyxl) and the PDF (pypdf's text).
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from db.models import (
    Attendance,
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    EnrolmentStatus,
    GroupStatus,
    Office,
    Person,
    Role,
    User,
)
from db.session import Database
from desktop.reports.json_monthly import monthly_json
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.reports import build_monthly, write_report
from tests.reports.known_month import MONTH, TODAY, build, d, t

Line = tuple[str, str, str, int, int, int, float | None]

# group, office, teacher, enrolled, completed, dropped, attendance: by office code, then
# by name in the Kazakh alphabet (А Ә Б ... then Latin), which code points would not give.
ALMATY: list[Line] = [("Орыс тілі A2", "ALA", "Сейткали Ерлан", 1, 0, 1, 0.6667)]
ASTANA: list[Line] = [
    ("Ағылшын A1", "AST", "", 0, 0, 0, None),  # planned, starting on the 31st: nothing yet
    ("Әліппе (кешкі)", "AST", "Омарова Сәуле", 1, 0, 0, 0.5),  # an outside teacher
    ("Бастауыш B1", "AST", "Жұмабекова Гүлнар", 1, 1, 0, None),  # ended on the 1st
    ("KK-A1", "AST", "Сапарова Айгерім", 2, 1, 1, 0.75),  # the known month's group
]
LINES = ALMATY + ASTANA


def add_groups(database: Database) -> None:
    """Groups around the known month's KK-A1; each record says what it must count."""
    with database.session() as s:
        office = dict(s.execute(select(Office.code, Office.id)).all())
        users = dict(s.execute(select(User.login, User.id)).all())
        teacher = User(login="gulnar", full_name="Жұмабекова Гүлнар", role=Role.MANAGER,
                       office_id=office["AST"])  # a manager: not in the caseworkers' workload
        s.add(teacher)
        s.flush()
        number = iter(range(1, 100))

        def client(code: str) -> Person:
            # No case: the caseload stays the known month's.
            p = Person(surname=f"Курсант-{next(number)}", given_name="Ұлжан",
                       category_code="kandas", office_id=office[code])
            s.add(p)
            s.flush()
            return p

        def group(name: str, code: str, starts: str, ends: str, status: GroupStatus,
                  teacher_id: object = None, teacher_name: str = "") -> CourseGroup:
            g = CourseGroup(name=name, office_id=office[code], service_type_code="kazakh_course",
                            language_code="kk", starts_on=d(starts), ends_on=d(ends),
                            status=status, teacher_id=teacher_id, teacher=teacher_name)
            s.add(g)
            s.flush()
            return g

        def enrol(g: CourseGroup, code: str, status: EnrolmentStatus, enrolled: str,
                  finished: str | None = None, level: str | None = None) -> CourseEnrolment:
            waiting = status in (EnrolmentStatus.WAITING, EnrolmentStatus.WITHDRAWN)
            e = CourseEnrolment(group_id=g.id, person_id=client(code).id,
                                enrolled_on=d(enrolled), status=status,
                                finished_on=d(finished) if finished else None,
                                level_after_code=level,
                                waiting_since=t(f"{enrolled} 09:00") if waiting else None)
            s.add(e)
            s.flush()
            return e

        def marks(g: CourseGroup, day: str, *marked: tuple[CourseEnrolment, str],
                  cancelled: bool = False) -> None:
            session = CourseSession(group_id=g.id, held_on=d(day), cancelled=cancelled)
            s.add(session)
            s.flush()
            for enrolment, mark in marked:
                s.add(Attendance(session_id=session.id, enrolment_id=enrolment.id,
                                 present=mark == "present", excused=mark == "excused"))

        # Evening ABC, taught by an outside teacher (only a name): one participant since
        # the 19th, one from November, one waiting. Present 1 of 2 counted: the excused
        # absence and the cancelled session's mark count neither way.
        abc = group("Әліппе (кешкі)", "AST", "2026-10-19", "2026-12-18", GroupStatus.RUNNING,
                    teacher_name="Омарова Сәуле")
        here = enrol(abc, "AST", EnrolmentStatus.ENROLLED, "2026-10-19")
        enrol(abc, "AST", EnrolmentStatus.ENROLLED, "2026-11-02")
        enrol(abc, "AST", EnrolmentStatus.WAITING, "2026-10-20")
        marks(abc, "2026-10-21", (here, "present"))
        marks(abc, "2026-10-23", (here, "absent"))
        marks(abc, "2026-10-26", (here, "excused"))
        marks(abc, "2026-10-28", (here, "present"), cancelled=True)
        marks(abc, "2026-11-02", (here, "absent"))  # November

        # Elementary B1 ended on 1 October: one completed that day (enrolled, completed),
        # one in September (neither). The user's name wins over the old typed one.
        b1 = group("Бастауыш B1", "AST", "2026-09-01", "2026-10-01", GroupStatus.FINISHED,
                   teacher_id=teacher.id, teacher_name="Омарова Сәуле")
        done = enrol(b1, "AST", EnrolmentStatus.COMPLETED, "2026-09-01", "2026-10-01", "b1")
        enrol(b1, "AST", EnrolmentStatus.COMPLETED, "2026-09-01", "2026-09-28", "b1")
        marks(b1, "2026-09-29", (done, "present"))  # September: no rate for October

        # Planned to start on the last day of the month: a line of zeros, no rate.
        group("Ағылшын A1", "AST", "2026-10-31", "2026-12-31", GroupStatus.PLANNED)

        # Not lines: cancelled (its participant taken off the list, as cancelling does),
        # ended before October, starting after it.
        gone = group("Болмайтын топ", "AST", "2026-10-01", "2026-12-01", GroupStatus.CANCELLED)
        left = enrol(gone, "AST", EnrolmentStatus.WITHDRAWN, "2026-10-02", "2026-10-09")
        marks(gone, "2026-10-06", (left, "present"))
        over = group("Өткен топ", "AST", "2026-06-01", "2026-09-30", GroupStatus.FINISHED)
        enrol(over, "AST", EnrolmentStatus.COMPLETED, "2026-06-01", "2026-09-30", "a2")
        group("Келесі топ", "AST", "2026-11-01", "2026-12-20", GroupStatus.PLANNED)

        # Almaty's Russian A2: dropped out on the 31st (enrolled, dropped); one left the
        # waiting list. Present 2 of 3.
        ru = group("Орыс тілі A2", "ALA", "2026-10-01", "2026-12-20", GroupStatus.RUNNING,
                   teacher_id=users["erlan"])
        out = enrol(ru, "ALA", EnrolmentStatus.DROPPED, "2026-10-01", "2026-10-31")
        enrol(ru, "ALA", EnrolmentStatus.WITHDRAWN, "2026-10-02", "2026-10-05")
        for day, mark in (("2026-10-05", "present"), ("2026-10-12", "present"),
                          ("2026-10-19", "absent")):
            marks(ru, day, (out, mark))


@pytest.fixture
def known(database: Database) -> Database:
    build(database)
    add_groups(database)
    return database


def report_of(database: Database, office: str | None = None, language: str = "en") -> Any:
    return build_monthly(database, LOCAL_OPERATOR, MONTH, office, language, "Тест",
                         today=TODAY)


def test_json_lines_in_the_order_of_offices_then_the_kazakh_alphabet(
        known: Database, tmp_path: Path) -> None:
    target = tmp_path / "october.json"
    write_report(report_of(known), target)
    saved = json.loads(target.read_text(encoding="utf-8"))
    groups = saved["courses"]["groups"]
    keys = ("group", "office", "teacher", "enrolled", "completed", "dropped", "attendance")
    assert all(list(line) == list(keys) for line in groups)
    assert [tuple(line[k] for k in keys) for line in groups] == LINES
    # The rest of the JSON keeps its shape: the section's totals are where they were.
    assert set(saved["courses"]) == {"enrolled", "completed", "dropped", "levels_gained",
                                     "attendance_marked", "attendance_present",
                                     "attendance_rate", "groups"}


def test_one_office_lists_its_own_groups_only(known: Database) -> None:
    def lines(office: str) -> list[Line]:
        groups = monthly_json(report_of(known, office))["courses"]["groups"]
        return [tuple(line.values()) for line in groups]  # type: ignore[misc]

    assert lines("AST") == ASTANA
    assert lines("ALA") == ALMATY


def test_the_sections_totals_count_no_waiting_list_either(known: Database) -> None:
    courses = monthly_json(report_of(known))["courses"]
    # Places taken in October: KK-A1's drop-out, the evening ABC's and Almaty's; not the
    # three on a waiting list, nor the cancelled group's withdrawn participant.
    assert courses["enrolled"] == 3
    assert (courses["completed"], courses["dropped"], courses["levels_gained"]) == (2, 2, 2)
    # The lines' marks pooled: 3 of 4, 1 of 2, 2 of 3; the cancelled group's withdrawn
    # participant and every excused or cancelled-session mark left out.
    assert (courses["attendance_present"], courses["attendance_marked"]) == (6, 9)
    assert courses["attendance_rate"] == round(6 / 9, 4)
    headlines = {h["key"]: h for h in monthly_json(report_of(known))["headlines"]}
    assert headlines["course_enrolled"]["value"] == 3
    assert headlines["attendance_rate"]["value"] == round(6 / 9, 4)


def test_xlsx_lines_are_typed_cells(known: Database, tmp_path: Path) -> None:
    target = tmp_path / "october.xlsx"
    write_report(report_of(known), target)
    sheet = load_workbook(target)["Courses"]
    rows = [list(row) for row in sheet.iter_rows()]
    title = next(i for i, row in enumerate(rows) if row[0].value == "Course groups")
    header = [cell.value for cell in rows[title + 1]]
    assert header == ["Group", "Office", "Teacher", "Participants in the month",
                      "Finished the course", "Left the course", "Attendance"]
    lines = rows[title + 2:title + 2 + len(LINES)]
    assert [[cell.value for cell in row[:7]] for row in lines] == [
        [name, office, teacher or None, *counts, rate]
        for name, office, teacher, *counts, rate in LINES]
    for row in lines:
        assert all(type(cell.value) is int for cell in row[3:6])
        assert row[6].number_format == "0.0%"
    assert len(rows) == title + 2 + len(LINES)  # the table ends the sheet


def pdf_text(database: Database, tmp_path: Path, language: str) -> str:
    target = tmp_path / f"october-{language}.pdf"
    write_report(report_of(database, language=language), target)
    pages = PdfReader(io.BytesIO(target.read_bytes())).pages
    text = " ".join(page.extract_text() for page in pages)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def test_pdf_prints_each_line_in_order(known: Database, tmp_path: Path) -> None:
    text = pdf_text(known, tmp_path, "en")
    section = text[text.index("Course groups"):]
    assert section.startswith("Course groups Group Office Teacher Participants in the month "
                              "Finished the course Left the course Attendance")
    places = []
    for name, office, teacher, enrolled, completed, dropped, rate in LINES:
        shown = "—" if rate is None else f"{rate * 100:.1f}%"
        line = re.sub(r"\s+", " ", f"{name} {office} {teacher} {enrolled} {completed} "
                                   f"{dropped} {shown}")
        assert line in section, line
        places.append(section.index(line))
    assert places == sorted(places)
    for absent in ("Болмайтын топ", "Өткен топ", "Келесі топ"):
        assert absent not in text


def test_pdf_in_kazakh_keeps_the_names_letters(known: Database, tmp_path: Path) -> None:
    text = pdf_text(known, tmp_path, "kk")
    assert "Әліппе (кешкі) AST Омарова Сәуле 1 0 0 50,0%" in text
    assert "Орыс тілі A2 ALA Сейткали Ерлан 1 0 1 66,7%" in text
    assert "Жұмабекова Гүлнар" in text


def test_a_month_without_groups_has_an_empty_list_and_says_so(
        known: Database, tmp_path: Path) -> None:
    report = build_monthly(known, LOCAL_OPERATOR, date(2026, 5, 1), None, "en", "Тест",
                           today=TODAY)
    assert report.courses.groups == []
    write_report(report, tmp_path / "may.xlsx")
    sheet = load_workbook(tmp_path / "may.xlsx")["Courses"]
    column = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert column[column.index("Course groups") + 1] == "Nothing recorded this month."
