"""Phone numbers stored in one form (E.164) and shown as people in Kazakhstan write them.

``phonenumbers`` (Google's libphonenumber metadata) knows each country's number
plans, so "8 701 234 56 78", "+7 (701) 234-56-78" and "7012345678" are one number,
and a number abroad ("+86 138 0013 8000") is checked against China's plan, not ours.
A number without a country code is read as Kazakh. An extension is kept after the
E.164 number the way RFC 3966 writes it (";ext=5"), so nothing typed is lost.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

HOME_REGION = "KZ"
_EXTENSION = ";ext="


def _parsed(text: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, HOME_REGION)
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def stored_phone(text: str) -> str | None:
    """The number in E.164 (``+77012345678``, with ``;ext=N`` if one was given); "" for an
    empty field; None when ``text`` is not a valid number of any country."""
    text = text.strip()
    if not text:
        return ""
    number = _parsed(text)
    if number is None:
        return None
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return f"{e164}{_EXTENSION}{number.extension}" if number.extension else e164


def is_phone(text: str) -> bool:
    return stored_phone(text) is not None


def shown_phone(stored: str) -> str:
    """``+7 701 234 56 78`` for a Kazakh number (the grouping people here use, for mobiles
    and city numbers alike), the country's international form for others; text that is
    not a number (typed before numbers were checked) is shown as it is."""
    if not stored:
        return ""
    number = _parsed(stored.replace(_EXTENSION, " ext. "))
    if number is None:
        return stored
    if number.country_code == 7 and len(str(number.national_number)) == 10:
        digits = str(number.national_number)
        shown = f"+7 {digits[:3]} {digits[3:6]} {digits[6:8]} {digits[8:]}"
    else:
        shown = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
        shown = shown.split(" ext. ")[0]
    return f"{shown} ({number.extension})" if number.extension else shown
