"""``qadam demo``: fill an empty database with realistic, deterministic demo data.

Everything is written in one transaction: interrupted (Ctrl+C, the cancel
button, a full disk) the database is left exactly as it was.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from db.bulk import BulkLoader, day, key
from db.collation import sort_key
from db.models import Person
from db.reference_data import REGION_LOCALITIES
from db.search.documents import document_for
from db.session import Database
from desktop.services.demo import history, organisation
from desktop.services.demo.population import CITIZENS, Population

CHUNK = 2000
EDUCATION = ("general_secondary", "vocational", "higher", "none", "incomplete_higher")
EDUCATION_WEIGHTS = (51.2, 27.5, 15.0, 6.3, 3.0)
# Where each category settles: resettlers go north by quota; others follow the big cities.
NORTH = ("59", "55", "39", "11", "63", "10")


class DemoAlreadyPresent(Exception):
    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


class Cancelled(Exception):
    """The user stopped the generation; nothing was written."""


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    records: int
    seconds: float


def generate(database: Database, clients: int, seed: int = 1,
             progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None,
             today: date | None = None) -> DemoSummary:
    started = time.perf_counter()
    with database.session() as session:
        present = session.scalar(select(func.count()).select_from(Person)) or 0
    if present:
        raise DemoAlreadyPresent(present)
    today = today or date.today()
    rng = random.Random(seed)

    def new_id() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    with BulkLoader(database.engine) as loader:
        for table, columns in (*organisation.COLUMNS.items(), *history.COLUMNS.items()):
            loader.columns(table, columns)
        org = organisation.build(loader, rng, today, new_id)
        population = Population(rng, today)
        past = history.History(loader, rng, today, org, new_id)
        regions = [r for office in org.offices for r in office.regions]
        for number in range(clients):
            client = population.draw()
            region = rng.choice(NORTH) if client.category == "internal_resettler" else (
                rng.choice(regions))
            office = org.office_by_region[region]
            person = key(new_id())
            arrival = today - timedelta(days=rng.randint(20, 1400))
            if client.category in CITIZENS:
                citizenship = "KZ"
            elif client.category == "stateless":
                citizenship = None
            else:
                citizenship = client.country
            adult = client.age(today) >= 18
            consent = arrival + timedelta(days=rng.randint(0, 20))
            loader.add("person", (
                person, client.surname, client.given_name, client.patronymic,
                client.surname_latin, client.given_name_latin, client.name_original,
                sort_key(f"{client.surname} {client.given_name}"), client.iin,
                day(client.birth_date), client.sex, citizenship, client.country, client.category,
                day(arrival), key(office.id), region,
                rng.choice(REGION_LOCALITIES[region])[0],
                f"+7 7{rng.randint(0, 9)}{rng.randint(0, 9)} {rng.randint(100, 999)} "
                f"{rng.randint(1000, 9999)}",
                rng.choices(EDUCATION, EDUCATION_WEIGHTS)[0] if adult else None,
                "ru" if client.native_language in ("ru",) else "kk", day(min(consent, today)),
                rng.choice(("written", "written", "electronic")),
                key(rng.choice(office.caseworkers))))
            names, keys, iin = document_for(
                client.surname, client.given_name, client.patronymic, client.surname_latin,
                client.given_name_latin, client.name_original, iin=client.iin)
            loader.add("person_search", (person, names, keys, iin))
            _languages(loader, rng, person, client.native_language, new_id)
            past.household(person, client)
            past.write(person, client, office, arrival)
            if (number + 1) % CHUNK == 0 or number + 1 == clients:
                loader.flush()
                if cancelled is not None and cancelled():
                    raise Cancelled
                if progress is not None:
                    progress(number + 1, clients)
    return DemoSummary(clients, loader.written, time.perf_counter() - started)


def _languages(loader: BulkLoader, rng: random.Random, person: str, native: str,
               new_id: Callable[[], uuid.UUID]) -> None:
    loader.add("person_language", (key(new_id()), person, native, "native"))
    for language in ("kk", "ru"):
        if language != native and rng.random() < 0.6:
            loader.add("person_language", (key(new_id()), person, language,
                                           rng.choice(("a1", "a2", "b1", "b2", "c1"))))

