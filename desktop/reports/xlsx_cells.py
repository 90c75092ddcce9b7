"""Text cells for every XLSX file Qadam writes: text stays text, whatever it starts with.

Names, office names and labels are typed by users. openpyxl stores any string that
starts with "=" as a formula, and a spreadsheet evaluates a text cell starting with
= + - @ (or a tab or carriage return, OWASP's list for formula injection) as soon as
someone edits it. So every string goes into a cell of type "s" (shared/inline string,
never evaluated on opening), and one that starts with such a character also gets the
cell style's ``quotePrefix``: Excel and LibreOffice then show the text exactly as
written and keep it text when the cell is edited. A leading apostrophe, the CSV
remedy, would not do here: inside an XLSX string it is a visible character, so the
name would no longer read as written. Numbers and dates are not touched; they stay
typed cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = ["FORMULA_PREFIXES", "clean_text", "looks_like_formula", "safe_row", "set_text"]

# OWASP, "CSV Injection": the characters a spreadsheet takes as the start of a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet would evaluate if it were typed into a cell."""
    return text.startswith(FORMULA_PREFIXES)


def clean_text(text: str | None) -> str:
    """The text without the control characters XML cannot hold (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text or "")


def set_text(cell: Cell, text: str | None) -> Cell:
    """Put ``text`` into ``cell`` as a string cell; empty text leaves the cell empty."""
    text = clean_text(text)
    if not text:
        cell.value = None
        return cell
    # The setter may bind the text as a formula ("=…") or an error ("#N/A"): override it.
    cell.value = text
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def safe_row(sheet: WriteOnlyWorksheet, values: Iterable[object]) -> list[object]:
    """``values`` ready for a write-only sheet's ``append``: every string is a text cell.

    Strings openpyxl would store as plain text anyway are passed as they are (a
    write-only sheet reuses one cell for those, which keeps a 100,000-row export
    fast); the others become cells made by ``set_text``. Numbers, dates and None pass
    unchanged.
    """
    row: list[object] = []
    for value in values:
        if isinstance(value, str):
            text = clean_text(value)
            if looks_like_formula(text) or text in ERROR_CODES:
                value = set_text(WriteOnlyCell(sheet), text)
            else:
                value = text or None
        row.append(value)
    return row
