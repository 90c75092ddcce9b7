"""The Today lists: whose work, which rows, what they say; and who may look."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from db.models import Case, CaseStatus, Consultation, Document, FollowUp, Person
from db.session import Database
from desktop.services import today as today_service
from desktop.services.auth import AccessDenied, Actor, log_in
from desktop.services.today import load_today, queues
from tests.conftest import DEMO_TODAY
from tests.services.test_consultations import World, build_world

TODAY = date(2026, 11, 25)


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


def add(database: Database, *records: object) -> list[uuid.UUID]:
    with database.session() as s:
        s.add_all(records)
        s.flush()
        return [r.id for r in records]  # type: ignore[attr-defined]


def task(world: World, title: str, due: date, assignee: uuid.UUID | None = None,
         person: uuid.UUID | None = None, done: bool = False) -> FollowUp:
    return FollowUp(person_id=person or world.alia, title=title, due_on=due, done=done,
                    assignee_id=assignee or world.aigerim.user_id)


def test_follow_ups_due_today_and_overdue_of_the_user_longest_overdue_first(
        database: Database, world: World) -> None:
    add(database,
        task(world, "today", TODAY), task(world, "three days late", TODAY - timedelta(days=3)),
        task(world, "one day late", TODAY - timedelta(days=1)),
        task(world, "tomorrow", TODAY + timedelta(days=1)),
        task(world, "done already", TODAY - timedelta(days=5), done=True),
        task(world, "Dana's", TODAY, world.dana.user_id))
    work = load_today(database, world.aigerim, today=TODAY)
    assert [(f.title, f.overdue, f.state) for f in work.follow_ups] == [
        ("three days late", True, "Overdue by 3 days"),
        ("one day late", True, "Overdue by 1 day"),
        ("today", False, "Due today")]
    assert work.follow_ups_total == 3 and work.owner_id == world.aigerim.user_id
    assert {f.client for f in work.follow_ups} == {"Нұрпейісова Әлия"}
    assert {f.person_id for f in work.follow_ups} == {world.alia}


def test_documents_running_out_in_the_office_and_expired_ones_of_open_cases(
        database: Database, world: World) -> None:
    with database.session() as s:
        carlos = Person(given_name="Карлос", category_code="kandas",
                        office_id=world.aigerim.office_id)
        s.add(carlos)  # no case: an expired document of his is nobody's work today
        s.flush()
        carlos_id = carlos.id

    def document(number: str, expires: date | None, person: uuid.UUID | None = None,
                 kind: str = "residence_permit") -> Document:
        return Document(person_id=person or world.alia, type_code=kind, number=number,
                        expires_on=expires)

    add(database,
        document("in 10 days", TODAY + timedelta(days=10)),
        document("today", TODAY, kind="foreign_passport"),
        document("in 31 days", TODAY + timedelta(days=31), kind="id_card"),
        document("no expiry", None, kind="id_card"),
        document("expired, open case", TODAY - timedelta(days=40), kind="work_permit"),
        document("expired, no case", TODAY - timedelta(days=2), carlos_id),
        document("expired, replaced", TODAY - timedelta(days=400)),  # by "in 10 days"
        document("other office", TODAY + timedelta(days=3), world.bolat))
    work = load_today(database, world.aigerim, today=TODAY)
    assert [(d.number, d.expired, d.state) for d in work.documents] == [
        ("expired, open case", True, "Expired 40 days ago"),
        ("today", False, "Expires today"),
        ("in 10 days", False, "Expires in 10 days")]
    assert work.documents[0].type.startswith("Work permit")
    assert work.documents_total == 3

    with database.session() as s:  # the case closes: the expired permit is no longer a task
        s.get(Case, world.alia_case).status = CaseStatus.CLOSED
    assert [d.number for d in load_today(database, world.aigerim, today=TODAY).documents] == [
        "today", "in 10 days"]


def test_appointments_today_set_at_the_users_consultations_and_not_yet_kept(
        database: Database, world: World) -> None:
    def consultation(held: datetime, next_at: datetime | None, who: Actor | None = None,
                     person: uuid.UUID | None = None, steps: str = "") -> Consultation:
        return Consultation(person_id=person or world.alia, office_id=world.aigerim.office_id,
                            caseworker_id=(who or world.aigerim).user_id, held_at=held,
                            channel_code="phone", next_appointment_at=next_at, next_steps=steps)

    with database.session() as s:
        carlos = Person(given_name="Карлос", category_code="kandas",
                        office_id=world.aigerim.office_id)
        dina = Person(given_name="Дина", category_code="kandas",
                      office_id=world.aigerim.office_id)
        s.add_all([carlos, dina])
        s.flush()
        carlos_id, dina_id = carlos.id, dina.id
    add(database,
        consultation(datetime(2026, 11, 18, 10), datetime(2026, 11, 25, 15, 30),
                     steps="Bring the diploma"),
        consultation(datetime(2026, 11, 18, 11), datetime(2026, 11, 25, 9, 0), person=carlos_id),
        # Dina's appointment today was replaced by a later consultation.
        consultation(datetime(2026, 11, 10, 11), datetime(2026, 11, 25, 12, 0), person=dina_id),
        consultation(datetime(2026, 11, 20, 11), datetime(2026, 12, 1, 12, 0), person=dina_id),
        consultation(datetime(2026, 11, 20, 12), datetime(2026, 11, 26, 9, 0),
                     person=world.bolat))
    work = load_today(database, world.aigerim, today=TODAY)
    assert [(a.client, a.at.hour) for a in work.appointments] == [("Карлос", 9),
                                                                  ("Нұрпейісова Әлия", 15)]
    assert work.appointments[1].next_steps == "Bring the diploma"
    assert work.appointments[1].phone == "+7 701 000 00 01"
    assert work.appointments_total == 2
    assert load_today(database, world.dana, today=TODAY).appointments == []


def test_a_caseworker_sees_only_their_own_queue(database: Database, world: World) -> None:
    add(database, task(world, "Dana's", TODAY, world.dana.user_id))
    with pytest.raises(AccessDenied):
        load_today(database, world.aigerim, world.dana.user_id, TODAY)
    with pytest.raises(AccessDenied):
        load_today(database, world.erlan, world.aigerim.user_id, TODAY)
    assert queues(database, world.aigerim) == [(world.aigerim.user_id, world.aigerim.full_name)]


def test_a_caseworkers_queue_leaves_out_clients_of_other_offices(database: Database,
                                                                 world: World) -> None:
    # Someone gave Erlan (Almaty) a task about an Astana client: not his to act on.
    add(database, task(world, "Astana client", TODAY, world.erlan.user_id),
        task(world, "Almaty client", TODAY, world.erlan.user_id, world.bolat))
    work = load_today(database, world.erlan, today=TODAY)
    assert [f.title for f in work.follow_ups] == ["Almaty client"]


def test_a_manager_sees_another_caseworkers_queue(database: Database, world: World) -> None:
    add(database, task(world, "Dana's", TODAY, world.dana.user_id),
        task(world, "Erlan's", TODAY - timedelta(days=1), world.erlan.user_id, world.bolat),
        Document(person_id=world.bolat, type_code="work_permit", number="ALA-1",
                 expires_on=TODAY + timedelta(days=5)))
    names = [name for _id, name in queues(database, world.manager)]
    assert names[0] == world.manager.full_name
    assert set(names[1:]) == {"Омарова Дана", "Сапарова Айгерім", "Сейткали Ерлан"}

    dana = load_today(database, world.manager, world.dana.user_id, TODAY)
    assert [f.title for f in dana.follow_ups] == ["Dana's"]
    erlan = load_today(database, world.manager, world.erlan.user_id, TODAY)
    assert [f.title for f in erlan.follow_ups] == ["Erlan's"]
    assert [d.number for d in erlan.documents] == ["ALA-1"]  # his office's documents
    assert load_today(database, world.manager, today=TODAY).follow_ups == []


def test_a_long_list_shows_the_most_urgent_and_counts_them_all(
        database: Database, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(today_service, "LIMIT", 3)
    add(database, *(task(world, f"task {n}", TODAY - timedelta(days=n)) for n in range(5)),
        *(Document(person_id=world.alia, type_code="work_permit", number=f"V{n}",
                   expires_on=TODAY + timedelta(days=n)) for n in range(5)))
    work = load_today(database, world.aigerim, today=TODAY)
    assert [f.title for f in work.follow_ups] == ["task 4", "task 3", "task 2"]
    assert work.follow_ups_total == 5
    assert [d.number for d in work.documents] == ["V0", "V1", "V2"]
    assert work.documents_total == 5


def test_the_demo_caseworkers_day_matches_the_data(demo_database: Database,
                                                   demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:  # the one with the most follow-ups due
        (login,) = connection.execute(
            "SELECT u.login FROM follow_up f JOIN app_user u ON u.id = f.assignee_id "
            "WHERE u.role = 'caseworker' AND f.done = 0 AND f.due_on <= ? "
            "GROUP BY u.login ORDER BY count(*) DESC, u.login LIMIT 1",
            (DEMO_TODAY.isoformat(),)).fetchone()
    actor = log_in(demo_database, login, "qadam-caseworker")
    work = load_today(demo_database, actor, today=DEMO_TODAY)
    with sqlite3.connect(demo_path) as connection:
        expected = connection.execute(
            "SELECT count(*) FROM follow_up JOIN person ON person.id = follow_up.person_id "
            "WHERE assignee_id = ? AND done = 0 AND due_on <= ? AND person.office_id = ?",
            (actor.user_id.hex, DEMO_TODAY.isoformat(), actor.office_id.hex)).fetchone()[0]
        soon = connection.execute(
            "SELECT count(*) FROM document JOIN person ON person.id = document.person_id "
            "WHERE expires_on BETWEEN ? AND ? AND person.office_id = ?",
            (DEMO_TODAY.isoformat(), (DEMO_TODAY + timedelta(days=30)).isoformat(),
             actor.office_id.hex)).fetchone()[0]
    assert work.follow_ups_total == expected > 0
    assert work.documents_total >= soon > 0
    assert all(f.due_on <= DEMO_TODAY for f in work.follow_ups)
    assert [f.due_on for f in work.follow_ups] == sorted(f.due_on for f in work.follow_ups)
