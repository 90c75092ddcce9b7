"""Vacancies: what an employer offers, what it asks for, and how many places are left.

A vacancy is open (taking referrals), on hold, or closed; closing it records the day.
Places left are its places less the hires recorded against it. Like employers, the
vacancies are the whole center's: any caseworker may record one.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from db.models import (
    Employer,
    Vacancy,
    VacancyLanguage,
    VacancyStatus,
)
from db.models.reference import EconomicSector, Language, LanguageLevel, Region
from db.queries.clients import LABEL_COLUMNS
from db.queries.vacancy_places import hires_of, hires_per_vacancy
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import (
    Actor,
    Offices,
    Permission,
    pure,
    requires,
    within_checked_call,
)
from desktop.services.field_problems import InvalidFields
from desktop.services.versions import require_version

__all__ = ["LICENCE_CATEGORIES", "MAX_PLACES", "MAX_WAGE", "Field", "InvalidVacancy",
           "NoSuchVacancy", "Problem", "VacancyEntry", "VacancyLine", "check_vacancy",
           "create_vacancy", "licence_categories", "licence_text", "list_vacancies",
           "places_taken", "set_vacancy_status", "update_vacancy", "vacancy_entry"]

MAX_TITLE = 200
MAX_PLACES = 500
MAX_WAGE = 100_000_000  # tenge a month: far above any wage, well below a typing slip's zeros
MAX_EXPERIENCE = 50
LICENCE_CATEGORIES = ("A", "B", "C", "D", "BE", "CE", "DE")
# Typed on a Cyrillic keyboard, the categories look the same and are other letters.
_CYRILLIC_LOOKALIKES = str.maketrans("АВСДЕавсде", "ABCDEABCDE")
LIST_LIMIT = 2000


class Field(enum.StrEnum):
    EMPLOYER = "employer"
    TITLE = "title"
    SECTOR = "sector"
    REGION = "region"
    WAGE = "wage"
    PLACES = "places"
    EXPERIENCE = "experience"
    LICENCE = "licence"
    LANGUAGES = "languages"
    DATES = "dates"


class Problem(enum.Enum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    OUT_OF_RANGE = "out_of_range"
    ORDER = "order"
    UNKNOWN = "unknown"
    BELOW_TAKEN = "below_taken"


class InvalidVacancy(InvalidFields[Field, Problem]):
    """The vacancy form's problems, by field."""


class NoSuchVacancy(LookupError):
    pass


@dataclass(frozen=True)
class VacancyEntry:
    employer_id: uuid.UUID | None
    title: str
    sector_code: str | None
    region_code: str | None
    locality: str
    monthly_wage: int | None
    positions: int
    profession: str
    min_experience_years: int | None
    driving_licence: str  # categories, e.g. "B C"
    languages: tuple[tuple[str, str | None], ...]  # (language, level or None)
    opened_on: date | None


@dataclass(frozen=True)
class VacancyLine:
    id: uuid.UUID
    version: int
    employer_id: uuid.UUID
    employer: str
    title: str
    sector: str
    region: str
    locality: str
    monthly_wage: int | None
    positions: int
    taken: int
    status: VacancyStatus
    opened_on: date
    closed_on: date | None
    requirements: str  # "Kazakh B1 · licence B · 2 years"
    sector_code: str = ""

    @property
    def places_left(self) -> int:
        return max(self.positions - self.taken, 0)


@pure
def licence_categories(text: str) -> set[str]:
    """The categories named in what someone typed ("b, С" → {"B", "C"})."""
    return {part.upper() for part in text.translate(_CYRILLIC_LOOKALIKES)
            .replace(",", " ").split()}


@pure
def licence_text(text: str) -> str:
    """The categories named, in the usual order, each once ("b, С" → "B C")."""
    named = licence_categories(text)
    return " ".join(c for c in LICENCE_CATEGORIES if c in named)


@pure
def check_vacancy(entry: VacancyEntry, taken: int = 0) -> dict[Field, Problem]:
    problems: dict[Field, Problem] = {}
    if entry.employer_id is None:
        problems[Field.EMPLOYER] = Problem.REQUIRED
    if not entry.title.strip():
        problems[Field.TITLE] = Problem.REQUIRED
    elif len(entry.title.strip()) > MAX_TITLE:
        problems[Field.TITLE] = Problem.TOO_LONG
    if not entry.sector_code:
        problems[Field.SECTOR] = Problem.REQUIRED
    if entry.monthly_wage is not None and not 0 < entry.monthly_wage <= MAX_WAGE:
        problems[Field.WAGE] = Problem.OUT_OF_RANGE
    if not 1 <= entry.positions <= MAX_PLACES:
        problems[Field.PLACES] = Problem.OUT_OF_RANGE
    elif entry.positions < taken:
        problems[Field.PLACES] = Problem.BELOW_TAKEN
    if entry.min_experience_years is not None and not (
            0 <= entry.min_experience_years <= MAX_EXPERIENCE):
        problems[Field.EXPERIENCE] = Problem.OUT_OF_RANGE
    if licence_categories(entry.driving_licence) - set(LICENCE_CATEGORIES):
        problems[Field.LICENCE] = Problem.UNKNOWN
    codes = [code for code, _level in entry.languages]
    if len(codes) != len(set(codes)):
        problems[Field.LANGUAGES] = Problem.UNKNOWN
    if entry.opened_on is None:
        problems[Field.DATES] = Problem.REQUIRED
    return problems


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def list_vacancies(database: Database, actor: Actor, *,
                   statuses: tuple[VacancyStatus, ...] = (VacancyStatus.OPEN,),
                   sector_code: str | None = None, region_code: str | None = None,
                   text: str = "", with_places: bool = False,
                   employer_id: uuid.UUID | None = None) -> list[VacancyLine]:
    """Vacancies, the newest first, with the places left; ``with_places`` keeps those with
    a place still free."""
    with database.reading() as connection:
        lines = vacancy_lines(connection, statuses, sector_code, region_code, employer_id)
    needle = text.strip().casefold()
    if needle:
        lines = [line for line in lines if needle in line.title.casefold()
                 or needle in line.employer.casefold() or needle in line.locality.casefold()]
    if with_places:
        lines = [line for line in lines if line.places_left > 0]
    return lines


@within_checked_call
def vacancy_lines(connection: Connection, statuses: tuple[VacancyStatus, ...],
                  sector_code: str | None, region_code: str | None,
                  employer_id: uuid.UUID | None) -> list[VacancyLine]:
    label = LABEL_COLUMNS.get(current_language(), "label_en")
    taken = hires_per_vacancy()
    query = (select(Vacancy.id, Vacancy.version, Vacancy.employer_id, Employer.name,
                    Vacancy.title, getattr(EconomicSector, label), getattr(Region, label),
                    Vacancy.locality, Vacancy.monthly_wage, Vacancy.positions,
                    func.coalesce(taken.c.taken, 0), Vacancy.status, Vacancy.opened_on,
                    Vacancy.closed_on, Vacancy.profession, Vacancy.driving_licence,
                    Vacancy.min_experience_years, Vacancy.sector_code)
             .join(Employer, Employer.id == Vacancy.employer_id)
             .join(EconomicSector, EconomicSector.code == Vacancy.sector_code)
             .outerjoin(Region, Region.code == Vacancy.region_code)
             .outerjoin(taken, taken.c.vacancy_id == Vacancy.id)
             .order_by(Vacancy.opened_on.desc(), Vacancy.id).limit(LIST_LIMIT))
    if statuses:
        query = query.where(Vacancy.status.in_(list(statuses)))
    if sector_code:
        query = query.where(Vacancy.sector_code == sector_code)
    if region_code:
        query = query.where(Vacancy.region_code == region_code)
    if employer_id is not None:
        query = query.where(Vacancy.employer_id == employer_id)
    rows = connection.execute(query).all()
    wanted = _languages(connection, [r[0] for r in rows], label)
    lines = []
    for r in rows:
        needs = [*wanted.get(r[0], [])]
        if r[14]:
            needs.insert(0, r[14])
        if r[15]:
            needs.append(r[15])
        if r[16]:
            needs.append(f"{r[16]}+")
        lines.append(VacancyLine(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or "", r[7], r[8],
                                 r[9], r[10], r[11], r[12], r[13], " · ".join(needs), r[17]))
    return lines


def _languages(connection: Connection, ids: list[uuid.UUID],
               label: str) -> dict[uuid.UUID, list[str]]:
    if not ids:
        return {}
    found: dict[uuid.UUID, list[str]] = {}
    for vacancy_id, language, level in connection.execute(
            select(VacancyLanguage.vacancy_id, getattr(Language, label),
                   getattr(LanguageLevel, label))
            .join(Language, Language.code == VacancyLanguage.language_code)
            .outerjoin(LanguageLevel, LanguageLevel.code == VacancyLanguage.level_code)
            .where(VacancyLanguage.vacancy_id.in_(ids))):
        # "B1 — Intermediate": the letter says it; a KAZTEST level keeps its whole name.
        found.setdefault(vacancy_id, []).append(
            f"{language} {level.split(' — ')[0]}" if level else language)
    return found


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def vacancy_entry(database: Database, actor: Actor,
                  vacancy_id: uuid.UUID) -> tuple[VacancyEntry, int, VacancyStatus]:
    with database.session() as session:
        vacancy = _vacancy(session, vacancy_id)
        languages = tuple((code, level) for code, level in session.execute(
            select(VacancyLanguage.language_code, VacancyLanguage.level_code)
            .where(VacancyLanguage.vacancy_id == vacancy.id)
            .order_by(VacancyLanguage.language_code)))
        return (VacancyEntry(vacancy.employer_id, vacancy.title, vacancy.sector_code,
                             vacancy.region_code, vacancy.locality, vacancy.monthly_wage,
                             vacancy.positions, vacancy.profession,
                             vacancy.min_experience_years, vacancy.driving_licence, languages,
                             vacancy.opened_on), vacancy.version, vacancy.status)


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def create_vacancy(database: Database, actor: Actor, entry: VacancyEntry) -> uuid.UUID:
    """An open vacancy. Raises InvalidVacancy (an inactive employer included)."""
    problems = check_vacancy(entry)
    if problems:
        raise InvalidVacancy(problems)
    with database.session(actor.user_id) as session:
        _check_codes(session, entry)
        vacancy = Vacancy(status=VacancyStatus.OPEN, **_values(entry))
        session.add(vacancy)
        session.flush()
        _set_languages(session, vacancy, entry.languages)
        session.flush()
        return vacancy.id


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def update_vacancy(database: Database, actor: Actor, vacancy_id: uuid.UUID, version: int,
                   entry: VacancyEntry) -> None:
    """Raises InvalidVacancy (fewer places than hires made included), StaleRecord."""
    with database.session(actor.user_id) as session:
        vacancy = _vacancy(session, vacancy_id)
        require_version(session, vacancy, version)
        problems = check_vacancy(entry, places_taken(session, vacancy.id))
        if problems:
            raise InvalidVacancy(problems)
        _check_codes(session, entry)
        for name, value in _values(entry).items():
            setattr(vacancy, name, value)
        _set_languages(session, vacancy, entry.languages)
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def set_vacancy_status(database: Database, actor: Actor, vacancy_id: uuid.UUID, version: int,
                       status: VacancyStatus, *, today: date | None = None) -> None:
    """Open, hold or close the vacancy; closing records the day, reopening clears it.
    Raises StaleRecord, NoSuchVacancy."""
    with database.session(actor.user_id) as session:
        vacancy = _vacancy(session, vacancy_id)
        require_version(session, vacancy, version)
        vacancy.status = status
        vacancy.closed_on = (today or date.today()) if status is VacancyStatus.CLOSED else None
        session.flush()


@within_checked_call
def places_taken(session: Session, vacancy_id: uuid.UUID) -> int:
    """Hires recorded against the vacancy."""
    return hires_of(session, vacancy_id)


def _vacancy(session: Session, vacancy_id: uuid.UUID) -> Vacancy:
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NoSuchVacancy(vacancy_id)
    return vacancy


def _values(entry: VacancyEntry) -> dict[str, object]:
    return {"employer_id": entry.employer_id, "title": entry.title.strip(),
            "sector_code": entry.sector_code, "region_code": entry.region_code or None,
            "locality": entry.locality.strip(), "monthly_wage": entry.monthly_wage,
            "positions": entry.positions, "profession": entry.profession.strip(),
            "min_experience_years": entry.min_experience_years,
            "driving_licence": licence_text(entry.driving_licence),
            "opened_on": entry.opened_on}


def _check_codes(session: Session, entry: VacancyEntry) -> None:
    problems: dict[Field, Problem] = {}
    employer = session.get(Employer, entry.employer_id)
    if employer is None or not employer.active:
        problems[Field.EMPLOYER] = Problem.UNKNOWN
    if session.get(EconomicSector, entry.sector_code) is None:
        problems[Field.SECTOR] = Problem.UNKNOWN
    if entry.region_code and session.get(Region, entry.region_code) is None:
        problems[Field.REGION] = Problem.UNKNOWN
    for code, level in entry.languages:
        if session.get(Language, code) is None or (
                level is not None and session.get(LanguageLevel, level) is None):
            problems[Field.LANGUAGES] = Problem.UNKNOWN
    if problems:
        raise InvalidVacancy(problems)


def _set_languages(session: Session, vacancy: Vacancy,
                   languages: tuple[tuple[str, str | None], ...]) -> None:
    wanted = dict(languages)
    for row in session.scalars(select(VacancyLanguage).where(
            VacancyLanguage.vacancy_id == vacancy.id)):
        if row.language_code not in wanted:
            session.delete(row)
        else:
            row.level_code = wanted.pop(row.language_code)
    for code, level in wanted.items():
        session.add(VacancyLanguage(vacancy_id=vacancy.id, language_code=code,
                                    level_code=level))
