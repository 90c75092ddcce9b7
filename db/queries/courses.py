"""Reads for the Courses screen: the groups list with fill and attendance, the register.

The list is read in two steps: the page of groups, then the counts for those groups
only, so that a filtered list never aggregates the whole attendance table.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import Connection, Select, case, func, select
from sqlalchemy.orm import aliased

from db.models import (
    Attendance,
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    EnrolmentStatus,
    GroupStatus,
    LevelAssessment,
    Office,
    Person,
    PersonLanguage,
    User,
)
from db.models.reference import Language, LanguageLevel, ServiceType
from db.queries.clients import label_column

# Who holds a place: the waiting list and those who withdrew from it do not.
IN_GROUP = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED, EnrolmentStatus.DROPPED)
HOLDS_PLACE = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: uuid.UUID
    version: int
    name: str
    office_id: uuid.UUID
    office: str
    course: str
    language_code: str
    language: str
    level_code: str | None
    level: str
    teacher: str
    place: str
    weekdays: str
    starts_at: time | None
    ends_at: time | None
    starts_on: date
    ends_on: date
    capacity: int
    status: GroupStatus
    teacher_id: uuid.UUID | None


def _group_select(language: str) -> Select[Any]:
    level = aliased(LanguageLevel)
    teacher = aliased(User)
    return (
        select(CourseGroup.id, CourseGroup.version, CourseGroup.name, CourseGroup.office_id,
               Office.name, label_column(ServiceType, language), CourseGroup.language_code,
               label_column(Language, language), CourseGroup.level_code,
               label_column(level, language),
               func.coalesce(teacher.full_name, CourseGroup.teacher), CourseGroup.place,
               CourseGroup.weekdays, CourseGroup.starts_at, CourseGroup.ends_at,
               CourseGroup.starts_on, CourseGroup.ends_on, CourseGroup.capacity,
               CourseGroup.status, CourseGroup.teacher_id)
        .join(Office, Office.id == CourseGroup.office_id)
        .join(ServiceType, ServiceType.code == CourseGroup.service_type_code)
        .join(Language, Language.code == CourseGroup.language_code)
        .outerjoin(level, level.code == CourseGroup.level_code)
        .outerjoin(teacher, teacher.id == CourseGroup.teacher_id))


def _group_row(r: object) -> GroupRow:
    values = list(r)  # type: ignore[call-overload]
    values[9] = values[9] or ""
    values[10] = values[10] or ""
    return GroupRow(*values)


def groups(connection: Connection, language: str, *, office_id: uuid.UUID | None = None,
           statuses: Collection[GroupStatus] = (), language_code: str | None = None,
           text: str = "", limit: int = 500) -> list[GroupRow]:
    """Groups, the newest first: of one office or all, in the given statuses (all if
    none), of one language, whose name or teacher contains ``text``."""
    query = _group_select(language)
    if office_id is not None:
        query = query.where(CourseGroup.office_id == office_id)
    if statuses:
        query = query.where(CourseGroup.status.in_(list(statuses)))
    if language_code:
        query = query.where(CourseGroup.language_code == language_code)
    if text.strip():
        # Group names and teachers' names are short lists: Python's casefold is the only
        # correct case-insensitive match for Kazakh letters (SQLite's LOWER is ASCII only).
        rows = [_group_row(r) for r in connection.execute(
            query.order_by(CourseGroup.starts_on.desc(), CourseGroup.name))]
        needle = text.strip().casefold()
        return [r for r in rows
                if needle in r.name.casefold() or needle in r.teacher.casefold()][:limit]
    return [_group_row(r) for r in connection.execute(
        query.order_by(CourseGroup.starts_on.desc(), CourseGroup.name).limit(limit))]


def group(connection: Connection, group_id: uuid.UUID, language: str) -> GroupRow | None:
    row = connection.execute(_group_select(language).where(CourseGroup.id == group_id)).first()
    return _group_row(row) if row is not None else None


@dataclass(frozen=True, slots=True)
class Fill:
    holding: int = 0  # enrolled or completed: the places taken
    waiting: int = 0
    offered: int = 0  # waiting with a place offered and not yet answered
    dropped: int = 0
    completed: int = 0


def fill(connection: Connection, group_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, Fill]:
    if not group_ids:
        return {}
    e = CourseEnrolment
    rows = connection.execute(
        select(e.group_id,
               func.sum(case((e.status.in_(list(HOLDS_PLACE)), 1), else_=0)),
               func.sum(case((e.status == EnrolmentStatus.WAITING, 1), else_=0)),
               func.sum(case(((e.status == EnrolmentStatus.WAITING)
                              & e.offered_on.is_not(None), 1), else_=0)),
               func.sum(case((e.status == EnrolmentStatus.DROPPED, 1), else_=0)),
               func.sum(case((e.status == EnrolmentStatus.COMPLETED, 1), else_=0)))
        .where(e.group_id.in_(list(group_ids)))
        .group_by(e.group_id))
    return {r[0]: Fill(*(int(v or 0) for v in r[1:])) for r in rows}


def attendance_rates(connection: Connection,
                     group_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int]]:
    """(present, counted) per group: excused absences count neither way."""
    if not group_ids:
        return {}
    rows = connection.execute(
        select(CourseSession.group_id,
               func.sum(case((Attendance.present.is_(True), 1), else_=0)),
               func.sum(case((Attendance.excused.is_(True), 0), else_=1)))
        .join(Attendance, Attendance.session_id == CourseSession.id)
        .where(CourseSession.group_id.in_(list(group_ids)))
        .group_by(CourseSession.group_id))
    return {r[0]: (int(r[1] or 0), int(r[2] or 0)) for r in rows}


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: uuid.UUID
    version: int
    held_on: date
    topic: str
    cancelled: bool
    moved_from: date | None


def sessions(connection: Connection, group_id: uuid.UUID) -> list[SessionRow]:
    s = CourseSession
    return [SessionRow(*r) for r in connection.execute(
        select(s.id, s.version, s.held_on, s.topic, s.cancelled, s.moved_from)
        .where(s.group_id == group_id).order_by(s.held_on, s.id))]


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    enrolment_id: uuid.UUID
    version: int
    person_id: uuid.UUID
    surname: str
    given_name: str
    patronymic: str | None
    iin: str | None
    status: EnrolmentStatus
    enrolled_on: date
    finished_on: date | None
    waiting_since: object
    offered_on: date | None
    level_before_code: str | None
    level_after_code: str | None
    dropout_reason_code: str | None
    preferred_language: str

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)


def participants(connection: Connection, group_id: uuid.UUID) -> list[ParticipantRow]:
    """Everyone ever on the group's list, the waiting list in its order at the end."""
    e = CourseEnrolment
    rows = connection.execute(
        select(e.id, e.version, e.person_id, Person.surname, Person.given_name,
               Person.patronymic, Person.iin, e.status, e.enrolled_on, e.finished_on,
               e.waiting_since, e.offered_on, e.level_before_code, e.level_after_code,
               e.dropout_reason_code, Person.preferred_language)
        .join(Person, Person.id == e.person_id)
        .where(e.group_id == group_id)
        .order_by(case((e.status.in_(list(IN_GROUP)), 0), else_=1), e.waiting_since,
                  Person.sort_key, e.id))
    return [ParticipantRow(*r) for r in rows]


@dataclass(frozen=True, slots=True)
class MarkRow:
    enrolment_id: uuid.UUID
    session_id: uuid.UUID
    present: bool
    excused: bool


def marks(connection: Connection, group_id: uuid.UUID) -> list[MarkRow]:
    return [MarkRow(*r) for r in connection.execute(
        select(Attendance.enrolment_id, Attendance.session_id, Attendance.present,
               Attendance.excused)
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(CourseSession.group_id == group_id))]


def assessments(connection: Connection, group_id: uuid.UUID) -> list[tuple[uuid.UUID, str,
                                                                             str, int | None]]:
    """(enrolment, kind, level, score) of the group's assessments, oldest first."""
    a = LevelAssessment
    return [(r[0], r[1], r[2], r[3]) for r in connection.execute(
        select(a.enrolment_id, a.kind, a.level_code, a.score)
        .join(CourseEnrolment, CourseEnrolment.id == a.enrolment_id)
        .where(CourseEnrolment.group_id == group_id).order_by(a.assessed_on, a.created_at))]


def person_languages(connection: Connection,
                     person_id: uuid.UUID) -> dict[str, str | None]:
    """The client's languages and the level recorded for each."""
    return dict(connection.execute(
        select(PersonLanguage.language_code, PersonLanguage.level_code)
        .where(PersonLanguage.person_id == person_id)).all())


def open_groups(connection: Connection, office_id: uuid.UUID, language: str) -> list[GroupRow]:
    """Groups of the office that take participants (planned or running), soonest first."""
    return [_group_row(r) for r in connection.execute(
        _group_select(language)
        .where(CourseGroup.office_id == office_id,
               CourseGroup.status.in_([GroupStatus.PLANNED, GroupStatus.RUNNING]))
        .order_by(CourseGroup.starts_on, CourseGroup.name))]
