"""Reports of a period (a month, a quarter, a year or any dates) and consultation records:
figures, labels, and the file in the asked form."""

from __future__ import annotations

import enum
import getpass
import uuid
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import Connection, select

from db.models import REFERENCE_MODELS, Consultation, EntitlementRule, Office, User
from db.reports.consultation import client_language, consultation_record
from db.reports.figures import CONTRACT_NOT_RECORDED, ConsultationRecord, MonthlyReport
from db.reports.monthly import monthly_report
from db.reports.periods import MONTH, Period
from db.session import Database
from desktop.domain.iin import mask_iin
from desktop.i18n import N_, country_name
from desktop.reports.labels import Words
from desktop.services.access import (
    AccessDenied,
    Actor,
    Offices,
    Permission,
    anyone,
    pure,
    requires,
)
from desktop.services.employment.labels import CONTRACT_TYPES

FORMATS = ("pdf", "xlsx", "json")
GROUP_WORDS = {
    "M": N_("Men"), "F": N_("Women"), "unknown": N_("Not recorded"),
    "0-15": N_("0–15 years"), "16-29": N_("16–29 years"), "30-44": N_("30–44 years"),
    "45-62": N_("45–62 years"), "63+": N_("63 years and older"),
    # A client's employment status (db.reports.indicators; DEFINITIONS says which is which).
    "job_seeker": N_("Job seekers"), "employed": N_("Employed"),
    "not_seeking": N_("Not seeking work"),
}
# The messages of employment's contract_type_text, translated here into the report's
# language: contract_type_text speaks the UI's, which may differ.
CONTRACT_WORDS = {**CONTRACT_TYPES, CONTRACT_NOT_RECORDED: N_("Contract type not recorded")}


class ReportProblem(Exception):
    class Kind(enum.Enum):
        FUTURE_MONTH = "future_month"
        FUTURE_PERIOD = "future_period"  # a quarter, a year or dates wholly to come
        UNKNOWN_OFFICE = "unknown_office"
        NO_CONSULTATION = "no_consultation"
        UNKNOWN_FORMAT = "unknown_format"

    def __init__(self, kind: Kind, detail: str) -> None:
        super().__init__(f"{kind.value}: {detail}")
        self.kind = kind
        self.detail = detail


@pure
def prepared_by_default() -> str:
    """The operating-system login: who prepared a report when no Qadam user is known."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _preparer(connection: Connection, actor: Actor) -> str:
    """The logged-in user's full name; on the command line (no login), the Qadam user whose
    login is the operating system's, else that login itself."""
    if actor.full_name.strip():
        return actor.full_name.strip()
    login = prepared_by_default()
    name = connection.scalar(select(User.full_name).where(
        User.login == login.strip().lower(), User.active.is_(True))) if login else None
    return name or login


@pure
def report_frame(period: Period | date, today: date | None = None,
                 now: datetime | None = None) -> tuple[Period, datetime]:
    """The period (a date: its month) and the moment a report of it is made (``today``, a
    day for tests, stands for its noon); ReportProblem for a period still to come. One
    rule for the monthly and the programme reports."""
    if now is None:
        now = datetime.combine(today, time(12)) if today is not None else datetime.now()
    now = now.replace(microsecond=0)  # as_of is printed and stored: whole seconds
    if not isinstance(period, Period):
        period = Period.month(period)
    if period.is_future(now):
        kind = ReportProblem.Kind
        if period.kind == MONTH:
            raise ReportProblem(kind.FUTURE_MONTH, f"{period.first:%Y-%m}")
        raise ReportProblem(kind.FUTURE_PERIOD, period.code.replace("_", " – "))
    return period, now


@requires(Permission.VIEW_REPORTS, offices=Offices.ALL)
def build_monthly(database: Database, actor: Actor, period: Period | date,
                  office_code: str | None, language: str, prepared_by: str | None = None,
                  today: date | None = None, *, now: datetime | None = None) -> MonthlyReport:
    """The figures of a period (a date: its month) for one office or all (a manager's or an
    administrator's report), as far as the period has gone at ``now``.

    ``prepared_by``: the name the report gives as who prepared it; None: the actor's own,
    or on the command line the user running it (``_preparer``). ``today`` (a day, not a
    moment; tests) stands for its noon when ``now`` is not given.
    """
    period, now = report_frame(period, today, now)
    with database.reading() as connection:
        office_id = _office_id(connection, office_code)
        if prepared_by is None:
            prepared_by = _preparer(connection, actor)
        report = monthly_report(connection, period, office_id, language, prepared_by, now)
        _label_monthly(connection, report)
    return report


@requires(Permission.WORK_WITH_CLIENTS)
def build_consultation(database: Database, actor: Actor, consultation_id: str,
                       language: str | None = None) -> ConsultationRecord:
    """The record in ``language``, by default the client's own, whatever the UI speaks.

    A user of one office gets the records of consultations held in that office only.
    """
    try:
        key = uuid.UUID(str(consultation_id).strip())
    except ValueError:
        raise ReportProblem(ReportProblem.Kind.NO_CONSULTATION, consultation_id) from None
    with database.reading() as connection:
        office_id = connection.scalar(select(Consultation.office_id)
                                      .where(Consultation.id == key))
        if office_id is None:
            raise ReportProblem(ReportProblem.Kind.NO_CONSULTATION, consultation_id)
        if actor.office_scope is not None and office_id != actor.office_scope:
            raise AccessDenied(None)
        language = language or client_language(connection, key) or "kk"
        found = consultation_record(connection, key, language, datetime.now())
    if found is None:
        raise ReportProblem(ReportProblem.Kind.NO_CONSULTATION, consultation_id)
    record, iin = found
    record.client_iin_masked = mask_iin(iin)
    return record


@pure
def write_report(report: MonthlyReport | ConsultationRecord, target: Path) -> None:
    """Write in the form the file name asks for; nothing is left behind on failure."""
    form = target.suffix.lower().lstrip(".")
    writer = _writers(report).get(form)
    if writer is None:
        raise ReportProblem(ReportProblem.Kind.UNKNOWN_FORMAT, target.suffix)
    writer(report, target)


def _writers(report: MonthlyReport | ConsultationRecord) -> dict[str, Callable[..., None]]:
    # Imported here: reportlab and openpyxl cost start-up time the other commands need not pay.
    if isinstance(report, ConsultationRecord):
        from desktop.reports.pdf_consultation import write_consultation_pdf

        return {"pdf": write_consultation_pdf}
    from desktop.reports.json_monthly import write_monthly_json
    from desktop.reports.pdf_monthly import write_monthly_pdf
    from desktop.reports.xlsx_monthly import write_monthly_xlsx

    return {"pdf": write_monthly_pdf, "xlsx": write_monthly_xlsx, "json": write_monthly_json}


def _office_id(connection: Connection, office_code: str | None) -> uuid.UUID | None:
    if office_code is None:
        return None
    office_id = connection.execute(
        select(Office.id).where(Office.code == office_code.strip().upper())).scalar()
    if office_id is None:
        raise ReportProblem(ReportProblem.Kind.UNKNOWN_OFFICE, office_code)
    return office_id


def _label_monthly(connection: Connection, report: MonthlyReport) -> None:
    """Fill every ``label`` in the report's language."""
    words = Words(report.language)
    column = f"label_{report.language}"

    def reference(table: str) -> dict[str, str]:
        model = REFERENCE_MODELS[table]
        return dict(connection.execute(select(model.code, getattr(model, column))).all())

    def group(code: str) -> str:
        return words(GROUP_WORDS[code]) if code in GROUP_WORDS else code

    labels: dict[str, Callable[[str], str]] = {
        "category": reference("migrant_category").get,
        "region": reference("region").get,
        "country": lambda code: group(code) if code == "unknown" else country_name(
            code, report.language),
        "sex": group, "age_band": group,
        "education": reference("education_level").get, "employment": group,
    }
    for dimension, rows in report.caseload_by.items():
        for row in rows:
            row.label = labels[dimension](row.code) or group(row.code)
    report.caseload.label = words(N_("Total"))
    for rows, table in ((report.consultations_by_topic, "consultation_topic"),
                        (report.consultations_by_channel, "consultation_channel"),
                        (report.employment.hires_by_sector, "economic_sector"),
                        (report.social, "service_type")):
        names = reference(table)
        for row in rows:
            row.label = names.get(row.code, row.code)
    rules = dict(connection.execute(select(EntitlementRule.code,
                                           getattr(EntitlementRule, column))).all())
    for entitlement in report.entitlements:
        entitlement.label = rules.get(entitlement.code) or entitlement.code
    for row in report.employment.hires_by_contract_type:
        row.label = words(CONTRACT_WORDS[row.code]) if row.code in CONTRACT_WORDS else row.code
    if report.office_code is None:
        report.office_name = words(N_("All offices"))


@anyone("office codes and names, printed on every report; no personal data")
def offices(database: Database) -> list[tuple[str, str]]:
    from db.queries.offices import office_choices

    with database.reading() as connection:
        return office_choices(connection)
