"""Faults found under attack: codes that name nothing, another office's consultation, and
personal data that must never reach the log through an error's text."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from sqlalchemy import select

from db.models import Consultation, FollowUp, Person
from db.session import Database
from desktop.services import follow_ups
from desktop.services.access import LOCAL_OPERATOR, AccessDenied
from desktop.services.auth import log_in
from desktop.services.intake import IntakeProblem, InvalidClient, NewClient, register
from desktop.services.messages import describe
from tests.conftest import DEMO_TODAY

IIN = "900101400013"


def client(office_id: object, **values: object) -> NewClient:
    fields: dict[str, object] = {
        "surname": "Нұрпейісова", "given_name": "Әлия", "category_code": "kandas",
        "office_id": office_id, "iin": IIN, "birth_date": date(1990, 1, 1), "sex": "F",
        "region_code": "71", "consent_date": date(2026, 3, 1), "consent_form_code": "written"}
    fields.update(values)
    return NewClient(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("field", "value"), [("category_code", "spy"),
                                              ("region_code", "99"),
                                              ("consent_form_code", "verbal-ish")])
def test_a_code_that_names_nothing_is_refused_with_its_field_and_no_data_in_the_log(
        demo_database: Database, caplog: pytest.LogCaptureFixture, field: str,
        value: str) -> None:
    with demo_database.session() as session:
        office_id = session.scalar(select(Person.office_id).limit(1))
    caplog.set_level(logging.DEBUG)
    with pytest.raises(InvalidClient) as refused:
        register(demo_database, LOCAL_OPERATOR, client(office_id, **{field: value}))
    assert refused.value.problems == {field: IntakeProblem.UNKNOWN_CHOICE}
    assert "Choose from the list." in describe(refused.value)
    with demo_database.session() as session:
        assert session.scalar(select(Person.id).where(Person.iin == IIN)) is None
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (IIN, "Нұрпейісова", "Әлия"):
        assert secret not in str(refused.value) and secret not in logged


def test_a_follow_up_cannot_hang_off_another_offices_consultation(
        demo_database: Database) -> None:
    caseworker = log_in(demo_database, "cw1.ast", "qadam-caseworker")
    with demo_database.session() as session:
        theirs = session.scalars(select(Consultation).where(
            Consultation.office_id != caseworker.office_id)).first()
        ours = session.scalars(select(Person.id).where(
            Person.office_id == caseworker.office_id)).first()
        assert theirs is not None and ours is not None
        other_client = theirs.person_id
        consultation_id = theirs.id
    before = _count(demo_database)
    # Their consultation on our client: not one of this client's.
    with pytest.raises(follow_ups.InvalidInput) as refused:
        follow_ups.create(demo_database, caseworker, ours, "Call back", date(2026, 12, 10),
                          consultation_id=consultation_id, today=DEMO_TODAY)
    assert "not one of this client's" in describe(refused.value)
    # Their client and their consultation: the client is refused first.
    with pytest.raises(AccessDenied):
        follow_ups.create(demo_database, caseworker, other_client, "Call back",
                          date(2026, 12, 10), consultation_id=consultation_id)
    assert _count(demo_database) == before


def test_a_manager_may_still_hang_a_task_off_any_offices_consultation(
        demo_database: Database) -> None:
    manager = log_in(demo_database, "manager.ast", "qadam-manager")
    with demo_database.session() as session:
        consultation = session.scalars(select(Consultation).where(
            Consultation.office_id != manager.office_id)).first()
        person_id, consultation_id = consultation.person_id, consultation.id
    task = follow_ups.create(demo_database, manager, person_id, "Check the documents",
                             date(2026, 12, 10), consultation_id=consultation_id,
                             today=DEMO_TODAY)
    with demo_database.session() as session:
        assert session.get(FollowUp, task).consultation_id == consultation_id


def _count(database: Database) -> int:
    with database.session() as session:
        return len(session.scalars(select(FollowUp.id)).all())


