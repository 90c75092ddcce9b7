"""Sort keys that put names in Kazakh alphabetical order: ICU's Kazakh collation.

Neither engine can be trusted to order names: SQLite compares text by code point (Ә, Ғ,
Қ... after Я), PostgreSQL by whatever locale its server was made with. So every name
gets a key, computed here once when the record is written, that orders correctly when
compared byte by byte, and the lists sort on it (``person.sort_key``, indexed).

The key is ICU's for the "kk" locale (CLDR's Kazakh tailoring: Cyrillic before Latin, Ә
after А, Ғ after Г, Ё after Е, І between Ы and Ь...) at tertiary strength: letters
first, case-blind, then accents, then case, so "ahmet" < "Ahmet" < "Ahmetov" and Şahin
sorts with S. It is stored as hex: ICU's bytes in text whose order is the bytes' order
in any collation that compares digits and a-f as ASCII does, and byte for byte under
PostgreSQL's "C", which the column has there (``db.models.person``).

A key depends on ICU's version: the pinned binding (pyproject.toml) keeps it fixed, and
a new ICU comes with a migration that computes every stored key again (as 0018 does).
"""

from __future__ import annotations

import threading

import icu

ICU_VERSION = icu.ICU_VERSION

# ICU's threading model gives each thread a collator of its own (workers key the names
# they save as the window's thread does); one is made once per thread, in microseconds.
_local = threading.local()


def _kazakh() -> icu.Collator:
    collator = getattr(_local, "collator", None)
    if collator is None:
        collator = _local.collator = icu.Collator.createInstance(icu.Locale("kk"))
        collator.setStrength(icu.Collator.TERTIARY)
    return collator


def sort_key(name: str) -> str:
    # ICU ends every key with a 00 byte, the lowest there is: without it the keys still
    # compare the same (a shorter prefix first), two characters shorter.
    return _kazakh().getSortKey(name)[:-1].hex()
