"""Adding or editing a user, and setting a new password. Passwords are typed twice
and never shown; every problem appears beside its field."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from db.models import Role
from db.session import Database
from desktop.i18n import _
from desktop.services import admin
from desktop.services.access import ROLE_LABELS, Actor
from desktop.services.auth import MIN_PASSWORD_LENGTH, WeakPassword
from desktop.ui.admin.common import FormDialog
from desktop.ui.operations import Failure


def password_problems(password: str, again: str) -> dict[str, str]:
    """Checked as typed, before the service (which checks the length again) is asked."""
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

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, user = self.database, self.actor, self.user
        full_name, role, office_id = (self.full_name.text(), Role(self.role.currentData()),
                                      self.office_id())
        if user is None:
            login, password = self.login.text(), self.password.text()
            return lambda: admin.add_user(database, actor, login=login, full_name=full_name,
                                          role=role, office_id=office_id, password=password)

        def edit() -> uuid.UUID:
            admin.edit_user(database, actor, user.id, user.version, full_name=full_name,
                            role=role, office_id=office_id)
            return user.id

        return edit

    def placed(self, failure: Failure) -> dict[str, str]:
        error = failure.error
        if isinstance(error, admin.LoginTaken):
            return {"login": failure.message}
        if isinstance(error, WeakPassword):
            return {"password": failure.message}
        if isinstance(error, admin.LastAdministrator | admin.OwnAccount):
            return {"role": failure.message}  # only a change of role meets these here
        return super().placed(failure)

    def forget(self) -> None:
        self.password.clear()
        self.password_again.clear()


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

    def problems(self) -> dict[str, str]:
        return password_problems(self.password.text(), self.password_again.text())

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, user, password = (self.database, self.actor, self.user,
                                           self.password.text())

        def reset() -> uuid.UUID:
            admin.reset_password(database, actor, user.id, user.version, password)
            return user.id

        return reset

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, WeakPassword):
            return {"password": failure.message}
        return super().placed(failure)

    def forget(self) -> None:
        self.password.clear()
        self.password_again.clear()
