"""The programme reports as PDF, in the report's language, in the monthly report's house
style (``pdf_common``): the office's letterhead, the title with the period, the notice of a
period not over on every page, tables whose header repeats on each page and whose totals
never stand alone, definitions as numbered footnotes, the approval block on the last page.

The tables are grouped: a teacher's groups, a sector's employers, a provider's services,
each under its name with its subtotal, then the total. A group's name row is kept with its
first rows and its subtotal with its last, so neither is stranded at a page's edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from db.reports.programme_figures import (
    CourseLine,
    CourseReport,
    CourseTally,
    PlacementReport,
    ProgrammeReport,
    ReferralReport,
    ReferralTally,
    RetentionLine,
    WageFigures,
)
from desktop.i18n import format_date, format_money
from desktop.reports.labels import FIGURE_LABELS, Words
from desktop.reports.pdf_common import (
    ACCENT,
    CONTENT_WIDTH,
    DASH,
    INK,
    MUTED,
    RULE,
    TABLE_FONT,
    ZEBRA,
    Cell,
    Footer,
    Lead,
    Styles,
    _unbroken,
    approval_block,
    build,
    generated_line,
    letterhead,
    link_leads,
    number,
    para,
    percent,
    save,
    styles,
)
from desktop.reports.programme_labels import (
    LABELS,
    PROGRAMME_COLUMNS,
    PROGRAMME_DEFINITIONS,
    TITLES,
    employer_count,
    group_count,
    provider_count,
)

# Footnote marks, in the order the footnotes are printed under a table.
MARKS = "¹²³⁴⁵"
# Rows a grouped table keeps together: a name with the first rows under it, the last rows
# with their subtotal, the last subtotal with the total.
KEEP = 2


def write_programme_pdf(report: ProgrammeReport, target: Path | BinaryIO) -> None:
    """Writes the report to a file path (all or nothing) or into a binary stream."""
    words = Words(report.language, report.span.kind)
    st = styles()
    page = _Page(report, words, st)
    office = report.office_name or words(FIGURE_LABELS["all_offices"])
    period = words.heading(report.span)
    title = words(TITLES[report.programme])
    story: list[Flowable] = [
        *letterhead(report.letterhead, st),
        para(title, st.title),
        para(f"{period}   ·   {office}", st.subtitle),
    ]
    if isinstance(report, CourseReport):
        sections = page.courses(report)
    elif isinstance(report, PlacementReport):
        sections = page.placements(report)
    elif isinstance(report, ReferralReport):
        sections = page.referrals(report)
    else:
        raise TypeError(report)
    story += sections
    link_leads(story, st)
    # The approval with what ends the report, on its page: the last table's footnotes, and
    # the last rows of that table with its total (``WithTail``).
    approval = approval_block(words, report.approval, report.letterhead.name,
                              report.prepared_by, st)
    *story, last = story
    tail = [*_unwrapped(last), *_unwrapped(approval)]
    if story and isinstance(story[-1], Table):
        story[-1] = WithTail(story[-1], tail)
    else:
        story.append(KeepTogether(tail))
    notice = ""
    if report.as_of is not None:
        notice = words(FIGURE_LABELS["incomplete"]).format(when=words.moment(report.as_of))
    footer = Footer(words, generated_line(words, report.generated_at, report.prepared_by),
                    notice=notice)
    save(target, lambda stream: build(stream, story, footer,
                                      title=f"{title} — {period} — {office}",
                                      author=report.prepared_by))


def _unwrapped(flowable: Flowable) -> list[Flowable]:
    if isinstance(flowable, KeepTogether):
        return list(flowable._content)
    return [flowable]


class WithTail(Flowable):
    """A table and what must follow it on the same page (its footnotes, the approval): where
    the two do not fit on one, the table breaks earlier, so that its last rows go over with
    them, never what follows alone."""

    def __init__(self, table: Table, tail: Sequence[Flowable]) -> None:
        super().__init__()
        self.table, self.tail = table, list(tail)
        self._sizes: list[float] = []

    def _measure(self, width: float, height: float) -> tuple[float, float]:
        table = self.table.wrap(width, height)[1]
        self._sizes = [table]
        for flowable in self.tail:
            self._sizes.append(flowable.wrap(width, height)[1])
        tail = sum(self._sizes[1:]) + sum(f.getSpaceBefore() + f.getSpaceAfter()
                                          for f in self.tail)
        return table, tail

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        table, tail = self._measure(availWidth, availHeight)
        self.width, self.height = availWidth, table + tail
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table, tail = self._measure(availWidth, availHeight)
        if table + tail <= availHeight:
            return [self.table, *self.tail]
        # The table alone would fit: its last rows go over with the tail instead.
        parts = self.table.split(availWidth, min(availHeight, table - 1))
        if len(parts) < 2:
            return []  # not here: the frame tries on the next page
        return [parts[0], WithTail(parts[1], self.tail)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for flowable, height in zip([self.table, *self.tail], self._sizes, strict=True):
            top -= flowable.getSpaceBefore() if flowable is not self.table else 0
            top -= height
            flowable.drawOn(canvas, x, top)
            top -= flowable.getSpaceAfter()


def _widths(*millimetres: float) -> list[float]:
    """Column widths; the first (0) takes what the others leave of the text width."""
    widths = [value * mm for value in millimetres]
    widths[0] = CONTENT_WIDTH - sum(widths[1:])
    return widths


COURSE_COLUMNS = ("group", "participants", "places_taken", "finished_course", "left_course",
                  "levels_gained", "attendance")
COURSE_WIDTHS = _widths(0, 22, 19, 19, 17, 19, 22)
MONEY = 36  # millimetres for a sum in tenge, up to 9 999 999 999,00 ₸ in bold
PLACEMENT_COLUMNS = ("employer", "placements", "median_wage", "wage_range")
PLACEMENT_WIDTHS = _widths(0, 24, MONEY, MONEY)
BAND_COLUMNS = ("wage_band", "placements", "share")
BAND_WIDTHS = _widths(0, 30, 34)
RETENTION_COLUMNS = ("employer", "checked_3_months", "employed_3_months", "checked_6_months",
                     "employed_6_months")
RETENTION_WIDTHS = _widths(0, 25, 25, 25, 25)
MADE_COLUMNS = ("service", "referred", "completed_in_time", "completion_rate")
MADE_WIDTHS = _widths(0, 24, 32, 26)
ENDED_COLUMNS = ("service", "completed", "refused", "no_response", "amount_paid")
ENDED_WIDTHS = _widths(0, 23, 23, 22, MONEY)


@dataclass
class Block:
    """Rows under a name (None: no name row), with their subtotal (None: none). The
    subtotal of a single row would only repeat it: it is not printed."""

    title: str | None
    rows: list[list[Cell]]
    subtotal: list[Cell] | None = None

    def __post_init__(self) -> None:
        if len(self.rows) == 1:
            self.subtotal = None


def grouped_table(header: Sequence[str], blocks: Sequence[Block], widths: Sequence[float],
                  st: Styles, *, total: Sequence[Cell] | None = None) -> Table:
    """A table of blocks that breaks across pages, repeating its header on each.

    The first column holds words, the others figures (right-aligned). Each block's name
    spans the table on a tinted row; its subtotal and the total are bold under a rule.
    Where the table may break is decided by ``_kept`` (NOSPLIT runs that never overlap).
    """
    small = _small(st)

    def row(values: Sequence[Cell], left: ParagraphStyle, right: ParagraphStyle) -> list[Cell]:
        return [value if isinstance(value, Flowable | list)
                else para(value, left if index == 0 else right)
                for index, value in enumerate(values)]

    widths = _unbroken(header, widths, 1, st.cell_head)
    data: list[list[Cell]] = [row(header, st.cell_head, st.cell_head_right)]
    commands: list[tuple[object, ...]] = [
        *TABLE_FONT,
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    glued: set[int] = set()  # rows the table may not break before
    for block in blocks:
        first = len(data)
        if block.title is not None:
            data.append([para(block.title, small.block), *([""] * (len(header) - 1))])
            commands += [("SPAN", (0, first), (-1, first)),
                         ("BACKGROUND", (0, first), (-1, first), ZEBRA),
                         ("LINEABOVE", (0, first), (-1, first), 0.6, RULE)]
            # The name with its first rows, not with the next block's.
            glued.update(range(first + 1, first + 1 + min(KEEP, len(block.rows))))
        for values in block.rows:
            data.append(row(values, st.cell, st.cell_right))
            commands.append(("LINEBELOW", (0, len(data) - 1), (-1, len(data) - 1), 0.3, RULE))
        if block.subtotal is not None:
            at = len(data)
            data.append(row(block.subtotal, st.cell_total, st.cell_total_right))
            commands.append(("LINEABOVE", (0, at), (-1, at), 0.6, MUTED))
            glued.update(y for y in range(at - KEEP + 1, at + 1) if y > first)
    if total is not None:
        at = len(data)
        data.append(row(total, st.cell_total, st.cell_total_right))
        commands += [("LINEABOVE", (0, at), (-1, at), 0.9, INK),
                     ("LINEBELOW", (0, at), (-1, at), 0.6, RULE)]
        glued.update(range(max(1, at - KEEP + 1), at + 1))
    glued.update(range(1, min(len(data), 1 + KEEP + 1)))  # the header with the first rows
    runs = _kept(len(data), glued)
    commands += [("NOSPLIT", (0, start), (-1, end)) for start, end in runs]
    table = Table(data, colWidths=list(widths), repeatRows=1, style=TableStyle(commands),
                  hAlign="LEFT")
    # What must stand on the page the table begins on (pdf_common.Lead reads it).
    table.head_rows = next((end + 1 for start, end in runs if start == 0), 1)
    return table


def _kept(rows: int, glued: set[int]) -> list[tuple[int, int]]:
    """The runs of rows [start, end] the table may not break inside: a row in ``glued``
    stays on the page of the row before it."""
    runs: list[tuple[int, int]] = []
    start = 0
    for y in range(1, rows + 1):
        if y < rows and y in glued:
            continue
        if y - 1 > start:
            runs.append((start, y - 1))
        start = y
    return runs


@dataclass(frozen=True)
class _SmallStyles:
    block: ParagraphStyle  # a block's name, across the table
    detail: ParagraphStyle  # a group's language, level, office and dates under its name
    detail_right: ParagraphStyle
    footnote: ParagraphStyle


def _small(st: Styles) -> _SmallStyles:
    detail = ParagraphStyle("detail", st.small, fontSize=7.3, leading=9)
    return _SmallStyles(
        block=ParagraphStyle("block", st.cell_total, textColor=ACCENT),
        detail=detail,
        detail_right=ParagraphStyle("detail_right", detail, alignment=TA_RIGHT),
        footnote=ParagraphStyle("footnote", st.small, leftIndent=7, firstLineIndent=-7))


class _Page:
    """Builds one report's sections; each method returns its flowables, the last of them
    what the approval block is to stand with."""

    def __init__(self, report: ProgrammeReport, words: Words, st: Styles) -> None:
        self.report, self.words, self.st = report, words, st
        self.language = report.language
        self.small = _small(st)

    # --- helpers ---

    def n(self, value: float | None) -> str:
        return number(value, self.language)

    def money(self, amount: int | None) -> str:
        return DASH if amount is None else format_money(amount, self.language)

    def columns(self, keys: Sequence[str], marks: dict[str, str] | None = None) -> list[str]:
        marks = marks or {}
        return [self.words(PROGRAMME_COLUMNS[key]) + marks.get(key, "") for key in keys]

    def heading(self, text: str) -> list[Flowable]:
        return [Lead(), para(self.words(text), self.st.heading)]

    def count_line(self, text: str) -> Flowable:
        return para(text, self.st.body)

    def no_data(self) -> Flowable:
        return para(self.words(LABELS["no_data"]), self.st.small)

    def subtotal(self, name: str) -> str:
        return self.words(LABELS["subtotal"]).format(name=name)

    def total(self) -> str:
        return self.words(PROGRAMME_COLUMNS["total"])

    def footnotes(self, *definitions: str) -> Flowable:
        """The table's definitions, each under the mark its column carries."""
        lines: list[Flowable] = [Spacer(1, 1.5 * mm)]
        for mark, text in zip(MARKS, definitions, strict=False):
            lines.append(para(f"{mark} {self.words(text)}", self.small.footnote))
            lines.append(Spacer(1, 0.8 * mm))
        return KeepTogether(lines)

    def stacked(self, first: str, second: str, style: ParagraphStyle,
                detail: ParagraphStyle) -> list[Flowable]:
        return [para(first, style), para(second, detail)] if second else [para(first, style)]

    # --- language courses ---

    def courses(self, report: CourseReport) -> list[Flowable]:
        groups = sum(len(block.groups) for block in report.teachers)
        story: list[Flowable] = [self.count_line(group_count(
            self.language, groups, sum(1 for block in report.teachers if block.teacher)))]
        if not report.teachers:
            return [*story, self.no_data()]
        definitions = PROGRAMME_DEFINITIONS["courses"]
        header = self.columns(COURSE_COLUMNS, {"participants": MARKS[0],
                                               "attendance": MARKS[1]})
        blocks = [Block(block.teacher or self.words(LABELS["teacher_not_recorded"]),
                        [self.course_cells(line) for line in block.groups],
                        self.tally_cells(self.subtotal(
                            block.teacher or self.words(LABELS["teacher_not_recorded"])),
                            block.subtotal, bold=True))
                  for block in report.teachers]
        table = grouped_table(header, blocks, COURSE_WIDTHS, self.st,
                              total=self.tally_cells(self.total(), report.total, bold=True))
        return [*story, Spacer(1, 2 * mm), table,
                self.footnotes(definitions["figures"], definitions["attendance_rate"])]

    def course_cells(self, line: CourseLine) -> list[Cell]:
        details = " · ".join(part for part in (line.language, line.level, line.office) if part)
        dates = (f"{format_date(line.starts_on, language=self.language)} – "
                 f"{format_date(line.ends_on, language=self.language)}")
        name = [para(line.group, self.st.cell), para(details, self.small.detail),
                para(dates, self.small.detail)]
        return [name, *self.tally_cells(None, line.figures)[1:]]

    def tally_cells(self, label: str | None, tally: CourseTally, *,
                    bold: bool = False) -> list[Cell]:
        right = self.st.cell_total_right if bold else self.st.cell_right
        attendance: Cell = percent(tally.attendance, self.language)
        if tally.marked:
            attendance = [para(attendance, right), para(self.words(LABELS["of_marks"]).format(
                present=self.n(tally.present), marked=self.n(tally.marked)),
                self.small.detail_right)]
        return [label or "", self.n(tally.participants), self.n(tally.enrolled),
                self.n(tally.completed), self.n(tally.dropped), self.n(tally.levels_gained),
                attendance]

    # --- placements ---

    def placements(self, report: PlacementReport) -> list[Flowable]:
        employers = len({line.employer for sector in report.sectors
                         for line in sector.employers})
        definitions = PROGRAMME_DEFINITIONS["placements"]
        story: list[Flowable] = [self.count_line(employer_count(
            self.language, report.total.placements, employers))]
        story += self.heading(LABELS["by_sector"])
        if report.sectors:
            header = self.columns(PLACEMENT_COLUMNS, {"placements": MARKS[0]})
            blocks = [Block(sector.label or sector.code,
                            [self.wage_cells(line.employer, line.figures)
                             for line in sector.employers],
                            self.wage_cells(self.subtotal(sector.label or sector.code),
                                            sector.subtotal))
                      for sector in report.sectors]
            story += [grouped_table(header, blocks, PLACEMENT_WIDTHS, self.st,
                                    total=self.wage_cells(self.total(), report.total)),
                      self.footnotes(definitions["wages"])]
        else:
            story.append(self.no_data())
        story += self.heading(LABELS["by_wage"])
        if report.total.placements:
            rows = [[band.label or band.code, self.n(band.placements),
                     percent(band.share, self.language)] for band in report.wage_bands]
            story.append(grouped_table(
                self.columns(BAND_COLUMNS), [Block(None, rows)], BAND_WIDTHS, self.st,
                total=[self.total(), self.n(report.total.placements), ""]))
        else:
            story.append(self.no_data())
        story += self.heading(LABELS["retention"])
        if report.retention:
            header = self.columns(RETENTION_COLUMNS, {"checked_3_months": MARKS[0],
                                                      "checked_6_months": MARKS[0]})
            rows = [self.retention_cells(line.employer, line) for line in report.retention]
            story += [grouped_table(header, [Block(None, rows)], RETENTION_WIDTHS, self.st,
                                    total=self.retention_cells(self.total(),
                                                               report.retention_total)),
                      self.footnotes(definitions["retention"])]
        else:
            story += [self.no_data(), self.footnotes(definitions["retention"])]
        return story

    def wage_cells(self, label: str, figures: WageFigures) -> list[Cell]:
        low, high = figures.lowest_wage, figures.highest_wage
        if low is None or high is None:
            spread = DASH
        elif low == high:
            spread = self.money(low)
        else:
            spread = f"{self.money(low)} –\n{self.money(high)}"
        return [label, self.n(figures.placements), self.money(figures.median_wage), spread]

    def retention_cells(self, label: str, line: RetentionLine) -> list[Cell]:
        return [label, self.n(line.checked_3_months), self.n(line.employed_3_months),
                self.n(line.checked_6_months), self.n(line.employed_6_months)]

    # --- social-service referrals ---

    def referrals(self, report: ReferralReport) -> list[Flowable]:
        providers = sum(1 for block in report.providers if block.provider)
        story: list[Flowable] = [self.count_line(provider_count(
            self.language, report.total.referred, providers))]
        if not report.providers:
            return [*story, self.no_data()]
        definitions = PROGRAMME_DEFINITIONS["referrals"]
        blocks = []
        ended = []
        for block in report.providers:
            name = block.provider or self.words(LABELS["provider_not_recorded"])
            title = f"{name} · {block.locality}" if block.locality else name
            blocks.append(Block(title, [self.made_cells(line.label or line.code, line.figures)
                                       for line in block.services],
                                self.made_cells(self.subtotal(name), block.subtotal)))
            ended.append(Block(title, [self.ended_cells(line.label or line.code, line.figures)
                                      for line in block.services],
                               self.ended_cells(self.subtotal(name), block.subtotal)))
        made = grouped_table(self.columns(MADE_COLUMNS, {"completion_rate": MARKS[0]}), blocks,
                             MADE_WIDTHS, self.st,
                             total=self.made_cells(self.total(), report.total))
        closed = grouped_table(self.columns(ENDED_COLUMNS, {"completed": MARKS[0]}), ended,
                               ENDED_WIDTHS, self.st,
                               total=self.ended_cells(self.total(), report.total))
        return [*story, *self.heading(LABELS["referrals_made"]), made,
                self.footnotes(definitions["completion_rate"]),
                *self.heading(LABELS["referrals_ended"]), closed,
                self.footnotes(definitions["completed"])]

    def made_cells(self, label: str, tally: ReferralTally) -> list[Cell]:
        return [label, self.n(tally.referred), self.n(tally.completed_in_time),
                percent(tally.completion_rate, self.language)]

    def ended_cells(self, label: str, tally: ReferralTally) -> list[Cell]:
        return [label, self.n(tally.completed), self.n(tally.refused),
                self.n(tally.no_response), self.money(tally.amount_paid)]
