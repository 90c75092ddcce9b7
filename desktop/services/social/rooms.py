"""The adaptation centre's temporary accommodation: rooms and beds per office, check-in
and check-out of a client and their family, overstays, occupancy.

Each person checked in takes one bed for every night from the check-in day to the day
before they leave: their check-out day, or, while they stay, the day after the last
night agreed (``planned_until``) — or today, for someone still there after it (an
overstay: they still take the bed). A check-in is refused when the room has fewer free
beds than people on any night of the planned stay, and for a person who already has a
stay on one of those nights, in any room.

A family checks in together: the client's stay and one for each household member
chosen, which name the client's (``with_stay_id``); checking the client out checks out
those still with them. Managers keep the office's rooms (PLAN_SERVICES); caseworkers
check their clients in and out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.errors import UniqueViolation
from db.models import Person, Room, Stay
from db.session import Database
from desktop.services.access import AccessDenied, Actor, Permission, pure, requires
from desktop.services.follow_ups import open_case_id, require_client
from desktop.services.household import household_of
from desktop.services.social.errors import Field, InvalidEntry, Problem
from desktop.services.social.referrals import MAX_TEXT
from desktop.services.versions import require_version

__all__ = [
    "MAX_BEDS",
    "MAX_STAY_DAYS",
    "AlreadyLeft",
    "CheckIn",
    "NoSuchRoom",
    "NoSuchStay",
    "Occupancy",
    "RoomEntry",
    "RoomFull",
    "RoomLine",
    "RoomTaken",
    "StayLine",
    "StayOverlaps",
    "bed_nights",
    "check_in",
    "check_out",
    "client_stays",
    "create_room",
    "extend_stay",
    "month_occupancy",
    "nights",
    "rooms",
    "set_room_active",
    "update_room",
]

MAX_BEDS = 50
MAX_STAY_DAYS = 366  # the rules allow a stay of months, not years; beyond is a typing slip
MAX_NAME = 60


class NoSuchRoom(LookupError):
    pass


class NoSuchStay(LookupError):
    pass


class RoomOccupied(Exception):
    """People stay in the room tonight: it keeps a bed for each, and stays in use."""

    def __init__(self, room: str, staying: int) -> None:
        super().__init__("room occupied")
        self.room, self.staying = room, staying


class AlreadyLeft(Exception):
    """The stay was checked out already."""

    def __init__(self, person: str, on: date) -> None:
        super().__init__("checked out")
        self.person, self.on = person, on


class RoomTaken(Exception):
    """The office has a room of that name already."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class RoomFull(Exception):
    """Fewer free beds than people, on the night named."""

    def __init__(self, room: str, free: int, wanted: int, night: date) -> None:
        super().__init__("room full")
        self.room, self.free, self.wanted, self.night = room, free, wanted, night


class StayOverlaps(Exception):
    """A person checked in has a stay on one of the nights already."""

    def __init__(self, person: str, room: str, since: date) -> None:
        super().__init__("stay overlaps")
        self.person, self.room, self.since = person, room, since


@dataclass(frozen=True)
class RoomEntry:
    name: str
    beds: int | None
    note: str = ""


@dataclass(frozen=True)
class CheckIn:
    room_id: uuid.UUID | None
    checked_in_on: date | None
    planned_until: date | None  # the last night agreed
    member_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)  # with the client
    note: str = ""


@dataclass(frozen=True)
class StayLine:
    id: uuid.UUID
    version: int
    person_id: uuid.UUID
    person: str
    room_id: uuid.UUID
    room: str
    with_stay_id: uuid.UUID | None
    checked_in_on: date
    planned_until: date
    checked_out_on: date | None
    overstay: bool  # still there after the last night agreed


@dataclass(frozen=True)
class RoomLine:
    id: uuid.UUID
    version: int
    name: str
    beds: int
    note: str
    active: bool
    stays: tuple[StayLine, ...]  # those in the room today

    @property
    def occupied(self) -> int:
        return len(self.stays)

    @property
    def free(self) -> int:
        return max(self.beds - self.occupied, 0)


@dataclass(frozen=True)
class Occupancy:
    beds: int
    occupied_today: int
    overstays: int
    bed_nights: int  # in the month
    bed_nights_available: int

    @property
    def rate(self) -> float | None:
        return self.bed_nights / self.bed_nights_available if self.bed_nights_available \
            else None


# ---- nights ----------------------------------------------------------------------------------

@pure
def nights(checked_in_on: date, planned_until: date, checked_out_on: date | None,
           today: date) -> tuple[date, date]:
    """The first night and the day after the last night the stay takes its bed."""
    if checked_out_on is not None:
        return checked_in_on, checked_out_on
    return checked_in_on, max(planned_until + timedelta(days=1), today + timedelta(days=1))


def _span(stay: Stay, today: date) -> tuple[date, date]:
    return nights(stay.checked_in_on, stay.planned_until, stay.checked_out_on, today)


def _busiest_night(stays: list[Stay], start: date, end: date,
                   today: date) -> tuple[int, date]:
    """The most beds taken on a night in [start, end), and that night."""
    most, busiest = 0, start
    night = start
    while night < end:
        taken = sum(1 for s in stays if _span(s, today)[0] <= night < _span(s, today)[1])
        if taken > most:
            most, busiest = taken, night
        night += timedelta(days=1)
    return most, busiest


# ---- rooms -------------------------------------------------------------------------------------

def _check_room(entry: RoomEntry) -> dict[Field, Problem]:
    problems: dict[Field, Problem] = {}
    if not entry.name.strip():
        problems[Field.ROOM_NAME] = Problem.REQUIRED
    elif len(entry.name.strip()) > MAX_NAME:
        problems[Field.ROOM_NAME] = Problem.TOO_LONG
    if entry.beds is None or not 1 <= entry.beds <= MAX_BEDS:
        problems[Field.BEDS] = Problem.OUT_OF_RANGE
    if len(entry.note.strip()) > MAX_TEXT:
        problems[Field.NOTE] = Problem.TOO_LONG
    return problems


def _office(actor: Actor, office_id: uuid.UUID | None) -> uuid.UUID:
    office = office_id or actor.office_id
    if office is None:
        raise AccessDenied(None)
    actor.require_office(office)
    return office


@requires(Permission.PLAN_SERVICES)
def create_room(database: Database, actor: Actor, entry: RoomEntry, *,
                office_id: uuid.UUID | None = None) -> uuid.UUID:
    """A room of the user's office (or ``office_id``'s). Raises InvalidEntry, RoomTaken."""
    problems = _check_room(entry)
    if problems:
        raise InvalidEntry(problems)
    office = _office(actor, office_id)
    try:
        with database.session(actor.user_id) as session:
            room = Room(office_id=office, name=entry.name.strip(), beds=entry.beds,
                        note=entry.note.strip())
            session.add(room)
            session.flush()
            return room.id
    except UniqueViolation as error:
        raise RoomTaken(entry.name.strip()) from error


@requires(Permission.PLAN_SERVICES)
def update_room(database: Database, actor: Actor, room_id: uuid.UUID, version: int,
                entry: RoomEntry, *, today: date | None = None) -> None:
    """Rename a room or change its beds: never below the beds taken tonight. Raises
    InvalidEntry, RoomTaken, RoomOccupied, StaleRecord."""
    today = today or date.today()
    problems = _check_room(entry)
    if problems:
        raise InvalidEntry(problems)
    try:
        with database.session(actor.user_id) as session:
            room = _room(session, actor, room_id, version)
            assert entry.beds is not None
            taken = len(_staying(session, room.id, today))
            if entry.beds < taken:
                raise RoomOccupied(room.name, taken)
            room.name, room.beds, room.note = entry.name.strip(), entry.beds, entry.note.strip()
            session.flush()
    except UniqueViolation as error:
        raise RoomTaken(entry.name.strip()) from error


@requires(Permission.PLAN_SERVICES)
def set_room_active(database: Database, actor: Actor, room_id: uuid.UUID, version: int,
                    active: bool, *, today: date | None = None) -> None:
    """Take a room out of use once nobody stays in it, or back. Raises RoomOccupied,
    StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        room = _room(session, actor, room_id, version)
        staying = _staying(session, room.id, today)
        if not active and staying:
            raise RoomOccupied(room.name, len(staying))
        room.active = active
        session.flush()


def _room(session: Session, actor: Actor, room_id: uuid.UUID, version: int | None) -> Room:
    room = session.get(Room, room_id)
    if room is None:
        raise NoSuchRoom(room_id)
    actor.require_office(room.office_id)
    if version is not None:
        require_version(session, room, version)
    return room


def _staying(session: Session, room_id: uuid.UUID, today: date) -> list[Stay]:
    """The stays taking a bed of the room tonight."""
    return [s for s in _room_stays(session, room_id, today, today + timedelta(days=1))
            if _span(s, today)[0] <= today < _span(s, today)[1]]


def _room_stays(session: Session, room_id: uuid.UUID, start: date, end: date) -> list[Stay]:
    """Every stay of the room that may take a bed in [start, end): not checked out
    before ``start``, checked in before ``end``."""
    return list(session.scalars(select(Stay).where(
        Stay.room_id == room_id, Stay.checked_in_on < end,
        or_(Stay.checked_out_on.is_(None), Stay.checked_out_on > start))))


@requires(Permission.WORK_WITH_CLIENTS)
def rooms(database: Database, actor: Actor, *, office_id: uuid.UUID | None = None,
          include_inactive: bool = False, today: date | None = None) -> list[RoomLine]:
    """The office's rooms with who stays in each tonight, by name."""
    today = today or date.today()
    office = _office(actor, office_id)
    with database.session() as session:
        query = select(Room).where(Room.office_id == office).order_by(Room.name)
        if not include_inactive:
            query = query.where(Room.active.is_(True))
        found = list(session.scalars(query))
        names = _names(session)
        return [RoomLine(r.id, r.version, r.name, r.beds, r.note, r.active,
                         tuple(_line(s, r.name, names, today)
                               for s in sorted(_staying(session, r.id, today),
                                               key=lambda s: (s.checked_in_on, s.id))))
                for r in found]


def _names(session: Session) -> dict[uuid.UUID, str]:
    """Everyone staying or who stayed, by id: a room list is tens of people."""
    rows = session.execute(select(Person.id, Person.surname, Person.given_name,
                                  Person.patronymic)
                           .where(Person.id.in_(select(Stay.person_id)))).all()
    return {r[0]: " ".join(p for p in r[1:] if p) for r in rows}


def _line(stay: Stay, room: str, names: dict[uuid.UUID, str], today: date) -> StayLine:
    return StayLine(stay.id, stay.version, stay.person_id, names.get(stay.person_id, ""),
                    stay.room_id, room, stay.with_stay_id, stay.checked_in_on,
                    stay.planned_until, stay.checked_out_on,
                    stay.checked_out_on is None and stay.planned_until < today)


# ---- stays -----------------------------------------------------------------------------------

@requires(Permission.WORK_WITH_CLIENTS)
def check_in(database: Database, actor: Actor, person_id: uuid.UUID, entry: CheckIn, *,
             today: date | None = None) -> uuid.UUID:
    """Check the client (and the household members chosen) into a room of their office.
    Raises RoomFull, StayOverlaps, InvalidEntry, AccessDenied; returns the client's stay."""
    today = today or date.today()
    problems: dict[Field, Problem] = {}
    if entry.room_id is None:
        problems[Field.ROOM] = Problem.REQUIRED
    if entry.checked_in_on is None:
        problems[Field.DAY] = Problem.REQUIRED
    elif entry.checked_in_on > today:
        problems[Field.DAY] = Problem.IN_FUTURE
    if entry.planned_until is None:
        problems[Field.UNTIL] = Problem.REQUIRED
    elif entry.checked_in_on is not None and not (
            entry.checked_in_on <= entry.planned_until
            <= entry.checked_in_on + timedelta(days=MAX_STAY_DAYS)):
        problems[Field.UNTIL] = Problem.OUT_OF_RANGE
    if len(entry.note.strip()) > MAX_TEXT:
        problems[Field.NOTE] = Problem.TOO_LONG
    if problems:
        raise InvalidEntry(problems)
    assert entry.room_id and entry.checked_in_on and entry.planned_until
    with database.session(actor.user_id) as session:
        person = require_client(session, actor, person_id)
        room = _room(session, actor, entry.room_id, None)
        if not room.active or room.office_id != person.office_id:
            raise InvalidEntry({Field.ROOM: Problem.UNKNOWN})
        household = household_of(session, person.id)
        if not entry.member_ids <= household - {person.id}:
            raise InvalidEntry({Field.MEMBERS: Problem.UNKNOWN})
        people = [person.id, *sorted(entry.member_ids)]
        start, end = entry.checked_in_on, entry.planned_until + timedelta(days=1)
        _refuse_overlaps(session, people, start, end, today)
        taken, night = _busiest_night(_room_stays(session, room.id, start, end), start, end,
                                      today)
        if taken + len(people) > room.beds:
            raise RoomFull(room.name, max(room.beds - taken, 0), len(people), night)
        case_id = open_case_id(session, person.id, person.office_id)
        lead = Stay(room_id=room.id, person_id=person.id, case_id=case_id,
                    checked_in_on=start, planned_until=entry.planned_until,
                    note=entry.note.strip())
        session.add(lead)
        session.flush()
        for member in people[1:]:
            session.add(Stay(room_id=room.id, person_id=member,
                             case_id=open_case_id(session, member, person.office_id),
                             with_stay_id=lead.id, checked_in_on=start,
                             planned_until=entry.planned_until))
        session.flush()
        return lead.id


def _refuse_overlaps(session: Session, people: list[uuid.UUID], start: date, end: date,
                     today: date) -> None:
    for stay in session.scalars(select(Stay).where(
            Stay.person_id.in_(people), Stay.checked_in_on < end,
            or_(Stay.checked_out_on.is_(None), Stay.checked_out_on > start))):
        first, after = _span(stay, today)
        if first < end and start < after:
            room = session.get(Room, stay.room_id)
            name = _names(session).get(stay.person_id, "")
            raise StayOverlaps(name, room.name if room else "", stay.checked_in_on)


@requires(Permission.WORK_WITH_CLIENTS)
def check_out(database: Database, actor: Actor, stay_id: uuid.UUID, version: int, on: date,
              *, today: date | None = None) -> int:
    """The person leaves on ``on`` (their last night was the one before), with the family
    members still with them; returns how many left. Raises InvalidEntry, StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        stay = _stay(session, actor, stay_id, version)
        if stay.checked_out_on is not None:
            raise AlreadyLeft(_names(session).get(stay.person_id, ""), stay.checked_out_on)
        if on > today:
            raise InvalidEntry({Field.DAY: Problem.IN_FUTURE})
        if on < stay.checked_in_on:
            raise InvalidEntry({Field.DAY: Problem.TOO_EARLY})
        leaving = [stay, *session.scalars(select(Stay).where(
            Stay.with_stay_id == stay.id, Stay.checked_out_on.is_(None),
            Stay.checked_in_on <= on))]
        for each in leaving:
            each.checked_out_on = on
        session.flush()
        return len(leaving)


@requires(Permission.WORK_WITH_CLIENTS)
def extend_stay(database: Database, actor: Actor, stay_id: uuid.UUID, version: int,
                planned_until: date, *, today: date | None = None) -> None:
    """A new last night for the stay and the family with it, if the room has the beds.
    Raises RoomFull, InvalidEntry, StaleRecord."""
    today = today or date.today()
    with database.session(actor.user_id) as session:
        stay = _stay(session, actor, stay_id, version)
        if stay.checked_out_on is not None or not (
                stay.checked_in_on <= planned_until
                <= stay.checked_in_on + timedelta(days=MAX_STAY_DAYS)):
            raise InvalidEntry({Field.UNTIL: Problem.OUT_OF_RANGE})
        group = [stay, *session.scalars(select(Stay).where(
            Stay.with_stay_id == stay.id, Stay.checked_out_on.is_(None)))]
        room = session.get(Room, stay.room_id)
        assert room is not None
        start = max(today, stay.checked_in_on)
        end = planned_until + timedelta(days=1)
        if end > start:
            others = [s for s in _room_stays(session, room.id, start, end)
                      if s not in group]
            taken, night = _busiest_night(others, start, end, today)
            if taken + len(group) > room.beds:
                raise RoomFull(room.name, max(room.beds - taken, 0), len(group), night)
        for each in group:
            each.planned_until = planned_until
        session.flush()


def _stay(session: Session, actor: Actor, stay_id: uuid.UUID, version: int) -> Stay:
    stay = session.get(Stay, stay_id)
    if stay is None:
        raise NoSuchStay(stay_id)
    require_client(session, actor, stay.person_id)
    require_version(session, stay, version)
    return stay


@requires(Permission.WORK_WITH_CLIENTS)
def client_stays(database: Database, actor: Actor, person_id: uuid.UUID, *,
                 today: date | None = None) -> list[StayLine]:
    """The client's stays, the latest first. AccessDenied for another office's client."""
    today = today or date.today()
    with database.session() as session:
        require_client(session, actor, person_id)
        names = _names(session)
        found = session.execute(select(Stay, Room.name).join(Room, Room.id == Stay.room_id)
                                .where(Stay.person_id == person_id)
                                .order_by(Stay.checked_in_on.desc())).all()
        return [_line(stay, room, names, today) for stay, room in found]


# ---- occupancy ------------------------------------------------------------------------------

@pure
def bed_nights(spans: list[tuple[date, date]], start: date, end: date) -> int:
    """Bed-nights of the spans (first night, day after the last) within [start, end)."""
    return sum(max((min(after, end) - max(first, start)).days, 0) for first, after in spans)


@requires(Permission.WORK_WITH_CLIENTS)
def month_occupancy(database: Database, actor: Actor, month: date, *,
                    office_id: uuid.UUID | None = None,
                    today: date | None = None) -> Occupancy:
    """The office's beds today, those taken tonight and overstaying, and the month's
    bed-nights taken against those available (the nights up to today in this month)."""
    today = today or date.today()
    office = _office(actor, office_id)
    first = month.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    end = min(after, today + timedelta(days=1))
    with database.session() as session:
        found = list(session.scalars(select(Room).where(Room.office_id == office)))
        beds = sum(r.beds for r in found if r.active)
        spans, tonight, overstays = [], 0, 0
        for room in found:
            for stay in _room_stays(session, room.id, first, after):
                spans.append(_span(stay, today))
            staying = _staying(session, room.id, today)
            tonight += len(staying)
            overstays += sum(1 for s in staying if s.planned_until < today)
        available = beds * max((end - first).days, 0)
        return Occupancy(beds, tonight, overstays, bed_nights(spans, first, end), available)
