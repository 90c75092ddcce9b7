"""The Reports screen's choice of report: the monthly report or a programme report, each of
the period chosen, generated off the GUI thread, previewed and saved."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.reports.figures import MonthlyReport
from db.reports.periods import Period
from db.reports.programme_figures import CourseReport, ReferralReport
from db.session import Database
from desktop.ui.reports.reports_screen import ReportsScreen
from tests.reports.known_month import MONTH, build
from tests.reports.test_programme_reports import KAMKOR_KK, add_programmes
from tests.ui.conftest import wait_idle
from tests.ui.test_reports_screen import TIMEOUT, screen_for


def generate(qtbot: QtBot, screen: ReportsScreen) -> None:
    shown = screen.report
    qtbot.mouseClick(screen.generate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.report is not shown and screen.document.pageCount() > 0
                    and screen.generate.isEnabled(), timeout=TIMEOUT)


def choose_report(screen: ReportsScreen, key: str) -> None:
    screen.which.setCurrentIndex(screen.which.findData(key))


def test_a_programme_report_is_chosen_generated_and_saved(qtbot: QtBot, database: Database,
                                                          tmp_path: Path) -> None:
    build(database)
    add_programmes(database)
    screen = screen_for(qtbot, database)
    assert [screen.which.itemData(i) for i in range(screen.which.count())] == [
        "monthly", "courses", "placements", "referrals"]
    assert screen.which.currentData() == "monthly"  # as before the choice existed
    assert screen.which_label.buddy() is screen.which
    choose_report(screen, "courses")
    screen.choose_period(Period.month(MONTH))
    screen.language.setCurrentIndex(screen.language.findData("kk"))
    generate(qtbot, screen)
    report = screen.report
    assert isinstance(report, CourseReport) and report.language == "kk"
    assert report.total.enrolled == 4
    assert screen.status.text().startswith("Language courses by group and teacher: ")
    assert "2026 жылғы қазан" in screen.status.text()  # the period, as the report names it
    assert screen.save_xlsx.isEnabled() and screen.save_pdf.isEnabled()

    screen.save_as(tmp_path / "courses.xlsx")
    qtbot.waitUntil(lambda: screen.status.text().startswith("Written: "), timeout=TIMEOUT)
    rows = list(openpyxl.load_workbook(tmp_path / "courses.xlsx").active.iter_rows(
        values_only=True))
    assert any(row[0] == "Петрова Анна" and row[1] == "RU-B1" for row in rows)

    # Another report of the same period and office, in place of the first.
    choose_report(screen, "referrals")
    screen.office.setCurrentIndex(screen.office.findData("AST"))
    generate(qtbot, screen)
    assert isinstance(screen.report, ReferralReport) and screen.report.office_code == "AST"
    screen.save_as(tmp_path / "referrals.pdf")
    qtbot.waitUntil(lambda: (tmp_path / "referrals.pdf").exists(), timeout=TIMEOUT)
    wait_idle(qtbot)
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "referrals.pdf").pages)
    assert KAMKOR_KK in text and "Астана кеңсесі" in text

    # And the monthly report again.
    choose_report(screen, "monthly")
    generate(qtbot, screen)
    assert isinstance(screen.report, MonthlyReport)
    assert screen.status.text().startswith("Monthly report: ")
