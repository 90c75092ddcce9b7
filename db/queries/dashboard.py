"""The manager's dashboard: a few of the monthly report's figures over many months at once,
the clients behind each, and the overdue follow-ups by caseworker.

Every figure is counted as ``db.reports.monthly`` counts it for a period (a test holds
them equal): new intakes and the active caseload as the caseload's ``new`` and
``active_end``, consultations, course enrolments, placements started (``hires``) and
social-service referrals completed. What differs is the shape: the report runs its queries
once per period, the dashboard asks for a dozen periods in one statement per table.

A date column is read once, each row's date placed in the span between two of the periods'
edges (a ``CASE`` of plain comparisons, the same SQL on SQLite and PostgreSQL), and the
rows counted by span; a period's count is the sum of its spans. Cases are read so once for
both their figures, by the spans of their opening and closing; consultations, whose times
have an index, are counted by one index range per period instead.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Label,
    Select,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from db.models import (
    Case,
    CaseStatus,
    Consultation,
    CourseEnrolment,
    CourseGroup,
    Document,
    FollowUp,
    Office,
    Person,
    Placement,
    Referral,
    ReferralStatus,
    User,
)
from db.models.person import DocumentStatus
from db.models.reference import ServiceType
from db.queries.courses import IN_GROUP
from db.reports.names import named
from db.reports.periods import Period

__all__ = ["ACTIVE", "CONSULTATIONS", "DENSE", "ENROLMENTS", "FIGURES", "NEW", "PLACEMENTS",
           "REFERRALS_COMPLETED", "ClientRow", "OverdueRow", "client_count", "client_rows",
           "documents_expiring", "figure_counts", "overdue_by_assignee", "people_behind"]

# The figures, in the order they are shown.
NEW, CONSULTATIONS, ENROLMENTS, PLACEMENTS, REFERRALS_COMPLETED, ACTIVE = (
    "new", "consultations", "enrolments", "placements", "referrals_completed", "active")
FIGURES = (NEW, CONSULTATIONS, ENROLMENTS, PLACEMENTS, REFERRALS_COMPLETED, ACTIVE)
# Only those who held a place are enrolled: the waiting list never is (as in the report).
_HELD_PLACE = [status.value for status in IN_GROUP]


@dataclass(frozen=True, slots=True)
class OverdueRow:
    assignee_id: uuid.UUID | None  # None: follow-ups nobody is assigned
    name: str
    office_code: str
    count: int
    oldest_due: date


@dataclass(frozen=True, slots=True)
class ClientRow:
    id: uuid.UUID
    surname: str
    given_name: str
    patronymic: str
    iin: str | None
    office: str
    caseworker: str

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)


# ---- spans between the periods' edges ---------------------------------------------------

class _Edges:
    """The last days of the spans the periods fall into: the day before the earliest
    period, and each period's first day less one and last day counted."""

    def __init__(self, periods: Sequence[Period]) -> None:
        days = {p.first - timedelta(days=1) for p in periods} | {p.last for p in periods}
        self.days = sorted(days)

    @property
    def before(self) -> date:
        """The last day before every period."""
        return self.days[0]

    @property
    def beyond(self) -> int:
        """The span of the days after every period."""
        return len(self.days)

    def span(self, column: Any) -> ColumnElement[int]:
        """0 for a day up to ``before``, i for one after edge i-1 and up to edge i."""
        return case(*((column <= day, i) for i, day in enumerate(self.days)),
                    else_=self.beyond)

    def spans_of(self, period: Period) -> range:
        return range(self.days.index(period.first - timedelta(days=1)) + 1,
                     self.days.index(period.last) + 1)

    def count(self, counts: Counter[int], period: Period) -> int:
        return sum(counts[i] for i in self.spans_of(period))


def _named(column: Label[Any]) -> ColumnElement[Any]:
    """A selected column grouped by its name: written out again, a ``CASE`` with its dates
    as parameters would be worked out twice for every row (SQLite and PostgreSQL both
    group by an output column's name)."""
    return literal_column(column.name)


def _dated(connection: Connection, edges: _Edges, column: Any, query: Select[Any]) -> Counter[int]:
    """Rows of ``query`` (a select of nothing yet, its conditions given) by the span their
    ``column`` falls in, between the first period's first day and the last one's end."""
    span = edges.span(column).label("date_span")
    rows = connection.execute(
        query.add_columns(span, func.count())
        .where(column > edges.before, column <= edges.days[-1]).group_by(_named(span)))
    return Counter({spans: count for spans, count in rows})


# ---- the figures ------------------------------------------------------------------------

def _social_types() -> Select[Any]:
    return select(ServiceType.code).where(ServiceType.area_code == "social")


def _flow_conditions(figure: str, office_id: uuid.UUID | None) -> tuple[Any, Select[Any]]:
    """The date a flow figure counts by, and the rows it counts (conditions but no dates)."""
    if figure == NEW:
        query = select().select_from(Case).where(Case.transferred_from_id.is_(None))
        return Case.opened_on, _office(query, Case.office_id, office_id)
    if figure == ENROLMENTS:
        query = (select().select_from(CourseEnrolment)
                 .where(CourseEnrolment.status.in_(_HELD_PLACE)))
        if office_id is not None:  # every enrolment has its group: joined for the office
            query = query.join(CourseGroup, CourseGroup.id == CourseEnrolment.group_id).where(
                CourseGroup.office_id == office_id)
        return CourseEnrolment.enrolled_on, query
    if figure == PLACEMENTS:
        query = select().select_from(Placement)
        return Placement.started_on, _office(query, Placement.office_id, office_id)
    if figure == REFERRALS_COMPLETED:
        query = (select().select_from(Referral)
                 .where(Referral.service_type_code.in_(_social_types()),
                        Referral.status == ReferralStatus.COMPLETED.value))
        return Referral.closed_on, _office(query, Referral.office_id, office_id)
    raise ValueError(figure)


def _office(query: Select[Any], column: Any, office_id: uuid.UUID | None) -> Select[Any]:
    return query if office_id is None else query.where(column == office_id)


def _consultations(period: Period, office_id: uuid.UUID | None) -> list[ColumnElement[bool]]:
    conditions = [Consultation.held_at >= period.start, Consultation.held_at < period.after]
    if office_id is not None:
        conditions.append(Consultation.office_id == office_id)
    return conditions


def _cases(connection: Connection, edges: _Edges, periods: Sequence[Period],
           office_id: uuid.UUID | None) -> tuple[list[int], list[int]]:
    """New intakes in each period (cases opened in it, continuations of a transfer left
    out) and the cases active at its end (opened by its last day, not closed by it).

    The cases opened before every period and never closed (most of them) are counted
    once; the others are counted by the spans of their opening and of their closing.
    """
    c = Case.__table__.c
    before = edges.before
    still_open = _office(select(func.count()).select_from(Case.__table__).where(
        c.opened_on <= before, c.closed_on.is_(None)), c.office_id, office_id)
    base = connection.execute(still_open).scalar_one()
    opened = edges.span(c.opened_on).label("opened_span")
    closed = case((c.closed_on.is_(None), edges.beyond + 1),
                  else_=edges.span(c.closed_on)).label("closed_span")
    fresh = case((c.transferred_from_id.is_(None), 1), else_=0).label("fresh_case")
    moved = _office(select(opened, closed, fresh, func.count()).where(
        or_(c.opened_on > before, c.closed_on > before)), c.office_id, office_id)
    groups = connection.execute(moved.group_by(*map(_named, (opened, closed, fresh)))).all()
    new, active = [], []
    for period in periods:
        spans, end = edges.spans_of(period), edges.days.index(period.last)
        new.append(sum(n for o, _c, is_new, n in groups if is_new and o in spans))
        active.append(base + sum(n for o, cl, _new, n in groups if o <= end < cl))
    return new, active


def figure_counts(connection: Connection, periods: Sequence[Period],
                  office_id: uuid.UUID | None) -> dict[str, list[int]]:
    """Each figure of ``FIGURES`` for each period (in the order given), for one office or
    all (None)."""
    edges = _Edges(periods)
    found: dict[str, list[int]] = {}
    for figure in (ENROLMENTS, PLACEMENTS, REFERRALS_COMPLETED):
        column, query = _flow_conditions(figure, office_id)
        counts = _dated(connection, edges, column, query)
        found[figure] = [edges.count(counts, period) for period in periods]
    held = select(*(select(func.count()).where(*_consultations(period, office_id))
                    .scalar_subquery() for period in periods))
    found[CONSULTATIONS] = list(connection.execute(held).one())
    found[NEW], found[ACTIVE] = _cases(connection, edges, periods, office_id)
    return {figure: found[figure] for figure in FIGURES}


# ---- overdue work and documents ---------------------------------------------------------

def _of_office_clients(column: Any, office_id: uuid.UUID) -> ColumnElement[bool]:
    """``column`` (a person id) is of a client of the office: checked against the office's
    client ids, never reading a client row, once the rows are found by their own index
    (``coalesce`` keeps SQLite from starting at the office's thousands of clients)."""
    return func.coalesce(column, column).in_(select(Person.id).where(
        Person.office_id == office_id))


def _overdue(today: date, office_id: uuid.UUID | None) -> list[ColumnElement[bool]]:
    """Open and due before ``today`` (one due today is not late yet, as on Today), of the
    office's clients (None: every office's)."""
    conditions = [FollowUp.done.is_(False), FollowUp.due_on < today]
    if office_id is not None:
        conditions.append(_of_office_clients(FollowUp.person_id, office_id))
    return conditions


def overdue_by_assignee(connection: Connection, today: date,
                        office_id: uuid.UUID | None) -> list[OverdueRow]:
    """Overdue follow-ups of the office's clients (None: every office's) by assignee, the
    most first; each with the oldest due date."""
    grouped = (select(FollowUp.assignee_id.label("assignee"), func.count().label("n"),
                      func.min(FollowUp.due_on).label("oldest"))
               .where(*_overdue(today, office_id)).group_by(FollowUp.assignee_id).subquery())
    query = (select(grouped.c.assignee, User.full_name, Office.code, grouped.c.n,
                    grouped.c.oldest)
             .outerjoin(User, User.id == grouped.c.assignee)
             .outerjoin(Office, Office.id == User.office_id))
    rows = [OverdueRow(assignee, name or "", code or "", n, oldest)
            for assignee, name, code, n, oldest in connection.execute(query)]
    return sorted(rows, key=lambda r: (-r.count, r.oldest_due, r.name))


def _expiring(today: date, until: date) -> list[ColumnElement[bool]]:
    return [Document.expires_on >= today, Document.expires_on <= until,
            Document.status == DocumentStatus.VALID]


def documents_expiring(connection: Connection, today: date, until: date,
                       office_id: uuid.UUID | None) -> int:
    """Valid documents of the office's clients running out from ``today`` to ``until``."""
    query = select(func.count()).select_from(Document).where(*_expiring(today, until))
    if office_id is not None:
        query = query.where(_of_office_clients(Document.person_id, office_id))
    return connection.execute(query).scalar_one()


# ---- the clients behind a figure --------------------------------------------------------

def people_behind(figure: str, office_id: uuid.UUID | None, *, period: Period | None = None,
                  today: date | None = None, until: date | None = None,
                  assignee_id: uuid.UUID | None = None) -> Select[Any]:
    """The ids of the persons a figure counts (a select of one column, with repeats).

    A figure of ``FIGURES`` needs its ``period``; "overdue" (one assignee's, None: nobody's)
    and "documents" (running out by ``until``) are counted at ``today``.
    """
    if figure == "overdue":
        assert today is not None
        return (select(FollowUp.person_id).where(*_overdue(today, office_id))
                .where(FollowUp.assignee_id.is_(None) if assignee_id is None
                       else FollowUp.assignee_id == assignee_id))
    if figure == "documents":
        assert today is not None and until is not None
        query = select(Document.person_id).where(*_expiring(today, until))
        if office_id is not None:
            query = query.where(_of_office_clients(Document.person_id, office_id))
        return query
    assert period is not None
    if figure == CONSULTATIONS:
        return select(Consultation.person_id).where(*_consultations(period, office_id))
    if figure == ACTIVE:
        c = Case.__table__.c
        return _office(select(c.person_id).where(
            c.opened_on <= period.last, or_(c.closed_on.is_(None), c.closed_on > period.last)),
            c.office_id, office_id)
    if figure not in FIGURES:
        return select(Person.id).where(false())
    column, query = _flow_conditions(figure, office_id)
    person = {NEW: Case.person_id, ENROLMENTS: CourseEnrolment.person_id,
              PLACEMENTS: Placement.person_id, REFERRALS_COMPLETED: Referral.person_id}[figure]
    return query.add_columns(person).where(column.between(period.first, period.last))


def client_count(connection: Connection, behind: Select[Any]) -> int:
    """How many distinct clients ``people_behind`` names."""
    return connection.execute(
        select(func.count()).select_from(behind.distinct().subquery())).scalar_one()


def _caseworker(person: Any) -> ColumnElement[str]:
    """The client's caseworker: of their open case, else of their latest one."""
    return (select(User.full_name)
            .select_from(Case).join(User, User.id == Case.caseworker_id)
            .where(Case.person_id == person.id)
            .order_by(case((Case.status == CaseStatus.OPEN, 0), else_=1),
                      Case.opened_on.desc())
            .limit(1).scalar_subquery())


# From this many clients on, a page is found by walking the clients in the list's order and
# asking of each whether the figure counts them (most do: the active caseload); below it,
# by reading the figure's clients and sorting them (few do: this month's placements).
DENSE = 2000


def client_rows(connection: Connection, behind: Select[Any], language: str, offset: int,
                limit: int, dense: bool = False) -> list[ClientRow]:
    """One page of the clients ``people_behind`` names, in the client list's order;
    ``dense`` when they are many (``DENSE``, as ``client_count`` says)."""
    person = aliased(Person)  # ``behind`` may name Person itself (an office's clients)
    if dense:
        counted = behind.where(behind.selected_columns[0] == person.id).exists()
    else:
        counted = person.id.in_(behind)
    # The office and the caseworker as subqueries, not joins: the person alone in FROM, a
    # dense page walks ``ix_person_sort`` and stops after ``limit`` rows.
    office = (select(named(Office, language)).where(Office.id == person.office_id)
              .scalar_subquery())
    query = (select(person.id, person.surname, person.given_name, person.patronymic,
                    person.iin, func.coalesce(office, ""), func.coalesce(_caseworker(person), ""))
             .where(counted)
             .order_by(person.sort_key, person.id).offset(offset).limit(limit))
    return [ClientRow(*row) for row in connection.execute(query)]
