"""The window at the central office when its PostgreSQL server goes away mid-work: one clear
line, nothing typed lost, and the same Save works once the server is back.

Runs with ``--engine=postgresql`` (scripts/test.sh does), on the throw-away server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Office, Person
from db.session import Database
from desktop.services.auth import log_in
from tests.postgres_server import Server
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle

pytestmark = pytest.mark.postgresql_only


def test_a_save_while_the_server_is_down_keeps_what_was_typed_and_goes_in_later(
        qtbot: QtBot, demo_database: Database, postgres: Server) -> None:
    caseworker = log_in(demo_database, "cw1.ast", "qadam-caseworker")
    with demo_database.reading() as connection:
        person = connection.execute(
            select(Person.id).join(Office, Office.id == Person.office_id)
            .where(Office.code == "AST").order_by(Person.id).limit(1)).scalar_one()
    window = open_client_file(qtbot, demo_database, caseworker, person)
    profile = window.profile
    with postgres.down():
        profile.fields["locality"].setText("Талдықорған")
        assert profile.save() is True
        qtbot.waitUntil(lambda: profile.banner.isVisibleTo(window), timeout=TIMEOUT)
        assert "does not answer" in profile.banner_text.text()
        # Named as the window's title names it: no driver, user or options of a URL.
        assert f"server {demo_database.server} does not answer" in profile.banner_text.text()
        # What was typed stays, still to be saved, and Save can be pressed again.
        assert profile.fields["locality"].text() == "Талдықорған" and profile.is_dirty()
        wait_idle(qtbot)
        assert profile.save_button.isEnabled()
    with qtbot.waitSignal(profile.saved, timeout=TIMEOUT):
        qtbot.mouseClick(profile.save_button, Qt.MouseButton.LeftButton)
    assert not profile.is_dirty()
    with demo_database.reading() as connection:
        assert connection.execute(
            select(Person.locality).where(Person.id == person)).scalar_one() == "Талдықорған"
