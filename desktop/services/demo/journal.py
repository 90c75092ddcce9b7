"""The audit log of a demo client's two years: what their file's History tab shows.

The app's flush hook (``db.audit``) logs every record made or changed, by whom and when.
The demo writes the entries of a client's life with the centre, each dated the day its
step happened: the registration, the case opened (and closed), every consultation,
course enrolments and their outcome, job and training referrals and what came of them,
placements, social-service referrals step by step.

Left out, to keep a large demo quick to make: the log is its biggest table even so, and
its three indexes take each entry at a random place, crowding the page cache the search
index is built in (a log of every record made the 100,000-client demo half as slow again).
So nothing the other tabs show as it was made at the start (documents, the plan's goals,
spoken languages, the job-seeker profile), nor the caseworker's own tasks (follow-ups and
retention checks: the Follow-ups tab has them, done or not, with the day). Household
links neither: the History's search for links removed since reads every link's entry.
An entry logs what the History shows of its record, but the ids that only tie records
together (it hides them) and, after the case's own entries, the caseworker and office of
each step (the entry's author, the case's office).

Entry ids come from a generator of their own, so the demo's other rows are the same with
or without the log. Values are in the log's own form (``db.audit``): dates ISO, moments
ISO with a "T", ids with their dashes, as JSON written here (the json module's encoder,
called per entry, took a third of the time the whole log took).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Integer, Uuid

from db.base import Base

COLUMNS = ("id", "at", "user_id", "action", "table_name", "record_id", "changes")
# Kazakhstan's one time zone since March 2024: the log keeps UTC, the records local days.
UTC_OFFSET_HOURS = 5

# Ids that only tie records together: the History hides them (``client_file.history``).
_UNLOGGED = frozenset({"id", "person_id", "case_id", "group_id", "vacancy_id", "employer_id",
                       "provider_id", "job_referral_id", "placement_id", "follow_up_id",
                       "transferred_from_id", "sort_key"})
# Said by the entry itself, in the demo: its user is the record's caseworker, at the office
# the client's case is in (which the case's own entries name).
_SAID_BY_THE_ENTRY = frozenset({"caseworker_id", "office_id"})
_CASE_TABLES = frozenset({"person", "client_case"})
# What a later step changes, per table (the rest was there from the start).
_LATER = {
    "client_case": ("status", "closed_on", "closure_reason_code"),
    "course_enrolment": ("status", "finished_on", "level_after_code", "dropout_reason_code"),
    "job_referral": ("status", "outcome_on", "interview_on", "note"),
    "placement": ("ended_on",),
    "referral": ("status", "accepted_on", "closed_on", "amount", "outcome"),
}
# The local time of day each kind of step is written at: one day's records in the order a
# caseworker makes them, outcomes in the afternoon.
_HOURS = {"person": (10, 0), "client_case": (10, 5), "referral": (10, 30),
          "course_enrolment": (11, 0), "job_referral": (11, 30), "placement": (16, 5)}
_OUTCOME_AT = (16, 0)


def _utc(day: str, hour: int, minute: int) -> str:
    """A local hour of a day (from 5 on: the same day in UTC) as the log's moment."""
    return f"{day} {hour - UTC_OFFSET_HOURS:02d}:{minute:02d}:00.000000"


def _utc_moment(local: str) -> str:
    """A local moment of the working day, in storage form, as the log's (UTC) moment."""
    return f"{local[:11]}{int(local[11:13]) - UTC_OFFSET_HOURS:02d}{local[13:]}"


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json(value: Any) -> str:
    """A value in JSON; the demo's plain words go as they are (no quote, backslash or
    control character to escape), anything else through the json module."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is str and value.isprintable() and '"' not in value and "\\" not in value:
        return f'"{value}"'
    return _encode(value)


def _stored_json(value: Any, kind: str) -> str:
    """A stored value (``db.bulk``'s form) as the log writes it, in JSON."""
    if kind is WORD:
        return f'"{value}"' if type(value) is str else str(value)
    if kind is UUID:  # 32 hex digits: the log writes str(UUID)
        return f'"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"'
    if kind is MOMENT:  # "2026-11-25 10:00:00.000000" as datetime.isoformat() writes it
        return f'"{value[:10]}T{value[11:19]}"'
    if kind is BOOL:
        return "true" if value else "false"
    return _json(value)


# How a column's values are written: a bare word (a code, a date, a number: nothing to
# escape), an id, a moment, a yes/no, or text that may need JSON's escapes.
WORD, UUID, MOMENT, BOOL, TEXT = "word", "uuid", "moment", "bool", "text"


def _kind(column: Any) -> str:
    kind = column.type
    if isinstance(kind, Uuid):
        return UUID
    if isinstance(kind, DateTime):
        return MOMENT
    if isinstance(kind, Boolean):
        return BOOL
    if isinstance(kind, Date | Integer | Enum) or column.foreign_keys or column.key in (
            "sex", "citizenship", "country_of_origin", "preferred_language", "iin", "phone",
            "channel_code", "kind"):
        return WORD
    return TEXT


def _kinds(table: str, names: Iterable[str]) -> list[tuple[int, str, str]]:
    """The logged columns of a row: (position, '"name":[null,', how its value is written)."""
    columns = Base.metadata.tables[table].c
    return [(at, f'"{name}":[null,', _kind(columns[name])) for at, name in enumerate(names)
            if name not in _UNLOGGED
            and (table in _CASE_TABLES or name not in _SAID_BY_THE_ENTRY)]


class Journal:
    """Writes the audit entries of each client's rows, as ``History`` made them."""

    TABLES = ("person", "client_case", "consultation", "course_enrolment", "job_referral",
              "placement", "referral")

    def __init__(self, add: Callable[[str, tuple[Any, ...]], None],
                 columns: Mapping[str, tuple[str, ...]], today: date,
                 ids: random.Random) -> None:
        self.add = add
        self.today = today.isoformat()
        self.ids = ids
        self.pending: list[tuple[str, str, str, str | None, str, str]] = []
        self.written = 0
        self.position = {table: {name: at for at, name in enumerate(columns[table])}
                         for table in self.TABLES}
        self.kinds = {table: _kinds(table, columns[table]) for table in self.TABLES}
        self.kind_of = {table: {name: _kind(Base.metadata.tables[table].c[name])
                                for name in columns[table]} for table in self.TABLES}
        self.skip = {table: {self.position[table][name] for name in _LATER.get(table, ())}
                     for table in self.TABLES}

    def _entry(self, at: str, user: str | None, action: str, table: str, record: str,
               changes: list[str]) -> None:
        """``changes``: each field's '"name":[old,new]' in JSON."""
        self.pending.append((table, record, at, user, action, "{" + ",".join(changes) + "}"))

    def flush(self) -> None:
        """Hand the entries made since to the loader, in the order its indexes take best.

        The log's three indexes (its id; the record; the time) take rows at random
        places: sorted by record, a chunk's entries go into that index in one pass, and
        ids made in the order written (a count, then random bits) go at its end."""
        self.pending.sort()
        for table, record, at, user, action, changes in self.pending:
            self.add("audit_log", (self._next_id(), at, user, action, table, record, changes))
        self.pending.clear()

    def _next_id(self) -> str:
        # An RFC 9562 version-8 UUID: 48 bits of count, the version, 74 random bits.
        self.written += 1
        bits = self.written << 80 | self.ids.getrandbits(80)
        return f"{bits & ~(0xF << 76) & ~(0x3 << 62) | 0x8 << 76 | 0x2 << 62:032x}"

    def _created(self, table: str, row: tuple[Any, ...], at: str, user: str | None,
                 **first: Any) -> None:
        """The record as it was made: its values but those of later steps, and
        ``first``'s (its status then, a consultation's topics)."""
        skip = self.skip[table]
        changes = []
        # One loop, no call a field: the log is most of what a large demo writes.
        for place, prefix, kind in self.kinds[table]:
            value = row[place]
            if value is None or value == "" or place in skip:
                continue
            if kind is WORD:
                changes.append(f'{prefix}"{value}"]' if type(value) is str
                               else f"{prefix}{value}]")
            elif kind is UUID:
                changes.append(f'{prefix}"{value[:8]}-{value[8:12]}-{value[12:16]}-'
                               f'{value[16:20]}-{value[20:]}"]')
            elif kind is MOMENT:
                changes.append(f'{prefix}"{value[:10]}T{value[11:19]}"]')
            else:
                changes.append(f"{prefix}{_stored_json(value, kind)}]")
        changes += [f'"{name}":[null,{_json(value)}]' for name, value in first.items()]
        self._entry(at, user, "insert", table, row[0], changes)

    def _changed(self, table: str, row: tuple[Any, ...], at: str, user: str | None,
                 before: Mapping[str, Any], names: tuple[str, ...] | None = None) -> None:
        """The step that gave ``names`` (``_LATER``'s) the row's values; ``before``: the
        values they had (None if not given)."""
        position, kinds = self.position[table], self.kind_of[table]
        changes = []
        for name in names or _LATER[table]:
            value = row[position[name]]
            new = "null" if value is None or value == "" else _stored_json(value, kinds[name])
            old = _json(before.get(name))
            if new != old:
                changes.append(f'"{name}":[{old},{new}]')
        if changes:
            self._entry(at, user, "update", table, row[0], changes)

    def person(self, row: tuple[Any, ...], first_contact: date) -> None:
        """The client's registration: their profile as the intake form saved it."""
        position = self.position["person"]
        registered = min(row[position["consent_date"]] or self.today, first_contact.isoformat())
        self._created("person", row, _utc(registered, *_HOURS["person"]),
                      row[position["consent_recorded_by"]])

    def client(self, rows: Mapping[str, list[tuple[Any, ...]]]) -> None:
        """Every step of one client's history, from the rows ``History`` wrote for them."""
        at = self.position
        worker = rows["client_case"][0][at["client_case"]["caseworker_id"]]
        for case in rows["client_case"]:
            self._case(case)
        topics: dict[str, list[str]] = defaultdict(list)
        for consultation_id, topic in rows.get("consultation_topic_link", ()):
            topics[consultation_id].append(topic)
        held, advised_by = at["consultation"]["held_at"], at["consultation"]["caseworker_id"]
        for consultation in rows.get("consultation", ()):
            self._created("consultation", consultation, _utc_moment(consultation[held]),
                          consultation[advised_by], topics=sorted(topics[consultation[0]]))
        self._courses(rows.get("course_enrolment", ()), worker)
        self._jobs(rows, worker)
        self._referrals(rows)

    def _case(self, case: tuple[Any, ...]) -> None:
        at = self.position["client_case"]
        worker = case[at["caseworker_id"]]
        self._created("client_case", case, _utc(case[at["opened_on"]], *_HOURS["client_case"]),
                      worker, status="open")
        if case[at["closed_on"]] is not None:
            self._changed("client_case", case, _utc(case[at["closed_on"]], *_OUTCOME_AT),
                          worker, {"status": "open"})

    def _courses(self, enrolments: Iterable[tuple[Any, ...]], worker: str | None) -> None:
        at = self.position["course_enrolment"]
        for enrolment in enrolments:
            status, waiting = enrolment[at["status"]], enrolment[at["waiting_since"]]
            first = "waiting" if status == "waiting" else "enrolled"
            # waiting_since is a UTC moment already: when the list was joined
            when = (waiting if waiting is not None
                    else _utc(enrolment[at["enrolled_on"]], *_HOURS["course_enrolment"]))
            self._created("course_enrolment", enrolment, when, worker, status=first)
            if status not in ("waiting", "enrolled"):
                self._changed("course_enrolment", enrolment,
                              _utc(enrolment[at["finished_on"]], *_OUTCOME_AT), worker,
                              {"status": first})

    def _jobs(self, rows: Mapping[str, list[tuple[Any, ...]]], worker: str | None) -> None:
        """Job and training referrals, and the placements they led to."""
        at = self.position["job_referral"]
        for referral in rows.get("job_referral", ()):
            who = referral[at["caseworker_id"]]
            self._created("job_referral", referral,
                          _utc(referral[at["referred_on"]], *_HOURS["job_referral"]), who,
                          status="referred")
            if referral[at["status"]] != "referred":
                self._changed("job_referral", referral,
                              _utc(referral[at["outcome_on"]], *_OUTCOME_AT), who,
                              {"status": "referred"})
        placed = self.position["placement"]
        for placement in rows.get("placement", ()):
            self._created("placement", placement,
                          _utc(placement[placed["started_on"]], *_HOURS["placement"]), worker)
            if placement[placed["ended_on"]] is not None:
                self._changed("placement", placement,
                              _utc(placement[placed["ended_on"]], *_OUTCOME_AT), worker, {})

    def _referrals(self, rows: Mapping[str, list[tuple[Any, ...]]]) -> None:
        """Social-service referrals, and a step for each change of status they went
        through (their status_change rows); the last one gave the outcome."""
        at = self.position["referral"]
        steps: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for _id, table, subject, status, changed_at, _note in rows.get("status_change", ()):
            if table == "referral" and status != "referred":
                steps[subject].append((changed_at, status))
        for referral in rows.get("referral", ()):
            who = referral[at["caseworker_id"]]
            self._created("referral", referral,
                          _utc(referral[at["referred_on"]], *_HOURS["referral"]), who,
                          status="referred")
            taken = sorted(steps[referral[0]])
            status = "referred"
            for changed_at, new in taken[:-1]:
                self._entry(_utc_moment(changed_at), who, "update", "referral", referral[0],
                            [f'"status":[{_json(status)},{_json(new)}]'])
                status = new
            if taken:
                self._changed("referral", referral, _utc_moment(taken[-1][0]), who,
                              {"status": status})
