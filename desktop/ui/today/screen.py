"""The Today screen: what the caseworker has to do today, in three lists.

Follow-ups due or overdue (marked done or rescheduled from here), documents
running out, and today's appointments. Enter or a double click opens the client's
file at the matching tab. Loading, marking done and rescheduling (the dialog the
client file uses too) run through the operation runner; the lists reload as
soon as a write anywhere (a client file, a consultation) changes what they
show. A manager may pick whose queue to look at.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from babel import dates as babel_dates
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.changes import Changes
from db.errors import StaleRecord
from db.session import Database
from desktop.i18n import N_, _, babel_locale, format_date, format_number, ngettext
from desktop.services import follow_ups
from desktop.services.auth import Actor, Permission
from desktop.services.today import (
    DocumentLine,
    FollowUpLine,
    TodayWork,
    load_today,
    queues,
)
from desktop.ui import operations
from desktop.ui.fitting import ColumnFitter, fit_to_items
from desktop.ui.follow_ups.dialogs import RescheduleDialog, Task, TaskDialog, open_dialog
from desktop.ui.operations import Failure, Operation
from desktop.ui.today.model import Column, Flag, WorkModel
from desktop.ui.today.transfers import COLUMNS as TRANSFER_COLUMNS
from desktop.ui.today.transfers import TransferRequests

STALE_AFTER_S = 60  # coming back to the screen after this long reloads it (the day may turn)
# A write to any of these may add a line to Today, take one off, or change its words.
TODAY_TABLES = ("follow_up", "document", "consultation", "person", "client_case",
                "case_transfer")

FOLLOW_UP_COLUMNS = (
    Column(N_("Client"), lambda f: f.client, free_text=True),
    Column(N_("Task"), lambda f: f.title, free_text=True),
    Column(N_("Due"), lambda f: format_date(f.due_on)),
    Column(N_("State"), lambda f: f.state),
)
DOCUMENT_COLUMNS = (
    Column(N_("Client"), lambda d: d.client, free_text=True),
    Column(N_("Document"), lambda d: d.type),
    Column(N_("Number"), lambda d: d.number),
    Column(N_("Expires"), lambda d: format_date(d.expires_on)),
    Column(N_("State"), lambda d: d.state),
)
APPOINTMENT_COLUMNS = (
    Column(N_("Time"), lambda a: babel_dates.format_time(a.at, "short", locale=babel_locale())),
    Column(N_("Client"), lambda a: a.client, free_text=True),
    Column(N_("Phone"), lambda a: a.phone),
    Column(N_("Next steps"), lambda a: a.next_steps, free_text=True),
)


def _follow_up_flag(line: FollowUpLine) -> Flag:
    return Flag.LATE if line.overdue else Flag.SOON


def _document_flag(line: DocumentLine) -> Flag:
    return Flag.LATE if line.expired else Flag.SOON


class WorkView(QTableView):
    """A list of lines: Enter or a double click chooses one, Space acts on it."""

    chosen = Signal(object)  # the line
    space = Signal(object)  # the line

    def __init__(self, model: WorkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab leaves the list; arrows move within it
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        # Widths by the texts, kept when the list empties or a line is marked done.
        self.fitter = ColumnFitter(self, [number for number, column in enumerate(model.columns)
                                          if column.free_text])
        self.doubleClicked.connect(lambda index: self._emit(self.chosen, index))

    def work_model(self) -> WorkModel:
        model = self.model()
        assert isinstance(model, WorkModel)
        return model

    def current_line(self) -> Any:
        rows = self.selectionModel().selectedRows()
        return self.work_model().line(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        count = self.work_model().rowCount()
        if count:
            self.selectRow(max(0, min(row, count - 1)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._emit(self.chosen, self.currentIndex())
            return
        if event.key() == Qt.Key.Key_Space and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._emit(self.space, self.currentIndex())
            return
        super().keyPressEvent(event)

    def _emit(self, signal: Any, index: QModelIndex) -> None:
        line = self.work_model().line(index.row()) if index.isValid() else None
        if line is not None:
            signal.emit(line)


class Section(QWidget):
    """A titled list; the title carries the count."""

    def __init__(self, model: WorkModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.view = WorkView(model, self)
        self.title.setBuddy(self.view)
        self.bar = QHBoxLayout()
        self.bar.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self.bar)
        layout.addWidget(self.view, 1)


class TodayScreen(QWidget):
    """The day's work of the logged-in user (or, for a manager, of a chosen caseworker)."""

    open_client = Signal(object, str)  # person id, tab of the client file
    loaded = Signal()  # the lists show fresh data

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TodayScreen")
        self.database = database
        self.actor = actor
        self.fixed_today = today  # tests pin the day; otherwise the clock decides at each load
        self.work: TodayWork | None = None
        self.loading = False
        self.error = ""
        self._loaded_at = 0.0

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.queue_label = QLabel(self)
        self.queue = QComboBox(self)
        fit_to_items(self.queue)  # the caseworkers' names come after the first show
        self.queue_label.setBuddy(self.queue)
        self.refresh_button = QPushButton(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        # Ids beside the combo: Qt compares Python objects stored as item data by identity.
        self.queue_ids: list[Any] = [actor.user_id]
        self.queue.addItem(actor.full_name)
        if actor.can(Permission.SEE_ALL_QUEUES):
            Operation(self, lambda: queues(database, actor), name="queues") \
                .done(self._queues).run()
        else:
            self.queue_label.hide()
            self.queue.hide()

        self.follow_ups = Section(WorkModel(FOLLOW_UP_COLUMNS, _follow_up_flag, self), self)
        self.documents = Section(WorkModel(DOCUMENT_COLUMNS, _document_flag, self), self)
        self.appointments = Section(WorkModel(APPOINTMENT_COLUMNS, parent=self), self)
        self.done_button = QPushButton(self)
        self.done_button.setEnabled(False)
        self.follow_ups.bar.addWidget(self.done_button)
        self.reschedule_button = QPushButton(self)
        self.reschedule_button.setEnabled(False)
        self.follow_ups.bar.addWidget(self.reschedule_button)
        self.dialog: TaskDialog | None = None  # the one open, for tests
        # A manager's: cases other offices ask theirs to take (hidden while none wait).
        self.transfers = TransferRequests(
            Section(WorkModel(TRANSFER_COLUMNS, parent=self), self), database, actor,
            lambda: self.fixed_today, lambda t: self.open_client.emit(t.person_id, "case_plan"))

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.queue_label)
        top.addWidget(self.queue)
        top.addWidget(self.refresh_button)
        splitter = self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.transfers.section)
        for section in (self.follow_ups, self.documents, self.appointments):
            splitter.addWidget(section)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        for first, second in ((self.queue, self.refresh_button),
                              (self.refresh_button, self.follow_ups.view),
                              (self.follow_ups.view, self.done_button),
                              (self.done_button, self.reschedule_button),
                              (self.reschedule_button, self.documents.view),
                              (self.documents.view, self.appointments.view)):
            QWidget.setTabOrder(first, second)

        self.follow_ups.view.chosen.connect(lambda f: self.open_client.emit(f.person_id,
                                                                            "follow_ups"))
        self.documents.view.chosen.connect(lambda d: self.open_client.emit(d.person_id,
                                                                           "documents"))
        self.appointments.view.chosen.connect(lambda a: self.open_client.emit(a.person_id,
                                                                              "consultations"))
        self.follow_ups.view.space.connect(self.mark_done)
        self.follow_ups.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.follow_ups.model.modelReset.connect(self._update_buttons)
        self.done_button.clicked.connect(self.mark_selected_done)
        self.reschedule_button.clicked.connect(self.reschedule_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.queue.currentIndexChanged.connect(lambda _index: self.refresh())
        self.refresh_shortcut = QShortcut(QKeySequence.StandardKey.Refresh, self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_shortcut.activated.connect(self.refresh)
        # Alt+1, 2, 3 jump to the lists (their titles change with the counts: no mnemonics).
        self.jumps = []
        for number, section in enumerate((self.follow_ups, self.documents, self.appointments), 1):
            jump = QShortcut(QKeySequence(f"Alt+{number}"), self)
            jump.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            jump.activated.connect(lambda view=section.view: self._focus(view))
            self.jumps.append(jump)
        operations.hub().changed.connect(self.on_changes)
        self._set_texts()
        self.refresh()

    def _queues(self, people: list[tuple[Any, str]]) -> None:
        self.queue.blockSignals(True)  # the user's own queue stays chosen and loaded
        for user_id, name in people[1:]:
            self.queue_ids.append(user_id)
            self.queue.addItem(name)
        self.queue.blockSignals(False)

    # ---- loading --------------------------------------------------------------------------------

    def today(self) -> date:
        return self.fixed_today or date.today()

    def owner_id(self) -> Any:
        index = self.queue.currentIndex()
        return self.queue_ids[index] if index >= 0 else self.actor.user_id

    def show_queue(self, user_id: Any) -> None:
        """Show that person's work (a manager's choice; the combo does the same)."""
        self.queue.setCurrentIndex(self.queue_ids.index(user_id))

    def refresh(self) -> Operation[TodayWork]:
        """Reload the lists off the GUI thread; a load still running is superseded."""
        database, actor, owner, today = self.database, self.actor, self.owner_id(), self.today()
        self.loading = True
        self.error = ""
        self._set_status()
        return Operation(self, lambda: load_today(database, actor, owner, today),
                         name="today").superseding((id(self), "load")) \
            .done(self._loaded).failed(self._failed).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(*TODAY_TABLES):
            self.refresh()

    def _loaded(self, work: TodayWork) -> None:
        self.loading = False
        self._loaded_at = time.monotonic()
        kept = self.follow_ups.view.currentIndex().row()
        self.work = work
        self.follow_ups.model.set_lines(work.follow_ups)
        self.documents.model.set_lines(work.documents)
        self.appointments.model.set_lines(work.appointments)
        self.transfers.show_lines(work.transfers)  # each view's fitter measured its lines
        if kept >= 0:  # after marking one done, the next one is ready for the same keys
            self.follow_ups.view.select_row(kept)
        self._set_titles()
        self._set_status()
        self.loaded.emit()

    def _failed(self, failure: Failure) -> None:
        self.loading = False
        self.error = failure.message
        self._set_status()
        self.loaded.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loading and time.monotonic() - self._loaded_at > STALE_AFTER_S:
            self.refresh()

    # ---- marking done ---------------------------------------------------------------------------

    def selected_follow_up(self) -> FollowUpLine | None:
        return self.follow_ups.view.current_line()

    def mark_selected_done(self) -> bool:
        line = self.selected_follow_up()
        return self.mark_done(line) if line is not None else False

    def mark_done(self, line: FollowUpLine) -> bool:
        """Ask for an optional comment, then record the task done; the broadcast of the
        change reloads the lists. False when the user cancelled."""
        comment = self.ask_comment(line)
        if comment is None:
            return False
        if line in self.follow_ups.model.lines:  # off the list at once; the reload confirms
            row = self.follow_ups.model.remove_line(line)
            self.follow_ups.view.select_row(row)
        database, actor = self.database, self.actor
        Operation(self, lambda: follow_ups.mark_done(database, actor, line.id, comment),
                  writes=True, name="mark done").failed(self._not_marked).run()
        return True

    def _not_marked(self, failure: Failure) -> None:
        self.tell(failure.message)
        if isinstance(failure.error, StaleRecord | follow_ups.NoSuchFollowUp):
            self.refresh()  # show the list as it now is
        elif self.work is not None:  # put the line back as it was
            self.follow_ups.model.set_lines(self.work.follow_ups)

    def ask_comment(self, line: FollowUpLine) -> str | None:
        """The comment to keep with it ("" for none), or None if cancelled (tests replace this)."""
        text, accepted = QInputDialog.getText(
            self, _("Mark done"),
            _("“{title}” for {client} is done. Comment (optional):").format(
                title=line.title, client=line.client))
        return text.strip() if accepted else None

    # ---- rescheduling ---------------------------------------------------------------------------

    def reschedule_selected(self) -> TaskDialog | None:
        """Ask for another due date (a call put off); once written, the broadcast reloads
        the lists and a task now due later leaves them."""
        line = self.selected_follow_up()
        if line is None:
            return None
        dialog = RescheduleDialog(
            self.database, self.actor,
            Task(line.id, line.version, line.title, line.due_on, client=line.client), self,
            today=self.today())
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        return open_dialog(dialog, self.refresh)

    def _dialog_closed(self, dialog: TaskDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def tell(self, text: str) -> None:
        """Tests replace this to read the message instead of answering a box."""
        operations.tell(self, text)

    def _focus(self, view: WorkView) -> None:
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if view.currentIndex().row() < 0:
            view.select_row(0)

    def _update_buttons(self) -> None:
        chosen = self.selected_follow_up() is not None
        self.done_button.setEnabled(chosen)
        self.reschedule_button.setEnabled(chosen)

    # ---- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._set_texts()
        self.refresh()  # states and document types come in the new language

    def _set_texts(self) -> None:
        self.heading.setText(_("Today, {date}").format(date=format_date(self.today(), "long")))
        self.queue_label.setText(_("&Whose work:"))
        self.queue.setAccessibleName(_("Whose work to show"))
        if self.queue.count():
            self.queue.setItemText(0, _("My work"))
        self.refresh_button.setText(_("Refresh"))
        self.refresh_button.setToolTip(_("Load the lists again (F5)"))
        self.done_button.setText(_("&Mark done…"))
        self.done_button.setToolTip(_("Mark the chosen follow-up as done, with an optional "
                                      "comment (Space)"))
        self.reschedule_button.setText(_("&Reschedule…"))
        self.reschedule_button.setToolTip(_("Put the chosen follow-up off to another day"))
        self.follow_ups.view.setAccessibleName(_("Follow-ups due today or overdue"))
        self.documents.view.setAccessibleName(_("Documents expiring or expired"))
        self.appointments.view.setAccessibleName(_("Appointments today"))
        for number, section in enumerate((self.follow_ups, self.documents, self.appointments), 1):
            section.view.setToolTip(_("Enter opens the client's file (Alt+{number} comes "
                                      "here)").format(number=number))
        for section in (self.follow_ups, self.documents, self.appointments):
            section.model.retranslate()
        self.transfers.retranslate()
        self._set_titles()
        self._set_status()

    def _set_titles(self) -> None:
        work = self.work
        if work is None:
            self.follow_ups.title.setText(_("Follow-ups due today or overdue"))
            self.documents.title.setText(_("Documents expiring or expired"))
            self.appointments.title.setText(_("Appointments today"))
            return
        for section, total, shown, text in (
                (self.follow_ups, work.follow_ups_total, len(work.follow_ups),
                 ngettext("{n} follow-up due today or overdue",
                          "{n} follow-ups due today or overdue", work.follow_ups_total)),
                (self.documents, work.documents_total, len(work.documents),
                 ngettext("{n} document expiring within {days} days or expired",
                          "{n} documents expiring within {days} days or expired",
                          work.documents_total)),
                (self.appointments, work.appointments_total, len(work.appointments),
                 ngettext("{n} appointment today", "{n} appointments today",
                          work.appointments_total))):
            title = text.format(n=format_number(total), days=work.document_days)
            if shown < total:
                title += " " + _("(the {shown} most urgent shown)").format(
                    shown=format_number(shown))
            section.title.setText(title)

    def _set_status(self) -> None:
        if self.error:
            self.status.setText(self.error)
            self.status.setStyleSheet("color: #b00020;")
        else:
            self.status.setText(_("Loading…") if self.loading else "")
            self.status.setStyleSheet("")
        self.status.setVisible(bool(self.status.text()))
