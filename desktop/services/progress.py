"""Progress and cancellation of long work: one token, the same in the window and a terminal.

The work calls ``step(done, total)`` as it goes; the window's runner (or the
terminal's bar) listens, and whoever holds the token may ``cancel()`` it. The
next ``step`` or ``check`` then raises ``Cancelled`` on the worker, the unit
of work rolls back, and nothing is left half-written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

Listener = Callable[[int, int], None]


class Cancelled(Exception):
    """The user stopped the work; nothing of it was kept."""


class Progress:
    def __init__(self, listener: Listener | None = None) -> None:
        self._cancelled = threading.Event()
        self._listener = listener

    def listen(self, listener: Listener | None) -> None:
        self._listener = listener

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled

    def step(self, done: int, total: int) -> None:
        self.check()
        if self._listener is not None:
            self._listener(done, total)

