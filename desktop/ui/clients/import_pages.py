"""The import wizard's pages that only show: the file chosen, the check's findings, the
summary at the end (the columns' page is ``import_mapping``). Layout and wording; the
wizard (``import_wizard``) runs the work and moves between them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, format_number, ngettext
from desktop.services.transfer import columns
from desktop.services.transfer.importing import ImportResult, Preview
from desktop.services.transfer.reading import Sheet
from desktop.ui.clients.import_mapping import DONE_STYLE, HINT_STYLE, PROBLEM_STYLE
from desktop.ui.clients.import_problems import ProblemsModel

__all__ = ["CheckPage", "DonePage", "FilePage", "label", "say"]

ENCODINGS = {"utf-8": "UTF-8", "cp1251": "Windows-1251"}
WRAPPED_PROBLEMS = 500  # up to this many, long reasons wrap onto more lines


def label(parent: QWidget, style: str = "", *, hidden: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    label.setVisible(not hidden)
    return label


def say(label: QLabel, text: str, style: str = "") -> None:
    label.setStyleSheet(style)
    label.setText(text)
    label.setVisible(bool(text))


class FilePage(QWidget):
    choose = Signal()
    save_template = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = label(self)
        self.choose_button = QPushButton(self)
        self.choose_button.setAutoDefault(False)
        self.name = label(self, "font-weight: bold;", hidden=True)
        self.facts = label(self, hidden=True)
        self.problem = label(self, PROBLEM_STYLE, hidden=True)
        self.template_intro = label(self, HINT_STYLE)
        self.template_button = QPushButton(self)
        self.template_button.setAutoDefault(False)
        self.template_saved = label(self, hidden=True)

        chooser = QHBoxLayout()
        chooser.addWidget(self.choose_button)
        chooser.addStretch(1)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        template = QHBoxLayout()
        template.addWidget(self.template_button)
        template.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addLayout(chooser)
        layout.addWidget(self.name)
        layout.addWidget(self.facts)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(line)
        layout.addWidget(self.template_intro)
        layout.addLayout(template)
        layout.addWidget(self.template_saved)
        self.choose_button.clicked.connect(self.choose)
        self.template_button.clicked.connect(self.save_template)

    def show_sheet(self, sheet: Sheet) -> None:
        say(self.problem, "")
        say(self.name, sheet.name, "font-weight: bold;")
        facts = [ngettext("{count} row of clients below the header",
                          "{count} rows of clients below the header",
                          len(sheet.rows)).format(count=format_number(len(sheet.rows))),
                 ngettext("{count} column", "{count} columns",
                          len(sheet.headers)).format(count=format_number(len(sheet.headers)))]
        if sheet.encoding:
            separator = _("commas") if sheet.separator == "," else _("semicolons")
            facts.append(_("CSV in {encoding}, values separated by {separator}").format(
                encoding=ENCODINGS.get(sheet.encoding, sheet.encoding), separator=separator))
        say(self.facts, " · ".join(facts))

    def show_problem(self, message: str) -> None:
        self.name.hide()
        self.facts.hide()
        say(self.problem, message, PROBLEM_STYLE)

    def retranslate(self) -> None:
        self.intro.setText(_(
            "Bring in the people your center keeps in a spreadsheet: a CSV or XLSX file "
            "with a header row and one row per person. Nothing is written to Qadam until "
            "the last step, and only after you have seen what is wrong with the file."))
        self.choose_button.setText(_("&Choose a file…"))
        self.template_intro.setText(_(
            "No file yet, or want the columns Qadam reads? Start from the empty template: "
            "its headers are in the language of the window, and the workbook lists the "
            "choices each column accepts."))
        self.template_button.setText(_("Save an empty &template…"))


class CheckPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = label(self, "font-weight: bold;")
        self.missing = label(self, PROBLEM_STYLE, hidden=True)
        self.hint = label(self, HINT_STYLE)
        self.model = ProblemsModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.clean = label(self, DONE_STYLE, hidden=True)
        self.status = label(self, hidden=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.missing)
        layout.addWidget(self.clean)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addStretch(0)  # takes the room when there is no list of problems
        layout.addWidget(self.status)

    def show_preview(self, preview: Preview, names: dict[int, str]) -> None:
        self.model.show(preview.problems, names)
        order = self.table.horizontalHeader()
        self.model.sort(order.sortIndicatorSection(), order.sortIndicatorOrder())
        self.table.setVisible(bool(preview.problems))
        self.hint.setVisible(bool(preview.problems))
        self.clean.setVisible(not preview.problems)
        # A long reason wraps onto a second line, and rows follow the column widths; past
        # a few hundred problems, one line each with the whole reason in the tooltip.
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
            if len(preview.problems) <= WRAPPED_PROBLEMS else QHeaderView.ResizeMode.Fixed)
        self.table.resizeColumnToContents(0)
        for column, width in ((1, 220), (2, 180)):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), width))
        say(self.status, "")
        self.retranslate_preview(preview)

    def retranslate_preview(self, preview: Preview | None) -> None:
        if preview is None:
            return
        rows = ngettext("{count} row", "{count} rows", preview.rows).format(
            count=format_number(preview.rows))
        ready = ngettext("{count} ready to import", "{count} ready to import",
                         len(preview.ready)).format(count=format_number(len(preview.ready)))
        problems = ngettext("{count} with problems", "{count} with problems",
                            preview.rejected).format(count=format_number(preview.rejected))
        self.summary.setText(_("{rows}: {ready}, {problems}").format(
            rows=rows, ready=ready, problems=problems))
        missing = [columns.BY_KEY[key].header() for key in preview.missing_columns]
        say(self.missing, _("No column of the file goes to {fields}: every row needs "
                             "them.").format(fields=", ".join(missing)) if missing else "",
            PROBLEM_STYLE)

    def retranslate(self) -> None:
        self.hint.setText(_(
            "Rows with problems are not imported. Correct them in the file and check it "
            "again, or import the valid rows now and the others later. Click a column's "
            "title to sort the list by it."))
        self.table.setAccessibleName(_("Problems found in the file"))
        self.clean.setText(_("No problems found: every row can be imported."))
        self.model.retranslate()


class DonePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = label(self, "font-weight: bold; font-size: 14pt;")
        self.hint = label(self, HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.result: ImportResult | None = None

    def show_result(self, result: ImportResult) -> None:
        self.result = result
        self.retranslate()

    def retranslate(self) -> None:
        if self.result is not None:
            self.summary.setText(ngettext("Imported {count} client.", "Imported {count} clients.",
                                          self.result.imported).format(
                                              count=format_number(self.result.imported)))
        self.hint.setText(_("They are in the client list now, each with a case opened on "
                            "the intake date."))


