"""Language courses from the client file, as a caseworker uses them: enrol the client in a
group (or on its waiting list), take an offered place, record a drop-out; the Services tab
shows each change by itself (the write's broadcast), refusals are said in the dialog."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop import i18n
from desktop.services.auth import Actor, log_in
from desktop.services.courses import enrolment, register
from desktop.services.courses.register import Mark
from desktop.ui.client_file import ClientFileWindow
from desktop.ui.client_file.course_dialogs import DropOutDialog, EnrolDialog
from desktop.ui.client_file.lists import ServicesTab
from tests.conftest import DEMO_TODAY
from tests.services.test_courses import clients, new_group
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle
from tests.ui.test_case_plan import ONLY_CLOSED, person_with_enrolment


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


def open_services(qtbot: QtBot, database: Database, actor: Actor,
                  person: uuid.UUID) -> ClientFileWindow:
    return open_client_file(qtbot, database, actor, person, "services")  # type: ignore[return-value]


def button(tab: ServicesTab, text: str) -> QWidget:
    return next(b for b in tab.course_buttons if b.text() == text)


def plain(text: str) -> str:
    """Babel's thin and narrow spaces (in "18:30 – 20:00") as plain ones."""
    return text.replace("\u2009", " ").replace("\u202f", " ")


def course_rows(tab: ServicesTab) -> list[dict[str, str]]:
    """The courses table's rows, each cell by its column's title."""
    table = tab.courses_table
    titles = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return [{title: plain(table.item(row, column).text())
             for column, title in enumerate(titles)} for row in range(table.rowCount())]


def shown(tab: ServicesTab, group: str) -> dict[str, str]:
    """The group's row (empty until it shows); the Group cell is the name, then the course."""
    return next((row for row in course_rows(tab) if row["Group"].split("\n")[0] == group), {})


def status(tab: ServicesTab, group: str) -> str:
    return shown(tab, group).get("Status", "")


def open_enrol_dialog(qtbot: QtBot, window: ClientFileWindow) -> EnrolDialog:
    enrol = button(window.services, "Enrol in a course…")
    assert enrol.isEnabled()
    qtbot.mouseClick(enrol, Qt.MouseButton.LeftButton)
    dialog = window.course_actions.dialog
    assert isinstance(dialog, EnrolDialog) and dialog.isVisible()
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    return dialog


def pick(qtbot: QtBot, dialog: EnrolDialog, group_id: uuid.UUID) -> None:
    """Click the group's row, as a user picks it."""
    table = dialog.table
    rect = table.visualItemRect(table.item(dialog.row_of(group_id), 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.chosen() is not None and dialog.chosen().line.group.id == group_id  # type: ignore[union-attr]


def test_enrolling_a_client_shows_the_enrolment_on_the_services_tab(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor,
        caseworker: Actor) -> None:
    group_id = new_group(demo_database, manager, name="KK-A2 window", capacity=2)
    person = clients(demo_path, count=1)[0]
    window = open_services(qtbot, demo_database, caseworker, person)
    tab = window.services
    assert not shown(tab, "KK-A2 window")
    assert not button(tab, "Record drop-out…").isEnabled()  # nothing chosen

    dialog = open_enrol_dialog(qtbot, window)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # a conscious choice first
    cells = [plain(dialog.table.item(dialog.row_of(group_id), c).text())
             for c in range(dialog.table.columnCount())]
    assert cells[0].startswith("KK-A2 window\n") and "Kazakh" in cells[0]
    assert cells[1] == "Mon, Wed, Fri\n18:30 – 20:00"
    assert cells[2] == "09.11.2026 – 19.12.2026" and cells[3] == "Room 3"
    assert cells[4] == "0/2"
    pick(qtbot, dialog, group_id)
    assert ok.isEnabled() and ok.text() == "&Enrol"
    ok.click()
    qtbot.waitUntil(dialog.outcome.isVisible, timeout=TIMEOUT)
    name = window.file.header.name  # type: ignore[union-attr]
    assert dialog.outcome.text() == f"{name} is enrolled in the group KK-A2 window."
    assert not dialog.message.isVisible()

    # The broadcast reloads the file behind the dialog; the dialog's list reads again.
    qtbot.waitUntil(lambda: bool(shown(tab, "KK-A2 window")), timeout=TIMEOUT)
    wait_idle(qtbot)
    row = shown(tab, "KK-A2 window")
    assert row["Status"] == "Enrolled on 25.11.2026"
    assert row["Group"] == "KK-A2 window\nKazakh language course"
    assert row["Dates"] == "09.11.2026 – 19.12.2026"
    assert row["Attendance"] == "" and row["Drop-out reason"] == ""  # nothing marked yet
    again = dialog.table.item(dialog.row_of(group_id), 0)
    assert not again.flags() & Qt.ItemFlag.ItemIsEnabled  # on its list already
    assert "Already on its list: Enrolled" in dialog.table.item(dialog.row_of(group_id), 5).text()
    assert dialog.table.item(dialog.row_of(group_id), 4).text() == "1/2"
    assert dialog.close_button().text() == "Close"
    dialog.close_button().click()
    qtbot.waitUntil(lambda: window.course_actions.dialog is None, timeout=TIMEOUT)
    chosen = tab.selected_course()  # the new enrolment is the one chosen
    assert chosen is not None and chosen.group == "KK-A2 window"
    assert button(tab, "Record drop-out…").isEnabled()
    assert button(tab, "Record completion…").isEnabled()
    assert not button(tab, "Take the offered place").isEnabled()
    window.show_tab("history")
    assert any("Enrolled in the course group KK-A2 window" in line
               for line in window.history.lines())


def test_a_full_group_puts_the_client_on_its_waiting_list_and_a_place_offered_is_taken(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor,
        caseworker: Actor) -> None:
    group_id = new_group(demo_database, manager, name="KK-A2 full", capacity=1)
    first, second = clients(demo_path, count=2)
    placed = enrolment.enrol(demo_database, caseworker, first, group_id, today=DEMO_TODAY)
    window = open_services(qtbot, demo_database, caseworker, second)
    tab = window.services

    dialog = open_enrol_dialog(qtbot, window)
    row = dialog.row_of(group_id)
    assert dialog.table.item(row, 4).text() == "1/1\nwaiting list: 0"
    assert "Full: the client joins the waiting list" in dialog.table.item(row, 5).text()
    pick(qtbot, dialog, group_id)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "Add to the &waiting list"
    ok.click()
    qtbot.waitUntil(dialog.outcome.isVisible, timeout=TIMEOUT)
    assert "The group KK-A2 full is full" in dialog.outcome.text()
    assert "waiting list at position 1." in dialog.outcome.text()
    dialog.grab().save("/tmp/client_courses_waiting.png")
    qtbot.waitUntil(lambda: bool(shown(tab, "KK-A2 full")), timeout=TIMEOUT)
    wait_idle(qtbot)
    dialog.close_button().click()
    qtbot.waitUntil(lambda: window.course_actions.dialog is None, timeout=TIMEOUT)
    assert status(tab, "KK-A2 full") == "On the waiting list, no. 1"
    take = button(tab, "Take the offered place")
    assert not take.isEnabled() and "no. 1 on the waiting list" in take.toolTip()
    assert button(tab, "Leave the waiting list…").isEnabled()
    assert not button(tab, "Record drop-out…").isEnabled()

    # The participant drops out (elsewhere): the place is offered, and taken here.
    with demo_database.session() as session:
        from db.models import CourseEnrolment

        version = session.get(CourseEnrolment, placed.enrolment_id).version  # type: ignore[union-attr]
    enrolment.drop_out(demo_database, caseworker, placed.enrolment_id, version, "health",
                       today=DEMO_TODAY)
    window.refresh()
    qtbot.waitUntil(lambda: status(tab, "KK-A2 full") == "Place offered on 25.11.2026",
                    timeout=TIMEOUT)
    wait_idle(qtbot)
    assert take.isEnabled()
    qtbot.mouseClick(take, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status(tab, "KK-A2 full") == "Enrolled on 25.11.2026",
                    timeout=TIMEOUT)
    wait_idle(qtbot)
    assert button(tab, "Record drop-out…").isEnabled() and not take.isEnabled()


def test_a_drop_out_is_recorded_with_its_reason(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor,
        caseworker: Actor) -> None:
    group_id = new_group(demo_database, manager, name="KK-A2 leaving")
    person = clients(demo_path, count=1)[0]
    enrolment.enrol(demo_database, caseworker, person, group_id, today=DEMO_TODAY)
    window = open_services(qtbot, demo_database, caseworker, person)
    tab = window.services
    rows = course_rows(tab)
    tab.courses_table.selectRow(rows.index(shown(tab, "KK-A2 leaving")))
    drop = button(tab, "Record drop-out…")
    assert drop.isEnabled()
    qtbot.mouseClick(drop, Qt.MouseButton.LeftButton)
    dialog = window.course_actions.dialog
    assert isinstance(dialog, DropOutDialog)
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    assert "KK-A2 leaving" in dialog.summary.text()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.form.problem("choice") == "Choose why the participant dropped out."
    dialog.choose("work")
    assert dialog.on() == DEMO_TODAY  # the window's day
    ok.click()
    qtbot.waitUntil(lambda: window.course_actions.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status(tab, "KK-A2 leaving") == "Dropped out on 25.11.2026",
                    timeout=TIMEOUT)
    wait_idle(qtbot)
    assert shown(tab, "KK-A2 leaving")["Drop-out reason"] == "Work"
    assert tab.selected_course().group == "KK-A2 leaving"  # type: ignore[union-attr]
    assert not drop.isEnabled()  # an outcome is recorded once
    assert "Dropped out" in drop.toolTip()
    window.show_tab("history")
    assert any("Dropped out of the course group KK-A2 leaving" in line
               for line in window.history.lines())


def test_a_client_whose_case_is_closed_is_refused_in_the_dialog(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor,
        caseworker: Actor) -> None:
    group_id = new_group(demo_database, manager, name="KK-A2 closed case")
    person = person_with_enrolment(demo_path, "closed", ONLY_CLOSED)
    window = open_services(qtbot, demo_database, caseworker, person)
    before = len(window.file.courses)  # type: ignore[union-attr]
    dialog = open_enrol_dialog(qtbot, window)
    pick(qtbot, dialog, group_id)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(dialog.message.isVisible, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert dialog.message.text().startswith("The client has no open case in ")
    assert dialog.isVisible() and not dialog.outcome.isVisible()
    assert dialog.close_button().text() == "Cancel"
    assert len(window.file.courses) == before  # type: ignore[union-attr]
    dialog.close_button().click()
    qtbot.waitUntil(lambda: window.course_actions.dialog is None, timeout=TIMEOUT)


def _stacked(*widgets: QWidget) -> QPixmap:
    """The widgets' pictures one under the other, as one image."""
    shots = [w.grab() for w in widgets]
    picture = QPixmap(max(s.width() for s in shots), sum(s.height() for s in shots) + 8)
    picture.fill(QColor("#808080"))
    painter = QPainter(picture)
    top = 0
    for shot in shots:
        painter.drawPixmap(QPoint(0, top), shot)
        top += shot.height() + 8
    painter.end()
    return picture


def test_screenshots_of_the_enrol_dialog_and_the_services_tab(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor,
        caseworker: Actor) -> None:
    full = new_group(demo_database, manager, name="KK-A2 кешкі", capacity=1,
                     teacher="Әсел Нұрланқызы")
    morning = new_group(demo_database, manager, name="KK-B1 таңғы", level_code="b1",
                        capacity=12, weekdays="246")
    first, second = clients(demo_path, count=2)
    enrolment.enrol(demo_database, caseworker, first, full, today=DEMO_TODAY)
    enrolment.enrol(demo_database, caseworker, second, full, today=DEMO_TODAY)
    attending = enrolment.enrol(demo_database, caseworker, second, morning, today=DEMO_TODAY)
    sessions = register.load_register(demo_database, manager, morning,
                                      today=DEMO_TODAY).sessions
    for session, mark in zip(sessions, (Mark.PRESENT, Mark.ABSENT, Mark.PRESENT), strict=False):
        register.mark_attendance(demo_database, caseworker, attending.enrolment_id, session.id,
                                 mark, None, today=DEMO_TODAY)
    window = open_services(qtbot, demo_database, caseworker, second)
    tab = window.services
    tab.courses_table.selectRow(0)
    dialog = open_enrol_dialog(qtbot, window)
    for language in ("en", "ru", "kk"):
        i18n.set_language(language)
        window.retranslate()
        wait_idle(qtbot)
        qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
        assert dialog.choices
        _stacked(window, dialog).save(f"/tmp/client_courses_{language}.png")
    i18n.set_language("en")
    dialog.close_button().click()
    qtbot.waitUntil(lambda: window.course_actions.dialog is None, timeout=TIMEOUT)
