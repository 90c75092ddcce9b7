"""A cell of a clients file read as the value Qadam stores, or the reason it cannot be.

Choices (sex, category, region, countries, the language for documents, the consent
form, the office) are accepted as their code or as their label in any of kk, ru and en,
compared loosely (case, spaces, ё). Dates come as real date cells or typed as text in
the forms people use: 25.11.2026, 2026-11-25, 25/11/2026.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from babel import Locale
from sqlalchemy import Connection, select

from db.base import ReferenceItem
from db.models import Office
from db.models.reference import ConsentForm, MigrantCategory, Region
from desktop.domain.iin import normalise_iin
from desktop.i18n import LANGUAGES, country_codes, translate
from desktop.reports.csv_cells import csv_unescaped
from desktop.services.access import pure
from desktop.services.client_file.labels import DOCUMENT_LANGUAGES, SEXES
from desktop.services.transfer.columns import header_key

EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of a spreadsheet's date serials (1900 system)
DATE_FORMS = (
    re.compile(r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})"),
)
# Other ways files write sex than the three languages' labels.
SEX_WORDS = {"M": ("m", "м", "ер", "муж", "мужчина", "ер адам", "man"),
             "F": ("f", "ж", "ә", "жен", "женщина", "әйел адам", "woman")}
LANGUAGE_WORDS = {"kk": ("қазақша", "казахский", "каз", "қаз", "kaz", "kazakh language"),
                  "ru": ("орысша", "русский", "рус", "rus", "russian language"),
                  "en": ("ағылшынша", "английский", "англ", "eng", "english language")}

# What region names carry besides the name, dropped when a file leaves them out.
REGION_WORDS = frozenset({"облысы", "область", "обл", "қаласы", "город", "г", "region",
                          "city", "oblast", "of"})


class ValueProblem(enum.Enum):
    NOT_A_DATE = "not_a_date"
    NO_SUCH_DAY = "no_such_day"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Problem:
    kind: ValueProblem


@pure
def text_of(cell: object) -> str:
    """The cell as text, a CSV export's protective apostrophe taken off again."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    return csv_unescaped(str(cell).strip())


@pure
def iin_of(cell: object) -> str:
    """The IIN as typed, spaces and dashes aside. A number cell lost the IIN's leading zero
    (a spreadsheet stores 12 digits as a number): it is put back, and the check digit
    still decides whether the result is an IIN."""
    if isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        digits = str(int(cell))
        return digits.zfill(12) if len(digits) == 11 else digits
    return normalise_iin(text_of(cell))


@pure
def date_of(cell: object) -> date | Problem | None:
    if cell is None:
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        # A date cell the file did not format as one: the spreadsheet's day serial.
        if 1 <= cell <= 2_958_465:
            return EXCEL_EPOCH + timedelta(days=int(cell))
        return Problem(ValueProblem.NOT_A_DATE)
    text = text_of(cell)
    if not text:
        return None
    text = text.split(" ")[0].split("T")[0]  # "25.11.2026 0:00" as some programs save it
    for form in DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return Problem(ValueProblem.NO_SUCH_DAY)
    return Problem(ValueProblem.NOT_A_DATE)


class Choices:
    """Every way a file may write each choice, read once per import."""

    def __init__(self, connection: Connection) -> None:
        self.lists: dict[str, dict[str, str]] = {
            "sex": self._labelled(SEXES, SEX_WORDS),
            "preferred_language": self._labelled(DOCUMENT_LANGUAGES, LANGUAGE_WORDS),
            "category": _reference(connection, MigrantCategory),
            "region": _with_short_forms(_reference(connection, Region), REGION_WORDS),
            "consent_form": _reference(connection, ConsentForm),
            "office": {header_key(code): str(office_id) for office_id, code in
                       connection.execute(select(Office.id, Office.code))},
        }
        countries = _countries()
        self.lists["citizenship"] = countries
        self.lists["country_of_origin"] = countries

    @staticmethod
    def _labelled(labels: Mapping[str, str],
                  words: Mapping[str, Iterable[str]]) -> dict[str, str]:
        known = {header_key(code): code for code in labels}
        for code, label in labels.items():
            for language in LANGUAGES:
                known.setdefault(header_key(translate(label, language)), code)
        for code, others in words.items():
            for word in others:
                known.setdefault(header_key(word), code)
        return known

    def code(self, column: str, cell: object) -> str | Problem | None:
        text = text_of(cell)
        if not text:
            return None
        known = self.lists[column]
        found = known.get(header_key(text))
        if found is None and column == "region":
            found = known.get(_without(header_key(text), REGION_WORDS))
        return Problem(ValueProblem.UNKNOWN) if found is None else found


def _reference(connection: Connection, model: type[ReferenceItem]) -> dict[str, str]:
    known: dict[str, str] = {}
    rows = connection.execute(select(model.code, model.label_kk, model.label_ru,
                                     model.label_en))
    for code, *labels in rows:
        known.setdefault(header_key(code), code)
        for label in labels:
            if label:
                known.setdefault(header_key(label), code)
    return known


def _with_short_forms(known: dict[str, str], words: frozenset[str]) -> dict[str, str]:
    """Also each label without the words that say what kind of place it is ("Астана" for
    "Астана қаласы"), where that leaves a name only one place has: "Алматы" stays
    unknown, since it may be the city or the region."""
    short: dict[str, set[str]] = {}
    for label, code in known.items():
        kept = _without(label, words)
        if kept and kept != label:
            short.setdefault(kept, set()).add(code)
    extended = dict(known)
    for kept, codes in short.items():
        if len(codes) == 1:
            extended.setdefault(kept, codes.pop())
    return extended


def _without(text: str, words: frozenset[str]) -> str:
    return " ".join(word for word in text.split() if word not in words)


def _countries() -> dict[str, str]:
    codes = country_codes()
    known = {header_key(code): code for code in codes}
    for language in LANGUAGES:
        names = Locale(language).territories
        for code in codes:
            name = names.get(code)
            if name:
                known.setdefault(header_key(name), code)
    # The forms centers write that CLDR does not hold as the name.
    for word, code in (("россия", "RU"), ("рф", "RU"), ("кнр", "CN"), ("usa", "US"),
                       ("сша", "US"), ("ресей", "RU"), ("қытай", "CN"), ("өзбекстан", "UZ"),
                       ("казахстан", "KZ"), ("рк", "KZ"), ("қр", "KZ")):
        known.setdefault(header_key(word), code)
    return known
