"""A course group's printed documents: the attendance sheet, the month's register and the
certificate of completion, read back from the PDF.

The group, its participants and their marks are made here through the services, on a
copy of the demo file, so that every name, mark and rate the pages print is known.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.models import CourseEnrolment, EnrolmentStatus, Person
from db.reports.courses import (
    ABSENT,
    EXCUSED,
    PRESENT,
    CourseHeading,
    MonthRegister,
    RegisterDay,
    RegisterRow,
)
from db.reports.figures import Letterhead
from db.session import Database
from desktop.reports.pdf_course_register import write_month_register_pdf
from desktop.reports.pdf_courses import DocumentWords
from desktop.services.access import AccessDenied, Actor
from desktop.services.auth import log_in
from desktop.services.courses import documents, enrolment, groups, register
from desktop.services.courses.errors import NoSuchGroup, NoSuchSession
from desktop.services.courses.groups import GroupEntry
from desktop.services.courses.register import Mark
from desktop.services.messages import describe
from desktop.services.reports import ReportProblem
from tests.conftest import DEMO_TODAY

TODAY = DEMO_TODAY  # Wednesday 25 November 2026
START = date(2026, 11, 9)  # a Monday; the group meets on Mondays, Wednesdays and Fridays
NOVEMBER = date(2026, 11, 1)
KAZAKH_LETTERS = set("ӘҒҚҢӨҰҮҺІәғқңөұүһі")
TEACHER = "Seitova Gulnaz"
P, A, E = Mark.PRESENT, Mark.ABSENT, Mark.EXCUSED
# The marks of the eight sessions held by today (9 to 25 November); the one who drops
# out leaves after the fifth.
MARKS = {
    "kk": [P, P, P, P, P, P, A, E],  # 6 ÷ 7: 86 %
    "ru": [P, A, P, A, P, E, P, A],  # 4 ÷ 7: 57 %
    "dropped": [P, P, E, P, P],  # 4 ÷ 4: 100 %
}


@dataclass
class Course:
    group_id: uuid.UUID
    sessions: dict[date, uuid.UUID]
    enrolments: dict[str, uuid.UUID]  # kk, ru, dropped, unmarked, waiting
    names: dict[str, str]


def text_of(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split()), len(reader.pages)


def pages_of(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def speakers(demo_path: Path) -> dict[str, uuid.UUID]:
    """Astana clients with an open case there and no course yet: two who read Kazakh, one
    Russian, and two more of any language."""
    found: dict[str, uuid.UUID] = {}
    with sqlite3.connect(demo_path) as connection:
        rows = connection.execute(
            "SELECT c.person_id, p.preferred_language FROM client_case c "
            "JOIN office o ON o.id = c.office_id JOIN person p ON p.id = c.person_id "
            "WHERE o.code = 'AST' AND c.status = 'open' AND p.office_id = o.id "
            "AND NOT EXISTS (SELECT 1 FROM course_enrolment e WHERE e.person_id = p.id) "
            "ORDER BY p.sort_key").fetchall()
    for person, language in rows:
        key = language if language in ("kk", "ru") and language not in found else None
        for slot in ((key,) if key else ("dropped", "unmarked", "waiting")):
            if slot not in found:
                found[slot] = uuid.UUID(person)
                break
        if len(found) == 5:
            return found
    raise AssertionError(f"the demo has too few Astana clients: {found}")


def version_of(database: Database, enrolment_id: uuid.UUID) -> int:
    with database.session() as session:
        row = session.get(CourseEnrolment, enrolment_id)
        assert row is not None
        return row.version


def names_of(database: Database, people: dict[str, uuid.UUID]) -> dict[str, str]:
    with database.session() as session:
        return {key: session.get(Person, person).full_name  # type: ignore[union-attr]
                for key, person in people.items()}


def build_course(database: Database, demo_path: Path) -> Course:
    """A Kazakh A2 group of four places from 9 November: one participant who will complete
    (a Kazakh speaker), one Russian speaker, one who drops out on the 18th, one never
    marked, and a fifth on the waiting list. The 27th is cancelled, the 30th moved to
    Saturday the 28th."""
    manager = log_in(database, "manager.ast", "qadam-manager")
    with sqlite3.connect(demo_path) as connection:
        office = uuid.UUID(connection.execute(
            "SELECT id FROM office WHERE code = 'AST'").fetchone()[0])
    group_id = groups.create_group(database, manager, GroupEntry(
        name="KK-A2 evening", office_id=office, service_type_code="kazakh_course",
        language_code="kk", level_code="a2", provider_id=None, teacher_id=None,
        teacher=TEACHER, place="Room 3", weekdays="135", starts_at=time(18, 30),
        ends_at=time(20, 0), starts_on=START, ends_on=START + timedelta(days=40), capacity=4))
    people = speakers(demo_path)
    enrolled = {key: enrolment.enrol(database, manager, people[key], group_id,
                                     today=START).enrolment_id
                for key in ("kk", "ru", "dropped", "unmarked", "waiting")}
    sheet = register.load_register(database, manager, group_id, today=TODAY)
    sessions = {s.held_on: s.id for s in sheet.sessions}
    held = sorted(day for day in sessions if day <= TODAY)
    assert len(held) == 8
    for key, marks in MARKS.items():
        for day, mark in zip(held, marks, strict=False):
            register.mark_attendance(database, manager, enrolled[key], sessions[day], mark,
                                     None, today=TODAY)
    enrolment.drop_out(database, manager, enrolled["dropped"],
                       version_of(database, enrolled["dropped"]), "work", date(2026, 11, 18),
                       today=TODAY)
    later = {s.held_on: s for s in register.load_register(database, manager, group_id,
                                                          today=TODAY).sessions}
    groups.cancel_session(database, manager, later[date(2026, 11, 27)].id,
                          later[date(2026, 11, 27)].version)
    groups.move_session(database, manager, later[date(2026, 11, 30)].id,
                        later[date(2026, 11, 30)].version, date(2026, 11, 28))
    return Course(group_id, sessions, enrolled, names_of(database, people))


def complete_kk(database: Database, course: Course) -> uuid.UUID:
    manager = log_in(database, "manager.ast", "qadam-manager")
    kk = course.enrolments["kk"]
    enrolment.complete(database, manager, kk, version_of(database, kk), "b1", today=TODAY)
    return kk


@pytest.fixture
def course(demo_database: Database, demo_path: Path) -> Course:
    return build_course(demo_database, demo_path)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own: the demo file and its journal lie in ``tmp_path``."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


# ---- the attendance sheet ------------------------------------------------------------------

def test_the_sheet_lists_who_was_in_the_group_that_day_with_their_marks(
        demo_database: Database, course: Course, manager: Actor, out: Path) -> None:
    words = DocumentWords("en")
    path = documents.attendance_sheet(demo_database, manager,
                                     course.sessions[date(2026, 11, 11)], out / "s.pdf")
    text, pages = text_of(path)
    assert path == out / "s.pdf" and pages == 1
    for fact in ("Attendance sheet", "KK-A2 evening", "Room 3", TEACHER, "6:30 PM",
                 "Wednesday, November 11, 2026", "Signature", "Mark",
                 "Signature of the teacher", "Printed on "):
        assert fact in text, fact
    for key in ("kk", "ru", "dropped", "unmarked"):
        assert course.names[key] in text, key
    assert course.names["waiting"] not in text
    # Second session: the Kazakh speaker and the one who later left came, the Russian
    # speaker did not; nobody was excused and the fourth was never marked.
    assert text.count(words.marks[PRESENT]) == 2 and text.count(words.marks[ABSENT]) == 1
    assert words.marks[EXCUSED] not in text
    assert list(out.iterdir()) == [path]  # written beside, then renamed over it


def test_the_sheet_leaves_out_who_had_left_and_speaks_the_language_asked(
        demo_database: Database, course: Course, manager: Actor, out: Path) -> None:
    path = documents.attendance_sheet(demo_database, manager,
                                     course.sessions[date(2026, 11, 20)],
                                     out / "ru.pdf", "ru")
    text, _pages = text_of(path)
    assert "20 ноября 2026" in text and "Курсы казахского языка" in text
    assert course.names["dropped"] not in text and course.names["kk"] in text
    assert DocumentWords("ru").marks[EXCUSED] in text  # the Russian speaker's mark


def test_a_cancelled_session_prints_so(demo_database: Database, course: Course,
                                       manager: Actor, out: Path) -> None:
    path = documents.attendance_sheet(demo_database, manager,
                                     course.sessions[date(2026, 11, 27)], out / "c.pdf")
    assert "This session was cancelled." in text_of(path)[0]


# ---- the register --------------------------------------------------------------------------

def test_the_register_prints_marks_rates_and_totals(
        demo_database: Database, course: Course, manager: Actor, out: Path) -> None:
    words = DocumentWords("en")
    path = documents.month_register(demo_database, manager, course.group_id,
                                   date(2026, 11, 17), out / "r.pdf")
    text, pages = text_of(path)
    assert pages == 1
    assert "Attendance register" in text and "KK-A2 evening — November 2026" in text
    for key in ("kk", "ru", "dropped", "unmarked"):
        assert course.names[key] in text, key
    assert course.names["waiting"] not in text
    assert "dropped out on Nov 18, 2026" in text
    for rate in ("86%", "57%", "100%", "78%", "67%", "50%", "0%"):
        assert rate in text, rate
    # The eight held, the cancelled 27th and the 30th moved to the 28th.
    assert "27" in text and "28*" in text
    assert "Sessions: 9 · cancelled: 1" in text
    assert "Present: 14 · Absent: 4 · Excused: 3" in text
    letters = [words.letters[m] for m in (PRESENT, ABSENT, EXCUSED)]
    assert all(f"{letter} — " in text for letter in letters)  # the legend
    assert "session cancelled" in text and "session moved from another day" in text
    assert "excused absences are not counted" in text


def test_a_month_the_group_does_not_run_in_is_refused(
        demo_database: Database, course: Course, manager: Actor, out: Path) -> None:
    with pytest.raises(documents.MonthOutsideGroup) as outside:
        documents.month_register(demo_database, manager, course.group_id, date(2027, 2, 1),
                                 out / "feb.pdf")
    assert "February 2027" in describe(outside.value)
    assert "KK-A2 evening" in describe(outside.value)
    assert not list(out.iterdir())


def register_of(participants: int, sessions: int) -> MonthRegister:
    heading = CourseHeading(Letterhead("«Қадам» бейімдеу орталығы"), "Астана кеңсесі",
                            "Big group", "Kazakh language course", "Kazakh", "A1", TEACHER,
                            "Hall", time(9), time(11), date(2026, 12, 1), date(2026, 12, 31))
    days = [RegisterDay(date(2026, 12, 1 + i), i == 3, None) for i in range(sessions)]
    cycle = (PRESENT, ABSENT, EXCUSED, None)
    rows = [RegisterRow(f"Participant {n:03} Әбдіғаниұлы", EnrolmentStatus.ENROLLED, None,
                        [None if days[i].cancelled else cycle[(n + i) % 4]
                         for i in range(sessions)]) for n in range(participants)]
    return MonthRegister("en", heading, date(2026, 12, 1), days, rows,
                         datetime(2026, 12, 31, 18, 0), "Manager")


def test_a_large_register_breaks_across_pages_repeating_its_header(tmp_path: Path) -> None:
    out = tmp_path / "large.pdf"
    write_month_register_pdf(register_of(participants=70, sessions=31), out)
    pages = pages_of(out)
    assert len(pages) >= 2
    for page in pages:
        assert "Participant Rate" in page or ("Participant" in page and "Rate" in page)
        assert " 31 " in f" {page} "  # the last day's column on every page
    assert "Participant 069 Әбдіғаниұлы" in pages[-1]
    text = " ".join(pages)
    assert all(f"Participant {n:03}" in text for n in range(70))


def test_every_day_of_a_full_month_fits_across_the_page() -> None:
    from desktop.reports.pdf_common import styles
    from desktop.reports.pdf_course_register import register_table
    from desktop.reports.pdf_courses import WIDE_WIDTH

    table = register_table(register_of(participants=3, sessions=31), DocumentWords("en"),
                           styles(0.76))
    assert sum(table._colWidths) <= WIDE_WIDTH + 0.01


# ---- the certificate -----------------------------------------------------------------------

def test_the_certificate_speaks_the_clients_language(
        demo_database: Database, course: Course, manager: Actor, out: Path) -> None:
    kk = complete_kk(demo_database, course)
    path = documents.certificate(demo_database, manager, kk, out / "cert.pdf")
    text, pages = text_of(path)
    assert pages == 1
    assert KAZAKH_LETTERS & set(text)
    assert course.names["kk"] in text and TEACHER in text
    assert "қараша" in text and "November" not in text  # the dates in Kazakh
    assert "B1 — орта деңгей" in text and "Intermediate" not in text  # the level reached
    assert "Қазақ тілі курстары" in text and "A2 — базалық деңгей" in text
    assert DocumentWords("kk").sessions_attended(6, 8) in text


def test_the_certificate_in_another_language_when_asked(
        demo_database: Database, course: Course, manager: Actor, out: Path) -> None:
    kk = complete_kk(demo_database, course)
    path = documents.certificate(demo_database, manager, kk, out / "en.pdf", "en")
    text, _pages = text_of(path)
    for fact in ("CERTIFICATE", "This certificate is awarded to", "Kazakh language course",
                 "B1 — Intermediate", "6 of 8 sessions", "November 9, 2026",
                 "November 25, 2026", "Signature of the director",
                 "Signature of the teacher", f"No. {kk.hex[:8].upper()}"):
        assert fact in text, fact


def test_no_certificate_for_a_participant_who_has_not_completed(
        demo_database: Database, course: Course, manager: Actor, out: Path) -> None:
    for key in ("ru", "dropped", "waiting"):
        with pytest.raises(documents.NotCompleted) as refused:
            documents.certificate(demo_database, manager, course.enrolments[key],
                                  out / f"{key}.pdf")
        sentence = describe(refused.value)
        assert course.names[key] in sentence and "completed the course" in sentence
    assert not list(out.iterdir())


# ---- who may print, and what ----------------------------------------------------------------

def test_another_offices_caseworker_prints_none_of_them(
        demo_database: Database, course: Course, out: Path) -> None:
    almaty = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    kk = complete_kk(demo_database, course)
    calls = (
        lambda: documents.attendance_sheet(demo_database, almaty,
                                           course.sessions[START], out / "a.pdf"),
        lambda: documents.month_register(demo_database, almaty, course.group_id, NOVEMBER,
                                         out / "b.pdf"),
        lambda: documents.certificate(demo_database, almaty, kk, out / "c.pdf"),
    )
    for call in calls:
        with pytest.raises(AccessDenied):
            call()
    assert not list(out.iterdir())


def test_unknown_records_and_other_forms_are_refused(
        demo_database: Database, course: Course, manager: Actor, out: Path) -> None:
    nowhere = uuid.uuid4()
    with pytest.raises(NoSuchSession):
        documents.attendance_sheet(demo_database, manager, nowhere, out / "a.pdf")
    with pytest.raises(NoSuchGroup):
        documents.month_register(demo_database, manager, nowhere, NOVEMBER,
                                 out / "b.pdf")
    with pytest.raises(LookupError):
        documents.certificate(demo_database, manager, nowhere, out / "c.pdf")
    with pytest.raises(ReportProblem):
        documents.month_register(demo_database, manager, course.group_id, NOVEMBER,
                                 out / "r.xlsx")
    assert not list(out.iterdir())
