"""Where a file is offered to be saved, and under what name.

A save dialog opens in the user's documents folder with a name that says what the file
holds and whose it is (``consultation-2026-11-25-Nurpeiisova.pdf``, ``clients-2026-12-01.xlsx``),
in Latin letters: file names travel by e-mail and USB sticks to machines that mangle others.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from db.translit import to_passport_latin

__all__ = ["file_part", "in_documents", "named", "surname"]

_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


def in_documents(name: str) -> str:
    """``name`` in the user's documents folder (their home if the system names none, or
    names one that is not there: a dialog opened on a missing folder falls back to wherever
    the program was started)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    place = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    return str(place / name)


def file_part(text: str) -> str:
    """A name or word fit for a file name: Latin letters and digits, hyphens between."""
    return _UNSAFE.sub("-", to_passport_latin(text)).strip("-")


def surname(name_latin: str, name: str) -> str:
    """The surname a file is named by: as the passport spells it in Latin letters ("Zheng"),
    else from the name as written, transliterated later ("Чжэн" would give "Chzhen")."""
    return (name_latin or name).split(" ")[0]


def named(what: str, day: date | None, *parts: str, suffix: str) -> str:
    """``what-2026-11-25-part.suffix``, leaving out what is missing."""
    pieces = [what, day.isoformat() if day else "", *(file_part(p) for p in parts)]
    return "-".join(p for p in pieces if p) + f".{suffix}"
