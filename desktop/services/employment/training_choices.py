"""What the client file's employment forms read that no other service lists: the training
services a client may be referred to with the providers that give them, and the client's
languages as matching compares them with a vacancy's.

``consultations.consultation_choices`` has the providers too, but it reads every list of
the consultation form and matches the vacancies besides: too much for one drop-down.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from db.models import Office, Provider
from db.models.reference import ServiceType
from db.queries.client_file import reference_labels
from db.queries.courses import person_languages
from db.queries.providers import provider_name
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import Actor, Permission, requires
from desktop.services.employment.referrals import TRAINING_SERVICES
from desktop.services.follow_ups import require_client

__all__ = ["TrainingChoices", "TrainingProvider", "TrainingService", "client_languages",
           "training_choices"]


@dataclass(frozen=True)
class TrainingService:
    code: str  # vocational_training or requalification
    label: str
    area_code: str


@dataclass(frozen=True)
class TrainingProvider:
    id: uuid.UUID
    name: str
    area_code: str


@dataclass(frozen=True)
class TrainingChoices:
    """Labelled in the UI language; the providers of the client's region first."""

    services: list[TrainingService]
    providers: list[TrainingProvider]

    def providers_for(self, service_code: str | None) -> list[TrainingProvider]:
        """Those who give that service (the providers of its service area)."""
        area = next((s.area_code for s in self.services if s.code == service_code), None)
        return [p for p in self.providers if p.area_code == area]


@requires(Permission.WORK_WITH_CLIENTS)
def training_choices(database: Database, actor: Actor,
                     person_id: uuid.UUID) -> TrainingChoices:
    """The active training services and their active providers. AccessDenied for another
    office's client, NoSuchClient."""
    language = current_language()
    label = getattr(ServiceType, f"label_{language}")
    with database.session() as session:
        person = require_client(session, actor, person_id)
        services = [TrainingService(code, text, area) for code, text, area in session.execute(
            select(ServiceType.code, label, ServiceType.area_code)
            .where(ServiceType.code.in_(TRAINING_SERVICES), ServiceType.active.is_(True))
            .order_by(ServiceType.sort_order, ServiceType.code))]
        areas = {s.area_code for s in services}
        region = person.region_code or session.scalar(
            select(Office.region_code).where(Office.id == person.office_id))
        rows = session.execute(
            select(Provider.id, provider_name(language).label("name"), Provider.area_code,
                   Provider.region_code)
            .where(Provider.active.is_(True), Provider.area_code.in_(areas))
            .order_by(Provider.internal.desc(), "name")).all()
    rows.sort(key=lambda r: r.region_code != region)  # stable: the center's own still first
    return TrainingChoices(services, [TrainingProvider(r.id, r.name, r.area_code)
                                      for r in rows])


@requires(Permission.WORK_WITH_CLIENTS)
def client_languages(database: Database, actor: Actor, person_id: uuid.UUID) -> list[str]:
    """"Kazakh B1", "Russian": each language recorded for the client with its level, in
    the UI language, as matching reads them (courses' tests and completions set them)."""
    language = current_language()
    with database.session() as session:
        person = require_client(session, actor, person_id)
        connection = session.connection()
        known = person_languages(connection, person.id)
        if not known:
            return []
        names = reference_labels(connection, "language", language)
        levels = reference_labels(connection, "language_level", language)
    shown = []
    for code, level in known.items():
        # "B1 — Intermediate": the letters say it, as matching's reasons write a level.
        level_text = levels.get(level, level).split(" — ")[0] if level else ""
        shown.append(" ".join(p for p in (names.get(code, code), level_text) if p))
    return sorted(shown)
