"""Administration → Backups, and the main window's daily backup, driven as an administrator
would: every call through the operation runner, waited on by condition."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from db.models import Role
from db.session import Database
from desktop.services import admin, backups
from desktop.services.access import Actor
from desktop.services.auth import set_up
from desktop.ui.admin import backups as backups_ui
from desktop.ui.admin.backups import BackupsTab
from tests.ui.conftest import TIMEOUT, wait_idle

PASSWORD = "qadam-2026"


@pytest.fixture
def boss(database: Database) -> Actor:
    return set_up(database, center_name="«Қадам» орталығы", center_address="Астана",
                  center_phone="+7 7172 000000", office_code="AST", office_name="Астана",
                  region_code="71", admin_login="admin", admin_name="Әлия Сапарова",
                  admin_password=PASSWORD)


@pytest.fixture
def tab(qtbot: QtBot, database: Database, boss: Actor) -> BackupsTab:
    widget = BackupsTab(database, boss)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.read, timeout=TIMEOUT)
    wait_idle(qtbot)
    return widget


def logins(database: Database, boss: Actor) -> set[str]:
    return {row.login for row in admin.list_users(database, boss)}


def reread(qtbot: QtBot, tab: BackupsTab) -> None:
    tab.read = False
    tab.reload()
    qtbot.waitUntil(lambda: tab.read, timeout=TIMEOUT)
    wait_idle(qtbot)


def test_the_tab_shows_the_folder_and_warns_when_there_is_no_backup(
        tab: BackupsTab, database_path: Path) -> None:
    assert str(database_path.parent / "backups") in tab.folder_label.text()
    assert "default" in tab.folder_label.text()
    assert tab.last_label.text() == "none yet"
    assert tab.warning.isVisible()
    assert "no backup of this database yet" in tab.warning.text()
    assert not tab.restore_selected_button.isEnabled()  # nothing to choose yet


def test_back_up_now_writes_a_file_and_the_list_shows_it(
        qtbot: QtBot, tab: BackupsTab, database_path: Path) -> None:
    qtbot.mouseClick(tab.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(tab.model.rows) == 1, timeout=TIMEOUT)
    wait_idle(qtbot)
    (row,) = tab.model.rows
    assert row.path.parent == database_path.parent / "backups" and row.path.is_file()
    assert row.path.name.startswith(f"{database_path.stem}-{date.today().isoformat()}-")
    assert tab.model.index(0, 1).data() == "Made by hand"
    assert tab.status.text().startswith(f"Backed up to {row.path}")
    assert not tab.warning.isVisible()
    assert tab.last_label.text() != "none yet"
    assert tab.back_up_button.isEnabled()


def test_the_warning_shows_when_there_has_been_no_backup_for_three_days(
        qtbot: QtBot, tab: BackupsTab, database: Database, boss: Actor) -> None:
    made = backups.daily_backup(database, boss)
    assert made is not None
    reread(qtbot, tab)
    assert not tab.warning.isVisible() and tab.model.index(0, 1).data().startswith("Monthly")
    old = (datetime.now() - timedelta(days=4, hours=1)).timestamp()
    os.utime(made.path, (old, old))
    reread(qtbot, tab)
    assert tab.warning.isVisible()
    assert "no backup for 4 days" in tab.warning.text()


def test_restoring_the_selected_backup_brings_its_data_back(
        qtbot: QtBot, tab: BackupsTab, database: Database, boss: Actor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    made = backups.back_up_now(database, boss)
    admin.add_user(database, boss, login="dana", full_name="Дана Ахметова",
                   role=Role.CASEWORKER, office_id=boss.office_id, password=PASSWORD)
    reread(qtbot, tab)
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(backups_ui, "ask", answer)
    tab.table.selectRow(0)
    assert tab.restore_selected_button.isEnabled()
    with qtbot.waitSignal(tab.restored, timeout=TIMEOUT) as restored:
        qtbot.mouseClick(tab.restore_selected_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot)
    assert made.path.name in asked[0]
    done = restored.args[0]
    assert done.source == made.path and done.kept is not None and done.kept.is_file()
    assert "dana" not in logins(database, boss)
    assert tab.status.text().startswith(f"The backup {made.path.name} was restored")


def test_a_restore_answered_no_changes_nothing(
        qtbot: QtBot, tab: BackupsTab, database: Database, boss: Actor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    backups.back_up_now(database, boss)
    reread(qtbot, tab)
    monkeypatch.setattr(backups_ui, "ask", lambda *_args: QMessageBox.StandardButton.No)
    tab.table.selectRow(0)
    assert tab.restore_selected() is None
    assert not tab.working and tab.status.text() == ""


def test_a_file_that_is_no_backup_is_refused_in_one_line(
        qtbot: QtBot, tab: BackupsTab, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = tmp_path / "clients.csv"
    text.write_text("last_name;first_name\nСапарова;Әлия\n", encoding="utf-8")
    monkeypatch.setattr(backups_ui, "ask", lambda *_args: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(tab, "choose_backup_file", lambda: text)
    qtbot.mouseClick(tab.restore_file_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not a Qadam backup" in tab.status.text(), timeout=TIMEOUT)
    wait_idle(qtbot)
    assert tab.restore_file_button.isEnabled()


def test_an_administrator_points_the_backups_at_a_second_disk(
        qtbot: QtBot, tab: BackupsTab, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    second = tmp_path / "second-disk"
    second.mkdir()
    monkeypatch.setattr(tab, "choose_folder", lambda _start: second)
    qtbot.mouseClick(tab.change_folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.folder_label.text() == str(second), timeout=TIMEOUT)
    wait_idle(qtbot)
    assert tab.default_folder_button.isEnabled()
    qtbot.mouseClick(tab.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list(second.iterdir())) == 1 and len(tab.model.rows) == 1,
                    timeout=TIMEOUT)
    wait_idle(qtbot)
    qtbot.mouseClick(tab.default_folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "default" in tab.folder_label.text(), timeout=TIMEOUT)
    wait_idle(qtbot)
    assert tab.model.rows == []  # the default folder holds none yet


def test_the_main_window_backs_up_at_the_first_login_of_the_day_and_a_restore_logs_out(
        qtbot: QtBot, database: Database, boss: Actor, database_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.main_window import MainWindow

    daily = database_path.parent / "backups" / f"qadam-{date.today().isoformat()}.db"
    window = MainWindow(database, boss)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(daily.exists, timeout=TIMEOUT)
    wait_idle(qtbot)
    written = daily.stat().st_mtime_ns
    tab = window.administration.backups
    qtbot.waitUntil(lambda: len(tab.model.rows) == 1, timeout=TIMEOUT)
    assert window.backup_action.isVisible() and window.backup_action.text() == "&Back up now…"

    second = MainWindow(database, boss)  # the next login the same day
    qtbot.addWidget(second)
    wait_idle(qtbot)
    assert daily.stat().st_mtime_ns == written
    assert len(list(daily.parent.iterdir())) == 1
    second.close()

    monkeypatch.setattr(backups_ui, "ask", lambda *_args: QMessageBox.StandardButton.Yes)
    window.show_section("administration")
    tab.table.selectRow(0)
    tab.restore_selected()
    qtbot.waitUntil(lambda: window.logged_out and not window.isVisible(), timeout=TIMEOUT)
    wait_idle(qtbot)
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("Log in again" in box.text() for box in boxes)
    for box in boxes:
        box.close()


def test_the_file_menu_backs_up_to_a_chosen_file(qtbot: QtBot, database: Database,
                                                 boss: Actor, tmp_path: Path) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(database, boss)
    qtbot.addWidget(window)
    wait_idle(qtbot)
    from desktop.ui.admin.backups import BackUpToFile

    target = tmp_path / "stick" / "copy.db"
    target.parent.mkdir()
    saver = BackUpToFile(window, database, boss)
    with qtbot.waitSignal(saver.finished, timeout=TIMEOUT) as finished:
        saver.back_up_to(target)
    wait_idle(qtbot)
    assert target.is_file() and finished.args[0].startswith(f"Backed up to {target}")
    with qtbot.waitSignal(saver.finished, timeout=TIMEOUT) as refused:
        saver.back_up_to(tmp_path / "none" / "copy.db")
    wait_idle(qtbot)
    assert refused.args[0].startswith("There is no folder")
