"""What a unit of work changed: the tables, the record ids and the people they concern.

The flush hook that writes the audit log sees every record a session inserts,
updates or deletes; it notes them here, and a committed session hands them to
whoever is collecting on this thread (the window's operation runner), so that
every open screen can refresh what it shows. Nothing is collected when nobody
asks: the command line pays nothing for it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """``records`` holds (table, id) pairs; ``people`` the persons whose file they touch."""

    records: frozenset[tuple[str, uuid.UUID]] = frozenset()
    people: frozenset[uuid.UUID] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.records)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.records | other.records, self.people | other.people)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(table for table, _id in self.records)

    def touches(self, *tables: str) -> bool:
        return not self.tables.isdisjoint(tables)

    def ids(self, table: str) -> frozenset[uuid.UUID]:
        return frozenset(record_id for name, record_id in self.records if name == table)


@dataclass
class Collector:
    records: set[tuple[str, uuid.UUID]] = field(default_factory=set)
    people: set[uuid.UUID] = field(default_factory=set)

    def add(self, changes: Changes) -> None:
        self.records |= changes.records
        self.people |= changes.people

    def changes(self) -> Changes:
        return Changes(frozenset(self.records), frozenset(self.people))


_collector: ContextVar[Collector | None] = ContextVar("qadam_changes", default=None)


@contextmanager
def collecting() -> Iterator[Collector]:
    """Gather what every session committed inside the block (on this thread) changed."""
    collector = Collector()
    token = _collector.set(collector)
    try:
        yield collector
    finally:
        _collector.reset(token)


def committed(records: Iterable[tuple[str, uuid.UUID]], people: Iterable[uuid.UUID]) -> None:
    """Called once a session has committed: only then did its changes happen."""
    collector = _collector.get()
    if collector is not None:
        collector.add(Changes(frozenset(records), frozenset(people)))
