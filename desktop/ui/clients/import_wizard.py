"""Bringing people in from the spreadsheet a center keeps: a wizard of four steps.

1. File: a .csv or .xlsx is chosen and read (off the GUI thread); its name, rows and,
   for a CSV, the encoding and separator found are shown. An empty template can be
   saved from here.
2. Columns: which Qadam field each column of the file goes to (``MappingPage``), and
   how the people consented to their data being processed.
3. Check: every row checked as intake checks a new client, nothing written; the rows
   ready and every problem with its row, column and reason.
4. Import: the valid rows written in one transaction, after a question when some rows
   will be left out; a cancelled import writes nothing.

Every service call goes through the operation runner; the long ones (reading, checking,
importing) with progress and Cancel. The import's changes are broadcast by the runner,
and the client list refreshes itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.session import Database
from desktop.i18n import NC_, _, current_language, format_number, ngettext
from desktop.services.access import Actor
from desktop.services.progress import Progress
from desktop.services.reference import reference_choices
from desktop.services.transfer.importing import (
    ImportOptions,
    ImportResult,
    Preview,
    check_import,
    import_clients,
    may_choose_office,
    suggested_mapping,
)
from desktop.services.transfer.reading import Sheet, read_sheet
from desktop.services.transfer.template import write_template
from desktop.ui.clients.import_mapping import DONE_STYLE, HINT_STYLE, PROBLEM_STYLE, MappingPage
from desktop.ui.clients.import_pages import CheckPage, DonePage, FilePage, say
from desktop.ui.clients.import_problems import row_names
from desktop.ui.operations import Failure, Operation
from desktop.ui.questions import ask
from desktop.ui.save_paths import in_documents, named

STEPS = (NC_("import step", "File"), NC_("import step", "Columns"),
         NC_("import step", "Check"), NC_("import step", "Import"))
FILE, COLUMNS, CHECK, DONE = range(4)


class ImportWizard(QDialog):
    """Emits ``imported(count)`` once the rows are in."""

    imported = Signal(int)

    def __init__(self, database: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportWizard")
        self.database = database
        self.actor = actor
        self.path: Path | None = None
        self.sheet: Sheet | None = None
        self.preview: Preview | None = None
        self.result: ImportResult | None = None
        self.operation: Operation[Any] | None = None  # the reading, check or import underway
        self._writing = False
        self._stale = False  # the import failed: the file must be checked again

        self.steps = QLabel(self)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.done_page = DonePage(self)
        self.pages = QStackedWidget(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.done_page):
            self.pages.addWidget(page)
        self.back_button = QPushButton(self)
        self.back_button.setAutoDefault(False)
        self.check_again_button = QPushButton(self)
        self.check_again_button.setAutoDefault(False)
        self.next_button = QPushButton(self)
        self.next_button.setDefault(True)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.check_again_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addSpacing(4)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.file_page.choose.connect(self.ask_for_file)
        self.file_page.save_template.connect(self.ask_and_save_template)
        self.mapping_page.changed.connect(self._update_buttons)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.check_again_button.clicked.connect(self.check_again)
        self.close_button.clicked.connect(self._close)
        self.resize(940, 640)
        self.retranslate()  # asks for the forms of consent too

    # ---- step 1: the file ------------------------------------------------------------------

    def ask_for_file(self) -> None:
        folder = str(self.path.parent) if self.path else in_documents("")
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Choose the file to import"), folder,
            _("Spreadsheets (*.csv *.xlsx);;All files (*)"))
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path, then: Callable[[], None] | None = None) -> Operation[Any]:
        """Read ``path`` off the GUI thread; a file that cannot be read says why here."""
        self.path = path
        actor = self.actor

        def work(_progress: Progress) -> tuple[Sheet, dict[int, str], bool]:
            sheet = read_sheet(path)
            return sheet, suggested_mapping(sheet), may_choose_office(actor)

        return self._start(Operation(self, work, name="import: read the file")
                           .with_progress(_("Reading {name}…").format(name=path.name))
                           .superseding((id(self), "read"))
                           .done(lambda read: self._file_read(read, then))
                           .failed(self._file_refused))

    def _file_read(self, read: tuple[Sheet, dict[int, str], bool],
                   then: Callable[[], None] | None) -> None:
        sheet, mapping, office_allowed = read
        previous, self.sheet, self.preview = self.sheet, sheet, None
        if previous is not None and previous.headers == sheet.headers:
            mapping = self.mapping_page.mapping()  # the same columns: the user's choices stay
        self.file_page.show_sheet(sheet)
        self.mapping_page.set_sheet(sheet, mapping, office_allowed)
        self._stopped()
        if then is not None:
            then()

    def _file_refused(self, failure: Failure) -> None:
        self.sheet = self.preview = None
        self.file_page.show_problem(failure.message)
        self.show_step(FILE)
        self._stopped()

    def ask_and_save_template(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, _("Save an empty template"),
            in_documents(named("clients-template", None, suffix="xlsx")),
            _("Excel workbooks (*.xlsx);;CSV files (*.csv)"))
        if path:
            target = Path(path)
            if target.suffix.lower() not in (".xlsx", ".csv"):
                target = target.with_suffix(".csv" if "*.csv" in chosen else ".xlsx")
            self.save_template_to(target)

    def save_template_to(self, target: Path) -> Operation[None]:
        database, actor, language = self.database, self.actor, current_language()
        return Operation(self, lambda: write_template(database, actor, target, language),
                         name="import: save the template") \
            .done(lambda _none: say(self.file_page.template_saved, _(
                "The template is saved: {path}").format(path=target), DONE_STYLE)) \
            .failed(lambda failure: say(self.file_page.template_saved, failure.message,
                                        PROBLEM_STYLE)).run()

    # ---- step 3: the check -----------------------------------------------------------------

    def check(self) -> Operation[Preview]:
        """Check every row through the mapping chosen; nothing is written."""
        assert self.sheet is not None
        database, actor, sheet = self.database, self.actor, self.sheet
        mapping = self.mapping_page.mapping()
        options = ImportOptions(consent_form=self.mapping_page.consent_form())
        say(self.mapping_page.note, "")
        return self._start(Operation(
            self, lambda progress: check_import(database, actor, sheet, mapping, options,
                                                progress), name="import: check")
            .with_progress(ngettext("Checking {count} row…", "Checking {count} rows…",
                                    len(sheet.rows)).format(count=format_number(len(sheet.rows))))
            .superseding((id(self), "check"))
            .done(lambda preview: self._checked(preview, mapping))
            .failed(self._check_failed)
            .cancelled(self._check_cancelled))

    def _checked(self, preview: Preview, mapping: dict[int, str]) -> None:
        assert self.sheet is not None
        self.preview, self._stale = preview, False
        self.check_page.show_preview(preview, row_names(self.sheet, mapping))
        self.show_step(CHECK)
        self._stopped()

    def _check_failed(self, failure: Failure) -> None:
        say(self.mapping_page.note, failure.message, PROBLEM_STYLE)
        self._stopped()

    def _check_cancelled(self) -> None:
        say(self.mapping_page.note, _("The check was stopped. Nothing was written."),
            HINT_STYLE)
        self._stopped()

    def check_again(self) -> None:
        """Read the file again (corrected meanwhile, say) and check it."""
        if self.path is not None:
            self.open_file(self.path, then=self._check_if_mapped)

    def _check_if_mapped(self) -> None:
        if self.mapping_page.missing():  # other columns now: the mapping is to be seen to
            self.show_step(COLUMNS)
        else:
            self.check()

    # ---- step 4: the import ----------------------------------------------------------------

    def confirm_leaving_out(self, preview: Preview) -> bool:
        """Whether to import the valid rows when others have problems (tests answer it)."""
        text = " ".join((
            ngettext("{count} row with problems will not be imported.",
                     "{count} rows with problems will not be imported.",
                     preview.rejected).format(count=format_number(preview.rejected)),
            ngettext("Import the {count} valid row now?", "Import the {count} valid rows now?",
                     len(preview.ready)).format(count=format_number(len(preview.ready)))))
        return ask(self, _("Import clients"), text,
                   QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                   QMessageBox.StandardButton.Yes) == QMessageBox.StandardButton.Yes

    def start_import(self) -> Operation[ImportResult] | None:
        preview = self.preview
        if preview is None or not preview.ready or self._stale:
            return None
        if preview.rejected and not self.confirm_leaving_out(preview):
            return None
        database, actor = self.database, self.actor
        written: list[ImportResult] = []  # filled on the worker once the rows are committed

        def work(progress: Progress) -> ImportResult:
            result = import_clients(database, actor, preview, progress)
            written.append(result)
            return result

        self._writing = True
        say(self.check_page.status, "")
        return self._start(Operation(self, work, writes=True, name="import: write")
                           .with_progress(ngettext("Importing {count} client…",
                                                   "Importing {count} clients…",
                                                   len(preview.ready)).format(
                                                       count=format_number(len(preview.ready))))
                           .done(self._imported)
                           .failed(self._import_failed)
                           .cancelled(lambda: self._import_cancelled(written)))

    def _imported(self, result: ImportResult) -> None:
        self._writing = False
        self.result = result
        self.done_page.show_result(result)
        self.show_step(DONE)
        self._stopped()
        self.imported.emit(result.imported)

    def _import_failed(self, failure: Failure) -> None:
        self._writing, self._stale = False, True
        say(self.check_page.status, failure.message, PROBLEM_STYLE)
        self._stopped()

    def _import_cancelled(self, written: list[ImportResult]) -> None:
        if written:  # Cancel came after the rows were committed: they are in
            self._imported(written[0])
            return
        self._writing = False
        say(self.check_page.status, _("The import was cancelled: no client was imported."),
            HINT_STYLE)
        self._stopped()

    # ---- moving between the steps ----------------------------------------------------------

    def step(self) -> int:
        return self.pages.currentIndex()

    def show_step(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        self._show_steps()
        self._update_buttons()

    def next(self) -> None:
        step = self.step()
        if step == FILE and self.sheet is not None:
            self.show_step(COLUMNS)
        elif step == COLUMNS and self.sheet is not None and not self.mapping_page.missing():
            self.check()
        elif step == CHECK:
            self.start_import()

    def back(self) -> None:
        if self.step() in (COLUMNS, CHECK):
            self.show_step(self.step() - 1)

    def _close(self) -> None:
        if self.step() == DONE:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        if self._writing:  # the rows are going in: the import's own Cancel stops it
            return
        if self.operation is not None:
            self.operation.cancel()
        super().reject()

    def _start(self, operation: Operation[Any]) -> Operation[Any]:
        self.operation = operation
        self._update_buttons()
        return operation.run()

    def _stopped(self) -> None:
        self.operation = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        step, busy = self.step(), self.operation is not None
        preview = self.preview
        self.back_button.setVisible(step in (COLUMNS, CHECK))
        self.next_button.setVisible(step != DONE)
        self.file_page.choose_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.close_button.setEnabled(not self._writing)
        if step == FILE:
            self.next_button.setText(_("&Next"))
            self.next_button.setEnabled(not busy and self.sheet is not None)
        elif step == COLUMNS:
            self.next_button.setText(_("C&heck the rows"))
            self.next_button.setEnabled(not busy and not self.mapping_page.missing())
        elif step == CHECK:
            ready = len(preview.ready) if preview is not None else 0
            self.next_button.setText(
                ngettext("&Import {count} valid row", "&Import {count} valid rows",
                         ready).format(count=format_number(ready))
                if ready else _("Nothing to import"))
            self.next_button.setEnabled(not busy and ready > 0 and not self._stale)
        self.back_button.setText(_("&Back to the columns") if step == CHECK else _("&Back"))
        self.close_button.setText(_("Close") if step == DONE else _("Cancel"))
        self.check_again_button.setVisible(step == CHECK)
        self.check_again_button.setEnabled(not busy)

    def _show_steps(self) -> None:
        current = self.step()
        shown = []
        for index, title in enumerate(STEPS):
            text = _("{number}. {step}").format(number=index + 1, step=_(title))
            shown.append(f"<b>{text}</b>" if index == current else
                         f"<span style='color: #5f6368;'>{text}</span>")
        self.steps.setText(" &nbsp;›&nbsp; ".join(shown))

    # ---- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import clients from a file"))
        self.file_page.retranslate()
        self.mapping_page.retranslate()
        self.check_page.retranslate()
        self.check_page.retranslate_preview(self.preview)
        self.done_page.retranslate()
        self.check_again_button.setText(_("Read the file again and c&heck"))
        if self.sheet is not None:
            self.file_page.show_sheet(self.sheet)
        self._show_steps()
        self._update_buttons()
        database = self.database
        # The forms of consent, labelled in the UI language as it is now.
        Operation(self, lambda: reference_choices(database, "consent_form"),
                  name="import: consent forms") \
            .superseding((id(self), "consent forms")) \
            .done(self.mapping_page.set_consent_forms).run()
