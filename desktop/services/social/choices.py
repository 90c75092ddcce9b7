"""The services and providers a referral form offers, labelled in the UI language.

The consultation form and the client file's referral form offer the same lists, read
here once: the active service types, and the active providers with the services each
delivers, the center's own and the client's region's first (the usual choice).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Office, Provider, ProviderService
from db.models.reference import ServiceType
from db.queries.clients import label_column
from db.queries.providers import provider_name
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import Actor, Permission, requires, within_checked_call
from desktop.services.courses.groups import LANGUAGE_AREA
from desktop.services.employment.referrals import is_pipeline_service
from desktop.services.follow_ups import require_client

__all__ = ["ProviderChoice", "ReferralChoices", "ServiceChoice", "referral_choices",
           "service_and_provider_choices"]


@dataclass(frozen=True)
class ServiceChoice:
    code: str
    label: str
    area_code: str


@dataclass(frozen=True)
class ProviderChoice:
    id: uuid.UUID
    name: str
    area_code: str
    services: frozenset[str]  # empty: never listed, offered for its area's services

    def delivers(self, service: ServiceChoice) -> bool:
        if self.services:
            return service.code in self.services
        return self.area_code == service.area_code


@dataclass(frozen=True)
class ReferralChoices:
    client: str
    consent: bool  # the client's consent to processing is recorded
    # The social, information... services: not employment's nor the language courses, which
    # have their own ways in (the employment pipeline, the course groups).
    services: list[ServiceChoice]
    providers: list[ProviderChoice]

    def providers_for(self, service_code: str | None) -> list[ProviderChoice]:
        service = next((s for s in self.services if s.code == service_code), None)
        return [] if service is None else [p for p in self.providers if p.delivers(service)]


@within_checked_call
def service_and_provider_choices(
        session: Session, region_code: str | None) -> tuple[list[ServiceChoice],
                                                             list[ProviderChoice]]:
    language = current_language()
    services = [ServiceChoice(code, text, area) for code, text, area in session.execute(
        select(ServiceType.code, label_column(ServiceType, language), ServiceType.area_code)
        .where(ServiceType.active.is_(True))
        .order_by(ServiceType.sort_order, ServiceType.code))]
    delivered: dict[uuid.UUID, set[str]] = {}
    for provider_id, code in session.execute(
            select(ProviderService.provider_id, ProviderService.service_type_code)
            .join(Provider, Provider.id == ProviderService.provider_id)
            .where(Provider.active.is_(True))):
        delivered.setdefault(provider_id, set()).add(code)
    rows = session.execute(
        select(Provider.id, provider_name(language).label("name"), Provider.area_code,
               Provider.region_code)
        .where(Provider.active.is_(True))
        .order_by(Provider.internal.desc(), "name")).all()
    rows.sort(key=lambda r: r.region_code != region_code)  # stable: the center's own first
    return services, [ProviderChoice(r.id, r.name, r.area_code,
                                     frozenset(delivered.get(r.id, ()))) for r in rows]


@requires(Permission.WORK_WITH_CLIENTS)
def referral_choices(database: Database, actor: Actor, person_id: uuid.UUID) -> ReferralChoices:
    """What the client file's referral form offers. AccessDenied for another office's
    client."""
    with database.session() as session:
        person = require_client(session, actor, person_id)
        region = person.region_code or session.scalar(
            select(Office.region_code).where(Office.id == person.office_id))
        services, providers = service_and_provider_choices(session, region)
        return ReferralChoices(person.full_name or person.full_name_latin,
                               person.consent_date is not None,
                               [s for s in services if not is_pipeline_service(s.code)
                                and s.area_code != LANGUAGE_AREA],
                               providers)
