"""With Kazakh or Russian chosen, no English is left in any visible widget of any screen."""

from __future__ import annotations

import re
import sqlite3
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.services.auth import log_in
from desktop.ui.main_window import MainWindow
from desktop.ui.qt_language import LANGUAGE_NAMES

ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
# Names, codes and formats that are the same in every language.
ALLOWED = {"Qadam", "PDF", "XLSX", "IIN", "English", "Ctrl", "Shift", "Alt", "AST", "ALA",
           "SHY", "PET", "AKT", "YYYY", "DD", "MM", "Esc", "Enter", "Space", "email", "CSV",
           "JSON"}


def texts(widget: QWidget) -> list[str]:
    """The chrome a person reads: labels, buttons, titles, headers, hints (not data)."""
    found: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisible():
            continue
        if isinstance(child, QLabel | QAbstractButton):
            found.append(child.text())
        if isinstance(child, QGroupBox):
            found.append(child.title())
        if isinstance(child, QLineEdit):
            found.append(child.placeholderText())
        if isinstance(child, QTabWidget):
            found.extend(child.tabText(i) for i in range(child.count()))
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            header = getattr(child, "horizontalHeader", None)
            columns = header().count() if header is not None else 1
            found.extend(str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                         for c in range(columns))
        if isinstance(child, QComboBox) and child.count() and child.itemData(0) is None:
            found.append(child.itemText(0))  # the "All ..." entry of a filter
        found.append(child.toolTip())
        found.append(child.accessibleName())
    return found


def english_in(strings: list[str], data: set[str] | None = None) -> list[str]:
    """Strings with an English-looking word; ``data`` holds words that are the client's
    own (a passport name in Latin letters)."""
    allowed = ALLOWED | (data or set())
    return sorted({s for s in strings for word in ENGLISH_WORD.findall(s.replace("&", ""))
                   if word not in allowed and s not in LANGUAGE_NAMES.values()})


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_screen_speaks_the_chosen_language(qtbot: QtBot, demo_database: Database,
                                                 demo_path: Path, language: str) -> None:
    window = MainWindow(demo_database, log_in(demo_database, "admin", "qadam-admin"))
    qtbot.addWidget(window)
    window.show()
    window.language_actions[language].trigger()
    leftovers: dict[str, list[str]] = {}
    for key, _title, _screen in window.sections:
        window.show_section(key)
        qtbot.wait(50)
        leftovers[key] = english_in(texts(window) + [window.windowTitle()] + [
            action.text() for menu in (window.file_menu, window.language_menu)
            for action in menu.actions()] + [window.file_menu.title()])
    with sqlite3.connect(demo_path) as connection:
        found, latin = connection.execute(
            "SELECT id, surname_latin || ' ' || given_name_latin FROM person LIMIT 1").fetchone()
    person = uuid.UUID(hex=found)
    window.open_client_file(person)
    qtbot.waitUntil(lambda: person in window.client_files, timeout=10_000)
    file_window = window.client_files[person]
    from desktop.ui.client_file import TABS

    for tab in TABS:
        file_window.show_tab(tab)
        qtbot.wait(20)
        leftovers[f"file/{tab}"] = english_in(texts(file_window), set(latin.split()))
    window.show_section("employment")
    offers = window.employment.vacancies
    qtbot.waitUntil(lambda: bool(offers.model.rows), timeout=10_000)
    offers.table.selectRow(0)
    candidates = offers.open_candidates()
    assert candidates is not None
    qtbot.waitUntil(lambda: bool(candidates.fits.model.rows), timeout=10_000)
    for index in range(candidates.tabs.count()):
        candidates.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        leftovers[f"candidates/{index}"] = english_in(texts(candidates))
    candidates.close()
    window.language_actions["en"].trigger()
    window.new_client()  # opened in English, then the language changes while it is open
    window.language_actions[language].trigger()
    leftovers["intake"] = english_in(texts(window.intake))
    window.intake.discard()
    window.new_consultation(person)
    leftovers["consultation"] = english_in(texts(window.consultation_dialog))
    window.consultation_dialog.close()
    file_window.close()
    assert {k: v for k, v in leftovers.items() if v} == {}
