"""The Users tab: who may log in, with what role, in which office."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from db.session import Database
from desktop.i18n import N_, _
from desktop.services import admin
from desktop.services.access import ROLE_LABELS, Actor
from desktop.ui import operations
from desktop.ui.admin.common import ListTab, yes_no
from desktop.ui.admin.user_dialogs import PasswordDialog, UserDialog
from desktop.ui.operations import Failure, Operation

COLUMNS = (
    (N_("Login"), lambda row: row.login),
    (N_("Full name"), lambda row: row.full_name),
    (N_("Role"), lambda row: _(ROLE_LABELS[row.role])),
    (N_("Office"), lambda row: row.office_code),
    (N_("Active"), lambda row: yes_no(row.active)),
)


class UsersTab(ListTab[admin.UserRow]):
    tables = ("app_user", "office")  # the office column shows the office's code

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

    def reader(self) -> Callable[[], list[admin.UserRow]]:
        database, actor = self.database, self.actor
        return lambda: admin.list_users(database, actor)

    def update_buttons(self) -> None:
        user = self.selected()
        for button in (self.edit_button, self.active_button, self.password_button):
            button.setEnabled(user is not None)
        if user is not None and user.id == self.actor.user_id and user.active:
            self.active_button.setEnabled(False)  # the service refuses it too
        self.active_button.setText(_("&Reactivate") if user is not None and not user.active
                                   else _("&Deactivate"))

    def add_user(self) -> None:
        self._with_offices(None)

    def edit_user(self) -> None:
        user = self.selected()
        if user is not None:
            self._with_offices(user)

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None:
            self.open_dialog(PasswordDialog(self.database, self.actor, user, self))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        database, actor = self.database, self.actor
        # Disabled until the rows are read again (the hub's reload, or ours on a refusal):
        # a second click would send the version just replaced.
        self.active_button.setEnabled(False)
        Operation(self, lambda: admin.set_user_active(database, actor, user.id, user.version,
                                                      not user.active),
                  writes=True, name="set_user_active").failed(self._not_toggled).run()

    def _not_toggled(self, failure: Failure) -> None:
        operations.tell(self, failure.message)
        self.reload()  # a conflict: show the user as they are now

    def _with_offices(self, user: admin.UserRow | None) -> None:
        """Open the user dialog once the offices it offers are read."""
        database, actor = self.database, self.actor
        Operation(self, lambda: admin.list_offices(database, actor), name="list_offices") \
            .superseding((UsersTab, id(self), "offices")) \
            .done(partial(self._open_user_dialog, user)).run()

    def _open_user_dialog(self, user: admin.UserRow | None,
                          offices: list[admin.OfficeRow]) -> None:
        self.open_dialog(UserDialog(self.database, self.actor, offices, user, self))
