"""Follow-up tasks: who does what for which person, by when."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Record


class FollowUp(Record):
    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_assignee_due", "assignee_id", "done", "due_on"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("client_case.id"))
    consultation_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("consultation.id"))
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    title: Mapped[str]
    due_on: Mapped[date] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(default=False)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    done_comment: Mapped[str] = mapped_column(Text, default="")
