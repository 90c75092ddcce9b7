"""A client's documents through the service: adding, correcting, renewing, marking lost or
revoked; every refusal; what Today and the client file then show."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from db.changes import collecting
from db.errors import StaleRecord
from db.models import Document
from db.models.person import DocumentStatus
from db.models.reference import DocumentType
from db.session import Database
from desktop import settings
from desktop.i18n import format_date
from desktop.services import client_file, documents
from desktop.services.access import AccessDenied
from desktop.services.client_file import Urgency
from desktop.services.documents import (
    DocumentDetails,
    DocumentNotValid,
    Field,
    InvalidDocument,
    NoSuchDocument,
    Problem,
    add_document,
    edit_document,
    mark_document,
    renew_document,
)
from desktop.services.messages import describe, knows
from desktop.services.today import load_today
from tests.services.test_consultations import World, build_world

TODAY = date(2026, 11, 25)
PERMIT = DocumentDetails("residence_permit", " N 0123456 ", " МВД РК ", date(2016, 12, 10),
                         TODAY + timedelta(days=12))


@pytest.fixture
def world(database: Database) -> World:
    return build_world(database)


def stored(database: Database, document_id: uuid.UUID) -> Document:
    with database.session() as session:
        document = session.get(Document, document_id)
        assert document is not None
        return document


def count(database: Database) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(Document))


def permit(database: Database, world: World, details: DocumentDetails = PERMIT) -> uuid.UUID:
    return add_document(database, world.aigerim, world.alia, details, today=TODAY)


def today_numbers(database: Database, world: World) -> list[str]:
    return [d.number for d in load_today(database, world.aigerim, today=TODAY).documents]


# ---- adding -----------------------------------------------------------------------------------

def test_a_document_is_added_valid_with_its_details_trimmed(database: Database,
                                                            world: World) -> None:
    document_id = permit(database, world)
    document = stored(database, document_id)
    assert (document.type_code, document.number, document.issued_by) == (
        "residence_permit", "N 0123456", "МВД РК")
    assert (document.issued_on, document.expires_on) == (PERMIT.issued_on, PERMIT.expires_on)
    assert document.status is DocumentStatus.VALID and document.replaced_by_id is None
    assert document.created_by == world.aigerim.user_id

    file = client_file.load_file(database, world.aigerim, world.alia, TODAY)
    [item] = file.documents
    assert (item.id, item.version, item.status, item.type_code) == (
        document_id, 1, "valid", "residence_permit")
    assert item.is_valid and item.urgency is Urgency.SOON and item.marker == "Expires in 12 days"
    assert today_numbers(database, world) == ["N 0123456"]


@pytest.mark.parametrize(("details", "problems"), [
    (DocumentDetails(None, "N1"), {Field.TYPE: Problem.REQUIRED}),
    (DocumentDetails("passport", "  "), {Field.NUMBER: Problem.REQUIRED}),
    (DocumentDetails("passport", "N" * 51), {Field.NUMBER: Problem.TOO_LONG}),
    (DocumentDetails("passport", "N1", "М" * 201), {Field.ISSUED_BY: Problem.TOO_LONG}),
    (DocumentDetails("passport", "N1", issued_on=TODAY + timedelta(days=1)),
     {Field.ISSUED_ON: Problem.IN_FUTURE}),
    (DocumentDetails("passport", "N1", issued_on=TODAY, expires_on=TODAY - timedelta(days=1)),
     {Field.EXPIRES_ON: Problem.BEFORE_ISSUE}),
    (DocumentDetails("scan_of_passport", "N1"), {Field.TYPE: Problem.UNKNOWN}),
])
def test_what_makes_no_sense_is_refused_by_field_and_nothing_is_written(
        database: Database, world: World, details: DocumentDetails,
        problems: dict[Field, Problem]) -> None:
    with pytest.raises(InvalidDocument) as refused:
        permit(database, world, details)
    assert refused.value.problems == problems
    assert knows(refused.value) and describe(refused.value)
    assert count(database) == 0


def test_a_temporary_registration_and_an_other_document_need_no_number(
        database: Database, world: World) -> None:
    for kind in documents.NUMBER_OPTIONAL:
        permit(database, world, DocumentDetails(kind, "", "", TODAY, TODAY + timedelta(90)))
    assert count(database) == 2
    assert documents.number_required("passport") and documents.number_required(None)


def test_an_expired_document_and_one_without_expiry_may_be_recorded(
        database: Database, world: World) -> None:
    permit(database, world, DocumentDetails("work_permit", "WP1", "", date(2025, 1, 1),
                                            date(2025, 12, 31)))
    permit(database, world, DocumentDetails("birth_certificate", "I-АЖ 1", "ЗАГС",
                                            date(1990, 5, 1)))
    assert count(database) == 2


def test_another_offices_client_gets_no_document(database: Database, world: World) -> None:
    with pytest.raises(AccessDenied):
        add_document(database, world.aigerim, world.bolat, PERMIT, today=TODAY)
    assert count(database) == 0
    # A manager sees every office: their own office's rules do not stop them.
    add_document(database, world.manager, world.bolat, PERMIT, today=TODAY)
    assert count(database) == 1


# ---- correcting -------------------------------------------------------------------------------

def test_editing_corrects_the_details_and_a_stale_version_is_refused(
        database: Database, world: World) -> None:
    document_id = permit(database, world)
    corrected = DocumentDetails("residence_permit", "N 0123465", "МВД РК",
                                date(2016, 12, 10), TODAY + timedelta(days=200))
    version = edit_document(database, world.aigerim, document_id, 1, corrected, today=TODAY)
    assert version == 2
    document = stored(database, document_id)
    assert (document.number, document.expires_on, document.updated_by) == (
        "N 0123465", TODAY + timedelta(days=200), world.aigerim.user_id)
    assert today_numbers(database, world) == []  # no longer expiring within 30 days

    with pytest.raises(StaleRecord) as stale:
        edit_document(database, world.dana, document_id, 1, PERMIT, today=TODAY)
    assert stale.value.changed_by == "Сапарова Айгерім"
    assert stored(database, document_id).number == "N 0123465"


def test_editing_refuses_another_office_a_missing_document_and_bad_details(
        database: Database, world: World) -> None:
    document_id = permit(database, world)
    with pytest.raises(AccessDenied):
        edit_document(database, world.erlan, document_id, 1, PERMIT, today=TODAY)
    with pytest.raises(NoSuchDocument):
        edit_document(database, world.aigerim, uuid.uuid4(), 1, PERMIT, today=TODAY)
    with pytest.raises(InvalidDocument) as refused:
        edit_document(database, world.aigerim, document_id, 1,
                      DocumentDetails("residence_permit", ""), today=TODAY)
    assert refused.value.problems == {Field.NUMBER: Problem.REQUIRED}
    assert stored(database, document_id).version == 1


def test_a_type_taken_off_the_list_may_stay_but_not_be_chosen(database: Database,
                                                              world: World) -> None:
    document_id = permit(database, world)
    passport = permit(database, world, DocumentDetails("foreign_passport", "P1"))
    with database.session() as session:
        session.get(DocumentType, "residence_permit").active = False
    edit_document(database, world.aigerim, document_id, 1,
                  DocumentDetails("residence_permit", "N 1"), today=TODAY)
    with pytest.raises(InvalidDocument) as refused:
        edit_document(database, world.aigerim, passport, 1,
                      DocumentDetails("residence_permit", "P1"), today=TODAY)
    assert refused.value.problems == {Field.TYPE: Problem.UNKNOWN}


# ---- renewing ---------------------------------------------------------------------------------

def test_renewing_writes_the_successor_and_marks_the_old_one_replaced_at_once(
        database: Database, world: World) -> None:
    old_id = permit(database, world)
    assert today_numbers(database, world) == ["N 0123456"]
    renewal = DocumentDetails("residence_permit", "N 7654321", "МВД РК", TODAY - timedelta(2),
                              TODAY + timedelta(days=3650))
    with collecting() as collected:
        new_id = renew_document(database, world.aigerim, old_id, 1, renewal, today=TODAY)
    changes = collected.changes()
    assert changes.ids("document") == {old_id, new_id} and world.alia in changes.people

    old, new = stored(database, old_id), stored(database, new_id)
    assert old.status is DocumentStatus.REPLACED and old.replaced_by_id == new_id
    assert old.status_on == TODAY - timedelta(2) and old.version == 2
    assert (old.number, old.expires_on) == ("N 0123456", PERMIT.expires_on)  # kept as history
    assert new.status is DocumentStatus.VALID and new.person_id == world.alia
    assert today_numbers(database, world) == []  # the old one is nobody's work any more

    file = client_file.load_file(database, world.aigerim, world.alia, TODAY)
    shown = {d.id: d for d in file.documents}
    assert [d.id for d in file.documents] == [new_id, old_id]  # the valid one first
    assert shown[old_id].urgency is Urgency.NONE and not shown[old_id].is_valid
    assert shown[old_id].marker == (
        f"Replaced by N 7654321 on {format_date(TODAY - timedelta(2))}")
    assert shown[old_id].replaced_by_id == new_id
    assert shown[new_id].urgency is Urgency.NONE and shown[new_id].marker == ""


def test_a_renewal_without_an_issue_date_replaces_from_today(database: Database,
                                                             world: World) -> None:
    old_id = permit(database, world)
    renew_document(database, world.aigerim, old_id, 1,
                   DocumentDetails("id_card", "048123456", "МВД РК"), today=TODAY)
    assert stored(database, old_id).status_on == TODAY


def test_renewing_refuses_what_is_not_valid_stale_foreign_or_not_later(
        database: Database, world: World) -> None:
    old_id = permit(database, world)
    renewal = DocumentDetails("residence_permit", "N 2", "", TODAY, TODAY + timedelta(3650))
    with pytest.raises(InvalidDocument) as refused:
        renew_document(database, world.aigerim, old_id, 1,
                       DocumentDetails("residence_permit", "N 2", "", TODAY, PERMIT.expires_on),
                       today=TODAY)
    assert refused.value.problems == {Field.EXPIRES_ON: Problem.NOT_LATER}
    with pytest.raises(AccessDenied):
        renew_document(database, world.erlan, old_id, 1, renewal, today=TODAY)
    with pytest.raises(StaleRecord):
        renew_document(database, world.aigerim, old_id, 7, renewal, today=TODAY)
    assert count(database) == 1 and stored(database, old_id).status is DocumentStatus.VALID

    renew_document(database, world.aigerim, old_id, 1, renewal, today=TODAY)
    with pytest.raises(DocumentNotValid) as again:
        renew_document(database, world.dana, old_id, 2, renewal, today=TODAY)
    assert again.value.status is DocumentStatus.REPLACED
    assert "already been replaced" in describe(again.value)
    assert count(database) == 2


# ---- lost and revoked -------------------------------------------------------------------------

@pytest.mark.parametrize("status", documents.MARKS)
def test_a_lost_or_revoked_document_leaves_today_and_says_so_in_the_file(
        database: Database, world: World, status: DocumentStatus) -> None:
    document_id = permit(database, world)
    expired = permit(database, world, DocumentDetails("work_permit", "WP 9", "", date(2025, 1, 1),
                                                      TODAY - timedelta(days=3)))
    assert today_numbers(database, world) == ["WP 9", "N 0123456"]
    version = mark_document(database, world.aigerim, document_id, 1, status,
                            TODAY - timedelta(days=1), "  Reported to the police, Almaty  ",
                            today=TODAY)
    assert version == 2
    document = stored(database, document_id)
    assert (document.status, document.status_on, document.status_note) == (
        status, TODAY - timedelta(days=1), "Reported to the police, Almaty")
    assert today_numbers(database, world) == ["WP 9"]

    file = client_file.load_file(database, world.aigerim, world.alia, TODAY)
    shown = {d.id: d for d in file.documents}
    word = "Lost" if status is DocumentStatus.LOST else "Revoked"
    assert shown[document_id].marker == (
        f"{word} on {format_date(TODAY - timedelta(1))}: Reported to the police, Almaty")
    assert shown[document_id].urgency is Urgency.NONE
    # The valid ones keep their colours.
    assert shown[expired].urgency is Urgency.LATE and shown[expired].marker.startswith("Expired")


@pytest.mark.parametrize(("on", "note", "problems"), [
    (None, "lost", {Field.STATUS_ON: Problem.REQUIRED}),
    (TODAY + timedelta(days=1), "lost", {Field.STATUS_ON: Problem.IN_FUTURE}),
    (date(2015, 1, 1), "lost", {Field.STATUS_ON: Problem.BEFORE_ISSUE}),
    (TODAY, "   ", {Field.NOTE: Problem.REQUIRED}),
    (TODAY, "x" * 2001, {Field.NOTE: Problem.TOO_LONG}),
])
def test_marking_needs_a_date_that_makes_sense_and_a_note(
        database: Database, world: World, on: date | None, note: str,
        problems: dict[Field, Problem]) -> None:
    document_id = permit(database, world)
    with pytest.raises(InvalidDocument) as refused:
        mark_document(database, world.aigerim, document_id, 1, DocumentStatus.LOST, on, note,
                      today=TODAY)
    assert refused.value.problems == problems
    assert stored(database, document_id).status is DocumentStatus.VALID


def test_marking_refuses_what_is_not_valid_stale_or_foreign(database: Database,
                                                            world: World) -> None:
    document_id = permit(database, world)
    with pytest.raises(AccessDenied):
        mark_document(database, world.erlan, document_id, 1, DocumentStatus.LOST, TODAY, "x",
                      today=TODAY)
    with pytest.raises(StaleRecord):
        mark_document(database, world.aigerim, document_id, 3, DocumentStatus.LOST, TODAY,
                      "x", today=TODAY)
    with pytest.raises(ValueError, match="lost or revoked"):
        mark_document(database, world.aigerim, document_id, 1, DocumentStatus.REPLACED, TODAY,
                      "x", today=TODAY)
    mark_document(database, world.aigerim, document_id, 1, DocumentStatus.LOST, TODAY,
                  "Lost on the bus", today=TODAY)
    with pytest.raises(DocumentNotValid) as again:
        mark_document(database, world.aigerim, document_id, 2, DocumentStatus.REVOKED, TODAY,
                      "x", today=TODAY)
    assert "recorded as lost" in describe(again.value)
    with pytest.raises(DocumentNotValid):
        renew_document(database, world.aigerim, document_id, 2, PERMIT, today=TODAY)
    # Its details may still be corrected: its state stays.
    edit_document(database, world.aigerim, document_id, 2,
                  DocumentDetails("residence_permit", "N 0123457"), today=TODAY)
    assert stored(database, document_id).status is DocumentStatus.LOST


def test_every_refusal_has_its_own_sentence() -> None:
    for error in (NoSuchDocument(uuid.uuid4()),
                  DocumentNotValid(uuid.uuid4(), DocumentStatus.REVOKED),
                  InvalidDocument({Field.NOTE: Problem.REQUIRED})):
        assert knows(error), error
    for field in Field:
        for problem in Problem:
            assert documents.problem_text(field, problem)


# ---- how early Today warns ------------------------------------------------------------------

def test_the_days_of_warning_are_a_setting_that_today_and_the_file_share(
        database: Database, world: World) -> None:
    permit(database, world, DocumentDetails("passport", "P40", "", TODAY,
                                            TODAY + timedelta(days=40)))
    assert settings.document_warning_days() == 30
    assert today_numbers(database, world) == []
    [item] = client_file.load_file(database, world.aigerim, world.alia, TODAY).documents
    assert item.urgency is Urgency.NONE

    settings.put(settings.DOCUMENT_WARNING_DAYS, 45)
    assert today_numbers(database, world) == ["P40"]
    [item] = client_file.load_file(database, world.aigerim, world.alia, TODAY).documents
    assert item.urgency is Urgency.SOON and item.marker == "Expires in 40 days"

    for garbled in ("45", -1, 10_000, True, None):
        settings.put(settings.DOCUMENT_WARNING_DAYS, garbled)
        assert settings.document_warning_days() == 30
