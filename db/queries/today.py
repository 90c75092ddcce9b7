"""A caseworker's day: follow-ups due, documents running out, appointments.

Each function reads the most urgent rows and counts every matching one, so a
long queue shows its true size while only a screenful travels:
- follow-ups by ``ix_follow_up_assignee_due`` (assignee_id, done, due_on);
- documents by ``ix_document_expires`` (expires_on), then the person by key;
- appointments by ``ix_consultation_next_appointment_at``;
- transfer requests waiting for an office by ``ix_case_transfer_to_status``.
Consultation times are the wall-clock times the caseworker typed (naive).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from db.models import (
    Case,
    CaseStatus,
    CaseTransfer,
    Consultation,
    Document,
    FollowUp,
    Office,
    Person,
    TransferStatus,
    User,
)
from db.models.person import DocumentStatus
from db.models.reference import DocumentType

LABEL_COLUMNS = {"kk": "label_kk", "ru": "label_ru", "en": "label_en"}


@dataclass(frozen=True, slots=True)
class FollowUpDue:
    id: uuid.UUID
    person_id: uuid.UUID
    name: str
    title: str
    due_on: date
    version: int  # what rescheduling it from Today checks against


@dataclass(frozen=True, slots=True)
class DocumentDue:
    id: uuid.UUID
    person_id: uuid.UUID
    name: str
    type: str
    number: str
    expires_on: date


@dataclass(frozen=True, slots=True)
class Appointment:
    consultation_id: uuid.UUID
    person_id: uuid.UUID
    name: str
    phone: str
    at: datetime
    next_steps: str


def _name(surname: str, given: str, patronymic: str) -> str:
    return " ".join(p for p in (surname, given, patronymic) if p)


def _not_indexed(column: Any) -> Any:
    """The column, in a form SQLite cannot look up by index.

    Without statistics SQLite would start from the office's thousands of
    clients; a day's rows are far fewer when found by date first.
    """
    return func.coalesce(column, column)


def _split(rows: list[Any]) -> tuple[list[Any], int]:
    return rows, (rows[0].total if rows else 0)


def follow_ups_due(connection: Connection, assignee_id: uuid.UUID, office_id: uuid.UUID | None,
                   today: date, limit: int) -> tuple[list[FollowUpDue], int]:
    """Open follow-ups of one assignee due today or earlier, the longest overdue first.

    ``office_id`` narrows them to that office's clients (None: every office).
    """
    query = (
        select(FollowUp.id, FollowUp.person_id, Person.surname, Person.given_name,
               Person.patronymic, FollowUp.title, FollowUp.due_on, FollowUp.version,
               func.count().over().label("total"))
        .join(Person, Person.id == FollowUp.person_id)
        .where(FollowUp.assignee_id == assignee_id, FollowUp.done.is_(False),
               FollowUp.due_on <= today)
        .order_by(FollowUp.due_on, Person.sort_key, FollowUp.id)
        .limit(limit))
    if office_id is not None:
        query = query.where(Person.office_id == office_id)
    rows, total = _split(connection.execute(query).all())
    return [FollowUpDue(r.id, r.person_id, _name(r.surname, r.given_name, r.patronymic),
                        r.title, r.due_on, r.version) for r in rows], total


def documents_due(connection: Connection, office_id: uuid.UUID | None, today: date,
                  until: date, language: str, limit: int) -> tuple[list[DocumentDue], int]:
    """Valid documents of an office's clients (None: every office) expiring by ``until``.

    A replaced, lost or revoked one is nobody's work. Already expired ones count only
    while the client has an open case in that office, and only if no later document
    of the same type replaced them (recorded before renewals were: nothing says so).
    """
    newer = aliased(Document)
    replaced = exists().where(
        newer.person_id == Document.person_id, newer.type_code == Document.type_code,
        newer.id != Document.id,
        or_(newer.expires_on.is_(None), newer.expires_on > Document.expires_on))
    open_case = exists().where(Case.person_id == Document.person_id,
                               Case.status == CaseStatus.OPEN)
    if office_id is not None:
        open_case = open_case.where(Case.office_id == office_id)
    due = and_(Document.expires_on <= until, Document.status == DocumentStatus.VALID,
               or_(Document.expires_on >= today, and_(open_case, ~replaced)))
    label = getattr(DocumentType, LABEL_COLUMNS.get(language, "label_en"))
    # Two statements: the page stops after ``limit`` rows in expiry order, and the
    # count checks the office against the office's client ids, never reading a client row.
    page = (
        select(Document.id, Document.person_id, Person.surname, Person.given_name,
               Person.patronymic, label.label("type"), Document.number, Document.expires_on)
        .join(Person, Person.id == Document.person_id)
        .join(DocumentType, DocumentType.code == Document.type_code)
        .where(due)
        .order_by(Document.expires_on, Person.sort_key, Document.id)
        .limit(limit))
    count = select(func.count()).select_from(Document).where(due)
    if office_id is not None:
        page = page.where(_not_indexed(Person.office_id) == office_id)
        count = count.where(_not_indexed(Document.person_id).in_(
            select(Person.id).where(Person.office_id == office_id)))
    rows = connection.execute(page).all()
    total = connection.execute(count).scalar_one() if len(rows) == limit else len(rows)
    return [DocumentDue(r.id, r.person_id, _name(r.surname, r.given_name, r.patronymic),
                        r.type, r.number, r.expires_on) for r in rows], total


def appointments(connection: Connection, caseworker_id: uuid.UUID, office_id: uuid.UUID | None,
                 start: datetime, end: datetime, limit: int) -> tuple[list[Appointment], int]:
    """Next appointments between ``start`` and ``end`` set at a caseworker's consultations.

    An appointment set at a consultation that a later one followed was kept or
    replaced, so it no longer waits.
    """
    later = aliased(Consultation)
    followed = exists().where(later.person_id == Consultation.person_id,
                              later.held_at > Consultation.held_at)
    query = (
        select(Consultation.id, Consultation.person_id, Person.surname, Person.given_name,
               Person.patronymic, Person.phone, Consultation.next_appointment_at,
               Consultation.next_steps, func.count().over().label("total"))
        .join(Person, Person.id == Consultation.person_id)
        .where(Consultation.next_appointment_at >= start, Consultation.next_appointment_at < end,
               Consultation.caseworker_id == caseworker_id, ~followed)
        .order_by(Consultation.next_appointment_at, Person.sort_key, Consultation.id)
        .limit(limit))
    if office_id is not None:
        query = query.where(_not_indexed(Person.office_id) == office_id)
    rows, total = _split(connection.execute(query).all())
    return [Appointment(r.id, r.person_id, _name(r.surname, r.given_name, r.patronymic),
                        r.phone, r.next_appointment_at, r.next_steps) for r in rows], total


@dataclass(frozen=True, slots=True)
class TransferPending:
    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    person_id: uuid.UUID
    name: str
    from_office: str
    to_office_id: uuid.UUID
    to_office: str
    requested_on: date
    requested_by: str
    note: str


def transfers_pending(connection: Connection, office_id: uuid.UUID | None,
                      limit: int) -> list[TransferPending]:
    """Requests to ``office_id`` (None: to every office) not yet answered, oldest first."""
    giving, taking = aliased(Office), aliased(Office)
    query = (
        select(CaseTransfer.id, CaseTransfer.version, CaseTransfer.case_id,
               CaseTransfer.person_id, Person.surname, Person.given_name, Person.patronymic,
               giving.name.label("from_office"), CaseTransfer.to_office_id,
               taking.name.label("to_office"), CaseTransfer.requested_on,
               User.full_name.label("requested_by"), CaseTransfer.note)
        .join(Person, Person.id == CaseTransfer.person_id)
        .join(giving, giving.id == CaseTransfer.from_office_id)
        .join(taking, taking.id == CaseTransfer.to_office_id)
        .outerjoin(User, User.id == CaseTransfer.created_by)
        .where(CaseTransfer.status == TransferStatus.REQUESTED)
        .order_by(CaseTransfer.requested_on, Person.sort_key, CaseTransfer.id)
        .limit(limit))
    if office_id is not None:
        query = query.where(CaseTransfer.to_office_id == office_id)
    return [TransferPending(r.id, r.version, r.case_id, r.person_id,
                            _name(r.surname, r.given_name, r.patronymic), r.from_office,
                            r.to_office_id, r.to_office, r.requested_on, r.requested_by or "",
                            r.note) for r in connection.execute(query)]
