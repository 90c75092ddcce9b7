"""The center's employers and vacancies: the forms' rules, BINs, places left, statuses."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from db.errors import StaleRecord
from db.models import Employer, JobReferral, JobReferralStatus, Office, Person, VacancyStatus
from db.session import Database
from desktop.services.access import Actor
from desktop.services.auth import log_in
from desktop.services.employment import employers, vacancies
from desktop.services.employment.employers import EmployerEntry
from desktop.services.employment.vacancies import VacancyEntry
from desktop.services.messages import describe, knows
from tests.conftest import DEMO_TODAY


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def a_bin(serial: int) -> str:
    from desktop.domain.iin import check_digit

    while True:
        first11 = f"1404400{serial:04d}"
        digit = check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
        serial += 1


def employer_entry(**changes: object) -> EmployerEntry:
    values: dict[str, object] = dict(name="«Жаңа Құрылыс» ЖШС", bin=a_bin(1),
                                     sector_code="construction", region_code="71",
                                     address="Астана, Сарыарқа 5", contact="Әлия Серікова",
                                     phone="8 701 234 56 78")
    values.update(changes)
    return EmployerEntry(**values)  # type: ignore[arg-type]


def vacancy_entry(employer_id: uuid.UUID, **changes: object) -> VacancyEntry:
    values: dict[str, object] = dict(
        employer_id=employer_id, title="Дәнекерлеуші", sector_code="construction",
        region_code="71", locality="Астана", monthly_wage=350_000, positions=2,
        profession="дәнекерлеуші", min_experience_years=2, driving_licence="b, c",
        languages=(("kk", "b1"),), opened_on=DEMO_TODAY)
    values.update(changes)
    return VacancyEntry(**values)  # type: ignore[arg-type]


def test_an_employer_is_checked_saved_and_found(demo_database, caseworker) -> None:
    with pytest.raises(employers.InvalidEmployer) as invalid:
        employers.create_employer(demo_database, caseworker,
                                  employer_entry(name=" ", bin="123456789012", phone="12"))
    assert set(invalid.value.problems) == {employers.Field.NAME, employers.Field.BIN,
                                           employers.Field.PHONE}
    assert knows(invalid.value)
    employer_id = employers.create_employer(demo_database, caseworker, employer_entry())
    found = employers.list_employers(demo_database, caseworker, text="құрылыс")
    line = next(line for line in found if line.id == employer_id)
    assert line.phone.startswith("+7 701") and line.sector and line.active


def test_a_bin_belongs_to_one_employer(demo_database, caseworker) -> None:
    employers.create_employer(demo_database, caseworker, employer_entry(bin=a_bin(7)))
    with pytest.raises(employers.BinTaken) as taken:
        employers.create_employer(demo_database, caseworker,
                                  employer_entry(name="Other", bin=a_bin(7)))
    assert "registered already: «Жаңа Құрылыс» ЖШС" in describe(taken.value)


def test_a_deactivated_employer_keeps_its_history_and_its_vacancies_close(
        demo_database, caseworker) -> None:
    employer_id = employers.create_employer(demo_database, caseworker,
                                            employer_entry(bin=a_bin(20)))
    vacancy_id = vacancies.create_vacancy(demo_database, caseworker,
                                          vacancy_entry(employer_id))
    _entry, version = employers.employer_entry(demo_database, caseworker, employer_id)
    employers.set_employer_active(demo_database, caseworker, employer_id, version, False)
    assert all(line.id != employer_id
               for line in employers.list_employers(demo_database, caseworker))
    assert any(line.id == employer_id for line in employers.list_employers(
        demo_database, caseworker, include_inactive=True))
    closed = vacancies.list_vacancies(demo_database, caseworker,
                                      statuses=(VacancyStatus.CLOSED,))
    assert any(line.id == vacancy_id for line in closed)
    with pytest.raises(vacancies.InvalidVacancy):  # no new vacancy for an inactive employer
        vacancies.create_vacancy(demo_database, caseworker, vacancy_entry(employer_id))
    with pytest.raises(StaleRecord):
        employers.set_employer_active(demo_database, caseworker, employer_id, version, True)


def test_a_vacancy_lists_its_requirements_and_the_places_left(demo_database,
                                                              caseworker) -> None:
    employer_id = employers.create_employer(demo_database, caseworker,
                                            employer_entry(bin=a_bin(30)))
    vacancy_id = vacancies.create_vacancy(demo_database, caseworker,
                                          vacancy_entry(employer_id))
    with demo_database.session() as session:
        person = session.scalar(select(Person.id).limit(1))
        office = session.scalar(select(Office.id).where(Office.code == "AST"))
        session.add(JobReferral(person_id=person, office_id=office, employer_id=employer_id,
                                vacancy_id=vacancy_id, referred_on=DEMO_TODAY,
                                status=JobReferralStatus.HIRED, outcome_on=DEMO_TODAY))
    line = next(line for line in vacancies.list_vacancies(demo_database, caseworker)
                if line.id == vacancy_id)
    assert (line.positions, line.taken, line.places_left) == (2, 1, 1)
    assert line.requirements == "дәнекерлеуші · Kazakh B1 · B C · 2+"
    entry, version, _status = vacancies.vacancy_entry(demo_database, caseworker, vacancy_id)
    assert entry.driving_licence == "B C" and entry.languages == (("kk", "b1"),)
    with pytest.raises(vacancies.InvalidVacancy) as fewer:
        vacancies.update_vacancy(demo_database, caseworker, vacancy_id, version,
                                 vacancy_entry(employer_id, positions=0))
    assert fewer.value.problems == {vacancies.Field.PLACES: vacancies.Problem.OUT_OF_RANGE}
    vacancies.set_vacancy_status(demo_database, caseworker, vacancy_id, version,
                                 VacancyStatus.CLOSED, today=date(2026, 11, 30))
    assert all(line.id != vacancy_id
               for line in vacancies.list_vacancies(demo_database, caseworker))


def test_licence_categories_typed_in_cyrillic_are_the_latin_ones() -> None:
    assert vacancies.licence_text("в, С де") == "B C DE"


def test_the_form_refuses_unknown_licence_categories(demo_database, caseworker) -> None:
    with demo_database.session() as session:
        employer_id = session.scalar(select(Employer.id).limit(1))
    with pytest.raises(vacancies.InvalidVacancy) as invalid:
        vacancies.create_vacancy(demo_database, caseworker,
                                 vacancy_entry(employer_id, driving_licence="B Z"))
    assert describe(invalid.value) == ("Driving licence categories are A, B, C, D, BE, CE "
                                       "and DE.")
