"""An export imports back unchanged: export, import into an empty database, export again,
and the two files are the same."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.migrate import open_database
from db.models import Office, Role, User
from db.queries.clients import ClientQuery
from db.session import Database
from desktop.domain.iin import make_iin
from desktop.services.access import Actor
from desktop.services.transfer.exporting import export_clients
from desktop.services.transfer.importing import ImportOptions, check_import, import_clients
from desktop.services.transfer.reading import read_sheet

TODAY = date(2026, 11, 25)
HEADER = ("last_name;first_name;patronymic;last_name_latin;first_name_latin;iin;birth_date;"
          "sex;citizenship;country_of_origin;category;region;locality;arrival_date;intake_date;"
          "phone;preferred_language;notes;consent_date;consent_form")


def born(year: int, month: int, day: int, sex: str) -> tuple[date, str]:
    birth = date(year, month, day)
    return birth, next(v for v in (make_iin(birth, sex, s) for s in range(1, 99)) if v)


ALIYA = born(1990, 1, 1, "F")
ASKAR = born(2005, 6, 7, "M")  # an IIN that starts with 0
ROWS = (
    f"Нұрпейісова;Әлия;Серікқызы;;;{ALIYA[1]};01.01.1990;F;CN;CN;kandas;71;Қосшы;"
    "10.03.2025;12.03.2025;+7 701 123 45 67;kk;=1+1 came with her family;12.03.2025;written",
    f"Серіков;Асқар;;Serikov;Askar;{ASKAR[1]};07.06.2005;M;KZ;KZ;internal_resettler;59;;"
    "01.09.2024;01.09.2024;;ru;\"He said: \"\"later\"\"; maybe\";01.09.2024;electronic",
    "Ахмади;Фарид;;Ahmadi;Farid;;15.05.1988;M;;AF;stateless;75;Алматы;;20.11.2026;;en;;"
    "20.11.2026;oral_recorded",
)


def admin_of(database: Database) -> Actor:
    with database.session() as session:
        office = Office(code="AST", name="Astana", region_code="71")
        session.add(office)
        session.flush()
        user = User(login="admin", full_name="Admin", role=Role.ADMIN, office_id=office.id)
        session.add(user)
        session.flush()
        return Actor(user.id, "admin", "Admin", Role.ADMIN, office.id, "AST", "Astana")


def import_file(database: Database, actor: Actor, path: Path) -> None:
    preview = check_import(database, actor, read_sheet(path),
                           options=ImportOptions(today=TODAY))
    assert [(p.row, p.column, p.reason) for p in preview.problems] == []
    import_clients(database, actor, preview)


@pytest.fixture
def second_database(tmp_path: Path, migrated_template: Path) -> Database:
    path = tmp_path / "second.db"
    shutil.copyfile(migrated_template, path)
    return open_database(path)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_export_imports_back_unchanged(database: Database, second_database: Database,
                                          tmp_path: Path, suffix: str, language: str) -> None:
    source = tmp_path / "source.csv"
    source.write_text(HEADER + "\n" + "\n".join(ROWS) + "\n", encoding="utf-8")
    first_admin = admin_of(database)
    import_file(database, first_admin, source)
    first, second = tmp_path / f"first.{suffix}", tmp_path / f"second.{suffix}"
    assert export_clients(database, first_admin, ClientQuery(), first, language=language) == 3

    try:
        second_admin = admin_of(second_database)
        import_file(second_database, second_admin, first)
        export_clients(second_database, second_admin, ClientQuery(), second, language=language)
    finally:
        second_database.dispose()
    if suffix == "csv":
        assert second.read_bytes() == first.read_bytes()
        text = first.read_text(encoding="utf-8-sig")
        assert "'=1+1 came with her family" in text  # a formula stays text in a spreadsheet
        assert ASKAR[1] in text  # twelve digits, the leading zero kept
    else:
        assert cells(second) == cells(first)
    with database.session() as session:
        assert session.scalar(select(Office.code)) == "AST"


def cells(path: Path) -> list[list[object]]:
    sheet = load_workbook(path).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]
