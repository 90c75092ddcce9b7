"""Languages: gettext catalogues and babel formatting, in one place.

``_`` translates into the current UI language; ``translator(lang)`` gives the
same catalogue in another language, so a report can be printed in the
client's language while the UI stays in the caseworker's. Plurals go through
``ngettext`` (Russian has one/few/many), dates and numbers through babel.
"""

from __future__ import annotations

import gettext
import io
import locale
import os
from datetime import date, datetime, time
from functools import cache

from babel import Locale, dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from desktop.paths import TRANSLATIONS

LANGUAGES = ("kk", "ru", "en")
DEFAULT_LANGUAGE = "kk"
DOMAIN = "qadam"

_current = DEFAULT_LANGUAGE


@cache
def translator(language: str) -> gettext.NullTranslations:
    """The catalogue for ``language``; English is the source language."""
    folder = TRANSLATIONS / language / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    if po.exists():
        # No compiled catalogue (or an old one): compile in memory rather than show stale text.
        with po.open("rb") as stream:
            catalog = read_po(stream, locale=language)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


def resolve_language(saved: object = None) -> str:
    """The saved setting, else ``QADAM_LANG``, else the system locale, else Kazakh.

    ``saved`` comes from a file the user may have edited by hand: anything but the text of
    a known language (a number, a list, "xx") is passed over.
    """
    candidates = [saved, os.environ.get("QADAM_LANG")]
    system = locale.getlocale()[0] or os.environ.get("LC_ALL") or os.environ.get("LANG")
    candidates.append(system)
    for candidate in candidates:
        if candidate and isinstance(candidate, str):
            code = candidate.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(language)
    _current = language


def current_language() -> str:
    return _current


class Marked(str):
    """A message marked with the context it is meant in (``NC_``): the text is the English
    message, the context travels with it until it is shown."""

    context: str


def translate(message: str, language: str | None = None) -> str:
    """``message`` in ``language`` (the UI's by default), in its context if it has one."""
    catalogue = translator(language or _current)
    if isinstance(message, Marked):
        return catalogue.pgettext(message.context, message)
    return catalogue.gettext(message)


def _(message: str) -> str:
    return translate(message)


def pgettext(context: str, message: str) -> str:
    """``message`` as meant in ``context``: one English word may be two things in Kazakh
    and Russian (a group's status "Finished" and a "Finished" date column)."""
    return translator(_current).pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark a string with its context for extraction (``-k NC_:1c,2``): one English word
    that means two things ("Closed", a case's status, and "Closed", the day a referral
    ended) is two messages. ``_`` translates it in its context where it is shown."""
    marked = Marked(message)
    marked.context = context
    return marked


def ngettext(singular: str, plural: str, count: int) -> str:
    return translator(_current).ngettext(singular, plural, count)


def babel_locale(language: str | None = None) -> Locale:
    return Locale.parse(language or _current)


# The form people here write a day in, and the date editors show: "06.11.2026" in every
# language (CLDR's medium form reads «2026 ж. 06 қар.», its short one drops the century).
NUMERIC_DATE = "dd.MM.yyyy"
NUMERIC_DATETIME = "dd.MM.yyyy HH:mm"


def format_date(value: date | None, format: str = NUMERIC_DATE,
                language: str | None = None) -> str:
    """A day in the numeric form, or in a CLDR form ("long", "full") where a sentence wants
    the month's name."""
    return "" if value is None else dates.format_date(value, format, locale=babel_locale(language))


def format_date_range(first: date, last: date, language: str | None = None) -> str:
    """A span of days as tables and headers write it: "09.11.2026 – 19.12.2026"."""
    return f"{format_date(first, language=language)} – {format_date(last, language=language)}"


def format_datetime(value: datetime | None, format: str = NUMERIC_DATETIME,
                    language: str | None = None) -> str:
    if value is None:
        return ""
    return dates.format_datetime(value, format, locale=babel_locale(language))


def format_month(first_day: date, language: str | None = None) -> str:
    """A month as a title: «2026 жылғы қараша», «ноябрь 2026 г.», "November 2026"."""
    language = language or _current
    if language == "kk":  # CLDR's «2026 ж. қараша» is an abbreviation, not a title
        month = dates.get_month_names("wide", "stand-alone", locale="kk")[first_day.month].lower()
        return f"{first_day.year} жылғы {month}"
    return dates.format_skeleton("yMMMM", first_day, locale=language)


def format_time(value: time | None, language: str | None = None) -> str:
    """A time of day as the locale writes it short ("18:30")."""
    if value is None:
        return ""
    return dates.format_time(value, "short", locale=babel_locale(language))


def weekday_names(width: str = "abbreviated", language: str | None = None) -> list[str]:
    """The days of the week from Monday (ISO 1) to Sunday, as the locale names them."""
    names = dates.get_day_names(width, locale=babel_locale(language))
    return [names[day] for day in range(7)]


def format_number(value: float, language: str | None = None) -> str:
    return numbers.format_decimal(value, locale=babel_locale(language))


def format_percent(share: float, language: str | None = None) -> str:
    """A share (0.5) as the locale writes a percentage: "50 %" in kk and ru, "50%" in en."""
    return numbers.format_percent(share, locale=babel_locale(language))


def format_money(amount: float, language: str | None = None) -> str:
    language = language or _current
    if language == "en":  # CLDR has no en_KZ: English digits with the tenge sign
        return f"{numbers.format_decimal(amount, locale='en')} ₸"
    # The _KZ locales print ₸; plain "ru" would print "KZT".
    return numbers.format_currency(amount, "KZT", locale=f"{language}_KZ")


def country_name(code: str | None, language: str | None = None) -> str:
    """A country's name from CLDR, never from a hand-written table."""
    if not code:
        return ""
    return babel_locale(language).territories.get(code.upper(), code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """``(code, name)`` of every country, in the alphabetical order of ``language``."""
    from db.collation import sort_key  # Kazakh letters in their place, not after Я

    named = [(code, country_name(code, language)) for code in country_codes()]
    return sorted(named, key=lambda item: sort_key(item[1]))


def country_codes() -> list[str]:
    """Every ISO 3166 alpha-2 country CLDR names (no regions like '001')."""
    return sorted(code for code in Locale("en").territories if len(code) == 2 and code.isalpha()
                  and code not in {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
