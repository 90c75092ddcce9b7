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
person's; the rarest typed (the one whose range holds the fewest rows, counted first)
is the range read, the others are looked up in the primary key (``person_id, word``) for
each candidate. For one office, each candidate is also
looked up in ``person``: a caseworker's first fifty cost a few rows more for each fifty.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    exists,
    func,
    or_,
    select,
    union_all,
)

from db.models.search import SearchWord
from db.search.question import prefixes
from db.translit import has_key, name_words

WORD_CHARS = 100  # a longer word is kept (and looked for) as its first hundred characters
# Rows read for each match wanted: a person holding several words that begin with what was
# typed ("nur": Nurlan Nurpeisov) fills several rows of the range, and counts once. A
# page comes back short only if more than half the rows read are such second words.
SPREAD = 2
# How far a typed word's range is counted to choose which one to read: past a few
# thousand, reading it costs the same as any larger one until the page is full.
COUNTED_UP_TO = 5000

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


def _rarest(connection: Connection, typed: list[list[str]]) -> tuple[int, list[int]]:
    """Which typed word begins the fewest words, and how many each begins (counted up to
    COUNTED_UP_TO): the rarest's range is read, the others checked for each person in
    it. The longest typed is not always the rarest: "Asylbek Tas" has a common first name
    and a surname's beginning that may be rarer."""
    if len(typed) == 1:
        return 0, [0]
    counts = []
    for options in typed:
        for option in options:
            shown = (select(_WORDS.c.person_id).where(_beginning(_WORDS.c.word, option))
                     .limit(COUNTED_UP_TO).subquery())
            counts.append(select(func.count()).select_from(shown).scalar_subquery())
    found = iter(connection.execute(select(*counts)).one())
    sizes = [sum(next(found) for _option in options) for options in typed]
    # The fewest; of as few, the longest typed (the first of those).
    return min(range(len(typed)), key=lambda at: (sizes[at], -max(map(len, typed[at])))), sizes


def after(prefix: str) -> str:
    """The first string after every string ``prefix`` begins (in code point order, which
    is UTF-8's byte order: SQLite's and PostgreSQL's "C")."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _beginning(column: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    return and_(column >= prefix, column < after(prefix))


# Narrows a query to the people of one office, by the column holding their id: the
# backend's ``in_office``, as its planner is best served.
Narrowing = Callable[[Select[Any], ColumnElement[uuid.UUID]], Select[Any]]


@dataclass(frozen=True)
class Prefixes:
    """The matches from a word's beginning: ``statement`` gives ``(person_id, word)``.

    ``joined``: the other typed words' ranges are small, so they are best read whole and
    joined to the rarest's by person (a hash join: 1 ms for "Яковлев Юрий", 5 for
    "Серікбаев Тоқтар"). The caller keeps the planner to that (``ranges_joined`` of the
    engine's backend): PostgreSQL misjudges how many rows a short range of the word index
    holds (one, for 1,337 "iakovlev"s) and chose to read the other word's whole range
    again for each of them (200 ms). Past a few thousand rows the planner's estimates
    hold, and it chooses between the join and looking each candidate's words up."""

    statement: Select[tuple[uuid.UUID, str]]
    joined: bool


def prefix_matches(connection: Connection, query: str, wanted: int | None,
                   narrowed: Narrowing | None = None) -> Prefixes | None:
    """``(person_id, word)`` of the people every typed word begins a word of, each with
    the first word of theirs the range holds; about ``wanted`` of them, in order, or all
    (None); of one office through ``narrowed``. None when nothing was typed to look
    for."""
    typed = prefixes(query, WORD_CHARS)
    if not typed:
        return None
    rarest, sizes = _rarest(connection, typed)
    driving = typed[rarest]
    others = [options for options in typed if options is not driving]
    # Not for one office: kept off nested loops, the planner would join every person.
    joined = bool(others) and narrowed is None and all(
        size < COUNTED_UP_TO for at, size in enumerate(sizes) if at != rarest)
    parts = []
    for option in driving:
        word = _WORDS.alias("w")
        found = select(word.c.person_id, word.c.word).where(_beginning(word.c.word, option))
        # Each candidate's words looked up in the primary key, or both ranges read and
        # joined: the planner's choice, or the join when ``joined``.
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
    return Prefixes(select(rows.c.person_id, func.min(rows.c.word).label("word")).group_by(
        rows.c.person_id), joined)
