"""The programme reports' figures, by SQL aggregation, for one period and one office (all
offices when ``office_id`` is None).

Each counts what the monthly report (``db.reports.monthly``) counts, the same way and
with the same conditions (imported from it where they are its own), only broken down
further: course figures by group and teacher, hires by sector, employer and wage,
social-service referrals by provider and service. So the totals of a programme report are
the monthly report's figures for the same period and office, which the tests check.
Written once for SQLite and PostgreSQL: nothing here is engine-specific.
"""

from __future__ import annotations

import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, and_, case, func, literal, or_, select

from db.collation import sort_key
from db.models import (
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    Employer,
    EnrolmentStatus,
    GroupStatus,
    Office,
    Placement,
    Provider,
    Referral,
    ReferralStatus,
    RetentionCheck,
    User,
)
from db.models.reference import ServiceType
from db.reports.monthly import (
    _HELD_PLACE,
    _counted_marks,
    _in_month,
    _letterhead,
    _sum,
    span,
)
from db.reports.names import named
from db.reports.periods import Period
from db.reports.programme_figures import (
    COURSES,
    PLACEMENTS,
    REFERRALS,
    WAGE_NOT_RECORDED,
    CourseLine,
    CourseReport,
    CourseTally,
    EmployerLine,
    PlacementReport,
    ProgrammeReport,
    ProviderBlock,
    ReferralReport,
    ReferralTally,
    RetentionLine,
    SectorBlock,
    ServiceLine,
    TeacherBlock,
    WageBand,
    WageFigures,
    rate,
)

# The wage bands of the placements report, in tenge: each from its figure up to the next.
# (The minimum wage is 85 000 ₸ since 2024; the demo's vacancies pay 150 000 to 650 000.)
WAGE_BANDS = (0, 150_000, 250_000, 400_000, 600_000)


def _heading(connection: Connection, programme: str, period: Period,
             office_id: uuid.UUID | None, language: str, prepared_by: str,
             now: datetime) -> dict[str, Any]:
    """The fields every programme report has, as the monthly report fills its own."""
    letterhead, approval = _letterhead(connection, office_id, language)
    office_code, office_name = None, ""
    if office_id is not None:
        office_code, office_name = connection.execute(
            select(Office.code, named(Office, language)).where(Office.id == office_id)).one()
        letterhead.office = office_name
    return {"programme": programme, "language": language, "office_code": office_code,
            "office_name": office_name, "letterhead": letterhead, "approval": approval,
            "generated_at": now,
            "prepared_by": prepared_by, "period": span(period)}


def programme_report(connection: Connection, programme: str, period: Period,
                     office_id: uuid.UUID | None, language: str, prepared_by: str,
                     now: datetime) -> ProgrammeReport:
    """The report of ``programme`` (``programme_figures.PROGRAMMES``) for the period as far
    as it has gone at ``now``; labels are left for the caller to fill in ``language``."""
    period = period.at(now)
    heading = _heading(connection, programme, period, office_id, language, prepared_by, now)
    if programme == COURSES:
        teachers, total = course_figures(connection, period, office_id)
        return CourseReport(**heading, teachers=teachers, total=total)
    if programme == PLACEMENTS:
        sectors, total, bands = placement_figures(connection, period, office_id)
        retention = retention_by_employer(connection, period, office_id)
        retention_total = RetentionLine("")
        for line in retention:
            for name in ("checked_3_months", "employed_3_months", "checked_6_months",
                         "employed_6_months"):
                setattr(retention_total, name,
                        getattr(retention_total, name) + getattr(line, name))
        return PlacementReport(**heading, sectors=sectors, total=total, wage_bands=bands,
                               retention=retention, retention_total=retention_total)
    if programme == REFERRALS:
        providers, referrals_total = referral_figures(connection, period, office_id,
                                                     language)
        return ReferralReport(**heading, providers=providers, total=referrals_total)
    raise ValueError(programme)


# ---- language courses ----------------------------------------------------------------------

def course_figures(connection: Connection, period: Period, office_id: uuid.UUID | None
                   ) -> tuple[list[TeacherBlock], CourseTally]:
    """A line per group that ran in the period (not cancelled, its dates overlapping it:
    the monthly report's group lines) or has anything counted in it (a place taken, a
    course ended, a mark), so that the lines add up to the monthly report's totals;
    grouped by teacher."""
    g, e = CourseGroup.__table__.c, CourseEnrolment.__table__.c
    finished = _in_month(e.finished_on, period)
    completed = and_(e.status == EnrolmentStatus.COMPLETED.value, finished)
    held = and_(e.enrolled_on <= period.last,
                or_(e.finished_on.is_(None), e.finished_on >= period.first))
    places = (select(
        e.group_id.label("group_id"),
        _sum(held).label("participants"),
        _sum(_in_month(e.enrolled_on, period)).label("enrolled"),
        _sum(completed).label("completed"),
        _sum(and_(e.status == EnrolmentStatus.DROPPED.value, finished)).label("dropped"),
        _sum(and_(completed, e.level_after_code.is_not(None))).label("levels_gained"))
        .where(e.status.in_(_HELD_PLACE),
               or_(held, _in_month(e.enrolled_on, period), finished))
        .group_by(e.group_id).subquery())
    marks, present, counted = _counted_marks(period)
    attendance = (marks.add_columns(CourseSession.group_id.label("group_id"),
                                    present.label("present"), counted.label("counted"))
                  .group_by(CourseSession.group_id).subquery())
    ran = and_(g.status != GroupStatus.CANCELLED.value, g.starts_on <= period.last,
               g.ends_on >= period.first)
    query = (select(
        g.name, Office.code, func.coalesce(User.full_name, g.teacher), g.language_code,
        g.level_code, g.starts_on, g.ends_on, g.status,
        *(func.coalesce(places.c[name], 0) for name in
          ("participants", "enrolled", "completed", "dropped", "levels_gained")),
        func.coalesce(attendance.c.counted, 0), func.coalesce(attendance.c.present, 0))
        .select_from(CourseGroup.__table__.join(Office.__table__, Office.id == g.office_id))
        .outerjoin(User.__table__, User.id == g.teacher_id)
        .outerjoin(places, places.c.group_id == g.id)
        .outerjoin(attendance, attendance.c.group_id == g.id)
        .where(or_(ran, places.c.group_id.is_not(None), attendance.c.group_id.is_not(None))))
    if office_id is not None:
        query = query.where(g.office_id == office_id)
    by_teacher: dict[str, list[CourseLine]] = defaultdict(list)
    for (name, office, teacher, language, level, starts, ends, status, participants,
         enrolled, done, dropped, gained, marked, present_count) in connection.execute(query):
        figures = CourseTally(participants, enrolled, done, dropped, gained, marked,
                              present_count, rate(present_count, marked))
        by_teacher[(teacher or "").strip()].append(
            CourseLine(name, office, language, level, starts, ends, str(status), figures))
    total = CourseTally()
    blocks = []
    for teacher in sorted(by_teacher, key=lambda name: (not name, sort_key(name), name)):
        lines = sorted(by_teacher[teacher],
                       key=lambda r: (r.office, sort_key(r.group), r.group, r.starts_on))
        subtotal = CourseTally()
        for line in lines:
            subtotal.add(line.figures)
        total.add(subtotal)
        blocks.append(TeacherBlock(teacher, lines, subtotal))
    return blocks, total


# ---- placements ----------------------------------------------------------------------------

def median_wage(wages: list[int]) -> int | None:
    """Whole tenge, a half up: the monthly report's median starting wage."""
    if not wages:
        return None
    return int(Decimal(str(statistics.median(wages))).to_integral_value(ROUND_HALF_UP))


def wage_figures(wages: Iterable[int | None]) -> WageFigures:
    wages = list(wages)
    recorded = sorted(wage for wage in wages if wage is not None)
    return WageFigures(len(wages), median_wage(recorded),
                       recorded[0] if recorded else None, recorded[-1] if recorded else None)


def placement_figures(connection: Connection, period: Period, office_id: uuid.UUID | None
                      ) -> tuple[list[SectorBlock], WageFigures, list[WageBand]]:
    """The placements that started in the period (the monthly report's hires) by sector and
    employer, with their wages; and how many fall in each wage band.

    Read as one row per hire, as the monthly report reads its median's wages: a median is
    not an aggregate SQL has everywhere, and the period's hires are few.
    """
    p = Placement.__table__.c
    query = (select(p.sector_code, p.employer_id, Employer.name, p.monthly_wage)
             .select_from(Placement.__table__.join(Employer.__table__,
                                                   Employer.id == p.employer_id))
             .where(_in_month(p.started_on, period)))
    if office_id is not None:
        query = query.where(p.office_id == office_id)
    hires = connection.execute(query).all()
    by_sector: dict[str, dict[uuid.UUID, list[int | None]]] = defaultdict(
        lambda: defaultdict(list))
    names: dict[uuid.UUID, str] = {}
    for sector, employer, name, wage in hires:
        by_sector[sector][employer].append(wage)
        names[employer] = name
    blocks = []
    for sector, employers in by_sector.items():
        lines = [EmployerLine(names[key], wage_figures(wages))
                 for key, wages in employers.items()]
        lines.sort(key=lambda line: (-line.figures.placements, sort_key(line.employer),
                                     line.employer))
        blocks.append(SectorBlock(sector, lines, wage_figures(
            wage for wages in employers.values() for wage in wages)))
    blocks.sort(key=lambda block: (-block.subtotal.placements, block.code))
    wages = [wage for *_rest, wage in hires]
    return blocks, wage_figures(wages), wage_bands(wages)


def wage_bands(wages: list[int | None]) -> list[WageBand]:
    """Every band, lowest first, with the placements without a wage last."""
    bounds = [*WAGE_BANDS[1:], None]
    bands = [WageBand(f"{low}-{high if high is not None else ''}", low, high)
             for low, high in zip(WAGE_BANDS, bounds, strict=True)]
    unknown = WageBand(WAGE_NOT_RECORDED, None, None)
    for wage in wages:
        if wage is None:
            unknown.placements += 1
            continue
        for band in reversed(bands):
            if wage >= (band.low or 0):
                band.placements += 1
                break
    for band in (*bands, unknown):
        band.share = rate(band.placements, len(wages))
    return [*bands, unknown]


def retention_by_employer(connection: Connection, period: Period,
                          office_id: uuid.UUID | None) -> list[RetentionLine]:
    """The retention checks recorded in the period, by the employer of the placement
    checked (the monthly report's "checked after 3 and 6 months"), most checks first."""
    check = RetentionCheck.__table__.c
    months = check.months_after
    query = (select(
        Employer.name,
        _sum(months == 3), _sum(and_(months == 3, check.still_employed.is_(True))),
        _sum(months == 6), _sum(and_(months == 6, check.still_employed.is_(True))))
        .select_from(RetentionCheck.__table__
                     .join(Placement.__table__, Placement.id == check.placement_id)
                     .join(Employer.__table__, Employer.id == Placement.employer_id))
        .where(check.checked_on.is_not(None), _in_month(check.checked_on, period),
               months.in_((3, 6)))
        .group_by(Employer.id, Employer.name))
    if office_id is not None:
        query = query.where(Placement.office_id == office_id)
    lines = [RetentionLine(*row) for row in connection.execute(query)]
    return sorted(lines, key=lambda line: (-(line.checked_3_months + line.checked_6_months),
                                           sort_key(line.employer), line.employer))


# ---- social-service referrals ----------------------------------------------------------------

def _named(names: tuple[str | None, str | None, str | None], language: str) -> str:
    """As ``Provider.name``: the name in ``language``, else the first written of kk, ru, en."""
    kk, ru, en = ((name or "").strip() for name in names)
    own = {"kk": kk, "ru": ru, "en": en}.get(language, "")
    return own or kk or ru or en


def referral_figures(connection: Connection, period: Period, office_id: uuid.UUID | None,
                     language: str = "kk") -> tuple[list[ProviderBlock], ReferralTally]:
    """The monthly report's social-service referral figures (``monthly.social``) by provider
    and service type."""
    r = Referral.__table__.c
    social_types = select(ServiceType.code).where(ServiceType.area_code == "social")
    scope = [r.service_type_code.in_(social_types)]
    if office_id is not None:
        scope.append(r.office_id == office_id)
    completed = r.status == ReferralStatus.COMPLETED.value
    referred_in = _in_month(r.referred_on, period)
    closed_in = _in_month(r.closed_on, period)
    completed_in = and_(completed, closed_in)
    query = (select(
        r.provider_id, Provider.name_kk, Provider.name_ru, Provider.name_en, Provider.locality,
        r.service_type_code,
        _sum(referred_in),
        _sum(and_(referred_in, completed, r.closed_on <= period.last)),
        _sum(completed_in),
        _sum(and_(r.status == ReferralStatus.REFUSED.value, closed_in)),
        _sum(and_(r.status == ReferralStatus.NO_RESPONSE.value, closed_in)),
        func.coalesce(func.sum(case((completed_in, r.amount), else_=literal(0))), 0))
        .select_from(Referral.__table__.outerjoin(Provider.__table__,
                                                  Provider.id == r.provider_id))
        .where(*scope, or_(referred_in, closed_in))
        .group_by(r.provider_id, Provider.name_kk, Provider.name_ru, Provider.name_en,
                  Provider.locality, r.service_type_code))
    by_provider: dict[uuid.UUID | None, list[ServiceLine]] = defaultdict(list)
    provider_names: dict[uuid.UUID | None, str] = {}
    localities: dict[uuid.UUID | None, str] = {}
    for (provider, kk, ru, en, locality, code, referred, in_time, done, refused, unanswered,
         paid) in connection.execute(query):
        provider_names[provider] = "" if provider is None else _named((kk, ru, en), language)
        localities[provider] = (locality or "").strip()
        by_provider[provider].append(ServiceLine(code, ReferralTally(
            referred, in_time, rate(in_time, referred), done, refused, unanswered, int(paid))))
    total = ReferralTally()
    blocks = []
    for provider in sorted(by_provider, key=lambda key: (
            key is None, sort_key(provider_names[key]), provider_names[key],
            sort_key(localities[key]), str(key))):
        lines = sorted(by_provider[provider], key=lambda line: (-line.figures.referred,
                                                                line.code))
        subtotal = ReferralTally()
        for line in lines:
            subtotal.add(line.figures)
        total.add(subtotal)
        blocks.append(ProviderBlock(provider_names[provider], lines, subtotal,
                                    localities[provider]))
    return blocks, total
