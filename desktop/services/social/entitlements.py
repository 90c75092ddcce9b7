"""The state support a kandas or resettler family included in the regional quota can
receive, counted in MRP; what they applied for, were granted and were paid.

A rule gives its size in MRP for each member of the household or for the household
once, paid once or monthly for a number of months. A month is priced at the MRP of its
own year, so twelve months of rent support from November 2025 are two months at 2025's
index and ten at 2026's. A one-time measure is priced at the MRP of the day it is
applied for (today, for what a family could still apply for). The household is the
client and everyone linked to them (``household.household_of``).

A measure is applied for once per household: a second application by another member
while one is applied for or granted is refused. What is granted is at most what the rule
gives; what is paid, at most what was granted. The balance is granted minus paid.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import (
    Case,
    CaseStatus,
    Entitlement,
    EntitlementBasis,
    EntitlementPayment,
    EntitlementRule,
    EntitlementStatus,
    MrpRate,
    Person,
)
from db.models.reference import Region
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import Actor, Offices, Permission, pure, requires
from desktop.services.cases import NoSuchCase
from desktop.services.follow_ups import open_case_id, require_client
from desktop.services.household import household_of
from desktop.services.social.errors import Field, InvalidEntry, Problem
from desktop.services.social.referrals import MAX_AMOUNT, MAX_TEXT
from desktop.services.versions import require_version

__all__ = [
    "LIVE",
    "MAX_MRP",
    "AlreadyApplied",
    "Application",
    "Decision",
    "EntitlementLine",
    "HouseholdEntitlements",
    "MissingRate",
    "NoSuchEntitlement",
    "NotDecidable",
    "NotInQuota",
    "Payment",
    "RuleLine",
    "Span",
    "apply_for",
    "decide",
    "entitled",
    "household_entitlements",
    "mrp_rates",
    "record_payment",
    "set_mrp_rate",
    "set_quota",
    "withdraw",
]

LIVE = (EntitlementStatus.APPLIED, EntitlementStatus.GRANTED)
FIRST_YEAR = 1991  # the first kandases came home that year; no quota is older
MAX_MRP = 1_000_000  # tenge: hundreds of times today's; beyond it a digit was typed twice


class NoSuchEntitlement(LookupError):
    pass


class MissingRate(LookupError):
    """The MRP of a year the amount needs is not in Qadam yet."""

    def __init__(self, year: int) -> None:
        super().__init__(f"no MRP for {year}")
        self.year = year


class NotInQuota(Exception):
    """The quota's measures are for a case included in the regional quota."""

    def __init__(self, client: str) -> None:
        super().__init__("not in the regional quota")
        self.client = client


class AlreadyApplied(Exception):
    """The household has applied for this measure already (by this member or another)."""

    def __init__(self, rule: str, member: str, status: EntitlementStatus) -> None:
        super().__init__("already applied")
        self.rule, self.member, self.status = rule, member, status


class NotDecidable(Exception):
    """Only an application still waiting is decided; only a granted one is paid."""

    def __init__(self, status: EntitlementStatus) -> None:
        super().__init__(status.value)
        self.status = status


@dataclass(frozen=True)
class Span:
    """What a rule gives, in tenge: one figure when ``low == high``."""

    low: int
    high: int


@dataclass(frozen=True)
class Application:
    rule_code: str | None
    applied_on: date | None
    amount: int | None  # tenge; None: the most the rule gives
    note: str = ""


@dataclass(frozen=True)
class Decision:
    granted: bool
    decided_on: date | None
    amount: int | None  # tenge, when granted
    note: str = ""


@dataclass(frozen=True)
class Payment:
    paid_on: date | None
    amount: int | None
    note: str = ""


@dataclass(frozen=True)
class EntitlementLine:
    id: uuid.UUID
    version: int
    person_id: uuid.UUID  # the member who applied
    applicant: str
    rule_code: str
    members: int
    applied_on: date
    amount_applied: int
    status: str
    decided_on: date | None
    amount_granted: int | None
    paid: int
    payments: tuple[tuple[date, int], ...]
    note: str

    @property
    def balance(self) -> int:
        return (self.amount_granted or 0) - self.paid


@dataclass(frozen=True)
class RuleLine:
    code: str
    label: str
    basis: EntitlementBasis
    mrp_min: int
    mrp_max: int
    months: int | None
    entitled: Span | None  # None: an MRP the rule needs is missing
    missing_year: int | None
    applications: tuple[EntitlementLine, ...]

    @property
    def granted(self) -> int:
        return sum(a.amount_granted or 0 for a in self.applications
                   if a.status == EntitlementStatus.GRANTED.value)

    @property
    def paid(self) -> int:
        return sum(a.paid for a in self.applications)

    @property
    def balance(self) -> int:
        return self.granted - self.paid


@dataclass(frozen=True)
class HouseholdEntitlements:
    client: str
    members: tuple[tuple[uuid.UUID, str], ...]  # the client first
    case_id: uuid.UUID | None
    case_version: int | None
    quota_year: int | None
    quota_region_code: str | None
    quota_region: str
    rules: tuple[RuleLine, ...]

    @property
    def in_quota(self) -> bool:
        return self.quota_year is not None

    @property
    def granted(self) -> int:
        return sum(rule.granted for rule in self.rules)

    @property
    def paid(self) -> int:
        return sum(rule.paid for rule in self.rules)

    @property
    def balance(self) -> int:
        return self.granted - self.paid


# ---- the arithmetic ---------------------------------------------------------------------------

@pure
def entitled(basis: EntitlementBasis, mrp_min: int, mrp_max: int, months: int | None,
             members: int, start: date, rates: dict[int, int]) -> Span:
    """What the rule gives a household of ``members`` from ``start``, in tenge. Raises
    MissingRate for a year the rule reaches whose MRP is not known."""
    count = members if basis is EntitlementBasis.PER_MEMBER else 1
    periods = [start] if months is None else [start + relativedelta(months=m)
                                              for m in range(months)]
    low = high = 0
    for period in periods:
        rate = rates.get(period.year)
        if rate is None:
            raise MissingRate(period.year)
        low += mrp_min * rate * count
        high += mrp_max * rate * count
    return Span(low, high)


def _rates(session: Session) -> dict[int, int]:
    return {year: amount for year, amount in session.execute(select(MrpRate.year, MrpRate.amount))}


def _span(rule: EntitlementRule, members: int, start: date,
          rates: dict[int, int]) -> Span:
    return entitled(rule.basis, rule.mrp_min, rule.mrp_max, rule.months, members, start, rates)


# ---- reading ---------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def household_entitlements(database: Database, actor: Actor, person_id: uuid.UUID, *,
                           today: date | None = None) -> HouseholdEntitlements:
    """Each measure: what the household is entitled to, what its members applied for,
    were granted and were paid, and the balance. AccessDenied for another office's client."""
    today = today or date.today()
    language = current_language()
    with database.session() as session:
        person = require_client(session, actor, person_id)
        members = household_of(session, person.id)
        people = {p.id: p.full_name or p.full_name_latin for p in session.scalars(
            select(Person).where(Person.id.in_(members)))}
        case = _quota_case(session, person, members) or _case(session, person)
        region = session.get(Region, case.quota_region_code) \
            if case is not None and case.quota_region_code else None
        rates = _rates(session)
        applications = _applications(session, members, people)
        rules = []
        for rule in session.scalars(select(EntitlementRule).where(
                EntitlementRule.active.is_(True)).order_by(EntitlementRule.sort_order)):
            mine = tuple(a for a in applications if a.rule_code == rule.code)
            live = next((a for a in mine if a.status in {s.value for s in LIVE}), None)
            start = live.applied_on if live is not None else today
            try:
                span, missing = _span(rule, len(members), start, rates), None
            except MissingRate as gap:
                span, missing = None, gap.year
            rules.append(RuleLine(rule.code, getattr(rule, f"label_{language}", rule.label_en),
                                  rule.basis, rule.mrp_min, rule.mrp_max, rule.months, span,
                                  missing, mine))
        ordered = sorted(people.items(), key=lambda item: (item[0] != person.id, item[1]))
        return HouseholdEntitlements(
            person.full_name or person.full_name_latin, tuple(ordered),
            case.id if case else None, case.version if case else None,
            case.quota_year if case else None, case.quota_region_code if case else None,
            region.label(language) if region else "", tuple(rules))


def _quota_case(session: Session, person: Person,
                members: frozenset[uuid.UUID]) -> Case | None:
    """The household's open case included in the quota: the client's own, or a member's
    (the family is included once, on one member's case, usually the head's)."""
    return session.scalars(
        select(Case).where(Case.person_id.in_(members), Case.status == CaseStatus.OPEN,
                           Case.quota_year.is_not(None))
        .order_by(Case.person_id != person.id, Case.opened_on).limit(1)).first()


def _case(session: Session, person: Person) -> Case | None:
    """The client's open case in their office, or their latest one."""
    case_id = open_case_id(session, person.id, person.office_id)
    if case_id is not None:
        return session.get(Case, case_id)
    return session.scalars(select(Case).where(Case.person_id == person.id)
                           .order_by(Case.opened_on.desc()).limit(1)).first()


def _applications(session: Session, members: frozenset[uuid.UUID],
                  names: dict[uuid.UUID, str]) -> list[EntitlementLine]:
    rows = list(session.scalars(select(Entitlement).where(Entitlement.person_id.in_(members))
                                .order_by(Entitlement.applied_on, Entitlement.id)))
    payments: dict[uuid.UUID, list[tuple[date, int]]] = {}
    if rows:
        for entitlement_id, paid_on, amount in session.execute(
                select(EntitlementPayment.entitlement_id, EntitlementPayment.paid_on,
                       EntitlementPayment.amount)
                .where(EntitlementPayment.entitlement_id.in_([r.id for r in rows]))
                .order_by(EntitlementPayment.paid_on)):
            payments.setdefault(entitlement_id, []).append((paid_on, amount))
    return [EntitlementLine(
        r.id, r.version, r.person_id, names.get(r.person_id, ""), r.rule_code, r.members,
        r.applied_on, r.amount_applied, r.status.value, r.decided_on, r.amount_granted,
        sum(amount for _day, amount in payments.get(r.id, [])),
        tuple(payments.get(r.id, [])), r.note) for r in rows]


# ---- the quota on the case -------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def set_quota(database: Database, actor: Actor, case_id: uuid.UUID, version: int,
              year: int | None, region_code: str | None, *, today: date | None = None) -> None:
    """Record the case's inclusion in the regional quota (year and region of settlement),
    or clear it with ``year`` None. Raises InvalidEntry, StaleRecord."""
    today = today or date.today()
    problems: dict[Field, Problem] = {}
    if year is not None:
        if not FIRST_YEAR <= year <= today.year + 1:
            problems[Field.YEAR] = Problem.OUT_OF_RANGE
        if not region_code:
            problems[Field.REGION] = Problem.REQUIRED
    if problems:
        raise InvalidEntry(problems)
    with database.session(actor.user_id) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise NoSuchCase(case_id)
        require_client(session, actor, case.person_id)
        require_version(session, case, version)
        if year is not None and session.get(Region, region_code) is None:
            raise InvalidEntry({Field.REGION: Problem.UNKNOWN})
        case.quota_year = year
        case.quota_region_code = region_code if year is not None else None
        session.flush()


# ---- applying, deciding, paying --------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def apply_for(database: Database, actor: Actor, person_id: uuid.UUID, entry: Application, *,
              today: date | None = None) -> uuid.UUID:
    """The client applies for a measure for their household. Raises NotInQuota,
    AlreadyApplied, MissingRate, InvalidEntry."""
    today = today or date.today()
    problems: dict[Field, Problem] = {}
    if not entry.rule_code:
        problems[Field.RULE] = Problem.REQUIRED
    if entry.applied_on is None:
        problems[Field.DAY] = Problem.REQUIRED
    elif entry.applied_on > today:
        problems[Field.DAY] = Problem.IN_FUTURE
    if entry.amount is not None and not 0 < entry.amount <= MAX_AMOUNT:
        problems[Field.AMOUNT] = Problem.OUT_OF_RANGE
    if len(entry.note.strip()) > MAX_TEXT:
        problems[Field.NOTE] = Problem.TOO_LONG
    if problems:
        raise InvalidEntry(problems)
    assert entry.applied_on is not None
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        members = household_of(session, person.id)
        case = _quota_case(session, person, members)
        if case is None:
            raise NotInQuota(person.full_name or person.full_name_latin)
        rule = session.get(EntitlementRule, entry.rule_code)
        if rule is None or not rule.active:
            raise InvalidEntry({Field.RULE: Problem.UNKNOWN})
        _refuse_second(session, rule, members)
        span = _span(rule, len(members), entry.applied_on, _rates(session))
        amount = span.high if entry.amount is None else entry.amount
        if amount > span.high:
            raise InvalidEntry({Field.AMOUNT: Problem.OUT_OF_RANGE})
        record = Entitlement(person_id=person.id, case_id=case.id, office_id=person.office_id,
                             rule_code=rule.code, members=len(members),
                             applied_on=entry.applied_on, amount_applied=amount,
                             note=entry.note.strip())
        session.add(record)
        session.flush()
        return record.id


def _refuse_second(session: Session, rule: EntitlementRule,
                   members: frozenset[uuid.UUID]) -> None:
    earlier = session.execute(
        select(Entitlement.status, Person.surname, Person.given_name)
        .join(Person, Person.id == Entitlement.person_id)
        .where(Entitlement.person_id.in_(members), Entitlement.rule_code == rule.code,
               Entitlement.status.in_(LIVE)).limit(1)).first()
    if earlier is not None:
        raise AlreadyApplied(rule.label(current_language()),
                             " ".join(p for p in (earlier[1], earlier[2]) if p), earlier[0])


@requires(Permission.WORK_WITH_CLIENTS)
def decide(database: Database, actor: Actor, entitlement_id: uuid.UUID, version: int,
           decision: Decision, *, today: date | None = None) -> None:
    """The decision on an application: granted (with the amount, at most what the rule
    gives) or refused (with the reason). Raises NotDecidable, InvalidEntry, StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        record = _entitlement(session, actor, entitlement_id, version)
        if record.status is not EntitlementStatus.APPLIED:
            raise NotDecidable(record.status)
        problems = _day_problems(decision.decided_on, record.applied_on, today)
        if not decision.granted and not decision.note.strip():
            problems[Field.OUTCOME] = Problem.REQUIRED
        if len(decision.note.strip()) > MAX_TEXT:
            problems[Field.OUTCOME] = Problem.TOO_LONG
        if decision.granted:
            rule = session.get(EntitlementRule, record.rule_code)
            assert rule is not None
            high = _span(rule, record.members, record.applied_on, _rates(session)).high
            if decision.amount is None or not 0 < decision.amount <= high:
                problems[Field.AMOUNT] = Problem.OUT_OF_RANGE
        if problems:
            raise InvalidEntry(problems)
        record.status = EntitlementStatus.GRANTED if decision.granted \
            else EntitlementStatus.REFUSED
        record.decided_on = decision.decided_on
        record.amount_granted = decision.amount if decision.granted else None
        if decision.note.strip():
            record.note = decision.note.strip()
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS)
def withdraw(database: Database, actor: Actor, entitlement_id: uuid.UUID, version: int,
             note: str) -> None:
    """The family withdraws an application not yet decided. Raises NotDecidable."""
    with database.session(actor.user_id) as session:
        record = _entitlement(session, actor, entitlement_id, version)
        if record.status is not EntitlementStatus.APPLIED:
            raise NotDecidable(record.status)
        record.status = EntitlementStatus.WITHDRAWN
        record.note = note.strip()[:MAX_TEXT] or record.note
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS)
def record_payment(database: Database, actor: Actor, entitlement_id: uuid.UUID, version: int,
                   payment: Payment, *, today: date | None = None) -> uuid.UUID:
    """A payment of a granted measure; the payments never exceed what was granted.
    Raises NotDecidable, InvalidEntry, StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        record = _entitlement(session, actor, entitlement_id, version)
        if record.status is not EntitlementStatus.GRANTED:
            raise NotDecidable(record.status)
        problems = _day_problems(payment.paid_on, record.decided_on or record.applied_on,
                                 today)
        paid = session.scalar(select(func.coalesce(func.sum(EntitlementPayment.amount), 0))
                              .where(EntitlementPayment.entitlement_id == record.id)) or 0
        if payment.amount is None or not 0 < payment.amount <= (record.amount_granted or 0) \
                - paid:
            problems[Field.AMOUNT] = Problem.OUT_OF_RANGE
        if problems:
            raise InvalidEntry(problems)
        assert payment.paid_on is not None and payment.amount is not None
        line = EntitlementPayment(entitlement_id=record.id, paid_on=payment.paid_on,
                                  amount=payment.amount, note=payment.note.strip()[:MAX_TEXT])
        session.add(line)
        # The payment is part of the entitlement: touching it moves its version, so a second
        # payment typed from the same reading is refused instead of paying twice.
        record.updated_at = utcnow()
        session.flush()
        return line.id


def _day_problems(day: date | None, earliest: date, today: date) -> dict[Field, Problem]:
    if day is None:
        return {Field.DAY: Problem.REQUIRED}
    if day > today:
        return {Field.DAY: Problem.IN_FUTURE}
    if day < earliest:
        return {Field.DAY: Problem.TOO_EARLY}
    return {}


def _entitlement(session: Session, actor: Actor, entitlement_id: uuid.UUID,
                 version: int) -> Entitlement:
    record = session.get(Entitlement, entitlement_id)
    if record is None:
        raise NoSuchEntitlement(entitlement_id)
    require_client(session, actor, record.person_id)
    require_version(session, record, version)
    return record


# ---- the MRP, reference data an administrator extends -----------------------------------------

@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def mrp_rates(database: Database, actor: Actor) -> list[tuple[int, int, str]]:
    """(year, tenge, source), the latest year first."""
    with database.reading() as connection:
        return [(y, a, s) for y, a, s in connection.execute(
            select(MrpRate.year, MrpRate.amount, MrpRate.source).order_by(MrpRate.year.desc()))]


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def set_mrp_rate(database: Database, actor: Actor, year: int, amount: int | None,
                 source: str) -> None:
    """Add a year's MRP or correct one. Amounts already applied for, granted or paid are
    in tenge and stay as they were. Raises InvalidEntry."""
    problems: dict[Field, Problem] = {}
    if not FIRST_YEAR <= year <= date.today().year + 1:
        problems[Field.YEAR] = Problem.OUT_OF_RANGE
    if amount is None or not 0 < amount <= MAX_MRP:
        problems[Field.RATE] = Problem.OUT_OF_RANGE
    if len(source.strip()) > MAX_TEXT:
        problems[Field.NOTE] = Problem.TOO_LONG
    if problems:
        raise InvalidEntry(problems)
    with database.session(actor.user_id) as session:
        rate = session.get(MrpRate, year)
        if rate is None:
            session.add(MrpRate(year=year, amount=amount, source=source.strip()))
        else:
            rate.amount, rate.source = amount, source.strip()  # type: ignore[assignment]
        session.flush()

