"""Recording consultations and follow-ups through the service layer, with its rules."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.models import (
    AuditEntry,
    Case,
    Consultation,
    FollowUp,
    Office,
    Person,
    Provider,
    Referral,
    ReferralStatus,
    Role,
    StatusChange,
    User,
    consultation_topic_link,
)
from db.session import Database
from desktop.services import consultations, follow_ups
from desktop.services.auth import AccessDenied, Actor
from desktop.services.consultations import (
    InvalidInput,
    NewConsultation,
    NewFollowUp,
    NewReferral,
    Problem,
    record_consultation,
)

NOW = datetime(2026, 11, 25, 11, 30)
TODAY = NOW.date()


@dataclass
class World:
    """Two offices; in Astana two caseworkers and a manager, in Almaty one caseworker."""

    aigerim: Actor  # caseworker, AST
    dana: Actor  # caseworker, AST
    erlan: Actor  # caseworker, ALA
    manager: Actor  # manager, AST
    alia: uuid.UUID  # AST client with an open case
    bolat: uuid.UUID  # ALA client, no case
    alia_case: uuid.UUID
    social_provider: uuid.UUID  # area "social", Astana
    language_provider: uuid.UUID  # area "language", Astana


def build_world(database: Database) -> World:
    with database.session() as s:
        ast = Office(code="AST", name="Астана кеңсесі", region_code="71")
        ala = Office(code="ALA", name="Алматы кеңсесі", region_code="75")
        s.add_all([ast, ala])
        s.flush()
        users = {
            "aigerim": User(login="aigerim", full_name="Сапарова Айгерім", role=Role.CASEWORKER,
                            office_id=ast.id),
            "dana": User(login="dana", full_name="Омарова Дана", role=Role.CASEWORKER,
                         office_id=ast.id),
            "erlan": User(login="erlan", full_name="Сейткали Ерлан", role=Role.CASEWORKER,
                          office_id=ala.id),
            "manager": User(login="manager", full_name="Ахметов Серік", role=Role.MANAGER,
                            office_id=ast.id),
        }
        s.add_all(users.values())
        alia = Person(surname="Нұрпейісова", given_name="Әлия", category_code="kandas",
                      office_id=ast.id, phone="+7 701 000 00 01",
                      consent_date=date(2026, 9, 1), consent_form_code="written")
        bolat = Person(surname="Жұмабаев", given_name="Болат", category_code="kandas",
                       office_id=ala.id)
        s.add_all([alia, bolat])
        s.flush()
        case = Case(person_id=alia.id, office_id=ast.id, caseworker_id=users["aigerim"].id,
                    opened_on=date(2026, 9, 1))
        social = Provider(name_kk="Әлеуметтік қолдау — AST", area_code="social", region_code="71",
                          internal=True)
        language = Provider(name_kk="Тіл үйрету — AST", area_code="language", region_code="71",
                            internal=True)
        s.add_all([case, social, language])
        s.flush()
        offices = {ast.id: ast, ala.id: ala}
        actors = {key: Actor(u.id, u.login, u.full_name, u.role, u.office_id,
                             offices[u.office_id].code, offices[u.office_id].name)
                  for key, u in users.items()}
        return World(actors["aigerim"], actors["dana"], actors["erlan"], actors["manager"],
                     alia.id, bolat.id, case.id, social.id, language.id)


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


def count(database: Database, model: object) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def a_consultation(world: World, **changes: object) -> NewConsultation:
    values: dict[str, object] = dict(
        person_id=world.alia, held_at=NOW - timedelta(minutes=30), channel_code="in_person",
        topic_codes=["documents", "employment"], notes="Құжаттарын әкелді",
        advice="Apply for a residence permit", next_steps="Bring the certificate",
        next_appointment_at=datetime(2026, 12, 2, 10, 0),
        follow_ups=[NewFollowUp("Анықтаманы тексеру", date(2026, 12, 1), world.dana.user_id)],
        referrals=[NewReferral("legal_aid", world.social_provider)])
    values.update(changes)
    return NewConsultation(**values)  # type: ignore[arg-type]


def test_a_consultation_with_topics_a_task_and_a_referral_is_saved_whole(
        database: Database, world: World) -> None:
    consultation_id = record_consultation(database, world.aigerim, a_consultation(world), NOW)

    with database.session() as s:
        saved = s.get(Consultation, consultation_id)
        assert saved.person_id == world.alia and saved.case_id == world.alia_case
        assert saved.office_id == world.aigerim.office_id
        assert saved.caseworker_id == world.aigerim.user_id
        assert saved.created_by == world.aigerim.user_id
        assert saved.channel_code == "in_person" and saved.notes == "Құжаттарын әкелді"
        assert saved.next_appointment_at == datetime(2026, 12, 2, 10, 0)
        assert sorted(t.code for t in saved.topics) == ["documents", "employment"]
        task = s.scalars(select(FollowUp)).one()
        assert (task.consultation_id, task.case_id, task.person_id) == (
            consultation_id, world.alia_case, world.alia)
        assert task.assignee_id == world.dana.user_id and task.due_on == date(2026, 12, 1)
        assert not task.done
        referral = s.scalars(select(Referral)).one()
        assert referral.consultation_id == consultation_id
        assert referral.status == ReferralStatus.REFERRED
        assert referral.provider_id == world.social_provider
        assert referral.referred_on == TODAY and referral.case_id == world.alia_case
        step = s.scalars(select(StatusChange)).one()
        assert (step.subject_table, step.subject_id, step.status) == (
            "referral", referral.id, "referred")
        assert step.changed_by == world.aigerim.user_id
        audited = set(s.scalars(select(AuditEntry.table_name)))
    assert {"consultation", "follow_up", "referral", "status_change"} <= audited


def test_a_failing_referral_leaves_nothing_saved(database: Database, world: World,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    original = consultations._add_referral

    def failing(*args: object, **kwargs: object) -> None:
        original(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(consultations, "_add_referral", failing)
    with pytest.raises(RuntimeError):
        record_consultation(database, world.aigerim, a_consultation(world), NOW)
    for model in (Consultation, consultation_topic_link, FollowUp, Referral, StatusChange):
        assert count(database, model) == 0


def test_the_case_is_the_open_one_in_the_users_office_and_a_task_without_assignee_is_theirs(
        database: Database, world: World) -> None:
    consultation = a_consultation(world, follow_ups=[NewFollowUp("Қоңырау шалу", TODAY)],
                                  referrals=[NewReferral("kazakh_course")])
    record_consultation(database, world.dana, consultation, NOW)
    record_consultation(database, world.manager, a_consultation(world, referrals=[]), NOW)
    with database.session() as s:
        assert s.scalars(select(FollowUp.assignee_id).where(
            FollowUp.title == "Қоңырау шалу")).one() == world.dana.user_id
        assert set(s.scalars(select(Consultation.case_id))) == {world.alia_case}
        assert s.scalars(select(Referral.provider_id)).one() is None


@pytest.mark.parametrize(("changes", "expected"), [
    ({"channel_code": None}, [("channel", Problem.REQUIRED, None)]),
    ({"topic_codes": []}, [("topics", Problem.REQUIRED, None)]),
    ({"next_appointment_at": NOW - timedelta(hours=1)},
     [("next_appointment_at", Problem.IN_PAST, None)]),
    ({"held_at": NOW + timedelta(hours=2)}, [("held_at", Problem.IN_FUTURE, None)]),
    ({"follow_ups": [NewFollowUp("Ok", TODAY), NewFollowUp("Late", TODAY - timedelta(days=1))]},
     [("due_on", Problem.BEFORE_CONSULTATION, 1)]),
    ({"follow_ups": [NewFollowUp("  ", TODAY)]}, [("title", Problem.REQUIRED, 0)]),
    ({"referrals": [NewReferral(None)]}, [("service_type", Problem.REQUIRED, 0)]),
    ({"channel_code": "", "topic_codes": []},
     [("channel", Problem.REQUIRED, None), ("topics", Problem.REQUIRED, None)]),
])
def test_what_cannot_be_saved_is_refused_with_reasons(
        database: Database, world: World, changes: dict[str, object],
        expected: list[tuple[str, Problem, int | None]]) -> None:
    with pytest.raises(InvalidInput) as refused:
        record_consultation(database, world.aigerim, a_consultation(world, **changes), NOW)
    assert [(p.field, p.problem, p.row) for p in refused.value.problems] == expected
    assert all(consultations.problem_text(p) for p in refused.value.problems)
    assert count(database, Consultation) == 0


def test_choices_the_database_does_not_know_or_allow_are_refused(
        database: Database, world: World) -> None:
    consultation = a_consultation(
        world, channel_code="pigeon", topic_codes=["documents", "astrology"],
        follow_ups=[NewFollowUp("Task", TODAY, world.erlan.user_id)],
        referrals=[NewReferral("legal_aid", world.language_provider), NewReferral("nothing")])
    with pytest.raises(InvalidInput) as refused:
        record_consultation(database, world.aigerim, consultation, NOW)
    assert {(p.field, p.problem, p.row) for p in refused.value.problems} == {
        ("channel", Problem.UNKNOWN_CHOICE, None), ("topics", Problem.UNKNOWN_CHOICE, None),
        ("assignee", Problem.NOT_ALLOWED, 0), ("provider", Problem.UNKNOWN_CHOICE, 0),
        ("service_type", Problem.UNKNOWN_CHOICE, 1)}
    assert consultations.problem_text(refused.value.problems[-1]).startswith("Line 2: ")
    assert count(database, Consultation) == 0


def test_a_caseworker_of_another_office_is_refused(database: Database, world: World) -> None:
    with pytest.raises(AccessDenied):
        record_consultation(database, world.erlan, a_consultation(world), NOW)
    with pytest.raises(AccessDenied):
        consultations.consultation_choices(database, world.erlan, world.alia)
    assert count(database, Consultation) == 0
    # A manager sees every office.
    record_consultation(database, world.manager,
                        a_consultation(world, person_id=world.bolat, referrals=[]), NOW)


def test_the_form_offers_the_users_colleagues_and_the_providers_of_a_service(
        database: Database, world: World) -> None:
    choices = consultations.consultation_choices(database, world.aigerim, world.alia)
    assert choices.person_name == "Нұрпейісова Әлия"
    assert {code for code, _label in choices.channels} == {
        "in_person", "phone", "messenger", "outreach", "email"}
    assert "documents" in dict(choices.topics)
    assert {name for _id, name in choices.assignees} == {"Сапарова Айгерім", "Омарова Дана"}
    assert [p.id for p in choices.providers_for("legal_aid")] == [world.social_provider]
    assert [p.id for p in choices.providers_for("kazakh_course")] == [world.language_provider]
    assert choices.providers_for(None) == []


# ---- follow-ups ---------------------------------------------------------------------------------

def a_task(database: Database, world: World, actor: Actor | None = None,
           person: uuid.UUID | None = None) -> uuid.UUID:
    return follow_ups.create(database, actor or world.aigerim, person or world.alia,
                             "Анықтаманы тексеру", TODAY, today=TODAY)


def test_marking_done_records_who_when_and_why_once(database: Database, world: World) -> None:
    task_id = a_task(database, world)
    with database.session() as s:
        task = s.get(FollowUp, task_id)
        assert task.assignee_id == world.aigerim.user_id and task.case_id == world.alia_case

    follow_ups.mark_done(database, world.dana, task_id, "  Called, all fine ")
    with database.session() as s:
        task = s.get(FollowUp, task_id)
        assert task.done and task.done_by == world.dana.user_id
        assert task.done_comment == "Called, all fine" and task.done_at is not None
        first = (task.done_at, task.version)

    follow_ups.mark_done(database, world.aigerim, task_id, "again")  # already done: untouched
    with database.session() as s:
        task = s.get(FollowUp, task_id)
        assert (task.done_at, task.version) == first and task.done_comment == "Called, all fine"


def test_another_offices_caseworker_cannot_touch_a_follow_up(database: Database,
                                                             world: World) -> None:
    task_id = a_task(database, world)
    with pytest.raises(AccessDenied):
        follow_ups.mark_done(database, world.erlan, task_id, "not mine")
    with pytest.raises(AccessDenied):
        follow_ups.assign(database, world.erlan, task_id, 1, world.erlan.user_id)
    with pytest.raises(AccessDenied):
        follow_ups.create(database, world.erlan, world.alia, "Task", TODAY)
    with database.session() as s:
        task = s.get(FollowUp, task_id)
        assert not task.done and task.assignee_id == world.aigerim.user_id
    assert count(database, FollowUp) == 1


def test_assigning_stays_within_the_office_unless_the_user_sees_every_queue(
        database: Database, world: World) -> None:
    task_id = a_task(database, world)
    version = follow_ups.assign(database, world.aigerim, task_id, 1, world.dana.user_id)
    with pytest.raises(InvalidInput):
        follow_ups.assign(database, world.aigerim, task_id, version, world.erlan.user_id)
    follow_ups.assign(database, world.manager, task_id, version, world.erlan.user_id)
    with database.session() as s:
        assert s.get(FollowUp, task_id).assignee_id == world.erlan.user_id

    assert [name for _id, name in follow_ups.caseworkers(database, world.aigerim)] == [
        "Омарова Дана", "Сапарова Айгерім"]
    everyone = follow_ups.caseworkers(database, world.manager)
    assert everyone[0] == (world.manager.user_id, world.manager.full_name)
    assert {name for _id, name in everyone[1:]} == {"Омарова Дана", "Сапарова Айгерім",
                                                   "Сейткали Ерлан"}


def test_a_task_needs_a_title(database: Database, world: World) -> None:
    with pytest.raises(InvalidInput) as refused:
        follow_ups.create(database, world.aigerim, world.alia, " ", TODAY)
    assert refused.value.problems[0].field == "title"
    assert follow_ups.problem_text(refused.value.problems[0]) == "Say what is to be done."
