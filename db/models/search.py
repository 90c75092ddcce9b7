"""The portable half of client search: one row of name forms and keys per person.

Each backend indexes this table its own way (SQLite: an FTS5 table kept in step
by triggers, see ``db.search.sqlite_fts``). Rows are written by
``db.search.documents`` in the same transaction as the person.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base


class PersonSearchDocument(Base):
    __tablename__ = "person_search"

    # Integer key: FTS5 addresses rows by integer rowid.
    doc_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    names: Mapped[str] = mapped_column(Text)  # every name form as written, space-separated
    keys: Mapped[str] = mapped_column(Text)  # db.translit.search_key of each word
    iin: Mapped[str] = mapped_column(Text, default="")
