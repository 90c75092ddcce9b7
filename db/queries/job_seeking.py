"""Employment reads for the windows: a client's job-seeker profile and the retention checks
of their placements; a vacancy's referrals."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from db.models import (
    JobReferral,
    JobSeeker,
    JobSeekerRegion,
    JobSeekerSector,
    Office,
    Person,
    Placement,
    RetentionCheck,
)
from db.models.reference import EconomicSector, JobLeavingReason, Region
from db.queries.clients import label_column


@dataclass(frozen=True, slots=True)
class SeekerRow:
    qualification: str
    experience_years: int | None
    driving_licence: str
    health_limits: str
    childcare: bool
    unemployed_since: date | None
    seeking: bool
    sectors: tuple[str, ...]  # labels, in the list's order
    regions: tuple[str, ...]
    version: int


@dataclass(frozen=True, slots=True)
class RetentionRow:
    id: uuid.UUID
    version: int
    placement_id: uuid.UUID
    months_after: int
    due_on: date
    checked_on: date | None
    still_employed: bool | None
    leaving_reason: str
    note: str


def seeker(connection: Connection, person_id: uuid.UUID, language: str) -> SeekerRow | None:
    r = connection.execute(
        select(JobSeeker.id, JobSeeker.qualification, JobSeeker.experience_years,
               JobSeeker.driving_licence, JobSeeker.health_limits, JobSeeker.childcare,
               JobSeeker.unemployed_since, JobSeeker.seeking, JobSeeker.version)
        .where(JobSeeker.person_id == person_id)).one_or_none()
    if r is None:
        return None
    sectors = tuple(connection.scalars(
        select(label_column(EconomicSector, language))
        .join(JobSeekerSector, JobSeekerSector.sector_code == EconomicSector.code)
        .where(JobSeekerSector.job_seeker_id == r[0]).order_by(EconomicSector.sort_order)))
    regions = tuple(connection.scalars(
        select(label_column(Region, language))
        .join(JobSeekerRegion, JobSeekerRegion.region_code == Region.code)
        .where(JobSeekerRegion.job_seeker_id == r[0]).order_by(Region.sort_order)))
    return SeekerRow(r[1], r[2], r[3], r[4], r[5], r[6], r[7], sectors, regions, r[8])


def retention_checks(connection: Connection, person_id: uuid.UUID,
                     language: str) -> list[RetentionRow]:
    """Every check of the client's placements, by placement and then months after."""
    rows = connection.execute(
        select(RetentionCheck.id, RetentionCheck.version, RetentionCheck.placement_id,
               RetentionCheck.months_after, RetentionCheck.due_on, RetentionCheck.checked_on,
               RetentionCheck.still_employed, label_column(JobLeavingReason, language),
               RetentionCheck.note)
        .join(Placement, Placement.id == RetentionCheck.placement_id)
        .outerjoin(JobLeavingReason,
                   JobLeavingReason.code == RetentionCheck.leaving_reason_code)
        .where(Placement.person_id == person_id)
        .order_by(RetentionCheck.placement_id, RetentionCheck.months_after))
    return [RetentionRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "", r[8])
            for r in rows]


@dataclass(frozen=True, slots=True)
class VacancyReferralRow:
    """One client referred to a vacancy, as the vacancy's list shows them."""

    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    name: str
    office: str
    status: str
    referred_on: date
    interview_on: date | None
    outcome_on: date | None
    note: str


def vacancy_referrals(connection: Connection, vacancy_id: uuid.UUID,
                      office_id: uuid.UUID | None) -> list[VacancyReferralRow]:
    """The vacancy's referrals (of that office only, unless None), the newest first."""
    query = (select(JobReferral.id, JobReferral.version, Person.id, Person.surname,
                    Person.given_name, Office.name, JobReferral.status,
                    JobReferral.referred_on, JobReferral.interview_on, JobReferral.outcome_on,
                    JobReferral.note)
             .join(Person, Person.id == JobReferral.person_id)
             .join(Office, Office.id == JobReferral.office_id)
             .where(JobReferral.vacancy_id == vacancy_id)
             .order_by(JobReferral.referred_on.desc(), Person.sort_key))
    if office_id is not None:
        query = query.where(JobReferral.office_id == office_id)
    return [VacancyReferralRow(r[0], r[1], r[2], f"{r[3]} {r[4]}".strip(), r[5], str(r[6]),
                               r[7], r[8], r[9], r[10]) for r in connection.execute(query)]
