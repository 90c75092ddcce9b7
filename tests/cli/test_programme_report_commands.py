"""`qadam report courses|placements|referrals`: the monthly report's options, the same
figures as the service builds, one line for what is wrong."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from db.migrate import open_database
from db.reports.periods import Period
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.programme_reports import build_programme
from tests.cli.test_commands import assert_one_line_error, qadam
from tests.cli.test_report_commands import pdf_text
from tests.reports.known_month import build
from tests.reports.test_programme_reports import KAMKOR_KK, add_programmes


@pytest.fixture
def known_path(database_path: Path) -> Path:
    database = open_database(database_path)
    build(database)
    add_programmes(database)
    database.dispose()
    return database_path


OCTOBER = Period.month(date(2026, 10, 1))


@pytest.mark.parametrize(("report", "args", "period", "office", "total"), [
    ("courses", ("--month", "2026-10"), OCTOBER, None,
     {"participants": 5, "enrolled": 4, "completed": 1, "dropped": 2, "levels_gained": 1,
      "marked": 7, "present": 5, "attendance": 0.7143}),
    ("placements", ("--from", "2026-10-01", "--to", "2026-10-31"), OCTOBER, "AST",
     {"placements": 4, "median_wage": 270_000, "lowest_wage": 180_000,
      "highest_wage": 650_000}),
    ("referrals", ("--from", "2026-09-01", "--to", "2026-10-31"),
     Period.between(date(2026, 9, 1), date(2026, 10, 31)), None, None),
    ("referrals", ("--quarter", "2026-Q3"), Period.quarter(2026, 3), "ALA", None),
    ("courses", ("--year", "2025"), Period.year(2025), None,
     {"participants": 0, "enrolled": 0, "completed": 0, "dropped": 0, "levels_gained": 0,
      "marked": 0, "present": 0, "attendance": None}),
])
def test_each_report_of_any_period(known_path: Path, tmp_path: Path, report: str,
                                   args: tuple[str, ...], period: Period, office: str | None,
                                   total: dict[str, object] | None) -> None:
    out = tmp_path / "report.json"
    where = ("--office", office) if office else ()
    result = qadam("--db", known_path, "report", report, *args, *where, "--lang", "kk",
                   "--prepared-by", "Тест Тестов", "--out", out)
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["programme"] == report and data["office_code"] == office
    assert data["prepared_by"] == "Тест Тестов" and data["complete"] is True
    assert data["period"] == {"from": period.first.isoformat(), "to": period.end.isoformat(),
                              "kind": period.kind}
    if total is not None:
        assert data["total"] == total
    # The figures the service builds, for the same period, office and language.
    database = open_database(known_path)
    try:
        built = build_programme(database, LOCAL_OPERATOR, report, period, office, "kk",
                                "Тест Тестов", now=datetime(2027, 6, 1))
    finally:
        database.dispose()
    assert data["total"] == dataclasses.asdict(built.total)  # type: ignore[attr-defined]


def test_the_pdf_and_the_workbook(known_path: Path, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "referrals.pdf", tmp_path / "referrals.xlsx"
    for out in (pdf, xlsx):
        result = qadam("--db", known_path, "report", "referrals", "--month", "2026-10",
                       "--lang", "kk", "--out", out)
        assert result.returncode == 0, result.stderr
    text = pdf_text(pdf)
    assert KAMKOR_KK in text and "261 000,00 ₸" in text and "БЕКІТЕМІН" in text
    sheet = openpyxl.load_workbook(xlsx).active
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.print_title_rows is not None
    assert any(row[0] == "Барлығы" and row[-1] == 261_000
               for row in sheet.iter_rows(values_only=True))


@pytest.mark.parametrize(("args", "expected"), [
    (("courses", "--month", "2026-10", "--office", "XYZ"), "XYZ"),
    (("placements", "--year", "2099"), "still to come"),
    (("referrals", "--from", "2026-10-01"), "--to"),
    (("courses", "--quarter", "2026-Q5"), "YYYY-Qn"),
    (("placements", "--month", "2026-10", "--group", "KK-A1"), "--group"),
])
def test_what_is_wrong_is_one_line(known_path: Path, tmp_path: Path, args: tuple[str, ...],
                                   expected: str) -> None:
    result = qadam("--db", known_path, "report", *args, "--lang", "en",
                   "--out", tmp_path / "report.json")
    assert expected in assert_one_line_error(result)
    assert not (tmp_path / "report.json").exists()


def test_the_output_must_be_pdf_xlsx_or_json(known_path: Path, tmp_path: Path) -> None:
    result = qadam("--db", known_path, "report", "courses", "--month", "2026-10", "--lang",
                   "en", "--out", tmp_path / "courses.txt")
    assert ".pdf, .xlsx, .json" in assert_one_line_error(result)
    missing = qadam("--db", known_path, "report", "courses", "--month", "2026-10",
                    "--out", tmp_path / "courses.pdf")
    assert "--lang" in assert_one_line_error(missing)
