"""Declarative base and the columns every record carries."""

from __future__ import annotations

import enum
import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Stable constraint names, so Alembic's batch mode on SQLite can find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def str_enum(enum_class: type[enum.Enum]) -> Enum:
    """Store an enum by its value, as a checked string (portable to PostgreSQL)."""
    return Enum(enum_class, native_enum=False, length=16,
                values_callable=lambda e: [m.value for m in e])


def utcnow() -> datetime:
    """Naive UTC: SQLite keeps no time zone, so every stored time is UTC by rule."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Record(Base):
    """A user-editable record.

    UUID keys let offices create records offline and merge them later; the
    version counter makes a stale save fail (StaleDataError) instead of
    silently overwriting someone else's change.
    """

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}


class ReferenceItem(Base):
    """A row of a reference list, labelled in the three languages.

    Keyed by a stable code rather than a UUID: reference lists are seeded by
    migration and identical in every office, so the code is already global.
    """

    __abstract__ = True

    code: Mapped[str] = mapped_column(primary_key=True)
    label_kk: Mapped[str]
    label_ru: Mapped[str]
    label_en: Mapped[str]
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def label(self, language: str) -> str:
        return {"kk": self.label_kk, "ru": self.label_ru}.get(language, self.label_en)
