"""Matches from inside a word on SQLite: the FTS5 trigram index ``person_infix``.

``person_infix`` (the trigram tokenizer, migration 0004) finds any part of a key of three
letters or more, or any run of four or more IIN digits: the middle of a surname, the last
four digits the masked IIN shows. Triggers keep it in step with ``person_search`` inside
the writing transaction. Matches are given in the order people were registered (rowid):
ranking them would cost a score over every row holding those letters (a common ending
such as "ова" holds a third of the center), and a run of letters inside a name is as good
a match in one name as in another; in that order FTS5 stops at the rows asked for.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, column, select, table, text

from db.models.person import Person
from db.models.search import PersonSearchDocument
from db.search.question import infix_parts

_INFIX = table("person_infix", column("rowid"))
_DOCUMENTS = PersonSearchDocument.__table__


def ranges_joined(connection: Connection) -> AbstractContextManager[None]:
    """Nothing to keep SQLite's planner to (``postgres_trgm.ranges_joined``): it looks the
    other words up by person in the primary key either way."""
    return nullcontext()


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def infix_expression(query: str) -> str | None:
    """The trigram index's MATCH expression, or None when there is nothing to find inside
    a word (``db.search.question.infix_parts``)."""
    parts = infix_parts(query)
    if parts is None:
        return None
    return " AND ".join(
        f"iin : {_quoted(options[0])}" if where == "iin" else
        "(" + " OR ".join(f"keys : {_quoted(option)}" for option in options) + ")"
        for where, options in parts)


def in_office(found: Select[Any], person_id: ColumnElement[uuid.UUID],
              office_id: uuid.UUID) -> Select[Any]:
    """``found`` narrowed to the people of one office: each candidate's office looked up,
    as a subquery of one row. (Joined, with no statistics to go by, SQLite would walk
    every client of the office and look each up in the index instead.)"""
    return found.where(select(Person.office_id).where(Person.id == person_id)
                       .scalar_subquery() == office_id)


def infix_matches(query: str, office_id: uuid.UUID | None,
                  wanted: int | None) -> Select[tuple[uuid.UUID, int]] | None:
    """``(person_id, doc_id)`` of the first ``wanted`` people (all: None) the typed words
    are all found inside of, in registration order, of one office if given."""
    expression = infix_expression(query)
    if expression is None:
        return None
    found = (select(_DOCUMENTS.c.person_id, _DOCUMENTS.c.doc_id)
             .select_from(_INFIX.join(_DOCUMENTS, _DOCUMENTS.c.doc_id == _INFIX.c.rowid))
             .where(text("person_infix MATCH :person_infix").bindparams(
                 person_infix=expression)))
    if office_id is not None:
        found = in_office(found, _DOCUMENTS.c.person_id, office_id)
    found = found.order_by(_INFIX.c.rowid).limit(wanted)
    # SQLite takes no ORDER BY or LIMIT inside a compound select: a subquery.
    part = found.subquery("infix")
    return select(part.c.person_id, part.c.doc_id)
