"""Client list rows: one window at a time, in Kazakh alphabetical order or by search rank."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, func, select, tuple_

from db.models import Person
from db.models.reference import MigrantCategory, Region
from db.search import ranked_matches

LABEL_COLUMNS = {"kk": "label_kk", "ru": "label_ru", "en": "label_en"}


@dataclass(frozen=True, slots=True)
class ClientRow:
    id: uuid.UUID
    name: str
    name_latin: str
    name_original: str
    birth_date: date | None
    iin: str | None
    category: str
    region: str
    sort_key: str

    def as_json(self) -> dict[str, Any]:
        return {"id": str(self.id), "name": self.name, "name_latin": self.name_latin,
                "name_original": self.name_original,
                "birth_date": self.birth_date.isoformat() if self.birth_date else None,
                "iin": self.iin, "category": self.category, "region": self.region}


def _select(language: str) -> Select[Any]:
    label = LABEL_COLUMNS.get(language, "label_en")
    return (
        select(Person.id, Person.surname, Person.given_name, Person.patronymic,
               Person.surname_latin, Person.given_name_latin, Person.name_original,
               Person.birth_date, Person.iin, getattr(MigrantCategory, label),
               getattr(Region, label), Person.sort_key)
        .join(MigrantCategory, MigrantCategory.code == Person.category_code)
        .outerjoin(Region, Region.code == Person.region_code)
    )


def _row(record: Any) -> ClientRow:
    name = " ".join(p for p in (record[1], record[2], record[3]) if p)
    latin = " ".join(p for p in (record[4], record[5]) if p)
    return ClientRow(record[0], name, latin, record[6], record[7], record[8], record[9],
                     record[10] or "", record[11])


def count_clients(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(Person)).scalar_one()


def client_page(connection: Connection, language: str, limit: int,
                after: ClientRow | None = None) -> list[ClientRow]:
    """The next ``limit`` clients in alphabetical order after ``after`` (keyset paging)."""
    query = _select(language).order_by(Person.sort_key, Person.id).limit(limit)
    if after is not None:
        query = query.where(tuple_(Person.sort_key, Person.id) > (after.sort_key, after.id))
    return [_row(r) for r in connection.execute(query)]


def search_page(connection: Connection, language: str, text: str, limit: int,
                offset: int = 0) -> list[ClientRow]:
    """Clients matching ``text``, best first."""
    matches = ranked_matches(connection, text, limit, offset)
    if matches is None:
        return []
    query = (_select(language).join(matches, matches.c.person_id == Person.id)
             .order_by(matches.c.rank))
    return [_row(r) for r in connection.execute(query)]
