"""The audit log: every change to a record, who made it and when.

Written by ``db.session``'s flush hook in the same transaction as the change,
so the log can never disagree with the data.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_record", "table_name", "record_id"),
        Index("ix_audit_log_at", "at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    action: Mapped[str] = mapped_column(String(8))  # insert / update / delete
    table_name: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    # Changed fields only: {"field": [old, new]}; JSON-safe values.
    changes: Mapped[dict[str, list[object]]] = mapped_column(JSON, default=dict)
