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
mislead count, keyed as the figures are: ``definitions["social"]["completion_rate"]``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from db.reports.figures import MonthlyReport
from desktop.reports.labels import DEFINITIONS, Words


def _encode(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(value)


def monthly_json(report: MonthlyReport) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    for headline, source in zip(data["headlines"], report.headlines, strict=True):
        headline["change"] = source.change  # a property, which asdict leaves out
    words = Words(report.language)
    data["definitions"] = {section: {name: words(text) for name, text in fields.items()}
                           for section, fields in DEFINITIONS.items()}
    return data


def write_monthly_json(report: MonthlyReport, target: Path) -> None:
    text = json.dumps(monthly_json(report), ensure_ascii=False, indent=2, default=_encode)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
