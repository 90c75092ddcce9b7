"""The report's trends: the last ``TREND_MONTHS`` calendar months, the report's last month
last, of the caseload (cases active on each month's last day), new intakes,
consultations, hires and completed social-service referrals.

Each figure is counted as ``db.reports.monthly`` counts the same one for a month, so the
report's own month has the report's own figures; the last month is counted as far as the
report is (to its last day, or to the moment a period not over was cut at). One query per
figure over all the months (a CASE tells each row's month), never a report per month.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, literal, or_, select

from db.models import Case, Consultation, Placement, Referral, ReferralStatus
from db.models.reference import ServiceType
from db.reports.figures import TREND_MONTHS, TRENDS, TrendMonth
from db.reports.monthly import _sum
from db.reports.periods import Period


def trend_months(period: Period) -> list[Period]:
    """The months, oldest first: the last is the month of the report's last day counted,
    from its first day to that day (cut as the report is)."""
    last = period.last
    final = Period.between(last.replace(day=1), last)
    if period.cut is not None:
        final = replace(final, cut=period.cut)
    months = [final]
    while len(months) < TREND_MONTHS:
        months.insert(0, Period.month(months[0].first - date.resolution))
    return months


def _month_of(column: Any, bounds: list[date] | list[datetime]) -> ColumnElement[int]:
    """The index of the month a value of ``column`` falls in; ``bounds``: each month's
    first day (or first moment) after the first month's. Rows outside are filtered out."""
    return case(*((column < bound, literal(index)) for index, bound in enumerate(bounds)),
                else_=literal(len(bounds)))


def _by_month(connection: Connection, index: ColumnElement[int],
              *where: ColumnElement[bool]) -> dict[int, int]:
    query = select(index.label("month"), func.count()).where(*where).group_by(index)
    return {month: count for month, count in connection.execute(query)}


def trends(connection: Connection, period: Period,
           office_id: uuid.UUID | None) -> list[TrendMonth]:
    months = trend_months(period)
    first, final = months[0], months[-1]
    days = [month.first for month in months[1:]]
    moments = [month.start for month in months[1:]]
    series: dict[str, dict[int, int]] = {}

    c = Case.__table__.c
    here = [] if office_id is None else [c.office_id == office_id]
    # Active on each month's last day: a sum per month, over the cases open at some time.
    stocks = select(*(_sum(and_(c.opened_on <= month.last,
                                or_(c.closed_on.is_(None), c.closed_on > month.last)))
                      for month in months)).where(
        *here, c.opened_on <= final.last,
        or_(c.closed_on.is_(None), c.closed_on > first.last))
    series["active_end"] = dict(enumerate(connection.execute(stocks).one()))
    series["new"] = _by_month(connection, _month_of(c.opened_on, days), *here,
                              c.opened_on.between(first.first, final.last),
                              c.transferred_from_id.is_(None))

    k = Consultation.__table__.c
    series["consultations"] = _by_month(
        connection, _month_of(k.held_at, moments),
        *([] if office_id is None else [k.office_id == office_id]),
        k.held_at >= first.start, k.held_at < final.after)

    p = Placement.__table__.c
    series["hires"] = _by_month(
        connection, _month_of(p.started_on, days),
        *([] if office_id is None else [p.office_id == office_id]),
        p.started_on.between(first.first, final.last))

    r = Referral.__table__.c
    social_types = select(ServiceType.code).where(ServiceType.area_code == "social")
    series["social_completed"] = _by_month(
        connection, _month_of(r.closed_on, days),
        *([] if office_id is None else [r.office_id == office_id]),
        r.service_type_code.in_(social_types), r.status == ReferralStatus.COMPLETED.value,
        r.closed_on.between(first.first, final.last))

    return [TrendMonth(month.first, **{key: int(series[key].get(index, 0)) for key in TRENDS})
            for index, month in enumerate(months)]
