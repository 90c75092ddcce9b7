"""The profile's rules, checked as the caseworker types and again on save; and the save."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from db.errors import DuplicateIin, UniqueViolation
from db.models import Person
from db.queries import client_file as queries
from db.queries.client_file import PROFILE_COLUMNS
from db.session import Database
from db.translit import to_passport_latin
from desktop.domain.emails import is_email
from desktop.domain.iin import IinCheck, IinHint, check_iin, iin_hints
from desktop.domain.person_fields import EARLIEST_DATE, is_name, known_countries
from desktop.domain.phones import is_phone, stored_phone
from desktop.i18n import LANGUAGES, _, format_date
from desktop.services.access import Actor, Permission, pure, requires
from desktop.services.auth import check_person_office
from desktop.services.client_file.items import NoSuchClient
from desktop.services.client_file.labels import SEXES
from desktop.services.intake import InvalidIin
from desktop.services.versions import stale

PROFILE_FIELDS = PROFILE_COLUMNS
TEXT_FIELDS = frozenset({"surname", "given_name", "patronymic", "surname_latin",
                         "given_name_latin", "name_original", "locality", "address", "phone",
                         "email", "messenger", "profession", "notes"})
DATE_FIELDS = frozenset({"birth_date", "arrival_date", "consent_date"})
NAME_FIELDS = ("surname", "given_name", "patronymic")
LATIN_FIELDS = ("surname_latin", "given_name_latin")
MAX_TEXT = {"address": 500, "notes": 2000}  # others: 200
MULTILINE_FIELDS = frozenset({"address", "notes"})  # kept as typed, but for the ends


class FieldProblem(enum.Enum):
    REQUIRED = "required"
    NOT_A_NAME = "not_a_name"
    NOT_LATIN = "not_latin"
    TOO_LONG = "too_long"
    FUTURE_DATE = "future_date"
    TOO_EARLY = "too_early"
    BEFORE_BIRTH = "before_birth"
    PHONE = "phone"
    EMAIL = "email"
    UNKNOWN_CHOICE = "unknown_choice"
    CONSENT_FORM_MISSING = "consent_form_missing"
    CONSENT_DATE_MISSING = "consent_date_missing"


class InvalidProfile(ValueError):
    def __init__(self, problems: dict[str, FieldProblem]) -> None:
        super().__init__(", ".join(f"{k}: {p.value}" for k, p in problems.items()))
        self.problems = problems


@pure
def normalise(field: str, value: Any) -> Any:
    """The value as it is stored: text trimmed, an empty choice None, the IIN without spaces,
    a phone number in E.164."""
    if field == "phone":
        # Kept as typed when it is no number: the rules then say so, if it was changed.
        text = " ".join(str(value or "").split())
        return stored_phone(text) or text
    if field in TEXT_FIELDS:
        return (str(value or "").strip() if field in MULTILINE_FIELDS
                else " ".join(str(value or "").split()))
    if field in DATE_FIELDS:
        return value or None
    if field == "iin":
        text = "".join(str(value or "").split()).replace("-", "")
        return text or None
    return value or None


@pure
def profile_changes(original: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The fields whose normalised value differs from the stored one."""
    changes = {}
    for field, value in values.items():
        new = normalise(field, value)
        if new != original.get(field):
            changes[field] = new
    return changes



@pure
def check_profile(values: Mapping[str, Any], today: date | None = None) -> dict[str, FieldProblem]:
    """Every rule a profile breaks, by field (the IIN has its own: ``check_iin``)."""
    today = today or date.today()
    problems: dict[str, FieldProblem] = {}
    for field in TEXT_FIELDS:
        if len(values.get(field) or "") > MAX_TEXT.get(field, 200):
            problems[field] = FieldProblem.TOO_LONG
    for field in (*NAME_FIELDS, *LATIN_FIELDS):
        text = values.get(field) or ""
        script = "LATIN" if field in LATIN_FIELDS else None  # Cyrillic fields: any letters
        if text and field not in problems and not is_name(text, script):
            problems[field] = (FieldProblem.NOT_LATIN if field in LATIN_FIELDS
                               else FieldProblem.NOT_A_NAME)
    if not (values.get("given_name") or "").strip():
        problems["given_name"] = FieldProblem.REQUIRED
    if not values.get("category_code"):
        problems["category_code"] = FieldProblem.REQUIRED
    birth = values.get("birth_date")
    for field in DATE_FIELDS:
        when = values.get(field)
        if when is None:
            continue
        if when > today:
            problems[field] = FieldProblem.FUTURE_DATE
        elif when < EARLIEST_DATE:
            problems[field] = FieldProblem.TOO_EARLY
        elif field == "arrival_date" and birth is not None and when < birth:
            problems[field] = FieldProblem.BEFORE_BIRTH
    phone = values.get("phone") or ""
    if phone and not is_phone(phone):
        problems["phone"] = FieldProblem.PHONE
    email = values.get("email") or ""
    if email and not is_email(email):
        problems["email"] = FieldProblem.EMAIL
    if values.get("sex") not in (None, "M", "F"):
        problems["sex"] = FieldProblem.UNKNOWN_CHOICE
    if values.get("preferred_language") not in LANGUAGES:
        problems["preferred_language"] = FieldProblem.UNKNOWN_CHOICE
    for field in ("citizenship", "country_of_origin"):
        if values.get(field) is not None and values[field] not in known_countries():
            problems[field] = FieldProblem.UNKNOWN_CHOICE
    if values.get("consent_date") and not values.get("consent_form_code"):
        problems["consent_form_code"] = FieldProblem.CONSENT_FORM_MISSING
    if values.get("consent_form_code") and not values.get("consent_date"):
        problems.setdefault("consent_date", FieldProblem.CONSENT_DATE_MISSING)
    return problems


@pure
def profile_problems(original: Mapping[str, Any], values: Mapping[str, Any],
                     today: date | None = None) -> dict[str, FieldProblem]:
    """The problems an edit brings: every rule on an edited field, but a flaw already
    stored in an untouched field never blocks saving the others."""
    edited = {**original, **{f: normalise(f, v) for f, v in values.items()}}
    before = check_profile(original, today)
    return {field: problem for field, problem in check_profile(edited, today).items()
            if edited.get(field) != original.get(field) or before.get(field) != problem}


@pure
def field_problem_text(problem: FieldProblem) -> str:
    return {
        FieldProblem.REQUIRED: _("Required."),
        FieldProblem.NOT_A_NAME: _("Letters, spaces, hyphens and apostrophes only."),
        FieldProblem.NOT_LATIN: _("Latin letters only, as in the passport."),
        FieldProblem.TOO_LONG: _("Too long."),
        FieldProblem.FUTURE_DATE: _("This date is still to come."),
        FieldProblem.TOO_EARLY: _("This date is too long ago: check the year."),
        FieldProblem.BEFORE_BIRTH: _("This date is before the birth date."),
        FieldProblem.PHONE: _(
            "This is not a phone number: check the digits; a number abroad starts with + "
            "and its country code."),
        FieldProblem.EMAIL: _("This is not an email address."),
        FieldProblem.UNKNOWN_CHOICE: _("Choose from the list."),
        FieldProblem.CONSENT_FORM_MISSING: _("Choose how consent was given."),
        FieldProblem.CONSENT_DATE_MISSING: _("Enter the date consent was given."),
    }[problem]


@pure
def iin_hint_text(hint: IinHint, check: IinCheck) -> str:
    """A warning, never a refusal: IINs issued since 2013 need not encode date and sex."""
    if hint is IinHint.BIRTH_DATE_MISMATCH:
        return _("The IIN suggests the birth date {date}; check both.").format(
            date=format_date(check.encoded_birth_date))
    return _("The IIN suggests the sex “{sex}”; check both.").format(
        sex=_(SEXES.get(check.encoded_sex or "", "")))


@pure
def iin_warnings(iin: str, birth_date: date | None, sex: str | None) -> list[IinHint]:
    return iin_hints(check_iin(iin), birth_date, sex) if iin else []


@requires(Permission.WORK_WITH_CLIENTS)
def save_profile(database: Database, actor: Actor, person_id: uuid.UUID, version: int,
                 changes: Mapping[str, Any], today: date | None = None) -> int:
    """Write the changed profile fields; returns the record's new version.

    Refuses another office's client (AccessDenied), an invalid IIN (InvalidIin), one
    registered to someone else (DuplicateIin), a broken rule (InvalidProfile) and a
    record changed since ``version`` was read (StaleRecord); nothing is written then.
    """
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    wanted = {field: normalise(field, value) for field, value in changes.items()}
    if wanted.get("iin") is not None:
        check = check_iin(wanted["iin"])
        if check.problem is not None:
            raise InvalidIin(check.problem)
        wanted["iin"] = check.value
    try:
        with database.session(actor.user_id) as session:
            check_person_office(session.connection(), actor, person_id)
            person = session.get(Person, person_id)
            if person is None:
                raise NoSuchClient(person_id)
            if person.version != version:
                raise stale(session, person)
            current = {field: getattr(person, field) for field in PROFILE_FIELDS}
            wanted = {f: v for f, v in wanted.items() if v != current[f]}
            problems = profile_problems(current, wanted, today)
            if problems:
                raise InvalidProfile(problems)
            if wanted.get("iin") is not None:
                other = queries.person_with_iin(session.connection(), wanted["iin"])
                if other is not None and other != person_id:
                    raise DuplicateIin(wanted["iin"], other)
            for field, value in wanted.items():
                setattr(person, field, value)
            # As at registration: a name with no Latin form gets the passport transliteration.
            if not person.surname_latin and person.surname:
                person.surname_latin = to_passport_latin(person.surname)
            if not person.given_name_latin and person.given_name:
                person.given_name_latin = to_passport_latin(person.given_name)
            if "consent_date" in wanted or "consent_form_code" in wanted:
                person.consent_recorded_by = actor.user_id
            session.flush()
            new_version = person.version
    except UniqueViolation as error:
        # Someone registered the same IIN between our check and our write.
        if wanted.get("iin") is not None and error.constraint == "uq_person_iin":
            raise DuplicateIin(wanted["iin"], None) from error
        raise
    return new_version




