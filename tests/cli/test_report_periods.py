"""`qadam report monthly` of a quarter, a year or any dates; `report consultation` in the
client's language by default; who prepared the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.migrate import open_database
from desktop.reports.labels import FIGURE_LABELS, Words
from tests.cli.test_commands import assert_one_line_error, qadam
from tests.cli.test_report_commands import pdf_text
from tests.reports.known_month import build
from tests.reports.test_pdf import normalise


@pytest.fixture
def known_path(database_path: Path) -> tuple[Path, str]:
    database = open_database(database_path)
    known = build(database)
    database.dispose()
    return database_path, str(known.consultation_id)


@pytest.mark.parametrize(("args", "period"), [
    (("--quarter", "2026-Q3"), {"from": "2026-07-01", "to": "2026-09-30", "kind": "quarter"}),
    (("--quarter", "2026-q4"), {"from": "2026-10-01", "to": "2026-12-31", "kind": "quarter"}),
    (("--year", "2025"), {"from": "2025-01-01", "to": "2025-12-31", "kind": "year"}),
    (("--from", "2026-09-15", "--to", "2026-10-14"),
     {"from": "2026-09-15", "to": "2026-10-14", "kind": "custom"}),
    (("--from", "2026-10-01", "--to", "2026-10-31"),
     {"from": "2026-10-01", "to": "2026-10-31", "kind": "month"}),
    (("--month", "2026-10"), {"from": "2026-10-01", "to": "2026-10-31", "kind": "month"}),
])
def test_any_period_is_reported(known_path: tuple[Path, str], tmp_path: Path,
                                args: tuple[str, ...], period: dict[str, str]) -> None:
    database, _ = known_path
    out = tmp_path / "report.json"
    result = qadam("--db", database, "report", "monthly", *args, "--lang", "en", "--out", out)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["period"] == period and data["month"] == period["from"]
    assert {"complete", "as_of", "compared_with"} <= set(data)
    assert all({"previous", "year_before", "change", "change_year"} <= set(h)
               for h in data["headlines"])


@pytest.mark.parametrize(("args", "expected"), [
    (("--quarter", "2026-Q5"), "YYYY-Qn"), (("--quarter", "Q3-2026"), "YYYY-Qn"),
    (("--year", "26"), "YYYY"), (("--from", "2026-02-30", "--to", "2026-03-01"), "YYYY-MM-DD"),
    (("--from", "2026-10-01"), "--to"), (("--to", "2026-10-01", "--month", "2026-10"), "--from"),
    (("--from", "2026-10-02", "--to", "2026-10-01"), "2026-10-01"),
    (("--month", "2026-10", "--quarter", "2026-Q4"), "--month"),
    ((), "--month"),
    (("--quarter", "2099-Q1"), "still to come"), (("--year", "2099"), "still to come"),
])
def test_a_bad_period_is_one_line(known_path: tuple[Path, str], tmp_path: Path,
                                  args: tuple[str, ...], expected: str) -> None:
    database, _ = known_path
    out = tmp_path / "report.json"
    line = assert_one_line_error(qadam("--db", database, "report", "monthly", *args,
                                       "--lang", "en", "--out", out))
    assert expected in line
    assert not out.exists()


def test_the_record_without_lang_is_in_the_clients_language(
        known_path: tuple[Path, str], tmp_path: Path) -> None:
    database, consultation = known_path
    out = tmp_path / "record.pdf"
    # The terminal speaks English (and Russian next); the client asked for Kazakh.
    for lang in ("en", "ru"):
        result = qadam("--db", database, "report", "consultation", consultation, "--out", out,
                       lang=lang)
        assert result.returncode == 0, result.stderr
        text = pdf_text(out)
        assert "Құжаттар" in text and "Documents" not in text  # a topic, in Kazakh
        assert normalise(Words("kk")(FIGURE_LABELS["consultation_record"])) in text
    assert len(PdfReader(out).pages) == 1
    result = qadam("--db", database, "report", "consultation", consultation, "--lang", "en",
                   "--out", out)
    assert result.returncode == 0 and "Documents" in pdf_text(out)


def test_prepared_by_is_the_one_given_else_the_user_running_it(
        known_path: tuple[Path, str], tmp_path: Path) -> None:
    database, _ = known_path
    out = tmp_path / "report.json"
    result = qadam("--db", database, "report", "monthly", "--month", "2026-10", "--lang", "en",
                   "--prepared-by", "Әбенова Динара", "--out", out)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["prepared_by"] == "Әбенова Динара"
    # A Qadam user whose login is the operating system's: their full name.
    result = qadam("--db", database, "report", "monthly", "--month", "2026-10", "--lang", "en",
                   "--out", out, env={"LOGNAME": "aigerim", "USER": "aigerim",
                                      "LNAME": "aigerim", "USERNAME": "aigerim"})
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["prepared_by"] == "Сапарова Айгерім"
    # None such: the login itself.
    result = qadam("--db", database, "report", "monthly", "--month", "2026-10", "--lang", "en",
                   "--out", out, env={"LOGNAME": "nobody-here", "USER": "nobody-here",
                                      "LNAME": "nobody-here", "USERNAME": "nobody-here"})
    assert json.loads(out.read_text(encoding="utf-8"))["prepared_by"] == "nobody-here"
