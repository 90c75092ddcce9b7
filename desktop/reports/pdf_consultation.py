"""A consultation record as handed to the client: one A4 page, signed by both sides."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from db.reports.figures import ConsultationRecord
from desktop.i18n import N_
from desktop.reports.labels import COLUMNS, FIGURE_LABELS, Words
from desktop.reports.pdf_common import (
    DASH,
    Footer,
    Styles,
    build,
    client_names,
    date_time,
    details_table,
    generated_line,
    letterhead,
    para,
    save,
    signatures,
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
}
# Tried in turn until the record fits on one page; a long record shrinks a little
# rather than spill a second page the client might not get.
SCALES = (1.0, 0.93, 0.86, 0.8)


def write_consultation_pdf(record: ConsultationRecord, target: Path | BinaryIO) -> None:
    """Writes the record to a file path (all or nothing) or into a binary stream."""
    words = Words(record.language)
    title = words(FIGURE_LABELS["consultation_record"])
    if record.number:
        title += " " + words(FIGURE_LABELS["record_number"]).format(number=record.number)
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

    client = client_names(record.client_name, record.client_name_latin,
                          record.client_name_original, st)
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
        *([para(words(FIGURE_LABELS["record_number"]).format(number=record.number),
                st.subtitle)] if record.number else []),
        Spacer(1, 2 * mm),
        details_table(details, st),
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
    story += [Spacer(1, 10 * mm), signatures(words, record.client_name, record.caseworker, st)]
    return story
