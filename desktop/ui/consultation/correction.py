"""Correcting a saved consultation, and a manager deleting one recorded by mistake.

The correction form is the consultation form, filled with what was recorded and
without the tasks and referrals agreed at it (records of their own, changed where
they are shown). It reads the form's lists and the consultation in one call off
the GUI thread; the service checks again who may correct it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from db.errors import StaleRecord
from db.session import Database
from desktop.i18n import _, format_datetime, ngettext
from desktop.services.access import Actor
from desktop.services.consultations import (
    ConsultationChoices,
    FieldProblem,
    NewConsultation,
    Problem,
    SavedConsultation,
    check_deletion,
    consultation_choices,
    correct_consultation,
    delete_consultation,
    problem_text,
    saved_consultation,
)
from desktop.ui.admin.common import FormDialog, text_field
from desktop.ui.consultation.dialog import ConsultationDialog, index_of, to_qdatetime
from desktop.ui.operations import Failure, Operation


class CorrectConsultationDialog(ConsultationDialog):
    """The consultation as recorded, to be corrected; ``outdated`` when someone changed or
    deleted it meanwhile (the file should show it as it is now)."""

    outdated = Signal()

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 consultation_id: uuid.UUID, parent: QWidget | None = None) -> None:
        # Set before the form is built: building it asks for the lists (``_load_choices``).
        self.record: SavedConsultation | None = None
        self.correcting = consultation_id
        super().__init__(database, actor, person_id, parent)
        self.setObjectName("CorrectConsultationDialog")
        self.follow_up_box.hide()
        self.referral_box.hide()
        self.resize(900, 560)

    def _load_choices(self) -> None:
        database, actor, person_id = self.database, self.actor, self.person_id
        consultation_id, record = self.correcting, self.record

        def read() -> tuple[ConsultationChoices, SavedConsultation]:
            return (consultation_choices(database, actor, person_id),
                    record or saved_consultation(database, actor, consultation_id))

        Operation(self, read, name="consultation: to correct") \
            .superseding(("consultation choices", id(self))) \
            .done(self._arrived).failed(self._choices_refused).run()

    def _arrived(self, read: tuple[ConsultationChoices, SavedConsultation]) -> None:
        choices, record = read
        first = self.record is None
        self.record = record
        self._choices_arrived(choices)
        if first:
            self._fill(record)
            self._initial = self.consultation()

    def _fill(self, record: SavedConsultation) -> None:
        self.held_at.setDateTime(to_qdatetime(record.held_at))
        self.channel.setCurrentIndex(max(index_of(self.channel, record.channel_code), 0))
        self.set_topics(record.topic_codes)
        for name, text in (("notes", record.notes), ("advice", record.advice),
                           ("next_steps", record.next_steps)):
            self.texts[name].setPlainText(text)
        if record.next_appointment_at is not None:
            self.next_at.setDateTime(to_qdatetime(record.next_appointment_at))
        self.book_next.setChecked(record.next_appointment_at is not None)

    def problems_of(self, consultation: NewConsultation) -> list[FieldProblem]:
        kept = self.record.next_appointment_at if self.record else None
        # An appointment left as it was may have passed since: the service allows it too.
        return [p for p in super().problems_of(consultation)
                if not (p.problem is Problem.IN_PAST
                        and consultation.next_appointment_at == kept)]

    def _write(self, consultation: NewConsultation) -> Callable[[], uuid.UUID]:
        database, actor, record = self.database, self.actor, self.record
        assert record is not None  # the form is disabled until it has arrived

        def write() -> uuid.UUID:
            correct_consultation(database, actor, record.id, record.version, consultation)
            return record.id

        return write

    def _not_recorded(self, failure: Failure) -> None:
        super()._not_recorded(failure)
        if isinstance(failure.error, StaleRecord):
            self.outdated.emit()

    def title(self, client: str | None) -> str:
        if client is None:
            return _("Correct consultation")
        return _("Correct consultation — {client}").format(client=client)


class DeleteConsultationDialog(FormDialog):
    """Why a consultation is deleted (needed); says what is kept: its tasks and referrals."""

    outdated = Signal()

    def __init__(self, database: Database, actor: Actor, consultation_id: uuid.UUID,
                 held_at: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.consultation_id, self.held_at = consultation_id, held_at
        self.record: SavedConsultation | None = None
        self.summary = self.add_summary()
        self.reason = text_field(self)
        self.form.add("deletion_reason", self.reason, self)
        self.chain_focus([self.reason])
        self.buttons.setEnabled(False)  # until the consultation has been read
        self.reason.setFocus()
        self.retranslate()
        Operation(self, lambda: saved_consultation(database, actor, consultation_id),
                  name="consultation: to delete").done(self._arrived) \
            .failed(self._unreadable).run()

    def _arrived(self, record: SavedConsultation) -> None:
        self.record = record
        self.buttons.setEnabled(True)
        self.retranslate()

    def _unreadable(self, failure: Failure) -> None:
        self.summary.setText(failure.message)
        self.buttons.button(self.buttons.StandardButton.Cancel).setEnabled(True)
        self.buttons.setEnabled(True)
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setEnabled(False)

    def problems(self) -> dict[str, str]:
        return {p.field: problem_text(p) for p in check_deletion(self.reason.toPlainText())}

    def write(self) -> Callable[[], uuid.UUID]:
        database, actor, record = self.database, self.actor, self.record
        assert record is not None
        reason = self.reason.toPlainText()

        def write() -> uuid.UUID:
            delete_consultation(database, actor, record.id, record.version, reason)
            return record.id

        return write

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, StaleRecord):
            self.outdated.emit()
        return super().placed(failure)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Delete consultation"))
        self.form.set_label("deletion_reason", _("&Reason"))
        self.reason.setPlaceholderText(_("Why the consultation is deleted, e.g. recorded for "
                                         "the wrong client"))
        text = _("The consultation of {when} will be deleted. The history keeps what it said "
                 "and why it was deleted.").format(
            when=format_datetime(self.held_at))
        record = self.record
        if record is not None and (record.follow_ups or record.referrals):
            text += " " + ngettext(
                "The {count} task or referral agreed at it is kept.",
                "The {count} tasks and referrals agreed at it are kept.",
                record.follow_ups + record.referrals).format(
                count=record.follow_ups + record.referrals)
        self.summary.setText(text)
