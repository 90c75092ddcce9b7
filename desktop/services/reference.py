"""Reference lists (regions, categories...) labelled in the UI language, for choosers."""

from __future__ import annotations

from sqlalchemy import select

from db.models import REFERENCE_MODELS
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import anyone


@anyone("the reference lists are the same for every office and hold no personal data")
def reference_choices(database: Database, table: str,
                      language: str | None = None) -> list[tuple[str, str]]:
    """``(code, label)`` of the active items, in display order, labelled in ``language``
    (default: the interface's)."""
    model = REFERENCE_MODELS[table]
    label = getattr(model, f"label_{language or current_language()}")
    with database.reading() as connection:
        return [(code, text) for code, text in connection.execute(
            select(model.code, label).where(model.active.is_(True))
            .order_by(model.sort_order, model.code))]
