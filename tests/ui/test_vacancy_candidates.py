"""A vacancy's candidates, as a caseworker uses them: who fits and why, referring one, and
recording the hire from the vacancy's side."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Case, CaseStatus, JobReferralStatus, Office, Person
from db.session import Database
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.employment import employers, job_seekers, referrals, vacancies
from desktop.services.employment.errors import NoPlacesLeft
from desktop.services.employment.job_seekers import JobSeekerEntry
from desktop.ui.employment.candidates import SHORT_MARK, CandidatesWindow
from desktop.ui.employment.screen import EmploymentScreen
from desktop.ui.employment.step_dialogs import HireDialog
from tests.services.test_employment import a_bin, employer_entry, vacancy_entry
from tests.ui.conftest import TIMEOUT, wait_idle


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def seekers(database: Database, actor: Actor, count: int) -> list[uuid.UUID]:
    """Astana clients with an open case, made job seekers of a trade nobody else has."""
    with database.session() as session:
        office = session.scalar(select(Office.id).where(Office.code == "AST"))
        people = session.scalars(
            select(Person.id).join(Case, Case.person_id == Person.id)
            .where(Person.office_id == office, Case.office_id == office,
                   Case.status == CaseStatus.OPEN).order_by(Person.sort_key).limit(count)).all()
    for number, person_id in enumerate(people):
        read = job_seekers.job_seeker_profile(database, actor, person_id)
        entry = JobSeekerEntry("Жылыжай агрономы", "", None, 5 if number == 0 else 0,
                               ("agriculture",), ("71",), "B", "", False, date(2026, 10, 1))
        job_seekers.save_job_seeker(database, actor, person_id, entry, read.version,
                                    read.person_version)
    return list(people)


def open_window(qtbot: QtBot, database: Database, actor: Actor,
                title: str) -> tuple[EmploymentScreen, CandidatesWindow]:
    screen = EmploymentScreen(database, actor)
    qtbot.addWidget(screen)
    screen.show()
    tab = screen.vacancies
    tab.search.setText(title)
    qtbot.waitUntil(lambda: [line.title for line in tab.model.rows] == [title],
                    timeout=TIMEOUT)
    tab.table.selectRow(0)
    window = tab.open_candidates()
    assert window is not None
    qtbot.addWidget(window)
    return screen, window


def test_the_seekers_who_fit_come_with_their_reasons_and_one_is_referred_then_hired(
        qtbot: QtBot, demo_database: Database, caseworker: Actor) -> None:
    employer_id = employers.create_employer(demo_database, caseworker,
                                            employer_entry(bin=a_bin(500)))
    title = "Жылыжай агрономы (сынақ)"
    vacancy_id = vacancies.create_vacancy(demo_database, caseworker, vacancy_entry(
        employer_id, title=title, sector_code="agriculture", profession="жылыжай агрономы",
        min_experience_years=3, driving_licence="B", languages=(), positions=1))
    experienced, novice = seekers(demo_database, caseworker, 2)

    _screen, window = open_window(qtbot, demo_database, caseworker, title)
    fits = window.fits
    qtbot.waitUntil(lambda: {m.seeker.person_id for m in fits.model.rows} >= {experienced,
                                                                               novice},
                    timeout=TIMEOUT)
    ours = [m for m in fits.model.rows if m.seeker.person_id in (experienced, novice)]
    assert [m.seeker.person_id for m in ours] == [experienced, novice]  # 5 years, then 0
    short = fits.model.index(fits.model.rows.index(ours[1]), 2).data()
    assert short == f"{SHORT_MARK} needs 3 years of experience — client has 0"

    fits.table.selectRow(fits.model.rows.index(ours[0]))
    fits.refer_button.click()
    referred = window.referred
    qtbot.waitUntil(lambda: [r.person_id for r in referred.model.rows] == [experienced],
                    timeout=TIMEOUT)
    assert referred.model.rows[0].status == JobReferralStatus.REFERRED.value

    referred.table.selectRow(0)
    assert referred.interview_button.isEnabled() and referred.hire_button.isEnabled()
    referred.hire_button.click()
    dialog = referred.dialog
    assert isinstance(dialog, HireDialog)
    qtbot.waitUntil(lambda: dialog.sector.currentData() == "agriculture", timeout=TIMEOUT)
    assert dialog.position.text() == title and dialog.wage.number() == 350_000
    dialog.ok_button().click()
    assert "type of contract" in dialog.form.problem("contract")
    dialog.contract.setCurrentIndex(dialog.contract.findData("seasonal"))
    dialog.ok_button().click()
    qtbot.waitUntil(lambda: referred.dialog is None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: referred.model.rows[0].status == JobReferralStatus.HIRED.value,
                    timeout=TIMEOUT)
    # The one place is taken: the vacancy's list says so, and nobody else can be referred.
    line = next(line for line in vacancies.list_vacancies(demo_database, caseworker)
                if line.id == vacancy_id)
    assert line.places_left == 0
    wait_idle(qtbot)
    assert not referred.hire_button.isEnabled()
    with pytest.raises(NoPlacesLeft):
        referrals.refer_to_vacancy(demo_database, caseworker, novice, vacancy_id)
