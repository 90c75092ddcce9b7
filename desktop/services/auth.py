"""Who is working: first-run set-up, login, and what each role may do.

Roles are enforced here, in the service layer, not only by hiding buttons: a
caseworker works on the clients of their own office; a manager also sees
reports and every caseworker's queue; an administrator manages users, offices,
the center's details and the reference lists.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from db.models import Center, Office, Person, Role, User
from db.session import Database
from desktop.i18n import N_

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
MIN_PASSWORD_LENGTH = 8


class Permission(enum.Enum):
    WORK_WITH_CLIENTS = "work_with_clients"
    SEE_ALL_OFFICES = "see_all_offices"
    VIEW_REPORTS = "view_reports"
    SEE_ALL_QUEUES = "see_all_queues"
    ADMINISTER = "administer"


ROLE_LABELS = {Role.CASEWORKER: N_("Caseworker"), Role.MANAGER: N_("Manager"),
               Role.ADMIN: N_("Administrator")}

GRANTS = {
    Role.CASEWORKER: {Permission.WORK_WITH_CLIENTS},
    Role.MANAGER: {Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_OFFICES,
                   Permission.VIEW_REPORTS, Permission.SEE_ALL_QUEUES},
    Role.ADMIN: set(Permission),
}


class AccessDenied(Exception):
    def __init__(self, permission: Permission | None = None) -> None:
        super().__init__(permission.value if permission else "office")
        self.permission = permission


class LoginFailed(Exception):
    """Wrong login or password, or a deactivated user (the message never says which)."""


class WeakPassword(ValueError):
    pass


@dataclass(frozen=True)
class Actor:
    """The logged-in user, passed to every service call that reads or changes data."""

    user_id: uuid.UUID
    login: str
    full_name: str
    role: Role
    office_id: uuid.UUID | None
    office_code: str
    office_name: str

    def can(self, permission: Permission) -> bool:
        return permission in GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise AccessDenied(permission)

    @property
    def office_scope(self) -> uuid.UUID | None:
        """The only office whose clients this user may see; None means every office."""
        return None if self.can(Permission.SEE_ALL_OFFICES) else self.office_id


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(password)
    return _hasher.hash(password)


def needs_setup(database: Database) -> bool:
    """A new database: no administrator who can log in yet."""
    with database.session() as session:
        admins = session.scalar(select(func.count()).select_from(User).where(
            User.role == Role.ADMIN, User.active.is_(True), User.password_hash.is_not(None)))
    return not admins


def set_up(database: Database, *, center_name: str, center_address: str, center_phone: str,
           office_code: str, office_name: str, region_code: str, admin_login: str,
           admin_name: str, admin_password: str) -> Actor:
    """First run: the center, its first office and the first administrator, in one transaction."""
    password_hash = hash_password(admin_password)
    with database.session() as session:
        center = session.scalar(select(Center))
        if center is None:
            session.add(Center(name=center_name, address=center_address, phone=center_phone))
        else:
            center.name, center.address, center.phone = center_name, center_address, center_phone
        office = Office(code=office_code.strip().upper(), name=office_name.strip(),
                        region_code=region_code)
        session.add(office)
        session.flush()
        admin = User(login=admin_login.strip().lower(), full_name=admin_name.strip(),
                     role=Role.ADMIN, office_id=office.id, password_hash=password_hash)
        session.add(admin)
        session.flush()
        return _actor(admin, office)


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


def ensure_person_access(database: Database, actor: Actor, person_id: uuid.UUID) -> None:
    """Refuse a person of another office to a user who works in one office only."""
    actor.require(Permission.WORK_WITH_CLIENTS)
    scope = actor.office_scope
    if scope is None:
        return
    with database.session() as session:
        office = session.scalar(select(Person.office_id).where(Person.id == person_id))
    if office != scope:
        raise AccessDenied(None)


def _actor(user: User, office: Office | None) -> Actor:
    return Actor(user.id, user.login, user.full_name, user.role, user.office_id,
                 office.code if office else "", office.name if office else "")
