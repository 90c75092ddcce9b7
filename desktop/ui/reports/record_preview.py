"""A printable record handed to a client, previewed before it is printed or saved.

Shared by the consultation record and the adaptation plan: each gives a function
that builds its record and writes the PDF to a path; that runs off the GUI thread
through ``operations.Operation``, and the preview shows the very file printed or
saved. A refusal (another office's client, nothing to print) is shown in place of
the preview.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui import operations
from desktop.ui.operations import Failure, Operation
from desktop.ui.reports.pdf_preview import PdfPreview
from desktop.ui.reports.preview_folders import preview_folder
from desktop.ui.save_paths import in_documents

# Builds the record, writes its PDF to the path given, returns the record.
Build = Callable[[Path], Any]


class RecordPreviewDialog(QDialog):
    def __init__(self, build: Build, *, title: str, file_name: str,
                 caption: Callable[[Any], str], name: str,
                 suggest: Callable[[Any], str] | None = None,
                 parent: QWidget | None = None) -> None:
        """``caption`` gives the line above the preview (who the record is for); ``name``
        names the operations in the log; ``suggest`` the file name offered for the record
        built (``file_name`` if none)."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 900)
        self.record: Any = None
        self.failure: Failure | None = None  # why there is no record to show
        self.file_name = file_name
        self._suggest = suggest
        self.name = name
        self._caption = caption
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

        pdf = Path(self._folder.name) / file_name
        self._building: Operation[Any] | None = Operation(
            self, lambda: build(pdf), name=f"reports: {name}") \
            .done(lambda record: self._shown(record, pdf)).failed(self._failed).run()

    def _shown(self, record: Any, pdf: Path) -> None:
        self._building = None
        self.record = record
        self.preview.load(pdf)
        self.status.setText(self._caption(record))
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
                                                    in_documents(self.suggested_name()),
                                                    _("PDF documents (*.pdf)"))
        if path:
            self.save_as(Path(path))

    def suggested_name(self) -> str:
        if self._suggest is not None and self.record is not None:
            return self._suggest(self.record)
        return self.file_name

    def save_as(self, path: Path) -> Operation[None]:
        """Copy the previewed record to ``path``, off the GUI thread; an OSError is told."""
        preview = self.preview
        return Operation(self, lambda: preview.save_copy(path),
                         name=f"reports: save the {self.name}").run()

    def done(self, result: int) -> None:
        if self._building is not None:
            self._building.cancel()  # a record still being built is not shown any more
            self._building = None
        super().done(result)
