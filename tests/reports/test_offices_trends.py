"""The offices side by side and the trends of the last 12 months: the offices' rows add up
to the report's own figures, each month of the trends is what that month's report says,
and the PDF, XLSX and JSON carry the same figures."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from db.models import Office
from db.reports.figures import OFFICE_FIGURES, TRENDS, MonthlyReport
from db.reports.periods import Period
from db.reports.trends import trend_months
from db.session import Database
from desktop.reports.json_monthly import monthly_json
from desktop.reports.labels import (
    COLUMNS,
    DEFINITIONS,
    OFFICE_COLUMNS,
    SECTION_TITLES,
    TREND_CAPTIONS,
    Words,
)
from desktop.reports.pdf_common import CONTENT_WIDTH, _unbroken, number, styles
from desktop.reports.pdf_overview import (
    OFFICE_CASES,
    OFFICE_CASES_WIDTHS,
    OFFICE_SERVICES,
    OFFICE_SERVICES_WIDTHS,
    trend_label,
)
from desktop.reports.xlsx_monthly import write_monthly_xlsx
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.reports import build_monthly
from tests.conftest import DEMO_TODAY
from tests.reports.known_month import build
from tests.reports.sample import sample_monthly, sample_monthly_large
from tests.reports.test_pdf import monthly_pdf, normalise, pages_text

LATER = datetime(2027, 6, 1, 12, 0)
OCTOBER = date(2026, 10, 1)


@pytest.fixture
def known(database: Database) -> Database:
    build(database)
    with database.session() as s:
        ast = s.scalar(select(Office).where(Office.code == "AST"))
        ast.name_ru = "Астанинский офис"
        # An office with nothing in October is still listed; one closed and with nothing,
        # not.
        s.add(Office(code="KAR", name="Қарағанды кеңсесі", region_code="35"))
        s.add(Office(code="OLD", name="Ескі кеңсе", region_code="35", active=False))
    return database


def report_of(database: Database, period: Period | date, office: str | None = None,
              language: str = "en", now: datetime = LATER) -> MonthlyReport:
    return build_monthly(database, LOCAL_OPERATOR, period, office, language, "Тест", now=now)


def own(report: MonthlyReport) -> dict[str, int]:
    """The report's own headline figures, as its sections print them."""
    values = {h.key: h.value for h in report.headlines}
    return {"active_start": report.caseload.active_start, "new": report.caseload.new,
            "closed": report.caseload.closed, "active_end": report.caseload.active_end,
            "consultations": values["consultations"], "course_enrolled": report.courses.enrolled,
            "hires": report.employment.hires,
            "social_completed": sum(row.completed for row in report.social)}


def assert_offices_add_up(report: MonthlyReport) -> None:
    figures = own(report)
    for key in OFFICE_FIGURES:
        assert sum(getattr(row, key) for row in report.offices) == figures[key], key
        assert getattr(report.office_total, key) == figures[key], key


def assert_trend_is_the_months_own(database: Database, report: MonthlyReport,
                                   period: Period, office: str | None,
                                   now: datetime = LATER) -> None:
    """Every month of the trends has the figures of that month's own report."""
    for month, counted in zip(report.trends, trend_months(period.at(now)), strict=True):
        assert month.month == counted.first
        figures = own(report_of(database, counted, office, now=now))
        assert {key: getattr(month, key) for key in TRENDS} == {
            key: figures[key] for key in TRENDS}, month.month


# ---- the offices side by side -------------------------------------------------------------

def test_each_offices_row_counted_by_hand_and_their_total_is_the_reports(
        known: Database) -> None:
    report = report_of(known, OCTOBER)
    rows = {row.code: tuple(getattr(row, key) for key in OFFICE_FIGURES)
            for row in report.offices}
    # AST: c1 and c3 active on 1 October, c2 opened and closed, c3 transferred out; three
    # consultations; Шерзод's place in KK-A1; three hires; two housing referrals completed.
    # ALA: c4, transferred in; the two hires of 12 and 15 October.
    assert rows == {"ALA": (0, 0, 0, 1, 0, 0, 2, 0), "AST": (2, 1, 1, 1, 3, 1, 3, 2),
                    "KAR": (0,) * 8}
    assert [row.code for row in report.offices] == ["ALA", "AST", "KAR"]
    assert_offices_add_up(report)


@pytest.mark.parametrize("period", [Period.month(OCTOBER), Period.quarter(2026, 4),
                                    Period.year(2026)], ids=str)
def test_the_offices_rows_add_up_to_the_reports_figures(known: Database,
                                                        period: Period) -> None:
    assert_offices_add_up(report_of(known, period))


def test_office_names_are_in_the_reports_language_and_one_offices_report_has_none(
        known: Database) -> None:
    names = {row.code: row.name for row in report_of(known, OCTOBER, language="ru").offices}
    assert names["AST"] == "Астанинский офис" and names["ALA"] == "Алматы кеңсесі"
    assert {row.code: row.name for row in report_of(known, OCTOBER).offices}["AST"] == (
        "Астана кеңсесі")  # no English name written: the Kazakh one
    assert report_of(known, OCTOBER, "AST").offices == []


def test_on_the_demo_the_offices_add_up(demo_database: Database) -> None:
    now = datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=12)
    for period in (Period.month(date(2026, 10, 1)), Period.quarter(2026, 4)):
        report = report_of(demo_database, period, now=now)
        assert len(report.offices) > 1 and all(row.active_end for row in report.offices)
        assert_offices_add_up(report)


# ---- the trends ---------------------------------------------------------------------------

def test_the_trends_are_the_twelve_months_to_the_reports_last(known: Database) -> None:
    report = report_of(known, OCTOBER)
    assert [m.month for m in report.trends] == [
        date(2025, 11, 1), date(2025, 12, 1), *(date(2026, month, 1) for month in range(1, 11))]
    october = report.trends[-1]
    # October's own figures: c1 and c4 at its end; c2; three consultations; five hires;
    # two housing referrals completed.
    assert (october.active_end, october.new, october.consultations, october.hires,
            october.social_completed) == (2, 1, 3, 5, 2)
    september = report.trends[-2]
    # c1 opened on 15 September; c3 and c6 (closed on the 30th) active before; the
    # consultation a minute before October; the subsidised job of 30 September.
    assert (september.active_end, september.new, september.consultations,
            september.hires) == (2, 1, 1, 1)


@pytest.mark.parametrize(("period", "office"), [
    (Period.month(OCTOBER), None), (Period.month(OCTOBER), "AST"),
    (Period.month(OCTOBER), "ALA"), (Period.quarter(2026, 4), None),
    (Period.between(date(2026, 9, 15), date(2026, 11, 10)), None)], ids=str)
def test_each_trend_month_has_that_months_own_figures(known: Database, period: Period,
                                                      office: str | None) -> None:
    report = report_of(known, period, office)
    assert_trend_is_the_months_own(known, report, period, office)


def test_a_quarters_last_three_months_add_up_to_its_flows(known: Database) -> None:
    quarter = report_of(known, Period.quarter(2026, 4))
    figures = own(quarter)
    assert quarter.trends[-1].month == date(2026, 12, 1)
    for key in ("new", "consultations", "hires", "social_completed"):
        assert sum(getattr(month, key) for month in quarter.trends[-3:]) == figures[key], key
    assert quarter.trends[-1].active_end == figures["active_end"]


def test_a_period_not_over_ends_its_trends_where_it_was_cut(known: Database) -> None:
    cut = datetime(2026, 11, 5, 12, 0)
    report = report_of(known, Period.quarter(2026, 4), now=cut)
    assert report.trends[-1].month == date(2026, 11, 1)
    november = own(report_of(known, date(2026, 11, 1), now=cut))
    assert {key: getattr(report.trends[-1], key) for key in TRENDS} == {
        key: november[key] for key in TRENDS}
    data = json.loads(json.dumps(monthly_json(report), default=str))
    assert list(data["trends"])[-2:] == ["2026-10", "2026-11"]


def test_on_the_demo_each_trend_month_is_that_months_report(demo_database: Database) -> None:
    now = datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=12)
    # The month not over: its trends end with November so far.
    period = Period.month(date(2026, 11, 1))
    report = report_of(demo_database, period, now=now)
    assert all(month.active_end for month in report.trends)
    assert_trend_is_the_months_own(demo_database, report, period, None, now)
    office = report.offices[0].code
    assert_trend_is_the_months_own(
        demo_database, report_of(demo_database, period, office, now=now), period, office, now)


# ---- the three forms --------------------------------------------------------------------

def workbook_of(report: MonthlyReport):
    stream = io.BytesIO()
    write_monthly_xlsx(report, stream)
    stream.seek(0)
    return load_workbook(stream)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_three_forms_carry_the_same_offices_and_trends(known: Database,
                                                           language: str) -> None:
    report = report_of(known, OCTOBER, language=language)
    data = json.loads(json.dumps(monthly_json(report), default=str))
    words = Words(language)
    # JSON: the rows as the report has them; the total is the report's own figures.
    assert data["offices"] == [{"code": row.code, "name": row.name,
                                **{key: getattr(row, key) for key in OFFICE_FIGURES}}
                               for row in report.offices]
    assert data["trends"] == {f"{m.month:%Y-%m}": {key: getattr(m, key) for key in TRENDS}
                              for m in report.trends}
    # XLSX: the same rows, and the total row.
    workbook = workbook_of(report)
    sheet = workbook[workbook.sheetnames[1]]
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert lines[0] == [words(COLUMNS["office"]),
                        *(words(OFFICE_COLUMNS[key]) for key in OFFICE_FIGURES)]
    assert lines[1:len(report.offices) + 2] == [
        *([row["name"], *(row[key] for key in OFFICE_FIGURES)] for row in data["offices"]),
        [words(COLUMNS["total"]), *(own(report)[key] for key in OFFICE_FIGURES)]]
    trends = [list(row) for row in workbook[workbook.sheetnames[2]].iter_rows(values_only=True)]
    assert [line[1:] for line in trends[1:13]] == [
        [month[key] for key in TRENDS] for month in data["trends"].values()]
    # PDF: each office's line in each of its two tables, and the total.
    text = " ".join(pages_text(monthly_pdf(report)))
    for columns in (OFFICE_CASES, OFFICE_SERVICES):
        for name, values in [*((row.name, row) for row in report.offices),
                             (words(COLUMNS["total"]), report.office_total)]:
            line = " ".join([name, *(number(getattr(values, key), language)
                                     for key in columns)])
            assert normalise(line) in text, line


# ---- the PDF's pages ----------------------------------------------------------------------

def chart_text(report: MonthlyReport, key: str, language: str) -> str:
    """What a trend chart prints, left to right: each month's value, then its label."""
    words, last = Words(language), len(report.trends) - 1
    return normalise(" ".join(
        f"{number(getattr(month, key), language)} "
        f"{trend_label(month, i, words, report.trends_counted_to if i == last else None)}"
        for i, month in enumerate(report.trends)))


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("countries", [10, 37, 80])
def test_each_trend_caption_stands_on_its_charts_page(language: str, countries: int) -> None:
    report = sample_monthly_large(language, countries=countries)
    report.offices = report.offices * (countries // 10)  # offices' tables of any length
    pages = pages_text(monthly_pdf(report))
    words = Words(language)
    heading = normalise(words(SECTION_TITLES["trends"]))
    trends_page = next(i for i, page in enumerate(pages) if heading in page)
    for key in TRENDS:
        caption = normalise(words(TREND_CAPTIONS[key]))
        chart = chart_text(report, key, language)
        found = [i for i, page in enumerate(pages) if caption in page]
        assert found == [next(i for i, page in enumerate(pages) if chart in page)], key
        page = pages[found[0]]
        assert page.index(caption) < page.index(chart), key
    # The five on one page of their own, with what they count under them.
    assert found == [trends_page]
    assert pages[trends_page].startswith(heading)
    assert normalise(words(DEFINITIONS["trends"]["active_end"])) in pages[trends_page]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("kind", ["month", "quarter"])
def test_the_offices_tables_fit_the_page_with_no_heading_word_broken(language: str,
                                                                      kind: str) -> None:
    words = Words(language, kind)
    style = styles().cell_head
    for columns, widths in ((OFFICE_CASES, OFFICE_CASES_WIDTHS),
                            (OFFICE_SERVICES, OFFICE_SERVICES_WIDTHS)):
        header = [words(COLUMNS["office"]), *(words(OFFICE_COLUMNS[key]) for key in columns)]
        # As wide as the text and no wider; every heading's longest word fits its column.
        assert sum(widths) == pytest.approx(CONTENT_WIDTH)
        assert _unbroken(header, widths, 1, style) == widths, (language, header)


def test_one_offices_report_has_trends_but_no_offices() -> None:
    report = sample_monthly("en")
    report.offices = []
    text = " ".join(pages_text(monthly_pdf(report)))
    words = Words("en")
    assert words(SECTION_TITLES["offices"]) not in text
    assert words(SECTION_TITLES["trends"]) in text


def test_a_last_month_counted_only_in_part_says_to_which_day(known: Database) -> None:
    cut = datetime(2026, 11, 5, 12, 0)
    report = report_of(known, date(2026, 11, 1), now=cut)
    assert report.trends_counted_to == date(2026, 11, 5)
    text = " ".join(pages_text(monthly_pdf(report)))
    assert chart_text(report, "consultations", "en") in text
    assert "Nov to 05.11" in text and "Oct to" not in text
    trends = workbook_of(report)[workbook_of(report).sheetnames[2]]
    assert [row[0].value for row in trends.iter_rows()][11:13] == [
        "October 2026", "November 2026 (to 05.11)"]
    # A whole month, and a period ending inside one.
    assert report_of(known, OCTOBER).trends_counted_to is None
    inside = report_of(known, Period.between(date(2026, 9, 1), date(2026, 10, 15)))
    assert inside.trends_counted_to == date(2026, 10, 15)
