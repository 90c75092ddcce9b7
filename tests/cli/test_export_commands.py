"""`qadam export clients` and `qadam export person`: the files they write, the audit log,
and one translated line (no file) for each bad input."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from desktop.services.transfer.columns import COLUMNS
from tests.cli.test_commands import assert_one_line_error, qadam


def exports(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute(
            "SELECT changes FROM audit_log WHERE action = 'export' ORDER BY at")]


def people(database: Path, office: str | None = None) -> int:
    with sqlite3.connect(database) as connection:
        if office is None:
            return connection.execute("SELECT count(*) FROM person").fetchone()[0]
        return connection.execute(
            "SELECT count(*) FROM person p JOIN office o ON o.id = p.office_id "
            "WHERE o.code = ?", (office,)).fetchone()[0]


@pytest.fixture
def person(demo_path: Path) -> tuple[str, str, str]:
    """A demo client with consultations: id, surname, given name."""
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            "SELECT p.id, p.surname, p.given_name FROM person p WHERE p.iin IS NOT NULL AND "
            "p.id IN (SELECT person_id FROM consultation) ORDER BY p.sort_key LIMIT 1"
        ).fetchone()
    value = row[0]
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}", row[1], row[2]


def test_clients_are_exported_to_csv_and_xlsx(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "clients.csv"
    result = qadam("--db", demo_path, "export", "clients", "--out", target, "--lang", "kk")
    assert result.returncode == 0, result.stderr
    count = people(demo_path)
    assert result.stdout.startswith(f"Exported {count} clients to ")  # fewer than 1,000
    with target.open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = csv.reader(stream, delimiter=";")
    assert header == [column.header("kk") for column in COLUMNS] and len(rows) == count
    iins = [row[5] for row in rows if row[5]]
    assert iins and all(iin.isdigit() for iin in iins)  # the command line: an administrator
    # The same database gives the same file, byte for byte.
    again = tmp_path / "again.csv"
    assert qadam("--db", demo_path, "export", "clients", "--out", again, "--lang",
                 "kk").returncode == 0
    assert again.read_bytes() == target.read_bytes()

    workbook = tmp_path / "ast.xlsx"
    result = qadam("--db", demo_path, "export", "clients", "--out", workbook, "--office", "ast",
                   "--lang", "ru")
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(workbook).active
    assert [cell.value for cell in sheet[1]] == [column.header("ru") for column in COLUMNS]
    at = [column.key for column in COLUMNS].index("office")
    offices = {row[at] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert offices == {"AST"} and sheet.max_row - 1 == people(demo_path, "AST")
    logged = [json.loads(changes) for changes in exports(demo_path)]
    assert logged == [
        {"people": [None, count], "format": [None, "csv"], "iin": [None, "full"]},
        {"people": [None, count], "format": [None, "csv"], "iin": [None, "full"]},
        {"people": [None, people(demo_path, "AST")], "format": [None, "xlsx"],
         "iin": [None, "full"]}]


@pytest.mark.parametrize(("args", "words"), [
    (("--out", "{tmp}/clients.txt"), "must end in .csv, .xlsx"),
    (("--out", "{tmp}/missing/clients.csv"), "no such folder"),
    (("--out", "{tmp}/clients.csv", "--office", "NOWHERE"), "no office with the code"),
])
def test_bad_client_exports_give_one_line_and_no_file(demo_path: Path, tmp_path: Path,
                                                       args: tuple[str, ...],
                                                       words: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = qadam("--db", demo_path, "export", "clients",
                   *(arg.format(tmp=out) for arg in args))
    assert words in assert_one_line_error(result)
    assert list(out.iterdir()) == [] and exports(demo_path) == []


def test_a_person_s_copy_is_written_as_pdf_or_json(demo_path: Path, tmp_path: Path,
                                                   person: tuple[str, str, str]) -> None:
    person_id, surname, given = person
    data = tmp_path / "copy.json"
    result = qadam("--db", demo_path, "export", "person", person_id, "--out", data)
    assert result.returncode == 0, result.stderr
    content = json.loads(data.read_text(encoding="utf-8"))
    assert content["person_id"] == person_id and content["profile"]["surname"] == surname
    assert content["consultations"] and content["generated_at"]
    pdf = tmp_path / "copy.pdf"
    result = qadam("--db", demo_path, "export", "person", person_id, "--out", pdf, "--lang",
                   "ru")
    assert result.returncode == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert f"{surname} {given}" in text and content["profile"]["iin"] in text
    assert [json.loads(changes) for changes in exports(demo_path)] == [
        {"personal_data": [None, "json"]}, {"personal_data": [None, "pdf"]}]


@pytest.mark.parametrize(("identifier", "out", "words"), [
    ("not-an-id", "copy.pdf", "is not a client identifier"),
    ("00000000-0000-0000-0000-000000000000", "copy.pdf", "There is no such client"),
    ("{person}", "copy.xlsx", "must end in .pdf, .json"),
    ("{person}", "missing/copy.json", "no such folder"),
])
def test_bad_person_exports_give_one_line_and_no_file(demo_path: Path, tmp_path: Path,
                                                       person: tuple[str, str, str],
                                                       identifier: str, out: str,
                                                       words: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = qadam("--db", demo_path, "export", "person",
                   identifier.format(person=person[0]), "--out", folder / out)
    assert words in assert_one_line_error(result)
    assert list(folder.iterdir()) == [] and exports(demo_path) == []
