"""The printed course documents as plain data: a session's attendance sheet, a group's
register for one month, and a participant's certificate of completion.

Filled here in the document's language; ``desktop.reports.pdf_courses`` only renders them.
A mark is the register's word for it ("present", "absent", "excused"); None is a cell
nobody has marked yet. Rates leave excused absences out, as the register does:
present ÷ (present + absent).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import Connection, func, select

from db.models import (
    Attendance,
    Center,
    CourseEnrolment,
    CourseSession,
    EnrolmentStatus,
    Person,
)
from db.models.reference import LanguageLevel
from db.queries import courses as queries
from db.queries.clients import LABEL_COLUMNS
from db.reports.figures import Letterhead

PRESENT, ABSENT, EXCUSED = "present", "absent", "excused"


def mark_of(present: bool, excused: bool) -> str:
    return PRESENT if present else EXCUSED if excused else ABSENT


@dataclass(frozen=True)
class Tally:
    present: int = 0
    absent: int = 0
    excused: int = 0

    @property
    def rate(self) -> float | None:
        counted = self.present + self.absent
        return self.present / counted if counted else None

    @classmethod
    def of(cls, marks: list[str | None]) -> Tally:
        return cls(marks.count(PRESENT), marks.count(ABSENT), marks.count(EXCUSED))


@dataclass
class CourseHeading:
    """What every course document says of its group, in the document's language."""

    letterhead: Letterhead
    office_name: str
    group_name: str
    course: str
    language_taught: str
    level: str
    teacher: str
    place: str
    starts_at: time | None
    ends_at: time | None
    starts_on: date
    ends_on: date


@dataclass
class SheetLine:
    name: str
    mark: str | None


@dataclass
class AttendanceSheet:
    language: str
    heading: CourseHeading
    held_on: date
    moved_from: date | None
    topic: str
    cancelled: bool
    lines: list[SheetLine] = field(default_factory=list)
    printed_at: datetime | None = None
    printed_by: str = ""


@dataclass
class RegisterDay:
    held_on: date
    cancelled: bool
    moved_from: date | None


@dataclass
class RegisterRow:
    name: str
    status: EnrolmentStatus
    finished_on: date | None
    marks: list[str | None]  # one per day of the register, in its order

    def in_group_on(self, day: date) -> bool:
        # The register's own rule: only a session after they left is not theirs.
        return self.finished_on is None or day <= self.finished_on

    @property
    def tally(self) -> Tally:
        return Tally.of(self.marks)


@dataclass
class MonthRegister:
    language: str
    heading: CourseHeading
    month: date  # its first day
    days: list[RegisterDay] = field(default_factory=list)
    rows: list[RegisterRow] = field(default_factory=list)
    printed_at: datetime | None = None
    printed_by: str = ""

    def day_tally(self, index: int) -> Tally:
        return Tally.of([row.marks[index] for row in self.rows])

    @property
    def total(self) -> Tally:
        return Tally.of([mark for row in self.rows for mark in row.marks])


@dataclass
class Certificate:
    language: str
    letterhead: Letterhead
    office_name: str
    number: str  # printed so that a copy can be traced back to its enrolment
    client_name: str
    client_name_latin: str
    client_name_original: str
    course: str
    language_taught: str
    level: str  # the group's level, "" for a group without one
    first_day: date
    last_day: date
    attended: int
    held: int  # the sessions that took place between the first and the last day
    level_reached: str
    issued_on: date
    teacher: str


def _heading(connection: Connection, group_id: uuid.UUID, language: str) -> CourseHeading | None:
    group = queries.group(connection, group_id, language)
    if group is None:
        return None
    return CourseHeading(
        letterhead=letterhead(connection), office_name=group.office, group_name=group.name,
        course=group.course, language_taught=group.language, level=group.level,
        teacher=group.teacher, place=group.place, starts_at=group.starts_at,
        ends_at=group.ends_at, starts_on=group.starts_on, ends_on=group.ends_on)


def letterhead(connection: Connection) -> Letterhead:
    center = connection.execute(select(Center.name, Center.address, Center.phone)).first()
    return Letterhead(*center) if center else Letterhead()



def session_group(connection: Connection, session_id: uuid.UUID) -> uuid.UUID | None:
    return connection.scalar(select(CourseSession.group_id).where(CourseSession.id == session_id))


def attendance_sheet(connection: Connection, session_id: uuid.UUID, language: str,
                     now: datetime) -> AttendanceSheet | None:
    """The sheet of one session: everyone who was in the group that day, with their mark."""
    meeting = connection.execute(
        select(CourseSession.group_id, CourseSession.held_on, CourseSession.moved_from,
               CourseSession.topic, CourseSession.cancelled)
        .where(CourseSession.id == session_id)).first()
    if meeting is None:
        return None
    heading = _heading(connection, meeting.group_id, language)
    if heading is None:
        return None
    marks = {enrolment: mark_of(present, excused) for enrolment, present, excused
             in connection.execute(select(Attendance.enrolment_id, Attendance.present,
                                          Attendance.excused)
                                   .where(Attendance.session_id == session_id))}
    lines = [SheetLine(p.name, marks.get(p.enrolment_id))
             for p in queries.participants(connection, meeting.group_id)
             if p.enrolment_id in marks or (
                 p.status in queries.IN_GROUP
                 and (p.finished_on is None or meeting.held_on <= p.finished_on))]
    return AttendanceSheet(language, heading, meeting.held_on, meeting.moved_from,
                           meeting.topic, meeting.cancelled, lines, now)


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def month_register(connection: Connection, group_id: uuid.UUID, month: date, language: str,
                   now: datetime) -> MonthRegister | None:
    """The month's sessions (cancelled ones too) × the participants in the group in that
    month: those with a mark in it, and those who had not left before it began."""
    heading = _heading(connection, group_id, language)
    if heading is None:
        return None
    first, last = month_bounds(month)
    sessions = [s for s in queries.sessions(connection, group_id) if first <= s.held_on <= last]
    marks = {(m.enrolment_id, m.session_id): mark_of(m.present, m.excused)
             for m in queries.marks(connection, group_id)}
    in_month = {s.id for s in sessions}
    marked = {enrolment for enrolment, session in marks if session in in_month}
    rows = [RegisterRow(p.name, p.status, p.finished_on,
                        [marks.get((p.enrolment_id, s.id)) for s in sessions])
            for p in queries.participants(connection, group_id)
            if p.enrolment_id in marked or (
                p.status in queries.IN_GROUP and p.enrolled_on <= last
                and (p.finished_on is None or p.finished_on >= first))]
    days = [RegisterDay(s.held_on, s.cancelled, s.moved_from) for s in sessions]
    return MonthRegister(language, heading, first, days, rows, now)


def client_language(connection: Connection, enrolment_id: uuid.UUID) -> str | None:
    """The language the participant asked for their documents in."""
    return connection.scalar(
        select(Person.preferred_language)
        .join(CourseEnrolment, CourseEnrolment.person_id == Person.id)
        .where(CourseEnrolment.id == enrolment_id))


def certificate(connection: Connection, enrolment_id: uuid.UUID, language: str,
                today: date) -> Certificate | None:
    """The certificate of a completed enrolment; None if there is none or it is not
    completed (the caller says which)."""
    label = LABEL_COLUMNS[language]
    row = connection.execute(
        select(CourseEnrolment.group_id, CourseEnrolment.status, CourseEnrolment.finished_on,
               Person.surname, Person.given_name, Person.patronymic, Person.surname_latin,
               Person.given_name_latin, Person.name_original, getattr(LanguageLevel, label))
        .join(Person, Person.id == CourseEnrolment.person_id)
        .outerjoin(LanguageLevel, LanguageLevel.code == CourseEnrolment.level_after_code)
        .where(CourseEnrolment.id == enrolment_id)).first()
    if row is None or row.status != EnrolmentStatus.COMPLETED:
        return None
    group = queries.group(connection, row.group_id, language)
    if group is None:
        return None
    finished = row.finished_on or group.ends_on
    held_days = [s.held_on for s in queries.sessions(connection, row.group_id)
                 if not s.cancelled and group.starts_on <= s.held_on <= finished]
    first_day = held_days[0] if held_days else group.starts_on
    last_day = held_days[-1] if held_days else finished
    attended = connection.scalar(
        select(func.count()).select_from(Attendance)
        .where(Attendance.enrolment_id == enrolment_id, Attendance.present.is_(True))) or 0
    return Certificate(
        language=language, letterhead=letterhead(connection), office_name=group.office,
        number=enrolment_id.hex[:8].upper(),
        client_name=" ".join(p for p in (row.surname, row.given_name, row.patronymic) if p),
        client_name_latin=" ".join(p for p in (row.surname_latin, row.given_name_latin) if p),
        client_name_original=row.name_original or "", course=group.course,
        language_taught=group.language, level=group.level, first_day=first_day,
        last_day=last_day, attended=int(attended), held=len(held_days),
        level_reached=row[9] or "", issued_on=today, teacher=group.teacher)
