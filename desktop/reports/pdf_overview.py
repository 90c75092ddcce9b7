"""The monthly report's overview pages in the PDF: the offices side by side (the
all-offices report only) and the trends of the last 12 months, a chart a figure.

Sections of ``pdf_monthly``: each function takes its page builder and returns flowables.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from db.reports.figures import OFFICE_FIGURES, TRENDS, OfficeRow, TrendMonth
from desktop.i18n import format_date
from desktop.reports import charts
from desktop.reports.labels import (
    COLUMNS,
    FIGURE_LABELS,
    OFFICE_COLUMNS,
    TREND_CAPTIONS,
    Words,
)
from desktop.reports.pdf_common import CONTENT_WIDTH, data_table

if TYPE_CHECKING:
    from desktop.reports.pdf_monthly import _Page

# The offices' headline figures in two tables, as the social referrals are: their cases,
# then the services given; in one, eight columns would leave the offices' names no room.
OFFICE_CASES = ("active_start", "new", "closed", "active_end")
OFFICE_SERVICES = ("consultations", "course_enrolled", "hires", "social_completed")
assert (*OFFICE_CASES, *OFFICE_SERVICES) == OFFICE_FIGURES
# A trend chart's height: the five, with their captions and the page's heading and note,
# fit on one A4 page.
TREND_CHART_HEIGHT = 35 * mm


def _widths(*millimetres: float) -> list[float]:
    widths = [value * mm for value in millimetres]
    widths[0] = CONTENT_WIDTH - sum(widths[1:])
    return widths


# Each figures' column as wide as its heading's longest word in kk, ru and en needs
# («Жабылғандар», «Трудоустроенные»): a word is never broken inside.
OFFICE_CASES_WIDTHS = _widths(0, 24, 20, 29, 24)
OFFICE_SERVICES_WIDTHS = _widths(0, 28, 28, 35, 29)


def offices(page: _Page) -> list[Flowable]:
    """The headline figures of each office, with the report's own figures as the total."""
    report = page.report
    if not report.offices:  # one office's report
        return []
    total = report.office_total
    story: list[Flowable] = [*page.heading("offices")]
    for title, columns, widths, notes in (
            ("offices_caseload", OFFICE_CASES, OFFICE_CASES_WIDTHS,
             (("offices", "active_end"),)),
            ("offices_services", OFFICE_SERVICES, OFFICE_SERVICES_WIDTHS, ())):
        story += page.subheading(FIGURE_LABELS[title])
        table = data_table(
            [page.words(COLUMNS["office"]), *(page.words(OFFICE_COLUMNS[key]) for key in columns)],
            [_office_cells(page, row.name, row, columns) for row in report.offices],
            widths, page.st,
            total=_office_cells(page, page.words(COLUMNS["total"]), total, columns))
        story += page.with_notes(table, *notes)
    return story


def _office_cells(page: _Page, label: str, row: OfficeRow,
                  columns: Sequence[str]) -> list[str]:
    return [label, *(page.n(getattr(row, key)) for key in columns)]


def trend_label(month: TrendMonth, index: int, words: Words,
                counted_to: date | None = None) -> str:
    """A month under its bar: its short name, with the year under the first and January,
    and under a month counted only up to a day, that day."""
    name = format_date(month.month, "LLL", language=words.language)
    if counted_to is not None:
        return f"{name}\n{words.counted_to(counted_to)}"
    if index == 0 or month.month.month == 1:
        return f"{name}\n{month.month.year}"
    return name


def trends(page: _Page) -> list[Flowable]:
    """A page of the charts of the last 12 months, each under its caption."""
    months = page.report.trends
    if not months:
        return []
    language = page.language
    last = len(months) - 1
    labels = [trend_label(month, index, page.words,
                          page.report.trends_counted_to if index == last else None)
              for index, month in enumerate(months)]
    story: list[Flowable] = [PageBreakIfNotEmpty(), *page.heading("trends")]
    for key in TRENDS:
        items = [(label, getattr(month, key)) for label, month in zip(labels, months,
                                                                         strict=True)]
        drawing = charts.column_chart(items, language, CONTENT_WIDTH, TREND_CHART_HEIGHT)
        story.append(page.chart(drawing, TREND_CAPTIONS[key]))
    story += page.definition_lines(("trends", "active_end"))
    return story
