"""The MRP tab: the monthly calculation index of each year, in tenge, which the quota's
support measures are counted in. An administrator adds next year's once the budget law
sets it, or corrects one typed wrong; amounts already applied for stay as they were.

    MrpTab(database, actor, parent)
        ``reload()``, ``retranslate()``; "Add or correct…" opens ``MrpDialog`` for the
        chosen year (or for the year after the latest).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from db.session import Database
from desktop.i18n import N_, _, format_money
from desktop.services.access import Actor
from desktop.services.social.entitlements import FIRST_YEAR, mrp_rates, set_mrp_rate
from desktop.services.social.errors import InvalidEntry
from desktop.services.social.messages import problem_text
from desktop.ui.admin.common import FormDialog, ListTab
from desktop.ui.operations import Failure

__all__ = ["MAX_RATE", "MrpDialog", "MrpLine", "MrpTab"]

MAX_RATE = 1_000_000  # tenge: the service's bound
YEARS_AHEAD = 2  # the service takes a year up to two ahead
HINT_STYLE = "color: #5f6368;"


@dataclass(frozen=True)
class MrpLine:
    year: int
    amount: int
    source: str

    @property
    def id(self) -> int:  # the list keeps the chosen row by it
        return self.year


COLUMNS = (
    (N_("Year"), lambda line: str(line.year)),
    (N_("Tenge"), lambda line: format_money(line.amount)),
    (N_("Source"), lambda line: line.source),
)


class MrpDialog(FormDialog):
    """A year's MRP: a new year, or one corrected (the year given is saved either way)."""

    def __init__(self, database: Database, actor: Actor, line: MrpLine | None, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.actor, self.line = database, actor, line
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.layout().insertWidget(0, self.hint)  # type: ignore[union-attr]
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, date.today().year + YEARS_AHEAD)
        self.year.setValue(line.year if line is not None else year)
        self.amount = QSpinBox(self)
        self.amount.setRange(1, MAX_RATE)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setValue(line.amount if line is not None else 1)
        self.amount.setMinimumWidth(140)
        self.source = QLineEdit(self)
        self.source.setText(line.source if line is not None else "")
        self.source.setMinimumWidth(380)
        for key, field in (("year", self.year), ("amount", self.amount),
                           ("note", self.source)):
            self.form.add(key, field, self)
        self.chain_focus([self.year, self.amount, self.source])
        (self.amount if line is not None else self.year).setFocus()
        self.retranslate()

    def write(self) -> Callable[[], int]:  # type: ignore[override]
        database, actor = self.database, self.actor
        year, amount, source = self.year.value(), self.amount.value(), self.source.text()

        def write() -> int:
            set_mrp_rate(database, actor, year, amount, source)
            return year

        return write

    def placed(self, failure: Failure) -> dict[str, str]:
        if isinstance(failure.error, InvalidEntry):
            return {field.value: problem_text(field, problem)
                    for field, problem in failure.error.problems.items()}
        return {}

    def retranslate(self) -> None:
        self.setWindowTitle(_("The MRP of a year"))
        self.hint.setText(_("The monthly calculation index set by the year's budget law. "
                            "Amounts already applied for, granted or paid stay as they "
                            "were."))
        self.form.set_label("year", _("&Year:"))
        self.form.set_label("amount", _("MRP, &tenge:"))
        self.form.set_label("note", _("&Source:"))
        self.source.setPlaceholderText(_("The law or release that set it"))


class MrpTab(ListTab[MrpLine]):
    tables = ("mrp_rate",)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(COLUMNS, parent)
        self.database, self.actor = database, actor
        self.read = False  # the rates have come in (tests wait on it)
        self.edit_button = self.button(self.add_or_correct)
        self.buttons.addStretch(1)
        self.table.activated.connect(lambda _index: self.add_or_correct())  # Enter, double click
        self.retranslate()  # reads the list too

    def reader(self) -> Callable[[], list[MrpLine]]:
        database, actor = self.database, self.actor
        return lambda: [MrpLine(*rate) for rate in mrp_rates(database, actor)]

    def _show_rows(self, rows: list[MrpLine]) -> None:
        super()._show_rows(rows)
        self.read = True

    def add_or_correct(self) -> MrpDialog | None:
        line = self.selected()
        latest = max((row.year for row in self.model.rows), default=date.today().year - 1)
        self.open_dialog(MrpDialog(self.database, self.actor, line, latest + 1, self))
        return self.dialog  # type: ignore[return-value]

    def _closed(self, dialog: FormDialog) -> None:
        # The MRP is reference data the change hub does not announce: read it again here.
        saved = dialog.saved_id
        super()._closed(dialog)
        if saved is not None:
            self.reload()

    def retranslate(self) -> None:
        self.edit_button.setText(_("&Add or correct…"))
        self.edit_button.setToolTip(_("The chosen year's MRP, or the next year's when none "
                                      "is chosen"))
        self.table.setAccessibleName(_("MRP by year"))
        self.reload()
        self.model.retranslate()
        if self.dialog is not None:
            self.dialog.retranslate()
