"""The demo center: offices, staff, providers, employers, vacancies and course groups."""

from __future__ import annotations

import itertools
import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from db.bulk import BulkLoader, day, key
from db.reference_data import REFERENCE, REGION_CENTRES
from desktop.domain.iin import check_digit
from desktop.services.access import pure, within_checked_call
from desktop.services.auth import hash_password

# code, office city (kk name is stored), regions it serves
OFFICES = (
    ("AST", "71", ("71", "11", "35", "62")),
    ("ALA", "75", ("75", "19", "33", "10", "63")),
    ("SHY", "79", ("79", "61", "31", "43")),
    ("PET", "59", ("59", "39", "55")),
    ("AKT", "47", ("47", "23", "15", "27")),
)
CASEWORKERS_PER_OFFICE = 4
STAFF_NAMES = (
    ("Ахметова", "Динара"), ("Сейткали", "Ерлан"), ("Жұмабекова", "Гүлнар"),
    ("Ким", "Ольга"), ("Тұрсынов", "Бауыржан"), ("Нұрланқызы", "Әсел"), ("Петренко", "Андрей"),
    ("Оспанова", "Мөлдір"), ("Қасымов", "Нұрлан"), ("Есенова", "Айжан"), ("Сағынтаев", "Талғат"),
    ("Иванова", "Светлана"), ("Әбілқасымова", "Жанар"), ("Мұхтаров", "Ілияс"),
    ("Бекова", "Сәуле"), ("Омаров", "Арман"), ("Төлегенова", "Ләззат"), ("Смағұлов", "Дәурен"),
    ("Рахимова", "Камила"), ("Ибраев", "Серік"), ("Әмірова", "Айгерім"), ("Ли", "Виктория"),
    ("Жақсылықов", "Мейрам"), ("Садықова", "Индира"), ("Байжанов", "Ержан"),
    ("Қалиева", "Меруерт"), ("Шәріпов", "Асқар"), ("Нұрғалиева", "Ботагөз"),
)
EMPLOYER_STEMS = ("Құрылыс", "Агро", "Жол", "Сервис", "Тау-кен", "Азық", "Логистик", "Мұнай",
                  "Тігін", "Жылу", "Сауда", "Медиа", "Мед", "Білім", "Қонақүй", "Техно")
EMPLOYER_FORMS = ("ЖШС", "АҚ", "ЖК")
COURSE_TYPES = (("kazakh_course", "kk", ("a1", "a2", "b1")), ("russian_course", "ru", ("a1", "a2")))
SESSIONS_PER_GROUP = 12
GROUP_CAPACITY = 15
CLIENTS_PER_SECTION = 25_000
ROOMS = ("Аудитория 1", "Аудитория 2")
CLASS_TIMES = (("10:00:00.000000", "11:30:00.000000"), ("18:30:00.000000", "20:00:00.000000"))
# The demo center's logins: admin, manager.ast (manager.ala...), cw1.ast (cw1.ala... cw4.akt).
DEMO_PASSWORDS = {"admin": "qadam-admin", "manager": "qadam-manager",
                  "caseworker": "qadam-caseworker"}


@dataclass
class Office:
    id: uuid.UUID
    code: str
    regions: tuple[str, ...]
    caseworkers: list[uuid.UUID] = field(default_factory=list)
    manager: uuid.UUID | None = None
    providers: dict[str, uuid.UUID] = field(default_factory=dict)
    # id, language, level, starts, ends, session ids, session days
    groups: list[tuple[uuid.UUID, str, str, date, date, list[uuid.UUID], list[date]]] = field(
        default_factory=list)


@dataclass
class Organisation:
    offices: list[Office]
    office_by_region: dict[str, Office]
    employers: list[tuple[uuid.UUID, str]]  # id, sector
    vacancies: list[tuple[uuid.UUID, uuid.UUID, str, int]]  # id, employer, sector, wage


@pure
def make_bin(rng: random.Random, registered: date) -> str:
    while True:
        # YYMM of registration, 4 = resident, 0/1 = head office or branch, serial.
        first11 = f"{registered:%y%m}4{rng.choice('0001')}{rng.randint(0, 99999):05d}"
        digit = check_digit(first11)
        if digit is not None:
            return first11 + str(digit)


@within_checked_call
def build(loader: BulkLoader, rng: random.Random, today: date,
          new_id: Callable[[], uuid.UUID], sections: int = 1) -> Organisation:
    loader.add("center", (key(new_id()), "«Қадам» көші-қон және бейімдеу орталығы",
                          "Астана қ., Мәңгілік Ел даңғылы, 8", "+7 7172 55 00 00"))
    staff = iter(STAFF_NAMES)
    # One argon2id hash per role (hashing is deliberately slow); README lists the logins.
    passwords = {role: hash_password(password) for role, password in DEMO_PASSWORDS.items()}
    offices = []
    for code, city, regions in OFFICES:
        office = Office(new_id(), code, regions)
        centre = REGION_CENTRES[city][0]
        loader.add("office", (key(office.id), code, f"{centre} — {code}", city,
                              f"{centre}, Бейбітшілік к-сі, {rng.randint(1, 90)}",
                              f"+7 7{rng.randint(100, 299)} {rng.randint(100000, 999999)}", 1))
        manager = next(staff)
        office.manager = new_id()
        loader.add("app_user", (key(office.manager), f"manager.{code.lower()}",
                                f"{manager[0]} {manager[1]}", "manager", key(office.id), 1,
                                passwords["manager"]))
        for number in range(1, CASEWORKERS_PER_OFFICE + 1):
            person = next(staff)
            user_id = new_id()
            office.caseworkers.append(user_id)
            loader.add("app_user", (key(user_id), f"cw{number}.{code.lower()}",
                                    f"{person[0]} {person[1]}", "caseworker", key(office.id), 1,
                                    passwords["caseworker"]))
        for area in REFERENCE["service_area"]:
            provider_id = new_id()
            office.providers[area.code] = provider_id
            loader.add("provider", (key(provider_id), f"{area.kk} — {code}", area.code, city,
                                    1, 1))
        offices.append(office)
    admin = next(staff)
    loader.add("app_user", (key(new_id()), "admin", f"{admin[0]} {admin[1]}", "admin",
                            key(offices[0].id), 1, passwords["admin"]))

    sectors = [s.code for s in REFERENCE["economic_sector"]]
    sector_weights = [{"construction": 20, "agriculture": 12, "mining": 8, "trade": 10,
                       "household_work": 6, "manufacturing": 8}.get(s, 3) for s in sectors]
    employers, vacancies = [], []
    for number in range(240):
        employer_id = new_id()
        sector = rng.choices(sectors, sector_weights)[0]
        office = offices[number % len(offices)]
        name = f"«{rng.choice(EMPLOYER_STEMS)}-{rng.randint(1, 99)}» {rng.choice(EMPLOYER_FORMS)}"
        registered = date(rng.randint(2000, 2024), rng.randint(1, 12), 1)
        region = rng.choice(office.regions)
        loader.add("employer", (key(employer_id), name, make_bin(rng, registered), sector,
                                region))
        employers.append((employer_id, sector))
        for _ in range(2):
            vacancy_id = new_id()
            wage = rng.randrange(150_000, 650_000, 5_000)
            loader.add("vacancy", (key(vacancy_id), key(employer_id), _job_title(sector), sector,
                                   wage, rng.randint(1, 10),
                                   day(today - timedelta(days=rng.randint(0, 720))), region))
            vacancies.append((vacancy_id, employer_id, sector, wage))

    _course_groups(loader, rng, today, offices, new_id, sections)
    office_by_region = {region: office for office in offices for region in office.regions}
    return Organisation(offices, office_by_region, employers, vacancies)


@pure
def course_sections(clients: int) -> int:
    """Parallel groups of each course and level: enough places for the demo's learners
    (about one client in ten takes a course, fifteen to a group)."""
    return max(1, math.ceil(clients / CLIENTS_PER_SECTION))


def _course_groups(loader: BulkLoader, rng: random.Random, today: date, offices: list[Office],
                   new_id: Callable[[], uuid.UUID], sections: int) -> None:
    """New groups of each course and level every two months over the last two years
    (``sections`` of them side by side in a large center).

    Offices and levels start a few weeks apart, as real timetables do, so that
    groups finish in every month rather than all in the same ones.
    """
    for office_index, office in enumerate(offices):
        for months_back, section in itertools.product(range(24, -2, -2), range(sections)):
            cycle = date(today.year, today.month, 1) - timedelta(days=30 * months_back)
            for course_index, (service, language, levels) in enumerate(COURSE_TYPES):
                for level_index, level in enumerate(levels):
                    starts = cycle + timedelta(weeks=(office_index + 2 * level_index
                                                      + course_index) % 8)
                    group_id = new_id()
                    ends = starts + timedelta(weeks=SESSIONS_PER_GROUP)
                    name = f"{language.upper()}-{level.upper()} {starts:%Y-%m} {office.code}"
                    if sections > 1:
                        name += f"/{section + 1}"
                    status = ("finished" if ends < today
                              else "running" if starts <= today else "planned")
                    evening = level_index % 2  # two rooms' timetables: 10:00 and 18:30
                    loader.add("course_group", (
                        key(group_id), name, key(office.id), service, language, level,
                        key(office.providers["language"]), key(rng.choice(office.caseworkers)),
                        "", ROOMS[level_index % len(ROOMS)], str(starts.isoweekday()),
                        CLASS_TIMES[evening][0], CLASS_TIMES[evening][1], day(starts),
                        day(ends), GROUP_CAPACITY, status))
                    # Every session of the timetable exists; only those held are marked.
                    session_ids, session_days = [], []
                    for week in range(SESSIONS_PER_GROUP):
                        held = starts + timedelta(weeks=week)
                        session_id = new_id()
                        loader.add("course_session", (key(session_id), key(group_id), day(held)))
                        if held <= today:
                            session_ids.append(session_id)
                            session_days.append(held)
                    office.groups.append((group_id, language, level, starts, ends,
                                          session_ids, session_days))


def _job_title(sector: str) -> str:
    return {"construction": "Құрылысшы", "agriculture": "Агроном", "mining": "Кенші",
            "trade": "Сатушы", "household_work": "Үй қызметшісі", "manufacturing": "Оператор",
            "transport": "Жүргізуші", "health": "Мейірбике", "education": "Мұғалім",
            "hospitality": "Аспаз"}.get(sector, "Маман")


COLUMNS = {
    "center": ("id", "name", "address", "phone"),
    "office": ("id", "code", "name", "region_code", "address", "phone", "active"),
    "app_user": ("id", "login", "full_name", "role", "office_id", "active", "password_hash"),
    "provider": ("id", "name", "area_code", "region_code", "internal", "active"),
    "employer": ("id", "name", "bin", "sector_code", "region_code"),
    "vacancy": ("id", "employer_id", "title", "sector_code", "monthly_wage", "positions",
                "opened_on", "region_code"),
    "course_group": ("id", "name", "office_id", "service_type_code", "language_code",
                     "level_code", "provider_id", "teacher_id", "teacher", "place", "weekdays",
                     "starts_at", "ends_at", "starts_on", "ends_on", "capacity", "status"),
    "course_session": ("id", "group_id", "held_on"),
}
