"""The dashboard in the main window, on the demo database: the manager's first screen, a
figure clicked lists its clients, a double click opens a file, a write reads it again."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import FollowUp, Person
from db.session import Database
from desktop.services import follow_ups
from desktop.services.auth import log_in
from desktop.ui.dashboard.clients_dialog import ClientsDialog
from desktop.ui.dashboard.screen import DashboardScreen
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operation
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, keep_track, wait_idle

NOW = datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=15)  # the demo's day


def open_window(qtbot: QtBot, database: Database, login: str = "manager.ast",
                password: str = "qadam-manager") -> MainWindow:
    window = MainWindow(database, log_in(database, login, password))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)
    return window


def pinned(qtbot: QtBot, window: MainWindow) -> DashboardScreen:
    """The window's dashboard, read again as of the demo's day (its data end there)."""
    screen = window.dashboard
    screen.fixed_now = NOW
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        screen.refresh()
    assert screen.board is not None and screen.board.as_of == NOW
    return screen


def listed(qtbot: QtBot, screen: DashboardScreen) -> ClientsDialog:
    dialog = screen.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.read_once, timeout=TIMEOUT)
    assert not dialog.error
    return dialog


def click_cell(qtbot: QtBot, view: object, row: int, column: int) -> None:
    index = view.model().index(row, column)  # type: ignore[attr-defined]
    centre = view.visualRect(index).center()  # type: ignore[attr-defined]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # type: ignore[attr-defined]


def test_the_manager_sees_the_dashboard_first_a_caseworker_today(
        qtbot: QtBot, demo_database: Database) -> None:
    window = open_window(qtbot, demo_database)
    assert window.sections[0][0] == "dashboard"
    assert window.screens.currentWidget() is window.dashboard
    assert window.navigation.item(0).text() == "Dashboard"
    screen = window.dashboard
    assert screen.board is not None  # read when first shown, off the GUI thread
    assert screen.tiles["active"].value.text() != "—"
    assert screen.office.count() > 1 and screen.office.itemText(0) == "All offices"
    worker = open_window(qtbot, demo_database, "cw1.ast", "qadam-caseworker")
    assert worker.screens.currentWidget() is worker.today
    assert not hasattr(worker, "dashboard")


def test_a_figure_clicked_lists_its_clients_and_a_double_click_opens_a_file(
        qtbot: QtBot, demo_database: Database) -> None:
    window = open_window(qtbot, demo_database)
    screen = pinned(qtbot, window)
    board = screen.board
    assert board is not None
    placed = board.figure("placements").value
    assert placed > 0 and screen.tiles["placements"].value.text() == str(placed)
    qtbot.mouseClick(screen.tiles["placements"], Qt.MouseButton.LeftButton)
    dialog = listed(qtbot, screen)
    assert dialog.isVisible() and "Job placements" in dialog.windowTitle()
    assert 0 < dialog.model.total <= placed  # one line per client placed
    assert dialog.model.rowCount() == dialog.model.total
    iins = [dialog.model.data(dialog.model.index(r, 1)) for r in range(dialog.model.rowCount())]
    assert all(not iin or iin.startswith("••••••••") for iin in iins)

    first = dialog.model.line(0)
    view = dialog.table
    centre = view.visualRect(dialog.model.index(0, 0)).center()
    with qtbot.waitSignal(screen.open_client, timeout=TIMEOUT) as opened:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [first.person_id, "employment"]
    qtbot.waitUntil(lambda: first.person_id in window.client_files, timeout=TIMEOUT)
    file_window = keep_track(window.client_files[first.person_id])
    assert file_window.isVisible() and file_window.current_tab() == "employment"
    wait_idle(qtbot)


def test_a_month_of_the_table_and_a_caseworkers_overdue_work_list_their_clients(
        qtbot: QtBot, demo_database: Database) -> None:
    window = open_window(qtbot, demo_database)
    screen = pinned(qtbot, window)
    board = screen.board
    assert board is not None
    october = len(board.months) - 2
    row = [f.key for f in board.figures].index("consultations")
    click_cell(qtbot, screen.months_view, row, october)
    dialog = listed(qtbot, screen)
    assert "01.10.2026 – 31.10.2026" in dialog.windowTitle()
    consulted = dialog.model.total
    assert 0 < consulted <= board.figure("consultations").months[october]
    assert "a client may be counted more than once" in dialog.count.text()

    qtbot.mouseClick(screen.tiles["new"].compared, Qt.MouseButton.LeftButton)
    dialog = listed(qtbot, screen)  # the same days of last month: a figure of its own
    assert "01.10.2026 – 25.10.2026" in dialog.windowTitle()
    assert 0 < dialog.model.total <= board.figure("new").same_days_last_month

    line = board.overdue[0]
    click_cell(qtbot, screen.overdue_view, 0, 0)
    dialog = listed(qtbot, screen)  # the new list took the old one's place
    assert line.caseworker in dialog.windowTitle()
    with demo_database.session() as s:
        people = s.scalar(select(func.count(FollowUp.person_id.distinct())).where(
            FollowUp.assignee_id == line.assignee_id, FollowUp.done.is_(False),
            FollowUp.due_on < DEMO_TODAY))
    assert dialog.model.total == people

    screen.documents_button.click()
    assert listed(qtbot, screen).model.total <= board.documents_expiring
    screen.dialog.close()  # type: ignore[union-attr]


def test_a_write_that_changes_a_figure_reads_the_dashboard_again(
        qtbot: QtBot, demo_database: Database) -> None:
    window = open_window(qtbot, demo_database)
    screen = pinned(qtbot, window)
    board = screen.board
    assert board is not None
    before = board.overdue_total
    with demo_database.session() as s:
        task = s.scalars(select(FollowUp.id).join(Person, Person.id == FollowUp.person_id)
                         .where(FollowUp.done.is_(False), FollowUp.due_on < DEMO_TODAY)
                         .limit(1)).one()
    database, actor = demo_database, window.actor
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        Operation(window, lambda: follow_ups.mark_done(database, actor, task), writes=True).run()
    assert screen.board is not None and screen.board.overdue_total == before - 1


def test_switching_language_rewords_the_dashboard(qtbot: QtBot,
                                                  demo_database: Database) -> None:
    window = open_window(qtbot, demo_database)
    screen = pinned(qtbot, window)
    qtbot.mouseClick(screen.tiles["new"], Qt.MouseButton.LeftButton)
    dialog = listed(qtbot, screen)
    window.language_actions["ru"].trigger()
    assert screen.tiles["new"].title.text() == "Новые обращения"
    assert window.navigation.item(0).text() != "" and screen.office.itemText(0) == "Все отделения"
    assert dialog.close_button.text() == "Закрыть"
    assert "Новые обращения" in dialog.windowTitle()
    wait_idle(qtbot)
    dialog.close()
