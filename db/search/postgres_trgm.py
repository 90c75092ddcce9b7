"""Matches from inside a word on PostgreSQL: pg_trgm, the same matches in the same order
as ``sqlite_fts`` gives on SQLite.

pg_trgm GIN indexes on ``person_search.keys`` and ``.iin`` (migration 0017) answer
``keys LIKE '%rpeis%'`` and ``iin LIKE '%0017%'``, with the same minimum lengths as FTS5's
trigram tokenizer (three letters of the key, four IIN digits) or nothing: keys hold a-z
and 0-9 only, nothing in them for LIKE to read as a wildcard. Matches come in
registration order (``doc_id``, FTS5's rowid), as on SQLite.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, or_, select

from db.models.person import Person
from db.models.search import PersonSearchDocument
from db.search.question import infix_parts

_DOCUMENTS = PersonSearchDocument.__table__


@contextmanager
def ranges_joined(connection: Connection) -> Iterator[None]:
    """The planner kept to joining the typed words' ranges (``words.Prefixes.joined``) for
    the statements run inside: its estimate of a short range of the word index can be one
    row for a thousand, and with it a nested loop reads the other range once a row."""
    connection.exec_driver_sql("SET LOCAL enable_nestloop = off")
    try:
        yield
    finally:
        connection.exec_driver_sql("SET LOCAL enable_nestloop TO DEFAULT")


def in_office(found: Select[Any], person_id: ColumnElement[uuid.UUID],
              office_id: uuid.UUID) -> Select[Any]:
    """``found`` narrowed to the people of one office: a join, whose share of the matches
    the planner knows from the statistics of ``person.office_id``, a share it judges well
    enough to walk an index in order as it does for every office. (As a subquery of one
    row it would guess half a percent, and gather every match.)"""
    return found.join(Person, Person.id == person_id).where(Person.office_id == office_id)


def infix_matches(query: str, office_id: uuid.UUID | None,
                  wanted: int | None) -> Select[tuple[uuid.UUID, int]] | None:
    """``(person_id, doc_id)`` of the first ``wanted`` people (all: None) the typed words
    are all found inside of, in registration order, of one office if given."""
    parts = infix_parts(query)
    if parts is None:
        return None
    documents = _DOCUMENTS
    found = select(documents.c.person_id, documents.c.doc_id).where(and_(*(
        documents.c.iin.like(f"%{options[0]}%") if where == "iin" else
        or_(*(documents.c["keys"].like(f"%{option}%") for option in options))
        for where, options in parts)))
    if office_id is not None:
        found = in_office(found, documents.c.person_id, office_id)
    if any(where == "iin" for where, _options in parts):
        # Four IIN digits match a few rows in ten thousand, which the planner's estimates
        # miss: walking doc_id order would read the whole table. OFFSET 0 keeps it from
        # that: gather them, then order. Letters it judges well (migration 0017 keeps a
        # finer histogram of keys): it walks doc_id order for a common ending ("ова",
        # where LIMIT stops it early) and gathers the few rows of a rare part.
        gathered = found.offset(0).subquery("gathered")
        found = select(gathered.c.person_id, gathered.c.doc_id)
        order = gathered.c.doc_id
    else:
        order = documents.c.doc_id
    part = found.order_by(order).limit(wanted).subquery("infix")
    return select(part.c.person_id, part.c.doc_id)
