"""First-run set-up, login and role rules, enforced in the service layer."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from db.errors import DatabaseProblem
from db.models import Office, Person, Role, User
from db.session import Database
from desktop.services.access import Denial
from desktop.services.auth import (
    AccessDenied,
    LoginFailed,
    Permission,
    StartState,
    WeakPassword,
    ensure_person_access,
    log_in,
    set_up,
    start_state,
)


def first_run(database: Database) -> None:
    set_up(database, center_name="«Қадам» орталығы", center_address="Астана",
           center_phone="+7 7172 000000", office_code="ast", office_name="Астана",
           region_code="71", admin_login="Admin", admin_name="Әлия Сапарова",
           admin_password="qadam-2026")


def test_a_new_database_asks_for_set_up_then_logs_the_admin_in(database: Database) -> None:
    assert start_state(database) is StartState.NEW
    first_run(database)
    assert start_state(database) is StartState.READY
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
    assert start_state(database) is StartState.NEW


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


def test_the_first_run_set_up_is_refused_once_the_center_exists(database: Database) -> None:
    first_run(database)
    with pytest.raises(AccessDenied) as refused:
        set_up(database, center_name="Takeover", center_address="", center_phone="",
               office_code="ZZ", office_name="Z", region_code="71", admin_login="intruder",
               admin_name="I", admin_password="long-enough-1")
    assert refused.value.reason is Denial.SET_UP
    with pytest.raises(LoginFailed):
        log_in(database, "intruder", "long-enough-1")


def test_a_deactivated_user_loses_access_at_their_next_call(database: Database) -> None:
    """Not at the next login: the actor is re-read on every service call."""
    from desktop.services.clients import client_count

    first_run(database)
    admin = log_in(database, "admin", "qadam-2026")
    assert client_count(database, admin) == 0
    with database.session() as session:
        session.scalar(select(User)).active = False
    with pytest.raises(AccessDenied) as refused:
        client_count(database, admin)
    assert refused.value.reason is Denial.ACCOUNT


def test_a_demoted_manager_loses_the_reports_at_once(database: Database) -> None:
    from datetime import date

    from desktop.services.auth import hash_password
    from desktop.services.reports import build_monthly

    first_run(database)
    with database.session() as session:
        office = session.scalar(select(Office))
        session.add(User(login="boss", full_name="Динара", role=Role.MANAGER,
                         office_id=office.id, password_hash=hash_password("manager-1")))
    manager = log_in(database, "boss", "manager-1")
    build_monthly(database, manager, date(2026, 10, 1), None, "en", "", date(2026, 11, 2))
    with database.session() as session:
        session.scalar(select(User).where(User.login == "boss")).role = Role.CASEWORKER
    with pytest.raises(AccessDenied) as refused:
        build_monthly(database, manager, date(2026, 10, 1), None, "en", "", date(2026, 11, 2))
    assert refused.value.permission is Permission.VIEW_REPORTS


def test_two_set_ups_racing_on_one_new_file_create_one_center(database: Database,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """Both have checked that there is no center before either writes one. (On PostgreSQL
    the second waits for the first's table lock before it can check: the first is held a
    moment only, long enough for the second to be waiting, and goes on.)"""
    import threading

    from sqlalchemy.orm import Session

    from db.models import Center

    server = database.engine.dialect.name == "postgresql"
    both_checked = threading.Barrier(2, timeout=1 if server else 20)
    real_scalar = Session.scalar
    seen: dict[int, int] = {}

    def scalar_then_wait(self: Session, statement: object, *args: object,
                         **kwargs: object) -> object:
        value = real_scalar(self, statement, *args, **kwargs)
        counted = seen.setdefault(threading.get_ident(), 0)
        seen[threading.get_ident()] = counted + 1
        if counted == 0 and threading.current_thread() is not threading.main_thread():
            try:
                both_checked.wait()  # the first check, in each of the two set-ups
            except threading.BrokenBarrierError:
                if not server:
                    raise
        return value

    monkeypatch.setattr(Session, "scalar", scalar_then_wait)
    outcomes: list[object] = []

    def set_up_as(login: str) -> None:
        try:
            set_up(database, center_name=login, center_address="", center_phone="",
                   office_code=login[:3], office_name=login, region_code="71",
                   admin_login=login, admin_name=login, admin_password="long-enough-1")
            outcomes.append("created")
        except Exception as error:
            outcomes.append(error)

    threads = [threading.Thread(target=set_up_as, args=(login,)) for login in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    monkeypatch.undo()
    assert outcomes.count("created") == 1
    [refused] = [outcome for outcome in outcomes if outcome != "created"]
    assert isinstance(refused, AccessDenied | DatabaseProblem)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Center)) == 1


def test_a_first_run_given_up_leaves_no_empty_database_behind(tmp_path) -> None:
    from desktop.services.database import discard_unused, open_existing_or_new

    target = str(tmp_path / "new.db")
    database = open_existing_or_new(target)
    assert start_state(database) is StartState.NEW
    assert discard_unused(target, database)
    assert list(tmp_path.iterdir()) == []  # nor its -wal and -shm
