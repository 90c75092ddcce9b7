"""The monthly report as JSON: exactly the figures of the PDF and XLSX forms.

The keys are the fields of ``db.reports.figures.MonthlyReport``, nested as its dataclasses
are; dates are ISO text, a figure that does not exist is null. Rows of codes carry
``code``, ``label`` (in the report's language) and ``count``. In ``employment``:

- ``hires_by_contract_type``: codes of ``ContractType`` (permanent, fixed_term, seasonal,
  subsidised) in that order, then ``"unknown"`` for placements recorded without one;
- ``median_starting_wage``: whole tenge, null when no hire of the month has a wage;
- ``top_employers``: up to ten ``{"name", "count"}``, most hires first.
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


def _encode(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(value)


def monthly_json(report: MonthlyReport) -> dict[str, Any]:
    data = dataclasses.asdict(report)
    for headline, source in zip(data["headlines"], report.headlines, strict=True):
        headline["change"] = source.change  # a property, which asdict leaves out
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
