"""Driver errors, from writes and reads alike, come out as problems a user can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from db import driver_errors
from db.errors import DatabaseProblem, Problem, UniqueViolation
from db.models import Office, Person
from db.session import Database
from desktop.services.messages import describe


def test_a_duplicate_is_known_by_its_constraint_name(database: Database) -> None:
    with database.session() as session:
        office = Office(code="AST", name="Astana", region_code="71")
        session.add(office)
        session.flush()
        session.add(Person(given_name="Әлия", category_code="kandas", office_id=office.id,
                           iin="900101300017"))
    with pytest.raises(UniqueViolation) as duplicate, database.session() as session:
        session.add(Person(given_name="Ерлан", category_code="kandas", office_id=office.id,
                           iin="900101300017"))
    assert duplicate.value.constraint == "uq_person_iin"
    # The IIN never travels in the error's text (it reaches the log).
    assert "900101300017" not in str(duplicate.value)
    assert "900101300017" not in str(duplicate.value.__cause__)


def test_a_locked_database_during_a_read_is_a_clear_message_naming_the_file(
        database: Database, database_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(database.engine, "connect", locked)
    with pytest.raises(DatabaseProblem) as problem, database.reading() as connection:
        connection.execute(select(Person.id))
    assert problem.value.kind is Problem.LOCKED
    message = describe(problem.value)
    assert str(database_path) in message and "sqlite:" not in message


def test_each_dialect_registers_its_own_translator() -> None:
    assert "sqlite" in driver_errors.TRANSLATORS
    seen = []
    driver_errors.register("testdb", lambda error, where: seen.append(where) or
                           DatabaseProblem(Problem.UNREACHABLE, where))
    try:
        error = OperationalError("x", {}, Exception("connection refused"))
        problem = driver_errors.translate(error, "testdb", "server:5432")
        assert isinstance(problem, DatabaseProblem) and problem.kind is Problem.UNREACHABLE
        assert seen == ["server:5432"]
    finally:
        del driver_errors.TRANSLATORS["testdb"]
