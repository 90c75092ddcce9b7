"""The dialogs of the Documents tab: a new document, corrected details, a renewal, a loss
or revocation.

They record what the document says, never a copy of it: there is no field for a
scan or a file (the personal-data law forbids keeping copies of identity
documents; see ``desktop.services.documents``).

Each is an administration-style ``FormDialog``: OK checks what the service's own
pure rules can check here, then writes through the operation runner and closes
once the write succeeded; a refusal about a field shows beside it. The write's
broadcast reloads the client file and Today, so nothing here refreshes by hand.
When the document is no longer as the tab read it (changed, renewed or marked by
someone else meanwhile, or gone), the dialog says so, offers only Cancel, and
emits ``outdated`` so that the file is read again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QWidget,
)

from db.errors import StaleRecord
from db.models.person import DocumentStatus
from db.session import Database
from desktop.i18n import _, format_date
from desktop.services import documents
from desktop.services.access import Actor
from desktop.services.client_file import DocumentItem
from desktop.services.documents import DocumentDetails, Field, InvalidDocument
from desktop.services.messages import describe
from desktop.services.reference import reference_choices
from desktop.ui.admin.common import FormDialog, show_message, text_field
from desktop.ui.client_file.fields import OptionalDateEdit
from desktop.ui.operations import Failure, Operation
from desktop.ui.scroll_safe import ScrollSafeCombo, ScrollSafeDateEdit

__all__ = ["DocumentDialog", "EditDocumentDialog", "MarkDocumentDialog", "NewDocumentDialog",
           "RenewDocumentDialog"]

DOCUMENT_TYPES = "document_type"
DATE_FORMAT = "dd.MM.yyyy"  # as written on Kazakh documents, in every language
# The document is no longer as the tab showed it: the file is read again.
OUTDATED = (StaleRecord, documents.NoSuchDocument, documents.DocumentNotValid)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _texts(problems: dict[Field, documents.Problem]) -> dict[str, str]:
    return {field.value: documents.problem_text(field, problem)
            for field, problem in problems.items()}


def describe_item(item: DocumentItem) -> str:
    """One line naming the document a dialog changes: type, number, expiry."""
    parts = [item.type, item.number]
    if item.expires_on is not None:
        parts.append(_("expires {date}").format(date=format_date(item.expires_on)))
    return " · ".join(p for p in parts if p)


class DocumentDialog(FormDialog):
    """What the four share: the day it is, the document's line above the form, refusals
    placed beside their fields, and the outdated case."""

    outdated = Signal()  # the document changed meanwhile: the file should be read again

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        # Tests pin the day, as the window does; otherwise the services ask the clock.
        self.fixed_today = today
        self.today = today or date.today()
        self.summary = self.add_summary()
        self.summary.hide()  # until a dialog names the document it changes
        self.setMinimumWidth(620)  # a field and the problem beside it, unwrapped


    def show_item(self, item: DocumentItem) -> None:
        self.summary.setText(describe_item(item))
        self.summary.show()

    def placed(self, failure: Failure) -> dict[str, str]:
        error = failure.error
        if isinstance(error, InvalidDocument):
            # Each field's own sentence, from the one describer.
            return {field.value: describe(InvalidDocument({field: problem}))
                    for field, problem in error.problems.items()}
        return {}

    def _refused(self, failure: Failure) -> None:
        super()._refused(failure)
        if isinstance(failure.error, OUTDATED):
            self.ok_button().setEnabled(False)  # the version it holds would be refused again
            self.outdated.emit()


class _DetailsDialog(DocumentDialog):
    """The document's details: type, number, issuing authority, issue and expiry dates."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 today: date | None = None, chosen_type: tuple[str, str] | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.kind = ScrollSafeCombo(self)
        self.kind.setEnabled(False)  # until the list of types has come in
        self.number = QLineEdit(self)
        self.number.setMaxLength(documents.MAX_NUMBER)
        self.kind.currentIndexChanged.connect(lambda _index: self._number_hint())
        self.issued_by = QLineEdit(self)
        self.issued_by.setMaxLength(documents.MAX_ISSUED_BY)
        self.issued_on = OptionalDateEdit(self)
        # Issued today at the latest; the service refuses a later one all the same.
        self.issued_on.editor.setMaximumDate(_qdate(self.today))
        self.expires_on = OptionalDateEdit(self)
        for field in (self.issued_on, self.expires_on):
            # "Not known" until the caseworker reads the date off the document; the
            # editor then starts from today rather than from Qt's year 2000.
            field.editor.setDate(_qdate(self.today))
            field.setValue(None)
        for key, field in ((Field.TYPE, self.kind), (Field.NUMBER, self.number),
                           (Field.ISSUED_BY, self.issued_by), (Field.ISSUED_ON, self.issued_on),
                           (Field.EXPIRES_ON, self.expires_on)):
            self.form.add(key.value, field, self)
        self.chain_focus([self.kind, self.number, self.issued_by, self.issued_on.editor,
                          self.issued_on.unknown, self.expires_on.editor,
                          self.expires_on.unknown])
        self._chosen_type = chosen_type  # (code, label) to choose once the list is in
        self.ok_button().setEnabled(False)
        Operation(self, lambda: reference_choices(database, DOCUMENT_TYPES),
                  name="document types").done(self._types).failed(self._unread).run()

    def is_ready(self) -> bool:
        """The list of types has come in and no write is under way (tests wait on it)."""
        return self.kind.isEnabled() and not self.writing

    def _types(self, choices: list[tuple[str, str]]) -> None:
        # Item data are codes (strings): QComboBox.findData cannot match other objects.
        for code, label in choices:
            self.kind.addItem(label, code)
        index = -1  # a conscious choice, not the first of the list
        if self._chosen_type is not None:
            code, label = self._chosen_type
            index = self.kind.findData(code)
            if index < 0:  # a type since taken off the list: still shown, not lost
                self.kind.addItem(label, code)
                index = self.kind.count() - 1
        self.kind.setCurrentIndex(index)
        self.kind.setEnabled(True)
        self.ok_button().setEnabled(True)
        self._number_hint()

    def _unread(self, failure: Failure) -> None:
        show_message(self.message, failure.message)  # OK stays off: there is no list

    def choose_type(self, code: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(code))

    def type_code(self) -> str | None:
        return self.kind.currentData() if self.kind.currentIndex() >= 0 else None

    def details(self) -> DocumentDetails:
        return DocumentDetails(self.type_code(), self.number.text(), self.issued_by.text(),
                               self.issued_on.value(), self.expires_on.value())

    def fill(self, item: DocumentItem) -> None:
        self.number.setText(item.number)
        self.issued_by.setText(item.issued_by)
        self.issued_on.setValue(item.issued_on)
        self.expires_on.setValue(item.expires_on)

    def replacing_expiry(self) -> date | None:
        return None

    def problems(self) -> dict[str, str]:
        return _texts(documents.check_details(self.details(), self.today,
                                              self.replacing_expiry()))

    def _number_hint(self) -> None:
        needed = documents.number_required(self.type_code())
        self.number.setPlaceholderText("" if needed else _("Optional for this type"))

    def retranslate(self) -> None:
        self.kind.setPlaceholderText(_("Choose a type"))
        self.form.set_label(Field.TYPE.value, _("&Type:"))
        self.form.set_label(Field.NUMBER.value, _("&Number:"))
        self.form.set_label(Field.ISSUED_BY.value, _("Issued &by:"))
        self.form.set_label(Field.ISSUED_ON.value, _("&Issued on:"))
        self.form.set_label(Field.EXPIRES_ON.value, _("E&xpires on:"))
        for field, name in ((self.issued_on, _("Issued on")), (self.expires_on, _("Expires on"))):
            field.retranslate()
            field.set_accessible_name(name)
        self.issued_by.setPlaceholderText(_("The authority named on the document"))
        self._number_hint()


class NewDocumentDialog(_DetailsDialog):
    """A document the client holds, recorded for the first time."""

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.person_id = person_id
        self.kind.setFocus()
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, person_id, today = (self.database, self.actor, self.person_id,
                                             self.fixed_today)
        details = self.details()
        return lambda: documents.add_document(database, actor, person_id, details, today=today)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("New document"))


class EditDocumentDialog(_DetailsDialog):
    """The details of a recorded document, corrected (its state stays as it is)."""

    def __init__(self, database: Database, actor: Actor, item: DocumentItem,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today,
                         chosen_type=(item.type_code, item.type))
        self.item = item
        self.show_item(item)
        self.fill(item)
        self.number.setFocus()
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, item, today = self.database, self.actor, self.item, self.fixed_today
        details = self.details()

        def work() -> uuid.UUID:
            documents.edit_document(database, actor, item.id, item.version, details,
                                    today=today)
            return item.id

        return work

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Edit document"))


class RenewDocumentDialog(_DetailsDialog):
    """The document that replaces a valid one: the old one is kept, marked replaced.

    It starts as the old one's type and authority, issued today, valid as long as the
    old one was (when its dates say so): what a renewal usually is, to correct."""

    def __init__(self, database: Database, actor: Actor, item: DocumentItem,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today,
                         chosen_type=(item.type_code, item.type))
        self.item = item
        self.show_item(item)
        self.issued_by.setText(item.issued_by)
        self.issued_on.setValue(self.today)
        if item.issued_on is not None and item.expires_on is not None:
            self.expires_on.setValue(self.today + (item.expires_on - item.issued_on))
        self.number.setFocus()
        self.retranslate()

    def replacing_expiry(self) -> date | None:
        return self.item.expires_on

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, item, today = self.database, self.actor, self.item, self.fixed_today
        details = self.details()
        return lambda: documents.renew_document(database, actor, item.id, item.version,
                                                details, today=today)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(_("Renew document"))
        self.summary.setText(_("Replaces: {document}").format(document=describe_item(self.item)))


class MarkDocumentDialog(DocumentDialog):
    """A valid document recorded as lost or revoked: which, since when, and a note."""

    STATUS = "status"

    def __init__(self, database: Database, actor: Actor, item: DocumentItem,
                 parent: QWidget | None = None, *, today: date | None = None,
                 status: DocumentStatus = DocumentStatus.LOST) -> None:
        super().__init__(database, actor, parent, today=today)
        self.item = item
        self.show_item(item)
        self.status = ScrollSafeCombo(self)
        for mark in documents.MARKS:
            self.status.addItem("", mark.value)
        self.status.setCurrentIndex(self.status.findData(status.value))
        self.on = ScrollSafeDateEdit(self)
        self.on.setDisplayFormat(DATE_FORMAT)
        self.on.setCalendarPopup(True)
        self.on.setMaximumDate(_qdate(self.today))
        if item.issued_on is not None:
            self.on.setMinimumDate(_qdate(item.issued_on))
        self.on.setDate(_qdate(self.today))
        self.note = text_field(self)
        self.form.add(self.STATUS, self.status, self)
        self.form.add(Field.STATUS_ON.value, self.on, self)
        self.form.add(Field.NOTE.value, self.note, self)
        self.chain_focus([self.status, self.on, self.note])
        self.status.setFocus()
        self.retranslate()

    def is_ready(self) -> bool:
        return not self.writing

    def chosen(self) -> DocumentStatus:
        return DocumentStatus(self.status.currentData())

    def choose(self, status: DocumentStatus) -> None:
        self.status.setCurrentIndex(self.status.findData(status.value))

    def problems(self) -> dict[str, str]:
        return _texts(documents.check_mark(self.on.date().toPython(), self.note.toPlainText(),
                                           self.item.issued_on, self.today))

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, item, today = self.database, self.actor, self.item, self.fixed_today
        status, on, note = self.chosen(), self.on.date().toPython(), self.note.toPlainText()

        def work() -> uuid.UUID:
            documents.mark_document(database, actor, item.id, item.version, status, on, note,
                                    today=today)
            return item.id

        return work

    def retranslate(self) -> None:
        self.setWindowTitle(_("Mark document lost or revoked"))
        labels = {DocumentStatus.LOST: _("Lost"), DocumentStatus.REVOKED: _("Revoked")}
        for index, mark in enumerate(documents.MARKS):
            self.status.setItemText(index, labels[mark])
        self.form.set_label(self.STATUS, _("&What happened:"))
        self.form.set_label(Field.STATUS_ON.value, _("&Since:"))
        self.form.set_label(Field.NOTE.value, _("&Note:"))
        self.note.setPlaceholderText(_("Where the loss was reported, or who revoked it and why"))
