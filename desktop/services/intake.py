"""Registering a new client: IIN rules, the duplicate check, and the record itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db.errors import DuplicateIin
from db.models import Person
from db.search import find_person_ids
from db.session import Database
from db.translit import search_key, to_passport_latin
from desktop.domain.iin import IinHint, IinProblem, check_iin, iin_hints

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


def iin_warnings(client: NewClient) -> list[IinHint]:
    """Soft warnings: the IIN suggests another birth date or sex (never a refusal)."""
    if not client.iin:
        return []
    return iin_hints(check_iin(client.iin), client.birth_date, client.sex)


def find_duplicates(database: Database, client: NewClient, limit: int = 10) -> list[Candidate]:
    """Clients whose name (in any script) and birth date match or nearly match."""
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
        for person in session.scalars(select(Person).where(Person.id.in_(ids))):
            score = _name_score(keys, person)
            if _plausible(score, client.birth_date, person.birth_date):
                candidates.append(Candidate(person.id, person.full_name, person.full_name_latin,
                                            person.birth_date, person.iin, round(score)))
    candidates.sort(key=lambda c: -c.score)
    return candidates[:limit]


def register(database: Database, client: NewClient, user_id: uuid.UUID | None = None) -> uuid.UUID:
    """Create the person; refuses an invalid IIN or one already registered."""
    iin = None
    if client.iin.strip():
        check = check_iin(client.iin)
        if check.problem is not None:
            raise InvalidIin(check.problem)
        iin = check.value
    try:
        with database.session(user_id) as session:
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
                consent_recorded_by=user_id if client.consent_date else None, **client.extra)
            session.add(person)
            session.flush()
            return person.id
    except IntegrityError as error:
        # Two offices registering the same IIN at the same moment: the unique index decides.
        if iin is not None and "iin" in str(error.orig):
            raise DuplicateIin(iin, None) from error
        raise


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

