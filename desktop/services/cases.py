"""A client's case: closing it, reopening it, giving it to another caseworker.

Each step is one unit of work. It checks, in this order, that the user may work
with the client and with the office that holds the case (``ForeignCase``), that
the case is still at the version the user read (``StaleRecord`` otherwise: someone
else changed it meanwhile), and that the step makes sense for the case's status;
then it changes the case and records the step in ``status_change`` in the same
transaction, with the outcome note or the reason for reopening.

Only an accepted transfer (``desktop.services.transfers``) closes a case as transferred to
another office: that closure has a continuation case elsewhere, which a hand-made one would
lack, so ``check_closing`` refuses the reason and the close dialog does not offer it. For the
same reason a case with a transfer pending is not closed (the answer would find it closed),
and a case closed by a transfer is not reopened (its work goes on in the other office).

Reassigning is a manager's decision (``Permission.SEE_ALL_QUEUES``): it moves a
caseload between people. It changes no status, so it writes no status step; the
audit log keeps who gave the case to whom.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.errors import UniqueViolation
from db.models import Case, CaseStatus, CaseTransfer, Office, StatusChange, TransferStatus, User
from db.models.case import MERGE_CLOSURE, TRANSFER_CLOSURE
from db.models.reference import CaseClosureReason
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
from desktop.services.client_file.items import CaseItem
from desktop.services.courses.enrolment import leave_office_groups
from desktop.services.follow_ups import require_client
from desktop.services.versions import require_version

__all__ = ["MAX_NOTE", "MERGED", "OPEN_CASE_INDEX", "TRANSFERRED", "AnotherCaseOpen",
           "CaseAlreadyClosed", "CaseAlreadyOpen", "CaseTransferredAway", "Field", "ForeignCase",
           "InvalidCaseEntry", "NoSuchCase", "NotACaseworkerHere", "Problem", "Steps",
           "TransferPending", "caseworkers", "check_closing", "check_reopening", "close_case",
           "pending_transfer", "problem_text", "reachable_case", "reassign_case",
           "record_step", "reopen_case", "steps_for"]

MAX_NOTE = 2000
OPEN_CASE_INDEX = "uq_client_case_open"  # one open case per person per office
TRANSFERRED = TRANSFER_CLOSURE  # the closure reason only an accepted transfer sets
MERGED = MERGE_CLOSURE  # the closure reason only a merge sets


class NoSuchCase(LookupError):
    pass


class CaseAlreadyClosed(Exception):
    """Closing, or giving to someone, a case that is closed."""


class CaseAlreadyOpen(Exception):
    """Reopening a case that is open."""


class AnotherCaseOpen(Exception):
    """Reopening would make a second open case of this person in this office."""

    def __init__(self, office: str) -> None:
        super().__init__("another open case")
        self.office = office


class ForeignCase(AccessDenied):
    """A case held by an office other than the only one this user works in."""

    def __init__(self, office: str) -> None:
        super().__init__(None, Denial.OFFICE)
        self.office = office


class NotACaseworkerHere(Exception):
    """The case was to go to someone who is not an active caseworker of its office."""

    def __init__(self, name: str, office: str) -> None:
        super().__init__("not a caseworker of the case's office")
        self.name = name
        self.office = office


class TransferPending(Exception):
    """The case has a transfer request waiting for the other office's answer."""

    def __init__(self, office: str) -> None:
        super().__init__("a transfer is pending")
        self.office = office  # where it is to go


class CaseTransferredAway(Exception):
    """Reopening a case that a transfer closed: it goes on in the office that took it."""

    def __init__(self, office: str) -> None:
        super().__init__("closed by a transfer")
        self.office = office  # the office that holds its continuation, "" if unknown


class Field(enum.StrEnum):
    REASON = "reason"
    NOTE = "note"


class Problem(enum.Enum):
    REQUIRED = "required"
    UNKNOWN = "unknown"  # a closure reason that is not (or no longer) in the list
    TRANSFER_ONLY = "transfer_only"  # "transferred to another office", set by transfers only
    TOO_LONG = "too_long"


class InvalidCaseEntry(ValueError):
    def __init__(self, problems: dict[Field, Problem]) -> None:
        super().__init__("; ".join(f"{f.value}: {p.value}" for f, p in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class Steps:
    """Which steps the file offers on its case; the service checks each again."""

    close: bool
    reopen: bool
    reassign: bool


# ---- rules, for the dialogs and the service alike ---------------------------------------------

@pure
def steps_for(actor: Actor, case: CaseItem | None) -> Steps:
    if case is None or not actor.can(Permission.WORK_WITH_CLIENTS):
        return Steps(False, False, False)
    scope = actor.office_scope
    ours = scope is None or case.office_id == scope
    # A case waiting for another office's answer is not closed (the service refuses it).
    return Steps(close=ours and case.is_open and case.transfer is None,
                 reopen=ours and not case.is_open,
                 reassign=ours and case.is_open and actor.can(Permission.SEE_ALL_QUEUES))


@pure
def check_closing(reason_code: str | None, note: str) -> dict[Field, Problem]:
    """The outcome note may stay empty: the reason already says why the case ended."""
    problems: dict[Field, Problem] = {}
    if not reason_code:
        problems[Field.REASON] = Problem.REQUIRED
    elif reason_code == TRANSFERRED:
        problems[Field.REASON] = Problem.TRANSFER_ONLY
    elif reason_code == MERGED:
        problems[Field.REASON] = Problem.UNKNOWN
    if len(note.strip()) > MAX_NOTE:
        problems[Field.NOTE] = Problem.TOO_LONG
    return problems


@pure
def check_reopening(note: str) -> dict[Field, Problem]:
    """Reopening has no list of reasons: the note is the reason, so it is needed."""
    if not note.strip():
        return {Field.NOTE: Problem.REQUIRED}
    if len(note.strip()) > MAX_NOTE:
        return {Field.NOTE: Problem.TOO_LONG}
    return {}


@pure
def problem_text(field: Field, problem: Problem) -> str:
    texts = {
        (Field.REASON, Problem.REQUIRED): _("Choose why the case is closed."),
        (Field.REASON, Problem.UNKNOWN): _("Choose a reason from the list."),
        (Field.REASON, Problem.TRANSFER_ONLY): _(
            "A case goes to another office by a transfer request, which that office "
            "accepts: use “Transfer to another office…”."),
        (Field.NOTE, Problem.REQUIRED): _("Say why the case is reopened."),
        (Field.NOTE, Problem.TOO_LONG): _("Keep the note under {limit} characters."),
    }
    return texts[(field, problem)].format(limit=MAX_NOTE)


# ---- the steps --------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def close_case(database: Database, actor: Actor, case_id: uuid.UUID, version: int,
               reason_code: str | None, note: str = "", *, today: date | None = None) -> int:
    """Close the case for ``reason_code`` (``case_closure_reason``), today; returns its new
    version.

    The case's open follow-ups are left as they are: a task still due (a document to
    collect, a call to return) is the caseworker's to finish or drop, and Today keeps
    showing it until then. Raises InvalidCaseEntry, CaseAlreadyClosed, TransferPending,
    StaleRecord, ForeignCase, AccessDenied, NoSuchCase.
    """
    note = note.strip()
    problems = check_closing(reason_code, note)
    if problems:
        raise InvalidCaseEntry(problems)
    with database.session(actor.user_id) as session:
        case = _current(session, actor, case_id, version)
        if case.status is CaseStatus.CLOSED:
            raise CaseAlreadyClosed(case_id)
        pending = pending_transfer(session, case.id)
        if pending is not None:
            raise TransferPending(office_name(session, pending.to_office_id))
        reason = session.get(CaseClosureReason, reason_code)
        if reason is None or not reason.active:
            raise InvalidCaseEntry({Field.REASON: Problem.UNKNOWN})
        case.status = CaseStatus.CLOSED
        # Never before it opened: a clock set back must not give a case a negative length.
        case.closed_on = max(today or date.today(), case.opened_on)
        case.closure_reason_code = reason.code
        record_step(session, actor, case, note)
        # A client with no open case cannot take a place: their waiting is over.
        leave_office_groups(session, actor, case.person_id, case.office_id, case.closed_on,
                            waiting_only=True)
        session.flush()
        return case.version


@requires(Permission.WORK_WITH_CLIENTS)
def reopen_case(database: Database, actor: Actor, case_id: uuid.UUID, version: int,
                note: str) -> int:
    """Open a closed case again, saying why in ``note``; returns its new version.

    Its closing date and reason are cleared (the status history keeps them). Refused
    while the person has another open case in the same office (AnotherCaseOpen), for a
    case a transfer closed (CaseTransferredAway), and with InvalidCaseEntry,
    CaseAlreadyOpen, StaleRecord, ForeignCase, AccessDenied, NoSuchCase.
    """
    note = note.strip()
    problems = check_reopening(note)
    if problems:
        raise InvalidCaseEntry(problems)
    office = ""
    try:
        with database.session(actor.user_id) as session:
            case = _current(session, actor, case_id, version)
            office = office_name(session, case.office_id)
            if case.status is CaseStatus.OPEN:
                raise CaseAlreadyOpen(case_id)
            if case.closure_reason_code == TRANSFERRED:
                raise CaseTransferredAway(_continued_in(session, case))
            if _other_open_case(session, case) is not None:
                raise AnotherCaseOpen(office)
            case.status = CaseStatus.OPEN
            case.closed_on = None
            case.closure_reason_code = None
            record_step(session, actor, case, note)
            session.flush()
            return case.version
    except UniqueViolation as error:
        # Another case opened between the check and the write: the index has the last word.
        if error.constraint == OPEN_CASE_INDEX:
            raise AnotherCaseOpen(office) from error
        raise


@requires(Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_QUEUES)
def reassign_case(database: Database, actor: Actor, case_id: uuid.UUID, version: int,
                  caseworker_id: uuid.UUID) -> int:
    """Give the open case to another active caseworker of its office; returns its version.

    Giving it to the one who has it already changes nothing. Raises NotACaseworkerHere,
    CaseAlreadyClosed, StaleRecord, ForeignCase, AccessDenied, NoSuchCase.
    """
    with database.session(actor.user_id) as session:
        case = _current(session, actor, case_id, version)
        if case.status is CaseStatus.CLOSED:
            raise CaseAlreadyClosed(case_id)
        if caseworker_id not in dict(caseworker_choices(session.connection(), case.office_id)):
            name = session.scalar(select(User.full_name).where(User.id == caseworker_id))
            raise NotACaseworkerHere(name or "", office_name(session, case.office_id))
        if caseworker_id != case.caseworker_id:
            case.caseworker_id = caseworker_id
            session.flush()
        return case.version


@requires(Permission.WORK_WITH_CLIENTS, Permission.SEE_ALL_QUEUES)
def caseworkers(database: Database, actor: Actor,
                case_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """Whom the case may be given to: the active caseworkers of its office, by name."""
    with database.session() as session:
        case = reachable_case(session, actor, case_id)
        return caseworker_choices(session.connection(), case.office_id)


# ---- steps of the steps -----------------------------------------------------------------------

@within_checked_call
def reachable_case(session: Session, actor: Actor, case_id: uuid.UUID) -> Case:
    """The case, if this user may work with its client and its office."""
    case = session.get(Case, case_id)
    if case is None:
        raise NoSuchCase(case_id)
    require_client(session, actor, case.person_id)
    scope = actor.office_scope
    if scope is not None and case.office_id != scope:
        raise ForeignCase(office_name(session, case.office_id))
    return case


def _current(session: Session, actor: Actor, case_id: uuid.UUID, version: int) -> Case:
    """The case, if it is also still as the user read it."""
    case = reachable_case(session, actor, case_id)
    require_version(session, case, version)
    return case


def _other_open_case(session: Session, case: Case) -> uuid.UUID | None:
    return session.scalar(select(Case.id).where(
        Case.person_id == case.person_id, Case.office_id == case.office_id,
        Case.status == CaseStatus.OPEN, Case.id != case.id))


@within_checked_call
def pending_transfer(session: Session, case_id: uuid.UUID) -> CaseTransfer | None:
    """The case's request waiting for an answer (at most one, by a unique index)."""
    return session.scalar(select(CaseTransfer).where(
        CaseTransfer.case_id == case_id, CaseTransfer.status == TransferStatus.REQUESTED))


def _continued_in(session: Session, case: Case) -> str:
    office = session.scalar(select(Office.name).join(Case, Case.office_id == Office.id)
                            .where(Case.transferred_from_id == case.id))
    return office or ""


@within_checked_call
def record_step(session: Session, actor: Actor, case: Case, note: str) -> None:
    session.add(StatusChange(subject_table=Case.__tablename__, subject_id=case.id,
                             status=case.status.value, changed_by=actor.user_id, note=note))
