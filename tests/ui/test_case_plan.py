"""The case plan tab as a caseworker uses it: add a goal, link a service, mark it achieved,
print the plan; the file shows each change by itself (the write's broadcast)."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.services import case_plan
from desktop.services.auth import Actor, log_in
from desktop.services.case_plan import GoalDetails
from desktop.ui.client_file import ClientFileWindow
from desktop.ui.client_file.plan_dialogs import (
    EditGoalDialog,
    LinkServiceDialog,
    NewGoalDialog,
    PlanDialog,
)
from desktop.ui.reports.plan_record_dialog import PlanRecordDialog
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


WITH_ENROLMENT = "EXISTS (SELECT 1 FROM course_enrolment e WHERE e.person_id = p.id)"
ONLY_CLOSED = ("NOT EXISTS (SELECT 1 FROM client_case o WHERE o.person_id = p.id "
               "AND o.status = 'open')")


def person_with_enrolment(demo_path: Path, status: str = "open",
                          needs: str = WITH_ENROLMENT) -> uuid.UUID:
    """An Astana client whose case has ``status``; ``needs`` is SQL over ``p``."""
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            "SELECT p.id FROM person p JOIN office o ON o.id = p.office_id "
            "JOIN client_case c ON c.person_id = p.id AND c.office_id = p.office_id "
            f"WHERE o.code = 'AST' AND c.status = ? AND {needs} "
            "ORDER BY p.sort_key LIMIT 1", (status,)).fetchone()
    assert row
    return uuid.UUID(row[0])


def open_plan(qtbot: QtBot, database: Database, actor: Actor,
              person: uuid.UUID) -> ClientFileWindow:
    return open_client_file(qtbot, database, actor, person, "case_plan")  # type: ignore[return-value]


def press_ok(dialog: PlanDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def goal_row(window: ClientFileWindow, description: str) -> int:
    tab = window.case_plan
    return next(row for row in range(tab.table.rowCount())
                if tab.table.item(row, 1).text() == description)


def test_add_a_goal_link_a_service_mark_it_achieved_and_print_the_plan(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = person_with_enrolment(demo_path)
    window = open_plan(qtbot, demo_database, caseworker, person)
    tab = window.case_plan
    assert [b.text() for b in tab.case_buttons][:3] == ["Close case…", "Reopen case…",
                                                        "Reassign…"]
    assert tab.new_button.isEnabled() and tab.print_button.isEnabled()
    before = len(window.file.goals)  # type: ignore[union-attr]

    # A new goal: the problems show beside the fields before anything is asked.
    tab.new_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, NewGoalDialog)
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    press_ok(dialog)
    assert dialog.form.problem("area") == "Choose the area of the goal."
    assert dialog.form.problem("description") == "Say what the goal is."
    dialog.choose_area("language")
    dialog.description.setPlainText("Kazakh at level A2")
    dialog.target_date.setValue(DEMO_TODAY.replace(year=DEMO_TODAY.year + 1))
    press_ok(dialog)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    # The broadcast reloads the file by itself, with the new goal chosen.
    qtbot.waitUntil(lambda: len(window.file.goals) == before + 1, timeout=TIMEOUT)  # type: ignore[union-attr]
    wait_idle(qtbot)
    goal = tab.selected()
    assert goal is not None and goal.description == "Kazakh at level A2"
    assert tab.table.item(goal_row(window, "Kazakh at level A2"), 3).text() == "Planned"
    assert tab.edit_button.isEnabled() and tab.achieved_button.isEnabled()
    assert not tab.reopen_button.isEnabled() and tab.delete_button.isEnabled()
    assert "(" in window.tabs.tabText(window.tabs.indexOf(tab))  # the count in the title

    # Link one of the client's services: the language course comes first.
    tab.link_button.click()
    link = tab.dialog
    assert isinstance(link, LinkServiceDialog)
    qtbot.waitUntil(link.is_ready, timeout=TIMEOUT)
    chosen = link.chosen()
    assert chosen is not None and chosen.label.startswith("Language course: ")
    press_ok(link)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(tab.selected() and tab.selected().services), timeout=TIMEOUT)  # type: ignore[union-attr]
    wait_idle(qtbot)
    goal = tab.selected()
    assert goal is not None and goal.status_code == "in_progress"
    assert tab.services_table.rowCount() == 1
    assert tab.services_table.item(0, 0).text() == chosen.label
    assert not tab.delete_button.isEnabled()  # a served goal is dropped, not deleted

    # Mark it achieved: the day shows in its status, and it can be reopened.
    tab.achieved_button.click()
    qtbot.waitUntil(lambda: bool(tab.selected() and tab.selected().is_settled), timeout=TIMEOUT)  # type: ignore[union-attr]
    wait_idle(qtbot)
    row = goal_row(window, "Kazakh at level A2")
    assert tab.table.item(row, 3).text() == "Achieved on 25.11.2026"  # the window's day
    assert tab.reopen_button.isEnabled() and not tab.achieved_button.isEnabled()

    # Print: the preview shows the plan in the client's language.
    tab.print_button.click()
    preview = tab.dialog
    assert isinstance(preview, PlanRecordDialog) and preview.isVisible()
    qtbot.waitUntil(lambda: preview.preview.document.pageCount() >= 1, timeout=TIMEOUT)
    assert preview.preview.document.pageCount() <= 2
    assert preview.record is not None
    assert preview.record.language == window.file.preferred_language  # type: ignore[union-attr]
    assert any(g.description == "Kazakh at level A2" for g in preview.record.goals)
    assert preview.print_button.isEnabled() and preview.save_button.isEnabled()
    preview.reject()
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)

    # Reopen, unlink, and the goal can be deleted again.
    tab.reopen_button.click()
    qtbot.waitUntil(lambda: bool(tab.selected() and not tab.selected().is_settled), timeout=TIMEOUT)  # type: ignore[union-attr]
    wait_idle(qtbot)
    assert tab.selected().status_code == "in_progress"  # type: ignore[union-attr]
    tab.services_table.selectRow(0)
    assert tab.unlink_button.isEnabled()
    tab.unlink_button.click()
    qtbot.waitUntil(lambda: tab.services_table.rowCount() == 0, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert tab.delete_button.isEnabled()
    tab.confirm_delete = lambda _goal: True  # type: ignore[method-assign]
    tab.delete_button.click()
    qtbot.waitUntil(lambda: len(window.file.goals) == before, timeout=TIMEOUT)  # type: ignore[union-attr]


def test_editing_a_goal_someone_changed_meanwhile_says_so_and_reloads(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = person_with_enrolment(demo_path)
    goal_id = case_plan.add_goal(demo_database, caseworker, person,
                                 GoalDetails("employment", "A job as a welder"))
    window = open_plan(qtbot, demo_database, caseworker, person)
    tab = window.case_plan
    tab.select_goal(goal_id)
    assert tab.selected() is not None and tab.selected().id == goal_id  # type: ignore[union-attr]
    case_plan.edit_goal(demo_database, caseworker, goal_id, 1,
                        GoalDetails("employment", "A job as a welder, in Astana"))
    wait_idle(qtbot)
    tab.edit_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, EditGoalDialog)
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    assert dialog.area.currentData() == "employment"
    dialog.description.setPlainText("A job as a cook")
    with qtbot.waitSignal(dialog.outdated, timeout=TIMEOUT):
        press_ok(dialog)
    assert "after you opened it" in dialog.message.text()
    assert not dialog.ok_button().isEnabled()
    dialog.reject()
    qtbot.waitUntil(lambda: tab.selected() is not None
                    and tab.selected().description.endswith("in Astana"), timeout=TIMEOUT)  # type: ignore[union-attr]


def test_a_closed_cases_plan_offers_printing_only(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = person_with_enrolment(demo_path, "closed", ONLY_CLOSED)
    window = open_plan(qtbot, demo_database, caseworker, person)
    tab = window.case_plan
    assert window.file is not None and window.file.case is not None
    assert not window.file.case.is_open
    if tab.table.rowCount():
        tab.table.selectRow(0)
    for button in (tab.new_button, tab.edit_button, tab.achieved_button, tab.drop_button,
                   tab.reopen_button, tab.delete_button, tab.link_button):
        assert not button.isEnabled()
    assert "closed" in tab.new_button.toolTip()
    assert tab.print_button.isEnabled()
