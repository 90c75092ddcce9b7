"""Registering a new client: the form, the duplicate check, and the record with its case.

Flow: the caseworker fills the form (problems appear beside the fields as they
type; required ones once they first try to save), records consent (Save stays
disabled until then), saves; similar clients already registered are looked up
and, if any, shown in place of the form with "Open existing file" and "Create
anyway". The service checks every rule and permission again.

Every call into the services (the form's lists, the duplicate check, saving,
whether a file may be opened) goes through ``operations.Operation``, off the GUI
thread; while one runs the form is disabled, and while the client is being
saved neither Save nor Cancel can be pressed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.errors import DuplicateIin
from db.session import Database
from desktop.domain.iin import IinHint
from desktop.i18n import _, format_date, ngettext
from desktop.services import intake, messages
from desktop.services.access import Actor
from desktop.services.intake import Duplicate, IntakeChoices, NewClient
from desktop.ui.intake.duplicates import DuplicatesPanel
from desktop.ui.intake.form import SEXES, IntakeForm
from desktop.ui.intake.widgets import PROBLEM_STYLE
from desktop.ui.operations import Failure, Operation

_NO_OFFICE = uuid.UUID(int=0)  # stands in until the service puts the client in the user's office


class IntakeDialog(QDialog):
    """The new-client form. Emits ``client_created(person_id)`` after saving, or
    ``open_existing(person_id)`` when the caseworker chooses an existing file; both close it.
    """

    client_created = Signal(object)  # uuid.UUID of the new person
    open_existing = Signal(object)  # uuid.UUID of the existing person to open instead

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IntakeDialog")
        self.database = database
        self.actor = actor
        self.today = today or date.today()
        self.person_id: uuid.UUID | None = None
        self.attempted = False  # after a first try to save, required fields are flagged too
        self._operation: Operation[Any] | None = None  # the check or save the form waits on
        self._saving = False  # a write is on its way: it is never abandoned halfway
        self._choices: Operation[IntakeChoices] | None = None
        self._choices_loaded = False
        self._pending: NewClient | None = None  # what the duplicate check looked at
        self._banner: Callable[[], str] | None = None
        self._discard_armed = False

        self.form = IntakeForm(self.today, self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.duplicates = DuplicatesPanel(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(scroll)
        self.pages.addWidget(self.duplicates)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self)
        self.save_button.setAutoDefault(False)  # Enter in a field must not save half a form
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)

        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.form.changed.connect(self._form_changed)
        self.form.consent_changed.connect(lambda _given: self._update_save())
        self.form.category.changed.connect(self._category_changed)
        self.duplicates.open_existing.connect(self._open_existing)
        self.form.iin.changed.connect(self._look_up_iin)
        self.form.iin.open_holder.connect(self._open_existing)
        self.duplicates.create_anyway.connect(self._create_anyway)
        self.duplicates.back.connect(self._back_to_form)

        self.resize(980, 700)
        self.retranslate()  # asks for the form's lists too
        self._category_changed()
        self.form.surname.setFocus()

    # ---- the form's lists -----------------------------------------------------------------------

    def _load_choices(self) -> None:
        """The reference lists in the UI language; asked again after a language switch."""
        database, actor = self.database, self.actor
        self._choices = Operation(self, lambda: intake.form_choices(database, actor),
                                  name="intake: form choices") \
            .superseding(("intake choices", id(self))) \
            .done(self._choices_arrived).failed(self._choices_failed).run()

    def _choices_arrived(self, choices: IntakeChoices) -> None:
        self._choices = None
        # The office's region is offered once, as the lists first arrive; later loads only
        # relabel, keeping what was chosen.
        self.form.set_choices(choices, default_region=not self._choices_loaded)
        self._choices_loaded = True
        self.refresh_messages()

    def _choices_failed(self, failure: Failure) -> None:
        self._choices = None
        self._show_error(failure.error)

    # ---- validation -----------------------------------------------------------------------------

    def client(self) -> NewClient:
        return self.form.client(self.actor.office_id or _NO_OFFICE)

    def problems(self) -> dict[str, str]:
        """Every problem the form has now, as text, in the form's order."""
        client = self.client()
        found = intake.check_client(client, self.today)
        texts = {field: intake.problem_text(problem) for field, problem in found.items()}
        for field in self.form.unreadable_dates():
            texts[field] = _("Write the date as dd.mm.yyyy.")
        order = self.form.field_order()
        return dict(sorted(texts.items(), key=lambda item: order.index(item[0])
                           if item[0] in order else len(order)))

    def refresh_messages(self) -> dict[str, str]:
        """Show problems and warnings; required-field problems only once saving was tried."""
        problems = self.problems()
        client = self.client()
        required = intake.required_fields(client.category_code)
        shown = {}
        for field, text in problems.items():
            if field == "iin" and client.iin.strip():
                continue  # the IIN field says itself what is wrong with a typed number
            if field in required and _empty(getattr(client, field, None)) and not self.attempted:
                continue
            shown[field] = text
        self.form.show_problems(shown)
        if self.attempted and "iin" in problems:
            self.form.iin.finish()
        self.form.iin.set_warnings(self._iin_warnings())
        return problems

    def _iin_warnings(self) -> list[str]:
        check = self.form.iin.check()
        texts = []
        for hint in intake.iin_warnings(self.client()):
            if hint is IinHint.BIRTH_DATE_MISMATCH:
                texts.append(_("The IIN suggests the birth date {date}; check both.").format(
                    date=format_date(check.encoded_birth_date)))
            else:
                texts.append(_("The IIN suggests the sex “{sex}”; check both.").format(
                    sex=_(SEXES.get(check.encoded_sex or "", ""))))
        return texts

    def _form_changed(self) -> None:
        self._discard_armed = False
        if self._banner is not None and not self._busy():
            self._set_banner(None)
        self.refresh_messages()

    def _category_changed(self) -> None:
        category = self.form.category.value()
        self.form.set_required(intake.required_fields(category))
        self.form.category_chosen(category in intake.CITIZEN_CATEGORIES)
        self.refresh_messages()

    # ---- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        """Check the form, then look for duplicates, then create (both off the GUI thread)."""
        if self.pages.currentIndex() != 0 or self._busy():
            return
        if not self.form.consent.isChecked():
            # Ctrl+S gets round the disabled button: say why nothing happens.
            self._set_banner(lambda: _("Record the client's consent first."), error=True)
            return
        self.attempted = True
        problems = self.refresh_messages()
        if problems:
            self._correct_banner(len(problems))
            self.form.editors[next(iter(problems))].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        client = self.client()
        self._pending = client
        database, actor = self.database, self.actor
        self._set_banner(lambda: _("Looking for clients who are already registered…"))
        self._start(Operation(self, lambda: intake.duplicates(database, actor, client),
                              name="intake: duplicate check")
                    .done(self._checked).failed(self._check_failed))

    def _checked(self, candidates: list[Duplicate]) -> None:
        self._idle()
        self._set_banner(None)
        if candidates:
            self.duplicates.show_candidates(candidates)
            self.pages.setCurrentIndex(1)
            self._update_save()
            return
        self._create()

    def _check_failed(self, failure: Failure) -> None:
        self._idle()
        if isinstance(failure.error, DuplicateIin):
            self._duplicate_iin(failure.error)  # the same person, not a similar one
            return
        self._show_error(failure.error)

    def _look_up_iin(self) -> None:
        """Once a whole valid IIN is typed, whose it is, if anyone's (off the GUI thread)."""
        iin = self.form.iin.text()
        if not self.form.iin.check().valid:
            self.form.iin.show_holder(None)
            return
        database, actor = self.database, self.actor
        Operation(self, lambda: intake.iin_holder(database, actor, iin),
                  name="intake: whose IIN").superseding(("intake iin", id(self))) \
            .done(self.form.iin.show_holder) \
            .failed(lambda _failure: None).run()  # not said now, the save still refuses it

    def _create_anyway(self) -> None:
        if not self._busy():
            # "Not the same person": remembered for each client shown that the user may open.
            self._create([c.id for c in self.duplicates.candidates if c.accessible])

    def _create(self, distinct_from: list[uuid.UUID] | None = None) -> None:
        client = self._pending or self.client()
        database, actor, today = self.database, self.actor, self.today
        others = distinct_from or []
        self._set_banner(lambda: _("Saving the client…"))
        self._start(Operation(self, lambda: intake.register_client(database, actor, client,
                                                                   today, others),
                              writes=True, name="intake: register client")
                    .done(self._created).failed(self._refused), saving=True)

    def _created(self, person_id: uuid.UUID) -> None:
        self._idle()
        self._set_banner(None)
        self.person_id = person_id
        self.client_created.emit(person_id)
        self.accept()

    def _refused(self, failure: Failure) -> None:
        """The service said no: its problems beside their fields, anything else in the banner."""
        self._idle()
        error = failure.error
        if isinstance(error, DuplicateIin):
            self._duplicate_iin(error)
            return
        self._back_to_form()
        if isinstance(error, intake.InvalidClient):
            # The service's check disagreed with the form's (e.g. midnight passed): its word.
            self.attempted = True
            self.form.show_problems({field: intake.problem_text(problem)
                                     for field, problem in error.problems.items()})
            self._correct_banner(len(error.problems))
        elif isinstance(error, intake.InvalidIin):
            self.attempted = True
            self.form.show_problems({"iin": failure.message})
            self._correct_banner(1)
        else:
            self._show_error(error)

    def _duplicate_iin(self, error: DuplicateIin) -> None:
        owner = error.existing_id if isinstance(error.existing_id, uuid.UUID) else None
        if owner is None:  # taken at the same moment elsewhere: no file to offer yet
            self._show_duplicate_iin(error, None)
            return
        database, actor = self.database, self.actor
        # If asking fails, the panel offers no file to open: it says to ask a manager.
        self._start(Operation(self, lambda: intake.may_open(database, actor, owner),
                              name="intake: may open")
                    .done(lambda may: self._show_duplicate_iin(error, owner if may else None))
                    .failed(lambda _failure: self._show_duplicate_iin(error, None)))

    def _show_duplicate_iin(self, error: DuplicateIin, owner: uuid.UUID | None) -> None:
        self._idle()
        self._set_banner(None)
        self.duplicates.show_duplicate_iin(lambda: messages.describe(error), owner)
        self.pages.setCurrentIndex(1)
        self._update_save()

    def _correct_banner(self, count: int) -> None:
        self._set_banner(lambda: ngettext("Correct the marked field before saving.",
                                          "Correct the {count} marked fields before saving.",
                                          count).format(count=count), error=True)

    def _show_error(self, error: BaseException) -> None:
        # Described when shown, so a language switch re-words it.
        self._set_banner(lambda: messages.describe(error), error=True)

    def _open_existing(self, person_id: uuid.UUID) -> None:
        self.person_id = person_id
        self.open_existing.emit(person_id)
        self.accept()

    def _back_to_form(self) -> None:
        self.pages.setCurrentIndex(0)
        self._update_save()
        self.form.surname.setFocus()

    # ---- state ----------------------------------------------------------------------------------

    def _start(self, operation: Operation[Any], *, saving: bool = False) -> None:
        self._operation = operation
        self._saving = saving
        self._set_busy(True)
        operation.run()

    def _idle(self) -> None:
        self._operation = None
        self._saving = False
        self._set_busy(False)

    def _busy(self) -> bool:
        return self._operation is not None

    def saving(self) -> bool:
        """Whether the new client is being written now."""
        return self._saving

    def _set_busy(self, busy: bool) -> None:
        self.form.setEnabled(not busy)
        self.duplicates.setEnabled(not busy)
        self.cancel_button.setEnabled(not self._saving)
        self._update_save()

    def _update_save(self) -> None:
        on_form = self.pages.currentIndex() == 0
        self.save_button.setVisible(on_form)
        self.save_button.setEnabled(on_form and self.form.consent.isChecked()
                                    and not self._busy())
        self.save_button.setToolTip("" if self.form.consent.isChecked() else
                                    _("Record the client's consent first."))

    def _set_banner(self, text: Callable[[], str] | None, error: bool = False) -> None:
        self._banner = text
        self.banner.setStyleSheet(PROBLEM_STYLE if error else "")
        self.banner.setText(text() if text else "")
        self.banner.setVisible(text is not None)

    # ---- closing --------------------------------------------------------------------------------

    def reject(self) -> None:
        """A typed form is not thrown away by one stray Escape: the second one closes."""
        if self._saving:
            return  # the write finishes either way; the dialog then closes or says why not
        if self.form.is_empty() or self._discard_armed or self.person_id is not None:
            self.discard()
            return
        self._discard_armed = True
        self._set_banner(lambda: _("Press Cancel or Escape again to close without saving."),
                         error=True)

    def discard(self) -> None:
        """Close without saving, whatever was typed."""
        super().reject()

    def done(self, result: int) -> None:
        # What is still being read is no longer wanted. A write is left to finish: it
        # cannot be taken back halfway, and its result still reaches whoever listens.
        if self._operation is not None and not self._saving:
            self._operation.cancel()
            self._operation = None
        if self._choices is not None:
            self._choices.cancel()
            self._choices = None
        super().done(result)

    # ---- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("New client"))
        self.save_button.setText(_("&Save"))
        self.save_button.setAccessibleName(_("Save the new client"))
        self.cancel_button.setText(_("Cancel"))
        self._load_choices()  # the lists' labels come from the database, in this language
        self.form.retranslate()
        self.duplicates.retranslate()
        if self._banner is not None:
            self.banner.setText(self._banner())
        self._update_save()
        self.refresh_messages()


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
