"""Closing, reopening and reassigning a case: every step, every refusal, on a real file."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.errors import StaleRecord
from db.models import Case, CaseStatus, Office, Role, StatusChange, User
from db.session import Database
from desktop.services import cases, client_file
from desktop.services.access import AccessDenied, Actor, Denial
from desktop.services.auth import log_in
from desktop.services.messages import describe, knows
from tests.conftest import DEMO_TODAY


@dataclass(frozen=True)
class DemoCase:
    id: uuid.UUID
    person_id: uuid.UUID
    office_id: uuid.UUID
    version: int
    caseworker_id: uuid.UUID | None


def demo_case(demo_path: Path, status: str, office: str = "AST", where: str = "1",
              *args: Any) -> DemoCase:
    """A demo case of ``office`` with ``status``; ``where`` is SQL over ``c``, the case."""
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            f"SELECT c.id, c.person_id, c.office_id, c.version, c.caseworker_id "
            f"FROM client_case c JOIN office o ON o.id = c.office_id "
            f"JOIN person p ON p.id = c.person_id "
            f"WHERE o.code = ? AND c.status = ? AND ({where}) ORDER BY p.sort_key LIMIT 1",
            (office, status, *args)).fetchone()
    assert row, f"no {status} demo case in {office}"
    return DemoCase(uuid.UUID(row[0]), uuid.UUID(row[1]), uuid.UUID(row[2]), row[3],
                    uuid.UUID(row[4]) if row[4] else None)


def stored(database: Database, case_id: uuid.UUID) -> Case:
    with database.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case


def steps(database: Database, case_id: uuid.UUID) -> list[StatusChange]:
    with database.session() as session:
        return list(session.scalars(select(StatusChange).where(
            StatusChange.subject_table == "client_case", StatusChange.subject_id == case_id)
            .order_by(StatusChange.changed_at)))


def office_id(database: Database, code: str) -> uuid.UUID:
    with database.session() as session:
        found = session.scalar(select(Office.id).where(Office.code == code))
        assert found is not None
        return found


def user_id(database: Database, login: str) -> uuid.UUID:
    with database.session() as session:
        found = session.scalar(select(User.id).where(User.login == login))
        assert found is not None
        return found


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


# ---- closing ----------------------------------------------------------------------------------

def test_closing_sets_the_date_and_reason_and_records_the_step_with_its_note(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    case = demo_case(demo_path, "open")
    with sqlite3.connect(demo_path) as connection:
        open_tasks = connection.execute(
            "SELECT count(*) FROM follow_up WHERE case_id = ? AND NOT done",
            (case.id.hex,)).fetchone()[0]
    version = cases.close_case(demo_database, caseworker, case.id, case.version,
                               "goals_achieved", "  Found work and a flat.  ", today=DEMO_TODAY)
    assert version == case.version + 1
    closed = stored(demo_database, case.id)
    assert closed.status is CaseStatus.CLOSED
    assert closed.closed_on == DEMO_TODAY and closed.closure_reason_code == "goals_achieved"
    assert closed.version == version and closed.updated_by == caseworker.user_id
    [step] = steps(demo_database, case.id)
    assert (step.status, step.note, step.changed_by) == ("closed", "Found work and a flat.",
                                                         caseworker.user_id)
    with sqlite3.connect(demo_path) as connection:  # open follow-ups are left as they are
        assert connection.execute("SELECT count(*) FROM follow_up WHERE case_id = ? AND NOT done",
                                  (case.id.hex,)).fetchone()[0] == open_tasks


def test_the_file_shows_the_closed_case_in_its_header_and_its_case(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    case = demo_case(demo_path, "open")
    before = client_file.load_file(demo_database, caseworker, case.person_id, DEMO_TODAY)
    assert before.case is not None and before.case.is_open
    assert (before.case.id, before.case.version) == (case.id, case.version)
    assert before.case.caseworker_id == case.caseworker_id and before.case.caseworker
    assert before.header.case_status.startswith("Case open since")
    cases.close_case(demo_database, caseworker, case.id, case.version, "moved_away",
                     today=DEMO_TODAY)
    after = client_file.load_file(demo_database, caseworker, case.person_id, DEMO_TODAY)
    assert after.case is not None and not after.case.is_open
    assert after.case.version == case.version + 1 and after.case.closed_on == DEMO_TODAY
    assert after.header.case_status.startswith("Case closed on")
    assert after.case.closure_reason in after.header.case_status


def test_an_empty_outcome_note_is_allowed_but_a_reason_is_needed(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    case = demo_case(demo_path, "open")
    for reason, problem in ((None, cases.Problem.REQUIRED), ("", cases.Problem.REQUIRED),
                            ("bored", cases.Problem.UNKNOWN)):
        with pytest.raises(cases.InvalidCaseEntry) as refused:
            cases.close_case(demo_database, caseworker, case.id, case.version, reason)
        assert refused.value.problems == {cases.Field.REASON: problem}
    with pytest.raises(cases.InvalidCaseEntry) as refused:
        cases.close_case(demo_database, caseworker, case.id, case.version, "moved_away",
                         "x" * (cases.MAX_NOTE + 1))
    assert refused.value.problems == {cases.Field.NOTE: cases.Problem.TOO_LONG}
    assert stored(demo_database, case.id).status is CaseStatus.OPEN and not steps(
        demo_database, case.id)
    cases.close_case(demo_database, caseworker, case.id, case.version, "moved_away")
    assert [s.note for s in steps(demo_database, case.id)] == [""]


def test_closing_a_closed_case_is_refused(demo_database: Database, demo_path: Path,
                                          caseworker: Actor) -> None:
    case = demo_case(demo_path, "closed")
    with pytest.raises(cases.CaseAlreadyClosed):
        cases.close_case(demo_database, caseworker, case.id, case.version, "moved_away")
    assert not steps(demo_database, case.id)


def test_a_case_never_closes_before_it_opened(demo_database: Database, demo_path: Path,
                                             caseworker: Actor) -> None:
    case = demo_case(demo_path, "open")
    opened = stored(demo_database, case.id).opened_on
    cases.close_case(demo_database, caseworker, case.id, case.version, "moved_away",
                     today=date(2000, 1, 1))
    assert stored(demo_database, case.id).closed_on == opened


# ---- reopening --------------------------------------------------------------------------------

def test_reopening_clears_the_closing_and_records_the_reason(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    case = demo_case(demo_path, "closed")
    version = cases.reopen_case(demo_database, caseworker, case.id, case.version,
                                "Came back: the job ended.")
    reopened = stored(demo_database, case.id)
    assert reopened.status is CaseStatus.OPEN and reopened.version == version == case.version + 1
    assert reopened.closed_on is None and reopened.closure_reason_code is None
    [step] = steps(demo_database, case.id)
    assert (step.status, step.note) == ("open", "Came back: the job ended.")


def test_close_then_reopen_then_close_again_records_three_steps(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    case = demo_case(demo_path, "open")
    version = cases.close_case(demo_database, caseworker, case.id, case.version, "no_contact",
                               today=DEMO_TODAY)
    version = cases.reopen_case(demo_database, caseworker, case.id, version, "Called back.")
    cases.close_case(demo_database, caseworker, case.id, version, "goals_achieved",
                     "Done.", today=DEMO_TODAY)
    assert [(s.status, s.note) for s in steps(demo_database, case.id)] == [
        ("closed", ""), ("open", "Called back."), ("closed", "Done.")]
    assert stored(demo_database, case.id).closure_reason_code == "goals_achieved"


def test_reopening_needs_a_reason(demo_database: Database, demo_path: Path,
                                  caseworker: Actor) -> None:
    case = demo_case(demo_path, "closed")
    for note, problem in (("", cases.Problem.REQUIRED), ("   ", cases.Problem.REQUIRED),
                          ("x" * (cases.MAX_NOTE + 1), cases.Problem.TOO_LONG)):
        with pytest.raises(cases.InvalidCaseEntry) as refused:
            cases.reopen_case(demo_database, caseworker, case.id, case.version, note)
        assert refused.value.problems == {cases.Field.NOTE: problem}
    assert stored(demo_database, case.id).status is CaseStatus.CLOSED


def test_reopening_an_open_case_is_refused(demo_database: Database, demo_path: Path,
                                           caseworker: Actor) -> None:
    case = demo_case(demo_path, "open")
    with pytest.raises(cases.CaseAlreadyOpen):
        cases.reopen_case(demo_database, caseworker, case.id, case.version, "Why not.")
    assert not steps(demo_database, case.id)


def _second_open_case(database: Database, case: DemoCase) -> uuid.UUID:
    with database.session() as session:
        newer = Case(person_id=case.person_id, office_id=case.office_id,
                     caseworker_id=case.caseworker_id, status=CaseStatus.OPEN,
                     opened_on=DEMO_TODAY)
        session.add(newer)
        session.flush()
        return newer.id


def test_reopening_is_refused_while_another_case_is_open_in_that_office(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    case = demo_case(demo_path, "closed")
    _second_open_case(demo_database, case)
    with pytest.raises(cases.AnotherCaseOpen) as refused:
        cases.reopen_case(demo_database, caseworker, case.id, case.version, "Came back.")
    assert refused.value.office == caseworker.office_name
    assert caseworker.office_name in describe(refused.value)
    assert stored(demo_database, case.id).status is CaseStatus.CLOSED
    assert not steps(demo_database, case.id)


def test_the_unique_index_refuses_a_second_open_case_the_check_missed(
        demo_database: Database, demo_path: Path, caseworker: Actor,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two users reopening at once: the check of one runs before the other's commit."""
    case = demo_case(demo_path, "closed")
    _second_open_case(demo_database, case)
    monkeypatch.setattr(cases, "_other_open_case", lambda _session, _case: None)
    with pytest.raises(cases.AnotherCaseOpen) as refused:
        cases.reopen_case(demo_database, caseworker, case.id, case.version, "Came back.")
    assert refused.value.office == caseworker.office_name
    assert stored(demo_database, case.id).status is CaseStatus.CLOSED
    assert not steps(demo_database, case.id)


def test_a_case_in_another_office_does_not_stop_reopening(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    case = demo_case(demo_path, "closed")
    with demo_database.session() as session:
        session.add(Case(person_id=case.person_id, office_id=office_id(demo_database, "ALA"),
                         status=CaseStatus.OPEN, opened_on=DEMO_TODAY))
    cases.reopen_case(demo_database, caseworker, case.id, case.version, "Moved back here.")
    assert stored(demo_database, case.id).status is CaseStatus.OPEN


# ---- reassigning ------------------------------------------------------------------------------

def test_a_manager_gives_the_case_to_another_caseworker_of_its_office(
        demo_database: Database, demo_path: Path, manager: Actor) -> None:
    case = demo_case(demo_path, "open")
    choices = cases.caseworkers(demo_database, manager, case.id)
    assert len(choices) >= 2
    with demo_database.session() as session:
        assert {session.get(User, uid).office_id for uid, _name in choices} == {case.office_id}
    other = next(uid for uid, _name in choices if uid != case.caseworker_id)
    version = cases.reassign_case(demo_database, manager, case.id, case.version, other)
    given = stored(demo_database, case.id)
    assert given.caseworker_id == other and given.version == version == case.version + 1
    assert not steps(demo_database, case.id)  # no status changed; the audit log has it
    # Giving it to the one who has it changes nothing.
    assert cases.reassign_case(demo_database, manager, case.id, version, other) == version


def test_a_manager_may_reassign_another_offices_case_within_that_office(
        demo_database: Database, demo_path: Path, manager: Actor) -> None:
    case = demo_case(demo_path, "open", "ALA")
    other = next(uid for uid, _n in cases.caseworkers(demo_database, manager, case.id)
                 if uid != case.caseworker_id)
    cases.reassign_case(demo_database, manager, case.id, case.version, other)
    assert stored(demo_database, case.id).caseworker_id == other


def test_a_caseworker_may_not_reassign(demo_database: Database, demo_path: Path,
                                       caseworker: Actor) -> None:
    case = demo_case(demo_path, "open")
    colleague = user_id(demo_database, "cw2.ast")
    for call in (lambda: cases.reassign_case(demo_database, caseworker, case.id, case.version,
                                             colleague),
                 lambda: cases.caseworkers(demo_database, caseworker, case.id)):
        with pytest.raises(AccessDenied) as refused:
            call()
        assert refused.value.reason is Denial.PERMISSION
    assert stored(demo_database, case.id).caseworker_id == case.caseworker_id


@pytest.mark.parametrize("whom", ["cw1.ala", "manager.ast", "admin", "inactive", "nobody"])
def test_the_case_goes_only_to_an_active_caseworker_of_its_office(
        demo_database: Database, demo_path: Path, manager: Actor, whom: str) -> None:
    case = demo_case(demo_path, "open")
    if whom == "nobody":
        target = uuid.uuid4()
    elif whom == "inactive":
        target = user_id(demo_database, "cw2.ast")
        with demo_database.session() as session:
            user = session.get(User, target)
            assert user is not None and user.role is Role.CASEWORKER
            user.active = False
    else:
        target = user_id(demo_database, whom)
    with pytest.raises(cases.NotACaseworkerHere) as refused:
        cases.reassign_case(demo_database, manager, case.id, case.version, target)
    assert refused.value.office == manager.office_name
    text = describe(refused.value)
    assert manager.office_name in text and knows(refused.value)
    if whom != "nobody":
        assert refused.value.name and refused.value.name in text
    assert stored(demo_database, case.id).caseworker_id == case.caseworker_id


def test_a_closed_case_is_not_reassigned(demo_database: Database, demo_path: Path,
                                         manager: Actor) -> None:
    case = demo_case(demo_path, "closed")
    with pytest.raises(cases.CaseAlreadyClosed):
        cases.reassign_case(demo_database, manager, case.id, case.version,
                            user_id(demo_database, "cw2.ast"))


# ---- offices, versions, missing cases ---------------------------------------------------------

def test_a_caseworker_may_not_touch_a_case_of_another_offices_client(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    theirs, closed = demo_case(demo_path, "open", "ALA"), demo_case(demo_path, "closed", "ALA")
    for call in (lambda: cases.close_case(demo_database, caseworker, theirs.id, theirs.version,
                                          "moved_away"),
                 lambda: cases.reopen_case(demo_database, caseworker, closed.id, closed.version,
                                           "Came back.")):
        with pytest.raises(AccessDenied) as refused:
            call()
        assert refused.value.reason is Denial.OFFICE
    assert stored(demo_database, theirs.id).status is CaseStatus.OPEN
    assert stored(demo_database, closed.id).status is CaseStatus.CLOSED


def test_a_caseworker_may_not_touch_a_case_another_office_holds_for_their_client(
        demo_database: Database, demo_path: Path, caseworker: Actor, manager: Actor) -> None:
    ours = demo_case(demo_path, "open")
    with demo_database.session() as session:
        held = Case(person_id=ours.person_id, office_id=office_id(demo_database, "ALA"),
                    status=CaseStatus.OPEN, opened_on=DEMO_TODAY)
        session.add(held)
        session.flush()
        held_id, held_version = held.id, held.version
        ala = session.scalar(select(Office.name).where(Office.code == "ALA"))
    with pytest.raises(cases.ForeignCase) as refused:
        cases.close_case(demo_database, caseworker, held_id, held_version, "moved_away")
    assert refused.value.office == ala and ala in describe(refused.value)
    assert describe(refused.value) != describe(AccessDenied(None))
    # A manager sees every office: the same step goes through.
    cases.close_case(demo_database, manager, held_id, held_version, "moved_away")
    assert stored(demo_database, held_id).status is CaseStatus.CLOSED


def test_a_stale_version_is_refused_and_names_who_changed_the_case(
        demo_database: Database, demo_path: Path, caseworker: Actor, manager: Actor) -> None:
    case = demo_case(demo_path, "open")
    colleague = next(uid for uid, _n in cases.caseworkers(demo_database, manager, case.id)
                     if uid != case.caseworker_id)
    cases.reassign_case(demo_database, manager, case.id, case.version, colleague)
    for call in (lambda: cases.close_case(demo_database, caseworker, case.id, case.version,
                                          "moved_away"),
                 lambda: cases.reassign_case(demo_database, manager, case.id, case.version,
                                             case.caseworker_id)):
        with pytest.raises(StaleRecord) as refused:
            call()
        assert refused.value.changed_by == manager.full_name
        assert manager.full_name in describe(refused.value)
    assert stored(demo_database, case.id).status is CaseStatus.OPEN

    closed = demo_case(demo_path, "closed")
    with pytest.raises(StaleRecord):
        cases.reopen_case(demo_database, caseworker, closed.id, closed.version + 1, "Back.")
    assert not steps(demo_database, case.id) and not steps(demo_database, closed.id)


def test_a_case_that_is_not_there_is_refused(demo_database: Database, manager: Actor) -> None:
    for call in (lambda: cases.close_case(demo_database, manager, uuid.uuid4(), 1, "moved_away"),
                 lambda: cases.reopen_case(demo_database, manager, uuid.uuid4(), 1, "Back."),
                 lambda: cases.caseworkers(demo_database, manager, uuid.uuid4())):
        with pytest.raises(cases.NoSuchCase):
            call()


# ---- what the window offers, and the words ----------------------------------------------------

def test_the_file_offers_only_the_steps_the_user_may_take(
        demo_database: Database, demo_path: Path, caseworker: Actor, manager: Actor) -> None:
    open_case, closed_case = demo_case(demo_path, "open"), demo_case(demo_path, "closed")
    open_item = client_file.load_file(demo_database, caseworker, open_case.person_id).case
    closed_item = client_file.load_file(demo_database, caseworker, closed_case.person_id).case
    assert cases.steps_for(caseworker, open_item) == cases.Steps(True, False, False)
    assert cases.steps_for(caseworker, closed_item) == cases.Steps(False, True, False)
    assert cases.steps_for(manager, open_item) == cases.Steps(True, False, True)
    assert cases.steps_for(manager, closed_item) == cases.Steps(False, True, False)
    assert cases.steps_for(manager, None) == cases.Steps(False, False, False)
    ala = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    assert cases.steps_for(ala, open_item) == cases.Steps(False, False, False)


def test_every_refusal_has_a_sentence_of_its_own() -> None:
    refusals = [cases.NoSuchCase(), cases.CaseAlreadyClosed(), cases.CaseAlreadyOpen(),
                cases.AnotherCaseOpen("Astana"), cases.ForeignCase("Almaty"),
                cases.NotACaseworkerHere("Aliya", "Astana"),
                cases.NotACaseworkerHere("", "Astana"),
                cases.InvalidCaseEntry({cases.Field.REASON: cases.Problem.REQUIRED,
                                        cases.Field.NOTE: cases.Problem.TOO_LONG})]
    texts = [describe(error) for error in refusals]
    assert all(knows(error) for error in refusals)
    assert len(set(texts)) == len(texts)
    assert texts[-1] == " ".join((cases.problem_text(cases.Field.REASON, cases.Problem.REQUIRED),
                                  cases.problem_text(cases.Field.NOTE, cases.Problem.TOO_LONG)))
    assert str(cases.MAX_NOTE) in texts[-1]
