"""A client's household: linking family members, unlinking them, and counting the household.

A link (``db.models.HouseholdLink``) says "``related_person`` is ``person``'s
<relationship>" and is recorded once, from the file it was made on; each of the
two files shows it from its own side (``client_file.loading`` inverts it: the
child on a parent's file is that child's parent on theirs). So a pair of people
has at most one link, in either direction.

Each write is one unit of work, checked inside it: the user may work with both
people (a caseworker only with their own office's clients), the relationship is
an active one of the ``relationship`` list, nobody is linked to themself, and no
link between the two exists yet. The audit log records the link and its removal,
and the change names both people, so both files reload.

The household is everyone joined to the client through links, directly or not
(the spouse, the spouse's children, the children's grandparent): demo and real
families are recorded around one member, so counting only direct links would give
a child a household of two. ``household_size`` is the number the entitlement rules
(a subsidy per family member) will use; it is the same from every member's file.
"""

from __future__ import annotations

import enum
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, and_, or_, select
from sqlalchemy.orm import Session

from db.models import HouseholdLink, Person
from db.models.reference import Relationship
from db.queries.clients import search_page
from db.session import Database
from desktop.domain.iin import mask_iin
from desktop.i18n import current_language
from desktop.services.access import (
    AccessDenied,
    Actor,
    Denial,
    Permission,
    pure,
    requires,
    within_checked_call,
)
from desktop.services.auth import check_person_office
from desktop.services.client_file.loading import relationship_label
from desktop.services.follow_ups import NoSuchClient, require_client

__all__ = ["AlreadyLinked", "Candidacy", "Candidate", "ForeignMember", "LinkToSelf",
           "NoSuchLink", "UnknownRelationship", "candidates", "household_members",
           "household_of", "household_size", "link_members", "unlink_members"]

RELATIONSHIPS = "relationship"  # the reference list a link's relationship comes from


class LinkToSelf(ValueError):
    """A client chosen as a member of their own household."""


class AlreadyLinked(Exception):
    """The two are linked already, in one direction or the other."""

    def __init__(self, name: str, relationship: str) -> None:
        super().__init__("already linked")
        self.name = name  # the member, as their file names them
        self.relationship = relationship  # who they are to the client, in the UI language


class UnknownRelationship(ValueError):
    """A relationship code that is not an active item of the list (or none at all)."""

    def __init__(self, code: str | None) -> None:
        super().__init__(f"unknown relationship {code!r}")
        self.code = code


class ForeignMember(AccessDenied):
    """The other person is a client of an office other than the only one this user
    works in: their file, links included, is that office's (or a manager's) to change."""

    def __init__(self) -> None:
        super().__init__(None, Denial.OFFICE)


class NoSuchLink(LookupError):
    """The link is gone (someone unlinked the two meanwhile), or is not this client's."""


class Candidacy(enum.Enum):
    AVAILABLE = "available"
    THIS_CLIENT = "this_client"  # the client whose household it is
    LINKED = "linked"  # in the household already


@dataclass(frozen=True)
class Candidate:
    """A search result in the link dialog, with whether the person may be linked."""

    id: uuid.UUID
    name: str
    name_latin: str
    birth_date: date | None
    iin_masked: str
    category: str
    candidacy: Candidacy


def _require_member(session: Session, actor: Actor, member_id: uuid.UUID) -> Person:
    """The other person of a link; ForeignMember rather than the file's refusal, since
    the user is on a file they may work with and asks about someone else."""
    person = session.get(Person, member_id)
    if person is None:
        raise NoSuchClient(member_id)
    scope = actor.office_scope
    if scope is not None and person.office_id != scope:
        raise ForeignMember()
    return person


def _link_between(session: Session, one: uuid.UUID, other: uuid.UUID) -> HouseholdLink | None:
    link = HouseholdLink
    return session.scalars(select(link).where(or_(
        and_(link.person_id == one, link.related_person_id == other),
        and_(link.person_id == other, link.related_person_id == one)))).first()


@requires(Permission.WORK_WITH_CLIENTS)
def link_members(database: Database, actor: Actor, person_id: uuid.UUID,
                 member_id: uuid.UUID, relationship_code: str | None) -> uuid.UUID:
    """Record that ``member_id`` is ``person_id``'s ``relationship_code`` (their child, say);
    returns the link's id.

    Raises LinkToSelf, AccessDenied (the client of another office), ForeignMember (the
    member of another office), NoSuchClient, UnknownRelationship, AlreadyLinked.
    """
    if person_id == member_id:
        raise LinkToSelf(person_id)
    with database.session(actor.user_id) as session:
        require_client(session, actor, person_id)
        member = _require_member(session, actor, member_id)
        relationship = (session.get(Relationship, relationship_code)
                        if relationship_code else None)
        if relationship is None or not relationship.active:
            raise UnknownRelationship(relationship_code)
        existing = _link_between(session, person_id, member_id)
        if existing is not None:
            language = current_language()
            labels = {r.code: getattr(r, f"label_{language}")
                      for r in session.scalars(select(Relationship))}
            raise AlreadyLinked(member.full_name, relationship_label(
                existing.relationship_code, existing.person_id == person_id, labels))
        link = HouseholdLink(person_id=person_id, related_person_id=member_id,
                             relationship_code=relationship.code)
        session.add(link)
        session.flush()
        return link.id


@requires(Permission.WORK_WITH_CLIENTS)
def unlink_members(database: Database, actor: Actor, person_id: uuid.UUID,
                   link_id: uuid.UUID) -> uuid.UUID:
    """Remove the link ``link_id`` from ``person_id``'s household (the other person's too:
    it is one link); both files stay. Returns the link's id.

    Raises NoSuchLink, AccessDenied, ForeignMember, NoSuchClient.
    """
    with database.session(actor.user_id) as session:
        require_client(session, actor, person_id)
        link = session.get(HouseholdLink, link_id)
        if link is None or person_id not in (link.person_id, link.related_person_id):
            raise NoSuchLink(link_id)
        other = link.related_person_id if link.person_id == person_id else link.person_id
        _require_member(session, actor, other)
        session.delete(link)
        return link_id


@pure
def household_members(person_id: uuid.UUID,
                      links: Iterable[tuple[uuid.UUID, uuid.UUID]]) -> frozenset[uuid.UUID]:
    """The person and everyone joined to them through ``links`` (pairs, either way round),
    each once however many links reach them."""
    neighbours: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for one, other in links:
        neighbours[one].add(other)
        neighbours[other].add(one)
    members, waiting = {person_id}, [person_id]
    while waiting:
        for other in neighbours[waiting.pop()] - members:
            members.add(other)
            waiting.append(other)
    return frozenset(members)


@requires(Permission.WORK_WITH_CLIENTS)
def household_size(database: Database, actor: Actor, person_id: uuid.UUID) -> int:
    """How many people the client's household has, the client included (1: nobody linked).

    Members of another office count too: a family is one whoever registered each member.
    Raises AccessDenied for another office's client, NoSuchClient for none.
    """
    with database.reading() as connection:
        office = connection.scalar(select(Person.office_id).where(Person.id == person_id))
        if office is None:
            raise NoSuchClient(person_id)
        scope = actor.office_scope
        if scope is not None and office != scope:
            raise AccessDenied(None)
        return len(household_of(connection, person_id))


@within_checked_call
def household_of(connection: Connection | Session,
                 person_id: uuid.UUID) -> frozenset[uuid.UUID]:
    """The client and everyone in their household, read on the caller's connection."""
    link = HouseholdLink
    # One indexed query per step outwards: a household is a handful of steps wide.
    pairs: set[tuple[uuid.UUID, uuid.UUID]] = set()
    reached, frontier = {person_id}, {person_id}
    while frontier:
        found = connection.execute(select(link.person_id, link.related_person_id).where(
            link.person_id.in_(frontier) | link.related_person_id.in_(frontier))).all()
        pairs.update((one, other) for one, other in found)
        frontier = {p for pair in found for p in pair} - reached
        reached |= frontier
    return household_members(person_id, pairs)


@requires(Permission.WORK_WITH_CLIENTS)
def candidates(database: Database, actor: Actor, person_id: uuid.UUID, text: str,
               limit: int = 20) -> list[Candidate]:
    """Clients matching ``text`` (any part of a name, in any script, or of the IIN), best
    first, among those this user may see; each says whether it may join the household."""
    text = text.strip()
    if not text:
        return []
    link = HouseholdLink
    with database.reading() as connection:
        check_person_office(connection, actor, person_id)
        rows = search_page(connection, current_language(), text, limit, 0, actor.office_scope)
        linked = {other for pair in connection.execute(
            select(link.person_id, link.related_person_id).where(
                (link.person_id == person_id) | (link.related_person_id == person_id)))
            for other in pair}
    result = []
    for row in rows:
        candidacy = (Candidacy.THIS_CLIENT if row.id == person_id
                     else Candidacy.LINKED if row.id in linked else Candidacy.AVAILABLE)
        result.append(Candidate(row.id, row.name, row.name_latin, row.birth_date,
                                mask_iin(row.iin), row.category, candidacy))
    return result
