"""The center, its offices and the people who use Qadam."""

from __future__ import annotations

import enum
import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Record, str_enum


class Role(enum.StrEnum):
    CASEWORKER = "caseworker"
    MANAGER = "manager"
    ADMIN = "admin"


class Center(Record):
    """The organisation's details printed on reports (one row).

    ``name`` is its name in Kazakh, ``name_ru`` and ``name_en`` in the other report
    languages (empty: a report prints the Kazakh one). The director approves reports.
    """

    __tablename__ = "center"

    name: Mapped[str]
    address: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    name_ru: Mapped[str] = mapped_column(default="", server_default="")
    name_en: Mapped[str] = mapped_column(default="", server_default="")
    director_name: Mapped[str] = mapped_column(default="", server_default="")
    director_position: Mapped[str] = mapped_column(default="", server_default="")


class Office(Record):
    """An office; ``name`` in Kazakh, ``name_ru`` and ``name_en`` as the center's are."""

    __tablename__ = "office"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str]
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"))
    address: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    active: Mapped[bool] = mapped_column(default=True)
    name_ru: Mapped[str] = mapped_column(default="", server_default="")
    name_en: Mapped[str] = mapped_column(default="", server_default="")


class User(Record):
    __tablename__ = "app_user"

    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str]
    role: Mapped[Role] = mapped_column(str_enum(Role))
    office_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("office.id"))
    # argon2id hash; None until a password is set (demo and imported users).
    password_hash: Mapped[str | None]
    active: Mapped[bool] = mapped_column(default=True)

    office: Mapped[Office | None] = relationship()
