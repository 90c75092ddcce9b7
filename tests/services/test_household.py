"""The household service: linking, unlinking, the household's size, and every refusal, on a
real demo database file."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from db.changes import collecting
from db.models import AuditEntry, HouseholdLink
from db.models.reference import Relationship
from db.session import Database
from desktop.services import client_file, household
from desktop.services.access import AccessDenied, Actor, Denial
from desktop.services.auth import log_in
from desktop.services.follow_ups import NoSuchClient
from desktop.services.household import (
    AlreadyLinked,
    Candidacy,
    ForeignMember,
    LinkToSelf,
    NoSuchLink,
    UnknownRelationship,
)
from desktop.services.messages import describe, knows
from tests.conftest import DEMO_TODAY

# Demo clients who are in nobody's household yet: what a test links is all there is.
ALONE = ("p.id NOT IN (SELECT person_id FROM household_link) "
         "AND p.id NOT IN (SELECT related_person_id FROM household_link)")


def people(demo_path: Path, office: str, count: int = 2, where: str = ALONE) -> list[uuid.UUID]:
    with sqlite3.connect(demo_path) as connection:
        rows = connection.execute(
            f"SELECT p.id FROM person p JOIN office o ON o.id = p.office_id "
            f"WHERE o.code = ? AND ({where}) ORDER BY p.sort_key LIMIT ?",
            (office, count)).fetchall()
    assert len(rows) == count, f"not {count} demo clients of {office} where {where}"
    return [uuid.UUID(row[0]) for row in rows]


def name_of(demo_path: Path, person: uuid.UUID) -> tuple[str, str]:
    """Surname and given name, as stored."""
    with sqlite3.connect(demo_path) as connection:
        return connection.execute("SELECT surname, given_name FROM person WHERE id = ?",
                                  (person.hex,)).fetchone()


def links(database: Database) -> list[tuple[uuid.UUID, uuid.UUID, str]]:
    with database.session() as session:
        return [(r.person_id, r.related_person_id, r.relationship_code)
                for r in session.scalars(select(HouseholdLink))]


def members(database: Database, actor: Actor, person: uuid.UUID) -> dict[uuid.UUID, Any]:
    file = client_file.load_file(database, actor, person, DEMO_TODAY)
    return {h.person_id: h for h in file.household}


@pytest.fixture
def caseworker(demo_database: Database) -> Actor:
    return log_in(demo_database, "cw1.ast", "qadam-caseworker")


@pytest.fixture
def manager(demo_database: Database) -> Actor:
    return log_in(demo_database, "manager.ast", "qadam-manager")


def test_a_link_shows_on_both_files_each_from_its_own_side(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    parent, child = people(demo_path, "AST")
    with collecting() as collected:
        link_id = household.link_members(demo_database, caseworker, parent, child, "child")
    changes = collected.changes()
    assert changes.people == {parent, child}  # both files reload
    assert changes.ids("household_link") == {link_id}

    on_parents = members(demo_database, caseworker, parent)[child]
    on_childs = members(demo_database, caseworker, child)[parent]
    assert (on_parents.relationship, on_parents.link_id, on_parents.recorded_here) == (
        "Child", link_id, True)
    assert (on_childs.relationship, on_childs.link_id, on_childs.recorded_here) == (
        "Parent", link_id, False)
    assert on_parents.accessible and on_childs.accessible
    assert (parent, child, "child") in links(demo_database)
    with demo_database.session() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.table_name == "household_link", AuditEntry.record_id == link_id)).one()
    assert entry.action == "insert" and entry.user_id == caseworker.user_id
    assert entry.changes["relationship_code"] == [None, "child"]


def test_symmetric_and_guardian_links_read_from_the_other_side(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    one, spouse, ward = people(demo_path, "AST", 3)
    household.link_members(demo_database, caseworker, one, spouse, "spouse")
    household.link_members(demo_database, caseworker, ward, one, "guardian")
    assert members(demo_database, caseworker, spouse)[one].relationship == "Spouse"
    assert members(demo_database, caseworker, ward)[one].relationship == "Guardian"
    assert members(demo_database, caseworker, one)[ward].relationship == (
        "Ward (under their guardianship)")


def test_unlinking_removes_the_link_from_both_files_and_the_log_keeps_it(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    parent, child = people(demo_path, "AST")
    link_id = household.link_members(demo_database, caseworker, parent, child, "child")
    with collecting() as collected:
        # From the child's file, where the link shows as their parent: the same one link.
        assert household.unlink_members(demo_database, caseworker, child, link_id) == link_id
    assert collected.changes().people == {parent, child}
    assert child not in members(demo_database, caseworker, parent)
    assert parent not in members(demo_database, caseworker, child)
    assert all(parent not in link[:2] for link in links(demo_database))
    with demo_database.session() as session:
        actions = session.scalars(select(AuditEntry.action).where(
            AuditEntry.table_name == "household_link", AuditEntry.record_id == link_id)
            .order_by(AuditEntry.at)).all()
    assert actions == ["insert", "delete"]

    with pytest.raises(NoSuchLink):  # unlinked meanwhile, by someone else
        household.unlink_members(demo_database, caseworker, parent, link_id)


def test_a_link_is_unlinked_only_from_one_of_its_two_files(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    parent, child, stranger = people(demo_path, "AST", 3)
    link_id = household.link_members(demo_database, caseworker, parent, child, "child")
    with pytest.raises(NoSuchLink):
        household.unlink_members(demo_database, caseworker, stranger, link_id)
    assert members(demo_database, caseworker, parent)[child].link_id == link_id


def test_linking_a_client_to_themself_is_refused(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    (person,) = people(demo_path, "AST", 1)
    with pytest.raises(LinkToSelf) as refused:
        household.link_members(demo_database, caseworker, person, person, "sibling")
    assert describe(refused.value) == ("A client cannot be a member of their own household: "
                                       "choose someone else.")
    assert all(person not in link[:2] for link in links(demo_database))


def test_a_link_that_exists_in_either_direction_is_refused(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    parent, child = people(demo_path, "AST")
    household.link_members(demo_database, caseworker, parent, child, "child")
    before = links(demo_database)
    with pytest.raises(AlreadyLinked) as same_way:
        household.link_members(demo_database, caseworker, parent, child, "sibling")
    with pytest.raises(AlreadyLinked) as other_way:
        household.link_members(demo_database, caseworker, child, parent, "parent")
    assert links(demo_database) == before
    surname, given_name = name_of(demo_path, child)
    assert same_way.value.relationship == "Child"  # as the parent's file shows it
    assert other_way.value.relationship == "Parent"  # as the child's file shows it
    text = describe(same_way.value)
    assert surname in text and given_name in text and "(Child)" in text
    assert "already in this household" in text


def test_a_caseworker_may_not_link_a_client_of_another_office(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    (mine,) = people(demo_path, "AST", 1)
    (theirs,) = people(demo_path, "ALA", 1)
    with pytest.raises(ForeignMember) as refused:
        household.link_members(demo_database, caseworker, mine, theirs, "spouse")
    assert refused.value.reason is Denial.OFFICE
    assert "another office" in describe(refused.value)
    with pytest.raises(AccessDenied) as on_their_file:  # nor from the other office's file
        household.link_members(demo_database, caseworker, theirs, mine, "spouse")
    assert not isinstance(on_their_file.value, ForeignMember)
    assert all(mine not in link[:2] for link in links(demo_database))


def test_a_manager_links_across_offices_but_a_caseworker_may_not_unlink_it(
        demo_database: Database, demo_path: Path, caseworker: Actor, manager: Actor) -> None:
    (mine,) = people(demo_path, "AST", 1)
    (theirs,) = people(demo_path, "ALA", 1)
    link_id = household.link_members(demo_database, manager, mine, theirs, "spouse")
    member = members(demo_database, caseworker, mine)[theirs]
    assert not member.accessible  # shown, but their file is not this caseworker's to open
    with pytest.raises(ForeignMember):
        household.unlink_members(demo_database, caseworker, mine, link_id)
    assert household.household_size(demo_database, caseworker, mine) == 2
    household.unlink_members(demo_database, manager, theirs, link_id)
    assert household.household_size(demo_database, caseworker, mine) == 1


def test_a_relationship_not_in_the_list_is_refused(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    one, other = people(demo_path, "AST")
    with demo_database.session() as session:
        session.execute(update(Relationship).where(Relationship.code == "other_relative")
                        .values(active=False))
    for code in ("cousin", "", None, "other_relative"):
        with pytest.raises(UnknownRelationship) as refused:
            household.link_members(demo_database, caseworker, one, other, code)
        assert refused.value.code == code
    assert describe(refused.value) == "Choose the relationship from the list."
    assert all(one not in link[:2] for link in links(demo_database))


def test_a_missing_person_is_refused(demo_database: Database, demo_path: Path,
                                     caseworker: Actor) -> None:
    (person,) = people(demo_path, "AST", 1)
    with pytest.raises(NoSuchClient):
        household.link_members(demo_database, caseworker, person, uuid.uuid4(), "child")
    with pytest.raises(NoSuchClient):
        household.household_size(demo_database, caseworker, uuid.uuid4())


def test_every_refusal_has_a_sentence_of_its_own() -> None:
    for error in (LinkToSelf(uuid.uuid4()), AlreadyLinked("Ә", "Child"),
                  UnknownRelationship("x"), ForeignMember(), NoSuchLink(uuid.uuid4())):
        assert knows(error), error


def test_the_household_size_counts_everyone_joined_once(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    a, b, c, d, e = people(demo_path, "AST", 5)
    size = household.household_size
    assert size(demo_database, caseworker, a) == 1  # nobody linked: the client alone
    household.link_members(demo_database, caseworker, a, b, "spouse")
    household.link_members(demo_database, caseworker, a, c, "child")
    household.link_members(demo_database, caseworker, b, c, "child")  # reached twice
    household.link_members(demo_database, caseworker, d, c, "grandchild")  # through the child
    assert [size(demo_database, caseworker, p) for p in (a, b, c, d)] == [4, 4, 4, 4]
    assert size(demo_database, caseworker, e) == 1


def test_the_household_size_of_a_demo_family_is_the_same_from_every_member(
        demo_database: Database, demo_path: Path, manager: Actor) -> None:
    with sqlite3.connect(demo_path) as connection:
        head, count = connection.execute(
            "SELECT person_id, count(*) FROM household_link GROUP BY person_id "
            "HAVING count(*) >= 2 LIMIT 1").fetchone()
        relatives = [uuid.UUID(r[0]) for r in connection.execute(
            "SELECT related_person_id FROM household_link WHERE person_id = ?", (head,))]
    sizes = {household.household_size(demo_database, manager, p)
             for p in (uuid.UUID(head), *relatives)}
    assert sizes == {count + 1}


def test_the_household_size_is_refused_for_another_offices_client(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    (theirs,) = people(demo_path, "ALA", 1)
    with pytest.raises(AccessDenied):
        household.household_size(demo_database, caseworker, theirs)


def test_household_members_is_the_rule_without_the_database() -> None:
    a, b, c, d, e = (uuid.uuid4() for _i in range(5))
    members_of = household.household_members
    assert members_of(a, []) == {a}
    assert members_of(a, [(a, b), (b, a), (c, a), (b, c), (c, d)]) == {a, b, c, d}
    assert members_of(e, [(a, b), (c, d)]) == {e}
    assert members_of(d, [(a, b), (b, c), (c, d)]) == {a, b, c, d}  # a chain, from its end


def test_candidates_are_searched_in_the_users_office_and_say_who_may_join(
        demo_database: Database, demo_path: Path, caseworker: Actor, manager: Actor) -> None:
    parent, child = people(demo_path, "AST")
    household.link_members(demo_database, caseworker, parent, child, "child")
    surname, _given = name_of(demo_path, parent)
    found = household.candidates(demo_database, caseworker, parent, surname[:4], 50)
    by_id = {c.id: c for c in found}
    assert by_id[parent].candidacy is Candidacy.THIS_CLIENT
    child_surname, _ = name_of(demo_path, child)
    found_child = household.candidates(demo_database, caseworker, parent, child_surname, 50)
    assert {c.id: c.candidacy for c in found_child}[child] is Candidacy.LINKED
    assert household.candidates(demo_database, caseworker, parent, "   ") == []

    with sqlite3.connect(demo_path) as connection:
        ast = {uuid.UUID(r[0]) for r in connection.execute(
            "SELECT p.id FROM person p JOIN office o ON o.id = p.office_id "
            "WHERE o.code = 'AST'")}
    (theirs,) = people(demo_path, "ALA", 1)
    their_surname, _ = name_of(demo_path, theirs)
    for_caseworker = household.candidates(demo_database, caseworker, parent, their_surname, 50)
    assert {c.id for c in for_caseworker} <= ast  # another office's clients are not offered
    for_manager = household.candidates(demo_database, manager, parent, their_surname, 50)
    assert theirs in {c.id for c in for_manager}
    assert all(c.iin_masked.startswith("••••••••") for c in for_manager if c.iin_masked)

    (alien,) = people(demo_path, "ALA", 1)
    with pytest.raises(AccessDenied):  # searching for another office's client's household
        household.candidates(demo_database, caseworker, alien, surname)


def test_the_history_of_both_files_keeps_a_link_after_it_was_removed(
        demo_database: Database, demo_path: Path, caseworker: Actor) -> None:
    parent, child = people(demo_path, "AST")
    link_id = household.link_members(demo_database, caseworker, parent, child, "child")
    household.unlink_members(demo_database, caseworker, parent, link_id)
    for person in (parent, child):
        history = client_file.load_file(demo_database, caseworker, person, DEMO_TODAY).history
        steps = [(h.action, h.record) for h in history if h.record.startswith("Household")]
        assert steps == [("Deleted", "Household member"), ("Created", "Household member")]
        created = next(h for h in history if h.action == "Created"
                       and h.record == "Household member")
        assert ("Relationship", "—", "Child") in created.changes
