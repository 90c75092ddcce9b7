"""The Reports screen: generate off the GUI thread, preview, save and print."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import openpyxl
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from db.session import Database
from desktop.ui.reports.reports_screen import ReportsScreen
from tests.reports.known_month import MONTH, build

TIMEOUT = 15000


def generated(qtbot: QtBot, database: Database, language: str, office: str | None
              ) -> ReportsScreen:
    build(database)
    screen = ReportsScreen(database)
    qtbot.addWidget(screen)
    screen.show()
    screen.month.setCurrentIndex(screen.month.findData(MONTH.isoformat()))
    screen.language.setCurrentIndex(screen.language.findData(language))
    screen.office.setCurrentIndex(screen.office.findData(office))
    assert not screen.save_xlsx.isEnabled()  # nothing to save before a report exists
    qtbot.mouseClick(screen.generate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.document.pageCount() > 0, timeout=TIMEOUT)
    return screen


def test_a_report_is_previewed_then_saved_as_xlsx_and_pdf(qtbot: QtBot, database: Database,
                                                         tmp_path: Path) -> None:
    screen = generated(qtbot, database, "kk", "AST")
    assert screen.report is not None and screen.report.office_code == "AST"
    assert "қазан" in screen.status.text().lower()  # October, named in Kazakh
    assert screen.save_xlsx.isEnabled() and screen.print_button.isEnabled()

    screen.save_as(tmp_path / "october.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "october.xlsx")
    assert len(workbook.sheetnames) >= 5

    screen.save_as(tmp_path / "october.pdf")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "october.pdf").pages)
    assert "Сапарова Айгерім" in text


def test_printing_sends_every_page_to_the_printer(qtbot: QtBot, database: Database,
                                                  tmp_path: Path) -> None:
    screen = generated(qtbot, database, "ru", None)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    screen.print_to(printer)
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == screen.document.pageCount()


def test_only_past_and_current_months_are_offered(qtbot: QtBot, database: Database) -> None:
    screen = ReportsScreen(database)
    qtbot.addWidget(screen)
    offered = [screen.month_at(i) for i in range(screen.month.count())]
    assert offered[0] == date.today().replace(day=1)
    assert all(a > b for a, b in pairwise(offered))


def test_the_consultation_record_speaks_the_clients_language(qtbot: QtBot, database: Database,
                                                             tmp_path: Path) -> None:
    from desktop import i18n
    from desktop.ui.reports.consultation_record_dialog import ConsultationRecordDialog

    known = build(database)
    i18n.set_language("ru")  # the caseworker works in Russian; the client reads Kazakh
    dialog = ConsultationRecordDialog(database, str(known.consultation_id))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview.document.pageCount() == 1, timeout=TIMEOUT)
    assert dialog.record is not None and dialog.record.language == "kk"
    dialog.save_as(tmp_path / "record.pdf")
    text = PdfReader(tmp_path / "record.pdf").pages[0].extract_text()
    assert "Нұрпейісова Әлия" in text and "Құжаттар" in text  # a topic, labelled in Kazakh
