"""Recording a consultation with the tasks and referrals agreed at it, in one transaction;
correcting one later, and a manager deleting one recorded by mistake.

The consultation goes on the client's open case in the user's office (if any),
under the user's office and name. Times are the wall-clock times the
caseworker sees and types (naive, local), as everywhere consultations are shown.

A correction changes what was recorded about the meeting itself (when, how, the
topics and the texts); the audit log keeps every old value beside the new, the
topics included, so the History tab shows what it said before. The tasks and
referrals agreed at it live on as records of their own and are changed there.
Deleting is a manager's decision with a reason, kept in the status history; the
tasks and referrals agreed at the consultation are kept (a task still due is
still work), no longer tied to it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.audit import note_list_change
from db.models import (
    Consultation,
    FollowUp,
    JobReferral,
    Office,
    Person,
    Provider,
    Referral,
    StatusChange,
    User,
)
from db.models.reference import ConsultationChannel, ConsultationTopic, ServiceType
from db.session import Database
from desktop.services.access import AccessDenied, Actor, Denial, Permission, pure, requires
from desktop.services.employment.matching import match_vacancies, vacancy_choice_text
from desktop.services.employment.referrals import (
    add_from_consultation,
    is_pipeline_service,
    referable,
)
from desktop.services.follow_ups import (
    MAX_COMMENT,
    MAX_TEXT,
    FieldProblem,
    InvalidInput,
    Problem,
    allowed_assignees,
    check_title,
    open_case_id,
    problem_text,
    require_client,
)
from desktop.services.reference import reference_choices
from desktop.services.social.choices import (
    ProviderChoice,
    ServiceChoice,
    service_and_provider_choices,
)
from desktop.services.social.referrals import ReferralEntry, add_referral, provides
from desktop.services.versions import require_version

VACANCY_CHOICES = 30  # a consultation offers the best few; the client file finds any

__all__ = ["MAX_REASON", "ConsultationChoices", "ConsultationSteps", "FieldProblem",
           "InvalidInput", "NewConsultation", "NewFollowUp", "NewReferral", "NoSuchConsultation",
           "NotTheirConsultation", "Problem", "ProviderChoice", "SavedConsultation",
           "ServiceChoice", "check_consultation", "check_deletion", "consultation_choices",
           "consultation_steps", "correct_consultation", "delete_consultation", "problem_text",
           "record_consultation", "saved_consultation"]

# Clocks of two PCs differ and the form was opened a moment ago: "now" with some slack.
CLOCK_SLACK = timedelta(minutes=5)
TEXT_FIELDS = ("notes", "advice", "next_steps")
MAX_REASON = MAX_COMMENT
DELETED = "deleted"  # the status_change step a deletion leaves, with its reason


class NoSuchConsultation(LookupError):
    pass


class NotTheirConsultation(AccessDenied):
    """Correcting someone else's consultation (only its author or a manager of its office
    may), or deleting one without being a manager of its office."""

    def __init__(self, author: str, deleting: bool) -> None:
        super().__init__(None, Denial.PERMISSION)
        self.author = author
        self.deleting = deleting


@dataclass
class NewFollowUp:
    title: str
    due_on: date | None
    assignee_id: uuid.UUID | None = None  # None: the user recording the consultation


@dataclass
class NewReferral:
    service_type_code: str | None
    provider_id: uuid.UUID | None = None
    # A job placement referral names a vacancy, or leaves it to be chosen in the client
    # file; job placement and training referrals go to the employment pipeline.
    vacancy_id: uuid.UUID | None = None


@dataclass
class NewConsultation:
    person_id: uuid.UUID
    held_at: datetime | None
    channel_code: str | None
    topic_codes: list[str]
    notes: str = ""
    advice: str = ""
    next_steps: str = ""
    next_appointment_at: datetime | None = None
    follow_ups: list[NewFollowUp] = field(default_factory=list)
    referrals: list[NewReferral] = field(default_factory=list)


@dataclass(frozen=True)
class ConsultationChoices:
    """What the consultation form offers, labelled in the UI language."""

    person_name: str
    channels: list[tuple[str, str]]
    topics: list[tuple[str, str]]
    service_types: list[ServiceChoice]
    providers: list[ProviderChoice]
    assignees: list[tuple[uuid.UUID, str]]
    # The open vacancies that fit the client best, for a job placement referral.
    vacancies: list[tuple[uuid.UUID, str]] = field(default_factory=list)

    def providers_for(self, service_type_code: str | None) -> list[ProviderChoice]:
        """The providers that deliver that service."""
        service = next((s for s in self.service_types if s.code == service_type_code), None)
        return [] if service is None else [p for p in self.providers if p.delivers(service)]


@dataclass(frozen=True)
class SavedConsultation:
    """A recorded consultation as the correction form starts from it."""

    id: uuid.UUID
    person_id: uuid.UUID
    version: int
    person_name: str
    held_at: datetime
    channel_code: str
    topic_codes: list[str]
    notes: str
    advice: str
    next_steps: str
    next_appointment_at: datetime | None
    follow_ups: int  # agreed at it: kept, and said so, when it is deleted
    referrals: int

    def as_entry(self) -> NewConsultation:
        return NewConsultation(self.person_id, self.held_at, self.channel_code,
                               list(self.topic_codes), self.notes, self.advice, self.next_steps,
                               self.next_appointment_at)


@dataclass(frozen=True)
class ConsultationSteps:
    """What the file offers on a consultation; the service checks each again."""

    correct: bool
    delete: bool


@pure
def consultation_steps(actor: Actor, caseworker_id: uuid.UUID | None,
                       office_id: uuid.UUID | None) -> ConsultationSteps:
    """Its author may correct it; a manager of its office may correct and delete it."""
    if not actor.can(Permission.WORK_WITH_CLIENTS):
        return ConsultationSteps(False, False)
    scope = actor.office_scope
    manager = actor.can(Permission.SEE_ALL_QUEUES) and (scope is None or office_id == scope)
    own = caseworker_id is not None and caseworker_id == actor.user_id
    return ConsultationSteps(correct=own or manager, delete=manager)


@requires(Permission.WORK_WITH_CLIENTS)
def consultation_choices(database: Database, actor: Actor,
                         person_id: uuid.UUID) -> ConsultationChoices:
    """The form's lists for one client; AccessDenied for another office's client."""
    with database.session() as session:
        person = require_client(session, actor, person_id)
        region = session.scalar(select(Office.region_code).where(
            Office.id == (actor.office_id or person.office_id)))
        services, providers = service_and_provider_choices(session, region)
        assignees = allowed_assignees(session, actor)
        name = person.full_name or person.full_name_latin
    vacancies = [(m.vacancy.id, vacancy_choice_text(m.vacancy))
                 for m in match_vacancies(database, actor, person_id, limit=VACANCY_CHOICES)]
    return ConsultationChoices(
        name, reference_choices(database, "consultation_channel"),
        reference_choices(database, "consultation_topic"), services, providers, assignees,
        vacancies)


@pure
def check_consultation(consultation: NewConsultation,
                       now: datetime | None = None) -> list[FieldProblem]:
    """Every problem that can be seen without the database, in the order of the form."""
    now = now or datetime.now()
    problems: list[FieldProblem] = []
    held = consultation.held_at
    if held is None:
        problems.append(FieldProblem("held_at", Problem.REQUIRED))
    elif held > now + CLOCK_SLACK:
        problems.append(FieldProblem("held_at", Problem.IN_FUTURE))
    if not consultation.channel_code:
        problems.append(FieldProblem("channel", Problem.REQUIRED))
    if not consultation.topic_codes:
        problems.append(FieldProblem("topics", Problem.REQUIRED))
    for name in TEXT_FIELDS:
        if len(getattr(consultation, name).strip()) > MAX_TEXT:
            problems.append(FieldProblem(name, Problem.TOO_LONG))
    appointment = consultation.next_appointment_at
    if appointment is not None and appointment < now:
        problems.append(FieldProblem("next_appointment_at", Problem.IN_PAST))
    for row, task in enumerate(consultation.follow_ups):
        problems.extend(check_title(task.title, row))
        if task.due_on is None:
            problems.append(FieldProblem("due_on", Problem.REQUIRED, row))
        elif held is not None and task.due_on < held.date():
            problems.append(FieldProblem("due_on", Problem.BEFORE_CONSULTATION, row))
    for row, referral in enumerate(consultation.referrals):
        if not referral.service_type_code:
            problems.append(FieldProblem("service_type", Problem.REQUIRED, row))
    return problems


@requires(Permission.WORK_WITH_CLIENTS)
def record_consultation(database: Database, actor: Actor, consultation: NewConsultation,
                        now: datetime | None = None) -> uuid.UUID:
    """Save the consultation, its topics, follow-ups and referrals: all of them or nothing.

    Raises InvalidInput (with every problem found), AccessDenied for another
    office's client, DatabaseProblem.
    """
    problems = check_consultation(consultation, now)
    if problems:
        raise InvalidInput(problems)
    c = consultation
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, c.person_id)
        problems = _check_choices(session, actor, c)
        if problems:
            raise InvalidInput(problems)
        office_id = actor.office_id or person.office_id
        case_id = open_case_id(session, person.id, office_id)
        topics = list(session.scalars(select(ConsultationTopic)
                                      .where(ConsultationTopic.code.in_(c.topic_codes))))
        record = Consultation(
            id=uuid.uuid4(), person_id=person.id, case_id=case_id, office_id=office_id,
            caseworker_id=actor.user_id, held_at=c.held_at, channel_code=c.channel_code,
            notes=c.notes.strip(), advice=c.advice.strip(), next_steps=c.next_steps.strip(),
            next_appointment_at=c.next_appointment_at, topics=topics)
        session.add(record)
        session.flush()  # the tasks and referrals refer to it, and hold no relationship to it
        for task in c.follow_ups:
            session.add(FollowUp(person_id=person.id, case_id=case_id, consultation_id=record.id,
                                 assignee_id=task.assignee_id or actor.user_id,
                                 title=task.title.strip(), due_on=task.due_on))
        held_on = record.held_at.date()
        for referral in c.referrals:
            _add_referral(session, actor, record, referral, held_on)
        session.flush()
        return record.id


def _add_referral(session: Session, actor: Actor, consultation: Consultation,
                  referral: NewReferral, on: date) -> None:
    """The referral and the first step of its status history; an employment one (a job or
    a training course) in the employment pipeline, where its steps are recorded."""
    if is_pipeline_service(referral.service_type_code):
        assert referral.service_type_code is not None
        add_from_consultation(session, actor, consultation, referral.service_type_code,
                              referral.provider_id, referral.vacancy_id, on)
        return
    person = session.get(Person, consultation.person_id)
    assert person is not None
    add_referral(session, actor, person, ReferralEntry(
        referral.service_type_code, referral.provider_id, on), consultation)


def _check_choices(session: Session, actor: Actor,
                   consultation: NewConsultation) -> list[FieldProblem]:
    """The codes and people chosen still exist, are in use, and are the user's to choose;
    a referral is made for a client whose consent is recorded."""
    problems: list[FieldProblem] = []
    person = session.get(Person, consultation.person_id)
    channel = session.get(ConsultationChannel, consultation.channel_code)
    if channel is None or not channel.active:
        problems.append(FieldProblem("channel", Problem.UNKNOWN_CHOICE))
    known = set(session.scalars(select(ConsultationTopic.code).where(
        ConsultationTopic.code.in_(consultation.topic_codes),
        ConsultationTopic.active.is_(True))))
    if known != set(consultation.topic_codes):
        problems.append(FieldProblem("topics", Problem.UNKNOWN_CHOICE))
    allowed = {user_id for user_id, _name in allowed_assignees(session, actor)}
    for row, task in enumerate(consultation.follow_ups):
        if task.assignee_id is not None and task.assignee_id not in allowed:
            problems.append(FieldProblem("assignee", Problem.NOT_ALLOWED, row))
    for row, referral in enumerate(consultation.referrals):
        service = session.get(ServiceType, referral.service_type_code)
        if service is None or not service.active:
            problems.append(FieldProblem("service_type", Problem.UNKNOWN_CHOICE, row))
            continue
        if referral.provider_id is not None:
            provider = session.get(Provider, referral.provider_id)
            if provider is None or not provider.active or (
                    not is_pipeline_service(service.code)
                    and not provides(session, provider, service)) or (
                    is_pipeline_service(service.code)
                    and provider.area_code != service.area_code):
                problems.append(FieldProblem("provider", Problem.UNKNOWN_CHOICE, row))
        if not is_pipeline_service(service.code) and person is not None \
                and person.consent_date is None:
            problems.append(FieldProblem("service_type", Problem.NO_CONSENT, row))
        if referral.vacancy_id is not None and not referable(
                session, referral.vacancy_id, consultation.person_id):
            problems.append(FieldProblem("vacancy", Problem.UNKNOWN_CHOICE, row))
    return problems


@pure
def check_deletion(reason: str) -> list[FieldProblem]:
    reason = reason.strip()
    if not reason:
        return [FieldProblem("deletion_reason", Problem.REQUIRED)]
    if len(reason) > MAX_REASON:
        return [FieldProblem("deletion_reason", Problem.TOO_LONG)]
    return []


@requires(Permission.WORK_WITH_CLIENTS)
def saved_consultation(database: Database, actor: Actor,
                       consultation_id: uuid.UUID) -> SavedConsultation:
    """The consultation as recorded, for a user who may correct it (NotTheirConsultation
    otherwise), with AccessDenied for another office's client and NoSuchConsultation."""
    with database.session() as session:
        record = _reachable(session, actor, consultation_id, deleting=False)
        person = session.get(Person, record.person_id)
        tasks = session.scalar(select(func.count()).select_from(FollowUp).where(
            FollowUp.consultation_id == record.id)) or 0
        referrals = sum(session.scalar(select(func.count()).select_from(model).where(
            model.consultation_id == record.id)) or 0 for model in (Referral, JobReferral))
        return SavedConsultation(
            record.id, record.person_id, record.version,
            (person.full_name or person.full_name_latin) if person else "",
            record.held_at, record.channel_code, [t.code for t in record.topics],
            record.notes, record.advice, record.next_steps, record.next_appointment_at,
            tasks, referrals)


@requires(Permission.WORK_WITH_CLIENTS)
def correct_consultation(database: Database, actor: Actor, consultation_id: uuid.UUID,
                         version: int, corrected: NewConsultation,
                         now: datetime | None = None) -> int:
    """Replace what was recorded about the meeting; returns the consultation's new version.

    ``corrected``'s tasks and referrals are not looked at: they are records of their own.
    A next appointment left as it was is not refused for having passed meanwhile.
    Raises InvalidInput, NotTheirConsultation, StaleRecord, AccessDenied,
    NoSuchConsultation.
    """
    c = corrected
    with database.session(actor.user_id) as session:
        record = _reachable(session, actor, consultation_id, deleting=False)
        require_version(session, record, version)
        entry = NewConsultation(record.person_id, c.held_at, c.channel_code, c.topic_codes,
                                c.notes, c.advice, c.next_steps, c.next_appointment_at)
        problems = [p for p in check_consultation(entry, now)
                    if not (p.problem is Problem.IN_PAST
                            and c.next_appointment_at == record.next_appointment_at)]
        problems += _check_choices(session, actor, entry)
        if problems:
            raise InvalidInput(problems)
        old_topics = sorted(t.code for t in record.topics)
        # Read before anything changes: a query's autoflush would make a second version.
        topics = list(session.scalars(
            select(ConsultationTopic).where(ConsultationTopic.code.in_(c.topic_codes))))
        record.held_at = c.held_at  # type: ignore[assignment]  # checked above
        record.channel_code = c.channel_code  # type: ignore[assignment]
        record.notes, record.advice = c.notes.strip(), c.advice.strip()
        record.next_steps = c.next_steps.strip()
        record.next_appointment_at = c.next_appointment_at
        record.topics = topics
        note_list_change(session, record, "topics", old_topics, sorted(c.topic_codes))
        session.flush()
        return record.version


@requires(Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_QUEUES)
def delete_consultation(database: Database, actor: Actor, consultation_id: uuid.UUID,
                        version: int, reason: str) -> None:
    """Delete a consultation recorded by mistake, saying why (kept in ``status_change``).

    Its tasks and referrals stay, no longer tied to it. Raises InvalidInput (no reason),
    NotTheirConsultation (not a manager of its office), StaleRecord, AccessDenied,
    NoSuchConsultation.
    """
    problems = check_deletion(reason)
    if problems:
        raise InvalidInput(problems)
    with database.session(actor.user_id) as session:
        record = _reachable(session, actor, consultation_id, deleting=True)
        require_version(session, record, version)
        for model in (FollowUp, Referral, JobReferral):
            # Through the ORM, one by one (a few rows): each detaching is audited.
            for item in session.scalars(select(model).where(
                    model.consultation_id == record.id)):
                item.consultation_id = None
        session.add(StatusChange(subject_table=Consultation.__tablename__, subject_id=record.id,
                                 status=DELETED, changed_by=actor.user_id,
                                 note=reason.strip()))
        session.delete(record)
        session.flush()


def _reachable(session: Session, actor: Actor, consultation_id: uuid.UUID,
               deleting: bool) -> Consultation:
    """The consultation, if this user may work with its client and correct (or delete) it."""
    record = session.get(Consultation, consultation_id)
    if record is None:
        raise NoSuchConsultation(consultation_id)
    require_client(session, actor, record.person_id)
    steps = consultation_steps(actor, record.caseworker_id, record.office_id)
    if not (steps.delete if deleting else steps.correct):
        author = session.scalar(select(User.full_name).where(User.id == record.caseworker_id))
        raise NotTheirConsultation(author or "", deleting)
    return record
