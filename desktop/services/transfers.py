"""Passing a case to another office: the request, its withdrawal, and the answer.

The giving office asks (a user who may work with the case, saying why); until the
receiving office answers, the request is pending and the giving office may withdraw
it. Only a manager of the receiving office (``Permission.SEE_ALL_QUEUES`` and that
office as their own; an administrator for any office) accepts or declines it.
Managers may look at every office's clients, so the office is checked here, not
through ``Actor.office_scope``.

Accepting is one transaction: the case is closed in the giving office with the
reason ``transferred_to_other_office``, its continuation is opened in the receiving
office (``Case.transferred_from_id``) for the caseworker the manager chose, the
client's file moves there (``person.office_id``), and what is still to be done moves
with it: the open follow-ups (to the new case and its caseworker) and the goals still
planned or in progress. Done follow-ups, achieved or dropped goals and the
consultations stay with the old case: they are the giving office's history, and its
reports keep counting them. Each step is written to ``status_change``, for the
transfer and for both cases, as ``cases`` does.

Order of refusals, as in ``cases``: who may act, then the version the user read
(``StaleRecord``), then whether the step makes sense now.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, or_, select
from sqlalchemy.orm import Session

from db.errors import UniqueViolation
from db.models import (
    Case,
    CaseGoal,
    CaseStatus,
    CaseTransfer,
    FollowUp,
    GoalStatus,
    Office,
    Person,
    StatusChange,
    TransferStatus,
    User,
)
from db.queries import today as today_queries
from db.queries.offices import office_name
from db.queries.staff import caseworker_choices
from db.session import Database
from desktop.i18n import _
from desktop.services.access import (
    AccessDenied,
    Actor,
    Denial,
    Permission,
    pure,
    requires,
    within_checked_call,
)
from desktop.services.cases import (
    MAX_NOTE,
    OPEN_CASE_INDEX,
    TRANSFERRED,
    AnotherCaseOpen,
    CaseAlreadyClosed,
    NotACaseworkerHere,
    TransferPending,
    pending_transfer,
    reachable_case,
    record_step,
)
from desktop.services.client_file.items import CaseItem
from desktop.services.courses.enrolment import leave_office_groups
from desktop.services.follow_ups import open_case_id
from desktop.services.versions import require_version

__all__ = ["PENDING_INDEX", "Field", "InvalidTransferEntry", "NoSuchTransfer",
           "NotReceivingManager", "Problem", "SameOffice", "TransferLine", "TransferNotPending",
           "TransferPending", "TransferSteps", "UnknownOffice", "accept_transfer",
           "check_decision", "check_request", "decline_transfer", "incoming_transfers",
           "may_decide", "pending_for", "problem_text", "receiving_caseworkers",
           "request_transfer", "steps_for", "target_offices", "withdraw_transfer"]

PENDING_INDEX = "uq_case_transfer_pending"  # one pending request per case
ANSWERABLE = 300  # requests listed at once: far more than an office receives in a week
GOALS_STILL_OPEN = (GoalStatus.PLANNED, GoalStatus.IN_PROGRESS)


class NoSuchTransfer(LookupError):
    pass


class TransferNotPending(Exception):
    """Withdrawing or answering a request that was answered or withdrawn meanwhile."""

    def __init__(self, status: TransferStatus) -> None:
        super().__init__(f"transfer is {status.value}")
        self.status = status


class SameOffice(Exception):
    """A request to the office that holds the case already."""


class UnknownOffice(Exception):
    """The receiving office does not exist or no longer works (deactivated)."""

    def __init__(self, office: str) -> None:
        super().__init__("no such active office")
        self.office = office


class NotReceivingManager(AccessDenied):
    """Answering a request to an office the manager does not work in."""

    def __init__(self, office: str) -> None:
        super().__init__(None, Denial.OFFICE)
        self.office = office


class Field(enum.StrEnum):
    OFFICE = "office"
    NOTE = "note"  # the request's reason, or the answer's note
    CASEWORKER = "caseworker"


class Problem(enum.Enum):
    REQUIRED = "required"
    TOO_LONG = "too_long"


class InvalidTransferEntry(ValueError):
    def __init__(self, problems: dict[Field, Problem], declining: bool = False) -> None:
        super().__init__("; ".join(f"{f.value}: {p.value}" for f, p in problems.items()))
        self.problems = problems
        self.declining = declining  # the note is then the reason for declining


@dataclass(frozen=True)
class TransferLine:
    """A request waiting for the receiving office, as its manager's list shows it."""

    id: uuid.UUID
    version: int
    case_id: uuid.UUID
    person_id: uuid.UUID
    client: str
    from_office: str
    to_office_id: uuid.UUID
    to_office: str
    requested_on: date
    requested_by: str
    note: str


# ---- rules, for the dialogs and the service alike ---------------------------------------------

@pure
def check_request(to_office_id: uuid.UUID | None, note: str) -> dict[Field, Problem]:
    """A request names the office and says why: the receiving manager decides on it."""
    problems: dict[Field, Problem] = {}
    if to_office_id is None:
        problems[Field.OFFICE] = Problem.REQUIRED
    problems.update(_note_problems(note, required=True))
    return problems


@pure
def check_decision(accepting: bool, caseworker_id: uuid.UUID | None,
                   note: str) -> dict[Field, Problem]:
    """Accepting names the caseworker; declining says why (the giving office reads it)."""
    problems: dict[Field, Problem] = {}
    if accepting and caseworker_id is None:
        problems[Field.CASEWORKER] = Problem.REQUIRED
    problems.update(_note_problems(note, required=not accepting))
    return problems


def _note_problems(note: str, required: bool) -> dict[Field, Problem]:
    if required and not note.strip():
        return {Field.NOTE: Problem.REQUIRED}
    if len(note.strip()) > MAX_NOTE:
        return {Field.NOTE: Problem.TOO_LONG}
    return {}


@pure
def problem_text(field: Field, problem: Problem, declining: bool = False) -> str:
    if problem is Problem.TOO_LONG:
        return _("Keep the note under {limit} characters.").format(limit=MAX_NOTE)
    texts = {
        Field.OFFICE: _("Choose the office that is to take the case."),
        Field.NOTE: (_("Say why the transfer is declined.") if declining
                     else _("Say why the case should go to that office.")),
        Field.CASEWORKER: _("Choose the caseworker who takes the case."),
    }
    return texts[field]


@pure
def may_decide(actor: Actor, to_office_id: uuid.UUID) -> bool:
    """Whether the actor answers for that office: one of its managers, or an administrator."""
    if not actor.can(Permission.SEE_ALL_QUEUES):
        return False
    return actor.can(Permission.ADMINISTER) or actor.office_id == to_office_id


@dataclass(frozen=True)
class TransferSteps:
    """What the file offers on its case; the service checks each again."""

    request: bool
    withdraw: bool


@pure
def steps_for(actor: Actor, case: CaseItem | None) -> TransferSteps:
    """Requesting needs an open case with no request pending; withdrawing, one pending.
    Both are the giving office's: whoever may work with the case."""
    if case is None or not actor.can(Permission.WORK_WITH_CLIENTS):
        return TransferSteps(False, False)
    scope = actor.office_scope
    ours = scope is None or case.office_id == scope
    return TransferSteps(request=ours and case.is_open and case.transfer is None,
                         withdraw=ours and case.transfer is not None)


# ---- the giving office ------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def target_offices(database: Database, actor: Actor,
                   case_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """Where the case may be sent: the active offices other than the one holding it, by name."""
    with database.session() as session:
        case = reachable_case(session, actor, case_id)
        return [(office_id, name) for office_id, name in session.execute(
            select(Office.id, Office.name)
            .where(Office.active.is_(True), Office.id != case.office_id)
            .order_by(Office.name))]


@requires(Permission.WORK_WITH_CLIENTS)
def request_transfer(database: Database, actor: Actor, case_id: uuid.UUID, version: int,
                     to_office_id: uuid.UUID | None, note: str, *,
                     today: date | None = None) -> uuid.UUID:
    """Ask ``to_office_id`` to take the open case, saying why in ``note``; returns the
    request's id.

    Raises InvalidTransferEntry, SameOffice, UnknownOffice, CaseAlreadyClosed,
    TransferPending (one request per case at a time), StaleRecord (the case),
    ForeignCase, AccessDenied, NoSuchCase.
    """
    note = note.strip()
    problems = check_request(to_office_id, note)
    if problems:
        raise InvalidTransferEntry(problems)
    assert to_office_id is not None
    office = ""
    try:
        with database.session(actor.user_id) as session:
            case = reachable_case(session, actor, case_id)
            require_version(session, case, version)
            if case.status is CaseStatus.CLOSED:
                raise CaseAlreadyClosed(case_id)
            if to_office_id == case.office_id:
                raise SameOffice(case_id)
            target = session.get(Office, to_office_id)
            office = target.name if target is not None else ""
            if target is None or not target.active:
                raise UnknownOffice(office)
            pending = pending_transfer(session, case.id)
            if pending is not None:
                raise TransferPending(office_name(session, pending.to_office_id))
            transfer = CaseTransfer(case_id=case.id, person_id=case.person_id,
                                    from_office_id=case.office_id, to_office_id=to_office_id,
                                    status=TransferStatus.REQUESTED,
                                    requested_on=today or date.today(), note=note,
                                    decision_note="")
            session.add(transfer)
            session.flush()
            _record_transfer_step(session, actor, transfer, note)
            session.flush()
            return transfer.id
    except UniqueViolation as error:
        # Another request was made between the check and the write: the index decides.
        if error.constraint == PENDING_INDEX:
            raise TransferPending(office) from error
        raise


@requires(Permission.WORK_WITH_CLIENTS)
def withdraw_transfer(database: Database, actor: Actor, transfer_id: uuid.UUID,
                      version: int) -> None:
    """Take back a request not yet answered (the giving office: whoever may work with the
    case). Raises TransferNotPending, StaleRecord, ForeignCase, AccessDenied, NoSuchTransfer.
    """
    with database.session(actor.user_id) as session:
        transfer = _transfer(session, transfer_id)
        reachable_case(session, actor, transfer.case_id)
        require_version(session, transfer, version)
        _require_pending(transfer)
        transfer.status = TransferStatus.WITHDRAWN
        _record_transfer_step(session, actor, transfer, "")
        session.flush()


# ---- the receiving office ---------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_QUEUES)
def incoming_transfers(database: Database, actor: Actor) -> list[TransferLine]:
    """The requests waiting for the actor's office (every office's for an administrator
    with none), oldest first."""
    with database.reading() as connection:
        return pending_for(connection, actor)


@within_checked_call
def pending_for(connection: Connection, actor: Actor) -> list[TransferLine]:
    """``incoming_transfers`` on the caller's connection (Today reads it with its lists)."""
    if not actor.can(Permission.SEE_ALL_QUEUES):
        return []
    office_id = actor.office_id
    if office_id is None and not actor.can(Permission.ADMINISTER):
        return []
    rows = today_queries.transfers_pending(connection, office_id, ANSWERABLE)
    return [TransferLine(r.id, r.version, r.case_id, r.person_id, r.name, r.from_office,
                         r.to_office_id, r.to_office, r.requested_on, r.requested_by, r.note)
            for r in rows]


@requires(Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_QUEUES)
def receiving_caseworkers(database: Database, actor: Actor,
                          transfer_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """Who may take the case: the receiving office's active caseworkers, by name."""
    with database.session() as session:
        transfer = _transfer(session, transfer_id)
        _require_decider(session, actor, transfer)
        return caseworker_choices(session.connection(), transfer.to_office_id)


@requires(Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_QUEUES)
def accept_transfer(database: Database, actor: Actor, transfer_id: uuid.UUID, version: int,
                    caseworker_id: uuid.UUID | None, note: str = "", *,
                    today: date | None = None) -> uuid.UUID:
    """Take the case into the receiving office for ``caseworker_id``; returns the new case's id.

    Raises InvalidTransferEntry, NotACaseworkerHere, AnotherCaseOpen (the client has an
    open case in the receiving office already), CaseAlreadyClosed, TransferNotPending,
    StaleRecord (the request), NotReceivingManager, AccessDenied, NoSuchTransfer.
    """
    note = note.strip()
    problems = check_decision(True, caseworker_id, note)
    if problems:
        raise InvalidTransferEntry(problems)
    office = ""
    try:
        with database.session(actor.user_id) as session:
            transfer = _transfer(session, transfer_id)
            office = _require_decider(session, actor, transfer)
            require_version(session, transfer, version)
            _require_pending(transfer)
            case = session.get(Case, transfer.case_id)
            if case is None or case.status is CaseStatus.CLOSED:
                raise CaseAlreadyClosed(transfer.case_id)
            if caseworker_id not in dict(caseworker_choices(session.connection(),
                                                            transfer.to_office_id)):
                name = session.scalar(select(User.full_name).where(User.id == caseworker_id))
                raise NotACaseworkerHere(name or "", office)
            if open_case_id(session, case.person_id, transfer.to_office_id) is not None:
                raise AnotherCaseOpen(office)
            # One day for both: the client is never in two offices' caseload, nor in none.
            on = max(today or date.today(), case.opened_on)
            new_case = _move(session, actor, transfer, case, caseworker_id, on, note)
            transfer.status = TransferStatus.ACCEPTED
            transfer.decided_on, transfer.decided_by = on, actor.user_id
            transfer.decision_note, transfer.new_case_id = note, new_case.id
            _record_transfer_step(session, actor, transfer, note)
            session.flush()
            return new_case.id
    except UniqueViolation as error:
        if error.constraint == OPEN_CASE_INDEX:
            raise AnotherCaseOpen(office) from error
        raise


@requires(Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_QUEUES)
def decline_transfer(database: Database, actor: Actor, transfer_id: uuid.UUID, version: int,
                     reason: str, *, today: date | None = None) -> None:
    """Say no, and why; the case stays where it is. Raises InvalidTransferEntry,
    TransferNotPending, StaleRecord, NotReceivingManager, AccessDenied, NoSuchTransfer."""
    reason = reason.strip()
    problems = check_decision(False, None, reason)
    if problems:
        raise InvalidTransferEntry(problems, declining=True)
    with database.session(actor.user_id) as session:
        transfer = _transfer(session, transfer_id)
        _require_decider(session, actor, transfer)
        require_version(session, transfer, version)
        _require_pending(transfer)
        transfer.status = TransferStatus.DECLINED
        transfer.decided_on = max(today or date.today(), transfer.requested_on)
        transfer.decided_by, transfer.decision_note = actor.user_id, reason
        _record_transfer_step(session, actor, transfer, reason)
        session.flush()


# ---- steps of the steps -----------------------------------------------------------------------

def _move(session: Session, actor: Actor, transfer: CaseTransfer, case: Case,
          caseworker_id: uuid.UUID | None, on: date, note: str) -> Case:
    """Close the case here, open its continuation there, and move what is still to do."""
    case.status, case.closed_on, case.closure_reason_code = CaseStatus.CLOSED, on, TRANSFERRED
    record_step(session, actor, case, transfer.note)
    new_case = Case(person_id=case.person_id, office_id=transfer.to_office_id,
                    caseworker_id=caseworker_id, status=CaseStatus.OPEN, opened_on=on,
                    transferred_from_id=case.id)
    session.add(new_case)
    session.flush()  # the open-case index speaks here, and the new id is known
    record_step(session, actor, new_case, note)
    person = session.get(Person, case.person_id)
    assert person is not None  # a case's person is never deleted while it has cases
    person.office_id = transfer.to_office_id
    # Tasks of the file with no case (made before the case existed) move too: the old
    # office can no longer open the file, so they would be nobody's.
    for task in session.scalars(select(FollowUp).where(
            FollowUp.person_id == case.person_id, FollowUp.done.is_(False),
            or_(FollowUp.case_id == case.id, FollowUp.case_id.is_(None)))):
        task.case_id, task.assignee_id = new_case.id, caseworker_id
    for goal in session.scalars(select(CaseGoal).where(CaseGoal.case_id == case.id,
                                                       CaseGoal.status.in_(GOALS_STILL_OPEN))):
        goal.case_id = new_case.id
    # The giving office's course groups: the client can no longer attend them, and the
    # place goes to whoever waits for it there.
    leave_office_groups(session, actor, case.person_id, case.office_id, on)
    return new_case


def _transfer(session: Session, transfer_id: uuid.UUID) -> CaseTransfer:
    transfer = session.get(CaseTransfer, transfer_id)
    if transfer is None:
        raise NoSuchTransfer(transfer_id)
    return transfer


def _require_decider(session: Session, actor: Actor, transfer: CaseTransfer) -> str:
    """The receiving office's name, if the actor answers for it."""
    office = office_name(session, transfer.to_office_id)
    if not may_decide(actor, transfer.to_office_id):
        raise NotReceivingManager(office)
    return office


def _require_pending(transfer: CaseTransfer) -> None:
    if transfer.status is not TransferStatus.REQUESTED:
        raise TransferNotPending(transfer.status)


def _record_transfer_step(session: Session, actor: Actor, transfer: CaseTransfer,
                          note: str) -> None:
    session.add(StatusChange(subject_table=CaseTransfer.__tablename__, subject_id=transfer.id,
                             status=transfer.status.value, changed_by=actor.user_id,
                             note=note))
