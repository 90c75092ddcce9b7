"""A client's job-seeker profile: what a career centre asks of someone looking for work.

Profession and education are the person's own fields (the profile tab shows them too),
and so are their languages: the profile form writes the first two back to the person,
so there is one place each is kept. The rest lives in ``job_seeker``, with the sectors
and regions sought. A profile stays when its holder is hired: ``seeking`` turns off,
and matching leaves them out until it is turned on again.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import JobSeeker, JobSeekerRegion, JobSeekerSector, Person
from db.models.reference import EconomicSector, EducationLevel, Region
from db.session import Database
from desktop.services.access import Actor, Permission, pure, requires, within_checked_call
from desktop.services.employment.vacancies import (
    LICENCE_CATEGORIES,
    MAX_EXPERIENCE,
    licence_categories,
    licence_text,
)
from desktop.services.field_problems import InvalidFields
from desktop.services.follow_ups import require_client
from desktop.services.versions import require_version

__all__ = ["MAX_TEXT", "Field", "InvalidJobSeeker", "JobSeekerEntry", "Problem",
           "SeekerProfile", "check_job_seeker", "job_seeker_profile", "save_job_seeker"]

MAX_TEXT = 300


class Field(enum.StrEnum):
    PROFESSION = "profession"
    QUALIFICATION = "qualification"
    EDUCATION = "education"
    EXPERIENCE = "experience"
    SECTORS = "sectors"
    REGIONS = "regions"
    LICENCE = "licence"
    HEALTH = "health"
    UNEMPLOYED = "unemployed"


class Problem(enum.Enum):
    TOO_LONG = "too_long"
    OUT_OF_RANGE = "out_of_range"
    UNKNOWN = "unknown"
    IN_FUTURE = "in_future"


class InvalidJobSeeker(InvalidFields[Field, Problem]):
    """The job-seeker form's problems, by field."""


@dataclass(frozen=True)
class JobSeekerEntry:
    profession: str
    qualification: str
    education_code: str | None
    experience_years: int | None
    sector_codes: tuple[str, ...]
    region_codes: tuple[str, ...]
    driving_licence: str
    health_limits: str
    childcare: bool
    unemployed_since: date | None
    seeking: bool = True


@dataclass(frozen=True)
class SeekerProfile:
    """The form's content: the profile (None until one is made) and both versions read."""

    entry: JobSeekerEntry | None
    version: int | None  # the job_seeker row's; None until one exists
    person_version: int
    profession: str  # the person's, for a new profile's form
    education_code: str | None


@pure
def check_job_seeker(entry: JobSeekerEntry, today: date | None = None) -> dict[Field, Problem]:
    today = today or date.today()
    problems: dict[Field, Problem] = {}
    for field, text in ((Field.PROFESSION, entry.profession),
                        (Field.QUALIFICATION, entry.qualification),
                        (Field.HEALTH, entry.health_limits)):
        if len(text.strip()) > MAX_TEXT:
            problems[field] = Problem.TOO_LONG
    if entry.experience_years is not None and not 0 <= entry.experience_years <= MAX_EXPERIENCE:
        problems[Field.EXPERIENCE] = Problem.OUT_OF_RANGE
    if licence_categories(entry.driving_licence) - set(LICENCE_CATEGORIES):
        problems[Field.LICENCE] = Problem.UNKNOWN
    if entry.unemployed_since is not None and entry.unemployed_since > today:
        problems[Field.UNEMPLOYED] = Problem.IN_FUTURE
    return problems


@requires(Permission.WORK_WITH_CLIENTS)
def job_seeker_profile(database: Database, actor: Actor, person_id: uuid.UUID) -> SeekerProfile:
    with database.session() as session:
        person = require_client(session, actor, person_id)
        seeker = seeker_of(session, person.id)
        entry = None if seeker is None else _entry(session, person, seeker)
        return SeekerProfile(entry, seeker.version if seeker else None, person.version,
                             person.profession, person.education_code)


@requires(Permission.WORK_WITH_CLIENTS)
def save_job_seeker(database: Database, actor: Actor, person_id: uuid.UUID,
                    entry: JobSeekerEntry, version: int | None, person_version: int, *,
                    today: date | None = None) -> None:
    """Make or correct the profile; profession and education go to the person.

    Raises InvalidJobSeeker, StaleRecord (the profile or the person changed since read)."""
    problems = check_job_seeker(entry, today)
    if problems:
        raise InvalidJobSeeker(problems)
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        require_version(session, person, person_version)
        seeker = seeker_of(session, person.id)
        if seeker is not None:
            require_version(session, seeker, version)
        _check_codes(session, entry)
        if person.profession != entry.profession.strip():
            person.profession = entry.profession.strip()
        if person.education_code != (entry.education_code or None):
            person.education_code = entry.education_code or None
        if seeker is None:
            seeker = JobSeeker(person_id=person.id)
            session.add(seeker)
        seeker.qualification = entry.qualification.strip()
        seeker.experience_years = entry.experience_years
        seeker.driving_licence = licence_text(entry.driving_licence)
        seeker.health_limits = entry.health_limits.strip()
        seeker.childcare = entry.childcare
        seeker.unemployed_since = entry.unemployed_since
        seeker.seeking = entry.seeking
        session.flush()
        _set_codes(session, seeker, JobSeekerSector, "sector_code", entry.sector_codes)
        _set_codes(session, seeker, JobSeekerRegion, "region_code", entry.region_codes)
        session.flush()


@within_checked_call
def seeker_of(session: Session, person_id: uuid.UUID) -> JobSeeker | None:
    return session.scalar(select(JobSeeker).where(JobSeeker.person_id == person_id))


@within_checked_call
def stop_seeking(session: Session, person_id: uuid.UUID) -> None:
    """A hire ends the search: matching leaves the client out from now on."""
    seeker = seeker_of(session, person_id)
    if seeker is not None and seeker.seeking:
        seeker.seeking = False


def _entry(session: Session, person: Person, seeker: JobSeeker) -> JobSeekerEntry:
    sectors = tuple(session.scalars(select(JobSeekerSector.sector_code).where(
        JobSeekerSector.job_seeker_id == seeker.id).order_by(JobSeekerSector.sector_code)))
    regions = tuple(session.scalars(select(JobSeekerRegion.region_code).where(
        JobSeekerRegion.job_seeker_id == seeker.id).order_by(JobSeekerRegion.region_code)))
    return JobSeekerEntry(person.profession, seeker.qualification, person.education_code,
                          seeker.experience_years, sectors, regions, seeker.driving_licence,
                          seeker.health_limits, seeker.childcare, seeker.unemployed_since,
                          seeker.seeking)


def _check_codes(session: Session, entry: JobSeekerEntry) -> None:
    problems: dict[Field, Problem] = {}
    if entry.education_code and session.get(EducationLevel, entry.education_code) is None:
        problems[Field.EDUCATION] = Problem.UNKNOWN
    if any(session.get(EconomicSector, code) is None for code in entry.sector_codes):
        problems[Field.SECTORS] = Problem.UNKNOWN
    if any(session.get(Region, code) is None for code in entry.region_codes):
        problems[Field.REGIONS] = Problem.UNKNOWN
    if problems:
        raise InvalidJobSeeker(problems)


def _set_codes(session: Session, seeker: JobSeeker,
               model: type[JobSeekerSector | JobSeekerRegion], column: str,
               codes: tuple[str, ...]) -> None:
    wanted = set(codes)
    for row in session.scalars(select(model).where(model.job_seeker_id == seeker.id)):
        code = getattr(row, column)
        if code in wanted:
            wanted.discard(code)
        else:
            session.delete(row)
    for code in sorted(wanted):
        session.add(model(job_seeker_id=seeker.id, **{column: code}))
