"""Follow-ups created, rescheduled, reassigned and reopened from the client file and Today,
through the one set of dialogs; every open screen shows the change with no manual refresh."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from db.models import FollowUp
from db.session import Database
from desktop.services import follow_ups
from desktop.services.auth import Actor, log_in
from desktop.services.client_file import FollowUpItem
from desktop.ui.client_file import ClientFileWindow
from desktop.ui.client_file.follow_ups_tab import FollowUpsTab
from desktop.ui.follow_ups.dialogs import (
    NewFollowUpDialog,
    ReassignDialog,
    ReopenDialog,
    RescheduleDialog,
    TaskDialog,
)
from desktop.ui.today import TodayScreen
from tests.conftest import DEMO_TODAY, busiest_caseworker
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    """The demo caseworker with the most due follow-ups."""
    return busiest_caseworker(demo_database)




def open_today(qtbot: QtBot, database: Database, actor: Actor) -> TodayScreen:
    screen = TodayScreen(database, actor, today=DEMO_TODAY)
    qtbot.addWidget(screen)
    screen.show()
    wait_idle(qtbot)
    assert screen.work is not None
    return screen


def open_file(qtbot: QtBot, database: Database, actor: Actor,
              person: uuid.UUID) -> ClientFileWindow:
    return open_client_file(qtbot, database, actor, person, "follow_ups")  # type: ignore[return-value]


def select(tab: FollowUpsTab, follow_up_id: uuid.UUID) -> None:
    row = next(r for r in range(tab.table.rowCount()) if tab.table.key(r) == follow_up_id)
    tab.table.selectRow(row)


def ready(qtbot: QtBot, dialog: TaskDialog | None) -> TaskDialog:
    assert dialog is not None
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    return dialog


def press_ok(qtbot: QtBot, dialog: TaskDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def item(window: ClientFileWindow, follow_up_id: uuid.UUID) -> FollowUpItem:
    """The task as the file now shows it (an AssertionError keeps ``waitUntil`` waiting)."""
    assert window.file is not None
    found = next((f for f in window.file.follow_ups if f.id == follow_up_id), None)
    assert found is not None
    return found


def test_a_follow_up_made_in_the_file_shows_there_and_in_today_at_once(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    before = today.work.follow_ups_total
    person = today.follow_ups.model.line(0).person_id
    window = open_file(qtbot, demo_database, caseworker, person)
    tab = window.follow_ups
    assert tab.new_button.isEnabled() and not tab.reopen_button.isEnabled()

    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = ready(qtbot, tab.dialog)
    assert isinstance(dialog, NewFollowUpDialog)
    assert dialog.assignee.value() == caseworker.user_id  # the user's own unless chosen
    assert dialog.due.value() == DEMO_TODAY + timedelta(days=7)
    qtbot.keyClicks(dialog.title, "Ask for the employer's letter")
    dialog.due.set_value(DEMO_TODAY)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        press_ok(qtbot, dialog)

    qtbot.waitUntil(lambda: any(f.title == "Ask for the employer's letter"
                                for f in window.file.follow_ups), timeout=TIMEOUT)
    titles = [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    assert "Ask for the employer's letter" in titles
    qtbot.waitUntil(lambda: today.work.follow_ups_total == before + 1, timeout=TIMEOUT)
    assert "Ask for the employer's letter" in {f.title for f in today.follow_ups.model.lines}


def test_a_new_follow_up_needs_a_title_said_beside_the_field(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    window = open_file(qtbot, demo_database, caseworker, today.follow_ups.model.line(0).person_id)
    count = len(window.file.follow_ups)
    dialog = ready(qtbot, window.follow_ups.new_follow_up())
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.form.problem("title") == "Say what is to be done."
    wait_idle(qtbot)
    assert len(window.file.follow_ups) == count


def test_rescheduling_from_today_takes_the_follow_up_off_todays_list(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    before = today.work.follow_ups_total
    today.follow_ups.view.select_row(0)
    line = today.selected_follow_up()
    assert line is not None and today.reschedule_button.isEnabled()

    qtbot.mouseClick(today.reschedule_button, Qt.MouseButton.LeftButton)
    dialog = ready(qtbot, today.dialog)
    assert isinstance(dialog, RescheduleDialog)
    assert dialog.due.value() == DEMO_TODAY + timedelta(days=1)  # put off to tomorrow
    dialog.due.set_value(DEMO_TODAY + timedelta(days=3))
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        press_ok(qtbot, dialog)

    qtbot.waitUntil(lambda: today.work.follow_ups_total == before - 1, timeout=TIMEOUT)
    assert line.id not in {f.id for f in today.follow_ups.model.lines}
    with demo_database.session() as s:
        assert s.get(FollowUp, line.id).due_on == DEMO_TODAY + timedelta(days=3)


def test_a_reschedule_over_someone_elses_change_says_who_and_reloads_the_file(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    line = today.follow_ups.model.line(0)
    window = open_file(qtbot, demo_database, caseworker, line.person_id)
    tab = window.follow_ups
    select(tab, line.id)
    assert tab.reschedule_button.isEnabled() and tab.reassign_button.isEnabled()
    dialog = ready(qtbot, tab.reschedule_selected())
    manager = log_in(demo_database, "manager.ast", "qadam-manager")
    # While the dialog is open, a manager moves the task (and the file reloads on it).
    follow_ups.reschedule(demo_database, manager, line.id, line.version,
                          DEMO_TODAY + timedelta(days=10), today=DEMO_TODAY)

    with qtbot.waitSignal(dialog.outdated, timeout=TIMEOUT):
        press_ok(qtbot, dialog)
    assert manager.full_name in dialog.message.text()
    assert not dialog.ok_button().isEnabled()  # its version would be refused again
    qtbot.waitUntil(lambda: item(window, line.id).due_on == DEMO_TODAY + timedelta(days=10),
                    timeout=TIMEOUT)
    dialog.reject()


def test_reassigning_in_the_file_shows_the_new_assignee_and_empties_my_today(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    line = today.follow_ups.model.line(0)
    window = open_file(qtbot, demo_database, caseworker, line.person_id)
    tab = window.follow_ups
    select(tab, line.id)
    qtbot.mouseClick(tab.reassign_button, Qt.MouseButton.LeftButton)
    dialog = ready(qtbot, tab.dialog)
    assert isinstance(dialog, ReassignDialog)
    assert dialog.assignee.value() == caseworker.user_id
    colleague = next(i for i in range(dialog.assignee.count())
                     if dialog.assignee.itemData(i) != str(caseworker.user_id))
    dialog.assignee.setCurrentIndex(colleague)
    name = dialog.assignee.itemText(colleague)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        press_ok(qtbot, dialog)

    qtbot.waitUntil(lambda: item(window, line.id).assignee == name, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: line.id not in {f.id for f in today.follow_ups.model.lines},
                    timeout=TIMEOUT)


def test_reopening_a_done_follow_up_in_the_file_says_why_and_puts_it_back_on_today(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    line = today.follow_ups.model.line(0)
    window = open_file(qtbot, demo_database, caseworker, line.person_id)
    tab = window.follow_ups
    tab.mark_done(line.id, "Phoned")
    qtbot.waitUntil(lambda: item(window, line.id).done, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: line.id not in {f.id for f in today.follow_ups.model.lines},
                    timeout=TIMEOUT)
    select(tab, line.id)
    assert tab.reopen_button.isEnabled()
    assert not (tab.done_button.isEnabled() or tab.reschedule_button.isEnabled()
                or tab.reassign_button.isEnabled())

    qtbot.mouseClick(tab.reopen_button, Qt.MouseButton.LeftButton)
    dialog = ready(qtbot, tab.dialog)
    assert isinstance(dialog, ReopenDialog)
    press_ok(qtbot, dialog)  # no reason given: said beside the field, nothing sent
    assert dialog.form.problem("reason") == "Say why the follow-up is to be done again."
    qtbot.keyClicks(dialog.reason, "Nobody answered: call again")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        press_ok(qtbot, dialog)

    qtbot.waitUntil(lambda: not item(window, line.id).done, timeout=TIMEOUT)
    assert item(window, line.id).comment == "Reopened: Nobody answered: call again"
    qtbot.waitUntil(lambda: line.id in {f.id for f in today.follow_ups.model.lines},
                    timeout=TIMEOUT)
    with demo_database.session() as s:
        task = s.get(FollowUp, line.id)
        assert not task.done and task.done_by is None
