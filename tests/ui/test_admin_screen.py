"""The Administration screen, driven as an administrator would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from db.models import Role
from db.session import Database
from desktop import i18n
from desktop.services import admin
from desktop.services.auth import Actor, LoginFailed, log_in, set_up
from desktop.ui.admin import AdministrationScreen
from desktop.ui.admin.center import CenterTab
from desktop.ui.admin.common import FormDialog, ListTab
from desktop.ui.admin.user_dialogs import UserDialog

TIMEOUT = 3000
PASSWORD = "qadam-2026"


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
    return widget


def add_caseworker(database: Database, actor: Actor, login: str = "erlan") -> None:
    admin.add_user(database, actor, login=login, full_name="Ерлан Қасымов",
                   role=Role.CASEWORKER, office_id=actor.office_id, password=PASSWORD)


def logins(tab: ListTab) -> list[str]:
    return [row.login for row in tab.model.rows]


def cell(tab: ListTab, row: int, column: int) -> str:
    return tab.model.index(row, column).data()


def press_ok(qtbot: QtBot, dialog: FormDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def open_add_dialog(qtbot: QtBot, screen: AdministrationScreen) -> UserDialog:
    qtbot.mouseClick(screen.users.add_button, Qt.MouseButton.LeftButton)
    dialog = screen.users.dialog
    assert isinstance(dialog, UserDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_adding_a_user_through_the_dialog_shows_them_in_the_table(
        qtbot: QtBot, screen: AdministrationScreen, database: Database) -> None:
    tab = screen.users
    assert logins(tab) == ["admin"]
    dialog = open_add_dialog(qtbot, screen)
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    qtbot.keyClicks(dialog.login, "Erlan")
    type_text(dialog.full_name, "Ерлан Қасымов")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.MANAGER.value))
    assert dialog.office.currentText() == "AST — Астана"
    qtbot.keyClicks(dialog.password, "erlan-2026")
    qtbot.keyClicks(dialog.password_again, "erlan-2026")
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)

    assert logins(tab) == ["admin", "erlan"]
    assert [cell(tab, 1, column) for column in range(5)] == [
        "erlan", "Ерлан Қасымов", "Manager", "AST", "Yes"]
    assert tab.selected().login == "erlan"  # the new user is selected
    actor = log_in(database, "erlan", "erlan-2026")
    assert (actor.full_name, actor.role) == ("Ерлан Қасымов", Role.MANAGER)


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
    assert dialog.isVisible()
    assert dialog.form.problem("login") == "The login “admin” is already taken."
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.users.dialog is None, timeout=TIMEOUT)
    assert logins(screen.users) == ["admin"]


def test_ctrl_n_opens_the_new_user_dialog(qtbot: QtBot, screen: AdministrationScreen) -> None:
    screen.users.table.setFocus()
    qtbot.keyClick(screen.users.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(screen.users.dialog, UserDialog), timeout=TIMEOUT)
    screen.users.dialog.reject()


def test_deactivate_and_reactivate_a_user(qtbot: QtBot, screen: AdministrationScreen,
                                          database: Database, boss: Actor) -> None:
    add_caseworker(database, boss)
    tab = screen.users
    tab.reload()
    tab.table.selectRow(0)  # oneself: cannot be deactivated here
    assert not tab.active_button.isEnabled()
    assert tab.password_button.isEnabled()
    tab.table.selectRow(1)
    assert tab.active_button.isEnabled() and tab.active_button.text() == "&Deactivate"
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    assert cell(tab, 1, 4) == "No" and tab.active_button.text() == "&Reactivate"
    with pytest.raises(LoginFailed):
        log_in(database, "erlan", PASSWORD)
    qtbot.mouseClick(tab.active_button, Qt.MouseButton.LeftButton)
    assert cell(tab, 1, 4) == "Yes"
    log_in(database, "erlan", PASSWORD)


def test_reset_password_through_the_dialog(qtbot: QtBot, screen: AdministrationScreen,
                                           database: Database, boss: Actor) -> None:
    add_caseworker(database, boss)
    tab = screen.users
    tab.reload()
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
    assert tab.selected().login == "erlan"


def test_a_conflicting_edit_is_reported_and_the_dialog_stays(
        qtbot: QtBot, screen: AdministrationScreen, database: Database, boss: Actor) -> None:
    add_caseworker(database, boss)
    tab = screen.users
    tab.reload()
    tab.table.selectRow(1)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert isinstance(dialog, UserDialog) and dialog.login.isReadOnly()
    assert dialog.full_name.text() == "Ерлан Қасымов"
    warnings: list[str] = []
    dialog.warn = warnings.append  # type: ignore[method-assign]
    row = tab.selected()
    admin.edit_user(database, boss, row.id, row.version, full_name="Ерлан Б.",
                    role=Role.CASEWORKER, office_id=row.office_id)
    dialog.full_name.setText("Ерлан Қасымұлы")
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert warnings and "Әлия Сапарова changed this record" in warnings[0]
    dialog.reject()
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    assert cell(tab, 1, 1) == "Ерлан Б."  # the list shows their change


def test_adding_an_office_offers_it_to_users(qtbot: QtBot, screen: AdministrationScreen) -> None:
    screen.tabs.setCurrentWidget(screen.offices)
    tab = screen.offices
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.code, "pet")
    assert dialog.code.text() == "PET"  # upper-case as typed
    type_text(dialog.name, "Петропавл кеңсесі")
    dialog.region.setCurrentIndex(dialog.region.findData("59"))
    press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    assert [row.code for row in tab.model.rows] == ["AST", "PET"]
    assert cell(tab, 1, 2) == "North Kazakhstan Region"
    assert tab.selected().code == "PET"
    screen.tabs.setCurrentWidget(screen.users)
    dialog = open_add_dialog(qtbot, screen)
    assert dialog.office.findData(str(tab.model.rows[1].id)) >= 0
    dialog.reject()


def test_a_taken_office_code_is_shown_beside_the_field(
        qtbot: QtBot, screen: AdministrationScreen) -> None:
    tab = screen.offices
    tab.add_office()
    dialog = tab.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.code, "ast")
    qtbot.keyClicks(dialog.name, "Again")
    press_ok(qtbot, dialog)
    assert dialog.form.problem("code") == "There is already an office with the code “AST”."
    dialog.reject()


def test_the_center_details_are_saved(qtbot: QtBot, screen: AdministrationScreen,
                                      database: Database, boss: Actor,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tab = screen.center
    assert tab.name.text() == "«Қадам» орталығы"
    tab.name.clear()
    type_text(tab.name, "«Қадам» бейімдеу орталығы")
    tab.phone.setText("+7 7172 55 00 00")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.status.text() == "Saved."
    details = admin.center_details(database, boss)
    assert (details.name, details.address, details.phone) == (
        "«Қадам» бейімдеу орталығы", "Астана", "+7 7172 55 00 00")

    warnings: list[str] = []
    monkeypatch.setattr(tab, "warn", warnings.append)
    admin.save_center(database, boss, name="Someone else's", address="", phone="",
                      version=details.version)
    tab.address.setText("Mine")
    assert not tab.save()
    assert warnings and "changed this record" in warnings[0]
    assert tab.address.text() == "Mine"  # what was typed is kept
    tab.name.clear()
    assert not tab.save()
    assert tab.form.problem("name") == "Enter the center's name."
    qtbot.mouseClick(tab.reload_button, Qt.MouseButton.LeftButton)
    assert tab.name.text() == "Someone else's"


def test_someone_not_an_administrator_sees_a_refusal_not_data(
        qtbot: QtBot, database: Database, boss: Actor, monkeypatch: pytest.MonkeyPatch) -> None:
    add_caseworker(database, boss)
    warnings: list[str] = []
    monkeypatch.setattr(ListTab, "warn", lambda self, text: warnings.append(text))
    monkeypatch.setattr(CenterTab, "warn", lambda self, text: warnings.append(text))
    widget = AdministrationScreen(database, log_in(database, "erlan", PASSWORD))
    qtbot.addWidget(widget)
    assert widget.users.model.rows == [] and widget.offices.model.rows == []
    assert widget.center.name.text() == ""
    assert set(warnings) == {"Only an administrator may do this."}


def test_switching_language_retranslates_roles(screen: AdministrationScreen, database: Database,
                                               boss: Actor) -> None:
    add_caseworker(database, boss)
    screen.users.reload()
    assert cell(screen.users, 1, 2) == "Caseworker"
    i18n.set_language("ru")
    screen.retranslate()
    assert cell(screen.users, 1, 2) == "Специалист"
    assert screen.offices.model.rows[0].region == "город Астана"
