"""Who is working: first-run set-up, login, and what each role may do.

Roles are enforced here, in the service layer, not only by hiding buttons: a
caseworker works on the clients of their own office; a manager also sees
reports and every caseworker's queue; an administrator manages users, offices,
the center's details and the reference lists.
"""

from __future__ import annotations

import enum
import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, func, select

from db.locks import take_turns
from db.models import Center, Office, Person, Role, User
from db.session import Database
from desktop.services.access import (
    LOCAL_OPERATOR,
    ROLE_LABELS,
    AccessDenied,
    Actor,
    Denial,
    Permission,
    anyone,
    pure,
    requires,
    within_checked_call,
)

# Re-exported: callers ask "who is working" here, the rules live in ``access``.
__all__ = ["LOCAL_OPERATOR", "ROLE_LABELS", "AccessDenied", "Actor", "LoginFailed", "Permission",
           "StartState", "WeakPassword", "check_person_office", "ensure_person_access",
           "hash_password", "log_in", "set_up", "start_state"]

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
MIN_PASSWORD_LENGTH = 8


class LoginFailed(Exception):
    """Wrong login or password, or a deactivated user (the message never says which)."""


class WeakPassword(ValueError):
    pass


class StartState(enum.Enum):
    NEW = "new"  # no center yet: the first-run set-up
    READY = "ready"  # a center with an administrator who can log in
    NO_ADMINISTRATOR = "no_administrator"  # a center whose administrators are all gone


@pure
def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword  # never the password itself: error texts reach the log
    return _hasher.hash(password)


@anyone("tells the start-up whether to ask for a login or set a new center up")
def start_state(database: Database) -> StartState:
    with database.reading() as connection:
        if connection.scalar(select(func.count()).select_from(Center)) == 0:
            return StartState.NEW
        admins = connection.scalar(select(func.count()).select_from(User).where(
            User.role == Role.ADMIN, User.active.is_(True), User.password_hash.is_not(None)))
    return StartState.READY if admins else StartState.NO_ADMINISTRATOR


@anyone("allowed once, on a database with no center; refused from then on")
def set_up(database: Database, *, center_name: str, center_address: str, center_phone: str,
           office_code: str, office_name: str, region_code: str, admin_login: str,
           admin_name: str, admin_password: str) -> Actor:
    """First run: the center, its first office and the first administrator, in one transaction.

    Refused once a center exists: checked before anything is written, and again once
    the new center is (SQLite's driver reads outside the transaction until its first
    write, which then holds the one write lock to the commit; on PostgreSQL the center
    table is locked first, see ``db.locks``), so two set-ups racing on one new database
    cannot both create a center.
    """
    password_hash = hash_password(admin_password)
    with database.session() as session:
        take_turns(session, Center.__table__)  # PostgreSQL: the second set-up waits here
        if session.scalar(select(func.count()).select_from(Center)):
            raise AccessDenied(reason=Denial.SET_UP)
        session.add(Center(name=center_name, address=center_address, phone=center_phone))
        session.flush()
        if session.scalar(select(func.count()).select_from(Center)) > 1:
            raise AccessDenied(reason=Denial.SET_UP)  # another set-up came first
        office = Office(code=office_code.strip().upper(), name=office_name.strip(),
                        region_code=region_code)
        session.add(office)
        session.flush()
        admin = User(login=admin_login.strip().lower(), full_name=admin_name.strip(),
                     role=Role.ADMIN, office_id=office.id, password_hash=password_hash)
        session.add(admin)
        session.flush()
        return _actor(admin, office)


@anyone("logging in is how a user becomes an actor")
def log_in(database: Database, login: str, password: str) -> Actor:
    with database.session() as session:
        user = session.scalar(select(User).where(User.login == login.strip().lower()))
        if user is None or not user.active or not user.password_hash:
            _hasher.hash(password)  # same time as a real check: no hint that the login exists
            raise LoginFailed
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            raise LoginFailed from None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        office = session.get(Office, user.office_id) if user.office_id else None
        return _actor(user, office)


@within_checked_call
def check_person_office(connection: Connection, actor: Actor, person_id: uuid.UUID) -> None:
    """Refuse a person of another office (or none) to a user who works in one office only;
    on the caller's connection, so the check and the work see the same data."""
    scope = actor.office_scope
    if scope is None:
        return
    office = connection.scalar(select(Person.office_id).where(Person.id == person_id))
    if office != scope:
        raise AccessDenied(None)


@requires(Permission.WORK_WITH_CLIENTS)
def ensure_person_access(database: Database, actor: Actor, person_id: uuid.UUID) -> None:
    """Refuse a person of another office to a user who works in one office only."""
    with database.reading() as connection:
        check_person_office(connection, actor, person_id)


def _actor(user: User, office: Office | None) -> Actor:
    return Actor(user.id, user.login, user.full_name, user.role, user.office_id,
                 office.code if office else "", office.name if office else "")
