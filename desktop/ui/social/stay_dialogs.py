"""The adaptation centre's rooms and stays: checking a client (and their family) in, out,
extending a stay, and a room's details; with the base the social dialogs share.

    CheckInDialog(database, actor, person_id, parent, *, office_id=None, today=None)
        the room (the office's rooms in use, each "{name} — {free} of {beds} beds free"),
        the check-in day (today), the last night agreed (today + 60 days), the other
        household members who check in with the client (ticked), a note. ``office_id`` is
        the client's office (None: the user's own): a manager sees another office's rooms.
    CheckOutDialog(database, actor, stay, parent, *, companions=(), today=None)
        the day they leave (today); a client's stay takes the family members still with
        them along (``companions``: their names, when the caller knows them).
    ExtendStayDialog(database, actor, stay, parent, *, today=None)
        a new last night, for the stay and the family with it.
    RoomDialog(database, actor, room, parent, *, office_id=None)
        a new room (``room`` None, in ``office_id``, None: the user's own) or a room's name,
        beds and note.

Each is a ``SocialDialog``, a ``FormDialog``: OK runs the service off the GUI thread and the
dialog stays open until that succeeded (``saved_id``: the stay's or the room's id). A
field's problem is shown beside it (``social.messages.problem_text``); a full room beside
the room; any other refusal under the form, and ``was_refused`` tells the opener that its
list is no longer as shown.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.i18n import _, format_date, ngettext
from desktop.services.access import Actor
from desktop.services.social.entitlements import household_entitlements
from desktop.services.social.errors import Field, Problem
from desktop.services.social.rooms import (
    MAX_BEDS,
    MAX_STAY_DAYS,
    CheckIn,
    RoomEntry,
    RoomFull,
    RoomLine,
    RoomOccupied,
    RoomTaken,
    StayLine,
    check_in,
    check_out,
    create_room,
    extend_stay,
    rooms,
    update_room,
)
from desktop.ui.admin.common import text_field
from desktop.ui.operations import Failure
from desktop.ui.scroll_safe import ScrollSafeCombo
from desktop.ui.social.dialog import EARLIEST, HINT_STYLE, SocialDialog, texts_of

__all__ = ["CheckInDialog", "CheckOutDialog", "ExtendStayDialog", "RoomDialog",
           "find_data", "room_text", "stay_summary"]

DEFAULT_STAY = 60  # days: the last night agreed, unless the caseworker says otherwise
DEFAULT_EXTENSION = 30  # days
DAY, UNTIL, NOTE = Field.DAY.value, Field.UNTIL.value, Field.NOTE.value
ROOM, MEMBERS = Field.ROOM.value, Field.MEMBERS.value
ROOM_NAME, BEDS = Field.ROOM_NAME.value, Field.BEDS.value


def find_data(combo: QComboBox, value: object) -> int:
    """The index of the item whose data equals ``value`` (a UUID read in another operation
    is another object: Qt's own ``findData`` would not find it); -1 for none."""
    if value is None:
        return -1
    return next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)


def room_text(room: RoomLine) -> str:
    """"12 — 1 of 3 beds free"."""
    return ngettext("{name} — {free} of {beds} bed free", "{name} — {free} of {beds} beds free",
                    room.beds).format(name=room.name, free=room.free, beds=room.beds)


def stay_summary(stay: StayLine) -> str:
    """"Омаров Бауыржан · room 12 · since 20.11.2026"."""
    return _("{person} · room {room} · since {day}").format(
        person=stay.person, room=stay.room, day=format_date(stay.checked_in_on))


# ---- stays ---------------------------------------------------------------------------------

class CheckInDialog(SocialDialog):
    """The client, and the household members ticked, into a room of their office."""

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 parent: QWidget | None = None, *, office_id: uuid.UUID | None = None,
                 today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.person_id, self.office_id = person_id, office_id
        self.rooms: list[RoomLine] = []
        self.client = ""
        self.room = ScrollSafeCombo(self)
        self.room.setMinimumContentsLength(28)
        today_ = self.day_today()
        self.day = self.date_field(EARLIEST, today_, today_)
        self.until = self.date_field(EARLIEST, today_ + timedelta(days=MAX_STAY_DAYS),
                                     today_ + timedelta(days=DEFAULT_STAY))
        self.members_box = QWidget(self)
        self.members_layout = QVBoxLayout(self.members_box)
        self.members_layout.setContentsMargins(0, 0, 0, 0)
        self.members: dict[uuid.UUID, QCheckBox] = {}
        self.no_members = QLabel(self.members_box)
        self.no_members.setStyleSheet(HINT_STYLE)
        self.members_layout.addWidget(self.no_members)
        self.note = text_field(self, 60)
        self.note.setMaximumHeight(100)
        for key, field in ((ROOM, self.room), (DAY, self.day), (UNTIL, self.until),
                           (MEMBERS, self.members_box), (NOTE, self.note)):
            self.form.add(key, field, self)
        self.chain_focus([self.room, self.day, self.until, self.note])
        self.room.setFocus()
        self.load(self._reader(), self._arrived, "check-in choices")  # type: ignore[arg-type]
        self.retranslate()

    def _reader(self) -> Callable[[], tuple[list[RoomLine], str, list[tuple[uuid.UUID, str]]]]:
        database, actor, person_id, office_id = (self.database, self.actor, self.person_id,
                                                 self.office_id)
        today = self.today

        def read() -> tuple[list[RoomLine], str, list[tuple[uuid.UUID, str]]]:
            household = household_entitlements(database, actor, person_id, today=today)
            found = rooms(database, actor, office_id=office_id, today=today)
            return found, household.client, list(household.members)

        return read

    def _arrived(self, found: tuple[list[RoomLine], str, list[tuple[uuid.UUID, str]]]) -> None:
        self.rooms, self.client, members = found
        self.summary.setText(self.client)
        self._fill_rooms()
        for member_id, name in members:
            if member_id == self.person_id:
                continue
            box = QCheckBox(name, self.members_box)
            self.members[member_id] = box
            self.members_layout.addWidget(box)
        self.no_members.setVisible(not self.members)

    def _fill_rooms(self) -> None:
        chosen = self.room.currentData() if self.room.currentIndex() >= 0 else None
        self.room.clear()
        for room in self.rooms:
            self.room.addItem(room_text(room), room.id)
        self.room.setCurrentIndex(find_data(self.room, chosen))
        self.room.setPlaceholderText(
            _("Choose the room") if self.rooms or self.loading else
            _("No room in use in the office: a manager adds them in Social services, Rooms"))

    def choose_room(self, room_id: uuid.UUID) -> None:
        self.room.setCurrentIndex(find_data(self.room, room_id))

    def tick(self, member_id: uuid.UUID, ticked: bool = True) -> None:
        self.members[member_id].setChecked(ticked)

    def entry(self) -> CheckIn:
        return CheckIn(
            room_id=self.room.currentData() if self.room.currentIndex() >= 0 else None,
            checked_in_on=self.day.date().toPython(),  # type: ignore[arg-type]
            planned_until=self.until.date().toPython(),  # type: ignore[arg-type]
            member_ids=frozenset(m for m, box in self.members.items() if box.isChecked()),
            note=self.note.toPlainText())

    def problems(self) -> dict[str, str]:
        if self.room.currentIndex() < 0:
            return texts_of({Field.ROOM: Problem.REQUIRED})
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, person_id, today = self.database, self.actor, self.person_id, self.today
        entry = self.entry()
        return lambda: check_in(database, actor, person_id, entry, today=today)

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, RoomFull):
            self.was_refused = True
            return {ROOM: failure.message}
        return super().placed(failure)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Check in"))
        self.hint.setText(_("Each person checked in takes a bed for every night from the "
                            "check-in day to the last night agreed."))
        self.form.set_label(ROOM, _("&Room:"))
        self.form.set_label(DAY, _("Checked &in on:"))
        self.form.set_label(UNTIL, _("&Last night agreed:"))
        self.form.set_label(MEMBERS, _("With the &family:"))
        self.form.set_label(NOTE, _("&Note:"))
        self.no_members.setText(_("No other member in the client's household."))
        self._fill_rooms()
        self.ok_button().setText(_("Check &in"))


class CheckOutDialog(SocialDialog):
    """The person leaves: their last night was the one before the day given."""

    def __init__(self, database: Database, actor: Actor, stay: StayLine,
                 parent: QWidget | None = None, *, companions: Sequence[str] = (),
                 today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.stay, self.companions = stay, tuple(companions)
        self.day = self.date_field(stay.checked_in_on, self.day_today(), self.day_today())
        self.form.add(DAY, self.day, self)
        self.day.setFocus()
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today, stay = self.database, self.actor, self.today, self.stay
        on: date = self.day.date().toPython()  # type: ignore[assignment]

        def write() -> uuid.UUID:
            check_out(database, actor, stay.id, stay.version, on, today=today)
            return stay.id

        return write

    def retranslate(self) -> None:
        self.setWindowTitle(_("Check out"))
        self.summary.setText(stay_summary(self.stay))
        if self.stay.with_stay_id is not None:
            hint = _("{person} checked in with a family member: only they leave now.").format(
                person=self.stay.person)
        elif self.companions:
            hint = _("The family members checked in with them leave too: {names}.").format(
                names=", ".join(self.companions))
        else:
            hint = _("The family members checked in with them, if any still stay, leave "
                     "too.")
        self.hint.setText(hint)
        self.form.set_label(DAY, _("&Leaves on:"))
        self.ok_button().setText(_("Check &out"))


class ExtendStayDialog(SocialDialog):
    """A new last night agreed, for the stay and the family checked in with it."""

    def __init__(self, database: Database, actor: Actor, stay: StayLine,
                 parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(database, actor, parent, today=today)
        self.stay = stay
        proposed = max(stay.planned_until, self.day_today()) + timedelta(days=DEFAULT_EXTENSION)
        self.until = self.date_field(stay.checked_in_on,
                                     stay.checked_in_on + timedelta(days=MAX_STAY_DAYS),
                                     proposed)
        self.form.add(UNTIL, self.until, self)
        self.until.setFocus()
        self.retranslate()

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, today, stay = self.database, self.actor, self.today, self.stay
        until: date = self.until.date().toPython()  # type: ignore[assignment]

        def write() -> uuid.UUID:
            extend_stay(database, actor, stay.id, stay.version, until, today=today)
            return stay.id

        return write

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, RoomFull):
            self.was_refused = True
            return {UNTIL: failure.message}
        return super().placed(failure)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Extend the stay"))
        self.summary.setText(stay_summary(self.stay))
        hint = _("The last night agreed so far: {day}.").format(
            day=format_date(self.stay.planned_until))
        if self.stay.with_stay_id is None:
            hint += " " + _("The family members checked in with them stay as long.")
        self.hint.setText(hint)
        self.form.set_label(UNTIL, _("New &last night:"))
        self.ok_button().setText(_("&Extend"))


# ---- rooms ---------------------------------------------------------------------------------

class RoomDialog(SocialDialog):
    """A new room of the office, or a room's name, beds and note."""

    def __init__(self, database: Database, actor: Actor, room: RoomLine | None = None,
                 parent: QWidget | None = None, *, office_id: uuid.UUID | None = None) -> None:
        super().__init__(database, actor, parent)
        self.room, self.office_id = room, office_id
        self.name = QLineEdit(self)
        self.beds = QSpinBox(self)
        self.beds.setRange(1, MAX_BEDS)
        self.beds.setValue(2)
        self.note = QLineEdit(self)
        for key, field in ((ROOM_NAME, self.name), (BEDS, self.beds), (NOTE, self.note)):
            self.form.add(key, field, self)
        self.chain_focus([self.name, self.beds, self.note])
        if room is not None:
            self.name.setText(room.name)
            self.beds.setValue(room.beds)
            self.note.setText(room.note)
        self.name.setFocus()
        self.hint.hide()
        self.setMinimumWidth(480)
        self.retranslate()

    def entry(self) -> RoomEntry:
        return RoomEntry(self.name.text(), self.beds.value(), self.note.text())

    def problems(self) -> dict[str, str]:
        if not self.name.text().strip():
            return texts_of({Field.ROOM_NAME: Problem.REQUIRED})
        return {}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, room, entry = self.database, self.actor, self.room, self.entry()
        office_id = self.office_id
        if room is None:
            return lambda: create_room(database, actor, entry, office_id=office_id)

        def write() -> uuid.UUID:
            update_room(database, actor, room.id, room.version, entry)
            return room.id

        return write

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, RoomTaken):
            return {ROOM_NAME: failure.message}
        if isinstance(failure.error, RoomOccupied):  # fewer beds than people staying tonight
            return {BEDS: failure.message}
        return super().placed(failure)

    def retranslate(self) -> None:
        self.setWindowTitle(_("New room") if self.room is None else _("Edit room"))
        if self.room is not None:
            self.summary.setText(self.room.name)
        self.summary.setVisible(self.room is not None)
        self.form.set_label(ROOM_NAME, _("Room &number or name:"))
        self.form.set_label(BEDS, _("&Beds:"))
        self.form.set_label(NOTE, _("&Note:"))
        self.name.setPlaceholderText(_("As on the door"))
        self.note.setPlaceholderText(_("Floor, for families with children, accessible…"))
