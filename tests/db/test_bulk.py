"""The bulk loader on the engine of the run: storage-form values read back as the ORM
wrote them, the shared values filled in, corrections, and all or nothing."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from db.bulk import BulkLoader, day, key, moment
from db.errors import UniqueViolation
from db.models import AuditEntry, Office, Person, Role, User
from db.models.search import PersonSearchDocument
from db.session import Database

OFFICE = ("id", "code", "name", "region_code")
USER = ("id", "login", "full_name", "role", "office_id", "active")
PERSON = ("id", "given_name", "category_code", "office_id", "birth_date", "iin")
SEARCH = ("person_id", "names", "keys", "iin")
AUDIT = ("id", "at", "user_id", "action", "table_name", "record_id", "changes")


def declare(loader: BulkLoader) -> None:
    for table, names in (("office", OFFICE), ("app_user", USER), ("person", PERSON),
                         ("person_search", SEARCH), ("audit_log", AUDIT)):
        loader.columns(table, names)


def count(database: Database, model: type) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_rows_in_storage_form_read_back_with_stamps_and_defaults(database: Database) -> None:
    office, user, admin, person = (uuid.uuid4() for _ in range(4))
    at = datetime(2026, 11, 25, 9, 30, 15, 123456)
    with BulkLoader(database.engine, admin) as loader:
        declare(loader)
        # Children first on purpose: the loader writes the parents first.
        loader.add("person", (key(person), "Әлия", "kandas", key(office),
                              day(date(1990, 1, 1)), "900101400011"))
        loader.add("person_search", (key(person), "Әлия", "алия", "900101400011"))
        loader.add("app_user", (key(user), "cw", "Caseworker", "caseworker", key(office), 0))
        loader.add("office", (key(office), "AST", "Астана", "71"))
        loader.add("audit_log", (key(uuid.uuid4()), moment(at), key(admin), "import",
                                 "person", key(person), json.dumps({"people": [None, 1]})))
    assert loader.written == {"office": 1, "app_user": 1, "person": 1, "person_search": 1,
                              "audit_log": 1}
    with database.session() as session:
        written = session.get(Office, office)
        assert (written.code, written.active, written.version, written.created_by,
                written.address) == ("AST", True, 1, admin, "")
        assert written.created_at == written.updated_at
        worker = session.get(User, user)
        assert (worker.role, worker.active, worker.office_id) == (Role.CASEWORKER, False, office)
        client = session.get(Person, person)
        assert (client.given_name, client.birth_date, client.preferred_language) == (
            "Әлия", date(1990, 1, 1), "kk")
        [document] = session.scalars(select(PersonSearchDocument))
        assert document.person_id == person and document.doc_id >= 1  # the server's key
        entry = session.scalar(select(AuditEntry))
        assert (entry.at, entry.changes) == (at, {"people": [None, 1]})


def test_a_row_added_early_is_corrected_on_the_next_flush(database: Database) -> None:
    office = uuid.uuid4()
    with BulkLoader(database.engine) as loader:
        declare(loader)
        loader.add("office", (key(office), "AST", "Астана", "71"))
        loader.flush()
        loader.update("office", (key(office), "ALA", "Алматы", "75"))
    with database.session() as session:
        written = session.get(Office, office)
        assert (written.code, written.name, written.region_code, written.version) == (
            "ALA", "Алматы", "75", 1)


def test_an_error_inside_the_block_leaves_nothing(database: Database) -> None:
    with pytest.raises(KeyError), BulkLoader(database.engine) as loader:
        declare(loader)
        loader.add("office", (key(uuid.uuid4()), "AST", "Астана", "71"))
        loader.flush()  # written, but not committed
        raise KeyError("cancelled")
    assert count(database, Office) == 0
    # The connection went back to the pool clean: the next load works.
    with BulkLoader(database.engine) as loader:
        declare(loader)
        loader.add("office", (key(uuid.uuid4()), "AST", "Астана", "71"))
    assert count(database, Office) == 1


@pytest.mark.parametrize("exclusive", [False, True])
def test_a_unique_violation_is_sqlalchemys_and_rolls_everything_back(
        database: Database, exclusive: bool) -> None:
    before = schema(database)
    with pytest.raises(IntegrityError) as raised, BulkLoader(database.engine,
                                                             exclusive=exclusive) as loader:
        declare(loader)
        loader.add("office", (key(uuid.uuid4()), "ALA", "Алматы", "75"))
        loader.flush()
        loader.add("office", (key(uuid.uuid4()), "AST", "Астана", "71"))
        loader.add("office", (key(uuid.uuid4()), "AST", "Астана", "71"))
    assert count(database, Office) == 0 and schema(database) == before
    # Read by the dialect's translator as a session's error is: by the constraint's name.
    problem = database.translate(raised.value)
    assert isinstance(problem, UniqueViolation) and problem.constraint == "uq_office_code"


SCHEMA = {
    "postgresql": ("SELECT conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated "
                   "FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
                   "UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"),
    "sqlite": "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master",
}


def schema(database: Database) -> list[str]:
    with database.reading() as connection:
        return sorted(connection.scalars(text(SCHEMA[database.engine.dialect.name])))


def test_an_exclusive_load_leaves_every_constraint_and_index_as_it_was(
        database: Database) -> None:
    before = schema(database)
    with pytest.raises(KeyError), BulkLoader(database.engine, exclusive=True) as loader:
        declare(loader)
        loader.add("office", (key(uuid.uuid4()), "AST", "Астана", "71"))
        loader.flush()
        raise KeyError("cancelled")
    assert schema(database) == before and count(database, Office) == 0
    office = uuid.uuid4()
    with BulkLoader(database.engine, exclusive=True) as loader:
        declare(loader)
        loader.add("office", (key(office), "AST", "Астана", "71"))
        loader.add("app_user", (key(uuid.uuid4()), "cw", "Caseworker", "caseworker",
                                key(office), 1))
    assert schema(database) == before and count(database, User) == 1


def test_an_exclusive_load_still_checks_every_reference_before_the_commit(
        database: Database) -> None:
    if database.engine.dialect.name == "sqlite":
        pytest.skip("SQLite loads with foreign keys off; the demo's tests check them")
    with pytest.raises(IntegrityError), BulkLoader(database.engine, exclusive=True) as loader:
        declare(loader)
        loader.add("app_user", (key(uuid.uuid4()), "cw", "Caseworker", "caseworker",
                                key(uuid.uuid4()), 1))
    assert count(database, User) == 0
