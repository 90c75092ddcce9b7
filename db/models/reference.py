"""Reference lists that users see, each labelled in kk, ru and en.

Their rows are seeded by migration from ``db.reference_data``. Countries are
not here: they are ISO codes whose names come from babel's CLDR data.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from db.base import ReferenceItem


class Region(ReferenceItem):
    """Oblys or city of republican significance; the code is the KATO prefix."""

    __tablename__ = "region"


class MigrantCategory(ReferenceItem):
    __tablename__ = "migrant_category"


class DocumentType(ReferenceItem):
    __tablename__ = "document_type"


class ServiceArea(ReferenceItem):
    __tablename__ = "service_area"


class ServiceType(ReferenceItem):
    __tablename__ = "service_type"

    area_code: Mapped[str] = mapped_column(ForeignKey("service_area.code"))


class ConsultationTopic(ReferenceItem):
    __tablename__ = "consultation_topic"


class ConsultationChannel(ReferenceItem):
    __tablename__ = "consultation_channel"


class Language(ReferenceItem):
    __tablename__ = "language"


class LanguageLevel(ReferenceItem):
    __tablename__ = "language_level"


class EconomicSector(ReferenceItem):
    __tablename__ = "economic_sector"


class EducationLevel(ReferenceItem):
    __tablename__ = "education_level"


class Relationship(ReferenceItem):
    __tablename__ = "relationship"


class CaseClosureReason(ReferenceItem):
    __tablename__ = "case_closure_reason"


class ConsentForm(ReferenceItem):
    __tablename__ = "consent_form"


class DropoutReason(ReferenceItem):
    """Why a participant left a course before its end (revision 0009 seeds it)."""

    __tablename__ = "dropout_reason"


class JobLeavingReason(ReferenceItem):
    """Why someone placed in a job left it (revision 0011 seeds it)."""

    __tablename__ = "job_leaving_reason"


class ProviderType(ReferenceItem):
    """Akimat department, polyclinic, school, legal-aid office... (revision 0012 seeds it)."""

    __tablename__ = "provider_type"


REFERENCE_MODELS: dict[str, type[ReferenceItem]] = {
    model.__tablename__: model
    for model in (
        Region, MigrantCategory, DocumentType, ServiceArea, ServiceType, ConsultationTopic,
        ConsultationChannel, Language, LanguageLevel, EconomicSector, EducationLevel,
        Relationship, CaseClosureReason, ConsentForm, DropoutReason, JobLeavingReason,
        ProviderType,
    )
}
