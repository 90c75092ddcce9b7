"""The columns of the clients spreadsheet: one definition for the template, the import's
header recognition and the export, so that an export imports back unchanged.

A column's header is part of the file format, like a reference list's labels: each is
given in kk, ru and en here, not through the message catalogues, so that a changed
translation never stops an old file from being read. ``synonyms`` are the other headers
centers' own spreadsheets use for the same thing (compared after ``header_key``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.i18n import LANGUAGES, current_language
from desktop.services.access import pure


@dataclass(frozen=True)
class Column:
    key: str  # the English header, also the name the import and export use for it
    kk: str
    ru: str
    synonyms: tuple[str, ...] = ()
    kind: str = "text"  # text, date, choice: how the import reads a cell
    imported: bool = True  # False: written by the export, ignored on import

    def header(self, language: str | None = None) -> str:
        language = language or current_language()
        return {"kk": self.kk, "ru": self.ru}.get(language, self.key)


TEMPLATE = (
    Column("last_name", "Тегі", "Фамилия", ("surname", "family name", "тек")),
    Column("first_name", "Аты", "Имя", ("given name", "name", "есім", "имя")),
    Column("patronymic", "Әкесінің аты", "Отчество", ("middle name", "әкесінің есімі")),
    Column("last_name_latin", "Тегі (латын)", "Фамилия (латиница)",
           ("surname latin", "фамилия латиницей", "фамилия (лат.)", "тегі латынша")),
    Column("first_name_latin", "Аты (латын)", "Имя (латиница)",
           ("given name latin", "имя латиницей", "имя (лат.)", "аты латынша")),
    Column("iin", "ЖСН", "ИИН", ("iin", "жсн", "иин", "иин/жсн", "жсн/иин")),
    Column("birth_date", "Туған күні", "Дата рождения",
           ("date of birth", "birthdate", "dob", "туған күні", "туылған күні", "д.р."),
           kind="date"),
    Column("sex", "Жынысы", "Пол", ("gender", "жыныс"), kind="choice"),
    Column("citizenship", "Азаматтығы", "Гражданство", ("nationality", "азаматтық"),
           kind="choice"),
    Column("country_of_origin", "Шыққан елі", "Страна происхождения",
           ("country", "origin", "страна", "ел", "откуда прибыл", "қайдан келді"),
           kind="choice"),
    Column("category", "Санаты", "Категория", ("migrant category", "санат"), kind="choice"),
    Column("region", "Өңірі", "Регион", ("oblast", "область", "облыс", "өңір"),
           kind="choice"),
    Column("locality", "Елді мекен", "Населённый пункт",
           ("city", "town", "населенный пункт", "город", "қала")),
    Column("arrival_date", "Келген күні", "Дата прибытия",
           ("date of arrival", "arrived", "дата въезда", "келу күні"), kind="date"),
    Column("intake_date", "Тіркелген күні", "Дата обращения",
           ("date of intake", "registered", "дата регистрации", "дата постановки на учет",
            "тіркеу күні"), kind="date"),
    Column("phone", "Телефон", "Телефон", ("phone number", "tel", "тел", "телефон нөмірі",
                                           "номер телефона", "mobile")),
    Column("preferred_language", "Құжаттар тілі", "Язык документов",
           ("language", "язык", "тіл"), kind="choice"),
    Column("notes", "Ескертпелер", "Примечания",
           ("note", "comment", "comments", "примечание", "комментарий", "ескертпе"))
)

# Written by the export after the template's columns. Consent and office are read back
# (an office column only for those who may import into several offices); the caseworker
# and the case status describe the case and are ignored, as the template says.
EXPORT_ONLY = (
    Column("consent_date", "Келісім күні", "Дата согласия", ("date of consent",),
           kind="date"),
    Column("consent_form", "Келісім нысаны", "Форма согласия", (), kind="choice"),
    Column("office", "Бөлімше", "Отделение", ("office code", "филиал", "бөлім"),
           kind="choice"),
    Column("caseworker", "Кейс-менеджер", "Куратор", (), imported=False),
    Column("case_status", "Іс мәртебесі", "Статус дела", (), imported=False),
)

# Read when a file has it, never written: many centers keep the whole name in one column.
# It is split into surname, given name and patronymic when those have no column.
FULL_NAME = Column("full_name", "Аты-жөні", "ФИО",
                   ("full name", "name and surname", "ф и о", "фио", "толық аты-жөні",
                    "аты-жөні", "фамилия имя отчество", "тегі аты әкесінің аты"))

COLUMNS = TEMPLATE + EXPORT_ONLY
BY_KEY = {column.key: column for column in (*COLUMNS, FULL_NAME)}
READ = (*(column for column in COLUMNS if column.imported), FULL_NAME)


@pure
def header_key(text: str) -> str:
    """A header compared loosely: case, spaces, underscores, dots and the letter ё aside."""
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace("ё", "е")
    return re.sub(r"[\s_\-.:*№#]+", " ", text).strip()


def _known_headers() -> dict[str, str]:
    known: dict[str, str] = {}
    for column in READ:
        for header in (column.key, column.key.replace("_", " "), column.kk, column.ru,
                       *column.synonyms):
            known.setdefault(header_key(header), column.key)
    return known


KNOWN_HEADERS = _known_headers()


@pure
def recognise(headers: Sequence[str]) -> dict[int, str]:
    """The Qadam column each of the file's columns holds, by position; a header nobody
    knows, and the second of two that mean the same, are left out."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        key = KNOWN_HEADERS.get(header_key(header))
        if key is not None and key not in taken:
            mapping[index] = key
            taken.add(key)
    return mapping


@pure
def headers(columns: Iterable[Column], language: str) -> list[str]:
    if language not in LANGUAGES:
        raise ValueError(language)
    return [column.header(language) for column in columns]
