"""Employers, vacancies, job referrals, placements and retention checks."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Record, str_enum


class JobReferralStatus(enum.StrEnum):
    REFERRED = "referred"
    INTERVIEW = "interview"
    HIRED = "hired"
    REJECTED = "rejected"
    NO_SHOW = "no_show"


class VacancyStatus(enum.StrEnum):
    OPEN = "open"
    ON_HOLD = "on_hold"  # not taking referrals for now
    CLOSED = "closed"


class Employer(Record):
    """An employer of the center's network; deactivated, never deleted, once it has history."""

    __tablename__ = "employer"

    name: Mapped[str]
    bin: Mapped[str | None] = mapped_column(String(12), unique=True)
    sector_code: Mapped[str] = mapped_column(ForeignKey("economic_sector.code"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    address: Mapped[str] = mapped_column(default="")
    contact: Mapped[str] = mapped_column(default="")  # the contact person
    phone: Mapped[str] = mapped_column(default="", server_default="")  # E.164 when valid
    active: Mapped[bool] = mapped_column(default=True, server_default="1")


class Vacancy(Record):
    __tablename__ = "vacancy"
    __table_args__ = (Index("ix_vacancy_status_sector", "status", "sector_code"),)

    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employer.id"), index=True)
    title: Mapped[str]
    sector_code: Mapped[str] = mapped_column(ForeignKey("economic_sector.code"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    locality: Mapped[str] = mapped_column(default="", server_default="")
    monthly_wage: Mapped[int | None]  # tenge
    positions: Mapped[int] = mapped_column(default=1)
    # Requirements: a profession (as people write it), years of experience, driving
    # licence categories ("B", "BC"); languages in ``vacancy_language``.
    profession: Mapped[str] = mapped_column(default="", server_default="")
    min_experience_years: Mapped[int | None]
    driving_licence: Mapped[str] = mapped_column(String(16), default="", server_default="")
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[VacancyStatus] = mapped_column(
        str_enum(VacancyStatus), default=VacancyStatus.OPEN, server_default="open")


class VacancyLanguage(Record):
    """A language the vacancy asks for, at a level (or any)."""

    __tablename__ = "vacancy_language"
    __table_args__ = (UniqueConstraint("vacancy_id", "language_code"),)

    vacancy_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("vacancy.id", ondelete="CASCADE"), index=True)
    language_code: Mapped[str] = mapped_column(ForeignKey("language.code"))
    level_code: Mapped[str | None] = mapped_column(ForeignKey("language_level.code"))


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
