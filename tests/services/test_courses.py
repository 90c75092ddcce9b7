"""Running a language course: groups, sessions, enrolment, the waiting list, the register.

Each transition and each refusal is checked on a real demo file; the groups and
enrolments the tests need are made here, not looked for in the demo.
"""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import (
    Case,
    CaseStatus,
    CourseEnrolment,
    CourseSession,
    EnrolmentStatus,
    FollowUp,
    GroupStatus,
    PersonLanguage,
)
from db.session import Database
from desktop.services import center_settings
from desktop.services.access import AccessDenied, Actor
from desktop.services.auth import log_in
from desktop.services.courses import enrolment, errors, groups, register
from desktop.services.courses.groups import GroupEntry
from desktop.services.courses.register import Mark
from desktop.services.messages import describe, knows
from tests.conftest import DEMO_TODAY
from tests.services.test_cases import office_id

TODAY = DEMO_TODAY  # a Wednesday
START = TODAY - timedelta(days=16)  # Monday 9 November 2026


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


def clients(demo_path: Path, office: str = "AST", count: int = 4) -> list[uuid.UUID]:
    """Clients with an open case in the office and no course enrolment."""
    with sqlite3.connect(demo_path) as connection:
        rows = connection.execute(
            "SELECT c.person_id FROM client_case c JOIN office o ON o.id = c.office_id "
            "JOIN person p ON p.id = c.person_id WHERE o.code = ? AND c.status = 'open' "
            "AND p.office_id = o.id AND NOT EXISTS (SELECT 1 FROM course_enrolment e "
            "WHERE e.person_id = c.person_id) ORDER BY p.sort_key LIMIT ?",
            (office, count)).fetchall()
    assert len(rows) == count
    return [uuid.UUID(r[0]) for r in rows]


def entry(database: Database, **changes: object) -> GroupEntry:
    values: dict[str, object] = dict(
        name="KK-A2 test", office_id=office_id(database, "AST"),
        service_type_code="kazakh_course", language_code="kk", level_code="a2",
        provider_id=None, teacher_id=None, teacher="", place="Room 3", weekdays="135",
        starts_at=time(18, 30), ends_at=time(20, 0), starts_on=START,
        ends_on=START + timedelta(days=40), capacity=2)
    values.update(changes)
    return GroupEntry(**values)  # type: ignore[arg-type]


def new_group(database: Database, manager: Actor, **changes: object) -> uuid.UUID:
    return groups.create_group(database, manager, entry(database, **changes))


def enrolment_row(database: Database, enrolment_id: uuid.UUID) -> CourseEnrolment:
    with database.session() as session:
        found = session.get(CourseEnrolment, enrolment_id)
        assert found is not None
        return found


def session_days(database: Database, group_id: uuid.UUID) -> list[date]:
    with database.session() as session:
        return list(session.scalars(select(CourseSession.held_on).where(
            CourseSession.group_id == group_id, CourseSession.cancelled.is_(False))
            .order_by(CourseSession.held_on)))


# ---- groups and sessions ---------------------------------------------------------------------

def test_sessions_follow_the_schedule_and_skip_public_holidays(demo_database, manager) -> None:
    # 14 to 18 December 2026 holds Independence Day (Wednesday 16th).
    group_id = new_group(demo_database, manager, starts_on=date(2026, 12, 14),
                         ends_on=date(2026, 12, 18))
    assert session_days(demo_database, group_id) == [date(2026, 12, 14), date(2026, 12, 18)]


def test_new_days_regenerate_only_unmarked_sessions(demo_database, manager, demo_path) -> None:
    group_id = new_group(demo_database, manager)
    person = clients(demo_path, count=1)[0]
    enrolled = enrolment.enrol(demo_database, manager, person, group_id, today=TODAY)
    reg = register.load_register(demo_database, manager, group_id, today=TODAY)
    first = reg.sessions[0]
    register.mark_attendance(demo_database, manager, enrolled.enrolment_id, first.id,
                             Mark.PRESENT, None, today=TODAY)
    _entry, version, _status = groups.group_entry(demo_database, manager, group_id)
    groups.update_group(demo_database, manager, group_id, version,
                        entry(demo_database, weekdays="24"), today=TODAY)
    days = session_days(demo_database, group_id)
    assert first.held_on in days  # marked: kept, though Monday is no longer a class day
    assert all(d.isoweekday() in (2, 4) for d in days if d != first.held_on)


def test_a_session_moves_and_cancels_one_by_one(demo_database, manager) -> None:
    group_id = new_group(demo_database, manager)
    reg = register.load_register(demo_database, manager, group_id, today=TODAY)
    moving, cancelling = reg.sessions[-1], reg.sessions[-2]
    with pytest.raises(errors.SessionDayTaken):
        groups.move_session(demo_database, manager, moving.id, moving.version,
                            cancelling.held_on)
    with pytest.raises(errors.SessionDayTaken) as outside:
        groups.move_session(demo_database, manager, moving.id, moving.version,
                            START + timedelta(days=90))
    assert outside.value.outside
    new_day = moving.held_on - timedelta(days=1)
    groups.move_session(demo_database, manager, moving.id, moving.version, new_day)
    groups.cancel_session(demo_database, manager, cancelling.id, cancelling.version)
    reg = register.load_register(demo_database, manager, group_id, today=TODAY)
    by_id = {s.id: s for s in reg.sessions}
    assert by_id[moving.id].held_on == new_day and by_id[moving.id].moved_from == moving.held_on
    assert by_id[cancelling.id].cancelled


def test_only_a_manager_plans_groups(demo_database, caseworker) -> None:
    with pytest.raises(AccessDenied):
        groups.create_group(demo_database, caseworker, entry(demo_database))


def test_the_form_names_each_problem(demo_database, manager) -> None:
    bad = entry(demo_database, name=" ", weekdays="", starts_on=START,
                ends_on=START - timedelta(days=1), capacity=0, ends_at=time(17, 0))
    with pytest.raises(errors.InvalidGroupEntry) as raised:
        groups.create_group(demo_database, manager, bad)
    assert set(raised.value.problems) == {errors.Field.NAME, errors.Field.WEEKDAYS,
                                          errors.Field.DATES, errors.Field.CAPACITY,
                                          errors.Field.TIMES}
    assert knows(raised.value) and describe(raised.value) == "Give the group a name."


def test_list_shows_fill_and_attendance(demo_database, manager, demo_path) -> None:
    group_id = new_group(demo_database, manager, capacity=3)
    people = clients(demo_path, count=2)
    ids = [enrolment.enrol(demo_database, manager, p, group_id, today=TODAY).enrolment_id
           for p in people]
    reg = register.load_register(demo_database, manager, group_id, today=TODAY)
    register.mark_attendance(demo_database, manager, ids[0], reg.sessions[0].id, Mark.PRESENT,
                             None, today=TODAY)
    register.mark_attendance(demo_database, manager, ids[1], reg.sessions[0].id, Mark.ABSENT,
                             None, today=TODAY)
    register.mark_attendance(demo_database, manager, ids[1], reg.sessions[1].id,
                             Mark.EXCUSED, None, today=TODAY)
    line = next(g for g in groups.list_groups(demo_database, manager, text="kk-a2 TEST")
                if g.group.id == group_id)
    assert (line.fill.holding, line.group.capacity) == (2, 3)
    assert line.rate == 0.5  # the excused absence counts neither way
    assert line.group.status is GroupStatus.RUNNING  # the first mark started it


# ---- enrolment and the waiting list ----------------------------------------------------------

def test_a_full_group_keeps_a_waiting_list_and_offers_a_freed_place_once_in_order(
        demo_database, manager, caseworker, demo_path) -> None:
    group_id = new_group(demo_database, manager, capacity=2)
    a, b, c, d = clients(demo_path, count=4)
    first = enrolment.enrol(demo_database, caseworker, a, group_id, today=TODAY)
    enrolment.enrol(demo_database, caseworker, b, group_id, today=TODAY)
    third = enrolment.enrol(demo_database, caseworker, c, group_id, today=TODAY)
    fourth = enrolment.enrol(demo_database, caseworker, d, group_id, today=TODAY)
    assert (first.waiting, third.waiting, third.position, fourth.position) == (False, True, 1, 2)

    row = enrolment_row(demo_database, first.enrolment_id)
    enrolment.drop_out(demo_database, caseworker, first.enrolment_id, row.version, "work",
                       today=TODAY)
    offered = enrolment_row(demo_database, third.enrolment_id)
    assert offered.offered_on == TODAY and offered.status is EnrolmentStatus.WAITING
    assert enrolment_row(demo_database, fourth.enrolment_id).offered_on is None
    with demo_database.session() as session:
        task = session.get(FollowUp, offered.offer_follow_up_id)
        assert task is not None and not task.done and "KK-A2 test" in task.title
        case = session.scalar(select(Case).where(Case.person_id == c,
                                                 Case.status == CaseStatus.OPEN))
        assert case is not None and task.assignee_id == case.caseworker_id

    # Saving the group again offers nothing more: the one free place is on offer.
    _entry, version, _status = groups.group_entry(demo_database, manager, group_id)
    groups.update_group(demo_database, manager, group_id, version, entry(demo_database),
                        today=TODAY)
    assert enrolment_row(demo_database, fourth.enrolment_id).offered_on is None
    with demo_database.session() as session:
        offers = session.scalar(select(func.count()).select_from(FollowUp).where(
            FollowUp.person_id == c))
    enrolment.take_offer(demo_database, caseworker, third.enrolment_id, offered.version,
                         today=TODAY)
    taken = enrolment_row(demo_database, third.enrolment_id)
    assert taken.status is EnrolmentStatus.ENROLLED
    with demo_database.session() as session:
        task = session.get(FollowUp, taken.offer_follow_up_id)
        assert task is not None and task.done
        assert session.scalar(select(func.count()).select_from(FollowUp).where(
            FollowUp.person_id == c)) == offers  # offered once

    # The next place freed goes to the next in line.
    last = enrolment_row(demo_database, fourth.enrolment_id)
    enrolment.withdraw(demo_database, caseworker, taken.id, taken.version, today=TODAY)
    assert enrolment_row(demo_database, fourth.enrolment_id).offered_on == TODAY
    assert last.offered_on is None


def test_enrolment_refusals(demo_database, manager, caseworker, demo_path) -> None:
    group_id = new_group(demo_database, manager)
    person = clients(demo_path, count=1)[0]
    enrolment.enrol(demo_database, caseworker, person, group_id, today=TODAY)
    with pytest.raises(errors.AlreadyInGroup) as twice:
        enrolment.enrol(demo_database, caseworker, person, group_id, today=TODAY)
    assert "already on the list" in describe(twice.value)

    closed_group = new_group(demo_database, manager, name="KK-A2 closed")
    _e, version, _s = groups.group_entry(demo_database, manager, closed_group)
    groups.change_status(demo_database, manager, closed_group, version, GroupStatus.CANCELLED)
    with pytest.raises(errors.GroupNotOpen) as cancelled:
        enrolment.enrol(demo_database, caseworker, person, closed_group, today=TODAY)
    assert "Cancelled" in describe(cancelled.value)

    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            "SELECT c.person_id FROM client_case c JOIN office o ON o.id = c.office_id "
            "WHERE o.code = 'AST' AND c.status = 'closed' AND NOT EXISTS (SELECT 1 FROM "
            "client_case x WHERE x.person_id = c.person_id AND x.status = 'open') "
            "LIMIT 1").fetchone()
    with pytest.raises(errors.NoOpenCaseHere) as closed:
        enrolment.enrol(demo_database, caseworker, uuid.UUID(row[0]), group_id, today=TODAY)
    assert "no open case" in describe(closed.value)


def test_a_caseworker_cannot_enrol_another_offices_client(demo_database, manager,
                                                          caseworker, demo_path) -> None:
    group_id = new_group(demo_database, manager)
    stranger = clients(demo_path, office="ALA", count=1)[0]
    with pytest.raises(AccessDenied):
        enrolment.enrol(demo_database, caseworker, stranger, group_id, today=TODAY)


def test_finishing_asks_for_every_outcome_and_completion_raises_the_profile_level(
        demo_database, manager, demo_path) -> None:
    group_id = new_group(demo_database, manager)
    person = clients(demo_path, count=1)[0]
    enrolled = enrolment.enrol(demo_database, manager, person, group_id, today=TODAY)
    _e, version, _s = groups.group_entry(demo_database, manager, group_id)
    groups.change_status(demo_database, manager, group_id, version, GroupStatus.RUNNING)
    _e, version, _s = groups.group_entry(demo_database, manager, group_id)
    with pytest.raises(errors.OutcomesMissing) as missing:
        groups.change_status(demo_database, manager, group_id, version, GroupStatus.FINISHED)
    assert "1 participant has no outcome" in describe(missing.value)
    row = enrolment_row(demo_database, enrolled.enrolment_id)
    with pytest.raises(errors.InvalidOutcome):
        enrolment.complete(demo_database, manager, row.id, row.version, None, today=TODAY)
    enrolment.complete(demo_database, manager, row.id, row.version, "b1", today=TODAY)
    groups.change_status(demo_database, manager, group_id, version, GroupStatus.FINISHED)
    with demo_database.session() as session:
        level = session.scalar(select(PersonLanguage.level_code).where(
            PersonLanguage.person_id == person, PersonLanguage.language_code == "kk"))
    assert level in ("b1", "b2", "c1", "c2", "native")


def test_course_choices_put_the_next_level_first(demo_database, manager, demo_path) -> None:
    person = clients(demo_path, count=1)[0]
    with demo_database.session() as session:
        for known in session.scalars(select(PersonLanguage).where(
                PersonLanguage.person_id == person)):
            session.delete(known)
        session.flush()
        session.add(PersonLanguage(person_id=person, language_code="kk", level_code="a1"))
    fitting = new_group(demo_database, manager, name="KK-A2 fits")
    other = new_group(demo_database, manager, name="RU-A1 other", language_code="ru",
                      service_type_code="russian_course", level_code="a1")
    choices = enrolment.course_choices(demo_database, manager, person)
    order = [c.line.group.id for c in choices]
    assert order.index(fitting) < order.index(other)
    assert choices[0].rank == 0


# ---- the register ----------------------------------------------------------------------------

def test_cells_outside_the_course_cannot_be_marked(demo_database, manager, demo_path) -> None:
    group_id = new_group(demo_database, manager)
    person = clients(demo_path, count=1)[0]
    enrolled = enrolment.enrol(demo_database, manager, person, group_id, today=TODAY)
    reg = register.load_register(demo_database, manager, group_id, today=TODAY)
    future = next(s for s in reg.sessions if s.held_on > TODAY)
    with pytest.raises(errors.SessionNotMarkable) as raised:
        register.mark_attendance(demo_database, manager, enrolled.enrolment_id, future.id,
                                 Mark.PRESENT, None, today=TODAY)
    assert raised.value.why is errors.SessionNotMarkable.Why.FUTURE
    # A session left outside the dates by a later change of dates cannot be marked.
    first = reg.sessions[0]
    register.mark_attendance(demo_database, manager, enrolled.enrolment_id, first.id,
                             Mark.PRESENT, None, today=TODAY)
    _e, version, _s = groups.group_entry(demo_database, manager, group_id)
    groups.update_group(demo_database, manager, group_id, version,
                        entry(demo_database, starts_on=START + timedelta(days=3)), today=TODAY)
    with pytest.raises(errors.SessionNotMarkable) as outside:
        register.mark_attendance(demo_database, manager, enrolled.enrolment_id, first.id,
                                 Mark.ABSENT, Mark.PRESENT, today=TODAY)
    assert outside.value.why is errors.SessionNotMarkable.Why.OUTSIDE_DATES
    assert knows(outside.value)


def test_a_mark_changed_by_someone_else_is_not_overwritten(demo_database, manager,
                                                           demo_path) -> None:
    group_id = new_group(demo_database, manager)
    person = clients(demo_path, count=1)[0]
    enrolled = enrolment.enrol(demo_database, manager, person, group_id, today=TODAY)
    first = register.load_register(demo_database, manager, group_id, today=TODAY).sessions[0]
    register.mark_attendance(demo_database, manager, enrolled.enrolment_id, first.id,
                             Mark.PRESENT, None, today=TODAY)
    with pytest.raises(errors.MarkChanged):
        register.mark_attendance(demo_database, manager, enrolled.enrolment_id, first.id,
                                 Mark.ABSENT, None, today=TODAY)


def test_low_attendance_raises_one_follow_up_after_four_sessions(demo_database, manager,
                                                                  demo_path) -> None:
    group_id = new_group(demo_database, manager, ends_on=TODAY + timedelta(days=30),
                         starts_on=TODAY - timedelta(days=30))
    person = clients(demo_path, count=1)[0]
    enrolled = enrolment.enrol(demo_database, manager, person, group_id, today=TODAY)
    past = [s for s in register.load_register(demo_database, manager, group_id,
                                              today=TODAY).sessions if s.held_on <= TODAY]
    fired = []
    for meeting in past[:3]:
        fired.append(register.mark_attendance(demo_database, manager, enrolled.enrolment_id,
                                              meeting.id, Mark.ABSENT, None,
                                              today=TODAY).follow_up)
    assert fired == [False, False, False]  # 0 % but only three sessions
    result = register.mark_attendance(demo_database, manager, enrolled.enrolment_id,
                                      past[3].id, Mark.PRESENT, None, today=TODAY)
    assert result.follow_up and result.line_rate == 0.25
    again = register.mark_attendance(demo_database, manager, enrolled.enrolment_id,
                                     past[4].id, Mark.ABSENT, None, today=TODAY)
    assert not again.follow_up
    with demo_database.session() as session:
        tasks = session.scalars(select(FollowUp.title).where(FollowUp.person_id == person,
                                                            FollowUp.title.contains("25"))).all()
    assert len(tasks) == 1


def test_the_threshold_is_a_center_setting(demo_database, manager, demo_path) -> None:
    admin = log_in(demo_database, "admin", "qadam-admin")
    center_settings.set_setting(demo_database, admin,
                                center_settings.LOW_ATTENDANCE_PERCENT.key, 20)
    group_id = new_group(demo_database, manager, starts_on=TODAY - timedelta(days=30))
    person = clients(demo_path, count=1)[0]
    enrolled = enrolment.enrol(demo_database, manager, person, group_id, today=TODAY)
    past = [s for s in register.load_register(demo_database, manager, group_id,
                                              today=TODAY).sessions if s.held_on <= TODAY]
    marks = [Mark.ABSENT, Mark.ABSENT, Mark.ABSENT, Mark.PRESENT]  # 25 %: above 20 %
    results = [register.mark_attendance(demo_database, manager, enrolled.enrolment_id, s.id, m,
                                        None, today=TODAY)
               for s, m in zip(past[:4], marks, strict=True)]
    assert not any(r.follow_up for r in results)
    with pytest.raises(AccessDenied):
        center_settings.set_setting(demo_database, manager,
                                    center_settings.LOW_ATTENDANCE_PERCENT.key, 50)
    with pytest.raises(center_settings.OutOfRange):
        center_settings.set_setting(demo_database, admin,
                                    center_settings.LOW_ATTENDANCE_PERCENT.key, 0)


def test_a_transfer_frees_the_clients_place_for_the_next_waiting(demo_database, manager,
                                                                 caseworker, demo_path) -> None:
    from desktop.services import transfers

    group_id = new_group(demo_database, manager, capacity=1)
    mover, waiting = clients(demo_path, count=2)
    moved = enrolment.enrol(demo_database, caseworker, mover, group_id, today=TODAY)
    next_in_line = enrolment.enrol(demo_database, caseworker, waiting, group_id, today=TODAY)
    with demo_database.session() as session:
        case = session.scalar(select(Case).where(Case.person_id == mover,
                                                 Case.status == CaseStatus.OPEN))
        assert case is not None
        case_id, case_version = case.id, case.version
    transfer_id = transfers.request_transfer(demo_database, caseworker, case_id, case_version,
                                             office_id(demo_database, "ALA"),
                                             "Moved to Almaty.", today=TODAY)
    ala = log_in(demo_database, "manager.ala", "qadam-manager")
    with demo_database.session() as session:
        from db.models import CaseTransfer

        found = session.get(CaseTransfer, transfer_id)
        assert found is not None
        version = found.version
    taker = transfers.receiving_caseworkers(demo_database, ala, transfer_id)[0][0]
    transfers.accept_transfer(demo_database, ala, transfer_id, version, taker, today=TODAY)
    left = enrolment_row(demo_database, moved.enrolment_id)
    assert (left.status, left.dropout_reason_code, left.finished_on) == (
        EnrolmentStatus.DROPPED, "moved", TODAY)
    assert enrolment_row(demo_database, next_in_line.enrolment_id).offered_on == TODAY


def test_closing_a_case_ends_the_clients_wait_and_passes_the_offer_on(
        demo_database, manager, caseworker, demo_path) -> None:
    from desktop.services import cases

    group_id = new_group(demo_database, manager, capacity=1)
    holder, leaving, next_one = clients(demo_path, count=3)
    held = enrolment.enrol(demo_database, caseworker, holder, group_id, today=TODAY)
    waiting = enrolment.enrol(demo_database, caseworker, leaving, group_id, today=TODAY)
    after = enrolment.enrol(demo_database, caseworker, next_one, group_id, today=TODAY)
    row = enrolment_row(demo_database, held.enrolment_id)
    enrolment.drop_out(demo_database, caseworker, row.id, row.version, "health", today=TODAY)
    assert enrolment_row(demo_database, waiting.enrolment_id).offered_on == TODAY
    with demo_database.session() as session:
        case = session.scalar(select(Case).where(Case.person_id == leaving,
                                                 Case.status == CaseStatus.OPEN))
        assert case is not None
        case_id, version = case.id, case.version
    cases.close_case(demo_database, caseworker, case_id, version, "goals_achieved", "",
                     today=TODAY)
    gone = enrolment_row(demo_database, waiting.enrolment_id)
    assert (gone.status, gone.offered_on) == (EnrolmentStatus.WITHDRAWN, None)
    assert enrolment_row(demo_database, after.enrolment_id).offered_on == TODAY
    with demo_database.session() as session:
        task = session.get(FollowUp, gone.offer_follow_up_id)
        assert task is not None and task.done  # the offer to the leaving client is closed
