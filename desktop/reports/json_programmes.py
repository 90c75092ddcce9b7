"""The programme reports as JSON: exactly the figures of their PDF and XLSX forms.

The keys are the fields of ``db.reports.programme_figures``, nested as its dataclasses
are; dates are ISO text, a figure that does not exist is null, money is whole tenge, rates
are shares (0 to 1). As in the monthly report's JSON: ``period`` is ``{"from", "to",
"kind"}``; ``complete`` is false for a period not over when the report was made, whose
figures count up to ``as_of`` (null for a complete one); ``definitions`` says, in the
report's language, what the figures count. ``title`` is the report's title in its language.

- ``courses``: ``teachers``, each ``{"teacher", "groups", "subtotal"}`` (``teacher`` ""
  when the groups name none); a group's figures are in ``figures``; ``total``.
- ``placements``: ``sectors``, each ``{"code", "label", "employers", "subtotal"}``;
  ``total``; ``wage_bands`` (``low`` counted, ``high`` not, null for no bound; the band
  coded ``"unknown"`` counts the placements without a wage); ``retention`` by employer and
  ``retention_total``.
- ``referrals``: ``providers``, each ``{"provider", "services", "subtotal"}`` (``provider``
  "" for the referrals naming none); ``total``.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from db.reports.programme_figures import ProgrammeReport
from desktop.files import replacing
from desktop.reports.labels import Words
from desktop.reports.programme_labels import PROGRAMME_DEFINITIONS, TITLES


def _encode(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(value)


def programme_json(report: ProgrammeReport) -> dict[str, Any]:
    words = Words(report.language, report.span.kind)
    data = dataclasses.asdict(report)
    span = report.span
    data["title"] = words(TITLES[report.programme])
    data["period"] = {"from": span.first, "to": span.last, "kind": span.kind}
    data["complete"] = report.complete
    data["as_of"] = report.as_of
    data["definitions"] = {name: words(text) for name, text
                           in PROGRAMME_DEFINITIONS[report.programme].items()}
    return data


def write_programme_json(report: ProgrammeReport, target: Path) -> None:
    text = json.dumps(programme_json(report), ensure_ascii=False, indent=2, default=_encode)
    with replacing(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
