"""Driver errors turned into the problems callers understand, one translator per dialect.

Each translator lives with its engine (``db.sqlite.errors``, ``db.postgres.errors``),
registered under its dialect name, the way search backends are.
A translator returns None for an error that is a bug rather than a condition
the user can act on; the error then travels on unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.exc import DBAPIError

from db.errors import DatabaseProblem, Problem, UniqueViolation
from db.postgres import errors as postgres_errors
from db.sqlite import errors as sqlite_errors

Translator = Callable[[DBAPIError, str], Exception | None]

TRANSLATORS: dict[str, Translator] = {"sqlite": sqlite_errors.translate,
                                      "postgresql": postgres_errors.translate}


def register(dialect: str, translator: Translator) -> None:
    TRANSLATORS[dialect] = translator


def translate(error: DBAPIError, dialect: str, location: str) -> Exception:
    """The user-level problem behind ``error`` (``location`` names the database in it)."""
    translator = TRANSLATORS.get(dialect)
    translated = translator(error, location) if translator is not None else None
    if translated is None and error.connection_invalidated:
        translated = DatabaseProblem(Problem.UNREACHABLE, location)
    return translated or error


__all__ = ["TRANSLATORS", "Translator", "UniqueViolation", "register", "translate"]
