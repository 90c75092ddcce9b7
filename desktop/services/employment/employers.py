"""The center's employers: who they are, how to reach them, and whether they are still
worked with.

Employers are the whole center's, not one office's: a caseworker in any office may add
one or correct its details. An employer is never deleted: referrals and placements
name it. One that is no longer worked with is deactivated, and keeps its history.
The BIN, when known, is checked like an IIN (the same check digit) and is unique.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.errors import UniqueViolation
from db.models import Employer, Placement, Vacancy, VacancyStatus
from db.models.reference import EconomicSector, Region
from db.queries.clients import LABEL_COLUMNS
from db.session import Database
from desktop.domain.iin import check_bin, normalise_iin
from desktop.domain.phones import shown_phone, stored_phone
from desktop.i18n import current_language
from desktop.services.access import Actor, Offices, Permission, pure, requires
from desktop.services.field_problems import InvalidFields
from desktop.services.versions import require_version

__all__ = ["BIN_INDEX", "MAX_NAME", "BinTaken", "EmployerEntry", "EmployerLine", "Field",
           "InvalidEmployer", "NoSuchEmployer", "Problem", "check_employer", "create_employer",
           "employer_entry", "list_employers", "set_employer_active", "update_employer"]

BIN_INDEX = "uq_employer_bin"
MAX_NAME = 200
MAX_TEXT = 300
LIST_LIMIT = 1000


class Field(enum.StrEnum):
    NAME = "name"
    BIN = "bin"
    SECTOR = "sector"
    REGION = "region"
    ADDRESS = "address"
    CONTACT = "contact"
    PHONE = "phone"


class Problem(enum.Enum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    NOT_A_BIN = "not_a_bin"
    NOT_A_PHONE = "not_a_phone"
    UNKNOWN = "unknown"


class InvalidEmployer(InvalidFields[Field, Problem]):
    """The employer form's problems, by field."""


class BinTaken(Exception):
    """Another employer has that BIN: it is registered already."""

    def __init__(self, bin_: str, name: str) -> None:
        super().__init__(bin_)
        self.bin = bin_
        self.name = name


class NoSuchEmployer(LookupError):
    pass


@dataclass(frozen=True)
class EmployerEntry:
    name: str
    bin: str
    sector_code: str | None
    region_code: str | None
    address: str
    contact: str
    phone: str


@dataclass(frozen=True)
class EmployerLine:
    id: uuid.UUID
    version: int
    name: str
    bin: str
    sector: str
    region: str
    contact: str
    phone: str  # as people write it
    active: bool
    open_vacancies: int
    placements: int


@pure
def check_employer(entry: EmployerEntry) -> dict[Field, Problem]:
    problems: dict[Field, Problem] = {}
    if not entry.name.strip():
        problems[Field.NAME] = Problem.REQUIRED
    elif len(entry.name.strip()) > MAX_NAME:
        problems[Field.NAME] = Problem.TOO_LONG
    if entry.bin.strip() and check_bin(entry.bin) is not None:
        problems[Field.BIN] = Problem.NOT_A_BIN
    if not entry.sector_code:
        problems[Field.SECTOR] = Problem.REQUIRED
    for field, text in ((Field.ADDRESS, entry.address), (Field.CONTACT, entry.contact)):
        if len(text.strip()) > MAX_TEXT:
            problems[field] = Problem.TOO_LONG
    if stored_phone(entry.phone) is None:
        problems[Field.PHONE] = Problem.NOT_A_PHONE
    return problems


def _tidy(entry: EmployerEntry) -> dict[str, object]:
    return {"name": entry.name.strip(), "bin": normalise_iin(entry.bin) or None,
            "sector_code": entry.sector_code, "region_code": entry.region_code or None,
            "address": entry.address.strip(), "contact": entry.contact.strip(),
            "phone": stored_phone(entry.phone) or ""}


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def list_employers(database: Database, actor: Actor, *, text: str = "",
                   include_inactive: bool = False) -> list[EmployerLine]:
    """Employers by name, with their open vacancies and the placements they made; ``text``
    finds a part of the name, the BIN or the contact."""
    label = LABEL_COLUMNS.get(current_language(), "label_en")
    open_vacancies = (select(func.count()).where(Vacancy.employer_id == Employer.id,
                                                 Vacancy.status == VacancyStatus.OPEN)
                      .correlate(Employer).scalar_subquery())
    placed = (select(func.count()).where(Placement.employer_id == Employer.id)
              .correlate(Employer).scalar_subquery())
    query = (select(Employer.id, Employer.version, Employer.name, Employer.bin,
                    getattr(EconomicSector, label), getattr(Region, label), Employer.contact,
                    Employer.phone, Employer.active, open_vacancies, placed)
             .join(EconomicSector, EconomicSector.code == Employer.sector_code)
             .outerjoin(Region, Region.code == Employer.region_code)
             .order_by(Employer.name, Employer.id).limit(LIST_LIMIT))
    if not include_inactive:
        query = query.where(Employer.active.is_(True))
    with database.reading() as connection:
        rows = connection.execute(query).all()
    lines = [EmployerLine(r[0], r[1], r[2], r[3] or "", r[4], r[5] or "", r[6],
                          shown_phone(r[7]), r[8], r[9], r[10]) for r in rows]
    needle = text.strip().casefold()
    if needle:
        # Casefold in Python: SQLite folds ASCII only, and names are Kazakh and Russian.
        lines = [line for line in lines
                 if needle in line.name.casefold() or needle in line.bin
                 or needle in line.contact.casefold()]
    return lines


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def employer_entry(database: Database, actor: Actor,
                   employer_id: uuid.UUID) -> tuple[EmployerEntry, int]:
    with database.session() as session:
        employer = session.get(Employer, employer_id)
        if employer is None:
            raise NoSuchEmployer(employer_id)
        values = {f.name: getattr(employer, f.name) or "" for f in fields(EmployerEntry)}
        values["phone"] = shown_phone(employer.phone)
        values["sector_code"], values["region_code"] = employer.sector_code, employer.region_code
        return EmployerEntry(**values), employer.version


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def create_employer(database: Database, actor: Actor, entry: EmployerEntry) -> uuid.UUID:
    """Raises InvalidEmployer, BinTaken."""
    problems = check_employer(entry)
    if problems:
        raise InvalidEmployer(problems)
    values = _tidy(entry)
    with _bin_unique(database, values["bin"]), database.session(actor.user_id) as session:
        _check_codes(session, entry)
        employer = Employer(**values)
        session.add(employer)
        session.flush()
        return employer.id


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def update_employer(database: Database, actor: Actor, employer_id: uuid.UUID, version: int,
                    entry: EmployerEntry) -> None:
    """Raises InvalidEmployer, BinTaken, StaleRecord, NoSuchEmployer."""
    problems = check_employer(entry)
    if problems:
        raise InvalidEmployer(problems)
    values = _tidy(entry)
    with _bin_unique(database, values["bin"]), database.session(actor.user_id) as session:
        employer = session.get(Employer, employer_id)
        if employer is None:
            raise NoSuchEmployer(employer_id)
        require_version(session, employer, version)
        _check_codes(session, entry)
        for name, value in values.items():
            setattr(employer, name, value)
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def set_employer_active(database: Database, actor: Actor, employer_id: uuid.UUID,
                        version: int, active: bool) -> None:
    """Deactivate an employer no longer worked with (its open vacancies close), or take it
    back. Raises StaleRecord, NoSuchEmployer."""
    with database.session(actor.user_id) as session:
        employer = session.get(Employer, employer_id)
        if employer is None:
            raise NoSuchEmployer(employer_id)
        require_version(session, employer, version)
        employer.active = active
        if not active:
            for vacancy in session.scalars(select(Vacancy).where(
                    Vacancy.employer_id == employer.id,
                    Vacancy.status != VacancyStatus.CLOSED)):
                vacancy.status, vacancy.closed_on = VacancyStatus.CLOSED, date.today()
        session.flush()


def _check_codes(session: Session, entry: EmployerEntry) -> None:
    problems: dict[Field, Problem] = {}
    if session.get(EconomicSector, entry.sector_code) is None:
        problems[Field.SECTOR] = Problem.UNKNOWN
    if entry.region_code and session.get(Region, entry.region_code) is None:
        problems[Field.REGION] = Problem.UNKNOWN
    if problems:
        raise InvalidEmployer(problems)


@contextmanager
def _bin_unique(database: Database, bin_: object) -> Iterator[None]:
    """A BIN taken by another employer, found by the unique index, becomes BinTaken."""
    try:
        yield
    except UniqueViolation as error:
        if error.constraint != BIN_INDEX:
            raise
        with database.reading() as connection:
            name = connection.scalar(select(Employer.name).where(Employer.bin == bin_)) or ""
        raise BinTaken(str(bin_), name) from error
