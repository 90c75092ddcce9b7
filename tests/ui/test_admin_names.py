"""The Center and Offices tabs: names in Kazakh, Russian and English, and the director who
approves the reports."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Office
from db.session import Database
from desktop.services import admin
from desktop.services.access import Actor
from desktop.services.auth import set_up
from desktop.ui.admin import AdministrationScreen
from desktop.ui.admin.offices import OfficeDialog
from tests.ui.conftest import TIMEOUT, wait_idle
from tests.ui.test_admin_screen import PASSWORD, press_ok, type_text


@pytest.fixture
def boss(database: Database) -> Actor:
    return set_up(database, center_name="«Қадам» орталығы", center_address="Астана",
                  center_phone="+7 7172 000000", office_code="AST", office_name="Астана",
                  region_code="71", admin_login="admin", admin_name="Әлия Сапарова",
                  admin_password=PASSWORD)


@pytest.fixture
def screen(qtbot: QtBot, database: Database, boss: Actor) -> AdministrationScreen:
    widget = AdministrationScreen(database, boss)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    wait_idle(qtbot)
    return widget


def test_the_center_tab_edits_its_names_and_director(qtbot: QtBot, screen: AdministrationScreen,
                                                     database: Database, boss: Actor) -> None:
    tab = screen.center
    screen.tabs.setCurrentWidget(tab)
    assert tab.form.labels["name_ru"].text() == "Name in R&ussian"
    type_text(tab.name_ru, "Центр «Кадам»")
    type_text(tab.name_en, "Qadam Center")
    type_text(tab.director_name, "Сәрсенбаев Марат")
    type_text(tab.director_position, "Директор")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status.text() == "Saved.", timeout=TIMEOUT)
    details = admin.center_details(database, boss)
    assert (details.name, details.name_ru, details.name_en) == (
        "«Қадам» орталығы", "Центр «Кадам»", "Qadam Center")
    assert (details.director_name, details.director_position) == ("Сәрсенбаев Марат",
                                                                  "Директор")
    # Saving only the Kazakh name from elsewhere keeps the others.
    admin.save_center(database, boss, name="«Қадам»", address="", phone="",
                      version=details.version)
    again = admin.center_details(database, boss)
    assert (again.name_ru, again.director_name) == ("Центр «Кадам»", "Сәрсенбаев Марат")
    qtbot.mouseClick(tab.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.name.text() == "«Қадам»", timeout=TIMEOUT)
    assert tab.director_name.text() == "Сәрсенбаев Марат"


def test_an_office_is_named_in_three_languages(qtbot: QtBot, screen: AdministrationScreen,
                                               database: Database) -> None:
    tab = screen.offices
    screen.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    tab.edit_office()
    dialog = tab.dialog
    assert isinstance(dialog, OfficeDialog)
    assert dialog.name.text() == "Астана" and dialog.name_ru.text() == ""
    type_text(dialog.name_ru, "Астанинский офис")
    type_text(dialog.name_en, "Astana office")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    with database.reading() as connection:
        names = connection.execute(select(Office.name, Office.name_ru, Office.name_en)).one()
    assert tuple(names) == ("Астана", "Астанинский офис", "Astana office")
    qtbot.waitUntil(lambda: tab.model.rows[0].name_en == "Astana office", timeout=TIMEOUT)
    tab.edit_office()
    dialog = tab.dialog
    assert isinstance(dialog, OfficeDialog) and dialog.name_en.text() == "Astana office"
    dialog.reject()
