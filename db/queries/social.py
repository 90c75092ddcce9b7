"""The Social services screen's lists and a client's referrals, as plain rows.

One query shape serves every list: a referral with its client, service, provider and
caseworker. The lists differ only by their condition (``Selection``), so the rows, the
columns and the sorting are the same wherever a referral is shown.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Connection, Select, and_, func, select

from db.models import Person, Provider, Referral, ReferralStatus, User
from db.models.reference import ServiceType
from db.queries.clients import label_column
from db.queries.providers import provider_name

__all__ = ["ReferralRow", "Selection", "client_referrals", "list_queries", "open_by_provider",
           "open_by_provider_query", "referral_rows"]

OPEN = (ReferralStatus.REFERRED, ReferralStatus.ACCEPTED)


class Selection(enum.Enum):
    OPEN = "open"  # referred or accepted, not yet ended
    OVERDUE = "overdue"  # referred, and no answer within the center's number of days
    COMPLETED = "completed"  # completed this month


@dataclass(frozen=True, slots=True)
class ReferralRow:
    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    surname: str
    given_name: str
    patronymic: str
    service_code: str
    service: str
    provider_id: uuid.UUID | None
    provider: str
    status: str
    referred_on: date
    accepted_on: date | None
    closed_on: date | None
    amount: int | None
    outcome: str
    caseworker: str
    chased: bool  # its no-response follow-up was raised

    @property
    def client(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)


def _rows(language: str) -> Select[tuple[object, ...]]:
    return (select(Referral.id, Referral.version, Referral.person_id, Person.surname,
                   Person.given_name, Person.patronymic, Referral.service_type_code,
                   label_column(ServiceType, language), Referral.provider_id,
                   provider_name(language), Referral.status, Referral.referred_on,
                   Referral.accepted_on, Referral.closed_on, Referral.amount, Referral.outcome,
                   User.full_name, Referral.chase_follow_up_id.is_not(None))
            .join(Person, Person.id == Referral.person_id)
            .join(ServiceType, ServiceType.code == Referral.service_type_code)
            .outerjoin(Provider, Provider.id == Referral.provider_id)
            .outerjoin(User, User.id == Referral.caseworker_id))


def _row(r: tuple[object, ...]) -> ReferralRow:
    values = list(r)
    values[9] = values[9] or ""  # no provider chosen
    values[10] = str(values[10])
    values[15] = values[15] or ""
    values[16] = values[16] or ""
    values[17] = bool(values[17])
    return ReferralRow(*values)  # type: ignore[arg-type]


def _condition(selection: Selection, today: date, days: int) -> ColumnElement[bool]:
    if selection is Selection.OPEN:
        return Referral.status.in_(OPEN)
    if selection is Selection.OVERDUE:
        return and_(Referral.status == ReferralStatus.REFERRED,
                    Referral.referred_on <= today - timedelta(days=days))
    return and_(Referral.status == ReferralStatus.COMPLETED,
                Referral.closed_on >= today.replace(day=1), Referral.closed_on <= today)


def referral_rows(connection: Connection, language: str, selection: Selection, *,
                  office_id: uuid.UUID | None, today: date, days: int,
                  provider_id: uuid.UUID | None = None,
                  limit: int = 500) -> tuple[list[ReferralRow], int]:
    """One list's rows, the longest-waiting first (the last completed first for the
    completed list), at most ``limit``, and how many there are in all.

    ``office_id`` is the referring office's (None: every office's): the list is that
    office's work, a client who moved since keeps their referral there until it ends."""
    rows_query, count_query = list_queries(language, selection, office_id=office_id,
                                           today=today, days=days, provider_id=provider_id,
                                           limit=limit)
    found = [_row(tuple(r)) for r in connection.execute(rows_query)]
    total = len(found) if len(found) < limit else connection.execute(count_query).scalar_one()
    return found, total


def list_queries(language: str, selection: Selection, *, office_id: uuid.UUID | None,
                 today: date, days: int, provider_id: uuid.UUID | None = None,
                 limit: int = 500) -> tuple[Select[tuple[object, ...]], Select[tuple[int]]]:
    """A list's rows and its count, as ``referral_rows`` runs them (the benchmark runs the
    same SQL raw)."""
    condition = [_condition(selection, today, days)]
    if office_id is not None:
        condition.append(Referral.office_id == office_id)
    if provider_id is not None:
        condition.append(Referral.provider_id == provider_id)
    order = ((Referral.closed_on.desc(), Referral.id) if selection is Selection.COMPLETED
             else (Referral.referred_on, Referral.id))
    return (_rows(language).where(*condition).order_by(*order).limit(limit),
            select(func.count()).select_from(Referral).where(*condition))


def open_by_provider(connection: Connection, language: str, *,
                     office_id: uuid.UUID | None) -> list[tuple[uuid.UUID | None, str, int]]:
    """(provider id, name, open referrals) of each provider with one open, the busiest
    first; a provider id None counts the referrals made with no provider named."""
    return [(provider_id, text or "", count) for provider_id, text, count
            in connection.execute(open_by_provider_query(language, office_id=office_id))]


def open_by_provider_query(language: str, *,
                           office_id: uuid.UUID | None) -> Select[tuple[object, ...]]:
    name = provider_name(language)
    query = (select(Referral.provider_id, name, func.count())
             .outerjoin(Provider, Provider.id == Referral.provider_id)
             .where(Referral.status.in_(OPEN))
             .group_by(Referral.provider_id, name)
             .order_by(func.count().desc(), name))
    if office_id is not None:
        query = query.where(Referral.office_id == office_id)
    return query


def client_referrals(connection: Connection, person_id: uuid.UUID,
                     language: str) -> list[ReferralRow]:
    """A client's referrals, the latest first."""
    rows = connection.execute(_rows(language).where(Referral.person_id == person_id)
                              .order_by(Referral.referred_on.desc(), Referral.created_at.desc()))
    return [_row(tuple(r)) for r in rows]
