"""The user's saved preferences, in a small JSON file in the config folder.

Plain JSON rather than QSettings so that the command line, which never loads
Qt, reads the same language as the window.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.files import replacing
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
    # Two windows saving at once each write their own temporary file (see desktop.files).
    with replacing(path, suffix=".tmp") as temporary:
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


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


# Where the daily backups and "Back up now" go: a folder an administrator chose (a second
# disk, say), as an absolute path. A setting of this machine; none saved means the
# ``backups`` folder beside the database (``desktop.services.backups.backup_folder``).
BACKUP_FOLDER = "backup_folder"


def backup_folder() -> Path | None:
    """The folder saved, or None when none is (or the saved value is no absolute path)."""
    value = get(BACKUP_FOLDER)
    if isinstance(value, str) and value.strip() and Path(value).is_absolute():
        return Path(value)
    return None
