"""Employers, vacancies, job referrals, placements and retention checks."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Record, str_enum


class JobReferralStatus(enum.StrEnum):
    REFERRED = "referred"
    INTERVIEW = "interview"
    HIRED = "hired"
    REJECTED = "rejected"
    NO_SHOW = "no_show"


class Employer(Record):
    __tablename__ = "employer"

    name: Mapped[str]
    bin: Mapped[str | None] = mapped_column(String(12), unique=True)
    sector_code: Mapped[str] = mapped_column(ForeignKey("economic_sector.code"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    address: Mapped[str] = mapped_column(default="")
    contact: Mapped[str] = mapped_column(default="")


class Vacancy(Record):
    __tablename__ = "vacancy"

    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"), index=True)
    title: Mapped[str]
    sector_code: Mapped[str] = mapped_column(ForeignKey("economic_sector.code"))
    monthly_wage: Mapped[int | None]  # tenge
    positions: Mapped[int] = mapped_column(default=1)
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)


class JobReferral(Record):
    __tablename__ = "job_referral"
    __table_args__ = (
        Index("ix_job_referral_person", "person_id"),
        Index("ix_job_referral_office_referred", "office_id", "referred_on"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client_case.id"))
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    caseworker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"))
    vacancy_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("vacancy.id"))
    referred_on: Mapped[date] = mapped_column(Date)
    status: Mapped[JobReferralStatus] = mapped_column(
        str_enum(JobReferralStatus), default=JobReferralStatus.REFERRED)
    outcome_on: Mapped[date | None] = mapped_column(Date)


class Placement(Record):
    __tablename__ = "placement"
    __table_args__ = (Index("ix_placement_office_started", "office_id", "started_on"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"))
    job_referral_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("job_referral.id"))
    position: Mapped[str] = mapped_column(default="")
    sector_code: Mapped[str] = mapped_column(ForeignKey("economic_sector.code"))
    monthly_wage: Mapped[int | None]  # tenge
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class RetentionCheck(Record):
    """Is the person still employed N months after the placement started?"""

    __tablename__ = "retention_check"

    placement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("placement.id"), index=True)
    months_after: Mapped[int]
    checked_on: Mapped[date] = mapped_column(Date)
    still_employed: Mapped[bool]
