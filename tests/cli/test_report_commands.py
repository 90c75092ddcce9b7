"""`qadam report`: the three forms of the monthly report and the consultation record."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from db.migrate import open_database
from tests.cli.test_commands import assert_one_line_error, qadam
from tests.reports.known_month import ADILET, BARYS, build


@pytest.fixture
def known_path(database_path: Path) -> tuple[Path, str]:
    database = open_database(database_path)
    known = build(database)
    database.dispose()
    return database_path, str(known.consultation_id)


def pdf_text(path: Path) -> str:
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_three_forms_carry_the_same_figures(known_path: tuple[Path, str],
                                                tmp_path: Path) -> None:
    database, _ = known_path
    outputs = {}
    for form in ("json", "xlsx", "pdf"):
        outputs[form] = tmp_path / f"october.{form}"
        result = qadam("--db", database, "report", "monthly", "--month", "2026-10", "--lang",
                       "kk", "--out", outputs[form])
        assert result.returncode == 0, result.stderr
    figures = json.loads(outputs["json"].read_text(encoding="utf-8"))
    assert figures["consultations"] == 3 and figures["caseload"]["active_end"] == 2
    jobs = figures["employment"]
    # Codes, not the words, key the contract types; the wage is a plain number of tenge.
    assert [(row["code"], row["count"]) for row in jobs["hires_by_contract_type"]] == [
        ("permanent", 1), ("fixed_term", 1), ("seasonal", 2), ("unknown", 1)]
    assert all(row["label"] for row in jobs["hires_by_contract_type"])
    assert jobs["median_starting_wage"] == 222_501
    assert jobs["top_employers"] == [{"name": ADILET, "count": 2}, {"name": BARYS, "count": 2},
                                     {"name": "«Құрылыс-7» ЖШС", "count": 1}]
    # After "hires_by_sector", as the PDF and the XLSX have them.
    keys = list(jobs)
    assert keys[keys.index("hires_by_sector") + 1:][:3] == [
        "hires_by_contract_type", "median_starting_wage", "top_employers"]

    cells = [cell.value for sheet in openpyxl.load_workbook(outputs["xlsx"]).worksheets
             for row in sheet.iter_rows() for cell in row]
    numbers = [value for value in cells if isinstance(value, int | float)]
    assert 0.75 in numbers  # the attendance rate, a real number, not text
    assert 20.0 in numbers  # median days to complete housing support
    assert 222_501 in numbers  # the median starting wage, in tenge

    text = pdf_text(outputs["pdf"])
    assert "қазан" in text.lower()  # October in Kazakh
    assert "Сапарова Айгерім" in text and "Қандас" in text
    assert "75" in text and "20" in text
    assert "222 501,00 ₸" in text and ADILET in text and BARYS in text


def test_the_three_forms_carry_the_social_services_new_figures(known_path: tuple[Path, str],
                                                               tmp_path: Path) -> None:
    """Refusals and payments of referrals, state support, the quota and accommodation
    (known_month), Astana only, in each form."""
    database, _ = known_path
    outputs = {}
    for form in ("json", "xlsx", "pdf"):
        outputs[form] = tmp_path / f"october-ast.{form}"
        result = qadam("--db", database, "report", "monthly", "--month", "2026-10", "--office",
                       "AST", "--lang", "kk", "--out", outputs[form])
        assert result.returncode == 0, result.stderr
    figures = json.loads(outputs["json"].read_text(encoding="utf-8"))
    social = {row["code"]: row for row in figures["social"]}
    assert (social["housing_support"]["amount_paid"], social["legal_aid"]["refused"]) == (
        205_500, 1)
    # The keys of before stay; what the rate is of is said beside them.
    assert {"referred", "completed", "completion_rate"} <= set(social["housing_support"])
    assert figures["definitions"]["social"]["completion_rate"]
    rent = {row["code"]: row for row in figures["entitlements"]}["rent_subsidy"]
    assert (rent["applied"], rent["amount_applied"], rent["paid"], rent["outstanding"]) == (
        2, 580_000, 50_000, 530_000)
    assert rent["label"].startswith("Тұрғын үйді жалдауға")
    assert figures["quota"] == {"participants": 2, "this_year": 1}
    assert figures["accommodation"] == {
        "beds": 4, "bed_nights": 40, "bed_nights_available": 124, "occupancy_rate": 0.3226,
        "people": 3, "check_ins": 4, "overstays": 1}

    cells = [cell.value for sheet in openpyxl.load_workbook(outputs["xlsx"]).worksheets
             for row in sheet.iter_rows() for cell in row]
    numbers = [value for value in cells if isinstance(value, int | float)]
    assert {205_500, 580_000, 530_000, 124, 0.3226} <= set(numbers)
    assert figures["definitions"]["social"]["completed"] in cells

    text = " ".join(pdf_text(outputs["pdf"]).split())
    for shown in ("205 500,00 ₸", "580 000,00 ₸", "530 000,00 ₸", "300 000,00 ₸",
                  "Көшуге арналған субсидия", "32,3%",
                  " ".join(figures["definitions"]["social"]["completion_rate"].split())):
        assert shown in text, shown


def test_the_consultation_record_is_one_page_in_the_asked_language(
        known_path: tuple[Path, str], tmp_path: Path) -> None:
    database, consultation = known_path
    out = tmp_path / "record.pdf"
    result = qadam("--db", database, "report", "consultation", consultation, "--lang", "kk",
                   "--out", out)
    assert result.returncode == 0, result.stderr
    pages = PdfReader(out).pages
    assert len(pages) == 1
    text = pdf_text(out)
    assert "Нұрпейісова Әлия" in text
    assert "0017" in text and "900510400017" not in text  # IIN masked but the last 4


@pytest.mark.parametrize(("args", "expected"), [
    (("monthly", "--month", "2099-01", "--lang", "en"), "still to come"),
    (("monthly", "--month", "2026-10", "--office", "NOPE", "--lang", "en"), "NOPE"),
    (("consultation", "00000000-0000-0000-0000-000000000000", "--lang", "en"),
     "no consultation"),
    (("consultation", "not-an-id", "--lang", "en"), "no consultation"),
])
def test_refusals_leave_no_file(known_path: tuple[Path, str], tmp_path: Path,
                                args: tuple[str, ...], expected: str) -> None:
    database, _ = known_path
    folder = tmp_path / "out"
    folder.mkdir()
    line = assert_one_line_error(qadam("--db", database, "report", *args, "--out",
                                       folder / "out.pdf"))
    assert expected in line.lower() or expected in line
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("out", ["/proc/qadam-report.pdf", "{tmp}/no/such/folder/r.pdf",
                                 "{tmp}/report.docx", "{tmp}"])
def test_unwritable_or_unknown_outputs(known_path: tuple[Path, str], tmp_path: Path,
                                       out: str) -> None:
    database, _ = known_path
    folder = tmp_path / "out"
    folder.mkdir()
    target = out.format(tmp=folder)
    assert_one_line_error(qadam("--db", database, "report", "monthly", "--month", "2026-10",
                                "--lang", "ru", "--out", target))
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("month", ["2026-13", "October", "2026/10"])
def test_a_malformed_month_is_refused(known_path: tuple[Path, str], month: str) -> None:
    database, _ = known_path
    line = assert_one_line_error(qadam("--db", database, "report", "monthly", "--month", month,
                                       "--lang", "en", "--out", "x.json"))
    assert "YYYY-MM" in line
