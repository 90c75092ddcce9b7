"""Language course groups, sessions, attendance and level assessments."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Record, str_enum


class EnrolmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    DROPPED = "dropped"


class CourseGroup(Record):
    __tablename__ = "course_group"

    name: Mapped[str]
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_type.code"))
    language_code: Mapped[str] = mapped_column(ForeignKey("language.code"))
    level_code: Mapped[str | None] = mapped_column(ForeignKey("language_level.code"))
    provider_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("provider.id"))
    teacher: Mapped[str] = mapped_column(default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(default=15)


class CourseEnrolment(Record):
    __tablename__ = "course_enrolment"
    __table_args__ = (
        UniqueConstraint("group_id", "person_id"),
        Index("ix_course_enrolment_person", "person_id"),
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


class CourseSession(Record):
    __tablename__ = "course_session"

    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("course_group.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    topic: Mapped[str] = mapped_column(default="")


class Attendance(Record):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "enrolment_id"),)

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("course_session.id"))
    enrolment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("course_enrolment.id"), index=True)
    present: Mapped[bool]


class LevelAssessment(Record):
    __tablename__ = "level_assessment"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    language_code: Mapped[str] = mapped_column(ForeignKey("language.code"))
    level_code: Mapped[str] = mapped_column(ForeignKey("language_level.code"))
    assessed_on: Mapped[date] = mapped_column(Date)
    assessor: Mapped[str] = mapped_column(default="")
    score: Mapped[int | None]
