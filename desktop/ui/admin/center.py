"""The Center tab: the organisation's name, address and phone, printed on reports."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.errors import DatabaseProblem, StaleRecord
from db.session import Database
from desktop.i18n import _
from desktop.services import admin
from desktop.services.auth import AccessDenied, Actor
from desktop.ui.admin.common import CheckedForm


class CenterTab(QWidget):
    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.version: int | None = None  # as read; None while there is no center row
        self.name, self.address, self.phone = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.form = CheckedForm()
        for key, field in (("name", self.name), ("address", self.address),
                           ("phone", self.phone)):
            self.form.add(key, field, self)
        self.save_button, self.reload_button = QPushButton(self), QPushButton(self)
        self.status = QLabel(self)
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
        for field in (self.name, self.address, self.phone):
            field.textEdited.connect(lambda _text: self.status.clear())
        self.reload()
        self.retranslate()

    def retranslate(self) -> None:
        self.form.set_label("name", _("&Name"))
        self.form.set_label("address", _("&Address"))
        self.form.set_label("phone", _("&Phone"))
        self.save_button.setText(_("&Save"))
        self.reload_button.setText(_("Re&load"))
        self.status.clear()

    def reload(self) -> None:
        try:
            details = admin.center_details(self.database, self.actor)
        except (DatabaseProblem, AccessDenied) as error:
            self.warn(admin.describe(error))
            return
        self.name.setText(details.name)
        self.address.setText(details.address)
        self.phone.setText(details.phone)
        self.version = details.version
        self.form.show_problems({})
        self.status.clear()

    def save(self) -> bool:
        if not self.name.text().strip():
            self.form.show_problems({"name": admin.invalid_text(admin.Invalid.CENTER_NAME_EMPTY)})
            return False
        self.form.show_problems({})
        try:
            self.version = admin.save_center(
                self.database, self.actor, name=self.name.text(), address=self.address.text(),
                phone=self.phone.text(), version=self.version)
        except (StaleRecord, DatabaseProblem, AccessDenied, admin.NoSuchRecord,
                admin.InvalidEntry) as error:
            self.warn(admin.describe(error))  # the typed text stays; Reload shows theirs
            return False
        self.status.setText(_("Saved."))
        return True

    def warn(self, text: str) -> None:
        """Tests replace this method."""
        QMessageBox.warning(self, _("Administration"), text)
