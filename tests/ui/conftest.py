"""Window tests: a database call made by window code on the GUI thread fails the test."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from db import thread_guard
from db.session import Database
from desktop.services.access import Actor
from desktop.ui import operations

TIMEOUT = 10_000  # ms; one shared bound for every wait on a loaded 2-core machine


@pytest.fixture(autouse=True)
def fresh_window_settings() -> Iterator[None]:
    """Each test's windows open as a first start's do: Qt keeps the settings file it first
    found for the whole run, so a window size one test left would shape the next test's."""
    QSettings().clear()
    yield


@pytest.fixture(autouse=True)
def no_database_on_the_gui_thread() -> Iterator[None]:
    operations.guard_gui_thread(strict=True)
    yield
    thread_guard.remove()


def wait_idle(qtbot: QtBot) -> None:
    """Until every operation has delivered its result (a condition, not a clock)."""
    qtbot.waitUntil(lambda: not operations.busy(), timeout=TIMEOUT)


_OPEN_FILES: list[QWidget] = []


def keep_track(window: QWidget) -> QWidget:
    """A client file a test opened, closed at teardown if the test did not close it."""
    _OPEN_FILES.append(window)
    return window


@pytest.fixture(autouse=True)
def close_open_files() -> Iterator[None]:
    """Whatever a test leaves unsaved is dropped at teardown, never asked about; a window
    the test closed itself is already gone (it deletes itself on close)."""
    yield
    while _OPEN_FILES:
        window = _OPEN_FILES.pop()
        if isValid(window):
            window.ask_unsaved = lambda: "discard"  # type: ignore[attr-defined]
            window.close()


def open_client_file(qtbot: QtBot, database: Database, actor: Actor, person: uuid.UUID,
                     tab: str = "profile") -> QWidget:
    """A client file as a user has it: shown, active, its file and lists in; the day pinned."""
    from desktop.ui.client_file import ClientFileWindow
    from tests.conftest import DEMO_TODAY

    window = ClientFileWindow(database, actor, person, tab, today=DEMO_TODAY)
    keep_track(window)
    return shown(qtbot, window)


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    """``widget`` on screen and active, what it asked for in."""
    widget.show()
    qtbot.waitExposed(widget)
    with warnings.catch_warnings():
        # Shortcuts need the active window; the offscreen platform only grants it this way.
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(widget)
    wait_idle(qtbot)
    return widget


