"""The follow-ups tab: what is to be done for this client, by whom and when; adding one,
marking one done, putting it off, giving it to someone else, reopening a done one."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.errors import StaleRecord
from db.session import Database
from desktop.i18n import N_, _, format_date
from desktop.services import follow_ups
from desktop.services.auth import Actor
from desktop.services.client_file import ClientFile, FollowUpItem, Urgency
from desktop.ui import operations
from desktop.ui.client_file.lists import RecordTable
from desktop.ui.follow_ups.dialogs import (
    NewFollowUpDialog,
    ReassignDialog,
    ReopenDialog,
    RescheduleDialog,
    Task,
    TaskDialog,
    open_dialog,
)
from desktop.ui.operations import Failure, Operation

COLUMNS = (N_("Follow-up"), N_("Due"), N_("Assignee"), N_("State"), N_("Comment"))


class FollowUpsTab(QWidget):
    """Every change is a write through the runner (the dialogs of ``desktop.ui.follow_ups``,
    which Today opens too); its broadcast reloads this file (and Today, and every other
    screen that shows the task)."""

    reload_requested = Signal()  # the task changed or went meanwhile: show it as it is

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.today: date | None = None  # None: the clock's; tests pin it, as the window's
        self.file: ClientFile | None = None
        self.dialog: TaskDialog | None = None  # the one open, for tests
        self.table = RecordTable(COLUMNS, self)
        self.empty = QLabel(self)
        self.empty.hide()
        self.new_button = QPushButton(self)
        self.new_button.setEnabled(False)
        self.new_button.clicked.connect(self.new_follow_up)
        self.done_button = QPushButton(self)
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.mark_selected_done)
        self.reschedule_button = QPushButton(self)
        self.reschedule_button.setEnabled(False)
        self.reschedule_button.clicked.connect(self.reschedule_selected)
        self.reassign_button = QPushButton(self)
        self.reassign_button.setEnabled(False)
        self.reassign_button.clicked.connect(self.reassign_selected)
        self.reopen_button = QPushButton(self)
        self.reopen_button.setEnabled(False)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.done_button, self.reschedule_button,
                       self.reassign_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def set_file(self, file: ClientFile) -> None:
        self.file = file
        rows: list[tuple[Any, list[str], Urgency]] = [
            (f.id, [f.title, format_date(f.due_on), f.assignee, f.marker, f.comment], f.urgency)
            for f in file.follow_ups]
        self.table.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._selection_changed()

    def selected(self) -> FollowUpItem | None:
        key = self.table.current_key()
        return next((f for f in (self.file.follow_ups if self.file else ()) if f.id == key), None)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        is_open = chosen is not None and not chosen.done
        self.new_button.setEnabled(self.file is not None)
        self.done_button.setEnabled(is_open)
        self.reschedule_button.setEnabled(is_open)
        self.reassign_button.setEnabled(is_open)
        self.reopen_button.setEnabled(chosen is not None and chosen.done)

    # ---- the dialogs -----------------------------------------------------------------------

    def new_follow_up(self) -> TaskDialog | None:
        if self.file is None:
            return None
        return self._open(NewFollowUpDialog(self.database, self.actor, self.file.person_id,
                                            self, today=self.today))

    def reschedule_selected(self) -> TaskDialog | None:
        chosen = self.selected()
        if chosen is None or chosen.done:
            return None
        return self._open(RescheduleDialog(self.database, self.actor, _task(chosen), self,
                                           today=self.today))

    def reassign_selected(self) -> TaskDialog | None:
        chosen = self.selected()
        if chosen is None or chosen.done:
            return None
        return self._open(ReassignDialog(self.database, self.actor, _task(chosen), self,
                                         today=self.today))

    def reopen_selected(self) -> TaskDialog | None:
        chosen = self.selected()
        if chosen is None or not chosen.done:
            return None
        return self._open(ReopenDialog(self.database, self.actor, _task(chosen), self,
                                       today=self.today))

    def _open(self, dialog: TaskDialog) -> TaskDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        return open_dialog(dialog, self.reload_requested.emit)

    def _closed(self, dialog: TaskDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # ---- marking done ----------------------------------------------------------------------

    def mark_selected_done(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.done:
            return
        comment = self.ask_comment(chosen.title)
        if comment is None:
            return
        self.mark_done(chosen.id, comment)

    def mark_done(self, follow_up_id: uuid.UUID, comment: str) -> Operation[None]:
        database, actor = self.database, self.actor
        self.done_button.setEnabled(False)
        return Operation(self, lambda: follow_ups.mark_done(database, actor, follow_up_id,
                                                            comment),
                         writes=True, name="mark done").failed(self._not_marked).run()

    def _not_marked(self, failure: Failure) -> None:
        self._selection_changed()
        self.tell(failure.message)
        if isinstance(failure.error, StaleRecord | follow_ups.NoSuchFollowUp):
            self.reload_requested.emit()

    def ask_comment(self, title: str) -> str | None:
        """The comment to record with it, or None if the user cancelled (tests replace this)."""
        text, accepted = QInputDialog.getText(
            self, _("Mark done"), _("“{title}” is done. Comment (optional):").format(title=title))
        return text.strip() if accepted else None

    def tell(self, text: str) -> None:
        """Tests replace this to read the message instead of answering a box."""
        operations.tell(self, text)

    def retranslate(self) -> None:
        self.table.retranslate()
        self.table.setAccessibleName(_("Follow-ups"))
        self.empty.setText(_("No follow-ups."))
        self.new_button.setText(_("&New follow-up…"))
        self.new_button.setToolTip(_("Add a task for this client, with a due date and an "
                                     "assignee"))
        self.done_button.setText(_("&Mark done…"))
        self.done_button.setToolTip(_("Mark the chosen follow-up as done, with a comment"))
        self.reschedule_button.setText(_("&Reschedule…"))
        self.reschedule_button.setToolTip(_("Give the chosen follow-up another due date"))
        self.reassign_button.setText(_("Reass&ign…"))
        self.reassign_button.setToolTip(_("Give the chosen follow-up to someone else"))
        self.reopen_button.setText(_("Re&open…"))
        self.reopen_button.setToolTip(_("Make the chosen done follow-up open again, saying "
                                        "why"))
        if self.file is not None:
            self.set_file(self.file)


def _task(item: FollowUpItem) -> Task:
    return Task(item.id, item.version, item.title, item.due_on, item.assignee_id)
