"""A provider's name as a list shows it: in the reader's language where it has one.

A provider is named in each language it has a name in; the others are empty. Where the
reader's is empty the first it has stands in (kk, then ru, then en), the same rule as
``Provider.name`` for one record, here as SQL so lists sort by what they show.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func

from db.models import Provider

__all__ = ["provider_name"]

_COLUMNS = {"kk": Provider.name_kk, "ru": Provider.name_ru, "en": Provider.name_en}


def provider_name(language: str) -> ColumnElement[str]:
    own = _COLUMNS.get(language, Provider.name_en)
    return func.coalesce(func.nullif(own, ""), func.nullif(Provider.name_kk, ""),
                         func.nullif(Provider.name_ru, ""), Provider.name_en)
