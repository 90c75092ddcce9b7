"""The Household tab, as a caseworker uses it: link a client found by searching in the
dialog, register a new family member through intake, unlink; every open file shows the
change by itself (the write's broadcast), with no manual refresh."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import select

from db.models import HouseholdLink, Person
from db.session import Database
from desktop.domain.iin import make_iin
from desktop.services.auth import Actor, log_in
from desktop.services.household import Candidacy
from desktop.ui.client_file import ClientFileWindow
from desktop.ui.client_file.household_dialogs import (
    LinkMemberDialog,
    RegisterMemberDialog,
    UnlinkMemberDialog,
)
from desktop.ui.intake import IntakeDialog
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle

ALONE = ("p.id NOT IN (SELECT person_id FROM household_link) "
         "AND p.id NOT IN (SELECT related_person_id FROM household_link)")


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def alone(demo_path: Path, office: str, count: int) -> list[tuple[uuid.UUID, str, str]]:
    """Clients of ``office`` in nobody's household: (id, surname, Latin surname)."""
    with sqlite3.connect(demo_path) as connection:
        rows = connection.execute(
            f"SELECT p.id, p.surname, p.surname_latin FROM person p "
            f"JOIN office o ON o.id = p.office_id WHERE o.code = ? AND {ALONE} "
            f"AND p.surname_latin <> '' ORDER BY p.sort_key LIMIT ?", (office, count)).fetchall()
    assert len(rows) == count
    return [(uuid.UUID(r[0]), r[1], r[2]) for r in rows]


def type_text(widget: QWidget, text: str) -> None:
    """Type like a keyboard would, any script: QTest's keyClicks only knows ASCII."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def open_file(qtbot: QtBot, database: Database, actor: Actor,
              person: uuid.UUID) -> ClientFileWindow:
    return open_client_file(qtbot, database, actor, person, "household")  # type: ignore[return-value]


def press_ok(dialog: LinkMemberDialog | RegisterMemberDialog | UnlinkMemberDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def shown(window: ClientFileWindow) -> list[tuple[str, str]]:
    """The household tab's rows as the user reads them: (name, relationship)."""
    table = window.household.table
    if not table.isVisibleTo(window.household):
        return []
    return [(table.item(row, 0).text(), table.item(row, 3).text())
            for row in range(table.rowCount())]


def name_of(window: ClientFileWindow) -> str:
    assert window.file is not None
    return window.file.header.name


def test_linking_a_client_found_in_the_dialog_shows_on_both_files_then_unlinking(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    (parent, _surname, _latin), (child, _child_surname, child_latin) = alone(
        demo_path, "AST", 2)
    parents = open_file(qtbot, demo_database, caseworker, parent)
    childs = open_file(qtbot, demo_database, caseworker, child)
    assert shown(parents) == [] and shown(childs) == []
    buttons = parents.household.action_buttons
    assert [b.text() for b in buttons] == ["Link a member…", "Register a new member…",
                                           "Unlink…"]
    assert not buttons[2].isEnabled()  # nobody chosen to unlink

    buttons[0].click()
    dialog = parents.household_actions.dialog
    assert isinstance(dialog, LinkMemberDialog)
    qtbot.waitUntil(dialog.relationship.isEnabled, timeout=TIMEOUT)  # the list came in
    assert dialog.relationship.currentIndex() == -1
    press_ok(dialog)  # nothing chosen: said beside each field, nothing asked of the service
    assert dialog.form.problem("relationship") == f"Choose who they are to {name_of(parents)}."
    assert dialog.form.problem("member") == "Find the person, then choose them in the list."
    assert dialog.isVisible() and not dialog.writing

    dialog.choose_relationship("child")
    type_text(dialog.search, child_latin.lower())  # the Latin spelling finds the Cyrillic name
    qtbot.waitUntil(lambda: child in {c.id for c in dialog.found}, timeout=TIMEOUT)
    assert "found" in dialog.status.text()
    dialog.choose(child)
    press_ok(dialog)
    wait_idle(qtbot)  # written, then both files reloaded by the broadcast of what changed

    assert parents.household_actions.dialog is None and not isValid(dialog)  # closed
    assert shown(parents) == [(name_of(childs), "Child")]
    assert shown(childs) == [(name_of(parents), "Parent")]  # the other file, by itself
    assert parents.tabs.tabText(parents.tabs.indexOf(parents.household)) == "&Household (1)"
    member = parents.household.current_member()  # the new link is the one chosen
    assert member is not None and member.person_id == child and member.recorded_here
    assert buttons[2].isEnabled()
    with demo_database.session() as session:
        assert session.scalars(select(HouseholdLink).where(
            HouseholdLink.person_id == parent)).one().related_person_id == child

    # Linking them again: the dialog lists the child, but as in the household already.
    buttons[0].click()
    again = parents.household_actions.dialog
    assert isinstance(again, LinkMemberDialog)
    type_text(again.search, child_latin.lower())
    qtbot.waitUntil(lambda: child in {c.id for c in again.found}, timeout=TIMEOUT)
    assert {c.id: c.candidacy for c in again.found}[child] is Candidacy.LINKED
    again.choose(child)
    assert again.chosen() is None  # it cannot be chosen
    again.reject()
    wait_idle(qtbot)

    # Unlinking from the child's file, after confirming.
    childs.household.table.selectRow(0)
    assert childs.household_actions.unlink_action.isEnabled()
    childs.household.action_buttons[2].click()
    confirm = childs.household_actions.dialog
    assert isinstance(confirm, UnlinkMemberDialog)
    assert name_of(parents) in confirm.summary.text()
    assert f"made on {name_of(parents)}'s file" in confirm.summary.text()
    press_ok(confirm)
    wait_idle(qtbot)
    assert shown(parents) == [] and shown(childs) == []
    assert not childs.household_actions.unlink_action.isEnabled()
    with demo_database.session() as session:
        assert session.scalars(select(HouseholdLink).where(
            HouseholdLink.person_id == parent)).all() == []


def test_the_search_offers_a_caseworker_only_their_offices_clients(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    ((mine, _s, _l),) = alone(demo_path, "AST", 1)
    ((theirs, their_surname, _latin),) = alone(demo_path, "ALA", 1)
    window = open_file(qtbot, demo_database, caseworker, mine)
    dialog = window.household_actions.link()
    assert dialog is not None
    type_text(dialog.search, their_surname)
    qtbot.waitUntil(lambda: dialog.searched == their_surname and not dialog.status.text()
                    .endswith("…"), timeout=TIMEOUT)
    wait_idle(qtbot)
    assert theirs not in {c.id for c in dialog.found}
    dialog.reject()


def fill_intake(qtbot: QtBot, intake: IntakeDialog, iin: str) -> None:
    form = intake.form
    form.category.set_value("kandas")
    type_text(form.surname, "Жұмабекова")
    type_text(form.given_name, "Гүлназ")
    qtbot.keyClicks(form.iin.edit, iin)
    form.birth_date.selectAll()  # the IIN may have filled it: typed over, as a user would
    qtbot.keyClicks(form.birth_date, "14.03.1988")
    form.sex.set_value("F")
    qtbot.mouseClick(form.consent, Qt.MouseButton.LeftButton)


def free_iin(demo_path: Path) -> str:
    with sqlite3.connect(demo_path) as connection:
        taken = {r[0] for r in connection.execute("SELECT iin FROM person WHERE iin IS NOT NULL")}
    for serial in range(4321, 9999):
        iin = make_iin(date(1988, 3, 14), "F", serial)
        if iin is not None and iin not in taken:
            return iin
    raise AssertionError("no free IIN")


def test_a_new_family_member_registered_through_intake_is_linked(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    ((person, _s, _l),) = alone(demo_path, "AST", 1)
    window = open_file(qtbot, demo_database, caseworker, person)
    window.household.action_buttons[1].click()
    dialog = window.household_actions.dialog
    assert isinstance(dialog, RegisterMemberDialog)
    qtbot.waitUntil(dialog.relationship.isEnabled, timeout=TIMEOUT)
    press_ok(dialog)  # the relationship first: the form does not open without it
    assert dialog.form.problem("relationship") and dialog.intake is None
    dialog.choose_relationship("spouse")
    press_ok(dialog)
    intake = dialog.intake
    assert isinstance(intake, IntakeDialog) and intake.isVisible()
    wait_idle(qtbot)  # the form's lists have arrived
    fill_intake(qtbot, intake, free_iin(demo_path))
    created: list[uuid.UUID] = []
    intake.client_created.connect(created.append)

    def still_asking() -> bool:
        return isValid(intake) and intake.isVisible()

    qtbot.mouseClick(intake.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not still_asking() or intake.pages.currentIndex() == 1,
                    timeout=TIMEOUT)
    if still_asking():  # someone like her is registered: she is someone else
        intake.duplicates.create_anyway.emit()
    wait_idle(qtbot)  # registered, linked, and the file reloaded by the broadcast
    assert len(created) == 1 and not isValid(intake)  # the form closed, and was freed
    new_person = created[0]

    assert window.household_actions.dialog is None and not isValid(dialog)  # closed
    assert shown(window) == [("Жұмабекова Гүлназ", "Spouse")]
    member = window.household.current_member()
    assert member is not None and member.person_id == new_person
    with demo_database.session() as session:
        link = session.scalars(select(HouseholdLink).where(
            HouseholdLink.person_id == person)).one()
        assert (link.related_person_id, link.relationship_code) == (new_person, "spouse")
        assert session.get(Person, new_person).office_id == caseworker.office_id

    # Her own file shows the link from her side.
    hers = open_file(qtbot, demo_database, caseworker, new_person)
    assert shown(hers) == [(name_of(window), "Spouse")]


def test_closing_the_intake_form_links_nobody(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    ((person, _s, _l),) = alone(demo_path, "AST", 1)
    window = open_file(qtbot, demo_database, caseworker, person)
    dialog = window.household_actions.register()
    assert dialog is not None
    qtbot.waitUntil(dialog.relationship.isEnabled, timeout=TIMEOUT)
    dialog.choose_relationship("child")
    press_ok(dialog)
    intake = dialog.intake
    assert isinstance(intake, IntakeDialog)
    wait_idle(qtbot)
    intake.reject()  # an empty form closes at once
    assert dialog.intake is None and dialog.isVisible()
    dialog.reject()
    wait_idle(qtbot)
    assert window.household_actions.dialog is None
    assert shown(window) == []
