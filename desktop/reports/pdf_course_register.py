"""A course group's attendance register for one month (A4 landscape): participants ×
the month's sessions, with each one's rate and each session's."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from babel import dates as babel_dates
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from db.reports.courses import (
    ABSENT,
    EXCUSED,
    PRESENT,
    MonthRegister,
    RegisterRow,
    Tally,
)
from desktop.i18n import format_number, format_percent
from desktop.reports.pdf_common import (
    ACCENT,
    DASH,
    FONT,
    FONT_BOLD,
    INK,
    RULE,
    TABLE_FONT,
    ZEBRA,
    Styles,
    letterhead,
    para,
    save,
    styles,
)
from desktop.reports.pdf_courses import (
    HATCH,
    NBSP,
    SHADE,
    WIDE_WIDTH,
    DocumentWords,
    WideFooter,
    build_wide,
    course_details,
    hours,
    printed_line,
)


def write_month_register_pdf(register: MonthRegister, target: Path | BinaryIO) -> None:
    """Writes the register to a file path (all or nothing) or into a binary stream."""
    words = DocumentWords(register.language)
    buffer = io.BytesIO()
    footer = WideFooter(words, printed_line(words, register.printed_at, register.printed_by))
    build_wide(buffer, _register_story(register, words), footer,
               title=f"{words.label('register_title')} — {register.heading.group_name} — "
                     f"{words.month(register.month)}", author=register.printed_by)
    save(target, lambda stream: stream.write(buffer.getvalue()))


def _register_scale(sessions: int) -> float:
    """Smaller type as the month holds more sessions, so that every day fits across."""
    return 1.0 if sessions <= 14 else 0.88 if sessions <= 20 else 0.76


def _register_story(register: MonthRegister, words: DocumentWords) -> list[Flowable]:
    heading = register.heading
    st = styles(_register_scale(len(register.days)))
    period = words.label("from_to").format(first=words.day(heading.starts_on, "medium"),
                                           last=words.day(heading.ends_on, "medium"))
    story: list[Flowable] = [
        *letterhead(heading.letterhead, st),
        para(words.label("register_title"), st.title),
        para(f"{heading.group_name} — {words.month(register.month)}", st.subtitle),
        course_details(heading, words, [
            (words.label("time"), hours(heading.starts_at, heading.ends_at,
                                         register.language)),
            (words.label("dates"), period)], st, width=WIDE_WIDTH),
        Spacer(1, 4 * mm),
    ]
    if not register.days:
        return [*story, para(words.label("no_sessions"), st.body)]
    story += [register_table(register, words, st), Spacer(1, 3 * mm),
              Paragraph(_legend(register, words), st.small), Spacer(1, 1.5 * mm),
              para(words.label("legend_rate"), st.small), Spacer(1, 2 * mm),
              para(_totals(register, words), st.body)]
    return story


def register_table(register: MonthRegister, words: DocumentWords, st: Styles) -> Table:
    days = register.days
    count = len(days)
    number_width, rate_width = 9 * mm, 16 * mm
    name_width = 62 * mm if count <= 20 else 50 * mm
    day_width = min(12 * mm, (WIDE_WIDTH - number_width - rate_width - name_width) / count)
    size = st.cell.fontSize
    # A percentage wider than a day's column prints as a bare number under "Rate, %".
    whole = pdfmetrics.stringWidth(format_percent(1.0, register.language), FONT, size)
    bare = whole > day_width - 3
    head = ParagraphStyle("register_head", st.cell_head, alignment=TA_CENTER,
                          leading=size * 1.15)
    # A cancelled day's header is dark on its column's shade: a strike on white would not show.
    struck = ParagraphStyle("register_head_cancelled", head, textColor=INK, strikeWidth=0.8)
    first = [para(words.label("number"), st.cell_head), para(words.label("participant"),
                                                             st.cell_head)]
    for day in days:
        text = escape(format_number(day.held_on.day, register.language))
        if day.cancelled:
            text = f"<strike>{text}</strike>"
        if day.moved_from is not None:
            text += "*"
        weekday = escape(babel_dates.format_date(day.held_on, "EEEEEE",
                                                 locale=register.language))
        first.append(Paragraph(f"{text}<br/>{weekday}", struck if day.cancelled else head))
    first.append(para(words.label("rate"), st.cell_head_right))
    data: list[list[object]] = [first]
    for number, row in enumerate(register.rows, start=1):
        data.append([format_number(number, register.language), _name_cell(row, words, st),
                     *(words.letters[m] if m else "" for m in row.marks),
                     words.percent(row.tally.rate)])
    present = [register.day_tally(i) for i in range(count)]
    data.append(["", para(words.label("present_count"), st.cell_total),
                 *("" if d.cancelled or t == Tally() else format_number(t.present,
                                                                         register.language)
                   for d, t in zip(days, present, strict=True)), ""])
    rates = ["" if d.cancelled else _share(t.rate, bare, words)
             for d, t in zip(days, present, strict=True)]
    data.append(["", para(words.label("rate_percent" if bare else "rate"), st.cell_total),
                 *rates, words.percent(register.total.rate)])
    last = len(data) - 1
    commands: list[tuple[object, ...]] = [
        *TABLE_FONT,
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), size * 1.2),
        ("FONTNAME", (0, last - 1), (-1, last), FONT_BOLD),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
        ("ALIGN", (-1, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 1), (0, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (2, 0), (-2, -1), 1),
        ("RIGHTPADDING", (2, 0), (-2, -1), 1),
        ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("LINEABOVE", (0, last - 1), (-1, last - 1), 0.9, INK),
    ]
    if register.rows:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, last - 2), [colors.white, ZEBRA]))
    for column, day in enumerate(days, start=2):
        if day.cancelled:
            commands.append(("BACKGROUND", (column, 0), (column, last), SHADE))
            continue
        for line, row in enumerate(register.rows, start=1):
            if not row.in_group_on(day.held_on):
                commands.append(("BACKGROUND", (column, line), (column, line), HATCH))
    widths = [number_width, name_width, *([day_width] * count), rate_width]
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(commands),
                 hAlign="LEFT")


def _name_cell(row: RegisterRow, words: DocumentWords, st: Styles) -> Flowable | list[Flowable]:
    name = para(row.name, st.cell)
    if row.finished_on is None or row.status.value not in ("dropped", "completed"):
        return name
    key = "dropped_on" if row.status.value == "dropped" else "completed_on"
    note = words.label(key).format(date=words.day(row.finished_on, "medium"))
    return [name, para(note, ParagraphStyle("register_note", st.small,
                                            fontSize=st.cell.fontSize * 0.85,
                                            leading=st.cell.fontSize))]


def _share(rate: float | None, bare: bool, words: DocumentWords) -> str:
    if rate is None:
        return DASH
    return format_number(round(rate * 100), words.language) if bare else words.percent(rate)


def _legend(register: MonthRegister, words: DocumentWords) -> str:
    parts = [f"{escape(words.letters[m])} — {escape(words.marks[m].lower())}"
             for m in (PRESENT, ABSENT, EXCUSED)]
    parts.append(escape(words.label("legend_empty")))
    if any(d.cancelled for d in register.days):
        parts.append(f'<span backColor="#{SHADE.hexval()[2:]}"><strike>12</strike></span> — '
                     f"{escape(words.label('legend_cancelled'))}")
    if any(d.moved_from is not None for d in register.days):
        parts.append(f"* — {escape(words.label('legend_moved'))}")
    if any(not r.in_group_on(d.held_on) for r in register.rows for d in register.days):
        parts.append(f'<span backColor="#{HATCH.hexval()[2:]}">{NBSP * 4}</span> — '
                     f"{escape(words.label('legend_left'))}")
    return "   ·   ".join(parts)


def _totals(register: MonthRegister, words: DocumentWords) -> str:
    total = register.total
    language = register.language
    cancelled = sum(d.cancelled for d in register.days)
    sessions = words.label("sessions_count").format(
        count=format_number(len(register.days) - cancelled, language))
    if cancelled:
        sessions += " · " + words.label("cancelled_count").format(
            count=format_number(cancelled, language))
    counts = " · ".join(f"{words.marks[m]}: {format_number(n, language)}"
                        for m, n in ((PRESENT, total.present), (ABSENT, total.absent),
                                     (EXCUSED, total.excused)))
    return f"{sessions}.  {counts}.  {words.label('rate')}: {words.percent(total.rate)}"
