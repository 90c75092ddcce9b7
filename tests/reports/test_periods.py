"""The periods a report covers: their days, the cut at the moment of generation, and the
periods each is compared with."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db.reports.periods import CUSTOM, MONTH, QUARTER, YEAR, Period


def test_a_quarter_and_a_year_run_from_their_first_to_their_last_day() -> None:
    assert Period.quarter(2026, 3) == Period(date(2026, 7, 1), date(2026, 9, 30), QUARTER)
    assert Period.quarter(2024, 1).end == date(2024, 3, 31)
    assert Period.year(2026) == Period(date(2026, 1, 1), date(2026, 12, 31), YEAR)
    assert Period.month(date(2024, 2, 17)) == Period(date(2024, 2, 1), date(2024, 2, 29), MONTH)
    with pytest.raises(ValueError):
        Period.quarter(2026, 5)


def test_dates_that_make_a_whole_month_quarter_or_year_are_one() -> None:
    assert Period.between(date(2026, 10, 1), date(2026, 10, 31)).kind == MONTH
    assert Period.between(date(2026, 4, 1), date(2026, 6, 30)).kind == QUARTER
    assert Period.between(date(2026, 1, 1), date(2026, 12, 31)).kind == YEAR
    custom = Period.between(date(2026, 9, 1), date(2026, 10, 15))
    assert (custom.kind, custom.days, custom.code) == (CUSTOM, 45, "2026-09-01_2026-10-15")
    with pytest.raises(ValueError):
        Period.between(date(2026, 10, 2), date(2026, 10, 1))


def test_each_is_compared_with_the_one_before_and_the_same_a_year_before() -> None:
    quarter = Period.quarter(2026, 1)
    assert quarter.previous() == Period.quarter(2025, 4)
    assert quarter.year_before() == Period.quarter(2025, 1)
    march = Period.month(date(2026, 3, 1))
    assert (march.previous(), march.year_before()) == (Period.month(date(2026, 2, 1)),
                                                        Period.month(date(2025, 3, 1)))
    assert Period.year(2026).previous() == Period.year(2026).year_before() == Period.year(2025)
    # Any dates: as many days just before them, and the same dates a year before.
    custom = Period.between(date(2026, 9, 1), date(2026, 10, 15))
    assert custom.previous() == Period(date(2026, 7, 18), date(2026, 8, 31), CUSTOM)
    assert custom.previous().days == custom.days
    assert custom.year_before() == Period(date(2025, 9, 1), date(2025, 10, 15), CUSTOM)
    leap = Period.between(date(2024, 2, 29), date(2024, 3, 10))
    assert leap.year_before().first == date(2023, 2, 28)


def test_a_period_not_over_is_cut_at_the_moment_and_so_are_its_comparisons() -> None:
    now = datetime(2026, 12, 10, 14, 30)
    december = Period.month(date(2026, 12, 1)).at(now)
    assert not december.complete and december.cut == now
    assert (december.last, december.after, december.end) == (date(2026, 12, 10), now,
                                                             date(2026, 12, 31))
    # The same stretch of the periods compared: their first nine and a half days.
    assert december.previous().after == datetime(2026, 11, 10, 14, 30)
    assert december.year_before().after == datetime(2025, 12, 10, 14, 30)
    # Over: whole, and so compared whole.
    november = Period.month(date(2026, 11, 1)).at(now)
    assert november.complete and november.after == datetime(2026, 12, 1)
    assert november.previous().complete
    # A month further in than the month before is long is compared with all of that one.
    march = Period.month(date(2027, 3, 1)).at(datetime(2027, 3, 30, 12, 0))
    assert not march.complete and march.previous().complete  # February has 28 days


def test_a_period_wholly_to_come_is_future_one_begun_today_is_not() -> None:
    now = datetime(2026, 12, 1, 0, 5)
    assert Period.month(date(2027, 1, 1)).is_future(now)
    assert Period.quarter(2027, 1).is_future(now)
    assert not Period.month(date(2026, 12, 1)).is_future(now)
    assert not Period.between(date(2026, 11, 20), date(2027, 2, 1)).is_future(now)
