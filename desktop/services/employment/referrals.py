"""The referral pipeline: a client referred to a vacancy goes to an interview and is hired,
not taken or does not go; a client referred to vocational training or requalification
starts the course and completes it or leaves it (or is not taken, or does not go).

Referrals are case work: the client needs an open case in their office, and each step
is written to the referral's status history (``status_change``) with who took it.
A hire records the placement and fills one of the vacancy's places; it ends the
client's job search and plans the 3- and 6-month retention checks (``retention``).
A consultation's employment referral comes here too (``add_from_consultation``): a job
referral may wait there for its vacancy to be chosen.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Consultation,
    ContractType,
    Employer,
    JobReferral,
    JobReferralKind,
    JobReferralStatus,
    Placement,
    Provider,
    StatusChange,
    Vacancy,
    VacancyStatus,
)
from db.models.reference import EconomicSector, ServiceType
from db.queries import job_seeking
from db.queries.job_seeking import VacancyReferralRow
from db.queries.offices import office_name
from db.session import Database
from desktop.services.access import (
    Actor,
    Offices,
    Permission,
    pure,
    requires,
    within_checked_call,
)
from desktop.services.employment.errors import (
    AlreadyReferred,
    InvalidStep,
    NoOpenCase,
    NoPlacesLeft,
    NoSuchReferral,
    ReferralNotInStep,
    StepField,
    StepProblem,
    VacancyNotChosen,
    VacancyNotOpen,
)
from desktop.services.employment.job_seekers import stop_seeking
from desktop.services.employment.retention import plan_retention_checks
from desktop.services.employment.vacancies import MAX_WAGE, NoSuchVacancy, places_taken
from desktop.services.follow_ups import open_case_id, require_client
from desktop.services.versions import require_version

__all__ = ["JOB_SERVICE", "MAX_NOTE", "TRAINING_SERVICES", "HireEntry", "TrainingEntry",
           "add_from_consultation", "check_hire", "check_training", "choose_vacancy",
           "close_referral", "hire", "is_pipeline_service", "record_interview",
           "refer_to_training", "refer_to_vacancy", "referable", "start_training",
           "vacancy_referrals"]

JOB_SERVICE = "job_placement"
TRAINING_SERVICES = ("vocational_training", "requalification")
PIPELINE_SERVICES = (JOB_SERVICE, *TRAINING_SERVICES)
MAX_TEXT = 200
MAX_NOTE = 2000
# A start agreed for a later day is recorded at the hire; further ahead is a typing slip.
MAX_START_AHEAD = timedelta(days=92)
MAX_TRAINING_DAYS = 3 * 366
UNDER_WAY = (JobReferralStatus.REFERRED, JobReferralStatus.INTERVIEW,
             JobReferralStatus.STARTED)
# The steps that end a referral, by kind, and the statuses each may follow.
ENDINGS = {
    JobReferralKind.JOB: {
        JobReferralStatus.REJECTED: (JobReferralStatus.REFERRED, JobReferralStatus.INTERVIEW),
        JobReferralStatus.NO_SHOW: (JobReferralStatus.REFERRED, JobReferralStatus.INTERVIEW),
    },
    JobReferralKind.TRAINING: {
        JobReferralStatus.REJECTED: (JobReferralStatus.REFERRED,),
        JobReferralStatus.NO_SHOW: (JobReferralStatus.REFERRED,),
        JobReferralStatus.COMPLETED: (JobReferralStatus.STARTED,),
        JobReferralStatus.DROPPED: (JobReferralStatus.STARTED,),
    },
}


@dataclass(frozen=True)
class HireEntry:
    started_on: date | None
    position: str
    sector_code: str | None
    monthly_wage: int | None
    contract_type: ContractType | None


@dataclass(frozen=True)
class TrainingEntry:
    service_type_code: str | None  # vocational training or requalification
    provider_id: uuid.UUID | None
    course_title: str
    starts_on: date | None
    ends_on: date | None


# ---- checks --------------------------------------------------------------------------------

@pure
def check_hire(entry: HireEntry, referred_on: date,
               today: date) -> dict[StepField, StepProblem]:
    problems: dict[StepField, StepProblem] = {}
    if entry.started_on is None:
        problems[StepField.DAY] = StepProblem.REQUIRED
    elif entry.started_on < referred_on:
        problems[StepField.DAY] = StepProblem.BEFORE_REFERRAL
    elif entry.started_on > today + MAX_START_AHEAD:
        problems[StepField.DAY] = StepProblem.TOO_FAR_AHEAD
    if not entry.position.strip():
        problems[StepField.POSITION] = StepProblem.REQUIRED
    elif len(entry.position.strip()) > MAX_TEXT:
        problems[StepField.POSITION] = StepProblem.TOO_LONG
    if not entry.sector_code:
        problems[StepField.SECTOR] = StepProblem.REQUIRED
    if entry.monthly_wage is not None and not 0 < entry.monthly_wage <= MAX_WAGE:
        problems[StepField.WAGE] = StepProblem.OUT_OF_RANGE
    if entry.contract_type is None:
        problems[StepField.CONTRACT] = StepProblem.REQUIRED
    return problems


@pure
def check_training(entry: TrainingEntry) -> dict[StepField, StepProblem]:
    problems: dict[StepField, StepProblem] = {}
    if entry.service_type_code not in TRAINING_SERVICES:
        problems[StepField.SERVICE] = StepProblem.REQUIRED
    if entry.provider_id is None:
        problems[StepField.PROVIDER] = StepProblem.REQUIRED
    if not entry.course_title.strip():
        problems[StepField.COURSE] = StepProblem.REQUIRED
    elif len(entry.course_title.strip()) > MAX_TEXT:
        problems[StepField.COURSE] = StepProblem.TOO_LONG
    if entry.starts_on is not None and entry.ends_on is not None and (
            entry.ends_on < entry.starts_on
            or (entry.ends_on - entry.starts_on).days > MAX_TRAINING_DAYS):
        problems[StepField.DATES] = StepProblem.ORDER
    return problems


def _check_day(on: date, referral: JobReferral, today: date, *,
               ahead: timedelta = timedelta(0)) -> None:
    if on < referral.referred_on:
        raise InvalidStep({StepField.DAY: StepProblem.BEFORE_REFERRAL})
    if on > today + ahead:
        raise InvalidStep({StepField.DAY: StepProblem.TOO_FAR_AHEAD if ahead
                           else StepProblem.IN_FUTURE})


def _check_note(note: str) -> str:
    if len(note.strip()) > MAX_NOTE:
        raise InvalidStep({StepField.NOTE: StepProblem.TOO_LONG})
    return note.strip()


# ---- referring -----------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def refer_to_vacancy(database: Database, actor: Actor, person_id: uuid.UUID,
                     vacancy_id: uuid.UUID, *, on: date | None = None,
                     today: date | None = None) -> uuid.UUID:
    """Refer the client to the vacancy. Raises VacancyNotOpen, NoPlacesLeft,
    AlreadyReferred, NoOpenCase, InvalidStep (a day ahead), NoSuchVacancy."""
    today = today or date.today()
    on = on or today
    if on > today:
        raise InvalidStep({StepField.DAY: StepProblem.IN_FUTURE})
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        case_id = _open_case(session, person.id, person.office_id)
        vacancy = _referable(session, vacancy_id, person.id)
        referral = JobReferral(person_id=person.id, case_id=case_id, office_id=person.office_id,
                               caseworker_id=actor.user_id, kind=JobReferralKind.JOB,
                               service_type_code=JOB_SERVICE, employer_id=vacancy.employer_id,
                               vacancy_id=vacancy.id, referred_on=on,
                               status=JobReferralStatus.REFERRED)
        session.add(referral)
        session.flush()
        _log(session, actor, referral)
        return referral.id


@requires(Permission.WORK_WITH_CLIENTS)
def refer_to_training(database: Database, actor: Actor, person_id: uuid.UUID,
                      entry: TrainingEntry, *, on: date | None = None,
                      today: date | None = None) -> uuid.UUID:
    """Refer the client to a provider's training course. Raises InvalidStep, NoOpenCase."""
    today = today or date.today()
    on = on or today
    problems = check_training(entry)
    if on > today:
        problems[StepField.DAY] = StepProblem.IN_FUTURE
    if problems:
        raise InvalidStep(problems)
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        case_id = _open_case(session, person.id, person.office_id)
        _require_training_choices(session, entry)
        referral = JobReferral(person_id=person.id, case_id=case_id, office_id=person.office_id,
                               caseworker_id=actor.user_id, kind=JobReferralKind.TRAINING,
                               service_type_code=entry.service_type_code,
                               provider_id=entry.provider_id,
                               course_title=entry.course_title.strip(),
                               starts_on=entry.starts_on, ends_on=entry.ends_on, referred_on=on,
                               status=JobReferralStatus.REFERRED)
        session.add(referral)
        session.flush()
        _log(session, actor, referral)
        return referral.id


@within_checked_call
def add_from_consultation(session: Session, actor: Actor, consultation: Consultation,
                          service_type_code: str, provider_id: uuid.UUID | None,
                          vacancy_id: uuid.UUID | None, on: date) -> JobReferral:
    """A consultation's job or training referral, in the consultation's transaction.

    A job referral names the vacancy chosen at the consultation, or waits for one; a
    training referral names the provider (if chosen) and gets its course later. The
    consultation's own checks found the choices valid."""
    kind = JobReferralKind.JOB if service_type_code == JOB_SERVICE else JobReferralKind.TRAINING
    employer_id = None
    if kind is JobReferralKind.JOB and vacancy_id is not None:
        employer_id = _referable(session, vacancy_id, consultation.person_id).employer_id
    referral = JobReferral(
        person_id=consultation.person_id, case_id=consultation.case_id,
        office_id=consultation.office_id, caseworker_id=actor.user_id,
        consultation_id=consultation.id, kind=kind, service_type_code=service_type_code,
        employer_id=employer_id, vacancy_id=vacancy_id if employer_id else None,
        provider_id=provider_id if kind is JobReferralKind.TRAINING else None,
        referred_on=on, status=JobReferralStatus.REFERRED)
    session.add(referral)
    session.flush()
    _log(session, actor, referral)
    return referral


@pure
def is_pipeline_service(service_type_code: str | None) -> bool:
    """Whether a referral to this service goes to the employment pipeline."""
    return service_type_code in PIPELINE_SERVICES


@requires(Permission.WORK_WITH_CLIENTS)
def choose_vacancy(database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
                   vacancy_id: uuid.UUID) -> None:
    """The vacancy of a job referral made without one (at a consultation). Raises
    ReferralNotInStep, VacancyNotOpen, NoPlacesLeft, AlreadyReferred, StaleRecord."""
    with database.session(actor.user_id) as session:
        referral = _referral(session, actor, referral_id, version)
        if referral.kind is not JobReferralKind.JOB or referral.status is not \
                JobReferralStatus.REFERRED or referral.vacancy_id is not None:
            raise ReferralNotInStep(referral.status)
        vacancy = _referable(session, vacancy_id, referral.person_id)
        referral.vacancy_id, referral.employer_id = vacancy.id, vacancy.employer_id
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def vacancy_referrals(database: Database, actor: Actor,
                      vacancy_id: uuid.UUID) -> list[VacancyReferralRow]:
    """Who was referred to the vacancy and where each stands; a user of one office sees
    their office's referrals only."""
    with database.reading() as connection:
        return job_seeking.vacancy_referrals(connection, vacancy_id, actor.office_scope)


# ---- the steps -----------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def record_interview(database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
                     on: date, *, today: date | None = None) -> None:
    """The employer invited the client: the day it is (or was) held. Raises
    ReferralNotInStep, VacancyNotChosen, InvalidStep, StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        referral = _referral(session, actor, referral_id, version)
        if referral.kind is not JobReferralKind.JOB or \
                referral.status is not JobReferralStatus.REFERRED:
            raise ReferralNotInStep(referral.status)
        if referral.employer_id is None:
            raise VacancyNotChosen()
        _check_day(on, referral, today, ahead=MAX_START_AHEAD)
        referral.status, referral.interview_on = JobReferralStatus.INTERVIEW, on
        session.flush()
        _log(session, actor, referral)


@requires(Permission.WORK_WITH_CLIENTS)
def hire(database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
         entry: HireEntry, *, today: date | None = None) -> uuid.UUID:
    """The client was hired through this referral: the placement, one place of the
    vacancy filled, the search ended, the retention checks planned.

    Raises ReferralNotInStep (hire=True: only a referral under way leads to a hire),
    VacancyNotChosen, VacancyNotOpen (closed), NoPlacesLeft, InvalidStep, StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        referral = _referral(session, actor, referral_id, version)
        if referral.kind is not JobReferralKind.JOB or referral.status not in (
                JobReferralStatus.REFERRED, JobReferralStatus.INTERVIEW):
            raise ReferralNotInStep(referral.status, hire=True)
        if referral.employer_id is None:
            raise VacancyNotChosen()
        problems = check_hire(entry, referral.referred_on, today)
        if problems:
            raise InvalidStep(problems)
        assert entry.started_on is not None and entry.contract_type is not None
        if session.get(EconomicSector, entry.sector_code) is None:
            raise InvalidStep({StepField.SECTOR: StepProblem.UNKNOWN})
        if referral.vacancy_id is not None:
            vacancy = session.get(Vacancy, referral.vacancy_id)
            assert vacancy is not None
            if vacancy.status is VacancyStatus.CLOSED:
                raise VacancyNotOpen(vacancy.title, vacancy.status)
            if places_taken(session, vacancy.id) >= vacancy.positions:
                raise NoPlacesLeft(vacancy.title, vacancy.positions)
        referral.status = JobReferralStatus.HIRED
        referral.outcome_on = min(entry.started_on, today)
        placement = Placement(person_id=referral.person_id, office_id=referral.office_id,
                              employer_id=referral.employer_id, job_referral_id=referral.id,
                              position=entry.position.strip(), sector_code=entry.sector_code,
                              monthly_wage=entry.monthly_wage,
                              contract_type=entry.contract_type, started_on=entry.started_on)
        session.add(placement)
        session.flush()
        _log(session, actor, referral)
        stop_seeking(session, referral.person_id)
        employer = session.get(Employer, referral.employer_id)
        assert employer is not None
        plan_retention_checks(session, actor, placement, referral.case_id, employer.name)
        session.flush()
        return placement.id


@requires(Permission.WORK_WITH_CLIENTS)
def start_training(database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
                   on: date, *, today: date | None = None) -> None:
    """The training course began for the client. Raises ReferralNotInStep, InvalidStep,
    StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        referral = _referral(session, actor, referral_id, version)
        if referral.kind is not JobReferralKind.TRAINING or \
                referral.status is not JobReferralStatus.REFERRED:
            raise ReferralNotInStep(referral.status)
        _check_day(on, referral, today)
        referral.status = JobReferralStatus.STARTED
        referral.starts_on = on
        session.flush()
        _log(session, actor, referral)


@requires(Permission.WORK_WITH_CLIENTS)
def close_referral(database: Database, actor: Actor, referral_id: uuid.UUID, version: int,
                   status: JobReferralStatus, on: date, note: str = "", *,
                   today: date | None = None) -> None:
    """End the referral without a hire: not taken, did not go; for training also
    completed or left. Raises ReferralNotInStep, InvalidStep, StaleRecord."""
    today = today or date.today()
    note = _check_note(note)
    with database.session(actor.user_id) as session:
        referral = _referral(session, actor, referral_id, version)
        follows = ENDINGS[referral.kind].get(status, ())
        if referral.status not in follows:
            raise ReferralNotInStep(referral.status)
        _check_day(on, referral, today)
        if (referral.kind is JobReferralKind.TRAINING and referral.starts_on is not None
                and status in (JobReferralStatus.COMPLETED, JobReferralStatus.DROPPED)
                and on < referral.starts_on):
            raise InvalidStep({StepField.DAY: StepProblem.BEFORE_REFERRAL})
        referral.status, referral.outcome_on, referral.note = status, on, note
        if status is JobReferralStatus.COMPLETED:
            referral.ends_on = on
        session.flush()
        _log(session, actor, referral, note)


# ---- shared --------------------------------------------------------------------------------

def _open_case(session: Session, person_id: uuid.UUID, office_id: uuid.UUID) -> uuid.UUID:
    case_id = open_case_id(session, person_id, office_id)
    if case_id is None:
        raise NoOpenCase(office_name(session, office_id))
    return case_id


@within_checked_call
def referable(session: Session, vacancy_id: uuid.UUID, person_id: uuid.UUID) -> bool:
    """Whether the vacancy takes a referral of this client now."""
    try:
        _referable(session, vacancy_id, person_id)
    except (NoSuchVacancy, VacancyNotOpen, NoPlacesLeft, AlreadyReferred):
        return False
    return True


def _referable(session: Session, vacancy_id: uuid.UUID, person_id: uuid.UUID) -> Vacancy:
    """The vacancy, if it takes a referral of this client now."""
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NoSuchVacancy(vacancy_id)
    if vacancy.status is not VacancyStatus.OPEN:
        raise VacancyNotOpen(vacancy.title, vacancy.status)
    if places_taken(session, vacancy.id) >= vacancy.positions:
        raise NoPlacesLeft(vacancy.title, vacancy.positions)
    under_way = session.scalar(select(JobReferral.status).where(
        JobReferral.person_id == person_id, JobReferral.vacancy_id == vacancy.id,
        JobReferral.status.in_(UNDER_WAY)).limit(1))
    if under_way is not None:
        raise AlreadyReferred(vacancy.title, under_way)
    return vacancy


def _require_training_choices(session: Session, entry: TrainingEntry) -> None:
    service = session.get(ServiceType, entry.service_type_code)
    if service is None or not service.active:
        raise InvalidStep({StepField.SERVICE: StepProblem.UNKNOWN})
    provider = session.get(Provider, entry.provider_id)
    if provider is None or not provider.active or provider.area_code != service.area_code:
        raise InvalidStep({StepField.PROVIDER: StepProblem.UNKNOWN})


def _referral(session: Session, actor: Actor, referral_id: uuid.UUID,
              version: int) -> JobReferral:
    referral = session.get(JobReferral, referral_id)
    if referral is None:
        raise NoSuchReferral(referral_id)
    require_client(session, actor, referral.person_id)
    require_version(session, referral, version)
    return referral


def _log(session: Session, actor: Actor, referral: JobReferral, note: str = "") -> None:
    session.add(StatusChange(subject_table=JobReferral.__tablename__, subject_id=referral.id,
                             status=referral.status.value, changed_by=actor.user_id,
                             note=note))
