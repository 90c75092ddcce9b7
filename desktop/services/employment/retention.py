"""Retention checks: is the client still employed 3 and 6 months after the job started?

Both are planned at the hire, each with a follow-up for the case's caseworker due on its
day. The outcome is recorded from that day on, never before: still employed, or left
(when, and why, from the ``job_leaving_reason`` list). Recording it closes the
follow-up; a client who left ends the placement on that day. The monthly report's
retention figures count these outcomes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy.orm import Session

from db.models import FollowUp, Placement, RetentionCheck
from db.models.reference import JobLeavingReason
from db.session import Database
from desktop.i18n import _
from desktop.services.access import Actor, Permission, pure, requires, within_checked_call
from desktop.services.employment.errors import (
    InvalidStep,
    NoSuchRetentionCheck,
    RetentionNotDue,
    RetentionRecorded,
    StepField,
    StepProblem,
)
from desktop.services.follow_ups import close_task, raise_task, require_client
from desktop.services.versions import require_version

__all__ = ["CHECK_MONTHS", "RetentionOutcome", "due_day", "plan_retention_checks",
           "record_retention"]

CHECK_MONTHS = (3, 6)
MAX_NOTE = 2000


@dataclass(frozen=True)
class RetentionOutcome:
    checked_on: date | None
    still_employed: bool
    left_on: date | None = None  # when they left, if known (the check's day otherwise)
    leaving_reason_code: str | None = None
    note: str = ""


@pure
def due_day(started_on: date, months: int) -> date:
    """The same day of the month, ``months`` later (the month's last day if it is shorter)."""
    return started_on + relativedelta(months=months)


@within_checked_call
def plan_retention_checks(session: Session, actor: Actor, placement: Placement,
                          case_id: uuid.UUID | None, employer: str) -> list[RetentionCheck]:
    """The placement's checks and their follow-ups, for the case's caseworker (the user if
    the case has none). Titles are in the language of the user who recorded the hire, as a
    task someone types would be."""
    checks = []
    for months in CHECK_MONTHS:
        due = due_day(placement.started_on, months)
        task = raise_task(session, actor, placement.person_id, case_id, due, _(
            "Retention check at {months} months: is the client still employed at "
            "{employer}?").format(months=months, employer=employer))
        check = RetentionCheck(placement_id=placement.id, months_after=months, due_on=due,
                               follow_up_id=task.id)
        session.add(check)
        checks.append(check)
    session.flush()
    return checks


@requires(Permission.WORK_WITH_CLIENTS)
def record_retention(database: Database, actor: Actor, check_id: uuid.UUID, version: int,
                     outcome: RetentionOutcome, *, today: date | None = None) -> None:
    """Record whether the client is still employed. Raises RetentionNotDue (before its
    day), RetentionRecorded, InvalidStep, StaleRecord, NoSuchRetentionCheck."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        check = session.get(RetentionCheck, check_id)
        if check is None:
            raise NoSuchRetentionCheck(check_id)
        placement = session.get(Placement, check.placement_id)
        assert placement is not None
        require_client(session, actor, placement.person_id)
        require_version(session, check, version)
        if check.checked_on is not None:
            raise RetentionRecorded(check.id)
        if today < check.due_on:
            raise RetentionNotDue(check.months_after, check.due_on)
        _check_outcome(session, outcome, check, placement, today)
        assert outcome.checked_on is not None
        check.checked_on, check.still_employed = outcome.checked_on, outcome.still_employed
        check.note = outcome.note.strip()
        if not outcome.still_employed:
            check.leaving_reason_code = outcome.leaving_reason_code
            if placement.ended_on is None:
                placement.ended_on = outcome.left_on or outcome.checked_on
        _close_follow_up(session, actor, check, outcome)
        session.flush()


def _check_outcome(session: Session, outcome: RetentionOutcome, check: RetentionCheck,
                   placement: Placement, today: date) -> None:
    problems: dict[StepField, StepProblem] = {}
    if outcome.checked_on is None:
        problems[StepField.DAY] = StepProblem.REQUIRED
    elif outcome.checked_on > today:
        problems[StepField.DAY] = StepProblem.IN_FUTURE
    elif outcome.checked_on < check.due_on:
        raise RetentionNotDue(check.months_after, check.due_on)
    if not outcome.still_employed:
        if not outcome.leaving_reason_code:
            problems[StepField.REASON] = StepProblem.REQUIRED
        elif session.get(JobLeavingReason, outcome.leaving_reason_code) is None:
            problems[StepField.REASON] = StepProblem.UNKNOWN
        if outcome.left_on is not None and (
                outcome.left_on < placement.started_on
                or (outcome.checked_on is not None and outcome.left_on > outcome.checked_on)):
            problems[StepField.DATES] = StepProblem.ORDER
    if len(outcome.note.strip()) > MAX_NOTE:
        problems[StepField.NOTE] = StepProblem.TOO_LONG
    if problems:
        raise InvalidStep(problems)


def _close_follow_up(session: Session, actor: Actor, check: RetentionCheck,
                     outcome: RetentionOutcome) -> None:
    if check.follow_up_id is None:
        return
    task = session.get(FollowUp, check.follow_up_id)
    if task is not None:
        close_task(session, actor, task, (_("Still employed.") if outcome.still_employed
                                          else _("No longer employed.")) + (
            f" {outcome.note.strip()}" if outcome.note.strip() else ""))
