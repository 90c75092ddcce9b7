"""The application log: a rotating file in the user's log folder.

Users see short translated messages; the details (tracebacks included) go
here, so support can read what happened without asking the user to repeat it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TextIO

from desktop.paths import log_dir

log = logging.getLogger("qadam")


class PrivateLogHandler(RotatingFileHandler):
    """A rotating log readable by its owner only: tracebacks may quote clients' data."""

    def _open(self) -> TextIO:
        return open(self.baseFilename, self.mode, encoding=self.encoding,
                    errors=self.errors, opener=_owner_only)


def _owner_only(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


def install_log(folder: Path | None = None) -> Path:
    folder = folder or log_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / "qadam.log"
    with contextlib.suppress(OSError):  # none yet; or not ours to change
        path.chmod(0o600)  # a log an earlier Qadam left readable by all
    handler = PrivateLogHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    sys.excepthook = _log_uncaught
    return path


def _log_uncaught(kind: type[BaseException], error: BaseException,
                  traceback: TracebackType | None) -> None:
    log.error("uncaught error", exc_info=(kind, error, traceback))
    sys.__excepthook__(kind, error, traceback)
