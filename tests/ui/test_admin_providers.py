"""The Providers and Service catalogue tabs of the Administration screen, driven as an
administrator would."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.domain.phones import stored_phone
from desktop.services.access import Actor
from desktop.services.auth import set_up
from desktop.services.messages import describe
from desktop.services.social import catalogue, providers
from desktop.services.social.catalogue import ServiceTypeEntry
from desktop.services.social.errors import Field, Problem, ServiceTypeChanged
from desktop.services.social.messages import problem_text
from desktop.services.social.providers import ProviderEntry
from desktop.ui.admin import AdministrationScreen
from desktop.ui.admin.catalogue import CatalogueTab, ServiceTypeDialog
from desktop.ui.admin.common import FormDialog, ListTab
from desktop.ui.admin.providers import ProviderDialog, ProvidersTab
from tests.ui.conftest import TIMEOUT, wait_idle

PASSWORD = "qadam-2026"
CLINIC_KK = "Астана қаласының №5 қалалық емханасы"
SCHOOL_KK = "№12 мектеп-гимназия"
# The sentences are the services' own: the window shows them, it does not word them.


def changed(service: str) -> str:
    return describe(ServiceTypeChanged(service))


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would, any script: QTest's keyClicks only knows ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


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


@pytest.fixture
def tab(qtbot: QtBot, screen: AdministrationScreen) -> ProvidersTab:
    screen.tabs.setCurrentWidget(screen.providers)
    wait_idle(qtbot)
    return screen.providers


@pytest.fixture
def services_tab(qtbot: QtBot, screen: AdministrationScreen) -> CatalogueTab:
    screen.tabs.setCurrentWidget(screen.catalogue)
    wait_idle(qtbot)
    return screen.catalogue


def ok_button(dialog: FormDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def press_ok(qtbot: QtBot, dialog: FormDialog) -> None:
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)


def cell(tab: ListTab, row: int, column: int) -> str:
    return tab.model.index(row, column).data()


def names(tab: ListTab) -> list[str]:
    return [row.name for row in tab.model.rows]


def opened(qtbot: QtBot, tab: ListTab, button: Any, kind: type[FormDialog]) -> Any:
    """The dialog a button opens, once its lists (and record) are read."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(tab.dialog, kind), timeout=TIMEOUT)
    dialog = tab.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: ok_button(dialog).isEnabled(), timeout=TIMEOUT)
    return dialog


def tick(qtbot: QtBot, dialog: ProviderDialog, code: str) -> None:
    """Tick a service with the keyboard: to it, then Space."""
    item = dialog.services.item_of(code)
    assert item is not None, code
    dialog.services.setFocus()
    dialog.services.setCurrentItem(item)
    qtbot.keyClick(dialog.services, Qt.Key.Key_Space)
    assert item.checkState(0) == Qt.CheckState.Checked


def choose(combo: Any, code: str) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def clinic(**changes: Any) -> ProviderEntry:
    values: dict[str, Any] = dict(
        name_kk=CLINIC_KK, name_ru="Городская поликлиника №5", name_en="", type_code="polyclinic",
        area_code="social", region_code="71", locality="Астана", address="Сарыарқа д-лы, 5",
        contact="Гүлнар Ахметова", phone="+7 7172 55 12 12", email="",
        service_codes=frozenset({"medical_insurance_registration"}))
    return ProviderEntry(**(values | changes))


def added(qtbot: QtBot, tab: ProvidersTab, database: Database, boss: Actor,
          entry: ProviderEntry) -> uuid.UUID:
    """A provider added behind the tab's back, once the tab has read it."""
    provider_id = providers.create_provider(database, boss, entry)
    tab.reload()
    qtbot.waitUntil(lambda: any(row.id == provider_id for row in tab.model.rows),
                    timeout=TIMEOUT)
    return provider_id


def select(qtbot: QtBot, tab: ListTab, row_id: object) -> None:
    number = next(n for n, row in enumerate(tab.model.rows) if row.id == row_id)
    tab.table.selectRow(number)
    qtbot.waitUntil(lambda: tab.selected() is not None and tab.selected().id == row_id,
                    timeout=TIMEOUT)


# ---- providers -------------------------------------------------------------------------


def test_adding_a_provider_with_a_kazakh_name_and_two_services(
        qtbot: QtBot, tab: ProvidersTab, database: Database, boss: Actor) -> None:
    assert tab.model.rows == []
    dialog = opened(qtbot, tab, tab.add_button, ProviderDialog)
    assert dialog.region.currentText() == "—" and dialog.kind.currentIndex() == -1
    type_text(dialog.name_kk, CLINIC_KK)
    choose(dialog.kind, "polyclinic")
    choose(dialog.area, "social")
    tick(qtbot, dialog, "medical_insurance_registration")
    tick(qtbot, dialog, "kindergarten_place")
    qtbot.keyClicks(dialog.phone, "+7 7172 55 12 12")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None and names(tab) == [CLINIC_KK], timeout=TIMEOUT)

    assert cell(tab, 0, 1) == "Polyclinic"
    services = cell(tab, 0, 2)
    assert "Health insurance enrolment and clinic registration" in services
    assert "Kindergarten placement" in services
    assert [cell(tab, 0, column) for column in (3, 7, 8)] == ["", "0", "Yes"]
    qtbot.waitUntil(lambda: tab.selected() is not None and tab.selected().name == CLINIC_KK,
                    timeout=TIMEOUT)  # the new provider is selected
    entry, _version = providers.provider_entry(database, boss, tab.selected().id)
    assert (entry.name_kk, entry.name_ru, entry.name_en) == (CLINIC_KK, "", "")
    assert entry.service_codes == {"medical_insurance_registration", "kindergarten_place"}
    assert stored_phone(entry.phone) == "+77172551212"


def test_a_provider_without_a_name_is_refused_beside_the_name(
        qtbot: QtBot, tab: ProvidersTab, database: Database, boss: Actor) -> None:
    dialog = opened(qtbot, tab, tab.add_button, ProviderDialog)
    choose(dialog.kind, "school")
    choose(dialog.area, "social")
    tick(qtbot, dialog, "school_place")
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    # Worded at the test, in the language the window speaks now.
    assert dialog.form.problem("name") == problem_text(Field.NAME, Problem.REQUIRED)
    assert dialog.form.errors["name"].isVisible()
    assert dialog.focusWidget() is dialog.name_kk  # the field to fix
    assert dialog.form.problem("type") == dialog.form.problem("services") == ""
    dialog.reject()
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert providers.list_providers(database, boss, include_inactive=True) == []


def test_editing_reads_the_provider_and_saves_over_its_version(
        qtbot: QtBot, tab: ProvidersTab, database: Database, boss: Actor) -> None:
    provider_id = added(qtbot, tab, database, boss, clinic())
    select(qtbot, tab, provider_id)
    dialog = opened(qtbot, tab, tab.edit_button, ProviderDialog)
    assert dialog.name_kk.text() == CLINIC_KK
    assert dialog.name_ru.text() == "Городская поликлиника №5"
    assert (dialog.kind.currentData(), dialog.region.currentData()) == ("polyclinic", "71")
    assert dialog.services.ticked() == {"medical_insurance_registration"}
    tick(qtbot, dialog, "school_place")
    dialog.contact.clear()
    type_text(dialog.contact, "Айгерім Нұрланқызы")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None and cell(tab, 0, 5) == "Айгерім Нұрланқызы",
                    timeout=TIMEOUT)
    assert "School enrolment" in cell(tab, 0, 2)


def test_a_provider_changed_meanwhile_is_not_saved_over(
        qtbot: QtBot, tab: ProvidersTab, database: Database, boss: Actor) -> None:
    provider_id = added(qtbot, tab, database, boss, clinic())
    select(qtbot, tab, provider_id)
    dialog = opened(qtbot, tab, tab.edit_button, ProviderDialog)
    _entry, version = providers.provider_entry(database, boss, provider_id)
    providers.update_provider(database, boss, provider_id, version,
                              clinic(contact="Someone else"))
    dialog.locality.setText("Қосшы")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=TIMEOUT)
    assert "Әлия Сапарова changed this record" in dialog.message.text()
    assert dialog.isVisible() and dialog.message.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: tab.dialog is None and cell(tab, 0, 5) == "Someone else",
                    timeout=TIMEOUT)
    assert cell(tab, 0, 4) == "Астана"  # theirs, not ours


def test_a_deactivated_provider_is_greyed_and_shown_only_on_request(
        qtbot: QtBot, tab: ProvidersTab, database: Database, boss: Actor) -> None:
    school = added(qtbot, tab, database, boss, clinic(
        name_kk=SCHOOL_KK, name_ru="", type_code="school", service_codes=frozenset({
            "school_place"})))
    clinic_id = added(qtbot, tab, database, boss, clinic())
    assert sorted(names(tab)) == sorted([CLINIC_KK, SCHOOL_KK])
    select(qtbot, tab, clinic_id)
    assert tab.active_button.text() == "&Deactivate"
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: names(tab) == [SCHOOL_KK], timeout=TIMEOUT)

    qtbot.mouseClick(tab.inactive, Qt.MouseButton.LeftButton)
    assert tab.inactive.isChecked()
    qtbot.waitUntil(lambda: len(tab.model.rows) == 2, timeout=TIMEOUT)
    row = next(n for n, line in enumerate(tab.model.rows) if line.id == clinic_id)
    assert cell(tab, row, 8) == "No"
    grey = QApplication.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert tab.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) == grey
    other = 1 - row
    assert tab.model.rows[other].id == school
    assert tab.model.index(other, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    select(qtbot, tab, clinic_id)
    assert tab.active_button.text() == "Reac&tivate"
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(tab, row, 8) == "Yes", timeout=TIMEOUT)
    tab.inactive.setChecked(False)
    qtbot.waitUntil(lambda: len(tab.model.rows) == 2, timeout=TIMEOUT)


def test_the_text_filter_finds_a_provider_by_a_part_of_its_name(
        qtbot: QtBot, tab: ProvidersTab, database: Database, boss: Actor) -> None:
    added(qtbot, tab, database, boss, clinic())
    added(qtbot, tab, database, boss, clinic(name_kk=SCHOOL_KK, name_ru="",
                                             type_code="school"))
    type_text(tab.search, "ГИМНАЗ")
    qtbot.waitUntil(lambda: names(tab) == [SCHOOL_KK], timeout=TIMEOUT)
    tab.search.clear()
    qtbot.waitUntil(lambda: len(tab.model.rows) == 2, timeout=TIMEOUT)


def test_a_service_out_of_use_stays_ticked_and_marked_for_a_provider_that_has_it(
        qtbot: QtBot, tab: ProvidersTab, database: Database, boss: Actor) -> None:
    provider_id = added(qtbot, tab, database, boss, clinic(service_codes=frozenset({
        "medical_insurance_registration", "housing_support"})))
    line = next(line for line in catalogue.list_service_types(database, boss)
                if line.code == "housing_support")
    catalogue.set_service_type_active(database, boss, "housing_support", ServiceTypeEntry(
        line.area_code, line.label_kk, line.label_ru, line.label_en), False)
    select(qtbot, tab, provider_id)
    dialog = opened(qtbot, tab, tab.edit_button, ProviderDialog)
    item = dialog.services.item_of("housing_support")
    assert item is not None and item.text(0) == "Housing assistance (out of use)"
    assert item.checkState(0) == Qt.CheckState.Checked
    assert dialog.services.item_of("rent_subsidy") is not None  # active: offered
    dialog.reject()

    tab.add_record()
    qtbot.waitUntil(lambda: isinstance(tab.dialog, ProviderDialog)
                    and ok_button(tab.dialog).isEnabled(), timeout=TIMEOUT)
    assert tab.dialog.services.item_of("housing_support") is None  # not offered anew
    tab.dialog.reject()


# ---- the service catalogue ------------------------------------------------------------


def labels(tab: CatalogueTab) -> list[str]:
    return [row.line.label_en for row in tab.model.rows]


def test_adding_and_renaming_a_service_type(qtbot: QtBot, services_tab: CatalogueTab,
                                            database: Database, boss: Actor) -> None:
    tab = services_tab
    assert "Housing assistance" in labels(tab)
    dialog = opened(qtbot, tab, tab.add_button, ServiceTypeDialog)
    choose(dialog.area, "social")
    type_text(dialog.label_kk, "Қысқы киіммен қамтамасыз ету")
    type_text(dialog.label_ru, "Обеспечение зимней одеждой")
    press_ok(qtbot, dialog)  # no English name: refused beside it
    assert dialog.form.problem("label_en") == problem_text(Field.LABEL_EN, Problem.REQUIRED)
    qtbot.keyClicks(dialog.label_en, "Psychological support")
    press_ok(qtbot, dialog)  # the service's refusal: that name is taken in the area
    qtbot.waitUntil(lambda: dialog.form.problem("label_en") != "", timeout=TIMEOUT)
    assert dialog.form.problem("label_en") == problem_text(Field.LABEL_EN, Problem.TAKEN)
    dialog.label_en.clear()
    qtbot.keyClicks(dialog.label_en, "Winter clothing")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None and "Winter clothing" in labels(tab),
                    timeout=TIMEOUT)
    qtbot.waitUntil(lambda: tab.selected() is not None
                    and tab.selected().id == "winter_clothing", timeout=TIMEOUT)
    number = labels(tab).index("Winter clothing")
    assert [cell(tab, number, column) for column in range(7)] == [
        "Social support", "Winter clothing", "Қысқы киіммен қамтамасыз ету",
        "Обеспечение зимней одеждой", "Winter clothing", "0", "Yes"]

    dialog = opened(qtbot, tab, tab.rename_button, ServiceTypeDialog)
    assert dialog.area.currentData() == "social"
    assert dialog.label_en.text() == "Winter clothing"
    dialog.label_en.clear()
    qtbot.keyClicks(dialog.label_en, "Winter clothing and footwear")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None and cell(tab, number, 1)
                    == "Winter clothing and footwear", timeout=TIMEOUT)
    line = next(line for line in catalogue.list_service_types(database, boss)
                if line.code == "winter_clothing")  # the code never changes
    assert (line.label_en, line.label_kk) == ("Winter clothing and footwear",
                                              "Қысқы киіммен қамтамасыз ету")


def test_a_rename_over_another_administrators_rename_is_refused(
        qtbot: QtBot, services_tab: CatalogueTab, database: Database, boss: Actor) -> None:
    tab = services_tab
    select(qtbot, tab, "housing_support")
    dialog = opened(qtbot, tab, tab.rename_button, ServiceTypeDialog)
    read = tab.selected().as_read()
    # Someone else renames it between our reading it and our saving.
    catalogue.rename_service_type(database, boss, "housing_support", read, ServiceTypeEntry(
        read.area_code, read.label_kk, read.label_ru, "Help with housing"))
    dialog.label_en.clear()
    qtbot.keyClicks(dialog.label_en, "Housing support")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=TIMEOUT)
    assert dialog.message.text() == changed("Help with housing")
    assert dialog.isVisible() and ok_button(dialog).isEnabled()
    dialog.reject()
    qtbot.waitUntil(lambda: tab.dialog is None and "Help with housing" in labels(tab),
                    timeout=TIMEOUT)
    assert "Housing support" not in labels(tab)
    line = next(line for line in catalogue.list_service_types(database, boss)
                if line.code == "housing_support")
    assert line.label_en == "Help with housing"  # theirs, not ours


def test_taking_a_service_out_of_use_and_back(qtbot: QtBot, services_tab: CatalogueTab,
                                              database: Database, boss: Actor) -> None:
    tab = services_tab
    assert not any("Delete" in button.text() for button in (
        tab.add_button, tab.rename_button, tab.active_button))  # a type is never deleted
    select(qtbot, tab, "job_fair")
    number = labels(tab).index("Job fair")
    assert tab.active_button.text() == "&Take out of use"
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(tab, number, 6) == "No", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: tab.active_button.isEnabled(), timeout=TIMEOUT)
    assert tab.active_button.text() == "Put &back in use"
    assert "Job fair" in labels(tab)  # still listed, greyed
    assert tab.model.index(number, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(tab, number, 6) == "Yes", timeout=TIMEOUT)


def test_taking_out_of_use_after_another_change_says_so(
        qtbot: QtBot, services_tab: CatalogueTab, database: Database, boss: Actor) -> None:
    tab = services_tab
    select(qtbot, tab, "job_fair")
    read = tab.selected().as_read()
    catalogue.rename_service_type(database, boss, "job_fair", read, ServiceTypeEntry(
        read.area_code, read.label_kk, read.label_ru, "Jobs fair"))
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(tab.findChildren(QMessageBox)), timeout=TIMEOUT)
    box = tab.findChildren(QMessageBox)[-1]
    assert box.text() == changed("Jobs fair")
    box.close()
    qtbot.waitUntil(lambda: "Jobs fair" in labels(tab), timeout=TIMEOUT)
    number = labels(tab).index("Jobs fair")
    assert cell(tab, number, 6) == "Yes"  # nothing was written
