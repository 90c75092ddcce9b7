"""Providers, referrals to services and the status history of anything with a status."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Record, str_enum, utcnow


class ReferralStatus(enum.StrEnum):
    REFERRED = "referred"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class Provider(Record):
    """Who delivers a service: the center itself or an outside organisation."""

    __tablename__ = "provider"

    name: Mapped[str]
    area_code: Mapped[str] = mapped_column(ForeignKey("service_area.code"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    address: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    internal: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class Referral(Record):
    """A referral or enrolment to a catalogue service (social, information...)."""

    __tablename__ = "referral"
    __table_args__ = (
        Index("ix_referral_person", "person_id"),
        Index("ix_referral_office_referred", "office_id", "referred_on"),
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
    completed_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")


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
