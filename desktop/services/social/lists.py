"""What the Social services screen and the client file show of referrals.

A caseworker sees their office's referrals; a manager or administrator every office's,
or one office's when they choose it. Each line says how long the referral has waited
and when its answer was expected (the center's number of days after it was made).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from db.models import ReferralStatus
from db.queries import social as queries
from db.queries.social import ReferralRow, Selection
from db.session import Database
from desktop.i18n import current_language
from desktop.services.access import AccessDenied, Actor, Permission, requires
from desktop.services.center_settings import NO_RESPONSE_DAYS, setting_value
from desktop.services.follow_ups import require_client

__all__ = ["LIMIT", "ProviderCount", "ReferralLine", "ReferralList", "Selection",
           "client_referrals", "referral_list"]

LIMIT = 500  # lines per list: a week's work of a busy office, few enough to read


@dataclass(frozen=True)
class ReferralLine:
    row: ReferralRow
    expected_by: date  # the answer was expected by this day
    overdue: bool  # referred, unanswered past that day

    @property
    def id(self) -> uuid.UUID:
        return self.row.id

    def waited(self, today: date) -> int:
        """Days from the referral to its end, or to today while it is open."""
        return ((self.row.closed_on or today) - self.row.referred_on).days


@dataclass(frozen=True)
class ProviderCount:
    provider_id: uuid.UUID | None
    name: str
    open: int


@dataclass(frozen=True)
class ReferralList:
    lines: list[ReferralLine]
    total: int  # all that match, when more than ``LIMIT``
    days: int  # the center's no-response days, said above the overdue list
    providers: list[ProviderCount]  # open referrals per provider, for the filter


def _line(row: ReferralRow, days: int, today: date) -> ReferralLine:
    expected = row.referred_on + timedelta(days=days)
    return ReferralLine(row, expected,
                        row.status == ReferralStatus.REFERRED.value and expected <= today)


@requires(Permission.WORK_WITH_CLIENTS)
def referral_list(database: Database, actor: Actor, selection: Selection, *,
                  provider_id: uuid.UUID | None = None, office_id: uuid.UUID | None = None,
                  today: date | None = None) -> ReferralList:
    """Open referrals (optionally one provider's), those unanswered too long, or those
    completed this month."""
    today = today or date.today()
    scope = actor.office_scope
    if scope is not None:
        if office_id is not None and office_id != scope:
            raise AccessDenied(None)
        office_id = scope
    language = current_language()
    with database.reading() as connection:
        days = setting_value(connection, NO_RESPONSE_DAYS)
        rows, total = queries.referral_rows(connection, language, selection,
                                            office_id=office_id, today=today, days=days,
                                            provider_id=provider_id, limit=LIMIT)
        providers = [ProviderCount(*p) for p in queries.open_by_provider(
            connection, language, office_id=office_id)]
    return ReferralList([_line(r, days, today) for r in rows], total, days, providers)


@requires(Permission.WORK_WITH_CLIENTS)
def client_referrals(database: Database, actor: Actor, person_id: uuid.UUID, *,
                     today: date | None = None) -> list[ReferralLine]:
    """A client's referrals, the latest first. AccessDenied for another office's client."""
    today = today or date.today()
    with database.session() as session:
        require_client(session, actor, person_id)
        days = setting_value(session, NO_RESPONSE_DAYS)
        rows = queries.client_referrals(session.connection(), person_id, current_language())
    return [_line(r, days, today) for r in rows]
