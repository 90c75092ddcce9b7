"""The terminal: a progress bar for long commands, drawn on stderr only when it is a
terminal, and a quiet end when the reader of standard output goes away."""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType

EXIT_ERROR = 1


def fail(message: str, code: int = EXIT_ERROR) -> int:
    """Say what went wrong in one line on stderr; returns the exit status to give."""
    print(f"qadam: {message}", file=sys.stderr)
    return code


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


def silence_stdout() -> None:
    """Send what is left of standard output nowhere, after its reader went away.

    ``qadam search … | head -1``: once ``head`` has its line, everything still buffered
    can never be written, and Python would print "Exception ignored … BrokenPipeError"
    when it flushes at exit.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError):  # no real file behind stdout (an embedding, a test)
        pass
