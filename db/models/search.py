"""What client search reads: one row of name forms and keys per person, and its words.

``person_search`` holds the names as written, their folded keys and the IIN; each
backend indexes it its own way for matches from inside a word (SQLite: an FTS5 trigram
table kept in step by triggers, ``db.search.sqlite_fts``; PostgreSQL: pg_trgm,
``db.search.postgres_trgm``). ``search_word`` holds each word of it on its own, for
matches from a word's beginning on either engine (``db.search.words``). Both are written
by ``db.search.documents`` in the same transaction as the person.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, Integer, Text
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


class SearchWord(Base):
    """One word a person can be found by from its beginning (``db.search.words``)."""

    __tablename__ = "search_word"
    __table_args__ = (
        # A typed prefix is a range of this index, read in order: the first matches are
        # the first rows, however many people share the prefix.
        Index("ix_search_word_word", "word", "person_id"),
    )

    # The primary key serves the other words of a question (does this person also have a
    # word beginning with "ali"?) and the cascade when a person goes.
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    # Compared byte by byte on both engines: SQLite compares text so, PostgreSQL under "C"
    # only, whatever the server's locale.
    word: Mapped[str] = mapped_column(
        Text().with_variant(Text(collation="C"), "postgresql"), primary_key=True)
