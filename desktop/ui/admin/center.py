"""The Center tab: the organisation's name (in Kazakh, Russian and English), address and
phone, printed on reports, and the director who approves them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from db.changes import Changes
from db.session import Database
from desktop.i18n import _
from desktop.services import admin
from desktop.services.access import Actor
from desktop.ui import operations
from desktop.ui.admin.common import ERROR_STYLE, CheckedForm, field_problems
from desktop.ui.operations import Failure, Operation


class CenterTab(QWidget):
    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.version: int | None = None  # as read; None while there is no center row
        self.name, self.address, self.phone = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.name_ru, self.name_en = QLineEdit(self), QLineEdit(self)
        self.director_name, self.director_position = QLineEdit(self), QLineEdit(self)
        self.fields = {"name": self.name, "name_ru": self.name_ru, "name_en": self.name_en,
                       "address": self.address, "phone": self.phone,
                       "director_name": self.director_name,
                       "director_position": self.director_position}
        self.form = CheckedForm()
        for key, field in self.fields.items():
            self.form.add(key, field, self)
        self.save_button, self.reload_button = QPushButton(self), QPushButton(self)
        self.status = QLabel(self)  # "Saved.", or why not
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.reload_button.clicked.connect(self.reload)
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)
        for field in self.fields.values():
            field.textEdited.connect(lambda _text: self.status.clear())
        # A bound method, not a lambda: the hub must not keep a closed screen alive.
        operations.hub().changed.connect(self._changed)
        self._read()
        self.retranslate()

    def retranslate(self) -> None:
        self.form.set_label("name", _("&Name in Kazakh"))
        self.form.set_label("name_ru", _("Name in R&ussian"))
        self.form.set_label("name_en", _("Name in En&glish"))
        self.form.set_label("address", _("&Address"))
        self.form.set_label("phone", _("&Phone"))
        # Printed in the approval block of every report.
        self.form.set_label("director_name", _("Di&rector's name"))
        self.form.set_label("director_position", _("Director's p&osition"))
        self.save_button.setText(_("&Save"))
        self.reload_button.setText(_("Re&load"))
        self.status.clear()

    def reload(self) -> None:
        """What is stored now, instead of what was typed (after a conflict, theirs)."""
        self.form.show_problems({})
        self._say("")
        self._read()

    def _changed(self, changes: Changes) -> None:
        if changes.touches("center"):
            self._read()  # keeps "Saved.": this is most often our own save coming back

    def _read(self) -> None:
        database, actor = self.database, self.actor
        Operation(self, lambda: admin.center_details(database, actor), name="center_details") \
            .superseding((CenterTab, id(self))).done(self._loaded).failed(self._refused).run()

    def _loaded(self, details: admin.CenterDetails) -> None:
        for key, field in self.fields.items():
            field.setText(getattr(details, key))
        self.version = details.version

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # Ctrl+S while the last save is still being written
        if not self.name.text().strip():
            self.form.show_problems({"name": admin.invalid_text(admin.Invalid.CENTER_NAME_EMPTY)})
            return
        self.form.show_problems({})
        self._say("")
        database, actor, version = self.database, self.actor, self.version
        typed = {key: field.text() for key, field in self.fields.items()}
        self.save_button.setEnabled(False)
        Operation(self, lambda: admin.save_center(database, actor, version=version, **typed),
                  writes=True, name="save_center").done(self._saved).failed(self._refused).run()

    def _saved(self, version: int) -> None:
        self.save_button.setEnabled(True)
        self.version = version
        self._say(_("Saved."))

    def _refused(self, failure: Failure) -> None:
        # The typed text stays (Reload shows what is stored).
        self.save_button.setEnabled(True)
        placed = field_problems(failure.error)
        if placed:
            self.form.show_problems(placed)
        else:
            self._say(failure.message, error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)
