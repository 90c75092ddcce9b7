"""The providers clients are referred to: akimat departments, polyclinics, schools and
kindergartens, legal-aid offices, NGOs, employers' associations, and the center itself.

Administrators keep the list; everyone who works with clients reads it (a caseworker
needs the provider's address and contact to send a client there). A provider is named
in each language it has a name in, at least one; it delivers a set of service types,
which is what it may be chosen for in a referral. It is never deleted (referrals and
course groups name it): one no longer worked with is deactivated and keeps its history.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import Provider, ProviderService, Referral
from db.models.reference import ProviderType, Region, ServiceArea, ServiceType
from db.queries.clients import LABEL_COLUMNS
from db.queries.providers import provider_name
from db.session import Database
from desktop.domain.emails import is_email
from desktop.domain.phones import shown_phone, stored_phone
from desktop.i18n import current_language
from desktop.services.access import Actor, Offices, Permission, pure, requires
from desktop.services.social.errors import Field, InvalidEntry, NoSuchProvider, Problem
from desktop.services.social.referrals import OPEN
from desktop.services.versions import require_version

__all__ = ["MAX_NAME", "ProviderEntry", "ProviderLine", "check_provider", "create_provider",
           "list_providers", "provider_entry", "set_provider_active", "update_provider"]

MAX_NAME = 200
MAX_TEXT = 300
LIST_LIMIT = 2000


@dataclass(frozen=True)
class ProviderEntry:
    name_kk: str
    name_ru: str
    name_en: str
    type_code: str | None
    area_code: str | None
    region_code: str | None
    locality: str
    address: str
    contact: str
    phone: str
    email: str
    service_codes: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class ProviderLine:
    id: uuid.UUID
    version: int
    name: str  # in the UI language, or the first name it has
    type: str
    area: str
    region: str
    locality: str
    address: str
    contact: str
    phone: str  # as people write it
    email: str
    services: str  # the service types it delivers, by name
    service_codes: frozenset[str]
    internal: bool
    active: bool
    open_referrals: int


@pure
def check_provider(entry: ProviderEntry) -> dict[Field, Problem]:
    problems: dict[Field, Problem] = {}
    names = (entry.name_kk.strip(), entry.name_ru.strip(), entry.name_en.strip())
    if not any(names):
        problems[Field.NAME] = Problem.REQUIRED
    elif any(len(name) > MAX_NAME for name in names):
        problems[Field.NAME] = Problem.TOO_LONG
    if not entry.type_code:
        problems[Field.TYPE] = Problem.REQUIRED
    if not entry.area_code:
        problems[Field.AREA] = Problem.REQUIRED
    for key, text in ((Field.LOCALITY, entry.locality), (Field.ADDRESS, entry.address),
                      (Field.CONTACT, entry.contact), (Field.EMAIL, entry.email)):
        if len(text.strip()) > MAX_TEXT:
            problems[key] = Problem.TOO_LONG
    if stored_phone(entry.phone) is None:
        problems[Field.PHONE] = Problem.NOT_A_PHONE
    if entry.email.strip() and Field.EMAIL not in problems and not is_email(entry.email):
        problems[Field.EMAIL] = Problem.NOT_AN_EMAIL
    if not entry.service_codes:
        problems[Field.SERVICES] = Problem.REQUIRED
    return problems


def _values(entry: ProviderEntry) -> dict[str, object]:
    return {"name_kk": entry.name_kk.strip(), "name_ru": entry.name_ru.strip(),
            "name_en": entry.name_en.strip(), "type_code": entry.type_code,
            "area_code": entry.area_code, "region_code": entry.region_code or None,
            "locality": entry.locality.strip(), "address": entry.address.strip(),
            "contact": entry.contact.strip(), "phone": stored_phone(entry.phone) or "",
            "email": entry.email.strip()}


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def list_providers(database: Database, actor: Actor, *, text: str = "",
                   include_inactive: bool = False,
                   service_code: str | None = None) -> list[ProviderLine]:
    """Providers by name, with the services they deliver and their referrals still open;
    ``text`` finds a part of a name, the locality or the contact; ``service_code`` keeps
    those that deliver that service."""
    language = current_language()
    label = LABEL_COLUMNS.get(language, "label_en")
    name = provider_name(language).label("name")
    open_referrals = (select(func.count()).where(Referral.provider_id == Provider.id,
                                                 Referral.status.in_(OPEN))
                      .correlate(Provider).scalar_subquery())
    query = (select(Provider, name, getattr(ProviderType, label), getattr(ServiceArea, label),
                    getattr(Region, label), open_referrals)
             .outerjoin(ProviderType, ProviderType.code == Provider.type_code)
             .join(ServiceArea, ServiceArea.code == Provider.area_code)
             .outerjoin(Region, Region.code == Provider.region_code)
             .order_by(Provider.internal.desc(), name, Provider.id).limit(LIST_LIMIT))
    if not include_inactive:
        query = query.where(Provider.active.is_(True))
    if service_code:
        query = query.where(Provider.id.in_(select(ProviderService.provider_id).where(
            ProviderService.service_type_code == service_code)))
    with database.session() as session:
        rows = session.execute(query).all()
        services = _services(session, [row[0].id for row in rows], label)
        needle = text.strip().casefold()
        # Casefold in Python: SQLite folds ASCII only, and names are Kazakh and Russian.
        return [ProviderLine(
            p.id, p.version, shown, kind or "", area, region or "", p.locality, p.address,
            p.contact, shown_phone(p.phone), p.email,
            ", ".join(text for _code, text in services.get(p.id, [])),
            frozenset(code for code, _text in services.get(p.id, [])), p.internal, p.active,
            count) for p, shown, kind, area, region, count in rows
            if not needle or any(needle in part.casefold() for part in (
                p.name_kk, p.name_ru, p.name_en, p.locality, p.contact, kind or ""))]


def _services(session: Session, provider_ids: list[uuid.UUID],
              label: str) -> dict[uuid.UUID, list[tuple[str, str]]]:
    found: dict[uuid.UUID, list[tuple[str, str]]] = {}
    for start in range(0, len(provider_ids), 500):  # under SQLite's bound-parameter limit
        for provider_id, code, text in session.execute(
                select(ProviderService.provider_id, ServiceType.code,
                       getattr(ServiceType, label))
                .join(ServiceType, ServiceType.code == ProviderService.service_type_code)
                .where(ProviderService.provider_id.in_(provider_ids[start:start + 500]))
                .order_by(ServiceType.sort_order, ServiceType.code)):
            found.setdefault(provider_id, []).append((code, text))
    return found


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def provider_entry(database: Database, actor: Actor,
                   provider_id: uuid.UUID) -> tuple[ProviderEntry, int]:
    with database.session() as session:
        provider = session.get(Provider, provider_id)
        if provider is None:
            raise NoSuchProvider(provider_id)
        codes = frozenset(session.scalars(select(ProviderService.service_type_code).where(
            ProviderService.provider_id == provider.id)))
        return ProviderEntry(
            provider.name_kk, provider.name_ru, provider.name_en, provider.type_code,
            provider.area_code, provider.region_code, provider.locality, provider.address,
            provider.contact, shown_phone(provider.phone), provider.email, codes), \
            provider.version


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def create_provider(database: Database, actor: Actor, entry: ProviderEntry) -> uuid.UUID:
    """Raises InvalidEntry."""
    problems = check_provider(entry)
    if problems:
        raise InvalidEntry(problems)
    with database.session(actor.user_id) as session:
        _check_codes(session, entry)
        provider = Provider(**_values(entry))
        session.add(provider)
        session.flush()
        _set_services(session, provider, entry.service_codes)
        return provider.id


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def update_provider(database: Database, actor: Actor, provider_id: uuid.UUID, version: int,
                    entry: ProviderEntry) -> None:
    """Raises InvalidEntry, StaleRecord, NoSuchProvider."""
    problems = check_provider(entry)
    if problems:
        raise InvalidEntry(problems)
    with database.session(actor.user_id) as session:
        provider = session.get(Provider, provider_id)
        if provider is None:
            raise NoSuchProvider(provider_id)
        require_version(session, provider, version)
        _check_codes(session, entry)
        for name, value in _values(entry).items():
            setattr(provider, name, value)
        _set_services(session, provider, entry.service_codes)
        session.flush()


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def set_provider_active(database: Database, actor: Actor, provider_id: uuid.UUID,
                        version: int, active: bool) -> None:
    """Deactivate a provider no longer worked with (its referrals keep its name), or take it
    back. Raises StaleRecord, NoSuchProvider."""
    with database.session(actor.user_id) as session:
        provider = session.get(Provider, provider_id)
        if provider is None:
            raise NoSuchProvider(provider_id)
        require_version(session, provider, version)
        provider.active = active
        session.flush()


def _set_services(session: Session, provider: Provider, codes: frozenset[str]) -> None:
    current = set(session.scalars(select(ProviderService.service_type_code).where(
        ProviderService.provider_id == provider.id)))
    gone = current - codes
    if gone:
        session.execute(delete(ProviderService).where(
            ProviderService.provider_id == provider.id,
            ProviderService.service_type_code.in_(gone)))
    for code in sorted(codes - current):
        session.add(ProviderService(provider_id=provider.id, service_type_code=code))
    if gone or codes - current:
        # A change of its services alone is a change of the provider: touching the row moves
        # its version, so another administrator's form read before it is refused.
        provider.updated_at = utcnow()


def _check_codes(session: Session, entry: ProviderEntry) -> None:
    problems: dict[Field, Problem] = {}
    kind = session.get(ProviderType, entry.type_code)
    if kind is None:
        problems[Field.TYPE] = Problem.UNKNOWN
    if session.get(ServiceArea, entry.area_code) is None:
        problems[Field.AREA] = Problem.UNKNOWN
    if entry.region_code and session.get(Region, entry.region_code) is None:
        problems[Field.REGION] = Problem.UNKNOWN
    known = set(session.scalars(select(ServiceType.code).where(
        ServiceType.code.in_(entry.service_codes))))
    if known != set(entry.service_codes):
        problems[Field.SERVICES] = Problem.UNKNOWN
    if problems:
        raise InvalidEntry(problems)
