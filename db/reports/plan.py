"""The individual adaptation and integration plan as printed: its figures and the facts about
the client it is drawn for.

The goals and their services are the client file's own rows (``db.queries.client_file``),
read in the plan's language; ``desktop.services.case_plan.build_plan`` puts them together.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection, select

from db.models import Center, Person
from db.models.reference import MigrantCategory
from db.reports.figures import Letterhead

LABEL = {"kk": "label_kk", "ru": "label_ru", "en": "label_en"}


@dataclass
class PlanMember:
    name: str
    relationship: str  # who they are to the client, in the plan's language
    birth_date: date | None


@dataclass
class PlanGoal:
    area: str
    description: str
    target_date: date | None
    status: str  # in the plan's language
    status_on: date | None
    note: str
    services: list[str] = field(default_factory=list)


@dataclass
class PlanRecord:
    person_id: str
    language: str
    letterhead: Letterhead
    office_name: str
    client_name: str
    client_name_latin: str
    client_iin_masked: str
    birth_date: date | None
    category: str
    arrival_date: date | None
    case_opened_on: date
    case_closed_on: date | None
    caseworker: str
    members: list[PlanMember] = field(default_factory=list)
    goals: list[PlanGoal] = field(default_factory=list)
    generated_at: datetime | None = None
    client_name_original: str = ""  # in the person's own script (Hanzi, Mongolian)


@dataclass(frozen=True, slots=True)
class PlanClient:
    """The person's own facts and the center's letterhead, as the plan prints them."""

    name: str
    name_latin: str
    name_original: str
    iin: str | None
    birth_date: date | None
    category: str
    arrival_date: date | None
    letterhead: Letterhead


def client_language(connection: Connection, person_id: uuid.UUID) -> str | None:
    """The language the client asked for their documents in."""
    return connection.scalar(select(Person.preferred_language).where(Person.id == person_id))


def plan_client(connection: Connection, person_id: uuid.UUID, language: str) -> PlanClient | None:
    row = connection.execute(
        select(Person.surname, Person.given_name, Person.patronymic, Person.surname_latin,
               Person.given_name_latin, Person.iin, Person.birth_date,
               getattr(MigrantCategory, LABEL[language]), Person.arrival_date,
               Person.name_original)
        .join(MigrantCategory, MigrantCategory.code == Person.category_code)
        .where(Person.id == person_id)).first()
    if row is None:
        return None
    center = connection.execute(select(Center.name, Center.address, Center.phone)).first()
    return PlanClient(
        name=" ".join(p for p in (row.surname, row.given_name, row.patronymic) if p),
        name_latin=" ".join(p for p in (row.surname_latin, row.given_name_latin) if p),
        name_original=row.name_original, iin=row.iin, birth_date=row.birth_date,
        category=row[7], arrival_date=row.arrival_date,
        letterhead=Letterhead(*center) if center else Letterhead())
