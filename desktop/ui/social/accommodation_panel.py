"""A client's stays in the adaptation centre's rooms, with check-in, check-out and extension.

    AccommodationPanel(database, actor, parent)
        ``set_person(person_id, office_id=None)`` shows that client's stays (``office_id``,
        the client's office, is the one whose rooms "Check in…" offers; None: the user's
        own); ``reload()``; ``retranslate()``. Read with ``rooms.client_stays`` off the GUI
        thread, and again whenever a write touches the stays or rooms (the change hub).
        A stay still open after its last night agreed (an overstay) stands out in the
        warning colour. ``today`` None is the clock's day; tests pin it.

"Check in…" opens ``CheckInDialog`` (not while the client stays somewhere); "Check out…" and
"Extend stay…" the other dialogs of ``stay_dialogs``, for the chosen stay while it is open.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QLabel, QWidget

from db.changes import Changes
from db.session import Database
from desktop.i18n import N_, _, format_date
from desktop.services.access import Actor, Permission
from desktop.services.social.rooms import StayLine, client_stays
from desktop.ui.admin.common import Column, ListTab, RowsModel
from desktop.ui.social.stay_dialogs import (
    HINT_STYLE,
    CheckInDialog,
    CheckOutDialog,
    ExtendStayDialog,
)

__all__ = ["OVERSTAY_COLOUR", "AccommodationPanel", "StayModel", "overstay_text",
           "stay_state"]

OVERSTAY_COLOUR = "#b00020"  # as the late documents and the overdue referrals
TABLES = ("stay", "room", "person")


def overstay_text(stay: StayLine) -> str:
    return _("Still staying after the last night agreed ({day}): check them out or extend "
             "the stay.").format(day=format_date(stay.planned_until))


def stay_state(stay: StayLine) -> str:
    if stay.checked_out_on is not None:
        return _("Left")
    if stay.overstay:
        return _("Overstay")
    return _("Staying")


class StayModel(RowsModel[StayLine]):
    """Stays; an overstay in the warning colour, in bold, saying why in its tooltip."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.ForegroundRole,
                                        Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole):
            stay = self.rows[index.row()]
            if stay.overstay:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(QColor(OVERSTAY_COLOUR))
                if role == Qt.ItemDataRole.FontRole:
                    font = QFont()
                    font.setBold(True)
                    return font
                return overstay_text(stay)
        return super().data(index, role)


def install(panel: ListTab[StayLine], columns: Sequence[Column]) -> StayModel:
    """Give a rows panel the stays' model in place of its plain one."""
    plain = panel.model
    model = StayModel(columns, panel)
    panel.model = model
    panel.table.setModel(model)
    panel.fitter.follow(model)
    panel.table.selectionModel().selectionChanged.connect(lambda *_args: panel.update_buttons())
    plain.deleteLater()
    return model


def _day(day: date | None) -> str:
    return format_date(day) if day is not None else ""


COLUMNS: Sequence[Column] = (
    (N_("Room"), lambda stay: stay.room),
    (N_("Checked in"), lambda stay: _day(stay.checked_in_on)),
    (N_("Last night agreed"), lambda stay: _day(stay.planned_until)),
    (N_("Checked out"), lambda stay: _day(stay.checked_out_on)),
    (N_("Status"), stay_state),
)


class AccommodationPanel(ListTab[StayLine]):
    tables = TABLES

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.database, self.actor = database, actor
        self.today: date | None = None  # None: the clock's; tests pin it
        self.person_id: uuid.UUID | None = None
        self.office_id: uuid.UUID | None = None
        self.read = False  # this client's stays have come in (tests wait on it)
        self.model = install(self, COLUMNS)
        self.check_in_button = self.button(self.check_in)
        self.check_out_button = self.button(self.check_out)
        self.extend_button = self.button(self.extend)
        self.buttons.addStretch(1)
        self.empty = QLabel(self)
        self.empty.setStyleSheet(HINT_STYLE)
        self.empty.hide()
        self.layout().insertWidget(2, self.empty)  # type: ignore[union-attr]
        self.table.activated.connect(lambda _index: self.check_out())
        self.retranslate()

    # ---- reading ----------------------------------------------------------------------------

    def set_person(self, person_id: uuid.UUID, office_id: uuid.UUID | None = None) -> None:
        if person_id != self.person_id:
            self.read = False
            self.model.set_rows([])
        self.person_id, self.office_id = person_id, office_id
        self.reload()

    def reader(self) -> Callable[[], list[StayLine]]:
        database, actor, person_id, today = self.database, self.actor, self.person_id, self.today
        assert person_id is not None
        return lambda: client_stays(database, actor, person_id, today=today)

    def reload(self, select: uuid.UUID | None = None) -> None:
        if self.person_id is not None:
            super().reload(select)

    def _changed(self, changes: Changes) -> None:
        if self.person_id is not None and changes.touches(*self.tables):
            self.reload()

    def _show_rows(self, rows: list[StayLine]) -> None:
        super()._show_rows(rows)
        self.read = True
        self.empty.setVisible(not rows)
        self.update_buttons()

    def _unread(self, failure: Any) -> None:
        super()._unread(failure)
        self.read = True

    def current_stay(self) -> StayLine | None:
        """Where the client stays tonight, if anywhere."""
        return next((s for s in self.model.rows if s.checked_out_on is None), None)

    # ---- acting -----------------------------------------------------------------------------

    def may_work(self) -> bool:
        return self.person_id is not None and self.actor.can(Permission.WORK_WITH_CLIENTS)

    def update_buttons(self) -> None:
        may, stay, staying = self.may_work(), self.selected(), self.current_stay()
        self.check_in_button.setEnabled(may and self.read and staying is None)
        self.check_in_button.setToolTip(
            _("The client stays in room {room}: check them out first.").format(
                room=staying.room) if staying is not None else
            _("Check the client, and the family members with them, into a room"))
        open_stay = may and stay is not None and stay.checked_out_on is None
        self.check_out_button.setEnabled(open_stay)
        self.extend_button.setEnabled(open_stay)
        tip = "" if open_stay else _("Choose a stay that is not over in the list first.")
        self.check_out_button.setToolTip(tip)
        self.extend_button.setToolTip(tip)

    def check_in(self) -> CheckInDialog | None:
        if self.person_id is None or not self.check_in_button.isEnabled():
            return None
        self.open_dialog(CheckInDialog(self.database, self.actor, self.person_id, self,
                                       office_id=self.office_id, today=self.today))
        return self.dialog  # type: ignore[return-value]

    def check_out(self) -> CheckOutDialog | None:
        stay = self.selected()
        if stay is None or not self.check_out_button.isEnabled():
            return None
        self.open_dialog(CheckOutDialog(self.database, self.actor, stay, self,
                                        today=self.today))
        return self.dialog  # type: ignore[return-value]

    def extend(self) -> ExtendStayDialog | None:
        stay = self.selected()
        if stay is None or not self.extend_button.isEnabled():
            return None
        self.open_dialog(ExtendStayDialog(self.database, self.actor, stay, self,
                                          today=self.today))
        return self.dialog  # type: ignore[return-value]

    # ---- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.check_in_button.setText(_("Check &in…"))
        self.check_out_button.setText(_("Check &out…"))
        self.extend_button.setText(_("&Extend stay…"))
        self.empty.setText(_("No stay in the center's rooms yet."))
        self.table.setAccessibleName(_("Stays"))
        self.model.retranslate()
        self.update_buttons()
        if self.dialog is not None:
            self.dialog.retranslate()
