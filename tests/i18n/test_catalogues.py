"""Every user-visible string is marked, extracted and translated into kk and ru."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from desktop import i18n
from desktop.paths import ROOT, TRANSLATIONS

PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


def catalogue(language: str) -> Catalog:
    with (TRANSLATIONS / language / "LC_MESSAGES" / "qadam.po").open("rb") as stream:
        return read_po(stream, locale=language)


KEYWORDS = {**DEFAULT_KEYWORDS, "NC_": ((1, "c"), 2)}  # as the README's extract command


def messages_in_source() -> set[str]:
    """What ``pybabel extract -F babel.cfg -k NC_:1c,2`` would find now."""
    method_map = [("desktop/**.py", "python")]
    return {message if isinstance(message, str) else message[0]
            for _file, _line, message, _comments, _context
            in extract_from_dir(ROOT, method_map=method_map, keywords=KEYWORDS)}


def test_catalogues_hold_every_marked_string_of_the_source() -> None:
    source = messages_in_source()
    for language in i18n.LANGUAGES:
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue(language) if m.id}
        missing = source - known
        assert not missing, f"{language}: run pybabel extract/update (see README): {missing}"


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if not all(strings) or message.fuzzy:
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = sorted(set(PLACEHOLDER.findall(ids[-1])))
        for string in strings:
            if sorted(set(PLACEHOLDER.findall(string))) != wanted:
                problems.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
    assert not problems, "\n".join(problems)


def test_russian_plurals_have_three_forms() -> None:
    i18n.set_language("ru")
    forms = [i18n.ngettext("{count} client", "{count} clients", n).format(count=n)
             for n in (1, 2, 5, 21)]
    assert forms == ["1 клиент", "2 клиента", "5 клиентов", "21 клиент"]


def test_language_choice_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QADAM_LANG", "ru")
    assert i18n.resolve_language("kk") == "kk"  # the saved setting wins
    assert i18n.resolve_language(None) == "ru"  # then QADAM_LANG
    monkeypatch.delenv("QADAM_LANG")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    monkeypatch.setattr("locale.getlocale", lambda: (None, None))
    assert i18n.resolve_language(None) == "ru"  # then the system locale
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    assert i18n.resolve_language(None) == "kk"  # else Kazakh


def test_dates_and_countries_come_from_babel() -> None:
    from datetime import date

    # CLDR puts a narrow no-break space before the year's abbreviation.
    assert i18n.format_date(date(2026, 11, 25), "long", "kk") == "2026\u202fж. 25 қараша"
    assert i18n.format_date(date(2026, 11, 25), "long", "ru") == "25 ноября 2026\u202fг."
    assert i18n.country_name("CN", "kk") == "Қытай"
    assert i18n.country_name("UZ", "ru") == "Узбекистан"


def test_days_read_as_the_date_editors_show_them_and_months_as_titles() -> None:
    from datetime import date, datetime

    for language in i18n.LANGUAGES:
        assert i18n.format_date(date(2026, 11, 6), language=language) == "06.11.2026"
        assert i18n.format_datetime(datetime(2026, 11, 6, 9, 5),
                                    language=language) == "06.11.2026 09:05"
    assert i18n.format_month(date(2026, 11, 1), "kk") == "2026 жылғы қараша"
    assert i18n.format_month(date(2026, 11, 1), "en") == "November 2026"
