"""The manager's dashboard: this month so far beside the same days of last month, the last
12 months, overdue follow-ups by caseworker and documents running out; and, for any of
those figures, the clients behind it.

The month figures are the monthly report's, counted the same way
(``db.queries.dashboard``): a finished month shows what its report prints, and this month
so far what a report made now would print, with the same days of last month as the
report's comparison. A user who sees one office sees that office's figures only; one who
sees every office sees them all together or chooses an office.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select

from db.models import Office
from db.queries import dashboard as queries
from db.reports.names import named
from db.reports.periods import Period
from db.session import Database
from desktop.domain.iin import mask_iin
from desktop.i18n import current_language
from desktop.services.access import AccessDenied, Actor, Permission, requires
from desktop.settings import document_warning_days

__all__ = ["FIGURES", "HEADLINE_OF", "MONTHS", "PAGE", "Behind", "ClientLine", "ClientPage",
           "Dashboard", "Figure", "OfficeChoice", "OverdueLine", "figure_clients",
           "load_dashboard"]

FIGURES = queries.FIGURES
# The monthly report's headline each figure is (``db.reports.figures.HEADLINES``).
HEADLINE_OF = {queries.NEW: "new", queries.CONSULTATIONS: "consultations",
               queries.ENROLMENTS: "course_enrolled", queries.PLACEMENTS: "hires",
               queries.REFERRALS_COMPLETED: "social_completed", queries.ACTIVE: "active_end"}
MONTHS = 12  # shown: this month and the 11 before it
PAGE = 200  # clients listed at a time
OVERDUE, DOCUMENTS = "overdue", "documents"  # the two figures that are not monthly


@dataclass(frozen=True)
class Figure:
    key: str  # one of FIGURES
    months: tuple[int, ...]  # the last MONTHS months, oldest first; the last is this one
    same_days_last_month: int  # this month's figure for the same days of last month

    @property
    def value(self) -> int:
        """This month's so far."""
        return self.months[-1]


@dataclass(frozen=True)
class OverdueLine:
    assignee_id: uuid.UUID | None  # None: follow-ups nobody was assigned
    caseworker: str  # "" when nobody
    office_code: str
    count: int
    oldest_due: date


@dataclass(frozen=True)
class OfficeChoice:
    id: uuid.UUID
    code: str
    name: str  # in the UI's language


@dataclass(frozen=True)
class Behind:
    """What a figure counts, to list the clients behind it (``figure_clients``)."""

    figure: str  # one of FIGURES, OVERDUE or DOCUMENTS
    office_id: uuid.UUID | None  # None: every office
    period: Period | None = None  # a month figure's month (cut: as far as it had got)
    today: date | None = None  # overdue and documents: the day they were counted on
    until: date | None = None  # documents: running out by this day
    assignee_id: uuid.UUID | None = None  # overdue: whose (None: nobody's)


@dataclass(frozen=True)
class Dashboard:
    as_of: datetime
    office_id: uuid.UUID | None  # None: every office
    office_name: str  # "" for every office
    months: tuple[Period, ...]  # oldest first; the last is this month, cut at ``as_of``
    same_days_last_month: Period  # last month from its first day as far as this one got
    figures: tuple[Figure, ...]  # in FIGURES' order
    overdue: tuple[OverdueLine, ...]  # the most first
    documents_expiring: int  # valid documents running out within ``document_days``
    document_days: int
    # The offices to choose from: empty for a user who sees their own office only.
    offices: tuple[OfficeChoice, ...] = field(default=())

    @property
    def this_month(self) -> Period:
        return self.months[-1]

    @property
    def overdue_total(self) -> int:
        return sum(line.count for line in self.overdue)

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def behind(self, key: str, month: int = MONTHS - 1) -> Behind:
        """What a month figure counts: of ``months[month]`` (this one's by default), or of
        the same days of last month when ``month`` is -1."""
        period = self.same_days_last_month if month == -1 else self.months[month]
        return Behind(key, self.office_id, period)

    def behind_overdue(self, line: OverdueLine) -> Behind:
        return Behind(OVERDUE, self.office_id, today=self.as_of.date(),
                      assignee_id=line.assignee_id)

    def behind_documents(self) -> Behind:
        today = self.as_of.date()
        return Behind(DOCUMENTS, self.office_id, today=today,
                      until=today + timedelta(days=self.document_days))


@dataclass(frozen=True)
class ClientLine:
    person_id: uuid.UUID
    name: str
    iin: str  # masked, as the client list shows it
    office: str
    caseworker: str


@dataclass(frozen=True)
class ClientPage:
    lines: list[ClientLine]
    total: int  # distinct clients behind the figure, of which ``lines`` is one page
    offset: int


def _months(now: datetime) -> tuple[tuple[Period, ...], Period]:
    this = Period.month(now.date()).at(now)
    months = [this]
    for _n in range(MONTHS - 1):
        months.insert(0, Period.month(months[0].first - timedelta(days=1)))
    return tuple(months), this.previous()


def _office_scope(actor: Actor, office_id: uuid.UUID | None) -> uuid.UUID | None:
    """The office asked for, as far as the actor may see: their own when they see one
    office (None asks for it), AccessDenied for another."""
    scope = actor.office_scope
    if scope is None:
        return office_id
    if office_id is not None and office_id != scope:
        raise AccessDenied(None)
    return scope


def _offices(connection: Connection, language: str) -> tuple[OfficeChoice, ...]:
    rows = connection.execute(select(Office.id, Office.code, named(Office, language))
                              .where(Office.active.is_(True)).order_by(Office.code))
    return tuple(OfficeChoice(*row) for row in rows)


@requires(Permission.VIEW_REPORTS)
def load_dashboard(database: Database, actor: Actor, office_id: uuid.UUID | None = None,
                   *, now: datetime | None = None) -> Dashboard:
    """The dashboard as of ``now`` (the clock's by default) for ``office_id``, or for
    every office (None) when the actor sees every office."""
    now = (now or datetime.now()).replace(microsecond=0)
    office_id = _office_scope(actor, office_id)
    months, before = _months(now)
    language = current_language()
    days = document_warning_days()
    today = now.date()
    with database.reading() as connection:
        counts = queries.figure_counts(connection, [*months, before], office_id)
        overdue = queries.overdue_by_assignee(connection, today, office_id)
        expiring = queries.documents_expiring(connection, today, today + timedelta(days=days),
                                              office_id)
        offices = _offices(connection, language) if actor.office_scope is None else ()
        name = "" if office_id is None else connection.scalar(
            select(named(Office, language)).where(Office.id == office_id)) or ""
    figures = tuple(Figure(key, tuple(counts[key][:MONTHS]), counts[key][MONTHS])
                    for key in FIGURES)
    return Dashboard(now, office_id, name, months, before, figures,
                     tuple(OverdueLine(r.assignee_id, r.name, r.office_code, r.count,
                                       r.oldest_due) for r in overdue),
                     expiring, days, offices)


@requires(Permission.VIEW_REPORTS)
def figure_clients(database: Database, actor: Actor, behind: Behind, offset: int = 0,
                   limit: int = PAGE) -> ClientPage:
    """One page of the clients a figure counts, in the client list's order (a client
    counted twice, two consultations say, is listed once), with how many there are."""
    office_id = _office_scope(actor, behind.office_id)
    if behind.figure not in (*FIGURES, OVERDUE, DOCUMENTS):
        raise ValueError(behind.figure)
    ids = queries.people_behind(behind.figure, office_id, period=behind.period,
                                today=behind.today, until=behind.until,
                                assignee_id=behind.assignee_id)
    with database.reading() as connection:
        total = queries.client_count(connection, ids)
        rows = queries.client_rows(connection, ids, current_language(), offset, limit,
                                   dense=total >= queries.DENSE) if offset < total else []
    return ClientPage([ClientLine(r.id, r.name, mask_iin(r.iin), r.office, r.caseworker)
                       for r in rows], total, offset)
