"""Finding clients by any part of a name, in any script or case, or by IIN."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, text

from db.models import Office, Person
from db.search import find_person_ids
from db.search.words import words_of
from db.session import Database

PEOPLE = {
    "aliya": dict(surname="Нұрпейісова", given_name="Әлия", surname_latin="Nurpeiisova",
                  given_name_latin="Aliya", iin="900101300017"),
    "nurpeisov": dict(surname="Нурпеисов", given_name="Ерлан"),
    "kurmanov": dict(surname="Құрманов", given_name="Жанболат"),
    "wang": dict(surname="Ван", given_name="Вэй", surname_latin="Wang", given_name_latin="Wei",
                 name_original="王伟"),
    "ivanova": dict(surname="ИВАНОВА", given_name="Ксения"),
    "khasanov": dict(surname="Хасанов", given_name="Шерзод", surname_latin="Khasanov"),
}


@pytest.fixture
def people(database: Database) -> dict[str, uuid.UUID]:
    ids = {}
    with database.session() as session:
        office = Office(code="AST", name="Astana", region_code="71")
        session.add(office)
        session.flush()
        for label, names in PEOPLE.items():
            person = Person(category_code="kandas", office_id=office.id, **names)
            session.add(person)
            session.flush()
            ids[label] = person.id
    return ids


def find(database: Database, query: str) -> list[uuid.UUID]:
    with database.engine.connect() as connection:
        return find_person_ids(connection, query, limit=10)


@pytest.mark.parametrize("query", ["Әлия", "әлия", "ӘЛИЯ", "Aliya", "aliya", "Älia", "Алия",
                                   "Нұрпейісова Әлия", "nurpeiisova aliya", "Нурп Али"])
def test_aliya_is_found_however_her_name_is_typed(database: Database,
                                                  people: dict[str, uuid.UUID],
                                                  query: str) -> None:
    assert people["aliya"] in find(database, query)


@pytest.mark.parametrize("query", ["Nurpeisov", "nurpeisov", "Нурпеисов", "Нурп", "нұрп"])
def test_nurpeisov_in_any_script_and_case(database: Database, people: dict[str, uuid.UUID],
                                          query: str) -> None:
    assert people["nurpeisov"] in find(database, query)


def test_kazakh_letters_typed_on_a_russian_keyboard(database: Database,
                                                    people: dict[str, uuid.UUID]) -> None:
    assert find(database, "Курманов") == [people["kurmanov"]]
    assert find(database, "Qurmanov") == [people["kurmanov"]]


def test_cyrillic_case_is_folded(database: Database, people: dict[str, uuid.UUID]) -> None:
    assert find(database, "иванова") == [people["ivanova"]]
    assert find(database, "Ivanova") == [people["ivanova"]]


def test_prefix_stopping_inside_a_digraph(database: Database, people: dict[str, uuid.UUID]) -> None:
    assert people["kurmanov"] in find(database, "Z")  # Zh... of Жанболат
    assert people["khasanov"] in find(database, "K")  # Kh... of Хасанов


def test_original_script_and_iin(database: Database, people: dict[str, uuid.UUID]) -> None:
    assert find(database, "王伟") == [people["wang"]]
    assert find(database, "Wang") == [people["wang"]]
    assert find(database, "900101") == [people["aliya"]]
    assert find(database, "900101300017") == [people["aliya"]]


def test_nothing_to_find(database: Database, people: dict[str, uuid.UUID]) -> None:
    assert find(database, "") == []
    assert find(database, "  - ; ") == []
    assert find(database, "Смирнов") == []
    # What FTS5 would read as syntax is taken as text, never raised as an error.
    assert find(database, '"Әлия" * ^ (') == [people["aliya"]]
    assert find(database, "NEAR(Әлия)") == []


def test_index_follows_renames_and_deletions_in_the_same_transaction(
        database: Database, people: dict[str, uuid.UUID]) -> None:
    with database.session() as session:
        session.get(Person, people["ivanova"]).surname = "Петрова"
    assert find(database, "Иванова") == []
    assert find(database, "Петрова") == [people["ivanova"]]
    with database.session() as session:
        session.delete(session.get(Person, people["ivanova"]))
    assert find(database, "Петрова") == []
    with database.engine.connect() as connection:
        # Every person's words are those of their document, after all that.
        documents = connection.execute(text(
            "SELECT person_id, names, keys, iin FROM person_search")).all()
        stored = connection.execute(text("SELECT person_id, word FROM search_word")).all()
        assert sorted(stored) == sorted((person, word) for person, names, keys, iin in documents
                                        for word in words_of(names, keys, iin))
        if database.engine.dialect.name != "sqlite":
            return  # pg_trgm's indexes belong to person_search itself: nothing to drift
        # The external-content index agrees with its table.
        connection.execute(text("INSERT INTO person_infix(person_infix) "
                                "VALUES ('integrity-check')"))


def test_any_part_of_a_surname_finds_it_in_any_script(database: Database,
                                                      people: dict[str, uuid.UUID]) -> None:
    for query in ("рпейіс", "РПЕЙИС", "rpeiis", "пейісова әлия", "урман"):
        assert find(database, query), query
    # The fold equates Kazakh and Russian letters: both Nurpeisovs hold "rpeis".
    assert set(find(database, "рпейіс")) == {people["aliya"], people["nurpeisov"]}
    assert find(database, "рпейісова") == [people["aliya"]]
    assert find(database, "урман") == [people["kurmanov"]]  # Құрманов, typed from a Russian one
    assert find(database, "санов") == [people["khasanov"]]


def test_the_last_four_digits_of_an_iin_find_its_holder(database: Database,
                                                        people: dict[str, uuid.UUID]) -> None:
    assert find(database, "0017") == [people["aliya"]]  # what the masked IIN shows
    assert find(database, "13000") == [people["aliya"]]
    assert find(database, "017") == []  # three digits: too few to mean anyone


def test_matches_from_a_words_beginning_rank_before_those_from_its_middle(
        database: Database, people: dict[str, uuid.UUID]) -> None:
    with database.session() as session:
        office_id = session.get(Person, people["aliya"]).office_id
        session.add(Person(category_code="kandas", office_id=office_id, surname="Оразбаева",
                           given_name="Гүлнар"))
        session.add(Person(category_code="kandas", office_id=office_id, surname="Разбаев",
                           given_name="Ерболат"))
    found = find(database, "разбаев")
    assert len(found) == 2
    with database.session() as session:
        assert [session.get(Person, pid).surname for pid in found] == ["Разбаев", "Оразбаева"]


def test_two_letters_match_only_from_a_words_beginning(database: Database,
                                                        people: dict[str, uuid.UUID]) -> None:
    assert people["kurmanov"] not in find(database, "ур")  # inside Құрманов: not meant
    assert people["kurmanov"] in find(database, "құ")


def add_people(database: Database, office_code: str,
               names: list[tuple[str, str]]) -> list[uuid.UUID]:
    with database.session() as session:
        office = session.scalar(select(Office).where(Office.code == office_code))
        if office is None:
            office = Office(code=office_code, name=office_code, region_code="75")
            session.add(office)
            session.flush()
        people = [Person(category_code="kandas", office_id=office.id, surname=surname,
                         given_name=given) for surname, given in names]
        session.add_all(people)
        session.flush()
        return [person.id for person in people]


def surnames(database: Database, ids: list[uuid.UUID]) -> list[str]:
    with database.session() as session:
        return [session.get(Person, pid).surname for pid in ids]


def test_a_whole_word_typed_comes_before_the_longer_words_it_begins(
        database: Database, people: dict[str, uuid.UUID]) -> None:
    add_people(database, "AST", [("Нұрланов", "Арман"), ("Нұр", "Дәулет"),
                                 ("Нұрбеков", "Ерлан")])
    # "нұр" is one surname whole, then the words it begins in their keys' order.
    assert surnames(database, find(database, "нұр")) == [
        "Нұр", "Нұрбеков", "Нұрланов", "Нурпеисов", "Нұрпейісова"]


def test_a_page_of_one_office_is_full_however_many_matches_the_others_hold(
        database: Database, people: dict[str, uuid.UUID]) -> None:
    add_people(database, "ALA", [("Сейтов", f"Ерлан{n}") for n in range(60)])
    mine = add_people(database, "SHY", [("Сейтова", "Айгүл"), ("Сейтенов", "Бекзат")])
    with database.session() as session:
        shymkent = session.scalar(select(Office.id).where(Office.code == "SHY"))
    with database.engine.connect() as connection:
        # The other office's sixty come first in the words' order; the page still holds
        # this office's own, and only theirs.
        found = find_person_ids(connection, "сейт", limit=10, office_id=shymkent)
        assert sorted(found) == sorted(mine)
        assert len(find_person_ids(connection, "сейт", limit=10)) == 10
        # Paging goes on where the last page ended, nobody twice.
        first = find_person_ids(connection, "сейт", limit=25)
        second = find_person_ids(connection, "сейт", limit=25, offset=25)
        assert len(set(first) | set(second)) == 50
