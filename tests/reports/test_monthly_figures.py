"""Every figure of the monthly report against a month counted by hand (see known_month.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from db.session import Database
from desktop.reports.json_monthly import monthly_json
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.reports import ReportProblem, build_monthly, write_report
from tests.reports.known_month import MONTH, TODAY, build


@pytest.fixture
def known(database: Database) -> Database:
    build(database)
    return database


def figures(database: Database, office: str | None = None, language: str = "en") -> dict[str, Any]:
    report = build_monthly(database, LOCAL_OPERATOR, MONTH, office, language, "Тест", today=TODAY)
    return json.loads(json.dumps(monthly_json(report), default=str))


def rows(table: list[dict[str, Any]], *fields: str) -> dict[str, tuple[Any, ...]]:
    return {row["code"]: tuple(row[f] for f in fields) for row in table}


CASELOAD = ("active_start", "new", "transferred_in", "closed", "transferred_out", "active_end")


def test_caseload_with_a_case_opened_and_closed_in_the_month_and_a_transfer(
        known: Database) -> None:
    data = figures(known)
    total = data["caseload"]
    # All offices: the transfer is neither closed nor new, but out of one and into another.
    assert tuple(total[f] for f in CASELOAD) == (2, 1, 1, 1, 1, 2)
    by = data["caseload_by"]
    assert rows(by["category"], *CASELOAD) == {"kandas": (2, 0, 1, 0, 1, 2),
                                               "labour_migrant_permit": (0, 1, 0, 1, 0, 0)}
    assert rows(by["sex"], *CASELOAD) == {"F": (1, 0, 0, 0, 0, 1), "M": (1, 1, 1, 1, 1, 1)}
    assert rows(by["country"], *CASELOAD) == {"CN": (1, 0, 0, 0, 0, 1),
                                              "UZ": (1, 1, 1, 1, 1, 1)}
    assert rows(by["region"], *CASELOAD) == {"71": (1, 1, 0, 1, 0, 1), "75": (1, 0, 1, 0, 1, 1)}
    # Ages on 31 October; the transferred client has no birth date.
    assert rows(by["age_band"], *CASELOAD) == {"30-44": (1, 0, 0, 0, 0, 1),
                                               "16-29": (0, 1, 0, 1, 0, 0),
                                               "unknown": (1, 0, 1, 0, 1, 1)}


def test_each_office_reports_its_own_cases_and_stocks(known: Database) -> None:
    astana, almaty = figures(known, "AST")["caseload"], figures(known, "ala")["caseload"]
    # Astana held the client at the start of the month, Almaty at its end.
    assert tuple(astana[f] for f in CASELOAD) == (2, 1, 0, 1, 1, 1)
    assert tuple(almaty[f] for f in CASELOAD) == (0, 0, 1, 0, 0, 1)


def test_every_row_balances_and_transfers_even_out_across_offices(known: Database) -> None:
    reports = [figures(known), figures(known, "AST"), figures(known, "ALA")]
    for data in reports:
        for row in [data["caseload"], *(r for t in data["caseload_by"].values() for r in t)]:
            assert (row["active_start"] + row["new"] + row["transferred_in"] - row["closed"]
                    - row["transferred_out"]) == row["active_end"], row
    whole = reports[0]["caseload"]
    assert whole["transferred_in"] == whole["transferred_out"] == 1
    for figure in CASELOAD:  # the offices add up to the whole
        assert reports[1]["caseload"][figure] + reports[2]["caseload"][figure] == whole[figure]


def test_consultations_count_only_the_month_to_its_last_minute(known: Database) -> None:
    data = figures(known)
    assert (data["consultations"], data["clients_consulted"]) == (3, 2)
    assert rows(data["consultations_by_topic"], "count") == {
        "documents": (2,), "legal_status": (1,), "employment": (1,)}
    assert rows(data["consultations_by_channel"], "count") == {
        "in_person": (1,), "phone": (1,), "messenger": (1,)}


def test_language_courses(known: Database) -> None:
    # One client joined the waiting list and another left it in October: neither took a
    # place, so neither is enrolled nor dropped out. The excused absence, the mark of the
    # cancelled session and the withdrawn client's mark are not counted.
    group = {"group": "KK-A1", "office": "AST", "teacher": "Сапарова Айгерім",
             "enrolled": 2, "completed": 1, "dropped": 1, "attendance": 0.75}
    assert figures(known)["courses"] == {
        "enrolled": 1, "completed": 1, "dropped": 1, "levels_gained": 1,
        "attendance_marked": 4, "attendance_present": 3, "attendance_rate": 0.75,
        "groups": [group]}
    assert figures(known, "AST")["courses"]["groups"] == [group]
    almaty = figures(known, "ALA")["courses"]
    assert (almaty["enrolled"], almaty["attendance_rate"], almaty["groups"]) == (0, None, [])


def test_employment(known: Database) -> None:
    jobs = figures(known)["employment"]
    assert (jobs["job_seekers"], jobs["referrals"], jobs["hires"]) == (1, 2, 1)
    assert rows(jobs["hires_by_sector"], "count") == {"construction": (1,)}
    assert (jobs["checked_3_months"], jobs["employed_3_months"]) == (1, 0)
    assert (jobs["checked_6_months"], jobs["employed_6_months"]) == (1, 1)


def test_social_services_with_a_referral_completed_the_next_month(known: Database) -> None:
    social = rows(figures(known)["social"], "referred", "completed", "completion_rate",
                  "median_days")
    # Housing: two referred in October, one of them done in November; two done in
    # October (10 and 30 days); information services are not social services.
    assert social == {"housing_support": (2, 2, 0.5, 20.0), "legal_aid": (1, 0, 0.0, None)}


def test_workload_and_overdue_follow_ups(known: Database) -> None:
    data = figures(known)
    assert data["overdue_follow_ups"] == 3
    assert [(r["caseworker"], r["open_cases"], r["consultations"], r["overdue_follow_ups"])
            for r in data["workload"]] == [("Сейткали Ерлан", 1, 0, 1),
                                           ("Сапарова Айгерім", 1, 3, 2)]
    assert figures(known, "AST")["overdue_follow_ups"] == 2


def test_change_against_the_previous_month(known: Database) -> None:
    headlines = {h["key"]: (h["value"], h["previous"], h["change"])
                 for h in figures(known)["headlines"]}
    assert headlines["active_start"] == (2, 2, 0)
    assert headlines["new"] == (1, 1, 0)
    assert headlines["closed"] == (1, 1, 0)
    assert headlines["transferred_in"] == headlines["transferred_out"] == (1, 0, 1)
    assert headlines["consultations"] == (3, 1, 2)
    assert headlines["overdue_follow_ups"] == (3, 1, 2)
    assert headlines["attendance_rate"] == (0.75, 0.0, 0.75)  # one mark in September, absent


def test_labels_come_in_the_reports_language(known: Database) -> None:
    data = figures(known, language="kk")
    categories = {r["code"]: r["label"] for r in data["caseload_by"]["category"]}
    assert categories["kandas"] == "Қандас"
    countries = {r["code"]: r["label"] for r in data["caseload_by"]["country"]}
    assert countries["CN"] == "Қытай"
    assert data["office_name"] and data["letterhead"]["name"].startswith("«Қадам»")


@pytest.mark.parametrize(("month", "office", "kind"), [
    ("2026-12-01", None, ReportProblem.Kind.FUTURE_MONTH),
    ("2026-10-01", "XYZ", ReportProblem.Kind.UNKNOWN_OFFICE)])
def test_refusals(known: Database, month: str, office: str | None,
                  kind: ReportProblem.Kind) -> None:
    from datetime import date

    with pytest.raises(ReportProblem) as refused:
        build_monthly(known, LOCAL_OPERATOR, date.fromisoformat(month), office, "en", "",
                      today=TODAY)
    assert refused.value.kind is kind


def test_the_json_file_holds_the_same_figures(known: Database, tmp_path: Path) -> None:
    report = build_monthly(known, LOCAL_OPERATOR, MONTH, None, "ru", "Тест", today=TODAY)
    target = tmp_path / "october.json"
    write_report(report, target)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["caseload"]["active_end"] == 2
    assert saved["month"] == "2026-10-01" and saved["language"] == "ru"
    assert not list(tmp_path.glob(".*part"))
