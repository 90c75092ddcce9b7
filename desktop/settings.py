"""The user's saved preferences, in a small JSON file in the config folder.

Plain JSON rather than QSettings so that the command line, which never loads
Qt, reads the same language as the window.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from desktop.paths import config_dir


def settings_file() -> Path:
    return config_dir() / "settings.json"


def load() -> dict[str, Any]:
    try:
        data = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def get(key: str, default: Any = None) -> Any:
    return load().get(key, default)


def put(key: str, value: Any) -> None:
    """Save one setting; written to a temporary file and renamed, so a crash never corrupts it."""
    data = load()
    data[key] = value
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(temporary, path)
