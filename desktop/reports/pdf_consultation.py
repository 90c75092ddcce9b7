"""A consultation record as handed to the client: one A4 page, signed by both sides."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from db.reports.figures import ConsultationRecord
from desktop.i18n import N_
from desktop.reports.labels import COLUMNS, FIGURE_LABELS, Words
from desktop.reports.pdf_common import (
    CONTENT_WIDTH,
    DASH,
    INK,
    RULE,
    TABLE_FONT,
    Footer,
    Styles,
    build,
    date_time,
    generated_line,
    letterhead,
    para,
    save,
    styles,
)

RECORD_LABELS = {
    "held_at": N_("Date and time"),
    "client": N_("Client"),
    "iin": N_("IIN"),
    "category": N_("Category"),
    "topics": N_("Topics"),
    "advice": N_("Advice given"),
    "notes": N_("Notes"),
    "referrals": N_("Referrals made"),
    "next_steps": N_("Next steps"),
    "next_appointment": N_("Next appointment"),
    "client_signature": N_("Signature of the client"),
    "caseworker_signature": N_("Signature of the caseworker"),
    "date": N_("Date"),
}
# Tried in turn until the record fits on one page; a long record shrinks a little
# rather than spill a second page the client might not get.
SCALES = (1.0, 0.93, 0.86, 0.8)


def write_consultation_pdf(record: ConsultationRecord, target: Path | BinaryIO) -> None:
    """Writes the record to a file path (all or nothing) or into a binary stream."""
    words = Words(record.language)
    title = words(FIGURE_LABELS["consultation_record"])
    pdf = b""
    for scale in SCALES:
        buffer = io.BytesIO()
        footer = Footer(words, generated_line(words, record.generated_at, record.caseworker))
        pages = build(buffer, _story(record, words, styles(scale)), footer,
                      title=f"{title} — {date_time(record.held_at, record.language)}",
                      author=record.caseworker)
        pdf = buffer.getvalue()
        if pages == 1:
            break
    save(target, lambda stream: stream.write(pdf))


def _story(record: ConsultationRecord, words: Words, st: Styles) -> list[Flowable]:
    language = record.language

    def label(key: str) -> str:
        return words(RECORD_LABELS[key])

    client = para(record.client_name or DASH, st.body)
    if record.client_name_latin:
        client = [client, para(record.client_name_latin, st.small)]
    details = [
        (label("held_at"), date_time(record.held_at, language),
         words(COLUMNS["office"]), record.office_name),
        (label("client"), client, label("iin"), record.client_iin_masked),
        (label("category"), record.category, words(COLUMNS["channel"]), record.channel),
        (words(COLUMNS["caseworker"]), record.caseworker, "", ""),
    ]
    story: list[Flowable] = [
        *letterhead(record.letterhead, st),
        para(words(FIGURE_LABELS["consultation_record"]), st.title),
        Spacer(1, 2 * mm),
        _details(details, st),
        Spacer(1, 2 * mm),
    ]
    referrals = "\n".join(f"•  {line}" for line in record.referrals)
    sections = (
        ("topics", " · ".join(record.topics)),
        ("advice", record.advice),
        ("notes", record.notes),
        ("referrals", referrals),
        ("next_steps", record.next_steps),
        ("next_appointment", date_time(record.next_appointment_at, language)),
    )
    for key, text in sections:
        story += [para(label(key), st.subheading), para(text.strip() or DASH, st.body)]
    story += [Spacer(1, 10 * mm), _signatures(record, words, st)]
    return story


def _details(rows: list[tuple[object, ...]], st: Styles) -> Table:
    """Label and value pairs, two to a row."""
    label_width, value_width = 27 * mm, CONTENT_WIDTH / 2 - 27 * mm
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


def _signatures(record: ConsultationRecord, words: Words, st: Styles) -> Flowable:
    """Two signature lines, each with the signer's name and a line for the date."""
    date_line = f"{words(RECORD_LABELS['date'])}:  ____________________"
    column = (CONTENT_WIDTH - 16 * mm) / 2
    data = [
        ["", "", ""],
        [para(words(RECORD_LABELS["client_signature"]), st.label), "",
         para(words(RECORD_LABELS["caseworker_signature"]), st.label)],
        [para(record.client_name, st.small), "", para(record.caseworker, st.small)],
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
