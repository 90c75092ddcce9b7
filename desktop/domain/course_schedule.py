"""A course group's timetable: the days it meets, and the public holidays it skips.

Kazakhstan's public holidays, with the days off moved when one falls on a weekend,
come from the ``holidays`` package (maintained, with Kazakhstan's own calendar and
its Islamic holidays estimated ahead), rather than from a list kept by hand here
that would need a release every year.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays

WEEKDAYS = "1234567"  # ISO: Monday is 1


def parse_weekdays(text: str) -> tuple[int, ...]:
    """The ISO weekdays in a stored schedule ("135"), in order, each once."""
    return tuple(sorted({int(c) for c in text if c in WEEKDAYS}))


def weekdays_text(days: Iterable[int]) -> str:
    return "".join(str(d) for d in sorted(set(days)) if 1 <= d <= 7)


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", years=year)


def public_holiday(day: date) -> str | None:
    """The holiday's English name if ``day`` is a public holiday (or a day off in its
    place) in Kazakhstan, else None."""
    return _holidays(day.year).get(day)


def session_days(starts_on: date, ends_on: date, weekdays: Iterable[int]) -> list[date]:
    """Every day from ``starts_on`` to ``ends_on`` on one of ``weekdays``, public
    holidays left out."""
    wanted = set(weekdays)
    days = []
    day = starts_on
    while day <= ends_on:
        if day.isoweekday() in wanted and public_holiday(day) is None:
            days.append(day)
        day += timedelta(days=1)
    return days
