"""The profile's fields as a hand and a wheel meet them: an IIN that fills what it knows,
drop-downs and dates a passing wheel leaves alone."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.services.auth import log_in
from desktop.ui.client_file import ClientFileWindow
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import wait_idle


def open_profile(qtbot: QtBot, database: Database, demo_path: Path,
                 where: str) -> ClientFileWindow:
    with sqlite3.connect(demo_path) as connection:
        found = connection.execute(
            "SELECT p.id FROM person p JOIN office o ON o.id = p.office_id "
            f"WHERE o.code = 'AST' AND {where} LIMIT 1").fetchone()
    window = ClientFileWindow(database, log_in(database, "cw1.ast", "qadam-caseworker"),
                              uuid.UUID(found[0]), today=DEMO_TODAY)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "ask_unsaved",
                                                                lambda: "discard"))
    window.show()
    wait_idle(qtbot)
    return window


def wheel(widget: QWidget) -> None:
    """One notch down over the middle of ``widget``, as a mouse passing over it sends."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_a_wheel_passing_over_a_field_scrolls_the_profile_and_changes_nothing(
        qtbot: QtBot, demo_database: Database, demo_path: Path) -> None:
    window = open_profile(qtbot, demo_database, demo_path, "p.country_of_origin IS NOT NULL "
                          "AND p.birth_date IS NOT NULL")
    profile = window.profile
    country = profile.fields["country_of_origin"]
    birth = profile.fields["birth_date"].editor  # type: ignore[attr-defined]
    before = (profile.value("country_of_origin"), profile.value("birth_date"))
    profile.fields["surname"].setFocus()
    for field in (country, birth):
        wheel(field)
    assert (profile.value("country_of_origin"), profile.value("birth_date")) == before
    assert not profile.is_dirty()

    country.setFocus()  # clicked or tabbed into: now the wheel is meant for it
    qtbot.waitUntil(country.hasFocus)
    wheel(country)
    assert profile.value("country_of_origin") != before[0]


def test_a_valid_iin_fills_an_empty_birth_date_and_sex(
        qtbot: QtBot, demo_database: Database, demo_path: Path) -> None:
    window = open_profile(qtbot, demo_database, demo_path, "p.iin IS NULL")
    profile = window.profile
    profile.set_value("birth_date", None)  # as recorded for someone who came without papers
    profile.set_value("sex", None)
    profile.fields["iin"].setText("850312309722")  # 12 March 1985, a man
    assert profile.value("birth_date") == date(1985, 3, 12)
    assert profile.value("sex") == "M"

    profile.set_value("birth_date", date(1984, 1, 1))
    profile.fields["iin"].setText("")
    profile.fields["iin"].setText("850312309722")
    assert profile.value("birth_date") == date(1984, 1, 1)  # never overwritten
