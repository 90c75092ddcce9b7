"""Client search: portable documents and words, plus one infix index per database backend.

Callers use ``ranked_matches`` or ``find_person_ids``. Matches from a word's beginning
come from ``search_word`` on either engine (``words``); matches from inside a word from
the backend's trigram index (``sqlite_fts``: FTS5; ``postgres_trgm``: pg_trgm), which
also keeps its engine's planner to the plan ``words`` asks for (``ranges_joined``). The
same data gives the same people in the same order on both.
"""

from __future__ import annotations

import functools
import uuid
from contextlib import nullcontext
from types import ModuleType

from sqlalchemy import (
    BigInteger,
    Connection,
    Select,
    Subquery,
    TextClause,
    Uuid,
    bindparam,
    column,
    func,
    literal,
    select,
    text,
    union_all,
)

from db.errors import DatabaseProblem, Problem
from db.search import postgres_trgm, sqlite_fts, words

BACKENDS: dict[str, ModuleType] = {"sqlite": sqlite_fts, "postgresql": postgres_trgm}
# Added to an infix match's score: after every match from a word's beginning.
_INFIX_BEHIND = 10**12


def backend(connection: Connection) -> ModuleType:
    name = connection.dialect.name
    if name not in BACKENDS:
        raise DatabaseProblem(Problem.UNSUPPORTED, name)
    return BACKENDS[name]


def ranked_matches(connection: Connection, text: str, limit: int | None, offset: int = 0,
                   office_id: uuid.UUID | None = None) -> Subquery | None:
    """A subquery of ``(person_id, rank)`` for the best matches (lower rank is better), of
    one office if ``office_id`` is given; every match when ``limit`` is None.

    Matches from a word's beginning first, in ``words``' order (by the word matched), then
    those from inside a word, in registration order. Each index gives at most the rows
    asked for, so joining the two stays small however common the letters are.
    """
    if limit is None:
        return _every_match(connection, text, office_id)
    wanted = limit + offset
    if connection.dialect.name == "postgresql":
        # For this transaction: workers take tens of milliseconds to start, for a search
        # that reads a few hundred index rows; the planner, counting rows a LIMIT never
        # reads, would start them.
        connection.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
    prefix = words.prefix_matches(connection, text, wanted, _narrowing(connection, office_id))
    # The matches from a word's beginning are read first, and ordered here (Python orders
    # text by code point, as both engines' indexes do): when they fill the page, the
    # trigram index, whose matches could only come after them, is not asked at all.
    found: list[tuple[str, uuid.UUID]] = []
    if prefix is not None:
        with (backend(connection).ranges_joined(connection) if prefix.joined
              else nullcontext()):
            found = sorted((word, person) for person, word in
                           connection.execute(prefix.statement))[:wanted]
    infix = (backend(connection).infix_matches(text, office_id, wanted)
             if len(found) < wanted else None)
    if prefix is None and infix is None:
        return None
    parts: list[Select[tuple[uuid.UUID, int]]] = []
    if found:
        rows = _rows([person for _word, person in found]).subquery("from_beginning")
        parts.append(select(rows.c.person_id, rows.c.score))
    if infix is not None:
        parts.append(_behind(infix))
    if not parts:
        return _nothing()
    return _ranked(parts, limit, offset)


def _narrowing(connection: Connection, office_id: uuid.UUID | None) -> words.Narrowing | None:
    if office_id is None:
        return None
    return functools.partial(backend(connection).in_office, office_id=office_id)


def _rows(people: list[uuid.UUID]) -> TextClause:
    """``(person_id, score)`` of people already ranked, score their place: a VALUES list,
    whose columns both engines name column1, column2 (SQLite names no others)."""
    listed = ", ".join(f"(:person{n}, {n})" for n in range(len(people)))
    return (text(f"SELECT column1 AS person_id, column2 AS score FROM (VALUES {listed}) AS v")
            .bindparams(*(bindparam(f"person{n}", person, type_=Uuid())
                          for n, person in enumerate(people)))
            .columns(column("person_id", Uuid()), column("score", BigInteger())))


def _behind(infix: Select[tuple[uuid.UUID, int]]) -> Select[tuple[uuid.UUID, int]]:
    """``(person_id, score)`` of the infix matches: in registration order, after every
    match from a word's beginning."""
    inside = infix.subquery("from_inside")
    return select(inside.c.person_id,
                  (literal(_INFIX_BEHIND, BigInteger) + inside.c.doc_id).label("score"))


def _ranked(parts: list[Select[tuple[uuid.UUID, int]]], limit: int | None,
            offset: int) -> Subquery:
    both = (parts[0] if len(parts) == 1 else union_all(*parts)).subquery("found")
    # Found both ways, a person ranks by the better (lower) score.
    best = (select(both.c.person_id, func.min(both.c.score).label("score"))
            .group_by(both.c.person_id).subquery("best"))
    order = (best.c.score, best.c.person_id)
    return (select(best.c.person_id, func.row_number().over(order_by=order).label("rank"))
            .order_by(*order).limit(limit).offset(offset).subquery("matches"))


def _nothing() -> Subquery:
    return (select(literal(None, Uuid()).label("person_id"), literal(0).label("rank"))
            .where(literal(False)).subquery("matches"))


def _every_match(connection: Connection, text: str,
                 office_id: uuid.UUID | None) -> Subquery | None:
    """Every match, ranked in SQL (to count them, or to filter them by more than the
    office before they are cut): prefix matches by their word's place in ``search_word``
    order, then infix matches."""
    prefix = words.prefix_matches(connection, text, None, _narrowing(connection, office_id))
    infix = backend(connection).infix_matches(text, office_id, None)
    if prefix is None and infix is None:
        return None
    parts: list[Select[tuple[uuid.UUID, int]]] = []
    if prefix is not None:
        found = prefix.statement.subquery("from_beginning")
        # Its place among the words matched: the same order the limited search gives.
        parts.append(select(found.c.person_id, func.dense_rank().over(
            order_by=(found.c.word, found.c.person_id)).cast(BigInteger).label("score")))
    if infix is not None:
        parts.append(_behind(infix))
    return _ranked(parts, None, 0)


def find_person_ids(connection: Connection, text: str, limit: int, offset: int = 0,
                    office_id: uuid.UUID | None = None) -> list[uuid.UUID]:
    """Person ids matching ``text`` in any name form, script or case, best first."""
    matches = ranked_matches(connection, text, limit, offset, office_id)
    if matches is None:
        return []
    return list(connection.execute(
        select(matches.c.person_id).order_by(matches.c.rank)).scalars())
