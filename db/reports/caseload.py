"""The caseload of a period: the cases open at some time in it, their stocks (active at
its start and at its end) and their flows (new, closed, transferred in and out), by SQL
aggregation.

The breakdowns (by category, sex, age band...) come from one pass over the cases: each
case is joined with its person and its flags are worked out once, in a materialised CTE,
and every breakdown is a GROUP BY over that. Seven queries each joining every case with
its person cost seconds apiece on a network's million clients; the pass does about a
third of their work. The flags are the same SQL on SQLite and PostgreSQL; the
breakdowns' GROUP BYs are a UNION on SQLite, which lacks GROUPING SETS, and one pass of
GROUPING SETS on PostgreSQL (tests/reports/test_engines_alike.py holds both to the same
figures).

Cases belong to the office that holds them; ``db.reports.monthly`` says how transfers
count.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    String,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    tuple_,
    union_all,
)

from db.models import Case
from db.models.case import TRANSFER_CLOSURE
from db.models.person import Person
from db.reports import indicators
from db.reports.figures import AGE_BANDS, BREAKDOWNS, NOT_RECORDED, CaseloadRow
from db.reports.periods import Period

# CaseloadRow's figures, in its order.
FIGURES = ("active_start", "new", "closed", "active_end", "transferred_in", "transferred_out")
TOTAL = "total"  # the dimension of the breakdown statement's row of all cases


def _sum(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _in_period(column: Any, period: Period) -> ColumnElement[bool]:
    return column.between(period.first, period.last)


def open_in(period: Period) -> ColumnElement[bool]:
    """The cases open at some time in the period: those every figure counts from."""
    c = Case.__table__.c
    return and_(c.opened_on <= period.last,
                or_(c.closed_on.is_(None), c.closed_on >= period.first))


def _conditions(period: Period) -> dict[str, ColumnElement[bool]]:
    """What puts a case in each figure, keyed as FIGURES."""
    c = Case.__table__.c
    continued = c.transferred_from_id.is_not(None)
    # A NULL reason is "not transferred": compared with <> it would drop the row.
    transferred = func.coalesce(c.closure_reason_code, "") == TRANSFER_CLOSURE
    return {
        "active_start": and_(c.opened_on < period.first,
                             or_(c.closed_on.is_(None), c.closed_on >= period.first)),
        "new": and_(_in_period(c.opened_on, period), ~continued),
        "closed": and_(_in_period(c.closed_on, period), ~transferred),
        "active_end": and_(c.opened_on <= period.last,
                           or_(c.closed_on.is_(None), c.closed_on > period.last)),
        "transferred_in": and_(_in_period(c.opened_on, period), continued),
        "transferred_out": and_(_in_period(c.closed_on, period), transferred),
    }


def caseload_query(period: Period, office_id: uuid.UUID | None, group: ColumnElement[Any],
                   source: FromClause) -> Select[Any]:
    """The figures by ``group`` over ``source`` (of the cases; ``db.reports.offices``)."""
    columns = [_sum(condition).label(name) for name, condition in _conditions(period).items()]
    query = (select(group.label("code"), *columns).select_from(source)
             .where(open_in(period)).group_by(group))
    if office_id is not None:
        query = query.where(Case.__table__.c.office_id == office_id)
    return query


def caseload_totals(connection: Connection, periods: Sequence[Period],
                    office_id: uuid.UUID | None) -> list[CaseloadRow]:
    """The caseload of each period, from one scan of the cases open in any of them."""
    if not periods:
        return []
    # Each figure also asks for its own period's cases, as a query of that period alone
    # would: a case closed before it was opened meets "new" without being open in it.
    columns = [_sum(and_(open_in(period), condition))
               for period in periods for condition in _conditions(period).values()]
    query = select(*columns).where(or_(*(open_in(period) for period in periods)))
    if office_id is not None:
        query = query.where(Case.__table__.c.office_id == office_id)
    row = connection.execute(query).one()
    width = len(FIGURES)
    return [CaseloadRow(TOTAL, "", *row[index * width:(index + 1) * width])
            for index in range(len(periods))]


def caseload_breakdowns(connection: Connection, period: Period, office_id: uuid.UUID | None,
                        ) -> tuple[CaseloadRow, dict[str, list[CaseloadRow]]]:
    """The period's caseload, and its breakdowns (BREAKDOWNS), each in the order printed."""
    c = Case.__table__.c
    unknown = literal(NOT_RECORDED)
    dimensions: dict[str, ColumnElement[Any]] = {
        "category": Person.category_code,
        "country": func.coalesce(Person.country_of_origin, unknown),
        "sex": func.coalesce(Person.sex, unknown),
        "age_band": _age_band(period.last),
        "region": func.coalesce(Person.region_code, unknown),
        "education": indicators.education_level(),
        "employment": indicators.employment_status(c.person_id, period),
    }
    assert tuple(dimensions) == BREAKDOWNS
    flags = (select(*(value.label(name) for name, value in dimensions.items()),
                    *(case((condition, 1), else_=0).label(name)
                      for name, condition in _conditions(period).items()))
             .select_from(Case.__table__.join(Person.__table__, Person.id == c.person_id))
             .where(open_in(period)))
    if office_id is not None:
        flags = flags.where(c.office_id == office_id)
    statement = (_grouping_sets(flags) if connection.dialect.name == "postgresql"
                 else _unions(flags))
    total = CaseloadRow(TOTAL)
    breakdowns: dict[str, list[CaseloadRow]] = {name: [] for name in BREAKDOWNS}
    for dimension, code, *figures in connection.execute(statement):
        if dimension == TOTAL:
            total = CaseloadRow(TOTAL, "", *figures)
        else:
            breakdowns[dimension].append(CaseloadRow(code, "", *figures))
    for name, rows in breakdowns.items():
        _sort(connection, name, rows)
    return total, breakdowns


def _unions(flags: Select[Any]) -> Select[Any]:
    """``(dimension, code, *FIGURES)`` of every breakdown and the total: a GROUP BY each
    over the flags, materialised (read once by every breakdown; SQLite might otherwise
    work them out again for each)."""
    cases = flags.cte("case_flags").prefix_with("MATERIALIZED")
    sums = [func.coalesce(func.sum(cases.c[name]), 0).label(name) for name in FIGURES]
    return union_all(
        *(select(literal(name).label("dimension"), cases.c[name].label("code"), *sums)
          .group_by(cases.c[name]) for name in BREAKDOWNS),
        select(literal(TOTAL).label("dimension"), literal("").label("code"), *sums))


def _grouping_sets(flags: Select[Any]) -> Select[Any]:
    """``_unions``' rows from PostgreSQL's GROUPING SETS: every breakdown summed in one pass
    over the flags, which are then neither stored nor read again (at a million clients
    the seven reads cost as much as working the flags out)."""
    cases = flags.subquery("case_flags")
    columns = [cases.c[name] for name in BREAKDOWNS]
    sums = [func.coalesce(func.sum(cases.c[name]), 0).label(name) for name in FIGURES]
    # GROUPING(one) is 0 in the rows grouped by that one: the first such names the row's
    # breakdown, and its value is the row's code; none is the total's row.
    dimension = case(*((func.grouping(column) == 0, literal(name))
                       for name, column in zip(BREAKDOWNS, columns, strict=True)),
                     else_=literal(TOTAL))
    code = func.coalesce(*(case((func.grouping(column) == 0, column.cast(String)))
                           for column in columns), literal(""))
    return (select(dimension.label("dimension"), code.label("code"), *sums)
            .group_by(func.grouping_sets(*(tuple_(column) for column in columns),
                                         tuple_())))


def _sort(connection: Connection, dimension: str, rows: list[CaseloadRow]) -> None:
    if dimension == "age_band":
        rows.sort(key=lambda r: AGE_BANDS.index(r.code))
    elif dimension in ("education", "employment"):
        indicators.sort_breakdown(connection, dimension, rows)
    else:
        rows.sort(key=lambda r: (-r.active_end, -r.new, r.code))


# The bands' upper ages, youngest first; the oldest band has none.
_BAND_LIMITS = ((15, "0-15"), (29, "16-29"), (44, "30-44"), (62, "45-62"))


def _age_band(day: date) -> ColumnElement[str]:
    """A person's age band on ``day``, told by comparing the birth date with the days
    the bands' ages begin on: as cheap as any date comparison, and written alike for
    both engines (an age worked out per row in SQL costs a function call for every case).
    """
    birth = Person.birth_date
    return case(
        (birth.is_(None), NOT_RECORDED),
        *((birth > years_before(day, limit + 1), band) for limit, band in _BAND_LIMITS),
        else_="63+")


def years_before(day: date, years: int) -> date:
    """The last birth date of someone ``years`` old or older on ``day``: the same day
    ``years`` before, or 28 February for a 29th whose year has none. Whole years are
    counted as a birthday passed (month and day on or before ``day``'s) adds one.
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year - years, day=28)
