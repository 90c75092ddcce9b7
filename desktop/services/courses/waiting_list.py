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

from db.models import CourseEnrolment, CourseGroup, EnrolmentStatus, FollowUp
from db.queries.courses import HOLDS_PLACE
from desktop.i18n import _
from desktop.services.access import Actor, within_checked_call
from desktop.services.follow_ups import close_task, raise_task

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
    """A task about the participant for their case's caseworker (``raise_task``)."""
    return raise_task(session, actor, enrolment.person_id, enrolment.case_id, due_on, title)


@within_checked_call
def close_offer(session: Session, actor: Actor, enrolment: CourseEnrolment,
                comment: str) -> None:
    """The offer was answered: its follow-up is done, by the user who answered."""
    if enrolment.offer_follow_up_id is None:
        return
    task = session.get(FollowUp, enrolment.offer_follow_up_id)
    if task is not None:
        close_task(session, actor, task, comment)
