"""Providers, referrals to services and the status history of anything with a status."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Record, str_enum, utcnow


class ReferralStatus(enum.StrEnum):
    """Referred, then accepted by the provider, then completed; or it ends refused by
    the provider, with no answer from it, or withdrawn by the center (cancelled)."""

    REFERRED = "referred"
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    REFUSED = "refused"
    NO_RESPONSE = "no_response"
    CANCELLED = "cancelled"


class Provider(Record):
    """Who delivers a service: the center itself or an outside organisation.

    Its name is kept in each language it has one in; an empty one is shown as the
    first name it has (kk, then ru, then en), so a polyclinic known only by its Russian
    name is still listed in a Kazakh window. ``area_code`` is its main area, which
    the course and training forms offer it under; the service types it provides
    (``provider_service``) are what a referral to it may be for.
    """

    __tablename__ = "provider"

    name_kk: Mapped[str] = mapped_column(default="")
    name_ru: Mapped[str] = mapped_column(default="")
    name_en: Mapped[str] = mapped_column(default="")
    type_code: Mapped[str | None] = mapped_column(ForeignKey("provider_type.code"))
    area_code: Mapped[str] = mapped_column(ForeignKey("service_area.code"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    locality: Mapped[str] = mapped_column(default="")
    address: Mapped[str] = mapped_column(default="")
    contact: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    email: Mapped[str] = mapped_column(default="")
    internal: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)

    def name(self, language: str) -> str:
        own = {"kk": self.name_kk, "ru": self.name_ru, "en": self.name_en}.get(language, "")
        return own or self.name_kk or self.name_ru or self.name_en


class ProviderService(Record):
    """A service type a provider delivers."""

    __tablename__ = "provider_service"
    __table_args__ = (UniqueConstraint("provider_id", "service_type_code"),
                      Index("ix_provider_service_type", "service_type_code"))

    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("provider.id"), index=True)
    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_type.code"))


class Referral(Record):
    """A referral to a catalogue service (social, information...), followed to its end.

    ``accepted_on`` is the day the provider took it; ``closed_on`` the day it ended,
    whichever way (``status`` says which). ``amount`` is what the client received in
    tenge where the service pays one (a benefit, material help). A referral nobody
    answered gets one follow-up for its caseworker: ``chase_follow_up_id``.
    """

    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_person", "person_id"),
        Index("ix_referral_office_referred", "office_id", "referred_on"),
        Index("ix_referral_office_status", "office_id", "status", "referred_on"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client_case.id"))
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    caseworker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    consultation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("consultation.id"))
    service_type_code: Mapped[str] = mapped_column(ForeignKey("service_type.code"))
    provider_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("provider.id"))
    referred_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ReferralStatus] = mapped_column(
        str_enum(ReferralStatus), default=ReferralStatus.REFERRED)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[int | None]  # tenge
    chase_follow_up_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("follow_up.id"))


class StatusChange(Record):
    """One step in the status history of a referral, enrolment or job referral.

    ``subject_table`` names the table of the record whose status changed.
    """

    __tablename__ = "status_change"
    __table_args__ = (Index("ix_status_change_subject", "subject_table", "subject_id"),)

    subject_table: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[uuid.UUID]
    status: Mapped[str] = mapped_column(String(16))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    changed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    note: Mapped[str] = mapped_column(Text, default="")
