"""The client list exported to XLSX: names typed by users stay text, never formulas."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.models import Office, Person, Role, User
from db.session import Database
from desktop.services.auth import Actor
from desktop.services.clients import ClientQuery, export_clients
from tests.reports.libreoffice import libreoffice_csv

# (surname, given name, surname in Latin, given name in Latin), then the two names as a
# spreadsheet must show them: surname first, then given name, one space between.
PEOPLE = [
    (('=HYPERLINK("http://evil","x")', "Әлия", "=1+1", "Aliya"),
     ('=HYPERLINK("http://evil","x") Әлия', "=1+1 Aliya")),
    (("+SUM(1,2)", "Бекзат", "@SUM(1,2)", "Bekzat"), ("+SUM(1,2) Бекзат", "@SUM(1,2) Bekzat")),
    (("@Ораз", "Нұр", "-2+3", "Nur"), ("@Ораз Нұр", "-2+3 Nur")),
    # No surname: the whole name is the given name, and "#N/A" is an error code to openpyxl.
    (("", "-1", "", "#N/A"), ("-1", "#N/A")),
    (("Нұрпейісова", "Әлия", "Nurpeiisova", "Aliya"), ("Нұрпейісова Әлия", "Nurpeiisova Aliya")),
]
BIRTH = date(1990, 1, 1)


@pytest.fixture
def manager(database: Database) -> Actor:
    with database.session() as session:
        office = Office(code="AST", name="Office AST", region_code="71")
        session.add(office)
        session.flush()
        user = User(login="manager.ast", full_name="Manager", role=Role.MANAGER,
                    office_id=office.id)
        session.add(user)
        session.flush()
        return Actor(user.id, user.login, user.full_name, Role.MANAGER, office.id, "AST",
                     office.name)


@pytest.fixture
def exported(database: Database, manager: Actor, tmp_path: Path) -> Path:
    # Stored as they are, past any check at intake: the writer must hold on its own.
    with database.session(manager.user_id) as session:
        for (surname, given, surname_latin, given_latin), _shown in PEOPLE:
            session.add(Person(surname=surname, given_name=given, surname_latin=surname_latin,
                               given_name_latin=given_latin, category_code="kandas",
                               office_id=manager.office_id, birth_date=BIRTH, sex="F"))
    target = tmp_path / "clients.xlsx"
    assert export_clients(database, manager, ClientQuery(), target) == len(PEOPLE)
    return target


def test_names_starting_like_a_formula_are_exported_as_text(exported: Path) -> None:
    sheet = load_workbook(exported).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type in ("f", "e")]
    body = list(sheet.iter_rows(min_row=2))
    assert sorted((row[0].value, row[1].value) for row in body) == sorted(
        shown for _typed, shown in PEOPLE)
    for row in body:
        for cell in row[:2]:
            assert cell.data_type == "s", cell.coordinate
            # Excel and LibreOffice keep a quote-prefixed cell text even when it is edited.
            assert cell.quotePrefix is (cell.value[0] in "=+-@"), (cell.coordinate,
                                                                      cell.value)
        # Dates stay dates: only text is guarded.
        assert row[2].is_date
        assert row[2].value == datetime(1990, 1, 1)


def test_the_file_holds_no_formula_element(exported: Path) -> None:
    # Read the sheet's XML itself: openpyxl's reader could hide what its writer did.
    with zipfile.ZipFile(exported) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")
                  and name.endswith(".xml")]
        assert sheets
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert "<f>" not in xml and "<f " not in xml, name


def test_libreoffice_shows_the_names_as_written(exported: Path, tmp_path: Path) -> None:
    shown = libreoffice_csv(exported, tmp_path / "libreoffice")
    assert shown[0][:2] == ["Name", "Name (Latin)"]
    assert sorted((row[0], row[1]) for row in shown[1:]) == sorted(
        names for _typed, names in PEOPLE)
