"""State support counted in MRP for a hand-built family, and the adaptation centre's rooms:
what a caseworker records and what they are refused."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from db.errors import StaleRecord
from db.models import (
    Case,
    EntitlementBasis,
    EntitlementPayment,
    HouseholdLink,
    MrpRate,
    Office,
    Person,
    Role,
    Stay,
    User,
)
from db.session import Database
from desktop.i18n import set_language
from desktop.services.access import AccessDenied, Actor
from desktop.services.messages import describe
from desktop.services.social import entitlements, rooms
from desktop.services.social.entitlements import (
    AlreadyApplied,
    Application,
    Decision,
    MissingRate,
    NotDecidable,
    NotInQuota,
    Payment,
    Span,
)
from desktop.services.social.errors import Field, InvalidEntry, Problem
from desktop.services.social.rooms import CheckIn, RoomEntry, RoomFull, StayOverlaps

TODAY = date(2026, 11, 16)
RATES = {2024: 3692, 2025: 3932, 2026: 4325}


@dataclass
class Family:
    office: uuid.UUID
    other_office: uuid.UUID
    caseworker: Actor
    manager: Actor
    other: Actor
    admin: Actor
    head: uuid.UUID
    spouse: uuid.UUID
    child: uuid.UUID
    grandchild: uuid.UUID  # linked to the child only: still the household
    neighbour: uuid.UUID  # another family of the office
    case: uuid.UUID


def _user(session, login: str, office: Office, role: Role = Role.CASEWORKER) -> Actor:
    user = User(login=login, full_name=f"User {login}", role=role, office_id=office.id)
    session.add(user)
    session.flush()
    return Actor(user.id, login, user.full_name, role, office.id, office.code, office.name)


@pytest.fixture
def family(database: Database) -> Family:
    set_language("en")
    with database.session() as session:
        ast = Office(code="AST", name="Астана кеңсесі", region_code="71")
        ala = Office(code="ALA", name="Алматы кеңсесі", region_code="75")
        session.add_all([ast, ala])
        session.flush()
        people = (_user(session, "cw.ast", ast), _user(session, "manager", ast, Role.MANAGER),
                  _user(session, "cw.ala", ala), _user(session, "admin", ast, Role.ADMIN))

        def person(given: str) -> Person:
            member = Person(surname="Омаров", given_name=given, category_code="kandas",
                            office_id=ast.id, consent_date=date(2026, 1, 10),
                            consent_form_code="written")
            session.add(member)
            session.flush()
            return member

        head, spouse, child, grandchild = (person(n) for n in ("Бауыржан", "Гүлмира", "Дәурен",
                                                               "Әли"))
        neighbour = person("Серік")
        session.add_all([
            HouseholdLink(person_id=head.id, related_person_id=spouse.id,
                          relationship_code="spouse"),
            HouseholdLink(person_id=head.id, related_person_id=child.id,
                          relationship_code="child"),
            HouseholdLink(person_id=child.id, related_person_id=grandchild.id,
                          relationship_code="child")])
        case = Case(person_id=head.id, office_id=ast.id, caseworker_id=people[0].user_id,
                    opened_on=date(2025, 10, 1))
        session.add_all([case, Case(person_id=neighbour.id, office_id=ast.id,
                                    caseworker_id=people[0].user_id,
                                    opened_on=date(2025, 10, 1))])
        session.flush()
        return Family(ast.id, ala.id, *people, head.id, spouse.id, child.id, grandchild.id,
                      neighbour.id, case.id)


def in_quota(database: Database, family: Family, year: int = 2025) -> None:
    with database.session() as session:
        case = session.get(Case, family.case)
        assert case is not None
        version = case.version
    entitlements.set_quota(database, family.caseworker, family.case, version, year, "59",
                           today=TODAY)


def version_of(database: Database, model: type, record_id: uuid.UUID) -> int:
    with database.session() as session:
        return session.get(model, record_id).version


# ---- the arithmetic -----------------------------------------------------------------------------

def test_a_monthly_measure_prices_each_month_at_its_own_years_mrp() -> None:
    # Twelve months of rent support from November 2025: two at 2025's MRP, ten at 2026's.
    span = entitlements.entitled(EntitlementBasis.PER_FAMILY, 15, 30, 12, 4,
                                 date(2025, 11, 10), RATES)
    months = 2 * 3932 + 10 * 4325
    assert span == Span(15 * months, 30 * months) == Span(766_710, 1_533_420)


def test_a_one_time_measure_per_member_counts_every_member_at_the_years_mrp() -> None:
    assert entitlements.entitled(EntitlementBasis.PER_MEMBER, 70, 70, None, 4,
                                 date(2026, 2, 1), RATES) == Span(1_211_000, 1_211_000)
    assert entitlements.entitled(EntitlementBasis.PER_MEMBER, 70, 70, None, 4,
                                 date(2025, 12, 31), RATES) == Span(1_100_960, 1_100_960)
    assert entitlements.entitled(EntitlementBasis.PER_FAMILY, 400, 400, None, 4,
                                 date(2026, 2, 1), RATES) == Span(1_730_000, 1_730_000)


def test_a_year_without_its_mrp_is_named_not_guessed() -> None:
    with pytest.raises(MissingRate) as missing:
        entitlements.entitled(EntitlementBasis.PER_FAMILY, 15, 30, 12, 2, date(2026, 6, 1),
                              RATES)
    assert missing.value.year == 2027
    assert "2027" in describe(missing.value)


# ---- a family's entitlements -------------------------------------------------------------------

def test_the_household_balance_follows_applied_granted_and_paid(database: Database,
                                                               family: Family) -> None:
    in_quota(database, family)
    before = entitlements.household_entitlements(database, family.caseworker, family.head,
                                                 today=TODAY)
    assert before.in_quota and before.quota_region_code == "59"
    assert len(before.members) == 4 and before.members[0][0] == family.head
    relocation = next(r for r in before.rules if r.code == "relocation_subsidy")
    assert relocation.entitled == Span(70 * 4 * 4325, 70 * 4 * 4325)
    rent_id = entitlements.apply_for(database, family.caseworker, family.head, Application(
        "rent_subsidy", date(2025, 11, 10), 1_000_000), today=TODAY)
    entitlements.decide(database, family.caseworker, rent_id,
                        version_of(database, entitlements.Entitlement, rent_id),
                        Decision(True, date(2025, 11, 20), 900_000), today=TODAY)
    for paid_on in (date(2025, 12, 5), date(2026, 1, 5)):
        entitlements.record_payment(database, family.caseworker, rent_id,
                                    version_of(database, entitlements.Entitlement, rent_id),
                                    Payment(paid_on, 75_000), today=TODAY)
    after = entitlements.household_entitlements(database, family.caseworker, family.spouse,
                                                today=TODAY)  # the same from any member
    rent = next(r for r in after.rules if r.code == "rent_subsidy")
    assert rent.entitled == Span(766_710, 1_533_420)  # counted from the application's month
    assert (rent.granted, rent.paid, rent.balance) == (900_000, 150_000, 750_000)
    assert (after.granted, after.paid, after.balance) == (900_000, 150_000, 750_000)
    line = rent.applications[0]
    assert line.applicant == "Омаров Бауыржан" and line.members == 4
    assert line.payments == ((date(2025, 12, 5), 75_000), (date(2026, 1, 5), 75_000))


def test_a_member_applies_on_the_familys_quota_case(database: Database,
                                                   family: Family) -> None:
    in_quota(database, family)
    with database.session() as session:  # the spouse's own case, not in the quota
        session.add(Case(person_id=family.spouse, office_id=family.office,
                         caseworker_id=family.caseworker.user_id, opened_on=TODAY))
    seen = entitlements.household_entitlements(database, family.caseworker, family.spouse,
                                               today=TODAY)
    assert seen.in_quota and seen.case_id == family.case
    applied = entitlements.apply_for(database, family.caseworker, family.spouse,
                                     Application("relocation_subsidy", TODAY, None), today=TODAY)
    with database.session() as session:
        assert session.get(entitlements.Entitlement, applied).case_id == family.case


def test_the_quota_measures_are_for_a_case_in_the_quota(database: Database,
                                                         family: Family) -> None:
    with pytest.raises(NotInQuota) as refused:
        entitlements.apply_for(database, family.caseworker, family.head,
                               Application("relocation_subsidy", TODAY, None), today=TODAY)
    assert "Омаров Бауыржан" in describe(refused.value)


def test_a_measure_is_applied_for_once_per_household(database: Database,
                                                     family: Family) -> None:
    in_quota(database, family)
    entitlements.apply_for(database, family.caseworker, family.head,
                           Application("relocation_subsidy", TODAY, None), today=TODAY)
    with database.session() as session:  # the child's own case, in the quota too
        session.add(Case(person_id=family.child, office_id=family.office,
                         caseworker_id=family.caseworker.user_id, opened_on=TODAY,
                         quota_year=2026, quota_region_code="59"))
    with pytest.raises(AlreadyApplied) as refused:
        entitlements.apply_for(database, family.caseworker, family.child,
                               Application("relocation_subsidy", TODAY, None), today=TODAY)
    assert "Омаров Бауыржан" in describe(refused.value)


def test_what_is_granted_or_paid_is_never_more_than_the_rule_or_the_grant(
        database: Database, family: Family) -> None:
    in_quota(database, family)
    with pytest.raises(InvalidEntry) as above:
        entitlements.apply_for(database, family.caseworker, family.head, Application(
            "relocation_subsidy", TODAY, 70 * 4 * 4325 + 1), today=TODAY)
    assert above.value.problems == {Field.AMOUNT: Problem.OUT_OF_RANGE}
    applied = entitlements.apply_for(database, family.caseworker, family.head,
                                     Application("relocation_subsidy", TODAY, None),
                                     today=TODAY)
    with pytest.raises(NotDecidable):
        entitlements.record_payment(database, family.caseworker, applied,
                                    version_of(database, entitlements.Entitlement, applied),
                                    Payment(TODAY, 1000), today=TODAY)
    entitlements.decide(database, family.caseworker, applied,
                        version_of(database, entitlements.Entitlement, applied),
                        Decision(True, TODAY, 1_000_000), today=TODAY)
    with pytest.raises(InvalidEntry) as overpaid:
        entitlements.record_payment(database, family.caseworker, applied,
                                    version_of(database, entitlements.Entitlement, applied),
                                    Payment(TODAY, 1_000_001), today=TODAY)
    assert overpaid.value.problems == {Field.AMOUNT: Problem.OUT_OF_RANGE}
    read = version_of(database, entitlements.Entitlement, applied)
    entitlements.record_payment(database, family.caseworker, applied, read,
                                Payment(TODAY, 600_000), today=TODAY)
    with pytest.raises(StaleRecord):  # a second payment typed from the same reading
        entitlements.record_payment(database, family.caseworker, applied, read,
                                    Payment(TODAY, 400_000), today=TODAY)
    with database.session() as session:
        assert session.scalars(select(EntitlementPayment.amount)).all() == [600_000]


def test_a_refusal_says_why_and_a_caseworker_of_another_office_cannot_decide(
        database: Database, family: Family) -> None:
    in_quota(database, family)
    applied = entitlements.apply_for(database, family.caseworker, family.head,
                                     Application("employer_subsidy", TODAY, None), today=TODAY)
    version = version_of(database, entitlements.Entitlement, applied)
    with pytest.raises(AccessDenied):
        entitlements.decide(database, family.other, applied, version,
                            Decision(False, TODAY, None, "Жоқ"), today=TODAY)
    with pytest.raises(InvalidEntry) as refused:
        entitlements.decide(database, family.caseworker, applied, version,
                            Decision(False, TODAY, None, ""), today=TODAY)
    assert refused.value.problems == {Field.OUTCOME: Problem.REQUIRED}


def test_an_administrator_adds_next_years_mrp(database: Database, family: Family) -> None:
    with pytest.raises(AccessDenied):
        entitlements.set_mrp_rate(database, family.caseworker, 2027, 4500, "")
    entitlements.set_mrp_rate(database, family.admin, 2027, 4600, "Закон о бюджете 2027")
    assert entitlements.mrp_rates(database, family.caseworker)[0] == (
        2027, 4600, "Закон о бюджете 2027")
    with database.session() as session:
        assert session.get(MrpRate, 2026).amount == 4325


# ---- rooms -------------------------------------------------------------------------------------

def a_room(database: Database, family: Family, name: str = "12", beds: int = 4) -> uuid.UUID:
    return rooms.create_room(database, family.manager, RoomEntry(name, beds))


def test_a_family_checks_in_together_and_leaves_together(database: Database,
                                                         family: Family) -> None:
    room = a_room(database, family)
    with pytest.raises(AccessDenied):  # rooms are the manager's to keep
        rooms.create_room(database, family.caseworker, RoomEntry("13", 2))
    lead = rooms.check_in(database, family.caseworker, family.head, CheckIn(
        room, TODAY - timedelta(days=3), TODAY + timedelta(days=27),
        frozenset({family.spouse, family.child})), today=TODAY)
    listed = rooms.rooms(database, family.caseworker, today=TODAY)
    assert [(r.name, r.beds, r.occupied, r.free) for r in listed] == [("12", 4, 3, 1)]
    occupancy = rooms.month_occupancy(database, family.caseworker, TODAY, today=TODAY)
    assert (occupancy.beds, occupancy.occupied_today, occupancy.overstays) == (4, 3, 0)
    assert occupancy.bed_nights == 3 * 4  # nights of the 13th, 14th, 15th and 16th
    assert occupancy.bed_nights_available == 4 * 16
    left = rooms.check_out(database, family.caseworker, lead,
                           version_of(database, Stay, lead), TODAY, today=TODAY)
    assert left == 3
    assert rooms.rooms(database, family.caseworker, today=TODAY)[0].occupied == 0
    stays = rooms.client_stays(database, family.caseworker, family.spouse, today=TODAY)
    assert [(s.room, s.checked_out_on, s.with_stay_id) for s in stays] == [
        ("12", TODAY, lead)]


def test_a_full_room_refuses_a_check_in_naming_the_night(database: Database,
                                                         family: Family) -> None:
    room = a_room(database, family, beds=3)
    rooms.check_in(database, family.caseworker, family.neighbour, CheckIn(
        room, TODAY, TODAY + timedelta(days=5)), today=TODAY)
    with pytest.raises(RoomFull) as full:
        rooms.check_in(database, family.caseworker, family.head, CheckIn(
            room, TODAY, TODAY + timedelta(days=10),
            frozenset({family.spouse, family.child})), today=TODAY)
    assert (full.value.free, full.value.wanted, full.value.night) == (2, 3, TODAY)
    assert "2 beds free" in describe(full.value)
    with database.session() as session:
        assert len(session.scalars(select(Stay)).all()) == 1  # nothing half-written


def test_a_stay_overlapping_another_is_refused_in_any_room(database: Database,
                                                           family: Family) -> None:
    first, second = a_room(database, family, "12"), a_room(database, family, "14")
    rooms.check_in(database, family.caseworker, family.head, CheckIn(
        first, TODAY - timedelta(days=10), TODAY + timedelta(days=5)), today=TODAY)
    with pytest.raises(StayOverlaps) as overlap:
        rooms.check_in(database, family.caseworker, family.head, CheckIn(
            second, TODAY, TODAY + timedelta(days=3)), today=TODAY)
    assert "12" in describe(overlap.value)


def test_a_stay_past_its_last_night_is_an_overstay_and_still_takes_its_bed(
        database: Database, family: Family) -> None:
    room = a_room(database, family, beds=1)
    stay = rooms.check_in(database, family.caseworker, family.head, CheckIn(
        room, TODAY - timedelta(days=20), TODAY - timedelta(days=2)), today=TODAY)
    listed = rooms.rooms(database, family.caseworker, today=TODAY)[0]
    assert listed.occupied == 1 and listed.stays[0].overstay
    assert rooms.month_occupancy(database, family.caseworker, TODAY,
                                 today=TODAY).overstays == 1
    with pytest.raises(RoomFull):
        rooms.check_in(database, family.caseworker, family.neighbour, CheckIn(
            room, TODAY, TODAY + timedelta(days=2)), today=TODAY)
    rooms.extend_stay(database, family.caseworker, stay, version_of(database, Stay, stay),
                      TODAY + timedelta(days=10), today=TODAY)
    assert not rooms.rooms(database, family.caseworker, today=TODAY)[0].stays[0].overstay


def test_only_household_members_check_in_with_the_client(database: Database,
                                                         family: Family) -> None:
    room = a_room(database, family)
    with pytest.raises(InvalidEntry) as refused:
        rooms.check_in(database, family.caseworker, family.head, CheckIn(
            room, TODAY, TODAY + timedelta(days=3), frozenset({family.neighbour})),
            today=TODAY)
    assert refused.value.problems == {Field.MEMBERS: Problem.UNKNOWN}


def test_a_room_is_not_shrunk_below_its_guests_nor_retired_with_them(
        database: Database, family: Family) -> None:
    room = a_room(database, family, beds=2)
    rooms.check_in(database, family.caseworker, family.head, CheckIn(
        room, TODAY, TODAY + timedelta(days=3), frozenset({family.spouse})), today=TODAY)
    with pytest.raises(rooms.RoomOccupied):
        rooms.update_room(database, family.manager, room, version_of(database, rooms.Room,
                                                                     room),
                          RoomEntry("12", 1), today=TODAY)
    with pytest.raises(rooms.RoomOccupied) as occupied:
        rooms.set_room_active(database, family.manager, room,
                              version_of(database, rooms.Room, room), False, today=TODAY)
    assert "2 people stay in room 12" in describe(occupied.value)
    with pytest.raises(rooms.RoomTaken):
        rooms.create_room(database, family.manager, RoomEntry("12", 2))
