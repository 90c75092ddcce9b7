"""The printable record of one consultation, previewed before it is printed or saved.

It speaks the client's language (their preferred language for documents),
whatever language the caseworker's window is in.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.reports.figures import ConsultationRecord
from db.session import Database
from desktop.i18n import _
from desktop.services import reports
from desktop.ui.reports.pdf_preview import PdfPreview
from desktop.ui.reports.reports_screen import describe
from desktop.ui.worker import Task, run_task


class ConsultationRecordDialog(QDialog):
    def __init__(self, database: Database, consultation_id: str,
                 language: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Consultation record"))
        self.resize(760, 900)
        self.record: ConsultationRecord | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="qadam-record-")
        self.status = QLabel(_("Preparing the record…"), self)
        self.preview = PdfPreview(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = QPushButton(_("&Print…"), self)
        self.save_button = QPushButton(_("Save as P&DF…"), self)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._print)
        self.save_button.clicked.connect(self._ask_and_save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

        pdf = Path(self._folder.name) / "consultation-record.pdf"

        def work() -> ConsultationRecord:
            record = reports.build_consultation(database, consultation_id, language)
            reports.write_report(record, pdf)
            return record

        self._task: Task = run_task(work, lambda record: self._shown(record, pdf), self._failed)

    def _shown(self, record: ConsultationRecord, pdf: Path) -> None:
        self.record = record
        self.preview.load(pdf)
        self.status.setText(record.client_name)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        self.status.setText(describe(error))

    def _print(self) -> None:
        if not self.preview.ask_and_print():
            QMessageBox.warning(self, _("Consultation record"), _("The printer could not start."))

    def _ask_and_save(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the record"),
                                                    "consultation-record.pdf",
                                                    _("PDF documents (*.pdf)"))
        if path:
            self.save_as(Path(path))

    def save_as(self, path: Path) -> None:
        try:
            self.preview.save_copy(path)
        except OSError as error:
            QMessageBox.warning(self, _("Consultation record"), _("Cannot write {path}: {reason}")
                                .format(path=path, reason=error.strerror or error))

    def done(self, result: int) -> None:
        self._task.cancelled = True  # a record still being built is not shown any more
        super().done(result)
