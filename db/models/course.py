"""Language course groups, sessions, attendance and level assessments.

A group runs on a weekly schedule (``weekdays`` holds ISO weekday digits, "135" for
Monday, Wednesday and Friday) between its start and end dates; its sessions are
generated from that schedule and may then be moved or cancelled one by one.

An enrolment is also a place on the waiting list: a client who finds the group full
is ``waiting`` from ``waiting_since``; when a place frees, the first in that order is
``offered_on`` the place (through a follow-up for their caseworker) and becomes
``enrolled`` when the caseworker takes it, or ``withdrawn`` when they decline it.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Record, str_enum


class GroupStatus(enum.StrEnum):
    PLANNED = "planned"
    RUNNING = "running"
    FINISHED = "finished"
    CANCELLED = "cancelled"


class EnrolmentStatus(enum.StrEnum):
    WAITING = "waiting"  # on the waiting list of a full group
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    DROPPED = "dropped"
    WITHDRAWN = "withdrawn"  # left the waiting list without taking a place


class AssessmentKind(enum.StrEnum):
    ENTRY = "entry"
    EXIT = "exit"


class CourseGroup(Record):
    __tablename__ = "course_group"

    name: Mapped[str]
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_type.code"))
    language_code: Mapped[str] = mapped_column(ForeignKey("language.code"))
    level_code: Mapped[str | None] = mapped_column(ForeignKey("language_level.code"))
    provider_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("provider.id"))
    # One of the center's users, or (a provider's teacher) only a name in ``teacher``.
    teacher_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    teacher: Mapped[str] = mapped_column(default="")
    place: Mapped[str] = mapped_column(default="", server_default="")
    weekdays: Mapped[str] = mapped_column(String(7), default="", server_default="")
    starts_at: Mapped[time | None] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(default=15)
    status: Mapped[GroupStatus] = mapped_column(
        str_enum(GroupStatus), default=GroupStatus.PLANNED, server_default="planned")


class CourseEnrolment(Record):
    __tablename__ = "course_enrolment"
    __table_args__ = (
        UniqueConstraint("group_id", "person_id"),
        Index("ix_course_enrolment_person", "person_id"),
        Index("ix_course_enrolment_group_status", "group_id", "status"),
    )

    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("course_group.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client_case.id"))
    enrolled_on: Mapped[date] = mapped_column(Date)
    status: Mapped[EnrolmentStatus] = mapped_column(
        str_enum(EnrolmentStatus), default=EnrolmentStatus.ENROLLED)
    finished_on: Mapped[date | None] = mapped_column(Date)
    level_before_code: Mapped[str | None] = mapped_column(ForeignKey("language_level.code"))
    level_after_code: Mapped[str | None] = mapped_column(ForeignKey("language_level.code"))
    waiting_since: Mapped[datetime | None] = mapped_column(DateTime)
    offered_on: Mapped[date | None] = mapped_column(Date)
    offer_follow_up_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("follow_up.id"))
    dropout_reason_code: Mapped[str | None] = mapped_column(ForeignKey("dropout_reason.code"))
    # Set once the low-attendance rule has fired, so that it fires only once.
    low_attendance_follow_up_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("follow_up.id"))


class CourseSession(Record):
    __tablename__ = "course_session"

    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("course_group.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(default="")
    cancelled: Mapped[bool] = mapped_column(default=False, server_default="0")
    moved_from: Mapped[date | None] = mapped_column(Date)  # the schedule's day, once moved


class Attendance(Record):
    """No row: not marked yet. ``excused`` marks an absence with a reason given."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("session_id", "enrolment_id"),
        # Covers the rates the groups list counts per session: no table lookup per mark.
        Index("ix_attendance_session_marks", "session_id", "present", "excused"),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("course_session.id"))
    enrolment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("course_enrolment.id"), index=True)
    present: Mapped[bool]
    excused: Mapped[bool] = mapped_column(default=False, server_default="0")


class LevelAssessment(Record):
    __tablename__ = "level_assessment"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    language_code: Mapped[str] = mapped_column(ForeignKey("language.code"))
    level_code: Mapped[str] = mapped_column(ForeignKey("language_level.code"))
    assessed_on: Mapped[date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(default="")
    score: Mapped[int | None]
    enrolment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("course_enrolment.id"), index=True)
    kind: Mapped[AssessmentKind | None] = mapped_column(str_enum(AssessmentKind))


class CenterSetting(Base):
    """A setting of the whole center (thresholds the rules use), by key, as text."""

    __tablename__ = "center_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str]
    updated_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
