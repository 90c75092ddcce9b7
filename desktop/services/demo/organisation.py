"""The demo center: offices, staff, providers, employers, vacancies and course groups.

The first 240 employers and their 480 vacancies come from the demo's main random stream,
as they always did; the rest of the job market (more employers and vacancies as the
center grows, every vacancy's requirements and status) comes from a generator of its own,
so that every client, case and service the main stream draws stays as it was.
"""

from __future__ import annotations

import itertools
import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from db.bulk import BulkLoader, day, key
from db.reference_data import REFERENCE, REGION_CENTRES, REGION_LOCALITIES
from desktop.domain.iin import check_digit
from desktop.services.access import pure, within_checked_call
from desktop.services.auth import hash_password
from desktop.services.demo import social
from desktop.services.demo.jobs import jobs_of

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
FIRST_EMPLOYERS = 240  # drawn from the main stream, two vacancies each
CLIENTS_PER_EMPLOYER = 40  # a larger center works with more employers
CLIENTS_PER_OPEN_VACANCY = 18  # open vacancies: one per 18 clients, never fewer than 480
MIN_OPEN_VACANCIES = 2 * FIRST_EMPLOYERS
# (status, weight) of the vacancies added to the first 480
EXTRA_STATUSES = (("open", 60), ("on_hold", 6), ("closed", 34))
EXTRA_POSITIONS = ((1, 30), (2, 20), (3, 14), (4, 10), (5, 8), (6, 6), (8, 5), (10, 4),
                   (15, 2), (20, 1))
# The demo center's logins: admin, manager.ast (manager.ala...), cw1.ast (cw1.ala... cw4.akt).
DEMO_PASSWORDS = {"admin": "qadam-admin", "manager": "qadam-manager",
                  "caseworker": "qadam-caseworker"}


# A course group: id, language, level, starts, ends, session ids, session days.
Group = tuple[uuid.UUID, str, str, date, date, list[uuid.UUID], list[date]]


@dataclass
class Office:
    id: uuid.UUID
    code: str
    regions: tuple[str, ...]
    caseworkers: list[uuid.UUID] = field(default_factory=list)
    manager: uuid.UUID | None = None
    providers: dict[str, uuid.UUID] = field(default_factory=dict)  # the center's own, by area
    delivers: dict[str, list[uuid.UUID]] = field(default_factory=dict)  # service -> providers
    groups: list[Group] = field(default_factory=list)


@dataclass(slots=True)
class Employer:
    id: uuid.UUID
    name: str
    sector: str
    office: Office
    region: str


@dataclass(slots=True, eq=False)
class Vacancy:
    """A vacancy as the demo writes it, with the referrals and hires it has taken so far."""

    id: uuid.UUID
    employer: Employer
    title: str
    sector: str
    wage: int
    positions: int
    opened_on: date
    region: str
    status: str = "open"
    closed_on: date | None = None
    accepts_until: date | None = None  # last day it takes referrals (None: to this day)
    russian: bool = False  # title and profession written in Russian
    locality: str = ""
    profession: str = ""
    min_experience: int | None = None
    licence: str = ""
    languages: tuple[tuple[str, str | None], ...] = ()
    later: bool = False  # one of those beyond the first 480
    hired: int = 0
    last_outcome: date | None = None

    def takes(self, referred: date, settled: bool) -> bool:
        """Whether a referral made on ``referred`` fits: the vacancy was open then, and a
        referral still waiting for its outcome goes only to one open today."""
        if referred < self.opened_on:
            return False
        if self.status == "open":
            return True
        return settled and self.accepts_until is not None and referred <= self.accepts_until

    def row(self) -> tuple[object, ...]:
        return (key(self.id), key(self.employer.id), self.title, self.sector, self.wage,
                self.positions, day(self.opened_on), self.region, self.locality,
                self.profession, self.min_experience, self.licence, self.status,
                day(self.closed_on))


@dataclass
class Organisation:
    offices: list[Office]
    office_by_region: dict[str, Office]
    employers: list[Employer]
    # The first 480, which the main stream draws from (its draws depend on their number).
    vacancies: list[Vacancy]
    extra_vacancies: list[Vacancy] = field(default_factory=list)
    bumped: int = 0  # hires that found no vacancy with a place left: positions raised
    written: dict[uuid.UUID, tuple[object, ...]] = field(default_factory=dict)  # rows as added
    _by_office: dict[tuple[str, str], list[Vacancy]] = field(default_factory=dict, init=False,
                                                             repr=False)
    _by_sector: dict[str, list[Vacancy]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for vacancy in self.all_vacancies():
            self._by_office.setdefault((vacancy.employer.office.code, vacancy.sector),
                                       []).append(vacancy)
            self._by_sector.setdefault(vacancy.sector, []).append(vacancy)

    def all_vacancies(self) -> list[Vacancy]:
        return [*self.vacancies, *self.extra_vacancies]

    def vacancy_for(self, drawn: Vacancy, office: Office, referral: str, referred: date,
                    settled: bool, hired: bool) -> Vacancy:
        """The vacancy a referral goes to: one of the drawn vacancy's sector, of the
        client's office (else any office), open on the day and, for a hire, with a place
        left; which of them comes from the referral's key, not from the main stream.

        When none has a place left (a small demo, or the first months of the history,
        when few vacancies were open), the hire goes to one open on the day and its
        places are raised by one (``bumped``)."""
        spot = int(referral[:8], 16)
        pools = (self._by_office.get((office.code, drawn.sector), []),
                 self._by_sector.get(drawn.sector, []))
        for pool in pools:
            for step in range(len(pool)):
                vacancy = pool[(spot + step) % len(pool)]
                if vacancy.takes(referred, settled) and (
                        not hired or vacancy.hired < vacancy.positions):
                    return vacancy
        # Rather one of the later vacancies than the first 480: those keep the places the
        # main stream gave them unless nothing else fits.
        fits = [v for pool in pools for v in pool if v.takes(referred, settled)]
        later = [v for v in fits if v.later]
        fits = later or fits
        vacancy = fits[spot % len(fits)] if fits else drawn
        if hired and vacancy.hired >= vacancy.positions:
            vacancy.positions = vacancy.hired + 1
            self.bumped += 1
        return vacancy

    @staticmethod
    def record(vacancy: Vacancy, hired: bool, last: date) -> None:
        vacancy.hired += int(hired)
        if vacancy.last_outcome is None or last > vacancy.last_outcome:
            vacancy.last_outcome = last


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
          new_id: Callable[[], uuid.UUID], sections: int = 1, *, clients: int = 0,
          extra: random.Random | None = None) -> Organisation:
    """The center, its offices, staff and providers, employers, vacancies (written by
    ``write_vacancies``, settled once the referrals are known) and course groups.
    ``extra`` draws what the main stream ``rng`` never did: the job market beyond the
    first 480 vacancies, and every vacancy's requirements and status."""
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
            office.providers[area.code] = new_id()
        office.delivers = social.write_providers(loader, code, city, centre, office.providers)
        offices.append(office)
    admin = next(staff)
    loader.add("app_user", (key(new_id()), "admin", f"{admin[0]} {admin[1]}", "admin",
                            key(offices[0].id), 1, passwords["admin"]))

    sectors = [s.code for s in REFERENCE["economic_sector"]]
    sector_weights = [{"construction": 20, "agriculture": 12, "mining": 8, "trade": 10,
                       "household_work": 6, "manufacturing": 8}.get(s, 3) for s in sectors]
    employers: list[Employer] = []
    vacancies: list[Vacancy] = []
    bins: set[str] = set()
    for number in range(FIRST_EMPLOYERS):
        employer_id = new_id()
        sector = rng.choices(sectors, sector_weights)[0]
        office = offices[number % len(offices)]
        name = f"«{rng.choice(EMPLOYER_STEMS)}-{rng.randint(1, 99)}» {rng.choice(EMPLOYER_FORMS)}"
        registered = date(rng.randint(2000, 2024), rng.randint(1, 12), 1)
        region = rng.choice(office.regions)
        employer_bin = make_bin(rng, registered)
        bins.add(employer_bin)
        loader.add("employer", (key(employer_id), name, employer_bin, sector, region))
        employer = Employer(employer_id, name, sector, office, region)
        employers.append(employer)
        for _ in range(2):
            vacancy_id = new_id()
            wage = rng.randrange(150_000, 650_000, 5_000)
            positions = rng.randint(1, 10)
            opened = today - timedelta(days=rng.randint(0, 720))
            vacancies.append(Vacancy(vacancy_id, employer, _job_title(sector), sector, wage,
                                     positions, opened, region))

    _course_groups(loader, rng, today, offices, new_id, sections)
    extra = extra or random.Random("vacancies")
    for vacancy in vacancies:
        _first_vacancy_status(extra, vacancy, today)
        _requirements(extra, vacancy, 0)
    employers += _more_employers(loader, extra, offices, sectors, sector_weights, bins,
                                 max(0, round(clients / CLIENTS_PER_EMPLOYER) - FIRST_EMPLOYERS))
    wanted = max(MIN_OPEN_VACANCIES, round(clients / CLIENTS_PER_OPEN_VACANCY))
    more = _more_vacancies(extra, employers, today,
                           wanted - sum(v.status == "open" for v in vacancies))
    office_by_region = {region: office for office in offices for region in office.regions}
    return Organisation(offices, office_by_region, employers, vacancies, more)


def _first_vacancy_status(extra: random.Random, vacancy: Vacancy, today: date) -> None:
    """The first 480 were all open: the older ones are mostly closed by now."""
    age = (today - vacancy.opened_on).days
    weights = (22, 8, 70) if age > 300 else (85, 8, 7)
    status = extra.choices(("open", "on_hold", "closed"), weights)[0]
    _set_status(extra, vacancy, status, today)


def _set_status(extra: random.Random, vacancy: Vacancy, status: str, today: date) -> None:
    vacancy.status = status
    opened = vacancy.opened_on
    if status == "on_hold":  # taking no referrals for the last month or more
        vacancy.accepts_until = max(opened, today - timedelta(days=extra.randint(31, 120)))
    elif status == "closed":
        closed = min(opened + timedelta(days=extra.randint(14, 240)),
                     today - timedelta(days=extra.randint(1, 30)))
        vacancy.closed_on = max(closed, opened)
        vacancy.accepts_until = max(opened, vacancy.closed_on - timedelta(days=3))


def _requirements(extra: random.Random, vacancy: Vacancy, job: int) -> None:
    """What the vacancy asks for and where the work is; ``job`` indexes the sector's jobs."""
    kk, ru, licence = jobs_of(vacancy.sector)[job]
    localities = REGION_LOCALITIES[vacancy.region]
    vacancy.locality = (localities[0] if extra.random() < 0.65
                        else extra.choice(localities))[0]
    if extra.random() < 0.8:
        vacancy.profession = (ru if vacancy.russian else kk).lower()
    if extra.random() < 0.35:
        vacancy.min_experience = extra.choice((1, 1, 2, 2, 3, 5))
    if licence and extra.random() < 0.9:
        vacancy.licence = licence
    elif extra.random() < 0.05:
        vacancy.licence = "B"
    asked = extra.choices(((), ("kk",), ("ru",), ("kk", "ru")), (45, 25, 15, 15))[0]
    if vacancy.sector in ("education", "health", "public_administration") and not asked:
        asked = ("kk",)
    vacancy.languages = tuple(
        (code, extra.choices((None, "a2", "b1", "b2"), (15, 30, 40, 15))[0]) for code in asked)


def _more_employers(loader: BulkLoader, extra: random.Random, offices: list[Office],
                    sectors: list[str], weights: list[int], bins: set[str],
                    count: int) -> list[Employer]:
    """Employers beyond the first 240, named and registered as they are, each name and
    BIN once."""
    employers = []
    names: set[str] = set()
    for number in range(FIRST_EMPLOYERS, FIRST_EMPLOYERS + count):
        office = offices[number % len(offices)]
        sector = extra.choices(sectors, weights)[0]
        name = ""
        while not name or name in names:
            name = (f"«{extra.choice(EMPLOYER_STEMS)}-{extra.randint(1, 999)}» "
                    f"{extra.choice(EMPLOYER_FORMS)}")
        names.add(name)
        registered = date(extra.randint(2000, 2025), extra.randint(1, 12), 1)
        employer_bin = make_bin(extra, registered)
        while employer_bin in bins:
            employer_bin = make_bin(extra, registered)
        bins.add(employer_bin)
        region = extra.choice(office.regions)
        employer = Employer(_extra_id(extra), name, sector, office, region)
        loader.add("employer", (key(employer.id), name, employer_bin, sector, region))
        employers.append(employer)
    return employers


def _more_vacancies(extra: random.Random, employers: list[Employer], today: date,
                    open_wanted: int) -> list[Vacancy]:
    """Vacancies of all the employers until ``open_wanted`` more are open: recent ones
    open, some on hold, older ones closed."""
    statuses = tuple(s for s, _ in EXTRA_STATUSES)
    status_weights = tuple(w for _, w in EXTRA_STATUSES)
    positions = tuple(p for p, _ in EXTRA_POSITIONS)
    position_weights = tuple(w for _, w in EXTRA_POSITIONS)
    vacancies = []
    while open_wanted > 0:
        employer = extra.choice(employers)
        status = extra.choices(statuses, status_weights)[0]
        job = extra.randrange(len(jobs_of(employer.sector)))
        russian = extra.random() < 0.2
        kk, ru, _licence = jobs_of(employer.sector)[job]
        back = {"open": (0, 400), "on_hold": (40, 500), "closed": (30, 760)}[status]
        vacancy = Vacancy(_extra_id(extra), employer, ru if russian else kk, employer.sector,
                          extra.randrange(150_000, 650_000, 5_000),
                          extra.choices(positions, position_weights)[0],
                          today - timedelta(days=extra.randint(*back)), employer.region,
                          russian=russian, later=True)
        _set_status(extra, vacancy, status, today)
        _requirements(extra, vacancy, job)
        vacancies.append(vacancy)
        open_wanted -= status == "open"
    return vacancies


def _extra_id(extra: random.Random) -> uuid.UUID:
    return uuid.UUID(int=extra.getrandbits(128), version=4)


@within_checked_call
def write_vacancies(loader: BulkLoader, organisation: Organisation) -> None:
    """Every vacancy as drawn, before the referrals that name them (a database that
    checks each reference as rows go in needs them first); ``settle_vacancies``
    corrects them once the referrals are known."""
    for vacancy in organisation.all_vacancies():
        loader.add("vacancy", vacancy.row())
        for language, level in vacancy.languages:
            loader.add("vacancy_language", (key(uuid.uuid5(vacancy.id, language)),
                                            key(vacancy.id), language, level))
    organisation.written = {vacancy.id: vacancy.row()
                            for vacancy in organisation.all_vacancies()}


@within_checked_call
def settle_vacancies(loader: BulkLoader, organisation: Organisation, today: date) -> None:
    """The vacancies the clients' referrals changed: a closed vacancy closed no earlier
    than its last referral's outcome, and its places are those it was given (raised
    where a small demo's hires needed it)."""
    for vacancy in organisation.all_vacancies():
        if vacancy.closed_on is not None and vacancy.last_outcome is not None:
            vacancy.closed_on = min(max(vacancy.closed_on, vacancy.last_outcome), today)
        row = vacancy.row()
        if row != organisation.written.get(vacancy.id):
            loader.update("vacancy", row)


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
    """The title of the first 480 vacancies: the first job of the sector."""
    return jobs_of(sector)[0][0]


COLUMNS = {
    "center": ("id", "name", "address", "phone"),
    "office": ("id", "code", "name", "region_code", "address", "phone", "active"),
    "app_user": ("id", "login", "full_name", "role", "office_id", "active", "password_hash"),
    "provider": social.PROVIDER_COLUMNS,
    "provider_service": social.SERVICE_COLUMNS,
    "employer": ("id", "name", "bin", "sector_code", "region_code"),
    "vacancy": ("id", "employer_id", "title", "sector_code", "monthly_wage", "positions",
                "opened_on", "region_code", "locality", "profession", "min_experience_years",
                "driving_licence", "status", "closed_on"),
    "vacancy_language": ("id", "vacancy_id", "language_code", "level_code"),
    "course_group": ("id", "name", "office_id", "service_type_code", "language_code",
                     "level_code", "provider_id", "teacher_id", "teacher", "place", "weekdays",
                     "starts_at", "ends_at", "starts_on", "ends_on", "capacity", "status"),
    "course_session": ("id", "group_id", "held_on"),
}
