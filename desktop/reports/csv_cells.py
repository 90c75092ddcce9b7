"""Text cells for every CSV file Qadam writes and reads: text stays text, both ways.

A spreadsheet program that opens a CSV file evaluates a cell that starts with = + - @
(or a tab or a carriage return: OWASP's list, ``FORMULA_PREFIXES``) as a formula. A CSV
cell has no type and no style, so the remedy is the one OWASP gives: a single apostrophe
in front, which spreadsheets take as "this is text".

``csv_safe`` writes it and ``csv_unescaped`` takes it off again, so that an export reads
back exactly as it was stored. The apostrophe goes in front of any text that starts with
apostrophes followed by one of those characters, not only of the text that starts with
one: ``'=x`` (typed by someone who knew the trick) is written ``''=x`` and so survives the
round trip, where the plain rule would read it back as ``=x``. A file typed by hand reads
as people mean it: ``'=x`` is the text ``=x``, ``'Ахмед`` stays ``'Ахмед``.
"""

from __future__ import annotations

import re

from desktop.reports.xlsx_cells import FORMULA_PREFIXES

__all__ = ["csv_safe", "csv_unescaped"]

_ESCAPED = re.compile("'*[" + re.escape("".join(FORMULA_PREFIXES)) + "]")


def csv_safe(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if _ESCAPED.match(text) else text


def csv_unescaped(text: str) -> str:
    """A CSV cell's text as it was before ``csv_safe``: one leading apostrophe taken off
    when apostrophes and then a formula character follow it (a hand-typed ``'=1+1`` is
    the text ``=1+1``); any other text is returned as it is."""
    return text[1:] if text.startswith("'") and _ESCAPED.match(text, 1) else text
