"""The center's and an office's name in a document's language."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func

# ``name`` is the Kazakh name; the others may be empty (not written yet).
NAME_COLUMNS = {"kk": "name", "ru": "name_ru", "en": "name_en"}


def named(model: Any, language: str) -> ColumnElement[str]:
    """``model``'s (Center's or Office's) name in ``language``, else the first one written
    of Kazakh, Russian, English."""
    order = [NAME_COLUMNS.get(language, "name"), *NAME_COLUMNS.values()]
    return func.coalesce(*(func.nullif(func.trim(getattr(model, column)), "")
                           for column in dict.fromkeys(order)), "")
