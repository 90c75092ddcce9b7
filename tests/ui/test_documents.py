"""The Documents tab of the client file, driven as a caseworker would: renewing a document
that Today lists, marking one lost, adding one, and a renewal someone else got to first.
Every screen shows the change by itself (the write's broadcast), with no manual refresh."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from db.models import Document
from db.models.person import DocumentStatus
from db.session import Database
from desktop.services import documents
from desktop.services.auth import Actor, log_in
from desktop.services.client_file import DocumentItem, Urgency
from desktop.services.documents import DocumentDetails
from desktop.ui.client_file import ClientFileWindow
from desktop.ui.client_file.document_dialogs import (
    DocumentDialog,
    MarkDocumentDialog,
    NewDocumentDialog,
    RenewDocumentDialog,
)
from desktop.ui.today import TodayScreen
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def open_today(qtbot: QtBot, database: Database, actor: Actor) -> TodayScreen:
    screen = TodayScreen(database, actor, today=DEMO_TODAY)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.show()
    wait_idle(qtbot)
    return screen


def open_file(qtbot: QtBot, database: Database, actor: Actor,
              person: uuid.UUID) -> ClientFileWindow:
    return open_client_file(qtbot, database, actor, person, "documents")  # type: ignore[return-value]


def press_ok(dialog: DocumentDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def opened(qtbot: QtBot, window: ClientFileWindow) -> DocumentDialog:
    dialog = window.documents.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)  # the list of types has come in
    return dialog


def row_of(window: ClientFileWindow, document_id: uuid.UUID) -> int:
    assert window.file is not None
    return [d.id for d in window.file.documents].index(document_id)


def shown(window: ClientFileWindow, document_id: uuid.UUID) -> DocumentItem:
    assert window.file is not None
    return next(d for d in window.file.documents if d.id == document_id)


def stored(database: Database, document_id: uuid.UUID) -> Document:
    with database.session() as session:
        document = session.get(Document, document_id)
        assert document is not None
        return document


def test_renewing_a_document_today_lists_takes_it_off_today_by_itself(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    assert today.work is not None
    line = next(d for d in today.work.documents if not d.expired)  # expiring within 30 days
    before = today.work.documents_total
    window = open_file(qtbot, demo_database, caseworker, line.person_id)
    tab = window.documents
    assert window.current_tab() == "documents"
    assert tab.selected() is not None and tab.selected().is_valid  # the most urgent, chosen
    window.show_document(line.id)  # the one Today showed
    assert tab.selected() is not None and tab.selected().id == line.id
    assert tab.renew_button.isEnabled() and tab.mark_button.isEnabled()
    old = shown(window, line.id)
    assert old.urgency in (Urgency.SOON, Urgency.LATE)

    tab.renew_button.click()
    dialog = opened(qtbot, window)
    assert isinstance(dialog, RenewDocumentDialog)
    assert dialog.type_code() == old.type_code and dialog.issued_on.value() == DEMO_TODAY
    assert line.number in dialog.summary.text()
    dialog.number.setText("")
    dialog.expires_on.setValue(old.expires_on)
    press_ok(dialog)  # what the rules refuse is said beside the field, before any write
    assert dialog.form.problem("number") == "Enter the document's number."
    assert dialog.form.problem("expires_on") == ("A renewal expires later than the document "
                                                 "it replaces.")
    assert dialog.isVisible() and not dialog.writing
    dialog.number.setText("N 90000001")
    dialog.expires_on.setValue(DEMO_TODAY + timedelta(days=3650))
    press_ok(dialog)
    wait_idle(qtbot)  # written; then the file and Today reloaded by the broadcast

    assert tab.dialog is None  # closed (and freed) once written
    assert line.id not in {d.id for d in today.documents.model.lines}
    assert today.work.documents_total == before - 1
    replaced = shown(window, line.id)
    assert replaced.status == "replaced" and replaced.urgency is Urgency.NONE
    assert replaced.marker.startswith("Replaced by N 90000001")
    cell = tab.table.item(row_of(window, line.id), tab.table.columnCount() - 1)
    assert cell.text() == replaced.marker and not cell.font().bold()
    chosen = tab.selected()  # the renewal, chosen once written
    assert chosen is not None and chosen.number == "N 90000001" and chosen.is_valid
    assert stored(demo_database, line.id).replaced_by_id == chosen.id

    tab.select_document(line.id)  # history: edited at most, never renewed again
    assert tab.edit_button.isEnabled()
    assert not tab.renew_button.isEnabled() and not tab.mark_button.isEnabled()
    assert "no longer valid" in tab.renew_button.toolTip()


def test_marking_a_document_lost_shows_its_state_and_keeps_the_others_colours(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    assert today.work is not None
    line = today.work.documents[0]
    window = open_file(qtbot, demo_database, caseworker, line.person_id)
    tab = window.documents
    window.show_document(line.id)
    tab.mark_button.click()
    dialog = opened(qtbot, window)
    assert isinstance(dialog, MarkDocumentDialog)
    assert dialog.chosen() is DocumentStatus.LOST
    press_ok(dialog)  # the note is needed
    assert dialog.form.problem("note").startswith("Say what happened")
    dialog.on.setDate(dialog.on.date().addDays(-2))
    dialog.note.setPlainText("Lost on the bus; reported to the police in Astana.")
    press_ok(dialog)
    wait_idle(qtbot)

    assert tab.dialog is None
    lost = shown(window, line.id)
    assert lost.status == "lost" and lost.urgency is Urgency.NONE
    assert lost.marker.startswith("Lost on") and "reported to the police" in lost.marker
    row = row_of(window, line.id)
    assert tab.table.item(row, tab.table.columnCount() - 1).text() == lost.marker
    assert tab.table.item(row, 0).foreground().color().name() not in ("#b00020", "#8a5300")
    for other in (d for d in window.file.documents if d.is_valid and d.urgency is Urgency.LATE):
        marker = tab.table.item(row_of(window, other.id), tab.table.columnCount() - 1)
        assert marker.foreground().color().name() == "#b00020"
    assert line.id not in {d.id for d in today.documents.model.lines}
    document = stored(demo_database, line.id)
    assert document.status is DocumentStatus.LOST
    assert document.status_on == DEMO_TODAY - timedelta(days=2)


def test_a_new_document_needs_its_type_and_then_shows_in_the_tab(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    assert today.work is not None
    window = open_file(qtbot, demo_database, caseworker, today.work.documents[0].person_id)
    tab = window.documents
    count = len(window.file.documents)
    tab.new_button.click()
    dialog = opened(qtbot, window)
    assert isinstance(dialog, NewDocumentDialog)
    assert dialog.type_code() is None and dialog.issued_on.value() is None
    press_ok(dialog)
    assert dialog.form.problem("type") == "Choose the type of document."
    dialog.choose_type("temporary_registration")  # one that may have no number
    dialog.issued_on.setValue(DEMO_TODAY)
    dialog.expires_on.setValue(DEMO_TODAY + timedelta(days=20))
    press_ok(dialog)
    wait_idle(qtbot)

    assert tab.dialog is None and len(window.file.documents) == count + 1
    added = tab.selected()
    assert added is not None and added.type_code == "temporary_registration"
    assert added.urgency is Urgency.SOON and added.marker == "Expires in 20 days"
    assert added.id in {d.id for d in today.documents.model.lines}


def test_a_renewal_someone_else_made_first_is_refused_and_the_file_reloads(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    today = open_today(qtbot, demo_database, caseworker)
    assert today.work is not None
    line = today.work.documents[0]
    window = open_file(qtbot, demo_database, caseworker, line.person_id)
    tab = window.documents
    window.show_document(line.id)
    tab.renew_button.click()
    dialog = opened(qtbot, window)
    colleague = log_in(demo_database, "cw2.ast", "qadam-caseworker")
    documents.renew_document(demo_database, colleague, line.id, shown(window, line.id).version,
                             DocumentDetails(shown(window, line.id).type_code, "N 1"),
                             today=DEMO_TODAY)
    dialog.number.setText("N 2")
    dialog.expires_on.setValue(DEMO_TODAY + timedelta(days=3650))
    with qtbot.waitSignal(dialog.outdated, timeout=TIMEOUT):
        press_ok(dialog)
    wait_idle(qtbot)
    assert "already been replaced" in dialog.message.text()
    assert not dialog.ok_button().isEnabled() and dialog.isVisible()
    assert shown(window, line.id).status == "replaced"  # the file read again
    dialog.reject()
    assert tab.dialog is None
