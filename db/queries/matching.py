"""What matching job seekers and vacancies reads: each side's facts, in as few queries as
the lists' sizes allow (thousands of open vacancies, tens of thousands of seekers).

Labels come in the language asked for, so the reasons a match gives read in it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, func, or_, select

from db.models import (
    Employer,
    JobReferral,
    JobReferralStatus,
    JobSeeker,
    JobSeekerRegion,
    JobSeekerSector,
    Person,
    PersonLanguage,
    Vacancy,
    VacancyLanguage,
    VacancyStatus,
)
from db.models.reference import EconomicSector, Region
from db.queries.clients import label_column

CHUNK = 900  # ids per IN (...): under SQLite's limit on bound parameters


@dataclass(slots=True)
class VacancyFacts:
    id: uuid.UUID
    title: str
    employer: str
    sector_code: str
    sector: str
    region_code: str | None
    region: str
    locality: str
    monthly_wage: int | None
    places_left: int
    profession: str
    min_experience_years: int | None
    driving_licence: str
    opened_on: date
    languages: dict[str, str | None] = field(default_factory=dict)  # code: level or None


@dataclass(slots=True)
class SeekerFacts:
    person_id: uuid.UUID
    name: str
    office_id: uuid.UUID
    home_region_code: str | None
    profession: str
    qualification: str
    experience_years: int | None
    driving_licence: str
    sector_codes: set[str] = field(default_factory=set)
    region_codes: set[str] = field(default_factory=set)
    languages: dict[str, str | None] = field(default_factory=dict)
    unemployed_since: date | None = None


def open_vacancies(connection: Connection, language: str) -> list[VacancyFacts]:
    """Open vacancies with a place left, of active employers, with their languages."""
    taken = (select(JobReferral.vacancy_id, func.count().label("taken"))
             .where(JobReferral.status == JobReferralStatus.HIRED,
                    JobReferral.vacancy_id.is_not(None))
             .group_by(JobReferral.vacancy_id).subquery())
    left = Vacancy.positions - func.coalesce(taken.c.taken, 0)
    rows = connection.execute(
        select(Vacancy.id, Vacancy.title, Employer.name, Vacancy.sector_code,
               label_column(EconomicSector, language), Vacancy.region_code,
               label_column(Region, language), Vacancy.locality, Vacancy.monthly_wage, left,
               Vacancy.profession, Vacancy.min_experience_years, Vacancy.driving_licence,
               Vacancy.opened_on)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .join(EconomicSector, EconomicSector.code == Vacancy.sector_code)
        .outerjoin(Region, Region.code == Vacancy.region_code)
        .outerjoin(taken, taken.c.vacancy_id == Vacancy.id)
        .where(Vacancy.status == VacancyStatus.OPEN, Employer.active.is_(True), left > 0))
    facts = {r[0]: VacancyFacts(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7], r[8],
                                r[9], r[10], r[11], r[12], r[13]) for r in rows}
    # One read of every open vacancy's languages beats thousands of IN lists.
    for vacancy_id, code, level in connection.execute(
            select(VacancyLanguage.vacancy_id, VacancyLanguage.language_code,
                   VacancyLanguage.level_code)
            .join(Vacancy, Vacancy.id == VacancyLanguage.vacancy_id)
            .where(Vacancy.status == VacancyStatus.OPEN)):
        vacancy = facts.get(vacancy_id)
        if vacancy is not None:
            vacancy.languages[code] = level
    return list(facts.values())


def vacancy_facts(connection: Connection, vacancy_id: uuid.UUID,
                  language: str) -> VacancyFacts | None:
    """One vacancy's facts, whatever its status (places left may be 0)."""
    taken = connection.scalar(select(func.count()).where(
        JobReferral.vacancy_id == vacancy_id,
        JobReferral.status == JobReferralStatus.HIRED)) or 0
    r = connection.execute(
        select(Vacancy.id, Vacancy.title, Employer.name, Vacancy.sector_code,
               label_column(EconomicSector, language), Vacancy.region_code,
               label_column(Region, language), Vacancy.locality, Vacancy.monthly_wage,
               Vacancy.positions, Vacancy.profession, Vacancy.min_experience_years,
               Vacancy.driving_licence, Vacancy.opened_on)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .join(EconomicSector, EconomicSector.code == Vacancy.sector_code)
        .outerjoin(Region, Region.code == Vacancy.region_code)
        .where(Vacancy.id == vacancy_id)).one_or_none()
    if r is None:
        return None
    facts = VacancyFacts(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7], r[8],
                         max(r[9] - taken, 0), r[10], r[11], r[12], r[13])
    facts.languages = dict(connection.execute(
        select(VacancyLanguage.language_code, VacancyLanguage.level_code)
        .where(VacancyLanguage.vacancy_id == vacancy_id)).all())
    return facts


def seeker_facts(connection: Connection, person_id: uuid.UUID) -> SeekerFacts | None:
    """The person as a job seeker: their profile if they have one, else what the person
    record says (profession, region, languages)."""
    r = connection.execute(
        select(Person.id, Person.surname, Person.given_name, Person.office_id,
               Person.region_code, Person.profession, JobSeeker.id, JobSeeker.qualification,
               JobSeeker.experience_years, JobSeeker.driving_licence,
               JobSeeker.unemployed_since)
        .outerjoin(JobSeeker, JobSeeker.person_id == Person.id)
        .where(Person.id == person_id)).one_or_none()
    if r is None:
        return None
    facts = SeekerFacts(r[0], _name(r[1], r[2]), r[3], r[4], r[5], r[7] or "", r[8],
                        r[9] or "", unemployed_since=r[10])
    if r[6] is not None:
        facts.sector_codes = set(connection.scalars(select(JobSeekerSector.sector_code).where(
            JobSeekerSector.job_seeker_id == r[6])))
        facts.region_codes = set(connection.scalars(select(JobSeekerRegion.region_code).where(
            JobSeekerRegion.job_seeker_id == r[6])))
    facts.languages = dict(connection.execute(
        select(PersonLanguage.language_code, PersonLanguage.level_code)
        .where(PersonLanguage.person_id == person_id)).all())
    return facts


def seeker_candidates(connection: Connection, vacancy: VacancyFacts,
                      office_id: uuid.UUID | None) -> list[SeekerFacts]:
    """Job seekers still seeking (of that office, or every office for None) who share the
    vacancy's sector or region: someone who wants neither is no match for it.

    A vacancy with no region is open to all of them."""
    seeker = JobSeeker.__table__.c
    scope = [seeker.seeking.is_(True)]
    if office_id is not None:
        scope.append(Person.office_id == office_id)
    if vacancy.region_code is not None:
        wants_sector = select(JobSeekerSector.job_seeker_id).where(
            JobSeekerSector.sector_code == vacancy.sector_code)
        wants_region = select(JobSeekerRegion.job_seeker_id).where(
            JobSeekerRegion.region_code == vacancy.region_code)
        scope.append(or_(seeker.id.in_(wants_sector), seeker.id.in_(wants_region),
                         Person.region_code == vacancy.region_code))
    rows = connection.execute(
        select(seeker.id, Person.id, Person.surname, Person.given_name, Person.office_id,
               Person.region_code, Person.profession, seeker.qualification,
               seeker.experience_years, seeker.driving_licence, seeker.unemployed_since)
        .join(Person, Person.id == seeker.person_id).where(*scope))
    by_seeker = {r[0]: SeekerFacts(r[1], _name(r[2], r[3]), r[4], r[5], r[6], r[7], r[8],
                                   r[9], unemployed_since=r[10]) for r in rows}
    _fill_seekers(connection, by_seeker)
    return list(by_seeker.values())


def _fill_seekers(connection: Connection, by_seeker: dict[uuid.UUID, SeekerFacts]) -> None:
    seeker_ids = list(by_seeker)
    for chunk in _chunks(seeker_ids):
        for seeker_id, code in connection.execute(
                select(JobSeekerSector.job_seeker_id, JobSeekerSector.sector_code)
                .where(JobSeekerSector.job_seeker_id.in_(chunk))):
            by_seeker[seeker_id].sector_codes.add(code)
        for seeker_id, code in connection.execute(
                select(JobSeekerRegion.job_seeker_id, JobSeekerRegion.region_code)
                .where(JobSeekerRegion.job_seeker_id.in_(chunk))):
            by_seeker[seeker_id].region_codes.add(code)
    by_person = {facts.person_id: facts for facts in by_seeker.values()}
    for chunk in _chunks(list(by_person)):
        for person_id, code, level in connection.execute(
                select(PersonLanguage.person_id, PersonLanguage.language_code,
                       PersonLanguage.level_code)
                .where(PersonLanguage.person_id.in_(chunk))):
            by_person[person_id].languages[code] = level


def _chunks(ids: list[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _name(surname: str, given_name: str) -> str:
    return f"{surname} {given_name}".strip()
