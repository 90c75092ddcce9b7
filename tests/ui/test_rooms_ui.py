"""The adaptation centre's rooms, as a manager keeps them and a caseworker checks families
in and out: a room of three beds, a client and one family member checked in (two taken,
one free), a second family of two refused for want of beds with nothing written, and the
check-out from the Rooms tab.

Each test builds its own small center on a fresh database file: an office, a manager and
a caseworker (real user rows: the services read the actor again), two families linked as
households, each with an open case."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Case, HouseholdLink, Office, Person, Role, Room, Stay, User
from db.session import Database
from desktop.services.access import Actor
from desktop.ui.admin.common import FormDialog, RowsModel
from desktop.ui.social.accommodation_panel import AccommodationPanel
from desktop.ui.social.rooms_tab import RoomsTab
from desktop.ui.social.stay_dialogs import CheckInDialog, CheckOutDialog, RoomDialog
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, wait_idle


@dataclass(frozen=True)
class Centre:
    office: uuid.UUID
    manager: Actor
    caseworker: Actor
    head: uuid.UUID
    spouse: uuid.UUID
    child: uuid.UUID
    other: uuid.UUID  # the head of a second family
    other_son: uuid.UUID


def build_centre(database: Database) -> Centre:
    with database.session() as s:
        office = Office(code="AST", name="Астана кеңсесі", region_code="71")
        s.add(office)
        s.flush()

        def user(login: str, name: str, role: Role) -> Actor:
            row = User(login=login, full_name=name, role=role, office_id=office.id)
            s.add(row)
            s.flush()
            return Actor(row.id, login, name, role, office.id, office.code, office.name)

        manager = user("marat", "Ахметов Марат", Role.MANAGER)
        caseworker = user("aigerim", "Сапарова Айгерім", Role.CASEWORKER)

        def person(surname: str, given: str) -> Person:
            row = Person(surname=surname, given_name=given, category_code="kandas",
                         office_id=office.id, consent_date=date(2026, 9, 1),
                         consent_form_code="written")
            s.add(row)
            s.flush()
            return row

        head, spouse, child = (person("Омаров", n) for n in ("Бауыржан", "Гүлмира", "Дәурен"))
        other, other_son = person("Сейітов", "Ерлан"), person("Сейітов", "Нұрлан")
        s.add_all([HouseholdLink(person_id=head.id, related_person_id=spouse.id,
                                 relationship_code="spouse"),
                   HouseholdLink(person_id=head.id, related_person_id=child.id,
                                 relationship_code="child"),
                   HouseholdLink(person_id=other.id, related_person_id=other_son.id,
                                 relationship_code="child")])
        s.add_all([Case(person_id=p.id, office_id=office.id, caseworker_id=caseworker.user_id,
                        opened_on=date(2026, 9, 1)) for p in (head, other)])
        s.flush()
        return Centre(office.id, manager, caseworker, head.id, spouse.id, child.id, other.id,
                      other_son.id)


@pytest.fixture
def centre(database: Database) -> Centre:
    return build_centre(database)


def rows(model: RowsModel) -> list[dict[str, str]]:  # type: ignore[type-arg]
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [{title: model.data(model.index(r, c)) for c, title in enumerate(titles)}
            for r in range(model.rowCount())]


def ok(dialog: FormDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def click(qtbot: QtBot, button: object) -> None:
    assert button.isEnabled(), button.toolTip()  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def shown(qtbot: QtBot, widget: object) -> None:
    widget.today = DEMO_TODAY  # type: ignore[attr-defined]
    qtbot.addWidget(widget)  # type: ignore[arg-type]
    widget.resize(1000, 640)  # type: ignore[attr-defined]
    widget.show()  # type: ignore[attr-defined]
    qtbot.waitExposed(widget)  # type: ignore[arg-type]


def rooms_tab(qtbot: QtBot, database: Database, actor: Actor) -> RoomsTab:
    tab = RoomsTab(database, actor)
    shown(qtbot, tab)
    tab.reload()  # the day pinned
    qtbot.waitUntil(lambda: tab.read, timeout=TIMEOUT)
    wait_idle(qtbot)
    return tab


def stays(database: Database) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(Stay)) or 0


def test_a_family_checks_in_a_second_is_refused_for_want_of_beds_and_checks_out(
        qtbot: QtBot, database: Database, centre: Centre) -> None:
    # The manager, who sees every office, chooses theirs and makes a room of three beds.
    tab = rooms_tab(qtbot, database, centre.manager)
    assert tab.office.isVisible() and tab.office.currentData() == centre.office
    assert tab.office.currentText() == "Астана кеңсесі"
    assert rows(tab.model) == []
    assert tab.occupancy_label.text().startswith("0 beds · taken tonight: 0")
    click(qtbot, tab.new_button)
    dialog = tab.dialog
    assert isinstance(dialog, RoomDialog)
    ok(dialog)  # no name: the problem beside the field, nothing written
    assert dialog.form.problem("room_name") == "Give the room's number or name."
    dialog.name.setText("12")
    dialog.beds.setValue(3)
    dialog.note.setText("2-қабат")
    ok(dialog)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: len(tab.model.rows) == 1, timeout=TIMEOUT)
    wait_idle(qtbot)
    [room] = rows(tab.model)
    assert room == {"Room": "12", "Beds": "3", "Taken": "0", "Free": "3", "Note": "2-қабат"}
    assert tab.selected() is not None  # the room made is the one chosen
    with database.session() as s:
        assert s.scalars(select(Room.office_id)).all() == [centre.office]

    # The caseworker checks the head of the family and his wife in from the client file.
    panel = AccommodationPanel(database, centre.caseworker)
    shown(qtbot, panel)
    panel.set_person(centre.head)
    qtbot.waitUntil(lambda: panel.read, timeout=TIMEOUT)
    assert rows(panel.model) == [] and panel.empty.isVisible()
    assert not panel.check_out_button.isEnabled()
    click(qtbot, panel.check_in_button)
    check_in = panel.dialog
    assert isinstance(check_in, CheckInDialog)
    qtbot.waitUntil(check_in.is_ready, timeout=TIMEOUT)
    assert check_in.summary.text() == "Омаров Бауыржан"
    assert [check_in.room.itemText(i) for i in range(check_in.room.count())] == [
        "12 — 3 of 3 beds free"]
    assert sorted(box.text() for box in check_in.members.values()) == [
        "Омаров Гүлмира", "Омаров Дәурен"]
    assert check_in.day.date().toPython() == DEMO_TODAY
    check_in.choose_room(tab.model.rows[0].id)
    check_in.tick(centre.spouse)
    ok(check_in)
    qtbot.waitUntil(lambda: panel.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: len(panel.model.rows) == 1, timeout=TIMEOUT)
    wait_idle(qtbot)
    [stay] = rows(panel.model)
    assert stay["Room"] == "12" and stay["Status"] == "Staying"
    assert not panel.check_in_button.isEnabled()  # staying already

    # The manager's tab has read the change: two beds taken, one free.
    qtbot.waitUntil(lambda: rows(tab.model)[0]["Taken"] == "2", timeout=TIMEOUT)
    assert rows(tab.model)[0]["Free"] == "1"
    assert "taken tonight: 2" in tab.occupancy_label.text()
    assert sorted(guest["Name"] for guest in rows(tab.guests_model)) == [
        "Омаров Бауыржан", "Омаров Гүлмира"]

    # A second family of two: one bed free, refused beside the room, nothing written.
    other = CheckInDialog(database, centre.caseworker, centre.other, today=DEMO_TODAY)
    qtbot.addWidget(other)
    other.open()
    qtbot.waitUntil(other.is_ready, timeout=TIMEOUT)
    assert other.room.itemText(0) == "12 — 1 of 3 beds free"
    other.choose_room(tab.model.rows[0].id)
    other.tick(centre.other_son)
    ok(other)
    qtbot.waitUntil(lambda: bool(other.form.problem("room")), timeout=TIMEOUT)
    assert other.form.problem("room") == (
        "Room 12 has 1 bed free on the night of 25.11.2026, and 2 are needed.")
    assert other.isVisible()
    assert stays(database) == 2

    # The head of the family checks out from the Rooms tab: his wife leaves with him.
    tab.table.selectRow(0)
    guests = tab.guests_model.rows
    tab.guests.selectRow(next(i for i, g in enumerate(guests) if g.person_id == centre.head))
    assert tab.open_button.isEnabled()
    opened: list[uuid.UUID] = []
    tab.open_client.connect(opened.append)
    click(qtbot, tab.open_button)
    assert opened == [centre.head]
    click(qtbot, tab.check_out_button)
    check_out = tab.dialog
    assert isinstance(check_out, CheckOutDialog)
    assert "Омаров Гүлмира" in check_out.hint.text()
    assert check_out.day.date().toPython() == DEMO_TODAY
    ok(check_out)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: rows(tab.model)[0]["Taken"] == "0", timeout=TIMEOUT)
    wait_idle(qtbot)
    assert rows(tab.model)[0]["Free"] == "3" and rows(tab.guests_model) == []
    assert tab.selected() is not None  # the room stays chosen
    [stay] = rows(panel.model)
    assert stay["Status"] == "Left"
    with database.session() as s:
        assert s.scalars(select(Stay.checked_out_on)).all() == [DEMO_TODAY, DEMO_TODAY]


def test_a_caseworker_sees_the_room_buttons_and_is_told_they_are_for_managers(
        qtbot: QtBot, database: Database, centre: Centre) -> None:
    tab = rooms_tab(qtbot, database, centre.caseworker)
    assert not tab.office.isVisible()  # their own office only
    click(qtbot, tab.new_button)
    dialog = tab.dialog
    assert isinstance(dialog, RoomDialog)
    dialog.name.setText("7")
    ok(dialog)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=TIMEOUT)
    assert dialog.message.text() == (
        "Your role does not allow this. Ask a manager or an administrator.")
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Room)) == 0
