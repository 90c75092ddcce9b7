"""Adding or editing a user, and setting a new password. Passwords are typed twice
and never shown; every problem appears beside its field."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from db.errors import DatabaseProblem, StaleRecord
from db.models import Role
from db.session import Database
from desktop.i18n import _
from desktop.services import admin
from desktop.services.auth import (
    MIN_PASSWORD_LENGTH,
    ROLE_LABELS,
    AccessDenied,
    Actor,
    WeakPassword,
)
from desktop.ui.admin.common import FormDialog

# Errors a save may meet that belong to no single field: shown in a message box.
_GENERAL = (StaleRecord, DatabaseProblem, AccessDenied, admin.NoSuchRecord, admin.OwnAccount,
            admin.LastAdministrator)


def password_problems(password: str, again: str) -> dict[str, str]:
    if len(password) < MIN_PASSWORD_LENGTH:
        return {"password": admin.weak_password_text()}
    if password != again:
        return {"password_again": _("The two passwords differ.")}
    return {}


def _password_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class UserDialog(FormDialog):
    """A new user (``user`` None) or the name, role and office of an existing one."""

    def __init__(self, database: Database, actor: Actor, offices: list[admin.OfficeRow],
                 user: admin.UserRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.user = database, actor, user
        self.login = QLineEdit(self)
        self.login.setMaxLength(admin.LOGIN_MAX)
        self.full_name = QLineEdit(self)
        self.role = QComboBox(self)
        # Item data are strings: QComboBox.findData cannot match Python objects (UUIDs).
        for role in Role:
            self.role.addItem("", role.value)
        self.office = QComboBox(self)
        for office in offices:
            # A closed office is offered only to the user already in it.
            if office.active or (user is not None and office.id == user.office_id):
                self.office.addItem(f"{office.code} — {office.name}", str(office.id))
        self.password, self.password_again = _password_field(self), _password_field(self)

        fields: list[tuple[str, QWidget]] = [("login", self.login), ("full_name", self.full_name),
                                             ("role", self.role), ("office", self.office)]
        if user is None:
            fields += [("password", self.password), ("password_again", self.password_again)]
            self.role.setCurrentIndex(self.role.findData(Role.CASEWORKER.value))
            self.office.setCurrentIndex(max(self.office.findData(str(actor.office_id)), 0))
        else:
            self.login.setText(user.login)
            self.login.setReadOnly(True)  # a login is for good: the audit log shows it
            self.full_name.setText(user.full_name)
            self.role.setCurrentIndex(self.role.findData(user.role.value))
            self.office.setCurrentIndex(self.office.findData(str(user.office_id)))
        for key, field in fields:
            self.form.add(key, field, self)
        self.chain_focus([field for _key, field in fields])
        (self.login if user is None else self.full_name).setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New user") if self.user is None else _("Edit user"))
        for index in range(self.role.count()):
            self.role.setItemText(index, _(ROLE_LABELS[Role(self.role.itemData(index))]))
        texts = {"login": _("&Login"), "full_name": _("&Full name"), "role": _("&Role"),
                 "office": _("&Office"), "password": _("Pass&word"),
                 "password_again": _("Password a&gain")}
        for key in self.form.labels:
            self.form.set_label(key, texts[key])

    def office_id(self) -> uuid.UUID | None:
        chosen = self.office.currentData()
        return uuid.UUID(chosen) if chosen else None

    def problems(self) -> dict[str, str]:
        """What stops the save, by field, checked here before the service is asked."""
        login = None if self.user is not None else self.login.text()
        found = {key: admin.invalid_text(problem) for key, problem in admin.user_problems(
            login, self.full_name.text(), self.office_id()).items()}
        if self.user is None:
            found.update(password_problems(self.password.text(), self.password_again.text()))
        return found

    def save(self) -> bool:
        if self.form.show_problems(self.problems()):
            return False
        role = Role(self.role.currentData())
        try:
            if self.user is None:
                self.saved_id = admin.add_user(
                    self.database, self.actor, login=self.login.text(),
                    full_name=self.full_name.text(), role=role,
                    office_id=self.office_id(), password=self.password.text())
            else:
                admin.edit_user(self.database, self.actor, self.user.id, self.user.version,
                                full_name=self.full_name.text(), role=role,
                                office_id=self.office_id())
                self.saved_id = self.user.id
        except admin.LoginTaken as error:
            self.form.show_problems({"login": admin.describe(error)})
            return False
        except WeakPassword as error:
            self.form.show_problems({"password": admin.describe(error)})
            return False
        except admin.InvalidEntry as error:
            self.form.show_problems({key: admin.invalid_text(problem)
                                     for key, problem in error.problems.items()})
            return False
        except _GENERAL as error:
            self.warn(admin.describe(error))
            return False
        self.password.clear()  # the dialog object may outlive its window
        self.password_again.clear()
        return True


class PasswordDialog(FormDialog):
    """A new password for someone who forgot theirs; the old one stops working at once."""

    def __init__(self, database: Database, actor: Actor, user: admin.UserRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.user = database, actor, user
        self.password, self.password_again = _password_field(self), _password_field(self)
        self.form.add("password", self.password, self)
        self.form.add("password_again", self.password_again, self)
        self.chain_focus([self.password, self.password_again])
        self.password.setFocus()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New password for {name}").format(name=self.user.full_name))
        self.form.set_label("password", _("New pass&word"))
        self.form.set_label("password_again", _("Password a&gain"))

    def save(self) -> bool:
        if self.form.show_problems(password_problems(self.password.text(),
                                                     self.password_again.text())):
            return False
        try:
            admin.reset_password(self.database, self.actor, self.user.id, self.user.version,
                                 self.password.text())
        except WeakPassword as error:
            self.form.show_problems({"password": admin.describe(error)})
            return False
        except _GENERAL as error:
            self.warn(admin.describe(error))
            return False
        self.password.clear()  # the dialog object may outlive its window
        self.password_again.clear()
        return True
