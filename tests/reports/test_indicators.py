"""The ministry's indicators: the caseload by education level and by employment status,
each adding up to the caseload, in the three forms, with what employment status means."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from db.models import JobReferral, JobReferralStatus, JobSeeker, Person, Placement
from db.reports.figures import BREAKDOWNS, EMPLOYMENT_STATUSES, MonthlyReport
from db.reports.periods import Period
from db.session import Database
from desktop.reports.json_monthly import monthly_json
from desktop.reports.labels import BREAKDOWN_TITLES, DEFINITIONS, Words
from desktop.reports.xlsx_monthly import write_monthly_xlsx
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.reports import build_monthly
from tests.conftest import DEMO_TODAY
from tests.reports.known_month import build, d
from tests.reports.test_pdf import monthly_pdf, normalise, pages_text

LATER = datetime(2027, 6, 1, 12, 0)
OCTOBER = date(2026, 10, 1)
CASELOAD = ("active_start", "new", "transferred_in", "closed", "transferred_out", "active_end")


@pytest.fixture
def known(database: Database) -> Database:
    """known_month, with education levels and employment as follows on 31 October:

    - Әлия (c1): higher education; her agricultural job ended on 30 September, and her
      referral of 10 September is still under way: a job seeker;
    - Шерзод (c2): vocational; his job of 20 October ended on the 31st, his referrals are
      decided, his profile says he is not looking: not seeking work;
    - Жанболат (c3 and its continuation c4): no education recorded; the fixed-term job of
      15 October: employed.
    """
    build(database)
    with database.session() as s:
        people = {p.given_name: p for p in s.scalars(select(Person))}
        aliya, sherzod = people["Әлия"], people["Шерзод"]
        aliya.education_code, sherzod.education_code = "higher", "vocational"
        s.execute(update(Placement).where(Placement.person_id == aliya.id)
                  .values(ended_on=d("2026-09-30")))
        s.execute(update(Placement).where(Placement.person_id == sherzod.id)
                  .values(ended_on=d("2026-10-31")))
        s.execute(update(JobReferral).where(JobReferral.person_id == sherzod.id)
                  .values(outcome_on=JobReferral.referred_on))
        s.add(JobSeeker(person_id=sherzod.id, seeking=False))
    return database


def report_of(database: Database, period: Period | date, office: str | None = None,
              language: str = "en", now: datetime = LATER) -> MonthlyReport:
    return build_monthly(database, LOCAL_OPERATOR, period, office, language, "Тест", now=now)


def table(report: MonthlyReport, dimension: str) -> dict[str, tuple[int, ...]]:
    return {row.code: tuple(getattr(row, field) for field in CASELOAD)
            for row in report.caseload_by[dimension]}


def assert_adds_up(report: MonthlyReport) -> None:
    """Every breakdown, the ministry's among them, adds up to the caseload it breaks down."""
    total = tuple(getattr(report.caseload, field) for field in CASELOAD)
    for dimension in BREAKDOWNS:
        rows = report.caseload_by[dimension]
        assert tuple(sum(getattr(row, field) for row in rows) for field in CASELOAD) == total, (
            dimension)


# ---- counted by hand --------------------------------------------------------------------

def test_the_caseload_by_education_level(known: Database) -> None:
    report = report_of(known, OCTOBER)
    # In the reference list's order (vocational before higher), not recorded last.
    assert table(report, "education") == {
        "vocational": (0, 1, 0, 1, 0, 0), "higher": (1, 0, 0, 0, 0, 1),
        "unknown": (1, 0, 1, 0, 1, 1)}
    assert [row.code for row in report.caseload_by["education"]] == [
        "vocational", "higher", "unknown"]
    assert [row.label for row in report.caseload_by["education"]] == [
        "Technical and vocational education", "Higher education", "Not recorded"]
    kazakh = report_of(known, OCTOBER, language="kk").caseload_by["education"]
    assert kazakh[1].label == "Жоғары білім"
    assert_adds_up(report)


def test_the_caseload_by_employment_status(known: Database) -> None:
    report = report_of(known, OCTOBER)
    assert table(report, "employment") == {
        "job_seeker": (1, 0, 0, 0, 0, 1), "employed": (1, 0, 1, 0, 1, 1),
        "not_seeking": (0, 1, 0, 1, 0, 0)}
    assert [row.code for row in report.caseload_by["employment"]] == list(EMPLOYMENT_STATUSES)
    assert [row.label for row in report.caseload_by["employment"]] == [
        "Job seekers", "Employed", "Not seeking work"]
    assert_adds_up(report)


def test_employment_status_is_the_one_on_the_periods_last_day(known: Database) -> None:
    # On 20 October Шерзод had begun his job, not yet left it: employed.
    short = report_of(known, Period.between(date(2026, 10, 1), date(2026, 10, 20)))
    assert table(short, "employment")["employed"][CASELOAD.index("new")] == 1
    # On 30 September Әлия's job had ended that day: no longer employed; and her referral
    # of the 10th was under way.
    september = report_of(known, date(2026, 9, 1))
    codes = {row.code: row.active_end for row in september.caseload_by["employment"]}
    assert codes["job_seeker"] == 1  # Әлия (c1)


def test_a_referral_decided_leaves_only_the_profile_to_say_who_seeks_work(
        known: Database) -> None:
    with known.session() as s:
        aliya = s.scalar(select(Person).where(Person.given_name == "Әлия"))
        s.execute(update(JobReferral).where(JobReferral.person_id == aliya.id)
                  .values(status=JobReferralStatus.REJECTED, outcome_on=d("2026-09-20")))
        seeker = JobSeeker(person_id=aliya.id, seeking=True)
        s.add(seeker)
    assert table(report_of(known, OCTOBER), "employment")["job_seeker"][-1] == 1
    with known.session() as s:
        s.execute(update(JobSeeker).values(seeking=False))
    codes = table(report_of(known, OCTOBER), "employment")
    assert "job_seeker" not in codes and codes["not_seeking"][-1] == 1
    # A referral still at a step before its outcome is under way, whatever date it carries.
    with known.session() as s:
        s.execute(update(JobReferral).where(JobReferral.person_id == aliya.id)
                  .values(status=JobReferralStatus.INTERVIEW))
    assert table(report_of(known, OCTOBER), "employment")["job_seeker"][-1] == 1
    # A referral decided only after the month's end was still under way at it.
    with known.session() as s:
        s.execute(update(JobReferral).where(JobReferral.person_id == aliya.id)
                  .values(status=JobReferralStatus.REJECTED, outcome_on=d("2026-11-02")))
    assert table(report_of(known, OCTOBER), "employment")["job_seeker"][-1] == 1


# ---- the demo ---------------------------------------------------------------------------

@pytest.mark.parametrize(("period", "office"), [
    (Period.month(date(2026, 10, 1)), None), (Period.quarter(2026, 3), None),
    (Period.year(2025), None), (Period.month(date(2026, 11, 1)), "first")], ids=str)
def test_on_the_demo_every_breakdown_adds_up_to_the_caseload(
        demo_database: Database, period: Period, office: str | None) -> None:
    now = datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=12)
    if office == "first":
        office = report_of(demo_database, period, now=now).offices[0].code
    report = report_of(demo_database, period, office, now=now)
    assert_adds_up(report)
    statuses = {row.code: row.active_end for row in report.caseload_by["employment"]}
    # The demo has all three: people at work, people looking, children and pensioners.
    assert set(statuses) == set(EMPLOYMENT_STATUSES) and all(statuses.values())
    assert len(report.caseload_by["education"]) > 3


# ---- the three forms --------------------------------------------------------------------

@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_three_forms_carry_the_indicators_and_say_what_they_count(
        known: Database, language: str) -> None:
    report = report_of(known, OCTOBER, language=language)
    words = Words(language)
    data = json.loads(json.dumps(monthly_json(report), default=str))
    for dimension in ("education", "employment"):
        assert [(row["code"], row["label"], *(row[field] for field in CASELOAD))
                for row in data["caseload_by"][dimension]] == [
            (row.code, row.label, *(getattr(row, field) for field in CASELOAD))
            for row in report.caseload_by[dimension]]
    definitions = data["definitions"]["caseload_by"]
    assert definitions == {key: words(text) for key, text in DEFINITIONS["caseload_by"].items()}

    stream = io.BytesIO()
    write_monthly_xlsx(report, stream)
    stream.seek(0)
    caseload = load_workbook(stream).worksheets[3]
    lines = [list(row) for row in caseload.iter_rows(values_only=True)]
    firsts = [line[0] for line in lines]
    pages = pages_text(monthly_pdf(report))
    text = " ".join(pages)
    for dimension in ("education", "employment"):
        start = firsts.index(words(BREAKDOWN_TITLES[dimension])) + 2  # title, header
        rows = report.caseload_by[dimension]
        assert [line[:7] for line in lines[start:start + len(rows)]] == [
            [row.label, *(getattr(row, field) for field in CASELOAD)] for row in rows]
        assert firsts[start + len(rows) + 1] == words(DEFINITIONS["caseload_by"][dimension])
        for row in rows:
            assert normalise(row.label) in text
        # The definition under its table, on the page of the table's total.
        definition = normalise(words(DEFINITIONS["caseload_by"][dimension]))
        assert any(definition in page and normalise(words(BREAKDOWN_TITLES[dimension]))
                   in page for page in pages), dimension


def test_a_quarters_definition_speaks_of_the_period() -> None:
    month, quarter = Words("en"), Words("en", "quarter")
    text = DEFINITIONS["caseload_by"]["employment"]
    assert "month's last day" in month(text) and "period's last day" in quarter(text)
