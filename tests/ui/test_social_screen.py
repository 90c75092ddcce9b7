"""The Social services screen, as a caseworker reads it: the referrals nobody answered get
their follow-up once, when the screen is first shown; the overdue list shows a referral
made 20 days ago, and Enter on it opens the client's file at its Social services tab; a
step recorded from the list; the line that says when the list is cut short."""

from __future__ import annotations

import uuid
import warnings
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import FollowUp, Referral, ReferralStatus
from db.session import Database
from desktop import i18n
from desktop.services.social import lists
from desktop.services.social.lists import Selection
from desktop.ui.main_window import MainWindow
from desktop.ui.social.screen import LISTS, SocialServicesScreen
from desktop.ui.social.step_dialogs import StepDialog
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, keep_track, wait_idle
from tests.ui.test_client_file_social import (
    PROVIDER,
    Centre,
    a_referral,
    build_centre,
    button,
    click,
    ok,
    rows,
)


@pytest.fixture
def centre(database: Database) -> Centre:
    return build_centre(database)


def open_screen(qtbot: QtBot, database: Database, centre: Centre) -> SocialServicesScreen:
    screen = SocialServicesScreen(database, centre.caseworker, today=DEMO_TODAY)
    qtbot.addWidget(screen)
    screen.resize(1200, 600)
    screen.show()
    qtbot.waitExposed(screen)
    qtbot.waitUntil(lambda: screen.referrals.read, timeout=TIMEOUT)
    wait_idle(qtbot)
    return screen


def follow_ups(database: Database) -> list[FollowUp]:
    with database.session() as s:
        return list(s.scalars(select(FollowUp)))


def choose_list(screen: SocialServicesScreen, selection: Selection) -> None:
    screen.referrals.choice.setCurrentIndex(LISTS.index(selection))


def test_the_no_answer_follow_up_is_raised_once_and_the_overdue_list_opens_the_client(
        qtbot: QtBot, database: Database, centre: Centre) -> None:
    old = a_referral(database, centre, days_ago=20)
    a_referral(database, centre, days_ago=3)
    assert follow_ups(database) == []
    screen = open_screen(qtbot, database, centre)
    tab = screen.referrals
    assert screen.tabs.tabText(0) == "&Referrals"

    [task] = follow_ups(database)  # raised when the screen was first shown
    assert task.person_id == centre.alia and not task.done
    assert task.assignee_id == centre.caseworker.user_id
    assert task.due_on == DEMO_TODAY - timedelta(days=6)  # the day the answer was expected
    assert task.title.startswith("No answer to the referral to Free legal aid")
    with database.session() as s:
        assert s.get(Referral, old).chase_follow_up_id == task.id

    assert tab.choice.currentText() == "Open referrals"
    assert [tab.choice.itemText(i) for i in range(tab.choice.count())] == [
        "Open referrals", "No answer after 14 days", "Completed this month"]
    assert [tab.provider.itemText(i) for i in range(tab.provider.count())] == [
        "All providers", f"{PROVIDER} (2)"]
    shown = rows(tab)
    assert [line["Waited"] for line in shown] == ["20 days", "3 days"]  # the longest first
    assert not tab.shown.isVisible()  # the whole list is shown
    model = tab.model
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert "it was expected by" in model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None

    choose_list(screen, Selection.OVERDUE)
    qtbot.waitUntil(lambda: len(rows(tab)) == 1, timeout=TIMEOUT)
    [line] = rows(tab)
    referred_on = DEMO_TODAY - timedelta(days=20)
    assert line["Client"] == "Нұрпейісова Әлия" and line["Service"] == "Free legal aid"
    assert line["Provider"] == PROVIDER and line["Status"] == "Referred"
    assert line["Referred"] == i18n.format_date(referred_on)
    assert line["Waited"] == "20 days"
    assert line["Answer expected by"] == i18n.format_date(referred_on + timedelta(days=14))
    assert line["Caseworker"] == "Сапарова Айгерім"
    assert not button(tab, "&Open client file").isEnabled()  # nothing chosen
    tab.table.setFocus()
    tab.table.selectRow(0)
    assert button(tab, "&Open client file").isEnabled()
    assert button(tab, "No response…").isEnabled() and button(tab, "Accepted…").isEnabled()
    with qtbot.waitSignal(screen.open_client, timeout=TIMEOUT) as opened:
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert opened.args == [centre.alia]

    click(qtbot, button(tab, "Refresh"))  # a second chase raises nothing new
    qtbot.waitUntil(lambda: not tab.chasing, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert len(follow_ups(database)) == 1


def test_a_step_recorded_from_the_list_closes_the_follow_up(
        qtbot: QtBot, database: Database, centre: Centre) -> None:
    old = a_referral(database, centre, days_ago=20)
    screen = open_screen(qtbot, database, centre)
    tab = screen.referrals
    choose_list(screen, Selection.OVERDUE)
    qtbot.waitUntil(lambda: len(rows(tab)) == 1, timeout=TIMEOUT)
    tab.table.selectRow(0)
    click(qtbot, button(tab, "Accepted…"))
    step = tab.dialog
    assert isinstance(step, StepDialog)
    assert step.summary.text() == f"Нұрпейісова Әлия · Free legal aid — {PROVIDER} · Referred"
    ok(step)
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: rows(tab) == [], timeout=TIMEOUT)  # answered: no longer overdue
    assert tab.empty.isVisible()
    [task] = follow_ups(database)
    assert task.done
    with database.session() as s:
        assert s.get(Referral, old).status is ReferralStatus.ACCEPTED
    choose_list(screen, Selection.OPEN)
    qtbot.waitUntil(lambda: [line["Status"] for line in rows(tab)] == ["Accepted"],
                    timeout=TIMEOUT)


def test_a_list_cut_short_says_how_much_it_shows(
        qtbot: QtBot, database: Database, centre: Centre,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lists, "LIMIT", 1)
    for days in (9, 5, 2):
        a_referral(database, centre, days_ago=days)
    screen = open_screen(qtbot, database, centre)
    tab = screen.referrals
    assert len(rows(tab)) == 1
    assert tab.shown.isVisible() and tab.shown.text() == "Showing 1 of 3"
    tab.provider.setCurrentIndex(1)  # the one provider: the same referrals
    wait_idle(qtbot)
    assert tab.provider_id() == centre.provider and tab.shown.text() == "Showing 1 of 3"


def test_the_main_window_offers_the_screen_and_opens_a_file_at_its_tab(
        qtbot: QtBot, database: Database, centre: Centre) -> None:
    # The main window's screen runs on the clock's day.
    a_referral(database, centre, days_ago=20, today=date.today())
    window = MainWindow(database, centre.caseworker)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    keys = [key for key, _title, _screen in window.sections]
    assert keys[keys.index("employment") + 1] == "social"
    assert window.navigation.item(keys.index("social")).text() == "Social services"
    wait_idle(qtbot)
    # The login chased it already: Today shows the task before anyone opens the screen.
    qtbot.waitUntil(lambda: len(follow_ups(database)) == 1, timeout=TIMEOUT)
    window.show_section("social")
    tab = window.social.referrals
    qtbot.waitUntil(lambda: tab.read, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert len(follow_ups(database)) == 1
    tab.table.selectRow(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    click(qtbot, button(tab, "&Open client file"))
    person: uuid.UUID = centre.alia
    qtbot.waitUntil(lambda: person in window.client_files, timeout=TIMEOUT)
    file_window = keep_track(window.client_files[person])
    assert file_window.current_tab() == "social"  # type: ignore[attr-defined]
    wait_idle(qtbot)
