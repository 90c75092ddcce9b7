"""Duplicate files: the tombstones merges leave and the pairs confirmed distinct, read by id.

A merged person's row is gone; its tombstone keeps the id and points to the person kept.
Merging repoints older tombstones to the new kept person, so one hop is the rule; chains
are followed all the same (an office's sync may bring a tombstone whose kept person was
itself merged here).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, select

from db.models import DistinctPair, PersonTombstone

MAX_HOPS = 32  # a cycle of tombstones is a bug; never loop on it


@dataclass(frozen=True, slots=True)
class TombstoneRow:
    merged_person_id: uuid.UUID
    kept_person_id: uuid.UUID
    merged_at: datetime
    summary: dict[str, Any]


def tombstone(connection: Connection, merged_id: uuid.UUID) -> TombstoneRow | None:
    row = connection.execute(
        select(PersonTombstone.merged_person_id, PersonTombstone.kept_person_id,
               PersonTombstone.merged_at, PersonTombstone.summary)
        .where(PersonTombstone.merged_person_id == merged_id)).first()
    return None if row is None else TombstoneRow(row[0], row[1], row[2], row[3] or {})


def resolve(connection: Connection, person_id: uuid.UUID) -> uuid.UUID:
    """The id of the person ``person_id`` is now: itself unless it was merged away."""
    current = person_id
    for _hop in range(MAX_HOPS):
        kept = connection.scalar(select(PersonTombstone.kept_person_id)
                                 .where(PersonTombstone.merged_person_id == current))
        if kept is None:
            return current
        current = kept
    return current


def merged_into(person_id: uuid.UUID) -> Select[tuple[uuid.UUID]]:
    """The ids of the people merged into ``person_id`` (a subquery, for the history)."""
    return select(PersonTombstone.merged_person_id).where(
        PersonTombstone.kept_person_id == person_id)


def distinct_from(connection: Connection, person_id: uuid.UUID) -> set[uuid.UUID]:
    """Everyone a user confirmed is not the same person as ``person_id``."""
    pair = DistinctPair
    rows = connection.execute(
        select(pair.person_low_id, pair.person_high_id)
        .where((pair.person_low_id == person_id) | (pair.person_high_id == person_id)))
    return {other for row in rows for other in row if other != person_id}


def ordered_pair(one: uuid.UUID, other: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID]:
    """(low, high) as ``distinct_person_pair`` stores a pair: the smaller id first, compared
    as the database compares them (32 hex digits on SQLite, 16 bytes on PostgreSQL: both
    the order of the integers)."""
    return (one, other) if one.int < other.int else (other, one)
