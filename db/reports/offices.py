"""The all-offices report's offices side by side: each office's headline figures (the
caseload's four, consultations, course enrolments, hires, social-service referrals
completed), counted exactly as ``db.reports.monthly`` counts them for the whole network,
so that the offices' rows add up to the report's own figures.

One query per figure, grouped by office (never a report per office).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Connection, func, select

from db.models import (
    Case,
    Consultation,
    CourseEnrolment,
    CourseGroup,
    Placement,
    Referral,
    ReferralStatus,
)
from db.models.org import Office
from db.models.reference import ServiceType
from db.reports.caseload import caseload_query
from db.reports.figures import OFFICE_FIGURES, OfficeRow
from db.reports.monthly import _HELD_PLACE, _consultations_in, _in_month
from db.reports.names import named
from db.reports.periods import Period


def _grouped(connection: Connection, query: Any) -> dict[uuid.UUID, int]:
    return {office: count for office, count in connection.execute(query)}


def by_office(connection: Connection, period: Period, language: str) -> list[OfficeRow]:
    """A row per office that is active or has any figure in the period, by office code."""
    figures: dict[str, dict[uuid.UUID, int]] = {}
    # Of the cases alone: an office is the case's, and no person's row need be read.
    caseload = caseload_query(period, None, Case.__table__.c.office_id, Case.__table__)
    for row in connection.execute(caseload):
        for name in ("active_start", "new", "closed", "active_end"):
            figures.setdefault(name, {})[row.code] = getattr(row, name)
    figures["consultations"] = _grouped(connection, select(
        Consultation.office_id, func.count()).where(*_consultations_in(period, None))
        .group_by(Consultation.office_id))
    # As ``monthly.courses`` counts its enrolled: places taken in the period.
    e = CourseEnrolment.__table__.c
    figures["course_enrolled"] = _grouped(connection, select(CourseGroup.office_id, func.count())
        .select_from(CourseEnrolment.__table__.join(CourseGroup.__table__,
                                                    CourseGroup.id == e.group_id))
        .where(e.status.in_(_HELD_PLACE), _in_month(e.enrolled_on, period))
        .group_by(CourseGroup.office_id))
    figures["hires"] = _grouped(connection, select(Placement.office_id, func.count())
        .where(_in_month(Placement.started_on, period)).group_by(Placement.office_id))
    r = Referral.__table__.c
    social_types = select(ServiceType.code).where(ServiceType.area_code == "social")
    figures["social_completed"] = _grouped(connection, select(r.office_id, func.count())
        .where(r.service_type_code.in_(social_types),
               r.status == ReferralStatus.COMPLETED.value, _in_month(r.closed_on, period))
        .group_by(r.office_id))
    offices = connection.execute(
        select(Office.id, Office.code, named(Office, language), Office.active)
        .order_by(Office.code)).all()
    rows = []
    for office_id, code, name, active in offices:
        values = {key: figures.get(key, {}).get(office_id, 0) for key in OFFICE_FIGURES}
        if active or any(values.values()):
            rows.append(OfficeRow(code, name or code, **values))
    return rows

