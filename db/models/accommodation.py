"""The adaptation centre's temporary accommodation: rooms with their beds, and stays."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Record


class Room(Record):
    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("office_id", "name"),)

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    name: Mapped[str]  # its number or name on the door
    beds: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)


class Stay(Record):
    """One person's stay in a room, one bed. A family checks in together: each member's
    stay names the client's (``with_stay_id``), and they leave together unless one
    leaves first. ``planned_until`` is the last night agreed; a stay still open after it
    is an overstay."""

    __tablename__ = "stay"
    __table_args__ = (Index("ix_stay_room_dates", "room_id", "checked_in_on"),)

    room_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("room.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client_case.id"))
    with_stay_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("stay.id"))
    checked_in_on: Mapped[date] = mapped_column(Date)
    planned_until: Mapped[date] = mapped_column(Date)
    checked_out_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
