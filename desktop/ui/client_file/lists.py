"""The list tabs: documents, household, services; and the table they share (the case
plan, employment and social services have their own modules, ``plan_tab``,
``employment_tab`` and ``social_tab``).

A client's lists are short (tens of rows), so a plain table filled from the
loaded file serves; nothing here asks the database.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.i18n import N_, NC_, _, format_date, format_date_range
from desktop.services.access import Actor
from desktop.services.client_file import (
    ClientFile,
    CourseItem,
    DocumentItem,
    HouseholdItem,
    Urgency,
)
from desktop.ui.client_file.document_dialogs import (
    DocumentDialog,
    EditDocumentDialog,
    MarkDocumentDialog,
    NewDocumentDialog,
    RenewDocumentDialog,
)
from desktop.ui.fitting import ColumnFitter

URGENCY_COLOURS = {Urgency.LATE: QColor("#b00020"), Urgency.SOON: QColor("#8a5300")}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordTable(QTableWidget):
    """Rows keyed by a record id; a flagged row is coloured and bold, beside its text marker."""

    activated_key = Signal(object)

    def __init__(self, titles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(titles), parent)
        self.titles = titles  # N_ strings, translated in retranslate
        self._fitted: list[int] = []  # the widths given at the last filling, but the last's
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # The last column takes the room the others leave, but is never squeezed under its
        # own width (the table scrolls instead): Qt's stretched last section was, and its
        # title was cut ("Drop-out reason", in Russian).
        self.fitter = ColumnFitter(self, measure=False)
        # Rows as high as their wrapped lines at the columns' final widths: the last one is
        # stretched only once the table is laid out, after the rows were measured.
        self._rows_later = QTimer(self)
        self._rows_later.setSingleShot(True)
        self._rows_later.timeout.connect(self.resizeRowsToContents)
        header.sectionResized.connect(lambda *_args: self._rows_later.start(0))
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        self.doubleClicked.connect(self._activated)
        self.activated.connect(self._activated)
        self.retranslate()

    def set_rows(self, rows: Sequence[tuple[Any, Sequence[str], Urgency]]) -> None:
        """``(key, cells, urgency)`` per row, in the order given."""
        self.setRowCount(0)
        self.setRowCount(len(rows))
        for row, (key, cells, urgency) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(KEY_ROLE, key)
                item.setToolTip(text if len(text) > 40 else "")
                colour = URGENCY_COLOURS.get(urgency)
                if colour is not None:
                    item.setForeground(QBrush(colour))
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        for column in range(self.columnCount()):
            width = min(self.columnWidth(column), 320)
            if column < len(self._fitted):
                # A reload (a task marked done, a document renewed) never narrows a column:
                # the table would jump under the pointer. A language switch starts afresh.
                width = max(width, self._fitted[column])
            self.setColumnWidth(column, width)
        self._fitted = [self.columnWidth(column) for column in range(self.columnCount() - 1)]
        self.fitter.set_widths([self.columnWidth(column) for column in range(self.columnCount())])
        self.resizeRowsToContents()

    def key(self, row: int) -> Any:
        item = self.item(row, 0)
        return item.data(KEY_ROLE) if item is not None else None

    def current_key(self) -> Any:
        """The chosen row's key; None when no row is selected (a focus frame is no choice)."""
        rows = self.selectionModel().selectedRows()
        return self.key(rows[0].row()) if rows else None

    def _activated(self) -> None:
        key = self.current_key()
        if key is not None:
            self.activated_key.emit(key)

    def retranslate(self) -> None:
        self._fitted = []
        self.setHorizontalHeaderLabels([_(title) for title in self.titles])


def _date(value: Any) -> str:
    return format_date(value) if value is not None else ""


def date_range(first: date, last: date) -> str:
    """"09.11.2026 – 19.12.2026": the numeric days the rest of the file shows (CLDR's
    interval read «2026 ж. 9 қар. – 19 жел.»)."""
    return format_date_range(first, last)


class _ListTab(QWidget):
    """One or more titled tables, each filled from the file by its own function."""

    def __init__(self, sections: Sequence[tuple[str | None, Sequence[str], Callable[
            [ClientFile], list[tuple[Any, list[str], Urgency]]]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sections = sections
        self.tables: list[RecordTable] = []
        self.layout_ = QVBoxLayout(self)
        self.boxes: list[QGroupBox | None] = []
        self.empty_labels: list[QLabel] = []
        layout = self.layout_
        for title, columns, _fill in sections:
            table = RecordTable(columns, self)
            empty = QLabel(self)
            empty.hide()
            if title is None:
                layout.addWidget(empty)
                layout.addWidget(table, 1)
                self.boxes.append(None)
            else:
                box = QGroupBox(self)
                inner = QVBoxLayout(box)
                inner.addWidget(empty)
                inner.addWidget(table)
                layout.addWidget(box, 1)
                self.boxes.append(box)
            self.tables.append(table)
            self.empty_labels.append(empty)
        self.file: ClientFile | None = None

    def set_file(self, file: ClientFile) -> None:
        self.file = file
        for (_title, _columns, fill), table, empty in zip(self.sections, self.tables,
                                                          self.empty_labels, strict=True):
            rows = fill(file)
            table.set_rows(rows)
            table.setVisible(bool(rows))
            empty.setVisible(not rows)
        for box, table in zip(self.boxes, self.tables, strict=True):
            # An empty section is one line; the space goes to those with rows.
            self.layout_.setStretchFactor(box or table, 1 if table.isVisibleTo(self) else 0)

    def retranslate(self) -> None:
        for (title, _columns, _fill), table, box, empty in zip(
                self.sections, self.tables, self.boxes, self.empty_labels, strict=True):
            table.retranslate()
            empty.setText(_("Nothing recorded."))
            if box is not None and title is not None:
                box.setTitle(_(title))
                table.setAccessibleName(_(title))
        if self.file is not None:
            self.set_file(self.file)  # dates in the new language's format


def _documents(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    return [(d.id, [d.type, d.number, d.issued_by, _date(d.issued_on), _date(d.expires_on),
                    d.marker], d.urgency) for d in file.documents]


class DocumentsTab(_ListTab):
    """The client's documents, valid ones flagged as they near expiry, the others saying
    what became of them; buttons add one, correct one, renew one or mark one lost or
    revoked (the dialogs of ``document_dialogs``). Each write's broadcast reloads the
    file; the tab keeps the chosen row across reloads, moves to a renewal once written,
    and with nothing chosen picks the most urgent valid document, so that renewing it
    (what brings a caseworker here from Today) is one click away."""

    reload_requested = Signal()  # the document changed or went meanwhile: show it as it is

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__([(None, (N_("Type"), N_("Number"), N_("Issued by"), N_("Issued"),
                                  N_("Expires"), N_("Validity")), _documents)], parent)
        self.database, self.actor = database, actor
        self.today: date | None = None  # None: the clock's; tests pin it, as the window's
        self.dialog: DocumentDialog | None = None  # the one open, for tests and to keep it
        self._select: uuid.UUID | None = None  # the row to choose when the file next arrives
        self.table = self.tables[0]
        self.new_button = self._button(self.new_document)
        self.edit_button = self._button(self.edit_selected)
        self.renew_button = self._button(self.renew_selected)
        self.mark_button = self._button(self.mark_selected)
        bar = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.renew_button, self.mark_button):
            bar.addWidget(button)
        bar.addStretch(1)
        self.layout_.insertLayout(0, bar)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.activated_key.connect(lambda _key: self.edit_selected())
        self.retranslate()

    def _button(self, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self)
        button.setEnabled(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def set_file(self, file: ClientFile) -> None:
        wanted = self._select or self.table.current_key()
        blocked = self.table.blockSignals(True)  # one update of the buttons, at the end
        super().set_file(file)
        self.table.blockSignals(blocked)
        ids = [d.id for d in file.documents]
        if wanted not in ids:
            wanted = next((d.id for urgency in (Urgency.LATE, Urgency.SOON)
                           for d in file.documents if d.is_valid and d.urgency is urgency),
                          None)
        if wanted in ids:
            self.table.selectRow(ids.index(wanted))
            if wanted == self._select:
                self._select = None  # kept until the saved document is among the rows
        self._selection_changed()

    def select_document(self, document_id: uuid.UUID) -> None:
        """Choose that document's row (now, or once the file shows it)."""
        self._select = document_id
        if self.file is not None:
            self.set_file(self.file)

    def selected(self) -> DocumentItem | None:
        key = self.table.current_key()
        return next((d for d in (self.file.documents if self.file else ()) if d.id == key), None)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        valid = chosen is not None and chosen.is_valid
        self.new_button.setEnabled(self.file is not None)
        self.edit_button.setEnabled(chosen is not None)
        self.renew_button.setEnabled(valid)
        self.mark_button.setEnabled(valid)
        if chosen is not None and not valid:
            why = _("This document is no longer valid: {state}").format(state=chosen.marker)
            self.renew_button.setToolTip(why)
            self.mark_button.setToolTip(why)
        else:
            self.renew_button.setToolTip(_("Record the document that replaces the chosen one; "
                                           "the old one is kept as history"))
            self.mark_button.setToolTip(_("Record that the chosen document was lost or "
                                          "revoked, with the date and a note"))

    # ---- the dialogs -----------------------------------------------------------------------

    def new_document(self) -> DocumentDialog | None:
        if self.file is None:
            return None
        return self._open(NewDocumentDialog(self.database, self.actor, self.file.person_id,
                                            self, today=self.today))

    def edit_selected(self) -> DocumentDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        return self._open(EditDocumentDialog(self.database, self.actor, chosen, self,
                                             today=self.today))

    def renew_selected(self) -> DocumentDialog | None:
        chosen = self.selected()
        if chosen is None or not chosen.is_valid:
            return None
        return self._open(RenewDocumentDialog(self.database, self.actor, chosen, self,
                                              today=self.today))

    def mark_selected(self) -> DocumentDialog | None:
        chosen = self.selected()
        if chosen is None or not chosen.is_valid:
            return None
        return self._open(MarkDocumentDialog(self.database, self.actor, chosen, self,
                                             today=self.today))

    def _open(self, dialog: DocumentDialog) -> DocumentDialog | None:
        if self.dialog is not None:  # one at a time (a second click while the first opens)
            dialog.deleteLater()
            return None
        self.dialog = dialog
        dialog.outdated.connect(self.reload_requested)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()  # window-modal, with no event loop of its own
        return dialog

    def _closed(self, dialog: DocumentDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        if dialog.saved_id is not None:
            # The broadcast's reload of this very write is on its way: it chooses the
            # document saved (a renewal: the new one).
            self._select = dialog.saved_id
        dialog.deleteLater()

    def retranslate(self) -> None:
        super().retranslate()
        self.table.setAccessibleName(_("Documents"))
        self.new_button.setText(_("&New document…"))
        self.new_button.setToolTip(_("Record a document the client holds: its details, "
                                     "never a copy"))
        self.edit_button.setText(_("&Edit…"))
        self.edit_button.setToolTip(_("Correct the chosen document's details"))
        self.renew_button.setText(_("&Renew…"))
        self.mark_button.setText(_("Mar&k lost or revoked…"))
        self._selection_changed()


def _household(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    # Keyed by the link, not the person: unlinking removes that one link.
    return [(h.link_id, [h.name, h.name_latin, _date(h.birth_date), h.relationship,
                         "" if h.accessible else _("Client of another office")], Urgency.NONE)
            for h in file.household]


class HouseholdTab(_ListTab):
    """Double-click (or Enter on) a member to open their file; the buttons above the list
    (``set_actions``: link, register, unlink) act on this household."""

    open_person = Signal(object)
    refused = Signal(str)  # why a member's file cannot be opened
    member_selected = Signal(object)  # the HouseholdItem chosen, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([(None, (NC_("person", "Name"), N_("Name (Latin)"), N_("Birth date"),
                                  N_("Relationship"), N_("Note")), _household)], parent)
        self.table = self.tables[0]
        self.table.activated_key.connect(self._open)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.action_bar = QHBoxLayout()
        self.action_bar.addStretch(1)
        self.layout_.insertLayout(0, self.action_bar)
        self.action_buttons: list[QToolButton] = []
        self._wanted: Any = None  # the link to select once it shows (one just made)
        self.retranslate()

    def set_actions(self, actions: Sequence[QAction]) -> None:
        """A button per action, before the stretch; their shortcuts work within the tab."""
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.action_bar.insertWidget(len(self.action_buttons), button)
            self.action_buttons.append(button)
            self.addAction(action)

    def set_file(self, file: ClientFile) -> None:
        # A reload (anyone's write to this person) keeps the member chosen, if still there;
        # the link just made is looked for once, in the reload its broadcast asked for.
        wanted, self._wanted = self._wanted or self.table.current_key(), None
        self.table.blockSignals(True)  # one selection signal below, not one per row
        super().set_file(file)
        for row in range(self.table.rowCount()):
            if self.table.key(row) == wanted:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self._selection_changed()

    def select_link(self, link_id: Any) -> None:
        """Select that link's member now, or once a reload shows it."""
        self._wanted = link_id
        for row in range(self.table.rowCount()):
            if self.table.key(row) == link_id:
                self.table.selectRow(row)
                self._wanted = None

    def member(self, link_id: Any) -> HouseholdItem | None:
        return next((h for h in (self.file.household if self.file else ())
                     if h.link_id == link_id), None)

    def current_member(self) -> HouseholdItem | None:
        return self.member(self.table.current_key())

    def _selection_changed(self) -> None:
        self.member_selected.emit(self.current_member())

    def _open(self, link_id: Any) -> None:
        member = self.member(link_id)
        if member is None:
            return
        if member.accessible:
            self.open_person.emit(member.person_id)
        else:
            self.refused.emit(_("{name} is a client of another office: you may not open their "
                                "file.").format(name=member.name))

    def retranslate(self) -> None:
        super().retranslate()
        self.table.setAccessibleName(_("Household members"))


def _courses(file: ClientFile) -> list[tuple[Any, list[str], Urgency]]:
    # Two short lines rather than one long one: the table fits the window in every language.
    return [(c.id, ["\n".join(p for p in (c.group, c.course) if p),
                    "\n".join(p for p in (c.language, c.group_level) if p), c.state,
                    date_range(c.starts_on, c.ends_on), c.attendance,
                    _("{before}\n→ {after}").format(before=c.level_before or "—",
                                                   after=c.level_after or "—")
                    if c.level_change else "", c.dropout_reason], Urgency.NONE)
            for c in file.courses]


class ServicesTab(_ListTab):
    """The client's language courses (job and training referrals and placements have the
    Employment tab, ``employment_tab``; social-service referrals the Social services tab,
    ``social_tab``).

    The language courses carry buttons for the actions set on them (``set_course_actions``:
    enrol, take an offered place, leave a waiting list, record the outcome), which follow
    the enrolment chosen (``enrolment_selected``). A reload keeps the chosen enrolment, and
    one just made is chosen once the file shows it.
    """

    enrolment_selected = Signal(object)  # the CourseItem chosen, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            (N_("Language courses"), (N_("Group"), N_("Level"), N_("Status"), N_("Dates"),
                                      N_("Attendance"), N_("Level before → after"),
                                      N_("Drop-out reason")), _courses),
        ], parent)
        self.courses_table = self.tables[0]
        self.course_bar = QHBoxLayout()
        self.course_bar.addStretch(1)
        box = self.boxes[0]
        assert box is not None
        box.layout().insertLayout(0, self.course_bar)  # type: ignore[union-attr]
        self.course_buttons: list[QToolButton] = []
        self._wanted: uuid.UUID | None = None  # the enrolment to choose once it shows
        self.courses_table.itemSelectionChanged.connect(self._selection_changed)
        self.retranslate()

    def set_course_actions(self, actions: Sequence[QAction]) -> None:
        """A button per action above the courses, before the stretch."""
        for action in actions:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.course_bar.insertWidget(len(self.course_buttons), button)
            self.course_buttons.append(button)

    def set_file(self, file: ClientFile) -> None:
        wanted = self._wanted or self.courses_table.current_key()
        blocked = self.courses_table.blockSignals(True)  # one selection signal, at the end
        super().set_file(file)
        ids = [c.id for c in file.courses]
        if wanted in ids:
            self.courses_table.selectRow(ids.index(wanted))
            if wanted == self._wanted:
                self._wanted = None  # kept until the new enrolment is among the rows
        self.courses_table.blockSignals(blocked)
        self._selection_changed()

    def select_enrolment(self, enrolment_id: uuid.UUID) -> None:
        """Choose that enrolment's row (now, or once the file shows it)."""
        self._wanted = enrolment_id
        if self.file is not None:
            self.set_file(self.file)

    def selected_course(self) -> CourseItem | None:
        key = self.courses_table.current_key()
        return next((c for c in (self.file.courses if self.file else ()) if c.id == key), None)

    def _selection_changed(self) -> None:
        self.enrolment_selected.emit(self.selected_course())
