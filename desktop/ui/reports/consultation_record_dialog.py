"""The printable record of one consultation, previewed before it is printed or saved.

It speaks the client's language (their preferred language for documents),
whatever language the caseworker's window is in. The record is built, and a
copy saved, off the GUI thread through ``operations.Operation``; a caseworker
gets records of their own office's consultations only (the service refuses
the others, and the refusal is shown in place of the preview).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.reports.figures import ConsultationRecord
from db.session import Database
from desktop.i18n import _
from desktop.services import reports
from desktop.services.access import Actor
from desktop.ui import operations
from desktop.ui.operations import Failure, Operation
from desktop.ui.reports.pdf_preview import PdfPreview
from desktop.ui.reports.preview_folders import preview_folder


class ConsultationRecordDialog(QDialog):
    def __init__(self, database: Database, actor: Actor, consultation_id: str,
                 language: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Consultation record"))
        self.resize(760, 900)
        self.record: ConsultationRecord | None = None
        self.failure: Failure | None = None  # why there is no record to show
        self._folder = preview_folder("record")
        self.status = QLabel(_("Preparing the record…"), self)
        self.status.setWordWrap(True)
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
            record = reports.build_consultation(database, actor, consultation_id, language)
            reports.write_report(record, pdf)
            return record

        self._building: Operation[ConsultationRecord] | None = Operation(
            self, work, name="reports: consultation record") \
            .done(lambda record: self._shown(record, pdf)).failed(self._failed).run()

    def _shown(self, record: ConsultationRecord, pdf: Path) -> None:
        self._building = None
        self.record = record
        self.preview.load(pdf)
        self.status.setText(record.client_name)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _failed(self, failure: Failure) -> None:
        self._building = None
        self.failure = failure
        self.status.setText(failure.message)

    def _print(self) -> None:
        if not self.preview.ask_and_print():
            operations.tell(self, _("The printer could not start."))

    def _ask_and_save(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the record"),
                                                    "consultation-record.pdf",
                                                    _("PDF documents (*.pdf)"))
        if path:
            self.save_as(Path(path))

    def save_as(self, path: Path) -> Operation[None]:
        """Copy the previewed record to ``path``, off the GUI thread; an OSError is told."""
        preview = self.preview
        return Operation(self, lambda: preview.save_copy(path),
                         name="reports: save the consultation record").run()

    def done(self, result: int) -> None:
        if self._building is not None:
            self._building.cancel()  # a record still being built is not shown any more
            self._building = None
        super().done(result)
