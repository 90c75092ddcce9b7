"""The Courses screen and a group's window, driven as a manager and a teacher would."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from db.models import EnrolmentStatus, GroupStatus
from db.session import Database
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.courses import register
from desktop.ui.courses.group_dialog import GroupDialog
from desktop.ui.courses.group_window import GroupWindow
from desktop.ui.courses.screen import CoursesScreen
from tests.conftest import DEMO_TODAY
from tests.services.test_courses import clients, new_group
from tests.ui.conftest import TIMEOUT, wait_idle

TODAY = DEMO_TODAY


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


def shown(qtbot: QtBot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    wait_idle(qtbot)
    return widget


def group_window(qtbot: QtBot, database: Database, actor: Actor,
                 group_id: uuid.UUID) -> GroupWindow:
    window = shown(qtbot, GroupWindow(database, actor, group_id, today=TODAY))
    qtbot.waitUntil(lambda: window.register is not None, timeout=TIMEOUT)
    return window


def names_and_states(window: GroupWindow) -> list[tuple[str, str]]:
    return [(line.name, line.state) for line in window.participants.model.rows]


def test_a_manager_plans_a_group_from_the_screen(qtbot: QtBot, demo_database, manager) -> None:
    screen = shown(qtbot, CoursesScreen(demo_database, manager))
    screen.new_button.click()
    dialog = screen.dialog
    assert isinstance(dialog, GroupDialog)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=TIMEOUT)
    dialog.name.setText("ҚАЗ-A1 кешкі")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    # No day of the week chosen: said beside the field, nothing written.
    assert dialog.form.problem("weekdays") == "Choose the days of the week the group meets."
    dialog.day_boxes[1].setChecked(True)  # Tuesday
    dialog.day_boxes[3].setChecked(True)  # Thursday
    dialog.starts_on.setDate(QDate(2027, 1, 12))
    dialog.ends_on.setDate(QDate(2027, 3, 30))
    dialog.capacity.setValue(12)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: screen.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: any(line.group.name == "ҚАЗ-A1 кешкі"
                                for line in screen.model.rows), timeout=TIMEOUT)
    line = next(line for line in screen.model.rows if line.group.name == "ҚАЗ-A1 кешкі")
    assert (line.group.capacity, line.group.weekdays, line.group.status) == (
        12, "24", GroupStatus.PLANNED)
    assert screen.model.data(screen.model.index(screen.model.rows.index(line), 7)) == "0/12"


def test_the_waiting_list_moves_when_a_participant_drops_out(qtbot: QtBot, demo_database,
                                                             manager, demo_path) -> None:
    group_id = new_group(demo_database, manager, capacity=1, name="KK-A2 окно")
    first, second = clients(demo_path, count=2)
    window = group_window(qtbot, demo_database, manager, group_id)

    window.participants.add_button.click()
    adding = window.dialog
    assert adding is not None
    for person in (first, second):
        adding._found([_client_row(demo_database, manager, person)])  # as a search returns
        adding.add_selected()
        qtbot.waitUntil(lambda: adding.add_button.isEnabled(), timeout=TIMEOUT)
    assert "on the waiting list, number 1" in adding.status.text()
    adding.reject()
    qtbot.waitUntil(lambda: len(window.participants.model.rows) == 2, timeout=TIMEOUT)
    assert [state for _name, state in names_and_states(window)] == [
        "Enrolled", "On the waiting list"]

    window.participants.table.selectRow(0)
    window.participants.drop_button.click()
    dropping = window.dialog
    qtbot.waitUntil(lambda: dropping.is_ready(), timeout=TIMEOUT)
    dropping.choose("work")
    dropping.ok_button().click()
    qtbot.waitUntil(lambda: window.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: names_and_states(window)[0][1] == "Dropped out", timeout=TIMEOUT)
    assert names_and_states(window)[1][1].startswith("Place offered on")

    window.participants.table.selectRow(1)
    window.participants.take_button.click()
    qtbot.waitUntil(lambda: names_and_states(window)[1][1] == "Enrolled", timeout=TIMEOUT)
    reg = register.load_register(demo_database, manager, group_id, today=TODAY)
    assert [line.status for line in reg.lines] == [EnrolmentStatus.DROPPED,
                                                    EnrolmentStatus.ENROLLED]


def test_finishing_a_group_with_open_outcomes_is_refused_in_the_window(
        qtbot: QtBot, demo_database, manager, demo_path) -> None:
    group_id = new_group(demo_database, manager, starts_on=TODAY - timedelta(days=20))
    from desktop.services.courses import enrolment, groups

    enrolment.enrol(demo_database, manager, clients(demo_path, count=1)[0], group_id,
                    today=TODAY)
    _entry, version, _status = groups.group_entry(demo_database, manager, group_id)
    groups.change_status(demo_database, manager, group_id, version, GroupStatus.RUNNING)
    window = group_window(qtbot, demo_database, manager, group_id)
    finish = window.step_buttons[GroupStatus.FINISHED]
    assert finish.isVisible() and not window.step_buttons[GroupStatus.PLANNED].isVisible()
    finish.click()
    qtbot.waitUntil(lambda: window.message.isVisible(), timeout=TIMEOUT)
    assert window.message.text().startswith("1 participant has no outcome yet")


def test_a_session_is_moved_from_the_sessions_tab(qtbot: QtBot, demo_database, manager) -> None:
    group_id = new_group(demo_database, manager, starts_on=TODAY + timedelta(days=5),
                         ends_on=TODAY + timedelta(days=40))
    window = group_window(qtbot, demo_database, manager, group_id)
    window.tabs.setCurrentWidget(window.sessions)
    window.sessions.table.selectRow(0)
    line = window.sessions.selected()
    assert line is not None and window.sessions.move_button.isEnabled()
    window.sessions.move_button.click()
    moving = window.dialog
    new_day = line.held_on + timedelta(days=1)
    moving.day.setDate(QDate(new_day.year, new_day.month, new_day.day))
    moving.accept()
    qtbot.waitUntil(lambda: any(s.held_on == new_day and s.moved_from == line.held_on
                                for s in window.sessions.model.rows), timeout=TIMEOUT)
    moved = next(s for s in window.sessions.model.rows if s.held_on == new_day)
    assert moved.state.startswith("Moved from")


def _client_row(database: Database, actor: Actor, person: uuid.UUID):
    """The client as the participant search lists them (read here, off the window)."""
    from db.queries.clients import ClientRow

    with database.session() as session:
        from db.models import Person

        found = session.get(Person, person)
        assert found is not None
        return ClientRow(found.id, found.full_name, "", "", found.birth_date, found.iin, "", "",
                         found.sort_key)


def test_enter_in_the_participant_search_adds_the_client(qtbot: QtBot, demo_database, manager,
                                                         demo_path) -> None:
    group_id = new_group(demo_database, manager, name="KK-A2 search")
    person = clients(demo_path, count=1)[0]
    window = group_window(qtbot, demo_database, manager, group_id)
    window.participants.add_button.click()
    adding = window.dialog
    row = _client_row(demo_database, manager, person)
    adding.search.setText(row.iin or row.name)
    qtbot.waitUntil(lambda: adding.results.count() > 0, timeout=TIMEOUT)
    adding.results.setFocus()
    qtbot.keyClick(adding.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "is enrolled" in adding.status.text(), timeout=TIMEOUT)
    assert adding.isVisible()  # Enter added the client; the dialog stays for the next one
    reg = register.load_register(demo_database, manager, group_id, today=TODAY)
    assert [line.person_id for line in reg.lines] == [person]


def test_an_entry_test_is_recorded_from_the_participants_tab(qtbot: QtBot, demo_database,
                                                              manager, demo_path) -> None:
    from db.models import AssessmentKind
    from desktop.services.courses import enrolment

    group_id = new_group(demo_database, manager, name="KK-A2 tests")
    enrolment.enrol(demo_database, manager, clients(demo_path, count=1)[0], group_id,
                    today=TODAY)
    window = group_window(qtbot, demo_database, manager, group_id)
    window.participants.table.selectRow(0)
    assert window.participants.entry_button.isEnabled()
    window.participants.entry_button.click()
    testing = window.dialog
    assert testing.kind is AssessmentKind.ENTRY
    qtbot.waitUntil(lambda: testing.is_ready(), timeout=TIMEOUT)
    testing.choose("a2")
    testing.score.setValue(64)
    testing.ok_button().click()
    qtbot.waitUntil(lambda: window.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.participants.model.rows[0].tests == "entry: A2 (64)",
                    timeout=TIMEOUT)
    assert window.participants.model.rows[0].levels.startswith("A2")
