"""Client search: portable documents plus one index module per database backend.

Callers use ``find_person_ids``; which index answers depends on the dialect:
``sqlite_fts`` (FTS5) or ``postgres_trgm`` (tsvector and pg_trgm), with the same results.
"""

from __future__ import annotations

import uuid
from types import ModuleType

from sqlalchemy import Connection, Subquery

from db.errors import DatabaseProblem, Problem
from db.search import postgres_trgm, sqlite_fts

BACKENDS: dict[str, ModuleType] = {"sqlite": sqlite_fts, "postgresql": postgres_trgm}


def backend(connection: Connection) -> ModuleType:
    name = connection.dialect.name
    if name not in BACKENDS:
        raise DatabaseProblem(Problem.UNSUPPORTED, name)
    return BACKENDS[name]


def ranked_matches(connection: Connection, text: str, limit: int | None,
                   offset: int = 0) -> Subquery | None:
    """A subquery of ``(person_id, rank)`` for the best matches (lower rank is better);
    every match when ``limit`` is None."""
    return backend(connection).ranked_matches(text, limit, offset)


def find_person_ids(connection: Connection, text: str, limit: int,
                    offset: int = 0) -> list[uuid.UUID]:
    """Person ids matching ``text`` in any name form, script or case, best first."""
    return backend(connection).find_person_ids(connection, text, limit, offset)
