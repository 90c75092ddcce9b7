"""The Reports screen's choice of period: a month, a quarter, a year or any dates."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from db.reports.periods import CUSTOM, KINDS, MONTH, QUARTER, YEAR, Period
from db.session import Database
from desktop.ui.reports.reports_screen import ReportsScreen
from tests.reports.known_month import build
from tests.ui.test_reports_screen import TIMEOUT, screen_for


def generate(qtbot: QtBot, screen: ReportsScreen) -> None:
    """Press Generate and wait for the new report's preview."""
    shown = screen.report
    qtbot.mouseClick(screen.generate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.report is not shown and screen.document.pageCount() > 0,
                    timeout=TIMEOUT)


def test_each_kind_of_period_has_its_own_choice(qtbot: QtBot, database: Database) -> None:
    screen = screen_for(qtbot, database)
    assert [screen.kind.itemData(i) for i in range(screen.kind.count())] == list(KINDS)
    assert [screen.kind.itemText(i) for i in range(screen.kind.count())] == [
        "Month", "Quarter", "Year", "Custom dates"]
    fields = {MONTH: screen.month, QUARTER: screen.quarter, YEAR: screen.year,
              CUSTOM: screen.date_from}
    for index, kind in enumerate(KINDS):
        screen.kind.setCurrentIndex(index)
        qtbot.waitUntil(lambda kind=kind: fields[kind].isVisible(), timeout=TIMEOUT)
        assert screen.form_labels[1].buddy() is fields[kind]
    assert screen.form_labels[1].text() == "Da&tes"
    today = date.today()
    # The quarter under way first, then the ones before it; this year, then the years before.
    quarters = [date.fromisoformat(screen.quarter.itemData(i))
                for i in range(screen.quarter.count())]
    assert quarters[0] == Period.quarter(today.year, (today.month - 1) // 3 + 1).first
    assert all(a > b for a, b in pairwise(quarters))
    assert screen.quarter.itemText(0).startswith(("1st", "2nd", "3rd", "4th"))
    assert screen.year.itemData(0) == today.year and screen.year.itemText(1) == str(today.year - 1)


def test_the_chosen_period_is_the_one_reported(qtbot: QtBot, database: Database) -> None:
    build(database)
    screen = screen_for(qtbot, database)
    screen.choose_period(Period.between(date(2026, 9, 15), date(2026, 10, 14)))
    assert screen.kind.currentData() == CUSTOM and screen.date_to.date() == QDate(2026, 10, 14)
    generate(qtbot, screen)
    report = screen.report
    assert report is not None and report.span.kind == CUSTOM
    assert (report.span.first, report.span.last) == (date(2026, 9, 15), date(2026, 10, 14))
    assert "15.09.2026 – 14.10.2026" in screen.status.text()
    assert screen.status.text().startswith("Report for the period: ")
    # Dates that make a whole quarter are reported as the quarter.
    screen.choose_period(Period.between(date(2026, 7, 1), date(2026, 9, 30)))
    generate(qtbot, screen)
    assert screen.report is not None and screen.report.span.kind == QUARTER
    assert screen.status.text().startswith("Quarterly report: 3rd quarter 2026")
    # A year, from its own list.
    screen.kind.setCurrentIndex(KINDS.index(YEAR))
    screen.year.setCurrentIndex(screen.year.findData(2026))
    generate(qtbot, screen)
    assert screen.report is not None and screen.report.span.kind == YEAR
    assert (screen.report.span.first, screen.report.span.last) == (date(2026, 1, 1),
                                                                   date(2026, 12, 31))


def test_dates_that_end_before_they_begin_are_not_reported(qtbot: QtBot,
                                                           database: Database) -> None:
    screen = screen_for(qtbot, database)
    screen.kind.setCurrentIndex(KINDS.index(CUSTOM))
    screen.date_from.setDate(QDate(2026, 10, 10))
    screen.date_to.setDate(QDate(2026, 10, 1))
    qtbot.mouseClick(screen.generate, Qt.MouseButton.LeftButton)
    assert screen.status.text() == ("The last day comes before the first: choose the dates "
                                    "again.")
    assert screen.report is None and screen.generate.isEnabled()
    assert screen.period() is None
