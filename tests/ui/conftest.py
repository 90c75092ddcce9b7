"""Window tests: a database call made by window code on the GUI thread fails the test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from db import thread_guard
from desktop.ui import operations

TIMEOUT = 10_000  # ms; one shared bound for every wait on a loaded 2-core machine


@pytest.fixture(autouse=True)
def no_database_on_the_gui_thread() -> Iterator[None]:
    operations.guard_gui_thread(strict=True)
    yield
    thread_guard.remove()


def wait_idle(qtbot: QtBot) -> None:
    """Until every operation has delivered its result (a condition, not a clock)."""
    qtbot.waitUntil(lambda: not operations.busy(), timeout=TIMEOUT)
