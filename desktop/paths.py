"""Where Qadam keeps its files: the user's data and config folders (platformdirs)."""

from __future__ import annotations

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
    """``QADAM_DB`` if set, else ``qadam.db`` in the user's data folder."""
    return os.environ.get("QADAM_DB") or str(data_dir() / "qadam.db")
