"""The workbook prints as the PDF does: A4, as wide as the page, its header rows on every
page; it carries the PDF's totals and every rate's definition; and a report of a period not
over says so on each sheet."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db.reports.figures import Headline, Span
from desktop.reports.labels import COLUMNS, DEFINITIONS, FIGURE_LABELS, Words
from desktop.reports.xlsx_monthly import points_format
from tests.reports.sample import sample_monthly
from tests.reports.test_xlsx import render, row_of, rows


def test_every_sheet_prints_on_a4_fitted_to_the_width_repeating_its_header() -> None:
    workbook = render(sample_monthly("kk"))
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert int(setup.paperSize) == 9, sheet.title  # A4 in the OOXML paper sizes
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), sheet.title
        header = int(sheet.freeze_panes[1:]) - 1
        assert sheet.print_title_rows == f"${header}:${header}", sheet.title
        assert sheet.oddHeader.left.text and "&P" in sheet.oddFooter.right.text
    # Wide tables turn the page.
    assert workbook.worksheets[5].page_setup.orientation == "landscape"  # social services


def test_the_workload_sheet_totals_as_the_pdf_does() -> None:
    report = sample_monthly("en")
    total = row_of(render(report)["Workload"], "Total")
    assert [c.value for c in total[1:5]] == [
        None, sum(r.open_cases for r in report.workload),
        sum(r.consultations for r in report.workload), report.overdue_follow_ups]
    assert all(c.font.b for c in total[:1])


def test_each_breakdown_has_its_total_row() -> None:
    report = sample_monthly("en")
    lines = rows(render(report)["Caseload"])
    totals = [line for line in lines if line[0] == "Total"]
    # The caseload's own, and one under each breakdown.
    assert len(totals) == 1 + len(report.caseload_by)
    assert all(line[1:7] == totals[0][1:7] for line in totals)


def test_a_rates_change_is_in_points_labelled_as_in_the_pdf() -> None:
    report = sample_monthly("ru")
    report.headlines = [Headline("attendance_rate", 0.874, 0.851, 0.9)]
    summary = render(report).worksheets[0]
    line = row_of(summary, Words("ru")("Course attendance rate"))
    assert [c.value for c in line[1:6]] == pytest.approx([0.874, 0.851, 2.3, 0.9, -2.6])
    unit = Words("ru")("{points} pp").replace("{points}", "").strip()
    assert line[3].number_format == points_format(Words("ru"))
    assert f'"{Words("ru")("{points} pp").split("{points}")[1]}"' in line[3].number_format
    assert unit and "%" not in line[3].number_format and "%" not in line[5].number_format


def test_every_rate_is_defined_in_a_note_row() -> None:
    workbook = render(sample_monthly("en"))
    notes = {line[0] for sheet in workbook.worksheets for line in rows(sheet)}
    for section, key in (("courses", "attendance_rate"), ("employment", "employed_3_months"),
                         ("accommodation", "occupancy_rate"), ("quota", "this_year"),
                         ("social", "completion_rate"), ("headlines", "change")):
        assert DEFINITIONS[section][key] in notes, (section, key)


def test_the_summary_compares_with_the_year_before_too() -> None:
    report = sample_monthly("en")
    report.headlines = [Headline("new", 12.0, 10.0, 15.0)]
    report.previous_period = Span(date(2026, 10, 1), date(2026, 10, 31))
    report.year_before_period = Span(date(2025, 11, 1), date(2025, 11, 30))
    summary = render(report).worksheets[0]
    header = row_of(summary, "Figure")
    assert [c.value for c in header[:6]] == [
        "Figure", COLUMNS["this_month"], COLUMNS["previous_month"], COLUMNS["change"],
        COLUMNS["year_before"], COLUMNS["change_year"]]
    assert [c.value for c in row_of(summary, "New intakes")[1:6]] == [12, 10, 2, 15, -3]
    assert any("01.11.2025 – 30.11.2025" in (line[0] or "") for line in rows(summary))


def test_an_unfinished_periods_workbook_says_so_on_every_sheet() -> None:
    report = sample_monthly("en")
    report.period = Span(date(2026, 11, 1), date(2026, 11, 30), "month",
                         as_of=datetime(2026, 11, 20, 15, 45))
    workbook = render(report)
    notice = Words("en")(FIGURE_LABELS["incomplete"]).format(when="20.11.2026 15:45")
    assert notice in [line[0] for line in rows(workbook.worksheets[0])]
    assert all(sheet.oddHeader.right.text == notice for sheet in workbook.worksheets)
    assert not render(sample_monthly("en")).worksheets[0].oddHeader.right.text
