"""The import wizard's second step: which Qadam field each column of the file goes to.

One row per column of the file: its header, the first values it holds, and a drop-down
of Qadam's fields, set to what the header was recognised as. A field goes to one column
only: choosing it for a second column takes it from the first. Below, which required
fields still have no column, and how the people in the file consented to their data
being processed (the file's consent columns, or one form for the whole file).

Layout only, and the rules the services give (``missing_columns``, which are pure): the
wizard reads the file, checks and imports.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_date
from desktop.services.transfer import columns
from desktop.services.transfer.importing import missing_columns
from desktop.services.transfer.reading import Sheet
from desktop.ui.scroll_safe import ScrollSafeCombo

SAMPLES = 3  # values shown of each column
SAMPLE_ROWS = 50  # rows looked at for them
HINT_COLOUR = "#5f6368"
HINT_STYLE = f"color: {HINT_COLOUR};"
PROBLEM_STYLE = "color: #b00020;"
DONE_STYLE = "color: #1e6b31;"


def sample_text(cell: object) -> str:
    """A cell as the file shows it: dates in the form people write them, whole numbers
    (an IIN a spreadsheet kept as a number) without a decimal point."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return format_date(cell.date())
    if isinstance(cell, date):
        return format_date(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


def samples(sheet: Sheet, index: int) -> list[str]:
    found: list[str] = []
    for row in sheet.rows[:SAMPLE_ROWS]:
        text = sample_text(row.cells[index]) if index < len(row.cells) else ""
        if text:
            found.append(text)
            if len(found) == SAMPLES:
                break
    return found


class MappingPage(QWidget):
    changed = Signal()  # the mapping or the consent form chosen changed

    FILE_COLUMN, SAMPLES_COLUMN, FIELD_COLUMN = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet: Sheet | None = None
        self.combos: list[QComboBox] = []
        self.office_allowed = False
        self._consent_forms: list[tuple[str, str]] = []
        self._moved: tuple[str, str, str] | None = None  # field, to column, from column

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the drop-downs take the focus
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.FILE_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.SAMPLES_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.FIELD_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(HINT_STYLE)
        self.note.hide()
        self.required = QLabel(self)
        self.required.setWordWrap(True)
        self.consent = ScrollSafeCombo(self)
        self.consent.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.consent.setMinimumContentsLength(30)
        self.consent_label = QLabel(self)
        self.consent_label.setWordWrap(True)
        self.consent_label.setBuddy(self.consent)
        consent = QHBoxLayout()
        consent.addWidget(self.consent, 2)
        consent.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addSpacing(4)
        layout.addWidget(self.consent_label)
        layout.addLayout(consent)
        layout.addWidget(self.required)
        self.consent.currentIndexChanged.connect(self._consent_changed)
        self.retranslate()

    # ---- filling ---------------------------------------------------------------------------

    def fields(self) -> list[columns.Column]:
        """Qadam's fields a column may go to; the office only for whoever may choose it."""
        return [column for column in columns.READ
                if column.key != "office" or self.office_allowed]

    def set_sheet(self, sheet: Sheet, mapping: dict[int, str], office_allowed: bool) -> None:
        self.sheet = sheet
        self.office_allowed = office_allowed
        self._moved = None
        self.note.hide()
        self.table.setRowCount(len(sheet.headers))
        self.combos = []
        for index, header in enumerate(sheet.headers):
            shown = header or _("(column {number} has no header)").format(number=index + 1)
            name = QTableWidgetItem(shown)
            name.setToolTip(shown)
            self.table.setItem(index, self.FILE_COLUMN, name)
            values = samples(sheet, index)
            sample = QTableWidgetItem(" · ".join(values) or _("(empty in the first rows)"))
            sample.setToolTip("\n".join(values))
            if not values:
                sample.setForeground(QColor(HINT_COLOUR))
            self.table.setItem(index, self.SAMPLES_COLUMN, sample)
            combo = ScrollSafeCombo(self.table)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
            self._fill(combo, mapping.get(index))
            combo.setAccessibleName(_("Qadam field for the column “{header}”").format(
                header=shown))
            combo.currentIndexChanged.connect(
                lambda _i, index=index: self._field_chosen(index))
            self.table.setCellWidget(index, self.FIELD_COLUMN, combo)
            self.combos.append(combo)
        self.table.resizeColumnToContents(self.FILE_COLUMN)
        self.table.setColumnWidth(self.FILE_COLUMN,
                                  min(max(self.table.columnWidth(self.FILE_COLUMN), 140), 260))
        self.table.resizeColumnToContents(self.FIELD_COLUMN)
        self.table.resizeRowsToContents()
        self._update_required()

    def _fill(self, combo: QComboBox, chosen: str | None) -> None:
        """(Re)label the fields in the UI language, keeping what is chosen."""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("— not imported —"), None)
        for column in self.fields():
            combo.addItem(column.header(), column.key)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
        combo.blockSignals(False)

    def set_consent_forms(self, forms: list[tuple[str, str]]) -> None:
        """The reference list's forms of consent, labelled in the UI language."""
        self._consent_forms = forms
        self._fill_consent()

    def _fill_consent(self) -> None:
        chosen = self.consent.currentData()
        self.consent.blockSignals(True)
        self.consent.clear()
        self.consent.addItem(_("Each row says it (the file's consent columns)"), None)
        for code, label in self._consent_forms:
            self.consent.addItem(label, code)
        self.consent.setCurrentIndex(max(self.consent.findData(chosen), 0) if chosen else 0)
        self.consent.blockSignals(False)

    # ---- what is chosen --------------------------------------------------------------------

    def mapping(self) -> dict[int, str]:
        return {index: combo.currentData() for index, combo in enumerate(self.combos)
                if combo.currentData() is not None}

    def consent_form(self) -> str | None:
        return self.consent.currentData()

    def missing(self) -> list[str]:
        return missing_columns(self.mapping().values(), self.consent_form())

    def choose(self, index: int, key: str | None) -> None:
        """Send the file's column ``index`` to ``key`` (None: not imported), as a user
        choosing it in the drop-down does."""
        combo = self.combos[index]
        combo.setCurrentIndex(max(combo.findData(key), 0) if key else 0)

    def _field_chosen(self, index: int) -> None:
        key = self.combos[index].currentData()
        self._moved = None
        if key is not None:
            for other, combo in enumerate(self.combos):
                if other != index and combo.currentData() == key:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(0)
                    combo.blockSignals(False)
                    self._moved = (key, self._header(index), self._header(other))
        self._say_moved()
        self._update_required()
        self.changed.emit()

    def _consent_changed(self) -> None:
        self._update_required()
        self.changed.emit()

    def _header(self, index: int) -> str:
        item = self.table.item(index, self.FILE_COLUMN)
        return item.text() if item is not None else ""

    # ---- texts -----------------------------------------------------------------------------

    def _say_moved(self) -> None:
        if self._moved is None:
            self.note.hide()
            return
        key, to, away = self._moved
        self.note.setStyleSheet(HINT_STYLE)
        self.note.setText(_("“{field}” now comes from the column “{to}”; the column "
                             "“{away}” is not imported.").format(
                                 field=columns.BY_KEY[key].header(), to=to, away=away))
        self.note.show()

    def _update_required(self) -> None:
        missing = self.missing()
        if not missing:
            self.required.setStyleSheet(DONE_STYLE)
            self.required.setText(_("Every field Qadam needs has a column."))
            return
        names = []
        for key in missing:
            if key == "first_name":
                names.append(_("{first_name} (or {full_name})").format(
                    first_name=columns.BY_KEY["first_name"].header(),
                    full_name=columns.FULL_NAME.header()))
            elif key == "consent_form":
                names.append(_("{consent_form} (or a form of consent for the whole file, "
                               "above)").format(
                                   consent_form=columns.BY_KEY["consent_form"].header()))
            else:
                names.append(columns.BY_KEY[key].header())
        self.required.setStyleSheet(PROBLEM_STYLE)
        self.required.setText(_("Qadam needs these fields, and no column goes to them yet: "
                                "{fields}. Choose the column that holds each, or add it to "
                                "the file.").format(fields=", ".join(names)))

    def retranslate(self) -> None:
        self.intro.setText(_(
            "Each column of the file, and the Qadam field it goes to. Qadam guessed from "
            "the headers: check the guesses against the values. A column set to "
            "“— not imported —” is left out."))
        self.table.setHorizontalHeaderLabels(
            [_("Column in the file"), _("First values"), _("Goes to")])
        self.table.setAccessibleName(_("The file's columns"))
        self.consent_label.setText(
            _("How these people consented to the processing of their data:"))
        self.consent.setAccessibleName(_("Form of consent"))
        self._fill_consent()
        for index, combo in enumerate(self.combos):
            self._fill(combo, combo.currentData())
            combo.setAccessibleName(_("Qadam field for the column “{header}”").format(
                header=self._header(index)))
        self._say_moved()
        self._update_required()
