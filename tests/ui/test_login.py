"""First run and login, as a person fills them in."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import update

from db.models import Role, User
from db.session import Database
from desktop.services.auth import StartState, log_in, start_state
from desktop.ui.app import no_administrator_text
from desktop.ui.login.login_dialog import LoginDialog
from desktop.ui.login.setup_dialog import SetupDialog
from desktop.ui.qt_language import switch_language
from tests.ui.conftest import TIMEOUT, wait_idle


def test_first_run_creates_the_center_office_and_administrator(qtbot: QtBot,
                                                               database: Database) -> None:
    assert start_state(database) is StartState.NEW
    dialog = SetupDialog(database)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.region.count() > 0, timeout=TIMEOUT)
    for field, text in ((dialog.center_name, "Qadam Center"), (dialog.office_code, "ast"),
                        (dialog.office_name, "Astana"), (dialog.admin_login, "admin"),
                        (dialog.admin_name, "Aigerim"), (dialog.password, "long-enough-1"),
                        (dialog.password_again, "long-enough-2")):
        qtbot.keyClicks(field, text)
    dialog.create()
    assert "differ" in dialog.error.text() and dialog.actor is None  # nothing created
    dialog.password_again.clear()
    qtbot.keyClicks(dialog.password_again, "long-enough-1")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.create()
    assert dialog.actor is not None and dialog.actor.office_code == "AST"
    assert start_state(database) is StartState.READY
    assert log_in(database, "admin", "long-enough-1").full_name == "Aigerim"


def test_the_set_up_is_refused_once_the_center_exists(qtbot: QtBot,
                                                      demo_database: Database) -> None:
    """A second set-up (a dialog left open, a second window) must not add an administrator."""
    dialog = SetupDialog(demo_database)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.region.count() > 0, timeout=TIMEOUT)
    for field, text in ((dialog.center_name, "Takeover"), (dialog.office_code, "zz"),
                        (dialog.office_name, "Z"), (dialog.admin_login, "intruder"),
                        (dialog.admin_name, "Intruder"), (dialog.password, "long-enough-1"),
                        (dialog.password_again, "long-enough-1")):
        qtbot.keyClicks(field, text)
    dialog.create()
    wait_idle(qtbot)
    assert dialog.actor is None and "already set up" in dialog.error.text()
    with demo_database.session() as s:
        assert s.query(User).filter_by(login="intruder").count() == 0


def test_a_center_without_an_administrator_is_never_offered_the_set_up(
        demo_database: Database) -> None:
    with demo_database.session() as s:
        s.execute(update(User).where(User.role == Role.ADMIN).values(active=False))
    assert start_state(demo_database) is StartState.NO_ADMINISTRATOR
    text = no_administrator_text(demo_database.location)
    assert "user add" in text and "--role admin" in text and demo_database.location in text


def test_a_wrong_password_is_refused_with_a_message(qtbot: QtBot,
                                                    demo_database: Database) -> None:
    dialog = LoginDialog(demo_database)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login, "cw1.ast")
    qtbot.keyClicks(dialog.password, "not-the-password")
    dialog.try_login()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=TIMEOUT)
    assert dialog.actor is None and dialog.error.text() == "The login or the password is wrong."
    assert dialog.result() == 0
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "qadam-caseworker")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        dialog.try_login()
    assert dialog.actor is not None and dialog.actor.login == "cw1.ast"


def test_the_login_offers_the_language_and_remembers_it(qtbot: QtBot,
                                                        database: Database) -> None:
    from desktop import i18n, settings

    dialog = LoginDialog(database)
    qtbot.addWidget(dialog)
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == [
        "Қазақша", "Русский", "English"]  # each in its own language
    try:
        dialog.language.setCurrentIndex(dialog.language.findData("ru"))
        assert dialog.login_label.text() == "&Логин"  # worded again at once
        assert i18n.current_language() == "ru" and settings.get("language") == "ru"
    finally:
        switch_language("en")  # Qt's catalogue too, for the tests after this one
