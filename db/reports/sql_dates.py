"""Date arithmetic in SQL, which every database spells its own way."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Numeric, cast, func
from sqlalchemy.engine import Dialect


def days_between(dialect: Dialect, start: ColumnElement[date],
                 end: ColumnElement[date]) -> ColumnElement[float]:
    if dialect.name == "sqlite":
        return func.julianday(end) - func.julianday(start)
    return cast(end - start, Numeric)  # PostgreSQL: date - date is a number of days
