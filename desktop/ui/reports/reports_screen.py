"""The Reports screen: choose the period (a month, a quarter, a year or any dates), office
and language; preview; print or save.

The report is built off the GUI thread (through ``operations.Operation``) while
a progress dialog offers Cancel, which stops the work at its next step: a
cancelled report is neither shown nor left on disk. The preview is the very
PDF that would be saved or printed; saving it, or writing the workbook, also
happens off the GUI thread.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.reports.figures import MonthlyReport, Span
from db.reports.periods import CUSTOM, KINDS, MONTH, QUARTER, YEAR, Period
from db.reports.programme_figures import PROGRAMMES, ProgrammeReport
from db.session import Database
from desktop import i18n
from desktop.i18n import N_, _
from desktop.reports.labels import TITLES, Words
from desktop.reports.programme_labels import TITLES as PROGRAMME_TITLES
from desktop.services import programme_reports, reports
from desktop.services.access import Actor
from desktop.services.client_file.labels import DOCUMENT_LANGUAGES
from desktop.services.progress import Progress
from desktop.ui import operations
from desktop.ui.operations import Failure, Operation
from desktop.ui.reports.pdf_preview import PdfPreview
from desktop.ui.reports.preview_folders import preview_folder
from desktop.ui.save_paths import in_documents

MONTHS_OFFERED = 24
QUARTERS_OFFERED = 8
YEARS_OFFERED = 5
BUILD_STEPS = 2  # the figures, then the PDF previewed
# The kinds of period offered, and the label of the field that picks one of that kind.
KIND_NAMES = {MONTH: N_("Month"), QUARTER: N_("Quarter"), YEAR: N_("Year"),
              CUSTOM: N_("Custom dates")}
KIND_FIELDS = {MONTH: N_("&Month"), QUARTER: N_("&Quarter"), YEAR: N_("&Year"),
               CUSTOM: N_("Da&tes")}
DATE_FORMAT = "dd.MM.yyyy"  # as i18n.NUMERIC_DATE writes a day
MONTHLY = "monthly"
# The reports offered: the monthly report (of any period), then the programme reports; named
# as the sections of the monthly report that each one breaks down.
REPORT_NAMES = {MONTHLY: N_("Monthly report"), "courses": N_("Language courses"),
                "placements": N_("Placements"), "referrals": N_("Social services")}
Report = MonthlyReport | ProgrammeReport


class ReportsScreen(QWidget):
    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.report: Report | None = None
        self._folder = preview_folder("report")
        # Each build writes a file of its own, so one cancelled never removes the one shown.
        self._builds = itertools.count(1)
        self._building: Operation[Report] | None = None

        self.which = QComboBox(self)  # the monthly report or a programme report
        self.kind = QComboBox(self)  # month, quarter, year or custom dates
        self.month = QComboBox(self)
        self.quarter = QComboBox(self)
        self.year = QComboBox(self)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        self.dates = QWidget(self)
        dates = QHBoxLayout(self.dates)
        dates.setContentsMargins(0, 0, 0, 0)
        self.dash = QLabel("–", self.dates)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DATE_FORMAT)
        dates.addWidget(self.date_from)
        dates.addWidget(self.dash)
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        # One page per kind of period, in the order of KINDS.
        self.choice = QStackedWidget(self)
        for page in (self.month, self.quarter, self.year, self.dates):
            self.choice.addWidget(page)
        self.office = QComboBox(self)
        self.language = QComboBox(self)
        self.generate = QPushButton(self)
        self.print_button = QPushButton(self)
        self.save_pdf = QPushButton(self)
        self.save_xlsx = QPushButton(self)
        self.status = QLabel(self)
        self._status: Callable[[], str] = lambda: _("Choose a period and press Generate.")
        self.preview = PdfPreview(self)
        self.document = self.preview.document

        self.form = QFormLayout()
        self.form_labels = [QLabel(self) for _field in range(4)]
        for label, field in zip(self.form_labels,
                                (self.kind, self.choice, self.office, self.language),
                                strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.which_label = QLabel(self)  # above the period: which report, then of when
        self.which_label.setBuddy(self.which)
        self.form.insertRow(0, self.which_label, self.which)
        buttons = QHBoxLayout()
        for button in (self.generate, self.print_button, self.save_pdf, self.save_xlsx):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)

        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.generate.clicked.connect(self.start)
        self.print_button.clicked.connect(self.print_report)
        # Ctrl+P beside the button's own Alt mnemonic (setText would replace setShortcut).
        print_shortcut = QShortcut(QKeySequence.StandardKey.Print, self)
        print_shortcut.activated.connect(self.print_button.click)
        self.save_pdf.clicked.connect(lambda: self.ask_and_save("pdf"))
        self.save_xlsx.clicked.connect(lambda: self.ask_and_save("xlsx"))
        self._fill_choices()
        self.retranslate()
        self._kind_chosen(self.kind.currentIndex())
        self._set_ready(False)

    # ---- choices -------------------------------------------------------------------

    def _fill_choices(self) -> None:
        today = date.today()
        for key in (MONTHLY, *PROGRAMMES):
            self.which.addItem("", key)
        for kind in KINDS:
            self.kind.addItem("", kind)
        first = today.replace(day=1)
        for _offset in range(MONTHS_OFFERED):
            self.month.addItem("", first.isoformat())  # Qt would turn a date into a QDate
            first = (first.replace(day=1) - date.resolution).replace(day=1)
        quarter = Period.quarter(today.year, (today.month - 1) // 3 + 1)
        for _offset in range(QUARTERS_OFFERED):
            self.quarter.addItem("", quarter.first.isoformat())
            quarter = quarter.previous()
        for offset in range(YEARS_OFFERED):
            self.year.addItem(str(today.year - offset), today.year - offset)
        self.date_from.setDate(QDate(today.year, today.month, 1))
        self.date_to.setDate(QDate(today.year, today.month, today.day))
        self.office.addItem("", None)
        database = self.database
        Operation(self, lambda: reports.offices(database), name="reports: offices") \
            .done(self._offices).run()
        for code in DOCUMENT_LANGUAGES:
            self.language.addItem("", code)
        self.language.setCurrentIndex(i18n.LANGUAGES.index(i18n.current_language()))

    def _offices(self, offices: list[tuple[str, str]]) -> None:
        for code, name in offices:
            self.office.addItem(f"{code} — {name}", code)

    def retranslate(self) -> None:
        kind = self.kind.currentData() or MONTH
        texts = (_("Pe&riod"), _(KIND_FIELDS[kind]), _("&Office"), _("Report &language"))
        for label, text in zip(self.form_labels, texts, strict=True):
            label.setText(text)
        words = Words(i18n.current_language())
        for index in range(self.kind.count()):
            self.kind.setItemText(index, _(KIND_NAMES[self.kind.itemData(index)]))
        for index in range(self.month.count()):
            self.month.setItemText(index, words.month(self.month_at(index)))
        for index in range(self.quarter.count()):
            first = date.fromisoformat(self.quarter.itemData(index))
            self.quarter.setItemText(index, words.period(Span(first, first, QUARTER)))
        self.office.setItemText(0, _("All offices"))
        # Named as the client's profile names a language for documents («Қазақ тілі»).
        for index in range(self.language.count()):
            self.language.setItemText(index, _(DOCUMENT_LANGUAGES[self.language.itemData(index)]))
        self.which_label.setText(_("&Type"))
        self.which.setAccessibleName(_("Type"))
        for index in range(self.which.count()):
            self.which.setItemText(index, _(REPORT_NAMES[self.which.itemData(index)]))
        self.generate.setText(_("&Generate"))
        self.print_button.setText(_("&Print…"))
        self.save_pdf.setText(_("Save as P&DF…"))
        self.save_xlsx.setText(_("Save as &XLSX…"))
        self.kind.setAccessibleName(_("Period"))
        self.month.setAccessibleName(_("Month"))
        self.quarter.setAccessibleName(_("Quarter"))
        self.year.setAccessibleName(_("Year"))
        self.date_from.setAccessibleName(_("First day"))
        self.date_to.setAccessibleName(_("Last day"))
        self.office.setAccessibleName(_("Office"))
        self.language.setAccessibleName(_("Report language"))
        self.preview.view.setAccessibleName(_("Report preview"))
        self.status.setText(self._status())

    def _say(self, text: Callable[[], str]) -> None:
        """The status line, worded again when the language changes."""
        self._status = text
        self.status.setText(text())

    def month_at(self, index: int) -> date:
        return date.fromisoformat(self.month.itemData(index))

    def _kind_chosen(self, index: int) -> None:
        self.choice.setCurrentIndex(index)
        kind = self.kind.itemData(index) or MONTH
        self.form_labels[1].setText(_(KIND_FIELDS[kind]))
        # The label's mnemonic goes to the field of the kind chosen.
        first = {MONTH: self.month, QUARTER: self.quarter, YEAR: self.year,
                 CUSTOM: self.date_from}[kind]
        self.form_labels[1].setBuddy(first)

    def choose_period(self, period: Period) -> None:
        """Show ``period`` as chosen (the same choices a user makes by hand)."""
        self.kind.setCurrentIndex(KINDS.index(period.kind))
        if period.kind == MONTH:
            self.month.setCurrentIndex(self.month.findData(period.first.isoformat()))
        elif period.kind == QUARTER:
            self.quarter.setCurrentIndex(self.quarter.findData(period.first.isoformat()))
        elif period.kind == YEAR:
            self.year.setCurrentIndex(self.year.findData(period.first.year))
        else:
            self.date_from.setDate(QDate(period.first.year, period.first.month,
                                         period.first.day))
            self.date_to.setDate(QDate(period.end.year, period.end.month, period.end.day))

    def period(self) -> Period | None:
        """The period chosen; None for dates that end before they begin."""
        kind = self.kind.currentData() or MONTH
        if kind == MONTH:
            return Period.month(self.month_at(self.month.currentIndex()))
        if kind == QUARTER:
            first = date.fromisoformat(self.quarter.currentData())
            return Period.quarter(first.year, (first.month - 1) // 3 + 1)
        if kind == YEAR:
            return Period.year(int(self.year.currentData()))
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        if last < first:
            return None
        return Period.between(first, last)

    # ---- building --------------------------------------------------------------------

    def start(self) -> None:
        """Build the chosen report of the chosen period and its PDF, with progress and
        Cancel."""
        if self._building is not None:
            return
        period = self.period()
        if period is None:
            self._say(lambda: _("The last day comes before the first: choose the dates "
                                "again."))
            return
        office: str | None = self.office.currentData()
        language: str = self.language.currentData()
        which: str = self.which.currentData() or MONTHLY
        pdf = Path(self._folder.name) / (f"report-{next(self._builds)}-{which}-{period.code}"
                                         f"-{office or 'all'}-{language}.pdf")
        database, actor = self.database, self.actor
        # The report names who prepared it: the user logged in (with no login, the service
        # names the user running Qadam, as on the command line).
        prepared_by = actor.full_name.strip() or None

        def work(token: Progress) -> Report:
            token.step(0, BUILD_STEPS)
            report: Report
            if which == MONTHLY:
                report = reports.build_monthly(database, actor, period, office, language,
                                               prepared_by)
            else:
                report = programme_reports.build_programme(database, actor, which, period,
                                                           office, language, prepared_by)
            token.step(1, BUILD_STEPS)  # Cancel pressed while counting stops here
            try:
                write_report(report, pdf)
                token.step(BUILD_STEPS, BUILD_STEPS)
            except BaseException:
                pdf.unlink(missing_ok=True)  # cancelled (or failed) once written: not kept
                raise
            return report

        self.generate.setEnabled(False)
        self._say(lambda: _("Preparing the report…"))
        self._building = Operation(self, work, name=f"reports: {which} report") \
            .with_progress(_("Preparing the report…")) \
            .done(lambda report: self._shown(report, pdf)) \
            .failed(self._failed) \
            .cancelled(lambda: self._cancelled(pdf)) \
            .run()

    def cancel(self) -> None:
        """Stop the report being built (as its progress dialog's Cancel does)."""
        if self._building is not None:
            self._building.cancel()

    def _finish(self) -> None:
        self._building = None
        self.generate.setEnabled(True)

    def _cancelled(self, pdf: Path) -> None:
        self._finish()
        # Cancel pressed after the last step: the file was written, but nobody wants it.
        pdf.unlink(missing_ok=True)
        self._say(lambda: _("Cancelled."))

    def _shown(self, report: Report, pdf: Path) -> None:
        self._finish()
        previous = self.preview.path
        self.report = report
        self.preview.load(pdf)
        if previous is not None and previous != pdf:
            with contextlib.suppress(OSError):  # still held open (Windows): the folder goes
                previous.unlink(missing_ok=True)  # with the screen; only the one shown is kept
        self._set_ready(True)
        span = report.span
        self._say(lambda: _("{title}: {month}, {office}").format(
            title=_(TITLES.get(span.kind, TITLES[CUSTOM])) if isinstance(report, MonthlyReport)
            else _(PROGRAMME_TITLES[report.programme]),
            month=Words(report.language).period(span), office=report.office_name))

    def _failed(self, failure: Failure) -> None:
        self._finish()
        self._say(lambda: failure.message)  # worded when it happened
        operations.tell(self, failure.message)

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.save_pdf, self.save_xlsx):
            button.setEnabled(ready)

    # ---- output ----------------------------------------------------------------------

    def ask_and_save(self, form: str) -> None:
        if self.report is None:
            return
        span = self.report.span
        code = Period(span.first, span.last, span.kind).code
        which = "" if isinstance(self.report, MonthlyReport) else f"{self.report.programme}-"
        suggested = f"qadam-{which}{code}-{self.report.office_code or 'all'}.{form}"
        filters = {"pdf": _("PDF documents (*.pdf)"), "xlsx": _("Excel workbooks (*.xlsx)")}
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the report"),
                                                    in_documents(suggested), filters[form])
        if path:
            self.save_as(Path(path))

    def save_as(self, path: Path) -> Operation[None]:
        """Write the report shown to ``path``, off the GUI thread; an OSError is told."""
        assert self.report is not None
        if path.suffix.lower() not in (".pdf", ".xlsx"):
            path = path.with_suffix(".pdf")
        report, preview = self.report, self.preview
        if path.suffix.lower() == ".pdf":
            def work() -> None:
                preview.save_copy(path)  # the previewed file itself, not a new rendering
        else:
            def work() -> None:
                write_report(report, path)
        return Operation(self, work, name="reports: save the report") \
            .done(lambda _none: self._say(lambda: _("Written: {path}").format(path=path))) \
            .run()

    def print_report(self) -> None:
        if not self.preview.ask_and_print():
            operations.tell(self, _("The printer could not start."))

    def print_to(self, printer: QPrinter) -> None:
        if not self.preview.print_to(printer):
            operations.tell(self, _("The printer could not start."))


def write_report(report: Report, target: Path) -> None:
    """The monthly report's writer or a programme report's, looked up when called."""
    if isinstance(report, MonthlyReport):
        reports.write_report(report, target)
    else:
        programme_reports.write_programme_report(report, target)
