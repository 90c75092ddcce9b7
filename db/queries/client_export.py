"""The clients spreadsheet's rows: what the export writes of each person of a list's page.

The list's own query (``db.queries.clients.client_rows``) decides who is exported and in
what order; this reads the columns of the file for one page of those people at a time:
one statement for the people, one for their cases, whatever the page's size.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, select

from db.models import Case, Office, Person, User
from db.models.reference import ConsentForm, MigrantCategory, Region
from db.queries.clients import label_column

__all__ = ["ExportRow", "export_rows", "office_id"]


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One person as the spreadsheet holds them; labels in the asked language, the case
    the open one (else the latest)."""

    id: uuid.UUID
    surname: str
    given_name: str
    patronymic: str
    surname_latin: str
    given_name_latin: str
    iin: str | None
    birth_date: date | None
    sex: str | None
    citizenship: str | None
    country_of_origin: str | None
    category: str
    region: str
    locality: str
    arrival_date: date | None
    phone: str
    preferred_language: str
    notes: str
    consent_date: date | None
    consent_form: str
    office_code: str
    intake_date: date | None = None  # the case's opening day
    caseworker: str = ""
    case_status: str | None = None  # "open" / "closed"; None without a case


def export_rows(connection: Connection, ids: Sequence[uuid.UUID],
                language: str) -> list[ExportRow]:
    """The rows of ``ids``, in the order given (unknown ids are left out)."""
    if not ids:
        return []
    people = connection.execute(
        select(Person.id, Person.surname, Person.given_name, Person.patronymic,
               Person.surname_latin, Person.given_name_latin, Person.iin, Person.birth_date,
               Person.sex, Person.citizenship, Person.country_of_origin,
               label_column(MigrantCategory, language), label_column(Region, language),
               Person.locality, Person.arrival_date, Person.phone, Person.preferred_language,
               Person.notes, Person.consent_date, label_column(ConsentForm, language),
               Office.code)
        .join(MigrantCategory, MigrantCategory.code == Person.category_code)
        .join(Office, Office.id == Person.office_id)
        .outerjoin(Region, Region.code == Person.region_code)
        .outerjoin(ConsentForm, ConsentForm.code == Person.consent_form_code)
        .where(Person.id.in_(list(ids))))
    found = {r[0]: r for r in people}
    cases = _chosen_cases(connection, list(found))
    result = []
    for person_id in ids:
        r = found.get(person_id)
        if r is None:
            continue
        opened_on, caseworker, status = cases.get(person_id, (None, "", None))
        result.append(ExportRow(
            r[0], r[1] or "", r[2] or "", r[3] or "", r[4] or "", r[5] or "", r[6], r[7], r[8],
            r[9], r[10], r[11] or "", r[12] or "", r[13] or "", r[14], r[15] or "",
            r[16] or "", r[17] or "", r[18], r[19] or "", r[20] or "", opened_on, caseworker,
            status))
    return result


def _chosen_cases(connection: Connection, ids: list[uuid.UUID],
                  ) -> dict[uuid.UUID, tuple[date, str, str]]:
    """Each person's open case, else their latest: (opened on, caseworker, status)."""
    if not ids:
        return {}
    rows = connection.execute(
        select(Case.person_id, Case.opened_on, User.full_name, Case.status, Case.id)
        .outerjoin(User, User.id == Case.caseworker_id)
        .where(Case.person_id.in_(ids)))
    best: dict[uuid.UUID, tuple[tuple[bool, date, str], tuple[date, str, str]]] = {}
    for person_id, opened_on, caseworker, status, case_id in rows:
        status = str(status)
        # Open first, then the latest opened; the id breaks a tie the same way every time.
        rank = (status == "open", opened_on, str(case_id))
        if person_id not in best or rank > best[person_id][0]:
            best[person_id] = (rank, (opened_on, caseworker or "", status))
    return {person_id: chosen for person_id, (_rank, chosen) in best.items()}


def office_id(connection: Connection, code: str) -> uuid.UUID | None:
    """The office of that code (as typed: any case, spaces around), or None."""
    return connection.scalar(select(Office.id).where(Office.code == code.strip().upper()))
