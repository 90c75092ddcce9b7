"""Who may call what: roles, the actor, and the declaration every public service carries.

Each public function of ``desktop.services`` says who may call it, once, with a
decorator; ``tests/services/test_access_declared.py`` fails on one that says
nothing. ``requires`` re-reads the actor from the database on every call, so a
user who is deactivated or given another role loses access at once, not at
their next login, and the checks run in the service, never only in the window.
"""

from __future__ import annotations

import enum
import functools
import inspect
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from sqlalchemy import bindparam, select

from db.models import Office, Role, User
from db.session import Database
from desktop.i18n import N_

F = TypeVar("F", bound=Callable[..., Any])


class Permission(enum.Enum):
    WORK_WITH_CLIENTS = "work_with_clients"
    SEE_ALL_OFFICES = "see_all_offices"
    VIEW_REPORTS = "view_reports"
    SEE_ALL_QUEUES = "see_all_queues"
    PLAN_SERVICES = "plan_services"  # open, reschedule and close course groups
    ADMINISTER = "administer"


ROLE_LABELS = {Role.CASEWORKER: N_("Caseworker"), Role.MANAGER: N_("Manager"),
               Role.ADMIN: N_("Administrator")}

GRANTS = {
    Role.CASEWORKER: {Permission.WORK_WITH_CLIENTS},
    Role.MANAGER: {Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_OFFICES,
                   Permission.VIEW_REPORTS, Permission.SEE_ALL_QUEUES,
                   Permission.PLAN_SERVICES},
    Role.ADMIN: set(Permission),
}


class Denial(enum.Enum):
    PERMISSION = "permission"  # the role does not allow it
    OFFICE = "office"  # a record of another office
    ACCOUNT = "account"  # the account was deactivated or removed since login
    SET_UP = "set_up"  # the first-run set-up, once the center exists


class AccessDenied(Exception):
    def __init__(self, permission: Permission | None = None,
                 reason: Denial | None = None) -> None:
        self.permission = permission
        self.reason = reason or (Denial.PERMISSION if permission else Denial.OFFICE)
        super().__init__(permission.value if permission else self.reason.value)


@dataclass(frozen=True)
class Actor:
    """The logged-in user, passed to every service call that reads or changes data."""

    user_id: uuid.UUID | None
    login: str
    full_name: str
    role: Role
    office_id: uuid.UUID | None
    office_code: str
    office_name: str
    # Whoever runs a command on this machine, with no login (the command line until
    # commands ask for one): nothing to re-read, every office.
    local: bool = False

    def can(self, permission: Permission) -> bool:
        return permission in GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise AccessDenied(permission)

    def require_office(self, office_id: uuid.UUID | None) -> None:
        """AccessDenied unless a record of that office is this user's to see."""
        scope = self.office_scope
        if scope is not None and office_id != scope:
            raise AccessDenied(None)

    @property
    def office_scope(self) -> uuid.UUID | None:
        """The only office whose clients this user may see; None means every office."""
        return None if self.can(Permission.SEE_ALL_OFFICES) else self.office_id


LOCAL_OPERATOR = Actor(None, "", "", Role.ADMIN, None, "", "", local=True)


class Offices(enum.Enum):
    OWN = "own"  # limited to the actor's office unless their role sees every office
    ALL = "all"  # not limited by office (what the permission itself covers)


@dataclass(frozen=True)
class Declaration:
    """What a service function says of its callers (read by the declaration test)."""

    permissions: frozenset[Permission]
    offices: Offices | None  # None: no records of any office are involved
    reason: str = ""  # why no login is needed, for ``anyone`` and ``pure``


# Built once: it runs on every service call, so only its execution should cost anything.
_ACTOR_NOW = (select(User.login, User.full_name, User.role, User.office_id, User.active,
                     Office.code, Office.name)
              .outerjoin(Office, Office.id == User.office_id)
              .where(User.id == bindparam("user_id")))


def current_actor(database: Database, actor: Actor) -> Actor:
    """The actor as the database knows them now; AccessDenied if their account is gone."""
    if actor.local:
        return actor
    with database.reading() as connection:
        row = connection.execute(_ACTOR_NOW, {"user_id": actor.user_id}).first()
    if row is None or not row.active:
        raise AccessDenied(reason=Denial.ACCOUNT)
    return replace(actor, login=row.login, full_name=row.full_name, role=row.role,
                   office_id=row.office_id, office_code=row.code or "",
                   office_name=row.name or "")


def requires(*permissions: Permission, offices: Offices = Offices.OWN) -> Callable[[F], F]:
    """The caller must hold every permission; the function gets the actor re-read."""

    def decorate(function: F) -> F:
        names = list(inspect.signature(function).parameters)
        database_at, actor_at = names.index("database"), names.index("actor")

        @functools.wraps(function)
        def checked(*args: Any, **kwargs: Any) -> Any:
            database = args[database_at] if len(args) > database_at else kwargs["database"]
            given = args[actor_at] if len(args) > actor_at else kwargs["actor"]
            actor = current_actor(database, given)
            for permission in permissions:
                actor.require(permission)
            if len(args) > actor_at:
                args = (*args[:actor_at], actor, *args[actor_at + 1:])
            else:
                kwargs["actor"] = actor
            return function(*args, **kwargs)

        checked.__access__ = Declaration(frozenset(permissions), offices)  # type: ignore[attr-defined]
        return checked  # type: ignore[return-value]

    return decorate


def anyone(reason: str) -> Callable[[F], F]:
    """No login needed (logging in, the first-run set-up); ``reason`` says why that is safe."""

    def decorate(function: F) -> F:
        function.__access__ = Declaration(frozenset(), None, reason)  # type: ignore[attr-defined]
        return function

    return decorate


def pure(function: F) -> F:
    """Reads and writes no data: rules, wording, formatting."""
    function.__access__ = Declaration(frozenset(), None, "no data")  # type: ignore[attr-defined]
    return function


def within_checked_call(function: F) -> F:
    """A step of another service's unit of work (it takes that session), which checked first."""
    function.__access__ = Declaration(  # type: ignore[attr-defined]
        frozenset(), Offices.OWN, "a step inside a checked call")
    return function
