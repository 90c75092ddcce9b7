"""Follow-ups changed after they were made: a new one, another day, another assignee, reopened.

On the demo database (a real SQLite file): the caseworker with the most follow-ups due,
``manager.ast`` sees every office. Every refusal leaves the task as it was.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from db.errors import StaleRecord
from db.models import AuditEntry, FollowUp, Person, Role, User
from db.session import Database
from desktop.services import client_file, follow_ups
from desktop.services.access import AccessDenied, Actor
from desktop.services.auth import log_in
from desktop.services.follow_ups import (
    AlreadyDone,
    FieldProblem,
    InvalidInput,
    NoSuchFollowUp,
    Problem,
    StillOpen,
)
from desktop.services.messages import describe
from desktop.services.today import load_today
from tests.conftest import DEMO_TODAY, busiest_caseworker

TODAY = DEMO_TODAY


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    """The demo caseworker with the most follow-ups due (the demo leaves none long overdue:
    a few of each caseworker's are due)."""
    return busiest_caseworker(demo_database)


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


def open_task(database: Database, actor: Actor) -> FollowUp:
    """One of the actor's open follow-ups, due today or earlier."""
    line = load_today(database, actor, today=TODAY).follow_ups[0]
    return read(database, line.id)


def done_task(database: Database, actor: Actor) -> FollowUp:
    """One of the actor's follow-ups, just marked done by them with a comment."""
    task = open_task(database, actor)
    follow_ups.mark_done(database, actor, task.id, "Phoned, all settled")
    done = read(database, task.id)
    assert done.done and done.done_by == actor.user_id and done.done_at is not None
    return done


def other_offices_task(database: Database, actor: Actor, done: bool = False) -> FollowUp:
    with database.session() as session:
        task = session.scalars(
            select(FollowUp).join(Person, Person.id == FollowUp.person_id)
            .where(Person.office_id != actor.office_id, FollowUp.done.is_(done))
            .order_by(FollowUp.id)).first()
        assert task is not None
        return task


def read(database: Database, follow_up_id: uuid.UUID) -> FollowUp:
    with database.session() as session:
        task = session.get(FollowUp, follow_up_id)
        assert task is not None
        return task


def user_id(database: Database, login: str) -> uuid.UUID:
    with database.session() as session:
        found = session.scalar(select(User.id).where(User.login == login))
        assert found is not None
        return found


def other_office_caseworker(database: Database, actor: Actor) -> uuid.UUID:
    with database.session() as session:
        found = session.scalar(select(User.id).where(
            User.role == Role.CASEWORKER, User.active.is_(True),
            User.office_id != actor.office_id).order_by(User.login))
        assert found is not None
        return found


def last_change(database: Database, follow_up_id: uuid.UUID) -> AuditEntry:
    with database.session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "follow_up",
                                     AuditEntry.record_id == follow_up_id)
            .order_by(AuditEntry.at.desc())).first()
        assert entry is not None
        return entry


def unchanged(database: Database, before: FollowUp) -> bool:
    after = read(database, before.id)
    return (after.version, after.due_on, after.assignee_id, after.done, after.done_comment) == (
        before.version, before.due_on, before.assignee_id, before.done, before.done_comment)


def fields(error: InvalidInput) -> list[tuple[str, Problem]]:
    return [(p.field, p.problem) for p in error.problems]


# ---- a new follow-up ----------------------------------------------------------------------------

def test_a_new_follow_up_due_today_is_on_todays_list_and_in_the_file(
        demo_database: Database, caseworker: Actor) -> None:
    person = open_task(demo_database, caseworker).person_id
    task_id = follow_ups.create(demo_database, caseworker, person, "  Call about the permit ",
                                TODAY, today=TODAY)
    line = next(f for f in load_today(demo_database, caseworker, today=TODAY).follow_ups
                if f.id == task_id)
    assert (line.title, line.due_on, line.version) == ("Call about the permit", TODAY, 1)
    item = next(f for f in client_file.load_file(demo_database, caseworker, person,
                                                 TODAY).follow_ups if f.id == task_id)
    assert (item.assignee_id, item.version, item.done, item.comment) == (
        caseworker.user_id, 1, False, "")


def test_a_new_follow_up_cannot_be_due_in_the_past(demo_database: Database,
                                                   caseworker: Actor) -> None:
    person = open_task(demo_database, caseworker).person_id
    with pytest.raises(InvalidInput) as refused:
        follow_ups.create(demo_database, caseworker, person, "Too late",
                          TODAY - timedelta(days=1), today=TODAY)
    assert fields(refused.value) == [("due_on", Problem.IN_PAST)]
    assert describe(refused.value) == "The due date cannot be in the past."
    # Without a pinned day, the clock's today is the limit.
    with pytest.raises(InvalidInput):
        follow_ups.create(demo_database, caseworker, person, "Too late",
                          date.today() - timedelta(days=1))


def test_a_new_follow_up_for_someone_who_may_not_be_given_it_is_refused(
        demo_database: Database, caseworker: Actor) -> None:
    person = open_task(demo_database, caseworker).person_id
    with pytest.raises(InvalidInput) as refused:
        follow_ups.create(demo_database, caseworker, person, "Call",
                          TODAY, other_office_caseworker(demo_database, caseworker), today=TODAY)
    assert fields(refused.value) == [("assignee", Problem.NOT_ALLOWED)]


def test_a_new_follow_up_for_another_offices_client_is_refused(
        demo_database: Database, caseworker: Actor) -> None:
    theirs = other_offices_task(demo_database, caseworker).person_id
    with pytest.raises(AccessDenied):
        follow_ups.create(demo_database, caseworker, theirs, "Call", TODAY, today=TODAY)


# ---- rescheduling -------------------------------------------------------------------------------

def test_rescheduling_moves_the_task_off_today_and_the_log_keeps_the_old_date(
        demo_database: Database, caseworker: Actor) -> None:
    task = open_task(demo_database, caseworker)
    later = TODAY + timedelta(days=3)
    version = follow_ups.reschedule(demo_database, caseworker, task.id, task.version, later,
                                    today=TODAY)
    assert version == task.version + 1
    assert read(demo_database, task.id).due_on == later
    assert task.id not in {f.id for f in load_today(demo_database, caseworker,
                                                    today=TODAY).follow_ups}
    entry = last_change(demo_database, task.id)
    assert entry.user_id == caseworker.user_id
    assert entry.changes == {"due_on": [task.due_on.isoformat(), later.isoformat()]}


def test_rescheduling_to_today_is_allowed_but_not_to_the_past(
        demo_database: Database, caseworker: Actor) -> None:
    task = open_task(demo_database, caseworker)
    with pytest.raises(InvalidInput) as refused:
        follow_ups.reschedule(demo_database, caseworker, task.id, task.version,
                              TODAY - timedelta(days=1), today=TODAY)
    assert fields(refused.value) == [("due_on", Problem.IN_PAST)]
    assert unchanged(demo_database, task)
    follow_ups.reschedule(demo_database, caseworker, task.id, task.version, TODAY, today=TODAY)
    assert read(demo_database, task.id).due_on == TODAY


def test_a_done_task_is_not_rescheduled(demo_database: Database, caseworker: Actor) -> None:
    task = done_task(demo_database, caseworker)
    with pytest.raises(AlreadyDone) as refused:
        follow_ups.reschedule(demo_database, caseworker, task.id, task.version,
                              TODAY + timedelta(days=1), today=TODAY)
    assert describe(refused.value) == ("This follow-up is already done: reopen it first to "
                                       "change it.")
    assert unchanged(demo_database, task)


def test_a_stale_reschedule_is_refused_and_says_who_changed_it(
        demo_database: Database, caseworker: Actor, manager: Actor) -> None:
    task = open_task(demo_database, caseworker)
    follow_ups.reschedule(demo_database, manager, task.id, task.version,
                          TODAY + timedelta(days=2), today=TODAY)
    moved = read(demo_database, task.id)
    with pytest.raises(StaleRecord) as refused:
        follow_ups.reschedule(demo_database, caseworker, task.id, task.version,
                              TODAY + timedelta(days=5), today=TODAY)
    assert refused.value.changed_by == manager.full_name
    assert manager.full_name in describe(refused.value)
    assert unchanged(demo_database, moved)


def test_a_task_marked_done_meanwhile_says_so_rather_than_stale(
        demo_database: Database, caseworker: Actor, manager: Actor) -> None:
    task = open_task(demo_database, caseworker)
    follow_ups.mark_done(demo_database, manager, task.id, "Done by phone")
    with pytest.raises(AlreadyDone):
        follow_ups.reschedule(demo_database, caseworker, task.id, task.version,
                              TODAY + timedelta(days=1), today=TODAY)


def test_another_offices_task_is_not_rescheduled(demo_database: Database,
                                                 caseworker: Actor) -> None:
    task = other_offices_task(demo_database, caseworker)
    with pytest.raises(AccessDenied):
        follow_ups.reschedule(demo_database, caseworker, task.id, task.version,
                              TODAY + timedelta(days=1), today=TODAY)
    assert unchanged(demo_database, task)


def test_a_task_that_is_gone_is_named_so(demo_database: Database, caseworker: Actor) -> None:
    with pytest.raises(NoSuchFollowUp):
        follow_ups.reschedule(demo_database, caseworker, uuid.uuid4(), 1, TODAY, today=TODAY)
    with pytest.raises(NoSuchFollowUp):
        follow_ups.reopen(demo_database, caseworker, uuid.uuid4(), 1, "Again")
    with pytest.raises(NoSuchFollowUp):
        follow_ups.assign(demo_database, caseworker, uuid.uuid4(), 1, caseworker.user_id)


# ---- reassigning --------------------------------------------------------------------------------

def test_reassigning_within_the_office_gives_the_task_to_the_colleague(
        demo_database: Database, caseworker: Actor) -> None:
    task = open_task(demo_database, caseworker)
    colleague = next(person for person, _name in follow_ups.caseworkers(demo_database, caseworker)
                     if person != caseworker.user_id)
    version = follow_ups.assign(demo_database, caseworker, task.id, task.version, colleague)
    after = read(demo_database, task.id)
    assert (after.assignee_id, after.version) == (colleague, version)
    assert task.id not in {f.id for f in load_today(demo_database, caseworker,
                                                    today=TODAY).follow_ups}
    assert last_change(demo_database, task.id).changes == {
        "assignee_id": [str(caseworker.user_id), str(colleague)]}


def test_reassigning_to_someone_who_may_not_be_given_it_is_refused(
        demo_database: Database, caseworker: Actor) -> None:
    task = open_task(demo_database, caseworker)
    with pytest.raises(InvalidInput) as refused:
        follow_ups.assign(demo_database, caseworker, task.id, task.version,
                          other_office_caseworker(demo_database, caseworker))
    assert fields(refused.value) == [("assignee", Problem.NOT_ALLOWED)]
    assert describe(refused.value) == "This person cannot be given the task."
    assert unchanged(demo_database, task)


def test_a_stale_or_done_or_foreign_task_is_not_reassigned(
        demo_database: Database, caseworker: Actor, manager: Actor) -> None:
    task = open_task(demo_database, caseworker)
    follow_ups.reschedule(demo_database, manager, task.id, task.version, TODAY, today=TODAY)
    with pytest.raises(StaleRecord):
        follow_ups.assign(demo_database, caseworker, task.id, task.version, caseworker.user_id)
    done = done_task(demo_database, caseworker)
    with pytest.raises(AlreadyDone):
        follow_ups.assign(demo_database, caseworker, done.id, done.version, caseworker.user_id)
    theirs = other_offices_task(demo_database, caseworker)
    with pytest.raises(AccessDenied):
        follow_ups.assign(demo_database, caseworker, theirs.id, theirs.version,
                          caseworker.user_id)
    assert unchanged(demo_database, done) and unchanged(demo_database, theirs)


# ---- reopening ----------------------------------------------------------------------------------

def test_reopening_makes_the_task_open_with_the_reason_and_the_log_keeps_who_did_it(
        demo_database: Database, caseworker: Actor) -> None:
    task = done_task(demo_database, caseworker)
    version = follow_ups.reopen(demo_database, caseworker, task.id, task.version,
                                "  The employer never received the letter ")
    after = read(demo_database, task.id)
    assert (after.done, after.done_at, after.done_by, after.version) == (
        False, None, None, version)
    assert after.done_comment == "The employer never received the letter"
    entry = last_change(demo_database, task.id)
    assert entry.user_id == caseworker.user_id
    assert entry.changes["done"] == [True, False]
    assert entry.changes["done_by"] == [str(task.done_by), None]
    assert entry.changes["done_at"] == [task.done_at.isoformat(), None]
    assert entry.changes["done_comment"] == ["Phoned, all settled",
                                             "The employer never received the letter"]
    item = next(f for f in client_file.load_file(demo_database, caseworker, task.person_id,
                                                 TODAY).follow_ups if f.id == task.id)
    assert not item.done and item.comment == (
        "Reopened: The employer never received the letter")
    # Open again, it can be put off and done as any other.
    follow_ups.reschedule(demo_database, caseworker, task.id, version, TODAY, today=TODAY)
    follow_ups.mark_done(demo_database, caseworker, task.id, "Sent again")
    assert read(demo_database, task.id).done_comment == "Sent again"


def test_an_open_task_is_not_reopened(demo_database: Database, caseworker: Actor) -> None:
    task = open_task(demo_database, caseworker)
    with pytest.raises(StillOpen) as refused:
        follow_ups.reopen(demo_database, caseworker, task.id, task.version, "Again")
    assert describe(refused.value) == ("This follow-up is still open: only a done one can be "
                                       "reopened.")
    assert unchanged(demo_database, task)


def test_reopening_needs_a_reason_of_a_sensible_length(demo_database: Database,
                                                       caseworker: Actor) -> None:
    task = done_task(demo_database, caseworker)
    with pytest.raises(InvalidInput) as refused:
        follow_ups.reopen(demo_database, caseworker, task.id, task.version, "   ")
    assert fields(refused.value) == [("reason", Problem.REQUIRED)]
    assert describe(refused.value) == "Say why the follow-up is to be done again."
    with pytest.raises(InvalidInput) as refused:
        follow_ups.reopen(demo_database, caseworker, task.id, task.version,
                          "x" * (follow_ups.MAX_COMMENT + 1))
    assert fields(refused.value) == [("reason", Problem.TOO_LONG)]
    assert str(follow_ups.MAX_COMMENT) in describe(refused.value)
    assert unchanged(demo_database, task)


def test_a_stale_reopen_and_another_offices_task_are_refused(
        demo_database: Database, caseworker: Actor, manager: Actor) -> None:
    task = done_task(demo_database, caseworker)
    reopened = follow_ups.reopen(demo_database, manager, task.id, task.version, "Check again")
    follow_ups.mark_done(demo_database, manager, task.id, "Checked")
    with pytest.raises(StaleRecord) as refused:
        follow_ups.reopen(demo_database, caseworker, task.id, task.version, "Again")
    assert refused.value.changed_by == manager.full_name
    assert read(demo_database, task.id).version == reopened + 1
    theirs = other_offices_task(demo_database, caseworker, done=True)
    with pytest.raises(AccessDenied):
        follow_ups.reopen(demo_database, caseworker, theirs.id, theirs.version, "Again")
    assert unchanged(demo_database, theirs)


# ---- what the screens are given -----------------------------------------------------------------

def test_the_screens_get_the_version_and_the_assignee_they_change_against(
        demo_database: Database, caseworker: Actor) -> None:
    line = load_today(demo_database, caseworker, today=TODAY).follow_ups[0]
    task = read(demo_database, line.id)
    assert line.version == task.version
    item = next(f for f in client_file.load_file(demo_database, caseworker, line.person_id,
                                                 TODAY).follow_ups if f.id == line.id)
    assert (item.version, item.assignee_id) == (task.version, caseworker.user_id)


def test_the_pure_checks_the_dialogs_use_agree_with_the_services() -> None:
    assert follow_ups.check_due(None, TODAY) == [FieldProblem("due_on", Problem.REQUIRED)]
    assert follow_ups.check_due(TODAY, TODAY) == []
    assert follow_ups.check_due(TODAY - timedelta(days=1), TODAY) == [
        FieldProblem("due_on", Problem.IN_PAST)]
    assert follow_ups.problem_text(FieldProblem("assignee", Problem.REQUIRED)) == (
        "Choose whom to give the task to.")
