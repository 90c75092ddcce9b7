"""The Users tab: who may log in, with what role, in which office."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from db.errors import DatabaseProblem, StaleRecord
from db.session import Database
from desktop.i18n import N_, _
from desktop.services import admin
from desktop.services.auth import ROLE_LABELS, AccessDenied, Actor
from desktop.ui.admin.common import ListTab, yes_no
from desktop.ui.admin.user_dialogs import PasswordDialog, UserDialog

COLUMNS = (
    (N_("Login"), lambda row: row.login),
    (N_("Full name"), lambda row: row.full_name),
    (N_("Role"), lambda row: _(ROLE_LABELS[row.role])),
    (N_("Office"), lambda row: row.office_code),
    (N_("Active"), lambda row: yes_no(row.active)),
)
_PROBLEMS = (StaleRecord, DatabaseProblem, AccessDenied, admin.NoSuchRecord, admin.OwnAccount,
             admin.LastAdministrator)


class UsersTab(ListTab[admin.UserRow]):
    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.database, self.actor = database, actor
        self.add_button = self.button(self.add_user)
        self.edit_button = self.button(self.edit_user)
        self.active_button = self.button(self.toggle_active)
        self.password_button = self.button(self.reset_password)
        self.buttons.addStretch(1)
        self.table.activated.connect(lambda _index: self.edit_user())  # Enter, double-click
        self.shortcut(QKeySequence(QKeySequence.StandardKey.New), self.add_user)
        self.reload()
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(_("&Add…"))
        self.edit_button.setText(_("&Edit…"))
        self.password_button.setText(_("Reset &password…"))
        self.table.setAccessibleName(_("Users"))
        self.model.retranslate()
        self.update_buttons()
        if self.dialog is not None:
            self.dialog.retranslate()

    def fetch(self) -> list[admin.UserRow]:
        return admin.list_users(self.database, self.actor)

    def update_buttons(self) -> None:
        user = self.selected()
        for button in (self.edit_button, self.active_button, self.password_button):
            button.setEnabled(user is not None)
        if user is not None and user.id == self.actor.user_id and user.active:
            self.active_button.setEnabled(False)  # the service refuses it too
        self.active_button.setText(_("&Reactivate") if user is not None and not user.active
                                   else _("&Deactivate"))

    def add_user(self) -> None:
        offices = self._offices()
        if offices is not None:
            self.open_dialog(UserDialog(self.database, self.actor, offices, None, self))

    def edit_user(self) -> None:
        user = self.selected()
        offices = self._offices() if user is not None else None
        if user is not None and offices is not None:
            self.open_dialog(UserDialog(self.database, self.actor, offices, user, self))

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None:
            self.open_dialog(PasswordDialog(self.database, self.actor, user, self))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        try:
            admin.set_user_active(self.database, self.actor, user.id, user.version,
                                  not user.active)
        except _PROBLEMS as error:
            self.warn(admin.describe(error))
        self.reload(user.id)

    def _offices(self) -> list[admin.OfficeRow] | None:
        try:
            return admin.list_offices(self.database, self.actor)
        except (DatabaseProblem, AccessDenied) as error:
            self.warn(admin.describe(error))
            return None
