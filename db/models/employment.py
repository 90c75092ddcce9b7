"""Job seekers, employers, vacancies, job and training referrals, placements and retention
checks."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Record, str_enum


class JobReferralKind(enum.StrEnum):
    JOB = "job"  # to an employer, for a vacancy
    TRAINING = "training"  # to a provider's vocational training or requalification course


class JobReferralStatus(enum.StrEnum):
    REFERRED = "referred"
    INTERVIEW = "interview"  # a job referral: the employer invited them
    HIRED = "hired"
    REJECTED = "rejected"
    NO_SHOW = "no_show"
    STARTED = "started"  # a training referral: the course began
    COMPLETED = "completed"
    DROPPED = "dropped"


class ContractType(enum.StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"
    SEASONAL = "seasonal"
    SUBSIDISED = "subsidised"  # a subsidised ("social") job


class JobSeeker(Record):
    """What a career centre asks of someone looking for work; profession, education and
    languages are the person's own (``person``, ``person_language``)."""

    __tablename__ = "job_seeker"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), unique=True)
    qualification: Mapped[str] = mapped_column(default="")
    experience_years: Mapped[int | None]
    driving_licence: Mapped[str] = mapped_column(String(16), default="")
    health_limits: Mapped[str] = mapped_column(default="")  # work their health rules out
    childcare: Mapped[bool] = mapped_column(default=False)  # hours must fit a child's care
    unemployed_since: Mapped[date | None] = mapped_column(Date)  # registered as unemployed
    seeking: Mapped[bool] = mapped_column(default=True)  # False once hired, or no longer


class JobSeekerSector(Record):
    __tablename__ = "job_seeker_sector"
    __table_args__ = (UniqueConstraint("job_seeker_id", "sector_code"),)

    job_seeker_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("job_seeker.id", ondelete="CASCADE"), index=True)
    sector_code: Mapped[str] = mapped_column(ForeignKey("economic_sector.code"), index=True)


class JobSeekerRegion(Record):
    __tablename__ = "job_seeker_region"
    __table_args__ = (UniqueConstraint("job_seeker_id", "region_code"),)

    job_seeker_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("job_seeker.id", ondelete="CASCADE"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)


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
    consultation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("consultation.id"))
    kind: Mapped[JobReferralKind] = mapped_column(
        str_enum(JobReferralKind), default=JobReferralKind.JOB, server_default="job")
    service_type_code: Mapped[str | None] = mapped_column(ForeignKey("service_type.code"))
    # A job referral names the employer (and, once chosen, the vacancy); a consultation's
    # may leave the vacancy to be chosen. A training referral names the provider.
    employer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("employer.id"))
    vacancy_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("vacancy.id"), index=True)
    provider_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("provider.id"))
    course_title: Mapped[str] = mapped_column(default="", server_default="")
    starts_on: Mapped[date | None] = mapped_column(Date)  # the training's dates
    ends_on: Mapped[date | None] = mapped_column(Date)
    referred_on: Mapped[date] = mapped_column(Date)
    interview_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[JobReferralStatus] = mapped_column(
        str_enum(JobReferralStatus), default=JobReferralStatus.REFERRED)
    outcome_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")  # why rejected...


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
    contract_type: Mapped[ContractType | None] = mapped_column(str_enum(ContractType))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class RetentionCheck(Record):
    """Is the person still employed N months after the placement started?

    Planned at the hire, due on its day with a follow-up for the caseworker; the outcome
    (``checked_on``, ``still_employed``, and why they left) is recorded from that day on.
    """

    __tablename__ = "retention_check"
    __table_args__ = (Index("ix_retention_check_checked", "checked_on"),)

    placement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("placement.id"), index=True)
    months_after: Mapped[int]
    due_on: Mapped[date] = mapped_column(Date)
    follow_up_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("follow_up.id"))
    checked_on: Mapped[date | None] = mapped_column(Date)
    still_employed: Mapped[bool | None]
    leaving_reason_code: Mapped[str | None] = mapped_column(ForeignKey("job_leaving_reason.code"))
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
