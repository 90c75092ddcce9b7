"""A course group's printed documents: a session's attendance sheet to sign, the group's
register for one month, a participant's certificate of completion.

Each reads its figures in one unit of work, then writes the PDF beside ``out`` and
renames it over ``out`` once complete (``pdf_common.save``), so that a failure leaves
neither half a document nor an old one half overwritten. The sheet and the register
speak the UI's language unless told otherwise; the certificate is the client's, so it
speaks theirs.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path

from db.models import CourseSession, EnrolmentStatus, Person
from db.reports import courses as figures
from db.session import Database
from desktop.i18n import LANGUAGES, current_language
from desktop.services.access import Actor, Permission, requires
from desktop.services.courses.enrolment import participant
from desktop.services.courses.errors import NoSuchEnrolment, NoSuchGroup, NoSuchSession
from desktop.services.courses.groups import reachable_group
from desktop.services.reports import ReportProblem

__all__ = ["MonthOutsideGroup", "NotCompleted", "attendance_sheet", "certificate",
           "month_register"]


class NotCompleted(Exception):
    """A certificate asked for a participant who has not completed the course."""

    def __init__(self, name: str, status: EnrolmentStatus) -> None:
        super().__init__(status.value)
        self.name = name
        self.status = status


class MonthOutsideGroup(Exception):
    """A register asked for a month the group does not run in."""

    def __init__(self, group: str, month: date, starts_on: date, ends_on: date) -> None:
        super().__init__(f"{month:%Y-%m}")
        self.group = group
        self.month = month
        self.starts_on = starts_on
        self.ends_on = ends_on


def _language(language: str | None, default: str | None) -> str:
    for candidate in (language, default):
        if candidate in LANGUAGES:
            return candidate  # type: ignore[return-value]
    return "kk"


def _require_pdf(out: Path) -> None:
    if out.suffix.lower() != ".pdf":
        raise ReportProblem(ReportProblem.Kind.UNKNOWN_FORMAT, out.suffix)


@requires(Permission.WORK_WITH_CLIENTS)
def attendance_sheet(database: Database, actor: Actor, session_id: uuid.UUID, out: Path,
                     language: str | None = None) -> Path:
    """The sheet of one session, in ``language`` (the UI's by default), written to ``out``.
    Raises NoSuchSession, AccessDenied (another office's group), ReportProblem."""
    _require_pdf(out)
    language = _language(language, current_language())
    with database.session() as session:
        meeting = session.get(CourseSession, session_id)
        if meeting is None:
            raise NoSuchSession(session_id)
        reachable_group(session, actor, meeting.group_id)
        sheet = figures.attendance_sheet(session.connection(), session_id, language,
                                         datetime.now())
    if sheet is None:
        raise NoSuchSession(session_id)
    sheet.printed_by = actor.full_name
    # Imported here: reportlab costs start-up time the other commands need not pay.
    from desktop.reports.pdf_courses import write_attendance_sheet_pdf

    write_attendance_sheet_pdf(sheet, out)
    return out


@requires(Permission.WORK_WITH_CLIENTS)
def month_register(database: Database, actor: Actor, group_id: uuid.UUID, month: date,
                   out: Path, language: str | None = None) -> Path:
    """The group's register for the month of ``month`` (its first day), in ``language``
    (the UI's by default), written to ``out``. Raises NoSuchGroup, MonthOutsideGroup,
    AccessDenied, ReportProblem."""
    _require_pdf(out)
    language = _language(language, current_language())
    with database.session() as session:
        group = reachable_group(session, actor, group_id)
        first, last = figures.month_bounds(month)
        if last < group.starts_on or first > group.ends_on:
            raise MonthOutsideGroup(group.name, first, group.starts_on, group.ends_on)
        register = figures.month_register(session.connection(), group_id, first, language,
                                          datetime.now())
    if register is None:
        raise NoSuchGroup(group_id)
    register.printed_by = actor.full_name
    from desktop.reports.pdf_course_register import write_month_register_pdf

    write_month_register_pdf(register, out)
    return out


@requires(Permission.WORK_WITH_CLIENTS)
def certificate(database: Database, actor: Actor, enrolment_id: uuid.UUID, out: Path,
                language: str | None = None) -> Path:
    """The certificate of a completed course, in ``language`` (by default the client's,
    whatever the UI speaks), written to ``out``. Raises NotCompleted, NoSuchEnrolment,
    AccessDenied, ReportProblem."""
    _require_pdf(out)
    with database.session() as session:
        enrolment, _group = participant(session, actor, enrolment_id)
        if enrolment.status is not EnrolmentStatus.COMPLETED:
            person = session.get(Person, enrolment.person_id)
            raise NotCompleted(person.full_name if person else "", enrolment.status)
        connection = session.connection()
        language = _language(language, figures.client_language(connection, enrolment_id))
        found = figures.certificate(connection, enrolment_id, language, date.today())
    if found is None:
        raise NoSuchEnrolment(enrolment_id)
    from desktop.reports.pdf_certificate import write_certificate_pdf

    write_certificate_pdf(found, out)
    return out
