"""The social services' sentences: each form's problems and one describer per refusal,
registered on ``desktop.services.messages.describe`` (which imports this module)."""

from __future__ import annotations

from db.models import EntitlementStatus, ReferralStatus
from desktop.i18n import _, format_date, format_number, ngettext
from desktop.services.access import pure
from desktop.services.client_file.labels import REFERRAL_STATUS
from desktop.services.messages import describe
from desktop.services.social import entitlements, errors, rooms
from desktop.services.social.catalogue import MAX_LABEL
from desktop.services.social.providers import MAX_NAME
from desktop.services.social.referrals import MAX_AMOUNT, MAX_TEXT
from desktop.services.social.rooms import MAX_BEDS

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
        (F.OUTCOME, P.REQUIRED): _("Say why, in a few words."),
        (F.AMOUNT, P.OUT_OF_RANGE): _("Enter the amount in tenge, from 0 to {limit}.").format(
            limit=format_number(MAX_AMOUNT)),
        (F.NAME, P.REQUIRED): _("Give the provider's name in at least one language."),
        (F.ROOM_NAME, P.REQUIRED): _("Give the room's number or name."),
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
        (F.DAY, P.TOO_EARLY): _("This day is before the step it follows."),
        (F.RULE, P.REQUIRED): _("Choose the support measure."),
        (F.RULE, P.UNKNOWN): _("This measure is no longer offered; choose another."),
        (F.YEAR, P.OUT_OF_RANGE): _("Enter a year from 1991 to next year."),
        (F.RATE, P.OUT_OF_RANGE): _("Enter the MRP in tenge, from 1 to {limit}.").format(
            limit=format_number(entitlements.MAX_MRP)),
        (F.REGION, P.REQUIRED): _("Choose the region of settlement."),
        (F.ROOM, P.REQUIRED): _("Choose the room."),
        (F.ROOM, P.UNKNOWN): _("This room is not in use in the client's office; choose "
                               "another."),
        (F.BEDS, P.OUT_OF_RANGE): _("A room has from 1 to {limit} beds.").format(
            limit=MAX_BEDS),
        (F.UNTIL, P.REQUIRED): _("Enter the last night agreed."),
        (F.UNTIL, P.OUT_OF_RANGE): _("The last night is on or after the check-in day, "
                                     "and within a year of it."),
        (F.MEMBERS, P.UNKNOWN): _("Only members of the client's household check in with "
                                  "them."),
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


@describe.register
def _missing_rate(error: entitlements.MissingRate) -> str:
    return _("The MRP of {year} is not in Qadam yet: an administrator adds it under "
             "Administration, then the amount can be counted.").format(year=error.year)


@describe.register
def _not_in_quota(error: entitlements.NotInQuota) -> str:
    return _("{client}'s case is not included in the regional quota: record the inclusion "
             "(year and region) on the case first; these measures are for quota "
             "participants.").format(client=error.client)


@describe.register
def _already_applied(error: entitlements.AlreadyApplied) -> str:
    return _("The household has applied for “{measure}” already ({member}): a measure is "
             "applied for once per family.").format(measure=error.rule, member=error.member)


@describe.register
def _not_decidable(error: entitlements.NotDecidable) -> str:
    if error.status is EntitlementStatus.GRANTED:
        return _("This application is granted already; record its payments.")
    return _("This application is no longer waiting for a decision, and only a granted one "
             "is paid.")


@describe.register
def _no_entitlement(_error: entitlements.NoSuchEntitlement) -> str:
    return _("This application is no longer in Qadam.")


@describe.register
def _room_full(error: rooms.RoomFull) -> str:
    return ngettext(
        "Room {room} has {free} bed free on the night of {night}, and {wanted} are needed.",
        "Room {room} has {free} beds free on the night of {night}, and {wanted} are needed.",
        error.free).format(room=error.room, free=error.free, wanted=error.wanted,
                           night=format_date(error.night))


@describe.register
def _overlaps(error: rooms.StayOverlaps) -> str:
    return _("{person} already stays in room {room} since {day}: check them out first, or "
             "choose other days.").format(person=error.person, room=error.room,
                                           day=format_date(error.since))


@describe.register
def _left(error: rooms.AlreadyLeft) -> str:
    return _("{person} was checked out on {day} already.").format(
        person=error.person, day=format_date(error.on))


@describe.register
def _room_occupied(error: rooms.RoomOccupied) -> str:
    return ngettext(
        "{count} person stays in room {room} tonight: it keeps a bed for them and stays in "
        "use until they are checked out.",
        "{count} people stay in room {room} tonight: it keeps a bed for each and stays in "
        "use until they are checked out.", error.staying).format(count=error.staying,
                                                               room=error.room)


@describe.register
def _room_taken(error: rooms.RoomTaken) -> str:
    return _("The office has a room named {room} already.").format(room=error.name)


@describe.register
def _no_room(_error: rooms.NoSuchRoom) -> str:
    return _("This room is no longer in Qadam.")


@describe.register
def _no_stay(_error: rooms.NoSuchStay) -> str:
    return _("This stay is no longer in Qadam.")
