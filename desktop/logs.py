"""The application log: a rotating file in the user's log folder.

Users see short translated messages; the details (tracebacks included) go
here, so support can read what happened without asking the user to repeat it.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from desktop.paths import log_dir

log = logging.getLogger("qadam")


def install_log(folder: Path | None = None) -> Path:
    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "qadam.log"
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    sys.excepthook = _log_uncaught
    return path


def _log_uncaught(kind: type[BaseException], error: BaseException,
                  traceback: TracebackType | None) -> None:
    log.error("uncaught error", exc_info=(kind, error, traceback))
    sys.__excepthook__(kind, error, traceback)
