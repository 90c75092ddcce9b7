"""One consultation with everything its printed record shows."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Connection, select

from db.models import Center, Consultation, Office, Person, Provider, Referral, User
from db.models import consultation_topic_link as topic_link
from db.models.reference import (
    ConsultationChannel,
    ConsultationTopic,
    MigrantCategory,
    ServiceType,
)
from db.queries.providers import provider_name
from db.reports.figures import ConsultationRecord, Letterhead
from db.reports.names import named

LABEL = {"kk": "label_kk", "ru": "label_ru", "en": "label_en"}


def client_language(connection: Connection, consultation_id: uuid.UUID) -> str | None:
    """The language the client asked for their documents in."""
    return connection.execute(
        select(Person.preferred_language).join(Consultation, Consultation.person_id == Person.id)
        .where(Consultation.id == consultation_id)).scalar()


def consultation_record(connection: Connection, consultation_id: uuid.UUID, language: str,
                        now: datetime) -> tuple[ConsultationRecord, str | None] | None:
    """The record in ``language`` and the client's unmasked IIN, or None if there is none."""
    label = LABEL[language]
    row = connection.execute(
        select(Consultation.held_at, Consultation.advice, Consultation.notes,
               Consultation.next_steps, Consultation.next_appointment_at,
               Person.surname, Person.given_name, Person.patronymic, Person.surname_latin,
               Person.given_name_latin, Person.iin, getattr(MigrantCategory, label),
               getattr(ConsultationChannel, label), named(Office, language).label("name"),
               User.full_name, Person.name_original, Office.code, Office.address,
               Office.phone)
        .join(Person, Person.id == Consultation.person_id)
        .join(MigrantCategory, MigrantCategory.code == Person.category_code)
        .join(ConsultationChannel, ConsultationChannel.code == Consultation.channel_code)
        .join(Office, Office.id == Consultation.office_id)
        .outerjoin(User, User.id == Consultation.caseworker_id)
        .where(Consultation.id == consultation_id)).first()
    if row is None:
        return None
    topics = connection.execute(
        select(getattr(ConsultationTopic, label))
        .join(topic_link, topic_link.c.topic_code == ConsultationTopic.code)
        .where(topic_link.c.consultation_id == consultation_id)
        .order_by(ConsultationTopic.sort_order)).scalars().all()
    referrals = [f"{service} — {provider}" if provider else service
                 for service, provider in connection.execute(
                     select(getattr(ServiceType, label), provider_name(language))
                     .select_from(Referral)
                     .join(ServiceType, ServiceType.code == Referral.service_type_code)
                     .outerjoin(Provider, Provider.id == Referral.provider_id)
                     .where(Referral.consultation_id == consultation_id)
                     .order_by(Referral.referred_on))]
    center = connection.execute(select(named(Center, language), Center.address, Center.phone)
                                .order_by(Center.created_at).limit(1)).first()
    # The office's own address and phone, where it has them, under the center's name.
    letterhead = Letterhead(center[0], center[1], center[2]) if center else Letterhead()
    letterhead.address = row.address.strip() or letterhead.address
    letterhead.phone = row.phone.strip() or letterhead.phone
    letterhead.office = row.name
    record = ConsultationRecord(
        id=str(consultation_id), language=language,
        letterhead=letterhead, office_name=row.name,
        held_at=row.held_at, caseworker=row.full_name or "",
        client_name=" ".join(p for p in (row.surname, row.given_name, row.patronymic) if p),
        client_name_latin=" ".join(p for p in (row.surname_latin, row.given_name_latin) if p),
        client_iin_masked="", category=row[11], channel=row[12], topics=list(topics),
        advice=row.advice, notes=row.notes, next_steps=row.next_steps,
        next_appointment_at=row.next_appointment_at, referrals=referrals, generated_at=now,
        client_name_original=row.name_original,
        number=record_number(row.code, row.held_at, consultation_id))
    return record, row.iin


def record_number(office_code: str, held_at: datetime, consultation_id: uuid.UUID) -> str:
    """The number a person quotes: the office, the year held and the first eight hex digits
    of the identifier (AST-2026-3F6C2A9E). Derived, not counted, so every print of a record
    has the same number and offices working offline never hand out the same one."""
    return f"{office_code}-{held_at.year}-{consultation_id.hex[:8].upper()}"
