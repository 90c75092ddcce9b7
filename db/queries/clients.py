"""Client list rows: one window at a time, in Kazakh alphabetical order or by search rank."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, select, tuple_

from db.models import Case, Person
from db.models.reference import MigrantCategory, Region
from db.search import ranked_matches

LABEL_COLUMNS = {"kk": "label_kk", "ru": "label_ru", "en": "label_en"}


def label_column(model: Any, language: str) -> Any:
    """A reference list's label column in ``language`` (English for any other)."""
    return getattr(model, LABEL_COLUMNS.get(language, "label_en"))


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


@dataclass(frozen=True)
class ClientQuery:
    """What the client list shows: a search, filters, an order, and whose clients."""

    text: str = ""
    category: str | None = None
    case_status: str | None = None  # "open": has an open case; "closed": has none open
    caseworker_id: uuid.UUID | None = None  # holds an open case of theirs
    region: str | None = None
    country: str | None = None
    office_id: uuid.UUID | None = None  # None: every office
    sort: str = "name"  # one of SORTS; a search without a chosen order sorts by rank
    descending: bool = False

    @property
    def filtered(self) -> bool:
        """Narrowed by more than whose clients: the search's index cannot cut the ranked
        matches before these filters (it takes the office itself)."""
        return any(value is not None for value in (self.category, self.case_status,
                                                   self.caseworker_id, self.region,
                                                   self.country))


SORTS = {"name": (Person.sort_key,), "birth_date": (Person.birth_date,),
         "category": (Person.category_code,), "region": (Person.region_code,)}


def _where(query: ClientQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    for column, value in ((Person.category_code, query.category), (Person.region_code,
                          query.region), (Person.country_of_origin, query.country),
                          (Person.office_id, query.office_id)):
        if value is not None:
            conditions.append(column == value)
    open_case = select(Case.id).where(Case.person_id == Person.id, Case.status == "open")
    if query.case_status == "open":
        conditions.append(open_case.exists())
    elif query.case_status == "closed":
        conditions.append(~open_case.exists())
    if query.caseworker_id is not None:
        conditions.append(open_case.where(Case.caseworker_id == query.caseworker_id).exists())
    return conditions


def count_clients(connection: Connection, office_id: uuid.UUID | None = None) -> int:
    query = select(func.count()).select_from(Person)
    if office_id is not None:
        query = query.where(Person.office_id == office_id)
    return connection.execute(query).scalar_one()


def count_matching(connection: Connection, query: ClientQuery) -> int:
    """How many clients the list would show for ``query`` (its search and filters)."""
    statement = select(func.count()).select_from(Person).where(*_where(query))
    if query.text.strip():
        matches = ranked_matches(connection, query.text, None, office_id=query.office_id)
        if matches is None:
            return 0
        statement = statement.join(matches, matches.c.person_id == Person.id)
    return connection.execute(statement).scalar_one()


def client_rows(connection: Connection, language: str, query: ClientQuery, limit: int,
                offset: int = 0, after: ClientRow | None = None) -> list[ClientRow]:
    """One window of the list. Alphabetical browsing pages by key (``after``), anything
    else by ``offset``."""
    statement = _select(language).where(*_where(query)).limit(limit)
    if query.text.strip():
        # With filters the ranked matches cannot be cut before filtering.
        matches = ranked_matches(connection, query.text, None if query.filtered else
                                 limit + offset, office_id=query.office_id)
        if matches is None:
            return []
        statement = statement.join(matches, matches.c.person_id == Person.id)
        if query.sort == "name" and not query.descending:
            return [_row(r) for r in connection.execute(
                statement.order_by(matches.c.rank).offset(offset))]
    columns = SORTS[query.sort]
    ordering = [c.desc() if query.descending else c for c in (*columns, Person.id)]
    if query.sort == "name" and not query.descending and not query.text.strip():
        if after is not None:
            statement = statement.where(
                tuple_(Person.sort_key, Person.id) > (after.sort_key, after.id))
        return [_row(r) for r in connection.execute(statement.order_by(*ordering))]
    return [_row(r) for r in connection.execute(statement.order_by(*ordering).offset(offset))]


def search_page(connection: Connection, language: str, text: str, limit: int,
                offset: int = 0, office_id: uuid.UUID | None = None) -> list[ClientRow]:
    """Clients matching ``text``, best first (of one office when ``office_id`` is given)."""
    return client_rows(connection, language, ClientQuery(text=text, office_id=office_id),
                       limit, offset)
