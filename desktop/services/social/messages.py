"""The social services' sentences: each form's problems and one describer per refusal,
registered on ``desktop.services.messages.describe`` (which imports this module)."""

from __future__ import annotations

from db.models import ReferralStatus
from desktop.i18n import _, format_number
from desktop.services.access import pure
from desktop.services.client_file.labels import REFERRAL_STATUS
from desktop.services.messages import describe
from desktop.services.social import errors
from desktop.services.social.catalogue import MAX_LABEL
from desktop.services.social.providers import MAX_NAME
from desktop.services.social.referrals import MAX_AMOUNT, MAX_TEXT

F, P = errors.Field, errors.Problem


@pure
def problem_text(field: errors.Field, problem: errors.Problem) -> str:
    """What is wrong with one field of a referral, step, provider or service-type form."""
    texts = {
        (F.SERVICE, P.REQUIRED): _("Choose the service."),
        (F.SERVICE, P.UNKNOWN): _("This service is no longer offered; choose another."),
        (F.PROVIDER, P.REQUIRED): _("Choose the provider the client is referred to."),
        (F.DAY, P.REQUIRED): _("Enter the day."),
        (F.DAY, P.IN_FUTURE): _("This day is still to come: record the step once it "
                                "has happened."),
        (F.DAY, P.BEFORE_REFERRAL): _("This day is before the referral was made."),
        (F.DAY, P.BEFORE_ACCEPTANCE): _("This day is before the provider accepted the "
                                        "referral."),
        (F.OUTCOME, P.REQUIRED): _("Say why: the provider's reason, or the center's."),
        (F.AMOUNT, P.OUT_OF_RANGE): _("Enter the amount in tenge, from 0 to {limit}.").format(
            limit=format_number(MAX_AMOUNT)),
        (F.NAME, P.REQUIRED): _("Give the provider's name in at least one language."),
        (F.NAME, P.TOO_LONG): _("Keep each name under {limit} characters.").format(
            limit=MAX_NAME),
        (F.TYPE, P.REQUIRED): _("Choose what kind of organisation it is."),
        (F.AREA, P.REQUIRED): _("Choose the area of its services."),
        (F.PHONE, P.NOT_A_PHONE): _("This is not a phone number of any country."),
        (F.EMAIL, P.NOT_AN_EMAIL): _("This is not an e-mail address: it looks like "
                                     "name@example.kz."),
        (F.SERVICES, P.REQUIRED): _("Tick at least one service it provides."),
        (F.SERVICES, P.UNKNOWN): _("A service ticked is no longer in the catalogue; tick "
                                   "again."),
        (F.LABEL_KK, P.REQUIRED): _("Give the name in Kazakh."),
        (F.LABEL_RU, P.REQUIRED): _("Give the name in Russian."),
        (F.LABEL_EN, P.REQUIRED): _("Give the name in English."),
    }
    text = texts.get((field, problem))
    if text is not None:
        return text
    if problem is P.TOO_LONG:
        limit = MAX_LABEL if field in (F.LABEL_KK, F.LABEL_RU, F.LABEL_EN) else MAX_TEXT
        return _("This is longer than {limit} characters.").format(limit=limit)
    if problem is P.TAKEN:
        return _("Another service of this area has this name.")
    if problem is P.UNKNOWN:
        return _("This choice is no longer available; choose again.")
    return _("Check this value.")


@describe.register
def _invalid(error: errors.InvalidEntry) -> str:
    field, problem = next(iter(error.problems.items()))
    return problem_text(field, problem)


@describe.register
def _no_consent(error: errors.NoConsent) -> str:
    return _("{client} has not given consent to the processing of their data, and a "
             "referral passes their details to the provider: record the consent in the "
             "client file first.").format(client=error.client)


@describe.register
def _not_in_step(error: errors.NotInStep) -> str:
    status = _(REFERRAL_STATUS[error.status.value])
    if error.status is ReferralStatus.REFUSED and error.step is ReferralStatus.COMPLETED:
        return _("This referral was refused by the provider: it cannot be completed. Refer "
                 "the client again if the provider has changed its answer.")
    return _("This referral's status is now “{status}”: that step no longer applies. The "
             "list shows it as it is.").format(status=status)


@describe.register
def _not_provided(error: errors.NotProvided) -> str:
    return _("{provider} does not provide {service} (or no longer works with the center): "
             "choose another provider.").format(provider=error.provider, service=error.service)


@describe.register
def _changed(error: errors.ServiceTypeChanged) -> str:
    return _("Another administrator changed the service “{service}” meanwhile; nothing was "
             "saved. Look at it again before changing it.").format(service=error.label)


@describe.register
def _no_referral(_error: errors.NoSuchReferral) -> str:
    return _("This referral is no longer in Qadam.")


@describe.register
def _no_provider(_error: errors.NoSuchProvider) -> str:
    return _("This provider is no longer in Qadam.")


@describe.register
def _no_service(_error: errors.NoSuchServiceType) -> str:
    return _("This service is no longer in the catalogue.")
