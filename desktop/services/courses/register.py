"""The attendance register: participants × sessions, marked cell by cell as the teacher goes.

A cell is present, absent, excused (absent with a reason given) or not marked (no
row). Rates leave excused absences out: present ÷ (present + absent). A cell may be
marked only for a session that takes place (not cancelled), within the group's
dates, not in the future, and while the participant was in the group (from their
enrolment to their completion or dropping out).

Each mark is its own small write, so a register is saved as it is filled. The mark
the user saw is sent with the new one: if someone else changed the cell meanwhile,
the write is refused (``MarkChanged``) rather than silently replacing theirs.

The low-attendance rule: once a participant has at least ``MIN_SESSIONS`` counted
sessions and their rate falls under the center's threshold (60 % unless set), their
caseworker gets a follow-up — once per enrolment, whatever the rate does later.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db.models import Attendance, CourseEnrolment, CourseGroup, CourseSession, EnrolmentStatus
from db.models import GroupStatus as Status
from db.queries import courses as queries
from db.queries.client_file import reference_labels
from db.session import Database
from desktop.i18n import _, current_language, format_percent
from desktop.services.access import Actor, Permission, pure, requires
from desktop.services.center_settings import LOW_ATTENDANCE_PERCENT, setting_value
from desktop.services.courses.enrolment import participant
from desktop.services.courses.errors import (
    MarkChanged,
    NoSuchSession,
    SessionNotMarkable,
)
from desktop.services.courses.groups import reachable_group
from desktop.services.courses.waiting_list import raise_follow_up

__all__ = ["MIN_SESSIONS", "Mark", "MarkResult", "Register", "RegisterLine", "RegisterSession",
           "load_register", "mark_attendance", "mark_of", "not_markable", "rate"]

MIN_SESSIONS = 4  # the low-attendance rule waits for this many counted sessions
FOLLOW_UP_DAYS = 7
Why = SessionNotMarkable.Why


class Mark(enum.Enum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


@pure
def mark_of(present: bool, excused: bool) -> Mark:
    return Mark.PRESENT if present else Mark.EXCUSED if excused else Mark.ABSENT


@pure
def rate(marks: list[Mark]) -> float | None:
    """present ÷ (present + absent); None when nothing counts yet."""
    counted = [m for m in marks if m is not Mark.EXCUSED]
    return sum(m is Mark.PRESENT for m in counted) / len(counted) if counted else None


@dataclass(frozen=True)
class RegisterSession:
    id: uuid.UUID
    version: int
    held_on: date
    cancelled: bool
    moved_from: date | None


@dataclass(frozen=True)
class RegisterLine:
    enrolment_id: uuid.UUID
    version: int
    person_id: uuid.UUID
    name: str
    status: EnrolmentStatus
    enrolled_on: date
    finished_on: date | None
    level_before_code: str | None
    level_after_code: str | None
    preferred_language: str
    dropout_reason_code: str | None = None


@dataclass(frozen=True)
class Register:
    group: queries.GroupRow
    sessions: list[RegisterSession]
    lines: list[RegisterLine]  # the participants: enrolled, completed, dropped out
    waiting: list[queries.ParticipantRow]  # the waiting list in order, then those withdrawn
    marks: dict[tuple[uuid.UUID, uuid.UUID], Mark]  # (enrolment, session)
    today: date
    threshold: int  # percent
    # Labels in the UI language of the levels and drop-out reasons the lines name.
    levels: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    # Each participant's level tests, oldest first: (kind, level code, score or None).
    tests: dict[uuid.UUID, list[tuple[str, str, int | None]]] = field(default_factory=dict)

    def line_rate(self, enrolment_id: uuid.UUID) -> float | None:
        return rate([m for (e, _s), m in self.marks.items() if e == enrolment_id])

    def session_rate(self, session_id: uuid.UUID) -> float | None:
        return rate([m for (_e, s), m in self.marks.items() if s == session_id])

    def why_not(self, line: RegisterLine, meeting: RegisterSession) -> Why | None:
        return not_markable(self.group.starts_on, self.group.ends_on, meeting.cancelled,
                            meeting.held_on, line.enrolled_on, line.finished_on, line.status,
                            self.today)


@pure
def not_markable(starts_on: date, ends_on: date, cancelled: bool, held_on: date,
                 enrolled_on: date, finished_on: date | None, status: EnrolmentStatus,
                 today: date) -> Why | None:
    """Why that cell may not be marked, or None when it may."""
    if cancelled:
        return Why.CANCELLED
    if not starts_on <= held_on <= ends_on:
        return Why.OUTSIDE_DATES
    if held_on > today:
        return Why.FUTURE
    if status not in (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED,
                      EnrolmentStatus.DROPPED):
        return Why.NOT_PARTICIPATING
    # Someone enrolled after the start may still have come from the first day: only a
    # session after they left is not theirs.
    if finished_on is not None and held_on > finished_on:
        return Why.NOT_PARTICIPATING
    return None



@requires(Permission.WORK_WITH_CLIENTS)
def load_register(database: Database, actor: Actor, group_id: uuid.UUID, *,
                  today: date | None = None) -> Register:
    """The group's register and its lists, as one consistent read."""
    with database.session() as session:
        reachable_group(session, actor, group_id)
        connection = session.connection()
        group = queries.group(connection, group_id, current_language())
        assert group is not None
        people = queries.participants(connection, group_id)
        sessions = [RegisterSession(s.id, s.version, s.held_on, s.cancelled, s.moved_from)
                    for s in queries.sessions(connection, group_id)]
        marks = {(m.enrolment_id, m.session_id): mark_of(m.present, m.excused)
                 for m in queries.marks(connection, group_id)}
        threshold = setting_value(connection, LOW_ATTENDANCE_PERCENT)
        levels = reference_labels(connection, "language_level", current_language())
        reasons = reference_labels(connection, "dropout_reason", current_language())
        tests: dict[uuid.UUID, list[tuple[str, str, int | None]]] = {}
        for enrolment_id, kind, level, score in queries.assessments(connection, group_id):
            tests.setdefault(enrolment_id, []).append((str(kind or ""), level, score))
    lines = [RegisterLine(p.enrolment_id, p.version, p.person_id, p.name, p.status,
                          p.enrolled_on, p.finished_on, p.level_before_code, p.level_after_code,
                          p.preferred_language, p.dropout_reason_code)
             for p in people if p.status in queries.IN_GROUP]
    waiting = [p for p in people if p.status not in queries.IN_GROUP]
    return Register(group, sessions, lines, waiting, marks, today or date.today(), threshold,
                    levels, reasons, tests)


@dataclass(frozen=True)
class MarkResult:
    mark: Mark | None
    line_rate: float | None
    session_rate: float | None
    follow_up: bool  # the low-attendance rule fired with this mark


@requires(Permission.WORK_WITH_CLIENTS)
def mark_attendance(database: Database, actor: Actor, enrolment_id: uuid.UUID,
                    session_id: uuid.UUID, mark: Mark | None, seen: Mark | None, *,
                    today: date | None = None) -> MarkResult:
    """Mark one cell (None clears it). ``seen`` is the mark the user was looking at.

    Raises SessionNotMarkable, MarkChanged, AccessDenied, NoSuchSession, NoSuchEnrolment.
    """
    today = today or date.today()
    with database.session(actor.user_id) as session:
        enrolment, group = participant(session, actor, enrolment_id)
        meeting = session.get(CourseSession, session_id)
        if meeting is None or meeting.group_id != group.id:
            raise NoSuchSession(session_id)
        why = not_markable(group.starts_on, group.ends_on, meeting.cancelled, meeting.held_on,
                           enrolment.enrolled_on, enrolment.finished_on, enrolment.status, today)
        if why is not None:
            raise SessionNotMarkable(why, meeting.held_on)
        row = session.scalar(select(Attendance).where(Attendance.session_id == meeting.id,
                                                      Attendance.enrolment_id == enrolment.id))
        now = mark_of(row.present, row.excused) if row is not None else None
        if now is not seen:
            raise MarkChanged(enrolment.id, meeting.id)
        if mark is None:
            if row is not None:
                session.delete(row)
        else:
            if row is None:
                row = Attendance(session_id=meeting.id, enrolment_id=enrolment.id,
                                 present=False)
                session.add(row)
            row.present, row.excused = mark is Mark.PRESENT, mark is Mark.EXCUSED
        if group.status is Status.PLANNED and mark is not None:
            group.status = Status.RUNNING  # the first mark says the course has begun
        session.flush()
        line = _tally(session, Attendance.enrolment_id == enrolment.id)
        fired = _low_attendance_rule(session, actor, enrolment, group, line, today)
        by_session = _tally(session, Attendance.session_id == meeting.id)
        return MarkResult(mark, _share(line), _share(by_session), fired)


def _tally(session: Session, condition: object) -> tuple[int, int]:
    """(present, counted) of the marks that meet ``condition``: excused ones count neither."""
    present, counted = session.execute(
        select(func.sum(case((Attendance.present.is_(True), 1), else_=0)),
               func.sum(case((Attendance.excused.is_(True), 0), else_=1)))
        .where(condition)).one()  # type: ignore[arg-type]
    return present or 0, counted or 0


def _share(tally: tuple[int, int]) -> float | None:
    present, counted = tally
    return present / counted if counted else None


def _low_attendance_rule(session: Session, actor: Actor, enrolment: CourseEnrolment,
                         group: CourseGroup, tally: tuple[int, int], today: date) -> bool:
    if enrolment.low_attendance_follow_up_id is not None \
            or enrolment.status is not EnrolmentStatus.ENROLLED:
        return False
    present, counted = tally
    if counted < MIN_SESSIONS:
        return False
    percent = 100 * present / counted
    threshold = setting_value(session, LOW_ATTENDANCE_PERCENT)
    if percent >= threshold:
        return False
    task = raise_follow_up(
        session, actor, enrolment, today + timedelta(days=FOLLOW_UP_DAYS),
        _("Attendance in the course group {group} has fallen to {percent}: find out why")
        .format(group=group.name, percent=format_percent(percent / 100)))
    enrolment.low_attendance_follow_up_id = task.id
    session.flush()
    return True
