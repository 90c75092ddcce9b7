"""The follow-ups tab: what is to be done for this client, by whom and when; marking done."""

from __future__ import annotations

import uuid
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
from desktop.ui.operations import Failure, Operation

COLUMNS = (N_("Follow-up"), N_("Due"), N_("Assignee"), N_("State"), N_("Comment"))


class FollowUpsTab(QWidget):
    """Marking done is a write through the runner; its broadcast reloads this file (and
    Today, and every other screen that shows the task)."""

    reload_requested = Signal()  # the task changed or went meanwhile: show it as it is

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.file: ClientFile | None = None
        self.table = RecordTable(COLUMNS, self)
        self.empty = QLabel(self)
        self.empty.hide()
        self.done_button = QPushButton(self)
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.mark_selected_done)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
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
        self.done_button.setEnabled(chosen is not None and not chosen.done)

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
        self.done_button.setText(_("&Mark done…"))
        self.done_button.setToolTip(_("Mark the chosen follow-up as done, with a comment"))
        if self.file is not None:
            self.set_file(self.file)
