"""The main window on a demo database, driven as a caseworker would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.ui.clients.list_model import PAGE
from desktop.ui.main_window import MainWindow

TIMEOUT = 3000


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would, any script: QTest's keyClicks only knows ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def open_window(qtbot: QtBot, database: Database) -> MainWindow:
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_list_opens_with_one_window_of_rows_not_the_whole_table(
        qtbot: QtBot, demo_database: Database) -> None:
    window = open_window(qtbot, demo_database)
    model = window.model
    assert model.rowCount() == PAGE  # 400 clients in the demo, only the first page loaded
    names = [model.row(i).sort_key for i in range(model.rowCount())]
    assert names == sorted(names)
    assert "400" in window.count_label.text()
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 400


def test_typing_part_of_a_name_finds_the_client(qtbot: QtBot, demo_database: Database,
                                                demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        surname, given, latin = connection.execute(
            "SELECT surname, given_name, surname_latin FROM person WHERE surname <> '' "
            "AND surname_latin <> '' ORDER BY sort_key DESC LIMIT 1").fetchone()
    window = open_window(qtbot, demo_database)
    search = window.clients.search

    type_text(search, latin[:5].lower())
    qtbot.waitUntil(lambda: window.model.query == latin[:5].lower(), timeout=TIMEOUT)
    found = [window.model.row(i).name for i in range(window.model.rowCount())]
    assert any(name.startswith(f"{surname} {given}") for name in found)

    search.clear()
    type_text(search, surname.upper())  # Cyrillic, another case
    qtbot.keyClick(search, Qt.Key.Key_Return)
    found = [window.model.row(i).name for i in range(window.model.rowCount())]
    assert any(name.startswith(f"{surname} {given}") for name in found)


def test_switching_language_retranslates_at_once_and_is_remembered(
        qtbot: QtBot, demo_database: Database) -> None:
    from desktop import settings

    window = open_window(qtbot, demo_database)
    window.language_actions["kk"].trigger()
    header = window.model.headerData(0, Qt.Orientation.Horizontal)
    assert header != "Name" and header
    assert window.language_menu.title() != "&Language"
    assert settings.get("language") == "kk"
    category = window.model.data(window.model.index(0, 4))
    window.language_actions["en"].trigger()
    assert window.model.data(window.model.index(0, 4)) != category  # labels follow
