"""Registering a new client: the form, the duplicate check, and the record with its case.

Flow: the caseworker fills the form (problems appear beside the fields as they
type; required ones once they first try to save), records consent (Save stays
disabled until then), saves; similar clients already registered are looked up
off the GUI thread and, if any, shown in place of the form with "Open existing
file" and "Create anyway". The service checks every rule and permission again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

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

from db.errors import DatabaseProblem, DuplicateIin
from db.session import Database
from desktop.domain.iin import IinHint
from desktop.i18n import _, format_date, ngettext
from desktop.services import intake, messages
from desktop.services.auth import AccessDenied, Actor
from desktop.services.intake import Duplicate, NewClient
from desktop.ui.intake.duplicates import DuplicatesPanel
from desktop.ui.intake.form import SEXES, IntakeForm
from desktop.ui.intake.widgets import PROBLEM_STYLE
from desktop.ui.worker import Task, run_task

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
        self._task: Task | None = None
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
        self.duplicates.create_anyway.connect(self._create_anyway)
        self.duplicates.back.connect(self._back_to_form)

        self.form.set_choices(intake.form_choices(database, actor), default_region=True)
        self.resize(980, 700)
        self.retranslate()
        self._category_changed()
        self.form.surname.setFocus()

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
        """Check the form, then look for duplicates off the GUI thread, then create."""
        if not self.save_button.isEnabled() or self.pages.currentIndex() != 0:
            return
        self.attempted = True
        problems = self.refresh_messages()
        if problems:
            self._correct_banner(len(problems))
            self.form.editors[next(iter(problems))].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        client = self.client()
        self._pending = client
        self._set_banner(lambda: _("Looking for clients who are already registered…"))
        self._set_busy(True)
        self._task = run_task(lambda: intake.duplicates(self.database, self.actor, client),
                              self._checked, self._failed)

    def _checked(self, candidates: list[Duplicate]) -> None:
        self._task = None
        self._set_busy(False)
        self._set_banner(None)
        if candidates:
            self.duplicates.show_candidates(candidates)
            self.pages.setCurrentIndex(1)
            self._update_save()
            return
        self._create()

    def _failed(self, error: Exception) -> None:
        self._task = None
        self._set_busy(False)
        self._show_error(error)

    def _create_anyway(self) -> None:
        self._create()

    def _create(self) -> None:
        client = self._pending or self.client()
        try:
            person_id = intake.register_client(self.database, self.actor, client, self.today)
        except DuplicateIin as error:
            self._duplicate_iin(error)
            return
        except intake.InvalidClient as error:
            # The service's check disagreed with the form's (e.g. midnight passed): show its word.
            self._back_to_form()
            self.attempted = True
            self.form.show_problems({field: intake.problem_text(problem)
                                     for field, problem in error.problems.items()})
            self._correct_banner(len(error.problems))
            return
        except (AccessDenied, DatabaseProblem) as error:
            self._back_to_form()
            self._show_error(error)
            return
        self.person_id = person_id
        self.client_created.emit(person_id)
        self.accept()

    def _duplicate_iin(self, error: DuplicateIin) -> None:
        owner = error.existing_id if isinstance(error.existing_id, uuid.UUID) else None
        if not intake.may_open(self.database, self.actor, owner):
            owner = None
        self.duplicates.show_duplicate_iin(lambda: messages.duplicate_iin(error), owner)
        self.pages.setCurrentIndex(1)
        self._update_save()

    def _correct_banner(self, count: int) -> None:
        self._set_banner(lambda: ngettext("Correct the marked field before saving.",
                                          "Correct the {count} marked fields before saving.",
                                          count).format(count=count), error=True)

    def _show_error(self, error: Exception) -> None:
        if isinstance(error, DatabaseProblem):
            self._set_banner(lambda: messages.database_problem(error), error=True)
        elif isinstance(error, AccessDenied):
            self._set_banner(lambda: _("You may not register clients: ask an administrator."),
                             error=True)
        else:
            self._set_banner(lambda: _("The client could not be saved: {reason}").format(
                reason=error), error=True)

    def _open_existing(self, person_id: uuid.UUID) -> None:
        self.person_id = person_id
        self.open_existing.emit(person_id)
        self.accept()

    def _back_to_form(self) -> None:
        self.pages.setCurrentIndex(0)
        self._update_save()
        self.form.surname.setFocus()

    # ---- state ----------------------------------------------------------------------------------

    def _busy(self) -> bool:
        return self._task is not None

    def _set_busy(self, busy: bool) -> None:
        self.form.setEnabled(not busy)
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
        if self.form.is_empty() or self._discard_armed or self.person_id is not None:
            self.discard()
            return
        self._discard_armed = True
        self._set_banner(lambda: _("Press Cancel or Escape again to close without saving."),
                         error=True)

    def discard(self) -> None:
        """Close without saving, whatever was typed."""
        if self._task is not None:
            self._task.cancelled = True
            self._task = None
        super().reject()

    def done(self, result: int) -> None:
        if self._task is not None:
            self._task.cancelled = True
            self._task = None
        super().done(result)

    # ---- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("New client"))
        self.save_button.setText(_("&Save"))
        self.save_button.setAccessibleName(_("Save the new client"))
        self.cancel_button.setText(_("Cancel"))
        self.form.set_choices(intake.form_choices(self.database, self.actor))
        self.form.retranslate()
        self.duplicates.retranslate()
        if self._banner is not None:
            self.banner.setText(self._banner())
        self._update_save()
        self.refresh_messages()


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
