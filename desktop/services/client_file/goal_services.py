"""The services that can serve a plan goal, and the one way they are named.

A goal's service (``db.models.GoalService``) is one of four kinds of record the
client already has: a course enrolment, a referral to a catalogue service, a job
referral, a job placement. The client file (in the UI language), the choice list
of ``case_plan.linkable_services`` and the printed plan (in the client's language)
all name them through ``service_label``, so the three say the same thing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date

from db.queries.client_file import EnrolmentRow, JobReferralRow, PlacementRow, SocialReferralRow
from desktop.i18n import N_, format_date
from desktop.services.access import pure
from desktop.services.client_file.labels import ENROLMENT_STATUS, JOB_STATUS, REFERRAL_STATUS

__all__ = ["KIND_LABELS", "ServiceKind", "ServiceRow", "service_date", "service_label"]


class ServiceKind(enum.StrEnum):
    """The kinds, by the ``case_goal_service`` column that holds each (``<kind>_id``)."""

    ENROLMENT = "enrolment"
    REFERRAL = "referral"
    JOB_REFERRAL = "job_referral"
    PLACEMENT = "placement"

    @property
    def column(self) -> str:
        return f"{self.value}_id"


KIND_LABELS = {
    ServiceKind.ENROLMENT: N_("Language course"),
    ServiceKind.REFERRAL: N_("Service referral"),
    ServiceKind.JOB_REFERRAL: N_("Job referral"),
    ServiceKind.PLACEMENT: N_("Job placement"),
}

ServiceRow = EnrolmentRow | JobReferralRow | PlacementRow | SocialReferralRow


@pure
def service_date(row: ServiceRow) -> date:
    """When the service began: what the lists sort by."""
    if isinstance(row, EnrolmentRow):
        return row.enrolled_on
    if isinstance(row, PlacementRow):
        return row.started_on
    return row.referred_on


@pure
def service_label(kind: ServiceKind, row: ServiceRow, words: Callable[[str], str],
                  language: str | None = None) -> str:
    """"Kind: what (state, since when)" in the language ``words`` translates into."""
    what, state = _parts(row, words, language)
    when = format_date(service_date(row), language=language)
    return words(N_("{kind}: {what} ({state}, {date})")).format(
        kind=words(KIND_LABELS[kind]), what=what, state=state, date=when)


def _parts(row: ServiceRow, words: Callable[[str], str],
           language: str | None) -> tuple[str, str]:
    def joined(*parts: str) -> str:
        return " — ".join(p for p in parts if p)

    if isinstance(row, EnrolmentRow):
        course = " ".join(p for p in (row.course, row.level) if p)
        return joined(course, row.group), words(ENROLMENT_STATUS.get(row.status, row.status))
    if isinstance(row, JobReferralRow):
        what = (joined(row.course_title, row.provider) if row.kind == "training"
                else joined(row.employer, row.vacancy))
        return what, words(JOB_STATUS.get(row.status, row.status))
    if isinstance(row, PlacementRow):
        if row.ended_on is None:
            return joined(row.employer, row.position), words(N_("working"))
        return joined(row.employer, row.position), words(N_("ended {date}")).format(
            date=format_date(row.ended_on, language=language))
    return joined(row.service, row.provider), words(REFERRAL_STATUS.get(row.status, row.status))
