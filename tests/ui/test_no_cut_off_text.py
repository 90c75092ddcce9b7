"""In Kazakh and in Russian, no text is cut off: every screen, the client file's tabs, the
intake and the main dialogs, on the demo database, at the sizes they open at.

A label, a button, a header section, a combo box (each of its items, as it would show
chosen, and its open list), a tab, a group box's title, a placeholder and the cells in
sight are each measured with the font metrics of the widget that draws them against the
room it gives them (tests/ui/cut_off.py says how). The texts are the real catalogues' and
the demo data's, so a long category label ("Шетелдік жұмыскер (жұмыс берушіге берілген
рұқсат бойынша)") or a long Russian date title is measured as a user would meet it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Consultation, CourseEnrolment, JobSeeker, Placement
from db.session import Database
from desktop import i18n
from desktop.services.auth import Actor, log_in
from desktop.ui.qt_language import apply_qt_language
from tests.conftest import DEMO_TODAY, busiest_caseworker
from tests.ui.conftest import TIMEOUT, keep_track, shown, wait_idle
from tests.ui.cut_off import Misfit, cut_off

LANGUAGES = ["kk", "ru"]


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """The UI in this language, ours and Qt's catalogues, before any window is built."""
    i18n.set_language(request.param)
    apply_qt_language(request.param)
    yield request.param
    apply_qt_language("en")


@pytest.fixture
def admin(demo_database: Database) -> Actor:
    return log_in(demo_database, "admin", "qadam-admin")


def settled(qtbot: QtBot) -> None:
    """Every reading delivered, then what it set off (layouts, rows re-measured) done too:
    what a user sees a moment later, not the frame in between."""
    wait_idle(qtbot)
    for _round in range(3):
        QApplication.processEvents()


def measured(qtbot: QtBot, widget: QWidget) -> list[Misfit]:
    settled(qtbot)
    return cut_off(widget)


def misfits(found: dict[str, list[Misfit]]) -> str:
    return "\n".join(f"{where}:\n" + "\n".join(f"    {m}" for m in lines)
                     for where, lines in found.items() if lines)


def tabs_of(qtbot: QtBot, name: str, widget: QWidget, tabs: object,
            found: dict[str, list[Misfit]], root: QWidget | None = None) -> None:
    """Each tab of ``tabs`` (a QTabWidget) shown in turn and measured."""
    for index in range(tabs.count()):  # type: ignore[attr-defined]
        tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        wait_idle(qtbot)
        found[f"{name}/{tabs.tabText(index)}"] = measured(qtbot, root or widget)  # type: ignore[attr-defined]


def test_every_screen_fits_its_texts(qtbot: QtBot, demo_database: Database, admin: Actor,
                                     language: str) -> None:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.today import TodayScreen

    window = MainWindow(demo_database, admin)
    qtbot.addWidget(window)
    shown(qtbot, window)
    found: dict[str, list[Misfit]] = {}
    for key, _title, screen in window.sections:
        window.show_section(key)
        wait_idle(qtbot)
        tabs = getattr(screen, "tabs", None)
        if tabs is not None and key != "courses":
            tabs_of(qtbot, key, screen, tabs, found, window)
        else:
            found[key] = measured(qtbot, window)
    window.show_section("clients")
    qtbot.waitUntil(lambda: window.clients.category.count() > 1, timeout=TIMEOUT)
    found["clients (filters read)"] = measured(qtbot, window)
    window.close()

    # Today as the caseworker with the most work due sees it: states, document types.
    today = TodayScreen(demo_database, busiest_caseworker(demo_database), today=DEMO_TODAY)
    qtbot.addWidget(today)
    today.resize(window.size())
    shown(qtbot, today)
    qtbot.waitUntil(lambda: today.work is not None, timeout=TIMEOUT)
    found["today of a busy caseworker"] = measured(qtbot, today)
    assert not misfits(found), misfits(found)


def rich_clients(database: Database) -> list[uuid.UUID]:
    """The client with the most consultations, a job seeker with a placement, and one with
    the most course enrolments (the Services tab's levels before and after)."""
    with database.reading() as connection:
        busiest = connection.scalar(
            select(Consultation.person_id).group_by(Consultation.person_id)
            .order_by(func.count().desc(), Consultation.person_id).limit(1))
        seeker = connection.scalar(
            select(JobSeeker.person_id).where(JobSeeker.person_id.in_(
                select(Placement.person_id))).order_by(JobSeeker.person_id).limit(1))
        learner = connection.scalar(
            select(CourseEnrolment.person_id)
            .where(CourseEnrolment.level_after_code.is_not(None))
            .group_by(CourseEnrolment.person_id)
            .order_by(func.count().desc(), CourseEnrolment.person_id).limit(1))
    return list(dict.fromkeys(p for p in (busiest, seeker, learner) if p is not None))


def test_the_client_file_and_its_dialogs_fit_their_texts(
        qtbot: QtBot, demo_database: Database, admin: Actor, language: str) -> None:
    from desktop.ui.client_file import TABS, ClientFileWindow
    from desktop.ui.consultation import ConsultationDialog

    found: dict[str, list[Misfit]] = {}
    people = rich_clients(demo_database)
    assert people
    for number, person in enumerate(people):
        window = keep_track(ClientFileWindow(demo_database, admin, person, today=DEMO_TODAY))
        shown(qtbot, window)
        qtbot.waitUntil(lambda w=window: w.file is not None, timeout=TIMEOUT)
        for tab in TABS:
            window.show_tab(tab)
            wait_idle(qtbot)
            if tab == "social":
                page = window.social_page
                for part in (page.referrals, page.entitlements, page.accommodation):
                    page.parts.setCurrentWidget(part)
                    wait_idle(qtbot)
                    found[f"file {number}/social/{type(part).__name__}"] = measured(qtbot, window)
            else:
                found[f"file {number}/{tab}"] = measured(qtbot, window)
        if number == 0:
            for name, open_dialog in (("new document", window.documents.new_document),
                                      ("new follow-up", window.follow_ups.new_follow_up),
                                      ("enrol in a course", window.course_actions.enrol)):
                dialog = open_dialog()
                if dialog is not None:
                    wait_idle(qtbot)
                    found[name] = measured(qtbot, dialog)
                    dialog.reject()
                    wait_idle(qtbot)
            consultation = ConsultationDialog(demo_database, admin, person, window)
            shown(qtbot, consultation)
            qtbot.waitUntil(lambda d=consultation: d.choices is not None, timeout=TIMEOUT)
            found["consultation"] = measured(qtbot, consultation)
            consultation.reject()
        elif number == 1:
            matches = window.employment_actions.find_vacancies()
            if matches is not None:
                wait_idle(qtbot)
                found["find vacancies"] = measured(qtbot, matches)
                matches.reject()
        window.ask_unsaved = lambda: "discard"  # type: ignore[method-assign]
        window.close()
    assert not misfits(found), misfits(found)


def test_the_intake_and_the_other_windows_fit_their_texts(
        qtbot: QtBot, demo_database: Database, database: Database, admin: Actor,
        language: str) -> None:
    from desktop.ui.login.login_dialog import LoginDialog
    from desktop.ui.login.setup_dialog import SetupDialog
    from desktop.ui.main_window import MainWindow

    found: dict[str, list[Misfit]] = {}
    window = MainWindow(demo_database, admin)
    qtbot.addWidget(window)
    shown(qtbot, window)
    window.new_client()
    wait_idle(qtbot)
    found["intake"] = measured(qtbot, window.intake)
    window.intake.discard()

    window.show_section("courses")
    qtbot.waitUntil(lambda: bool(window.courses.model.rows), timeout=TIMEOUT)
    running = [line for line in window.courses.model.rows
               if line.group.status.value == "running"]
    busiest = max(running, key=lambda line: line.fill.holding)
    group = window.courses.open_group(busiest.group.id)
    assert group is not None
    keep_track(group)
    qtbot.waitUntil(lambda: group.register is not None, timeout=TIMEOUT)
    tabs_of(qtbot, "course group", group, group.tabs, found)
    group.close()

    window.show_section("employment")
    offers = window.employment.vacancies
    qtbot.waitUntil(lambda: bool(offers.model.rows), timeout=TIMEOUT)
    offers.table.selectRow(0)
    candidates = offers.open_candidates()
    assert candidates is not None
    keep_track(candidates)
    qtbot.waitUntil(lambda: bool(candidates.fits.model.rows), timeout=TIMEOUT)
    tabs_of(qtbot, "candidates", candidates, candidates.tabs, found)
    candidates.close()

    login = LoginDialog(demo_database)
    qtbot.addWidget(login)
    found["login"] = measured(qtbot, shown(qtbot, login))
    setup = SetupDialog(database)  # a new database: the first run's set-up
    qtbot.addWidget(setup)
    shown(qtbot, setup)
    qtbot.waitUntil(lambda: setup.region.count() > 1, timeout=TIMEOUT)
    found["first-run set-up"] = measured(qtbot, setup)
    assert not misfits(found), misfits(found)
