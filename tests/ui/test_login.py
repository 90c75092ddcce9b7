"""First run and login, as a person fills them in."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.services.auth import log_in, needs_setup
from desktop.ui.login.login_dialog import LoginDialog
from desktop.ui.login.setup_dialog import SetupDialog


def test_first_run_creates_the_center_office_and_administrator(qtbot: QtBot,
                                                               database: Database) -> None:
    assert needs_setup(database)
    dialog = SetupDialog(database)
    qtbot.addWidget(dialog)
    for field, text in ((dialog.center_name, "Qadam Center"), (dialog.office_code, "ast"),
                        (dialog.office_name, "Astana"), (dialog.admin_login, "admin"),
                        (dialog.admin_name, "Aigerim"), (dialog.password, "long-enough-1"),
                        (dialog.password_again, "long-enough-2")):
        qtbot.keyClicks(field, text)
    dialog.create()
    assert "differ" in dialog.error.text() and dialog.actor is None  # nothing created
    dialog.password_again.clear()
    qtbot.keyClicks(dialog.password_again, "long-enough-1")
    dialog.create()
    assert dialog.actor is not None and dialog.actor.office_code == "AST"
    assert not needs_setup(database)
    assert log_in(database, "admin", "long-enough-1").full_name == "Aigerim"


def test_a_wrong_password_is_refused_with_a_message(qtbot: QtBot,
                                                    demo_database: Database) -> None:
    dialog = LoginDialog(demo_database)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login, "cw1.ast")
    qtbot.keyClicks(dialog.password, "not-the-password")
    dialog.try_login()
    assert dialog.actor is None and dialog.error.text()
    assert dialog.result() == 0
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "qadam-caseworker")
    dialog.try_login()
    assert dialog.actor is not None and dialog.actor.login == "cw1.ast"
