"""A vacancy's places taken: the hires recorded against it, which every list of vacancies
and every referral or hire check counts the same way."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, Subquery, func, select
from sqlalchemy.orm import Session

from db.models import JobReferral, JobReferralStatus


def hires_per_vacancy() -> Subquery:
    """(vacancy_id, taken) for each vacancy with a hire: outer-join it, a missing row is 0."""
    return (select(JobReferral.vacancy_id, func.count().label("taken"))
            .where(JobReferral.status == JobReferralStatus.HIRED,
                   JobReferral.vacancy_id.is_not(None))
            .group_by(JobReferral.vacancy_id).subquery())


def hires_of(reader: Connection | Session, vacancy_id: uuid.UUID) -> int:
    """The hires recorded against one vacancy (a session's own unsaved changes included)."""
    return reader.scalar(select(func.count()).where(
        JobReferral.vacancy_id == vacancy_id,
        JobReferral.status == JobReferralStatus.HIRED)) or 0
