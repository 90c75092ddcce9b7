"""Programme reports of a period: language courses by group and teacher, placements by
employer, sector and wage, social-service referrals by provider; their figures, labels,
and the file in the asked form (PDF, XLSX or JSON).

Built as the monthly report is (``desktop.services.reports.build_monthly``): for the same
periods, offices and people, cut at the moment of generation while the period is not over,
with the same problems told the same way (``ReportProblem``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Connection, select

from db.models import REFERENCE_MODELS
from db.reports.periods import Period
from db.reports.programme_figures import (
    PROGRAMMES,
    CourseReport,
    PlacementReport,
    ProgrammeReport,
    ReferralReport,
)
from db.reports.programmes import programme_report
from db.session import Database
from desktop.i18n import N_
from desktop.reports.labels import Words
from desktop.reports.programme_labels import wage_band_label
from desktop.services.access import Actor, Offices, Permission, pure, requires
from desktop.services.reports import FORMATS, ReportProblem, _office_id, _preparer, report_frame

__all__ = ["FORMATS", "PROGRAMMES", "build_programme", "write_programme_report"]


@requires(Permission.VIEW_REPORTS, offices=Offices.ALL)
def build_programme(database: Database, actor: Actor, programme: str, period: Period | date,
                    office_code: str | None, language: str, prepared_by: str | None = None,
                    today: date | None = None, *, now: datetime | None = None
                    ) -> ProgrammeReport:
    """The figures of ``programme`` (courses, placements or referrals) for a period (a date:
    its month) and one office or all, as far as the period has gone at ``now``.

    ``prepared_by``: None gives the actor's own name, or on the command line the user
    running it, as the monthly report does; ``today`` (tests) stands for its noon.
    """
    if programme not in PROGRAMMES:
        raise ValueError(programme)
    period, now = report_frame(period, today, now)
    with database.reading() as connection:
        office_id = _office_id(connection, office_code)
        if prepared_by is None:
            prepared_by = _preparer(connection, actor)
        report = programme_report(connection, programme, period, office_id, language,
                                  prepared_by, now)
        _label(connection, report)
    return report


def _label(connection: Connection, report: ProgrammeReport) -> None:
    """Fill every ``label`` in the report's language."""
    words = Words(report.language, report.span.kind)
    column = f"label_{report.language}"

    def reference(table: str) -> dict[str, str]:
        model = REFERENCE_MODELS[table]
        return dict(connection.execute(select(model.code, getattr(model, column))).all())

    if report.office_code is None:
        report.office_name = words(N_("All offices"))
    if isinstance(report, CourseReport):
        languages, levels = reference("language"), reference("language_level")
        for block in report.teachers:
            for line in block.groups:
                line.language = languages.get(line.language_code) or line.language_code
                line.level = (levels.get(line.level_code) or line.level_code
                              if line.level_code else "")
    elif isinstance(report, PlacementReport):
        sectors = reference("economic_sector")
        for sector in report.sectors:
            sector.label = sectors.get(sector.code) or sector.code
        for band in report.wage_bands:
            band.label = wage_band_label(words, band.low, band.high)
    elif isinstance(report, ReferralReport):
        services = reference("service_type")
        for provider in report.providers:
            for line in provider.services:
                line.label = services.get(line.code) or line.code


@pure
def write_programme_report(report: ProgrammeReport, target: Path) -> None:
    """Write in the form the file name asks for; nothing is left behind on failure."""
    form = target.suffix.lower().lstrip(".")
    writer = _writers().get(form)
    if writer is None:
        raise ReportProblem(ReportProblem.Kind.UNKNOWN_FORMAT, target.suffix)
    writer(report, target)


def _writers() -> dict[str, Callable[..., None]]:
    # Imported here: reportlab and openpyxl cost start-up time other commands need not pay.
    from desktop.reports.json_programmes import write_programme_json
    from desktop.reports.pdf_programmes import write_programme_pdf
    from desktop.reports.xlsx_programmes import write_programme_xlsx

    return {"pdf": write_programme_pdf, "xlsx": write_programme_xlsx,
            "json": write_programme_json}
