"""The monthly report's figures, by SQL aggregation (never by loading rows into Python).

Every figure is for one period (``db.reports.periods``: a month, a quarter, a year or any
dates, cut at the moment of generation while it is not over) and one office, or all
offices when ``office_id`` is None. "The month" below is the period, whatever its length.

Cases belong to the office that holds them: a client transferred to another office
closes a case in one and opens its continuation in the other, and each office reports
its own stocks. The flows say what happened:
such a closing counts as transferred out, not closed, and the continuation as
transferred in, not new, so all offices together count a transfer as neither (their
transfers in and out are equal) and a move never looks like a client leaving.
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    distinct,
    func,
    or_,
    select,
)

from db.collation import sort_key
from db.models import (
    Attendance,
    Case,
    Consultation,
    ContractType,
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    Employer,
    EnrolmentStatus,
    FollowUp,
    GroupStatus,
    JobReferral,
    Placement,
    Referral,
    ReferralStatus,
    RetentionCheck,
    User,
    consultation_topic_link,
)
from db.models.org import Center, Office, Role
from db.models.person import Person
from db.models.reference import ServiceType
from db.queries.courses import IN_GROUP
from db.reports.caseload import caseload_breakdowns, caseload_totals
from db.reports.figures import (
    CONTRACT_NOT_RECORDED,
    HEADLINES,
    Approval,
    CaseloadRow,
    CountRow,
    CourseGroupRow,
    Courses,
    EmployerRow,
    Employment,
    Headline,
    Letterhead,
    MonthlyReport,
    SocialRow,
    Span,
    WorkloadRow,
)
from db.reports.monthly_support import accommodation, entitlements, quota
from db.reports.names import named
from db.reports.periods import Period

__all__ = ["Period", "monthly_report"]  # Period: imported from here before it had a module
from db.reports.sql_dates import days_between


def _sum(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _in_month(column: Any, period: Period) -> ColumnElement[bool]:
    return column.between(period.first, period.last)


# ---- consultations -----------------------------------------------------------

def _consultations_in(period: Period, office_id: uuid.UUID | None) -> list[ColumnElement[bool]]:
    conditions = [Consultation.held_at >= period.start, Consultation.held_at < period.after]
    if office_id is not None:
        conditions.append(Consultation.office_id == office_id)
    return conditions


def consultation_totals(connection: Connection, period: Period,
                        office_id: uuid.UUID | None) -> tuple[int, int]:
    """(consultations, distinct clients consulted)."""
    row = connection.execute(
        select(func.count(), func.count(distinct(Consultation.person_id)))
        .where(*_consultations_in(period, office_id))).one()
    return row[0], row[1]


def consultations_by_topic(connection: Connection, period: Period,
                           office_id: uuid.UUID | None) -> list[CountRow]:
    link = consultation_topic_link.c
    query = (select(link.topic_code, func.count())
             .select_from(Consultation.__table__.join(
                 consultation_topic_link, link.consultation_id == Consultation.id))
             .where(*_consultations_in(period, office_id))
             .group_by(link.topic_code).order_by(func.count().desc(), link.topic_code))
    return [CountRow(code, "", count) for code, count in connection.execute(query)]


def consultations_by_channel(connection: Connection, period: Period,
                             office_id: uuid.UUID | None) -> list[CountRow]:
    query = (select(Consultation.channel_code, func.count())
             .where(*_consultations_in(period, office_id))
             .group_by(Consultation.channel_code)
             .order_by(func.count().desc(), Consultation.channel_code))
    return [CountRow(code, "", count) for code, count in connection.execute(query)]


# ---- language courses --------------------------------------------------------

# Only those who held a place count: the waiting list and those who left it never do.
_HELD_PLACE = [status.value for status in IN_GROUP]


def _counted_marks(period: Period) -> tuple[Select[Any], ColumnElement[int],
                                            ColumnElement[int]]:
    """The marks a rate counts, from the sessions held in the month and not cancelled, of
    participants who held a place; with the (present, counted) sums to select from them.

    A rate is present ÷ (present + absent), as on the register: an excused absence counts
    neither way (a mark both present and excused is a presence, as the register shows it).
    """
    present, counted = _mark_sums()
    return _marks(_in_month(CourseSession.held_on, period)), _sum(present), _sum(counted)


def _marks(held: ColumnElement[bool]) -> Select[Any]:
    """The marks of participants who held a place, from sessions not cancelled and
    ``held`` then."""
    a, s, e = Attendance.__table__.c, CourseSession.__table__.c, CourseEnrolment.__table__.c
    return (select()
            .select_from(Attendance.__table__
                         .join(CourseSession.__table__, s.id == a.session_id)
                         .join(CourseEnrolment.__table__, e.id == a.enrolment_id))
            .where(held, s.cancelled.is_(False), e.status.in_(_HELD_PLACE)))


def _mark_sums() -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """What makes a mark present, and what makes it counted."""
    a = Attendance.__table__.c
    return a.present.is_(True), or_(a.present.is_(True), a.excused.is_(False))


def _rate(present: int, counted: int) -> float | None:
    return round(present / counted, 4) if counted else None


def courses(connection: Connection, period: Period, office_id: uuid.UUID | None,
            marks: tuple[int, int]) -> Courses:
    """The month's totals, with its (present, counted) marks (``attendance``); the
    per-group lines are ``course_groups``."""
    e = CourseEnrolment.__table__.c
    finished_in_month = _in_month(e.finished_on, period)
    completed = and_(e.status == EnrolmentStatus.COMPLETED.value, finished_in_month)
    query = (select(
        _sum(_in_month(e.enrolled_on, period)),
        _sum(completed),
        _sum(and_(e.status == EnrolmentStatus.DROPPED.value, finished_in_month)),
        _sum(and_(completed, e.level_after_code.is_not(None))))
        .select_from(CourseEnrolment.__table__.join(CourseGroup.__table__,
                                                    CourseGroup.id == e.group_id))
        .where(e.status.in_(_HELD_PLACE),
               or_(_in_month(e.enrolled_on, period), finished_in_month)))
    if office_id is not None:
        query = query.where(CourseGroup.office_id == office_id)
    enrolled, done, dropped, gained = connection.execute(query).one()
    present_count, marked = marks
    return Courses(enrolled, done, dropped, gained, marked, present_count,
                   _rate(present_count, marked))


def attendance(connection: Connection, periods: Sequence[Period],
               office_id: uuid.UUID | None) -> list[tuple[int, int]]:
    """The (present, counted) marks of each period, as ``_counted_marks`` counts them, from
    one scan of the marks: a query for each period would read every mark again."""
    held = [_in_month(CourseSession.held_on, period) for period in periods]
    present, counted = _mark_sums()
    query = _marks(or_(*held)).add_columns(
        *(_sum(and_(during, condition)) for during in held for condition in (present, counted)))
    if office_id is not None:
        query = (query.join(CourseGroup.__table__, CourseGroup.id == CourseSession.group_id)
                 .where(CourseGroup.office_id == office_id))
    row = connection.execute(query).one()
    return [(row[2 * index], row[2 * index + 1]) for index in range(len(periods))]


def course_groups(connection: Connection, period: Period,
                  office_id: uuid.UUID | None) -> list[CourseGroupRow]:
    """A line for each group that ran in the month (not cancelled, its dates overlapping
    it), by office code, then by name in the Kazakh alphabet (``db.collation``)."""
    g, e = CourseGroup.__table__.c, CourseEnrolment.__table__.c
    ran = [g.status != GroupStatus.CANCELLED.value, g.starts_on <= period.last,
           g.ends_on >= period.first]
    if office_id is not None:
        ran.append(g.office_id == office_id)
    running = select(g.id).where(*ran)
    finished_in_month = _in_month(e.finished_on, period)
    places = (select(
        e.group_id.label("group_id"),
        _sum(and_(e.enrolled_on <= period.last,
                  or_(e.finished_on.is_(None), e.finished_on >= period.first))).label("enrolled"),
        _sum(and_(e.status == EnrolmentStatus.COMPLETED.value, finished_in_month))
        .label("completed"),
        _sum(and_(e.status == EnrolmentStatus.DROPPED.value, finished_in_month))
        .label("dropped"))
        .where(e.group_id.in_(running), e.status.in_(_HELD_PLACE))
        .group_by(e.group_id).subquery())
    marks, present, counted = _counted_marks(period)
    attendance = (marks.add_columns(CourseSession.group_id.label("group_id"),
                                    present.label("present"), counted.label("counted"))
                  .where(CourseSession.group_id.in_(running))
                  .group_by(CourseSession.group_id).subquery())
    query = (select(g.name, Office.code, func.coalesce(User.full_name, g.teacher), g.starts_on,
                    func.coalesce(places.c.enrolled, 0), func.coalesce(places.c.completed, 0),
                    func.coalesce(places.c.dropped, 0), func.coalesce(attendance.c.present, 0),
                    func.coalesce(attendance.c.counted, 0))
             .select_from(CourseGroup.__table__.join(Office.__table__, Office.id == g.office_id))
             .outerjoin(User.__table__, User.id == g.teacher_id)
             .outerjoin(places, places.c.group_id == g.id)
             .outerjoin(attendance, attendance.c.group_id == g.id)
             .where(*ran))
    rows = sorted(connection.execute(query),
                  key=lambda r: (r.code, sort_key(r.name), r.name, r.starts_on))
    return [CourseGroupRow(name, code, teacher or "", enrolled, done, dropped,
                           _rate(present_count, marked))
            for name, code, teacher, _start, enrolled, done, dropped, present_count, marked
            in rows]


# ---- employment ----------------------------------------------------------------

TOP_EMPLOYERS = 10  # employers listed by hires in the month


def employment(connection: Connection, period: Period,
               office_id: uuid.UUID | None) -> Employment:
    referrals = (select(func.count(distinct(JobReferral.person_id)), func.count())
                 .where(_in_month(JobReferral.referred_on, period)))
    if office_id is not None:
        referrals = referrals.where(JobReferral.office_id == office_id)
    seekers, referred = connection.execute(referrals).one()
    by_sector = _hires_by_sector(connection, period, office_id)
    checks = _retention(connection, period, office_id)
    three, six = checks.get(3, (0, 0)), checks.get(6, (0, 0))
    return Employment(
        job_seekers=seekers, referrals=referred, hires=sum(r.count for r in by_sector),
        hires_by_sector=by_sector,
        hires_by_contract_type=_hires_by_contract_type(connection, period, office_id),
        median_starting_wage=_median_starting_wage(connection, period, office_id),
        top_employers=_top_employers(connection, period, office_id),
        checked_3_months=three[0], employed_3_months=three[1],
        checked_6_months=six[0], employed_6_months=six[1])


def _hires(period: Period, office_id: uuid.UUID | None) -> list[ColumnElement[bool]]:
    """The placements that started in the month: what every hire figure counts."""
    conditions = [_in_month(Placement.started_on, period)]
    if office_id is not None:
        conditions.append(Placement.office_id == office_id)
    return conditions


def _hires_by_sector(connection: Connection, period: Period,
                     office_id: uuid.UUID | None) -> list[CountRow]:
    query = (select(Placement.sector_code, func.count()).where(*_hires(period, office_id))
             .group_by(Placement.sector_code))
    return sorted((CountRow(code, "", count) for code, count in connection.execute(query)),
                  key=lambda r: (-r.count, r.code))


# The order contract types are listed in; a placement without one comes last.
_CONTRACT_ORDER = [*(kind.value for kind in ContractType), CONTRACT_NOT_RECORDED]


def _hires_by_contract_type(connection: Connection, period: Period,
                            office_id: uuid.UUID | None) -> list[CountRow]:
    query = (select(Placement.contract_type, func.count()).where(*_hires(period, office_id))
             .group_by(Placement.contract_type))
    # GROUP BY yields only the types hired, so a type with no hire is left out.
    rows = [CountRow(CONTRACT_NOT_RECORDED if kind is None else ContractType(kind).value, "",
                     count)
            for kind, count in connection.execute(query)]
    return sorted(rows, key=lambda r: _CONTRACT_ORDER.index(r.code))


def _median_starting_wage(connection: Connection, period: Period,
                          office_id: uuid.UUID | None) -> int | None:
    """The median wage of the month's hires that have one, in whole tenge (a half up).

    Read as one integer per hire rather than ranked in SQL as ``_median_days`` is: a
    month's hires are few, and ``statistics.median`` is the definition readers know.
    """
    query = (select(Placement.monthly_wage)
             .where(*_hires(period, office_id), Placement.monthly_wage.is_not(None)))
    wages = list(connection.execute(query).scalars())
    if not wages:
        return None
    # An even count averages the two middle wages, which may leave half a tenge; round()
    # would round that half to even, sending 100 000,5 down and 100 001,5 up.
    return int(Decimal(str(statistics.median(wages))).to_integral_value(ROUND_HALF_UP))


def _top_employers(connection: Connection, period: Period,
                   office_id: uuid.UUID | None) -> list[EmployerRow]:
    query = (select(Employer.name, func.count())
             .select_from(Placement.__table__.join(Employer.__table__,
                                                   Employer.id == Placement.employer_id))
             .where(*_hires(period, office_id))
             .group_by(Employer.id, Employer.name))
    # Sorted here, not in SQL: SQLite would order tied names by code point, Ә after Я.
    rows = sorted(connection.execute(query),
                  key=lambda r: (-r[1], sort_key(r[0]), r[0]))
    return [EmployerRow(name, count) for name, count in rows[:TOP_EMPLOYERS]]


def _retention(connection: Connection, period: Period,
               office_id: uuid.UUID | None) -> dict[int, tuple[int, int]]:
    """(checked, still employed) by months after the hire, over the checks recorded in
    the month.

    A check is planned at the hire with no date or outcome: it counts once recorded, in
    the month of its date, and only a recorded "still employed" counts as employed.
    """
    check = RetentionCheck.__table__.c
    query = (select(check.months_after, func.count(), _sum(check.still_employed.is_(True)))
             .select_from(RetentionCheck.__table__.join(
                 Placement.__table__, Placement.id == check.placement_id))
             .where(check.checked_on.is_not(None), _in_month(check.checked_on, period))
             .group_by(check.months_after))
    if office_id is not None:
        query = query.where(Placement.office_id == office_id)
    return {months: (checked, employed)
            for months, checked, employed in connection.execute(query)}


# ---- social services -------------------------------------------------------------

def social(connection: Connection, period: Period, office_id: uuid.UUID | None) -> list[SocialRow]:
    r = Referral.__table__.c
    social_types = select(ServiceType.code).where(ServiceType.area_code == "social")
    scope = [r.service_type_code.in_(social_types)]
    if office_id is not None:
        scope.append(r.office_id == office_id)
    completed = r.status == ReferralStatus.COMPLETED.value
    referred_in_month = _in_month(r.referred_on, period)
    closed_in_month = _in_month(r.closed_on, period)
    completed_in_month = and_(completed, closed_in_month)
    counts = (select(
        r.service_type_code,
        _sum(referred_in_month),
        _sum(completed_in_month),
        _sum(and_(referred_in_month, completed, r.closed_on <= period.last)),
        _sum(and_(r.status == ReferralStatus.REFUSED.value, closed_in_month)),
        _sum(and_(r.status == ReferralStatus.NO_RESPONSE.value, closed_in_month)),
        func.coalesce(func.sum(case((completed_in_month, r.amount), else_=0)), 0))
        .where(*scope, or_(referred_in_month, closed_in_month))
        .group_by(r.service_type_code))
    rows = {code: SocialRow(code, "", referred, done,
                            round(done_in_time / referred, 4) if referred else None,
                            refused=refused, no_response=unanswered, amount_paid=paid)
            for code, referred, done, done_in_time, refused, unanswered, paid
            in connection.execute(counts)}
    for code, median in _median_days(connection, period, scope):
        rows[code].median_days = median
    return sorted(rows.values(), key=lambda row: (-row.referred, row.code))


def _median_days(connection: Connection, period: Period,
                 scope: list[ColumnElement[bool]]) -> list[tuple[str, float]]:
    """Median days from referral to completion per service type, with window functions."""
    r = Referral.__table__.c
    days = days_between(connection.dialect, r.referred_on, r.closed_on)
    ranked = (select(
        r.service_type_code.label("code"), days.label("days"),
        func.row_number().over(partition_by=r.service_type_code, order_by=days).label("n"),
        func.count().over(partition_by=r.service_type_code).label("total"))
        .where(*scope, r.status == "completed", _in_month(r.closed_on, period))
        .subquery())
    # The middle row, or the mean of the two middle rows when the count is even.
    middle = or_(ranked.c.n == (ranked.c.total + 1) // 2, ranked.c.n == (ranked.c.total + 2) // 2)
    query = (select(ranked.c.code, func.avg(ranked.c.days)).where(middle)
             .group_by(ranked.c.code))
    return [(code, round(float(value), 1)) for code, value in connection.execute(query)]


# ---- workload and follow-ups ---------------------------------------------------------

def _overdue_condition(period: Period) -> ColumnElement[bool]:
    """Overdue when the period ended, or at the moment it was cut: due on a day already
    over by then (as the Today screen counts one due yesterday, not one due today) and
    still open then."""
    return and_(FollowUp.due_on < period.after.date(),
                or_(FollowUp.done.is_(False), FollowUp.done_at >= period.after))


def overdue_follow_ups(connection: Connection, periods: Sequence[Period],
                       office_id: uuid.UUID | None) -> list[int]:
    """The follow-ups overdue in each period, from one scan of the follow-ups."""
    conditions = [_overdue_condition(period) for period in periods]
    query = select(*(_sum(condition) for condition in conditions)).where(or_(*conditions))
    if office_id is not None:
        # The office is the client's. Without one no join is needed: every follow-up has
        # its client (a foreign key that is never NULL), so the join would keep them all.
        query = (query.select_from(FollowUp.__table__.join(
            Person.__table__, Person.id == FollowUp.person_id))
            .where(Person.office_id == office_id))
    return list(connection.execute(query).one())


def workload(connection: Connection, period: Period,
             office_id: uuid.UUID | None) -> list[WorkloadRow]:
    c = Case.__table__.c
    open_cases = (select(c.caseworker_id.label("user"), func.count().label("n"))
                  .where(c.opened_on <= period.last,
                         or_(c.closed_on.is_(None), c.closed_on > period.last))
                  .group_by(c.caseworker_id).subquery())
    consulted = (select(Consultation.caseworker_id.label("user"), func.count().label("n"))
                 .where(*_consultations_in(period, None))
                 .group_by(Consultation.caseworker_id).subquery())
    overdue = (select(FollowUp.assignee_id.label("user"), func.count().label("n"))
               .where(_overdue_condition(period)).group_by(FollowUp.assignee_id).subquery())
    query = (select(User.full_name, Office.code, func.coalesce(open_cases.c.n, 0),
                    func.coalesce(consulted.c.n, 0), func.coalesce(overdue.c.n, 0))
             .select_from(User.__table__.join(Office.__table__, Office.id == User.office_id))
             .outerjoin(open_cases, open_cases.c.user == User.id)
             .outerjoin(consulted, consulted.c.user == User.id)
             .outerjoin(overdue, overdue.c.user == User.id)
             .where(User.role == Role.CASEWORKER)
             .order_by(Office.code, User.full_name))
    if office_id is not None:
        query = query.where(User.office_id == office_id)
    return [WorkloadRow(*row) for row in connection.execute(query)]


# ---- the whole report --------------------------------------------------------------

@dataclass(frozen=True)
class _Counted:
    """Figures of a period counted in one scan with the periods it is compared with: the
    scans are of the whole of large tables (cases, follow-ups, attendance marks), and a
    scan for each period would read them three times."""

    caseload: CaseloadRow
    overdue: int
    marks: tuple[int, int]  # (present, counted)


@dataclass(frozen=True)
class _Totals:
    """The month's totals, from which the headline figures are read."""

    caseload: CaseloadRow
    consultations: int
    clients_consulted: int
    courses: Courses
    employment: Employment
    social: list[SocialRow]
    overdue: int

    @classmethod
    def query(cls, connection: Connection, period: Period, office_id: uuid.UUID | None,
              counted: _Counted) -> _Totals:
        """The totals of ``period``, with what was counted for it together with the
        compared periods (``monthly_report``)."""
        return cls(counted.caseload, *consultation_totals(connection, period, office_id),
                   courses(connection, period, office_id, counted.marks),
                   employment(connection, period, office_id),
                   social(connection, period, office_id), counted.overdue)

    def headlines(self) -> dict[str, float | None]:
        return {
            "active_start": self.caseload.active_start, "new": self.caseload.new,
            "closed": self.caseload.closed, "active_end": self.caseload.active_end,
            "transferred_in": self.caseload.transferred_in,
            "transferred_out": self.caseload.transferred_out,
            "consultations": self.consultations, "clients_consulted": self.clients_consulted,
            "course_enrolled": self.courses.enrolled,
            "course_completed": self.courses.completed,
            "course_dropped": self.courses.dropped,
            "attendance_rate": self.courses.attendance_rate,
            "job_seekers": self.employment.job_seekers,
            "job_referrals": self.employment.referrals, "hires": self.employment.hires,
            "social_referred": sum(row.referred for row in self.social),
            "social_completed": sum(row.completed for row in self.social),
            "overdue_follow_ups": self.overdue,
        }


def monthly_report(connection: Connection, period: Period | date, office_id: uuid.UUID | None,
                   language: str, prepared_by: str, now: datetime) -> MonthlyReport:
    """Every figure of the period (a date: its month) as far as it has gone at ``now``,
    with the headlines of the period before and of the same one a year before; labels are
    left for the caller to fill in ``language``."""
    # Imported here: they count with this module's rules, so they import it.
    from db.reports.offices import by_office
    from db.reports.trends import trends

    if not isinstance(period, Period):
        period = Period.month(period)
    period = period.at(now)
    office_code, office_name = None, ""
    letterhead, approval = _letterhead(connection, office_id, language)
    if office_id is not None:
        office_code, office_name = connection.execute(
            select(Office.code, named(Office, language)).where(Office.id == office_id)).one()
        letterhead.office = office_name
    caseload, caseload_by = caseload_breakdowns(connection, period, office_id)
    previous_period, year_before = period.previous(), period.year_before()
    # A year's period before is the year before: counted once.
    compared = [previous_period] + ([] if year_before == previous_period else [year_before])
    periods = [period, *compared]
    counted = map(_Counted, [caseload, *caseload_totals(connection, compared, office_id)],
                  overdue_follow_ups(connection, periods, office_id),
                  attendance(connection, periods, office_id))
    totals, previous_totals, *rest = (_Totals.query(connection, one, office_id, figures)
                                      for one, figures in zip(periods, counted, strict=True))
    values, previous = totals.headlines(), previous_totals.headlines()
    a_year_before = rest[0].headlines() if rest else previous
    return MonthlyReport(
        month=period.first, office_code=office_code, office_name=office_name,
        language=language, letterhead=letterhead,
        generated_at=now, prepared_by=prepared_by, caseload=totals.caseload,
        caseload_by=caseload_by,
        consultations=totals.consultations, clients_consulted=totals.clients_consulted,
        consultations_by_topic=consultations_by_topic(connection, period, office_id),
        consultations_by_channel=consultations_by_channel(connection, period, office_id),
        courses=replace(totals.courses,
                        groups=course_groups(connection, period, office_id)),
        employment=totals.employment, social=totals.social,
        entitlements=entitlements(connection, period, office_id),
        quota=quota(connection, period, office_id),
        accommodation=accommodation(connection, period, office_id),
        workload=workload(connection, period, office_id), overdue_follow_ups=totals.overdue,
        headlines=[Headline(key, values[key], previous[key], a_year_before[key])
                   for key in HEADLINES],
        period=span(period), previous_period=span(previous_period),
        year_before_period=span(year_before), approval=approval,
        offices=by_office(connection, period, language) if office_id is None else [],
        trends=trends(connection, period, office_id))


def span(period: Period) -> Span:
    return Span(period.first, period.end, period.kind, period.cut)


def _letterhead(connection: Connection, office_id: uuid.UUID | None,
                language: str) -> tuple[Letterhead, Approval]:
    """The center's name in ``language``, with the address and phone of the office when the
    report is for one (each the center's where the office has none); and its director."""
    center = connection.execute(
        select(named(Center, language), Center.address, Center.phone, Center.director_name,
               Center.director_position).order_by(Center.created_at).limit(1)).first()
    if center is None:
        return Letterhead(), Approval()
    name, address, phone, director, position = center
    if office_id is not None:
        own_address, own_phone = connection.execute(
            select(Office.address, Office.phone).where(Office.id == office_id)).one()
        address, phone = own_address.strip() or address, own_phone.strip() or phone
    return Letterhead(name or "", address, phone), Approval(director, position)
