"""The sentences for what can go wrong bringing people in and out by file, registered on
``desktop.services.messages.describe`` (which imports this module)."""

from __future__ import annotations

from desktop.i18n import _
from desktop.services.messages import describe
from desktop.services.transfer import importing, reading


@describe.register
def _unreadable(error: reading.UnreadableFile) -> str:
    return error.message()


@describe.register
def _no_office(_error: importing.NoOffice) -> str:
    return _("Say which office the clients go to: the file has no office column.")


@describe.register
def _conflict(_error: importing.ImportConflict) -> str:
    return _("Someone registered one of these people while the file was being imported; "
             "nothing was imported. Check the file again.")


@describe.register
def _unknown_consent(error: importing.UnknownConsentForm) -> str:
    return _("“{code}” is not a form of consent Qadam knows.").format(code=error.code)
