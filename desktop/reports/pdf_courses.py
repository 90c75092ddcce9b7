"""A course group's printed documents: what they share (their words, their pages) and a
session's attendance sheet (A4 portrait). The month's register is in
``pdf_course_register``, the certificate in ``pdf_certificate``.

Every word is in the document's language, which may differ from the UI's. The marks'
names and one-letter abbreviations carry a gettext context: "P" alone would tell a
translator nothing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import partial
from pathlib import Path
from typing import BinaryIO

from babel import dates as babel_dates
from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from db.reports.courses import (
    ABSENT,
    EXCUSED,
    PRESENT,
    AttendanceSheet,
    CourseHeading,
)
from desktop.i18n import N_, format_date, format_number, format_percent
from desktop.reports.labels import FIGURE_LABELS, Words
from desktop.reports.pdf_common import (
    ACCENT,
    CONTENT_WIDTH,
    DASH,
    FONT,
    INK,
    MARGIN_BOTTOM,
    MARGIN_SIDE,
    MARGIN_TOP,
    MUTED,
    PAGE_SIZE,
    RULE,
    TABLE_FONT,
    Footer,
    NumberedCanvas,
    Styles,
    build,
    data_table,
    date_time,
    details_table,
    letterhead,
    para,
    register_fonts,
    save,
    styles,
)

LABELS = {
    "sheet_title": N_("Attendance sheet"),
    "register_title": N_("Attendance register"),
    "course": N_("Course"),
    "level": N_("Level"),
    "office": N_("Office"),
    "teacher": N_("Teacher"),
    "place": N_("Place"),
    "date": N_("Date"),
    "time": N_("Time"),
    "topic": N_("Topic"),
    "dates": N_("Dates"),
    "number": N_("No."),
    "participant": N_("Participant"),
    "signature": N_("Signature"),
    "mark": N_("Mark"),
    "rate": N_("Rate"),
    "rate_percent": N_("Rate, %"),
    "present_count": N_("Present"),
    "moved_from": N_("moved from {date}"),
    "cancelled_session": N_("This session was cancelled."),
    "no_participants": N_("No participants were in the group on this day."),
    "no_sessions": N_("The group has no sessions in this month."),
    "teacher_signature": N_("Signature of the teacher"),
    "director_signature": N_("Signature of the director"),
    "printed": N_("Printed on {date}"),
    "printed_line": N_("Printed {when}"),
    "dropped_on": N_("dropped out on {date}"),
    "completed_on": N_("completed on {date}"),
    "legend_cancelled": N_("session cancelled"),
    "legend_moved": N_("session moved from another day"),
    "legend_left": N_("no longer in the group"),
    "legend_empty": N_("empty — not marked"),
    "sessions_count": N_("Sessions: {count}"),
    "cancelled_count": N_("cancelled: {count}"),
    "legend_rate": N_("Rate: present ÷ (present + absent); excused absences are not "
                      "counted."),
    "certificate": N_("Certificate"),
    "certificate_of": N_("of completion of a language course"),
    "certificate_number": N_("No. {number}"),
    "awarded_to": N_("This certificate is awarded to"),
    "for_completing": N_("for completing the course"),
    "from_to": N_("{first} – {last}"),
    "attended": N_("Sessions attended"),
    "level_reached": N_("Level reached"),
    "issued": N_("Issued on {date}"),
}
# Scales tried in turn until the certificate fits its one page.
SCALES = (1.0, 0.9, 0.8, 0.7)
LANDSCAPE = landscape(PAGE_SIZE)
WIDE_WIDTH = LANDSCAPE[0] - 2 * MARGIN_SIDE
SHADE = colors.HexColor("#d5dde2")  # a cancelled session's column
HATCH = colors.HexColor("#e6e6e6")  # a cell after the participant left
NBSP = "\u00a0"


class DocumentWords(Words):
    """The document's words, with the contexts and plurals the course documents need."""

    def __init__(self, language: str) -> None:
        super().__init__(language)
        catalogue = self._catalogue
        self.marks = {
            PRESENT: catalogue.pgettext("attendance mark", "Present"),
            ABSENT: catalogue.pgettext("attendance mark", "Absent"),
            EXCUSED: catalogue.pgettext("attendance mark", "Excused"),
        }
        self.letters = {
            PRESENT: catalogue.pgettext("attendance mark, one letter for Present", "P"),
            ABSENT: catalogue.pgettext("attendance mark, one letter for Absent", "A"),
            EXCUSED: catalogue.pgettext("attendance mark, one letter for Excused", "E"),
        }

    def label(self, key: str) -> str:
        return self(LABELS[key])

    def day(self, value: date | None, form: str = "long") -> str:
        return format_date(value, form, self.language) if value is not None else DASH

    def sessions_attended(self, attended: int, held: int) -> str:
        return self._catalogue.ngettext("{attended} of {held} session",
                                        "{attended} of {held} sessions", held).format(
            attended=format_number(attended, self.language),
            held=format_number(held, self.language))

    def percent(self, share: float | None) -> str:
        return DASH if share is None else format_percent(share, self.language)


def printed_line(words: DocumentWords, when: datetime | None, who: str) -> str:
    if when is None:
        return ""
    if who:
        return words(FIGURE_LABELS["generated"]).format(when=date_time(when, words.language),
                                                         who=who)
    return words.label("printed_line").format(when=date_time(when, words.language))


def hours(start: time | None, end: time | None, language: str) -> str:
    if start is None or end is None:
        return DASH
    return "–".join(babel_dates.format_time(t, "short", locale=language) for t in (start, end))


def course_line(heading: CourseHeading) -> str:
    return " — ".join(part for part in (heading.course, heading.language_taught) if part)


# ---- pages ---------------------------------------------------------------------------------


@dataclass
class WideFooter(Footer):
    """The shared footer, laid out on whatever page size the canvas has."""

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        width = canvas._pagesize[0]  # reportlab keeps the page size only here
        y = MARGIN_BOTTOM - 9 * mm
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_SIDE, y + 3.6 * mm, width - MARGIN_SIDE, y + 3.6 * mm)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        numbering = self.words(FIGURE_LABELS["page"]).format(
            page=format_number(page, self.words.language),
            pages=format_number(pages, self.words.language))
        canvas.drawRightString(width - MARGIN_SIDE, y, numbering)
        canvas.drawString(MARGIN_SIDE, y, self.generated)
        canvas.restoreState()


@dataclass
class CertificateFrame(Footer):
    """A certificate has no page numbers: a double border instead."""

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(2.2)
        canvas.rect(9 * mm, 9 * mm, width - 18 * mm, height - 18 * mm)
        canvas.setLineWidth(0.6)
        canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        canvas.restoreState()


def build_wide(stream: BinaryIO, story: list[Flowable], footer: Footer, *, title: str,
               author: str) -> int:
    """``pdf_common.build`` on a landscape page; returns the number of pages."""
    register_fonts()
    document = BaseDocTemplate(
        stream, pagesize=LANDSCAPE, leftMargin=MARGIN_SIDE, rightMargin=MARGIN_SIDE,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, author=author,
        creator="Qadam", lang=footer.words.language, initialFontName=FONT)
    frame = Frame(MARGIN_SIDE, MARGIN_BOTTOM, WIDE_WIDTH, LANDSCAPE[1] - MARGIN_TOP
                  - MARGIN_BOTTOM, leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    document.addPageTemplates([PageTemplate("page", frames=[frame])])
    document.build(story, canvasmaker=partial(NumberedCanvas, footer=footer))
    return footer.pages


def signature_block(caption: str, name: str, width: float, st: Styles) -> Table:
    """A line to sign on, the caption under it and the signer's name under that."""
    table = Table([[""], [para(caption, st.label)], [para(name or " ", st.small)]],
                  colWidths=[width], rowHeights=[11 * mm, None, None], hAlign="LEFT")
    table.setStyle(TableStyle([*TABLE_FONT, ("LINEABOVE", (0, 1), (0, 1), 0.8, INK),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


# ---- the attendance sheet -----------------------------------------------------------------


def write_attendance_sheet_pdf(sheet: AttendanceSheet, target: Path | BinaryIO) -> None:
    """Writes the sheet to a file path (all or nothing) or into a binary stream."""
    words = DocumentWords(sheet.language)
    buffer = io.BytesIO()
    footer = Footer(words, printed_line(words, sheet.printed_at, sheet.printed_by))
    build(buffer, _sheet_story(sheet, words, styles()), footer,
          title=f"{words.label('sheet_title')} — {sheet.heading.group_name} — "
                f"{words.day(sheet.held_on, 'medium')}", author=sheet.printed_by)
    save(target, lambda stream: stream.write(buffer.getvalue()))


def course_details(heading: CourseHeading, words: DocumentWords,
                   extra: Sequence[tuple[str, str]], st: Styles, *,
                   width: float = CONTENT_WIDTH) -> Table:
    """The group's facts as label and value pairs, two pairs to a row."""
    pairs = [(words.label("course"), course_line(heading)),
             (words.label("level"), heading.level or DASH),
             (words.label("office"), heading.office_name),
             (words.label("teacher"), heading.teacher or DASH),
             (words.label("place"), heading.place or DASH), *extra]
    pairs += [("", "")] * (len(pairs) % 2)
    rows = [[text for pair in pairs[start:start + 2] for text in pair]
            for start in range(0, len(pairs), 2)]
    # "Преподаватель" in bold, unbroken: the course documents' longest label.
    return details_table(rows, st, width=width, label_width=32 * mm)


def _sheet_story(sheet: AttendanceSheet, words: DocumentWords, st: Styles) -> list[Flowable]:
    heading = sheet.heading
    day = words.day(sheet.held_on, "full")
    if sheet.moved_from is not None:
        day += f" ({words.label('moved_from').format(date=words.day(sheet.moved_from))})"
    story: list[Flowable] = [
        *letterhead(heading.letterhead, st),
        para(words.label("sheet_title"), st.title),
        para(heading.group_name, st.subtitle),
        course_details(heading, words, [
            (words.label("date"), day),
            (words.label("time"), hours(heading.starts_at, heading.ends_at, sheet.language)),
            (words.label("topic"), sheet.topic or DASH)], st),
        Spacer(1, 4 * mm),
    ]
    if sheet.cancelled:
        story.append(para(words.label("cancelled_session"), st.subheading))
    if not sheet.lines:
        story.append(para(words.label("no_participants"), st.body))
    else:
        widths = [10 * mm, 70 * mm, CONTENT_WIDTH - 112 * mm, 32 * mm]
        table = data_table(
            [words.label("number"), words.label("participant"), words.label("signature"),
             words.label("mark")],
            [[format_number(number, sheet.language), line.name, "",
              words.marks[line.mark] if line.mark else ""]
             for number, line in enumerate(sheet.lines, start=1)],
            widths, st, text_columns=4)
        # Room to sign in, and the lines to sign between.
        table.setStyle(TableStyle([("TOPPADDING", (0, 1), (-1, -1), 6.5),
                                   ("BOTTOMPADDING", (0, 1), (-1, -1), 6.5),
                                   ("GRID", (0, 0), (-1, -1), 0.4, RULE)]))
        story.append(table)
    column = (CONTENT_WIDTH - 16 * mm) / 2
    printed = words.label("printed").format(
        date=words.day(sheet.printed_at.date() if sheet.printed_at else None))
    signature = Table([[signature_block(words.label("teacher_signature"), heading.teacher, column,
                                   st), "", para(printed, st.body)]],
                      colWidths=[column, 16 * mm, column], hAlign="LEFT")
    signature.setStyle(TableStyle([*TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [Spacer(1, 8 * mm), KeepTogether([signature])]
    return story
