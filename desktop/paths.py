"""Where Qadam keeps its files: the user's data and config folders (platformdirs)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP_NAME = "Qadam"
ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
TRANSLATIONS = RESOURCES / "translations"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return user_config_path(APP_NAME, appauthor=False)


def log_dir() -> Path:
    return user_log_path(APP_NAME, appauthor=False)


def default_database() -> str:
    """``QADAM_DB`` if set, else ``qadam.db`` in the user's data folder.

    The data folder is created (private to the user) when it is the one used:
    a new account has none, and SQLite creates files, not folders. A place the
    user names is never created: a mistyped folder must be reported, not made.
    """
    chosen = os.environ.get("QADAM_DB")
    if chosen:
        return chosen
    folder = data_dir()
    # When it cannot be made, opening the database says so, translated, in one line.
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return str(folder / "qadam.db")
