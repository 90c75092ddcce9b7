"""The monthly report as JSON: exactly the figures of the PDF and XLSX forms.

The keys are the fields of ``db.reports.figures.MonthlyReport``, nested as its dataclasses
are; dates are ISO text, a figure that does not exist is null. Rows of codes carry
``code``, ``label`` (in the report's language) and ``count``. In ``employment``:

- ``hires_by_contract_type``: codes of ``ContractType`` (permanent, fixed_term, seasonal,
  subsidised) in that order, then ``"unknown"`` for placements recorded without one;
- ``median_starting_wage``: whole tenge, null when no hire of the month has a wage;
- ``top_employers``: up to ten ``{"name", "count"}``, most hires first.

In ``social`` (one row per service type): ``referred`` counts the referrals made in the
month; ``completed``, ``refused`` and ``no_response`` those that ended so in the month,
whenever made; ``completion_rate`` is the share of the month's referrals completed by its
last day (so not ``completed / referred``); ``amount_paid`` is whole tenge, over the
referrals completed in the month. ``entitlements``: one row per support measure with
anything applied for, decided or paid in the month or a balance at its end; counts
(``applied``, ``granted``, ``refused``) and whole tenge (``amount_applied``,
``amount_granted``, ``paid``, ``outstanding``). ``quota``: ``participants`` and
``this_year``. ``accommodation``: ``beds``, ``bed_nights``, ``bed_nights_available``,
``occupancy_rate`` (a share, null without beds), ``people``, ``check_ins``,
``overstays``.

``definitions`` says, in the report's language, what the figures whose names could
mislead count, and every rate, keyed as the figures are:
``definitions["social"]["completion_rate"]``, ``definitions["courses"]["attendance_rate"]``;
a headline that is a rate carries its own in ``definition`` (null for the others).

The period: ``month`` is its first day (a month's report has always had it); ``period`` is
``{"from", "to", "kind"}`` (kind: month, quarter, year or custom), the days asked for.
``complete`` is false for a period not over when the report was made, whose figures count
up to ``as_of`` (an ISO date and time; null for a complete one). Each headline has
``value``, ``previous`` and ``change`` (against the period before, of the same kind and
length) and ``year_before`` and ``change_year`` (against the same period a year before);
``compared_with`` gives those two periods as ``{"from", "to", "as_of"}``, ``as_of`` set
when the report's own is cut, so that the same stretch of them is compared.

``caseload_by`` breaks the caseload down by ``category``, ``country``, ``sex``,
``age_band``, ``region``, ``education`` (codes of the education levels, ``"unknown"``
for none recorded) and ``employment`` (``job_seeker``, ``employed``, ``not_seeking``, on
the period's last day: ``definitions["caseload_by"]``); each adds up to ``caseload``.

``offices`` (the all-offices report; empty for one office's): a row per office, ``code``,
``name`` (in the report's language) and its headline figures (``active_start``, ``new``,
``closed``, ``active_end``, ``consultations``, ``course_enrolled``, ``hires``,
``social_completed``); they add up to the report's own (``caseload``, ``consultations``,
``courses.enrolled``, ``employment.hires``, the ``social`` rows' ``completed``), which the
PDF and XLSX print as the total row.

``trends``: the last 12 calendar months, the report's last month last, keyed by month
("2026-11"), each ``{"active_end", "new", "consultations", "hires",
"social_completed"}`` counted as the report counts the same figures; the last month as far
as the report is counted (``as_of``).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from db.reports.figures import TRENDS, MonthlyReport, Span
from desktop.files import replacing
from desktop.reports.labels import DEFINITIONS, HEADLINE_DEFINITIONS, Words


def _encode(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(value)


def _span(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"from": span.first, "to": span.last, "kind": span.kind, "as_of": span.as_of}


def monthly_json(report: MonthlyReport) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    words = Words(report.language, report.span.kind)
    for headline, source in zip(data["headlines"], report.headlines, strict=True):
        # Properties, which asdict leaves out.
        headline["change"] = source.change
        headline["change_year"] = source.change_year
        where = HEADLINE_DEFINITIONS.get(source.key)
        headline["definition"] = words(DEFINITIONS[where[0]][where[1]]) if where else None
    period = _span(report.span)
    assert period is not None
    period.pop("as_of")
    data["period"] = period
    data["complete"] = report.complete
    data["as_of"] = report.as_of
    del data["previous_period"], data["year_before_period"]
    data["compared_with"] = {"previous": _span(report.previous_period),
                             "year_before": _span(report.year_before_period)}
    data["trends"] = {f"{month.month:%Y-%m}": {key: getattr(month, key) for key in TRENDS}
                      for month in report.trends}
    data["definitions"] = {section: {name: words(text) for name, text in fields.items()}
                           for section, fields in DEFINITIONS.items()}
    return data


def write_monthly_json(report: MonthlyReport, target: Path) -> None:
    text = json.dumps(monthly_json(report), ensure_ascii=False, indent=2, default=_encode)
    with replacing(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
