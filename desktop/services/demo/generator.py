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
from db.search.words import words_of
from db.session import Database
from desktop.services.access import anyone, pure
from desktop.services.demo import history, organisation, social
from desktop.services.demo.keys import random_key
from desktop.services.demo.population import CITIZENS, Client, Population
from desktop.services.progress import Progress

CHUNK = 2000
EDUCATION = ("general_secondary", "vocational", "higher", "none", "incomplete_higher")
EDUCATION_WEIGHTS = (51.2, 27.5, 15.0, 6.3, 3.0)
# Where each category settles: resettlers go north by quota; others follow the big cities.
NORTH = ("59", "55", "39", "11", "63", "10")
FAMILIES = ("kandas", "internal_resettler", "refugee", "returning_citizen")


class DemoAlreadyPresent(Exception):
    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    records: int  # related records: everything but the persons and their search rows
    seconds: float


# The operators' mobile prefixes: a demo number is a valid one, stored as E.164.
MOBILE_PREFIXES = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776",
                   "777", "778")


@pure
def mobile_number(rng: random.Random) -> str:
    # Four draws with these ranges, as before prefixes were real: the rest of the demo
    # (names, dates) comes out as it did.
    prefix = MOBILE_PREFIXES[(rng.randint(0, 9) * 10 + rng.randint(0, 9)) % len(MOBILE_PREFIXES)]
    return f"+7{prefix}{rng.randint(100, 999)}{rng.randint(1000, 9999)}"


@anyone("fills an empty database the caller may already write; refused once it holds clients")
def generate(database: Database, clients: int, seed: int = 1,
             progress: Progress | None = None, today: date | None = None) -> DemoSummary:
    """Demo data in one transaction; ``progress`` may stop it (Cancelled), leaving nothing."""
    started = time.perf_counter()
    with database.session() as session:
        present = session.scalar(select(func.count()).select_from(Person)) or 0
    if present:
        raise DemoAlreadyPresent(present)
    today = today or date.today()
    rng = random.Random(seed)

    def new_id() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def new_key() -> str:  # key(new_id()), the same draw
        return random_key(rng)

    # The database holds no client: nobody works in it yet, the load may take it over.
    with BulkLoader(database.engine, exclusive=True) as loader:
        for table, columns in (*organisation.COLUMNS.items(), *history.COLUMNS.items()):
            loader.columns(table, columns)
        # What the main stream never drew (the job market beyond the first 480 vacancies,
        # job seekers) comes from generators of its own: every client stays as it was.
        org = organisation.build(loader, rng, today, new_id,
                                 organisation.course_sections(clients), clients=clients,
                                 extra=random.Random(f"vacancies-{seed}"))
        organisation.write_vacancies(loader, org)
        population = Population(rng, today)
        past = history.History(loader, rng, today, org, new_key,
                               moves=random.Random(f"moves-{seed}"),
                               job_market=random.Random(f"jobs-{seed}"),
                               log_ids=random.Random(f"log-{seed}"))
        regions = [r for office in org.offices for r in office.regions]
        family: list[tuple[str, Client]] = []  # relatives still to write, after their head
        head = ""  # the stored key of the family's head
        place: tuple[organisation.Office, str, date] | None = None  # relatives share it
        arrivals: list[social.Household] = []  # kandas families, for the centre's rooms
        for number in range(clients):
            if family:
                relation, client = family.pop()
            else:
                relation, client = "", population.draw()
                region = rng.choice(NORTH) if client.category == "internal_resettler" else (
                    rng.choice(regions))
                place = (org.office_by_region[region], region,
                         today - timedelta(days=rng.randint(20, 1400)))
            assert place is not None
            office, region, arrival = place
            # A child born since the family came arrived with their birth: none of their
            # records (consent, intake, documents) is dated before it.
            arrival = max(arrival, client.birth_date)
            person = new_key()
            move = past.plan_move(office)
            # An accepted transfer left the file with the receiving office.
            held_by = move.to if move is not None and move.accepted else office
            row = _write_person(loader, rng, today, person, client, held_by, region, arrival)
            _languages(loader, rng, person, client.native_language, new_key)
            household = 0
            if relation:
                loader.add("household_link", (new_key(), head, person, relation))
                if arrivals and arrivals[-1].head == head:
                    arrivals[-1].members.append(person)
            elif (client.category in FAMILIES and client.age(today) >= 22
                  and rng.random() < 0.4):
                head = person
                family = _family(population, rng, client, today)
                household = len(family) + 1
            # The person is written last: a job seeker's history gives their profession.
            row = (*row, past.write(person, client, office, arrival, move, region, household))
            loader.add("person", row)
            past.journal.person(row, past.first_contact)
            if not relation and client.category == "kandas" and move is None:
                arrivals.append(social.Household(office.id, person, past.last_case, arrival))
            if (number + 1) % CHUNK == 0 or number + 1 == clients:
                past.journal.flush()
                loader.flush()
                if progress is not None:
                    progress.step(number + 1, clients)
        organisation.settle_vacancies(loader, org, today)
        social.write_stays(loader, [o.id for o in org.offices], arrivals, today)
    related = loader.written.total() - sum(
        loader.written[t] for t in ("person", "person_search", "search_word", "audit_log"))
    return DemoSummary(clients, related, time.perf_counter() - started)


def _family(population: Population, rng: random.Random, head: Client,
            today: date) -> list[tuple[str, Client]]:
    """The head's spouse and children, in reverse order of writing (popped from the end)."""
    spouse = population.draw_relative(head, "spouse", None)
    husband = head if head.sex == "M" else spouse
    children = rng.randint(0, 3) if head.age(today) >= 24 else 0
    members = [("child", population.draw_relative(head, "child", husband.given_name))
               for _ in range(children)]
    return [*members, ("spouse", spouse)]


def _write_person(loader: BulkLoader, rng: random.Random, today: date, person: str,
                  client: Client, office: organisation.Office, region: str,
                  arrival: date) -> tuple[object, ...]:
    """The person's search row; returns the person's row (but the profession) to write."""
    if client.category in CITIZENS:
        citizenship: str | None = "KZ"
    elif client.category == "stateless":
        citizenship = None
    else:
        citizenship = client.country
    adult = client.age(today) >= 18
    consent = min(arrival + timedelta(days=rng.randint(0, 20)), today)
    row = (
        person, client.surname, client.given_name, client.patronymic, client.surname_latin,
        client.given_name_latin, client.name_original,
        sort_key(f"{client.surname} {client.given_name}"), client.iin, day(client.birth_date),
        client.sex, citizenship, client.country, client.category, day(arrival), key(office.id),
        region, rng.choice(REGION_LOCALITIES[region])[0],
        mobile_number(rng),
        rng.choices(EDUCATION, EDUCATION_WEIGHTS)[0] if adult else None,
        "ru" if client.native_language == "ru" else "kk", day(consent),
        rng.choice(("written", "written", "electronic")), key(rng.choice(office.caseworkers)))
    names, keys, iin = document_for(
        client.surname, client.given_name, client.patronymic, client.surname_latin,
        client.given_name_latin, client.name_original, iin=client.iin)
    loader.add("person_search", (person, names, keys, iin))
    for word in words_of(names, keys, iin):
        loader.add("search_word", (person, word))
    return row


def _languages(loader: BulkLoader, rng: random.Random, person: str, native: str,
               new_key: Callable[[], str]) -> None:
    loader.add("person_language", (new_key(), person, native, "native"))
    for language in ("kk", "ru"):
        if language != native and rng.random() < 0.6:
            loader.add("person_language", (new_key(), person, language,
                                           rng.choice(("a1", "a2", "b1", "b2", "c1"))))

