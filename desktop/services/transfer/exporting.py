"""The clients spreadsheet written: a list's clients in the template's columns, CSV or XLSX.

The columns are ``columns.COLUMNS`` in order (the import template's, then office,
caseworker and case status), headed in the file's language, so that an export imports
back unchanged: names, locality, phone and notes as stored; dates as real date cells in
XLSX and ``dd.MM.yyyy`` in CSV; sexes, categories, regions, countries, languages and
consent forms by their label in the file's language (the import takes codes or labels in
any of the three). A text that a spreadsheet would run as a formula is kept text
(``xlsx_cells.safe_row``, ``csv_cells.csv_safe``).

The file is written beside the target under a hidden name and moved over it only once
complete, in the transaction that writes the export to the audit log: a cancelled or
failed export leaves no file and no entry, and no file is left that the log does not know.
"""

from __future__ import annotations

import csv
import functools
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import Connection

from db.base import utcnow
from db.models import AuditEntry, Person, Role
from db.queries.client_export import ExportRow, export_rows, office_id
from db.queries.clients import ClientQuery, client_rows, count_matching
from db.session import Database
from desktop.domain.iin import mask_iin
from desktop.files import temporary_beside
from desktop.i18n import N_, country_name, current_language, format_date, translate
from desktop.reports.csv_cells import csv_safe
from desktop.services.access import (
    Actor,
    Permission,
    pure,
    requires,
    within_checked_call,
)
from desktop.services.client_file.labels import CASE_STATUS, DOCUMENT_LANGUAGES, SEXES
from desktop.services.clients import scoped
from desktop.services.progress import Progress
from desktop.services.reports import ReportProblem
from desktop.services.transfer.columns import COLUMNS

__all__ = ["CSV_OPTIONS", "FORMATS", "PAGE", "export_clients", "export_format",
           "iin_in_full", "move_into_place", "office_query", "spreadsheet_values"]

FORMATS = ("csv", "xlsx")
PAGE = 2000  # people read, labelled and written at a time
# Semicolons: what Excel in a Kazakh or Russian locale expects; the import takes either.
CSV_OPTIONS = {"delimiter": ";", "quoting": csv.QUOTE_MINIMAL, "lineterminator": "\r\n"}
SHEET_NAME = N_("Clients")
XLSX_DATE_FORMAT = "DD.MM.YYYY"  # the form people here write a day in, as the CSV has it
# Characters wide, by column key; the others get DEFAULT_WIDTH.
WIDTHS = {"last_name": 18, "first_name": 14, "patronymic": 16, "last_name_latin": 18,
          "first_name_latin": 14, "iin": 15, "citizenship": 16, "country_of_origin": 18,
          "category": 22, "region": 20, "locality": 18, "phone": 16, "notes": 40,
          "caseworker": 22}
DEFAULT_WIDTH = 13


@pure
def export_format(target: Path) -> str:
    """"csv" or "xlsx", from the file's suffix; ValueError for any other."""
    form = target.suffix.lower().lstrip(".")
    if form not in FORMATS:
        raise ValueError(f"clients are exported as .csv or .xlsx, not {target.suffix!r}")
    return form


@pure
def iin_in_full(actor: Actor) -> bool:
    """Managers and administrators export IINs whole; a caseworker's export masks them."""
    return actor.role in (Role.MANAGER, Role.ADMIN)


@requires(Permission.WORK_WITH_CLIENTS)
def office_query(database: Database, actor: Actor, office_code: str | None) -> ClientQuery:
    """Every client of the office of that code (of every office the user sees for None).

    ReportProblem for an unknown code; AccessDenied for an office the user may not see.
    """
    if office_code is None:
        return ClientQuery()
    with database.reading() as connection:
        office = office_id(connection, office_code)
    if office is None:
        raise ReportProblem(ReportProblem.Kind.UNKNOWN_OFFICE, office_code)
    actor.require_office(office)
    return ClientQuery(office_id=office)


@requires(Permission.WORK_WITH_CLIENTS)
def export_clients(database: Database, actor: Actor, query: ClientQuery, target: Path,
                   progress: Progress | None = None, language: str | None = None) -> int:
    """The clients of ``query`` (narrowed to those the user may see) in the list's order,
    written to ``target`` (.csv or .xlsx) with headers in ``language`` (by default the
    UI's); returns how many. ``progress`` hears of every page and may stop the export
    (Cancelled): then, as on any failure, no file is left and nothing is logged.
    """
    form = export_format(target)
    language = language or current_language()
    query = scoped(actor, query)
    full = iin_in_full(actor)
    headers = [column.header(language) for column in COLUMNS]
    write = _write_csv if form == "csv" else _write_xlsx
    temporary = temporary_beside(target)
    try:
        with database.reading() as connection:
            total = count_matching(connection, query)
            rows = _people(connection, query, language, total, progress)
            written = write(temporary, headers,
                            (spreadsheet_values(row, language, full) for row in rows), language)
        if progress is not None:
            progress.check()  # stopped while the file was being saved: nothing is kept
        entry = AuditEntry(at=utcnow(), user_id=actor.user_id, action="export",
                           table_name=Person.__tablename__, record_id=uuid.uuid4(),
                           changes={"people": [None, written], "format": [None, form],
                                    "iin": [None, "full" if full else "masked"]})
        move_into_place(database, actor, [(temporary, target)], [entry])
    finally:
        temporary.unlink(missing_ok=True)
    return written


def _people(connection: Connection, query: ClientQuery, language: str, total: int,
            progress: Progress | None) -> Iterator[ExportRow]:
    """The list's people a page at a time, in its order (by key where it pages by key)."""
    done = 0
    after = None
    while True:
        page = client_rows(connection, language, query, PAGE, done, after)
        yield from export_rows(connection, [row.id for row in page], language)
        done += len(page)
        after = page[-1] if page else after
        if progress is not None:
            progress.step(done, max(total, done))
        if len(page) < PAGE:
            return


@pure
def spreadsheet_values(row: ExportRow, language: str, full_iin: bool) -> list[object]:
    """The row's cells in the order of ``columns.COLUMNS``: text, dates (``date``) and
    empty cells (None or ""), labels in ``language``."""
    words = functools.partial(translate, language=language)

    def label(labels: dict[str, str], code: str | None) -> str:
        return words(labels[code]) if code in labels else (code or "")

    values: dict[str, object] = {
        "last_name": row.surname, "first_name": row.given_name, "patronymic": row.patronymic,
        "last_name_latin": row.surname_latin, "first_name_latin": row.given_name_latin,
        "iin": (row.iin or "") if full_iin else mask_iin(row.iin),
        "birth_date": row.birth_date, "sex": label(SEXES, row.sex),
        # A stateless person's citizenship is empty, and stays so.
        "citizenship": _country(row.citizenship, language),
        "country_of_origin": _country(row.country_of_origin, language),
        "category": row.category, "region": row.region, "locality": row.locality,
        "arrival_date": row.arrival_date, "intake_date": row.intake_date,
        "phone": row.phone, "preferred_language": label(DOCUMENT_LANGUAGES,
                                                        row.preferred_language),
        "notes": row.notes, "consent_date": row.consent_date,
        "consent_form": row.consent_form, "office": row.office_code,
        "caseworker": row.caseworker, "case_status": label(CASE_STATUS, row.case_status),
    }
    return [values[column.key] for column in COLUMNS]


@functools.lru_cache(maxsize=1024)
def _country(code: str | None, language: str) -> str:
    return country_name(code, language)


# ---- the two forms -------------------------------------------------------------------------

def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[list[object]],
               language: str) -> int:
    """UTF-8 with a BOM (Excel then reads it as UTF-8), semicolons, CRLF; returns the rows."""

    days: dict[date, str] = {}  # a day is formatted once per file, not once per cell

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            shown = days.get(value)
            if shown is None:  # dd.MM.yyyy in every language
                shown = days[value] = format_date(value, language=language)
            return shown
        return csv_safe(str(value))

    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, **CSV_OPTIONS)
        writer.writerow([cell(header) for header in headers])
        for values in rows:
            writer.writerow([cell(value) for value in values])
            written += 1
    return written


def _write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[list[object]],
                language: str) -> int:
    """One sheet, its header row bold and frozen; text cells as text, dates as dates."""
    # Only when exporting: openpyxl costs start-up time the other commands need not pay.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from desktop.reports.xlsx_cells import safe_row, set_text

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(translate(SHEET_NAME, language)[:31])
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column.key,
                                                                             DEFAULT_WIDTH)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = set_text(WriteOnlyCell(sheet), header)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)

    def day_cell(day: date) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=day)
        cell.number_format = XLSX_DATE_FORMAT
        return cell

    written = 0
    try:
        for values in rows:
            sheet.append(safe_row(sheet, [day_cell(v) if isinstance(v, date) else v
                                          for v in values]))
            written += 1
    except BaseException:
        # Stopped or failed: the sheet's own temporary file is finished and removed now,
        # not written to by a collected generator later nor left until the program ends.
        sheet.close()
        sheet._writer.cleanup()
        raise
    workbook.save(path)
    return written


# ---- all or nothing, and logged --------------------------------------------------------------

@within_checked_call
def move_into_place(database: Database, actor: Actor, moves: Sequence[tuple[Path, Path]],
                    entries: Sequence[AuditEntry]) -> None:
    """Each finished temporary file renamed over its target, in the transaction that writes
    ``entries`` to the audit log: if the entries cannot be written no file is moved, and if
    the transaction fails after the moves the files are taken away again."""
    moved: list[Path] = []
    try:
        with database.session(actor.user_id) as session:
            session.add_all(entries)
            session.flush()  # the log takes the entries before any file appears
            for temporary, target in moves:
                os.replace(temporary, target)
                moved.append(target)
    except BaseException:
        for target in moved:
            target.unlink(missing_ok=True)
        raise
