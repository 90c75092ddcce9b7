"""The consultations tab: the timeline, newest first; a new one; a record to print; a
correction (its author or a manager) and a deletion with a reason (a manager)."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from db.session import Database
from desktop.i18n import N_, _, format_datetime
from desktop.services.auth import Actor
from desktop.services.client_file import ClientFile, ConsultationItem, Urgency
from desktop.services.consultations import consultation_steps
from desktop.ui.client_file.lists import RecordTable
from desktop.ui.consultation.correction import (
    CorrectConsultationDialog,
    DeleteConsultationDialog,
)

COLUMNS = (N_("When"), N_("Channel"), N_("Topics"), N_("Advice"), N_("Next steps"),
           N_("Next appointment"), N_("Caseworker"))


class ConsultationsTab(QWidget):
    new_requested = Signal()
    reload_requested = Signal()  # the consultation changed or went meanwhile

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
        self.correct_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_requested)
        self.print_button.clicked.connect(self.print_selected)
        self.correct_button.clicked.connect(self.correct_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.activated_key.connect(self.open_record)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.print_button, self.correct_button,
                       self.delete_button):
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
            (c.id, [format_datetime(c.held_at), c.channel, c.topics, c.advice,
                    c.next_steps, format_datetime(c.next_appointment_at), c.caseworker],
             Urgency.NONE) for c in file.consultations]
        self.table.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self._update_buttons()

    def selected(self) -> ConsultationItem | None:
        key = self.table.current_key()
        return next((c for c in (self.file.consultations if self.file else ())
                     if c.id == key), None)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        steps = (consultation_steps(self.actor, chosen.caseworker_id, chosen.office_id)
                 if chosen is not None else None)
        self.print_button.setEnabled(chosen is not None)
        self.correct_button.setEnabled(bool(steps and steps.correct))
        self.delete_button.setEnabled(bool(steps and steps.delete))

    def print_selected(self) -> None:
        key = self.table.current_key()
        if key is not None:
            self.open_record(key)

    def open_record(self, consultation_id: uuid.UUID) -> QDialog:
        """The printable record, in the client's own language, previewed before printing."""
        from desktop.ui.reports.consultation_record_dialog import ConsultationRecordDialog

        return self._open(ConsultationRecordDialog(self.database, self.actor,
                                                   str(consultation_id), None, self))

    def correct_selected(self) -> QDialog | None:
        chosen = self.selected()
        if chosen is None or self.file is None or self.dialog is not None:
            return None
        dialog = CorrectConsultationDialog(self.database, self.actor, self.file.person_id,
                                           chosen.id, self)
        dialog.outdated.connect(self.reload_requested)
        return self._open(dialog)

    def delete_selected(self) -> QDialog | None:
        chosen = self.selected()
        if chosen is None or self.dialog is not None:
            return None
        dialog = DeleteConsultationDialog(self.database, self.actor, chosen.id, chosen.held_at,
                                          self)
        dialog.outdated.connect(self.reload_requested)
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        """One at a time, kept alive while open; the write's broadcast reloads the file."""
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        dialog.open()  # window-modal, without a nested event loop
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def retranslate(self) -> None:
        self.table.retranslate()
        self.table.setAccessibleName(_("Consultations, newest first"))
        self.empty.setText(_("No consultations yet."))
        self.new_button.setText(_("&New consultation…"))
        self.new_button.setToolTip(_("Record a new consultation (Ctrl+Shift+N)"))
        self.print_button.setText(_("&Print record…"))
        self.print_button.setToolTip(_("Preview and print the record of the chosen "
                                       "consultation in the client's language"))
        self.correct_button.setText(_("Co&rrect…"))
        self.correct_button.setToolTip(_("Correct what was recorded about the chosen "
                                         "consultation; the history keeps the old values "
                                         "(its author or a manager)"))
        self.delete_button.setText(_("&Delete…"))
        self.delete_button.setToolTip(_("Delete the chosen consultation, recorded by mistake, "
                                        "with a reason (a manager)"))
        if self.file is not None:
            self.set_file(self.file)
