"""The center's settings: the thresholds its rules use, one value for every office.

Kept in the database (``center_setting``), not in a user's preferences file, because
a rule such as "a participant under 60 % attendance gets a follow-up" must give the
same answer whoever's window or command applies it. A key with no row has its
default; a stored value that no longer parses (edited by hand) counts as the default.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import CenterSetting
from db.session import Database
from desktop.i18n import N_
from desktop.services.access import (
    Actor,
    Offices,
    Permission,
    pure,
    requires,
    within_checked_call,
)

__all__ = ["LOW_ATTENDANCE_PERCENT", "NO_RESPONSE_DAYS", "SETTINGS", "OutOfRange", "Setting",
           "UnknownSetting", "read_setting", "set_setting", "setting_value", "settings_now"]


@dataclass(frozen=True)
class Setting:
    key: str
    label: str  # marked with N_, translated where shown
    default: int
    minimum: int
    maximum: int
    unit: str = ""  # "%" or N_("days")

    @pure
    def parse(self, text: str | None) -> int:
        try:
            value = int(text) if text is not None else self.default
        except ValueError:
            return self.default
        return value if self.minimum <= value <= self.maximum else self.default


LOW_ATTENDANCE_PERCENT = Setting(
    "courses.low_attendance_percent",
    N_("A participant's attendance under which their caseworker gets a follow-up"),
    60, 1, 100, "%")

NO_RESPONSE_DAYS = Setting(
    "social.no_response_days",
    N_("Days without an answer after which a social referral's caseworker gets a follow-up"),
    14, 1, 180, N_("days"))

SETTINGS: dict[str, Setting] = {s.key: s for s in (LOW_ATTENDANCE_PERCENT, NO_RESPONSE_DAYS)}


class UnknownSetting(KeyError):
    pass


class OutOfRange(ValueError):
    def __init__(self, setting: Setting, value: int) -> None:
        super().__init__(f"{setting.key}={value}")
        self.setting = setting
        self.value = value


@within_checked_call
def setting_value(connection: Connection | Session, setting: Setting) -> int:
    """The value in force, read on the caller's connection or session."""
    text = connection.scalar(select(CenterSetting.value).where(CenterSetting.key == setting.key))
    return setting.parse(text)


@requires(Permission.WORK_WITH_CLIENTS, offices=Offices.ALL)
def read_setting(database: Database, actor: Actor, setting: Setting) -> int:
    """One setting's value (every user's rules use it, so every user may read it)."""
    with database.reading() as connection:
        return setting_value(connection, setting)


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def settings_now(database: Database, actor: Actor) -> dict[str, int]:
    """Every setting's value by key, for the administrator's form."""
    with database.reading() as connection:
        return {key: setting_value(connection, setting) for key, setting in SETTINGS.items()}


@requires(Permission.ADMINISTER, offices=Offices.ALL)
def set_setting(database: Database, actor: Actor, key: str, value: int) -> None:
    """Change one setting for the whole center. Raises UnknownSetting, OutOfRange."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise UnknownSetting(key)
    if not setting.minimum <= value <= setting.maximum:
        raise OutOfRange(setting, value)
    with database.session(actor.user_id) as session:
        row = session.get(CenterSetting, key)
        if row is None:
            row = CenterSetting(key=key, value="")
            session.add(row)
        row.value, row.updated_at, row.updated_by = str(value), utcnow(), actor.user_id
        session.flush()
