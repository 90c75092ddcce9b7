"""Course groups: the list with fill and attendance, planning a group, its life and sessions.

Planning (opening, changing, finishing or cancelling a group) is a manager's
(``Permission.PLAN_SERVICES``); a session may also be moved or cancelled by the
group's own teacher. A group's sessions follow its schedule: saving new dates or
days regenerates the sessions nobody has marked, moved or cancelled, and keeps the
others, since they carry the register's history.

A group's life: planned → running → finished, and planned or running → cancelled.
A finished group may be reopened (running) to correct it, a cancelled one planned
again. Finishing asks that every participant has an outcome (completed or dropped
out); cancelling takes everyone still enrolled or waiting off the list (withdrawn).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    Attendance,
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    EnrolmentStatus,
    GroupStatus,
    Office,
    Provider,
    Role,
    User,
)
from db.models.reference import Language, LanguageLevel, ServiceType
from db.queries import courses as queries
from db.queries.providers import provider_name
from db.session import Database
from desktop.domain.course_schedule import parse_weekdays, session_days, weekdays_text
from desktop.i18n import current_language
from desktop.services.access import (
    AccessDenied,
    Actor,
    Permission,
    pure,
    requires,
    within_checked_call,
)
from desktop.services.courses.errors import (
    Field,
    GroupNotOpen,
    HasAttendance,
    InvalidGroupEntry,
    NoSuchGroup,
    NoSuchSession,
    NotThisGroupsPlanner,
    OutcomesMissing,
    Problem,
    SessionDayTaken,
    StatusNotAllowed,
)
from desktop.services.courses.waiting_list import offer_free_places
from desktop.services.versions import require_version

__all__ = ["LANGUAGE_AREA", "MAX_CAPACITY", "MAX_NAME", "STEPS", "GroupChoices", "GroupEntry",
           "GroupLine", "cancel_session", "change_status", "check_group", "create_group",
           "group_choices", "group_entry", "list_groups", "move_session", "reachable_group",
           "restore_session", "update_group"]

LANGUAGE_AREA = "language"
MAX_NAME = 120
MAX_PLACE = 200
MAX_CAPACITY = 100
LIST_LIMIT = 500
OPEN = (GroupStatus.PLANNED, GroupStatus.RUNNING)
STEPS: dict[GroupStatus, tuple[GroupStatus, ...]] = {
    GroupStatus.PLANNED: (GroupStatus.RUNNING, GroupStatus.CANCELLED),
    GroupStatus.RUNNING: (GroupStatus.FINISHED, GroupStatus.CANCELLED),
    GroupStatus.FINISHED: (GroupStatus.RUNNING,),
    GroupStatus.CANCELLED: (GroupStatus.PLANNED,),
}


@dataclass(frozen=True)
class GroupEntry:
    """A group as the planner fills it in."""

    name: str
    office_id: uuid.UUID | None
    service_type_code: str | None
    language_code: str | None
    level_code: str | None
    provider_id: uuid.UUID | None
    teacher_id: uuid.UUID | None
    teacher: str  # a provider's teacher, who is not a Qadam user
    place: str
    weekdays: str
    starts_at: time | None
    ends_at: time | None
    starts_on: date | None
    ends_on: date | None
    capacity: int


@dataclass(frozen=True)
class GroupLine:
    """A row of the groups list."""

    group: queries.GroupRow
    fill: queries.Fill
    present: int
    counted: int

    @property
    def id(self) -> uuid.UUID:
        return self.group.id

    @property
    def rate(self) -> float | None:
        return self.present / self.counted if self.counted else None

    @property
    def free(self) -> int:
        """Places neither taken nor on offer to someone waiting."""
        return max(self.group.capacity - self.fill.holding - self.fill.offered, 0)


@dataclass(frozen=True)
class GroupChoices:
    """What the group form offers, labelled in the UI language."""

    offices: list[tuple[uuid.UUID, str]]
    services: list[tuple[str, str]]
    languages: list[tuple[str, str]]
    levels: list[tuple[str, str]]
    providers: list[tuple[uuid.UUID, str]]
    teachers: list[tuple[uuid.UUID, str, uuid.UUID | None]]  # id, name, office


# ---- rules ------------------------------------------------------------------------------------

@pure
def check_group(entry: GroupEntry, taken: int = 0) -> dict[Field, Problem]:
    """What is wrong with the form, by field; ``taken`` is the places already taken."""
    problems: dict[Field, Problem] = {}
    if not entry.name.strip():
        problems[Field.NAME] = Problem.REQUIRED
    elif len(entry.name.strip()) > MAX_NAME:
        problems[Field.NAME] = Problem.TOO_LONG
    for field, value in ((Field.OFFICE, entry.office_id),
                         (Field.SERVICE, entry.service_type_code),
                         (Field.LANGUAGE, entry.language_code)):
        if not value:
            problems[field] = Problem.REQUIRED
    if len(entry.place.strip()) > MAX_PLACE:
        problems[Field.PLACE] = Problem.TOO_LONG
    if len(entry.teacher.strip()) > MAX_NAME:
        problems[Field.TEACHER] = Problem.TOO_LONG
    if not parse_weekdays(entry.weekdays):
        problems[Field.WEEKDAYS] = Problem.REQUIRED
    if (entry.starts_at is None) != (entry.ends_at is None):
        problems[Field.TIMES] = Problem.REQUIRED
    elif entry.starts_at is not None and entry.ends_at is not None \
            and entry.ends_at <= entry.starts_at:
        problems[Field.TIMES] = Problem.ORDER
    if entry.starts_on is None or entry.ends_on is None:
        problems[Field.DATES] = Problem.REQUIRED
    elif entry.ends_on < entry.starts_on:
        problems[Field.DATES] = Problem.ORDER
    elif (entry.ends_on - entry.starts_on).days > 3 * 366:
        problems[Field.DATES] = Problem.OUT_OF_RANGE
    if not 1 <= entry.capacity <= MAX_CAPACITY:
        problems[Field.CAPACITY] = Problem.OUT_OF_RANGE
    elif entry.capacity < taken:
        problems[Field.CAPACITY] = Problem.BELOW_TAKEN
    return problems


# ---- reading ----------------------------------------------------------------------------------

@within_checked_call
def reachable_group(session: Session, actor: Actor, group_id: uuid.UUID) -> CourseGroup:
    """The group, if the user may work with its office's clients."""
    actor.require(Permission.WORK_WITH_CLIENTS)
    group = session.get(CourseGroup, group_id)
    if group is None:
        raise NoSuchGroup(group_id)
    actor.require_office(group.office_id)
    return group


@requires(Permission.WORK_WITH_CLIENTS)
def list_groups(database: Database, actor: Actor, *, statuses: tuple[GroupStatus, ...] = (),
                language_code: str | None = None, text: str = "",
                office_id: uuid.UUID | None = None) -> list[GroupLine]:
    """The groups the user may see (their office's, or every office's for a manager, or
    ``office_id``'s), newest first, with their fill and attendance rate."""
    scope = actor.office_scope
    if scope is not None:
        if office_id is not None and office_id != scope:
            raise AccessDenied(None)
        office_id = scope
    with database.reading() as connection:
        rows = queries.groups(connection, current_language(), office_id=office_id,
                              statuses=statuses, language_code=language_code, text=text,
                              limit=LIST_LIMIT)
        ids = [r.id for r in rows]
        fill = queries.fill(connection, ids)
        rates = queries.attendance_rates(connection, ids)
    return [GroupLine(r, fill.get(r.id, queries.Fill()), *rates.get(r.id, (0, 0)))
            for r in rows]


@requires(Permission.WORK_WITH_CLIENTS)
def group_choices(database: Database, actor: Actor) -> GroupChoices:
    """The offices (the user's own unless they see every office), the language services,
    languages, levels, language providers and the users who may teach."""
    language = current_language()
    label = f"label_{language}"
    scope = actor.office_scope
    with database.reading() as connection:
        offices = select(Office.id, Office.name).where(Office.active.is_(True))
        if scope is not None:
            offices = offices.where(Office.id == scope)
        teachers = (select(User.id, User.full_name, User.office_id)
                    .where(User.active.is_(True), User.role != Role.ADMIN)
                    .order_by(User.full_name))
        if scope is not None:
            teachers = teachers.where(User.office_id == scope)
        return GroupChoices(
            offices=[(i, n) for i, n in connection.execute(offices.order_by(Office.name))],
            services=[(c, t) for c, t in connection.execute(
                select(ServiceType.code, getattr(ServiceType, label))
                .where(ServiceType.area_code == LANGUAGE_AREA, ServiceType.active.is_(True))
                .order_by(ServiceType.sort_order))],
            languages=[(c, t) for c, t in connection.execute(
                select(Language.code, getattr(Language, label))
                .where(Language.active.is_(True)).order_by(Language.sort_order))],
            levels=[(c, t) for c, t in connection.execute(
                select(LanguageLevel.code, getattr(LanguageLevel, label))
                .where(LanguageLevel.active.is_(True), LanguageLevel.code != "native")
                .order_by(LanguageLevel.sort_order))],
            providers=[(i, n) for i, n in connection.execute(
                select(Provider.id, provider_name(current_language()).label("name"))
                .where(Provider.area_code == LANGUAGE_AREA, Provider.active.is_(True))
                .order_by("name"))],
            teachers=[(i, n, o) for i, n, o in connection.execute(teachers)])


@requires(Permission.WORK_WITH_CLIENTS)
def group_entry(database: Database, actor: Actor,
                group_id: uuid.UUID) -> tuple[GroupEntry, int, GroupStatus]:
    """The group as its form shows it, with the version to save against and its status."""
    with database.session() as session:
        group = reachable_group(session, actor, group_id)
        values = {f.name: getattr(group, f.name) for f in fields(GroupEntry)}
        return GroupEntry(**values), group.version, group.status


# ---- planning ---------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS, Permission.PLAN_SERVICES)
def create_group(database: Database, actor: Actor, entry: GroupEntry) -> uuid.UUID:
    """A new group, planned, with its sessions from the schedule. Raises InvalidGroupEntry,
    AccessDenied (another office's group)."""
    entry = _tidy(entry)
    problems = check_group(entry)
    if problems:
        raise InvalidGroupEntry(problems)
    with database.session(actor.user_id) as session:
        _check_references(session, actor, entry)
        group = CourseGroup(status=GroupStatus.PLANNED, **_values(entry))
        session.add(group)
        session.flush()
        _follow_schedule(session, group)
        session.flush()
        return group.id


@requires(Permission.WORK_WITH_CLIENTS, Permission.PLAN_SERVICES)
def update_group(database: Database, actor: Actor, group_id: uuid.UUID, version: int,
                 entry: GroupEntry, *, today: date | None = None) -> None:
    """Save the form. New dates or days regenerate the sessions nobody has marked, moved or
    cancelled; a larger capacity offers the freed places to the waiting list. Raises
    InvalidGroupEntry, GroupNotOpen (a finished or cancelled group), StaleRecord."""
    entry = _tidy(entry)
    with database.session(actor.user_id) as session:
        group = reachable_group(session, actor, group_id)
        require_version(session, group, version)
        if group.status not in OPEN:
            raise GroupNotOpen(group.name, group.status)
        taken = session.scalar(select(func.count()).where(
            CourseEnrolment.group_id == group.id,
            CourseEnrolment.status.in_(list(queries.HOLDS_PLACE)))) or 0
        problems = check_group(entry, taken)
        if problems:
            raise InvalidGroupEntry(problems)
        _check_references(session, actor, entry)
        if entry.office_id != group.office_id and taken:
            raise InvalidGroupEntry({Field.OFFICE: Problem.BELOW_TAKEN})
        rescheduled = (entry.starts_on, entry.ends_on, parse_weekdays(entry.weekdays)) != (
            group.starts_on, group.ends_on, parse_weekdays(group.weekdays))
        for name, value in _values(entry).items():
            setattr(group, name, value)
        session.flush()
        if rescheduled:
            _follow_schedule(session, group)
        offer_free_places(session, actor, group, today or date.today())
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS, Permission.PLAN_SERVICES)
def change_status(database: Database, actor: Actor, group_id: uuid.UUID, version: int,
                  status: GroupStatus, *, today: date | None = None) -> None:
    """Start, finish, cancel, reopen or re-plan the group. Raises StatusNotAllowed,
    OutcomesMissing (finishing with participants still enrolled), StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        group = reachable_group(session, actor, group_id)
        require_version(session, group, version)
        if status not in STEPS[group.status]:
            raise StatusNotAllowed(group.status, status)
        if status is GroupStatus.FINISHED:
            missing = session.scalar(select(func.count()).where(
                CourseEnrolment.group_id == group.id,
                CourseEnrolment.status == EnrolmentStatus.ENROLLED)) or 0
            if missing:
                raise OutcomesMissing(missing)
        if status is GroupStatus.CANCELLED:
            for enrolment in session.scalars(select(CourseEnrolment).where(
                    CourseEnrolment.group_id == group.id,
                    CourseEnrolment.status.in_([EnrolmentStatus.ENROLLED,
                                                EnrolmentStatus.WAITING]))):
                enrolment.status = EnrolmentStatus.WITHDRAWN
                enrolment.finished_on = today
        group.status = status
        session.flush()


# ---- sessions ---------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def move_session(database: Database, actor: Actor, session_id: uuid.UUID, version: int,
                 to_day: date) -> None:
    """Hold one session on another day within the group's dates. Raises SessionDayTaken,
    HasAttendance (marks belong to the day they were taken), NotThisGroupsPlanner,
    GroupNotOpen, StaleRecord."""
    with database.session(actor.user_id) as session:
        meeting, group = _plannable_session(session, actor, session_id, version)
        if not group.starts_on <= to_day <= group.ends_on:
            raise SessionDayTaken(to_day, outside=True)
        taken = session.scalar(select(CourseSession.id).where(
            CourseSession.group_id == group.id, CourseSession.held_on == to_day,
            CourseSession.id != meeting.id, CourseSession.cancelled.is_(False)))
        if taken is not None:
            raise SessionDayTaken(to_day)
        _require_unmarked(session, meeting)
        if meeting.moved_from is None:
            meeting.moved_from = meeting.held_on
        meeting.held_on = to_day
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS)
def cancel_session(database: Database, actor: Actor, session_id: uuid.UUID,
                   version: int) -> None:
    """The session will not take place; it stays in the list, struck out. Raises
    HasAttendance, NotThisGroupsPlanner, GroupNotOpen, StaleRecord."""
    with database.session(actor.user_id) as session:
        meeting, _group = _plannable_session(session, actor, session_id, version)
        _require_unmarked(session, meeting)
        meeting.cancelled = True
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS)
def restore_session(database: Database, actor: Actor, session_id: uuid.UUID,
                    version: int) -> None:
    """Undo a cancellation. Raises SessionDayTaken (another session is on that day now)."""
    with database.session(actor.user_id) as session:
        meeting, group = _plannable_session(session, actor, session_id, version)
        taken = session.scalar(select(CourseSession.id).where(
            CourseSession.group_id == group.id, CourseSession.held_on == meeting.held_on,
            CourseSession.id != meeting.id, CourseSession.cancelled.is_(False)))
        if taken is not None:
            raise SessionDayTaken(meeting.held_on)
        meeting.cancelled = False
        session.flush()


# ---- steps ------------------------------------------------------------------------------------

def _tidy(entry: GroupEntry) -> GroupEntry:
    return GroupEntry(**{**{f.name: getattr(entry, f.name) for f in fields(GroupEntry)},
                         "name": entry.name.strip(), "teacher": entry.teacher.strip(),
                         "place": entry.place.strip(),
                         "weekdays": weekdays_text(parse_weekdays(entry.weekdays)),
                         "level_code": entry.level_code or None})


def _values(entry: GroupEntry) -> dict[str, object]:
    return {f.name: getattr(entry, f.name) for f in fields(GroupEntry)}


def _check_references(session: Session, actor: Actor, entry: GroupEntry) -> None:
    """Every code and id of the form exists (and is active), in an office the user plans."""
    problems: dict[Field, Problem] = {}
    office = session.get(Office, entry.office_id)
    if office is None or not office.active:
        problems[Field.OFFICE] = Problem.UNKNOWN
    elif actor.office_scope is not None and office.id != actor.office_scope:
        raise AccessDenied(None)
    service = session.get(ServiceType, entry.service_type_code)
    if service is None or service.area_code != LANGUAGE_AREA:
        problems[Field.SERVICE] = Problem.UNKNOWN
    if session.get(Language, entry.language_code) is None:
        problems[Field.LANGUAGE] = Problem.UNKNOWN
    if entry.level_code is not None and session.get(LanguageLevel, entry.level_code) is None:
        problems[Field.LEVEL] = Problem.UNKNOWN
    if entry.provider_id is not None and session.get(Provider, entry.provider_id) is None:
        problems[Field.SERVICE] = Problem.UNKNOWN
    if entry.teacher_id is not None:
        teacher = session.get(User, entry.teacher_id)
        if teacher is None or not teacher.active:
            problems[Field.TEACHER] = Problem.UNKNOWN
    if problems:
        raise InvalidGroupEntry(problems)


def _follow_schedule(session: Session, group: CourseGroup) -> None:
    """Make the sessions match the schedule, keeping every session with a history."""
    days = session_days(group.starts_on, group.ends_on, parse_weekdays(group.weekdays))
    marked = set(session.scalars(select(Attendance.session_id).join(
        CourseSession, CourseSession.id == Attendance.session_id).where(
        CourseSession.group_id == group.id)))
    kept: set[date] = set()
    for meeting in session.scalars(select(CourseSession).where(
            CourseSession.group_id == group.id)):
        if meeting.id in marked or meeting.cancelled or meeting.moved_from is not None:
            kept.add(meeting.moved_from or meeting.held_on)
            kept.add(meeting.held_on)
        else:
            session.delete(meeting)
    session.flush()
    for day in days:
        if day not in kept:
            session.add(CourseSession(group_id=group.id, held_on=day))


def _plannable_session(session: Session, actor: Actor, session_id: uuid.UUID,
                       version: int) -> tuple[CourseSession, CourseGroup]:
    meeting = session.get(CourseSession, session_id)
    if meeting is None:
        raise NoSuchSession(session_id)
    group = reachable_group(session, actor, meeting.group_id)
    if not (actor.can(Permission.PLAN_SERVICES) or group.teacher_id == actor.user_id):
        raise NotThisGroupsPlanner()
    if group.status not in OPEN:
        raise GroupNotOpen(group.name, group.status)
    require_version(session, meeting, version)
    return meeting, group


def _require_unmarked(session: Session, meeting: CourseSession) -> None:
    count = session.scalar(select(func.count()).where(Attendance.session_id == meeting.id)) or 0
    if count:
        raise HasAttendance(count)
