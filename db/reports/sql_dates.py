"""Date arithmetic in SQL, which every database spells its own way."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Integer, Numeric, cast, func, literal
from sqlalchemy.engine import Dialect


def days_between(dialect: Dialect, start: ColumnElement[date],
                 end: ColumnElement[date]) -> ColumnElement[float]:
    if dialect.name == "sqlite":
        return func.julianday(end) - func.julianday(start)
    return cast(end - start, Numeric)  # PostgreSQL: date - date is a number of days


def age_on(dialect: Dialect, birth: ColumnElement[date], day: date) -> ColumnElement[int]:
    """Whole years from ``birth`` to ``day``."""
    if dialect.name == "sqlite":
        years = cast(func.strftime("%Y", literal(day.isoformat())), Integer) - cast(
            func.strftime("%Y", birth), Integer)
        before_birthday = func.strftime("%m-%d", birth) > day.strftime("%m-%d")
        return years - cast(before_birthday, Integer)
    return cast(func.date_part("year", func.age(literal(day), birth)), Integer)
