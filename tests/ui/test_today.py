"""The Today screen on the demo database, driven as a caseworker and a manager would."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import FollowUp, User
from db.session import Database
from desktop import i18n
from desktop.services.auth import Actor, log_in
from desktop.services.today import load_today
from desktop.ui.today import TodayScreen
from desktop.ui.today.model import FLAG_COLOURS, Flag
from tests.conftest import DEMO_TODAY, busiest_caseworker

TIMEOUT = 5000


def open_screen(qtbot: QtBot, database: Database, actor: Actor) -> TodayScreen:
    screen = TodayScreen(database, actor, today=DEMO_TODAY)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.show()
    qtbot.waitUntil(lambda: not screen.loading, timeout=TIMEOUT)
    return screen


def caseworker_with_a_full_day(database: Database) -> Actor:
    """A demo caseworker with an appointment on the day, follow-ups due and documents
    running out: the most appointments, then the most follow-ups."""
    from sqlalchemy import func

    from db.models import Consultation, Role

    day = datetime.combine(DEMO_TODAY, time())
    with database.reading() as connection:
        due = (select(func.count()).select_from(FollowUp)
               .where(FollowUp.assignee_id == User.id, FollowUp.done.is_(False),
                      FollowUp.due_on <= DEMO_TODAY).scalar_subquery())
        login = connection.scalar(
            select(User.login).join(Consultation, Consultation.caseworker_id == User.id)
            .where(User.role == Role.CASEWORKER, Consultation.next_appointment_at >= day,
                   Consultation.next_appointment_at < day + timedelta(days=1), due > 0)
            .group_by(User.login, User.id).order_by(func.count().desc(), due.desc(),
                                                    User.login).limit(1))
    assert login is not None
    return log_in(database, login, "qadam-caseworker")


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    """The demo caseworker with the most due follow-ups."""
    return busiest_caseworker(demo_database)


def test_mark_done_by_a_click_takes_the_row_off_and_the_database_says_done(
        qtbot: QtBot, demo_database: Database, caseworker: Actor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    screen = open_screen(qtbot, demo_database, caseworker)
    model = screen.follow_ups.model
    before = screen.work.follow_ups_total
    assert model.rowCount() > 1 and not screen.queue.isVisible()
    line = model.line(1)
    asked = []
    monkeypatch.setattr(screen, "ask_comment", lambda f: asked.append(f) or "Phoned, will come")
    qtbot.mouseClick(screen.follow_ups.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=screen.follow_ups.view.visualRect(model.index(1, 0)).center())
    assert screen.done_button.isEnabled()

    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(screen.done_button, Qt.MouseButton.LeftButton)
    assert asked == [line]
    assert line.id not in {f.id for f in model.lines}
    assert screen.work.follow_ups_total == before - 1
    assert str(before - 1) in screen.follow_ups.title.text()
    assert screen.selected_follow_up() == model.line(1)  # the next one, ready for the same keys
    with demo_database.session() as s:
        task = s.get(FollowUp, line.id)
        assert task.done and task.done_by == caseworker.user_id
        assert task.done_comment == "Phoned, will come" and task.done_at is not None


def test_space_marks_done_and_cancelling_the_comment_changes_nothing(
        qtbot: QtBot, demo_database: Database, caseworker: Actor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    screen = open_screen(qtbot, demo_database, caseworker)
    view, model = screen.follow_ups.view, screen.follow_ups.model
    first = model.line(0)
    view.setFocus()
    view.select_row(0)
    monkeypatch.setattr(screen, "ask_comment", lambda f: None)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.line(0) == first
    with demo_database.session() as s:
        assert not s.get(FollowUp, first.id).done

    monkeypatch.setattr(screen, "ask_comment", lambda f: "")
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert first.id not in {f.id for f in model.lines}
    with demo_database.session() as s:
        assert s.get(FollowUp, first.id).done


def test_enter_and_double_click_open_the_client_at_the_right_tab(
        qtbot: QtBot, demo_database: Database) -> None:
    screen = open_screen(qtbot, demo_database, caseworker_with_a_full_day(demo_database))
    for section, tab in ((screen.follow_ups, "follow_ups"), (screen.documents, "documents"),
                         (screen.appointments, "consultations")):
        assert section.model.rowCount() > 0, tab
        line = section.model.line(0)
        section.view.setFocus()
        section.view.setCurrentIndex(section.model.index(0, 0))
        with qtbot.waitSignal(screen.open_client, timeout=TIMEOUT) as opened:
            qtbot.keyClick(section.view, Qt.Key.Key_Return)
        assert opened.args == [line.person_id, tab]
        centre = section.view.visualRect(section.model.index(0, 1)).center()
        with qtbot.waitSignal(screen.open_client, timeout=TIMEOUT) as opened:
            # A real double click starts with a press: the view checks the pressed row.
            qtbot.mousePress(section.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
            qtbot.mouseRelease(section.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
            qtbot.mouseDClick(section.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        assert opened.args == [line.person_id, tab]


def test_overdue_rows_are_flagged_by_colour_and_text_and_titles_count(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    screen = open_screen(qtbot, demo_database, caseworker)
    model = screen.follow_ups.model
    overdue = [row for row in range(model.rowCount()) if model.line(row).overdue]
    assert overdue
    index = model.index(overdue[0], 3)
    assert model.data(index).startswith("Overdue by")
    brush = model.data(index, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == FLAG_COLOURS[Flag.LATE]
    assert model.data(model.index(overdue[0], 0), Qt.ItemDataRole.FontRole).bold()
    work = screen.work
    assert screen.follow_ups.title.text().startswith(f"{work.follow_ups_total} follow-up")
    assert screen.documents.title.text().startswith(f"{work.documents_total} document")
    assert screen.appointments.title.text().startswith(f"{work.appointments_total} appointment")
    expired = [d for d in work.documents if d.expired]
    if expired:
        row = work.documents.index(expired[0])
        assert screen.documents.model.data(screen.documents.model.index(row, 4)).startswith(
            "Expired")


def test_a_manager_picks_a_caseworkers_queue(qtbot: QtBot, demo_database: Database) -> None:
    manager = log_in(demo_database, "manager.ast", "qadam-manager")
    screen = open_screen(qtbot, demo_database, manager)
    assert screen.queue.isVisible() and screen.queue.itemText(0) == "My work"
    assert screen.follow_ups.model.rowCount() == 0  # managers are rarely given tasks
    with demo_database.session() as s:
        other = s.scalars(select(User).where(User.login == "cw4.ala")).one()
    index = screen.queue_ids.index(other.id)
    assert index > 0 and screen.queue.itemText(index) == other.full_name
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.queue.setCurrentIndex(index)
    assert screen.owner_id() == other.id
    expected = load_today(demo_database, manager, other.id, DEMO_TODAY)
    assert [f.id for f in screen.follow_ups.model.lines] == [f.id for f in expected.follow_ups]
    assert screen.follow_ups.model.rowCount() > 0
    assert [d.id for d in screen.documents.model.lines] == [d.id for d in expected.documents]


def test_switching_language_retranslates_the_screen(qtbot: QtBot, demo_database: Database,
                                                    caseworker: Actor) -> None:
    screen = open_screen(qtbot, demo_database, caseworker)
    header = screen.follow_ups.model.headerData(0, Qt.Orientation.Horizontal)
    i18n.set_language("kk")
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.retranslate()
    assert screen.follow_ups.model.headerData(0, Qt.Orientation.Horizontal) != header
    assert screen.heading.text() and "November" not in screen.heading.text()
    assert screen.follow_ups.model.data(screen.follow_ups.model.index(0, 3))
    assert screen.follow_ups.title.text()

