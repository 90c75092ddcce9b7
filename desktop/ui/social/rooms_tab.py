"""The Social services screen's Rooms tab: the adaptation centre's rooms of an office, who
stays in each tonight, and the office's occupancy.

    RoomsTab(database, actor, parent)
        ``reload()``, ``retranslate()``; ``open_client`` (a person id) for the chosen
        guest's client file ("Open client file", Enter or a double click). ``today`` None is
        the clock's day; tests pin it.

The occupancy line (beds, taken tonight, overstaying, this month's occupancy rate) and the
rooms (``rooms.rooms`` with those out of use, greyed) are read together off the GUI thread,
and again whenever a write touches the rooms, stays or people (the change hub). A user who
sees every office chooses the office (the offices offered by ``courses.groups.group_choices``:
the active offices, read with the permission to work with clients); anyone else sees their
own. The room buttons are shown to everyone: the service refuses a user whose role does not
keep the rooms, and the line above the table says so.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.changes import Changes
from db.session import Database
from desktop.i18n import N_, NC_, _, format_date, format_number, format_percent, ngettext
from desktop.services.access import Actor, Permission
from desktop.services.courses.groups import GroupChoices, group_choices
from desktop.services.social.rooms import (
    Occupancy,
    RoomLine,
    StayLine,
    month_occupancy,
    rooms,
    set_room_active,
)
from desktop.ui.admin.common import Column, FormDialog, ListTab, show_message
from desktop.ui.operations import Failure, Operation
from desktop.ui.social.accommodation_panel import StayModel
from desktop.ui.social.stay_dialogs import (
    CheckOutDialog,
    ExtendStayDialog,
    RoomDialog,
    find_data,
)

__all__ = ["RoomsRead", "RoomsTab", "occupancy_text"]

TABLES = ("room", "stay", "person")


@dataclass(frozen=True)
class RoomsRead:
    rooms: list[RoomLine]
    occupancy: Occupancy


def occupancy_text(occupancy: Occupancy) -> str:
    """"6 beds · taken tonight: 4 · overstaying: 1 · occupancy this month: 58%"."""
    rate = format_percent(occupancy.rate) if occupancy.rate is not None else "—"
    return " · ".join((
        ngettext("{count} bed", "{count} beds", occupancy.beds).format(
            count=format_number(occupancy.beds)),
        _("taken tonight: {count}").format(count=format_number(occupancy.occupied_today)),
        _("overstaying: {count}").format(count=format_number(occupancy.overstays)),
        _("occupancy this month: {rate}").format(rate=rate)))


ROOM_COLUMNS: Sequence[Column] = (
    (N_("Room"), lambda room: room.name),
    (N_("Beds"), lambda room: format_number(room.beds)),
    (N_("Taken"), lambda room: format_number(room.occupied)),
    (N_("Free"), lambda room: format_number(room.free) if room.active else ""),
    (N_("Note"), lambda room: room.note if room.active else
     " · ".join(p for p in (_("out of use"), room.note) if p)),
)


class RoomsTab(ListTab[RoomLine]):
    tables = TABLES
    open_client = Signal(object)  # a guest's person id

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ROOM_COLUMNS, parent)
        # Nothing is read until the tab is first shown: the window builds it at every start,
        # for users who may never open it.
        self.visited = False
        self.database, self.actor = database, actor
        self.today: date | None = None  # None: the clock's; tests pin it
        self.read = False  # the rooms have come in (tests wait on it)
        self.occupancy: Occupancy | None = None
        self.offices: list[tuple[uuid.UUID, str]] | None = None  # None: not read (or own)

        # The office (for those who see every office) and its occupancy.
        self.office_label = QLabel(self)
        self.office = QComboBox(self)
        self.office.setMinimumContentsLength(20)
        self.office_label.setBuddy(self.office)
        self.occupancy_label = QLabel(self)
        self.occupancy_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.office_label)
        top.addWidget(self.office)
        top.addWidget(self.occupancy_label, 1)
        self.choosing = actor.office_scope is None
        self.office_label.setVisible(self.choosing)
        self.office.setVisible(self.choosing)
        self.layout().insertLayout(0, top)  # type: ignore[union-attr]

        self.new_button = self.button(self.new_room)
        self.edit_button = self.button(self.edit_room)
        self.active_button = self.button(self.toggle_active)
        self.buttons.addStretch(1)
        self.table.activated.connect(lambda _index: self.edit_room())

        # The chosen room's guests.
        self.guests_box = QGroupBox(self)
        self.guests_model = StayModel(self._guest_columns(), self)
        self.guests = QTableView(self.guests_box)
        self.guests.setModel(self.guests_model)
        self.guests.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.guests.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.guests.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.guests.verticalHeader().hide()
        header = self.guests.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.guests_empty = QLabel(self.guests_box)
        self.guests_empty.hide()
        guest_bar = QHBoxLayout()
        self.check_out_button = QPushButton(self.guests_box)
        self.extend_button = QPushButton(self.guests_box)
        self.open_button = QPushButton(self.guests_box)
        for button in (self.check_out_button, self.extend_button, self.open_button):
            guest_bar.addWidget(button)
        guest_bar.addStretch(1)
        self.check_out_button.clicked.connect(self.check_out)
        self.extend_button.clicked.connect(self.extend)
        self.open_button.clicked.connect(self.open_selected)
        inner = QVBoxLayout(self.guests_box)
        inner.addLayout(guest_bar)
        inner.addWidget(self.guests_empty)
        inner.addWidget(self.guests, 1)
        layout: QVBoxLayout = self.layout()  # type: ignore[assignment]
        layout.setStretchFactor(self.table, 1)
        layout.addWidget(self.guests_box, 1)
        self.guests.activated.connect(lambda _index: self.open_selected())  # Enter, double click
        self.guests.selectionModel().selectionChanged.connect(
            lambda *_args: self.update_buttons())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._show_guests())
        self.office.currentIndexChanged.connect(lambda _index: self._office_changed())
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.visited:
            self.visited = True
            if self.choosing:
                self._read_offices()  # then the rooms of the office chosen
            else:
                self.reload()

    def _guest_columns(self) -> Sequence[Column]:
        return (
            (NC_("person", "Name"), lambda stay: stay.person),
            (N_("Since"), lambda stay: format_date(stay.checked_in_on)),
            (N_("Last night agreed"), lambda stay: format_date(stay.planned_until)),
            (N_("Overstay"), self._overstay_text),
        )

    def day(self) -> date:
        return self.today or date.today()

    def _overstay_text(self, stay: StayLine) -> str:
        if not stay.overstay:
            return ""
        nights = (self.day() - stay.planned_until).days
        return ngettext("{count} night", "{count} nights", nights).format(
            count=format_number(nights))

    # ---- the office ----------------------------------------------------------------------------

    def _read_offices(self) -> None:
        database, actor = self.database, self.actor
        Operation(self, lambda: group_choices(database, actor), name="rooms: offices") \
            .done(self._offices).failed(self._unread).run()

    def _offices(self, choices: GroupChoices) -> None:
        self.offices = list(choices.offices)
        blocked = self.office.blockSignals(True)
        self.office.clear()
        for office_id, name in self.offices:
            self.office.addItem(name, office_id)
        own = find_data(self.office, self.actor.office_id)
        self.office.setCurrentIndex(own if own >= 0 else 0 if self.offices else -1)
        self.office.blockSignals(blocked)
        self.reload()

    def office_id(self) -> uuid.UUID | None:
        """The office shown: the one chosen, or (None) the user's own."""
        if self.choosing and self.office.currentIndex() >= 0:
            return self.office.currentData()
        return None

    def choose_office(self, office_id: uuid.UUID) -> None:
        self.office.setCurrentIndex(find_data(self.office, office_id))

    def _office_changed(self) -> None:
        self.guests_model.set_rows([])
        self.reload()

    # ---- reading --------------------------------------------------------------------------------

    def reader(self) -> Callable[[], RoomsRead]:  # type: ignore[override]
        database, actor, today, office_id = self.database, self.actor, self.today, self.office_id()

        def read() -> RoomsRead:
            found = rooms(database, actor, office_id=office_id, include_inactive=True,
                          today=today)
            return RoomsRead(found, month_occupancy(database, actor, today or date.today(),
                                                    office_id=office_id, today=today))

        return read

    def reload(self, select: uuid.UUID | None = None) -> None:
        if not self.visited:
            return  # read when first shown
        if self.choosing and self.office.currentIndex() < 0 and self.actor.office_id is None:
            return  # an office to show first: once the offices are read
        super().reload(select)

    def _changed(self, changes: Changes) -> None:
        if changes.touches(*self.tables):
            self.reload()

    def _show_rows(self, found: RoomsRead) -> None:  # type: ignore[override]
        self.occupancy = found.occupancy
        super()._show_rows(found.rooms)
        self.read = True
        self._show_occupancy()
        self._show_guests()

    def _unread(self, failure: Failure) -> None:
        super()._unread(failure)
        self.read = True

    def _show_occupancy(self) -> None:
        self.occupancy_label.setText(occupancy_text(self.occupancy)
                                     if self.occupancy is not None else "")

    def _show_guests(self) -> None:
        room = self.selected()
        chosen = self.selected_guest()
        stays = list(room.stays) if room is not None else []
        self.guests_model.set_rows(stays)
        for number, stay in enumerate(stays):
            if chosen is not None and stay.id == chosen.id:
                self.guests.selectRow(number)
        self.guests_empty.setVisible(room is not None and not stays)
        self.guests.setVisible(room is None or bool(stays))
        self.update_buttons()

    def selected_guest(self) -> StayLine | None:
        rows = self.guests.selectionModel().selectedRows()
        return self.guests_model.row_at(rows[0].row()) if rows else None

    def select_guest(self, stay_id: uuid.UUID) -> None:
        for number, stay in enumerate(self.guests_model.rows):
            if stay.id == stay_id:
                self.guests.selectRow(number)

    # ---- acting ---------------------------------------------------------------------------------

    def update_buttons(self) -> None:
        if not hasattr(self, "guests"):
            return  # still being built
        room, guest = self.selected(), self.selected_guest()
        self.edit_button.setEnabled(room is not None)
        self.active_button.setEnabled(room is not None)
        self.active_button.setText(_("Put &back in use") if room is not None and not room.active
                                   else _("&Take out of use"))
        self.active_button.setToolTip(
            _("Choose a room in the list first.") if room is None else
            _("Nobody can be checked into it until it is put back in use.") if room.active else
            _("Rooms in use are offered at check-in."))
        may = self.actor.can(Permission.WORK_WITH_CLIENTS)
        for button in (self.check_out_button, self.extend_button):
            button.setEnabled(may and guest is not None)
        self.open_button.setEnabled(guest is not None)

    def new_room(self) -> RoomDialog | None:
        self.open_dialog(RoomDialog(self.database, self.actor, None, self,
                                    office_id=self.office_id()))
        return self.dialog  # type: ignore[return-value]

    def edit_room(self) -> RoomDialog | None:
        room = self.selected()
        if room is None:
            return None
        self.open_dialog(RoomDialog(self.database, self.actor, room, self))
        return self.dialog  # type: ignore[return-value]

    def toggle_active(self) -> None:
        room = self.selected()
        if room is None:
            return
        show_message(self.message, "")
        database, actor, today, active = self.database, self.actor, self.today, not room.active
        self.active_button.setEnabled(False)
        Operation(self, lambda: set_room_active(database, actor, room.id, room.version, active,
                                                today=today),
                  writes=True, name="set room active") \
            .done(lambda _result: self.update_buttons()) \
            .failed(lambda failure: self._not_toggled(room, failure)).run()

    def _not_toggled(self, room: RoomLine, failure: Failure) -> None:
        self.update_buttons()
        text = failure.message
        show_message(self.message, text)
        self.reload()

    def check_out(self) -> CheckOutDialog | None:
        guest, room = self.selected_guest(), self.selected()
        if guest is None or room is None or not self.check_out_button.isEnabled():
            return None
        companions = [s.person for s in room.stays if s.with_stay_id == guest.id]
        self.open_dialog(CheckOutDialog(self.database, self.actor, guest, self,
                                        companions=companions, today=self.today))
        return self.dialog  # type: ignore[return-value]

    def extend(self) -> ExtendStayDialog | None:
        guest = self.selected_guest()
        if guest is None or not self.extend_button.isEnabled():
            return None
        self.open_dialog(ExtendStayDialog(self.database, self.actor, guest, self,
                                          today=self.today))
        return self.dialog  # type: ignore[return-value]

    def open_selected(self) -> None:
        guest = self.selected_guest()
        if guest is not None:
            self.open_client.emit(guest.person_id)

    def _closed(self, dialog: FormDialog) -> None:
        if isinstance(dialog, RoomDialog):
            super()._closed(dialog)  # the room saved is chosen
            return
        # A stay's dialog: the room stays chosen; the hub's reload shows the change.
        if self.dialog is dialog:
            self.dialog = None
        if dialog.saved_id is None:
            self.reload()
        dialog.deleteLater()

    # ---- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.office_label.setText(_("&Office:"))
        self.office.setAccessibleName(_("Office"))
        self.new_button.setText(_("&New room…"))
        self.new_button.setToolTip(_("A room of the office, with its beds (managers)"))
        self.edit_button.setText(_("&Edit room…"))
        self.guests_box.setTitle(_("Staying tonight"))
        self.guests_empty.setText(_("Nobody stays in this room tonight."))
        self.check_out_button.setText(_("Check &out…"))
        self.extend_button.setText(_("E&xtend stay…"))
        self.open_button.setText(_("O&pen client file"))
        self.open_button.setToolTip(_("The chosen guest's client file (Enter, or a double "
                                      "click)"))
        self.table.setAccessibleName(_("Rooms"))
        self.guests.setAccessibleName(_("Staying tonight"))
        self.model.retranslate()
        self.guests_model.retranslate()
        self._show_occupancy()
        self.update_buttons()
        if self.dialog is not None:
            self.dialog.retranslate()
        self.reload()
