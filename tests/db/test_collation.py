"""The clients' Kazakh alphabetical order: ICU's Kazakh collation, stored as keys that both
engines compare byte by byte, and revision 0018 that computes them for older databases."""

from __future__ import annotations

import importlib.util
import itertools
import os
import random
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import ModuleType

import icu
import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from db import collation
from db.collation import sort_key
from db.migrate import MIGRATIONS, alembic_config, open_database
from db.models import Office, Person
from db.queries.clients import ClientQuery, client_rows
from db.session import Database
from tests.conftest import engine_of

# As a Kazakh reader looks for them: the Kazakh Cyrillic alphabet (the Russian letters in
# their order, Ә after А, Ғ after Г, Ё after Е, Қ after К, Ң after Н, Ө after О, Ұ and Ү
# after У, Һ after Х, І between Ы and Ь), case-blind, a shorter name before a longer one
# it begins; then names written only in Latin letters. ICU's Kazakh has no tailoring of
# the Latin alphabet (CLDR's "kk" tailors Cyrillic only): the 2021 alphabet's Ä Ğ Ñ Ö Ş Ū
# Ü, like Turkish Ç and İ, sort as their base letter with an accent, the accent deciding
# only between names otherwise alike. What matters holds: Şahin among the S, before Zeta;
# Ğalymov among the G, nowhere near Ц.
KAZAKH_ORDER = [
    "Абаев Нұрлан", "Әбілов Серік", "Бекова Айша", "Гаухар Ермекова", "Ғалымов Бақыт",
    "Ерланов Асқар", "Ёлкин Пётр", "Жанатов Ержан", "Жаңабаев Арман", "Иванов Сергей",
    "Йодгоров Шохрух", "Кәрімов Дәулет", "Қасымов Нұржан", "Наурызбаев Ілияс",
    "нурпеисов Ali", "Нурпеисов Ali", "НУРПЕИСОВ Ali", "Нурпеисова Айгерим",
    "Омаров Марат", "Өмірзақов Бауыржан", "Усенов Талғат", "Ұлықбеков Ерасыл",
    "Үсенова Гүлнар", "Хасенов Арман", "Һадиев Рашид", "Цой Виктор", "Шыңғысов Ақан",
    "Щукин Олег", "Ыбыраев Самат", "Ісмағұлов Нұрбол", "Эмиров Руслан", "Юсупов Тимур",
    "Яковлев Андрей",
    "Abaev Nurlan", "Äbilov Serik", "Çelik Ahmet", "Gafurov Anvar", "Ğalymov Baqyt",
    "İnce Murat", "Ivanov Sergey", "Nazarov Olim", "Omarov Marat", "Öztürk Ayşe",
    "Qasymov Nurzhan", "Şahin Mehmet", "Sultanov Rustam", "Ūlyqbekov Erasyl",
    "Usenov Talgat", "Üsenova Gulnar", "Yılmaz Emre", "Zeta Ali", "Zhang Wei",
]


def in_order(names: list[str]) -> list[str]:
    return sorted(names, key=sort_key)


def test_a_mixed_list_comes_out_as_a_kazakh_reader_expects() -> None:
    shuffled = KAZAKH_ORDER.copy()
    random.Random(17).shuffle(shuffled)
    assert in_order(shuffled) == KAZAKH_ORDER


@pytest.mark.parametrize(("base", "letter"), [
    ("а", "ә"), ("г", "ғ"), ("е", "ё"), ("к", "қ"), ("н", "ң"), ("о", "ө"), ("у", "ұ"),
    ("ұ", "ү"), ("х", "һ"), ("ы", "і"), ("і", "ь")])
def test_each_kazakh_letter_is_a_letter_of_its_own_after_its_neighbour(
        base: str, letter: str) -> None:
    """Not an accented form of its neighbour: every word with it comes after every word
    with the neighbour in its place, whatever follows."""
    for upper in (False, True):
        first, second = (base.upper(), letter.upper()) if upper else (base, letter)
        assert sort_key(f"{first}я") < sort_key(f"{second}а")
        assert sort_key(f"б{first}я") < sort_key(f"б{second}")
    # and no letter comes between them
    following = {"а": "б", "г": "д", "е": "ж", "к": "л", "н": "о", "о": "п", "у": "ф",
                 "х": "ц", "ы": "ь"}
    if base in following:
        assert sort_key(f"{letter}я") < sort_key(following[base])


def test_the_collisions_of_the_hand_made_table_are_gone() -> None:
    assert sort_key("Şahin") < sort_key("Zeta")
    assert sort_key("Ğalym") < sort_key("Halyk")  # among the G, not with Ц
    assert not sort_key("Цой") < sort_key("Ğalym") < sort_key("Цюрих")
    assert sort_key("Ālia") != sort_key("Әлия") and sort_key("Ālia") > sort_key("Яков")
    assert sort_key("Ġalym") != sort_key("Ğalym") != sort_key("Galym")


def test_case_decides_only_between_names_otherwise_alike() -> None:
    assert in_order(["Nurpeisova", "NURPEISOV", "nurpeisov", "Nurpeisov"]) == [
        "nurpeisov", "Nurpeisov", "NURPEISOV", "Nurpeisova"]
    assert in_order(["ӘЛИЯ", "Алия", "әлия"]) == ["Алия", "әлия", "ӘЛИЯ"]
    assert len({sort_key(n) for n in ("әлия", "Әлия", "ӘЛИЯ")}) == 3  # never equal


def test_keys_are_short_ascii_hex() -> None:
    key = sort_key("Нурпеисова Айгерим")
    assert key == key.lower() and int(key, 16) >= 0 and key.isascii()
    assert len(key) <= 4 * len("Нурпеисова Айгерим")
    assert sort_key("") == "0101"  # no letters: the level separators alone


KAZAKH = icu.Collator.createInstance(icu.Locale("kk"))


@given(st.text(max_size=12), st.text(max_size=12))
def test_keys_compare_as_icus_kazakh_collator_compares(first: str, second: str) -> None:
    keys = sort_key(first), sort_key(second)
    assert (keys[0] > keys[1]) - (keys[0] < keys[1]) == KAZAKH.compare(first, second)


def test_the_keys_are_those_of_the_pinned_icu() -> None:
    # Stored keys hold for one ICU: a new one needs a revision that computes them again
    # (as 0018 does), then this version here.
    assert collation.ICU_VERSION == "77.1"


# ---- in the database, on the engine of the run ------------------------------------------------

def add_people(database: Database, names: list[str]) -> dict[str, uuid.UUID]:
    with database.session() as session:
        office = Office(code="AST", name="Astana", region_code="71")
        session.add(office)
        session.flush()
        people = {}
        for name in names:
            surname, given_name = name.split(" ", 1)
            person = Person(surname=surname, given_name=given_name, category_code="kandas",
                            office_id=office.id)
            session.add(person)
            session.flush()
            people[name] = person.id
        return people


def test_the_client_list_pages_through_the_kazakh_order_on_either_engine(
        database: Database) -> None:
    shuffled = KAZAKH_ORDER.copy()
    random.Random(3).shuffle(shuffled)
    people = add_people(database, shuffled)
    names = {person_id: name for name, person_id in people.items()}
    shown: list[str] = []
    with database.reading() as connection:
        after = None
        while page := client_rows(connection, "kk", ClientQuery(), limit=7, after=after):
            shown += [names[row.id] for row in page]
            after = page[-1]
        ordered = connection.execute(
            sa.select(Person.id).order_by(Person.sort_key, Person.id)).scalars().all()
    assert shown == KAZAKH_ORDER
    assert [names[i] for i in ordered] == KAZAKH_ORDER


def test_a_renamed_client_moves_to_the_new_names_place(database: Database) -> None:
    people = add_people(database, ["Абаев Нұрлан", "Ыбыраев Самат", "Яковлев Андрей"])
    with database.session() as session:
        session.get(Person, people["Абаев Нұрлан"]).surname = "Ісмағұлов"
    with database.reading() as connection:
        ordered = connection.execute(
            sa.select(Person.id, Person.sort_key).order_by(Person.sort_key)).all()
    assert [person_id for person_id, _ in ordered] == [
        people["Ыбыраев Самат"], people["Абаев Нұрлан"], people["Яковлев Андрей"]]
    assert ordered[1].sort_key == sort_key("Ісмағұлов Нұрлан")


@pytest.mark.postgresql_only
def test_postgresql_compares_the_keys_byte_by_byte(database: Database) -> None:
    with database.reading() as connection:
        assert connection.exec_driver_sql(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'person' AND column_name = 'sort_key'").scalar_one() == "C"


# ---- revision 0018 ----------------------------------------------------------------------------

_databases = itertools.count(1)


@pytest.fixture
def empty_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """Where a database of any revision can be made: a file, or a new server database."""
    if engine_of(request.config) != "postgresql":
        yield tmp_path / "qadam.db"
        return
    server = request.getfixturevalue("postgres")
    name = f"collation_{os.getpid()}_{next(_databases)}"
    server.psql(f"CREATE DATABASE {name}")
    yield server.url(name)
    server.psql(f"DROP DATABASE {name} WITH (FORCE)")


def revision_0018() -> ModuleType:
    path = MIGRATIONS / "versions" / "0018_icu_sort_keys.py"
    spec = importlib.util.spec_from_file_location("revision_0018", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def insert(connection: sa.Connection, table: str, rows: list[dict[str, object]]) -> None:
    """Rows as an older Qadam wrote them: the columns given, every other required one filled."""
    reflected = sa.Table(table, sa.MetaData(), autoload_with=connection)
    filled = {}
    for column in reflected.c:
        if column.nullable or column.server_default is not None:
            continue
        filled[column.name] = {int: 1, bool: True, datetime: datetime(2026, 1, 5, 9),
                               date: date(2026, 1, 5)}.get(column.type.python_type, "")
    # A reflected SQLite table knows its ids as CHAR(32): given as SQLAlchemy stores them.
    stored_form = ((lambda v: v.hex if isinstance(v, uuid.UUID) else v)
                   if connection.dialect.name == "sqlite" else (lambda v: v))
    connection.execute(reflected.insert(), [
        filled | {name: stored_form(value) for name, value in row.items()} for row in rows])


def stored(database: Database) -> tuple[dict[uuid.UUID, str], str | None]:
    """Each person's key, and the column's collation on PostgreSQL (None: the default)."""
    with database.engine.connect() as connection:
        keys = dict(connection.execute(sa.select(Person.id, Person.sort_key)).all())
        if connection.dialect.name != "postgresql":
            return keys, None
        return keys, connection.exec_driver_sql(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'person' AND column_name = 'sort_key'").scalar_one()


def test_0018_computes_every_key_again_and_the_downgrade_restores_the_old_ones(
        empty_target: str | Path) -> None:
    from alembic import command

    migration = revision_0018()
    database = open_database(empty_target, revision="0017")
    postgresql = database.engine.dialect.name == "postgresql"
    office = uuid.uuid4()
    named = {uuid.uuid4(): name for name in ("Şahin Mehmet", "Zeta Ali", "Цой Виктор",
                                             "Ğalymov Baqyt", "Әбілов Серік")}
    # More than a batch: the walk from one batch to the next is on the way.
    people = named | {uuid.uuid4(): f"Нурпеисов {n}" for n in range(migration.BATCH)}
    with database.engine.begin() as connection:
        insert(connection, "office", [{"id": office, "code": "AST", "name": "Астана",
                                       "region_code": "71"}])
        insert(connection, "person", [
            {"id": person_id, "surname": name.split(" ")[0], "given_name": name.split(" ")[1],
             "sort_key": migration._old_sort_key(name), "category_code": "kandas",
             "office_id": office, "preferred_language": "kk"}
            for person_id, name in people.items()])
    before, _ = stored(database)
    database.dispose()

    database = open_database(empty_target)
    try:
        upgraded, collation_name = stored(database)
        with database.reading() as connection:
            ordered = connection.execute(sa.select(Person.id).where(Person.id.in_(named))
                                         .order_by(Person.sort_key)).scalars().all()
        with database.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0017")
        downgraded, collation_after = stored(database)
    finally:
        database.dispose()
    assert upgraded == {person_id: sort_key(name) for person_id, name in people.items()}
    assert collation_name == ("C" if postgresql else None)
    assert [named[i] for i in ordered] == [
        "Әбілов Серік", "Цой Виктор", "Ğalymov Baqyt", "Şahin Mehmet", "Zeta Ali"]
    assert downgraded == before and collation_after is None


@pytest.mark.postgresql_only
def test_on_postgresql_the_migrated_column_is_the_models(database: Database) -> None:
    """The models and migrations test runs on SQLite, which has no "C": here the column."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from db.base import Base

    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [d for d in compare_metadata(context, Base.metadata)
                       if "sort_key" in repr(d)]
    assert differences == []
