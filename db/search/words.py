"""Matches from a word's beginning, the same SQL on SQLite and PostgreSQL: ``search_word``.

Every word a person can be found by is a row of its own (``words_of``): each folded key
of their names (``nurpeisova``, ``alia``), each word written in a script the fold drops
behind ``#`` (``#王伟``), the IIN behind ``=``. A typed word is a prefix, and a prefix is a
range of the index on ``(word, person_id)``: from the prefix up to the next string after
every string it begins. Read in order, the first fifty matches cost fifty rows, whether
the prefix is "Нурпеисова" or "Ну" and a tenth of a million people share it: full-text
indexes (FTS5, GIN) find every row holding the prefix and rank them all first, which at
a central office's million people took hundreds of milliseconds for two letters.

The order is the index's, so it is cheap and the same on both engines: by the word
matched (a whole word typed comes first, then the longer words it begins, by their keys
in the alphabet), then by person id (arbitrary but fixed). A person matched by several
words counts by the first. With several words typed, every one must begin a word of the
person's; the longest typed is the range read, the others are looked up in the primary
key (``person_id, word``) for each candidate. For one office, each candidate is also
looked up in ``person``: a caseworker's first fifty cost a few rows more for each fifty.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, union_all

from db.models.search import SearchWord
from db.search.question import prefixes
from db.translit import has_key, name_words

WORD_CHARS = 100  # a longer word is kept (and looked for) as its first hundred characters
# Rows read for each match wanted: a person holding several words that begin with what was
# typed ("nur": Nurlan Nurpeisov) fills several rows of the range, and counts once. A
# page comes back short only if more than half the rows read are such second words.
SPREAD = 2

_WORDS = SearchWord.__table__


def words_of(names: str, keys: str, iin: str) -> list[str]:
    """The ``search_word`` rows of a ``person_search`` row: its keys, the words of its
    names the fold drops (behind ``#``), the IIN (behind ``=``); each once."""
    found = [key[:WORD_CHARS] for key in keys.split()]
    found += ["#" + word.casefold()[:WORD_CHARS - 1] for word in name_words(names)
              if not has_key(word)]
    if iin:
        found.append("=" + iin[:WORD_CHARS - 1])
    return list(dict.fromkeys(found))


def after(prefix: str) -> str:
    """The first string after every string ``prefix`` begins (in code point order, which
    is UTF-8's byte order: SQLite's and PostgreSQL's "C")."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _beginning(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    return and_(column >= prefix, column < after(prefix))


# Narrows a query to the people of one office, by the column holding their id: the
# backend's ``in_office``, as its planner is best served.
Narrowing = Callable[[Select[Any], ColumnElement[uuid.UUID]], Select[Any]]


def prefix_matches(query: str, wanted: int | None,
                   narrowed: Narrowing | None = None) -> Select[tuple[uuid.UUID, str]] | None:
    """``(person_id, word)`` of the people every typed word begins a word of, each with
    the first word of theirs the range holds; about ``wanted`` of them, in order, or all
    (None); of one office through ``narrowed``. None when nothing was typed to look
    for."""
    typed = prefixes(query, WORD_CHARS)
    if not typed:
        return None
    driving = max(typed, key=lambda options: max(map(len, options)))
    others = [options for options in typed if options is not driving]
    parts = []
    for option in driving:
        word = _WORDS.alias("w")
        found = select(word.c.person_id, word.c.word).where(_beginning(word.c.word, option))
        # Each candidate looked up in the primary key, or (PostgreSQL, when both words are
        # common) both ranges read and joined by hash: the planner's choice, from the
        # statistics migration 0019 keeps of the words.
        for options in others:
            other = _WORDS.alias()
            found = found.where(exists().where(
                other.c.person_id == word.c.person_id,
                or_(*(_beginning(other.c.word, each) for each in options))))
        if narrowed is not None:
            found = narrowed(found, word.c.person_id)
        found = found.order_by(word.c.word, word.c.person_id)
        if wanted is not None:
            found = found.limit(wanted * SPREAD)
        # SQLite takes no ORDER BY or LIMIT inside a compound select: each is a subquery.
        part = found.subquery()
        parts.append(select(part.c.person_id, part.c.word))
    rows = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery("prefix_rows")
    return select(rows.c.person_id, func.min(rows.c.word).label("word")).group_by(
        rows.c.person_id)
