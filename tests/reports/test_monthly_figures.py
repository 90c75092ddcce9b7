"""Every figure of the monthly report against a month counted by hand (see known_month.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from db.models import Employer, Office, Person, Placement, RetentionCheck, Stay
from db.session import Database
from desktop import i18n
from desktop.reports import labels
from desktop.reports.json_monthly import monthly_json
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.reports import ReportProblem, build_monthly, write_report
from desktop.services.social.rooms import bed_nights, nights
from tests.reports.known_month import ADILET, BARYS, MONTH, TODAY, build, d


@pytest.fixture
def known(database: Database) -> Database:
    build(database)
    return database


def figures(database: Database, office: str | None = None, language: str = "en",
            month: date = MONTH) -> dict[str, Any]:
    report = build_monthly(database, LOCAL_OPERATOR, month, office, language, "Тест", today=TODAY)
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
    # Five hires in October (known_month.hire_more); those of 30 September, 1 November
    # and July are not.
    assert (jobs["job_seekers"], jobs["referrals"], jobs["hires"]) == (1, 2, 5)
    assert rows(jobs["hires_by_sector"], "count") == {
        "hospitality": (2,), "transport": (2,), "construction": (1,)}
    # The checks planned at the hires, one of them due in October, are not recorded yet.
    assert (jobs["checked_3_months"], jobs["employed_3_months"]) == (1, 0)
    assert (jobs["checked_6_months"], jobs["employed_6_months"]) == (1, 1)


def contract_types(jobs: dict[str, Any]) -> list[tuple[str, int]]:
    return [(row["code"], row["count"]) for row in jobs["hires_by_contract_type"]]


def employers(jobs: dict[str, Any]) -> list[tuple[str, int]]:
    return [(row["name"], row["count"]) for row in jobs["top_employers"]]


def test_hires_by_contract_type_wage_and_employer(known: Database) -> None:
    jobs = figures(known)["employment"]
    # ContractType's order, not the counts' nor the codes'; no subsidised job started in
    # October (those of 30 September and 1 November are outside it); the hire recorded
    # without a type last.
    assert contract_types(jobs) == [("permanent", 1), ("fixed_term", 1), ("seasonal", 2),
                                    ("unknown", 1)]
    # Four wages (one hire has none): the two middle ones average 222 500,5, a half up.
    assert jobs["median_starting_wage"] == 222_501
    # Tied at two: Ә comes before Б in Kazakh (by code point it would come after Я).
    assert employers(jobs) == [(ADILET, 2), (BARYS, 2), ("«Құрылыс-7» ЖШС", 1)]
    assert sum(count for _, count in contract_types(jobs)) == jobs["hires"]


def test_hires_by_contract_type_wage_and_employer_per_office(known: Database) -> None:
    astana, almaty = figures(known, "AST")["employment"], figures(known, "ALA")["employment"]
    assert (astana["hires"], almaty["hires"]) == (3, 2)
    assert contract_types(astana) == [("seasonal", 2), ("unknown", 1)]
    assert contract_types(almaty) == [("permanent", 1), ("fixed_term", 1)]
    assert astana["median_starting_wage"] == 240_000  # the middle of three wages
    assert almaty["median_starting_wage"] == 205_001  # the hire without a wage is left out
    # A three-way tie: the quotation mark before any letter, then Ә, then Б.
    assert employers(astana) == [("«Құрылыс-7» ЖШС", 1), (ADILET, 1), (BARYS, 1)]
    assert employers(almaty) == [(ADILET, 1), (BARYS, 1)]


def test_no_wage_recorded_and_no_hire(known: Database) -> None:
    with known.session() as session:
        session.execute(update(Placement).values(monthly_wage=None))
    jobs = figures(known)["employment"]
    assert (jobs["hires"], jobs["median_starting_wage"]) == (5, None)
    assert len(jobs["hires_by_contract_type"]) == 4 and len(jobs["top_employers"]) == 3
    # August: nobody was hired.
    jobs = figures(known, month=date(2026, 8, 1))["employment"]
    assert (jobs["hires"], jobs["hires_by_contract_type"], jobs["median_starting_wage"],
            jobs["top_employers"]) == (0, [], None, [])


def test_the_top_employers_stop_at_ten(known: Database) -> None:
    # Ten more employers with one Astana hire each in October: thirteen in all.
    names = ["Greenwood Hotels", "Іргетас", "Ясмин", "Үміт", "Ұлытау", "Өрлеу", "Қайнар",
             "Ғарыш", "Әуежай сервис", "Ақниет"]
    with known.session() as session:
        astana = session.scalars(select(Office).where(Office.code == "AST")).one()
        someone = session.scalars(select(Person).where(Person.surname == "Юсупов")).one()
        for name in names:
            employer = Employer(name=name, sector_code="trade", region_code="71")
            session.add(employer)
            session.flush()
            session.add(Placement(person_id=someone.id, office_id=astana.id,
                                  employer_id=employer.id, sector_code="trade",
                                  started_on=MONTH))
    expected = [(ADILET, 2), (BARYS, 2), ("«Құрылыс-7» ЖШС", 1), ("Ақниет", 1),
                ("Әуежай сервис", 1), ("Ғарыш", 1), ("Қайнар", 1), ("Өрлеу", 1), ("Ұлытау", 1),
                ("Үміт", 1)]
    assert employers(figures(known)["employment"]) == expected
    # Іргетас, Ясмин and the Latin name come after the tenth; so all of Almaty's fit.
    assert employers(figures(known, "ALA")["employment"]) == [(ADILET, 1), (BARYS, 1)]
    assert len(figures(known, "AST")["employment"]["top_employers"]) == 10


def test_retention_counts_recorded_checks_only(known: Database) -> None:
    with known.session() as session:
        hire = session.scalars(select(Placement).where(Placement.started_on == MONTH)).one()
        # Planned, due in October: not recorded, so not checked.
        session.add(RetentionCheck(placement_id=hire.id, months_after=6,
                                   due_on=d("2026-10-02")))
        # Dated in October with no outcome (no screen records that): checked, and only a
        # recorded "still employed" counts as employed.
        session.add(RetentionCheck(placement_id=hire.id, months_after=3,
                                   due_on=d("2026-10-03"), checked_on=d("2026-10-03")))
    jobs = figures(known)["employment"]
    assert (jobs["checked_3_months"], jobs["employed_3_months"]) == (2, 0)
    assert (jobs["checked_6_months"], jobs["employed_6_months"]) == (1, 1)


def test_social_services_with_a_referral_completed_the_next_month(known: Database) -> None:
    social = rows(figures(known)["social"], "referred", "completed", "completion_rate",
                  "median_days")
    # Housing: two referred in October, one of them done in November; two done in
    # October (10 and 30 days); information services are not social services. The
    # benefits referral made in September and unanswered in October is a line too.
    assert social == {"housing_support": (2, 2, 0.5, 20.0), "legal_aid": (1, 0, 0.0, None),
                      "social_benefits": (0, 0, None, None)}


SOCIAL_ENDS = ("completed", "refused", "no_response", "amount_paid")


def test_referrals_that_ended_this_month_and_what_they_paid(known: Database) -> None:
    # By the day they ended, whenever made: the refusal and the unanswered referral of
    # September count in October; those that ended so in September or November do not,
    # nor the amount of the housing support completed in November.
    assert rows(figures(known)["social"], *SOCIAL_ENDS) == {
        "housing_support": (2, 0, 0, 205_500), "legal_aid": (0, 1, 0, 0),
        "social_benefits": (0, 0, 1, 0)}
    assert rows(figures(known, "AST")["social"], *SOCIAL_ENDS) == {
        "housing_support": (2, 0, 0, 205_500), "legal_aid": (0, 1, 0, 0)}
    assert rows(figures(known, "ALA")["social"], *SOCIAL_ENDS) == {
        "legal_aid": (0, 0, 0, 0), "social_benefits": (0, 0, 1, 0)}


ENTITLEMENT = ("applied", "amount_applied", "granted", "amount_granted", "refused", "paid",
               "outstanding")


def entitlements(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(row["code"], *(row[f] for f in ENTITLEMENT)) for row in data["entitlements"]]


def test_state_support_by_measure(known: Database) -> None:
    # known_month.support: in the rules' order; the employer subsidy had nothing in
    # October, but is listed for the 300 000 ₸ still to pay.
    assert entitlements(figures(known)) == [
        ("relocation_subsidy", 2, 1_860_000, 1, 900_000, 1, 600_000, 300_000),
        ("rent_subsidy", 2, 580_000, 1, 360_000, 0, 50_000, 530_000),
        ("employer_subsidy", 0, 0, 0, 0, 0, 0, 300_000)]
    assert entitlements(figures(known, "AST")) == [
        ("relocation_subsidy", 1, 460_000, 1, 900_000, 1, 600_000, 300_000),
        ("rent_subsidy", 2, 580_000, 1, 360_000, 0, 50_000, 530_000)]
    assert entitlements(figures(known, "ALA")) == [
        ("relocation_subsidy", 1, 1_400_000, 0, 0, 0, 0, 0),
        ("employer_subsidy", 0, 0, 0, 0, 0, 0, 300_000)]
    # November: the rest of the relocation subsidy paid, nothing left to pay on it.
    november = {row[0]: row for row in entitlements(figures(known, month=d("2026-11-01")))}
    assert november["relocation_subsidy"] == (
        "relocation_subsidy", 1, 700_000, 0, 0, 0, 300_000, 0)
    # August: the rent subsidy applied for and granted, nothing paid yet; the employer
    # subsidy's balance since July.
    assert entitlements(figures(known, month=d("2026-08-01"))) == [
        ("rent_subsidy", 1, 240_000, 1, 240_000, 0, 0, 240_000),
        ("employer_subsidy", 0, 0, 0, 0, 0, 0, 300_000)]
    # April: nothing applied for yet, so no line at all.
    assert entitlements(figures(known, month=d("2026-04-01"))) == []


def test_state_support_is_named_in_the_reports_language(known: Database) -> None:
    names = {row["code"]: row["label"] for row in figures(known, language="ru")["entitlements"]}
    assert names["relocation_subsidy"] == "Субсидия на переезд"
    names = {row["code"]: row["label"] for row in figures(known, language="kk")["entitlements"]}
    assert names["relocation_subsidy"] == "Көшуге арналған субсидия"


def test_quota_participants(known: Database) -> None:
    # Әлия (2026) and Жанболат (2025, transferred: two cases, one client); Мариам's quota
    # cases were closed before October and opened after it.
    assert figures(known)["quota"] == {"participants": 2, "this_year": 1}
    assert figures(known, "AST")["quota"] == {"participants": 2, "this_year": 1}
    assert figures(known, "ALA")["quota"] == {"participants": 1, "this_year": 0}
    # November: Мариам's new case, Әлия's, and Жанболат's continuation in Almaty.
    assert figures(known, month=d("2026-11-01"))["quota"] == {"participants": 3,
                                                              "this_year": 2}


def test_the_centres_accommodation(known: Database) -> None:
    # known_month.stays
    assert figures(known, "AST")["accommodation"] == {
        "beds": 4, "bed_nights": 40, "bed_nights_available": 124, "occupancy_rate": 0.3226,
        "people": 3, "check_ins": 4, "overstays": 1}
    assert figures(known, "ALA")["accommodation"] == {
        "beds": 3, "bed_nights": 43, "bed_nights_available": 93, "occupancy_rate": 0.4624,
        "people": 2, "check_ins": 1, "overstays": 1}
    assert figures(known)["accommodation"] == {
        "beds": 7, "bed_nights": 83, "bed_nights_available": 217, "occupancy_rate": 0.3825,
        "people": 5, "check_ins": 5, "overstays": 2}
    # August: nobody stayed; the beds were there.
    assert figures(known, month=d("2026-08-01"))["accommodation"] == {
        "beds": 7, "bed_nights": 0, "bed_nights_available": 217, "occupancy_rate": 0.0,
        "people": 0, "check_ins": 0, "overstays": 0}


def test_bed_nights_agree_with_the_rooms_screen(known: Database) -> None:
    """The SQL counts the nights as desktop.services.social.rooms does."""
    with known.session() as session:
        found = session.scalars(select(Stay)).all()
        spans = [nights(s.checked_in_on, s.planned_until, s.checked_out_on, TODAY)
                 for s in found]
    assert bed_nights(spans, MONTH, d("2026-11-01")) == 83
    assert figures(known)["accommodation"]["bed_nights"] == 83


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


def test_contract_types_are_named_in_the_reports_language_not_the_uis(
        known: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    # Stub catalogues: the contract types' messages are not translated yet.
    kazakh = {"Seasonal work": "Маусымдық жұмыс",
              "Contract type not recorded": "Шарт түрі көрсетілмеген"}
    stubs = {"kk": kazakh, "ru": {"Seasonal work": "Сезонная работа"}}
    monkeypatch.setattr(labels, "translate",
                        lambda message, language: stubs[language].get(message, message))
    i18n.set_language("ru")
    jobs = figures(known, "AST", language="kk")["employment"]
    assert [(row["code"], row["label"]) for row in jobs["hires_by_contract_type"]] == [
        ("seasonal", "Маусымдық жұмыс"), ("unknown", "Шарт түрі көрсетілмеген")]


@pytest.mark.parametrize(("month", "office", "kind"), [
    ("2026-12-01", None, ReportProblem.Kind.FUTURE_MONTH),
    ("2026-10-01", "XYZ", ReportProblem.Kind.UNKNOWN_OFFICE)])
def test_refusals(known: Database, month: str, office: str | None,
                  kind: ReportProblem.Kind) -> None:
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


def test_the_json_says_what_the_misleading_figures_count(known: Database) -> None:
    data = figures(known, language="en")
    # The keys of the figures stay; the definitions come beside them, keyed alike.
    assert set(data["social"][0]) >= {"referred", "completed", "completion_rate"}
    definitions = data["definitions"]
    assert definitions["social"] == {key: labels.DEFINITIONS["social"][key]
                                     for key in ("completed", "completion_rate")}
    assert "made this month" in definitions["social"]["completion_rate"]
    # Every rate comes with its definition too (and the change of a rate, in points).
    assert set(definitions) == {"social", "entitlements", "accommodation", "courses",
                                "employment", "quota", "headlines", "caseload_by", "offices",
                                "trends"}
    assert "present divided by present and absent" in definitions["courses"]["attendance_rate"]
    rate = next(h for h in data["headlines"] if h["key"] == "attendance_rate")
    assert rate["definition"] == definitions["courses"]["attendance_rate"]
    assert all(h["definition"] is None for h in data["headlines"]
               if h["key"] != "attendance_rate")
    # Keyed as the figures are: the trends by month, each month with the figure.
    assert all(key in next(iter(data[section].values())) if section == "trends"
               else key in data[section] if isinstance(data[section], dict)
               else key in data[section][0]
               for section, words in definitions.items() for key in words)
