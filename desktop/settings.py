"""The user's saved preferences, in a small JSON file in the config folder.

Plain JSON rather than QSettings so that the command line, which never loads
Qt, reads the same language as the window.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from desktop.paths import config_dir


def settings_file() -> Path:
    return config_dir() / "settings.json"


def load() -> dict[str, Any]:
    """The saved settings; a missing, unreadable or garbled file counts as none saved.

    Each value is the caller's to check: the file may have been edited by hand.
    """
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: "[[[[…" nested too deep
        return {}
    return data if isinstance(data, dict) else {}


def get(key: str, default: Any = None) -> Any:
    return load().get(key, default)


def put(key: str, value: Any) -> None:
    """Save one setting; written to a temporary file and renamed, so a crash never corrupts it."""
    data = load()
    data[key] = value
    path = settings_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # mkstemp creates the file readable by its owner only, whatever the umask: like every
    # file Qadam writes, it is nobody else's to read. Its own name per writer, so two
    # windows saving at once never write into the same temporary file.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(json.dumps(data, ensure_ascii=False, indent=2))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# How many days before a document expires Today starts listing it and the client file
# flags it. A setting of this machine, in this file (edited by hand: there is no screen
# for it yet); every reader goes through ``document_warning_days``.
DOCUMENT_WARNING_DAYS = "document_warning_days"
DEFAULT_DOCUMENT_WARNING_DAYS = 30
MAX_DOCUMENT_WARNING_DAYS = 366


def document_warning_days() -> int:
    """The saved number of days, or 30 when none is saved or the saved one makes no sense
    (not a whole number from 0, "expired ones only", to a year)."""
    value = get(DOCUMENT_WARNING_DAYS)
    if isinstance(value, int) and not isinstance(value, bool) \
            and 0 <= value <= MAX_DOCUMENT_WARNING_DAYS:
        return value
    return DEFAULT_DOCUMENT_WARNING_DAYS
