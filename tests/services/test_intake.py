"""Registering a client: IIN rules and the duplicate warning."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from db.errors import DuplicateIin
from db.models import Office, Person
from db.session import Database
from desktop.domain.iin import IinHint, IinProblem
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.intake import InvalidIin, NewClient, find_duplicates, iin_warnings, register


@pytest.fixture
def office_id(database: Database) -> uuid.UUID:
    with database.session() as session:
        office = Office(code="SHY", name="Shymkent", region_code="79")
        session.add(office)
        session.flush()
        return office.id


def client(office_id: uuid.UUID, **values: object) -> NewClient:
    fields: dict[str, object] = {"surname": "Нұрпейісова", "given_name": "Әлия",
                                 "category_code": "kandas", "office_id": office_id,
                                 "birth_date": date(1990, 1, 1), "sex": "F"}
    fields.update(values)
    return NewClient(**fields)  # type: ignore[arg-type]


def test_a_valid_client_is_registered_with_passport_latin_names(
        database: Database, office_id: uuid.UUID) -> None:
    person_id = register(database, LOCAL_OPERATOR, client(office_id, iin="900101 400013"))
    with database.session() as session:
        person = session.get(Person, person_id)
        assert (person.iin, person.surname_latin, person.given_name_latin) == (
            "900101400013", "Nurpeiisova", "Aliya")


def test_a_second_client_with_the_same_iin_is_refused(database: Database,
                                                      office_id: uuid.UUID) -> None:
    first = register(database, LOCAL_OPERATOR, client(office_id, iin="900101300017"))
    with pytest.raises(DuplicateIin) as duplicate:
        register(database, LOCAL_OPERATOR,
                 client(office_id, surname="Серікова", iin="900101300017"))
    assert duplicate.value.existing_id == first
    with database.session() as session:
        assert session.query(Person).count() == 1


@pytest.mark.parametrize(("iin", "problem"), [
    ("90010130001", IinProblem.LENGTH), ("90010130001X", IinProblem.NOT_DIGITS),
    ("900101300018", IinProblem.CHECK_DIGIT)])
def test_an_invalid_iin_is_refused_with_the_reason(database: Database, office_id: uuid.UUID,
                                                   iin: str, problem: IinProblem) -> None:
    with pytest.raises(InvalidIin) as refused:
        register(database, LOCAL_OPERATOR, client(office_id, iin=iin))
    assert refused.value.problem is problem


def test_an_iin_that_disagrees_with_birth_date_and_sex_only_warns(
        database: Database, office_id: uuid.UUID) -> None:
    # 900101300017 encodes 1 Jan 1990, male; the caseworker entered a woman born in 1991.
    new = client(office_id, iin="900101300017", birth_date=date(1991, 5, 5), sex="F")
    assert set(iin_warnings(new)) == {IinHint.BIRTH_DATE_MISMATCH, IinHint.SEX_MISMATCH}
    assert register(database, LOCAL_OPERATOR, new)  # still registered


@pytest.mark.parametrize("typed", [
    dict(surname="Нурпеисова", given_name="Алия"),  # Russian keyboard, no Kazakh letters
    dict(surname="", given_name="", surname_latin="NURPEIISOVA", given_name_latin="ALIYA"),
    dict(surname="Нұрпейісова", given_name="Әлия", birth_date=date(1990, 1, 2)),  # a day off
    dict(surname="Нурпейсова", given_name="Алия"),  # a letter short
])
def test_the_same_person_typed_differently_is_offered_as_a_duplicate(
        database: Database, office_id: uuid.UUID, typed: dict[str, object]) -> None:
    existing = register(database, LOCAL_OPERATOR, client(office_id))
    candidates = find_duplicates(database, LOCAL_OPERATOR, client(office_id, **typed))
    assert [c.id for c in candidates] == [existing]
    assert candidates[0].name == "Нұрпейісова Әлия"


def test_someone_else_is_not_a_duplicate(database: Database, office_id: uuid.UUID) -> None:
    register(database, LOCAL_OPERATOR, client(office_id))
    assert find_duplicates(database, LOCAL_OPERATOR,
                           client(office_id, surname="Серікова", given_name="Айгүл")) == []
    assert find_duplicates(database, LOCAL_OPERATOR,
                           client(office_id, birth_date=date(1975, 6, 1))) == []
