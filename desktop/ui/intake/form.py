"""The new-client form: its fields, what they hold, and the messages beside them.

The form knows nothing of the database: the dialog gives it the choices, asks
it for a ``NewClient``, and tells it which problems and warnings to show.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.translit import to_passport_latin
from desktop.domain.iin import iin_fills
from desktop.i18n import N_, NC_, _, country_choices, country_name
from desktop.services.client_file.labels import DOCUMENT_LANGUAGES, SEXES
from desktop.services.intake import IntakeChoices, NewClient
from desktop.ui.fitting import fit_placeholder
from desktop.ui.intake.iin_field import IinField
from desktop.ui.intake.widgets import ChoiceCombo, DateField, problem_label, show_message

# Field labels, with their mnemonics; a required field gets " *" after it.
LABELS = {
    "surname": N_("&Surname"),
    "given_name": N_("&Given name"),
    "patronymic": N_("&Patronymic"),
    "surname_latin": N_("Surname in &Latin"),
    "given_name_latin": N_("Given name in La&tin"),
    "name_original": N_("Name in the &original script"),
    "category_code": N_("Migrant &category"),
    "iin": N_("&IIN"),
    "birth_date": N_("&Birth date"),
    "sex": N_("Se&x"),
    "citizenship": N_("Citi&zenship"),
    "country_of_origin": N_("Country of o&rigin"),
    "arrival_date": N_("&Arrival date"),
    "region_code": N_("Re&gion"),
    "locality": N_("Localit&y"),
    "phone": N_("P&hone"),
    "preferred_language": N_("Language for &documents"),
    "consent_date": N_("Consent &date"),
    "consent_form_code": N_("Consent &form"),
}
# Where most clients come from: first in the country lists, the rest follow alphabetically.
FREQUENT_COUNTRIES = ("KZ", "UZ", "CN", "MN", "TM", "RU", "KG", "TJ", "AF")
HOME_COUNTRY = "KZ"
W = TypeVar("W", bound=QWidget)


class IntakeForm(QWidget):
    changed = Signal()
    consent_changed = Signal(bool)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.labels: dict[str, QLabel] = {}
        self.problems: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self.required: set[str] = set()
        self._latin_edited = {"surname_latin": False, "given_name_latin": False}
        self._citizenship_filled = False  # KZ put there for a citizen category, not by hand
        self.groups: dict[str, QGroupBox] = {}
        self.group_titles: dict[str, str] = {}

        # Created in tab order: the form reads top to bottom, left column then right.
        names = self._group("names", NC_("person", "Name"))
        self.surname = self._line(names, "surname")
        self.given_name = self._line(names, "given_name")
        self.patronymic = self._line(names, "patronymic")
        self.surname_latin = self._line(names, "surname_latin")
        self.given_name_latin = self._line(names, "given_name_latin")
        self.name_original = self._line(names, "name_original")

        status = self._group("status", N_("Status and identity"))
        self.category = self._add(status, "category_code", ChoiceCombo(self))
        self.iin = IinField(self)
        self._add(status, "iin", self.iin, own_problem=False)
        self.birth_date = self._add(status, "birth_date", DateField(self))
        self.sex = self._add(status, "sex", ChoiceCombo(self))
        self.citizenship = self._add(status, "citizenship", ChoiceCombo(self, searchable=True))
        self.country_of_origin = self._add(status, "country_of_origin",
                                           ChoiceCombo(self, searchable=True))

        arrival = self._group("arrival", N_("Arrival and contact"))
        self.arrival_date = self._add(arrival, "arrival_date", DateField(self))
        self.region = self._add(arrival, "region_code", ChoiceCombo(self, searchable=True))
        self.locality = self._line(arrival, "locality")
        self.phone = self._line(arrival, "phone")
        self.language = self._add(arrival, "preferred_language", ChoiceCombo(self))

        consent = self._group("consent", N_("Consent to personal-data processing"))
        self.consent = QCheckBox(self)
        consent.addRow(self.consent)
        self.consent_date = self._add(consent, "consent_date", DateField(self))
        self.consent_form = self._add(consent, "consent_form_code", ChoiceCombo(self))
        self.consent_hint = QLabel(self)
        self.consent_hint.setWordWrap(True)
        consent.addRow(self.consent_hint)

        grid = QGridLayout(self)
        grid.addWidget(self.groups["names"], 0, 0)
        grid.addWidget(self.groups["status"], 1, 0)
        grid.addWidget(self.groups["arrival"], 0, 1)
        grid.addWidget(self.groups["consent"], 1, 1)
        grid.setRowStretch(2, 1)

        self.consent_date.setValue(today)
        self._set_consent_enabled(False)
        self._wire()
        self.retranslate()

    # ---- building -------------------------------------------------------------------------------

    def _group(self, key: str, title: str) -> QFormLayout:
        box = QGroupBox(self)
        self.group_titles[key] = title  # kept here, not as a Qt property: that drops a context
        self.groups[key] = box
        layout = QFormLayout(box)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A row too wide for its column (a long category beside its label, in Russian) puts
        # its label above the field rather than cut either or push the form off the screen.
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return layout

    def _line(self, form: QFormLayout, field: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setMaxLength(200)
        return self._add(form, field, edit)

    def _add(self, form: QFormLayout, field: str, editor: W, own_problem: bool = True) -> W:
        label = QLabel(self)
        label.setBuddy(editor)
        self.labels[field] = label
        self.editors[field] = editor
        if own_problem:
            holder = QWidget(self)
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(2)
            layout.addWidget(editor)
            self.problems[field] = problem_label(holder)
            layout.addWidget(self.problems[field])
            holder.setFocusProxy(editor)
            form.addRow(label, holder)
        else:
            form.addRow(label, editor)
        return editor

    def _wire(self) -> None:
        for widget in self.editors.values():
            signal = getattr(widget, "changed", None) or widget.textChanged  # type: ignore[attr-defined]
            signal.connect(self.changed)
        self.surname.textChanged.connect(lambda text: self._follow("surname_latin", text))
        self.given_name.textChanged.connect(lambda text: self._follow("given_name_latin", text))
        for field in self._latin_edited:
            edit: QLineEdit = self.editors[field]  # type: ignore[assignment]
            edit.textEdited.connect(lambda text, f=field: self._latin_typed(f, text))
        self.consent.toggled.connect(self._consent_toggled)
        self.iin.changed.connect(self._fill_from_iin)

    # ---- behaviour ------------------------------------------------------------------------------

    def _fill_from_iin(self) -> None:
        """A valid IIN fills an empty birth date and sex: one less thing to copy from papers."""
        # Anything typed in the date, readable or not, is the user's: only an empty one fills.
        typed = date.min if self.birth_date.text().strip() else None
        birth, sex = iin_fills(self.iin.check(), typed, self.sex.value())
        if birth is not None:
            self.birth_date.setValue(birth)
        if sex is not None:
            self.sex.set_value(sex)

    def _follow(self, field: str, cyrillic: str) -> None:
        """The passport spelling follows the Cyrillic until the user types their own."""
        if not self._latin_edited[field]:
            edit: QLineEdit = self.editors[field]  # type: ignore[assignment]
            edit.setText(to_passport_latin(cyrillic.strip()))

    def _latin_typed(self, field: str, text: str) -> None:
        # Emptied by hand: follow the Cyrillic again from its next change.
        self._latin_edited[field] = bool(text.strip())

    def _consent_toggled(self, given: bool) -> None:
        self._set_consent_enabled(given)
        self.consent_changed.emit(given)
        self.changed.emit()

    def _set_consent_enabled(self, given: bool) -> None:
        self.consent_date.setEnabled(given)
        self.consent_form.setEnabled(given)

    def category_chosen(self, citizen: bool) -> None:
        """Citizens are citizens of Kazakhstan: fill it in when nothing is chosen yet, and take
        it back if the category changes again and nobody chose it by hand."""
        if citizen and self.citizenship.value() is None:
            self.citizenship.set_value(HOME_COUNTRY)
            self._citizenship_filled = True
        elif not citizen and self._citizenship_filled:
            if self.citizenship.value() == HOME_COUNTRY:
                self.citizenship.set_value(None)
            self._citizenship_filled = False

    # ---- values ---------------------------------------------------------------------------------

    def client(self, office_id: uuid.UUID) -> NewClient:
        given = self.consent.isChecked()
        return NewClient(
            given_name=self.given_name.text().strip(), category_code=self.category.value() or "",
            office_id=office_id, surname=self.surname.text().strip(),
            patronymic=self.patronymic.text().strip(),
            surname_latin=self.surname_latin.text().strip(),
            given_name_latin=self.given_name_latin.text().strip(),
            name_original=self.name_original.text().strip(), iin=self.iin.text().strip(),
            birth_date=self.birth_date.value(), sex=self.sex.value(),
            citizenship=self.citizenship.value(), country_of_origin=self.country_of_origin.value(),
            arrival_date=self.arrival_date.value(), region_code=self.region.value(),
            preferred_language=self.language.value() or "kk",
            consent_date=self.consent_date.value() if given else None,
            consent_form_code=self.consent_form.value() if given else None,
            extra={"locality": " ".join(self.locality.text().split()),
                   "phone": self.phone.text().strip()})

    def unreadable_dates(self) -> set[str]:
        return {field for field in ("birth_date", "arrival_date", "consent_date")
                if not self.editors[field].readable()  # type: ignore[attr-defined]
                and (field != "consent_date" or self.consent.isChecked())}

    def is_empty(self) -> bool:
        """Nothing typed yet: closing loses nothing."""
        texts = (self.surname, self.given_name, self.patronymic, self.surname_latin,
                 self.given_name_latin, self.name_original, self.locality, self.phone,
                 self.birth_date, self.arrival_date)
        return (not any(w.text().strip() for w in texts) and not self.iin.text().strip()
                and self.category.value() is None)

    def field_order(self) -> list[str]:
        return list(self.editors)

    # ---- messages -------------------------------------------------------------------------------

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show these problems beside their fields and clear every other one."""
        for field, label in self.problems.items():
            text = problems.get(field, "")
            show_message(label, text)
            self.editors[field].setAccessibleDescription(text)
        self.iin.set_outside_problem(problems.get("iin", ""))

    def set_required(self, fields: set[str]) -> None:
        self.required = fields
        self._label_texts()

    def set_choices(self, choices: IntakeChoices, default_region: bool = False) -> None:
        self.category.set_choices(choices.categories, "—")
        self.region.set_choices(choices.regions, "—")
        if default_region and self.region.value() is None:
            self.region.set_value(choices.default_region)
        form = self.consent_form.value() or (choices.consent_forms[0][0]
                                             if choices.consent_forms else None)
        self.consent_form.set_choices(choices.consent_forms, None)
        self.consent_form.set_value(form)

    # ---- texts ----------------------------------------------------------------------------------

    def _label_texts(self) -> None:
        for field, label in self.labels.items():
            text = _(LABELS[field])
            label.setText(f"{text} *" if field in self.required else text)
            name = text.replace("&", "")
            editor = self.editors[field]
            target = editor.edit if isinstance(editor, IinField) else editor
            target.setAccessibleName(name)
        self.consent.setAccessibleName(self.consent.text().replace("&", ""))

    def retranslate(self) -> None:
        for key, box in self.groups.items():
            box.setTitle(_(self.group_titles[key]))
        self.consent.setText(_("The client &consents to the processing of their personal data"))
        self.consent_hint.setText(_("Consent is recorded before anything else: the client "
                                    "can be saved only once it is given."))
        self._label_texts()
        countries = country_choices()
        frequent = [(code, country_name(code)) for code in FREQUENT_COUNTRIES]
        for combo in (self.citizenship, self.country_of_origin):
            combo.set_choices(countries, "—", frequent)
        self.sex.set_choices([(code, _(label)) for code, label in SEXES.items()], "—")
        # Named as the profile names them («Қазақ тілі»): the same choice in both forms.
        self.language.set_choices([(code, _(label)) for code, label
                                   in DOCUMENT_LANGUAGES.items()], None)
        for widget in (self.birth_date, self.arrival_date, self.consent_date, self.iin):
            widget.retranslate()
        self.phone.setPlaceholderText("+7 7__ ___ __ __")
        self.name_original.setPlaceholderText(_("As in the client's own script, if any"))
        fit_placeholder(self.name_original)
