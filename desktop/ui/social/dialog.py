"""The base of the social services' dialogs (referrals and their steps, support measures,
stays and rooms), and the small helpers they share.

A ``SocialDialog`` is a ``FormDialog`` (it stays open until its save succeeded) with a
line naming who or what it is about, a hint under it, the day of today (``today`` None:
the clock's; tests pin it), a reading of what the form offers that OK waits for, and a
refusal that means the list it came from is no longer as shown (``was_refused``).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLabel, QWidget

from db.session import Database
from desktop.services.access import Actor
from desktop.services.social.errors import Field, InvalidEntry, Problem
from desktop.services.social.messages import problem_text
from desktop.ui.admin.common import FormDialog
from desktop.ui.operations import Failure
from desktop.ui.scroll_safe import ScrollSafeDateEdit

__all__ = ["EARLIEST", "HINT_STYLE", "SocialDialog", "qdate", "texts_of"]

HINT_STYLE = "color: #5f6368;"
EARLIEST = date(2000, 1, 1)  # a day typed in from the paper files of earlier years


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def texts_of(problems: dict[Field, Problem]) -> dict[str, str]:
    """Each problem in words, by the form's key (the field's value)."""
    return {field.value: problem_text(field, problem) for field, problem in problems.items()}


class SocialDialog(FormDialog):
    """What the social dialogs share: the line naming who or what, a hint under it, the day
    of today (``today`` None: the clock's), and a refusal that means the list is stale."""

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 today: date | None = None, width: int = 560) -> None:
        super().__init__(parent)
        self.database, self.actor, self.today = database, actor, today
        self.was_refused = False
        self.summary = self.add_summary()
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.layout().insertWidget(1, self.hint)  # type: ignore[union-attr]
        self.setMinimumWidth(width)

    def day_today(self) -> date:
        return self.today or date.today()



    def date_field(self, first: date, last: date,
                   value: date | None = None) -> ScrollSafeDateEdit:
        """A day from ``first`` to ``last``, showing ``value`` (``last`` if none)."""
        value = last if value is None else value
        field = ScrollSafeDateEdit(self)
        field.setCalendarPopup(True)
        field.setDisplayFormat("dd.MM.yyyy")  # as the profile's dates
        first = min(first, last)
        field.setDateRange(qdate(first), qdate(last))
        field.setDate(qdate(min(max(value, first), last)))
        return field

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, InvalidEntry):
            return texts_of(failure.error.problems)
        self.was_refused = True  # the record (or the room) is not as the list showed it
        return {}
