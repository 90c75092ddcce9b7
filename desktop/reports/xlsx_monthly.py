"""The monthly report as an XLSX workbook: one sheet per section, every figure a number.

Only renders a ``MonthlyReport``; the figures come ready from ``db.reports`` so the
PDF, XLSX and JSON forms cannot disagree. All words are in the report's language
(``Words(report.language)``), which may differ from the UI's.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from db.reports.figures import (
    BREAKDOWNS,
    HEADLINES,
    OFFICE_FIGURES,
    RATES,
    TRENDS,
    CaseloadRow,
    CountRow,
    EmployerRow,
    MonthlyReport,
)
from desktop.i18n import format_datetime
from desktop.reports.labels import (
    BREAKDOWN_TITLES,
    COLUMNS,
    DEFINITIONS,
    FIGURE_LABELS,
    HEADLINE_DEFINITIONS,
    HEADLINE_LABELS,
    OFFICE_COLUMNS,
    POINTS,
    SHEET_NAMES,
    TREND_COLUMNS,
    Words,
    capitalised,
)
from desktop.reports.xlsx_cells import clean_text, set_text

# "offices" only in the all-offices report.
SECTIONS = ("summary", "offices", "trends", "caseload", "consultations", "courses",
            "employment", "social", "workload")

# Headlines that are shares rather than counts: shown as percentages, kept as floats.
RATE_HEADLINES = frozenset(RATES)

COUNT = "#,##0"
SIGNED_COUNT = "+#,##0;-#,##0;0"
PERCENT = "0.0%"
DAYS = "0.0"
MONEY = '#,##0 "₸"'  # whole tenge

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDCE6F1", end_color="FFDCE6F1")
BLOCK_FONT = Font(bold=True, size=12)
TITLE_FONT = Font(bold=True, size=14)
NOTE_FONT = Font(italic=True)

MIN_WIDTH, MAX_WIDTH, PADDING = 8, 60, 2
SHEET_NAME_LIMIT = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

Value = str | int | float | None


def write_monthly_xlsx(report: MonthlyReport, target: Path | BinaryIO) -> None:
    """Write ``report`` as an XLSX workbook to a file path or into an open binary stream.

    A path is written through a temporary file in the same folder and then moved onto
    it, so a failure (disk full, folder not writable) leaves the old file or none, never
    half a workbook; the ``OSError`` is raised to the caller.
    """
    workbook = build_workbook(report)
    if isinstance(target, (str, os.PathLike)):
        _save_atomically(workbook, Path(target))
    else:
        workbook.save(target)


def build_workbook(report: MonthlyReport) -> Workbook:
    """The workbook in memory, for callers that want to add to it or test it unsaved."""
    words = Words(report.language, report.span.kind)
    workbook = Workbook()
    workbook.remove(workbook.active)
    title = words.title()
    period = words.heading(report.span)
    workbook.properties.title = f"{title} — {period}"
    workbook.properties.creator = "Qadam"
    workbook.properties.language = report.language
    used: set[str] = set()
    for key in SECTIONS:
        if key == "offices" and not report.offices:
            continue
        name = sheet_name(words(SHEET_NAMES[key]), fallback=key, used=used)
        sheet = _Sheet(workbook.create_sheet(name), words)
        _WRITERS[key](sheet, report)
        sheet.set_widths()
        sheet.print_setup(f"{title} — {period}", notice(report, words))
    return workbook


def notice(report: MonthlyReport, words: Words) -> str:
    """What a report of a period not over yet says on every sheet; empty for a whole one."""
    if report.as_of is None:
        return ""
    return words(FIGURE_LABELS["incomplete"]).format(when=words.moment(report.as_of))


def points_format(words: Words) -> str:
    """A change of a rate, stored in percentage points (2.3), shown as the PDF prints it:
    "+2.3 pp" in the report's language."""
    before, _placeholder, after = words(POINTS).partition("{points}")

    def quoted(text: str) -> str:
        return f'"{text}"' if text else ""

    body = f"{quoted(before)}0.0{quoted(after)}"
    return f"+{body};-{body};{body}"


def points(change: float | None) -> float | None:
    """A change of a share (0.023) in percentage points (2.3)."""
    return None if change is None else round(change * 100, 2)


def sheet_name(text: str, fallback: str, used: set[str]) -> str:
    """A name Excel accepts: none of []:*?/\\, no edge apostrophe, ≤31 chars, unique."""
    name = SHEET_NAME_FORBIDDEN.sub("", text).strip().strip("'").strip()
    name = name[:SHEET_NAME_LIMIT].rstrip().rstrip("'") or fallback
    # Excel compares sheet names case-insensitively; two translations could collide.
    base, number = name, 2
    while name.casefold() in used:
        suffix = f" ({number})"
        name = base[:SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        number += 1
    used.add(name.casefold())
    return name


def display_width(text: str) -> int:
    """Columns the text takes: wide (CJK) characters count two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


class _Sheet:
    """A worksheet filled row by row, remembering how wide each column must be."""

    def __init__(self, worksheet: Worksheet, words: Words) -> None:
        self.ws = worksheet
        self.words = words
        self.row = 1
        self.widths: dict[int, int] = {}

    def title(self, text: str, font: Font | None = None) -> None:
        # Not measured: a long title may run over the empty cells to its right.
        self._text(self.row, 1, text, font=font, measure=False)
        self.row += 1

    def header(self, keys: Sequence[str], *, freeze: bool = False) -> None:
        """Column titles from ``COLUMNS`` keys, or any other marked message as is."""
        for column, key in enumerate(keys, start=1):
            text = self.words(COLUMNS.get(key, key))
            cell = self._text(self.row, column, text, font=HEADER_FONT)
            cell.fill = HEADER_FILL
        if freeze:
            self.ws.freeze_panes = f"A{self.row + 1}"
            self.ws.print_title_rows = f"{self.row}:{self.row}"
        self.row += 1

    def block_title(self, text: str) -> None:
        self._text(self.row, 1, text, font=BLOCK_FONT)
        self.row += 1

    def line(self, label: str, values: Sequence[Value], formats: Sequence[str] | None = None,
             *, font: Font | None = None) -> None:
        """A label in the first column, then its figures as numbers."""
        self._text(self.row, 1, label, font=font)
        for index, value in enumerate(values):
            if isinstance(value, str):
                self._text(self.row, index + 2, value)
                continue
            form = formats[index] if formats else (COUNT if isinstance(value, int) else DAYS)
            self._number(self.row, index + 2, value, form)
        self.row += 1

    def note(self, text: str) -> None:
        self._text(self.row, 1, text, font=NOTE_FONT, measure=False)
        self.row += 1

    def skip(self) -> None:
        self.row += 1

    def print_setup(self, title: str, notice: str) -> None:
        """A4, as wide as the page, the header row again on every printed page (set by
        ``header(freeze=True)``), and the report's name (and the notice of a period not
        over yet) at the head of each."""
        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        wide = (ws.max_column or 1) > 5
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if wide else ws.ORIENTATION_PORTRAIT
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as it takes
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
        # Names and labels come from user input: set_text drops the control characters
        # openpyxl would refuse and keeps a leading = + - @ text, never a formula.
        text = clean_text(text)
        cell = set_text(self.ws.cell(row=row, column=column), text)
        if font is not None:
            cell.font = font
        if measure:
            self._measure(column, display_width(text) + (1 if font and font.b else 0))
        return cell

    def _number(self, row: int, column: int, value: int | float | None, form: str) -> None:
        cell = self.ws.cell(row=row, column=column, value=value)
        cell.number_format = form
        if value is not None:
            self._measure(column, len(_shown(value, form)))

    def _measure(self, column: int, width: int) -> None:
        self.widths[column] = max(self.widths.get(column, 0), width)


def _header_text(text: str) -> str:
    # "&" starts a code in a header (&P, &N): written out, it is doubled.
    return clean_text(text).replace("&", "&&")


def _shown(value: int | float, form: str) -> str:
    """Roughly what Excel shows for the number, to size its column."""
    sign = "+" if form.startswith("+") else ""
    if "%" in form:
        return f"{value * 100:{sign}.1f}%"
    if form.startswith("+") and "0.0" in form:  # points, with their unit
        return f"{value:+.1f}" + form.split(";")[0].split("0.0", 1)[1].replace('"', "")
    if form == DAYS:
        return f"{value:,.1f}"
    if form == MONEY:
        return f"{value:,.0f} ₸"
    return f"{value:{sign},.0f}"


def _count(value: float | None) -> int | float | None:
    # Headline values arrive as floats; a count is shown and stored as the integer it is.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _summary(sheet: _Sheet, report: MonthlyReport) -> None:
    words = sheet.words
    when = format_datetime(report.generated_at, language=report.language)
    sheet.title(words.title(), TITLE_FONT)
    sheet.title(words.heading(report.span), BLOCK_FONT)
    sheet.title(report.office_name or words(FIGURE_LABELS["all_offices"]))
    sheet.title(report.letterhead.name)
    sheet.title(words(FIGURE_LABELS["generated"]).format(when=when, who=report.prepared_by))
    if report.as_of is not None:
        sheet.title(notice(report, words), NOTE_FONT)
    sheet.skip()
    sheet.header(("figure", "this_month", "previous_month", "change", "year_before",
                  "change_year"), freeze=True)
    by_key = {headline.key: headline for headline in report.headlines}
    in_points = points_format(words)
    for key in HEADLINES:
        headline = by_key.get(key)
        if headline is None:
            continue
        if key in RATE_HEADLINES:
            values = [headline.value, headline.previous, points(headline.change),
                      headline.year_before, points(headline.change_year)]
            formats = [PERCENT, PERCENT, in_points, PERCENT, in_points]
        else:
            values = [_count(headline.value), _count(headline.previous),
                      _count(headline.change), _count(headline.year_before),
                      _count(headline.change_year)]
            formats = [COUNT, COUNT, SIGNED_COUNT, COUNT, SIGNED_COUNT]
        sheet.line(words(HEADLINE_LABELS[key]), values, formats)
    sheet.note(words(DEFINITIONS["headlines"]["change"]))
    for key in dict.fromkeys(HEADLINE_DEFINITIONS[h.key] for h in report.headlines
                             if h.key in HEADLINE_DEFINITIONS):
        sheet.note(words(DEFINITIONS[key[0]][key[1]]))
    if report.previous_period is not None and report.year_before_period is not None:
        sheet.note(words(FIGURE_LABELS["compared_with"]).format(
            previous=words.compared(report.previous_period),
            year_before=words.compared(report.year_before_period)))


# In the order of the month's flow, as the PDF has them: at the start, in, out, at the end.
CASELOAD_COLUMNS = ("group", "active_start", "new", "transferred_in", "closed",
                    "transferred_out", "active_end")


def _caseload_values(row: CaseloadRow) -> list[Value]:
    return [getattr(row, column) for column in CASELOAD_COLUMNS[1:]]


def _caseload(sheet: _Sheet, report: MonthlyReport) -> None:
    words = sheet.words
    sheet.header(CASELOAD_COLUMNS, freeze=True)
    sheet.line(words(COLUMNS["total"]), _caseload_values(report.caseload), font=HEADER_FONT)
    for key in BREAKDOWNS:
        sheet.skip()
        sheet.block_title(words(BREAKDOWN_TITLES[key]))
        rows = report.caseload_by.get(key, [])
        if not rows:
            sheet.note(words(FIGURE_LABELS["no_data"]))
            continue
        sheet.header(CASELOAD_COLUMNS)
        for row in rows:
            sheet.line(row.label or row.code, _caseload_values(row))
        # As the PDF: each breakdown adds up to the caseload's total.
        sheet.line(words(COLUMNS["total"]), _caseload_values(report.caseload),
                   font=HEADER_FONT)
        if key in DEFINITIONS["caseload_by"]:  # what the ministry's indicators count
            sheet.note(words(DEFINITIONS["caseload_by"][key]))


def _offices(sheet: _Sheet, report: MonthlyReport) -> None:
    """The offices side by side, as the PDF has them (in one table here); the total row
    is the report's own figures, which the offices' rows add up to."""
    words = sheet.words
    sheet.header(("office", *(OFFICE_COLUMNS[key] for key in OFFICE_FIGURES)), freeze=True)
    for row in report.offices:
        sheet.line(row.name, [getattr(row, key) for key in OFFICE_FIGURES])
    total = report.office_total
    sheet.line(words(COLUMNS["total"]), [getattr(total, key) for key in OFFICE_FIGURES],
               font=HEADER_FONT)
    sheet.note(words(DEFINITIONS["offices"]["active_end"]))


def _trends(sheet: _Sheet, report: MonthlyReport) -> None:
    """The last 12 months' figures the PDF's trend charts show, a month a line."""
    words = sheet.words
    sheet.header(("month", *(TREND_COLUMNS[key] for key in TRENDS)), freeze=True)
    counted_to = report.trends_counted_to
    for index, month in enumerate(report.trends, start=1):
        label = capitalised(words.month(month.month))
        if counted_to is not None and index == len(report.trends):  # as the PDF's chart
            label = f"{label} ({words.counted_to(counted_to)})"
        sheet.line(label, [getattr(month, key) for key in TRENDS])
    if not report.trends:
        sheet.note(words(FIGURE_LABELS["no_data"]))
    sheet.note(words(DEFINITIONS["trends"]["active_end"]))


def _counts(sheet: _Sheet, label_column: str, rows: Iterable[CountRow]) -> None:
    sheet.header((label_column, "count"))
    written = False
    for row in rows:
        sheet.line(row.label or row.code, [row.count])
        written = True
    if not written:
        sheet.note(sheet.words(FIGURE_LABELS["no_data"]))


def _consultations(sheet: _Sheet, report: MonthlyReport) -> None:
    words = sheet.words
    sheet.header(("figure", "count"), freeze=True)
    sheet.line(words(HEADLINE_LABELS["consultations"]), [report.consultations])
    sheet.line(words(HEADLINE_LABELS["clients_consulted"]), [report.clients_consulted])
    sheet.skip()
    _counts(sheet, "topic", report.consultations_by_topic)
    sheet.skip()
    _counts(sheet, "channel", report.consultations_by_channel)


# A course group's line, as the PDF has it: its words, then its figures.
GROUP_COLUMNS = ("group", "office", "teacher", "participants", "finished_course",
                 "left_course", "attendance")


def _courses(sheet: _Sheet, report: MonthlyReport) -> None:
    words, courses = sheet.words, report.courses
    sheet.header(("figure", "count"), freeze=True)
    sheet.line(words(HEADLINE_LABELS["course_enrolled"]), [courses.enrolled])
    sheet.line(words(HEADLINE_LABELS["course_completed"]), [courses.completed])
    sheet.line(words(HEADLINE_LABELS["course_dropped"]), [courses.dropped])
    sheet.line(words(FIGURE_LABELS["levels_gained"]), [courses.levels_gained])
    sheet.line(words(FIGURE_LABELS["attendance_marked"]), [courses.attendance_marked])
    sheet.line(words(FIGURE_LABELS["attendance_present"]), [courses.attendance_present])
    sheet.line(words(HEADLINE_LABELS["attendance_rate"]), [courses.attendance_rate], [PERCENT])
    sheet.note(words(DEFINITIONS["courses"]["attendance_rate"]))
    sheet.skip()
    sheet.block_title(words(FIGURE_LABELS["course_groups"]))
    if not courses.groups:
        sheet.note(words(FIGURE_LABELS["no_data"]))
        return
    sheet.header(GROUP_COLUMNS)
    for row in courses.groups:
        sheet.line(row.group, [row.office, row.teacher, row.enrolled, row.completed,
                               row.dropped, row.attendance],
                   ["", "", COUNT, COUNT, COUNT, PERCENT])


def _employment(sheet: _Sheet, report: MonthlyReport) -> None:
    words, employment = sheet.words, report.employment
    sheet.header(("figure", "count"), freeze=True)
    sheet.line(words(HEADLINE_LABELS["job_seekers"]), [employment.job_seekers])
    sheet.line(words(HEADLINE_LABELS["job_referrals"]), [employment.referrals])
    sheet.line(words(HEADLINE_LABELS["hires"]), [employment.hires])
    sheet.line(words(FIGURE_LABELS["checked_3_months"]), [employment.checked_3_months])
    sheet.line(words(FIGURE_LABELS["employed_3_months"]), [employment.employed_3_months])
    sheet.line(words(FIGURE_LABELS["checked_6_months"]), [employment.checked_6_months])
    sheet.line(words(FIGURE_LABELS["employed_6_months"]), [employment.employed_6_months])
    sheet.note(words(DEFINITIONS["employment"]["employed_3_months"]))
    sheet.skip()
    # Titled blocks, as the PDF's subheadings: their tables look alike (a name, a count).
    sheet.block_title(words(FIGURE_LABELS["hires_by_sector"]))
    _counts(sheet, "sector", employment.hires_by_sector)
    sheet.skip()
    sheet.block_title(words(FIGURE_LABELS["hires_by_contract_type"]))
    _counts(sheet, "contract_type", employment.hires_by_contract_type)
    sheet.skip()
    # Whole tenge in a number cell; left empty when no hire of the month has a wage.
    sheet.header(("figure", "amount"))
    sheet.line(words(FIGURE_LABELS["median_starting_wage"]),
               [employment.median_starting_wage], [COUNT])
    sheet.skip()
    sheet.block_title(words(FIGURE_LABELS["top_employers"]))
    _employers(sheet, employment.top_employers)


def _employers(sheet: _Sheet, rows: Sequence[EmployerRow]) -> None:
    sheet.header(("employer", "count"))
    for row in rows:
        sheet.line(row.name, [row.count])
    if not rows:
        sheet.note(sheet.words(FIGURE_LABELS["no_data"]))


# The columns of the month's referrals before this version stay where they were; the
# refusals, the unanswered and the amounts paid follow them.
SOCIAL_COLUMNS = ("service", "referred", "completed", "completion_rate", "median_days",
                  "refused", "no_response", "amount_paid")
ENTITLEMENT_COLUMNS = ("measure", "applications", "amount_applied", "granted",
                       "amount_granted", "refused", "amount_paid", "outstanding")


def _social(sheet: _Sheet, report: MonthlyReport) -> None:
    words = sheet.words
    sheet.header(SOCIAL_COLUMNS, freeze=True)
    for row in report.social:
        sheet.line(row.label or row.code,
                   [row.referred, row.completed, row.completion_rate, row.median_days,
                    row.refused, row.no_response, row.amount_paid],
                   [COUNT, COUNT, PERCENT, DAYS, COUNT, COUNT, MONEY])
    if not report.social:
        sheet.note(words(FIGURE_LABELS["no_data"]))
    else:
        # The PDF's total rows: the counts and the amount add up; rates and medians do not.
        rows = report.social
        sheet.line(words(COLUMNS["total"]),
                   [sum(row.referred for row in rows), sum(row.completed for row in rows),
                    None, None, sum(row.refused for row in rows),
                    sum(row.no_response for row in rows), sum(row.amount_paid for row in rows)],
                   [COUNT, COUNT, PERCENT, DAYS, COUNT, COUNT, MONEY], font=HEADER_FONT)
    for key in ("completed", "completion_rate"):
        sheet.note(words(DEFINITIONS["social"][key]))
    sheet.skip()
    _entitlements(sheet, report)
    sheet.skip()
    sheet.block_title(words(FIGURE_LABELS["quota"]))
    sheet.header(("figure", "count"))
    sheet.line(words(FIGURE_LABELS["quota_participants"]), [report.quota.participants])
    sheet.line(words(FIGURE_LABELS["quota_this_year"]).format(year=report.month.year),
               [report.quota.this_year])
    sheet.note(words(DEFINITIONS["quota"]["this_year"]))
    sheet.skip()
    _accommodation(sheet, report)


def _entitlements(sheet: _Sheet, report: MonthlyReport) -> None:
    words = sheet.words
    sheet.block_title(words(FIGURE_LABELS["support_measures"]))
    if not report.entitlements:
        sheet.note(words(FIGURE_LABELS["no_data"]))
        return
    sheet.header(ENTITLEMENT_COLUMNS)
    formats = [COUNT, MONEY, COUNT, MONEY, COUNT, MONEY, MONEY]
    for row in report.entitlements:
        sheet.line(row.label or row.code,
                   [row.applied, row.amount_applied, row.granted, row.amount_granted,
                    row.refused, row.paid, row.outstanding], formats)
    totals = [sum(getattr(row, name) for row in report.entitlements)
              for name in ("applied", "amount_applied", "granted", "amount_granted",
                           "refused", "paid", "outstanding")]
    sheet.line(words(COLUMNS["total"]), totals, formats, font=HEADER_FONT)
    sheet.note(words(DEFINITIONS["entitlements"]["outstanding"]))


def _accommodation(sheet: _Sheet, report: MonthlyReport) -> None:
    words, stays = sheet.words, report.accommodation
    sheet.block_title(words(FIGURE_LABELS["accommodation"]))
    sheet.header(("figure", "count"))
    for key, value in (("beds", stays.beds), ("bed_nights", stays.bed_nights),
                       ("bed_nights_available", stays.bed_nights_available)):
        sheet.line(words(FIGURE_LABELS[key]), [value])
    sheet.line(words(FIGURE_LABELS["occupancy_rate"]), [stays.occupancy_rate], [PERCENT])
    for key, value in (("people_accommodated", stays.people), ("check_ins", stays.check_ins),
                       ("overstays", stays.overstays)):
        sheet.line(words(FIGURE_LABELS[key]), [value])
    sheet.note(words(DEFINITIONS["accommodation"]["bed_nights"]))
    sheet.note(words(DEFINITIONS["accommodation"]["occupancy_rate"]))


def _workload(sheet: _Sheet, report: MonthlyReport) -> None:
    # COLUMNS has no "Consultations"; the headline's word is the same message.
    sheet.header(("caseworker", "office", "open_cases", HEADLINE_LABELS["consultations"],
                  "overdue"), freeze=True)
    for row in report.workload:
        sheet.line(row.caseworker,
                   [row.office_code, row.open_cases, row.consultations, row.overdue_follow_ups])
    if not report.workload:
        sheet.note(sheet.words(FIGURE_LABELS["no_data"]))
    sheet.skip()
    # The PDF's total row; overdue is the report's own, so that it agrees with the summary.
    rows = report.workload
    sheet.line(sheet.words(COLUMNS["total"]),
               [None, sum(row.open_cases for row in rows), sum(row.consultations for row in rows),
                report.overdue_follow_ups], [COUNT] * 4, font=HEADER_FONT)


_WRITERS = {
    "summary": _summary,
    "offices": _offices,
    "trends": _trends,
    "caseload": _caseload,
    "consultations": _consultations,
    "courses": _courses,
    "employment": _employment,
    "social": _social,
    "workload": _workload,
}


def _save_atomically(workbook: Workbook, target: Path) -> None:
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # os.open with 0o666 lets the user's umask decide the mode, as for any file they save;
    # O_BINARY keeps Windows from translating line ends inside the zip.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            workbook.save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
