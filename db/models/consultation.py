"""Consultations and their topics."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Index, Table, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, Record
from db.models.reference import ConsultationTopic

consultation_topic_link = Table(
    "consultation_topic_link",
    Base.metadata,
    Column("consultation_id", Uuid, ForeignKey("consultation.id", ondelete="CASCADE"),
           primary_key=True),
    Column("topic_code", ForeignKey("consultation_topic.code"), primary_key=True),
)


class Consultation(Record):
    __tablename__ = "consultation"
    __table_args__ = (
        Index("ix_consultation_person_held", "person_id", "held_at"),
        Index("ix_consultation_office_held", "office_id", "held_at"),
        Index("ix_consultation_held", "held_at"),  # trends for all offices
        # Covering: the month's consultation figures for all offices (db.reports.monthly)
        # read this alone, never the rows with their notes.
        Index("ix_consultation_held_cover", "held_at", "id", "person_id", "channel_code",
              "caseworker_id", "office_id"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"))
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client_case.id"))
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    caseworker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    held_at: Mapped[datetime] = mapped_column(DateTime)
    channel_code: Mapped[str] = mapped_column(ForeignKey("consultation_channel.code"))
    notes: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    next_appointment_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)

    topics: Mapped[list[ConsultationTopic]] = relationship(secondary=consultation_topic_link)
