"""The Reports screen: choose month, office and language; preview; print or save.

The report is built off the GUI thread while a progress dialog offers Cancel;
the preview is the very PDF that would be saved or printed.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.errors import DatabaseProblem
from db.reports.figures import MonthlyReport
from db.session import Database
from desktop import i18n
from desktop.i18n import _
from desktop.reports.labels import Words
from desktop.services import messages, reports
from desktop.ui.reports.pdf_preview import PdfPreview
from desktop.ui.worker import Task, run_task

MONTHS_OFFERED = 24


class ReportsScreen(QWidget):
    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.report: MonthlyReport | None = None
        self._folder = tempfile.TemporaryDirectory(prefix="qadam-report-")
        self._task: Task | None = None
        self._progress: QProgressDialog | None = None

        self.month = QComboBox(self)
        self.office = QComboBox(self)
        self.language = QComboBox(self)
        self.generate = QPushButton(self)
        self.print_button = QPushButton(self)
        self.save_pdf = QPushButton(self)
        self.save_xlsx = QPushButton(self)
        self.status = QLabel(self)
        self.preview = PdfPreview(self)
        self.document = self.preview.document

        self.form = QFormLayout()
        self.form_labels = [QLabel(self) for _field in range(3)]
        for label, field in zip(self.form_labels, (self.month, self.office, self.language),
                                strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        buttons = QHBoxLayout()
        for button in (self.generate, self.print_button, self.save_pdf, self.save_xlsx):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)

        self.generate.clicked.connect(self.start)
        self.print_button.clicked.connect(self.print_report)
        # Ctrl+P beside the button's own Alt mnemonic (setText would replace setShortcut).
        print_shortcut = QShortcut(QKeySequence.StandardKey.Print, self)
        print_shortcut.activated.connect(self.print_button.click)
        self.save_pdf.clicked.connect(lambda: self.ask_and_save("pdf"))
        self.save_xlsx.clicked.connect(lambda: self.ask_and_save("xlsx"))
        self._fill_choices()
        self.retranslate()
        self._set_ready(False)

    # ---- choices -------------------------------------------------------------------

    def _fill_choices(self) -> None:
        first = date.today().replace(day=1)
        for _offset in range(MONTHS_OFFERED):
            self.month.addItem("", first.isoformat())  # Qt would turn a date into a QDate
            first = (first.replace(day=1) - date.resolution).replace(day=1)
        self.office.addItem("", None)
        for code, name in reports.offices(self.database):
            self.office.addItem(f"{code} — {name}", code)
        for code, name in (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(i18n.LANGUAGES.index(i18n.current_language()))

    def retranslate(self) -> None:
        texts = (_("&Month"), _("&Office"), _("Report &language"))
        for label, text in zip(self.form_labels, texts, strict=True):
            label.setText(text)
        words = Words(i18n.current_language())
        for index in range(self.month.count()):
            self.month.setItemText(index, words.month(self.month_at(index)))
        self.office.setItemText(0, _("All offices"))
        self.generate.setText(_("&Generate"))
        self.print_button.setText(_("&Print…"))
        self.save_pdf.setText(_("Save as P&DF…"))
        self.save_xlsx.setText(_("Save as &XLSX…"))
        self.month.setAccessibleName(_("Month"))
        self.office.setAccessibleName(_("Office"))
        self.language.setAccessibleName(_("Report language"))
        self.preview.view.setAccessibleName(_("Report preview"))
        if self.report is None:
            self.status.setText(_("Choose a month and press Generate."))

    def month_at(self, index: int) -> date:
        return date.fromisoformat(self.month.itemData(index))

    # ---- building --------------------------------------------------------------------

    def start(self) -> None:
        month = self.month_at(self.month.currentIndex())
        office: str | None = self.office.currentData()
        language: str = self.language.currentData()
        pdf = Path(self._folder.name) / f"report-{month:%Y-%m}-{office or 'all'}-{language}.pdf"
        prepared_by = reports.prepared_by_default()

        def work() -> MonthlyReport:
            report = reports.build_monthly(self.database, month, office, language, prepared_by)
            reports.write_report(report, pdf)
            return report

        self._progress = QProgressDialog(_("Preparing the report…"), _("Cancel"), 0, 0, self)
        self._progress.setWindowTitle(_("Monthly report"))
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(300)
        self._progress.canceled.connect(self.cancel)
        self.generate.setEnabled(False)
        self._task = run_task(work, lambda report: self._shown(report, pdf), self._failed)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancelled = True  # the result is dropped when it arrives
        self._finish()
        self.status.setText(_("Cancelled."))

    def _finish(self) -> None:
        self.generate.setEnabled(True)
        if self._progress is not None:
            self._progress.canceled.disconnect(self.cancel)
            self._progress.close()
            self._progress = None

    def _shown(self, report: MonthlyReport, pdf: Path) -> None:
        self._finish()
        self.report = report
        self.preview.load(pdf)
        self._set_ready(True)
        self.status.setText(_("{title}: {month}, {office}").format(
            title=_("Monthly report"), month=Words(report.language).month(report.month),
            office=report.office_name))

    def _failed(self, error: Exception) -> None:
        self._finish()
        QMessageBox.warning(self, _("Monthly report"), describe(error))

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.save_pdf, self.save_xlsx):
            button.setEnabled(ready)

    # ---- output ----------------------------------------------------------------------

    def ask_and_save(self, form: str) -> None:
        if self.report is None:
            return
        suggested = f"qadam-{self.report.month:%Y-%m}-{self.report.office_code or 'all'}.{form}"
        filters = {"pdf": _("PDF documents (*.pdf)"), "xlsx": _("Excel workbooks (*.xlsx)")}
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the report"), suggested,
                                                    filters[form])
        if path:
            self.save_as(Path(path))

    def save_as(self, path: Path) -> None:
        assert self.report is not None
        if path.suffix.lower() not in (".pdf", ".xlsx"):
            path = path.with_suffix(".pdf")
        try:
            if path.suffix.lower() == ".pdf":
                self.preview.save_copy(path)  # the previewed file itself, not a new rendering
            else:
                reports.write_report(self.report, path)
        except OSError as error:
            QMessageBox.warning(self, _("Monthly report"), _("Cannot write {path}: {reason}")
                                .format(path=path, reason=error.strerror or error))
            return
        self.status.setText(_("Written: {path}").format(path=path))

    def print_report(self) -> None:
        if not self.preview.ask_and_print():
            QMessageBox.warning(self, _("Monthly report"), _("The printer could not start."))

    def print_to(self, printer: QPrinter) -> None:
        if not self.preview.print_to(printer):
            QMessageBox.warning(self, _("Monthly report"), _("The printer could not start."))


def describe(error: Exception) -> str:
    if isinstance(error, reports.ReportProblem):
        return messages.report_problem(error)
    if isinstance(error, DatabaseProblem):
        return messages.database_problem(error)
    if isinstance(error, OSError):
        return _("Cannot write the report: {reason}").format(reason=error.strerror or error)
    return _("The report could not be prepared: {reason}").format(reason=error)
