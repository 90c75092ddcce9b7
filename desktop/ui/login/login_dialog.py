"""The login dialog shown on every start."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop import i18n
from desktop.i18n import _
from desktop.services.auth import Actor, log_in
from desktop.ui.operations import Failure, Operation
from desktop.ui.qt_language import LANGUAGE_NAMES, switch_language


class LoginDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor: Actor | None = None
        self.login = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        # Chosen before logging in: whoever sits down may not read the last user's language.
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.login_label, self.password_label = QLabel(self), QLabel(self)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.login_label.setBuddy(self.login)
        self.password_label.setBuddy(self.password)
        self.form.addRow(self.login_label, self.login)
        self.form.addRow(self.password_label, self.password)
        self.form.addRow(self.language_label, self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.login.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Qadam — log in"))
        self.login_label.setText(_("&Login"))
        self.password_label.setText(_("&Password"))
        self.language_label.setText(_("&Language"))
        self.login.setAccessibleName(_("Login"))
        self.password.setAccessibleName(_("Password"))

    def _language_chosen(self) -> None:
        switch_language(self.language.currentData())
        self.retranslate()

    def try_login(self) -> None:
        """Checked off the GUI thread: argon2 takes a noticeable moment on purpose."""
        database, login, password = self.database, self.login.text(), self.password.text()
        self.buttons.setEnabled(False)
        self.error.clear()
        Operation(self, lambda: log_in(database, login, password), name="log in") \
            .done(self._logged_in).failed(self._refused).run()

    def _logged_in(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        self.actor = actor
        self.accept()

    def _refused(self, failure: Failure) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(failure.message)
        self.password.selectAll()
        self.password.setFocus()
