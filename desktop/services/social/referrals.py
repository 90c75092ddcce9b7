"""Referrals to social (and information, housing, documents...) services, followed from
the referral to its end.

A referral is made to a provider that delivers the service, for a client who has given
consent to the processing of their data (the referral hands their details to the
provider). It is then accepted by the provider and completed, or it ends refused, with
no response, or cancelled by the center. A late answer is still recorded: a referral
marked "no response" may be accepted, completed or refused afterwards. Each step is a
line of the status history with what the caseworker wrote.

The employment services (job placement, vocational training, requalification) are not
referred here: they have their own pipeline (``desktop.services.employment``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db.models import (
    Consultation,
    FollowUp,
    Person,
    Provider,
    ProviderService,
    Referral,
    ReferralStatus,
    StatusChange,
)
from db.models.reference import ServiceType
from db.queries.social import OPEN
from db.session import Database
from desktop.i18n import _, current_language
from desktop.services.access import Actor, Permission, pure, requires, within_checked_call
from desktop.services.employment.referrals import is_pipeline_service
from desktop.services.follow_ups import close_task, open_case_id, require_client
from desktop.services.social.errors import (
    Field,
    InvalidEntry,
    NoConsent,
    NoSuchReferral,
    NotInStep,
    NotProvided,
    Problem,
)
from desktop.services.versions import require_version

__all__ = ["FOLLOWS", "MAX_AMOUNT", "MAX_TEXT", "OPEN", "ReferralEntry", "StepEntry",
           "add_referral", "check_referral", "check_step", "provides", "record_step", "refer"]

MAX_TEXT = 2000
MAX_AMOUNT = 100_000_000  # tenge: more than any benefit; beyond it a digit was typed twice
# Each step and the statuses it may follow.
FOLLOWS: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    ReferralStatus.ACCEPTED: (ReferralStatus.REFERRED, ReferralStatus.NO_RESPONSE),
    ReferralStatus.COMPLETED: (ReferralStatus.REFERRED, ReferralStatus.ACCEPTED,
                               ReferralStatus.NO_RESPONSE),
    ReferralStatus.REFUSED: (ReferralStatus.REFERRED, ReferralStatus.ACCEPTED,
                             ReferralStatus.NO_RESPONSE),
    ReferralStatus.NO_RESPONSE: (ReferralStatus.REFERRED,),
    ReferralStatus.CANCELLED: (ReferralStatus.REFERRED, ReferralStatus.ACCEPTED,
                               ReferralStatus.NO_RESPONSE),
}
# The steps whose text is required: why the provider refused, why the center withdrew.
NEEDS_REASON = (ReferralStatus.REFUSED, ReferralStatus.CANCELLED)


@dataclass(frozen=True)
class ReferralEntry:
    service_type_code: str | None
    provider_id: uuid.UUID | None
    referred_on: date | None
    note: str = ""


@dataclass(frozen=True)
class StepEntry:
    on: date | None
    outcome: str = ""  # what was done; for a refusal or a cancellation, why
    amount: int | None = None  # tenge, where the service pays one (completed only)


@pure
def check_referral(entry: ReferralEntry, today: date) -> dict[Field, Problem]:
    problems: dict[Field, Problem] = {}
    if not entry.service_type_code:
        problems[Field.SERVICE] = Problem.REQUIRED
    if entry.provider_id is None:
        problems[Field.PROVIDER] = Problem.REQUIRED
    if entry.referred_on is None:
        problems[Field.DAY] = Problem.REQUIRED
    elif entry.referred_on > today:
        problems[Field.DAY] = Problem.IN_FUTURE
    if len(entry.note.strip()) > MAX_TEXT:
        problems[Field.NOTE] = Problem.TOO_LONG
    return problems


@pure
def check_step(step: ReferralStatus, entry: StepEntry, referred_on: date,
               accepted_on: date | None, today: date) -> dict[Field, Problem]:
    problems: dict[Field, Problem] = {}
    if entry.on is None:
        problems[Field.DAY] = Problem.REQUIRED
    elif entry.on > today:
        problems[Field.DAY] = Problem.IN_FUTURE
    elif entry.on < referred_on:
        problems[Field.DAY] = Problem.BEFORE_REFERRAL
    elif step is ReferralStatus.COMPLETED and accepted_on is not None and entry.on < accepted_on:
        problems[Field.DAY] = Problem.BEFORE_ACCEPTANCE
    outcome = entry.outcome.strip()
    if step in NEEDS_REASON and not outcome:
        problems[Field.OUTCOME] = Problem.REQUIRED
    elif len(outcome) > MAX_TEXT:
        problems[Field.OUTCOME] = Problem.TOO_LONG
    if entry.amount is not None and (step is not ReferralStatus.COMPLETED
                                     or not 0 <= entry.amount <= MAX_AMOUNT):
        problems[Field.AMOUNT] = Problem.OUT_OF_RANGE
    return problems


@within_checked_call
def provides(session: Session, provider: Provider, service: ServiceType) -> bool:
    """Whether the provider delivers the service: one of its service types, or, for a
    provider whose services were never listed, a service of its area."""
    listed = session.scalar(select(exists().where(ProviderService.provider_id == provider.id)))
    if not listed:
        return provider.area_code == service.area_code
    return bool(session.scalar(select(exists().where(
        ProviderService.provider_id == provider.id,
        ProviderService.service_type_code == service.code))))


@within_checked_call
def add_referral(session: Session, actor: Actor, person: Person, entry: ReferralEntry,
                 consultation: Consultation | None = None) -> Referral:
    """The referral and the first line of its history, in the caller's transaction: the
    client file's and the consultation's. Raises NoConsent, NotProvided, InvalidEntry
    (a service or provider gone)."""
    if person.consent_date is None:
        raise NoConsent(person.full_name or person.full_name_latin)
    service = session.get(ServiceType, entry.service_type_code)
    if service is None or not service.active or is_pipeline_service(service.code):
        raise InvalidEntry({Field.SERVICE: Problem.UNKNOWN})
    provider = session.get(Provider, entry.provider_id) if entry.provider_id else None
    if provider is not None and not (provider.active and provides(session, provider, service)):
        language = current_language()
        raise NotProvided(provider.name(language), service.label(language))
    assert entry.referred_on is not None
    office_id = consultation.office_id if consultation else person.office_id
    referral = Referral(
        id=uuid.uuid4(), person_id=person.id,
        case_id=consultation.case_id if consultation else open_case_id(session, person.id,
                                                                       office_id),
        office_id=office_id, caseworker_id=actor.user_id,
        consultation_id=consultation.id if consultation else None,
        service_type_code=service.code, provider_id=entry.provider_id,
        referred_on=entry.referred_on, status=ReferralStatus.REFERRED)
    session.add(referral)
    session.flush()
    _log(session, actor, referral, entry.note.strip())
    return referral


@requires(Permission.WORK_WITH_CLIENTS)
def refer(database: Database, actor: Actor, person_id: uuid.UUID, entry: ReferralEntry, *,
          today: date | None = None) -> uuid.UUID:
    """Refer the client to a provider's service. Raises InvalidEntry, NoConsent, NotProvided,
    AccessDenied for another office's client."""
    today = today or date.today()
    problems = check_referral(entry, today)
    if problems:
        raise InvalidEntry(problems)
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        return add_referral(session, actor, person, entry).id


@requires(Permission.WORK_WITH_CLIENTS)
def record_step(database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
                step: ReferralStatus, entry: StepEntry, *, today: date | None = None) -> None:
    """The provider accepted, completed or refused the referral, it never answered, or the
    center withdrew it. Raises StaleRecord (someone changed it since it was read), then
    NotInStep (before the form's problems: it says more), InvalidEntry, NoSuchReferral."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        referral = session.get(Referral, referral_id)
        if referral is None:
            raise NoSuchReferral(referral_id)
        require_client(session, actor, referral.person_id)
        require_version(session, referral, version)
        if referral.status not in FOLLOWS.get(step, ()):
            raise NotInStep(referral.status, step)
        problems = check_step(step, entry, referral.referred_on, referral.accepted_on, today)
        if problems:
            raise InvalidEntry(problems)
        assert entry.on is not None
        outcome = entry.outcome.strip()
        referral.status = step
        if step is ReferralStatus.ACCEPTED:
            referral.accepted_on, referral.closed_on = entry.on, None
        else:
            referral.closed_on = entry.on
        if step is ReferralStatus.COMPLETED:
            referral.accepted_on = referral.accepted_on or entry.on
            referral.amount = entry.amount
        if outcome or step is not ReferralStatus.ACCEPTED:
            referral.outcome = outcome
        session.flush()
        _log(session, actor, referral, outcome)
        _close_chase(session, actor, referral)


def _close_chase(session: Session, actor: Actor, referral: Referral) -> None:
    """The provider answered (or the center gave up): the no-response task is done."""
    if referral.chase_follow_up_id is None or referral.status is ReferralStatus.REFERRED:
        return
    task = session.get(FollowUp, referral.chase_follow_up_id)
    if task is not None:
        close_task(session, actor, task, _("The referral was answered or closed."))


def _log(session: Session, actor: Actor, referral: Referral, note: str) -> None:
    session.add(StatusChange(subject_table=Referral.__tablename__, subject_id=referral.id,
                             status=referral.status.value, changed_by=actor.user_id, note=note))
