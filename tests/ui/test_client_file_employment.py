"""Job placement from the client file, as a caseworker uses it: a job-seeker profile added,
the client referred from "Find vacancies", an interview and a hire recorded (the placement
shows with its two retention checks, the vacancy's place is taken), refusals the window
cannot foresee (the vacancy closed meanwhile) said in the dialog, a retention check.

Each test builds its own employer, vacancy and client state on the demo database."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QToolButton
from pytestqt.qtbot import QtBot

from db.models import ContractType, VacancyStatus
from db.session import Database
from desktop.services.auth import Actor, log_in
from desktop.services.employment import employers, job_seekers, referrals, vacancies
from desktop.services.employment.employers import EmployerEntry
from desktop.services.employment.job_seekers import JobSeekerEntry
from desktop.services.employment.referrals import HireEntry
from desktop.services.employment.vacancies import VacancyEntry
from desktop.services.reference import reference_choices
from desktop.ui.client_file import ClientFileWindow
from desktop.ui.client_file.employment_tab import EmploymentTab
from desktop.ui.client_file.job_seeker_dialog import JobSeekerDialog
from desktop.ui.client_file.vacancy_matches import VacancyMatchesDialog
from desktop.ui.employment.step_dialogs import HireDialog, InterviewDialog, RetentionDialog
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import TIMEOUT, open_client_file, wait_idle

TITLE = "Дәнекерлеуші (UI)"


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def a_client(demo_path: Path) -> uuid.UUID:
    """A client of Astana with an open case, no job-seeker profile and no referral."""
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            "SELECT c.person_id FROM client_case c JOIN office o ON o.id = c.office_id "
            "JOIN person p ON p.id = c.person_id WHERE o.code = 'AST' AND c.status = 'open' "
            "AND p.office_id = o.id AND NOT EXISTS (SELECT 1 FROM job_seeker s "
            "WHERE s.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM job_referral r "
            "WHERE r.person_id = p.id) ORDER BY p.sort_key LIMIT 1").fetchone()
    assert row is not None
    return uuid.UUID(row[0])


def a_vacancy(database: Database, actor: Actor, *, positions: int = 2) -> uuid.UUID:
    employer = employers.create_employer(database, actor, EmployerEntry(
        name="«Темір-Құрылыс UI» ЖШС", bin="", sector_code="construction", region_code="71",
        address="Астана, Сарыарқа 5", contact="Әлия Серікова", phone=""))
    return vacancies.create_vacancy(database, actor, VacancyEntry(
        employer_id=employer, title=TITLE, sector_code="construction", region_code="71",
        locality="Астана", monthly_wage=950_000, positions=positions, profession="",
        min_experience_years=None, driving_licence="", languages=(), opened_on=DEMO_TODAY))


def a_profile(database: Database, actor: Actor, person: uuid.UUID) -> None:
    """A welder looking for work in construction, in Astana."""
    read = job_seekers.job_seeker_profile(database, actor, person)
    job_seekers.save_job_seeker(database, actor, person, JobSeekerEntry(
        profession="Дәнекерлеуші", qualification="", education_code=None,
        experience_years=4, sector_codes=("construction",), region_codes=("71",),
        driving_licence="", health_limits="", childcare=False, unemployed_since=None),
        read.version, read.person_version, today=DEMO_TODAY)


def places_left(database: Database, actor: Actor, vacancy: uuid.UUID) -> int:
    line = next(v for v in vacancies.list_vacancies(
        database, actor, statuses=tuple(VacancyStatus), text=TITLE) if v.id == vacancy)
    return line.places_left


def open_employment(qtbot: QtBot, database: Database, actor: Actor,
                    person: uuid.UUID) -> ClientFileWindow:
    return open_client_file(qtbot, database, actor, person, "employment")  # type: ignore[return-value]


def button(tab: EmploymentTab, text: str) -> QToolButton:
    found = [*tab.referrals.buttons, *tab.placements.buttons,
             *tab.profile_box.findChildren(QToolButton)]
    return next(b for b in found if b.text() == text)


def rows(table) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """A table's rows, each cell by its column's title."""
    titles = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return [{title: table.item(row, column).text() for column, title in enumerate(titles)}
            for row in range(table.rowCount())]


def referral_row(tab: EmploymentTab) -> dict[str, str]:
    return next((r for r in rows(tab.referrals_table) if r["What and where"].startswith(TITLE)),
                {})


def click(qtbot: QtBot, widget: QToolButton) -> None:
    assert widget.isEnabled(), widget.toolTip()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_job_seeker_profile_is_added_from_the_tab(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = a_client(demo_path)
    window = open_employment(qtbot, demo_database, caseworker, person)
    tab = window.employment
    assert window.current_tab() == "employment"
    assert "No job-seeker profile yet" in tab.profile_intro.text()
    assert not tab.profile_values["sectors"].isVisibleTo(tab)
    click(qtbot, button(tab, "Add profile…"))
    dialog = window.employment_actions.dialog
    assert isinstance(dialog, JobSeekerDialog)
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    assert dialog.windowTitle() == "New job-seeker profile"
    dialog.profession.setText("Дәнекерлеуші")
    dialog.qualification.setText("Электр-газбен дәнекерлеуші, 4-разряд")
    dialog.experience.set_number(6)
    dialog.health.setText("Ауыр жүк көтермейді. " * 20)  # pasted from somewhere: too long
    dialog.sectors.set_checked("construction")
    dialog.regions.set_checked("71")
    dialog.licence_boxes["B"].setChecked(True)
    dialog.licence_boxes["C"].setChecked(True)
    dialog.childcare.setChecked(True)
    ok(dialog)
    assert dialog.form.problem("health") == "This is too long."
    assert dialog.isVisible()
    dialog.health.setText("Ауыр жүк көтермейді")
    ok(dialog)
    qtbot.waitUntil(lambda: window.employment_actions.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.file is not None and window.file.job_seeker is not None,
                    timeout=TIMEOUT)
    wait_idle(qtbot)
    values = {key: label.text() for key, label in tab.profile_values.items()}
    assert values["profession"] == "Дәнекерлеуші"
    assert values["qualification"] == "Электр-газбен дәнекерлеуші, 4-разряд"
    assert values["experience"] == "6 years"
    assert values["sectors"] == "Construction"
    assert values["licence"] == "B C"
    assert values["seeking"] == "looking for work"
    assert "child" in values["childcare"]
    assert button(tab, "Edit profile…").isEnabled()
    # The profession went to the person: the Profile tab shows it too.
    assert window.file.profile.values["profession"] == "Дәнекерлеуші"  # type: ignore[union-attr]
    saved = job_seekers.job_seeker_profile(demo_database, caseworker, person).entry
    assert saved is not None and saved.experience_years == 6 and saved.driving_licence == "B C"


def test_find_vacancies_refers_the_client_and_the_referral_shows(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = a_client(demo_path)
    vacancy = a_vacancy(demo_database, caseworker)
    a_profile(demo_database, caseworker, person)
    window = open_employment(qtbot, demo_database, caseworker, person)
    tab = window.employment
    assert not referral_row(tab)
    assert not button(tab, "Hired…").isEnabled()  # nothing chosen
    click(qtbot, button(tab, "Find vacancies…"))
    dialog = window.employment_actions.dialog
    assert isinstance(dialog, VacancyMatchesDialog)
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    assert dialog.state.text().endswith("a wish the vacancy does not meet.")
    row = dialog.row_of(vacancy)
    cells = [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]
    assert cells[0] == TITLE and cells[1] == "«Темір-Құрылыс UI» ЖШС"
    assert cells[3] == "950,000 ₸" and cells[4] == "2"
    assert "✓ profession fits: Дәнекерлеуші" in cells[5]
    assert "✓ a sector the client wants: Construction" in cells[5]
    ok_button = dialog.ok_button()
    assert not ok_button.isEnabled()  # a conscious choice first
    dialog.choose(vacancy)
    assert ok_button.isEnabled() and ok_button.text() == "&Refer"
    ok_button.click()
    qtbot.waitUntil(dialog.outcome.isVisible, timeout=TIMEOUT)
    assert f"is referred to {TITLE} at «Темір-Құрылыс UI» ЖШС." in dialog.outcome.text()
    assert "Already referred: Referred" in dialog.table.item(row, 0).text()
    assert not dialog.table.item(row, 0).flags() & Qt.ItemFlag.ItemIsEnabled
    qtbot.waitUntil(lambda: bool(referral_row(tab)), timeout=TIMEOUT)
    wait_idle(qtbot)
    dialog.close_button().click()
    qtbot.waitUntil(lambda: window.employment_actions.dialog is None, timeout=TIMEOUT)
    shown = referral_row(tab)
    assert shown["What and where"] == f"{TITLE} — «Темір-Құрылыс UI» ЖШС"
    assert shown["Kind"] == "Job" and shown["Status"] == "Referred"
    assert shown["Referred"] == "25.11.2026"
    chosen = tab.selected_referral()  # the new referral is the one chosen
    assert chosen is not None and chosen.vacancy_id == vacancy
    assert button(tab, "Interview…").isEnabled() and button(tab, "Hired…").isEnabled()
    assert not button(tab, "Training started…").isEnabled()
    assert not button(tab, "Choose vacancy…").isEnabled()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "E&mployment (1)"


def test_an_interview_then_a_hire_make_a_placement_with_its_two_checks(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = a_client(demo_path)
    vacancy = a_vacancy(demo_database, caseworker)
    a_profile(demo_database, caseworker, person)
    referrals.refer_to_vacancy(demo_database, caseworker, person, vacancy,
                               on=DEMO_TODAY - timedelta(days=5), today=DEMO_TODAY)
    window = open_employment(qtbot, demo_database, caseworker, person)
    tab = window.employment
    tab.referrals_table.selectRow(rows(tab.referrals_table).index(referral_row(tab)))

    click(qtbot, button(tab, "Interview…"))
    interview = window.employment_actions.dialog
    assert isinstance(interview, InterviewDialog)
    assert TITLE in interview.summary.text()
    interview.day.setDate(interview.day.date().addDays(2))  # the day after tomorrow
    ok(interview)
    qtbot.waitUntil(lambda: window.employment_actions.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: referral_row(tab).get("Status") == "Interview", timeout=TIMEOUT)
    wait_idle(qtbot)
    assert referral_row(tab)["Interview or dates"] == "Interview 27.11.2026"
    assert tab.selected_referral() is not None  # still the one chosen
    assert not button(tab, "Interview…").isEnabled()

    click(qtbot, button(tab, "Hired…"))
    hire = window.employment_actions.dialog
    assert isinstance(hire, HireDialog)
    qtbot.waitUntil(hire.is_ready, timeout=TIMEOUT)
    assert hire.position.text() == TITLE  # the vacancy's title
    assert hire.sector.currentData() == "construction"  # and its sector
    ok(hire)
    assert hire.form.problem("contract") == "Choose the type of contract."
    hire.contract.setCurrentIndex(hire.contract.findData(ContractType.PERMANENT.value))
    hire.wage.set_number(420_000)
    ok(hire)
    qtbot.waitUntil(lambda: window.employment_actions.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(rows(tab.placements_table)), timeout=TIMEOUT)
    wait_idle(qtbot)
    assert referral_row(tab)["Status"] == "Hired"
    placement = rows(tab.placements_table)[0]
    assert placement["Position and employer"] == f"{TITLE}\n«Темір-Құрылыс UI» ЖШС"
    assert placement["Contract"] == "Permanent contract"
    assert placement["Started"] == "25.11.2026" and placement["Monthly wage"] == "420,000 ₸"
    assert placement["After 3 months"] == "due 25.02.2027"
    assert placement["After 6 months"] == "due 25.05.2027"
    assert tab.profile_values["seeking"].text() == "not looking for work now"
    assert places_left(demo_database, caseworker, vacancy) == 1
    # Nothing more to do on the referral; the first check is not due yet.
    assert not button(tab, "Hired…").isEnabled() and not button(tab, "Outcome…").isEnabled()
    tab.placements_table.selectRow(0)
    retention = button(tab, "Record retention check…")
    assert not retention.isEnabled()
    assert "due on 25.02.2027" in retention.toolTip()


def test_a_vacancy_closed_meanwhile_is_refused_in_the_dialog(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = a_client(demo_path)
    vacancy = a_vacancy(demo_database, caseworker, positions=1)
    a_profile(demo_database, caseworker, person)
    window = open_employment(qtbot, demo_database, caseworker, person)
    tab = window.employment
    click(qtbot, button(tab, "Find vacancies…"))
    dialog = window.employment_actions.dialog
    assert isinstance(dialog, VacancyMatchesDialog)
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    dialog.choose(vacancy)
    # Someone at the vacancies list closes it while the caseworker looks.
    line = next(v for v in vacancies.list_vacancies(demo_database, caseworker, text=TITLE))
    vacancies.set_vacancy_status(demo_database, caseworker, vacancy, line.version,
                                 VacancyStatus.CLOSED)
    dialog.ok_button().click()
    qtbot.waitUntil(dialog.message.isVisible, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert dialog.message.text() == (f"The vacancy {TITLE} is closed: nobody is referred to "
                                     "it or hired into it any more.")
    assert dialog.isVisible() and not dialog.outcome.isVisible()
    assert all(m.vacancy.id != vacancy for m in dialog.matches)  # the list was read again
    assert dialog.close_button().text() == "Cancel"
    assert not referral_row(tab) and not window.file.jobs  # type: ignore[union-attr]
    dialog.close_button().click()
    qtbot.waitUntil(lambda: window.employment_actions.dialog is None, timeout=TIMEOUT)


def test_a_hire_into_a_vacancy_closed_meanwhile_keeps_what_was_typed(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = a_client(demo_path)
    vacancy = a_vacancy(demo_database, caseworker)
    referrals.refer_to_vacancy(demo_database, caseworker, person, vacancy, today=DEMO_TODAY)
    window = open_employment(qtbot, demo_database, caseworker, person)
    tab = window.employment
    tab.referrals_table.selectRow(0)
    click(qtbot, button(tab, "Hired…"))
    hire = window.employment_actions.dialog
    assert isinstance(hire, HireDialog)
    qtbot.waitUntil(hire.is_ready, timeout=TIMEOUT)
    hire.contract.setCurrentIndex(hire.contract.findData(ContractType.SEASONAL.value))
    hire.wage.set_number(380_000)
    line = next(v for v in vacancies.list_vacancies(demo_database, caseworker, text=TITLE))
    vacancies.set_vacancy_status(demo_database, caseworker, vacancy, line.version,
                                 VacancyStatus.CLOSED)
    ok(hire)
    qtbot.waitUntil(hire.message.isVisible, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert hire.message.text().startswith(f"The vacancy {TITLE} is closed")
    assert hire.isVisible() and hire.wage.number() == 380_000  # nothing typed is lost
    assert not rows(tab.placements_table)
    hire.reject()
    qtbot.waitUntil(lambda: window.employment_actions.dialog is None, timeout=TIMEOUT)
    wait_idle(qtbot)
    assert referral_row(tab)["Status"] == "Referred"


def test_a_retention_check_that_is_due_records_that_the_client_left(
        qtbot: QtBot, demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    person = a_client(demo_path)
    vacancy = a_vacancy(demo_database, caseworker)
    referral = referrals.refer_to_vacancy(demo_database, caseworker, person, vacancy,
                                          on=DEMO_TODAY - timedelta(days=120), today=DEMO_TODAY)
    referrals.hire(demo_database, caseworker, referral, 1, HireEntry(
        DEMO_TODAY - timedelta(days=100), TITLE, "construction", 400_000,
        ContractType.FIXED_TERM), today=DEMO_TODAY)
    reason, label = reference_choices(demo_database, "job_leaving_reason")[0]
    window = open_employment(qtbot, demo_database, caseworker, person)
    tab = window.employment
    assert rows(tab.placements_table)[0]["After 3 months"] == "due 17.11.2026 — to record"
    tab.placements_table.selectRow(0)
    click(qtbot, button(tab, "Record retention check…"))
    dialog = window.employment_actions.dialog
    assert isinstance(dialog, RetentionDialog)
    qtbot.waitUntil(dialog.is_ready, timeout=TIMEOUT)
    assert "3 months after the start, due 17.11.2026" in dialog.summary.text()
    ok(dialog)
    assert dialog.form.problem("employed") == "Say whether the client still works there."
    dialog.set_still_employed(False)
    ok(dialog)
    assert dialog.form.problem("reason") == "Choose why the client left the job."
    dialog.choose_reason(reason)
    ok(dialog)
    qtbot.waitUntil(lambda: window.employment_actions.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: rows(tab.placements_table)[0]["After 3 months"] == f"left: {label}",
                    timeout=TIMEOUT)
    wait_idle(qtbot)
    placement = rows(tab.placements_table)[0]
    assert placement["Ended"] == "25.11.2026"  # the day checked: when they left is unknown
    assert placement["After 6 months"] == "due 17.02.2027"
    tab.placements_table.selectRow(0)
    assert not button(tab, "Record retention check…").isEnabled()  # the next is not due
