"""Who may print a consultation's record: the users of its office, and those who see all."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from db.models import Consultation, Office
from db.session import Database
from desktop.services.access import AccessDenied, Denial
from desktop.services.auth import log_in
from desktop.services.reports import build_consultation

CASEWORKER_PASSWORD = "qadam-caseworker"  # the demo center's (README lists its logins)
MANAGER_PASSWORD = "qadam-manager"


def a_consultation_of(database: Database, office_code: str) -> uuid.UUID:
    with database.session() as session:
        return session.scalars(
            select(Consultation.id).join(Office, Office.id == Consultation.office_id)
            .where(Office.code == office_code).order_by(Consultation.held_at).limit(1)).one()


def test_a_caseworker_gets_no_record_of_another_offices_consultation(
        demo_database: Database) -> None:
    astana = a_consultation_of(demo_database, "AST")
    almaty = log_in(demo_database, "cw1.ala", CASEWORKER_PASSWORD)
    with pytest.raises(AccessDenied) as denied:
        build_consultation(demo_database, almaty, str(astana))
    assert denied.value.reason is Denial.OFFICE


def test_the_consultations_own_office_and_a_manager_get_its_record(
        demo_database: Database) -> None:
    astana = a_consultation_of(demo_database, "AST")
    for login, password in (("cw1.ast", CASEWORKER_PASSWORD),
                            ("manager.ala", MANAGER_PASSWORD)):  # a manager sees every office
        actor = log_in(demo_database, login, password)
        record = build_consultation(demo_database, actor, str(astana))
        assert record.client_name and record.language in ("kk", "ru", "en")
