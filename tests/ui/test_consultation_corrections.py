"""Correcting a consultation and deleting one from the client file, as its users would."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.services.auth import Actor, log_in
from desktop.ui.client_file import ClientFileWindow
from desktop.ui.consultation.correction import (
    CorrectConsultationDialog,
    DeleteConsultationDialog,
)
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


def consulted_by(demo_path: Path, login: str) -> tuple[uuid.UUID, uuid.UUID]:
    """A client of Astana with one consultation ``login`` recorded: (person, consultation)."""
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            "SELECT c.person_id, c.id FROM consultation c JOIN app_user u ON u.id = "
            "c.caseworker_id JOIN person p ON p.id = c.person_id JOIN office o ON "
            "o.id = p.office_id WHERE u.login = ? AND o.code = 'AST' "
            "ORDER BY c.held_at DESC LIMIT 1", (login,)).fetchone()
    assert row
    return uuid.UUID(row[0]), uuid.UUID(row[1])


def choose(window: ClientFileWindow, consultation: uuid.UUID) -> None:
    table = window.consultations.table
    row = next(r for r in range(table.rowCount()) if table.key(r) == consultation)
    table.selectRow(row)


def test_the_author_corrects_the_advice_and_the_history_shows_old_and_new(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person, consultation = consulted_by(demo_path, "cw1.ast")
    window = open_client_file(qtbot, demo_database, caseworker, person, "consultations")
    tab = window.consultations  # type: ignore[attr-defined]
    choose(window, consultation)  # type: ignore[arg-type]
    assert tab.correct_button.isEnabled()
    assert not tab.delete_button.isEnabled()  # a manager's decision

    tab.correct_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, CorrectConsultationDialog)
    qtbot.waitUntil(lambda: dialog.record is not None and dialog.body.isEnabled(),
                    timeout=TIMEOUT)
    assert not dialog.follow_up_box.isVisibleTo(dialog)  # tasks are corrected where they are
    old_advice = dialog.texts["advice"].toPlainText()
    assert not dialog.is_dirty()
    dialog.texts["advice"].setPlainText("Уақытша тіркеуге өтініш беру")
    dialog.save()
    wait_idle(qtbot)

    assert tab.dialog is None
    row = next(c for c in window.file.consultations if c.id == consultation)  # type: ignore
    assert row.advice == "Уақытша тіркеуге өтініш беру"
    change = next(h for h in window.file.history  # type: ignore[union-attr]
                  if h.action_code == "update" and h.record.startswith("Consultation"))
    assert ("Advice", old_advice or "—", "Уақытша тіркеуге өтініш беру") in change.changes


def test_a_colleague_may_not_correct_and_a_manager_deletes_with_a_reason(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor) -> None:
    person, consultation = consulted_by(demo_path, "cw1.ast")
    colleague = log_in(demo_database, "cw2.ast", "qadam-caseworker")
    other = open_client_file(qtbot, demo_database, colleague, person, "consultations")
    choose(other, consultation)  # type: ignore[arg-type]
    assert not other.consultations.correct_button.isEnabled()  # type: ignore[attr-defined]
    other.close()

    window = open_client_file(qtbot, demo_database, manager, person, "consultations")
    tab = window.consultations  # type: ignore[attr-defined]
    before = len(window.file.consultations)  # type: ignore[union-attr]
    choose(window, consultation)  # type: ignore[arg-type]
    assert tab.delete_button.isEnabled()
    tab.delete_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, DeleteConsultationDialog)
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=TIMEOUT)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()  # no reason: said beside the field, nothing deleted
    assert dialog.form.problem("deletion_reason") == "Say why the consultation is deleted."
    dialog.reason.setPlainText("Басқа клиентке жазылған")
    ok.click()
    wait_idle(qtbot)

    assert tab.dialog is None
    assert len(window.file.consultations) == before - 1  # type: ignore[union-attr]
    assert consultation not in {c.id for c in window.file.consultations}  # type: ignore
