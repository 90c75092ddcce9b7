"""Many caseworkers on one database, as at the central office: two machines (two engines,
two pools) saving the same client, and a long read beside a save. On both engines; the
PostgreSQL run (scripts/test.sh) is the one the central office lives by."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from db.errors import StaleRecord
from db.migrate import open_database
from db.models import Office, Person
from db.session import Database
from desktop.services import client_file
from desktop.services.auth import log_in

WAIT = 20.0  # seconds: far more than a save takes, far less than a hang


@pytest.fixture
def other_machine(demo_database: Database) -> Iterator[Database]:
    """The same database opened again, as a second window on another machine does."""
    other = open_database(demo_database.engine.url.render_as_string(hide_password=False),
                          create=False)
    yield other
    other.dispose()


def a_client_of(database: Database, office: str) -> uuid.UUID:
    with database.reading() as connection:
        return connection.execute(
            select(Person.id).join(Office, Office.id == Person.office_id)
            .where(Office.code == office).order_by(Person.id).limit(1)).scalar_one()


def profession(database: Database, person: uuid.UUID) -> str | None:
    with database.reading() as connection:
        return connection.execute(
            select(Person.profession).where(Person.id == person)).scalar_one()


def test_the_second_save_of_the_same_client_is_refused_and_names_who_saved_first(
        demo_database: Database, other_machine: Database) -> None:
    caseworker = log_in(demo_database, "cw1.ast", "qadam-caseworker")
    manager = log_in(other_machine, "manager.ast", "qadam-manager")
    person = a_client_of(demo_database, "AST")
    # Both open the file; the manager saves first, on the other machine.
    version = client_file.load_file(demo_database, caseworker, person).profile.version
    assert client_file.load_file(other_machine, manager, person).profile.version == version
    client_file.save_profile(other_machine, manager, person, version, {"profession": "Дәрігер"})
    with pytest.raises(StaleRecord) as refused:
        client_file.save_profile(demo_database, caseworker, person, version,
                                 {"profession": "Мұғалім"})
    assert refused.value.changed_by == manager.full_name
    assert refused.value.changed_at is not None
    assert profession(demo_database, person) == "Дәрігер"
    # Reopened, the file shows the manager's change, and the caseworker's save then goes in.
    reread = client_file.load_file(demo_database, caseworker, person).profile.version
    client_file.save_profile(demo_database, caseworker, person, reread, {"profession": "Мұғалім"})
    assert profession(other_machine, person) == "Мұғалім"


def test_two_saves_at_the_same_moment_one_goes_in_and_the_other_is_refused(
        demo_database: Database, other_machine: Database) -> None:
    """Both read the same version and press Save together: the database, not luck, decides
    (the version in the UPDATE's WHERE); the loser is told, never silently overwritten."""
    person = a_client_of(demo_database, "AST")
    machines = {"Дәрігер": (demo_database, log_in(demo_database, "cw1.ast", "qadam-caseworker")),
                "Мұғалім": (other_machine, log_in(other_machine, "manager.ast",
                                                  "qadam-manager"))}
    version = client_file.load_file(demo_database, machines["Дәрігер"][1],
                                    person).profile.version
    together = threading.Barrier(len(machines))
    outcome: dict[str, object] = {}

    def save(value: str) -> None:
        database, actor = machines[value]
        together.wait()
        try:
            outcome[value] = client_file.save_profile(database, actor, person, version,
                                                      {"profession": value})
        except StaleRecord as refused:
            outcome[value] = refused

    threads = [threading.Thread(target=save, args=(value,)) for value in machines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    assert not any(thread.is_alive() for thread in threads)
    refused = [value for value, result in outcome.items() if isinstance(result, StaleRecord)]
    saved = [value for value, result in outcome.items() if isinstance(result, int)]
    assert len(refused) == 1 and len(saved) == 1
    assert profession(demo_database, person) == saved[0]
    winner = machines[saved[0]][1]
    assert outcome[refused[0]].changed_by == winner.full_name  # type: ignore[union-attr]


def test_a_long_read_never_holds_up_a_save(demo_database: Database,
                                           other_machine: Database) -> None:
    """A report reading on one machine (its transaction still open) and a caseworker saving
    on another: the save goes in at once, the report goes on seeing what it began with."""
    caseworker = log_in(demo_database, "cw1.ast", "qadam-caseworker")
    person = a_client_of(demo_database, "AST")
    before = profession(demo_database, person)
    version = client_file.load_file(demo_database, caseworker, person).profile.version
    with other_machine.reading() as report:
        seen = report.execute(select(Person.profession).where(Person.id == person)).scalar_one()
        done = threading.Event()

        def save() -> None:
            client_file.save_profile(demo_database, caseworker, person, version,
                                     {"profession": "Инженер"})
            done.set()

        thread = threading.Thread(target=save)
        thread.start()
        assert done.wait(WAIT), "the save waited for the read"
        thread.join(WAIT)
        again = report.execute(select(Person.profession).where(Person.id == person)).scalar_one()
        assert seen == again == before
    assert profession(other_machine, person) == "Инженер"
