"""The programme reports as XLSX: one sheet per report, every figure a number, each block's
subtotal and the total in bold rows, the definitions as notes, and the monthly report's
print set-up (A4 fit to the width, the header row on every printed page, the report's name
and the notice of a period not over at the head of each).

Only renders a ``ProgrammeReport``: the figures come ready from ``db.reports``, so the PDF,
XLSX and JSON forms cannot disagree.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from db.reports.programme_figures import (
    CourseReport,
    CourseTally,
    PlacementReport,
    ProgrammeReport,
    ReferralReport,
    ReferralTally,
    RetentionLine,
    WageFigures,
)
from desktop.i18n import format_datetime
from desktop.reports.labels import FIGURE_LABELS, Words
from desktop.reports.programme_labels import (
    LABELS,
    PROGRAMME_COLUMNS,
    PROGRAMME_DEFINITIONS,
    SHEET_NAMES,
    TITLES,
)
from desktop.reports.xlsx_cells import clean_text, set_text
from desktop.reports.xlsx_monthly import display_width, sheet_name

COUNT = "#,##0"
PERCENT = "0.0%"
MONEY = '#,##0 "₸"'  # whole tenge
DAY = "DD.MM.YYYY"  # as the PDF writes a day

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDCE6F1", end_color="FFDCE6F1")
BLOCK_FONT = Font(bold=True, size=12)
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True)
MIN_WIDTH, MAX_WIDTH, PADDING = 8, 60, 2

Value = str | int | float | date | None


def write_programme_xlsx(report: ProgrammeReport, target: Path | BinaryIO) -> None:
    """Write to a file path (through a temporary file: all or nothing) or into a stream."""
    workbook = build_workbook(report)
    if not isinstance(target, str | os.PathLike):
        workbook.save(target)
        return
    path = Path(target)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            workbook.save(stream)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def build_workbook(report: ProgrammeReport) -> Workbook:
    words = Words(report.language, report.span.kind)
    workbook = Workbook()
    workbook.remove(workbook.active)
    title = words(TITLES[report.programme])
    period = words.heading(report.span)
    workbook.properties.title = f"{title} — {period}"
    workbook.properties.creator = "Qadam"
    workbook.properties.language = report.language
    name = sheet_name(words(SHEET_NAMES[report.programme]), fallback=report.programme,
                      used=set())
    sheet = _Sheet(workbook.create_sheet(name), words)
    notice = ""
    if report.as_of is not None:
        notice = words(FIGURE_LABELS["incomplete"]).format(when=words.moment(report.as_of))
    sheet.title(title, TITLE_FONT)
    sheet.title(period, BLOCK_FONT)
    sheet.title(report.office_name or words(FIGURE_LABELS["all_offices"]))
    sheet.title(report.letterhead.name)
    sheet.title(words(FIGURE_LABELS["generated"]).format(
        when=format_datetime(report.generated_at, language=report.language),
        who=report.prepared_by))
    if notice:
        sheet.title(notice, NOTE_FONT)
    sheet.skip()
    if isinstance(report, CourseReport):
        _courses(sheet, report)
    elif isinstance(report, PlacementReport):
        _placements(sheet, report)
    elif isinstance(report, ReferralReport):
        _referrals(sheet, report)
    sheet.set_widths()
    sheet.print_setup(f"{title} — {period}", notice)
    return workbook


class _Sheet:
    """A worksheet filled row by row, remembering how wide each column must be."""

    def __init__(self, worksheet: Worksheet, words: Words) -> None:
        self.ws, self.words = worksheet, words
        self.row = 1
        self.widths: dict[int, int] = {}
        self.frozen = False

    def title(self, text: str, font: Font | None = None) -> None:
        self._text(self.row, 1, text, font=font, measure=False)
        self.row += 1

    def block_title(self, text: str) -> None:
        self._text(self.row, 1, self.words(text), font=BLOCK_FONT)
        self.row += 1

    def header(self, keys: Sequence[str]) -> None:
        """Column titles; the first header of the sheet is frozen and printed on every
        page."""
        for column, key in enumerate(keys, start=1):
            cell = self._text(self.row, column, self.words(PROGRAMME_COLUMNS[key]),
                              font=HEADER_FONT)
            cell.fill = HEADER_FILL
        if not self.frozen:
            self.ws.freeze_panes = f"A{self.row + 1}"
            self.ws.print_title_rows = f"{self.row}:{self.row}"
            self.frozen = True
        self.row += 1

    def line(self, values: Sequence[Value], formats: Sequence[str], *,
             bold: bool = False) -> None:
        """Words as text, figures as numbers in ``formats`` (one per value; "" for text)."""
        font = HEADER_FONT if bold else None
        for column, (value, form) in enumerate(zip(values, formats, strict=True), start=1):
            if isinstance(value, str):
                self._text(self.row, column, value, font=font)
                continue
            cell = self.ws.cell(row=self.row, column=column, value=value)
            cell.number_format = form or COUNT
            if font is not None:
                cell.font = font
            if value is not None:
                self._measure(column, _shown_width(value, form))
        self.row += 1

    def note(self, text: str) -> None:
        self._text(self.row, 1, self.words(text), font=NOTE_FONT, measure=False)
        self.row += 1

    def skip(self) -> None:
        self.row += 1

    def print_setup(self, title: str, notice: str) -> None:
        """As the monthly report's sheets: A4, as wide as the page, header row repeated."""
        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        wide = (ws.max_column or 1) > 5
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = False
        ws.oddHeader.left.text = _header_text(title)
        if notice:
            ws.oddHeader.right.text = _header_text(notice)
        ws.oddFooter.right.text = "&P / &N"

    def set_widths(self) -> None:
        for column, width in self.widths.items():
            width = min(MAX_WIDTH, max(MIN_WIDTH, width + PADDING))
            self.ws.column_dimensions[get_column_letter(column)].width = width

    def _text(self, row: int, column: int, text: str, *, font: Font | None = None,
              measure: bool = True) -> Cell:
        cell = set_text(self.ws.cell(row=row, column=column), clean_text(text))
        if font is not None:
            cell.font = font
        if measure:
            self._measure(column, display_width(text) + (1 if font and font.b else 0))
        return cell

    def _measure(self, column: int, width: int) -> None:
        self.widths[column] = max(self.widths.get(column, 0), width)


def _header_text(text: str) -> str:
    return clean_text(text).replace("&", "&&")  # "&" starts a code in a header


def _shown_width(value: int | float | date, form: str) -> int:
    if isinstance(value, date):
        return 10
    if form == PERCENT:
        return len(f"{value * 100:.1f}%")
    if form == MONEY:
        return len(f"{value:,.0f} ₸")
    return len(f"{value:,.0f}")


# ---- language courses ----------------------------------------------------------------------

COURSE_COLUMNS = ("teacher", "group", "language", "level", "office", "starts_on", "ends_on",
                  "participants", "places_taken", "finished_course", "left_course",
                  "levels_gained", "marked", "present", "attendance")
COURSE_FORMATS = ("", "", "", "", "", DAY, DAY, *([COUNT] * 7), PERCENT)


def _tally(tally: CourseTally) -> list[Value]:
    return [tally.participants, tally.enrolled, tally.completed, tally.dropped,
            tally.levels_gained, tally.marked, tally.present, tally.attendance]


def _courses(sheet: _Sheet, report: CourseReport) -> None:
    words = sheet.words
    sheet.header(COURSE_COLUMNS)
    for block in report.teachers:
        teacher = block.teacher or words(LABELS["teacher_not_recorded"])
        for line in block.groups:
            sheet.line([teacher, line.group, line.language, line.level, line.office,
                        line.starts_on, line.ends_on, *_tally(line.figures)], COURSE_FORMATS)
        sheet.line([words(LABELS["subtotal"]).format(name=teacher), *([None] * 6),
                    *_tally(block.subtotal)], COURSE_FORMATS, bold=True)
    if not report.teachers:
        sheet.note(LABELS["no_data"])
    sheet.line([words(PROGRAMME_COLUMNS["total"]), *([None] * 6), *_tally(report.total)],
               COURSE_FORMATS, bold=True)
    sheet.skip()
    for definition in PROGRAMME_DEFINITIONS["courses"].values():
        sheet.note(definition)


# ---- placements ----------------------------------------------------------------------------

PLACEMENT_COLUMNS = ("sector", "employer", "placements", "median_wage", "lowest_wage",
                     "highest_wage")
PLACEMENT_FORMATS = ("", "", COUNT, MONEY, MONEY, MONEY)
RETENTION_COLUMNS = ("employer", "checked_3_months", "employed_3_months", "checked_6_months",
                     "employed_6_months")


def _wages(figures: WageFigures) -> list[Value]:
    return [figures.placements, figures.median_wage, figures.lowest_wage,
            figures.highest_wage]


def _retention(line: RetentionLine) -> list[Value]:
    return [line.checked_3_months, line.employed_3_months, line.checked_6_months,
            line.employed_6_months]


def _placements(sheet: _Sheet, report: PlacementReport) -> None:
    words = sheet.words
    total = words(PROGRAMME_COLUMNS["total"])
    sheet.block_title(LABELS["by_sector"])
    sheet.header(PLACEMENT_COLUMNS)
    for sector in report.sectors:
        label = sector.label or sector.code
        for line in sector.employers:
            sheet.line([label, line.employer, *_wages(line.figures)], PLACEMENT_FORMATS)
        sheet.line([words(LABELS["subtotal"]).format(name=label), None,
                    *_wages(sector.subtotal)], PLACEMENT_FORMATS, bold=True)
    if not report.sectors:
        sheet.note(LABELS["no_data"])
    sheet.line([total, None, *_wages(report.total)], PLACEMENT_FORMATS, bold=True)
    sheet.note(PROGRAMME_DEFINITIONS["placements"]["wages"])
    sheet.skip()
    sheet.block_title(LABELS["by_wage"])
    sheet.header(("wage_band", "placements", "share"))
    for band in report.wage_bands:
        sheet.line([band.label or band.code, band.placements, band.share],
                   ("", COUNT, PERCENT))
    sheet.line([total, report.total.placements, None], ("", COUNT, PERCENT), bold=True)
    sheet.skip()
    sheet.block_title(LABELS["retention"])
    sheet.header(RETENTION_COLUMNS)
    formats = ("", COUNT, COUNT, COUNT, COUNT)
    for line in report.retention:
        sheet.line([line.employer, *_retention(line)], formats)
    if not report.retention:
        sheet.note(LABELS["no_data"])
    sheet.line([total, *_retention(report.retention_total)], formats, bold=True)
    sheet.note(PROGRAMME_DEFINITIONS["placements"]["retention"])


# ---- social-service referrals ------------------------------------------------------------------

REFERRAL_COLUMNS = ("provider", "locality", "service", "referred", "completed_in_time",
                    "completion_rate", "completed", "refused", "no_response", "amount_paid")
REFERRAL_FORMATS = ("", "", "", COUNT, COUNT, PERCENT, COUNT, COUNT, COUNT, MONEY)


def _referral(tally: ReferralTally) -> list[Value]:
    return [tally.referred, tally.completed_in_time, tally.completion_rate, tally.completed,
            tally.refused, tally.no_response, tally.amount_paid]


def _referrals(sheet: _Sheet, report: ReferralReport) -> None:
    words = sheet.words
    sheet.header(REFERRAL_COLUMNS)
    for block in report.providers:
        provider = block.provider or words(LABELS["provider_not_recorded"])
        for line in block.services:
            sheet.line([provider, block.locality, line.label or line.code,
                        *_referral(line.figures)], REFERRAL_FORMATS)
        sheet.line([words(LABELS["subtotal"]).format(name=provider), block.locality, None,
                    *_referral(block.subtotal)], REFERRAL_FORMATS, bold=True)
    if not report.providers:
        sheet.note(LABELS["no_data"])
    sheet.line([words(PROGRAMME_COLUMNS["total"]), None, None, *_referral(report.total)],
               REFERRAL_FORMATS, bold=True)
    sheet.skip()
    for definition in PROGRAMME_DEFINITIONS["referrals"].values():
        sheet.note(definition)
