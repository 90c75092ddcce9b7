"""One word for one thing in each language, as the catalogues' reviewers chose it.

An office of the center is «бөлімше» in Kazakh and «отделение» in Russian (the neuter
noun: «это отделение», «в другое отделение»); «офис», «филиал» and «кеңсе» had crept in
beside them, so one screen said «офис» and the next «отделение».
"""

from __future__ import annotations

import re

import pytest

from tests.i18n.test_catalogues import catalogue

AVOIDED = {
    "ru": re.compile(r"(?<![а-яё])(офис|филиал)", re.IGNORECASE),
    "kk": re.compile(r"(?<![а-яәғқңөұүһі])(кеңсе|филиал)", re.IGNORECASE),
}


def texts(message: object) -> list[str]:
    string = message.string  # type: ignore[attr-defined]
    return [string] if isinstance(string, str) else list(string)


@pytest.mark.parametrize("language", sorted(AVOIDED))
def test_an_office_is_named_one_way(language: str) -> None:
    found = [text for message in catalogue(language) if message.id
             for text in texts(message) if AVOIDED[language].search(text)]
    assert not found, found


def test_russian_agrees_with_the_neuter_noun() -> None:
    """«отделение» is neuter: no adjective or pronoun of the masculine «офис» beside it."""
    masculine = re.compile(r"(этот|другой|первый|новый|открытый|который должен) отделени",
                           re.IGNORECASE)
    found = [text for message in catalogue("ru") if message.id
             for text in texts(message) if masculine.search(text)]
    assert not found, found


@pytest.mark.parametrize("language", sorted(AVOIDED))
def test_the_guide_names_an_office_as_the_screens_do(language: str) -> None:
    from pathlib import Path

    guide = Path(__file__).parents[2] / "resources" / "guide" / f"{language}.html"
    assert not AVOIDED[language].findall(guide.read_text(encoding="utf-8"))
