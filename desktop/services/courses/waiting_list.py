"""The waiting list: a full group's places offered in order, once each, as they free.

A place is free when the group's capacity exceeds the places taken (enrolled or
completed) plus the places offered and not yet answered. Each free place goes to the
first on the list not yet offered one: ``offered_on`` is set and their caseworker
gets a follow-up to enrol them or take them off the list. An offer is made once: a
client who was offered a place and has not answered keeps it until their caseworker
answers, and nobody is offered a place twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import Case, CourseEnrolment, CourseGroup, EnrolmentStatus, FollowUp, Person
from db.queries.courses import HOLDS_PLACE
from desktop.i18n import _
from desktop.services.access import Actor, within_checked_call

OFFER_DAYS = 3  # the offer's follow-up is due this many days later: a place should not idle


@within_checked_call
def free_places(session: Session, group: CourseGroup) -> int:
    taken = session.scalar(select(func.count()).where(
        CourseEnrolment.group_id == group.id,
        CourseEnrolment.status.in_(list(HOLDS_PLACE)))) or 0
    offered = session.scalar(select(func.count()).where(
        CourseEnrolment.group_id == group.id, CourseEnrolment.status == EnrolmentStatus.WAITING,
        CourseEnrolment.offered_on.is_not(None))) or 0
    return max(group.capacity - taken - offered, 0)


@within_checked_call
def waiting_position(session: Session, enrolment: CourseEnrolment) -> int:
    """1 for the first on the list."""
    return (session.scalar(select(func.count()).where(
        CourseEnrolment.group_id == enrolment.group_id,
        CourseEnrolment.status == EnrolmentStatus.WAITING,
        CourseEnrolment.waiting_since < enrolment.waiting_since)) or 0) + 1


@within_checked_call
def offer_free_places(session: Session, actor: Actor, group: CourseGroup,
                      today: date) -> list[CourseEnrolment]:
    """Offer each free place to the next on the list; returns those offered one now."""
    session.flush()
    places = free_places(session, group)
    if places <= 0:
        return []
    offered = list(session.scalars(
        select(CourseEnrolment)
        .where(CourseEnrolment.group_id == group.id,
               CourseEnrolment.status == EnrolmentStatus.WAITING,
               CourseEnrolment.offered_on.is_(None))
        .order_by(CourseEnrolment.waiting_since, CourseEnrolment.id)
        .limit(places)))
    for enrolment in offered:
        enrolment.offered_on = today
        task = raise_follow_up(
            session, actor, enrolment, today + timedelta(days=OFFER_DAYS),
            _("A place is free in the course group {group}: enrol the client or take them "
              "off its waiting list").format(group=group.name))
        enrolment.offer_follow_up_id = task.id
    session.flush()
    return offered


@within_checked_call
def raise_follow_up(session: Session, actor: Actor, enrolment: CourseEnrolment, due_on: date,
                    title: str) -> FollowUp:
    """A task about the participant for their case's caseworker (the user if it has none).

    The title is written in the language of the user whose action raised it: a task's
    title is text its reader reads, as one a caseworker types is."""
    case = session.get(Case, enrolment.case_id) if enrolment.case_id else None
    assignee = (case.caseworker_id if case is not None and case.caseworker_id
                else actor.user_id)
    person = session.get(Person, enrolment.person_id)
    assert person is not None
    task = FollowUp(person_id=person.id, case_id=enrolment.case_id, assignee_id=assignee,
                    title=title[:200], due_on=due_on)
    session.add(task)
    session.flush()
    return task


@within_checked_call
def close_offer(session: Session, actor: Actor, enrolment: CourseEnrolment,
                comment: str) -> None:
    """The offer was answered: its follow-up is done, by the user who answered."""
    if enrolment.offer_follow_up_id is None:
        return
    task = session.get(FollowUp, enrolment.offer_follow_up_id)
    if task is not None and not task.done:
        task.done, task.done_at, task.done_by = True, utcnow(), actor.user_id
        task.done_comment = comment[:2000]
