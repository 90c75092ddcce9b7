"""The monthly report's state-support figures: support measures applied for, granted and
paid, the regional quota, and the centre's temporary accommodation.

By SQL aggregation, as the rest of the report (``db.reports.monthly``), for one month and
one office, or all offices when ``office_id`` is None.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, and_, case, distinct, func, literal, or_, select

from db.models import (
    Case,
    Entitlement,
    EntitlementPayment,
    EntitlementRule,
    EntitlementStatus,
    Room,
    Stay,
)
from db.reports.figures import Accommodation, EntitlementRow, Quota
from db.reports.sql_dates import days_between

if TYPE_CHECKING:
    from db.reports.periods import Period


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _total(condition: ColumnElement[bool], amount: Any) -> ColumnElement[int]:
    """The sum of ``amount`` over the rows that meet ``condition``; 0 over none."""
    return func.coalesce(func.sum(case((condition, amount), else_=0)), 0)


def _in(column: Any, period: Period) -> ColumnElement[bool]:
    return column.between(period.first, period.last)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


# ---- support measures ------------------------------------------------------------------

def entitlements(connection: Connection, period: Period,
                 office_id: uuid.UUID | None) -> list[EntitlementRow]:
    """A line per measure with anything applied for, decided or paid in the month, or with
    a balance still to pay at its end; in the rules' order."""
    e, p = Entitlement.__table__.c, EntitlementPayment.__table__.c
    scope = [] if office_id is None else [e.office_id == office_id]
    applied = _in(e.applied_on, period)
    granted = e.status == EntitlementStatus.GRANTED.value
    decided = _in(e.decided_on, period)
    decisions = (select(
        e.rule_code, _count(applied), _total(applied, e.amount_applied),
        _count(and_(granted, decided)), _total(and_(granted, decided), e.amount_granted),
        _count(and_(e.status == EntitlementStatus.REFUSED.value, decided)),
        _total(and_(granted, e.decided_on <= period.last), e.amount_granted))
        .where(*scope, e.applied_on <= period.last)
        .group_by(e.rule_code))
    payments = (select(e.rule_code, _total(_in(p.paid_on, period), p.amount), func.sum(p.amount))
                .select_from(EntitlementPayment.__table__.join(
                    Entitlement.__table__, Entitlement.id == p.entitlement_id))
                .where(*scope, p.paid_on <= period.last)
                .group_by(e.rule_code))
    rows: dict[str, EntitlementRow] = {}
    granted_to_date: dict[str, int] = {}
    for code, count, asked, given, amount, refused, to_date in connection.execute(decisions):
        rows[code] = EntitlementRow(code, "", count, asked, given, amount, refused)
        granted_to_date[code] = to_date
    paid_to_date: dict[str, int] = {}
    for code, paid, to_date in connection.execute(payments):
        rows.setdefault(code, EntitlementRow(code)).paid = paid
        paid_to_date[code] = to_date or 0
    for code, row in rows.items():
        row.outstanding = granted_to_date.get(code, 0) - paid_to_date.get(code, 0)
    order = dict(connection.execute(
        select(EntitlementRule.code, EntitlementRule.sort_order)).all())
    shown = [row for row in rows.values()
             if row.applied or row.granted or row.refused or row.paid or row.outstanding]
    return sorted(shown, key=lambda row: (order.get(row.code, 0), row.code))


# ---- the regional quota ----------------------------------------------------------------

def quota(connection: Connection, period: Period, office_id: uuid.UUID | None) -> Quota:
    """Distinct clients with a quota case open at some time in the month: a transfer closes
    one case and opens its continuation, both in the quota, and is still one client."""
    c = Case.__table__.c
    this_year = case((c.quota_year == period.first.year, c.person_id))
    query = (select(func.count(distinct(c.person_id)), func.count(distinct(this_year)))
             .where(c.quota_year.is_not(None), c.opened_on <= period.last,
                    or_(c.closed_on.is_(None), c.closed_on >= period.first)))
    if office_id is not None:
        query = query.where(c.office_id == office_id)
    participants, current = connection.execute(query).one()
    return Quota(participants, current)


# ---- temporary accommodation -----------------------------------------------------------

def accommodation(connection: Connection, period: Period,
                  office_id: uuid.UUID | None) -> Accommodation:
    """Beds, bed-nights, people, check-ins and overstays (``Accommodation``).

    The nights as ``desktop.services.social.rooms`` counts them: a stay takes its bed from
    the check-in day to the day before the check-out; one not checked out, to the month's
    last night, whatever was planned.
    """
    s, r = Stay.__table__.c, Room.__table__.c
    after = period.last + timedelta(days=1)
    first_night = case((s.checked_in_on < period.first, literal(period.first)),
                       else_=s.checked_in_on)
    gone = case((or_(s.checked_out_on.is_(None), s.checked_out_on > after), literal(after)),
                else_=s.checked_out_on)
    # A bed on one night of the month at least; a check-out on the check-in day takes none.
    takes_bed = and_(s.checked_in_on <= period.last,
                     or_(s.checked_out_on.is_(None),
                         and_(s.checked_out_on > period.first,
                              s.checked_out_on > s.checked_in_on)))
    nights = days_between(connection.dialect, first_night, gone)
    # Still there on the month's last night, after the last night agreed.
    overstaying = and_(s.checked_in_on <= period.last,
                       or_(s.checked_out_on.is_(None), s.checked_out_on > period.last),
                       s.planned_until < period.last)
    checked_in = _in(s.checked_in_on, period)
    stays = (select(_total(takes_bed, nights),
                    func.count(distinct(case((takes_bed, s.person_id)))),
                    _count(checked_in), _count(overstaying))
             .select_from(Stay.__table__.join(Room.__table__, Room.id == s.room_id))
             .where(or_(takes_bed, checked_in)))
    beds = select(func.coalesce(func.sum(r.beds), 0)).where(r.active.is_(True))
    if office_id is not None:
        stays = stays.where(r.office_id == office_id)
        beds = beds.where(r.office_id == office_id)
    bed_nights, people, check_ins, overstays = connection.execute(stays).one()
    bed_count = connection.execute(beds).scalar_one()
    available = bed_count * (after - period.first).days
    bed_nights = round(bed_nights)  # julianday differences arrive as floats in SQLite
    return Accommodation(bed_count, bed_nights, available, _rate(bed_nights, available),
                         people, check_ins, overstays)
