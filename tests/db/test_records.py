"""Every record's stamps, version counter and audit trail."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from db.errors import StaleRecord
from db.models import AuditEntry, Office, Person, Role, User
from db.session import Database


def add_office_and_user(database: Database) -> tuple[uuid.UUID, uuid.UUID]:
    with database.session() as session:
        office = Office(code="AST", name="Astana", region_code="71")
        session.add(office)
        session.flush()
        user = User(login="aigerim", full_name="Айгерім Сапарова", role=Role.CASEWORKER,
                    office_id=office.id)
        session.add(user)
        session.flush()
        return office.id, user.id


def add_person(database: Database, office_id: uuid.UUID, user_id: uuid.UUID | None = None,
               **values: object) -> uuid.UUID:
    fields = {"surname": "Нұрпейісова", "given_name": "Әлия", "category_code": "kandas",
              "office_id": office_id, **values}
    with database.session(user_id) as session:
        person = Person(**fields)
        session.add(person)
        session.flush()
        return person.id


def test_a_stale_save_is_refused_and_names_who_changed_the_record(database: Database) -> None:
    office_id, user_id = add_office_and_user(database)
    person_id = add_person(database, office_id)

    with database.session() as mine:
        my_copy = mine.get(Person, person_id)
    # Meanwhile a colleague saves a change.
    with database.session(user_id) as theirs:
        theirs.get(Person, person_id).phone = "+7 701 111 22 33"

    with pytest.raises(StaleRecord) as conflict, database.session() as session:
        mine_again = session.merge(my_copy, load=False)
        mine_again.phone = "+7 777 000 00 00"
    assert conflict.value.changed_by == "Айгерім Сапарова"
    with database.session() as session:
        saved = session.get(Person, person_id)
        assert saved.phone == "+7 701 111 22 33"  # their change stands, nothing overwritten
        assert saved.version == 2


def test_changes_are_stamped_and_audited_with_old_and_new_values(database: Database) -> None:
    office_id, user_id = add_office_and_user(database)
    person_id = add_person(database, office_id, user_id)
    with database.session(user_id) as session:
        session.get(Person, person_id).locality = "Шымкент"

    with database.session() as session:
        person = session.get(Person, person_id)
        entries = session.scalars(select(AuditEntry).where(AuditEntry.record_id == person_id)
                                  .order_by(AuditEntry.at)).all()
    assert person.created_by == user_id and person.updated_by == user_id
    assert [e.action for e in entries] == ["insert", "update"]
    assert entries[0].changes["given_name"] == [None, "Әлия"]
    assert entries[1].changes == {"locality": ["", "Шымкент"]}
    assert entries[1].user_id == user_id


def test_a_failed_unit_of_work_leaves_nothing_behind(database: Database) -> None:
    office_id, _ = add_office_and_user(database)
    with pytest.raises(RuntimeError), database.session() as session:
        session.add(Person(given_name="Ерлан", category_code="kandas", office_id=office_id))
        session.flush()
        raise RuntimeError("crash mid-way")
    with database.session() as session:
        assert session.scalars(select(Person)).all() == []
        assert session.scalars(select(AuditEntry).where(AuditEntry.table_name == "person")
                               ).all() == []


def test_password_hashes_never_reach_the_audit_log(database: Database) -> None:
    from desktop.services.auth import hash_password

    _office_id, user_id = add_office_and_user(database)
    with database.session() as session:
        session.get(User, user_id).password_hash = hash_password("first-password")
    with database.session() as session:
        session.get(User, user_id).password_hash = hash_password("second-password")
    with database.session() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.record_id == user_id)
                                  .order_by(AuditEntry.at)).all()
    changes = [entry.changes.get("password_hash") for entry in entries if entry.changes]
    assert changes[-2:] == [[None, "•••"], ["•••", "•••"]]
    assert "argon2" not in str([entry.changes for entry in entries])



def test_a_stale_save_names_the_record_that_went_stale_among_several_loaded(
        database: Database) -> None:
    """Two people loaded and both edited; only the second was changed meanwhile."""
    office_id, user_id = add_office_and_user(database)
    first = add_person(database, office_id, given_name="Бірінші")
    second = add_person(database, office_id, given_name="Екінші")
    with database.session() as mine:
        mine_first, mine_second = mine.get(Person, first), mine.get(Person, second)
    with database.session(user_id) as theirs:
        theirs.get(Person, second).phone = "+7 701 111 22 33"

    with pytest.raises(StaleRecord) as conflict, database.session() as session:
        for copy in (mine_first, mine_second):
            session.merge(copy, load=False).phone = "+7 777 000 00 00"
    assert conflict.value.record_id == second
    assert conflict.value.changed_by == "Айгерім Сапарова"
