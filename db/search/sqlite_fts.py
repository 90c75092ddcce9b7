"""Client search on SQLite: an FTS5 index over ``person_search``.

``unicode61 remove_diacritics 2`` folds case for Cyrillic (LIKE does not), but
cannot equate scripts or Kazakh and Russian letters; the ``keys`` column holds
our own fold (``db.translit.search_key``) for that. Triggers keep the index in
step with ``person_search`` inside the writing transaction; the index and its
triggers are created by migration 0001.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import Connection, Subquery, column, select, table, text

from db.models.search import PersonSearchDocument
from db.translit import search_key

_WORD = re.compile(r"[^\s\-.,;:\"()]+")  # apostrophes stay: O'g'il is one word
# A typed word may stop inside a digraph of the fold: "Z" could be the start of
# "Zh" (folded to "j"), "K" of "Kh" (folded to "h"); so also look for the word + "h".
_DIGRAPH_ENDS = {"z", "k"}



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


_FTS = table("person_fts", column("rowid"), column("rank"))
_DOCUMENTS = PersonSearchDocument.__table__


def ranked_matches(query: str, limit: int | None, offset: int = 0) -> Subquery | None:
    """``(person_id, rank)`` of the best matches, lower rank first, to join with other tables."""
    expression = match_expression(query)
    if expression is None:
        return None
    return (select(_DOCUMENTS.c.person_id, _FTS.c.rank.label("rank"))
            .select_from(_FTS.join(_DOCUMENTS, _DOCUMENTS.c.doc_id == _FTS.c.rowid))
            .where(text("person_fts MATCH :match").bindparams(match=expression))
            .order_by(_FTS.c.rank).limit(limit).offset(offset)
            .subquery("matches"))


def find_person_ids(connection: Connection, query: str, limit: int,
                    offset: int = 0) -> list[uuid.UUID]:
    matches = ranked_matches(query, limit, offset)
    if matches is None:
        return []
    return list(connection.execute(
        select(matches.c.person_id).order_by(matches.c.rank)).scalars())
