"""Registering a new client: IIN rules, the duplicate check, and the record itself.

``find_duplicates`` and ``register`` are the raw steps. The intake form calls
the actor-aware functions at the end of this module (``form_choices``,
``validate``, ``duplicates``, ``register_client``, ``may_open``): they check
what the logged-in user may do before anything else.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import DuplicateIin, UniqueViolation
from db.models import Case, CaseStatus, DistinctPair, Office, Person, Role
from db.models.reference import ConsentForm, MigrantCategory, Region
from db.queries.duplicates import ordered_pair
from db.search import find_person_ids
from db.session import Database
from db.translit import search_key, to_passport_latin
from desktop.domain.iin import IinHint, IinProblem, check_iin, iin_hints, mask_iin
from desktop.domain.person_fields import EARLIEST_DATE, is_name, known_countries
from desktop.domain.phones import is_phone, stored_phone
from desktop.i18n import LANGUAGES, _
from desktop.services.access import (
    AccessDenied,
    Actor,
    Offices,
    Permission,
    pure,
    requires,
    within_checked_call,
)
from desktop.services.auth import ensure_person_access
from desktop.services.reference import reference_choices

NAME_MATCH = 85  # rapidfuzz ratio (0-100) above which two names count as the same
NAME_ONLY_MATCH = 93  # a stronger name match is enough when the birth date is a year off


class InvalidIin(ValueError):
    def __init__(self, problem: IinProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass
class NewClient:
    given_name: str
    category_code: str
    office_id: uuid.UUID
    surname: str = ""
    patronymic: str = ""
    surname_latin: str = ""
    given_name_latin: str = ""
    name_original: str = ""
    iin: str = ""
    birth_date: date | None = None
    sex: str | None = None
    citizenship: str | None = None
    country_of_origin: str | None = None
    arrival_date: date | None = None
    region_code: str | None = None
    preferred_language: str = "kk"
    consent_date: date | None = None
    consent_form_code: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def name_keys(self) -> list[str]:
        forms = [f"{self.surname} {self.given_name}",
                 f"{self.surname_latin} {self.given_name_latin}"]
        return [key for key in (" ".join(search_key(w) for w in f.split()) for f in forms) if key]


@dataclass(frozen=True)
class Candidate:
    """An existing client who may be the person being registered."""

    id: uuid.UUID
    name: str
    name_latin: str
    birth_date: date | None
    iin: str | None
    score: int


@pure
def iin_problem(problem: IinProblem) -> str:
    return {
        IinProblem.EMPTY: _("Enter the IIN."),
        IinProblem.NOT_DIGITS: _("An IIN holds digits only."),
        IinProblem.LENGTH: _("An IIN has exactly 12 digits."),
        IinProblem.CHECK_DIGIT: _("The last digit of this IIN does not match the others: "
                                  "check for a typing error."),
        IinProblem.CHECK_DIGIT_UNUSABLE: _("No valid IIN can start with these 11 digits: "
                                           "check for a typing error."),
    }[problem]


@pure
def iin_warnings(client: NewClient) -> list[IinHint]:
    """Soft warnings: the IIN suggests another birth date or sex (never a refusal)."""
    if not client.iin:
        return []
    return iin_hints(check_iin(client.iin), client.birth_date, client.sex)


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def find_duplicates(database: Database, actor: Actor, client: NewClient,
                    limit: int = 10, exclude: Collection[uuid.UUID] = ()) -> list[Candidate]:
    """Clients of every office whose name (in any script) and birth date match or nearly match.

    Every office's, because a client may have moved; ``duplicates`` masks what a
    user of one office may see of them. ``exclude``: people not to offer (the client
    themself and those confirmed distinct, when an existing file is checked).
    """
    keys = client.name_keys()
    if not keys:
        return []
    with database.session() as session:
        ids: set[uuid.UUID] = set()
        if client.birth_date is not None:
            ids.update(session.scalars(select(Person.id).where(
                Person.birth_date.in_(_nearby_dates(client.birth_date)))).all())
        surname = client.surname or client.surname_latin
        if surname:
            ids.update(find_person_ids(session.connection(), surname.split()[0][:4], limit=200))
        if not ids:
            return []
        candidates = []
        for person in session.scalars(select(Person).where(Person.id.in_(ids - set(exclude)))):
            score = _name_score(keys, person)
            if _plausible(score, client.birth_date, person.birth_date):
                candidates.append(Candidate(person.id, person.full_name, person.full_name_latin,
                                            person.birth_date, person.iin, round(score)))
    candidates.sort(key=lambda c: -c.score)
    return candidates[:limit]


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def register(database: Database, actor: Actor, client: NewClient, *, open_case: bool = False,
             today: date | None = None,
             distinct_from: Collection[uuid.UUID] = ()) -> uuid.UUID:
    """Create the person in ``client.office_id``; refuses an invalid IIN, one already
    registered, and codes that are not in the reference lists.

    With ``open_case``, an open case is created for the person in the same
    transaction (in the actor's office, assigned to them if a caseworker), so
    there is never a client without a case after a crash between two steps.
    ``distinct_from``: the similar clients the user saw and said are someone else;
    remembered as pairs in the same transaction, so no later check offers them again.
    Only those the user may work with are remembered: another office's client stays
    raised for someone who can open both files (intake tells the user to ask a manager).
    """
    user_id = actor.user_id
    open_case_by = actor if open_case else None
    iin = None
    if client.iin.strip():
        check = check_iin(client.iin)
        if check.problem is not None:
            raise InvalidIin(check.problem)
        iin = check.value
    try:
        with database.session(user_id) as session:
            unknown = _unknown_codes(session, client)
            if unknown:
                raise InvalidClient(unknown)
            if iin is not None:
                existing = session.scalar(select(Person.id).where(Person.iin == iin))
                if existing is not None:
                    raise DuplicateIin(iin, existing)
            person = Person(
                surname=client.surname.strip(), given_name=client.given_name.strip(),
                patronymic=client.patronymic.strip(),
                surname_latin=client.surname_latin.strip() or to_passport_latin(client.surname),
                given_name_latin=(client.given_name_latin.strip()
                                  or to_passport_latin(client.given_name)),
                name_original=client.name_original.strip(), iin=iin,
                birth_date=client.birth_date, sex=client.sex, citizenship=client.citizenship,
                country_of_origin=client.country_of_origin, category_code=client.category_code,
                arrival_date=client.arrival_date, office_id=client.office_id,
                region_code=client.region_code, preferred_language=client.preferred_language,
                consent_date=client.consent_date, consent_form_code=client.consent_form_code,
                consent_recorded_by=user_id if client.consent_date else None,
                **_stored_extra(client.extra))
            session.add(person)
            session.flush()
            if open_case_by is not None:
                session.add(Case(
                    person_id=person.id, office_id=open_case_by.office_id or client.office_id,
                    caseworker_id=(open_case_by.user_id if open_case_by.role is Role.CASEWORKER
                                   else None),
                    status=CaseStatus.OPEN, opened_on=today or date.today()))
                session.flush()
            _remember_distinct(session, actor, person.id, distinct_from)
            return person.id
    except UniqueViolation as error:
        # Two offices registering the same IIN at the same moment: the unique index decides.
        if iin is not None and error.constraint == "uq_person_iin":
            raise DuplicateIin(iin, None) from error
        raise


def _remember_distinct(session: Session, actor: Actor, person_id: uuid.UUID,
                       others: Collection[uuid.UUID]) -> None:
    if not others:
        return
    scope = actor.office_scope
    query = select(Person.id).where(Person.id.in_(set(others) - {person_id}))
    if scope is not None:
        query = query.where(Person.office_id == scope)
    for other in session.scalars(query):
        low, high = ordered_pair(person_id, other)
        session.add(DistinctPair(person_low_id=low, person_high_id=high))
    session.flush()


def _unknown_codes(session: Session, client: NewClient) -> FieldProblems:
    """Codes that name nothing in their reference list (or an office that is not there):
    refused here with a field to point at, not later by a foreign key."""
    problems: FieldProblems = {}
    for name, model, code in (("category_code", MigrantCategory, client.category_code),
                              ("region_code", Region, client.region_code),
                              ("consent_form_code", ConsentForm, client.consent_form_code),
                              ("office_id", Office, client.office_id)):
        if code is not None and session.get(model, code) is None:
            problems[name] = IntakeProblem.UNKNOWN_CHOICE
    return problems


def _nearby_dates(birth: date) -> list[date]:
    """The date, a day either side, and day and month swapped (a common typing slip)."""
    dates = [birth, birth - timedelta(days=1), birth + timedelta(days=1)]
    if birth.day <= 12 and birth.day != birth.month:
        dates.append(birth.replace(month=birth.day, day=birth.month))  # day <= 12: valid
    return dates


def _name_score(keys: list[str], person: Person) -> float:
    forms = [f"{person.surname} {person.given_name}",
             f"{person.surname_latin} {person.given_name_latin}"]
    theirs = [" ".join(search_key(w) for w in f.split()) for f in forms]
    return max((fuzz.token_sort_ratio(a, b) for a in keys for b in theirs if b), default=0)


def _plausible(score: float, wanted: date | None, found: date | None) -> bool:
    if wanted is None or found is None:
        return score >= NAME_ONLY_MATCH
    if abs((wanted - found).days) <= 1 or (wanted.day, wanted.month) == (found.month, found.day):
        return score >= NAME_MATCH
    return score >= NAME_ONLY_MATCH and abs(wanted.year - found.year) <= 1



# ---- the intake form's rules --------------------------------------------------------------------

# Citizens of Kazakhstan always have an IIN; the foreigners below always hold a passport of
# another country. Refugees, asylum seekers and kandases may be stateless, so their
# citizenship may stay empty (None means stateless, see Person.citizenship).
CITIZEN_CATEGORIES = frozenset({"internal_resettler", "returning_citizen"})
FOREIGN_CATEGORIES = frozenset({"labour_migrant_permit", "labour_migrant_household",
                                "labour_migrant_eaeu", "business_immigrant", "foreign_student"})
STATELESS_CATEGORY = "stateless"
ALWAYS_REQUIRED = frozenset({"given_name", "category_code", "sex", "consent_date",
                             "consent_form_code"})
NAME_FIELDS = ("surname", "given_name", "patronymic")
LATIN_FIELDS = ("surname_latin", "given_name_latin")
MAX_NAME = 100


class IntakeProblem(enum.Enum):
    """Why the form cannot be saved yet, by field (the IIN's own problems are IinProblem)."""

    REQUIRED = "required"
    NOT_CYRILLIC = "not_cyrillic"
    NOT_LATIN = "not_latin"
    TOO_LONG = "too_long"
    FUTURE_DATE = "future_date"
    TOO_EARLY = "too_early"
    BEFORE_BIRTH = "before_birth"
    PHONE = "phone"
    UNKNOWN_CHOICE = "unknown_choice"
    STATELESS_WITH_CITIZENSHIP = "stateless_with_citizenship"


FieldProblems = dict[str, IntakeProblem | IinProblem]


class InvalidClient(ValueError):
    def __init__(self, problems: FieldProblems) -> None:
        super().__init__(", ".join(f"{k}: {p.value}" for k, p in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class IntakeChoices:
    """What the form's lists offer, labelled in the UI language."""

    categories: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    consent_forms: list[tuple[str, str]]
    default_region: str | None  # the region of the user's office


@dataclass(frozen=True)
class Duplicate:
    """A possible duplicate as the intake form may show it: the IIN is always masked."""

    id: uuid.UUID
    name: str
    name_latin: str
    birth_date: date | None
    iin_masked: str
    score: int
    office_code: str
    accessible: bool  # False: another office's client, which this user may not open


@pure
def required_fields(category_code: str | None) -> set[str]:
    """The fields that must be filled for a client of this category."""
    fields = set(ALWAYS_REQUIRED)
    if category_code in CITIZEN_CATEGORIES:
        fields.add("iin")
    if category_code in FOREIGN_CATEGORIES:
        fields.add("citizenship")
    return fields


@pure
def check_client(client: NewClient, today: date | None = None) -> FieldProblems:
    """Every rule the new client breaks, by field; empty when it may be registered."""
    today = today or date.today()
    problems: FieldProblems = {}
    for name in (*NAME_FIELDS, *LATIN_FIELDS):
        text = getattr(client, name).strip()
        if len(text) > MAX_NAME:
            problems[name] = IntakeProblem.TOO_LONG
        elif text and not is_name(text, "LATIN" if name in LATIN_FIELDS else "CYRILLIC"):
            problems[name] = (IntakeProblem.NOT_LATIN if name in LATIN_FIELDS
                              else IntakeProblem.NOT_CYRILLIC)
    if client.iin.strip():
        problem = check_iin(client.iin).problem
        if problem is not None:
            problems["iin"] = problem
    problems.update(_date_problems(client, today))
    phone = str(client.extra.get("phone") or "")
    if phone and not is_phone(phone):
        problems["phone"] = IntakeProblem.PHONE
    if client.sex not in (None, "M", "F"):
        problems["sex"] = IntakeProblem.UNKNOWN_CHOICE
    if client.preferred_language not in LANGUAGES:
        problems["preferred_language"] = IntakeProblem.UNKNOWN_CHOICE
    for name in ("citizenship", "country_of_origin"):
        value = getattr(client, name)
        if value is not None and value not in known_countries():
            problems[name] = IntakeProblem.UNKNOWN_CHOICE
    if client.category_code == STATELESS_CATEGORY and client.citizenship:
        problems["citizenship"] = IntakeProblem.STATELESS_WITH_CITIZENSHIP
    for name in required_fields(client.category_code):
        value = getattr(client, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems[name] = IinProblem.EMPTY if name == "iin" else IntakeProblem.REQUIRED
    return problems


@pure
def problem_text(problem: IntakeProblem | IinProblem) -> str:
    """The problem in the UI language, one short sentence to show beside the field."""
    if isinstance(problem, IinProblem):
        return iin_problem(problem)
    return {
        IntakeProblem.REQUIRED: _("Required."),
        IntakeProblem.NOT_CYRILLIC: _("Cyrillic letters only; the Latin spelling has its own "
                                      "fields."),
        IntakeProblem.NOT_LATIN: _("Latin letters only, as in the passport."),
        IntakeProblem.TOO_LONG: _("Too long."),
        IntakeProblem.FUTURE_DATE: _("This date is still to come."),
        IntakeProblem.TOO_EARLY: _("This date is too long ago: check the year."),
        IntakeProblem.BEFORE_BIRTH: _("This date is before the birth date."),
        IntakeProblem.PHONE: _(
            "This is not a phone number: check the digits; a number abroad starts with + "
            "and its country code."),
        IntakeProblem.UNKNOWN_CHOICE: _("Choose from the list."),
        IntakeProblem.STATELESS_WITH_CITIZENSHIP: _("A stateless person has no citizenship: "
                                                    "leave it empty or change the category."),
    }[problem]


@pure
def validate(client: NewClient, today: date | None = None) -> dict[str, str]:
    """``check_client`` with each problem as translated text."""
    return {name: problem_text(problem) for name, problem in check_client(client, today).items()}


@requires(Permission.WORK_WITH_CLIENTS)
def form_choices(database: Database, actor: Actor) -> IntakeChoices:
    with database.session() as session:
        office = session.get(Office, actor.office_id) if actor.office_id else None
        default_region = office.region_code if office else None
    return IntakeChoices(reference_choices(database, "migrant_category"),
                         reference_choices(database, "region"),
                         reference_choices(database, "consent_form"), default_region)


@dataclass(frozen=True)
class IinHolder:
    """Who an IIN is registered to, as the intake form may say it."""

    id: uuid.UUID
    name: str
    office_code: str
    accessible: bool  # False: another office's client, whose file this user may not open


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def iin_holder(database: Database, actor: Actor, iin: str) -> IinHolder | None:
    """The client a valid IIN already belongs to, in any office (a person may have moved),
    so intake says so as soon as it is typed; None for an IIN nobody holds or an invalid one."""
    check = check_iin(iin)
    if not check.valid:
        return None
    with database.reading() as connection:
        row = connection.execute(
            select(Person.id, Person.surname, Person.given_name, Person.patronymic,
                   Person.office_id, Office.code)
            .join(Office, Office.id == Person.office_id)
            .where(Person.iin == check.value)).first()
    if row is None:
        return None
    name = " ".join(part for part in (row.surname, row.given_name, row.patronymic) if part)
    scope = actor.office_scope
    return IinHolder(row.id, name, row.code, scope is None or row.office_id == scope)


@requires(Permission.WORK_WITH_CLIENTS)
def duplicates(database: Database, actor: Actor, client: NewClient,
               limit: int = 10) -> list[Duplicate]:
    """Possible duplicates across the whole center (a client may have moved office).

    A caseworker sees that another office's client exists, with the IIN masked,
    but may not open that file.
    """
    holder = iin_holder(database, actor, client.iin) if client.iin.strip() else None
    if holder is not None:
        # Not one similar name among others, offered with "Create anyway": the same person.
        raise DuplicateIin(check_iin(client.iin).value, holder.id)
    found = find_duplicates(database, actor, client, limit)
    if not found:
        return []
    with database.session() as session:
        return as_shown(session, actor, found)


@within_checked_call
def as_shown(session: Session, actor: Actor, found: list[Candidate]) -> list[Duplicate]:
    """Candidates as this user may see them: IIN masked, office named, openable or not."""
    if not found:
        return []
    offices = {person_id: (office_id, code) for person_id, office_id, code in session.execute(
        select(Person.id, Person.office_id, Office.code)
        .join(Office, Office.id == Person.office_id)
        .where(Person.id.in_([c.id for c in found])))}
    scope = actor.office_scope
    result = []
    for c in found:
        office_id, code = offices.get(c.id, (None, ""))
        result.append(Duplicate(c.id, c.name, c.name_latin, c.birth_date, mask_iin(c.iin),
                                c.score, code, scope is None or office_id == scope))
    return result


@requires(Permission.WORK_WITH_CLIENTS)
def register_client(database: Database, actor: Actor, client: NewClient,
                    today: date | None = None,
                    distinct_from: Collection[uuid.UUID] = ()) -> uuid.UUID:
    """Register a client in the actor's office, with consent recorded and an open case.

    Whatever office ``client`` names, the person joins the actor's own office.
    ``distinct_from``: the similar clients shown, said to be someone else ("Not the same
    person — create"), remembered with the new client (see ``register``).
    Raises AccessDenied, InvalidClient (with every problem) or DuplicateIin.
    """
    if actor.office_id is None:
        raise AccessDenied(None)  # a user of no office has nowhere to register a client
    client = replace(client, office_id=actor.office_id)
    problems = check_client(client, today)
    if problems:
        raise InvalidClient(problems)
    return register(database, actor, client, open_case=True, today=today,
                    distinct_from=distinct_from)


@requires(Permission.WORK_WITH_CLIENTS)
def may_open(database: Database, actor: Actor, person_id: uuid.UUID | None) -> bool:
    """Whether this user may open that client's file (e.g. the owner of a duplicate IIN)."""
    if person_id is None:
        return False
    try:
        ensure_person_access(database, actor, person_id)
    except AccessDenied:
        return False
    return True


def _date_problems(client: NewClient, today: date) -> FieldProblems:
    problems: FieldProblems = {}
    birth = client.birth_date
    for name in ("birth_date", "arrival_date", "consent_date"):
        when = getattr(client, name)
        if when is None:
            continue
        if when > today:
            problems[name] = IntakeProblem.FUTURE_DATE
        elif when < EARLIEST_DATE:
            problems[name] = IntakeProblem.TOO_EARLY
        elif (name != "birth_date" and birth is not None and "birth_date" not in problems
              and when < birth):
            # Only against a possible birth date: one wrong date gets one message.
            problems[name] = IntakeProblem.BEFORE_BIRTH
    return problems


def _stored_extra(extra: dict[str, object]) -> dict[str, object]:
    """The optional fields as stored: a phone number in E.164 (checked valid before)."""
    phone = str(extra.get("phone") or "")
    return {**extra, "phone": stored_phone(phone) or phone} if phone else dict(extra)
