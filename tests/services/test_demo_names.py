"""The demo name stock: enough real names per origin, clean spelling, working grammar helpers."""

import re

import pytest

from desktop.services.demo.names import (
    LATIN_OVERRIDES,
    PATRONYMIC_STYLES,
    POOLS,
    female_surname,
    patronymic,
)

CYRILLIC_NAME = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі\- ]+$")
KAZAKH_LETTERS = set("ӘҒҚҢӨҰҮҺІәғқңөұүһі")
EXPECTED_POOLS = {
    "kazakh", "kazakh_china", "kazakh_mongolia", "uzbek", "kyrgyz", "tajik", "russian",
    "han_chinese", "turkish", "afghan", "turkmen",
}  # fmt: skip


def _lists(pool):
    return {
        "male_given": pool.male_given,
        "female_given": pool.female_given,
        "surnames_male": pool.surnames_male,
    }


def test_every_origin_has_a_pool():
    assert set(POOLS) == EXPECTED_POOLS


@pytest.mark.parametrize("key", sorted(EXPECTED_POOLS))
def test_pool_sizes_and_uniqueness(key):
    pool = POOLS[key]
    assert len(pool.male_given) >= 60
    assert len(pool.female_given) >= 60
    assert len(pool.surnames_male) >= 80
    for name, values in _lists(pool).items():
        assert len(values) == len(set(values)), f"{key}.{name} has duplicates"
    assert pool.patronymic_style in PATRONYMIC_STYLES


@pytest.mark.parametrize("key", sorted(EXPECTED_POOLS))
def test_cyrillic_spelling(key):
    for list_name, values in _lists(POOLS[key]).items():
        for name in values:
            assert CYRILLIC_NAME.match(name), f"{key}.{list_name}: {name!r}"
            assert name[0].isupper(), f"{key}.{list_name}: {name!r}"
            assert name == name.strip() and "  " not in name


@pytest.mark.parametrize("key", ["kazakh", "kazakh_china", "kazakh_mongolia"])
def test_kazakh_pools_use_kazakh_letters(key):
    pool = POOLS[key]
    for values in _lists(pool).values():
        assert any(KAZAKH_LETTERS & set(name) for name in values)


def test_patronymic_styles_per_pool():
    assert POOLS["kazakh"].patronymic_style == "kazakh"
    for key in ("uzbek", "kyrgyz", "tajik", "russian", "turkmen"):
        assert POOLS[key].patronymic_style == "russian"
    for key in ("kazakh_china", "kazakh_mongolia", "han_chinese", "turkish", "afghan"):
        assert POOLS[key].patronymic_style == "none"


def test_only_han_pool_has_original_script():
    for key, pool in POOLS.items():
        if key == "han_chinese":
            assert pool.original_script == "zh"
        else:
            assert pool.original_script is None
            assert not pool.hanzi_surnames and not pool.hanzi_given


def test_han_pool_triples():
    pool = POOLS["han_chinese"]
    assert len(pool.hanzi_surnames) >= 80
    assert len(pool.hanzi_given_male) >= 60
    assert len(pool.hanzi_given_female) >= 60
    assert pool.hanzi_given == pool.hanzi_given_male + pool.hanzi_given_female
    assert ("王", "Ван", "Wang") in pool.hanzi_surnames
    assert ("伟", "Вэй", "Wei") in pool.hanzi_given
    for triples in (pool.hanzi_surnames, pool.hanzi_given):
        assert len({hanzi for hanzi, _, _ in triples}) == len(triples)
        for hanzi, cyrillic, pinyin in triples:
            assert all("\u4e00" <= char <= "\u9fff" for char in hanzi), hanzi
            assert CYRILLIC_NAME.match(cyrillic) and cyrillic[0].isupper(), cyrillic
            assert re.fullmatch(r"[A-Z][a-z]+", pinyin), pinyin
    # A given name's Cyrillic form identifies its Hanzi, so the Cyrillic lists can be looked up.
    given_cyrillic = [cyrillic for _, cyrillic, _ in pool.hanzi_given]
    assert len(given_cyrillic) == len(set(given_cyrillic))
    assert set(pool.male_given) == {cyrillic for _, cyrillic, _ in pool.hanzi_given_male}
    assert set(pool.female_given) == {cyrillic for _, cyrillic, _ in pool.hanzi_given_female}


def test_latin_overrides_cover_every_turkish_name():
    pool = POOLS["turkish"]
    for name in pool.male_given + pool.female_given + pool.surnames_male:
        assert name in LATIN_OVERRIDES, name
    assert LATIN_OVERRIDES["Йылмаз"] == "Yılmaz"
    assert LATIN_OVERRIDES["Мехмет"] == "Mehmet"
    assert LATIN_OVERRIDES["Айше"] == "Ayşe"
    assert LATIN_OVERRIDES["Озтюрк"] == "Öztürk"
    for latin in LATIN_OVERRIDES.values():
        assert re.fullmatch(r"[A-ZÇĞİÖŞÜ][a-zçğıöşü]+", latin), latin


def test_turkish_only_latin_spellings_do_not_leak_into_other_pools():
    # The overrides are keyed by Cyrillic alone, so a Turkish-letter spelling must not hit a name
    # that another pool also uses (a Kyrgyz Исмаил is ISMAIL, not İsmail).
    turkish_letters = set("ÇĞİÖŞÜçğıöşü")
    others = {
        name
        for key, pool in POOLS.items()
        if key != "turkish"
        for name in pool.male_given + pool.female_given + pool.surnames_male
    }
    for cyrillic, latin in LATIN_OVERRIDES.items():
        if turkish_letters & set(latin):
            assert cyrillic not in others, cyrillic


@pytest.mark.parametrize(
    ("male", "female"),
    [
        ("Нұрпейісов", "Нұрпейісова"),
        ("Сидоров", "Сидорова"),
        ("Серікбаев", "Серікбаева"),
        ("Соловьёв", "Соловьёва"),
        ("Ильин", "Ильина"),
        ("Ғабдуллин", "Ғабдуллина"),
        ("Островский", "Островская"),
        ("Троицкий", "Троицкая"),
        ("Иванов-Петров", "Иванова-Петрова"),
        ("Серікұлы", "Серікқызы"),
        ("Асан уулу", "Асан кызы"),
        ("Ван", "Ван"),
        ("Ин", "Ин"),
        ("Шевченко", "Шевченко"),
        ("Рахмонзода", "Рахмонзода"),
        ("Хайдари", "Хайдари"),
        ("Йылмаз", "Йылмаз"),
        ("Шахин", "Шахин"),
        ("Тұрсын", "Тұрсын"),
        ("Ахмет", "Ахмет"),
    ],
)
def test_female_surname(male, female):
    assert female_surname(male) == female


def test_female_surname_by_pool():
    assert female_surname("Тұрсын", pool="kazakh_china") == "Тұрсын"
    assert female_surname("Смирнов", pool="russian") == "Смирнова"
    with pytest.raises(ValueError):
        female_surname("Смирнов", pool="klingon")


def test_inflecting_pools_give_female_forms():
    for key, pool in POOLS.items():
        for surname in pool.surnames_male:
            female = female_surname(surname)
            if not pool.surnames_inflect:
                assert female == surname, (key, surname)
            elif surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
                assert female == surname + "а", (key, surname)
            elif surname.endswith("ий"):
                assert female == surname[:-2] + "ая", (key, surname)
            assert CYRILLIC_NAME.match(female)


@pytest.mark.parametrize(
    ("father", "sex", "style", "expected"),
    [
        ("Серік", "M", "kazakh", "Серікұлы"),
        ("Серік", "F", "kazakh", "Серікқызы"),
        ("Әлі", "M", "kazakh", "Әліұлы"),
        ("Иван", "M", "russian", "Иванович"),
        ("Иван", "F", "russian", "Ивановна"),
        ("Николай", "M", "russian", "Николаевич"),
        ("Николай", "F", "russian", "Николаевна"),
        ("Сергей", "F", "russian", "Сергеевна"),
        ("Юрий", "M", "russian", "Юрьевич"),
        ("Василий", "F", "russian", "Васильевна"),
        ("Дмитрий", "M", "russian", "Дмитриевич"),
        ("Игорь", "M", "russian", "Игоревич"),
        ("Михаил", "F", "russian", "Михайловна"),
        ("Павел", "M", "russian", "Павлович"),
        ("Илья", "M", "russian", "Ильич"),
        ("Илья", "F", "russian", "Ильинична"),
        ("Никита", "F", "russian", "Никитична"),
        ("Шерзод", "M", "russian", "Шерзодович"),
        ("Абдулла", "M", "russian", "Абдуллаевич"),
        ("Али", "F", "russian", "Алиевна"),
        ("Таалай", "M", "russian", "Таалаевич"),
        ("Мерген", "F", "russian", "Мергеновна"),
        ("Ахмад", "M", "none", None),
    ],
)
def test_patronymic(father, sex, style, expected):
    assert patronymic(father, sex, style) == expected


@pytest.mark.parametrize("key", sorted(EXPECTED_POOLS))
def test_patronymic_from_every_father_in_pool(key):
    pool = POOLS[key]
    for father in pool.male_given:
        for sex in ("M", "F"):
            result = patronymic(father, sex, pool.patronymic_style)
            if pool.patronymic_style == "none":
                assert result is None
            else:
                assert result is not None and result.startswith(father[0])
                assert CYRILLIC_NAME.match(result), result


def test_patronymic_rejects_bad_input():
    with pytest.raises(ValueError):
        patronymic("Иван", "X", "russian")
    with pytest.raises(ValueError):
        patronymic("Иван", "M", "slavic")
    with pytest.raises(ValueError):
        patronymic("", "M", "kazakh")
