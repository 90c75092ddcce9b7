"""Field rules shared by the new-client form and the client file's profile."""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import cache

from desktop.i18n import country_codes

EARLIEST_DATE = date(1900, 1, 1)  # no client was born, nor arrived, before this
_NAME_MARKS = frozenset(" -'’.")


def is_name(text: str, script: str | None = None) -> bool:
    """Letters and the marks names carry (hyphen, apostrophe...); ``script`` ("LATIN",
    "CYRILLIC") narrows the letters to one script."""
    return all(char in _NAME_MARKS or (char.isalpha() and (
        script is None or unicodedata.name(char, "").startswith(script))) for char in text)


@cache
def known_countries() -> frozenset[str]:
    return frozenset(country_codes())
