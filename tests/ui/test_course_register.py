"""The attendance register as a teacher fills it: with the keyboard alone, each mark saved
as it is typed, the rates following; a cell that cannot be marked says why, and a mark
someone else changed meanwhile is shown, not overwritten."""

from __future__ import annotations

import random
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Office
from db.session import Database
from desktop import i18n
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.courses import enrolment, groups
from desktop.services.courses.groups import GroupEntry
from desktop.services.courses.register import Mark, Register, load_register, mark_attendance
from desktop.ui import operations
from desktop.ui.courses.register_view import RegisterView
from desktop.ui.operations import Operation
from desktop.ui.qt_language import apply_qt_language
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, wait_idle

START = DEMO_TODAY - timedelta(days=12)  # Friday 13 November 2026: six sessions to today
P, A, E = Mark.PRESENT, Mark.ABSENT, Mark.EXCUSED


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


@pytest.fixture(autouse=True)
def workers_done_at_teardown(demo_database: Database) -> Iterator[None]:
    """Before the widgets go and the database closes (it is torn down after this)."""
    yield
    QThreadPool.globalInstance().waitForDone(TIMEOUT)
    assert operations.finish_writes(TIMEOUT)


def clients(demo_path: Path, count: int) -> list[uuid.UUID]:
    """Astana clients with an open case there and no course yet."""
    with sqlite3.connect(demo_path) as connection:
        rows = connection.execute(
            "SELECT c.person_id FROM client_case c JOIN office o ON o.id = c.office_id "
            "JOIN person p ON p.id = c.person_id WHERE o.code = 'AST' AND c.status = 'open' "
            "AND p.office_id = o.id AND NOT EXISTS (SELECT 1 FROM course_enrolment e "
            "WHERE e.person_id = c.person_id) ORDER BY p.sort_key LIMIT ?",
            (count,)).fetchall()
    assert len(rows) == count
    return [uuid.UUID(r[0]) for r in rows]


def make_group(database: Database, manager: Actor, demo_path: Path,
               count: int = 3) -> uuid.UUID:
    """Mon, Wed, Fri evenings from 13 November for four weeks, ``count`` participants."""
    with database.session() as session:
        office = session.scalar(select(Office.id).where(Office.code == "AST"))
    assert office is not None
    group_id = groups.create_group(database, manager, GroupEntry(
        name="KK-A2 evening", office_id=office, service_type_code="kazakh_course",
        language_code="kk", level_code="a2", provider_id=None, teacher_id=None,
        teacher="Aigerim Seitkali", place="Room 3", weekdays="135", starts_at=time(18, 30),
        ends_at=time(20, 0), starts_on=START, ends_on=DEMO_TODAY + timedelta(days=14),
        capacity=max(count, 3)))
    for person in clients(demo_path, count):
        enrolment.enrol(database, manager, person, group_id, today=DEMO_TODAY)
    return group_id


def open_register(qtbot: QtBot, database: Database, actor: Actor,
                  group_id: uuid.UUID) -> RegisterView:
    view = RegisterView(database, actor, group_id, today=DEMO_TODAY)
    qtbot.addWidget(view)
    view.resize(1100, 420)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.model.register is not None, timeout=TIMEOUT)
    wait_idle(qtbot)
    return view


def stored(database: Database, actor: Actor, group_id: uuid.UUID) -> Register:
    return load_register(database, actor, group_id, today=DEMO_TODAY)


def keys(qtbot: QtBot, view: RegisterView, *names: str) -> None:
    """Keys pressed on the grid, by Qt's names (Space, Left, Return...)."""
    for name in names:
        qtbot.keyClick(view.table, getattr(Qt.Key, f"Key_{name}"))


def rate_cell(view: RegisterView, row: int, column: int) -> str:
    return view.model.index(row, column).data()


def test_a_row_and_a_column_typed_with_the_keyboard_are_saved_exactly(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor) -> None:
    group_id = make_group(demo_database, manager, demo_path)
    view = open_register(qtbot, demo_database, manager, group_id)
    model, table = view.model, view.table
    register = model.register
    assert register is not None and len(model.lines) == 3
    past = [s for s in register.sessions if s.held_on <= DEMO_TODAY]
    assert len(past) == 6 and len(register.sessions) > 6
    # The cursor starts on the first participant of the day's session, today's.
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, 5)
    assert "today" in model.headerData(5, Qt.Orientation.Horizontal)
    reloads: list[None] = []
    view.loaded.connect(lambda: reloads.append(None))

    # The first participant's row, left to right, correcting on the way.
    keys(qtbot, view, *["Left"] * 5)
    assert table.currentIndex().column() == 0
    keys(qtbot, view, "Space", "Right",  # present
         "Space", "Space", "Right",  # present, then absent
         "E", "Right",  # excused
         "Space", "Delete", "Right",  # present, then cleared
         "Space", "Space", "Space", "Right",  # present, absent, present
         "E", "Space")  # excused, then present
    # Down the second session's column: Enter and Tab go to the next participant.
    keys(qtbot, view, *["Left"] * 4)
    assert table.currentIndex().column() == 1
    keys(qtbot, view, "Return", "Space", "Tab", "Space", "Space", "Return")
    assert table.currentIndex().row() == 2  # the last participant: Enter stays
    # The optimistic marks show before the writes land.
    lines = [line.enrolment_id for line in model.lines]
    assert model.mark((lines[2], past[1].id)) is A

    # A session still to come cannot be marked: the key leaves it empty and says why.
    keys(qtbot, view, *["Right"] * 5)
    future = register.sessions[table.currentIndex().column()]
    assert future.held_on > DEMO_TODAY
    keys(qtbot, view, "Space")
    assert model.mark((lines[2], future.id)) is None
    assert view.status.text() == "The session of November 27, 2026 has not taken place yet."
    assert view.status.isVisible()
    assert model.index(2, 6).data(Qt.ItemDataRole.ToolTipRole) == view.status.text()

    wait_idle(qtbot)
    expected = {(lines[0], past[0].id): P, (lines[0], past[1].id): A,
                (lines[0], past[2].id): E, (lines[0], past[4].id): P,
                (lines[0], past[5].id): P,
                (lines[1], past[1].id): P, (lines[2], past[1].id): A}
    assert stored(demo_database, manager, group_id).marks == expected
    assert model.marks == expected
    assert reloads == []  # the view's own writes did not reload it
    assert view.status.text() == "The session of November 27, 2026 has not taken place yet."

    # The rates: the last column per participant, the last row per session.
    rates = len(register.sessions)
    assert [rate_cell(view, row, rates) for row in range(3)] == ["75%", "100%", "0%"]
    assert [rate_cell(view, 3, c) for c in range(6)] == ["100%", "33%", "—", "—", "100%",
                                                        "100%"]
    assert model.headerData(3, Qt.Orientation.Vertical) == "Session rate"


def test_low_attendance_is_highlighted_after_four_sessions(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor) -> None:
    group_id = make_group(demo_database, manager, demo_path, count=1)
    view = open_register(qtbot, demo_database, manager, group_id)
    keys(qtbot, view, *["Left"] * 5)
    keys(qtbot, view, "Space", "Space", "Right", "Space", "Space", "Right", "Space", "Space")
    wait_idle(qtbot)
    name = view.model.lines[0].name
    assert view.model.headerData(0, Qt.Orientation.Vertical) == name  # three: not yet
    keys(qtbot, view, "Right", "Space")  # 1 of 4: under 60 %
    wait_idle(qtbot)
    assert view.model.headerData(0, Qt.Orientation.Vertical) == f"⚠ {name}"
    assert rate_cell(view, 0, len(view.model.sessions)) == "25%"
    assert "caseworker has a follow-up" in view.status.text()


def test_a_mark_someone_else_made_meanwhile_is_shown_not_overwritten(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor) -> None:
    group_id = make_group(demo_database, manager, demo_path)
    view = open_register(qtbot, demo_database, manager, group_id)
    model = view.model
    lines = [line.enrolment_id for line in model.lines]
    sessions = [s.id for s in model.sessions]
    # Another user marks the first cell; this view has not heard of it.
    other = log_in(demo_database, "cw1.ast", "qadam-caseworker")
    mark_attendance(demo_database, other, lines[0], sessions[0], P, None, today=DEMO_TODAY)
    assert model.mark((lines[0], sessions[0])) is None
    keys(qtbot, view, *["Left"] * 5)
    keys(qtbot, view, "Space", "Space")  # two writes on their way, the second after the first
    assert model.mark((lines[0], sessions[0])) is A  # shown at once...
    qtbot.waitUntil(lambda: model.mark((lines[0], sessions[0])) is P, timeout=TIMEOUT)
    wait_idle(qtbot)  # ...then both refused, and the register reloaded with theirs
    assert model.mark((lines[0], sessions[0])) is P
    assert view.status.text().startswith("Someone else marked this cell")
    assert stored(demo_database, manager, group_id).marks == {(lines[0], sessions[0]): P}

    # A session cancelled meanwhile: the mark goes back, the column shows it cancelled.
    later = model.sessions[3]
    groups.cancel_session(demo_database, manager, later.id, later.version)
    keys(qtbot, view, "Right", "Right", "Right", "Space")
    assert model.mark((lines[0], later.id)) is P
    qtbot.waitUntil(lambda: model.sessions[3].cancelled, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert model.mark((lines[0], later.id)) is None
    assert "was cancelled" in view.status.text()
    assert "cancelled" in model.headerData(3, Qt.Orientation.Horizontal)

    # A change another screen broadcasts reloads the register by itself.
    elsewhere = QWidget()
    qtbot.addWidget(elsewhere)
    Operation(elsewhere, lambda: mark_attendance(demo_database, other, lines[2], sessions[1],
                                                 A, None, today=DEMO_TODAY),
              writes=True).run()
    qtbot.waitUntil(lambda: model.mark((lines[2], sessions[1])) is A, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert rate_cell(view, 2, len(sessions)) == "0%"


def test_switching_language_retranslates_the_register(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor) -> None:
    group_id = make_group(demo_database, manager, demo_path, count=1)
    view = open_register(qtbot, demo_database, manager, group_id)
    assert model_header(view, 5) == "11/25/26\ntoday"
    assert model_header(view, 6) == "11/27/26\nFri"
    i18n.set_language("ru")  # as the main window switches: ours, then Qt's own catalogue
    apply_qt_language("ru")
    try:
        view.retranslate()
        wait_idle(qtbot)
        assert model_header(view, 6).startswith("27.11.2026\n")  # babel's Russian dates
        assert model_header(view, 6).split("\n")[1] == "пт"
        assert view.keys.text().startswith("Пробел")  # the key names in Qt's Russian
    finally:
        apply_qt_language("en")


def model_header(view: RegisterView, column: int) -> str:
    return view.model.headerData(column, Qt.Orientation.Horizontal)


def test_a_click_chooses_a_cell_and_a_double_click_marks_it(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor) -> None:
    group_id = make_group(demo_database, manager, demo_path, count=2)
    view = open_register(qtbot, demo_database, manager, group_id)
    table, model = view.table, view.model
    index = model.index(1, 2)
    centre = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert table.currentIndex() == index and model.mark(cell_of(view, index)) is None
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert model.mark(cell_of(view, index)) is P
    wait_idle(qtbot)
    assert stored(demo_database, manager, group_id).marks == {cell_of(view, index): P}
    # The rates are no cells to land on: the arrows stop at the last session and the
    # last participant.
    last = model.index(1, len(model.sessions) - 1)
    table.setCurrentIndex(last)
    keys(qtbot, view, "Right", "Down")
    assert table.currentIndex() == last
    assert not model.flags(model.index(1, len(model.sessions))) & Qt.ItemFlag.ItemIsSelectable


def cell_of(view: RegisterView, index: QModelIndex) -> tuple[uuid.UUID, uuid.UUID]:
    found = view.model.cell(index)
    assert found is not None
    return found[0].enrolment_id, found[1].id


def test_fast_typing_while_the_answers_come_back_ends_with_the_marks_typed(
        qtbot: QtBot, demo_database: Database, demo_path: Path, manager: Actor) -> None:
    group_id = make_group(demo_database, manager, demo_path)
    view = open_register(qtbot, demo_database, manager, group_id)
    model, table = view.model, view.table
    table.setCurrentIndex(model.index(0, 0))
    expected: dict[tuple[uuid.UUID, uuid.UUID], Mark] = {}
    moves = {"Left": (0, -1), "Right": (0, 1), "Up": (-1, 0), "Down": (1, 0)}
    chooser = random.Random(11)
    for _step in range(80):
        key = chooser.choice(["Space", "Space", "E", "Delete", *moves])
        row, column = table.currentIndex().row(), table.currentIndex().column()
        if key in moves:  # within the six sessions held so far
            step = moves[key]
            if not (0 <= row + step[0] < 3 and 0 <= column + step[1] < 6):
                continue
        keys(qtbot, view, key)
        cell = cell_of(view, model.index(row, column))
        if key == "Space":
            expected[cell] = A if expected.get(cell) is P else P
        elif key == "E":
            expected[cell] = E
        elif key == "Delete":
            expected.pop(cell, None)
        QApplication.processEvents()  # some answers arrive between the keys
    wait_idle(qtbot)
    assert model.marks == expected
    assert stored(demo_database, manager, group_id).marks == expected
    assert view.status.text() == ""
