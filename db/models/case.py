"""Cases, and the case plan's goals per service area."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Record, str_enum


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class GoalStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class Case(Record):
    __tablename__ = "client_case"
    __table_args__ = (
        # One open case per person per office at a time.
        Index("uq_client_case_open", "person_id", "office_id", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
        Index("ix_client_case_office_status", "office_id", "status"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    caseworker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    status: Mapped[CaseStatus] = mapped_column(str_enum(CaseStatus), default=CaseStatus.OPEN)
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closure_reason_code: Mapped[str | None] = mapped_column(
        ForeignKey("case_closure_reason.code"))

    goals: Mapped[list[CaseGoal]] = relationship(
        back_populates="case", cascade="all, delete-orphan")


class CaseGoal(Record):
    __tablename__ = "case_goal"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client_case.id"), index=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("service_area.code"))
    description: Mapped[str]
    target_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[GoalStatus] = mapped_column(str_enum(GoalStatus), default=GoalStatus.PLANNED)

    case: Mapped[Case] = relationship(back_populates="goals")
