"""First-run set-up, login and role rules, enforced in the service layer."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from db.models import Office, Person, Role, User
from db.session import Database
from desktop.services.auth import (
    AccessDenied,
    LoginFailed,
    Permission,
    WeakPassword,
    ensure_person_access,
    log_in,
    needs_setup,
    set_up,
)


def first_run(database: Database) -> None:
    set_up(database, center_name="«Қадам» орталығы", center_address="Астана",
           center_phone="+7 7172 000000", office_code="ast", office_name="Астана",
           region_code="71", admin_login="Admin", admin_name="Әлия Сапарова",
           admin_password="qadam-2026")


def test_a_new_database_asks_for_set_up_then_logs_the_admin_in(database: Database) -> None:
    assert needs_setup(database)
    first_run(database)
    assert not needs_setup(database)
    actor = log_in(database, " admin ", "qadam-2026")
    assert (actor.role, actor.office_code, actor.full_name) == (Role.ADMIN, "AST", "Әлия Сапарова")
    with database.session() as session:
        stored = session.scalar(select(User.password_hash))
    assert stored.startswith("$argon2id$") and "qadam-2026" not in stored


@pytest.mark.parametrize(("login", "password"), [("admin", "wrong-password"),
                                                 ("nobody", "qadam-2026")])
def test_a_wrong_login_or_password_is_refused(database: Database, login: str,
                                              password: str) -> None:
    first_run(database)
    with pytest.raises(LoginFailed):
        log_in(database, login, password)


def test_a_deactivated_user_cannot_log_in(database: Database) -> None:
    first_run(database)
    with database.session() as session:
        session.scalar(select(User)).active = False
    with pytest.raises(LoginFailed):
        log_in(database, "admin", "qadam-2026")


def test_a_short_password_is_refused_and_nothing_is_created(database: Database) -> None:
    with pytest.raises(WeakPassword):
        set_up(database, center_name="C", center_address="", center_phone="", office_code="A",
               office_name="A", region_code="71", admin_login="a", admin_name="A",
               admin_password="short")
    assert needs_setup(database)


def test_a_caseworker_cannot_reach_another_offices_client(database: Database) -> None:
    first_run(database)
    from desktop.services.auth import hash_password

    with database.session() as session:
        almaty = Office(code="ALA", name="Алматы", region_code="75")
        session.add(almaty)
        session.flush()
        astana = session.scalar(select(Office).where(Office.code == "AST"))
        session.add(User(login="cw", full_name="Ерлан", role=Role.CASEWORKER,
                         office_id=astana.id, password_hash=hash_password("caseworker-1")))
        session.add(User(login="boss", full_name="Динара", role=Role.MANAGER,
                         office_id=astana.id, password_hash=hash_password("manager-1")))
        theirs = Person(given_name="Мариам", category_code="refugee", office_id=almaty.id)
        ours = Person(given_name="Шерзод", category_code="other", office_id=astana.id)
        session.add_all([theirs, ours])
        session.flush()
        theirs_id, ours_id = theirs.id, ours.id
    caseworker = log_in(database, "cw", "caseworker-1")
    manager = log_in(database, "boss", "manager-1")
    ensure_person_access(database, caseworker, ours_id)
    with pytest.raises(AccessDenied):
        ensure_person_access(database, caseworker, theirs_id)
    with pytest.raises(AccessDenied):
        ensure_person_access(database, caseworker, uuid.uuid4())
    ensure_person_access(database, manager, theirs_id)
    assert not caseworker.can(Permission.VIEW_REPORTS) and manager.can(Permission.VIEW_REPORTS)
    assert not manager.can(Permission.ADMINISTER)
    with pytest.raises(AccessDenied):
        caseworker.require(Permission.VIEW_REPORTS)
