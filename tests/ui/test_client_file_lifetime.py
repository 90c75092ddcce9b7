"""Closed client files release their memory (a caseworker opens dozens a day)."""

from __future__ import annotations

import gc
import sqlite3
import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.services.auth import log_in
from desktop.ui.client_file import ClientFileWindow
from tests.ui.conftest import wait_idle


def test_closed_client_files_are_freed(qtbot: QtBot, demo_database: Database,
                                       demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        people = [uuid.UUID(hex=row[0]) for row in connection.execute(
            "SELECT id FROM person LIMIT 12")]
    actor = log_in(demo_database, "manager.ast", "qadam-manager")
    for person in people:
        window = ClientFileWindow(demo_database, actor, person)
        window.show()
        wait_idle(qtbot)  # loaded, as a user sees it before closing it
        window.close()
        del window
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    wait_idle(qtbot)
    gc.collect()
    alive = [obj for obj in gc.get_objects() if isinstance(obj, ClientFileWindow)]
    assert alive == []
