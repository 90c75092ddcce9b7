"""Closing, reopening, reassigning and transferring the client's case: the window's case
actions (``CaseActions``, shown as buttons on the case plan tab) and a small dialog each.

Each dialog writes through ``operations.Operation`` and stays open until the write
succeeds, showing a refusal beside its field (a reason, a note, a caseworker) or
under the form (a stale case, another open case). Success closes it; the write's
broadcast then reloads the file, so nothing here refreshes anything by hand.
The lists they offer (closure reasons, the office's caseworkers) are read off
the GUI thread as they open.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from db.session import Database
from desktop.i18n import _, format_date
from desktop.services import cases, transfers
from desktop.services.access import Actor, Permission
from desktop.services.client_file.items import CaseItem
from desktop.services.messages import describe
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog, show_message, text_field
from desktop.ui.client_file.actions import FileActions
from desktop.ui.operations import Failure, Operation

CLOSURE_REASONS = "case_closure_reason"


class _CaseDialog(FormDialog):
    """What the three share: the case as read, the summary line above the form, and
    refusals of a field placed beside it."""

    def __init__(self, database: Database, actor: Actor, case: CaseItem,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.case = database, actor, case
        self.summary = self.add_summary()
        self.was_refused = False  # the service said no at least once

    def _summary_text(self) -> str:
        case = self.case
        parts = [case.status, case.office]
        if case.caseworker:
            parts.append(_("Caseworker: {name}").format(name=case.caseworker))
        return " · ".join(p for p in parts if p)

    def _written(self, step: Callable[[], object]) -> Callable[[], uuid.UUID]:
        case_id = self.case.id

        def write() -> uuid.UUID:
            step()
            return case_id

        return write

    def placed(self, failure: Failure) -> dict[str, str]:
        self.was_refused = True
        error = failure.error
        if isinstance(error, cases.InvalidCaseEntry):
            # Each field's own sentence, from the one describer (as the admin forms do).
            return {field.value: describe(cases.InvalidCaseEntry({field: problem}))
                    for field, problem in error.problems.items()}
        return {}

    def _unread(self, failure: Failure) -> None:
        show_message(self.message, failure.message)


class CloseCaseDialog(_CaseDialog):
    """Why the case ends (the closure reason list) and how it ended (an optional note)."""

    def __init__(self, database: Database, actor: Actor, case: CaseItem,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, case, parent)
        self.today = today
        self.reason = QComboBox(self)
        self.reason.setEnabled(False)  # until the reasons have come in
        self.note = text_field(self)
        self.form.add(cases.Field.REASON.value, self.reason, self)
        self.form.add(cases.Field.NOTE.value, self.note, self)
        self.chain_focus([self.reason, self.note])
        self.reason.setFocus()
        self.retranslate()
        Operation(self, lambda: reference_choices(database, CLOSURE_REASONS),
                  name="closure reasons").done(self._reasons).failed(self._unread).run()

    def _reasons(self, choices: list[tuple[str, str]]) -> None:
        for code, label in choices:
            if code in (cases.TRANSFERRED, cases.MERGED):
                continue  # set by a transfer or a merge only (the service refuses them)
            self.reason.addItem(label, code)
        self.reason.setCurrentIndex(-1)  # a conscious choice, not the first of the list
        self.reason.setEnabled(True)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Close case"))
        self.summary.setText(self._summary_text())
        self.reason.setPlaceholderText(_("Choose a reason"))
        self.form.set_label(cases.Field.REASON.value, _("&Reason"))
        self.form.set_label(cases.Field.NOTE.value, _("&Outcome"))
        self.note.setPlaceholderText(_("How the case ended (optional)"))

    def choose_reason(self, code: str) -> None:
        self.reason.setCurrentIndex(self.reason.findData(code))

    def problems(self) -> dict[str, str]:
        found = cases.check_closing(self.reason.currentData(), self.note.toPlainText())
        return {field.value: cases.problem_text(field, problem)
                for field, problem in found.items()}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, case, today = self.database, self.actor, self.case, self.today
        reason, note = self.reason.currentData(), self.note.toPlainText()
        return self._written(lambda: cases.close_case(database, actor, case.id, case.version,
                                                      reason, note, today=today))


class ReopenCaseDialog(_CaseDialog):
    """Why the case is opened again: a note, needed (there is no list of reasons)."""

    def __init__(self, database: Database, actor: Actor, case: CaseItem,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, actor, case, parent)
        self.note = text_field(self)
        self.form.add(cases.Field.NOTE.value, self.note, self)
        self.chain_focus([self.note])
        self.note.setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reopen case"))
        self.summary.setText(self._summary_text())
        self.form.set_label(cases.Field.NOTE.value, _("&Reason"))
        self.note.setPlaceholderText(_("Why the case is opened again"))

    def problems(self) -> dict[str, str]:
        found = cases.check_reopening(self.note.toPlainText())
        return {field.value: cases.problem_text(field, problem)
                for field, problem in found.items()}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, case, note = (self.database, self.actor, self.case,
                                       self.note.toPlainText())
        return self._written(lambda: cases.reopen_case(database, actor, case.id, case.version,
                                                       note))


class ReassignCaseDialog(_CaseDialog):
    """Whom the case goes to: one of the active caseworkers of its office."""

    FIELD = "caseworker"

    def __init__(self, database: Database, actor: Actor, case: CaseItem,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, actor, case, parent)
        self.caseworker = QComboBox(self)
        self.caseworker.setEnabled(False)  # until the office's caseworkers have come in
        self.form.add(self.FIELD, self.caseworker, self)
        self.chain_focus([self.caseworker])
        self.caseworker.setFocus()
        self.retranslate()
        case_id = case.id
        Operation(self, lambda: cases.caseworkers(database, actor, case_id),
                  name="case caseworkers").done(self._caseworkers).failed(self._unread).run()

    def _caseworkers(self, people: list[tuple[uuid.UUID, str]]) -> None:
        # Item data are strings: QComboBox.findData cannot match UUIDs.
        for user_id, name in people:
            self.caseworker.addItem(name, str(user_id))
        current = self.caseworker.findData(str(self.case.caseworker_id))
        self.caseworker.setCurrentIndex(current)
        self.caseworker.setEnabled(True)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Reassign case"))
        self.summary.setText(self._summary_text())
        self.caseworker.setPlaceholderText(_("Choose a caseworker"))
        self.form.set_label(self.FIELD, _("&Give the case to"))

    def choose(self, user_id: uuid.UUID) -> None:
        self.caseworker.setCurrentIndex(self.caseworker.findData(str(user_id)))

    def chosen(self) -> uuid.UUID | None:
        data = self.caseworker.currentData()
        return uuid.UUID(data) if data else None

    def problems(self) -> dict[str, str]:
        if self.chosen() is None:
            return {self.FIELD: _("Choose a caseworker from the list.")}
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, case = self.database, self.actor, self.case
        caseworker_id = self.chosen()
        assert caseworker_id is not None  # problems() has checked
        return self._written(lambda: cases.reassign_case(database, actor, case.id,
                                                         case.version, caseworker_id))

    def placed(self, failure: Failure) -> dict[str, str]:
        placed = super().placed(failure)
        if isinstance(failure.error, cases.NotACaseworkerHere):
            return {self.FIELD: failure.message}
        return placed


class TransferCaseDialog(_CaseDialog):
    """Which office is to take the case, and why (that office's manager reads it)."""

    def __init__(self, database: Database, actor: Actor, case: CaseItem,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, case, parent)
        self.today = today
        self.office = QComboBox(self)
        self.office.setEnabled(False)  # until the offices have come in
        self.note = text_field(self)
        self.form.add(transfers.Field.OFFICE.value, self.office, self)
        self.form.add(transfers.Field.NOTE.value, self.note, self)
        self.chain_focus([self.office, self.note])
        self.office.setFocus()
        self.retranslate()
        case_id = case.id
        Operation(self, lambda: transfers.target_offices(database, actor, case_id),
                  name="transfer offices").done(self._offices).failed(self._unread).run()

    def _offices(self, offices: list[tuple[uuid.UUID, str]]) -> None:
        for office_id, name in offices:
            self.office.addItem(name, str(office_id))  # strings: findData cannot match UUIDs
        self.office.setCurrentIndex(-1)  # a conscious choice
        self.office.setEnabled(True)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Transfer to another office"))
        self.summary.setText(self._summary_text())
        self.office.setPlaceholderText(_("Choose an office"))
        self.form.set_label(transfers.Field.OFFICE.value, _("&To office"))
        self.form.set_label(transfers.Field.NOTE.value, _("&Why"))
        self.note.setPlaceholderText(_("Why the case should go to that office (its manager "
                                       "reads this)"))

    def choose(self, office_id: uuid.UUID) -> None:
        self.office.setCurrentIndex(self.office.findData(str(office_id)))

    def chosen(self) -> uuid.UUID | None:
        data = self.office.currentData()
        return uuid.UUID(data) if data else None

    def problems(self) -> dict[str, str]:
        found = transfers.check_request(self.chosen(), self.note.toPlainText())
        return {field.value: transfers.problem_text(field, problem)
                for field, problem in found.items()}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, case, today = self.database, self.actor, self.case, self.today
        office_id, note = self.chosen(), self.note.toPlainText()
        return self._written(lambda: transfers.request_transfer(
            database, actor, case.id, case.version, office_id, note, today=today))

    def placed(self, failure: Failure) -> dict[str, str]:
        self.was_refused = True
        error = failure.error
        if isinstance(error, transfers.InvalidTransferEntry):
            return {field.value: transfers.problem_text(field, problem)
                    for field, problem in error.problems.items()}
        if isinstance(error, transfers.SameOffice | transfers.UnknownOffice):
            return {transfers.Field.OFFICE.value: failure.message}
        return {}


class WithdrawTransferDialog(_CaseDialog):
    """Takes back the request not yet answered: a question, with the request's details."""

    def __init__(self, database: Database, actor: Actor, case: CaseItem,
                 parent: QWidget | None = None) -> None:
        super().__init__(database, actor, case, parent)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.layout().insertWidget(1, self.question)  # type: ignore[union-attr]
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Withdraw transfer request"))
        self.summary.setText(self._summary_text())
        transfer = self.case.transfer
        if transfer is not None:
            self.question.setText(_("Withdraw the request of {date} to transfer this case to "
                                    "{office}? The case stays here.").format(
                date=format_date(transfer.requested_on), office=transfer.to_office))

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, transfer = self.database, self.actor, self.case.transfer
        assert transfer is not None  # the action is enabled only with one pending
        return self._written(lambda: transfers.withdraw_transfer(
            database, actor, transfer.id, transfer.version))


class CaseActions(FileActions):
    """The window's "Close case…", "Reopen case…" and "Reassign…": enabled as the case and
    the user's role allow (the service checks again), each opening its dialog."""

    def __init__(self, window: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(window, database, actor)
        self.case: CaseItem | None = None
        self.close_action = self._action(self.close_case)
        self.reopen_action = self._action(self.reopen_case)
        self.reassign_action = self._action(self.reassign_case)
        self.transfer_action = self._action(self.transfer_case)
        self.withdraw_action = self._action(self.withdraw_transfer)
        self.set_case(None)

    def actions(self) -> list[QAction]:
        return [self.close_action, self.reopen_action, self.reassign_action,
                self.transfer_action, self.withdraw_action]

    def set_case(self, case: CaseItem | None) -> None:
        self.case = case
        steps = cases.steps_for(self.actor, case)
        self.close_action.setEnabled(steps.close)
        self.reopen_action.setEnabled(steps.reopen)
        self.reassign_action.setEnabled(steps.reassign)
        moves = transfers.steps_for(self.actor, case)
        self.transfer_action.setEnabled(moves.request)
        self.withdraw_action.setEnabled(moves.withdraw)
        self._explain()

    def close_case(self) -> CloseCaseDialog | None:
        if self.case is None or not self.close_action.isEnabled():
            return None
        return self._open(CloseCaseDialog(self.database, self.actor, self.case, self.window,
                                          today=self.today))

    def reopen_case(self) -> ReopenCaseDialog | None:
        if self.case is None or not self.reopen_action.isEnabled():
            return None
        return self._open(ReopenCaseDialog(self.database, self.actor, self.case, self.window))

    def reassign_case(self) -> ReassignCaseDialog | None:
        if self.case is None or not self.reassign_action.isEnabled():
            return None
        return self._open(ReassignCaseDialog(self.database, self.actor, self.case,
                                             self.window))

    def transfer_case(self) -> TransferCaseDialog | None:
        if self.case is None or not self.transfer_action.isEnabled():
            return None
        return self._open(TransferCaseDialog(self.database, self.actor, self.case, self.window,
                                             today=self.today))

    def withdraw_transfer(self) -> WithdrawTransferDialog | None:
        if self.case is None or not self.withdraw_action.isEnabled():
            return None
        return self._open(WithdrawTransferDialog(self.database, self.actor, self.case,
                                                 self.window))

    def retranslate(self) -> None:
        self.close_action.setText(_("Close case…"))
        self.reopen_action.setText(_("Reopen case…"))
        self.reassign_action.setText(_("Reassign…"))
        self.transfer_action.setText(_("Transfer to another office…"))
        self.withdraw_action.setText(_("Withdraw transfer request"))
        for action in self.actions():
            # Buttons show the icon text, which Qt derives without the "…" that says a
            # dialog opens: kept.
            action.setIconText(action.text())
        self._explain()
        if self.dialog is not None:
            self.dialog.retranslate()

    def _explain(self) -> None:
        """Each action's tooltip says what it does, or why it cannot be used now."""
        case, actor = self.case, self.actor
        if case is None:
            why_not = _("This client has no case.")
            for action in self.actions():
                action.setToolTip(why_not)
            return
        scope = actor.office_scope
        foreign = scope is not None and case.office_id != scope
        held = _("This case is held by {office}.").format(office=case.office)
        self.close_action.setToolTip(
            held if foreign else _("The case is closed already.") if not case.is_open
            else _("A transfer to {office} is waiting for an answer: withdraw it first.").format(
                office=case.transfer.to_office) if case.transfer is not None
            else _("Close the case, with the reason and the outcome"))
        self.reopen_action.setToolTip(
            held if foreign else _("The case is open.") if case.is_open
            else _("Open the closed case again, saying why"))
        if not actor.can(Permission.SEE_ALL_QUEUES):
            reassign = _("Only a manager may give a case to another caseworker.")
        elif not case.is_open:
            reassign = _("The case is closed: reopen it first.")
        else:
            reassign = held if foreign else _("Give the case to another caseworker of its office")
        self.reassign_action.setToolTip(reassign)
        if foreign:
            transfer = withdraw = held
        elif not case.is_open:
            transfer = withdraw = _("The case is closed.")
        elif case.transfer is not None:
            transfer = _("A transfer to {office} is waiting for an answer.").format(
                office=case.transfer.to_office)
            withdraw = _("Take back the request to {office}; the case stays here").format(
                office=case.transfer.to_office)
        else:
            transfer = _("Ask another office to take the case; its manager accepts or "
                         "declines")
            withdraw = _("No transfer of this case is waiting for an answer.")
        self.transfer_action.setToolTip(transfer)
        self.withdraw_action.setToolTip(withdraw)
