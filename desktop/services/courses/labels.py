"""How a group's timetable and its participants' marks read, in the UI language."""

from __future__ import annotations

from datetime import time

from babel import dates as babel_dates

from desktop.domain.course_schedule import parse_weekdays
from desktop.i18n import babel_locale, format_percent, weekday_names
from desktop.services.access import pure


@pure
def days_text(weekdays: str, language: str | None = None) -> str:
    """"Mon, Wed, Fri" for "135", in the locale's day names."""
    names = weekday_names("abbreviated", language)
    return ", ".join(names[day - 1] for day in parse_weekdays(weekdays))


@pure
def hours_text(starts_at: time | None, ends_at: time | None,
               language: str | None = None) -> str:
    """"18:30–20:00" as the locale writes a span of hours; empty when not set."""
    if starts_at is None or ends_at is None:
        return ""
    return babel_dates.format_interval(starts_at, ends_at, "Hm", locale=babel_locale(language))


@pure
def schedule_text(weekdays: str, starts_at: time | None, ends_at: time | None,
                  language: str | None = None) -> str:
    """"Mon, Wed, Fri 18:30–20:00"."""
    return " ".join(p for p in (days_text(weekdays, language),
                                hours_text(starts_at, ends_at, language)) if p)


@pure
def rate_text(rate: float | None, language: str | None = None) -> str:
    """An attendance rate as a percentage; a dash while nothing counts yet."""
    return "—" if rate is None else format_percent(rate, language)
