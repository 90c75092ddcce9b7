"""The Today screen's work: follow-ups due, documents running out, appointments.

A caseworker sees their own queue, limited to their office's clients; a
manager or administrator (SEE_ALL_QUEUES) may look at any caseworker's queue.
Each list holds the most urgent ``LIMIT`` lines and the true total. A manager also sees
the transfer requests other offices sent to theirs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from db.models import User
from db.queries import today as queries
from db.session import Database
from desktop.domain.phones import shown_phone
from desktop.i18n import _, current_language, ngettext
from desktop.services.access import AccessDenied, Actor, Permission, requires
from desktop.services.follow_ups import allowed_assignees
from desktop.services.transfers import TransferLine, pending_for
from desktop.settings import document_warning_days

__all__ = ["LIMIT", "AppointmentLine", "DocumentLine", "FollowUpLine", "TodayWork",
           "load_today", "queues"]

LIMIT = 300  # lines per list: more than a day's work, few enough to show at once


@dataclass(frozen=True)
class FollowUpLine:
    id: uuid.UUID
    person_id: uuid.UUID
    client: str
    title: str
    due_on: date
    overdue: bool
    state: str  # "Due today", "Overdue by 3 days"
    version: int  # the task's, as read: rescheduling from Today refuses a stale one


@dataclass(frozen=True)
class DocumentLine:
    id: uuid.UUID
    person_id: uuid.UUID
    client: str
    type: str
    number: str
    expires_on: date
    expired: bool
    state: str  # "Expires in 5 days", "Expired 2 days ago"


@dataclass(frozen=True)
class AppointmentLine:
    consultation_id: uuid.UUID
    person_id: uuid.UUID
    client: str
    phone: str
    at: datetime  # wall-clock time, as typed
    next_steps: str


@dataclass(frozen=True)
class TodayWork:
    today: date
    owner_id: uuid.UUID  # whose queue this is
    follow_ups: list[FollowUpLine]
    follow_ups_total: int
    documents: list[DocumentLine]
    documents_total: int
    appointments: list[AppointmentLine]
    appointments_total: int
    document_days: int = 30  # how far ahead documents running out are listed (a setting)
    # Requests from other offices waiting for the manager's office to answer (managers only),
    # whichever caseworker's queue is shown: answering them is the manager's own work.
    transfers: list[TransferLine] = field(default_factory=list)


@requires(Permission.WORK_WITH_CLIENTS)
def queues(database: Database, actor: Actor) -> list[tuple[uuid.UUID, str]]:
    """Whose work the user may look at: their own first, then (SEE_ALL_QUEUES) every caseworker."""
    if not actor.can(Permission.SEE_ALL_QUEUES):
        return [(actor.user_id, actor.full_name)]
    with database.session() as session:
        others = [q for q in allowed_assignees(session, actor) if q[0] != actor.user_id]
    return [(actor.user_id, actor.full_name), *others]


@requires(Permission.WORK_WITH_CLIENTS)
def load_today(database: Database, actor: Actor, owner_id: uuid.UUID | None = None,
               today: date | None = None) -> TodayWork:
    """One person's work for the day (the user's own unless ``owner_id`` names another).

    Another caseworker's queue needs SEE_ALL_QUEUES (AccessDenied otherwise); its
    documents are those of that caseworker's office.
    """
    today = today or date.today()
    owner_id = owner_id or actor.user_id
    language = current_language()
    with database.reading() as connection:
        office_id = actor.office_id
        if owner_id != actor.user_id:
            actor.require(Permission.SEE_ALL_QUEUES)
            office_id = connection.execute(select(User.office_id).where(User.id == owner_id)
                                           ).scalar()
        scope = actor.office_scope
        if scope is not None and office_id != scope:
            raise AccessDenied(None)
        tasks, tasks_total = queries.follow_ups_due(connection, owner_id, scope, today, LIMIT)
        days = document_warning_days()
        documents, documents_total = queries.documents_due(
            connection, office_id, today, today + timedelta(days=days), language, LIMIT)
        start = datetime.combine(today, time.min)
        visits, visits_total = queries.appointments(
            connection, owner_id, scope, start, start + timedelta(days=1), LIMIT)
        transfers = pending_for(connection, actor)
    return TodayWork(
        today, owner_id,
        [_follow_up(t, today) for t in tasks], tasks_total,
        [_document(d, today) for d in documents], documents_total,
        [AppointmentLine(v.consultation_id, v.person_id, v.name, shown_phone(v.phone), v.at,
                         v.next_steps)
         for v in visits], visits_total, days, transfers)


def _follow_up(row: queries.FollowUpDue, today: date) -> FollowUpLine:
    late = (today - row.due_on).days
    state = (ngettext("Overdue by {n} day", "Overdue by {n} days", late).format(n=late)
             if late > 0 else _("Due today"))
    return FollowUpLine(row.id, row.person_id, row.name, row.title, row.due_on, late > 0, state,
                        row.version)


def _document(row: queries.DocumentDue, today: date) -> DocumentLine:
    days = (row.expires_on - today).days
    if days < 0:
        state = ngettext("Expired {n} day ago", "Expired {n} days ago", -days).format(n=-days)
    elif days == 0:
        state = _("Expires today")
    else:
        state = ngettext("Expires in {n} day", "Expires in {n} days", days).format(n=days)
    return DocumentLine(row.id, row.person_id, row.name, row.type, row.number, row.expires_on,
                        days < 0, state)
