"""Client search on SQLite: two FTS5 indexes over ``person_search``.

``person_fts`` (unicode61 remove_diacritics 2, migration 0001) finds words by
their beginning: it folds case for Cyrillic (LIKE does not), but cannot equate
scripts or Kazakh and Russian letters; the ``keys`` column holds our own fold
(``db.translit.search_key``) for that. ``person_infix`` (the trigram tokenizer,
migration 0004) finds any part of a key of three letters or more, or any run of
four or more IIN digits: the middle of a surname, the last four digits the
masked IIN shows. Matches from the beginning of a word rank first. Triggers
keep both in step with ``person_search`` inside the writing transaction.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Subquery,
    TableClause,
    column,
    func,
    literal,
    select,
    table,
    text,
    union_all,
)

from db.models.search import PersonSearchDocument
from db.translit import search_key

_WORD = re.compile(r"[^\s\-.,;:\"()]+")  # apostrophes stay: O'g'il is one word
# A typed word may stop inside a digraph of the fold: "Z" could be the start of
# "Zh" (folded to "j"), "K" of "Kh" (folded to "h"); so also look for the word + "h".
_DIGRAPH_ENDS = {"z", "k"}
INFIX_LETTERS = 3  # the trigram tokenizer matches nothing shorter
INFIX_DIGITS = 4  # fewer IIN digits would match a good part of the center
# Added to an infix match's score: a match from a word's beginning always comes first.
_INFIX_BEHIND = 1_000_000.0


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: str) -> str | None:
    """The FTS5 MATCH expression for what a caseworker typed, or None if nothing to look for.

    Every word must match (AND); each word is a prefix of a name key, of a
    name as written (scripts the fold drops, like Hanzi) or of the IIN.
    """
    clauses = []
    for word in _WORD.findall(query):
        if word.isdigit():
            clauses.append(f"iin : {_quoted(word)}*")
            continue
        key = search_key(word)
        if not key and not any(char.isalpha() for char in word):
            continue  # stray punctuation or FTS5 syntax: nothing to look for
        options = [f"names : {_quoted(word.casefold())}*"] if not key else []
        if key:
            options.append(f"keys : {_quoted(key)}*")
            if key[-1] in _DIGRAPH_ENDS:
                options.append(f"keys : {_quoted(search_key(word + 'h'))}*")
        clauses.append("(" + " OR ".join(options) + ")")
    return " AND ".join(clauses) or None


def infix_expression(query: str) -> str | None:
    """The trigram index's MATCH expression, or None when a word is too short for it (or in
    a script the fold drops): every word must then match from its beginning."""
    clauses = []
    for word in _WORD.findall(query):
        if word.isdigit():
            if len(word) < INFIX_DIGITS:
                return None
            clauses.append(f"iin : {_quoted(word)}")
            continue
        key = search_key(word)
        if not key and not any(char.isalpha() for char in word):
            continue
        if len(key) < INFIX_LETTERS:
            return None
        options = [f"keys : {_quoted(key)}"]
        if key[-1] in _DIGRAPH_ENDS:
            options.append(f"keys : {_quoted(search_key(word + 'h'))}")
        clauses.append("(" + " OR ".join(options) + ")")
    return " AND ".join(clauses) or None


_FTS = table("person_fts", column("rowid"), column("rank"))
_INFIX = table("person_infix", column("rowid"), column("rank"))
_DOCUMENTS = PersonSearchDocument.__table__


def ranked_matches(query: str, limit: int | None, offset: int = 0) -> Subquery | None:
    """``(person_id, rank)`` of the best matches, lower rank first, to join with other tables.

    Matches from a word's beginning come first, by relevance (bm25). Matches from
    inside a word follow in the order people were registered: ranking them would
    cost bm25 over every row holding those letters (a common ending such as
    "ова" holds a third of the center), and a run of letters inside a name is
    as good a match in one name as in another. Each index gives at most the rows
    asked for, so joining the two stays small however common the letters are.
    """
    prefix, infix = match_expression(query), infix_expression(query)
    if prefix is None and infix is None:
        return None
    wanted = None if limit is None else limit + offset
    parts = []
    if prefix is not None:
        rank = _FTS.c.rank
        parts.append(_matching(_FTS, "person_fts", prefix, rank, rank, wanted))
    if infix is not None:
        # rowid order: the order FTS5 finds them in, so LIMIT stops the search early.
        order = _INFIX.c.rowid
        parts.append(_matching(_INFIX, "person_infix", infix,
                               literal(_INFIX_BEHIND) + order * literal(1e-9), order, wanted))
    both = union_all(*parts).subquery("found")
    return (select(both.c.person_id, func.min(both.c.score).label("rank"))
            .group_by(both.c.person_id)
            .order_by(func.min(both.c.score)).limit(limit).offset(offset)
            .subquery("matches"))


def _matching(index: TableClause, name: str, expression: str, score: ColumnElement[float],
              order: ColumnElement[Any], limit: int | None) -> Select[tuple[uuid.UUID, float]]:
    best = (select(_DOCUMENTS.c.person_id, score.label("score"))
            .select_from(index.join(_DOCUMENTS, _DOCUMENTS.c.doc_id == index.c.rowid))
            .where(text(f"{name} MATCH :{name}").bindparams(**{name: expression}))
            .order_by(order).limit(limit).subquery(name))
    # SQLite takes no ORDER BY or LIMIT inside a compound select: each is a subquery.
    return select(best.c.person_id, best.c.score)


def find_person_ids(connection: Connection, query: str, limit: int,
                    offset: int = 0) -> list[uuid.UUID]:
    matches = ranked_matches(query, limit, offset)
    if matches is None:
        return []
    return list(connection.execute(
        select(matches.c.person_id).order_by(matches.c.rank)).scalars())
