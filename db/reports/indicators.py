"""The ministry's two breakdowns of the caseload beside the others: by education level and
by employment status (``db.reports.caseload`` groups by the columns here).

Education is the level recorded in the client's file (``person.education_code``), in the
reference list's order, "not recorded" last.

Employment status is told on the period's last day, from the employment tables, as
``DEFINITIONS["caseload_by"]["employment"]`` prints it:

- employed: a placement that had begun by then and had not ended (``ended_on`` after it:
  one ended on the day itself has ended; a retention check that found the client gone
  sets ``ended_on``);
- job seeker: not employed so, and looking for work: with a referral to an employer or to
  a training course under way then (made by then, its outcome, a hire or another, not
  recorded by then: every ending records ``outcome_on``; one still at a step before its
  outcome, referred, interview or course begun, is under way), or with a job-seeker profile
  marked as looking for work. The profile keeps no dates, so this last is what it says
  when the report is made (a hire turns it off; the referral that led to the hire still
  counts for the days before it);
- not seeking work: the others, children and pensioners among them.

Like an age, the status is the client's on one day: a breakdown of new intakes or closures
by it does not add up over months as the other breakdowns do.

Only what the center recorded counts: a client who found work alone, and told no one, is
not employed here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, literal, or_, select

from db.models import JobReferral, JobReferralStatus, JobSeeker, Placement
from db.models.person import Person
from db.models.reference import EducationLevel
from db.reports.figures import EMPLOYMENT_STATUSES, NOT_RECORDED, CaseloadRow
from db.reports.periods import Period

EMPLOYED, JOB_SEEKER, NOT_SEEKING = "employed", "job_seeker", "not_seeking"
# The steps of a referral before its outcome (a hire, a refusal, a course completed...).
UNDER_WAY = [status.value for status in (JobReferralStatus.REFERRED,
                                         JobReferralStatus.INTERVIEW,
                                         JobReferralStatus.STARTED)]
assert set(EMPLOYMENT_STATUSES) == {EMPLOYED, JOB_SEEKER, NOT_SEEKING}


def education_level() -> ColumnElement[str]:
    return func.coalesce(Person.education_code, literal(NOT_RECORDED))


def employment_status(person_id: ColumnElement[Any], period: Period) -> ColumnElement[str]:
    """The status on the period's last day (see the module) of the person ``person_id``
    names, by asking whether it is in each list of people: each list is an uncorrelated
    subquery, found once and hashed (PostgreSQL) or indexed (SQLite) for every row,
    rather than looked up anew in the employment tables for each row, which costs
    seconds on a year's caseload of tens of thousands. Lists, not outer joins: a person
    in a list twice still counts once."""
    last = period.last
    p = Placement.__table__.c
    employed = select(p.person_id).where(p.started_on <= last,
                                         or_(p.ended_on.is_(None), p.ended_on > last))
    r = JobReferral.__table__.c
    s = JobSeeker.__table__.c
    # A referral under way: made by then, no outcome recorded by then. One still at a step
    # before its outcome has none yet, whatever dates the steps before it were given.
    referred = select(r.person_id).where(
        r.referred_on <= last,
        or_(r.outcome_on.is_(None), r.outcome_on > last, r.status.in_(UNDER_WAY)))
    looking = select(s.person_id).where(s.seeking.is_(True))
    return case((person_id.in_(employed), literal(EMPLOYED)),
                (or_(person_id.in_(referred), person_id.in_(looking)), literal(JOB_SEEKER)),
                else_=literal(NOT_SEEKING))


def sort_breakdown(connection: Connection, dimension: str, rows: list[CaseloadRow]) -> None:
    """Education in the reference list's order, employment in EMPLOYMENT_STATUSES'; a row
    of what was not recorded last."""
    if dimension == "employment":
        rows.sort(key=lambda row: EMPLOYMENT_STATUSES.index(row.code))
        return
    order = dict(connection.execute(
        select(EducationLevel.code, EducationLevel.sort_order)).all())
    rows.sort(key=lambda row: (row.code == NOT_RECORDED, order.get(row.code, 0), row.code))
