"""Who the demo clients are: origin, category, names, age, sex and IIN.

Distributions follow the ministry's published figures where there are any
(kandases by country of origin and age group, foreign workers by country);
elsewhere they are plausible guesses, documented beside each table.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from db.translit import to_passport_latin
from desktop.domain.iin import make_iin
from desktop.services.demo.names import LATIN_OVERRIDES, POOLS, female_surname, patronymic

# (category, share of clients)
CATEGORIES = (
    ("kandas", 0.34), ("internal_resettler", 0.14), ("labour_migrant_permit", 0.12),
    ("labour_migrant_household", 0.08), ("labour_migrant_eaeu", 0.10),
    ("business_immigrant", 0.01), ("foreign_student", 0.05), ("refugee", 0.015),
    ("asylum_seeker", 0.01), ("stateless", 0.015), ("returning_citizen", 0.04), ("other", 0.06),
)

# category -> ((country of origin, name pool, weight), ...)
ORIGINS = {
    # Kandases 2025: Uzbekistan 44.5 %, China 44.1 %, Turkmenistan 4 %, Mongolia 3 %, Russia 2.5 %.
    "kandas": (("UZ", "kazakh", 44.5), ("CN", "kazakh_china", 44.1), ("TM", "kazakh", 4.0),
               ("MN", "kazakh_mongolia", 3.0), ("RU", "kazakh", 2.5), ("KG", "kazakh", 1.9)),
    "internal_resettler": (("KZ", "kazakh", 1.0),),
    # Employer permits, Oct 2025: China, Uzbekistan, Türkiye lead.
    "labour_migrant_permit": (("CN", "han_chinese", 40), ("UZ", "uzbek", 25), ("TR", "turkish", 12),
                              ("KG", "kyrgyz", 8), ("TJ", "tajik", 8), ("RU", "russian", 7)),
    # Household-work permits: mostly Uzbekistan, then Tajikistan.
    "labour_migrant_household": (("UZ", "uzbek", 65), ("TJ", "tajik", 30), ("KG", "kyrgyz", 5)),
    "labour_migrant_eaeu": (("KG", "kyrgyz", 55), ("RU", "russian", 45)),
    "business_immigrant": (("TR", "turkish", 40), ("CN", "han_chinese", 30), ("RU", "russian", 30)),
    "foreign_student": (("TM", "turkmen", 30), ("CN", "han_chinese", 20), ("UZ", "uzbek", 20),
                        ("KG", "kyrgyz", 15), ("TJ", "tajik", 15)),
    # Refugees: mostly from Afghanistan.
    "refugee": (("AF", "afghan", 1.0),),
    "asylum_seeker": (("AF", "afghan", 1.0),),
    "stateless": (("UZ", "kazakh", 40), ("RU", "russian", 30), ("KG", "kyrgyz", 30)),
    "returning_citizen": (("RU", "kazakh", 70), ("RU", "russian", 30)),
    "other": (("UZ", "uzbek", 30), ("RU", "russian", 30), ("KG", "kyrgyz", 20),
              ("TR", "turkish", 20)),
}

NATIVE_LANGUAGE = {"kazakh": "kk", "kazakh_china": "kk", "kazakh_mongolia": "kk", "uzbek": "uz",
                   "kyrgyz": "ky", "tajik": "tg", "russian": "ru", "han_chinese": "zh",
                   "turkish": "tr", "afghan": "other", "turkmen": "tk"}

# Who gets an IIN: citizens always; foreigners once registered (many not yet at intake).
IIN_SHARE = {"kandas": 0.9, "internal_resettler": 1.0, "returning_citizen": 1.0,
             "labour_migrant_permit": 0.7, "labour_migrant_household": 0.5,
             "labour_migrant_eaeu": 0.6, "business_immigrant": 0.8, "foreign_student": 0.6,
             "refugee": 0.4, "asylum_seeker": 0.0, "stateless": 0.7, "other": 0.5}
CITIZENS = {"internal_resettler", "returning_citizen"}
WORKERS = {"labour_migrant_permit", "labour_migrant_household", "labour_migrant_eaeu"}


@dataclass(slots=True)
class Client:
    category: str
    country: str
    pool: str
    sex: str
    birth_date: date
    surname: str
    given_name: str
    patronymic: str
    surname_latin: str
    given_name_latin: str
    name_original: str
    iin: str | None
    native_language: str
    surname_root: str  # the male form, from which relatives' surnames are made
    father: str  # father's given name, for patronymics

    def age(self, today: date) -> int:
        years = today.year - self.birth_date.year
        return years - ((today.month, today.day) < (self.birth_date.month, self.birth_date.day))


class Population:
    """Draws clients one at a time from a seeded generator."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self._categories = [c for c, _ in CATEGORIES]
        self._category_weights = [w for _, w in CATEGORIES]
        self._serials: dict[tuple[date, str], int] = {}

    def draw(self) -> Client:
        rng = self.rng
        category = rng.choices(self._categories, self._category_weights)[0]
        origins = ORIGINS[category]
        country, pool_name, _ = rng.choices(origins, [w for *_, w in origins])[0]
        sex = self._sex(category)
        birth = self._birth_date(category)
        root = rng.choice(POOLS[pool_name].surnames_male)
        father = rng.choice(POOLS[pool_name].male_given) if POOLS[pool_name].male_given else ""
        return self._client(category, country, pool_name, sex, birth, root, father)

    def draw_relative(self, head: Client, relation: str, father: str | None) -> Client:
        """A spouse or child of ``head`` (an adult): same family name, origin and category.

        ``father`` gives the patronymic; None draws one (a spouse's own father).
        """
        rng = self.rng
        if father is None:
            names = POOLS[head.pool].male_given
            father = rng.choice(names) if names else ""
        adult_born_by = self.today - timedelta(days=18 * 365)
        if relation == "spouse":
            sex = "F" if head.sex == "M" else "M"
            birth = head.birth_date + timedelta(days=rng.randint(-6 * 365, 6 * 365))
            birth = min(birth, adult_born_by - timedelta(days=rng.randint(0, 700)))
        else:
            sex = rng.choice("MF")
            earliest = head.birth_date + timedelta(days=20 * 365)
            latest = min(head.birth_date + timedelta(days=40 * 365),
                         self.today - timedelta(days=30))
            birth = earliest + timedelta(days=rng.randint(0, max((latest - earliest).days, 0)))
        return self._client(head.category, head.country, head.pool, sex, birth,
                            head.surname_root, father)

    def _client(self, category: str, country: str, pool_name: str, sex: str, birth: date,
                root: str, father: str) -> Client:
        rng = self.rng
        pool = POOLS[pool_name]
        surname, given, original, surname_latin, given_latin = self._names(pool_name, sex, root)
        middle = ""
        if father and pool.patronymic_style != "none" and rng.random() < 0.7:
            middle = patronymic(father, sex, pool.patronymic_style) or ""
        iin = self._iin(birth, sex) if rng.random() < IIN_SHARE[category] else None
        return Client(category, country, pool_name, sex, birth, surname, given, middle,
                      surname_latin, given_latin, original, iin, NATIVE_LANGUAGE[pool_name],
                      root, father)

    def _sex(self, category: str) -> str:
        male_share = 0.82 if category in WORKERS | {"business_immigrant"} else 0.49
        return "M" if self.rng.random() < male_share else "F"

    def _birth_date(self, category: str) -> date:
        rng = self.rng
        if category in WORKERS or category == "business_immigrant":
            age = rng.randint(19, 58)
        elif category == "foreign_student":
            age = rng.randint(17, 27)
        else:
            # Kandases 2025: 34 % minors, 57.4 % working age, 8.6 % pensioners.
            band = rng.random()
            age = (rng.randint(0, 15) if band < 0.34 else rng.randint(16, 62) if band < 0.914
                   else rng.randint(63, 88))
        return self.today - timedelta(days=age * 365 + rng.randint(0, 364))

    def _names(self, pool_name: str, sex: str, root: str) -> tuple[str, str, str, str, str]:
        rng = self.rng
        pool = POOLS[pool_name]
        if pool.original_script == "zh":
            han_surname = rng.choice(pool.hanzi_surnames)
            han_given = rng.choice(pool.hanzi_given_male if sex == "M"
                                   else pool.hanzi_given_female)
            original = han_surname[0] + han_given[0]
            return han_surname[1], han_given[1], original, han_surname[2], han_given[2]
        given = rng.choice(pool.male_given if sex == "M" else pool.female_given)
        surname = female_surname(root, pool_name) if sex == "F" else root
        surname_latin = LATIN_OVERRIDES.get(surname) or to_passport_latin(surname)
        given_latin = LATIN_OVERRIDES.get(given) or to_passport_latin(given)
        return surname, given, "", surname_latin, given_latin

    def _iin(self, birth: date, sex: str) -> str | None:
        # A serial per (date, sex) keeps every IIN unique; skip serials whose check digit fails.
        serial = self._serials.get((birth, sex), self.rng.randint(0, 3000))
        while serial < 10_000:
            iin = make_iin(birth, sex, serial)
            serial += 1
            if iin is not None:
                self._serials[(birth, sex)] = serial
                return iin
        return None
