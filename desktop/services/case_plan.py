"""The case plan, which is the client's individual adaptation and integration plan.

Kazakhstan's rules for adaptation centres (order No. 170 of 30.05.2024) have one
drawn per kandas family. Here it is the goals of the client's case: one per need,
each in a service area (``service_area``), with a target date, a status, and the
services that serve it (``GoalService``: the client's own course enrolments,
service referrals, job referrals and placements).

Each write is one unit of work. It checks, in this order: that the user may work
with the client and with the office that holds the case (``cases.ForeignCase``),
that the case is open (``PlanClosed``: a closed case's plan is kept as it was, the
record of what was agreed), that the goal is still at the version the user read
(``StaleRecord``), then what was typed (``InvalidGoal``, problems as kinds that
``problem_text`` words).

Statuses: a goal starts planned; linking a service to a planned goal makes it in
progress (something now serves it). Marking it achieved or dropped records the day
(``status_on``); reopening one clears that day (the audit log keeps it). A goal is
deleted only while no service is linked to it: one that services served is part of
the record of the case, and is dropped instead.

A goal's row names its case, not the person, so each write also notes the person
(``db.audit.note_person``): the client file reloads on the change like on any other.

``build_plan`` gives the printed plan's figures, in the client's language.
"""

from __future__ import annotations

import enum
import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from db.audit import note_person
from db.models import (
    Case,
    CaseGoal,
    CaseStatus,
    CourseEnrolment,
    GoalService,
    GoalStatus,
    JobReferral,
    Office,
    Placement,
    Referral,
)
from db.models.reference import ServiceArea
from db.queries import client_file as queries
from db.queries.offices import office_name
from db.reports.plan import (
    PlanGoal,
    PlanMember,
    PlanRecord,
    client_language,
    plan_client,
)
from db.session import Database
from desktop.domain.iin import mask_iin
from desktop.i18n import LANGUAGES, _, current_language, translate
from desktop.services.access import Actor, Permission, pure, requires
from desktop.services.auth import check_person_office
from desktop.services.cases import ForeignCase, NoSuchCase
from desktop.services.client_file.goal_services import (
    ServiceKind,
    ServiceRow,
    service_date,
    service_label,
)
from desktop.services.client_file.items import GoalItem, NoSuchClient
from desktop.services.client_file.labels import GOAL_STATUS, WARD
from desktop.services.client_file.loading import INVERSE_RELATIONSHIP
from desktop.services.follow_ups import open_case_id, require_client
from desktop.services.reports import ReportProblem
from desktop.services.versions import require_version

__all__ = ["MAX_DESCRIPTION", "MAX_NOTE", "AlreadyServing", "Field", "GoalDetails",
           "GoalHasServices", "GoalStatusUnchanged", "InvalidGoal", "LinkableService",
           "NoOpenCase", "NoPlan", "NoSuchGoal", "NoSuchGoalService", "NoSuchService",
           "NotTheClientsService", "PlanClosed", "Problem", "ServiceKind", "add_goal",
           "build_plan", "check_goal", "delete_goal", "edit_goal", "link_service",
           "linkable_services", "problem_text", "reopen_status", "set_goal_status",
           "unlink_service", "write_plan"]

MAX_DESCRIPTION = 500
MAX_NOTE = 2000
SERVICE_AREAS = "service_area"
SETTLED = (GoalStatus.ACHIEVED, GoalStatus.DROPPED)  # statuses that carry their day
SERVICE_MODELS: dict[ServiceKind, type[CourseEnrolment | Referral | JobReferral | Placement]] = {
    ServiceKind.ENROLMENT: CourseEnrolment, ServiceKind.REFERRAL: Referral,
    ServiceKind.JOB_REFERRAL: JobReferral, ServiceKind.PLACEMENT: Placement,
}
# The area a kind of service usually serves: the choice list offers those first.
KIND_AREAS = {ServiceKind.ENROLMENT: "language", ServiceKind.JOB_REFERRAL: "employment",
              ServiceKind.PLACEMENT: "employment", ServiceKind.REFERRAL: "social"}


class NoSuchGoal(LookupError):
    pass


class NoSuchGoalService(LookupError):
    """Unlinking a service that is no longer linked to the goal."""


class NoSuchService(LookupError):
    """Linking an enrolment, referral or placement that does not exist (any more)."""


class NoOpenCase(Exception):
    """A goal added for a client who has no open case in the user's office."""


class PlanClosed(Exception):
    """A change to the plan of a closed case."""


class GoalStatusUnchanged(Exception):
    """Setting the status the goal has already."""

    def __init__(self, status: GoalStatus) -> None:
        super().__init__(f"the goal is {status.value} already")
        self.status = status


class GoalHasServices(Exception):
    """Deleting a goal that services serve: it is dropped instead."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} services serve the goal")
        self.count = count


class NotTheClientsService(Exception):
    """Linking a service of another person to this client's goal."""


class AlreadyServing(Exception):
    """Linking a service the goal has already."""


class NoPlan(LookupError):
    """Printing the plan of a client who has no case."""


class Field(enum.StrEnum):
    AREA = "area"
    DESCRIPTION = "description"
    TARGET_DATE = "target_date"
    NOTE = "note"


class Problem(enum.Enum):
    REQUIRED = "required"
    UNKNOWN = "unknown"  # an area that is not (or no longer) in the list
    TOO_LONG = "too_long"
    BEFORE_OPENING = "before_opening"  # a target date before the case opened


class InvalidGoal(ValueError):
    def __init__(self, problems: dict[Field, Problem]) -> None:
        super().__init__("; ".join(f"{f.value}: {p.value}" for f, p in problems.items()))
        self.problems = problems


@dataclass(frozen=True)
class GoalDetails:
    area_code: str | None
    description: str
    target_date: date | None = None
    note: str = ""

    def cleaned(self) -> GoalDetails:
        return GoalDetails(self.area_code or None, self.description.strip(), self.target_date,
                           self.note.strip())


@dataclass(frozen=True)
class LinkableService:
    """One of the client's services, as the choice list offers it (in the UI language)."""

    kind: ServiceKind
    id: uuid.UUID
    label: str
    area_code: str  # the area it usually serves
    on: date


# ---- rules, for the dialogs and the service alike ---------------------------------------------

@pure
def check_goal(details: GoalDetails, opened_on: date | None = None) -> dict[Field, Problem]:
    """What is wrong with the goal, by field; ``opened_on`` is the day its case opened."""
    details = details.cleaned()
    problems: dict[Field, Problem] = {}
    if not details.area_code:
        problems[Field.AREA] = Problem.REQUIRED
    if not details.description:
        problems[Field.DESCRIPTION] = Problem.REQUIRED
    elif len(details.description) > MAX_DESCRIPTION:
        problems[Field.DESCRIPTION] = Problem.TOO_LONG
    # A target in the past is allowed (a plan written down late); before the case, never.
    if (details.target_date is not None and opened_on is not None
            and details.target_date < opened_on):
        problems[Field.TARGET_DATE] = Problem.BEFORE_OPENING
    if len(details.note) > MAX_NOTE:
        problems[Field.NOTE] = Problem.TOO_LONG
    return problems


@pure
def problem_text(field: Field, problem: Problem) -> str:
    texts = {
        (Field.AREA, Problem.REQUIRED): _("Choose the area of the goal."),
        (Field.AREA, Problem.UNKNOWN): _("Choose an area from the list."),
        (Field.DESCRIPTION, Problem.REQUIRED): _("Say what the goal is."),
        (Field.DESCRIPTION, Problem.TOO_LONG): _("Keep the goal under {limit} characters."),
        (Field.TARGET_DATE, Problem.BEFORE_OPENING): _("The target date is before the case "
                                                       "was opened."),
        (Field.NOTE, Problem.TOO_LONG): _("Keep the note under {limit} characters."),
    }
    limits = {Field.DESCRIPTION: MAX_DESCRIPTION, Field.NOTE: MAX_NOTE}
    text = texts.get((field, problem), _("Check this value."))
    return text.format(limit=limits.get(field, MAX_NOTE))


@pure
def reopen_status(goal: GoalItem) -> GoalStatus:
    """What a reopened goal becomes: in progress if a service serves it, else planned."""
    return GoalStatus.IN_PROGRESS if goal.services else GoalStatus.PLANNED


# ---- the steps --------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def add_goal(database: Database, actor: Actor, person_id: uuid.UUID, details: GoalDetails,
             *, today: date | None = None) -> uuid.UUID:
    """A new planned goal on the client's open case (in the user's office); returns its id.

    Raises InvalidGoal, NoOpenCase, AccessDenied, follow_ups.NoSuchClient.
    """
    details = details.cleaned()
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        case_id = open_case_id(session, person.id, actor.office_scope or person.office_id)
        if case_id is None:
            raise NoOpenCase(person_id)
        case = session.get(Case, case_id)
        assert case is not None
        _check(session, details, case.opened_on)
        goal = CaseGoal(case_id=case.id, area_code=details.area_code,
                        description=details.description, target_date=details.target_date,
                        note=details.note, status=GoalStatus.PLANNED)
        session.add(goal)
        note_person(session, person.id)
        session.flush()
        return goal.id


@requires(Permission.WORK_WITH_CLIENTS)
def edit_goal(database: Database, actor: Actor, goal_id: uuid.UUID, version: int,
              details: GoalDetails) -> int:
    """Correct a goal's area, description, target date and note; returns its version.

    An area since taken off the list may stay where it was. Raises PlanClosed,
    StaleRecord, InvalidGoal, ForeignCase, AccessDenied, NoSuchGoal.
    """
    details = details.cleaned()
    with database.session(actor.user_id) as session:
        goal, case = _current(session, actor, goal_id, version)
        _check(session, details, case.opened_on, keeps_area=goal.area_code)
        goal.area_code = details.area_code or goal.area_code
        goal.description = details.description
        goal.target_date = details.target_date
        goal.note = details.note
        session.flush()
        return goal.version


@requires(Permission.WORK_WITH_CLIENTS)
def set_goal_status(database: Database, actor: Actor, goal_id: uuid.UUID, version: int,
                    status: GoalStatus, *, today: date | None = None) -> int:
    """Move the goal to ``status``; returns its new version.

    Achieved and dropped record the day (today, never before the case opened); any
    other status clears it, so reopening a goal is setting it planned or in progress
    again. Raises GoalStatusUnchanged, PlanClosed, StaleRecord, ForeignCase,
    AccessDenied, NoSuchGoal.
    """
    status = GoalStatus(status)
    with database.session(actor.user_id) as session:
        goal, case = _current(session, actor, goal_id, version)
        if goal.status is status:
            raise GoalStatusUnchanged(status)
        goal.status = status
        goal.status_on = (max(today or date.today(), case.opened_on) if status in SETTLED
                          else None)
        session.flush()
        return goal.version


@requires(Permission.WORK_WITH_CLIENTS)
def delete_goal(database: Database, actor: Actor, goal_id: uuid.UUID, version: int) -> None:
    """Delete a goal recorded by mistake: only while no service is linked to it.

    Raises GoalHasServices (drop it instead), PlanClosed, StaleRecord, ForeignCase,
    AccessDenied, NoSuchGoal.
    """
    with database.session(actor.user_id) as session:
        goal, _case = _current(session, actor, goal_id, version)
        linked = session.scalar(select(func.count()).select_from(GoalService)
                                .where(GoalService.goal_id == goal.id)) or 0
        if linked:
            raise GoalHasServices(linked)
        session.delete(goal)
        session.flush()


@requires(Permission.WORK_WITH_CLIENTS)
def link_service(database: Database, actor: Actor, goal_id: uuid.UUID, kind: ServiceKind,
                 service_id: uuid.UUID) -> uuid.UUID:
    """Record that one of the client's services serves the goal; returns the link's id.

    A planned goal becomes in progress. No version is asked: a link adds to the goal
    without changing what anyone edits of it. Raises AlreadyServing,
    NotTheClientsService, NoSuchService, PlanClosed, ForeignCase, AccessDenied,
    NoSuchGoal.
    """
    kind = ServiceKind(kind)
    with database.session(actor.user_id) as session:
        goal, case = _changeable(session, actor, goal_id)
        service = session.get(SERVICE_MODELS[kind], service_id)
        if service is None:
            raise NoSuchService(service_id)
        if service.person_id != case.person_id:
            raise NotTheClientsService(service_id)
        column = getattr(GoalService, kind.column)
        if session.scalar(select(GoalService.id).where(GoalService.goal_id == goal.id,
                                                       column == service_id)) is not None:
            raise AlreadyServing(service_id)
        link = GoalService(goal_id=goal.id, **{kind.column: service_id})
        session.add(link)
        if goal.status is GoalStatus.PLANNED:
            goal.status = GoalStatus.IN_PROGRESS
        session.flush()
        return link.id


@requires(Permission.WORK_WITH_CLIENTS)
def unlink_service(database: Database, actor: Actor, link_id: uuid.UUID) -> uuid.UUID:
    """Remove a service from the goal it served (the service itself stays); returns the
    goal's id. The goal's status stays as it is. Raises NoSuchGoalService, PlanClosed,
    ForeignCase, AccessDenied, NoSuchGoal.
    """
    with database.session(actor.user_id) as session:
        link = session.get(GoalService, link_id)
        if link is None:
            raise NoSuchGoalService(link_id)
        goal, _case = _changeable(session, actor, link.goal_id)
        session.delete(link)
        session.flush()
        return goal.id


@requires(Permission.WORK_WITH_CLIENTS)
def linkable_services(database: Database, actor: Actor,
                      person_id: uuid.UUID) -> list[LinkableService]:
    """The client's enrolments, service referrals, job referrals and placements, newest
    first, each named in the UI language. Raises AccessDenied for another office's client."""
    language = current_language()
    with database.reading() as connection:
        check_person_office(connection, actor, person_id)
        found = _services(connection, person_id, language)
    result = [LinkableService(kind, row.id, service_label(kind, row, _, language),
                              KIND_AREAS[kind], service_date(row)) for kind, row in found]
    result.sort(key=lambda s: s.on, reverse=True)
    return result


@requires(Permission.WORK_WITH_CLIENTS)
def build_plan(database: Database, actor: Actor, person_id: uuid.UUID,
               language: str | None = None, *, now: datetime | None = None) -> PlanRecord:
    """The plan of the client's case (the open one, else the latest) as it prints, in
    ``language``, by default the client's own, whatever the UI speaks.

    Raises NoPlan for a client with no case, AccessDenied, NoSuchClient.
    """
    with database.reading() as connection:
        check_person_office(connection, actor, person_id)
        if language not in LANGUAGES:
            preferred = client_language(connection, person_id)
            language = preferred if preferred in LANGUAGES else "kk"
        assert language is not None
        client = plan_client(connection, person_id, language)
        if client is None:
            raise NoSuchClient(person_id)
        cases = queries.cases(connection, person_id, language)
        case = next((c for c in cases if c.status == "open"), cases[0] if cases else None)
        if case is None:
            raise NoPlan(person_id)
        goals = [g for g in queries.case_goals(connection, person_id, language)
                 if g.case_id == case.id]
        links = queries.goal_services(connection, person_id) if goals else []
        services = dict(((kind.value, row.id), (kind, row)) for kind, row
                        in _services(connection, person_id, language)) if links else {}
        household = queries.household(connection, person_id)
        relationships = (queries.reference_labels(connection, "relationship", language)
                         if household else {})
        office = office_name(connection, case.office_id)
    words = functools.partial(translate, language=language)
    by_goal: dict[uuid.UUID, list[str]] = {}
    for link in links:
        found = services.get((link.kind, link.service_id))
        if found is not None:
            by_goal.setdefault(link.goal_id, []).append(
                service_label(found[0], found[1], words, language))
    return PlanRecord(
        person_id=str(person_id), language=language, letterhead=client.letterhead,
        office_name=office, client_name=client.name, client_name_latin=client.name_latin,
        client_name_original=client.name_original,
        client_iin_masked=mask_iin(client.iin), birth_date=client.birth_date,
        category=client.category, arrival_date=client.arrival_date,
        case_opened_on=case.opened_on, case_closed_on=case.closed_on,
        caseworker=case.caseworker,
        members=[PlanMember(h.name, _relationship(h, relationships, words), h.birth_date)
                 for h in household],
        goals=[PlanGoal(g.area, g.description, g.target_date,
                        words(GOAL_STATUS.get(g.status, g.status)), g.status_on, g.note,
                        by_goal.get(g.id, [])) for g in goals],
        generated_at=now or datetime.now())


@pure
def write_plan(record: PlanRecord, target: Path) -> None:
    """The plan as a PDF at ``target`` (the only form it has); nothing is left on failure."""
    if target.suffix.lower() != ".pdf":
        raise ReportProblem(ReportProblem.Kind.UNKNOWN_FORMAT, target.suffix)
    # Imported here: reportlab costs start-up time the other commands need not pay.
    from desktop.reports.pdf_plan import write_plan_pdf

    write_plan_pdf(record, target)


# ---- steps of the steps -----------------------------------------------------------------------

def _check(session: Session, details: GoalDetails, opened_on: date,
           keeps_area: str | None = None) -> None:
    problems = check_goal(details, opened_on)
    if Field.AREA not in problems and details.area_code != keeps_area:
        area = session.get(ServiceArea, details.area_code)
        if area is None or not area.active:
            problems[Field.AREA] = Problem.UNKNOWN
    if problems:
        raise InvalidGoal(problems)


def _reachable(session: Session, actor: Actor, goal_id: uuid.UUID) -> tuple[CaseGoal, Case]:
    """The goal and its case, if this user may work with its client and its office."""
    goal = session.get(CaseGoal, goal_id)
    if goal is None:
        raise NoSuchGoal(goal_id)
    case = session.get(Case, goal.case_id)
    if case is None:  # a goal's case is a foreign key: only a broken file gets here
        raise NoSuchCase(goal.case_id)
    require_client(session, actor, case.person_id)
    scope = actor.office_scope
    if scope is not None and case.office_id != scope:
        raise ForeignCase(session.scalar(select(Office.name)
                                         .where(Office.id == case.office_id)) or "")
    return goal, case


def _changeable(session: Session, actor: Actor, goal_id: uuid.UUID) -> tuple[CaseGoal, Case]:
    """The goal, if its case is open; the person is noted for the screens to reload."""
    goal, case = _reachable(session, actor, goal_id)
    if case.status is not CaseStatus.OPEN:
        raise PlanClosed(case.id)
    note_person(session, case.person_id)
    return goal, case


def _current(session: Session, actor: Actor, goal_id: uuid.UUID,
             version: int) -> tuple[CaseGoal, Case]:
    """The goal, if it may be changed and is still as the user read it."""
    goal, case = _changeable(session, actor, goal_id)
    require_version(session, goal, version)
    return goal, case


def _services(connection: Connection, person_id: uuid.UUID,
              language: str) -> list[tuple[ServiceKind, ServiceRow]]:
    """Every service of the client, the file's own queries (one statement per kind)."""
    found: list[tuple[ServiceKind, ServiceRow]] = []
    found += [(ServiceKind.ENROLMENT, r) for r in queries.enrolments(connection, person_id,
                                                                      language)]
    found += [(ServiceKind.REFERRAL, r) for r in queries.social_referrals(connection, person_id,
                                                                           language)]
    found += [(ServiceKind.JOB_REFERRAL, r) for r in queries.job_referrals(connection,
                                                                          person_id, language)]
    found += [(ServiceKind.PLACEMENT, r) for r in queries.placements(connection, person_id,
                                                                      language)]
    return found


def _relationship(row: queries.HouseholdRow, labels: dict[str, str],
                  words: Callable[[str], str]) -> str:
    """Who the member is to the client, seen from the client's side (as the file shows)."""
    code: str | None = row.relationship_code
    if not row.forward:
        code = INVERSE_RELATIONSHIP.get(row.relationship_code, row.relationship_code)
        if code is None:
            return words(WARD)
    return labels.get(code or "", code or "")
