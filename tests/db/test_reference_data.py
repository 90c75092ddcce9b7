"""Sanity checks on the seeded reference lists."""

import re

import pytest

from db.reference_data import REFERENCE, REGION_CENTRES, REGION_LOCALITIES, RefItem

KAZAKH_LETTERS = set("ӘҒҚҢӨҰҮҺІәғқңөұүһі")
CODE_RE = re.compile(r"^[a-z0-9_]+$")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
LATIN_RE = re.compile(r"[A-Za-z]")

# Region names (without "облысы" / "қаласы") spelled with a Kazakh-specific letter.
REGIONS_WITH_KAZAKH_LETTERS = {
    "11": "Ақмола",
    "15": "Ақтөбе",
    "27": "Батыс Қазақстан",
    "33": "Жетісу",
    "35": "Қарағанды",
    "39": "Қостанай",
    "43": "Қызылорда",
    "47": "Маңғыстау",
    "59": "Солтүстік Қазақстан",
    "61": "Түркістан",
    "62": "Ұлытау",
    "63": "Шығыс Қазақстан",
}

ALL_ITEMS = [(table, item) for table, items in REFERENCE.items() for item in items]


def _ids(pairs):
    return [f"{table}:{item.code}" for table, item in pairs]


def test_expected_tables_present():
    assert set(REFERENCE) == {
        "region",
        "migrant_category",
        "document_type",
        "service_area",
        "service_type",
        "consultation_topic",
        "consultation_channel",
        "language",
        "language_level",
        "economic_sector",
        "education_level",
        "relationship",
        "case_closure_reason",
        "consent_form",
    }


@pytest.mark.parametrize("table", list(REFERENCE))
def test_table_non_empty_with_unique_valid_codes(table):
    items = REFERENCE[table]
    assert items
    assert all(isinstance(item, RefItem) for item in items)
    codes = [item.code for item in items]
    assert len(codes) == len(set(codes))
    assert all(CODE_RE.fullmatch(code) for code in codes)


@pytest.mark.parametrize(("table", "item"), ALL_ITEMS, ids=_ids(ALL_ITEMS))
def test_labels_present_in_all_languages(table, item):
    for label in (item.kk, item.ru, item.en):
        assert label.strip() == label and label
    assert CYRILLIC_RE.search(item.kk)
    assert CYRILLIC_RE.search(item.ru)
    assert not CYRILLIC_RE.search(item.en)


@pytest.mark.parametrize(("table", "item"), ALL_ITEMS, ids=_ids(ALL_ITEMS))
def test_no_mixed_script_words(table, item):
    # Catches Latin look-alikes (a, e, o, i, c...) typed inside Cyrillic words.
    for label in (item.kk, item.ru):
        for word in re.findall(r"\w+", label):
            assert not (CYRILLIC_RE.search(word) and LATIN_RE.search(word)), word


def test_russian_labels_use_kazakh_letters_only_in_official_names():
    allowed = {("region", "33"), ("region", "62")}  # область Жетісу, область Ұлытау
    offenders = [
        (table, item.code)
        for table, item in ALL_ITEMS
        if KAZAKH_LETTERS & set(item.ru) and (table, item.code) not in allowed
    ]
    assert offenders == []


def test_twenty_regions():
    assert len(REFERENCE["region"]) == 20
    assert all(item.code.isdigit() and len(item.code) == 2 for item in REFERENCE["region"])


def test_region_kazakh_names_use_kazakh_letters():
    regions = {item.code: item for item in REFERENCE["region"]}
    for code, name in REGIONS_WITH_KAZAKH_LETTERS.items():
        assert regions[code].kk.startswith(name)
        assert KAZAKH_LETTERS & set(name)
    for item in regions.values():
        assert item.kk.endswith((" облысы", " қаласы"))


def test_service_types_belong_to_existing_areas_and_the_plan_has_its_seven():
    areas = {item.code for item in REFERENCE["service_area"]}
    assert all(item.parent in areas for item in REFERENCE["service_type"])
    # Some areas are the plan's only (housing, education...): no catalogue service yet.
    assert {"language", "employment", "social"} <= {
        item.parent for item in REFERENCE["service_type"]}
    assert {"language", "employment", "social", "housing", "documents", "education",
            "other"} <= areas


def test_only_service_types_have_parents():
    for table, item in ALL_ITEMS:
        if table != "service_type":
            assert item.parent is None


def test_centres_and_localities_cover_every_region():
    codes = {item.code for item in REFERENCE["region"]}
    assert set(REGION_CENTRES) == codes
    assert set(REGION_LOCALITIES) == codes
    for code, localities in REGION_LOCALITIES.items():
        assert 3 <= len(localities) <= 5
        assert localities[0] == REGION_CENTRES[code]
        assert len(set(localities)) == len(localities)
        for place in localities:
            assert len(place) == 3 and all(place)
