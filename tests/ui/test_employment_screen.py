"""The Employment screen, driven as a caseworker would: an employer, then its vacancy."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from db.models import VacancyStatus
from db.session import Database
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.employment import vacancies
from desktop.ui.employment.screen import EmploymentScreen
from tests.services.test_employment import a_bin
from tests.ui.conftest import TIMEOUT, wait_idle


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def test_an_employer_and_its_vacancy_are_added_from_the_screen(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    screen = EmploymentScreen(demo_database, caseworker)
    qtbot.addWidget(screen)
    screen.show()
    wait_idle(qtbot)
    tab = screen.employers
    tab.add_button.click()
    dialog = tab.dialog
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=TIMEOUT)
    dialog.name.setText("«Алтын Дән» АҚ")
    dialog.bin.setText("123456789012")
    dialog.sector.setCurrentIndex(dialog.sector.findData("agriculture"))
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    ok.click()
    assert dialog.form.problem("bin").startswith("A BIN has 12 digits")
    dialog.bin.setText(a_bin(400))
    dialog.phone.setText("+7 701 555 44 33")
    ok.click()
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: any(line.name == "«Алтын Дән» АҚ" for line in tab.model.rows),
                    timeout=TIMEOUT)

    offers = screen.vacancies
    offers.add_button.click()
    vacancy = offers.dialog
    qtbot.waitUntil(lambda: vacancy.buttons.isEnabled(), timeout=TIMEOUT)
    vacancy.employer.setCurrentIndex(vacancy.employer.findText("«Алтын Дән» АҚ"))
    vacancy.title.setText("Жылыжай агрономы")
    vacancy.sector.setCurrentIndex(vacancy.sector.findData("agriculture"))
    vacancy.places.setValue(3)
    vacancy.licence.setText("b")
    language, level = vacancy.language_boxes[0]
    language.setCurrentIndex(language.findData("kk"))
    level.setCurrentIndex(level.findData("a2"))
    vacancy.buttons.button(vacancy.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: offers.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: any(line.title == "Жылыжай агрономы" for line in offers.model.rows),
                    timeout=TIMEOUT)
    line = next(line for line in offers.model.rows if line.title == "Жылыжай агрономы")
    assert (line.places_left, line.requirements) == (3, "Kazakh A2 · B")

    offers.table.selectRow(offers.model.rows.index(line))
    offers.close_button.click()
    qtbot.waitUntil(lambda: all(row.title != "Жылыжай агрономы" for row in offers.model.rows),
                    timeout=TIMEOUT)
    closed = vacancies.list_vacancies(demo_database, caseworker,
                                      statuses=(VacancyStatus.CLOSED,))
    assert any(row.id == line.id for row in closed)
