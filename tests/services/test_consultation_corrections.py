"""Correcting a saved consultation, and a manager deleting one recorded by mistake."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from db.errors import StaleRecord
from db.models import AuditEntry, Consultation, FollowUp, Referral, StatusChange
from db.session import Database
from desktop.services import messages
from desktop.services.auth import AccessDenied
from desktop.services.client_file import load_file
from desktop.services.consultations import (
    InvalidInput,
    NoSuchConsultation,
    NotTheirConsultation,
    Problem,
    consultation_steps,
    correct_consultation,
    delete_consultation,
    record_consultation,
    saved_consultation,
)
from tests.services.test_consultations import NOW, World, a_consultation, build_world


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


@pytest.fixture
def recorded(database: Database, world: World) -> object:
    return record_consultation(database, world.aigerim, a_consultation(world), NOW)


def test_the_author_corrects_what_was_recorded_and_the_history_keeps_the_old_values(
        database: Database, world: World, recorded: object) -> None:
    saved = saved_consultation(database, world.aigerim, recorded)
    assert sorted(saved.topic_codes) == ["documents", "employment"]
    assert (saved.follow_ups, saved.referrals) == (1, 1)
    entry = saved.as_entry()
    entry.topic_codes = ["documents", "housing"]
    entry.advice = "Apply for a temporary residence permit"
    entry.held_at = NOW - timedelta(hours=2)

    version = correct_consultation(database, world.aigerim, recorded, saved.version, entry, NOW)

    assert version == saved.version + 1
    with database.session() as s:
        record = s.get(Consultation, recorded)
        assert sorted(t.code for t in record.topics) == ["documents", "housing"]
        assert record.advice == "Apply for a temporary residence permit"
        assert s.scalars(select(FollowUp)).one().consultation_id == recorded  # untouched
        change = s.scalars(select(AuditEntry).where(
            AuditEntry.record_id == recorded, AuditEntry.action == "update")).one()
    assert change.changes["topics"] == [["documents", "employment"], ["documents", "housing"]]
    assert change.changes["advice"] == ["Apply for a residence permit",
                                        "Apply for a temporary residence permit"]
    history = load_file(database, world.aigerim, world.alia, NOW.date()).history
    corrected = next(h for h in history if h.action_code == "update")
    fields = {label: (old, new) for label, old, new in corrected.changes}
    assert fields["Topics"][0].count(",") == 1 and fields["Topics"][0] != fields["Topics"][1]


def test_changing_only_the_topics_is_a_correction_with_a_new_version(
        database: Database, world: World, recorded: object) -> None:
    saved = saved_consultation(database, world.aigerim, recorded)
    entry = saved.as_entry()
    entry.topic_codes = ["documents"]
    version = correct_consultation(database, world.aigerim, recorded, saved.version, entry, NOW)
    assert version == saved.version + 1
    with pytest.raises(StaleRecord):  # whoever read the old one must read it again
        correct_consultation(database, world.aigerim, recorded, saved.version, entry, NOW)


def test_a_next_appointment_that_has_passed_meanwhile_may_stay_as_it_was(
        database: Database, world: World, recorded: object) -> None:
    saved = saved_consultation(database, world.aigerim, recorded)
    later = saved.next_appointment_at + timedelta(days=3)
    entry = saved.as_entry()
    entry.notes = "Келді"
    correct_consultation(database, world.aigerim, recorded, saved.version, entry, later)

    moved = saved_consultation(database, world.aigerim, recorded).as_entry()
    moved.next_appointment_at = saved.next_appointment_at - timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        correct_consultation(database, world.aigerim, recorded, saved.version + 1, moved, later)
    assert [p.problem for p in refused.value.problems] == [Problem.IN_PAST]


def test_what_cannot_be_recorded_cannot_be_corrected_into_it_either(
        database: Database, world: World, recorded: object) -> None:
    saved = saved_consultation(database, world.aigerim, recorded)
    entry = saved.as_entry()
    entry.topic_codes = []
    entry.held_at = NOW + timedelta(days=1)
    with pytest.raises(InvalidInput) as refused:
        correct_consultation(database, world.aigerim, recorded, saved.version, entry, NOW)
    assert {p.field for p in refused.value.problems} == {"held_at", "topics"}
    with database.session() as s:
        assert len(s.get(Consultation, recorded).topics) == 2


def test_only_the_author_or_a_manager_of_its_office_may_correct(
        database: Database, world: World, recorded: object) -> None:
    with pytest.raises(NotTheirConsultation) as refused:
        saved_consultation(database, world.dana, recorded)
    assert "Сапарова Айгерім" in messages.describe(refused.value)
    with pytest.raises(AccessDenied):  # another office's client, before anything else
        saved_consultation(database, world.erlan, recorded)
    saved = saved_consultation(database, world.manager, recorded)
    entry = saved.as_entry()
    entry.notes = "Менеджер түзеткен"
    correct_consultation(database, world.manager, recorded, saved.version, entry, NOW)


def test_the_rules_the_file_offers_match_the_service(world: World) -> None:
    office = world.aigerim.office_id
    assert consultation_steps(world.aigerim, world.aigerim.user_id, office).correct
    assert not consultation_steps(world.aigerim, world.aigerim.user_id, office).delete
    assert not consultation_steps(world.dana, world.aigerim.user_id, office).correct
    manager = consultation_steps(world.manager, world.aigerim.user_id, office)
    assert manager.correct and manager.delete
    # Managers see every office, so "their office" is any office.
    assert consultation_steps(world.manager, world.erlan.user_id, world.erlan.office_id).delete


def test_a_manager_deletes_one_with_a_reason_and_its_tasks_and_referrals_stay(
        database: Database, world: World, recorded: object) -> None:
    saved = saved_consultation(database, world.manager, recorded)
    delete_consultation(database, world.manager, recorded, saved.version,
                        "  Басқа клиентке жазылған  ")
    with database.session() as s:
        assert s.get(Consultation, recorded) is None
        assert s.scalars(select(FollowUp)).one().consultation_id is None
        assert s.scalars(select(Referral)).one().consultation_id is None
        step = s.scalars(select(StatusChange).where(
            StatusChange.subject_table == "consultation")).one()
        assert (step.subject_id, step.status, step.note, step.changed_by) == (
            recorded, "deleted", "Басқа клиентке жазылған", world.manager.user_id)
        deleted = s.scalars(select(AuditEntry).where(AuditEntry.record_id == recorded,
                                                     AuditEntry.action == "delete")).one()
        assert deleted.user_id == world.manager.user_id
    with pytest.raises(NoSuchConsultation):
        delete_consultation(database, world.manager, recorded, saved.version, "again")


def test_deleting_is_refused_without_a_reason_to_a_caseworker_and_when_stale(
        database: Database, world: World, recorded: object) -> None:
    with pytest.raises(InvalidInput):
        delete_consultation(database, world.manager, recorded, 1, "   ")
    with pytest.raises(AccessDenied):  # the author is no manager
        delete_consultation(database, world.aigerim, recorded, 1, "mistake")
    saved = saved_consultation(database, world.aigerim, recorded)
    entry = saved.as_entry()
    entry.notes = "changed meanwhile"
    correct_consultation(database, world.aigerim, recorded, saved.version, entry, NOW)
    with pytest.raises(StaleRecord):
        delete_consultation(database, world.manager, recorded, saved.version, "mistake")
    with database.session() as s:
        assert s.get(Consultation, recorded) is not None


def test_every_refusal_has_its_sentence(database: Database, world: World,
                                        recorded: object) -> None:
    for error in (NoSuchConsultation(recorded), NotTheirConsultation("X", deleting=True),
                  NotTheirConsultation("X", deleting=False)):
        assert messages.knows(error)
