"""Sort keys that put names in Kazakh alphabetical order.

SQLite compares text by code point, which puts Ә, Ғ, Қ... after Я. The key
maps each Cyrillic letter to its place in the Kazakh alphabet (which holds the
Russian one in order) and sorts Latin names after Cyrillic ones, case-blind.
"""

from __future__ import annotations

KAZAKH_ORDER = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_OFFSET = 0x100  # keys use private code points, far from anything else in a name

_TABLE = {ord(letter): chr(_OFFSET + position) for position, letter in enumerate(KAZAKH_ORDER)}
_TABLE.update({ord(letter): chr(_OFFSET + 0x40 + position)
               for position, letter in enumerate("abcdefghijklmnopqrstuvwxyz")})


def sort_key(name: str) -> str:
    return name.casefold().translate(_TABLE)
