"""What one screen writes, every other open screen shows, with no manual refresh."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import FollowUp, Person
from db.session import Database
from desktop.services.auth import log_in
from desktop.ui.client_file import ClientFileWindow
from desktop.ui.clients.list_view import ClientListView
from desktop.ui.today import TodayScreen
from tests.conftest import DEMO_TODAY, busiest_caseworker
from tests.ui.conftest import TIMEOUT, wait_idle


def test_marking_a_follow_up_done_in_a_client_file_takes_it_off_today(
        qtbot: QtBot, demo_database: Database) -> None:
    caseworker = busiest_caseworker(demo_database)
    today = TodayScreen(demo_database, caseworker, today=DEMO_TODAY)
    qtbot.addWidget(today)
    today.show()
    wait_idle(qtbot)
    line = today.follow_ups.model.line(0)
    before = today.work.follow_ups_total
    window = ClientFileWindow(demo_database, caseworker, line.person_id, "follow_ups",
                              today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot)

    window.follow_ups.mark_done(line.id, "Phoned")  # as the button does, after the comment
    qtbot.waitUntil(lambda: today.work is not None
                    and today.work.follow_ups_total == before - 1, timeout=TIMEOUT)
    assert line.id not in {f.id for f in today.follow_ups.model.lines}
    wait_idle(qtbot)
    assert window.file is not None
    assert next(f for f in window.file.follow_ups if f.id == line.id).done  # the file too
    with demo_database.session() as s:
        assert s.get(FollowUp, line.id).done


def test_a_name_corrected_in_a_client_file_shows_in_the_client_list(
        qtbot: QtBot, demo_database: Database) -> None:
    manager = log_in(demo_database, "manager.ast", "qadam-manager")
    clients = ClientListView(demo_database, manager)
    qtbot.addWidget(clients)
    clients.show()
    wait_idle(qtbot)
    first = clients.model.row(0)
    window = ClientFileWindow(demo_database, manager, first.id, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot)

    window.profile.fields["surname"].setText("Әбенова")
    window.profile.save()
    qtbot.waitUntil(lambda: any(clients.model.row(i).id == first.id
                                and clients.model.row(i).name.startswith("Әбенова")
                                for i in range(clients.model.rowCount())), timeout=TIMEOUT)
    with demo_database.session() as s:
        assert s.scalar(select(Person.surname).where(Person.id == first.id)) == "Әбенова"


def test_a_service_call_on_the_gui_thread_fails_the_test_suite(
        qtbot: QtBot, demo_database: Database) -> None:
    """The guard that keeps database work off the GUI thread: window code calling a service
    directly is refused at once."""
    import pytest

    from db.thread_guard import GuiThreadDatabaseCall
    from desktop.ui import main_window  # any desktop.ui module serves as the caller

    caseworker = log_in(demo_database, "cw3.ala", "qadam-caseworker")
    code = compile("clients.client_count(database, actor)", main_window.__file__, "eval")
    namespace = {**vars(main_window), "database": demo_database, "actor": caseworker}
    with pytest.raises(GuiThreadDatabaseCall):
        eval(code, namespace)


def test_the_profile_lists_are_read_again_once_a_reference_list_changes(
        qtbot: QtBot, demo_database: Database) -> None:
    import uuid

    from db.changes import Changes
    from desktop.ui import operations
    from desktop.ui.client_file import window as file_window

    manager = log_in(demo_database, "manager.ast", "qadam-manager")
    with demo_database.session() as s:
        person = s.scalar(select(Person.id).limit(1))
    opened = ClientFileWindow(demo_database, manager, person, today=DEMO_TODAY)
    qtbot.addWidget(opened)
    wait_idle(qtbot)
    assert file_window._CHOICES  # read once, kept for the next file
    operations.hub().changed.emit(Changes(frozenset({("person", uuid.uuid4())})))
    assert file_window._CHOICES  # a client's change leaves the lists alone
    operations.hub().changed.emit(Changes(frozenset({("region", uuid.uuid4())})))
    assert not file_window._CHOICES
