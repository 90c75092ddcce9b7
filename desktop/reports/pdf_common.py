"""What every Qadam PDF shares: fonts, page, letterhead, footer, tables, safe saving.

Only reportlab and babel: the writers render figure objects and never touch the
database or Qt, so they run the same from the window, the command line and tests.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any, BinaryIO

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from db.reports.figures import Approval, Letterhead
from desktop.i18n import N_, format_date, format_number
from desktop.paths import RESOURCES
from desktop.reports.labels import APPROVAL_LABELS, FIGURE_LABELS, Words
from desktop.reports.pdf_scripts import markup

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONTS_DIR = RESOURCES / "fonts"

PAGE_SIZE = A4
MARGIN_SIDE = 18 * mm
MARGIN_TOP = 16 * mm
# Room under the text for the footer rule and its line of small print.
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_SIDE
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

DASH = "—"  # printed for a figure that does not exist (None), never as a zero

INK = colors.HexColor("#1d2b36")
MUTED = colors.HexColor("#5b6770")
ACCENT = colors.HexColor("#1f5f74")
RULE = colors.HexColor("#b8c4cc")
ZEBRA = colors.HexColor("#eef3f6")
WARNING = colors.HexColor("#a33a12")  # the notice of a period not over yet


@cache
def register_fonts() -> None:
    """DejaVu Sans has every Kazakh letter; reportlab embeds the subset actually used."""
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS_DIR / "DejaVuSans-Bold.ttf")))
    # Lets <b> inside a Paragraph pick the bold face instead of a Type 1 fallback.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)


# --- Formats ------------------------------------------------------------------


def number(value: float | None, language: str) -> str:
    return DASH if value is None else format_number(value, language)


def percent(share: float | None, language: str) -> str:
    """A share (0.874) as the locale writes a percentage, with one decimal: "87,4 %"."""
    if share is None:
        return DASH
    # The locale's own pattern keeps its spacing ("87,4 %" in ru, "87,4%" in kk).
    pattern = Locale.parse(language).percent_formats[None].pattern.replace("#,##0", "#,##0.0", 1)
    return babel_numbers.format_percent(share, pattern, locale=language)


def signed(value: float | None, language: str) -> str:
    """A change with its sign, using a true minus: "+3", "−2", "0"."""
    if value is None:
        return DASH
    text = format_number(abs(value), language)
    if value > 0:
        return "+" + text
    return "−" + text if value < 0 else text


def date_time(value: datetime | None, language: str, date_format: str = "long") -> str:
    """Date and time without seconds or time zone, glued as the locale glues them."""
    if value is None:
        return DASH
    glue = Locale.parse(language).datetime_formats["medium"]
    glue = getattr(glue, "pattern", glue)
    time = babel_dates.format_time(value, "short", locale=language)
    return glue.replace("{1}", format_date(value, date_format, language)).replace("{0}", time)


# --- Styles -------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    letterhead_name: ParagraphStyle
    letterhead_line: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    cell_total: ParagraphStyle
    cell_total_right: ParagraphStyle


@cache
def styles(scale: float = 1.0) -> Styles:
    """Paragraph styles in DejaVu; ``scale`` shrinks them all to fit a one-page form."""
    register_fonts()

    def style(name: str, size: float, font: str = FONT, **extra: object) -> ParagraphStyle:
        size *= scale
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.28,
                              textColor=extra.pop("textColor", INK), **extra)

    cell = style("cell", 8.5)
    head = style("cell_head", 8.5, FONT_BOLD, textColor=colors.white)
    total = style("cell_total", 8.5, FONT_BOLD)
    return Styles(
        body=style("body", 9.5, spaceAfter=3 * scale),
        small=style("small", 8, textColor=MUTED),
        title=style("title", 17, FONT_BOLD, textColor=ACCENT, spaceBefore=4 * scale,
                    spaceAfter=2 * scale),
        subtitle=style("subtitle", 11.5, FONT_BOLD, spaceAfter=6 * scale),
        heading=style("heading", 13, FONT_BOLD, textColor=ACCENT, spaceBefore=12 * scale,
                      spaceAfter=5 * scale),
        subheading=style("subheading", 10, FONT_BOLD, spaceBefore=7 * scale,
                         spaceAfter=3 * scale),
        letterhead_name=style("letterhead_name", 12.5, FONT_BOLD, textColor=ACCENT),
        letterhead_line=style("letterhead_line", 8.5, textColor=MUTED),
        label=style("label", 8.5, FONT_BOLD, textColor=MUTED),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head_left", head, alignment=TA_LEFT),
        cell_head_right=ParagraphStyle("cell_head_right", head, alignment=TA_RIGHT),
        cell_total=total,
        cell_total_right=ParagraphStyle("cell_total_right", total, alignment=TA_RIGHT),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: markup characters are escaped, line breaks kept, letters
    DejaVu lacks (a name in Hanzi) set in a font that has them."""
    text, style, frags = _parsed(markup(text).replace("\n", "<br/>"), style)
    # Fragments of its own: reportlab may mark those of the paragraph it lays out.
    return _Paragraph(text, style, frags=[frag.clone() for frag in frags])


@lru_cache(maxsize=8192)
def _parsed(source: str, style: ParagraphStyle) -> tuple[str, ParagraphStyle, tuple[Any, ...]]:
    """What reportlab's markup parser makes of ``source``: the text, the style and the
    fragments a Paragraph of them holds. A long table repeats most of its cells' texts
    (counts, office codes, teachers), and parsing is most of the time its paragraphs take
    to build."""
    parsed = Paragraph(source, style)
    return parsed.text, parsed.style, tuple(parsed.frags)


class _Paragraph(Paragraph):
    """A paragraph that keeps its lines for the width it was last wrapped to.

    A table wraps every cell again on each page it is split over, and once more to draw
    it; a paragraph's lines depend on the width alone, so breaking them once is enough.
    """

    _wrapped: tuple[float, float, float] | None = None  # width asked, width and height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        last = self._wrapped
        if last is not None and last[0] == availWidth:
            return last[1], last[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._wrapped = None  # reportlab's split wraps and re-lays the lines itself
        return super().split(availWidth, availHeight)


def client_names(name: str, latin: str, original: str, st: Styles) -> list[Flowable]:
    """A client's name as written here, then as in the passport and in their own script."""
    return [para(name or DASH, st.body),
            *(para(other, st.small) for other in (latin, original) if other)]


# --- Page furniture -----------------------------------------------------------


def letterhead(head: Letterhead, st: Styles) -> list[Flowable]:
    """The center's name, then the office's (for a document of one office) with its
    address and phone, above the first page's title."""
    story: list[Flowable] = []
    if head.name:
        story.append(para(head.name, st.letterhead_name))
    contact = "   ·   ".join(part for part in (head.office, head.address, head.phone) if part)
    if contact:
        story.append(para(contact, st.letterhead_line))
    story += [Spacer(1, 2 * mm), HRFlowable(width="100%", thickness=0.8, color=ACCENT,
                                           spaceAfter=4 * mm)]
    return story


@dataclass
class Footer:
    """The small print at the foot of every page; ``pages`` is known after the build.

    ``notice``, when given, stands at the head of every page too: a report of a period not
    over yet says so on each sheet, whichever one is read alone.
    """

    words: Words
    generated: str
    pages: int = 0
    notice: str = ""

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        y = MARGIN_BOTTOM - 9 * mm
        canvas.saveState()
        if self.notice:
            top = PAGE_SIZE[1] - MARGIN_TOP + 5 * mm
            canvas.setFont(FONT_BOLD, 8)
            canvas.setFillColor(WARNING)
            canvas.drawRightString(PAGE_SIZE[0] - MARGIN_SIDE, top,
                                   _fit(self.notice, FONT_BOLD, 8, CONTENT_WIDTH))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_SIDE, y + 3.6 * mm, PAGE_SIZE[0] - MARGIN_SIDE, y + 3.6 * mm)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        numbering = self.words(FIGURE_LABELS["page"]).format(
            page=format_number(page, self.words.language),
            pages=format_number(pages, self.words.language))
        right = PAGE_SIZE[0] - MARGIN_SIDE
        canvas.drawRightString(right, y, numbering)
        room = CONTENT_WIDTH - pdfmetrics.stringWidth(numbering, FONT, 7.5) - 6 * mm
        canvas.drawString(MARGIN_SIDE, y, _fit(self.generated, FONT, 7.5, room))
        canvas.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class NumberedCanvas(Canvas):
    """Holds every page back until the end, so each footer can say "of N".

    reportlab's two-pass technique: ``showPage`` only records the page's state;
    ``save`` replays the pages, drawing the footer once the total is known.
    """

    def __init__(self, *args: object, footer: Footer, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._held: list[dict[str, object]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        self._footer.pages = total
        for number_, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._footer.draw(self, number_, total)
            super().showPage()
        super().save()


def generated_line(words: Words, when: datetime, who: str) -> str:
    return words(FIGURE_LABELS["generated"]).format(
        when=date_time(when, words.language), who=who)


def build(stream: BinaryIO, story: list[Flowable], footer: Footer, *, title: str,
          author: str) -> int:
    """Lays the story out on A4 pages into ``stream``; returns the number of pages."""
    register_fonts()
    document = BaseDocTemplate(
        stream, pagesize=PAGE_SIZE, leftMargin=MARGIN_SIDE, rightMargin=MARGIN_SIDE,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author=author,
        creator="Qadam", lang=footer.words.language, initialFontName=FONT)
    # No frame padding: tables of CONTENT_WIDTH then line up with the footer's rule.
    frame = Frame(MARGIN_SIDE, MARGIN_BOTTOM, CONTENT_WIDTH, FRAME_HEIGHT, leftPadding=0,
                  rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate("page", frames=[frame])])
    document.build(story, canvasmaker=partial(NumberedCanvas, footer=footer))
    return footer.pages


# --- Tables -------------------------------------------------------------------


Cell = str | Flowable | list[Flowable]  # a list: paragraphs stacked in one cell
# Cells hold paragraphs, but a table still sets its cells' font, Helvetica unless told:
# naming DejaVu keeps a font that is not embedded out of the PDF.
TABLE_FONT = (("FONTNAME", (0, 0), (-1, -1), FONT),)


def data_table(header: Sequence[str], rows: Sequence[Sequence[Cell]], widths: Sequence[float],
               st: Styles, *, text_columns: int = 1,
               total: Sequence[Cell] | None = None) -> Table:
    """A table that breaks across pages, repeating its header row on each.

    The first ``text_columns`` columns hold words; the rest hold numbers and are
    right-aligned so digits line up. ``total`` is a bold last row under a rule.
    """

    def row(values: Sequence[Cell], left: ParagraphStyle, right: ParagraphStyle) -> list[Cell]:
        return [value if isinstance(value, Flowable | list)
                else para(value, left if index < text_columns else right)
                for index, value in enumerate(values)]

    widths = _unbroken(header, widths, text_columns, st.cell_head)
    data = [row(header, st.cell_head, st.cell_head_right)]
    data += [row(values, st.cell, st.cell_right) for values in rows]
    commands: list[tuple[object, ...]] = [
        *TABLE_FONT,
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.2),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
    ]
    if rows:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, len(rows)), [colors.white, ZEBRA]))
    if total is not None:
        data.append(row(total, st.cell_total, st.cell_total_right))
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.9, INK))
    commands += kept_together(len(data))
    table = _Table(data, colWidths=list(widths), repeatRows=1, style=TableStyle(commands),
                   hAlign="LEFT")
    table.head_rows = len(data) if len(data) <= KEEP_HEAD + KEEP_TAIL else KEEP_HEAD
    return table


class _Table(Table):
    """A table whose rows kept together cost as little as the rows themselves.

    reportlab maps every cell of a table with a NOSPLIT command to its range, on each
    layout of it (every page a long table is split over): tens of thousands of cells,
    again and again, for the few rows ``kept_together`` names. Only the cells in a range
    are ever looked up (``_rowNoSplitCells``), so only they are mapped; any other cell
    still answers as a range of its own.
    """

    def _calcNoSplitRanges(self) -> None:
        ranges = _OwnRange()
        columns: list[tuple[int, int]] = []
        rows: list[tuple[int, int]] = []
        for _command, start, stop in self._nosplitCmds:
            x0, y0 = start
            x1, y1 = stop
            # Counted from the end when negative, as reportlab does.
            x0, x1 = (x + self._ncols if x < 0 else x for x in (x0, x1))
            y0, y1 = (y + self._nrows if y < 0 else y for y in (y0, y1))
            x0, x1 = min(x0, x1), max(x0, x1)
            y0, y1 = min(y0, y1), max(y0, y1)
            if x0 == x1 and y0 == y1:
                continue
            cells = [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]
            if x0 != x1:
                columns += cells
            if y0 != y1:
                rows += cells
            for cell in cells:
                ranges[cell] = None
            ranges[x0, y0] = (x0, y0, x1, y1)
        self._nosplitRanges = ranges
        self._colNoSplitCells = columns
        self._rowNoSplitCells = rows


class _OwnRange(dict[tuple[int, int], tuple[int, int, int, int] | None]):
    """Cells mapped to their no-split range; a cell in none is a range of its own."""

    def __missing__(self, cell: tuple[int, int]) -> tuple[int, int, int, int]:
        x, y = cell
        return (x, y, x, y)


class Lead(CondPageBreak):
    """A new page unless what follows can begin on this one: the headings after it, with
    the header and first rows of their table (those it keeps together), or the whole of a
    block kept together (a chart with its caption). ``link_leads`` tells it what follows."""

    def __init__(self, minimum: float = 20 * mm) -> None:
        super().__init__(minimum)
        self.minimum = minimum
        self.followers: list[Flowable] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        canvas = self.canv  # set by the frame, as for every flowable it wraps
        needed = sum(_first_room(flowable, canvas, availWidth) for flowable in self.followers)
        # Never more than a page holds, or every page would break before it.
        self.height = min(max(self.minimum, needed), FRAME_HEIGHT * 0.9)
        return super().wrap(availWidth, availHeight)


def _first_room(flowable: Flowable, canvas: Canvas, width: float) -> float:
    """The height of what must stand on the page where ``flowable`` begins."""
    if isinstance(flowable, Table):
        flowable.wrapOn(canvas, width, FRAME_HEIGHT)
        rows = getattr(flowable, "head_rows", len(flowable._rowHeights))
        return float(sum(flowable._rowHeights[:rows]))
    height = flowable.wrapOn(canvas, width, FRAME_HEIGHT)[1]
    if isinstance(flowable, KeepTogether):
        height = flowable._H  # its wrap answers "more than any frame", to be split
    return float(height + flowable.getSpaceBefore() + flowable.getSpaceAfter())


def is_heading(flowable: Flowable, st: Styles) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style in (st.heading, st.subheading)


def link_leads(story: Sequence[Flowable], st: Styles) -> None:
    """Tell each ``Lead`` what follows it: the headings, and the first thing under them."""
    for index, item in enumerate(story):
        if not isinstance(item, Lead):
            continue
        item.followers = []
        for following in story[index + 1:]:
            if isinstance(following, Lead):
                continue
            item.followers.append(following)
            if not is_heading(following, st):
                break


CELL_PADDING = 8  # points, left and right, as data_table sets them
MIN_TEXT_WIDTH = 40 * mm  # what a table's first column keeps for its words


def _unbroken(header: Sequence[Cell], widths: Sequence[float], text_columns: int,
              style: ParagraphStyle) -> list[float]:
    """``widths`` with each figures' column as wide as its heading's longest word needs
    (which differs by language: «Изменение», «Закрытые»), taken from the first column."""
    widths = list(widths)
    for index, title in enumerate(header):
        if index < text_columns or not isinstance(title, str) or index >= len(widths):
            continue
        longest = max((pdfmetrics.stringWidth(word, style.fontName, style.fontSize)
                       for word in title.split()), default=0.0)
        extra = longest + CELL_PADDING + 0.5 - widths[index]
        room = widths[0] - MIN_TEXT_WIDTH
        if extra > 0 and room > 0:
            extra = min(extra, room)
            widths[index] += extra
            widths[0] -= extra
    return widths


# Rows a table keeps together where it breaks across pages: its header with the first rows
# under it (no header alone at a page's foot), its last rows with the total (no total, or
# a row or two, alone at the top of the next page).
KEEP_HEAD, KEEP_TAIL = 3, 3


def kept_together(rows: int) -> list[tuple[object, ...]]:
    """NOSPLIT commands for a table of ``rows`` rows, its header the first."""
    if rows <= KEEP_HEAD + KEEP_TAIL:
        return [("NOSPLIT", (0, 0), (-1, -1))]
    return [("NOSPLIT", (0, 0), (-1, KEEP_HEAD - 1)),
            ("NOSPLIT", (0, rows - KEEP_TAIL), (-1, rows - 1))]


# --- Forms handed to a client --------------------------------------------------


SIGNATURE_LABELS = {
    "client_signature": N_("Signature of the client"),
    "caseworker_signature": N_("Signature of the caseworker"),
    "date": N_("Date"),
}


def details_table(rows: Sequence[Sequence[object]], st: Styles, *,
                  width: float = CONTENT_WIDTH, label_width: float = 27 * mm) -> Table:
    """Label and value pairs, two to a row, across ``width``."""
    value_width = width / 2 - label_width
    data = [[para(cell, st.label) if index % 2 == 0 else
             (para(cell, st.body) if isinstance(cell, str) else cell)
             for index, cell in enumerate(row)] for row in rows]
    table = Table(data, colWidths=[label_width, value_width] * 2, hAlign="LEFT")
    table.setStyle(TableStyle([
        *TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def signatures(words: Words, client: str, caseworker: str, st: Styles) -> Flowable:
    """Two signature lines, the client's and the caseworker's, each with the signer's name
    and a line for the date."""
    date_line = f"{words(SIGNATURE_LABELS['date'])}:  ____________________"
    column = (CONTENT_WIDTH - 16 * mm) / 2
    data = [
        ["", "", ""],
        [para(words(SIGNATURE_LABELS["client_signature"]), st.label), "",
         para(words(SIGNATURE_LABELS["caseworker_signature"]), st.label)],
        [para(client, st.small), "", para(caseworker, st.small)],
        [para(date_line, st.body), "", para(date_line, st.body)],
    ]
    table = Table(data, colWidths=[column, 16 * mm, column], rowHeights=[12 * mm, None, None,
                                                                         None], hAlign="LEFT")
    table.setStyle(TableStyle([
        *TABLE_FONT,
        # The line to sign on is the top border of the caption.
        ("LINEABOVE", (0, 1), (0, 1), 0.8, INK),
        ("LINEABOVE", (2, 1), (2, 1), 0.8, INK),
        ("TOPPADDING", (0, 3), (-1, 3), 9),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.black),
    ]))
    return KeepTogether([table])


def approval_block(words: Words, approval: Approval, center: str, prepared_by: str,
                   st: Styles) -> Flowable:
    """The last page's block: who prepared the report, with a line to sign; and the
    director's approval — position, name, signature and date lines, the seal's place."""
    labels = {key: words(text) for key, text in APPROVAL_LABELS.items()}
    line = "_" * 22
    column = (CONTENT_WIDTH - 14 * mm) / 2
    position = approval.position.strip() or labels["director"]
    left = [para(labels["prepared_by"], st.label), para(prepared_by or DASH, st.body),
            Spacer(1, 7 * mm), para(f"{line}  ({labels['signature']})", st.small)]
    right = [para(labels["approved"].upper(), st.subheading),
             para(position, st.body),
             *([para(center, st.small)] if center else []),
             Spacer(1, 7 * mm),
             para(f"{line}  {approval.name.strip()}".rstrip(), st.body),
             para(f"({labels['signature']})", st.small),
             Spacer(1, 3 * mm),
             para(f"{labels['date']}:  {line}", st.body),
             Spacer(1, 3 * mm),
             para(labels["seal"], st.label)]
    table = Table([[left, "", right]], colWidths=[column, 14 * mm, column], hAlign="LEFT")
    table.setStyle(TableStyle([*TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 10 * mm), table])


# --- Saving -------------------------------------------------------------------


def save(target: Path | BinaryIO, render: Callable[[BinaryIO], object]) -> None:
    """Renders into ``target``: a stream directly, a path all at once or not at all.

    A path gets a hidden file beside it, renamed over the target only when the
    PDF is complete, so a failure never leaves half a report (nor an old one
    half overwritten). The file is opened with mode 0o666 so the user's umask
    decides its permissions, as for any file they save.
    """
    if not isinstance(target, str | os.PathLike):
        render(target)
        return
    path = Path(target)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            render(stream)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
