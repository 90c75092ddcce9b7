"""Enrolling clients into course groups, the waiting list, and each participant's outcome.

A client is enrolled on their open case in the group's office: a closed case, or a
client of another office, is refused. A full group puts them on its waiting list
(``waiting_since`` gives the order). A participant who drops out (with a reason) or
leaves frees a place, which goes to the next on the list (``waiting_list``).
Completing records the level reached; it also raises the level on the client's
profile for that language when it is higher than the one recorded.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import (
    Attendance,
    CourseEnrolment,
    CourseGroup,
    EnrolmentStatus,
    PersonLanguage,
)
from db.models.reference import DropoutReason, LanguageLevel
from db.queries import courses as queries
from db.queries.offices import office_name
from db.session import Database
from desktop.i18n import _, current_language
from desktop.services.access import Actor, Permission, pure, requires, within_checked_call
from desktop.services.courses.errors import (
    AlreadyInGroup,
    EnrolmentNotInStep,
    GroupFull,
    GroupNotOpen,
    HasAttendance,
    InvalidOutcome,
    NoOpenCaseHere,
    NoSuchEnrolment,
)
from desktop.services.courses.groups import OPEN, GroupLine, reachable_group
from desktop.services.courses.waiting_list import (
    close_offer,
    free_places,
    offer_free_places,
    waiting_position,
)
from desktop.services.follow_ups import open_case_id, require_client
from desktop.services.versions import require_version

__all__ = ["CourseChoice", "Enrolled", "complete", "course_choices", "drop_out", "enrol",
           "fit_rank", "level_rank", "take_offer", "withdraw"]

# The order of the levels a course teaches: a client at A2 fits a B1 group best.
LEVEL_ORDER = ("a1", "a2", "b1", "b2", "c1", "c2")
KAZTEST_LEVELS = {"kaztest_elementary": "a1", "kaztest_pre_intermediate": "a2",
                  "kaztest_intermediate": "b1", "kaztest_upper_intermediate": "b2",
                  "kaztest_advanced": "c1"}


@dataclass(frozen=True)
class Enrolled:
    enrolment_id: uuid.UUID
    waiting: bool
    position: int | None  # on the waiting list, 1 for the first


@dataclass(frozen=True)
class CourseChoice:
    """A group offered in the client's "Enrol in a course" list."""

    line: GroupLine
    rank: int  # 0: the language and next level for the client; 1: their language; 2: other
    free: int
    already: EnrolmentStatus | None


# ---- rules ------------------------------------------------------------------------------------

@pure
def level_rank(code: str | None) -> int | None:
    """The CEFR step of a level code (KAZTEST levels included), 0 for A1; None if none."""
    if code is None:
        return None
    code = KAZTEST_LEVELS.get(code, code)
    if code == "native":
        return len(LEVEL_ORDER)
    return LEVEL_ORDER.index(code) if code in LEVEL_ORDER else None


@pure
def fit_rank(languages: dict[str, str | None], language_code: str,
             level_code: str | None) -> int:
    """How well a group fits the client: 0 when it teaches one of their languages at the
    level after theirs (or A1 to someone with no level in it), 1 when it is one of their
    languages at another level, 2 otherwise."""
    if language_code not in languages:
        return 2
    have, group = level_rank(languages[language_code]), level_rank(level_code)
    if group is None:
        return 1
    if (have is None and group == 0) or (have is not None and group == have + 1):
        return 0
    return 1


# ---- the client file's list -------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def course_choices(database: Database, actor: Actor, person_id: uuid.UUID) -> list[CourseChoice]:
    """The groups of the client's office that take participants, best fit first, then the
    soonest to start."""
    with database.session() as session:
        person = require_client(session, actor, person_id)
        connection = session.connection()
        rows = queries.open_groups(connection, person.office_id, current_language())
        ids = [r.id for r in rows]
        fill = queries.fill(connection, ids)
        rates = queries.attendance_rates(connection, ids)
        languages = queries.person_languages(connection, person.id)
        already = dict(session.execute(select(CourseEnrolment.group_id, CourseEnrolment.status)
                                       .where(CourseEnrolment.person_id == person.id)).all())
    choices = []
    for row in rows:
        line = GroupLine(row, fill.get(row.id, queries.Fill()), *rates.get(row.id, (0, 0)))
        choices.append(CourseChoice(line, fit_rank(languages, row.language_code,
                                                   row.level_code), line.free,
                                    already.get(row.id)))
    return sorted(choices, key=lambda c: (c.rank, c.line.group.starts_on))


# ---- enrolling --------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def enrol(database: Database, actor: Actor, person_id: uuid.UUID, group_id: uuid.UUID, *,
          today: date | None = None) -> Enrolled:
    """Enrol the client, or put them on the waiting list of a full group. A client who left
    the waiting list earlier joins it again at its end.

    Raises GroupNotOpen, AlreadyInGroup, NoOpenCaseHere, AccessDenied, NoSuchGroup.
    """
    today = today or date.today()
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        group = reachable_group(session, actor, group_id)
        if group.status not in OPEN:
            raise GroupNotOpen(group.name, group.status)
        existing = session.scalar(select(CourseEnrolment).where(
            CourseEnrolment.group_id == group.id, CourseEnrolment.person_id == person.id))
        if existing is not None and existing.status is not EnrolmentStatus.WITHDRAWN:
            raise AlreadyInGroup(group.name, existing.status)
        case_id = open_case_id(session, person.id, group.office_id)
        if case_id is None:
            raise NoOpenCaseHere(office_name(session, group.office_id))
        waiting = free_places(session, group) <= 0 or _anyone_waiting(session, group)
        enrolment = existing or CourseEnrolment(group_id=group.id, person_id=person.id)
        if existing is None:
            session.add(enrolment)
        languages = queries.person_languages(session.connection(), person.id)
        enrolment.case_id, enrolment.enrolled_on = case_id, today
        enrolment.finished_on = enrolment.offered_on = enrolment.offer_follow_up_id = None
        enrolment.dropout_reason_code = None
        enrolment.level_before_code = languages.get(group.language_code)
        enrolment.status = EnrolmentStatus.WAITING if waiting else EnrolmentStatus.ENROLLED
        enrolment.waiting_since = utcnow() if waiting else None
        session.flush()
        if waiting:
            # A place may be free though others wait (their offers are out): the list
            # decides who gets it, and the newcomer is last on it.
            offer_free_places(session, actor, group, today)
        position = waiting_position(session, enrolment) if waiting else None
        return Enrolled(enrolment.id, waiting, position)


@requires(Permission.WORK_WITH_CLIENTS)
def take_offer(database: Database, actor: Actor, enrolment_id: uuid.UUID, version: int, *,
               today: date | None = None) -> None:
    """Enrol a client from the waiting list into the place offered to them (or into one
    that is free). Raises EnrolmentNotInStep, GroupFull, GroupNotOpen, NoOpenCaseHere,
    StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        enrolment, group = _participant(session, actor, enrolment_id, version)
        if enrolment.status is not EnrolmentStatus.WAITING:
            raise EnrolmentNotInStep(enrolment.status)
        if group.status not in OPEN:
            raise GroupNotOpen(group.name, group.status)
        if enrolment.offered_on is None and free_places(session, group) <= 0:
            raise GroupFull(group.name)
        case_id = open_case_id(session, enrolment.person_id, group.office_id)
        if case_id is None:
            raise NoOpenCaseHere(office_name(session, group.office_id))
        close_offer(session, actor, enrolment, _("Enrolled in the group."))
        enrolment.status, enrolment.case_id = EnrolmentStatus.ENROLLED, case_id
        enrolment.enrolled_on, enrolment.offered_on = today, None
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS)
def withdraw(database: Database, actor: Actor, enrolment_id: uuid.UUID, version: int, *,
             today: date | None = None) -> None:
    """Take a client off the waiting list (declining an offer too), or off the group when
    they were enrolled by mistake and never marked. The place goes to the next waiting.
    Raises EnrolmentNotInStep, HasAttendance (a participant who attended drops out
    instead), StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        enrolment, group = _participant(session, actor, enrolment_id, version)
        if enrolment.status not in (EnrolmentStatus.WAITING, EnrolmentStatus.ENROLLED):
            raise EnrolmentNotInStep(enrolment.status)
        if enrolment.status is EnrolmentStatus.ENROLLED:
            marks = session.scalar(select(func.count()).where(
                Attendance.enrolment_id == enrolment.id)) or 0
            if marks:
                raise HasAttendance(marks)
        close_offer(session, actor, enrolment, _("Taken off the waiting list."))
        enrolment.status, enrolment.finished_on = EnrolmentStatus.WITHDRAWN, today
        enrolment.offered_on = None
        session.flush()
        if group.status in OPEN:
            offer_free_places(session, actor, group, today)


@requires(Permission.WORK_WITH_CLIENTS)
def drop_out(database: Database, actor: Actor, enrolment_id: uuid.UUID, version: int,
             reason_code: str | None, on: date | None = None, *,
             today: date | None = None) -> None:
    """The participant left the course on ``on`` (today if None) for a reason of the
    list; their place goes to the next waiting. Raises InvalidOutcome,
    EnrolmentNotInStep, StaleRecord."""
    def left(session: Session, enrolment: CourseEnrolment, group: CourseGroup) -> None:
        enrolment.status, enrolment.dropout_reason_code = EnrolmentStatus.DROPPED, reason_code
        session.flush()
        if group.status in OPEN:
            offer_free_places(session, actor, group, today or date.today())

    _end(database, actor, enrolment_id, version, reason_code, DropoutReason,
         InvalidOutcome.Why.REASON_REQUIRED, on, today, left)


@requires(Permission.WORK_WITH_CLIENTS)
def complete(database: Database, actor: Actor, enrolment_id: uuid.UUID, version: int,
             level_code: str | None, on: date | None = None, *,
             today: date | None = None) -> None:
    """The participant finished the course at ``level_code`` (the level reached). Raises
    InvalidOutcome, EnrolmentNotInStep, StaleRecord."""
    def finished(session: Session, enrolment: CourseEnrolment, group: CourseGroup) -> None:
        assert level_code is not None
        enrolment.status, enrolment.level_after_code = EnrolmentStatus.COMPLETED, level_code
        raise_profile_level(session, enrolment.person_id, group.language_code, level_code)

    _end(database, actor, enrolment_id, version, level_code, LanguageLevel,
         InvalidOutcome.Why.LEVEL_REQUIRED, on, today, finished)


def _end(database: Database, actor: Actor, enrolment_id: uuid.UUID, version: int,
         code: str | None, listed_in: type[DropoutReason | LanguageLevel],
         missing: InvalidOutcome.Why, on: date | None, today: date | None,
         outcome: Callable[[Session, CourseEnrolment, CourseGroup], None]) -> None:
    """An enrolled participant's outcome, on a day from their enrolment to today, with a
    code of its reference list (the reason, or the level reached)."""
    today = today or date.today()
    on = on or today
    with database.session(actor.user_id) as session:
        enrolment, group = _participant(session, actor, enrolment_id, version)
        if enrolment.status is not EnrolmentStatus.ENROLLED:
            raise EnrolmentNotInStep(enrolment.status)
        if not code:
            raise InvalidOutcome(missing)
        if session.get(listed_in, code) is None:
            raise InvalidOutcome(InvalidOutcome.Why.UNKNOWN_CODE)
        _require_outcome_day(enrolment, on, today)
        enrolment.finished_on = on
        outcome(session, enrolment, group)
        session.flush()


# ---- steps ------------------------------------------------------------------------------------

MOVED = "moved"  # the drop-out reason a transfer to another office gives


@within_checked_call
def leave_office_groups(session: Session, actor: Actor, person_id: uuid.UUID,
                        office_id: uuid.UUID, on: date, *, waiting_only: bool = False) -> None:
    """The client's case ends in that office: they leave its waiting lists and, when they
    move to another office, its groups too (dropping out "moved away"); each freed or
    declined place goes to the next waiting. A case closed where the client stays keeps
    their places in groups they attend: the course may go on to its end."""
    statuses = ([EnrolmentStatus.WAITING] if waiting_only
                else [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING])
    why = (_("The client's case was closed.") if waiting_only
           else _("The client moved to another office."))
    groups_left = []
    for enrolment, group in session.execute(
            select(CourseEnrolment, CourseGroup)
            .join(CourseGroup, CourseGroup.id == CourseEnrolment.group_id)
            .where(CourseEnrolment.person_id == person_id, CourseGroup.office_id == office_id,
                   CourseEnrolment.status.in_(statuses))):
        if enrolment.status is EnrolmentStatus.ENROLLED and enrolment.enrolled_on <= on:
            enrolment.status, enrolment.dropout_reason_code = EnrolmentStatus.DROPPED, MOVED
        else:
            close_offer(session, actor, enrolment, why)
            enrolment.status, enrolment.offered_on = EnrolmentStatus.WITHDRAWN, None
        enrolment.finished_on = on
        groups_left.append(group)
    session.flush()
    for group in groups_left:
        if group.status in OPEN:
            offer_free_places(session, actor, group, on)


@within_checked_call
def participant(session: Session, actor: Actor,
                enrolment_id: uuid.UUID) -> tuple[CourseEnrolment, CourseGroup]:
    """The enrolment and its group, if the user may work with both."""
    enrolment = session.get(CourseEnrolment, enrolment_id)
    if enrolment is None:
        raise NoSuchEnrolment(enrolment_id)
    group = reachable_group(session, actor, enrolment.group_id)
    require_client(session, actor, enrolment.person_id)
    return enrolment, group


def _participant(session: Session, actor: Actor, enrolment_id: uuid.UUID,
                 version: int) -> tuple[CourseEnrolment, CourseGroup]:
    enrolment, group = participant(session, actor, enrolment_id)
    require_version(session, enrolment, version)
    return enrolment, group


@within_checked_call
def raise_profile_level(session: Session, person_id: uuid.UUID, language_code: str,
                        level_code: str) -> None:
    """The profile's level for the language becomes ``level_code`` if that is higher."""
    known = session.scalar(select(PersonLanguage).where(
        PersonLanguage.person_id == person_id, PersonLanguage.language_code == language_code))
    reached = level_rank(level_code)
    if known is None:
        session.add(PersonLanguage(person_id=person_id, language_code=language_code,
                                   level_code=level_code))
    elif reached is not None and (level_rank(known.level_code) or -1) < reached:
        known.level_code = level_code


def _require_outcome_day(enrolment: CourseEnrolment, on: date, today: date) -> None:
    if on > today or on < enrolment.enrolled_on:
        raise InvalidOutcome(InvalidOutcome.Why.DATE_OUTSIDE)


def _anyone_waiting(session: Session, group: CourseGroup) -> bool:
    return session.scalar(select(CourseEnrolment.id).where(
        CourseEnrolment.group_id == group.id, CourseEnrolment.status == EnrolmentStatus.WAITING,
        CourseEnrolment.offered_on.is_(None)).limit(1)) is not None

