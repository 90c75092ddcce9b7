"""Transferring a case to another office: every step and every refusal, on a real file."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.errors import StaleRecord
from db.models import (
    Case,
    CaseGoal,
    CaseStatus,
    CaseTransfer,
    FollowUp,
    GoalStatus,
    Person,
    StatusChange,
    TransferStatus,
)
from db.session import Database
from desktop.services import cases, client_file, today, transfers
from desktop.services.access import AccessDenied, Actor
from desktop.services.auth import log_in
from desktop.services.messages import describe, knows
from tests.conftest import DEMO_TODAY
from tests.services.test_cases import DemoCase, demo_case, office_id, stored

ON = DEMO_TODAY
# An AST case with something still to do (an open follow-up and an open goal), no transfer.
BUSY = ("EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id AND NOT f.done) "
        "AND EXISTS (SELECT 1 FROM case_goal g WHERE g.case_id = c.id "
        "AND g.status IN ('planned', 'in_progress')) "
        "AND NOT EXISTS (SELECT 1 FROM case_transfer t WHERE t.case_id = c.id) "
        "AND NOT EXISTS (SELECT 1 FROM client_case o WHERE o.person_id = c.person_id "
        "AND o.id <> c.id)")


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


@pytest.fixture
def ala_manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ala", "qadam-manager")


@pytest.fixture
def ast_manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


@pytest.fixture
def case(demo_path: Path) -> DemoCase:
    return demo_case(demo_path, "open", "AST", BUSY)


def ala_caseworker(database: Database, manager: Actor, transfer_id: uuid.UUID) -> uuid.UUID:
    choices = transfers.receiving_caseworkers(database, manager, transfer_id)
    assert choices
    return choices[-1][0]


def requested(database: Database, actor: Actor, case: DemoCase,
              note: str = "Moved to Almaty for work.") -> CaseTransfer:
    transfer_id = transfers.request_transfer(database, actor, case.id, case.version,
                                             office_id(database, "ALA"), note, today=ON)
    return transfer(database, transfer_id)


def transfer(database: Database, transfer_id: uuid.UUID) -> CaseTransfer:
    with database.session() as session:
        found = session.get(CaseTransfer, transfer_id)
        assert found is not None
        return found


def steps_of(database: Database, subject_id: uuid.UUID) -> list[tuple[str, str]]:
    with database.session() as session:
        return [(s.status, s.note) for s in session.scalars(
            select(StatusChange).where(StatusChange.subject_id == subject_id)
            .order_by(StatusChange.changed_at))]


def open_work(demo_path: Path, case_id: uuid.UUID) -> tuple[int, int]:
    with sqlite3.connect(demo_path) as connection:
        tasks = connection.execute("SELECT count(*) FROM follow_up WHERE case_id = ? AND NOT done",
                                   (case_id.hex,)).fetchone()[0]
        goals = connection.execute(
            "SELECT count(*) FROM case_goal WHERE case_id = ? "
            "AND status IN ('planned', 'in_progress')", (case_id.hex,)).fetchone()[0]
    return tasks, goals


# ---- requesting -------------------------------------------------------------------------------

def test_a_request_waits_for_the_receiving_office_and_the_file_says_so(
        demo_database: Database, caseworker: Actor, ala_manager: Actor,
        case: DemoCase) -> None:
    choices = dict(transfers.target_offices(demo_database, caseworker, case.id))
    assert case.office_id not in choices and office_id(demo_database, "ALA") in choices
    pending = requested(demo_database, caseworker, case, "  Moved to Almaty for work.  ")
    assert pending.status is TransferStatus.REQUESTED and pending.requested_on == ON
    assert (pending.from_office_id, pending.person_id) == (case.office_id, case.person_id)
    assert pending.note == "Moved to Almaty for work."
    assert steps_of(demo_database, pending.id) == [("requested", "Moved to Almaty for work.")]
    assert stored(demo_database, case.id).status is CaseStatus.OPEN  # nothing moves yet

    file = client_file.load_file(demo_database, caseworker, case.person_id, DEMO_TODAY)
    assert file.case is not None and file.case.transfer is not None
    assert file.case.transfer.id == pending.id and file.case.transfer.to_office_id == \
        pending.to_office_id
    assert "transfer to" in file.case.status and file.case.transfer.to_office in file.case.status

    [line] = [t for t in transfers.incoming_transfers(demo_database, ala_manager)
              if t.id == pending.id]
    assert (line.person_id, line.note, line.requested_on) == (
        case.person_id, "Moved to Almaty for work.", ON)
    assert line.from_office == caseworker.office_name and line.requested_by
    work = today.load_today(demo_database, ala_manager, today=DEMO_TODAY)
    assert pending.id in {t.id for t in work.transfers}
    assert not today.load_today(demo_database, caseworker, today=DEMO_TODAY).transfers


def test_a_request_needs_an_office_and_a_reason(demo_database: Database, caseworker: Actor,
                                                case: DemoCase) -> None:
    ala = office_id(demo_database, "ALA")
    for office, note, problems in (
            (None, "Moved.", {transfers.Field.OFFICE: transfers.Problem.REQUIRED}),
            (ala, "  ", {transfers.Field.NOTE: transfers.Problem.REQUIRED}),
            (ala, "x" * (cases.MAX_NOTE + 1),
             {transfers.Field.NOTE: transfers.Problem.TOO_LONG})):
        with pytest.raises(transfers.InvalidTransferEntry) as refused:
            transfers.request_transfer(demo_database, caseworker, case.id, case.version,
                                       office, note)
        assert refused.value.problems == problems
        assert knows(refused.value)


def test_requesting_on_a_closed_case_is_refused(demo_database: Database, demo_path: Path,
                                                caseworker: Actor) -> None:
    closed = demo_case(demo_path, "closed")
    with pytest.raises(cases.CaseAlreadyClosed):
        transfers.request_transfer(demo_database, caseworker, closed.id, closed.version,
                                   office_id(demo_database, "ALA"), "Moved.")


def test_requesting_to_the_same_office_is_refused(demo_database: Database, caseworker: Actor,
                                                  case: DemoCase) -> None:
    with pytest.raises(transfers.SameOffice) as refused:
        transfers.request_transfer(demo_database, caseworker, case.id, case.version,
                                   case.office_id, "Moved.")
    assert knows(refused.value)


def test_requesting_to_an_inactive_office_is_refused(demo_database: Database,
                                                     caseworker: Actor, case: DemoCase) -> None:
    from db.models import Office

    with demo_database.session() as session:
        office = session.get(Office, office_id(demo_database, "SHY"))
        assert office is not None
        office.active = False
    with pytest.raises(transfers.UnknownOffice) as refused:
        transfers.request_transfer(demo_database, caseworker, case.id, case.version,
                                   office_id(demo_database, "SHY"), "Moved.")
    assert refused.value.office in describe(refused.value)
    assert office_id(demo_database, "SHY") not in dict(
        transfers.target_offices(demo_database, caseworker, case.id))


def test_a_second_pending_request_is_refused(demo_database: Database, caseworker: Actor,
                                             case: DemoCase) -> None:
    first = requested(demo_database, caseworker, case)
    with pytest.raises(cases.TransferPending) as refused:
        transfers.request_transfer(demo_database, caseworker, case.id, case.version,
                                   office_id(demo_database, "SHY"), "Or Shymkent.")
    assert refused.value.office in describe(refused.value)
    with demo_database.session() as session:
        assert session.scalar(select(CaseTransfer.id).where(
            CaseTransfer.case_id == case.id)) == first.id


def test_the_unique_index_refuses_a_second_request_the_check_missed(
        demo_database: Database, caseworker: Actor, case: DemoCase,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two users asking at once: the check of one runs before the other's commit."""
    requested(demo_database, caseworker, case)
    monkeypatch.setattr(transfers, "pending_transfer", lambda _session, _case_id: None)
    with pytest.raises(cases.TransferPending):
        transfers.request_transfer(demo_database, caseworker, case.id, case.version,
                                   office_id(demo_database, "SHY"), "Or Shymkent.")


def test_a_request_on_a_case_changed_since_it_was_read_is_refused(
        demo_database: Database, caseworker: Actor, case: DemoCase) -> None:
    with pytest.raises(StaleRecord):
        transfers.request_transfer(demo_database, caseworker, case.id, case.version - 1,
                                   office_id(demo_database, "ALA"), "Moved.")


def test_another_offices_caseworker_cannot_request(demo_database: Database,
                                                   case: DemoCase) -> None:
    stranger = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    with pytest.raises(AccessDenied):
        transfers.request_transfer(demo_database, stranger, case.id, case.version,
                                   office_id(demo_database, "ALA"), "Moved.")


def test_a_case_with_a_pending_transfer_is_not_closed(demo_database: Database,
                                                      caseworker: Actor,
                                                      case: DemoCase) -> None:
    requested(demo_database, caseworker, case)
    with pytest.raises(cases.TransferPending):
        cases.close_case(demo_database, caseworker, case.id, case.version, "moved_away")


def test_the_transfer_reason_is_not_chosen_by_hand(demo_database: Database, caseworker: Actor,
                                                   case: DemoCase) -> None:
    with pytest.raises(cases.InvalidCaseEntry) as refused:
        cases.close_case(demo_database, caseworker, case.id, case.version, cases.TRANSFERRED)
    assert refused.value.problems == {cases.Field.REASON: cases.Problem.TRANSFER_ONLY}
    assert "Transfer to another office" in describe(refused.value)


# ---- withdrawing ------------------------------------------------------------------------------

def test_the_giving_office_withdraws_a_pending_request(demo_database: Database,
                                                       caseworker: Actor, ala_manager: Actor,
                                                       case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    transfers.withdraw_transfer(demo_database, caseworker, pending.id, pending.version)
    assert transfer(demo_database, pending.id).status is TransferStatus.WITHDRAWN
    assert [s for s, _note in steps_of(demo_database, pending.id)] == ["requested", "withdrawn"]
    assert pending.id not in {t.id for t in transfers.incoming_transfers(demo_database,
                                                                         ala_manager)}
    file = client_file.load_file(demo_database, caseworker, case.person_id, DEMO_TODAY)
    assert file.case is not None and file.case.transfer is None
    # Withdrawn, it leaves room for a new request.
    requested(demo_database, caseworker, case)


def test_withdrawing_twice_or_a_stale_request_is_refused(demo_database: Database,
                                                         caseworker: Actor,
                                                         case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    with pytest.raises(StaleRecord):
        transfers.withdraw_transfer(demo_database, caseworker, pending.id, pending.version + 1)
    transfers.withdraw_transfer(demo_database, caseworker, pending.id, pending.version)
    again = transfer(demo_database, pending.id)
    with pytest.raises(transfers.TransferNotPending) as refused:
        transfers.withdraw_transfer(demo_database, caseworker, pending.id, again.version)
    assert "withdrawn" in describe(refused.value)


def test_the_receiving_office_cannot_withdraw(demo_database: Database, caseworker: Actor,
                                              case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    receiving = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    with pytest.raises(AccessDenied):
        transfers.withdraw_transfer(demo_database, receiving, pending.id, pending.version)


# ---- accepting --------------------------------------------------------------------------------

def test_accepting_moves_the_case_the_client_and_what_is_still_to_do(
        demo_database: Database, demo_path: Path, caseworker: Actor, ala_manager: Actor,
        case: DemoCase) -> None:
    tasks, goals = open_work(demo_path, case.id)
    assert tasks and goals
    pending = requested(demo_database, caseworker, case)
    newcomer = ala_caseworker(demo_database, ala_manager, pending.id)
    new_id = transfers.accept_transfer(demo_database, ala_manager, pending.id, pending.version,
                                       newcomer, "Welcome.", today=ON)

    old, new = stored(demo_database, case.id), stored(demo_database, new_id)
    assert (old.status, old.closed_on, old.closure_reason_code) == (
        CaseStatus.CLOSED, ON, cases.TRANSFERRED)
    assert (new.status, new.opened_on, new.office_id, new.caseworker_id,
            new.transferred_from_id) == (CaseStatus.OPEN, ON, pending.to_office_id, newcomer,
                                         case.id)
    answered = transfer(demo_database, pending.id)
    assert (answered.status, answered.decided_on, answered.decided_by, answered.decision_note,
            answered.new_case_id) == (TransferStatus.ACCEPTED, ON, ala_manager.user_id,
                                      "Welcome.", new_id)
    assert open_work(demo_path, case.id) == (0, 0)
    assert open_work(demo_path, new_id) == (tasks, goals)
    with demo_database.session() as session:
        person = session.get(Person, case.person_id)
        assert person is not None and person.office_id == pending.to_office_id
        assignees = set(session.scalars(select(FollowUp.assignee_id).where(
            FollowUp.case_id == new_id)))
        assert assignees == {newcomer}
        # The history stays: done tasks and finished goals remain with the old case.
        assert all(done for done in session.scalars(select(FollowUp.done).where(
            FollowUp.case_id == case.id)))
        assert not session.scalars(select(CaseGoal).where(
            CaseGoal.case_id == case.id, CaseGoal.status.in_(
                (GoalStatus.PLANNED, GoalStatus.IN_PROGRESS)))).all()
    assert steps_of(demo_database, case.id) == [("closed", "Moved to Almaty for work.")]
    assert steps_of(demo_database, new_id) == [("open", "Welcome.")]
    assert [s for s, _n in steps_of(demo_database, pending.id)] == ["requested", "accepted"]

    # The file now lives in the receiving office: its caseworkers see it, the giving don't.
    receiving = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    file = client_file.load_file(demo_database, ala_manager, case.person_id, DEMO_TODAY)
    assert file.office_id == pending.to_office_id and file.case is not None
    assert file.case.id == new_id and file.case.is_open and file.case.transfer is None
    client_file.load_file(demo_database, receiving, case.person_id, DEMO_TODAY)
    with pytest.raises(AccessDenied):
        client_file.load_file(demo_database, caseworker, case.person_id, DEMO_TODAY)


def test_a_transferred_case_is_not_reopened(demo_database: Database, caseworker: Actor,
                                            ala_manager: Actor, ast_manager: Actor,
                                            case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    transfers.accept_transfer(demo_database, ala_manager, pending.id, pending.version,
                              ala_caseworker(demo_database, ala_manager, pending.id), today=ON)
    old = stored(demo_database, case.id)
    with pytest.raises(cases.CaseTransferredAway) as refused:
        cases.reopen_case(demo_database, ast_manager, case.id, old.version, "Came back.")
    assert ala_manager.office_name in describe(refused.value)


def test_a_manager_of_another_office_cannot_accept_or_decline(
        demo_database: Database, caseworker: Actor, ala_manager: Actor, ast_manager: Actor,
        case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    worker = ala_caseworker(demo_database, ala_manager, pending.id)
    with pytest.raises(transfers.NotReceivingManager) as refused:
        transfers.accept_transfer(demo_database, ast_manager, pending.id, pending.version,
                                  worker)
    assert ala_manager.office_name in describe(refused.value)
    with pytest.raises(transfers.NotReceivingManager):
        transfers.decline_transfer(demo_database, ast_manager, pending.id, pending.version,
                                   "Not ours.")
    with pytest.raises(transfers.NotReceivingManager):
        transfers.receiving_caseworkers(demo_database, ast_manager, pending.id)
    assert pending.id not in {t.id for t in transfers.incoming_transfers(demo_database,
                                                                         ast_manager)}
    assert transfer(demo_database, pending.id).status is TransferStatus.REQUESTED


def test_a_caseworker_cannot_accept_even_in_the_receiving_office(
        demo_database: Database, caseworker: Actor, ala_manager: Actor,
        case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    receiving = log_in(demo_database, "cw1.ala", "qadam-caseworker")
    with pytest.raises(AccessDenied):
        transfers.accept_transfer(demo_database, receiving, pending.id, pending.version,
                                  receiving.user_id)
    with pytest.raises(AccessDenied):
        transfers.incoming_transfers(demo_database, receiving)
    assert transfer(demo_database, pending.id).status is TransferStatus.REQUESTED


def test_an_administrator_answers_for_any_office(demo_database: Database, caseworker: Actor,
                                                 ala_manager: Actor, case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    admin = log_in(demo_database, "admin", "qadam-admin")
    transfers.decline_transfer(demo_database, admin, pending.id, pending.version, "No room.")
    assert transfer(demo_database, pending.id).status is TransferStatus.DECLINED


@pytest.mark.parametrize("answer", ["withdrawn", "declined", "accepted"])
def test_an_answered_or_withdrawn_request_cannot_be_accepted(
        demo_database: Database, caseworker: Actor, ala_manager: Actor, case: DemoCase,
        answer: str) -> None:
    pending = requested(demo_database, caseworker, case)
    worker = ala_caseworker(demo_database, ala_manager, pending.id)
    if answer == "withdrawn":
        transfers.withdraw_transfer(demo_database, caseworker, pending.id, pending.version)
    elif answer == "declined":
        transfers.decline_transfer(demo_database, ala_manager, pending.id, pending.version,
                                   "No room.")
    else:
        transfers.accept_transfer(demo_database, ala_manager, pending.id, pending.version,
                                  worker)
    now = transfer(demo_database, pending.id)
    with pytest.raises(transfers.TransferNotPending) as refused:
        transfers.accept_transfer(demo_database, ala_manager, pending.id, now.version, worker)
    assert answer in describe(refused.value)
    with pytest.raises(transfers.TransferNotPending):
        transfers.decline_transfer(demo_database, ala_manager, pending.id, now.version, "No.")
    assert transfer(demo_database, pending.id).status.value == answer


def test_accepting_a_request_changed_since_it_was_read_is_refused(
        demo_database: Database, caseworker: Actor, ala_manager: Actor,
        case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    worker = ala_caseworker(demo_database, ala_manager, pending.id)
    transfers.withdraw_transfer(demo_database, caseworker, pending.id, pending.version)
    with pytest.raises(StaleRecord):  # read before the withdrawal
        transfers.accept_transfer(demo_database, ala_manager, pending.id, pending.version,
                                  worker)
    assert stored(demo_database, case.id).status is CaseStatus.OPEN


def test_accepting_needs_a_caseworker_of_the_receiving_office(
        demo_database: Database, caseworker: Actor, ala_manager: Actor,
        case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    with pytest.raises(transfers.InvalidTransferEntry) as refused:
        transfers.accept_transfer(demo_database, ala_manager, pending.id, pending.version, None)
    assert refused.value.problems == {transfers.Field.CASEWORKER: transfers.Problem.REQUIRED}
    with pytest.raises(cases.NotACaseworkerHere) as wrong:
        transfers.accept_transfer(demo_database, ala_manager, pending.id, pending.version,
                                  caseworker.user_id)  # a caseworker of the giving office
    assert wrong.value.name == caseworker.full_name
    assert stored(demo_database, case.id).status is CaseStatus.OPEN


def test_accepting_is_refused_while_the_client_has_an_open_case_there(
        demo_database: Database, caseworker: Actor, ala_manager: Actor,
        case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    with demo_database.session() as session:
        session.add(Case(person_id=case.person_id, office_id=pending.to_office_id,
                         status=CaseStatus.OPEN, opened_on=DEMO_TODAY - timedelta(days=3)))
    with pytest.raises(cases.AnotherCaseOpen) as refused:
        transfers.accept_transfer(demo_database, ala_manager, pending.id, pending.version,
                                  ala_caseworker(demo_database, ala_manager, pending.id))
    assert refused.value.office == ala_manager.office_name
    assert transfer(demo_database, pending.id).status is TransferStatus.REQUESTED
    assert stored(demo_database, case.id).status is CaseStatus.OPEN


def test_a_case_never_moves_before_it_opened(demo_database: Database, caseworker: Actor,
                                             ala_manager: Actor, case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    new_id = transfers.accept_transfer(
        demo_database, ala_manager, pending.id, pending.version,
        ala_caseworker(demo_database, ala_manager, pending.id), today=date(2000, 1, 1))
    opened = stored(demo_database, case.id).opened_on
    assert stored(demo_database, case.id).closed_on == opened
    assert stored(demo_database, new_id).opened_on == opened


# ---- declining --------------------------------------------------------------------------------

def test_declining_needs_a_reason_and_leaves_the_case_where_it_is(
        demo_database: Database, caseworker: Actor, ala_manager: Actor,
        case: DemoCase) -> None:
    pending = requested(demo_database, caseworker, case)
    with pytest.raises(transfers.InvalidTransferEntry) as refused:
        transfers.decline_transfer(demo_database, ala_manager, pending.id, pending.version, " ")
    assert describe(refused.value) == "Say why the transfer is declined."
    transfers.decline_transfer(demo_database, ala_manager, pending.id, pending.version,
                               "  The client lives in Astana.  ", today=ON)
    answered = transfer(demo_database, pending.id)
    assert (answered.status, answered.decided_on, answered.decided_by,
            answered.decision_note, answered.new_case_id) == (
        TransferStatus.DECLINED, ON, ala_manager.user_id, "The client lives in Astana.", None)
    assert steps_of(demo_database, pending.id)[-1] == ("declined", "The client lives in Astana.")
    assert stored(demo_database, case.id).status is CaseStatus.OPEN
    with demo_database.session() as session:
        person = session.get(Person, case.person_id)
        assert person is not None and person.office_id == case.office_id
