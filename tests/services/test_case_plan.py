"""The case plan (individual adaptation plan): every step on a goal, every refusal."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.changes import collecting
from db.errors import StaleRecord
from db.models import Case, CaseGoal, GoalService, GoalStatus
from db.session import Database
from desktop.services import case_plan, cases, client_file, intake
from desktop.services.access import AccessDenied, Actor
from desktop.services.auth import log_in
from desktop.services.case_plan import Field, GoalDetails, InvalidGoal, Problem, ServiceKind
from desktop.services.intake import NewClient
from desktop.services.messages import describe, knows
from tests.conftest import DEMO_TODAY

SERVICE_TABLES = {ServiceKind.ENROLMENT: "course_enrolment", ServiceKind.REFERRAL: "referral",
                  ServiceKind.JOB_REFERRAL: "job_referral", ServiceKind.PLACEMENT: "placement"}


@dataclass(frozen=True)
class Client:
    person_id: uuid.UUID
    case_id: uuid.UUID
    opened_on: date
    services: dict[ServiceKind, uuid.UUID]  # one of each kind the client has


def _services(connection: sqlite3.Connection, person: str) -> dict[ServiceKind, uuid.UUID]:
    found = {}
    for kind, table in SERVICE_TABLES.items():
        row = connection.execute(f"SELECT id FROM {table} WHERE person_id = ? LIMIT 1",
                                 (person,)).fetchone()
        if row:
            found[kind] = uuid.UUID(row[0])
    return found


def a_client(demo_path: Path, status: str = "open", office: str = "AST",
             needs: str = "1") -> Client:
    """A client of ``office`` whose case has ``status``; ``needs`` is SQL over ``p``."""
    wants_services = WITH_SERVICES in needs
    needs = needs.replace(WITH_SERVICES, "1")
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            "SELECT p.id, c.id, c.opened_on FROM person p "
            "JOIN office o ON o.id = p.office_id "
            "JOIN client_case c ON c.person_id = p.id AND c.office_id = p.office_id "
            f"WHERE o.code = ? AND c.status = ? AND ({needs}) ORDER BY p.sort_key LIMIT 1",
            (office, status)).fetchone()
        assert row, f"no {status} client in {office}"
        if wants_services:
            _give_services(connection, row[0])
        services = _services(connection, row[0])
    return Client(uuid.UUID(row[0]), uuid.UUID(row[1]), date.fromisoformat(row[2]), services)


WITH_SERVICES = "<with an enrolment and a referral>"


def _give_services(connection: sqlite3.Connection, person: str) -> None:
    """An enrolment and a referral of someone else become the client's: the demo gives few
    clients of one office both, and which ones depends on every other part of it."""
    for table, clash in (("course_enrolment", "AND group_id NOT IN (SELECT group_id FROM "
                                              "course_enrolment WHERE person_id = :p)"),
                         ("referral", "")):
        if connection.execute(f"SELECT 1 FROM {table} WHERE person_id = :p",
                              {"p": person}).fetchone():
            continue
        connection.execute(f"UPDATE {table} SET person_id = :p WHERE id = (SELECT id FROM "
                           f"{table} WHERE person_id <> :p {clash} LIMIT 1)", {"p": person})


def stored(database: Database, goal_id: uuid.UUID) -> CaseGoal | None:
    with database.session() as session:
        return session.get(CaseGoal, goal_id)


def goal_of(database: Database, actor: Actor, client: Client,
            goal_id: uuid.UUID) -> client_file.GoalItem:
    file = client_file.load_file(database, actor, client.person_id, DEMO_TODAY)
    return next(g for g in file.goals if g.id == goal_id)


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


def details(**changes: object) -> GoalDetails:
    values: dict[str, object] = {"area_code": "language", "description": "  Kazakh to A2  ",
                                 "target_date": DEMO_TODAY + timedelta(days=120),
                                 "note": " Evening group "}
    values.update(changes)
    return GoalDetails(**values)  # type: ignore[arg-type]


# ---- adding -----------------------------------------------------------------------------------

def test_a_goal_is_added_planned_to_the_open_case_and_reloads_the_file(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    client = a_client(demo_path)
    with collecting() as collected:
        goal_id = case_plan.add_goal(demo_database, caseworker, client.person_id, details())
    # A goal names its case, not the person: the write still tells the file to reload.
    assert client.person_id in collected.changes().people
    goal = stored(demo_database, goal_id)
    assert goal is not None and goal.case_id == client.case_id
    assert (goal.status, goal.status_on, goal.description, goal.note) == (
        GoalStatus.PLANNED, None, "Kazakh to A2", "Evening group")
    item = goal_of(demo_database, caseworker, client, goal_id)
    assert item.area == "Language learning" and item.status == "Planned"
    assert item.case_open and item.area_code == "language" and item.services == ()


def test_what_makes_no_sense_is_refused_by_field_and_nothing_is_written(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    client = a_client(demo_path)
    before = client_file.load_file(demo_database, caseworker, client.person_id, DEMO_TODAY)
    for wrong, problems in (
            (details(area_code=None, description="  "),
             {Field.AREA: Problem.REQUIRED, Field.DESCRIPTION: Problem.REQUIRED}),
            (details(description="x" * (case_plan.MAX_DESCRIPTION + 1)),
             {Field.DESCRIPTION: Problem.TOO_LONG}),
            (details(note="x" * (case_plan.MAX_NOTE + 1)), {Field.NOTE: Problem.TOO_LONG}),
            (details(target_date=client.opened_on - timedelta(days=1)),
             {Field.TARGET_DATE: Problem.BEFORE_OPENING}),
            (details(area_code="astrology"), {Field.AREA: Problem.UNKNOWN})):
        with pytest.raises(InvalidGoal) as refused:
            case_plan.add_goal(demo_database, caseworker, client.person_id, wrong)
        assert refused.value.problems == problems
        assert describe(refused.value)
    assert describe(InvalidGoal({Field.TARGET_DATE: Problem.BEFORE_OPENING})) == (
        "The target date is before the case was opened.")
    after = client_file.load_file(demo_database, caseworker, client.person_id, DEMO_TODAY)
    assert len(after.goals) == len(before.goals)
    # No target date at all, or one already past, is allowed.
    case_plan.add_goal(demo_database, caseworker, client.person_id, details(target_date=None))
    case_plan.add_goal(demo_database, caseworker, client.person_id,
                       details(target_date=client.opened_on))


def test_a_client_without_an_open_case_or_of_another_office_gets_no_goal(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    closed = a_client(demo_path, "closed", needs="NOT EXISTS (SELECT 1 FROM client_case o "
                      "WHERE o.person_id = p.id AND o.status = 'open')")
    with pytest.raises(case_plan.NoOpenCase) as refused:
        case_plan.add_goal(demo_database, caseworker, closed.person_id, details())
    assert "no open case" in describe(refused.value)
    almaty = a_client(demo_path, office="ALA")
    with pytest.raises(AccessDenied):
        case_plan.add_goal(demo_database, caseworker, almaty.person_id, details())


# ---- editing and statuses ---------------------------------------------------------------------

def test_editing_corrects_the_goal_and_a_stale_version_is_refused(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    client = a_client(demo_path)
    goal_id = case_plan.add_goal(demo_database, caseworker, client.person_id, details())
    version = case_plan.edit_goal(demo_database, caseworker, goal_id, 1,
                                  details(area_code="employment", description="A job",
                                          target_date=None, note=""))
    goal = stored(demo_database, goal_id)
    assert goal is not None and version == goal.version == 2
    assert (goal.area_code, goal.description, goal.target_date, goal.note) == (
        "employment", "A job", None, "")
    with pytest.raises(StaleRecord) as stale:
        case_plan.edit_goal(demo_database, caseworker, goal_id, 1, details())
    assert "after you opened it" in describe(stale.value)
    with pytest.raises(InvalidGoal):
        case_plan.edit_goal(demo_database, caseworker, goal_id, version, details(description=""))
    with pytest.raises(case_plan.NoSuchGoal):
        case_plan.edit_goal(demo_database, caseworker, uuid.uuid4(), 1, details())


def test_achieved_and_dropped_record_the_day_and_reopening_clears_it(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    client = a_client(demo_path)
    goal_id = case_plan.add_goal(demo_database, caseworker, client.person_id, details())
    version = case_plan.set_goal_status(demo_database, caseworker, goal_id, 1,
                                        GoalStatus.IN_PROGRESS, today=DEMO_TODAY)
    goal = stored(demo_database, goal_id)
    assert goal is not None and (goal.status, goal.status_on) == (GoalStatus.IN_PROGRESS, None)
    version = case_plan.set_goal_status(demo_database, caseworker, goal_id, version,
                                        GoalStatus.ACHIEVED, today=DEMO_TODAY)
    goal = stored(demo_database, goal_id)
    assert goal is not None and (goal.status, goal.status_on) == (GoalStatus.ACHIEVED,
                                                                  DEMO_TODAY)
    item = goal_of(demo_database, caseworker, client, goal_id)
    assert item.status == "Achieved" and item.is_settled
    assert case_plan.reopen_status(item) is GoalStatus.PLANNED  # nothing serves it
    with pytest.raises(case_plan.GoalStatusUnchanged) as unchanged:
        case_plan.set_goal_status(demo_database, caseworker, goal_id, version,
                                  GoalStatus.ACHIEVED, today=DEMO_TODAY)
    assert describe(unchanged.value) == ("This goal is marked achieved already; nothing was "
                                         "changed.")
    version = case_plan.set_goal_status(demo_database, caseworker, goal_id, version,
                                        GoalStatus.PLANNED)
    goal = stored(demo_database, goal_id)
    assert goal is not None and (goal.status, goal.status_on) == (GoalStatus.PLANNED, None)
    version = case_plan.set_goal_status(demo_database, caseworker, goal_id, version,
                                        GoalStatus.DROPPED, today=date(2000, 1, 1))
    goal = stored(demo_database, goal_id)
    # Never before the case opened: a clock set back gives no goal a day before its case.
    assert goal is not None and (goal.status, goal.status_on) == (GoalStatus.DROPPED,
                                                                  client.opened_on)
    with pytest.raises(StaleRecord):
        case_plan.set_goal_status(demo_database, caseworker, goal_id, version - 1,
                                  GoalStatus.PLANNED)


def test_a_closed_cases_plan_is_kept_as_it_was(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    client = a_client(demo_path, needs=WITH_SERVICES)
    goal_id = case_plan.add_goal(demo_database, caseworker, client.person_id, details())
    link_id = case_plan.link_service(demo_database, caseworker, goal_id, ServiceKind.ENROLMENT,
                                     client.services[ServiceKind.ENROLMENT])
    version = stored(demo_database, goal_id).version  # type: ignore[union-attr]
    with demo_database.session() as session:
        case_version = session.get(Case, client.case_id).version  # type: ignore[union-attr]
    cases.close_case(demo_database, caseworker, client.case_id, case_version, "goals_achieved",
                     today=DEMO_TODAY)
    refusals = (
        lambda: case_plan.edit_goal(demo_database, caseworker, goal_id, version, details()),
        lambda: case_plan.set_goal_status(demo_database, caseworker, goal_id, version,
                                          GoalStatus.ACHIEVED),
        lambda: case_plan.delete_goal(demo_database, caseworker, goal_id, version),
        lambda: case_plan.link_service(demo_database, caseworker, goal_id,
                                       ServiceKind.REFERRAL,
                                       client.services[ServiceKind.REFERRAL]),
        lambda: case_plan.unlink_service(demo_database, caseworker, link_id),
    )
    for refused in refusals:
        with pytest.raises(case_plan.PlanClosed) as closed:
            refused()
        assert "Reopen the case" in describe(closed.value)
    with pytest.raises(case_plan.NoOpenCase):
        case_plan.add_goal(demo_database, caseworker, client.person_id, details())
    item = goal_of(demo_database, caseworker, client, goal_id)
    assert not item.case_open and len(item.services) == 1


def test_another_offices_case_is_refused_to_a_caseworker(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    almaty = a_client(demo_path, office="ALA")
    other = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    goal_id = case_plan.add_goal(demo_database, other, almaty.person_id, details())
    with pytest.raises(AccessDenied):
        case_plan.set_goal_status(demo_database, caseworker, goal_id, 1, GoalStatus.ACHIEVED)
    with pytest.raises(AccessDenied):
        case_plan.build_plan(demo_database, caseworker, almaty.person_id)
    with pytest.raises(AccessDenied):
        case_plan.linkable_services(demo_database, caseworker, almaty.person_id)
    assert stored(demo_database, goal_id).status is GoalStatus.PLANNED  # type: ignore[union-attr]


# ---- services that serve a goal ---------------------------------------------------------------

def test_linking_a_service_shows_under_the_goal_and_starts_it(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    client = a_client(demo_path, needs=WITH_SERVICES)
    goal_id = case_plan.add_goal(demo_database, caseworker, client.person_id, details())
    offered = case_plan.linkable_services(demo_database, caseworker, client.person_id)
    kinds = {s.kind for s in offered}
    assert {ServiceKind.ENROLMENT, ServiceKind.REFERRAL} <= kinds
    enrolment = next(s for s in offered if s.kind is ServiceKind.ENROLMENT)
    assert enrolment.label.startswith("Language course: ") and enrolment.area_code == "language"
    with collecting() as collected:
        link_id = case_plan.link_service(demo_database, caseworker, goal_id, enrolment.kind,
                                         enrolment.id)
    assert client.person_id in collected.changes().people
    item = goal_of(demo_database, caseworker, client, goal_id)
    assert item.status_code == "in_progress"  # something serves it now
    [service] = item.services
    assert (service.id, service.kind, service.service_id, service.label) == (
        link_id, "enrolment", enrolment.id, enrolment.label)
    assert case_plan.reopen_status(item) is GoalStatus.IN_PROGRESS

    with pytest.raises(case_plan.AlreadyServing):
        case_plan.link_service(demo_database, caseworker, goal_id, enrolment.kind, enrolment.id)
    referral = client.services[ServiceKind.REFERRAL]
    case_plan.link_service(demo_database, caseworker, goal_id, ServiceKind.REFERRAL, referral)
    assert len(goal_of(demo_database, caseworker, client, goal_id).services) == 2

    assert case_plan.unlink_service(demo_database, caseworker, link_id) == goal_id
    item = goal_of(demo_database, caseworker, client, goal_id)
    assert [s.service_id for s in item.services] == [referral]
    assert item.status_code == "in_progress"  # unlinking changes no status
    with pytest.raises(case_plan.NoSuchGoalService):
        case_plan.unlink_service(demo_database, caseworker, link_id)
    with demo_database.session() as session:  # the service itself stays
        assert session.scalar(select(GoalService.id).where(GoalService.id == link_id)) is None


def test_a_service_of_another_person_or_none_is_refused(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    client = a_client(demo_path)
    someone = a_client(demo_path, needs=WITH_SERVICES + f" AND p.id <> '{client.person_id.hex}'")
    goal_id = case_plan.add_goal(demo_database, caseworker, client.person_id, details())
    with pytest.raises(case_plan.NotTheClientsService) as foreign:
        case_plan.link_service(demo_database, caseworker, goal_id, ServiceKind.ENROLMENT,
                               someone.services[ServiceKind.ENROLMENT])
    assert "someone else" in describe(foreign.value)
    with pytest.raises(case_plan.NoSuchService):
        case_plan.link_service(demo_database, caseworker, goal_id, ServiceKind.PLACEMENT,
                               uuid.uuid4())
    with pytest.raises(case_plan.NoSuchGoal):
        case_plan.link_service(demo_database, caseworker, uuid.uuid4(), ServiceKind.ENROLMENT,
                               someone.services[ServiceKind.ENROLMENT])
    assert goal_of(demo_database, caseworker, client, goal_id).services == ()


def test_a_goal_is_deleted_only_while_nothing_serves_it(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    client = a_client(demo_path, needs=WITH_SERVICES)
    goal_id = case_plan.add_goal(demo_database, caseworker, client.person_id, details())
    link_id = case_plan.link_service(demo_database, caseworker, goal_id, ServiceKind.ENROLMENT,
                                     client.services[ServiceKind.ENROLMENT])
    version = stored(demo_database, goal_id).version  # type: ignore[union-attr]
    with pytest.raises(case_plan.GoalHasServices) as served:
        case_plan.delete_goal(demo_database, caseworker, goal_id, version)
    assert served.value.count == 1 and "drop it instead" in describe(served.value)
    case_plan.unlink_service(demo_database, caseworker, link_id)
    with pytest.raises(StaleRecord):
        case_plan.delete_goal(demo_database, caseworker, goal_id, version - 1)
    with collecting() as collected:
        case_plan.delete_goal(demo_database, caseworker, goal_id, version)
    assert client.person_id in collected.changes().people
    assert stored(demo_database, goal_id) is None
    with pytest.raises(case_plan.NoSuchGoal):
        case_plan.delete_goal(demo_database, caseworker, goal_id, version)


# ---- the printed plan's figures ---------------------------------------------------------------

def test_the_plan_is_the_current_cases_goals_in_the_clients_language(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    client = a_client(demo_path, needs=WITH_SERVICES)
    goal_id = case_plan.add_goal(demo_database, caseworker, client.person_id,
                                 details(description="Тіл үйрену"))
    case_plan.link_service(demo_database, caseworker, goal_id, ServiceKind.ENROLMENT,
                           client.services[ServiceKind.ENROLMENT])
    with sqlite3.connect(demo_path) as connection:
        preferred = connection.execute("SELECT preferred_language FROM person WHERE id = ?",
                                       (client.person_id.hex,)).fetchone()[0]
    plan = case_plan.build_plan(demo_database, caseworker, client.person_id)
    assert plan.language == (preferred or "kk") and plan.case_opened_on == client.opened_on
    for language, area, course in (("kk", "Тіл үйрету", "Тіл курсы"),
                                   ("ru", "Обучение языкам", "Языковой курс"),
                                   ("en", "Language learning", "Language course")):
        plan = case_plan.build_plan(demo_database, caseworker, client.person_id, language)
        goal = next(g for g in plan.goals if g.description == "Тіл үйрену")
        assert goal.area == area and len(goal.services) == 1
        if language == "en":  # the catalogues of the others come with the translation pass
            assert goal.services[0].startswith(course) and goal.status == "In progress"
    assert plan.client_iin_masked.startswith("•") or not plan.client_iin_masked
    assert plan.caseworker and plan.office_name and plan.category


def test_a_client_with_no_case_has_no_plan(demo_database: Database,
                                           caseworker: Actor) -> None:
    person_id = intake.register(demo_database, caseworker, NewClient(
        given_name="Әлия", surname="Сейітқызы", category_code="kandas",
        office_id=caseworker.office_id, consent_date=DEMO_TODAY,  # type: ignore[arg-type]
        consent_form_code="written"), today=DEMO_TODAY)
    with pytest.raises(case_plan.NoPlan) as refused:
        case_plan.build_plan(demo_database, caseworker, person_id)
    assert "no plan to print" in describe(refused.value)
    with pytest.raises(case_plan.NoOpenCase):
        case_plan.add_goal(demo_database, caseworker, person_id, details())


def test_every_refusal_has_its_own_sentence() -> None:
    for error in (case_plan.NoSuchGoal(), case_plan.NoSuchGoalService(),
                  case_plan.NoSuchService(), case_plan.NoOpenCase(), case_plan.PlanClosed(),
                  case_plan.GoalStatusUnchanged(GoalStatus.DROPPED),
                  case_plan.GoalHasServices(3), case_plan.NotTheClientsService(),
                  case_plan.AlreadyServing(), case_plan.NoPlan(),
                  InvalidGoal({Field.AREA: Problem.UNKNOWN})):
        assert knows(error), error
    assert describe(case_plan.GoalHasServices(3)).startswith("3 services serve this goal")
