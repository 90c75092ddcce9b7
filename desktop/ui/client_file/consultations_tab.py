"""The consultations tab: the timeline, newest first; a new one; a record to print."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from db.session import Database
from desktop.i18n import N_, _, format_datetime
from desktop.services.auth import Actor
from desktop.services.client_file import ClientFile, Urgency
from desktop.ui.client_file.lists import RecordTable

COLUMNS = (N_("When"), N_("Channel"), N_("Topics"), N_("Advice"), N_("Next steps"),
           N_("Next appointment"), N_("Caseworker"))


class ConsultationsTab(QWidget):
    new_requested = Signal()

    def __init__(self, database: Database, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.file: ClientFile | None = None
        self.dialog: QDialog | None = None
        self.table = RecordTable(COLUMNS, self)
        self.empty = QLabel(self)
        self.empty.hide()
        self.new_button = QPushButton(self)
        self.print_button = QPushButton(self)
        self.print_button.setEnabled(False)
        self.new_button.clicked.connect(self.new_requested)
        self.print_button.clicked.connect(self.print_selected)
        self.table.activated_key.connect(self.open_record)
        self.table.itemSelectionChanged.connect(
            lambda: self.print_button.setEnabled(self.table.current_key() is not None))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def set_file(self, file: ClientFile) -> None:
        self.file = file
        rows: list[tuple[Any, list[str], Urgency]] = [
            (c.id, [format_datetime(c.held_at, "short"), c.channel, c.topics, c.advice,
                    c.next_steps, format_datetime(c.next_appointment_at, "short"), c.caseworker],
             Urgency.NONE) for c in file.consultations]
        self.table.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.print_button.setEnabled(self.table.current_key() is not None)

    def print_selected(self) -> None:
        key = self.table.current_key()
        if key is not None:
            self.open_record(key)

    def open_record(self, consultation_id: uuid.UUID) -> QDialog:
        """The printable record, in the client's own language, previewed before printing."""
        from desktop.ui.reports.consultation_record_dialog import ConsultationRecordDialog

        self.dialog = ConsultationRecordDialog(self.database, self.actor,
                                               str(consultation_id), None, self)
        self.dialog.open()  # window-modal, without a nested event loop
        return self.dialog

    def retranslate(self) -> None:
        self.table.retranslate()
        self.table.setAccessibleName(_("Consultations, newest first"))
        self.empty.setText(_("No consultations yet."))
        self.new_button.setText(_("&New consultation…"))
        self.new_button.setToolTip(_("Record a new consultation (Ctrl+Shift+N)"))
        self.print_button.setText(_("&Print record…"))
        self.print_button.setToolTip(_("Preview and print the record of the chosen "
                                       "consultation in the client's language"))
        if self.file is not None:
            self.set_file(self.file)
