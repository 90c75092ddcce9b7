"""The demo's job-placement vocabulary: jobs of each sector, qualifications, training
courses, health limits, contracts and reasons for leaving, and the date arithmetic of
retention checks.

Nothing here draws from the demo's main random stream: values come from a record's key
(``pick``) or from the separate generators the callers pass in.
"""

from __future__ import annotations

import calendar
from datetime import date

from desktop.services.access import pure

# Jobs of each sector: (Kazakh, Russian, driving licence the job needs). The first of each
# sector is the title the demo's first vacancies always had (``organisation._job_title``).
JOB_TITLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "construction": (("Құрылысшы", "Строитель", ""), ("Дәнекерлеуші", "Сварщик", ""),
                     ("Электрмонтер", "Электромонтёр", ""), ("Сылақшы", "Штукатур", ""),
                     ("Арматурашы", "Арматурщик", ""), ("Бетоншы", "Бетонщик", ""),
                     ("Кран машинисі", "Машинист крана", "")),
    "agriculture": (("Агроном", "Агроном", ""), ("Тракторшы", "Тракторист", "B"),
                    ("Мал дәрігері", "Ветеринар", ""), ("Малшы", "Животновод", ""),
                    ("Жылыжай жұмысшысы", "Рабочий теплицы", "")),
    "mining": (("Кенші", "Шахтёр", ""), ("Бұрғылаушы", "Бурильщик", ""),
               ("Экскаватор машинисі", "Машинист экскаватора", "C"),
               ("Жөндеуші слесарь", "Слесарь-ремонтник", ""),
               ("Байыту фабрикасының операторы", "Оператор обогатительной фабрики", "")),
    "trade": (("Сатушы", "Продавец", ""), ("Кассир", "Кассир", ""),
              ("Тауартанушы", "Товаровед", ""), ("Мерчендайзер", "Мерчендайзер", ""),
              ("Сауда өкілі", "Торговый представитель", "B")),
    "household_work": (("Үй қызметшісі", "Домработница", ""), ("Бала күтуші", "Няня", ""),
                       ("Науқас күтуші", "Сиделка", ""), ("Бағбан", "Садовник", "")),
    "manufacturing": (("Оператор", "Оператор", ""), ("Тігінші", "Швея", ""),
                      ("Токарь", "Токарь", ""), ("Слесарь", "Слесарь", ""),
                      ("Қаптаушы", "Упаковщик", ""), ("Наубайшы", "Пекарь", "")),
    "transport": (("Жүргізуші", "Водитель", "B C"),
                  ("Жүк көлігінің жүргізушісі", "Водитель грузового автомобиля", "C CE"),
                  ("Автобус жүргізушісі", "Водитель автобуса", "D"),
                  ("Экспедитор", "Экспедитор", "B"), ("Қоймашы", "Кладовщик", ""),
                  ("Автослесарь", "Автослесарь", "B")),
    "health": (("Мейірбике", "Медсестра", ""), ("Фельдшер", "Фельдшер", ""),
               ("Санитар", "Санитар", ""), ("Фармацевт", "Фармацевт", "")),
    "education": (("Мұғалім", "Учитель", ""), ("Тәрбиеші", "Воспитатель", ""),
                  ("Қазақ тілі мұғалімі", "Учитель казахского языка", "")),
    "hospitality": (("Аспаз", "Повар", ""), ("Даяшы", "Официант", ""),
                    ("Кондитер", "Кондитер", ""), ("Бөлме қызметшісі", "Горничная", ""),
                    ("Ыдыс жуушы", "Посудомойщик", "")),
    "it_communications": (("Маман", "Специалист", ""), ("Бағдарламашы", "Программист", ""),
                          ("Жүйелік әкімші", "Системный администратор", ""),
                          ("Байланыс монтеры", "Монтёр связи", "B")),
    "public_administration": (("Маман", "Специалист", ""), ("Іс жүргізуші", "Делопроизводитель",
                                                            ""),
                              ("Есепші", "Бухгалтер", "")),
    "services": (("Маман", "Специалист", ""), ("Шаштараз", "Парикмахер", ""),
                 ("Тазалаушы", "Уборщик", ""), ("Күзетші", "Охранник", "")),
    "other": (("Маман", "Специалист", ""), ("Жүк тиеуші", "Грузчик", ""),
              ("Жұмысшы", "Разнорабочий", "")),
}
DEFAULT_JOBS = JOB_TITLES["other"]
# Graded trades ("4-разряд") and categorised professions ("бірінші санат").
GRADED = {"construction", "mining", "manufacturing", "transport", "other"}
CATEGORISED = {"health": ("жоғары санат", "бірінші санат", "екінші санат"),
               "education": ("жоғары санат", "бірінші санат", "екінші санат", "педагог-модератор")}
HEALTH_LIMITS = ("Ауыр жүк көтеруге болмайды", "Түнгі ауысымда жұмыс істей алмайды",
                 "Ұзақ тік тұруға болмайды", "ІІІ топтағы мүгедектігі бар",
                 "Биіктікте жұмыс істеуге болмайды")
# Training courses of the employment provider: (Kazakh title, the sectors it leads to).
TRAINING_COURSES = (
    ("Дәнекерлеу ісі", ("construction", "manufacturing")),
    ("Кондитер", ("hospitality", "manufacturing")), ("Аспаздық іс", ("hospitality",)),
    ("C санатты жүргізушілерді даярлау", ("transport",)),
    ("Электрмонтаж негіздері", ("construction", "mining")),
    ("Тігін ісі", ("manufacturing", "services")), ("Шаштараз өнері", ("services",)),
    ("Компьютерлік сауаттылық", ("it_communications", "trade", "public_administration")),
    ("Бухгалтерлік есеп және 1С", ("trade", "public_administration")),
    ("Бала күтушілерді даярлау", ("household_work", "education")),
    ("Жылыжай шаруашылығы", ("agriculture",)),
    ("Кіші медицина қызметкері", ("health",)),
)
CONTRACTS = (("permanent", 62), ("fixed_term", 24), ("seasonal", 9), ("subsidised", 5))
SEASONAL_SECTORS = {"agriculture", "construction", "hospitality"}
# Why a client left the job, for each contract: (reason, weight).
LEAVING_REASONS = (("resigned", 34), ("dismissed", 14), ("contract_ended", 14), ("moved", 12),
                   ("family", 12), ("health", 7), ("other", 7))
REFERRAL_NOTES = {"rejected": ("Жұмыс тәжірибесі жеткіліксіз", "Тілді білу деңгейі жеткіліксіз",
                               "Жұмыс беруші басқа үміткерді таңдады",
                               "Жалақы клиентке сәйкес келмеді", ""),
                  "no_show": ("Сұхбатқа келмеді, телефонға жауап бермейді", "")}

# The comment of a recorded check's follow-up, as the service words it.
STILL_EMPLOYED, LEFT = "Әлі жұмыс істейді.", "Енді жұмыс істемейді."


@pure
def pick(record_key: str, salt: int, choices: int) -> int:
    """A number below ``choices`` derived from a stored key (32 hex digits): a value each
    record keeps whatever else the demo draws. ``salt`` (1 to 8) picks another part of
    the key than the first eight digits, which choose a referral's vacancy."""
    start = (salt * 3) % 25
    return int(record_key[start:start + 8], 16) % choices


@pure
def weighted(record_key: str, salt: int, options: tuple[tuple[str, int], ...]) -> str:
    point = pick(record_key, salt, sum(weight for _, weight in options))
    for value, weight in options:
        if point < weight:
            return value
        point -= weight
    return options[-1][0]


@pure
def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (the month's last day when shorter:
    31 August + 6 months is 28 or 29 February)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@pure
def jobs_of(sector: str) -> tuple[tuple[str, str, str], ...]:
    return JOB_TITLES.get(sector, DEFAULT_JOBS)


@pure
def contract_for(placement: str, sector: str) -> str:
    """Mostly permanent, then fixed-term, seasonal and subsidised; seasonal work comes
    where there is a season."""
    contract = weighted(placement, 1, CONTRACTS)
    if contract == "seasonal" and sector not in SEASONAL_SECTORS:
        return "fixed_term"
    return contract


@pure
def leaving_reason(placement: str, contract: str) -> str:
    if contract in ("fixed_term", "seasonal") and pick(placement, 2, 2) == 0:
        return "contract_ended"
    reasons = tuple((r, w) for r, w in LEAVING_REASONS
                    if r != "contract_ended" or contract != "permanent")
    return weighted(placement, 3, reasons)


@pure
def retention_title(months: int, employer: str) -> str:
    """The caseworker's follow-up for a retention check still to come, worded as the
    demo's other follow-ups are (in Kazakh)."""
    return f"{months} айдан кейінгі тексеру: клиент {employer} ұйымында әлі жұмыс істей ме?"
