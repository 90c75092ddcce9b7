"""Transferring a case between offices as users would: the giving caseworker asks from the
client file, the receiving manager answers from Today, and every open view follows the
broadcast of the change with no manual refresh."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import CaseTransfer, FollowUp, Office, TransferStatus
from db.session import Database
from desktop.services.auth import Actor, log_in
from desktop.ui.client_file.case_dialogs import TransferCaseDialog, WithdrawTransferDialog
from desktop.ui.today import TodayScreen
from desktop.ui.today.transfers import AcceptTransferDialog, DeclineTransferDialog
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


@pytest.fixture
def ala_manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ala", "qadam-manager")


def busy_client(demo_path: Path) -> uuid.UUID:
    """An AST client with one open case, open follow-ups on it and no transfer yet."""
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            "SELECT p.id FROM person p JOIN office o ON o.id = p.office_id "
            "JOIN client_case c ON c.person_id = p.id AND c.office_id = p.office_id "
            "WHERE o.code = 'AST' AND c.status = 'open' "
            "AND EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id AND NOT f.done) "
            "AND NOT EXISTS (SELECT 1 FROM case_transfer t WHERE t.person_id = p.id) "
            "AND (SELECT count(*) FROM client_case x WHERE x.person_id = p.id) = 1 "
            "ORDER BY p.sort_key LIMIT 1").fetchone()
    assert row
    return uuid.UUID(row[0])


def office(database: Database, code: str) -> tuple[uuid.UUID, str]:
    with database.session() as session:
        found = session.execute(select(Office.id, Office.name).where(Office.code == code)).one()
        return found[0], found[1]


def press_ok(dialog: object) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def open_today(qtbot: QtBot, database: Database, actor: Actor) -> TodayScreen:
    screen = TodayScreen(database, actor, today=DEMO_TODAY)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.show()
    wait_idle(qtbot)
    return screen


def button(window: object, text: str) -> object:
    return next(b for b in window.case_plan.case_buttons  # type: ignore[attr-defined]
                if b.text() == text)


def test_request_from_the_file_then_accept_from_today_moves_the_file(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor,
        ala_manager: Actor) -> None:
    person = busy_client(demo_path)
    almaty_id, almaty = office(demo_database, "ALA")
    window = open_client_file(qtbot, demo_database, caseworker, person, "case_plan")
    actions = window.case_actions  # type: ignore[attr-defined]
    assert window.file.case is not None  # type: ignore[attr-defined]
    old_case = window.file.case.id  # type: ignore[attr-defined]
    assert actions.transfer_action.isEnabled() and not actions.withdraw_action.isEnabled()

    button(window, "Transfer to another office…").click()
    dialog = actions.dialog
    assert isinstance(dialog, TransferCaseDialog)
    qtbot.waitUntil(lambda: dialog.office.isEnabled(), timeout=TIMEOUT)  # offices came in
    assert dialog.office.findText(caseworker.office_name) == -1  # not its own office
    press_ok(dialog)  # neither office nor reason: said beside the fields
    assert dialog.form.problem("office") == "Choose the office that is to take the case."
    assert dialog.form.problem("note") == "Say why the case should go to that office."
    dialog.choose(almaty_id)
    dialog.note.setPlainText("The family moved to Almaty.")
    press_ok(dialog)
    wait_idle(qtbot)  # written, and the file reloaded by the broadcast

    assert actions.dialog is None
    status = window.case_plan.case_status.text()  # type: ignore[attr-defined]
    assert f"transfer to {almaty} requested on" in status
    assert not actions.transfer_action.isEnabled() and actions.withdraw_action.isEnabled()

    # The receiving manager's Today lists the request; the giving caseworker's does not.
    today = open_today(qtbot, demo_database, ala_manager)
    section = today.transfers
    assert section.section.isVisibleTo(today)
    lines = section.section.model.lines
    row = next(i for i, line in enumerate(lines) if line.person_id == person)
    assert lines[row].note == "The family moved to Almaty."
    assert lines[row].from_office == caseworker.office_name
    assert "transfer request" in section.section.title.text()
    opened = []
    today.open_client.connect(lambda pid, tab: opened.append((pid, tab)))
    section.section.view.select_row(row)
    section.section.view.chosen.emit(lines[row])
    assert opened == [(person, "case_plan")]

    section.section.view.select_row(row)
    assert section.accept_button.isEnabled()
    section.accept_button.click()
    accept = section.dialog
    assert isinstance(accept, AcceptTransferDialog)
    qtbot.waitUntil(lambda: accept.caseworker.isEnabled(), timeout=TIMEOUT)
    press_ok(accept)
    assert accept.form.problem("caseworker") == "Choose the caseworker who takes the case."
    accept.caseworker.setCurrentIndex(0)
    newcomer = accept.chosen()
    accept.note.setPlainText("Welcome to Almaty.")
    press_ok(accept)
    wait_idle(qtbot)  # the broadcast reloads Today here and the file over there

    assert section.dialog is None
    assert person not in {line.person_id for line in section.section.model.lines}
    # The giving caseworker's open file says at once that the client is no longer theirs.
    qtbot.waitUntil(lambda: window.file is None, timeout=TIMEOUT)  # type: ignore[attr-defined]
    assert window.denied.isVisibleTo(window)  # type: ignore[attr-defined]
    # The receiving office's file: the new office, the new case, the tasks moved with it.
    moved_window = open_client_file(qtbot, demo_database, ala_manager, person, "case_plan")
    file = moved_window.file  # type: ignore[attr-defined]
    assert file.case.id != old_case
    assert file.office_id == almaty_id and file.case.office == almaty and file.case.is_open
    status = moved_window.case_plan.case_status.text()  # type: ignore[attr-defined]
    assert almaty in status and "transfer to" not in status
    open_tasks = [f for f in file.follow_ups if not f.done]
    assert open_tasks and all(f.assignee_id == newcomer for f in open_tasks)
    with demo_database.session() as session:
        moved = session.scalars(select(FollowUp.case_id).where(
            FollowUp.person_id == person, FollowUp.done.is_(False))).all()
        assert set(moved) == {file.case.id}
        status = session.scalar(select(CaseTransfer.status).where(
            CaseTransfer.person_id == person))
        assert status is TransferStatus.ACCEPTED


def test_withdraw_from_the_file_and_decline_from_today(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor,
        ala_manager: Actor) -> None:
    person = busy_client(demo_path)
    almaty_id, _almaty = office(demo_database, "ALA")
    window = open_client_file(qtbot, demo_database, caseworker, person, "case_plan")
    actions = window.case_actions  # type: ignore[attr-defined]

    def ask(note: str) -> None:
        actions.transfer_case()
        dialog = actions.dialog
        assert isinstance(dialog, TransferCaseDialog)
        qtbot.waitUntil(lambda: dialog.office.isEnabled(), timeout=TIMEOUT)
        dialog.choose(almaty_id)
        dialog.note.setPlainText(note)
        press_ok(dialog)
        wait_idle(qtbot)

    ask("Moving, maybe.")
    button(window, "Withdraw transfer request").click()
    withdraw = actions.dialog
    assert isinstance(withdraw, WithdrawTransferDialog)
    assert "stays here" in withdraw.question.text()
    press_ok(withdraw)
    wait_idle(qtbot)
    assert window.file.case.transfer is None  # type: ignore[attr-defined]
    assert actions.transfer_action.isEnabled()

    ask("Moving for sure.")
    today = open_today(qtbot, demo_database, ala_manager)
    section = today.transfers
    row = next(i for i, line in enumerate(section.section.model.lines)
               if line.person_id == person)
    section.section.view.select_row(row)
    section.decline_button.click()
    decline = section.dialog
    assert isinstance(decline, DeclineTransferDialog)
    press_ok(decline)
    assert decline.form.problem("note") == "Say why the transfer is declined."
    decline.note.setPlainText("The client still lives in Astana.")
    press_ok(decline)
    wait_idle(qtbot)
    assert person not in {line.person_id for line in section.section.model.lines}
    qtbot.waitUntil(lambda: window.file.case.transfer is None,  # type: ignore[attr-defined]
                    timeout=TIMEOUT)
    assert window.file.office_id != almaty_id  # type: ignore[attr-defined]


def test_a_caseworkers_today_has_no_transfer_section(qtbot: QtBot, demo_database: Database,
                                                     caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    assert not today.transfers.section.isVisibleTo(today)
