"""A progress bar for long commands, drawn on stderr only when it is a terminal."""

from __future__ import annotations

import sys
import time
from types import TracebackType


class ProgressBar:
    WIDTH = 30

    def __init__(self, label: str) -> None:
        self.label = label
        self.interactive = sys.stderr.isatty()
        self._last_draw = 0.0

    def __enter__(self) -> ProgressBar:
        return self

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.interactive or (now - self._last_draw < 0.1 and done < total):
            return
        self._last_draw = now
        filled = self.WIDTH * done // max(total, 1)
        percent = 100 * done // max(total, 1)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
                         f"{percent:3d}%")
        sys.stderr.flush()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self.interactive:
            sys.stderr.write("\n")
            sys.stderr.flush()
