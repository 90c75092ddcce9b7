"""The span of days a report covers: a month, a quarter, a year or any dates.

A period that is not over when the report is made is cut at that moment (``at``): only
what happened up to it counts, so a follow-up due later in the month is not overdue yet.
Each period knows the periods it is compared with: the one before it, of the same kind
and length (``previous``), and the same one a year before (``year_before``); a cut period
is compared with the same stretch of them, from their start to as far in as it got.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

MONTH, QUARTER, YEAR, CUSTOM = "month", "quarter", "year", "custom"
KINDS = (MONTH, QUARTER, YEAR, CUSTOM)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _a_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Period:
    first: date
    end: date  # its last day, as asked
    kind: str = CUSTOM
    cut: datetime | None = None  # the moment it was cut at, while it was not over

    # ---- the periods a report asks for -------------------------------------------------

    @classmethod
    def month(cls, day: date) -> Period:
        first = day.replace(day=1)
        return cls(first, first.replace(day=monthrange(first.year, first.month)[1]), MONTH)

    of = month  # the name before reports covered any period

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        if not 1 <= number <= 4:
            raise ValueError(f"quarter {number}")
        first = date(year, 3 * number - 2, 1)
        last_month = date(year, 3 * number, 1)
        return cls(first, last_month.replace(day=monthrange(year, 3 * number)[1]), QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), YEAR)

    @classmethod
    def between(cls, first: date, end: date) -> Period:
        """Any dates, both counted; a span that is a whole month, quarter or year is one."""
        if end < first:
            raise ValueError(f"{first} > {end}")
        for whole in (cls.month(first), cls.quarter(first.year, (first.month - 1) // 3 + 1),
                      cls.year(first.year)):
            if (whole.first, whole.end) == (first, end):
                return whole
        return cls(first, end, CUSTOM)

    # ---- what the queries use ----------------------------------------------------------

    @property
    def last(self) -> date:
        """The last day counted: the period's own, or the day it was cut on."""
        return self.cut.date() if self.cut is not None else self.end

    @property
    def start(self) -> datetime:
        return _midnight(self.first)

    @property
    def after(self) -> datetime:
        """The first moment not counted (times are compared as [start, after))."""
        return self.cut if self.cut is not None else _midnight(self.end + timedelta(days=1))

    @property
    def complete(self) -> bool:
        return self.cut is None

    @property
    def days(self) -> int:
        return (self.end - self.first).days + 1

    @property
    def number(self) -> int:
        """The quarter's number, 1 to 4 (of a period of another kind, its first day's)."""
        return (self.first.month - 1) // 3 + 1

    @property
    def code(self) -> str:
        """For file names: 2026-10, 2026-Q3, 2026, 2026-09-01_2026-10-15."""
        if self.kind == MONTH:
            return f"{self.first:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.first.year}-Q{self.number}"
        if self.kind == YEAR:
            return str(self.first.year)
        return f"{self.first.isoformat()}_{self.end.isoformat()}"

    # ---- the moment of generation ------------------------------------------------------

    def is_future(self, now: datetime) -> bool:
        """Wholly to come: nothing of it has happened yet."""
        return now.date() < self.first

    def at(self, now: datetime) -> Period:
        """The period as far as it has gone at ``now``: itself when it is over."""
        whole = replace(self, cut=None)
        if now >= whole.after:
            return whole
        return replace(self, cut=max(now, self.start))

    # ---- the periods compared with it --------------------------------------------------

    def previous(self) -> Period:
        """The period before, of the same kind (a custom one: as many days)."""
        before = self.first - timedelta(days=1)
        if self.kind == MONTH:
            other = Period.month(before)
        elif self.kind == QUARTER:
            other = Period.quarter(before.year, (before.month - 1) // 3 + 1)
        elif self.kind == YEAR:
            other = Period.year(before.year)
        else:
            other = Period(self.first - timedelta(days=self.days), before, CUSTOM)
        return other._as_far_as(self)

    def year_before(self) -> Period:
        """The same period a year before."""
        if self.kind == MONTH:
            other = Period.month(_a_year_before(self.first))
        elif self.kind == QUARTER:
            other = Period.quarter(self.first.year - 1, self.number)
        elif self.kind == YEAR:
            other = Period.year(self.first.year - 1)
        else:
            other = Period(_a_year_before(self.first), _a_year_before(self.end), CUSTOM)
        return other._as_far_as(self)

    def _as_far_as(self, other: Period) -> Period:
        """Cut as far into itself as ``other`` got into its own (whole when it is whole)."""
        if other.cut is None:
            return self
        return self.at(self.start + (other.cut - other.start))
