"""Cases, their transfers between offices, and the case plan's goals per service area."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Text, text
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
    # Set on a case opened by accepting a transfer: the case it continues, closed in the
    # office that gave it. The reports count such a case as transferred in, not as new.
    transferred_from_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("client_case.id"))
    # Included in the regional quota for kandases and resettlers: the year and the region of
    # settlement. The quota's support measures are counted for such a case only.
    quota_year: Mapped[int | None]
    quota_region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))

    goals: Mapped[list[CaseGoal]] = relationship(
        back_populates="case", cascade="all, delete-orphan")


class CaseGoal(Record):
    """A goal of the individual adaptation and integration plan (the case plan)."""

    __tablename__ = "case_goal"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client_case.id"), index=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("service_area.code"))
    description: Mapped[str]
    target_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[GoalStatus] = mapped_column(str_enum(GoalStatus), default=GoalStatus.PLANNED)
    status_on: Mapped[date | None] = mapped_column(Date)  # when it was achieved or dropped
    note: Mapped[str] = mapped_column(Text, default="", server_default="")

    case: Mapped[Case] = relationship(back_populates="goals")
    services: Mapped[list[GoalService]] = relationship(
        back_populates="goal", cascade="all, delete-orphan")


class GoalService(Record):
    """A service that serves a goal: exactly one of an enrolment, a referral to a catalogue
    service, a job referral or a placement (real foreign keys, so that a merge or a sync
    moves and checks them like any other reference)."""

    __tablename__ = "case_goal_service"
    __table_args__ = (
        CheckConstraint(" + ".join(
            f"CASE WHEN {column} IS NULL THEN 0 ELSE 1 END" for column in (
                "enrolment_id", "referral_id", "job_referral_id", "placement_id")) + " = 1",
            name="exactly_one"),
    )

    goal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("case_goal.id", ondelete="CASCADE"), index=True)
    enrolment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("course_enrolment.id", ondelete="CASCADE"), index=True)
    referral_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    job_referral_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("job_referral.id", ondelete="CASCADE"), index=True)
    placement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("placement.id", ondelete="CASCADE"), index=True)

    goal: Mapped[CaseGoal] = relationship(back_populates="services")


# The case closure reason (``case_closure_reason``) that only an accepted transfer sets.
TRANSFER_CLOSURE = "transferred_to_other_office"
# The one a merge sets on the merged person's case: it is counted among closures under
# its own reason (the duplicate leaves the caseload), never chosen by hand.
MERGE_CLOSURE = "merged_duplicate"


class TransferStatus(enum.StrEnum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # by the office that asked, before an answer


class CaseTransfer(Record):
    """A request to pass an open case to another office, and its answer.

    The receiving office's manager accepts or declines. Accepting closes the case in
    the giving office (reason ``transferred_to_other_office``) and opens its
    continuation in the receiving one (``Case.transferred_from_id``), so each office's
    history and figures stay its own; the open follow-ups and goals move with it.
    """

    __tablename__ = "case_transfer"
    __table_args__ = (
        # One unanswered request per case at a time.
        Index("uq_case_transfer_pending", "case_id", unique=True,
              sqlite_where=text("status = 'requested'"),
              postgresql_where=text("status = 'requested'")),
        Index("ix_case_transfer_to_status", "to_office_id", "status"),
        CheckConstraint("from_office_id <> to_office_id", name="other_office"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("client_case.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    from_office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    to_office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    status: Mapped[TransferStatus] = mapped_column(
        str_enum(TransferStatus), default=TransferStatus.REQUESTED)
    requested_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")  # why, from the giving office
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    decision_note: Mapped[str] = mapped_column(Text, default="")
    new_case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client_case.id"))
