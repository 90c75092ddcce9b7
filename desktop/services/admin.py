"""Administration: the people who use Qadam, the offices, and the center's details.

Every function here requires ``Permission.ADMINISTER`` of the actor it is given
and writes in one unit of work under the actor's id, so the audit log says who
made each change. Edits take the version the caller read and refuse a record
someone changed since (StaleRecord), before anything is written.

Two rules protect the center from locking itself out: the last active
administrator who can log in is never deactivated or demoted, and nobody
deactivates or demotes their own account (they would lose this screen mid-use).
"""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from db.errors import UniqueViolation
from db.models import Center, Office, Role, User
from db.models.reference import Region
from db.session import Database
from desktop.i18n import _, current_language
from desktop.services.access import Actor, Offices, Permission, pure, requires
from desktop.services.auth import MIN_PASSWORD_LENGTH, hash_password
from desktop.services.versions import require_version, stale

LOGIN_MAX = 64  # app_user.login column width
CODE_MAX = 16  # office.code column width
_LOGIN_PATTERN = re.compile(r"[^\s]+")
_CODE_PATTERN = re.compile(r"[A-Z0-9_-]+")  # printed in reports and typed at the command line


# ---- problems ----------------------------------------------------------------------


class Invalid(enum.Enum):
    LOGIN_EMPTY = "login_empty"
    LOGIN_SPACES = "login_spaces"
    LOGIN_LONG = "login_long"
    NAME_EMPTY = "name_empty"
    ROLE_UNKNOWN = "role_unknown"
    OFFICE_MISSING = "office_missing"
    OFFICE_INACTIVE = "office_inactive"
    CODE_EMPTY = "code_empty"
    CODE_CHARACTERS = "code_characters"
    CODE_LONG = "code_long"
    OFFICE_NAME_EMPTY = "office_name_empty"
    REGION_MISSING = "region_missing"
    CENTER_NAME_EMPTY = "center_name_empty"


class InvalidEntry(ValueError):
    """Fields that break a rule, each with what is wrong: ``{field: Invalid}``."""

    def __init__(self, problems: dict[str, Invalid]) -> None:
        super().__init__(", ".join(f"{k}: {v.value}" for k, v in problems.items()))
        self.problems = problems


class LoginTaken(ValueError):
    def __init__(self, login: str) -> None:
        super().__init__(login)
        self.login = login


class OfficeCodeTaken(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class UnknownOffice(LookupError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class NoSuchRecord(LookupError):
    """The user or office was removed (or never existed) since the list was read."""


class LastAdministrator(Exception):
    """The change would leave no active administrator who can log in."""


class OwnAccount(Exception):
    """Administrators may not deactivate or demote themselves."""


# ---- what the screens show ---------------------------------------------------------


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    login: str
    full_name: str
    role: Role
    office_id: uuid.UUID | None
    office_code: str
    active: bool
    version: int


@dataclass(frozen=True)
class OfficeDetails:
    """What an administrator types for an office; ``name`` is its name in Kazakh, the
    others may stay empty (a report in that language then prints the Kazakh one)."""

    code: str
    name: str
    region_code: str | None
    address: str = ""
    phone: str = ""
    active: bool = True
    name_ru: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class OfficeRow:
    id: uuid.UUID
    code: str
    name: str
    region_code: str
    region: str  # label in the UI language
    address: str
    phone: str
    active: bool
    version: int
    name_ru: str = ""
    name_en: str = ""

    @property
    def details(self) -> OfficeDetails:
        return OfficeDetails(self.code, self.name, self.region_code, self.address, self.phone,
                             self.active, self.name_ru, self.name_en)


@dataclass(frozen=True)
class CenterDetails:
    name: str  # in Kazakh; name_ru and name_en may be empty
    address: str
    phone: str
    version: int | None  # None: no center row yet; saving creates it
    name_ru: str = ""
    name_en: str = ""
    director_name: str = ""  # who approves the reports
    director_position: str = ""


# ---- rules that need no database (the dialogs show them beside each field) ----------


@pure
def normal_login(login: str) -> str:
    return login.strip().lower()  # as auth.log_in compares it


@pure
def normal_code(code: str) -> str:
    return code.strip().upper()


@pure
def user_problems(login: str | None, full_name: str, office_id: uuid.UUID | None
                  ) -> dict[str, Invalid]:
    """Broken rules of a user's fields; ``login`` None when it is not being set."""
    problems: dict[str, Invalid] = {}
    if login is not None:
        login = normal_login(login)
        if not login:
            problems["login"] = Invalid.LOGIN_EMPTY
        elif not _LOGIN_PATTERN.fullmatch(login):
            problems["login"] = Invalid.LOGIN_SPACES
        elif len(login) > LOGIN_MAX:
            problems["login"] = Invalid.LOGIN_LONG
    if not full_name.strip():
        problems["full_name"] = Invalid.NAME_EMPTY
    if office_id is None:
        # A caseworker without an office would see every office's clients (office_scope None).
        problems["office"] = Invalid.OFFICE_MISSING
    return problems


@pure
def office_problems(details: OfficeDetails) -> dict[str, Invalid]:
    problems: dict[str, Invalid] = {}
    code = normal_code(details.code)
    if not code:
        problems["code"] = Invalid.CODE_EMPTY
    elif not _CODE_PATTERN.fullmatch(code):
        problems["code"] = Invalid.CODE_CHARACTERS
    elif len(code) > CODE_MAX:
        problems["code"] = Invalid.CODE_LONG
    if not details.name.strip():
        problems["name"] = Invalid.OFFICE_NAME_EMPTY
    if not details.region_code:
        problems["region"] = Invalid.REGION_MISSING
    return problems


# ---- users ---------------------------------------------------------------------------


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def list_users(database: Database, actor: Actor) -> list[UserRow]:
    """Every user, active or not, by login (a center has tens of users, not thousands)."""
    with database.session() as session:
        rows = session.execute(
            select(User.id, User.login, User.full_name, User.role, User.office_id,
                   func.coalesce(Office.code, ""), User.active, User.version)
            .outerjoin(Office, Office.id == User.office_id).order_by(User.login)).all()
    return [UserRow(*row) for row in rows]


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def add_user(database: Database, actor: Actor, *, login: str, full_name: str, role: Role,
             office_id: uuid.UUID | None, password: str) -> uuid.UUID:
    """Create a user who can log in at once; refuses a login already taken (LoginTaken)."""
    return _create_user(database, actor.user_id, login, full_name, role, office_id, password)


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def edit_user(database: Database, actor: Actor, user_id: uuid.UUID, version: int, *,
              full_name: str, role: Role, office_id: uuid.UUID | None) -> int:
    """Change name, role and office; returns the new version."""
    problems = user_problems(None, full_name, office_id)
    if problems:
        raise InvalidEntry(problems)
    with database.session(actor.user_id) as session:
        user = _current(session, User, user_id, version)
        demoting = user.role is Role.ADMIN and user.active and role is not Role.ADMIN
        if demoting:
            _keep_an_administrator(session, actor, user)
        if office_id != user.office_id:
            _check_office(session, office_id)
        user.full_name, user.role, user.office_id = full_name.strip(), role, office_id
        session.flush()
        if demoting:
            _still_an_administrator(session)
        return user.version


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def set_user_active(database: Database, actor: Actor, user_id: uuid.UUID, version: int,
                    active: bool) -> int:
    """Deactivate (they can no longer log in; their records stay) or reactivate a user."""
    with database.session(actor.user_id) as session:
        user = _current(session, User, user_id, version)
        removing = not active and user.active and user.role is Role.ADMIN
        if removing:
            _keep_an_administrator(session, actor, user)
        if not active and user.id == actor.user_id:
            raise OwnAccount
        user.active = active
        session.flush()
        if removing:
            _still_an_administrator(session)
        return user.version


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def reset_password(database: Database, actor: Actor, user_id: uuid.UUID, version: int,
                   password: str) -> int:
    """Set a new password (the old one stops working at once); returns the new version."""
    password_hash = hash_password(password)  # WeakPassword before anything is read
    with database.session(actor.user_id) as session:
        user = _current(session, User, user_id, version)
        user.password_hash = password_hash
        session.flush()
        return user.version


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def add_user_command(database: Database, actor: Actor, login: str, role: Role | str,
                     full_name: str, office_code: str, password: str) -> None:
    """``qadam user add``: the command line's ``LOCAL_OPERATOR`` (whoever may write the file).

    It is how a center that lost its last administrator's password gets back in;
    with no logged-in user, the audit log records none.
    """
    try:
        chosen = Role(role)
    except ValueError:
        raise InvalidEntry({"role": Invalid.ROLE_UNKNOWN}) from None
    with database.session() as session:
        office_id = session.scalar(select(Office.id).where(Office.code == normal_code(office_code)))
    if office_id is None:
        raise UnknownOffice(normal_code(office_code))
    _create_user(database, actor.user_id, login, full_name, chosen, office_id, password)


def _create_user(database: Database, author: uuid.UUID | None, login: str, full_name: str,
                 role: Role, office_id: uuid.UUID | None, password: str) -> uuid.UUID:
    problems = user_problems(login, full_name, office_id)
    if problems:
        raise InvalidEntry(problems)
    login = normal_login(login)
    password_hash = hash_password(password)
    try:
        with database.session(author) as session:
            if session.scalar(select(User.id).where(User.login == login)) is not None:
                raise LoginTaken(login)
            _check_office(session, office_id)
            user = User(login=login, full_name=full_name.strip(), role=role,
                        office_id=office_id, password_hash=password_hash)
            session.add(user)
            session.flush()
            return user.id
    except UniqueViolation as error:
        # Another administrator took the same login between our check and our write.
        if error.constraint == "uq_app_user_login":
            raise LoginTaken(login) from error
        raise


def _can_administer() -> ColumnElement[bool]:
    """An administrator who can log in (an account with no password cannot)."""
    return (User.role == Role.ADMIN) & User.active.is_(True) & User.password_hash.is_not(None)


def _keep_an_administrator(session: Session, actor: Actor, user: User) -> None:
    """Refuse to take ``user`` out of the administrators if that leaves none, or is oneself.

    The first of two checks, before anything is written, so the usual refusal costs
    nothing. Every administrator's row is locked, ``user``'s too and in one order: on
    PostgreSQL a second administrator doing the same waits here until the first has
    committed, then counts what the first left. (Locking only the *other* administrators
    would not do: two administrators taking each other out lock disjoint rows.)
    """
    administrators = session.scalars(select(User.id).where(_can_administer())
                                     .order_by(User.id).with_for_update()).all()
    if all(found == user.id for found in administrators):
        raise LastAdministrator
    if user.id == actor.user_id:
        raise OwnAccount


def _still_an_administrator(session: Session) -> None:
    """The second check: after the change is flushed, before it commits.

    SQLite ignores FOR UPDATE, and its driver reads outside the transaction until the
    first write, so two administrators removing each other both pass the first check.
    The write takes SQLite's one write lock and holds it to the commit, so counting
    again now sees every earlier commit and no later one can slip in: the second of the
    two finds nobody left and rolls back. (A snapshot gone stale is refused by SQLite
    instead, as ``Problem.LOCKED``: nothing is written either way.)
    """
    left = session.scalar(select(func.count()).select_from(User).where(_can_administer()))
    if not left:
        raise LastAdministrator


def _check_office(session: Session, office_id: uuid.UUID | None) -> None:
    office = session.get(Office, office_id) if office_id is not None else None
    if office is None:
        raise InvalidEntry({"office": Invalid.OFFICE_MISSING})
    if not office.active:
        raise InvalidEntry({"office": Invalid.OFFICE_INACTIVE})


# ---- offices -------------------------------------------------------------------------


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def list_offices(database: Database, actor: Actor) -> list[OfficeRow]:
    """Every office, open or closed, by code, with the region in the UI language."""
    label = getattr(Region, f"label_{current_language()}")
    with database.session() as session:
        rows = session.execute(
            select(Office.id, Office.code, Office.name, Office.region_code,
                   func.coalesce(label, Office.region_code), Office.address, Office.phone,
                   Office.active, Office.version, Office.name_ru, Office.name_en)
            .outerjoin(Region, Region.code == Office.region_code).order_by(Office.code)).all()
    return [OfficeRow(*row) for row in rows]


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def add_office(database: Database, actor: Actor, details: OfficeDetails) -> uuid.UUID:
    code = _checked_office(details)
    try:
        with database.session(actor.user_id) as session:
            _check_office_fields(session, None, code, details)
            office = Office(code=code, **_office_fields(details))
            session.add(office)
            session.flush()
            return office.id
    except UniqueViolation as error:
        raise _code_taken(error, code) from error


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def edit_office(database: Database, actor: Actor, office_id: uuid.UUID, version: int,
                details: OfficeDetails) -> int:
    """Change an office, its code included; returns the new version."""
    code = _checked_office(details)
    try:
        with database.session(actor.user_id) as session:
            office = _current(session, Office, office_id, version)
            _check_office_fields(session, office_id, code, details)
            office.code = code
            for field, value in _office_fields(details).items():
                setattr(office, field, value)
            session.flush()
            return office.version
    except UniqueViolation as error:
        raise _code_taken(error, code) from error


def _checked_office(details: OfficeDetails) -> str:
    problems = office_problems(details)
    if problems:
        raise InvalidEntry(problems)
    return normal_code(details.code)


def _check_office_fields(session: Session, office_id: uuid.UUID | None, code: str,
                         details: OfficeDetails) -> None:
    holder = session.scalar(select(Office.id).where(Office.code == code))
    if holder is not None and holder != office_id:
        raise OfficeCodeTaken(code)
    if session.get(Region, details.region_code) is None:
        raise InvalidEntry({"region": Invalid.REGION_MISSING})


def _office_fields(details: OfficeDetails) -> dict[str, Any]:
    return {"name": details.name.strip(), "region_code": details.region_code,
            "address": details.address.strip(), "phone": details.phone.strip(),
            "active": details.active, "name_ru": details.name_ru.strip(),
            "name_en": details.name_en.strip()}


def _code_taken(error: UniqueViolation, code: str) -> Exception:
    return OfficeCodeTaken(code) if error.constraint == "uq_office_code" else error


# ---- the center ----------------------------------------------------------------------


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def center_details(database: Database, actor: Actor) -> CenterDetails:
    with database.session() as session:
        center = session.scalar(select(Center).order_by(Center.created_at).limit(1))
        if center is None:
            return CenterDetails("", "", "", None)
        return CenterDetails(center.name, center.address, center.phone, center.version,
                             center.name_ru, center.name_en, center.director_name,
                             center.director_position)


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def save_center(database: Database, actor: Actor, *, name: str, address: str, phone: str,
                version: int | None, name_ru: str | None = None, name_en: str | None = None,
                director_name: str | None = None,
                director_position: str | None = None) -> int:
    """Save the details printed on reports; ``version`` None when there was no row yet.

    ``name`` is the Kazakh name. The names in Russian and English and the director's name
    and position stay as stored when not given (None)."""
    if not name.strip():
        raise InvalidEntry({"name": Invalid.CENTER_NAME_EMPTY})
    with database.session(actor.user_id) as session:
        center = session.scalar(select(Center).order_by(Center.created_at).limit(1))
        if center is None:
            if version is not None:
                raise NoSuchRecord("center")
            center = Center(name="")
            session.add(center)
        elif version is None or center.version != version:
            raise stale(session, center)
        center.name, center.address, center.phone = name.strip(), address.strip(), phone.strip()
        for field, value in (("name_ru", name_ru), ("name_en", name_en),
                             ("director_name", director_name),
                             ("director_position", director_position)):
            if value is not None:
                setattr(center, field, value.strip())
        session.flush()
        return center.version


# ---- shared --------------------------------------------------------------------------


def _current(session: Session, model: Any, record_id: uuid.UUID, version: int) -> Any:
    """The record, if it is still as the caller read it."""
    record = session.get(model, record_id)
    if record is None:
        raise NoSuchRecord(model.__tablename__)
    require_version(session, record, version)
    return record


# ---- translated explanations, for the screen and the command line --------------------


@pure
def invalid_text(problem: Invalid) -> str:
    return {
        Invalid.LOGIN_EMPTY: _("Enter a login."),
        Invalid.LOGIN_SPACES: _("A login cannot contain spaces."),
        Invalid.LOGIN_LONG: _("A login has at most {count} characters.").format(count=LOGIN_MAX),
        Invalid.NAME_EMPTY: _("Enter the full name."),
        Invalid.ROLE_UNKNOWN: _("The role is caseworker, manager or admin."),
        Invalid.OFFICE_MISSING: _("Choose an office."),
        Invalid.OFFICE_INACTIVE: _("This office is closed; choose an open one."),
        Invalid.CODE_EMPTY: _("Enter the office code."),
        Invalid.CODE_CHARACTERS: _("An office code holds Latin letters, digits, “-” and “_” "
                                   "only."),
        Invalid.CODE_LONG: _("An office code has at most {count} characters.").format(
            count=CODE_MAX),
        Invalid.OFFICE_NAME_EMPTY: _("Enter the office name."),
        Invalid.REGION_MISSING: _("Choose a region."),
        Invalid.CENTER_NAME_EMPTY: _("Enter the center's name."),
    }[problem]


@pure
def weak_password_text() -> str:
    return _("The password needs at least {count} characters.").format(count=MIN_PASSWORD_LENGTH)
