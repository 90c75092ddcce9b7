"""Persons (migrants), their languages, documents and household links."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Record, str_enum


class Person(Record):
    """A migrant. Names are kept in every form they come in.

    ``surname``/``given_name``/``patronymic`` are Cyrillic as written by the
    caseworker; ``*_latin`` as in the passport; ``name_original`` in the
    person's own script (Hanzi, Arabic-script Kazakh...). ``sort_key`` orders
    the client list in the Kazakh alphabet (see ``db.collation``).
    """

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint("sex IN ('M', 'F')", name="sex"),
        CheckConstraint("preferred_language IN ('kk', 'ru', 'en')", name="preferred_language"),
        Index("ix_person_sort", "sort_key", "id"),
        Index("ix_person_office_sort", "office_id", "sort_key", "id"),
        # Covering: the monthly report's caseload breakdowns (db.reports.caseload) read
        # this, not the wide rows, for every case's person.
        Index("ix_person_breakdown", "id", "category_code", "sex", "region_code",
              "education_code", "country_of_origin", "birth_date"),
    )

    surname: Mapped[str] = mapped_column(default="")
    given_name: Mapped[str]
    patronymic: Mapped[str] = mapped_column(default="")
    surname_latin: Mapped[str] = mapped_column(default="")
    given_name_latin: Mapped[str] = mapped_column(default="")
    name_original: Mapped[str] = mapped_column(default="")
    # ICU sort keys in hex (db.collation), to be compared byte by byte: SQLite compares
    # text so, PostgreSQL only under "C" (a server made with en_US.UTF-8 would apply its
    # locale's rules).
    sort_key: Mapped[str] = mapped_column(
        String().with_variant(String(collation="C"), "postgresql"), default="")

    # Optional: foreigners often have no IIN yet at intake.
    iin: Mapped[str | None] = mapped_column(String(12), unique=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    citizenship: Mapped[str | None] = mapped_column(String(2))  # ISO 3166 alpha-2; None: stateless
    country_of_origin: Mapped[str | None] = mapped_column(String(2))
    category_code: Mapped[str] = mapped_column(ForeignKey("migrant_category.code"))
    arrival_date: Mapped[date | None] = mapped_column(Date)

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"), index=True)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    locality: Mapped[str] = mapped_column(default="")
    address: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    email: Mapped[str] = mapped_column(default="")
    messenger: Mapped[str] = mapped_column(default="")

    education_code: Mapped[str | None] = mapped_column(ForeignKey("education_level.code"))
    profession: Mapped[str] = mapped_column(default="")
    preferred_language: Mapped[str] = mapped_column(String(2), default="kk")
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")

    # Consent to personal-data processing (Law 94-V): recorded before anything else.
    consent_date: Mapped[date | None] = mapped_column(Date)
    consent_form_code: Mapped[str | None] = mapped_column(ForeignKey("consent_form.code"))
    consent_recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))

    languages: Mapped[list[PersonLanguage]] = relationship(
        back_populates="person", cascade="all, delete-orphan")
    documents: Mapped[list[Document]] = relationship(
        back_populates="person", cascade="all, delete-orphan")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)

    @property
    def full_name_latin(self) -> str:
        return " ".join(p for p in (self.surname_latin, self.given_name_latin) if p)


class PersonLanguage(Record):
    __tablename__ = "person_language"
    __table_args__ = (UniqueConstraint("person_id", "language_code"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    language_code: Mapped[str] = mapped_column(ForeignKey("language.code"))
    level_code: Mapped[str | None] = mapped_column(ForeignKey("language_level.code"))

    person: Mapped[Person] = relationship(back_populates="languages")


class HouseholdLink(Record):
    """``related_person`` is the ``relationship`` of ``person`` (e.g. their child)."""

    __tablename__ = "household_link"
    __table_args__ = (
        UniqueConstraint("person_id", "related_person_id"),
        CheckConstraint("person_id <> related_person_id", name="not_self"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    related_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    relationship_code: Mapped[str] = mapped_column(ForeignKey("relationship.code"))


class DistinctPair(Record):
    """Two files a user confirmed are not the same person, so no check raises them again.

    Stored once per pair, the smaller id first (``person_low_id``).
    """

    __tablename__ = "distinct_person_pair"
    __table_args__ = (
        UniqueConstraint("person_low_id", "person_high_id"),
        CheckConstraint("person_low_id < person_high_id", name="ordered"),
    )

    person_low_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"))
    person_high_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")


class PersonTombstone(Record):
    """What is left of a person merged into another: their old id points to the kept one,
    so old links, the audit log and an office's later sync still resolve."""

    __tablename__ = "person_tombstone"

    merged_person_id: Mapped[uuid.UUID] = mapped_column(unique=True)  # no row to point to
    kept_person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    merged_at: Mapped[datetime] = mapped_column(DateTime)
    merged_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    # The merged file's name, IIN and which fields were taken from it: for the history.
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DocumentStatus(enum.StrEnum):
    VALID = "valid"
    REPLACED = "replaced"  # renewed: ``replaced_by_id`` is its successor
    LOST = "lost"
    REVOKED = "revoked"


class Document(Record):
    """An identity or status document's details; expiry drives follow-ups.

    Details only, never a scan: the personal-data law forbids keeping copies of
    identity documents. A renewed, lost or revoked document stays as history, its
    ``status`` saying which (since ``status_on``, with ``status_note``).
    """

    __tablename__ = "document"
    __table_args__ = (Index("ix_document_expires", "expires_on"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    type_code: Mapped[str] = mapped_column(ForeignKey("document_type.code"))
    number: Mapped[str] = mapped_column(default="")
    issued_by: Mapped[str] = mapped_column(default="")
    issued_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    # server_default: rows written before the column existed (and by bulk loads) are valid.
    status: Mapped[DocumentStatus] = mapped_column(
        str_enum(DocumentStatus), default=DocumentStatus.VALID,
        server_default=DocumentStatus.VALID.value)
    # SET NULL: a person's documents are deleted together, in no particular order.
    replaced_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"))
    status_on: Mapped[date | None] = mapped_column(Date)
    status_note: Mapped[str] = mapped_column(Text, default="", server_default="")

    person: Mapped[Person] = relationship(back_populates="documents")
