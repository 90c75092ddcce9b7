"""Today's "Transfer requests": cases other offices ask the manager's office to take.

Shown to managers only, and only while requests wait. Accept… asks for the
caseworker who takes the case (the office's active caseworkers, read off the GUI
thread) and an optional note; Decline… asks why. Both write through the operation
runner; the broadcast of the change then reloads Today, here and in the giving
office, and any open file of the client. Enter or a double click opens the file.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtWidgets import QComboBox, QPushButton, QWidget

from db.session import Database
from desktop.i18n import N_, _, format_date, format_number, ngettext
from desktop.services import transfers
from desktop.services.access import Actor
from desktop.services.cases import NotACaseworkerHere
from desktop.services.messages import describe
from desktop.services.transfers import TransferLine
from desktop.ui.admin.common import FormDialog, show_message, text_field
from desktop.ui.operations import Failure, Operation
from desktop.ui.today.model import Column

COLUMNS = (
    Column(N_("Client"), lambda t: t.client, free_text=True),
    Column(N_("From office"), lambda t: t.from_office),
    Column(N_("Requested on"), lambda t: format_date(t.requested_on)),
    Column(N_("Why"), lambda t: t.note, free_text=True),
)


class _AnswerDialog(FormDialog):
    """What accepting and declining share: the request shown above the form."""

    def __init__(self, database: Database, actor: Actor, line: TransferLine,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.line, self.today = database, actor, line, today
        self.summary = self.add_summary()
        self.note = text_field(self, 70)

    def _summary_text(self) -> str:
        line = self.line
        text = _("{client}, from {office}, asked on {date}: “{note}”").format(
            client=line.client, office=line.from_office, date=format_date(line.requested_on),
            note=line.note)
        if line.requested_by:
            text += " — " + line.requested_by
        return text

    def _entry(self, error: BaseException) -> dict[str, str]:
        if isinstance(error, transfers.InvalidTransferEntry):
            return {field.value: describe(transfers.InvalidTransferEntry(
                {field: problem}, error.declining)) for field, problem in error.problems.items()}
        return {}


D = TypeVar("D", bound=_AnswerDialog)


class AcceptTransferDialog(_AnswerDialog):
    """Who in the office takes the case, and an optional note for the record."""

    FIELD = transfers.Field.CASEWORKER.value

    def __init__(self, database: Database, actor: Actor, line: TransferLine,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, line, parent, today=today)
        self.caseworker = QComboBox(self)
        self.caseworker.setEnabled(False)  # until the office's caseworkers have come in
        self.form.add(self.FIELD, self.caseworker, self)
        self.form.add(transfers.Field.NOTE.value, self.note, self)
        self.chain_focus([self.caseworker, self.note])
        self.caseworker.setFocus()
        self.retranslate()
        transfer_id = line.id
        Operation(self, lambda: transfers.receiving_caseworkers(database, actor, transfer_id),
                  name="receiving caseworkers").done(self._caseworkers) \
            .failed(lambda failure: show_message(self.message, failure.message)).run()

    def _caseworkers(self, people: list[tuple[uuid.UUID, str]]) -> None:
        for user_id, name in people:
            self.caseworker.addItem(name, str(user_id))  # strings: findData cannot match UUIDs
        self.caseworker.setCurrentIndex(-1)
        self.caseworker.setEnabled(True)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Accept transfer"))
        self.summary.setText(self._summary_text())
        self.caseworker.setPlaceholderText(_("Choose a caseworker"))
        self.form.set_label(self.FIELD, _("&Caseworker"))
        self.form.set_label(transfers.Field.NOTE.value, _("&Note"))
        self.note.setPlaceholderText(_("For the case's record (optional)"))

    def choose(self, user_id: uuid.UUID) -> None:
        self.caseworker.setCurrentIndex(self.caseworker.findData(str(user_id)))

    def chosen(self) -> uuid.UUID | None:
        data = self.caseworker.currentData()
        return uuid.UUID(data) if data else None

    def problems(self) -> dict[str, str]:
        found = transfers.check_decision(True, self.chosen(), self.note.toPlainText())
        return {field.value: transfers.problem_text(field, problem)
                for field, problem in found.items()}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, line, today = self.database, self.actor, self.line, self.today
        caseworker_id, note = self.chosen(), self.note.toPlainText()
        return lambda: transfers.accept_transfer(database, actor, line.id, line.version,
                                                 caseworker_id, note, today=today)

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, NotACaseworkerHere):
            return {self.FIELD: failure.message}
        return self._entry(failure.error)


class DeclineTransferDialog(_AnswerDialog):
    """Why the office does not take the case: the giving office reads it."""

    def __init__(self, database: Database, actor: Actor, line: TransferLine,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, line, parent, today=today)
        self.form.add(transfers.Field.NOTE.value, self.note, self)
        self.chain_focus([self.note])
        self.note.setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Decline transfer"))
        self.summary.setText(self._summary_text())
        self.form.set_label(transfers.Field.NOTE.value, _("&Reason"))
        self.note.setPlaceholderText(_("Why this office does not take the case"))

    def problems(self) -> dict[str, str]:
        found = transfers.check_decision(False, None, self.note.toPlainText())
        return {field.value: transfers.problem_text(field, problem, declining=True)
                for field, problem in found.items()}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, line, today = self.database, self.actor, self.line, self.today
        reason = self.note.toPlainText()

        def decline() -> uuid.UUID:
            transfers.decline_transfer(database, actor, line.id, line.version, reason,
                                       today=today)
            return line.id

        return decline

    def placed(self, failure: Failure) -> dict[str, str]:
        return self._entry(failure.error)


class TransferRequests:
    """Wires Today's section of requests: its buttons, its lines, its title, its dialogs.

    ``section`` is the screen's titled list (``screen.Section``) over a model of
    ``COLUMNS``; it stays hidden while no request waits, which is always so for a user
    who may not answer one (only managers get lines from the service).
    """

    def __init__(self, section: Any, database: Database, actor: Actor,
                 today: Callable[[], date | None], open_file: Callable[[TransferLine], None]
                 ) -> None:
        self.section, self.database, self.actor, self.today = section, database, actor, today
        self.accept_button = QPushButton(section)
        self.decline_button = QPushButton(section)
        section.bar.addWidget(self.accept_button)
        section.bar.addWidget(self.decline_button)
        self.accept_button.clicked.connect(self.accept_selected)
        self.decline_button.clicked.connect(self.decline_selected)
        section.view.chosen.connect(open_file)
        section.view.selectionModel().selectionChanged.connect(lambda *_a: self.update())
        section.model.modelReset.connect(self.update)
        self.dialog: _AnswerDialog | None = None  # the one open, for tests
        section.hide()
        self.update()

    def current(self) -> TransferLine | None:
        line = self.section.view.current_line()
        return line if isinstance(line, TransferLine) else None

    def show_lines(self, lines: list[TransferLine]) -> None:
        self.section.model.set_lines(lines)
        self.section.title.setText(title(len(lines)))
        self.section.setVisible(bool(lines))

    def update(self) -> None:
        chosen = self.current() is not None
        self.accept_button.setEnabled(chosen)
        self.decline_button.setEnabled(chosen)

    def accept_selected(self) -> AcceptTransferDialog | None:
        line = self.current()
        if line is None:
            return None
        return self._open(AcceptTransferDialog(self.database, self.actor, line, self.section,
                                               today=self.today()))

    def decline_selected(self) -> DeclineTransferDialog | None:
        line = self.current()
        if line is None:
            return None
        return self._open(DeclineTransferDialog(self.database, self.actor, line, self.section,
                                                today=self.today()))

    def _open(self, dialog: D) -> D | None:
        if self.dialog is not None:  # one at a time
            dialog.deleteLater()
            return None
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()
        return dialog

    def _closed(self, dialog: _AnswerDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def retranslate(self) -> None:
        self.accept_button.setText(_("&Accept…"))
        self.accept_button.setToolTip(_("Take the chosen case into this office, for one of "
                                        "its caseworkers"))
        self.decline_button.setText(_("D&ecline…"))
        self.decline_button.setToolTip(_("Say no to the chosen request, and why"))
        self.section.view.setAccessibleName(_("Transfer requests"))
        self.section.view.setToolTip(_("Enter opens the client's file"))
        self.section.model.retranslate()
        self.section.title.setText(title(len(self.section.model.lines)))
        if self.dialog is not None:
            self.dialog.retranslate()


def title(total: int) -> str:
    return ngettext("{n} transfer request waiting for your office",
                    "{n} transfer requests waiting for your office", total).format(
        n=format_number(total))
