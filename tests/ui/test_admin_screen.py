"""The Administration screen, driven as an administrator would."""

from __future__ import annotations

import gc
import threading
import uuid
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from db.changes import Changes
from db.models import Role
from db.session import Database
from desktop import i18n
from desktop.services import admin
from desktop.services.access import Actor
from desktop.services.auth import LoginFailed, log_in, set_up
from desktop.ui import operations
from desktop.ui.admin import AdministrationScreen
from desktop.ui.admin.common import FormDialog, ListTab
from desktop.ui.admin.offices import OfficeDialog
from desktop.ui.admin.user_dialogs import UserDialog
from tests.ui.conftest import TIMEOUT, wait_idle

PASSWORD = "qadam-2026"
NOT_ALLOWED = "Your role does not allow this. Ask a manager or an administrator."


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


def add_caseworker(database: Database, actor: Actor, login: str = "erlan") -> uuid.UUID:
    return admin.add_user(database, actor, login=login, full_name="Ерлан Қасымов",
                          role=Role.CASEWORKER, office_id=actor.office_id, password=PASSWORD)


def logins(tab: ListTab) -> list[str]:
    return [row.login for row in tab.model.rows]


def cell(tab: ListTab, row: int, column: int) -> str:
    return tab.model.index(row, column).data()


def ok_button(dialog: FormDialog) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def press_ok(qtbot: QtBot, dialog: FormDialog) -> None:
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)


def open_add_dialog(qtbot: QtBot, screen: AdministrationScreen) -> UserDialog:
    qtbot.mouseClick(screen.users.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(screen.users.dialog, UserDialog), timeout=TIMEOUT)
    dialog = screen.users.dialog
    assert isinstance(dialog, UserDialog)
    qtbot.waitExposed(dialog)
    return dialog


def fill_new_user(qtbot: QtBot, dialog: UserDialog, login: str = "Erlan") -> None:
    qtbot.keyClicks(dialog.login, login)
    type_text(dialog.full_name, "Ерлан Қасымов")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.MANAGER.value))
    qtbot.keyClicks(dialog.password, "erlan-2026")
    qtbot.keyClicks(dialog.password_again, "erlan-2026")


def with_users(qtbot: QtBot, screen: AdministrationScreen, database: Database,
               boss: Actor) -> ListTab:
    """The Users tab once a caseworker, added behind its back, has been read."""
    add_caseworker(database, boss)
    tab = screen.users
    tab.reload()
    qtbot.waitUntil(lambda: logins(tab) == ["admin", "erlan"], timeout=TIMEOUT)
    return tab


def message_box(qtbot: QtBot, parent: QWidget) -> QMessageBox:
    qtbot.waitUntil(lambda: bool(parent.findChildren(QMessageBox)), timeout=TIMEOUT)
    return parent.findChildren(QMessageBox)[-1]


# ---- users ----------------------------------------------------------------------------


def test_adding_a_user_through_the_dialog_shows_them_in_the_table(
        qtbot: QtBot, screen: AdministrationScreen, database: Database) -> None:
    tab = screen.users
    assert logins(tab) == ["admin"]
    dialog = open_add_dialog(qtbot, screen)
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert dialog.office.currentText() == "AST — Астана"
    fill_new_user(qtbot, dialog)
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None and logins(tab) == ["admin", "erlan"],
                    timeout=TIMEOUT)

    assert [cell(tab, 1, column) for column in range(5)] == [
        "erlan", "Ерлан Қасымов", "Manager", "AST", "Yes"]
    qtbot.waitUntil(lambda: tab.selected() is not None and tab.selected().login == "erlan",
                    timeout=TIMEOUT)  # the new user is selected
    actor = log_in(database, "erlan", "erlan-2026")
    assert (actor.full_name, actor.role) == ("Ерлан Қасымов", Role.MANAGER)


def test_a_user_added_shows_in_the_list_through_the_change_hub_alone(
        qtbot: QtBot, screen: AdministrationScreen) -> None:
    """No reload of its own after the dialog: the list hears of the write from the hub."""
    tab = screen.users
    heard: list[Changes] = []
    operations.hub().changed.connect(heard.append)
    dialog = open_add_dialog(qtbot, screen)
    fill_new_user(qtbot, dialog)
    operations.hub().blockSignals(True)  # the hub silent: the user is saved, not shown
    try:
        press_ok(qtbot, dialog)
        qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
        wait_idle(qtbot)
        assert logins(tab) == ["admin"]
    finally:
        operations.hub().blockSignals(False)
        operations.hub().changed.disconnect(heard.append)

    dialog = open_add_dialog(qtbot, screen)
    fill_new_user(qtbot, dialog, "dana")
    with qtbot.waitSignal(operations.hub().changed, timeout=TIMEOUT) as announced:
        press_ok(qtbot, dialog)
    changes = announced.args[0]
    assert changes.touches("app_user")
    qtbot.waitUntil(lambda: logins(tab) == ["admin", "dana", "erlan"], timeout=TIMEOUT)
    qtbot.waitUntil(lambda: tab.selected() is not None and tab.selected().login == "dana",
                    timeout=TIMEOUT)
    assert tab.selected().id in changes.ids("app_user")


def test_save_is_disabled_while_the_write_runs_and_the_dialog_then_closes(
        qtbot: QtBot, screen: AdministrationScreen, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    add_user = admin.add_user

    def held(*args: Any, **kwargs: Any) -> uuid.UUID:
        release.wait(timeout=TIMEOUT / 1000)
        return add_user(*args, **kwargs)

    monkeypatch.setattr(admin, "add_user", held)
    dialog = open_add_dialog(qtbot, screen)
    fill_new_user(qtbot, dialog)
    press_ok(qtbot, dialog)
    assert not ok_button(dialog).isEnabled() and dialog.writing
    dialog.reject()  # Escape while writing: the answer must still reach the dialog
    assert dialog.isVisible()
    release.set()
    qtbot.waitUntil(lambda: screen.users.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: logins(screen.users) == ["admin", "erlan"], timeout=TIMEOUT)


def test_problems_are_shown_beside_the_fields_and_nothing_is_saved(
        qtbot: QtBot, screen: AdministrationScreen) -> None:
    dialog = open_add_dialog(qtbot, screen)
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.form.problem("login") == "Enter a login."
    assert dialog.form.problem("full_name") == "Enter the full name."
    assert dialog.form.problem("password") == "The password needs at least 8 characters."
    assert dialog.form.errors["login"].isVisible()
    assert dialog.focusWidget() is dialog.login  # the first field to fix
    qtbot.keyClicks(dialog.login, "admin")
    type_text(dialog.full_name, "Тағы бір әкімші")
    qtbot.keyClicks(dialog.password, "first-password")
    qtbot.keyClicks(dialog.password_again, "other-password")
    press_ok(qtbot, dialog)
    assert dialog.form.problem("password_again") == "The two passwords differ."
    assert dialog.form.problem("login") == ""
    assert not dialog.form.errors["login"].isVisible()
    dialog.password_again.clear()
    qtbot.keyClicks(dialog.password_again, "first-password")
    press_ok(qtbot, dialog)  # the service refuses the login: shown beside it
    qtbot.waitUntil(lambda: dialog.form.problem("login") != "", timeout=TIMEOUT)
    assert dialog.form.problem("login") == "The login “admin” is already taken."
    assert dialog.isVisible() and ok_button(dialog).isEnabled()
    assert dialog.message.text() == ""
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.users.dialog is None, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert logins(screen.users) == ["admin"]


def test_the_last_administrator_refusal_is_shown_beside_the_role(
        qtbot: QtBot, screen: AdministrationScreen) -> None:
    tab = screen.users
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(tab.dialog, UserDialog), timeout=TIMEOUT)
    dialog = tab.dialog
    dialog.role.setCurrentIndex(dialog.role.findData(Role.MANAGER.value))
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.form.problem("role") != "", timeout=TIMEOUT)
    assert dialog.form.problem("role").startswith("This is the last active administrator")
    dialog.reject()


def test_ctrl_n_opens_the_new_user_dialog(qtbot: QtBot, screen: AdministrationScreen) -> None:
    screen.users.table.setFocus()
    qtbot.keyClick(screen.users.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(screen.users.dialog, UserDialog), timeout=TIMEOUT)
    screen.users.dialog.reject()


def test_deactivate_and_reactivate_a_user(qtbot: QtBot, screen: AdministrationScreen,
                                          database: Database, boss: Actor) -> None:
    tab = with_users(qtbot, screen, database, boss)
    tab.table.selectRow(0)  # oneself: cannot be deactivated here
    assert not tab.active_button.isEnabled()
    assert tab.password_button.isEnabled()
    tab.table.selectRow(1)
    assert tab.active_button.isEnabled() and tab.active_button.text() == "&Deactivate"
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(tab, 1, 4) == "No", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: tab.active_button.isEnabled(), timeout=TIMEOUT)
    assert tab.active_button.text() == "&Reactivate"
    with pytest.raises(LoginFailed):
        log_in(database, "erlan", PASSWORD)
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cell(tab, 1, 4) == "Yes", timeout=TIMEOUT)
    log_in(database, "erlan", PASSWORD)


def test_a_refused_deactivation_says_why_and_shows_the_user_as_they_are(
        qtbot: QtBot, screen: AdministrationScreen, database: Database, boss: Actor) -> None:
    tab = with_users(qtbot, screen, database, boss)
    tab.table.selectRow(1)
    row = tab.selected()
    admin.edit_user(database, boss, row.id, row.version, full_name="Ерлан Б.",
                    role=Role.CASEWORKER, office_id=row.office_id)
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    box = message_box(qtbot, tab)
    assert "Әлия Сапарова changed this record" in box.text()
    box.close()
    qtbot.waitUntil(lambda: cell(tab, 1, 1) == "Ерлан Б.", timeout=TIMEOUT)
    assert cell(tab, 1, 4) == "Yes"  # nothing was written


def test_reset_password_through_the_dialog(qtbot: QtBot, screen: AdministrationScreen,
                                           database: Database, boss: Actor) -> None:
    tab = with_users(qtbot, screen, database, boss)
    tab.table.selectRow(1)
    qtbot.mouseClick(tab.password_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and "Ерлан Қасымов" in dialog.windowTitle()
    qtbot.keyClicks(dialog.password, "new-secret-1")
    qtbot.keyClicks(dialog.password_again, "new-secret-1")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    with pytest.raises(LoginFailed):
        log_in(database, "erlan", PASSWORD)
    log_in(database, "erlan", "new-secret-1")
    wait_idle(qtbot)
    assert tab.selected().login == "erlan"


def test_a_conflicting_edit_is_reported_and_the_dialog_stays(
        qtbot: QtBot, screen: AdministrationScreen, database: Database, boss: Actor) -> None:
    tab = with_users(qtbot, screen, database, boss)
    tab.table.selectRow(1)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(tab.dialog, UserDialog), timeout=TIMEOUT)
    dialog = tab.dialog
    assert dialog.login.isReadOnly()
    assert dialog.full_name.text() == "Ерлан Қасымов"
    row = tab.selected()
    admin.edit_user(database, boss, row.id, row.version, full_name="Ерлан Б.",
                    role=Role.CASEWORKER, office_id=row.office_id)
    dialog.full_name.setText("Ерлан Қасымұлы")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=TIMEOUT)
    assert "Әлия Сапарова changed this record" in dialog.message.text()
    assert dialog.isVisible() and dialog.message.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: cell(tab, 1, 1) == "Ерлан Б.", timeout=TIMEOUT)  # theirs


# ---- offices and the center -------------------------------------------------------------


def test_adding_an_office_offers_it_to_users(qtbot: QtBot, screen: AdministrationScreen) -> None:
    screen.tabs.setCurrentWidget(screen.offices)
    tab = screen.offices
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, OfficeDialog)
    qtbot.keyClicks(dialog.code, "pet")
    assert dialog.code.text() == "PET"  # upper-case as typed
    type_text(dialog.name, "Петропавл кеңсесі")
    qtbot.waitUntil(lambda: dialog.region.findData("59") >= 0, timeout=TIMEOUT)
    dialog.region.setCurrentIndex(dialog.region.findData("59"))
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None
                    and [row.code for row in tab.model.rows] == ["AST", "PET"], timeout=TIMEOUT)
    assert cell(tab, 1, 2) == "North Kazakhstan Region"
    qtbot.waitUntil(lambda: tab.selected() is not None and tab.selected().code == "PET",
                    timeout=TIMEOUT)
    screen.tabs.setCurrentWidget(screen.users)
    dialog = open_add_dialog(qtbot, screen)
    assert dialog.office.findData(str(tab.model.rows[1].id)) >= 0
    dialog.reject()


def test_renaming_an_office_code_shows_in_the_users_list(
        qtbot: QtBot, screen: AdministrationScreen) -> None:
    offices = screen.offices
    offices.table.selectRow(0)
    offices.edit_office()
    dialog = offices.dialog
    assert isinstance(dialog, OfficeDialog)
    assert dialog.region.currentData() == "71"  # its own region before the list is read
    dialog.code.setText("NQZ")
    press_ok(qtbot, dialog)
    # The Users tab is not shown: it hears of the office's new code from the hub.
    qtbot.waitUntil(lambda: cell(screen.users, 0, 3) == "NQZ", timeout=TIMEOUT)


def test_a_taken_office_code_is_shown_beside_the_field(
        qtbot: QtBot, screen: AdministrationScreen) -> None:
    tab = screen.offices
    tab.add_office()
    dialog = tab.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.region.count() > 0, timeout=TIMEOUT)
    qtbot.keyClicks(dialog.code, "ast")
    qtbot.keyClicks(dialog.name, "Again")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.form.problem("code") != "", timeout=TIMEOUT)
    assert dialog.form.problem("code") == "There is already an office with the code “AST”."
    dialog.reject()


def test_the_center_details_are_saved(qtbot: QtBot, screen: AdministrationScreen,
                                      database: Database, boss: Actor) -> None:
    tab = screen.center
    assert tab.name.text() == "«Қадам» орталығы"
    tab.name.clear()
    type_text(tab.name, "«Қадам» бейімдеу орталығы")
    tab.phone.setText("+7 7172 55 00 00")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status.text() == "Saved.", timeout=TIMEOUT)
    wait_idle(qtbot)  # the hub's re-read of our own save, too
    assert tab.status.text() == "Saved."
    details = admin.center_details(database, boss)
    assert (details.name, details.address, details.phone) == (
        "«Қадам» бейімдеу орталығы", "Астана", "+7 7172 55 00 00")

    admin.save_center(database, boss, name="Someone else's", address="", phone="",
                      version=details.version)
    tab.address.setText("Mine")
    tab.save()
    qtbot.waitUntil(lambda: "changed this record" in tab.status.text(), timeout=TIMEOUT)
    assert tab.address.text() == "Mine"  # what was typed is kept
    tab.name.clear()
    tab.save()
    assert tab.form.problem("name") == "Enter the center's name."
    qtbot.mouseClick(tab.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.name.text() == "Someone else's", timeout=TIMEOUT)
    assert tab.form.problem("name") == "" and tab.status.text() == ""


def test_someone_not_an_administrator_sees_a_refusal_not_data(
        qtbot: QtBot, database: Database, boss: Actor) -> None:
    add_caseworker(database, boss)
    widget = AdministrationScreen(database, log_in(database, "erlan", PASSWORD))
    qtbot.addWidget(widget)
    widget.show()
    wait_idle(qtbot)
    assert widget.users.model.rows == [] and widget.offices.model.rows == []
    assert widget.center.name.text() == ""
    assert widget.users.message.text() == widget.offices.message.text() == NOT_ALLOWED
    assert widget.users.message.isVisible()
    assert widget.center.status.text() == NOT_ALLOWED
    assert widget.findChildren(QMessageBox) == []  # said in place, not in three boxes


def test_switching_language_retranslates_roles(qtbot: QtBot, screen: AdministrationScreen,
                                               database: Database, boss: Actor) -> None:
    with_users(qtbot, screen, database, boss)
    assert cell(screen.users, 1, 2) == "Caseworker"
    i18n.set_language("ru")
    screen.retranslate()
    assert cell(screen.users, 1, 2) == "Специалист"
    qtbot.waitUntil(lambda: screen.offices.model.rows[0].region == "город Астана",
                    timeout=TIMEOUT)


def test_a_closed_screen_is_freed_and_no_longer_listens(qtbot: QtBot, database: Database,
                                                        boss: Actor) -> None:
    widget = AdministrationScreen(database, boss)
    widget.show()
    wait_idle(qtbot)
    widget.close()
    widget.deleteLater()
    del widget
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert [obj for obj in gc.get_objects() if isinstance(obj, AdministrationScreen)] == []
    assert [obj for obj in gc.get_objects() if isinstance(obj, ListTab)] == []
    operations.hub().changed.emit(Changes(frozenset({("app_user", boss.user_id)})))
    wait_idle(qtbot)  # nobody is left to read anything


def test_the_rules_tab_changes_the_low_attendance_threshold(qtbot: QtBot, screen, database,
                                                            boss) -> None:
    from desktop.services import center_settings

    key = center_settings.LOW_ATTENDANCE_PERCENT.key
    rules = screen.rules
    screen.tabs.setCurrentWidget(rules)
    wait_idle(qtbot)
    assert rules.boxes[key].value() == 60  # the default until set
    rules.boxes[key].setValue(45)
    rules.save_button.click()
    qtbot.waitUntil(lambda: rules.status.text() == "Saved.", timeout=TIMEOUT)
    assert center_settings.read_setting(database, boss,
                                        center_settings.LOW_ATTENDANCE_PERCENT) == 45
