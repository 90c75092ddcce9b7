"""The central office on PostgreSQL and an office on SQLite report the same figures: the same
demo, made from the same seed on each engine, gives the same report files, word for word."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from db.migrate import open_database
from db.reports.periods import Period
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.demo.generator import generate
from desktop.services.reports import build_monthly, write_report
from tests.conftest import DEMO_TODAY

# When the report was made is the one thing two runs cannot share: it is fixed here.
MADE_AT = datetime(2026, 11, 25, 12, 0)


# A complete month, one not over (counted up to MADE_AT) for one office, and a year.
REPORTS = [(Period.month(date(2026, 10, 1)), None), (Period.month(date(2026, 11, 1)), "AST"),
           (Period.year(2025), None)]


def test_the_same_demo_reports_the_same_figures_on_both_engines(
        server_database: str, tmp_path: Path) -> None:
    written: dict[str, list[str]] = {}
    for engine, target in (("sqlite", tmp_path / "demo.db"), ("postgresql", server_database)):
        database = open_database(target)
        try:
            generate(database, clients=300, seed=5, today=DEMO_TODAY)
            for number, (period, office) in enumerate(REPORTS):
                report = build_monthly(database, LOCAL_OPERATOR, period, office, "kk", "Тест",
                                       now=MADE_AT)
                file = tmp_path / f"{engine}-{number}.json"
                write_report(report, file)
                written.setdefault(engine, []).append(file.read_text(encoding="utf-8"))
        finally:
            database.dispose()
    for on_sqlite, on_postgres in zip(written["sqlite"], written["postgresql"], strict=True):
        assert '"caseload"' in on_sqlite
        assert on_sqlite == on_postgres
