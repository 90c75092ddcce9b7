"""Revision 0016: the names of the center and its offices in Russian and English, copied from
the one name they had, and the director; and back again."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from alembic import command

from db.migrate import alembic_config, open_database
from tests.db.test_migrations import _insert, revision_of


def test_the_one_name_is_copied_into_the_others_and_the_downgrade_takes_them_away(
        tmp_path: Path) -> None:
    path = tmp_path / "before-names.db"
    open_database(path, revision="0015").dispose()
    with sqlite3.connect(path) as connection:
        _insert(connection, "center", id=uuid.uuid4().hex, name="«Қадам» орталығы",
                address="Астана", phone="")
        _insert(connection, "office", id=uuid.uuid4().hex, code="AST", name="Астана кеңсесі",
                region_code="71")
    database = open_database(path)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql(
                "SELECT name, name_ru, name_en, director_name, director_position FROM center"
            ).one() == ("«Қадам» орталығы", "«Қадам» орталығы", "«Қадам» орталығы", "", "")
            assert connection.exec_driver_sql(
                "SELECT name, name_ru, name_en FROM office").one() == (
                "Астана кеңсесі", "Астана кеңсесі", "Астана кеңсесі")
        with database.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0015")
    finally:
        database.dispose()
    assert revision_of(path) == "0015"
    with sqlite3.connect(path) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(center)")}
        assert "name_ru" not in columns and "director_name" not in columns
        assert connection.execute("SELECT name FROM office").fetchone() == ("Астана кеңсесі",)
