"""The client file's Social services tab: the client's referrals to social (information,
housing, documents...) services, each followed from the referral to its outcome.

The referrals are read by the tab itself (``social.lists.client_referrals``, off the GUI
thread), when the file loads and whenever a write touches this client's referrals or
follow-ups; an overdue one (referred, no answer past the center's number of days) stands
out. "Refer…" opens the referral form; the step buttons (accepted, completed, refused, no
response, cancel) the step dialog, each enabled only where the step follows from the
chosen referral's status. The dialogs are ``desktop.ui.social.step_dialogs``'s, shared
with the Social services screen. A write's broadcast reloads the list, which then chooses
the referral saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from db.changes import Changes
from db.models import ReferralStatus
from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor, Permission
from desktop.services.client_file import ClientFile
from desktop.services.social.lists import ReferralLine, client_referrals
from desktop.ui.admin.common import ListTab
from desktop.ui.social.step_dialogs import (
    CLIENT_WIDTHS,
    ReferDialog,
    StepButtons,
    StepDialog,
    client_columns,
    install_model,
    open_step,
)

__all__ = ["SocialTab"]


class SocialTab(ListTab[ReferralLine]):
    tables = ("referral", "follow_up", "person")

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(client_columns(), parent)
        self.database, self.actor = database, actor
        self.today: date | None = None  # None: the clock's; tests pin it, as the window's
        self.file: ClientFile | None = None
        self.person_id: uuid.UUID | None = None
        self.read = False  # the referrals of this client have come in (tests wait on it)
        self.model = install_model(self, client_columns(), CLIENT_WIDTHS)
        self.refer_button: QPushButton = self.button(self.refer)
        self.steps = StepButtons(self, self.open_step)
        self.buttons.addStretch(1)
        self.empty = QLabel(self)
        self.empty.hide()
        self.layout().insertWidget(2, self.empty)  # type: ignore[union-attr]
        self.retranslate()

    # ---- what it shows --------------------------------------------------------------------

    def set_file(self, file: ClientFile) -> None:
        """The file loaded (or reloaded): its referrals are read again."""
        if file.person_id != self.person_id:
            self.read = False
            self.model.set_rows([])
        self.file, self.person_id = file, file.person_id
        self.reload()

    def lines(self) -> list[ReferralLine]:
        return list(self.model.rows)

    def select_referral(self, referral_id: uuid.UUID) -> None:
        """Choose that referral's row (now, or once the list shows it)."""
        self.set_rows(self.lines(), referral_id)
        if not any(line.id == referral_id for line in self.lines()):
            self._select = referral_id

    def reader(self) -> Callable[[], list[ReferralLine]]:
        database, actor, person_id, today = self.database, self.actor, self.person_id, self.today
        if person_id is None:
            return list
        return lambda: client_referrals(database, actor, person_id, today=today)

    def _changed(self, changes: Changes) -> None:
        if self.person_id is None or not changes.touches(*self.tables):
            return
        if not changes.people or self.person_id in changes.people:
            self.reload()

    def _show_rows(self, rows: list[ReferralLine]) -> None:
        super()._show_rows(rows)
        self.read = True
        self.empty.setVisible(not rows)

    def may_work(self) -> bool:
        """The user works with this client: their role, and their office's client."""
        file = self.file
        if file is None or not self.actor.can(Permission.WORK_WITH_CLIENTS):
            return False
        scope = self.actor.office_scope
        return scope is None or file.office_id == scope

    def update_buttons(self) -> None:
        may = self.may_work()
        self.refer_button.setEnabled(may)
        self.refer_button.setToolTip(
            _("Refer the client to a provider's service: social support, housing, "
              "documents, legal aid…") if may else
            _("You may not work with this client's file."))
        self.steps.update(self.selected(), may)

    # ---- the dialogs ----------------------------------------------------------------------

    def refer(self) -> ReferDialog | None:
        if self.person_id is None or not self.refer_button.isEnabled():
            return None
        self.open_dialog(ReferDialog(self.database, self.actor, self.person_id, self,
                                     today=self.today))
        return self.dialog  # type: ignore[return-value]

    def open_step(self, step: ReferralStatus) -> StepDialog | None:
        return open_step(self, step)

    # ---- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.refer_button.setText(_("Refer…"))
        self.steps.retranslate()
        self.empty.setText(_("No referral to a social service yet."))
        self.table.setAccessibleName(_("Social service referrals"))
        self.model.retranslate()
        self.update_buttons()
        if self.dialog is not None:
            self.dialog.retranslate()
