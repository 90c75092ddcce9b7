"""The empty clients template a center fills in: the template's columns with headers in
one language and, in a workbook, a second sheet with the choices each column accepts."""

from __future__ import annotations

import csv
from pathlib import Path

from db.session import Database
from desktop.files import replacing
from desktop.i18n import N_, country_choices, translate
from desktop.services.access import Actor, Permission, requires
from desktop.services.client_file.labels import DOCUMENT_LANGUAGES, SEXES
from desktop.services.reference import reference_choices
from desktop.services.transfer import columns

CSV_SEPARATOR = ";"  # what spreadsheet programs set to Russian or Kazakh expect
SHEET_TITLE = N_("Clients")
CHOICES_TITLE = N_("Choices")


@requires(Permission.WORK_WITH_CLIENTS)
def write_template(database: Database, actor: Actor, target: Path, language: str) -> None:
    """An empty template at ``target`` (.csv or .xlsx), written whole or not at all."""
    headers = columns.headers(columns.TEMPLATE, language)
    if target.suffix.lower() == ".csv":
        with replacing(target) as path:
            _write_csv(path, headers)
        return
    lists = _choice_lists(database, language)
    with replacing(target) as path:
        _write_xlsx(path, headers, lists, language)


def _choice_lists(database: Database, language: str) -> list[tuple[str, list[str]]]:
    def labels(pairs: list[tuple[str, str]]) -> list[str]:
        return [label for _code, label in pairs]

    return [
        (columns.BY_KEY["category"].header(language),
         labels(reference_choices(database, "migrant_category", language))),
        (columns.BY_KEY["region"].header(language),
         labels(reference_choices(database, "region", language))),
        (columns.BY_KEY["sex"].header(language),
         [translate(label, language) for label in SEXES.values()]),
        (columns.BY_KEY["preferred_language"].header(language),
         [translate(label, language) for label in DOCUMENT_LANGUAGES.values()]),
        (columns.BY_KEY["consent_form"].header(language),
         labels(reference_choices(database, "consent_form", language))),
        (columns.BY_KEY["country_of_origin"].header(language),
         labels(country_choices(language))),
    ]


def _write_csv(path: Path, headers: list[str]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=CSV_SEPARATOR).writerow(headers)


def _write_xlsx(path: Path, headers: list[str], lists: list[tuple[str, list[str]]],
                language: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = translate(SHEET_TITLE, language)[:31]
    sheet.append(headers)
    for index, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(header) + 4)
        # Dates and IINs typed into text cells stay as typed (no lost leading zero).
        for row in range(2, 1002):
            sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    choices = workbook.create_sheet(translate(CHOICES_TITLE, language)[:31])
    for index, (title, values) in enumerate(lists, start=1):
        choices.cell(row=1, column=index, value=title).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            choices.cell(row=row, column=index, value=value)
        choices.column_dimensions[get_column_letter(index)].width = 36
    choices.freeze_panes = "A2"
    workbook.save(path)
