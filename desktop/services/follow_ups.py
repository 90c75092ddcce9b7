"""Follow-up tasks: creating, rescheduling, reassigning, marking done and reopening them.

Every call takes the actor and refuses a client of another office to a user
who works in one office only (AccessDenied), in the same unit of work as the
change. The problems found in what a user typed are kinds, not sentences:
``problem_text`` words them in the UI language (the consultation form shares them).

A change to a task someone may have changed meanwhile (reschedule, assign, reopen)
takes the version the caller read. It refuses, before anything is written: a task
in the wrong state for it (``AlreadyDone``, ``StillOpen``, checked first because
that says more than "someone changed it"), then a task changed since it was read
(``StaleRecord``), then what was typed (``InvalidInput``).

Reopening clears ``done``, ``done_at`` and ``done_by``; the audit log keeps their
old values (who did it, when, and what they wrote), so nothing is lost, and the
reason goes into ``done_comment``: while a task is open that field holds why it
was reopened, and marking it done again replaces it (the log keeps that too).
No new column or note table: the reason belongs to the task's latest state, and the
log is where its earlier states live.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import Case, CaseStatus, Consultation, FollowUp, Person
from db.queries.staff import caseworker_choices
from db.session import Database
from desktop.i18n import _
from desktop.services.access import (
    Actor,
    Permission,
    pure,
    requires,
    within_checked_call,
)
from desktop.services.versions import require_version

__all__ = ["MAX_COMMENT", "MAX_TEXT", "MAX_TITLE", "AlreadyDone", "FieldProblem", "InvalidInput",
           "NoSuchFollowUp", "Problem", "StillOpen", "assign", "caseworkers", "check_due",
           "close_task", "create", "mark_done", "problem_text", "raise_task", "reopen",
           "reschedule"]

MAX_TITLE = 200
MAX_COMMENT = 2000
MAX_TEXT = 10_000  # notes, advice, next steps
LIMITS = {"title": MAX_TITLE, "comment": MAX_COMMENT, "reason": MAX_COMMENT,
          "deletion_reason": MAX_COMMENT}


class NoSuchFollowUp(LookupError):
    pass


class AlreadyDone(Exception):
    """The task is done: it is reopened before it is rescheduled or given to someone."""

    def __init__(self, follow_up_id: uuid.UUID) -> None:
        super().__init__(f"follow-up {follow_up_id} is done")
        self.follow_up_id = follow_up_id


class StillOpen(Exception):
    """Only a done task can be reopened."""

    def __init__(self, follow_up_id: uuid.UUID) -> None:
        super().__init__(f"follow-up {follow_up_id} is open")
        self.follow_up_id = follow_up_id


class NoSuchClient(LookupError):
    pass


class Problem(enum.Enum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    IN_FUTURE = "in_future"
    IN_PAST = "in_past"
    BEFORE_CONSULTATION = "before_consultation"
    UNKNOWN_CHOICE = "unknown_choice"
    NOT_ALLOWED = "not_allowed"
    NO_CONSENT = "no_consent"  # a referral for a client whose consent is not recorded


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong where: ``row`` (from 0) is set for a line of a table in the form."""

    field: str
    problem: Problem
    row: int | None = None


class InvalidInput(ValueError):
    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.field}[{p.row}]: {p.problem.value}" for p in problems))
        self.problems = problems


@pure
def problem_text(problem: FieldProblem) -> str:
    """One sentence for the place in the form where the problem is shown."""
    texts = {
        ("held_at", Problem.REQUIRED): _("Enter when the consultation was held."),
        ("held_at", Problem.IN_FUTURE): _("A consultation is recorded once it has been held: "
                                          "this time is still to come."),
        ("channel", Problem.REQUIRED): _("Choose how the consultation was held."),
        ("channel", Problem.UNKNOWN_CHOICE): _("Choose how the consultation was held."),
        ("topics", Problem.REQUIRED): _("Tick at least one topic."),
        ("topics", Problem.UNKNOWN_CHOICE): _("Tick topics from the list."),
        ("next_appointment_at", Problem.IN_PAST): _("The next appointment cannot be in the past."),
        ("title", Problem.REQUIRED): _("Say what is to be done."),
        ("title", Problem.TOO_LONG): _("Keep the task under {limit} characters."),
        ("due_on", Problem.REQUIRED): _("Enter the due date."),
        ("due_on", Problem.BEFORE_CONSULTATION): _("The due date is before the consultation."),
        ("due_on", Problem.IN_PAST): _("The due date cannot be in the past."),
        ("assignee", Problem.REQUIRED): _("Choose whom to give the task to."),
        ("assignee", Problem.NOT_ALLOWED): _("This person cannot be given the task."),
        ("reason", Problem.REQUIRED): _("Say why the follow-up is to be done again."),
        ("reason", Problem.TOO_LONG): _("Keep the reason under {limit} characters."),
        ("service_type", Problem.REQUIRED): _("Choose the service."),
        ("service_type", Problem.UNKNOWN_CHOICE): _("Choose the service from the list."),
        ("provider", Problem.UNKNOWN_CHOICE): _("Choose a provider of this service, or none."),
        ("service_type", Problem.NO_CONSENT): _(
            "The client's consent to the processing of their data is not recorded: record it "
            "in the client file before referring them to a provider."),
        ("vacancy", Problem.UNKNOWN_CHOICE): _("This vacancy takes no referral of the client "
                                               "now: choose another, or one later."),
        ("comment", Problem.TOO_LONG): _("Keep the comment under {limit} characters."),
        ("consultation", Problem.UNKNOWN_CHOICE): _("This consultation is not one of this "
                                                    "client's."),
        ("deletion_reason", Problem.REQUIRED): _("Say why the consultation is deleted."),
        ("deletion_reason", Problem.TOO_LONG): _("Keep the reason under {limit} characters."),
    }
    text = texts.get((problem.field, problem.problem))
    if text is None:  # the free-text fields share their wording
        text = {Problem.REQUIRED: _("This cannot be left empty."),
                Problem.TOO_LONG: _("This is longer than {limit} characters.")}.get(
            problem.problem, _("Check this value."))
    text = text.format(limit=LIMITS.get(problem.field, MAX_TEXT))
    if problem.row is None:
        return text
    return _("Line {row}: {problem}").format(row=problem.row + 1, problem=text)


# ---- shared with the consultation service ------------------------------------------------------

@within_checked_call
def require_client(session: Session, actor: Actor, person_id: uuid.UUID) -> Person:
    """The person, if this user may work with them; checked inside the caller's transaction."""
    actor.require(Permission.WORK_WITH_CLIENTS)
    person = session.get(Person, person_id)
    if person is None:
        raise NoSuchClient(person_id)
    actor.require_office(person.office_id)
    return person


@within_checked_call
def open_case_id(session: Session, person_id: uuid.UUID,
                 office_id: uuid.UUID | None) -> uuid.UUID | None:
    """The person's open case in that office (at most one, by a unique index)."""
    if office_id is None:
        return None
    return session.scalar(select(Case.id).where(
        Case.person_id == person_id, Case.office_id == office_id,
        Case.status == CaseStatus.OPEN))


@within_checked_call
def allowed_assignees(session: Session, actor: Actor) -> list[tuple[uuid.UUID, str]]:
    """The caseworkers of the user's office (of every office with SEE_ALL_QUEUES), and the user."""
    office = None if actor.can(Permission.SEE_ALL_QUEUES) else actor.office_id
    people = caseworker_choices(session.connection(), office)
    if all(user_id != actor.user_id for user_id, _name in people):
        people.insert(0, (actor.user_id, actor.full_name))
    return people


@pure
def check_title(title: str, row: int | None = None) -> list[FieldProblem]:
    if not title.strip():
        return [FieldProblem("title", Problem.REQUIRED, row)]
    if len(title.strip()) > MAX_TITLE:
        return [FieldProblem("title", Problem.TOO_LONG, row)]
    return []


@pure
def check_due(due_on: date | None, today: date | None = None) -> list[FieldProblem]:
    """A task's due date: given, and today or later (a new task and a postponed one)."""
    if due_on is None:
        return [FieldProblem("due_on", Problem.REQUIRED)]
    if due_on < (today or date.today()):
        return [FieldProblem("due_on", Problem.IN_PAST)]
    return []


@within_checked_call
def raise_task(session: Session, actor: Actor, person_id: uuid.UUID,
               case_id: uuid.UUID | None, due_on: date, title: str, *,
               assignee_id: uuid.UUID | None = None) -> FollowUp:
    """A task the application raises about a client, for ``assignee_id`` if given, else
    their case's caseworker (the user whose action raised it if the case has none).

    The title is written in that user's language: a task's title is text its reader reads,
    as one a caseworker types is."""
    assignee = assignee_id
    if assignee is None:
        case = session.get(Case, case_id) if case_id else None
        assignee = case.caseworker_id if case is not None and case.caseworker_id \
            else actor.user_id
    task = FollowUp(person_id=person_id, case_id=case_id, assignee_id=assignee,
                    title=title[:MAX_TITLE], due_on=due_on)
    session.add(task)
    session.flush()
    return task


@within_checked_call
def close_task(session: Session, actor: Actor, task: FollowUp, comment: str) -> None:
    """The task is done, by the user, now; one done already keeps who did it and when."""
    if task.done:
        return
    task.done, task.done_at, task.done_by = True, utcnow(), actor.user_id
    task.done_comment = comment[:MAX_COMMENT]


# ---- the use cases ------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def caseworkers(database: Database, actor: Actor) -> list[tuple[uuid.UUID, str]]:
    """Whom a task may be given to: for assignee pickers and the choice of queue."""
    with database.session() as session:
        return allowed_assignees(session, actor)


@requires(Permission.WORK_WITH_CLIENTS)
def create(database: Database, actor: Actor, person_id: uuid.UUID, title: str, due_on: date,
           assignee_id: uuid.UUID | None = None, *,
           consultation_id: uuid.UUID | None = None, today: date | None = None) -> uuid.UUID:
    """A new task for a client, on their open case in the user's office if there is one.

    ``assignee_id`` None gives it to the user; ``today`` (the clock's unless given) is
    the earliest due date. Raises InvalidInput, AccessDenied.
    """
    assignee_id = assignee_id or actor.user_id
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        problems = check_title(title) + check_due(due_on, today)
        if not _may_be_given(session, actor, assignee_id):
            problems.append(FieldProblem("assignee", Problem.NOT_ALLOWED))
        if problems:
            raise InvalidInput(problems)
        if consultation_id is not None:
            _require_consultation_of(session, actor, consultation_id, person.id)
        task = FollowUp(person_id=person.id,
                        case_id=open_case_id(session, person.id,
                                             actor.office_id or person.office_id),
                        consultation_id=consultation_id, assignee_id=assignee_id,
                        title=title.strip(), due_on=due_on)
        session.add(task)
        session.flush()
        return task.id


@requires(Permission.WORK_WITH_CLIENTS)
def mark_done(database: Database, actor: Actor, follow_up_id: uuid.UUID,
              comment: str = "") -> None:
    """Record the task as done by the user, now; one already done is left as it was."""
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise InvalidInput([FieldProblem("comment", Problem.TOO_LONG)])
    with database.session(actor.user_id) as session:
        close_task(session, actor, _task(session, actor, follow_up_id), comment)


@requires(Permission.WORK_WITH_CLIENTS)
def assign(database: Database, actor: Actor, follow_up_id: uuid.UUID, version: int,
           assignee_id: uuid.UUID) -> int:
    """Give the open task to another caseworker (of the user's office, unless
    SEE_ALL_QUEUES); returns its new version.

    Raises AlreadyDone, StaleRecord, InvalidInput, AccessDenied, NoSuchFollowUp.
    """
    with database.session(actor.user_id) as session:
        task = _open_task(session, actor, follow_up_id, version)
        if not _may_be_given(session, actor, assignee_id):
            raise InvalidInput([FieldProblem("assignee", Problem.NOT_ALLOWED)])
        task.assignee_id = assignee_id
        session.flush()
        return task.version


@requires(Permission.WORK_WITH_CLIENTS)
def reschedule(database: Database, actor: Actor, follow_up_id: uuid.UUID, version: int,
               due_on: date, *, today: date | None = None) -> int:
    """Move the open task to another day, today or later; returns its new version.

    Raises AlreadyDone, StaleRecord, InvalidInput, AccessDenied, NoSuchFollowUp.
    """
    with database.session(actor.user_id) as session:
        task = _open_task(session, actor, follow_up_id, version)
        problems = check_due(due_on, today)
        if problems:
            raise InvalidInput(problems)
        task.due_on = due_on
        session.flush()
        return task.version


@requires(Permission.WORK_WITH_CLIENTS)
def reopen(database: Database, actor: Actor, follow_up_id: uuid.UUID, version: int,
           reason: str) -> int:
    """Make a done task open again, saying why; returns its new version.

    Who did it, when and their comment stay in the audit log; ``reason`` takes the
    comment's place (see the module's note). Raises StillOpen, StaleRecord,
    InvalidInput, AccessDenied, NoSuchFollowUp.
    """
    reason = reason.strip()
    with database.session(actor.user_id) as session:
        task = _task(session, actor, follow_up_id)
        if not task.done:
            raise StillOpen(task.id)
        require_version(session, task, version)
        if not reason:
            raise InvalidInput([FieldProblem("reason", Problem.REQUIRED)])
        if len(reason) > MAX_COMMENT:
            raise InvalidInput([FieldProblem("reason", Problem.TOO_LONG)])
        task.done = False
        task.done_at = None
        task.done_by = None
        task.done_comment = reason
        session.flush()
        return task.version


def _require_consultation_of(session: Session, actor: Actor, consultation_id: uuid.UUID,
                             person_id: uuid.UUID) -> None:
    """A task hangs off a consultation of the same client, held in an office the user works in."""
    consultation = session.get(Consultation, consultation_id)
    if consultation is None or consultation.person_id != person_id:
        raise InvalidInput([FieldProblem("consultation", Problem.UNKNOWN_CHOICE)])
    actor.require_office(consultation.office_id)


def _task(session: Session, actor: Actor, follow_up_id: uuid.UUID) -> FollowUp:
    task = session.get(FollowUp, follow_up_id)
    if task is None:
        raise NoSuchFollowUp(follow_up_id)
    require_client(session, actor, task.person_id)
    return task


def _open_task(session: Session, actor: Actor, follow_up_id: uuid.UUID,
               version: int) -> FollowUp:
    """The task, if the user may change it, it is not done, and it is as they read it."""
    task = _task(session, actor, follow_up_id)
    if task.done:
        raise AlreadyDone(task.id)
    require_version(session, task, version)
    return task


def _may_be_given(session: Session, actor: Actor, assignee_id: uuid.UUID | None) -> bool:
    return assignee_id in {user_id for user_id, _n in allowed_assignees(session, actor)}
