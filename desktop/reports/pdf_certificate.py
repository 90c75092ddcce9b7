"""A certificate of completion of a language course (A4 landscape), in the client's
language."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Spacer,
    Table,
    TableStyle,
)

from db.reports.courses import (
    Certificate,
)
from db.reports.figures import Letterhead
from desktop.reports.pdf_common import (
    ACCENT,
    DASH,
    FONT,
    FONT_BOLD,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MUTED,
    RULE,
    TABLE_FONT,
    para,
    register_fonts,
    save,
    styles,
)
from desktop.reports.pdf_courses import (
    LANDSCAPE,
    SCALES,
    WIDE_WIDTH,
    CertificateFrame,
    DocumentWords,
    build_wide,
    signature_block,
)


def write_certificate_pdf(certificate: Certificate, target: Path | BinaryIO) -> None:
    """Writes the certificate to a file path (all or nothing) or into a binary stream."""
    words = DocumentWords(certificate.language)
    pdf = b""
    for scale in SCALES:
        buffer = io.BytesIO()
        pages = build_wide(buffer, _certificate_story(certificate, words, scale),
                           CertificateFrame(words, ""),
                           title=f"{words.label('certificate')} — {certificate.client_name}",
                           author=certificate.letterhead.name)
        pdf = buffer.getvalue()
        if pages == 1:
            break
    save(target, lambda stream: stream.write(pdf))


def _centred(name: str, size: float, *, bold: bool = False, color: object = INK,
             space: float = 0) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=FONT_BOLD if bold else FONT, fontSize=size,
                          leading=size * 1.25, alignment=TA_CENTER, textColor=color,
                          spaceAfter=space)


def _certificate_story(certificate: Certificate, words: DocumentWords,
                       scale: float) -> list[Flowable]:
    register_fonts()
    st = styles(scale)

    def style(name: str, size: float, **extra: object) -> ParagraphStyle:
        return _centred(name, size * scale, **extra)  # type: ignore[arg-type]

    head: Letterhead = certificate.letterhead
    taught = "   ·   ".join(part for part in (certificate.language_taught, certificate.level)
                           if part)
    dates = words.label("from_to").format(first=words.day(certificate.first_day),
                                          last=words.day(certificate.last_day))
    facts = [
        [para(words.label("dates"), st.label), para(dates, st.body)],
        [para(words.label("attended"), st.label),
         para(words.sessions_attended(certificate.attended, certificate.held), st.body)],
        [para(words.label("level_reached"), st.label),
         para(certificate.level_reached or DASH, st.subheading)],
    ]
    table = Table(facts, colWidths=[60 * mm, 110 * mm], hAlign="CENTER")
    table.setStyle(TableStyle([*TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                               ("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    column = 80 * mm
    signatures = Table([[signature_block(words.label("director_signature"), "", column, st), "",
                         signature_block(words.label("teacher_signature"), certificate.teacher,
                                    column, st)]],
                       colWidths=[column, 40 * mm, column], hAlign="CENTER")
    signatures.setStyle(TableStyle([*TABLE_FONT, ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    issued = words.label("issued").format(date=words.day(certificate.issued_on))
    place = ", ".join(part for part in (certificate.office_name, issued) if part)
    story: list[Flowable] = [
        para(head.name, style("cert_center", 14, bold=True, color=ACCENT)),
        para("   ·   ".join(p for p in (head.address, head.phone) if p),
             style("cert_contact", 8.5, color=MUTED, space=8 * scale)),
        para(words.label("certificate").upper(), style("cert_title", 34, bold=True,
                                                       color=ACCENT, space=2 * scale)),
        para(words.label("certificate_of"), style("cert_of", 13, space=2 * scale)),
        para(words.label("certificate_number").format(number=certificate.number),
             style("cert_number", 8.5, color=MUTED, space=9 * scale)),
        para(words.label("awarded_to"), style("cert_awarded", 11, space=3 * scale)),
        para(certificate.client_name, style("cert_name", 22, bold=True, space=1 * scale)),
        *(para(other, style("cert_other", 10, color=MUTED))
          for other in (certificate.client_name_latin, certificate.client_name_original)
          if other),
        Spacer(1, 5 * scale * mm),
        para(words.label("for_completing"), style("cert_for", 11, space=2 * scale)),
        para(certificate.course, style("cert_course", 15, bold=True, space=1 * scale)),
        para(taught, style("cert_taught", 11, space=7 * scale)),
        table,
        Spacer(1, 6 * scale * mm),
        signatures,
        Spacer(1, 4 * scale * mm),
        para(place, style("cert_issued", 9.5)),
    ]
    return _centred_vertically(story, WIDE_WIDTH, LANDSCAPE[1] - MARGIN_TOP - MARGIN_BOTTOM)


def _centred_vertically(story: list[Flowable], width: float, height: float) -> list[Flowable]:
    """The story with room above it for the page to look centred, when it fits."""
    used = 0.0
    for flowable in story:
        used += flowable.wrap(width, height)[1] + flowable.getSpaceBefore() \
            + flowable.getSpaceAfter()
    room = (height - used) / 2
    return [Spacer(1, room), *story] if room > 0 else story
