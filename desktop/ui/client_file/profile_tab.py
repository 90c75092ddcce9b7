"""The profile tab: every field of the person, edited in place and checked as it is typed.

The rules are the service's (``client_file.profile_problems``), run on every
change so a problem shows beside its field at once; the service checks them
again on save, with the ones only the database can answer (duplicate IIN,
someone else's newer save).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.errors import DuplicateIin, StaleRecord
from db.session import Database
from desktop.domain.iin import check_iin, iin_fills
from desktop.domain.phones import shown_phone
from desktop.i18n import N_, _, format_datetime
from desktop.services import client_file
from desktop.services.auth import Actor
from desktop.services.client_file import (
    FIELD_LABELS,
    MAX_TEXT,
    InvalidProfile,
    Profile,
    ProfileChoices,
)
from desktop.services.intake import InvalidIin, iin_problem
from desktop.ui.client_file.fields import ChoiceCombo, NotesEdit, OptionalDateEdit
from desktop.ui.operations import Failure, Operation

# (group title, its fields); a field's kind follows from its name (see _make_field).
GROUPS = (
    (N_("Names"), ("surname", "given_name", "patronymic", "surname_latin", "given_name_latin",
                   "name_original")),
    (N_("Identity"), ("iin", "birth_date", "sex", "citizenship", "country_of_origin")),
    (N_("Migration"), ("category_code", "arrival_date")),
    (N_("Address and contact"), ("region_code", "locality", "address", "phone", "email",
                                 "messenger")),
    (N_("Education and language"), ("education_code", "profession", "preferred_language")),
    (N_("Consent to personal data processing"), ("consent_date", "consent_form_code")),
    (N_("Notes"), ("notes",)),
)
DATES = ("birth_date", "arrival_date", "consent_date")
PROBLEM_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"


class ProfileTab(QWidget):
    dirty_changed = Signal(bool)
    saved = Signal(int)  # the new version
    reload_requested = Signal()

    def __init__(self, database: Database, actor: Actor, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.person_id = person_id
        self.today: date | None = None  # None: the real today (tests pin it)
        self.original: dict[str, Any] = {}
        self.version = 0
        self._dirty = False
        self._loaded = False  # nothing to check before the first set_profile
        self._server_problems: dict[str, str] = {}  # what only the save could tell
        self.saving = False

        self.banner = QFrame(self)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("QFrame { background: #fdecea; }")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reload_button = QPushButton(self.banner)
        self.reload_button.clicked.connect(self.reload_requested)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.reload_button)
        self.banner.hide()

        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.problem_labels: dict[str, QLabel] = {}
        self.groups: list[QGroupBox] = []
        form = QWidget(self)
        form_layout = QVBoxLayout(form)
        for _title, keys in GROUPS:
            box = QGroupBox(form)
            grid = QGridLayout(box)
            grid.setColumnStretch(2, 1)
            for row, key in enumerate(keys):
                field = self._make_field(key, box)
                field.setMinimumWidth(300)
                label = QLabel(box)
                label.setBuddy(field)
                problem = QLabel(box)
                problem.setWordWrap(True)
                problem.setMinimumWidth(220)
                grid.addWidget(label, row, 0)
                grid.addWidget(field, row, 1)
                grid.addWidget(problem, row, 2)
                self.fields[key], self.labels[key], self.problem_labels[key] = field, label, problem
            form_layout.addWidget(box)
            self.groups.append(box)
        form_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form)

        self.status = QLabel(self)
        self.revert_button = QPushButton(self)
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(self)
        # clicked(bool) would arrive as ``then``.
        self.save_button.clicked.connect(lambda: self.save())
        self.save_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._validate()

    # ---- the fields ----------------------------------------------------------------------------

    def _make_field(self, key: str, parent: QWidget) -> QWidget:
        field: QWidget
        if key in DATES:
            field = OptionalDateEdit(parent)
            field.changed.connect(lambda: self._edited(key))
        elif key == "notes":
            field = NotesEdit(parent, MAX_TEXT["notes"])
            field.changed.connect(lambda: self._edited(key))
        elif key.endswith("_code") or key in ("sex", "citizenship", "country_of_origin",
                                             "preferred_language"):
            field = ChoiceCombo(parent)
            field.changed.connect(lambda: self._edited(key))
        else:
            field = QLineEdit(parent)
            field.setMaxLength(500 if key == "address" else 200)
            field.textChanged.connect(lambda _text: self._edited(key))
        return field

    def set_choices(self, choices: ProfileChoices) -> None:
        not_recorded = _("Not recorded")
        lists: dict[str, tuple[list[tuple[str, str]], str | None]] = {
            "sex": (choices.sexes, not_recorded),
            "citizenship": (choices.countries, _("None (stateless)")),
            "country_of_origin": (choices.countries, not_recorded),
            "category_code": (choices.categories, None),
            "region_code": (choices.regions, not_recorded),
            "education_code": (choices.education, not_recorded),
            "preferred_language": (choices.languages, None),
            "consent_form_code": (choices.consent_forms, not_recorded),
        }
        for key, (items, empty) in lists.items():
            combo = self.fields[key]
            assert isinstance(combo, ChoiceCombo)
            combo.set_choices(items, empty)

    def value(self, key: str) -> Any:
        field = self.fields[key]
        if isinstance(field, QLineEdit):
            return field.text()
        return field.value()  # type: ignore[attr-defined]

    def set_value(self, key: str, value: Any) -> None:
        """Set one field as the user would have (tests use it to type into combos and dates)."""
        field = self.fields[key]
        if isinstance(field, QLineEdit):
            field.setText(value or "")
        else:
            field.setValue(value)  # type: ignore[attr-defined]
            self._edited(key)

    def values(self) -> dict[str, Any]:
        return {key: self.value(key) for key in self.fields}

    def changes(self) -> dict[str, Any]:
        return client_file.profile_changes(self.original, self.values())

    def is_dirty(self) -> bool:
        return self._loaded and bool(self.changes())

    # ---- loading -------------------------------------------------------------------------------

    def set_profile(self, profile: Profile, keep_edits: bool = False) -> None:
        """Show the stored profile; with ``keep_edits`` unsaved changes stay (and so does the
        version they were made on, so saving them still detects a newer save)."""
        if keep_edits and self.is_dirty():
            return
        self._loaded = True
        self.original = dict(profile.values)
        self.version = profile.version
        self._server_problems.clear()
        self.banner.hide()
        for key, field in self.fields.items():
            blocked = field.blockSignals(True)
            value = profile.values.get(key)
            if key == "phone":
                value = shown_phone(value or "")  # saved again unchanged: the same E.164
            if isinstance(field, QLineEdit):
                field.setText(value or "")
                field.setCursorPosition(0)
            else:
                field.setValue(value)  # type: ignore[attr-defined]
            field.blockSignals(blocked)
        self._validate()

    def revert(self) -> None:
        self.set_profile(Profile(self.original, self.version))
        self.status.clear()

    # ---- checking ------------------------------------------------------------------------------

    def _edited(self, key: str) -> None:
        self._server_problems.pop(key, None)
        self.status.clear()
        if key == "iin":
            self._fill_from_iin()
        self._validate()

    def _fill_from_iin(self) -> None:
        """A valid IIN typed in fills an empty birth date and sex (never overwrites them)."""
        iin = client_file.normalise("iin", self.value("iin"))
        birth, sex = iin_fills(check_iin(iin or ""), self.value("birth_date"),
                               self.value("sex"))
        if birth is not None:
            self.set_value("birth_date", birth)
        if sex is not None:
            self.set_value("sex", sex)

    def _today(self) -> date:
        return self.today or date.today()

    def problems(self) -> dict[str, str]:
        """Problems that block saving, as shown beside their fields."""
        changes = self.changes()
        found = {key: client_file.field_problem_text(problem) for key, problem in
                 client_file.profile_problems(self.original, changes, self._today()).items()}
        iin = changes.get("iin")
        if iin:
            check = check_iin(iin)
            if check.problem is not None:
                found["iin"] = iin_problem(check.problem)
        found.update(self._server_problems)
        return found

    def _iin_warning(self) -> str:
        iin = client_file.normalise("iin", self.value("iin"))
        if not iin:
            return ""
        check = check_iin(iin)
        hints = client_file.iin_warnings(iin, self.value("birth_date"), self.value("sex"))
        return " ".join(client_file.iin_hint_text(hint, check) for hint in hints)

    def _validate(self) -> None:
        if not self._loaded:
            self.save_button.setEnabled(False)
            self.revert_button.setEnabled(False)
            return
        problems = self.problems()
        warning = self._iin_warning()
        for key, label in self.problem_labels.items():
            text, style = problems.get(key, ""), PROBLEM_STYLE
            if not text and key == "iin" and warning:
                text, style = warning, WARNING_STYLE
            label.setText(text)
            label.setStyleSheet(style)
            self.fields[key].setAccessibleDescription(text)
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # ---- saving --------------------------------------------------------------------------------

    def save(self, then: Callable[[], object] | None = None) -> bool:
        """Start saving the changed fields (``then`` runs once they are saved); False, with
        the reason shown, when they cannot be saved as they are."""
        changes = self.changes()
        if not changes:
            if then is not None:
                then()
            return True
        problems = self.problems()
        if problems:
            self.status.setText(_("Correct the marked fields first."))
            first = next(key for key in self.fields if key in problems)
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        database, actor, person_id, version = (self.database, self.actor, self.person_id,
                                               self.version)
        today = self._today()
        self.save_button.setEnabled(False)
        self.saving = True
        Operation(self, lambda: client_file.save_profile(database, actor, person_id, version,
                                                         changes, today),
                  writes=True, name="save profile") \
            .done(lambda new_version: self._saved(changes, new_version, then)) \
            .failed(self._not_saved).run()
        return True

    def _saved(self, changes: dict[str, Any], version: int,
               then: Callable[[], object] | None) -> None:
        self.saving = False
        self.original.update(changes)
        self.version = version
        self._validate()
        self.status.setText(_("Saved at {time}.").format(
            time=format_datetime(datetime.now())))
        self.saved.emit(version)
        if then is not None:
            then()

    def _not_saved(self, failure: Failure) -> None:
        """Beside the field it concerns when there is one, else in the banner."""
        self.saving = False
        error = failure.error
        if isinstance(error, InvalidIin | DuplicateIin):
            self._refused("iin", failure.message)
        elif isinstance(error, InvalidProfile):
            for key, problem in error.problems.items():
                self._server_problems[key] = client_file.field_problem_text(problem)
            self._refused(next(iter(error.problems)), None)
        else:
            self._validate()
            self.show_banner(failure.message, reload=isinstance(error, StaleRecord))

    def _refused(self, key: str, text: str | None) -> None:
        if text is not None:
            self._server_problems[key] = text
        self._validate()
        self.status.setText(_("Not saved: correct the marked fields."))
        self.fields[key].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_banner(self, text: str, reload: bool) -> None:
        self.banner_text.setText(text)
        self.reload_button.setVisible(reload)
        self.banner.show()

    # ---- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        for box, (title, _keys) in zip(self.groups, GROUPS, strict=True):
            box.setTitle(_(title))
        for key, label in self.labels.items():
            text = _(FIELD_LABELS[key])
            label.setText(text)
            field = self.fields[key]
            if isinstance(field, OptionalDateEdit):
                field.set_accessible_name(text)
                field.retranslate()
            else:
                field.setAccessibleName(text)
        # One label width for every group, so the fields line up down the whole form.
        width = max(label.sizeHint().width() for label in self.labels.values())
        for label in self.labels.values():
            label.setMinimumWidth(width)
        self.save_button.setText(_("&Save"))
        self.save_button.setToolTip(_("Save the profile (Ctrl+S)"))
        self.revert_button.setText(_("&Undo changes"))
        self.reload_button.setText(_("&Reload"))
        self.reload_button.setToolTip(_("Show the file as it is saved now; your unsaved "
                                        "changes are dropped"))
        self._validate()
