"""State support counted in MRP: the index per year, the rules, and what a family applied
for, was granted and was paid."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Record, ReferenceItem, str_enum


class MrpRate(Base):
    """The monthly calculation index (MRP, MCI) of a year, in tenge, set by that year's
    budget law. Administrators add next year's when it is published."""

    __tablename__ = "mrp_rate"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    amount: Mapped[int]  # tenge
    source: Mapped[str] = mapped_column(default="")  # the law or release that set it


class EntitlementBasis(enum.StrEnum):
    PER_MEMBER = "per_member"  # each member of the household
    PER_FAMILY = "per_family"  # the household once


class EntitlementRule(ReferenceItem):
    """A support measure and its size in MRP: one-time (``months`` None) or paid monthly
    for ``months`` months; a range where the amount is set within it (``mrp_min`` to
    ``mrp_max``), one figure where both are equal. Seeded by revision 0013."""

    __tablename__ = "entitlement_rule"

    basis: Mapped[EntitlementBasis] = mapped_column(str_enum(EntitlementBasis))
    mrp_min: Mapped[int]
    mrp_max: Mapped[int]
    months: Mapped[int | None]
    source: Mapped[str] = mapped_column(Text, default="")


class EntitlementStatus(enum.StrEnum):
    APPLIED = "applied"
    GRANTED = "granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class Entitlement(Record):
    """One measure applied for by a client for their household: what was asked, what was
    granted, and (``EntitlementPayment``) what has been paid."""

    __tablename__ = "entitlement"
    __table_args__ = (Index("ix_entitlement_office_applied", "office_id", "applied_on"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client_case.id"))
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    rule_code: Mapped[str] = mapped_column(ForeignKey("entitlement_rule.code"))
    members: Mapped[int]  # household members it was counted for
    applied_on: Mapped[date] = mapped_column(Date)
    amount_applied: Mapped[int]  # tenge
    status: Mapped[EntitlementStatus] = mapped_column(
        str_enum(EntitlementStatus), default=EntitlementStatus.APPLIED)
    decided_on: Mapped[date | None] = mapped_column(Date)
    amount_granted: Mapped[int | None]  # tenge
    note: Mapped[str] = mapped_column(Text, default="")


class EntitlementPayment(Record):
    __tablename__ = "entitlement_payment"

    entitlement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("entitlement.id"), index=True)
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[int]  # tenge
    note: Mapped[str] = mapped_column(Text, default="")
