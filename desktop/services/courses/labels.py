"""How a group's timetable and its participants' marks read, in the UI language."""

from __future__ import annotations

from datetime import time

from desktop.domain.course_schedule import parse_weekdays
from desktop.i18n import format_percent, format_time, weekday_names
from desktop.services.access import pure


@pure
def schedule_text(weekdays: str, starts_at: time | None, ends_at: time | None,
                  language: str | None = None) -> str:
    """"Mon, Wed, Fri 18:30–20:00" in the locale's day names and time format."""
    names = weekday_names("abbreviated", language)
    days = ", ".join(names[day - 1] for day in parse_weekdays(weekdays))
    if starts_at is None or ends_at is None:
        return days
    return f"{days} {format_time(starts_at, language)}–{format_time(ends_at, language)}"


@pure
def rate_text(rate: float | None, language: str | None = None) -> str:
    """An attendance rate as a percentage; a dash while nothing counts yet."""
    return "—" if rate is None else format_percent(rate, language)
