"""Administration rules, enforced in the service layer: users, offices, the center."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from db.errors import DatabaseProblem, Problem, StaleRecord
from db.models import AuditEntry, Center, Office, Role, User
from db.session import Database
from desktop import i18n
from desktop.services import admin
from desktop.services.access import LOCAL_OPERATOR, AccessDenied, Actor, Denial
from desktop.services.auth import LoginFailed, WeakPassword, log_in, set_up
from desktop.services.messages import describe

PASSWORD = "qadam-2026"


@pytest.fixture
def boss(database: Database) -> Actor:
    """A set-up database: the center, office AST and its administrator."""
    return set_up(database, center_name="«Қадам» орталығы", center_address="Астана",
                  center_phone="+7 7172 000000", office_code="AST", office_name="Астана",
                  region_code="71", admin_login="admin", admin_name="Әлия Сапарова",
                  admin_password=PASSWORD)


def new_user(database: Database, actor: Actor, login: str, role: Role = Role.CASEWORKER,
             name: str = "Ерлан Қасымов") -> uuid.UUID:
    assert actor.office_id is not None
    return admin.add_user(database, actor, login=login, full_name=name, role=role,
                          office_id=actor.office_id, password=PASSWORD)


def row_of(database: Database, actor: Actor, login: str) -> admin.UserRow:
    return next(row for row in admin.list_users(database, actor) if row.login == login)


def test_an_admin_adds_a_caseworker_who_can_then_log_in(database: Database, boss: Actor) -> None:
    user_id = admin.add_user(database, boss, login=" Erlan ", full_name=" Ерлан Қасымов ",
                             role=Role.CASEWORKER, office_id=boss.office_id,
                             password="ерлан-құпия")
    actor = log_in(database, "erlan", "ерлан-құпия")
    assert (actor.user_id, actor.role, actor.office_code, actor.full_name) == (
        user_id, Role.CASEWORKER, "AST", "Ерлан Қасымов")
    row = row_of(database, boss, "erlan")
    assert (row.role, row.office_code, row.active) == (Role.CASEWORKER, "AST", True)
    with database.session() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.record_id == user_id))
        stored = session.get(User, user_id)
    assert entry.user_id == boss.user_id and entry.action == "insert"
    assert stored.created_by == boss.user_id
    assert stored.password_hash.startswith("$argon2id$")


def test_a_login_already_taken_is_refused_whatever_its_case(database: Database,
                                                            boss: Actor) -> None:
    new_user(database, boss, "erlan")
    with pytest.raises(admin.LoginTaken) as refused:
        new_user(database, boss, "ERLAN", name="Другой Ерлан")
    assert refused.value.login == "erlan"
    assert describe(refused.value) == "The login “erlan” is already taken."
    assert [row.login for row in admin.list_users(database, boss)] == ["admin", "erlan"]


@pytest.mark.parametrize(("login", "name", "office", "problems"), [
    ("", "Name", True, {"login": admin.Invalid.LOGIN_EMPTY}),
    ("two words", "Name", True, {"login": admin.Invalid.LOGIN_SPACES}),
    ("x" * 65, " ", True, {"login": admin.Invalid.LOGIN_LONG,
                           "full_name": admin.Invalid.NAME_EMPTY}),
    ("nobody", "Name", False, {"office": admin.Invalid.OFFICE_MISSING}),
])
def test_a_user_breaking_a_rule_is_refused(database: Database, boss: Actor, login: str,
                                           name: str, office: bool,
                                           problems: dict[str, admin.Invalid]) -> None:
    with pytest.raises(admin.InvalidEntry) as refused:
        admin.add_user(database, boss, login=login, full_name=name, role=Role.CASEWORKER,
                       office_id=boss.office_id if office else None, password=PASSWORD)
    assert refused.value.problems == problems
    assert len(admin.list_users(database, boss)) == 1


def test_a_short_password_is_refused_and_nothing_is_created(database: Database,
                                                            boss: Actor) -> None:
    with pytest.raises(WeakPassword):
        admin.add_user(database, boss, login="erlan", full_name="Ерлан", role=Role.CASEWORKER,
                       office_id=boss.office_id, password="short")
    assert len(admin.list_users(database, boss)) == 1


def test_a_closed_office_takes_no_new_users(database: Database, boss: Actor) -> None:
    office = next(o for o in admin.list_offices(database, boss) if o.code == "AST")
    closed = admin.OfficeDetails("PET", "Петропавл", "59", active=False)
    closed_id = admin.add_office(database, boss, closed)
    with pytest.raises(admin.InvalidEntry) as refused:
        admin.add_user(database, boss, login="erlan", full_name="Ерлан", role=Role.CASEWORKER,
                       office_id=closed_id, password=PASSWORD)
    assert refused.value.problems == {"office": admin.Invalid.OFFICE_INACTIVE}
    assert office.active


def everything(database: Database, victim: admin.UserRow, office: admin.OfficeRow
               ) -> list[Callable[[Actor], Any]]:
    """Every administration call, each aimed at real records."""
    details = admin.OfficeDetails("NEW", "Жаңа", "71")
    return [
        lambda a: admin.list_users(database, a),
        lambda a: admin.add_user(database, a, login="intruder", full_name="X",
                                 role=Role.ADMIN, office_id=office.id, password=PASSWORD),
        lambda a: admin.edit_user(database, a, victim.id, victim.version, full_name="X",
                                  role=Role.ADMIN, office_id=office.id),
        lambda a: admin.set_user_active(database, a, victim.id, victim.version, False),
        lambda a: admin.reset_password(database, a, victim.id, victim.version, "taken-over"),
        lambda a: admin.list_offices(database, a),
        lambda a: admin.add_office(database, a, details),
        lambda a: admin.edit_office(database, a, office.id, office.version, details),
        lambda a: admin.center_details(database, a),
        lambda a: admin.save_center(database, a, name="X", address="", phone="", version=1),
    ]


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MANAGER])
def test_a_caseworker_or_manager_gets_access_denied_for_everything(
        database: Database, boss: Actor, role: Role) -> None:
    new_user(database, boss, "someone", role)
    new_user(database, boss, "victim")
    actor = log_in(database, "someone", PASSWORD)
    victim = row_of(database, boss, "victim")
    office = admin.list_offices(database, boss)[0]
    for call in everything(database, victim, office):
        with pytest.raises(AccessDenied):
            call(actor)
    assert row_of(database, boss, "victim") == victim  # nothing changed
    assert admin.list_offices(database, boss) == [office]
    assert admin.center_details(database, boss).name == "«Қадам» орталығы"
    log_in(database, "victim", PASSWORD)


def test_the_last_admin_cannot_be_deactivated_nor_demoted(database: Database,
                                                          boss: Actor) -> None:
    me = row_of(database, boss, "admin")
    with pytest.raises(admin.LastAdministrator):
        admin.set_user_active(database, boss, me.id, me.version, False)
    with pytest.raises(admin.LastAdministrator):
        admin.edit_user(database, boss, me.id, me.version, full_name=me.full_name,
                        role=Role.MANAGER, office_id=me.office_id)
    assert row_of(database, boss, "admin") == me
    log_in(database, "admin", PASSWORD)


def test_an_admin_cannot_deactivate_themselves_but_another_admin_can(database: Database,
                                                                     boss: Actor) -> None:
    new_user(database, boss, "second", Role.ADMIN)
    second = log_in(database, "second", PASSWORD)
    me = row_of(database, boss, "admin")
    with pytest.raises(admin.OwnAccount):
        admin.set_user_active(database, boss, me.id, me.version, False)
    with pytest.raises(admin.OwnAccount):
        admin.edit_user(database, boss, me.id, me.version, full_name=me.full_name,
                        role=Role.CASEWORKER, office_id=me.office_id)
    admin.set_user_active(database, second, me.id, me.version, False)
    with pytest.raises(LoginFailed):
        log_in(database, "admin", PASSWORD)
    # The deactivated admin's window is still open: it can do nothing any more.
    them = row_of(database, second, "second")
    with pytest.raises(AccessDenied) as refused:
        admin.set_user_active(database, boss, them.id, them.version, False)
    assert refused.value.reason is Denial.ACCOUNT
    with pytest.raises(admin.LastAdministrator):  # and the one admin left is kept
        admin.set_user_active(database, LOCAL_OPERATOR, them.id, them.version, False)
    me = row_of(database, second, "admin")
    admin.set_user_active(database, second, me.id, me.version, True)
    assert log_in(database, "admin", PASSWORD).user_id == boss.user_id


def test_reset_password_works_and_the_old_one_no_longer_does(database: Database,
                                                             boss: Actor) -> None:
    new_user(database, boss, "erlan")
    row = row_of(database, boss, "erlan")
    with pytest.raises(WeakPassword):
        admin.reset_password(database, boss, row.id, row.version, "short")
    version = admin.reset_password(database, boss, row.id, row.version, "жаңа-құпия-сөз")
    assert version == row.version + 1
    with pytest.raises(LoginFailed):
        log_in(database, "erlan", PASSWORD)
    assert log_in(database, "erlan", "жаңа-құпия-сөз").login == "erlan"


def test_editing_a_user_changes_name_role_and_office(database: Database, boss: Actor) -> None:
    other = admin.add_office(database, boss, admin.OfficeDetails("ala", "Алматы", "75"))
    new_user(database, boss, "erlan")
    row = row_of(database, boss, "erlan")
    admin.edit_user(database, boss, row.id, row.version, full_name="Ерлан Б. Қасымов",
                    role=Role.MANAGER, office_id=other)
    actor = log_in(database, "erlan", PASSWORD)
    assert (actor.full_name, actor.role, actor.office_code) == (
        "Ерлан Б. Қасымов", Role.MANAGER, "ALA")


def test_a_stale_edit_is_refused_and_says_who_changed_it(database: Database,
                                                         boss: Actor) -> None:
    new_user(database, boss, "second", Role.ADMIN, name="Дана Ахметова")
    second = log_in(database, "second", PASSWORD)
    new_user(database, boss, "erlan")
    read = row_of(database, boss, "erlan")
    admin.edit_user(database, second, read.id, read.version, full_name="Ерлан Қ.",
                    role=Role.CASEWORKER, office_id=read.office_id)
    with pytest.raises(StaleRecord) as stale:
        admin.edit_user(database, boss, read.id, read.version, full_name="Ерлан Қасымұлы",
                        role=Role.CASEWORKER, office_id=read.office_id)
    assert stale.value.changed_by == "Дана Ахметова"
    with pytest.raises(StaleRecord):
        admin.set_user_active(database, boss, read.id, read.version, False)
    assert row_of(database, boss, "erlan").full_name == "Ерлан Қ."


def test_offices_are_added_with_an_upper_case_unique_code(database: Database,
                                                          boss: Actor) -> None:
    office_id = admin.add_office(database, boss, admin.OfficeDetails(
        " ala ", " Алматы кеңсесі ", "75", "Абай даңғылы, 1", "+7 727 000 00 00"))
    i18n.set_language("ru")
    rows = admin.list_offices(database, boss)
    assert [row.code for row in rows] == ["ALA", "AST"]
    assert (rows[0].id, rows[0].name, rows[0].region_code, rows[0].address) == (
        office_id, "Алматы кеңсесі", "75", "Абай даңғылы, 1")
    assert rows[0].region == "город Алматы"  # the region's label in the UI language
    with pytest.raises(admin.OfficeCodeTaken):
        admin.add_office(database, boss, admin.OfficeDetails("Ala", "Ещё одно", "75"))
    with pytest.raises(admin.OfficeCodeTaken):
        admin.edit_office(database, boss, rows[0].id, rows[0].version,
                          admin.OfficeDetails("AST", "Алматы", "75"))
    with pytest.raises(admin.InvalidEntry) as refused:
        admin.add_office(database, boss, admin.OfficeDetails("Қ1", "", None))
    assert refused.value.problems == {"code": admin.Invalid.CODE_CHARACTERS,
                                      "name": admin.Invalid.OFFICE_NAME_EMPTY,
                                      "region": admin.Invalid.REGION_MISSING}
    with pytest.raises(admin.InvalidEntry):
        admin.add_office(database, boss, admin.OfficeDetails("SHY", "Шымкент", "no-such"))
    assert len(admin.list_offices(database, boss)) == 2


def test_an_office_edit_is_saved_and_a_stale_one_refused(database: Database,
                                                        boss: Actor) -> None:
    row = admin.list_offices(database, boss)[0]
    changed = admin.OfficeDetails("AST", "Астана кеңсесі", "71", "Мәңгілік Ел, 8", "", False)
    assert admin.edit_office(database, boss, row.id, row.version, changed) == row.version + 1
    assert admin.list_offices(database, boss)[0].details == changed
    with pytest.raises(StaleRecord):
        admin.edit_office(database, boss, row.id, row.version, row.details)


def test_the_centers_details_saved_are_read_back(database: Database, boss: Actor) -> None:
    read = admin.center_details(database, boss)
    assert (read.name, read.address, read.phone) == ("«Қадам» орталығы", "Астана",
                                                     "+7 7172 000000")
    admin.save_center(database, boss, name=" «Қадам» бейімдеу орталығы ",
                      address="Астана, Мәңгілік Ел, 8", phone="+7 7172 55 00 00",
                      version=read.version)
    again = admin.center_details(database, boss)
    assert (again.name, again.address, again.phone) == (
        "«Қадам» бейімдеу орталығы", "Астана, Мәңгілік Ел, 8", "+7 7172 55 00 00")
    with pytest.raises(StaleRecord):
        admin.save_center(database, boss, name="Old", address="", phone="",
                          version=read.version)
    with pytest.raises(admin.InvalidEntry):
        admin.save_center(database, boss, name=" ", address="", phone="",
                          version=again.version)


def test_the_center_row_is_created_when_missing(database: Database, boss: Actor) -> None:
    with database.session() as session:
        session.delete(session.scalar(select(Center)))
    assert admin.center_details(database, boss) == admin.CenterDetails("", "", "", None)
    version = admin.save_center(database, boss, name="Орталық", address="", phone="",
                                version=None)
    assert admin.center_details(database, boss) == admin.CenterDetails("Орталық", "", "",
                                                                       version)
    with database.session() as session:
        assert len(session.scalars(select(Center)).all()) == 1


def test_the_command_line_adds_a_user(database: Database, boss: Actor) -> None:
    admin.add_user_command(database, LOCAL_OPERATOR, "Cw.Ast", "caseworker",
                           "Айгерім Сапарова", "ast", "құпия-сөз-1")
    actor = log_in(database, "cw.ast", "құпия-сөз-1")
    assert (actor.role, actor.office_code) == (Role.CASEWORKER, "AST")
    with database.session() as session:
        assert session.get(User, actor.user_id).created_by is None  # no one was logged in
    with pytest.raises(admin.UnknownOffice) as unknown:
        admin.add_user_command(database, LOCAL_OPERATOR, "x", "manager", "X", "zzz", PASSWORD)
    assert describe(unknown.value) == "There is no office with the code “ZZZ”."
    with pytest.raises(admin.InvalidEntry):
        admin.add_user_command(database, LOCAL_OPERATOR, "x", "boss", "X", "AST", PASSWORD)
    with pytest.raises(admin.LoginTaken):
        admin.add_user_command(database, LOCAL_OPERATOR, "CW.AST", "manager", "X", "AST",
                               PASSWORD)


def test_the_command_line_needs_an_administrator_too(database: Database, boss: Actor) -> None:
    new_user(database, boss, "erlan")
    caseworker = log_in(database, "erlan", PASSWORD)
    with pytest.raises(AccessDenied):
        admin.add_user_command(database, caseworker, "x", "manager", "X", "AST", PASSWORD)


# ---- access is re-checked on every call ------------------------------------------------


def test_a_deactivated_user_loses_access_with_their_very_next_call(database: Database,
                                                                   boss: Actor) -> None:
    new_user(database, boss, "second", Role.ADMIN)
    second = log_in(database, "second", PASSWORD)  # their window stays open with this actor
    assert len(admin.list_users(database, second)) == 2
    row = row_of(database, boss, "second")
    admin.set_user_active(database, boss, row.id, row.version, False)
    for call in (lambda: admin.list_users(database, second),
                 lambda: admin.center_details(database, second),
                 lambda: admin.set_user_active(database, second, boss.user_id, 1, False)):
        with pytest.raises(AccessDenied) as refused:
            call()
        assert refused.value.reason is Denial.ACCOUNT
    assert describe(refused.value).startswith("Your account has been deactivated")
    assert row_of(database, boss, "admin").active  # the refused call changed nothing


def test_a_demoted_administrator_loses_the_administration_at_once(database: Database,
                                                                  boss: Actor) -> None:
    new_user(database, boss, "second", Role.ADMIN)
    second = log_in(database, "second", PASSWORD)
    row = row_of(database, boss, "second")
    admin.edit_user(database, boss, row.id, row.version, full_name=row.full_name,
                    role=Role.MANAGER, office_id=row.office_id)
    with pytest.raises(AccessDenied) as refused:
        admin.list_users(database, second)
    assert refused.value.reason is Denial.PERMISSION
    with pytest.raises(AccessDenied):
        admin.add_user(database, second, login="back-door", full_name="X", role=Role.ADMIN,
                       office_id=second.office_id, password=PASSWORD)
    assert [row.login for row in admin.list_users(database, boss)] == ["admin", "second"]


# ---- two administrators at the same moment ----------------------------------------------


def both_at_once(monkeypatch: pytest.MonkeyPatch, calls: list[Callable[[], Any]],
                 database: Database | None = None) -> list[BaseException | None]:
    """Run the calls on threads of their own, each held after counting the administrators
    until all have counted: the worst interleaving, every time.

    On PostgreSQL that interleaving cannot happen: the count locks the administrators'
    rows, so the second call waits inside it for the first to commit. The first is then
    held for a moment only (the barrier gives up), long enough for the second to be
    waiting on the lock, and goes on."""
    server = database is not None and database.engine.dialect.name == "postgresql"
    barrier = threading.Barrier(len(calls), timeout=1 if server else 10)
    counted = admin._keep_an_administrator

    def count_then_wait(*args: Any, **kwargs: Any) -> None:
        try:
            counted(*args, **kwargs)
        finally:
            try:
                barrier.wait()  # refused or not, the other is not left waiting
            except threading.BrokenBarrierError:
                if not server:
                    raise

    monkeypatch.setattr(admin, "_keep_an_administrator", count_then_wait)
    outcomes: list[BaseException | None] = [None] * len(calls)

    def run(number: int) -> None:
        try:
            calls[number]()
        except BaseException as error:  # the outcome under test, kept for the assertions
            outcomes[number] = error

    threads = [threading.Thread(target=run, args=(number,)) for number in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive()
    return outcomes


def refused_as_it_should(outcome: BaseException | None) -> bool:
    return isinstance(outcome, admin.LastAdministrator) or (
        isinstance(outcome, DatabaseProblem) and outcome.kind is Problem.LOCKED)


def active_admins(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(User.login).where(
            User.role == Role.ADMIN, User.active.is_(True))))


@pytest.mark.parametrize("how", ["deactivate", "demote"])
def test_two_administrators_removing_each_other_at_once_leave_one(
        database: Database, boss: Actor, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    new_user(database, boss, "second", Role.ADMIN)
    second = log_in(database, "second", PASSWORD)
    mine, theirs = row_of(database, boss, "admin"), row_of(database, boss, "second")

    def remove(actor: Actor, row: admin.UserRow) -> Callable[[], Any]:
        if how == "deactivate":
            return lambda: admin.set_user_active(database, actor, row.id, row.version, False)
        return lambda: admin.edit_user(database, actor, row.id, row.version,
                                       full_name=row.full_name, role=Role.CASEWORKER,
                                       office_id=row.office_id)

    outcomes = both_at_once(monkeypatch, [remove(boss, theirs), remove(second, mine)],
                            database)

    assert len(active_admins(database)) == 1
    assert sorted(outcome is None for outcome in outcomes) == [False, True], outcomes
    loser = next(outcome for outcome in outcomes if outcome is not None)
    assert refused_as_it_should(loser), repr(loser)


def test_every_problem_reads_as_a_sentence() -> None:
    for problem in admin.Invalid:
        assert admin.invalid_text(problem).endswith(".")
    for error in (admin.LastAdministrator(), admin.OwnAccount(), admin.NoSuchRecord("x"),
                  AccessDenied(None), WeakPassword("x"), admin.OfficeCodeTaken("AST")):
        assert describe(error).endswith(".")


def test_office_code_stored_upper_case(database: Database, boss: Actor) -> None:
    admin.add_office(database, boss, admin.OfficeDetails("shy-2", "Шымкент", "79"))
    with database.session() as session:
        assert session.scalar(select(Office.code).where(Office.name == "Шымкент")) == "SHY-2"
