"""The client list exported in the import template's columns, as XLSX or CSV: values that
read back as stored, text that stays text (never a formula), IINs masked for caseworkers,
every export in the audit log, and no file at all when it is stopped or fails."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import uuid
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select

from db.models import AuditEntry, Case, CaseStatus, Office, Person, Role, User
from db.session import Database
from desktop.reports.csv_cells import csv_safe, csv_unescaped
from desktop.services.access import AccessDenied, Actor
from desktop.services.clients import ClientQuery, export_clients
from desktop.services.progress import Cancelled, Progress
from desktop.services.reports import ReportProblem
from desktop.services.transfer import exporting
from desktop.services.transfer.columns import COLUMNS, EXPORT_ONLY, TEMPLATE
from tests.reports.libreoffice import TIMEOUT, libreoffice_csv

# Stored as they are, past any check at intake: the writers must hold on their own.
# (surname, given name, surname in Latin, given name in Latin, notes)
FORMULAS = [
    ('=HYPERLINK("http://evil","x")', "Әлия", "=1+1", "Aliya", "@SUM(1,2)"),
    ("+SUM(1,2)", "Бекзат", "@SUM(1,2)", "Bekzat", "-2+3"),
    ("@Ораз", "Нұр", "-2+3", "Nur", "\tTab first"),
    # "#N/A" is an error code to openpyxl; "'=x" was typed by someone who knew the trick.
    ("'=1+1", "-1", "", "#N/A", "\rCarriage return first"),
    ("Нұрпейісова", "Әлия", "Nurpeiisova", "Aliya", "Көп жолды\nескертпе; «тырнақша» \"x\""),
]
BIRTH = date(1990, 1, 1)
KEYS = [column.key for column in COLUMNS]


def actor(database: Database, office_code: str, role: Role, login: str) -> Actor:
    with database.session() as session:
        office = session.scalar(select(Office).where(Office.code == office_code))
        if office is None:
            office = Office(code=office_code, name=f"Office {office_code}", region_code="71")
            session.add(office)
            session.flush()
        user = User(login=login, full_name=f"{login.title()} Сейтова", role=role,
                    office_id=office.id)
        session.add(user)
        session.flush()
        return Actor(user.id, user.login, user.full_name, role, office.id, office.code,
                     office.name)


@pytest.fixture
def manager(database: Database) -> Actor:
    return actor(database, "AST", Role.MANAGER, "manager.ast")


@pytest.fixture
def caseworker(database: Database, manager: Actor) -> Actor:
    return actor(database, "AST", Role.CASEWORKER, "cw.ast")


def add_person(database: Database, office_id: uuid.UUID, surname: str, given: str = "Айгерім",
               **values: object) -> uuid.UUID:
    with database.session() as session:
        person = Person(**{"surname": surname, "given_name": given, "category_code": "kandas",
                           "office_id": office_id, "birth_date": BIRTH, "sex": "F", **values})
        session.add(person)
        session.flush()
        return person.id


@pytest.fixture
def formulas(database: Database, manager: Actor) -> list[uuid.UUID]:
    return [add_person(database, manager.office_id, surname, given, surname_latin=latin,
                       given_name_latin=latin_given, notes=notes, phone="+77012345678")
            for surname, given, latin, latin_given, notes in FORMULAS]


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads it as UTF-8
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


def by_key(row: list[object]) -> dict[str, object]:
    return dict(zip(KEYS, row, strict=True))


# ---- the columns and their values --------------------------------------------------------------

def test_the_columns_are_the_template_then_office_caseworker_and_status() -> None:
    assert KEYS[:len(TEMPLATE)] == [column.key for column in TEMPLATE]
    assert KEYS[len(TEMPLATE):] == [column.key for column in EXPORT_ONLY] == [
        "consent_date", "consent_form", "office", "caseworker", "case_status"]


@pytest.fixture
def known(database: Database, manager: Actor) -> tuple[uuid.UUID, uuid.UUID]:
    """A person with an open and a closed case, and a stateless one whose only case is
    closed; both with every column of the file filled."""
    first = add_person(database, manager.office_id, "Сейтқалиева", "Айгерім",
                       patronymic="Бауыржанқызы", surname_latin="Seitkaliyeva",
                       given_name_latin="Aigerim", iin="900101400123", citizenship="CN",
                       country_of_origin="CN", region_code="71", locality="Қосшы",
                       arrival_date=date(2026, 3, 2), phone="+77012345678",
                       preferred_language="ru", notes="Шалқар", consent_date=date(2026, 3, 3),
                       consent_form_code="written")
    second = add_person(database, manager.office_id, "Әбенов", "Нұрлан", sex="M",
                        citizenship=None, country_of_origin="UZ", preferred_language="kk")
    with database.session() as session:
        session.add_all([
            Case(person_id=first, office_id=manager.office_id, status=CaseStatus.CLOSED,
                 opened_on=date(2025, 1, 5), closed_on=date(2025, 6, 1)),
            Case(person_id=first, office_id=manager.office_id, status=CaseStatus.OPEN,
                 opened_on=date(2026, 3, 4), caseworker_id=manager.user_id),
            Case(person_id=second, office_id=manager.office_id, status=CaseStatus.CLOSED,
                 opened_on=date(2024, 2, 1), closed_on=date(2024, 9, 1)),
            Case(person_id=second, office_id=manager.office_id, status=CaseStatus.CLOSED,
                 opened_on=date(2025, 2, 1), closed_on=date(2025, 9, 1)),
        ])
    return first, second


def test_values_are_written_as_the_import_reads_them_back(database: Database, manager: Actor,
                                                          known: object,
                                                          tmp_path: Path) -> None:
    for language, labels in (("kk", ("Әйел", "Қытай", "Орыс тілі", "Ашық", "Жабық")),
                             ("ru", ("Женский", "Китай", "Русский", "Открыто", "Закрыто")),
                             ("en", ("Female", "China", "Russian", "Open", "Closed"))):
        female, china, russian, opened, closed = labels
        target = tmp_path / f"clients-{language}.csv"
        assert export_clients(database, manager, ClientQuery(), target, language=language) == 2
        header, *rows = read_csv(target)
        assert header == [column.header(language) for column in COLUMNS]
        first, second = (by_key(row) for row in rows)  # the list's order: Kazakh alphabet
        assert second["last_name"] == "Сейтқалиева" and first["last_name"] == "Әбенов"
        assert second["patronymic"] == "Бауыржанқызы"
        assert second["iin"] == "900101400123"  # a manager's export: in full
        assert second["birth_date"] == "01.01.1990" and second["arrival_date"] == "02.03.2026"
        assert (second["sex"], second["citizenship"], second["country_of_origin"],
                second["preferred_language"]) == (female, china, china, russian)
        assert second["phone"] == "'+77012345678"  # "+" starts a formula: guarded, read back
        assert second["locality"] == "Қосшы" and second["notes"] == "Шалқар"
        # The open case, not the later-closed earlier one.
        assert (second["intake_date"], second["case_status"], second["caseworker"]) == (
            "04.03.2026", opened, manager.full_name)
        assert second["office"] == "AST" and second["consent_date"] == "03.03.2026"
        assert second["consent_form"]
        # No open case: the latest; a stateless person's citizenship stays empty.
        assert (first["intake_date"], first["case_status"], first["caseworker"]) == (
            "01.02.2025", closed, "")
        assert first["citizenship"] == "" and first["iin"] == ""


def test_xlsx_has_real_dates_and_the_same_values(database: Database, manager: Actor,
                                                 known: object, tmp_path: Path) -> None:
    target = tmp_path / "clients.xlsx"
    export_clients(database, manager, ClientQuery(), target, language="ru")
    sheet = load_workbook(target).active
    header, *rows = (list(row) for row in sheet.iter_rows())
    assert [cell.value for cell in header] == [column.header("ru") for column in COLUMNS]
    assert sheet.freeze_panes == "A2"
    values = by_key(rows[1])
    for key, day in (("birth_date", date(1990, 1, 1)), ("arrival_date", date(2026, 3, 2)),
                     ("intake_date", date(2026, 3, 4)), ("consent_date", date(2026, 3, 3))):
        cell = values[key]
        assert cell.is_date and cell.value == datetime.combine(day, datetime.min.time()), key
    assert values["iin"].value == "900101400123" and values["iin"].data_type == "s"
    assert values["phone"].value == "+77012345678" and values["phone"].quotePrefix
    assert values["sex"].value == "Женский" and values["office"].value == "AST"


def test_a_caseworker_exports_masked_iins_of_their_own_office(
        database: Database, manager: Actor, caseworker: Actor, known: object,
        tmp_path: Path) -> None:
    other = actor(database, "ALA", Role.CASEWORKER, "cw.ala")
    add_person(database, other.office_id, "Басқа", iin="850505300111")
    target = tmp_path / "mine.csv"
    assert export_clients(database, caseworker, ClientQuery(), target) == 2
    rows = [by_key(row) for row in read_csv(target)[1:]]
    assert {row["office"] for row in rows} == {"AST"}
    assert [row["iin"] for row in rows if row["iin"]] == ["••••••••0123"]
    # Asking for another office gives nothing of it; by code it is refused outright.
    assert export_clients(database, caseworker, ClientQuery(office_id=other.office_id),
                          tmp_path / "theirs.csv") == 2
    with pytest.raises(AccessDenied):
        exporting.office_query(database, caseworker, "ala")
    with pytest.raises(ReportProblem):
        exporting.office_query(database, manager, "NOPE")
    query = exporting.office_query(database, manager, " ala ")
    assert export_clients(database, manager, query, tmp_path / "ala.csv") == 1


def test_every_export_is_in_the_audit_log(database: Database, manager: Actor,
                                          caseworker: Actor, known: object,
                                          tmp_path: Path) -> None:
    export_clients(database, manager, ClientQuery(), tmp_path / "a.xlsx")
    export_clients(database, caseworker, ClientQuery(), tmp_path / "b.csv")
    with database.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")
                                  .order_by(AuditEntry.at)).all()
    assert [(e.user_id, e.table_name, e.changes) for e in entries] == [
        (manager.user_id, "person", {"people": [None, 2], "format": [None, "xlsx"],
                                     "iin": [None, "full"]}),
        (caseworker.user_id, "person", {"people": [None, 2], "format": [None, "csv"],
                                        "iin": [None, "masked"]})]
    assert entries[0].record_id != entries[1].record_id
    assert all(isinstance(e.record_id, uuid.UUID) for e in entries)


def test_a_stopped_or_failed_export_leaves_no_file_and_no_entry(
        database: Database, manager: Actor, known: object, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    progress = Progress()
    progress.cancel()
    for name in ("stopped.csv", "stopped.xlsx"):
        with pytest.raises(Cancelled):
            export_clients(database, manager, ClientQuery(), out / name, progress)

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exporting.os, "replace", broken)
    with pytest.raises(OSError):
        export_clients(database, manager, ClientQuery(), out / "full.csv")
    assert list(out.iterdir()) == []  # no target, no temporary file either
    with database.session() as session:
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all() \
            == []


def test_an_old_file_is_replaced_only_by_a_complete_one(database: Database, manager: Actor,
                                                        known: object, tmp_path: Path) -> None:
    target = tmp_path / "clients.csv"
    target.write_text("old", encoding="utf-8")
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        export_clients(database, manager, ClientQuery(), target, progress)
    assert target.read_text(encoding="utf-8") == "old"
    steps: list[tuple[int, int]] = []
    export_clients(database, manager, ClientQuery(), target, Progress(
        lambda done, total: steps.append((done, total))))
    assert steps == [(2, 2)] and target.read_bytes().count(b"\r\n") == 3


def test_the_list_filter_and_order_are_the_export_s(database: Database, manager: Actor,
                                                    known: object, tmp_path: Path) -> None:
    target = tmp_path / "open.csv"
    assert export_clients(database, manager, ClientQuery(case_status=CaseStatus.OPEN), target) == 1
    assert [row[0] for row in read_csv(target)[1:]] == ["Сейтқалиева"]
    export_clients(database, manager, ClientQuery(sort="name", descending=True), target)
    assert [row[0] for row in read_csv(target)[1:]] == ["Сейтқалиева", "Әбенов"]


def test_pages_follow_one_another(database: Database, manager: Actor, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exporting, "PAGE", 3)
    names = [f"Клиент{index:02d}" for index in range(8)]
    for name in names:
        add_person(database, manager.office_id, name)
    target = tmp_path / "paged.csv"
    assert export_clients(database, manager, ClientQuery(), target) == 8
    assert [row[0] for row in read_csv(target)[1:]] == names


# ---- formulas stay text ------------------------------------------------------------------------

@pytest.fixture
def exported_xlsx(database: Database, manager: Actor, formulas: object,
                  tmp_path: Path) -> Path:
    target = tmp_path / "clients.xlsx"
    assert export_clients(database, manager, ClientQuery(), target, language="en") == len(
        FORMULAS)
    return target


@pytest.fixture
def exported_csv(database: Database, manager: Actor, formulas: object, tmp_path: Path) -> Path:
    target = tmp_path / "clients.csv"
    assert export_clients(database, manager, ClientQuery(), target, language="en") == len(
        FORMULAS)
    return target


def stored_texts() -> list[tuple[str, ...]]:
    return sorted(FORMULAS)


def test_text_starting_like_a_formula_is_a_text_cell(exported_xlsx: Path) -> None:
    sheet = load_workbook(exported_xlsx).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in cells if cell.data_type in ("f", "e")]
    body = [by_key(list(row)) for row in sheet.iter_rows(min_row=2)]
    shown = sorted(tuple(row[key].value or "" for key in (
        "last_name", "first_name", "last_name_latin", "first_name_latin", "notes"))
        for row in body)
    # As stored, a tab first included; XML reads any carriage return as a line feed (a
    # text cannot keep one in XLSX; the CSV does).
    assert shown == [tuple(text.replace("\r", "\n") for text in row)
                     for row in stored_texts()]
    for row in body:
        for key in ("last_name", "first_name", "last_name_latin", "first_name_latin", "notes",
                    "phone"):
            cell = row[key]
            if cell.value is None:
                continue
            assert cell.data_type == "s", cell.coordinate
            # Excel and LibreOffice keep a quote-prefixed cell text even when it is edited
            # (the line feed first was a carriage return when written).
            guarded = cell.value.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
            assert cell.quotePrefix is guarded, (cell.coordinate, cell.value)
        assert row["birth_date"].is_date  # dates stay dates: only text is guarded


def test_the_workbook_holds_no_formula_element(exported_xlsx: Path) -> None:
    # Read the sheet's XML itself: openpyxl's reader could hide what its writer did.
    with zipfile.ZipFile(exported_xlsx) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")
                  and name.endswith(".xml")]
        assert sheets
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert "<f>" not in xml and "<f " not in xml, name


def test_csv_guards_formulas_with_an_apostrophe_that_the_import_takes_off(
        exported_csv: Path) -> None:
    raw = exported_csv.read_bytes()
    assert b"\r\n" in raw and b";" in raw.splitlines()[0]
    rows = [by_key(row) for row in read_csv(exported_csv)[1:]]
    for row in rows:
        for key in ("last_name", "first_name", "last_name_latin", "first_name_latin", "notes"):
            assert not row[key].startswith(("=", "+", "-", "@", "\t", "\r")), row[key]
    shown = sorted(tuple(csv_unescaped(row[key]) for key in (
        "last_name", "first_name", "last_name_latin", "first_name_latin", "notes"))
        for row in rows)
    assert shown == stored_texts()


def test_libreoffice_shows_the_workbook_s_names_as_written(exported_xlsx: Path,
                                                           tmp_path: Path) -> None:
    header, *rows = libreoffice_csv(exported_xlsx, tmp_path / "libreoffice")
    assert header[:2] == ["last_name", "first_name"]
    # LibreOffice writes a lone carriage return as a line break: compare the names.
    assert sorted(tuple(row[:2]) + tuple(row[3:5]) for row in rows) == sorted(
        (surname, given, latin, latin_given)
        for surname, given, latin, latin_given, _notes in FORMULAS)


def libreoffice_reads_csv(path: Path, folder: Path) -> list[list[str]]:
    """The CSV as LibreOffice opens it with formulas evaluated (";", UTF-8), written back
    as plain comma-separated text of what each cell shows."""
    program = shutil.which("libreoffice") or shutil.which("soffice")
    if program is None:
        pytest.skip("LibreOffice is not installed: the file is only checked by reading it")
    folder.mkdir(parents=True, exist_ok=True)
    # Separator ;, quote ", UTF-8, from line 1, ..., token 13: evaluate formulas.
    infilter = "CSV:59,34,76,1,,0,false,false,false,false,false,-1,true"
    subprocess.run([program, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--norestore", f"--infilter={infilter}", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(folder / "out"),
                    str(path)], check=True, capture_output=True, timeout=TIMEOUT)
    text = (folder / "out" / path.name).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_libreoffice_evaluating_formulas_still_shows_the_csv_s_names_as_text(
        exported_csv: Path, tmp_path: Path) -> None:
    header, *rows = libreoffice_reads_csv(exported_csv, tmp_path / "libreoffice")
    assert header[:2] == ["last_name", "first_name"]
    shown = sorted((csv_unescaped(row[0]), csv_unescaped(row[1]), csv_unescaped(row[3]),
                    csv_unescaped(row[4])) for row in rows)
    assert shown == sorted((surname, given, latin, latin_given)
                           for surname, given, latin, latin_given, _notes in FORMULAS)
    # The check is real: the same LibreOffice runs an unguarded one.
    bare = tmp_path / "bare.csv"
    bare.write_text("a;b\r\n=1+1;x\r\n", encoding="utf-8-sig")
    assert libreoffice_reads_csv(bare, tmp_path / "bare")[1][0] == "2"


# ---- the CSV escape --------------------------------------------------------------------------

@given(st.text())
def test_csv_safe_round_trips_any_text(text: str) -> None:
    written = csv_safe(text)
    assert csv_unescaped(written) == text
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_unescaped_reads_hand_typed_cells_as_people_mean_them() -> None:
    assert csv_unescaped("'=1+1") == "=1+1"
    assert csv_unescaped("'+7 701 234 56 78") == "+7 701 234 56 78"
    assert csv_unescaped("'Ахмед") == "'Ахмед"  # an apostrophe before a letter stays
    assert csv_unescaped("Д'Артаньян") == "Д'Артаньян"
    assert csv_safe("'=x") == "''=x" and csv_unescaped("''=x") == "'=x"
