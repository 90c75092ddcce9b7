"""The no-response rule: a referral nobody answered within the center's number of days
(``center_settings.NO_RESPONSE_DAYS``, 14 by default) gets one follow-up for the
caseworker who made it, due on the day the answer was expected, so it shows overdue.

It is raised once: the referral keeps the task (``chase_follow_up_id``), and a referral
that has one is not chased again, even when its task is done and the referral is still
unanswered (the caseworker has then decided what to do). The rule runs when someone
logs in and when the Social services screen is read, for the referrals that user may
see; a task raised for a caseworker who no longer works here goes to their case's.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from db.models import Person, Provider, Referral, ReferralStatus, User
from db.models.reference import ServiceType
from db.queries.providers import provider_name
from db.session import Database
from desktop.i18n import _, current_language, format_date
from desktop.services.access import Actor, Permission, requires
from desktop.services.center_settings import NO_RESPONSE_DAYS, setting_value
from desktop.services.follow_ups import open_case_id, raise_task

__all__ = ["BATCH", "chase_unanswered"]

BATCH = 500  # referrals chased per call: a first run on an old database stays short


@requires(Permission.WORK_WITH_CLIENTS)
def chase_unanswered(database: Database, actor: Actor, *, today: date | None = None) -> int:
    """Raise the follow-up of every referral unanswered for too long; returns how many."""
    today = today or date.today()
    language = current_language()
    with database.session(actor.user_id) as session:
        days = setting_value(session, NO_RESPONSE_DAYS)
        query = (select(Referral, getattr(ServiceType, f"label_{language}"),
                        provider_name(language), User.active, Person.office_id)
                 .join(Person, Person.id == Referral.person_id)
                 .join(ServiceType, ServiceType.code == Referral.service_type_code)
                 .outerjoin(Provider, Provider.id == Referral.provider_id)
                 .outerjoin(User, User.id == Referral.caseworker_id)
                 .where(Referral.status == ReferralStatus.REFERRED,
                        Referral.chase_follow_up_id.is_(None),
                        Referral.referred_on <= today - timedelta(days=days))
                 .order_by(Referral.referred_on, Referral.id).limit(BATCH))
        if actor.office_scope is not None:
            # The client's office now: a client who moved is chased by their new office.
            query = query.where(Person.office_id == actor.office_scope)
        rows = session.execute(query).all()
        for referral, service, provider, caseworker_active, office_id in rows:
            title = (_("No answer to the referral to {service} ({provider}) of {day}: ask "
                       "the provider, or close the referral.")
                     if provider else
                     _("No answer to the referral to {service} of {day}: ask the provider, "
                       "or close the referral.")).format(
                service=service, provider=provider, day=format_date(referral.referred_on))
            case_id, assignee = referral.case_id, None
            if office_id != referral.office_id:  # the client moved: their new case's worker
                case_id = open_case_id(session, referral.person_id, office_id)
            elif caseworker_active:
                assignee = referral.caseworker_id
            task = raise_task(session, actor, referral.person_id, case_id,
                              referral.referred_on + timedelta(days=days), title,
                              assignee_id=assignee)
            referral.chase_follow_up_id = task.id
        session.flush()
        return len(rows)
