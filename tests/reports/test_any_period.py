"""A report of any period: a quarter's (a year's, any dates') flows are the sums of its
months', its stocks those of its first and last day; a period not over is cut at the moment
of generation; each figure is compared with the period before and the year before."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import pytest

from db.models import Consultation, FollowUp, Office, Person, User
from db.reports.figures import FLOWS, MonthlyReport
from db.reports.periods import Period
from db.session import Database
from desktop.reports.json_monthly import monthly_json
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.reports import ReportProblem, build_monthly
from tests.conftest import DEMO_TODAY
from tests.reports.known_month import build, d, t

# Long after every period these tests ask for: each is over, and whole.
LATER = datetime(2027, 6, 1, 12, 0)


@pytest.fixture
def known(database: Database) -> Database:
    build(database)
    return database


def report_of(database: Database, period: Period | date, office: str | None = None,
              now: datetime = LATER) -> MonthlyReport:
    return build_monthly(database, LOCAL_OPERATOR, period, office, "en", "Тест", now=now)


def months_of(period: Period) -> list[Period]:
    months, first = [], period.first
    while first <= period.end:
        months.append(Period.month(first))
        first = months[-1].end + timedelta(days=1)
    return months


# Breakdowns by what the client was on the period's last day: an age, an employment status.
ON_THE_LAST_DAY = ("age_band", "employment")


def flows(report: MonthlyReport) -> Counter[str]:
    """Every figure that counts what happened in the period, keyed by where it stands."""
    found: Counter[str] = Counter()

    def add(prefix: str, rows: Iterable[object], fields: Iterable[str],
            key: str = "code") -> None:
        for row in rows:
            for field in fields:
                found[f"{prefix}.{getattr(row, key)}.{field}"] += getattr(row, field)

    values = {h.key: h.value for h in report.headlines}
    for key in FLOWS:
        found[f"headline.{key}"] += values[key] or 0
    moves = ("new", "closed", "transferred_in", "transferred_out")
    for dimension, rows in report.caseload_by.items():
        if dimension not in ON_THE_LAST_DAY:
            add(f"caseload.{dimension}", rows, moves)
    add("topic", report.consultations_by_topic, ["count"])
    add("channel", report.consultations_by_channel, ["count"])
    courses = report.courses
    for field in ("enrolled", "completed", "dropped", "levels_gained", "attendance_marked",
                  "attendance_present"):
        found[f"courses.{field}"] += getattr(courses, field)
    work = report.employment
    for field in ("referrals", "hires", "checked_3_months", "employed_3_months",
                  "checked_6_months", "employed_6_months"):
        found[f"employment.{field}"] += getattr(work, field)
    add("sector", work.hires_by_sector, ["count"])
    add("contract", work.hires_by_contract_type, ["count"])
    add("social", report.social, ["referred", "completed", "refused", "no_response",
                                  "amount_paid"])
    add("support", report.entitlements, ["applied", "amount_applied", "granted",
                                         "amount_granted", "refused", "paid"])
    stays = report.accommodation
    for field in ("bed_nights", "bed_nights_available", "check_ins"):
        found[f"accommodation.{field}"] += getattr(stays, field)
    add("workload", report.workload, ["consultations"], key="caseworker")
    return +found  # zeros dropped: a month with nothing of a kind lists no row for it


def stocks(report: MonthlyReport, edge: str) -> dict[str, object]:
    """The figures of the period's first (``active_start``) or last day."""
    if edge == "active_start":
        return {"total": report.caseload.active_start,
                **{f"{dimension}.{row.code}": row.active_start
                   for dimension, rows in report.caseload_by.items()
                   if dimension not in ON_THE_LAST_DAY
                   for row in rows if row.active_start}}
    return {"total": report.caseload.active_end, "overdue": report.overdue_follow_ups,
            **{f"{dimension}.{row.code}": row.active_end
               for dimension, rows in report.caseload_by.items()
                   if dimension not in ON_THE_LAST_DAY
               for row in rows if row.active_end},
            **{f"open.{row.caseworker}": row.open_cases for row in report.workload},
            **{f"overdue.{row.caseworker}": row.overdue_follow_ups for row in report.workload},
            **{f"outstanding.{row.code}": row.outstanding for row in report.entitlements
               if row.outstanding},
            "beds": report.accommodation.beds, "overstays": report.accommodation.overstays}


def assert_adds_up(database: Database, period: Period, now: datetime = LATER) -> None:
    whole = report_of(database, period, now=now)
    months = [report_of(database, month, now=now) for month in months_of(period)]
    summed: Counter[str] = Counter()
    for month in months:
        summed.update(flows(month))
    assert flows(whole) == +summed
    assert stocks(whole, "active_start") == stocks(months[0], "active_start")
    assert stocks(whole, "active_end") == stocks(months[-1], "active_end")


# ---- hand-built data (known_month: September to November 2026) ---------------------------

@pytest.mark.parametrize("period", [
    Period.quarter(2026, 3), Period.quarter(2026, 4), Period.year(2026),
    Period.between(date(2026, 9, 1), date(2026, 11, 30))], ids=str)
def test_a_periods_flows_are_the_sums_of_its_months_and_its_stocks_its_edges(
        known: Database, period: Period) -> None:
    assert_adds_up(known, period)


def test_the_hand_counted_quarter(known: Database) -> None:
    """The fourth quarter of known_month, counted by hand: October's figures and what
    happened in November."""
    quarter = report_of(known, Period.quarter(2026, 4))
    october = report_of(known, date(2026, 10, 1))
    values = {h.key: h.value for h in quarter.headlines}
    # October's three, and the one at midnight opening November.
    assert values["consultations"] == october.consultations + 1 == 4
    # The housing referral of 10 October, completed on 5 November: completed in the
    # quarter, not in October; the benefits referral unanswered on 1 November likewise.
    social = {row.code: row for row in quarter.social}
    in_october = {row.code: row for row in october.social}
    assert social["housing_support"].completed == in_october["housing_support"].completed + 1
    assert social["housing_support"].amount_paid == (
        in_october["housing_support"].amount_paid + 50_000)
    assert social["social_benefits"].no_response == 2
    # Overdue at the quarter's end (31 December): the one due on 10 November too.
    assert quarter.overdue_follow_ups == 3
    assert quarter.period is not None and quarter.period.kind == "quarter"


def test_the_period_before_and_the_year_before_are_compared(known: Database) -> None:
    quarter = report_of(known, Period.quarter(2026, 4))
    before = report_of(known, Period.quarter(2026, 3))
    a_year_before = report_of(known, Period.quarter(2025, 4))
    value = {h.key: h.value for h in before.headlines}
    year = {h.key: h.value for h in a_year_before.headlines}
    for headline in quarter.headlines:
        assert headline.previous == value[headline.key], headline.key
        assert headline.year_before == year[headline.key], headline.key
    consultations = next(h for h in quarter.headlines if h.key == "consultations")
    # The one a minute before October in the third quarter; none a year before.
    assert (consultations.value, consultations.previous, consultations.year_before) == (4, 1, 0)
    assert (consultations.change, consultations.change_year) == (3, 4)
    assert quarter.previous_period is not None and quarter.year_before_period is not None
    assert (quarter.previous_period.first, quarter.previous_period.last) == (
        date(2026, 7, 1), date(2026, 9, 30))
    assert quarter.year_before_period.first == date(2025, 10, 1)
    data = json.loads(json.dumps(monthly_json(quarter), default=str))
    assert data["period"] == {"from": "2026-10-01", "to": "2026-12-31", "kind": "quarter"}
    assert data["compared_with"]["previous"] == {"from": "2026-07-01", "to": "2026-09-30",
                                                 "kind": "quarter", "as_of": None}
    row = next(h for h in data["headlines"] if h["key"] == "consultations")
    assert (row["year_before"], row["change_year"]) == (0, 4)


# ---- the unfinished month --------------------------------------------------------------

CUT = datetime(2026, 11, 5, 12, 0)


def add_november(database: Database) -> None:
    """Follow-ups due before, on and after 5 November, still open; consultations before
    and after noon of that day."""
    with database.session() as s:
        person = s.query(Person).filter(Person.given_name == "Әлия").one()
        worker = s.query(User).filter(User.login == "aigerim").one()
        office = s.query(Office).filter(Office.code == "AST").one()
        for due in ("2026-11-04", "2026-11-05", "2026-11-20"):
            s.add(FollowUp(person_id=person.id, assignee_id=worker.id, title="Хабарласу",
                           due_on=d(due), done=False))
        for held in ("2026-11-05 09:30", "2026-11-05 16:00", "2026-11-18 10:00"):
            s.add(Consultation(person_id=person.id, office_id=office.id,
                               caseworker_id=worker.id, held_at=t(held),
                               channel_code="in_person", advice="", notes="", next_steps=""))


def test_a_month_not_over_is_cut_at_the_moment_of_generation(known: Database) -> None:
    add_november(known)
    cut = report_of(known, date(2026, 11, 1), now=CUT)
    # Overdue at noon on 5 November: known_month's two, and the one due on the 4th; not
    # those due today or later this month (the one due on 10 November among them).
    assert cut.overdue_follow_ups == 3
    whole = report_of(known, date(2026, 11, 1))
    # At its end: those three, known_month's due on the 10th, and those due on 5 and 20 November.
    assert whole.overdue_follow_ups == 3 + 1 + 2
    # Nothing after the moment counts: known_month's at midnight on the 1st and the one at
    # 9:30 on the 5th do, the later ones not.
    assert cut.consultations == 2 and whole.consultations == 4
    assert not cut.complete and cut.as_of == CUT and whole.complete and whole.as_of is None
    assert cut.generated_at == CUT
    # Compared with the same five days and a half of October, and of November 2025.
    assert cut.previous_period is not None and cut.previous_period.as_of == datetime(
        2026, 10, 5, 12, 0)
    data = json.loads(json.dumps(monthly_json(cut), default=str))
    assert data["complete"] is False and data["as_of"] == "2026-11-05 12:00:00"
    assert data["period"] == {"from": "2026-11-01", "to": "2026-11-30", "kind": "month"}
    assert json.loads(json.dumps(monthly_json(whole), default=str))["complete"] is True


def test_the_json_file_says_as_of_in_iso_form(known: Database, tmp_path) -> None:
    from desktop.services.reports import write_report

    report = report_of(known, Period.quarter(2026, 4), now=CUT)
    write_report(report, tmp_path / "q4.json")
    data = json.loads((tmp_path / "q4.json").read_text(encoding="utf-8"))
    assert data["complete"] is False and data["as_of"] == "2026-11-05T12:00:00"
    assert datetime.fromisoformat(data["as_of"]) == CUT


@pytest.mark.parametrize(("period", "kind"), [
    (date(2026, 12, 1), ReportProblem.Kind.FUTURE_MONTH),
    (Period.quarter(2027, 1), ReportProblem.Kind.FUTURE_PERIOD),
    (Period.year(2027), ReportProblem.Kind.FUTURE_PERIOD),
    (Period.between(date(2026, 11, 26), date(2026, 12, 3)), ReportProblem.Kind.FUTURE_PERIOD)])
def test_a_period_wholly_to_come_is_refused(known: Database, period: Period | date,
                                            kind: ReportProblem.Kind) -> None:
    from desktop.services import messages

    with pytest.raises(ReportProblem) as refused:
        report_of(known, period, now=datetime(2026, 11, 25, 18, 0))
    assert refused.value.kind is kind
    assert "\n" not in messages.describe(refused.value)
    # A period begun today is not refused, only cut.
    assert not report_of(known, Period.between(date(2026, 11, 25), date(2026, 12, 3)),
                         now=datetime(2026, 11, 25, 18, 0)).complete


# ---- the demo database ----------------------------------------------------------------

DEMO_NOW = datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=12)


@pytest.mark.parametrize("period", [Period.quarter(2026, 3), Period.quarter(2026, 2),
                                    Period.year(2025)], ids=str)
def test_on_the_demo_a_periods_flows_are_the_sums_of_its_months(
        demo_database: Database, period: Period) -> None:
    assert_adds_up(demo_database, period, now=DEMO_NOW)


def test_on_the_demo_the_unfinished_quarter_adds_up_to_now(demo_database: Database) -> None:
    """The fourth quarter on the demo's day: October, November so far; December has not
    begun, and adds nothing."""
    quarter = report_of(demo_database, Period.quarter(2026, 4), now=DEMO_NOW)
    months = [report_of(demo_database, date(2026, month, 1), now=DEMO_NOW)
              for month in (10, 11)]
    summed: Counter[str] = Counter()
    for month in months:
        summed.update(flows(month))
    assert flows(quarter) == +summed
    assert not quarter.complete and not months[1].complete and months[0].complete
    assert stocks(quarter, "active_end") == stocks(months[1], "active_end")
