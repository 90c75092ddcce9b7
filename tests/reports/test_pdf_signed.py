"""The report a director signs: the approval block and who prepared it, the office's own
letterhead, names in the report's language, the notice of a period not over on every
page, the record's number, and what the pages keep together."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from db.models import Center, Consultation, Office, Role, User
from db.reports.figures import Approval, Letterhead, Span
from db.session import Database
from desktop.reports import charts
from desktop.reports.labels import (
    APPROVAL_LABELS,
    BREAKDOWN_TITLES,
    CHART_CAPTIONS,
    FIGURE_LABELS,
    Words,
)
from desktop.reports.pdf_common import number, percent
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.auth import hash_password, log_in
from desktop.services.reports import build_consultation, build_monthly
from tests.reports.known_month import TODAY, build
from tests.reports.sample import sample_consultation, sample_monthly, sample_monthly_large
from tests.reports.test_pdf import consultation_pdf, monthly_pdf, normalise, pages_text

DIRECTOR, POSITION = "Сәрсенбаев Марат Қайратұлы", "Директор"


@pytest.fixture
def known(database: Database) -> Database:
    build(database)
    with database.session() as s:
        center = s.scalar(select(Center))
        center.director_name, center.director_position = DIRECTOR, POSITION
        center.name_ru, center.name_en = "Центр адаптации «Кадам»", ""
        ast = s.scalar(select(Office).where(Office.code == "AST"))
        ast.address, ast.phone = "Астана, Сарыарқа даңғылы, 12", "+7 7172 11 22 33"
        ast.name_ru, ast.name_en = "Астанинский офис", ""
        s.add(User(login="dinara", full_name="Әбенова Динара", role=Role.MANAGER,
                   office_id=ast.id, password_hash=hash_password("manager-1")))
    return database


def pdf_of(database: Database, language: str = "en", office: str | None = None,
           actor: object = LOCAL_OPERATOR, prepared_by: str | None = "Тест") -> list[str]:
    report = build_monthly(database, actor, date(2026, 10, 1), office, language, prepared_by,
                           today=TODAY)
    return pages_text(monthly_pdf(report))


# ---- approval and who prepared it ------------------------------------------------------

def test_the_last_page_has_the_approval_block_with_the_director(known: Database) -> None:
    pages = pdf_of(known)
    words = Words("en")
    last = pages[-1]
    for part in (words(APPROVAL_LABELS["approved"]).upper(), POSITION, DIRECTOR,
                 words(APPROVAL_LABELS["date"]), words(APPROVAL_LABELS["seal"]),
                 words(APPROVAL_LABELS["prepared_by"]), "Тест"):
        assert normalise(part) in last, part
    assert all(DIRECTOR not in page for page in pages[:-1])
    # Under the last table, on its page: the workload's total row is there too.
    assert "Сапарова Айгерім" in last


def test_prepared_by_is_the_logged_in_users_full_name(known: Database) -> None:
    manager = log_in(known, "dinara", "manager-1")
    pages = pdf_of(known, actor=manager, prepared_by=None)
    assert "Әбенова Динара" in pages[-1] and "Әбенова Динара" in pages[0]  # footer too


def test_on_the_command_line_the_qadam_user_of_the_same_login_prepared_it(
        known: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services import reports

    monkeypatch.setattr(reports.getpass, "getuser", lambda: "dinara")
    assert "Әбенова Динара" in pdf_of(known, prepared_by=None)[-1]
    # No such Qadam user: the operating system's login, as the last resort.
    monkeypatch.setattr(reports.getpass, "getuser", lambda: "operator7")
    assert "operator7" in pdf_of(known, prepared_by=None)[-1]


def test_no_director_recorded_leaves_lines_to_fill_in() -> None:
    report = sample_monthly("en")
    text = pages_text(monthly_pdf(report))[-1]
    words = Words("en")
    assert "APPROVED" in text and words(APPROVAL_LABELS["director"]) in text
    report.approval = Approval(DIRECTOR, "Бас директор")
    assert DIRECTOR in pages_text(monthly_pdf(report))[-1]


# ---- the office's letterhead and names in the report's language -------------------------

def test_one_offices_report_shows_its_own_address_and_phone(known: Database) -> None:
    first = pdf_of(known, office="AST")[0]
    assert "Сарыарқа даңғылы, 12" in first and "+7 7172 11 22 33" in first
    assert "Мәңгілік Ел" not in first  # the center's own address
    assert "Мәңгілік Ел" in pdf_of(known)[0]  # all offices: the center's
    # An office without an address of its own: the center's.
    assert "Мәңгілік Ел" in pdf_of(known, office="ALA")[0]


def test_names_print_in_the_reports_language_else_in_kazakh(known: Database) -> None:
    russian = pdf_of(known, "ru", office="AST")[0]
    assert "Центр адаптации «Кадам»" in russian and "Астанинский офис" in russian
    english = pdf_of(known, "en", office="AST")[0]
    # No English names written: the Kazakh ones.
    assert "«Қадам» бейімдеу орталығы" in english and "Астана кеңсесі" in english


def test_the_consultation_record_has_the_offices_letterhead_and_a_number(
        known: Database) -> None:
    with known.reading() as connection:
        # Әлия's of 3 October, in Astana.
        key = connection.scalar(select(Consultation.id).order_by(Consultation.held_at)
                                .where(Consultation.held_at >= datetime(2026, 10, 3)))
    record = build_consultation(known, LOCAL_OPERATOR, str(key), "ru")
    assert record.number == f"AST-2026-{key.hex[:8].upper()}"
    assert build_consultation(known, LOCAL_OPERATOR, str(key), "kk").number == record.number
    text = pages_text(consultation_pdf(record))[0]
    assert f"№ {record.number}" in text or f"No. {record.number}" in text
    assert "Сарыарқа даңғылы, 12" in text and "Астанинский офис" in text


def test_the_sample_record_prints_its_number() -> None:
    record = replace(sample_consultation("en"), number="AST-2026-3F6C2A9E")
    assert "No. AST-2026-3F6C2A9E" in pages_text(consultation_pdf(record))[0]


# ---- the subtitle ------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "subtitle"), [
    ("ru", "Ноябрь 2026 г."), ("kk", "2026 жылғы қараша"), ("en", "November 2026")])
def test_the_subtitle_starts_with_a_capital(language: str, subtitle: str) -> None:
    first = pages_text(monthly_pdf(sample_monthly(language)))[0]
    assert subtitle in first


@pytest.mark.parametrize(("language", "subtitle"), [
    ("ru", "3-й квартал 2026 г."), ("kk", "2026 жылғы ІІІ тоқсан"), ("en", "3rd quarter 2026")])
def test_a_quarters_report_is_titled_by_its_quarter(language: str, subtitle: str) -> None:
    report = sample_monthly(language)
    report.month = date(2026, 7, 1)
    report.period = Span(date(2026, 7, 1), date(2026, 9, 30), "quarter")
    first = pages_text(monthly_pdf(report))[0]
    assert subtitle in first
    assert Words(language, "quarter").title() in first


# ---- a period not over -----------------------------------------------------------------

def test_every_page_of_an_unfinished_periods_report_says_so() -> None:
    report = sample_monthly("en")
    report.period = Span(date(2026, 11, 1), date(2026, 11, 30), "month",
                         as_of=datetime(2026, 11, 20, 15, 45))
    pages = pages_text(monthly_pdf(report))
    notice = Words("en")(FIGURE_LABELS["incomplete"]).format(when="20.11.2026 15:45")
    assert len(pages) > 3 and all(notice in page for page in pages)
    assert not any("not over" in page for page in pages_text(monthly_pdf(sample_monthly("en"))))


# ---- what the pages keep together -------------------------------------------------------

def page_of(pages: list[str], text: str, start: int = 0) -> int:
    return next(i for i, page in enumerate(pages) if i >= start and normalise(text) in page)


def legend_line(label: str, value: int, whole: int, language: str) -> str:
    """A pie legend's figure, which no table prints: "54 (54,0 %)"."""
    return f"{number(value, language)} ({percent(value / whole, language)})"


def test_a_chart_and_its_caption_land_on_one_page_and_a_total_with_its_last_rows() -> None:
    """Countries of origin from 10 to 80 push the breakdowns after them down the pages, so
    that the sex chart, and the country table's end, fall at every place of a page."""
    words = Words("en")
    moved = 0
    for countries in range(10, 81, 2):
        report = sample_monthly_large("en", countries=countries)
        pages = pages_text(monthly_pdf(report))
        sexes = report.caseload_by["sex"]
        whole = sum(row.active_end for row in sexes)
        items = [(row.label, row.active_end) for row in sexes]
        assert charts.has_values(items)
        legend = legend_line(*items[0], whole, "en")
        chart_page = page_of(pages, legend)
        # The caption stands with its chart, above it.
        caption = normalise(words(CHART_CAPTIONS["by_sex"]))
        assert caption in pages[chart_page], countries
        assert pages[chart_page].index(caption) < pages[chart_page].index(legend)
        # The table's heading is never alone at a page's foot: its first row is with it.
        heading = page_of(pages, words(BREAKDOWN_TITLES["sex"]))
        assert sexes[0].label in pages[heading].split(normalise(
            words(BREAKDOWN_TITLES["sex"])), 1)[1], countries
        moved += chart_page != heading
        # The country table's last two rows stand with its total row.
        names = [row.label for row in report.caseload_by["country"]]
        last = page_of(pages, names[-1], page_of(pages, words(BREAKDOWN_TITLES["country"])))
        after = pages[last].split(names[-1], 1)[1]
        assert names[-2] in pages[last], countries
        assert "Total" in after.split(normalise(words(BREAKDOWN_TITLES["sex"])))[0], countries
    assert moved, "no count of countries sent the chart to the page after its table"


def test_the_consultation_charts_carry_their_caption_wherever_they_land() -> None:
    for countries in range(10, 81, 7):
        report = sample_monthly_large("en", countries=countries)
        pages = pages_text(monthly_pdf(report))
        channels = report.consultations_by_channel
        whole = sum(row.count for row in channels)
        legend = legend_line(channels[0].label, channels[0].count, whole, "en")
        assert "Consultations by channel" in pages[page_of(pages, legend)], countries


def test_the_letterhead_names_the_office() -> None:
    report = sample_monthly("en")
    report.letterhead = Letterhead("Qadam Center", "12 Saryarka Avenue", "+7 7172 11 22 33",
                                   "Astana office")
    first = pages_text(monthly_pdf(report))[0]
    assert "Astana office · 12 Saryarka Avenue · +7 7172 11 22 33" in first


def test_a_long_table_never_leaves_its_header_alone() -> None:
    pdf = monthly_pdf(sample_monthly_large("en", countries=120))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        # Above the footer's line: never a table's header or a caption as the last words.
        assert not lines[-2].startswith(("Group", "Active cases at the end")), lines[-2]
