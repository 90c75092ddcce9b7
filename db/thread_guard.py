"""A guard against database work on the window's GUI thread.

The window keeps its GUI thread free for drawing and typing; every query runs
through the operation runner on a worker thread. The window installs this
guard for its GUI thread: a connection taken from the pool there is a bug.
The test suite makes it raise, so such a call fails the test that made it;
the window itself only logs it, with the stack, rather than stop a user's work.

``only_from`` narrows the guard to calls made (somewhere up the stack) from
modules under that prefix, so a test may still read the database directly to
check what the window wrote.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass


class GuiThreadDatabaseCall(RuntimeError):
    """A database connection was taken on the GUI thread."""


@dataclass(frozen=True)
class _Guard:
    thread_id: int
    only_from: str | None
    on_violation: Callable[[str], None]


_guard: _Guard | None = None


def install(thread_id: int, on_violation: Callable[[str], None],
            only_from: str | None = None) -> None:
    global _guard
    _guard = _Guard(thread_id, only_from, on_violation)


def remove() -> None:
    global _guard
    _guard = None


def raise_error(where: str) -> None:
    raise GuiThreadDatabaseCall(f"database call on the GUI thread from {where}")


def check() -> None:
    """Called as a connection leaves the pool; costs one comparison off the GUI thread."""
    guard = _guard
    if guard is None or threading.get_ident() != guard.thread_id:
        return
    where = _caller(guard.only_from)
    if where is not None:
        guard.on_violation(where)


def _caller(prefix: str | None) -> str | None:
    """Where under ``prefix`` the call came from (the first frame out of the pool when None)."""
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if prefix is None or module.startswith(prefix):
            return f"{module}:{frame.f_lineno}"
        frame = frame.f_back
    return None
