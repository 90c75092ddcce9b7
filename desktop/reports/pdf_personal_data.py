"""A person's copy of their personal data, as a PDF to hand them: every record, in sections.

The writer only lays out what it is given: ``PrintedPersonData`` comes worded already,
in the copy's language, from the same data as the JSON file written beside it
(``desktop.services.transfer.person_data``). Each section is a heading and either one
table (documents, follow-ups...) or one block per record (a case, a consultation...):
the record's fields two to a row, long texts across the page, then its own tables
(a case's goals, a course's attendance, a placement's retention checks).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from db.reports.figures import Letterhead
from desktop.reports.labels import Words
from desktop.reports.pdf_common import (
    CONTENT_WIDTH,
    DASH,
    Footer,
    Styles,
    build,
    client_names,
    data_table,
    details_table,
    letterhead,
    para,
    save,
    styles,
)

__all__ = ["PrintedEntry", "PrintedPersonData", "PrintedSection", "PrintedTable",
           "write_personal_data_pdf"]

LONG_TEXT = 42  # characters: a value this long, or on several lines, gets a row of its own
LABEL_WIDTH = 32 * mm


@dataclass(frozen=True)
class PrintedTable:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # shares of the page's width, one per column


@dataclass(frozen=True)
class PrintedEntry:
    """One record: a title, its fields (label, text) and its own tables (caption, table)."""

    title: str
    fields: tuple[tuple[str, str], ...]
    tables: tuple[tuple[str, PrintedTable], ...] = ()


@dataclass(frozen=True)
class PrintedSection:
    title: str
    entries: tuple[PrintedEntry, ...] = ()
    table: PrintedTable | None = None
    empty: str = ""  # said when the section has no records

    @property
    def is_empty(self) -> bool:
        return not self.entries and (self.table is None or not self.table.rows)


@dataclass(frozen=True)
class PrintedPersonData:
    language: str
    letterhead: Letterhead
    title: str
    name: str
    name_latin: str
    name_original: str
    intro: str
    footer: str  # generated when, by whom
    author: str
    profile_title: str
    profile: tuple[tuple[str, str], ...]
    sections: tuple[PrintedSection, ...] = field(default_factory=tuple)


def write_personal_data_pdf(printed: PrintedPersonData, target: Path | BinaryIO) -> None:
    """Writes the copy to a file path (all or nothing) or into a binary stream."""
    words = Words(printed.language)
    buffer = io.BytesIO()
    build(buffer, _story(printed, styles()), Footer(words, printed.footer),
          title=f"{printed.title} — {printed.name}", author=printed.author)
    pdf = buffer.getvalue()
    save(target, lambda stream: stream.write(pdf))


def _story(printed: PrintedPersonData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        *letterhead(printed.letterhead, st),
        para(printed.title, st.title),
        *client_names(printed.name, printed.name_latin, printed.name_original, st),
        Spacer(1, 2 * mm),
        para(printed.intro, st.small),
        para(printed.profile_title, st.heading),
        _fields(printed.profile, st, keep_empty=True),
    ]
    for section in printed.sections:
        # Groups of flowables kept on one page; a heading never ends a page, it goes over
        # with the start of its section (KeepTogether cannot hold another: one level only).
        groups: list[list[Flowable]] = []
        if section.is_empty:
            groups.append([para(section.empty, st.body)])
        if section.table is not None and section.table.rows:
            groups.append([_table(section.table, st)])
        for entry in section.entries:
            groups += _entry(entry, st)
        groups[0].insert(0, para(section.title, st.heading))
        story += [KeepTogether(group) if len(group) > 1 else group[0] for group in groups]
    return story


def _entry(entry: PrintedEntry, st: Styles) -> list[list[Flowable]]:
    """The record's title with its fields, then each of its tables under its caption."""
    head: list[Flowable] = [para(entry.title, st.subheading)]
    if entry.fields:
        head.append(_fields(entry.fields, st))
    groups = [head]
    for caption, table in entry.tables:
        if not table.rows:
            continue
        block = [Spacer(1, 1.5 * mm), para(caption, st.label), _table(table, st)]
        # A short table stays with its caption; a long one may break across pages.
        groups += [block] if len(table.rows) < 8 else [[item] for item in block]
    groups.append([Spacer(1, 2 * mm)])
    return groups


def _fields(fields: tuple[tuple[str, str], ...], st: Styles,
            keep_empty: bool = False) -> Flowable:
    """Two fields to a row; a long text, or one left alone, across the row."""
    rows: list[list[str]] = []
    spans: list[int] = []
    pending: list[str] | None = None

    def alone(label: str, text: str) -> None:
        spans.append(len(rows))
        rows.append([label, text, "", ""])

    for label, text in fields:
        if not text and not keep_empty:
            continue
        text = text or DASH
        if len(text) > LONG_TEXT or "\n" in text:
            if pending is not None:
                alone(*pending)
                pending = None
            alone(label, text)
        elif pending is None:
            pending = [label, text]
        else:
            rows.append([*pending, label, text])
            pending = None
    if pending is not None:
        alone(*pending)
    if not rows:
        return Spacer(1, 0)
    table = details_table(rows, st, label_width=LABEL_WIDTH)
    table.setStyle(TableStyle([("SPAN", (1, row), (3, row)) for row in spans]))
    return table


def _table(table: PrintedTable, st: Styles) -> Flowable:
    return data_table(table.headers, [[cell or DASH for cell in row] for row in table.rows],
                      [CONTENT_WIDTH * share for share in table.widths], st,
                      text_columns=len(table.headers))
