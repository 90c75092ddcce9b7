"""The service catalogue: the service types of each area, named in kk, ru and en.

Administrators add a type, rename it and take it out of use; a type is never deleted,
since referrals, plans and reports name it. Its code is made once from its English name
and never changes (it is what every office's database and every report knows it by).

Reference rows carry no version counter, so a rename says what it was made from: the
names and state the administrator's form was filled with. If another administrator
changed the type since, the rename is refused (``ServiceTypeChanged``), never applied
over their change.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import JobReferral, Referral
from db.models.reference import ServiceArea, ServiceType
from db.queries.clients import LABEL_COLUMNS
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import Actor, Offices, Permission, pure, requires
from desktop.services.social.errors import (
    Field,
    InvalidEntry,
    NoSuchServiceType,
    Problem,
    ServiceTypeChanged,
)

__all__ = ["MAX_LABEL", "ServiceTypeEntry", "ServiceTypeLine", "add_service_type",
           "check_service_type", "list_service_types", "rename_service_type",
           "set_service_type_active"]

MAX_LABEL = 150
_NOT_A_CODE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ServiceTypeEntry:
    area_code: str | None
    label_kk: str
    label_ru: str
    label_en: str


@dataclass(frozen=True)
class ServiceTypeLine:
    code: str
    area_code: str
    area: str
    label: str  # in the UI language
    label_kk: str
    label_ru: str
    label_en: str
    active: bool
    uses: int  # referrals made to it, of either kind


@pure
def check_service_type(entry: ServiceTypeEntry) -> dict[Field, Problem]:
    problems: dict[Field, Problem] = {}
    if not entry.area_code:
        problems[Field.AREA] = Problem.REQUIRED
    for key, text in ((Field.LABEL_KK, entry.label_kk), (Field.LABEL_RU, entry.label_ru),
                      (Field.LABEL_EN, entry.label_en)):
        if not text.strip():
            problems[key] = Problem.REQUIRED
        elif len(text.strip()) > MAX_LABEL:
            problems[key] = Problem.TOO_LONG
    return problems


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def list_service_types(database: Database, actor: Actor) -> list[ServiceTypeLine]:
    """Every type, in use or not, by area and then in the catalogue's order."""
    label = LABEL_COLUMNS.get(current_language(), "label_en")
    uses = (select(func.count()).where(Referral.service_type_code == ServiceType.code)
            .correlate(ServiceType).scalar_subquery()
            + select(func.count()).where(JobReferral.service_type_code == ServiceType.code)
            .correlate(ServiceType).scalar_subquery())
    query = (select(ServiceType, getattr(ServiceArea, label), uses)
             .join(ServiceArea, ServiceArea.code == ServiceType.area_code)
             .order_by(ServiceArea.sort_order, ServiceType.sort_order, ServiceType.code))
    with database.session() as session:
        return [ServiceTypeLine(t.code, t.area_code, area, getattr(t, label), t.label_kk,
                                t.label_ru, t.label_en, t.active, count)
                for t, area, count in session.execute(query)]


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def add_service_type(database: Database, actor: Actor, entry: ServiceTypeEntry) -> str:
    """A new type, last of its area; returns its code. Raises InvalidEntry."""
    problems = check_service_type(entry)
    if problems:
        raise InvalidEntry(problems)
    with database.session(actor.user_id) as session:
        if session.get(ServiceArea, entry.area_code) is None:
            raise InvalidEntry({Field.AREA: Problem.UNKNOWN})
        _refuse_taken(session, entry, None)
        last = session.scalar(select(func.max(ServiceType.sort_order))) or 0
        code = _new_code(session, entry.label_en)
        session.add(ServiceType(code=code, area_code=entry.area_code,
                                label_kk=entry.label_kk.strip(), label_ru=entry.label_ru.strip(),
                                label_en=entry.label_en.strip(), sort_order=last + 1,
                                active=True))
        session.flush()
        return code


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def rename_service_type(database: Database, actor: Actor, code: str, read: ServiceTypeEntry,
                        entry: ServiceTypeEntry) -> None:
    """New names (and area) for a type, refused if it changed since ``read``. Raises
    InvalidEntry, ServiceTypeChanged, NoSuchServiceType."""
    problems = check_service_type(entry)
    if problems:
        raise InvalidEntry(problems)
    with database.session(actor.user_id) as session:
        service = _changed_since(session, code, read)
        if session.get(ServiceArea, entry.area_code) is None:
            raise InvalidEntry({Field.AREA: Problem.UNKNOWN})
        _refuse_taken(session, entry, code)
        service.area_code = entry.area_code or service.area_code
        service.label_kk, service.label_ru = entry.label_kk.strip(), entry.label_ru.strip()
        service.label_en = entry.label_en.strip()
        session.flush()


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def set_service_type_active(database: Database, actor: Actor, code: str,
                            read: ServiceTypeEntry, active: bool) -> None:
    """Take a type out of use (what names it keeps it), or back. Raises ServiceTypeChanged,
    NoSuchServiceType."""
    with database.session(actor.user_id) as session:
        service = _changed_since(session, code, read)
        service.active = active
        session.flush()


def _changed_since(session: Session, code: str, read: ServiceTypeEntry) -> ServiceType:
    service = session.get(ServiceType, code)
    if service is None:
        raise NoSuchServiceType(code)
    now = ServiceTypeEntry(service.area_code, service.label_kk, service.label_ru,
                           service.label_en)
    if now != read:
        raise ServiceTypeChanged(service.label(current_language()))
    return service


def _refuse_taken(session: Session, entry: ServiceTypeEntry, code: str | None) -> None:
    """Two types of one area with the same name in a language would be one type twice."""
    problems: dict[Field, Problem] = {}
    others = session.scalars(select(ServiceType).where(
        ServiceType.area_code == entry.area_code, ServiceType.code != (code or "")))
    for other in others:
        for key, mine, theirs in ((Field.LABEL_KK, entry.label_kk, other.label_kk),
                                  (Field.LABEL_RU, entry.label_ru, other.label_ru),
                                  (Field.LABEL_EN, entry.label_en, other.label_en)):
            if mine.strip().casefold() == theirs.strip().casefold():
                problems[key] = Problem.TAKEN
    if problems:
        raise InvalidEntry(problems)


def _new_code(session: Session, label_en: str) -> str:
    """A stable ASCII code from the English name; a random one if that has no letters."""
    base = _NOT_A_CODE.sub("_", label_en.strip().lower()).strip("_")[:40] or \
        f"service_{uuid.uuid4().hex[:8]}"
    code, number = base, 1
    while session.get(ServiceType, code) is not None:
        number += 1
        code = f"{base}_{number}"
    return code
