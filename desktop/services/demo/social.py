"""The demo's social-service providers and what became of each referral to them.

Every office works with the center's own providers (one per area, delivering all of the
area's services) and with the city's outside organisations below. Their ids, and every
detail of a referral beyond what the main stream drew (which provider, the day it was
accepted, the amount paid, the outcome), are derived from keys, not drawn: drawing would
shift every later client of the demo.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from db.bulk import BulkLoader, day, key
from db.reference_data import ENTITLEMENT_RULES, MRP_RATES, REFERENCE
from desktop.services.access import pure, within_checked_call

__all__ = ["PROVIDER_COLUMNS", "SERVICE_COLUMNS", "SUPPORT_COLUMNS", "Household", "Outcome",
           "Support", "quota_support", "referral_outcome", "write_providers", "write_stays"]

NAMESPACE = uuid.UUID("3f0c8e52-9a41-4b7d-8d26-71e5b0c4a9d3")
PROVIDER_COLUMNS = ("id", "name_kk", "name_ru", "name_en", "type_code", "area_code",
                    "region_code", "locality", "address", "contact", "phone", "internal",
                    "active")
SERVICE_COLUMNS = ("id", "provider_id", "service_type_code")

# (type, area, kk, ru, services): the organisations of each office's city.
OUTSIDE = (
    ("polyclinic", "social", "№4 қалалық емхана", "Городская поликлиника №4",
     ("medical_insurance_registration", "psychological_support")),
    ("school", "social", "№27 жалпы білім беретін мектеп", "Общеобразовательная школа №27",
     ("school_place",)),
    ("kindergarten", "social", "«Балапан» балабақшасы", "Детский сад «Балапан»",
     ("kindergarten_place",)),
    ("akimat_department", "social", "Жұмыспен қамту және әлеуметтік бағдарламалар бөлімі",
     "Отдел занятости и социальных программ",
     ("social_benefits", "rent_subsidy", "resettlement_subsidy", "housing_support")),
    ("legal_aid", "social", "Адвокаттар алқасының заң консультациясы",
     "Юридическая консультация коллегии адвокатов", ("legal_aid", "legal_consultation")),
    ("public_service_centre", "social", "Халыққа қызмет көрсету орталығы",
     "Центр обслуживания населения", ("civil_registration", "document_assistance")),
    ("ngo", "social", "«Мейірім» қоғамдық қоры", "Общественный фонд «Мейірим»",
     ("psychological_support", "information_consultation", "adaptation_course")),
    ("employers_association", "employment", "«Атамекен» өңірлік кәсіпкерлер палатасы",
     "Региональная палата предпринимателей «Атамекен»", ("business_start_support",)),
)
CONTACTS = ("Айгүл Сәрсенова", "Ерлан Тоқтаров", "Гүлнар Әбенова", "Марат Жүсіпов",
            "Сәуле Қасымова", "Нұрлан Бекенов", "Дина Оспанова", "Асқар Мұқанов")
# Services that pay the client, and what a completed one paid (tenge, a typical range).
PAID = {"social_benefits": (40_000, 120_000), "rent_subsidy": (64_875, 129_750),
        "resettlement_subsidy": (302_750, 1_211_000)}
COMPLETED_OUTCOMES = ("Қызмет көрсетілді.", "Құжаттар қабылданып, шешім шықты.",
                      "Клиент тіркелді.", "Орын берілді.")
REFUSED_OUTCOMES = ("Құжаттар толық емес.", "Өтінім талаптарға сай емес.",
                    "Орын жоқ, кезекке қойылды.")
# An unanswered referral this many days old is written as "no response" by the demo:
# what the caseworker would have marked it as long since.
NO_RESPONSE_AFTER = 30


def _id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(parts))


@within_checked_call
def write_providers(loader: BulkLoader, office_code: str, region_code: str,
                    locality: str, own: dict[str, uuid.UUID]) -> dict[str, list[uuid.UUID]]:
    """The office's providers, own and outside; returns who delivers each service."""
    delivers: dict[str, list[uuid.UUID]] = {}
    areas = {area.code: area for area in REFERENCE["service_area"]}
    for area_code, provider_id in own.items():
        area = areas[area_code]
        loader.add("provider", (key(provider_id), f"«Қадам» — {area.kk} ({office_code})",
                                f"«Кадам» — {area.ru} ({office_code})",
                                f"Qadam — {area.en} ({office_code})", "adaptation_centre",
                                area_code, region_code, locality, "", "", "", 1, 1))
        for service in REFERENCE["service_type"]:
            if service.parent == area_code:
                _deliver(loader, delivers, provider_id, service.code)
    for number, (kind, area, kk, ru, services) in enumerate(OUTSIDE):
        provider_id = _id(office_code, kind)
        loader.add("provider", (
            key(provider_id), kk, ru, "", kind, area, region_code, locality,
            f"{locality}, {10 + 7 * number}-үй", CONTACTS[number % len(CONTACTS)],
            f"+7 7{(number * 37 + len(office_code)) % 90 + 10}2 {200000 + number * 11111}",
            0, 1))
        for code in services:
            _deliver(loader, delivers, provider_id, code)
    return delivers


def _deliver(loader: BulkLoader, delivers: dict[str, list[uuid.UUID]],
             provider_id: uuid.UUID, service: str) -> None:
    loader.add("provider_service", (key(_id(str(provider_id), service)), key(provider_id),
                                    service))
    delivers.setdefault(service, []).append(provider_id)


class Outcome:
    """A referral as the demo writes it: its provider, status and the days of its steps."""

    __slots__ = ("accepted_on", "amount", "closed_on", "outcome", "provider_id", "status")

    def __init__(self, provider_id: uuid.UUID, status: str, accepted_on: date | None,
                 closed_on: date | None, amount: int | None, outcome: str) -> None:
        self.provider_id, self.status = provider_id, status
        self.accepted_on, self.closed_on = accepted_on, closed_on
        self.amount, self.outcome = amount, outcome

    def row(self) -> tuple[object, ...]:
        """The referral's columns from its status on."""
        return (self.status, day(self.accepted_on), day(self.closed_on), self.amount,
                self.outcome)


@pure
def referral_outcome(referral_key: str, service: str, drawn_status: str, referred: date,
                     completed_on: date, today: date,
                     delivers: dict[str, list[uuid.UUID]]) -> Outcome:
    """What became of one referral, from the status the main stream drew for it."""
    rng = random.Random(referral_key)
    providers = delivers[service]
    provider = providers[-1] if len(providers) > 1 and rng.random() < 0.7 else providers[0]
    status, accepted, closed, amount, outcome = drawn_status, None, None, None, ""
    if status == "completed":
        accepted = min(referred + timedelta(days=rng.randint(0, 5)), completed_on)
        closed = completed_on
        if service in PAID:
            low, high = PAID[service]
            amount = rng.randrange(low, high, 250)
        outcome = rng.choice(COMPLETED_OUTCOMES)
    elif status == "accepted":
        accepted = min(referred + timedelta(days=rng.randint(1, 7)), today)
    elif status == "refused":
        closed = min(referred + timedelta(days=rng.randint(2, 20)), today)
        outcome = rng.choice(REFUSED_OUTCOMES)
    elif (today - referred).days > NO_RESPONSE_AFTER:
        status, closed = "no_response", referred + timedelta(days=NO_RESPONSE_AFTER)
    return Outcome(provider, status, accepted, closed, amount, outcome)


# ---- the regional quota and its support measures --------------------------------------------

SUPPORT_COLUMNS = {
    "entitlement": ("id", "person_id", "case_id", "office_id", "rule_code", "members",
                    "applied_on", "amount_applied", "status", "decided_on", "amount_granted",
                    "note"),
    "entitlement_payment": ("id", "entitlement_id", "paid_on", "amount", "note"),
    "room": ("id", "office_id", "name", "beds", "note", "active"),
    "stay": ("id", "room_id", "person_id", "case_id", "with_stay_id", "checked_in_on",
             "planned_until", "checked_out_on", "note"),
}
QUOTA_CATEGORIES = ("kandas", "internal_resettler")
QUOTA_SHARE = 0.6  # of the families of those categories
RATES = {year: amount for year, amount, _source in MRP_RATES}
RULES = {rule.code: rule for rule in ENTITLEMENT_RULES}


@dataclass
class Support:
    quota: tuple[object, object] = (None, None)  # the case's quota year and region
    rows: list[tuple[str, tuple[object, ...]]] = field(default_factory=list)


@pure
def quota_support(person: str, case: str, office: str, category: str, household: int,
                  region: str, opened: date, today: date) -> Support:
    """A family head's inclusion in the quota, and the measures applied for, granted and
    paid since, as a caseworker would have recorded them."""
    rng = random.Random(f"quota/{person}")
    support = Support()
    if household < 1 or category not in QUOTA_CATEGORIES or rng.random() >= QUOTA_SHARE:
        return support
    support.quota = (opened.year, region)
    measures = ["relocation_subsidy", "rent_subsidy"]
    if rng.random() < 0.15:
        measures.append("employer_subsidy")
    for code in measures:
        rule = RULES[code]
        applied = opened + timedelta(days=rng.randint(2, 20))
        rate = RATES.get(applied.year)
        if applied > today or rate is None:
            continue
        members = household if rule.basis == "per_member" else 1
        monthly = rng.randint(rule.mrp_min, rule.mrp_max) * rate if rule.months else None
        high = rule.mrp_max * rate * members * (rule.months or 1)
        entitlement = key(_id(person, code))
        decided = applied + timedelta(days=rng.randint(7, 30))
        status, granted = "applied", None
        if decided <= today:
            if rng.random() < 0.9:
                status = "granted"
                granted = monthly * rule.months if monthly is not None else high
            else:
                status = "refused"
        support.rows.append(("entitlement", (
            entitlement, person, case, office, code, household, day(applied), high, status,
            day(decided) if status != "applied" else None, granted,
            "Құжаттар толық емес." if status == "refused" else "")))
        if status != "granted":
            continue
        instalments = [(decided + timedelta(days=rng.randint(3, 15)), granted)] \
            if monthly is None else [(decided + relativedelta(months=m), monthly)
                                     for m in range(rule.months or 0)]
        for number, (paid_on, amount) in enumerate(instalments):
            if paid_on > today:
                break
            support.rows.append(("entitlement_payment", (
                key(_id(entitlement, str(number))), entitlement, day(paid_on), amount, "")))
    return support


# ---- the adaptation centre's rooms ------------------------------------------------------------

ROOM_BEDS = (2, 3, 4, 4, 4, 5, 6, 6, 8, 8)
STAY_WITHIN = 400  # days: families who arrived since stayed in the centre first
PLANNED_DAYS = 60
OVERSTAY_WITHIN = 30  # days: an overstay is settled within weeks, not left for a year


@dataclass
class Household:
    """A family who came to the centre: the head's stay leads the members'."""

    office: uuid.UUID
    head: str
    case: str
    arrived: date
    members: list[str] = field(default_factory=list)


@within_checked_call
def write_stays(loader: BulkLoader, offices: list[uuid.UUID], households: list[Household],
                today: date) -> None:
    """Each office's rooms, and the stays of the families who arrived lately, in order of
    arrival, each in the first room with a bed for every member on every night of it."""
    rooms: dict[uuid.UUID, list[tuple[str, int, Counter[date]]]] = {}
    for office in offices:
        rooms[office] = []
        for number, beds in enumerate(ROOM_BEDS, start=101):
            room = key(_id(str(office), "room", str(number)))
            loader.add("room", (room, key(office), str(number), beds, "", 1))
            rooms[office].append((room, beds, Counter()))
    for family in sorted(households, key=lambda h: (h.arrived, h.head)):
        if (today - family.arrived).days > STAY_WITHIN:
            continue
        rng = random.Random(f"stay/{family.head}")
        planned = family.arrived + timedelta(days=PLANNED_DAYS)
        out: date | None = planned - timedelta(days=rng.randint(0, 10))
        if out is not None and (out > today or (
                rng.random() < 0.1 and (today - planned).days < OVERSTAY_WITHIN)):
            out = None  # still there: on plan, or overstaying for a few weeks
        end = out or max(planned, today) + timedelta(days=1)
        people = [family.head, *family.members]
        nights = [family.arrived + timedelta(days=n) for n in range((end - family.arrived).days)]
        for room, beds, taken in rooms[family.office]:
            if all(taken[night] + len(people) <= beds for night in nights):
                for night in nights:
                    taken[night] += len(people)
                lead = key(_id(family.head, "stay"))
                for person in people:
                    stay = lead if person == family.head else key(_id(person, "stay"))
                    loader.add("stay", (stay, room, person,
                                        family.case if person == family.head else None,
                                        None if person == family.head else lead,
                                        day(family.arrived), day(planned), day(out), ""))
                break
