"""The file's "Copy of personal data…" action: everything held on the client, for them.

It asks where to save the PDF and writes the JSON beside it under the same name, both
through the operation runner (the service writes them all at once or not at all, and logs
the export); the window's status line says where they went.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor, Permission
from desktop.services.client_file import ClientFile
from desktop.services.transfer import person_data
from desktop.ui.client_file.actions import FileActions
from desktop.ui.operations import Operation
from desktop.ui.save_paths import in_documents, named


class PersonalDataActions(FileActions):
    written = Signal(object, object)  # the PDF's path, the JSON's path

    def __init__(self, window: QWidget, database: Database, actor: Actor) -> None:
        super().__init__(window, database, actor)
        self.file: ClientFile | None = None
        self.copy_action = self._action(self.ask_and_write)
        self.operation: Operation[object] | None = None
        self.set_file(None)

    def actions(self) -> list[QAction]:
        return [self.copy_action]

    def set_file(self, file: ClientFile | None) -> None:
        self.file = file
        self.copy_action.setEnabled(
            file is not None and self.actor.can(Permission.WORK_WITH_CLIENTS))

    def suggested_name(self) -> str:
        """personal-data-2026-11-25-Surname.pdf"""
        values = self.file.profile.values if self.file is not None else {}
        # As the passport spells it in Latin letters ("Zheng"); transliterated otherwise.
        surname = values.get("surname_latin") or values.get("surname") or \
            values.get("given_name") or ""
        return named("personal-data", self.today or date.today(), surname, suffix="pdf")

    def ask_and_write(self) -> None:
        if self.file is None or not self.copy_action.isEnabled():
            return
        path, _chosen = QFileDialog.getSaveFileName(
            self.window, _("Save a copy of the personal data"),
            in_documents(self.suggested_name()), _("PDF documents (*.pdf)"))
        if path:
            self.write_to(Path(path))

    def write_to(self, pdf: Path) -> Operation[object] | None:
        """The PDF at ``pdf`` and the JSON beside it, off the GUI thread."""
        if self.file is None:
            return None
        if pdf.suffix.lower() != ".pdf":
            pdf = pdf.with_name(pdf.name + ".pdf")
        json = pdf.with_suffix(".json")
        database, actor, person_id = self.database, self.actor, self.file.person_id
        self.operation = Operation(
            self.window, lambda: person_data.export_person_data(database, actor, person_id,
                                                                [pdf, json]),
            writes=True, name="client file: copy of personal data") \
            .done(lambda _data: self._written(pdf, json)).run()
        return self.operation

    def _written(self, pdf: Path, json: Path) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(
                _("Written: {pdf} and {json}").format(pdf=pdf, json=json.name), 15000)
        self.written.emit(pdf, json)

    def retranslate(self) -> None:
        self.copy_action.setText(_("Cop&y of personal data…"))
        self.copy_action.setToolTip(_("Everything held on this client, as a PDF to hand them "
                                      "and a JSON file beside it"))
