"""The refusals of the social services: kinds, not sentences (``messages`` words them in
the UI language)."""

from __future__ import annotations

import enum

from db.models import ReferralStatus
from desktop.services.field_problems import InvalidFields


class NoSuchReferral(LookupError):
    pass


class NoSuchProvider(LookupError):
    pass


class NoSuchServiceType(LookupError):
    pass


class NoConsent(Exception):
    """A referral hands the client's details to a provider: their consent to processing
    is recorded first."""

    def __init__(self, client: str) -> None:
        super().__init__("no consent recorded")
        self.client = client


class NotInStep(Exception):
    """A step that does not follow from where the referral is: completing a refused one,
    accepting one already completed..."""

    def __init__(self, status: ReferralStatus, step: ReferralStatus) -> None:
        super().__init__(f"{status.value} -> {step.value}")
        self.status, self.step = status, step


class NotProvided(Exception):
    """The provider chosen does not deliver that service (or no longer works with us)."""

    def __init__(self, provider: str, service: str) -> None:
        super().__init__("provider does not deliver the service")
        self.provider, self.service = provider, service


class ServiceTypeChanged(Exception):
    """Another administrator renamed or (de)activated the service type since it was read."""

    def __init__(self, label: str) -> None:
        super().__init__("service type changed")
        self.label = label


class Field(enum.StrEnum):
    SERVICE = "service"
    PROVIDER = "provider"
    DAY = "day"
    OUTCOME = "outcome"
    AMOUNT = "amount"
    NOTE = "note"
    # The provider form
    NAME = "name"
    TYPE = "type"
    AREA = "area"
    REGION = "region"
    LOCALITY = "locality"
    ADDRESS = "address"
    CONTACT = "contact"
    PHONE = "phone"
    EMAIL = "email"
    SERVICES = "services"
    # Entitlements, the quota, rooms and stays
    RULE = "rule"
    YEAR = "year"
    RATE = "rate"
    ROOM = "room"
    ROOM_NAME = "room_name"
    BEDS = "beds"
    UNTIL = "until"
    MEMBERS = "members"
    # The service-type form
    LABEL_KK = "label_kk"
    LABEL_RU = "label_ru"
    LABEL_EN = "label_en"


class Problem(enum.Enum):
    REQUIRED = "required"
    TOO_LONG = "too_long"
    IN_FUTURE = "in_future"
    BEFORE_REFERRAL = "before_referral"  # a step dated before the referral was made
    BEFORE_ACCEPTANCE = "before_acceptance"  # completed before the provider took it
    TOO_EARLY = "too_early"  # before the application, the decision or the check-in
    OUT_OF_RANGE = "out_of_range"
    NOT_A_PHONE = "not_a_phone"
    NOT_AN_EMAIL = "not_an_email"
    UNKNOWN = "unknown"
    TAKEN = "taken"  # a service type of that name exists in the area


class InvalidEntry(InvalidFields[Field, Problem]):
    """A referral step's, provider's or service type's problems, by field."""
