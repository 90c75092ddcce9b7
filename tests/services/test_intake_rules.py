"""The intake form's rules, and registering a client as a logged-in user."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from db.errors import DuplicateIin
from db.models import AuditEntry, Case, CaseStatus, Office, Person, Role, User
from db.session import Database
from desktop import i18n
from desktop.domain.iin import IinProblem
from desktop.services import access
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.auth import AccessDenied, Actor, Permission
from desktop.services.intake import (
    IntakeProblem,
    InvalidClient,
    NewClient,
    check_client,
    duplicates,
    form_choices,
    may_open,
    register,
    register_client,
    required_fields,
    validate,
)

TODAY = date(2026, 3, 10)
VALID_IIN = "900101400013"  # 1 Jan 1990, female


@dataclass
class Center:
    ast: Actor  # caseworker in Astana
    ala: Actor  # caseworker in Almaty
    manager: Actor  # manager in Astana: sees every office


@pytest.fixture
def center(database: Database) -> Center:
    with database.session() as session:
        actors = []
        for code, region in (("AST", "71"), ("ALA", "75")):
            office = Office(code=code, name=f"Office {code}", region_code=region)
            session.add(office)
            session.flush()
            for login, role in ((f"cw.{code.lower()}", Role.CASEWORKER),
                                (f"manager.{code.lower()}", Role.MANAGER)):
                user = User(login=login, full_name=login, role=role, office_id=office.id)
                session.add(user)
                session.flush()
                actors.append(Actor(user.id, login, login, role, office.id, code, office.name))
    return Center(ast=actors[0], ala=actors[2], manager=actors[1])


def new_client(office_id: uuid.UUID | None = None, **values: object) -> NewClient:
    fields: dict[str, object] = {
        "surname": "Нұрпейісова", "given_name": "Әлия", "category_code": "kandas",
        "office_id": office_id or uuid.uuid4(), "birth_date": date(1990, 1, 1), "sex": "F",
        "citizenship": "CN", "consent_date": TODAY, "consent_form_code": "written"}
    fields.update(values)
    return NewClient(**fields)  # type: ignore[arg-type]


# ---- rules --------------------------------------------------------------------------------------

def test_every_client_needs_a_given_name_category_sex_and_consent() -> None:
    assert required_fields("kandas") == {"given_name", "category_code", "sex", "consent_date",
                                         "consent_form_code"}
    problems = check_client(new_client(given_name=" ", category_code="", sex=None,
                                       consent_date=None, consent_form_code=None), TODAY)
    assert problems == dict.fromkeys(("given_name", "category_code", "sex", "consent_date",
                                      "consent_form_code"), IntakeProblem.REQUIRED)


@pytest.mark.parametrize("category", ["internal_resettler", "returning_citizen"])
def test_citizens_need_an_iin(category: str) -> None:
    assert "iin" in required_fields(category)
    assert check_client(new_client(category_code=category, citizenship="KZ"), TODAY) == {
        "iin": IinProblem.EMPTY}
    assert check_client(new_client(category_code=category, citizenship="KZ",
                                   iin=VALID_IIN), TODAY) == {}


@pytest.mark.parametrize("category", ["labour_migrant_permit", "labour_migrant_eaeu",
                                      "foreign_student", "business_immigrant"])
def test_foreigners_need_a_citizenship_refugees_and_kandases_may_be_stateless(
        category: str) -> None:
    assert check_client(new_client(category_code=category, citizenship=None), TODAY) == {
        "citizenship": IntakeProblem.REQUIRED}
    for may_be_stateless in ("kandas", "refugee", "asylum_seeker", "stateless"):
        assert check_client(new_client(category_code=may_be_stateless, citizenship=None),
                            TODAY) == {}


def test_a_stateless_person_has_no_citizenship() -> None:
    assert check_client(new_client(category_code="stateless", citizenship="UZ"), TODAY) == {
        "citizenship": IntakeProblem.STATELESS_WITH_CITIZENSHIP}


def test_impossible_dates_are_refused() -> None:
    assert check_client(new_client(birth_date=date(2026, 3, 11)), TODAY) == {
        "birth_date": IntakeProblem.FUTURE_DATE}
    assert check_client(new_client(arrival_date=date(1989, 12, 31)), TODAY) == {
        "arrival_date": IntakeProblem.BEFORE_BIRTH}
    assert check_client(new_client(birth_date=date(1890, 1, 1)), TODAY) == {
        "birth_date": IntakeProblem.TOO_EARLY}
    assert check_client(new_client(consent_date=date(2026, 4, 1)), TODAY) == {
        "consent_date": IntakeProblem.FUTURE_DATE}
    assert check_client(new_client(birth_date=None, arrival_date=date(2020, 5, 1)), TODAY) == {}


def test_names_phone_iin_and_choices_are_checked() -> None:
    problems = check_client(new_client(
        surname="Nurpeiisova", given_name_latin="Әлия", iin="900101400014",
        extra={"phone": "+7 (701) 12x"}, citizenship="XX", preferred_language="de"), TODAY)
    assert problems == {"surname": IntakeProblem.NOT_CYRILLIC,
                        "given_name_latin": IntakeProblem.NOT_LATIN,
                        "iin": IinProblem.CHECK_DIGIT, "phone": IntakeProblem.PHONE,
                        "citizenship": IntakeProblem.UNKNOWN_CHOICE,
                        "preferred_language": IntakeProblem.UNKNOWN_CHOICE}
    assert check_client(new_client(surname="Қожа-Ахмет", patronymic="Серікқызы",
                                   extra={"phone": "+7 (701) 123-45-67"}), TODAY) == {}


def test_problems_read_in_the_ui_language() -> None:
    client = new_client(birth_date=date(2030, 1, 1), given_name="")
    assert validate(client, TODAY) == {"birth_date": "This date is still to come.",
                                       "given_name": "Required."}
    i18n.set_language("ru")
    assert validate(new_client(iin="9001014"), TODAY) == {"iin": "ИИН состоит ровно из 12 цифр."}


# ---- registering as a user ----------------------------------------------------------------------

def test_a_caseworker_registers_a_client_in_their_own_office_with_consent_and_a_case(
        database: Database, center: Center) -> None:
    # The form names another office: the service puts the client in the caseworker's own.
    person_id = register_client(database, center.ast,
                                new_client(center.ala.office_id, iin=VALID_IIN), TODAY)
    with database.session() as session:
        person = session.get(Person, person_id)
        assert (person.office_id, person.consent_recorded_by, person.consent_date,
                person.created_by) == (center.ast.office_id, center.ast.user_id, TODAY,
                                       center.ast.user_id)
        case = session.scalars(select(Case).where(Case.person_id == person_id)).one()
        assert (case.office_id, case.caseworker_id, case.status, case.opened_on) == (
            center.ast.office_id, center.ast.user_id, CaseStatus.OPEN, TODAY)
        logged = set(session.scalars(select(AuditEntry.table_name).where(
            AuditEntry.user_id == center.ast.user_id)))
        assert {"person", "client_case"} <= logged


def test_a_manager_registering_leaves_the_case_unassigned(database: Database,
                                                          center: Center) -> None:
    person_id = register_client(database, center.manager, new_client(), TODAY)
    with database.session() as session:
        case = session.scalars(select(Case).where(Case.person_id == person_id)).one()
        assert (case.office_id, case.caseworker_id) == (center.manager.office_id, None)


def test_register_alone_opens_no_case_as_before(database: Database, center: Center) -> None:
    person_id = register(database, center.ast, new_client(center.ast.office_id))
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Case).where(
            Case.person_id == person_id)) == 0


def test_the_person_and_the_case_are_one_transaction(database: Database,
                                                     center: Center) -> None:
    # The case's office does not exist: the case fails, so the person must not remain.
    # (A local actor, as the command line's: a logged-in one is re-read with their office.)
    nowhere = replace(LOCAL_OPERATOR, office_id=uuid.uuid4())
    with pytest.raises(IntegrityError):  # the database's own foreign-key error
        register(database, nowhere, new_client(center.ast.office_id), open_case=True)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0


def test_an_invalid_client_is_refused_with_every_problem(database: Database,
                                                         center: Center) -> None:
    with pytest.raises(InvalidClient) as refused:
        register_client(database, center.ast, new_client(
            iin="900101400014", consent_date=None, consent_form_code=None), TODAY)
    assert set(refused.value.problems) == {"iin", "consent_date", "consent_form_code"}
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0


def test_a_duplicate_iin_is_refused_even_across_offices(database: Database,
                                                        center: Center) -> None:
    first = register_client(database, center.ast, new_client(iin=VALID_IIN), TODAY)
    with pytest.raises(DuplicateIin) as duplicate:
        register_client(database, center.ala, new_client(surname="Серікова", iin=VALID_IIN),
                        TODAY)
    assert duplicate.value.existing_id == first
    assert not may_open(database, center.ala, first)  # it is Astana's client


def test_a_user_who_may_not_work_with_clients_cannot_register(
        database: Database, center: Center, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(access.GRANTS, Role.CASEWORKER, set())
    with pytest.raises(AccessDenied) as denied:
        register_client(database, center.ast, new_client(), TODAY)
    assert denied.value.permission is Permission.WORK_WITH_CLIENTS
    for call in (lambda: form_choices(database, center.ast),
                 lambda: duplicates(database, center.ast, new_client())):
        with pytest.raises(AccessDenied):
            call()
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0


def test_a_user_of_no_office_cannot_register(database: Database, center: Center) -> None:
    # A real account: the service re-reads the actor, so a made-up one would not do.
    with database.session() as session:
        user = User(login="admin", full_name="Admin", role=Role.ADMIN, office_id=None)
        session.add(user)
        session.flush()
        officeless = Actor(user.id, user.login, user.full_name, Role.ADMIN, None, "", "")
    with pytest.raises(AccessDenied):
        register_client(database, officeless, new_client(), TODAY)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0


def test_a_deactivated_user_cannot_register_with_the_actor_they_logged_in_as(
        database: Database, center: Center) -> None:
    with database.session() as session:
        session.get(User, center.ast.user_id).active = False
    with pytest.raises(AccessDenied):
        register_client(database, center.ast, new_client(), TODAY)


def test_duplicates_from_another_office_are_shown_masked_and_cannot_be_opened(
        database: Database, center: Center) -> None:
    existing = register_client(database, center.ast, new_client(iin=VALID_IIN), TODAY)
    typed = new_client(surname="", given_name="Алия", surname_latin="NURPEIISOVA",
                       given_name_latin="ALIYA")
    [seen_elsewhere] = duplicates(database, center.ala, typed)
    assert (seen_elsewhere.id, seen_elsewhere.office_code, seen_elsewhere.accessible,
            seen_elsewhere.iin_masked) == (existing, "AST", False, "••••••••0013")
    assert not may_open(database, center.ala, existing)
    [seen_at_home] = duplicates(database, center.ast, typed)
    assert seen_at_home.accessible and may_open(database, center.ast, existing)
    [seen_by_manager] = duplicates(database, center.manager, typed)
    assert seen_by_manager.accessible
    assert not may_open(database, center.ast, None)


def test_the_form_offers_reference_lists_in_the_ui_language_and_the_office_region(
        database: Database, center: Center) -> None:
    i18n.set_language("ru")
    choices = form_choices(database, center.ala)
    assert choices.default_region == "75"
    assert dict(choices.categories)["kandas"] == "Кандас"
    assert "written" in dict(choices.consent_forms)
    assert len(choices.regions) >= 20


def test_whose_iin_it_is_is_told_across_offices_with_the_file_offered_to_its_own(
        database: Database, center: Center) -> None:
    from desktop.services.intake import iin_holder

    person = register(database, LOCAL_OPERATOR, new_client(center.ast.office_id, iin=VALID_IIN))
    ast, ala = center.ast, center.ala
    mine = iin_holder(database, ast, VALID_IIN)
    assert mine is not None and mine.id == person and mine.accessible and mine.office_code == "AST"
    theirs = iin_holder(database, ala, VALID_IIN)
    assert theirs is not None and not theirs.accessible  # said, but not to be opened
    assert iin_holder(database, ast, "900101300017") is None  # valid, nobody's
    assert iin_holder(database, ast, VALID_IIN[:-1] + "0") is None  # not a valid IIN
    with pytest.raises(DuplicateIin) as same:
        duplicates(database, ast, new_client(center.ast.office_id, iin=VALID_IIN))
    assert same.value.existing_id == person
