"""What matching job seekers and vacancies reads: each side's facts, in as few queries as
the lists' sizes allow (thousands of open vacancies, tens of thousands of seekers).

Labels come in the language asked for, so the reasons a match gives read in it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    select,
)

from db.models import (
    Employer,
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
from db.queries.vacancy_places import hires_of, hires_per_vacancy


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


def _like_any(columns: Iterable[Any], keys: Iterable[str]) -> list[ColumnElement[bool]]:
    """Each column containing any of the keys (case-insensitive where the engine can)."""
    return [column.ilike(f"%{key}%") for column in columns for key in keys]


def open_vacancies(connection: Connection, language: str, sector_codes: Iterable[str],
                   profession_keys: Iterable[str]) -> list[VacancyFacts]:
    """Open vacancies with a place left, of active employers, with their languages: those
    of one of the sectors, or whose profession (or title) contains one of the keys."""
    sectors, keys = list(sector_codes), list(profession_keys)
    trade = [*_like_any((Vacancy.profession, Vacancy.title), keys)]
    if sectors:
        trade.append(Vacancy.sector_code.in_(sectors))
    if not trade:
        return []
    taken = hires_per_vacancy()
    left = Vacancy.positions - func.coalesce(taken.c.taken, 0)
    languages = (select(func.aggregate_strings(
        VacancyLanguage.language_code + ":" + func.coalesce(VacancyLanguage.level_code, ""),
        " ")).where(VacancyLanguage.vacancy_id == Vacancy.id).scalar_subquery())
    rows = connection.execute(
        select(Vacancy.id, Vacancy.title, Employer.name, Vacancy.sector_code,
               label_column(EconomicSector, language), Vacancy.region_code,
               label_column(Region, language), Vacancy.locality, Vacancy.monthly_wage, left,
               Vacancy.profession, Vacancy.min_experience_years, Vacancy.driving_licence,
               Vacancy.opened_on, languages)
        .join(Employer, Employer.id == Vacancy.employer_id)
        .join(EconomicSector, EconomicSector.code == Vacancy.sector_code)
        .outerjoin(Region, Region.code == Vacancy.region_code)
        .outerjoin(taken, taken.c.vacancy_id == Vacancy.id)
        .where(Vacancy.status == VacancyStatus.OPEN, Employer.active.is_(True), left > 0,
               or_(*trade)))
    return [VacancyFacts(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7], r[8], r[9],
                         r[10], r[11], r[12], r[13], language_pairs(r[14])) for r in rows]


def language_pairs(joined: str | None) -> dict[str, str | None]:
    """"kk:b1 ru:" (as aggregated) → {"kk": "b1", "ru": None}."""
    found: dict[str, str | None] = {}
    for pair in (joined or "").split():
        code, _sep, level = pair.partition(":")
        found[code] = level or None
    return found


def _codes(joined: str | None) -> set[str]:
    return set((joined or "").split())


def vacancy_facts(connection: Connection, vacancy_id: uuid.UUID,
                  language: str) -> VacancyFacts | None:
    """One vacancy's facts, whatever its status (places left may be 0)."""
    taken = hires_of(connection, vacancy_id)
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


@dataclass(frozen=True)
class Ranking:
    """How the database ranks candidates before the exact rules see them: the weights of
    each fit (``desktop.services.employment.matching.WEIGHTS``: profession, sector,
    region), the step of each language level (KAZTEST and
    native ones included)."""

    weights: dict[str, int]
    level_steps: dict[str, int]


def seeker_candidates(connection: Connection, vacancy: VacancyFacts,
                      office_id: uuid.UUID | None, profession_keys: Iterable[str],
                      ranking: Ranking, limit: int, *,
                      other_than: uuid.UUID | None = None) -> list[SeekerFacts]:
    """The rows of ``candidates_query``, as seekers' facts."""
    rows = connection.execute(candidates_query(vacancy, office_id, profession_keys, ranking,
                                               limit, other_than=other_than))
    return [seeker_of_row(r) for r in rows]


def seeker_of_row(r: Any) -> SeekerFacts:
    """A row of ``candidates_query`` (ids as UUIDs, days as dates) as a seeker's facts."""
    return SeekerFacts(r[0], _name(r[1], r[2]), r[3], r[4], r[5], r[6], r[7], r[8],
                       _codes(r[10]), _codes(r[11]), language_pairs(r[12]), r[9])


def candidates_query(vacancy: VacancyFacts, office_id: uuid.UUID | None,
                     profession_keys: Iterable[str], ranking: Ranking, limit: int, *,
                     other_than: uuid.UUID | None = None) -> Select[Any]:
    """The best ``limit`` job seekers still seeking (of that office, or every office for
    None, less ``other_than``) of the vacancy's trade: who want its sector, or whose
    profession or qualification contains one of the keys. Their wishes and languages come
    aggregated, a row per seeker.

    Thousands may be of the trade: the database ranks them as the matching does
    (requirements short, score, the longest unemployed), so only the best few are read;
    the keys find a profession's words loosely, which the exact rules then check."""
    seeker = JobSeeker.__table__.c
    wants_sector = seeker.id.in_(select(JobSeekerSector.job_seeker_id).where(
        JobSeekerSector.sector_code == vacancy.sector_code))
    of_profession = or_(*_like_any((Person.profession, seeker.qualification), profession_keys))
    scope = [seeker.seeking.is_(True), or_(wants_sector, of_profession)]
    if office_id is not None:
        scope.append(Person.office_id == office_id)
    if other_than is not None:
        scope.append(Person.office_id != other_than)
    shortfalls = _shortfalls(vacancy, seeker, ranking.level_steps)
    w = ranking.weights
    score = (case((of_profession, w["profession"]), else_=0)
             + case((wants_sector, w["sector"]), else_=0)
             + case((_in_region(vacancy, seeker), w["region"]), else_=0))
    # Ranked on the narrow columns first; the wide ones (names, wishes, languages) are read
    # for the chosen few only: SQLite computes a row's columns before it sorts.
    best = (select(seeker.id.label("seeker_id"))
            .select_from(JobSeeker.__table__.join(Person, Person.id == seeker.person_id))
            .where(*scope)
            # Among equal shortfalls the requirements met are equal too: the score alone
            # orders them.
            .order_by(shortfalls, score.desc(),
                      seeker.unemployed_since.is_(None), seeker.unemployed_since,
                      Person.sort_key)
            .limit(limit).subquery())
    sectors = (select(func.aggregate_strings(JobSeekerSector.sector_code, " "))
               .where(JobSeekerSector.job_seeker_id == seeker.id).scalar_subquery())
    regions = (select(func.aggregate_strings(JobSeekerRegion.region_code, " "))
               .where(JobSeekerRegion.job_seeker_id == seeker.id).scalar_subquery())
    languages = (select(func.aggregate_strings(
        PersonLanguage.language_code + ":" + func.coalesce(PersonLanguage.level_code, ""), " "))
        .where(PersonLanguage.person_id == Person.id).scalar_subquery())
    return (select(Person.id, Person.surname, Person.given_name, Person.office_id,
                   Person.region_code, Person.profession, seeker.qualification,
                   seeker.experience_years, seeker.driving_licence, seeker.unemployed_since,
                   sectors, regions, languages)
            .select_from(best.join(JobSeeker.__table__, seeker.id == best.c.seeker_id)
                         .join(Person, Person.id == seeker.person_id)))


def _in_region(vacancy: VacancyFacts, seeker: Any) -> ColumnElement[bool]:
    """The vacancy is where the seeker looks: a region they want, or with no wish, home."""
    if vacancy.region_code is None:
        return literal(False)
    wishes = select(JobSeekerRegion.id).where(JobSeekerRegion.job_seeker_id == seeker.id)
    return or_(wishes.where(JobSeekerRegion.region_code == vacancy.region_code).exists(),
               and_(~wishes.exists(), Person.region_code == vacancy.region_code))


def _shortfalls(vacancy: VacancyFacts, seeker: Any,
                level_steps: dict[str, int]) -> ColumnElement[int]:
    """How many of the vacancy's requirements the seeker falls short of, as SQL."""
    short: list[ColumnElement[int]] = []
    step = case(level_steps, value=PersonLanguage.level_code, else_=-1)
    for code, level in vacancy.languages.items():
        has = select(PersonLanguage.id).where(PersonLanguage.person_id == Person.id,
                                              PersonLanguage.language_code == code)
        if level is not None:
            has = has.where(step >= level_steps.get(level, 0))
        short.append(case((has.exists(), 0), else_=1))
    for category in vacancy.driving_licence.split():
        held = " " + func.coalesce(seeker.driving_licence, "") + " "
        short.append(case((held.like(f"% {category} %"), 0), else_=1))
    if vacancy.min_experience_years:
        short.append(case((seeker.experience_years >= vacancy.min_experience_years, 0),
                          else_=1))
    total: ColumnElement[int] = literal(0)
    for part in short:
        total = total + part
    return total


def _name(surname: str, given_name: str) -> str:
    return f"{surname} {given_name}".strip()
