"""First run on a new database: the center's details, its first office and administrator."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.i18n import _
from desktop.services.auth import MIN_PASSWORD_LENGTH, Actor, set_up
from desktop.services.reference import reference_choices
from desktop.ui.fitting import fit_to_items
from desktop.ui.operations import Failure, Operation


class SetupDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor: Actor | None = None
        self.center_name, self.center_address, self.center_phone = (QLineEdit(self)
                                                                    for _i in range(3))
        self.office_code, self.office_name = QLineEdit(self), QLineEdit(self)
        self.office_code.setMaxLength(16)
        self.region = QComboBox(self)
        fit_to_items(self.region)  # the regions are read after the dialog is built
        Operation(self, lambda: reference_choices(database, "region"), name="regions") \
            .done(self._regions).run()
        self.admin_login, self.admin_name = QLineEdit(self), QLineEdit(self)
        self.password, self.password_again = QLineEdit(self), QLineEdit(self)
        for field in (self.password, self.password_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)

        self.groups: list[tuple[QGroupBox, list[tuple[QLabel, QWidget]]]] = []
        layout = QVBoxLayout(self)
        for fields in ((self.center_name, self.center_address, self.center_phone),
                       (self.office_code, self.office_name, self.region),
                       (self.admin_login, self.admin_name, self.password, self.password_again)):
            box = QGroupBox(self)
            form = QFormLayout(box)
            rows = []
            for field in fields:
                label = QLabel(box)
                label.setBuddy(field)
                form.addRow(label, field)
                rows.append((label, field))
            self.groups.append((box, rows))
            layout.addWidget(box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Qadam — first start"))
        titles = (_("The center (printed on reports)"), _("Its first office"),
                  _("The first administrator"))
        texts = ((_("&Name"), _("&Address"), _("&Phone")),
                 (_("Office &code"), _("Office n&ame"), _("&Region")),
                 (_("&Login"), _("&Full name"), _("Pass&word"), _("Password a&gain")))
        for (box, rows), title, labels in zip(self.groups, titles, texts, strict=True):
            box.setTitle(title)
            for (label, field), text in zip(rows, labels, strict=True):
                label.setText(text)
                field.setAccessibleName(text.replace("&", ""))

    def problems(self) -> str | None:
        """The first thing that stops the set-up, said plainly; None when all is well."""
        required = ((self.center_name, _("Enter the center's name.")),
                    (self.office_code, _("Enter the office code.")),
                    (self.office_name, _("Enter the office name.")),
                    (self.admin_login, _("Enter the administrator's login.")),
                    (self.admin_name, _("Enter the administrator's full name.")))
        for field, message in required:
            if not field.text().strip():
                field.setFocus()
                return message
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            return _("The password needs at least {count} characters.").format(
                count=MIN_PASSWORD_LENGTH)
        if self.password.text() != self.password_again.text():
            return _("The two passwords differ.")
        return None

    def _regions(self, choices: list[tuple[str, str]]) -> None:
        for code, label in choices:
            self.region.addItem(label, code)

    def create(self) -> None:
        problem = self.problems()
        if problem:
            self.error.setText(problem)
            return
        database = self.database
        details = dict(
            center_name=self.center_name.text().strip(),
            center_address=self.center_address.text().strip(),
            center_phone=self.center_phone.text().strip(),
            office_code=self.office_code.text(), office_name=self.office_name.text(),
            region_code=self.region.currentData(), admin_login=self.admin_login.text(),
            admin_name=self.admin_name.text(), admin_password=self.password.text())
        self.buttons.setEnabled(False)
        self.error.clear()
        Operation(self, lambda: set_up(database, **details), writes=True, name="set up") \
            .done(self._created).failed(self._refused).run()

    def _created(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        self.actor = actor
        self.accept()

    def _refused(self, failure: Failure) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(failure.message)
