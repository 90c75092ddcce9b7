"""The PDF writers: what a reader finds in the pages, the fonts, and safe saving."""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from datetime import date
from itertools import accumulate
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from db.reports.figures import (
    CaseloadRow,
    ConsultationRecord,
    CountRow,
    CourseGroupRow,
    Courses,
    EmployerRow,
    Employment,
    Headline,
    MonthlyReport,
)
from desktop import i18n
from desktop.reports import labels, pdf_monthly
from desktop.reports.labels import BREAKDOWN_TITLES, COLUMNS, FIGURE_LABELS, HEADLINE_LABELS, Words
from desktop.reports.pdf_common import FONT, FONT_BOLD, MARGIN_BOTTOM, MARGIN_SIDE, register_fonts
from desktop.reports.pdf_consultation import write_consultation_pdf
from desktop.reports.pdf_monthly import (
    CASELOAD_COLUMNS,
    GROUP_COLUMNS,
    GROUP_WIDTHS,
    PDF_LABELS,
    write_monthly_pdf,
)
from desktop.services.reports import CONTRACT_WORDS
from tests.reports.sample import sample_consultation, sample_monthly, sample_monthly_large

KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІ"


def normalise(text: str) -> str:
    """Babel's no-break spaces and the PDF's line breaks as plain single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def pages_text(pdf: bytes) -> list[str]:
    return [normalise(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def monthly_pdf(report: MonthlyReport) -> bytes:
    stream = io.BytesIO()
    write_monthly_pdf(report, stream)
    return stream.getvalue()


def consultation_pdf(record: ConsultationRecord) -> bytes:
    stream = io.BytesIO()
    write_consultation_pdf(record, stream)
    return stream.getvalue()


def fonts(pdf: bytes) -> dict[str, bool]:
    """Every font the pages use, with whether its file is embedded."""
    found = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
    return found


@pytest.fixture(scope="module")
def kazakh_monthly() -> tuple[MonthlyReport, str]:
    report = sample_monthly("kk")
    return report, " ".join(pages_text(monthly_pdf(report)))


def test_monthly_pdf_in_kazakh_has_the_month_and_the_samples_numbers(
        kazakh_monthly: tuple[MonthlyReport, str]) -> None:
    report, text = kazakh_monthly
    assert "қараша" in text
    assert "1 234" in text  # babel's kk grouping: a no-break space
    expected = [i18n.format_number(h.value, "kk") for h in report.headlines
                if h.value is not None and h.key != "attendance_rate"]
    expected += [i18n.format_number(row.active_end, "kk")
                 for rows in report.caseload_by.values() for row in rows]
    expected += ["87,4%", "−9", "+91"]  # attendance rate, signed changes with a true minus
    missing = [figure for figure in expected if normalise(figure) not in text]
    assert not missing


def test_monthly_pdf_in_kazakh_prints_kazakh_letters_and_its_labels(
        kazakh_monthly: tuple[MonthlyReport, str]) -> None:
    report, text = kazakh_monthly
    # Letters that exist only in Kazakh come back as text: the font maps them.
    # Ң and Һ never begin a word, so only their small forms are in the sample.
    assert set(KAZAKH_LETTERS.lower()) <= set(text)
    assert set(KAZAKH_LETTERS) - set("ҢҺ") <= set(text)
    words = Words("kk")
    labels = [*HEADLINE_LABELS.values(), *BREAKDOWN_TITLES.values()]
    assert not [label for label in labels if normalise(words(label)) not in text]
    assert "Өзбекстан" in text and "Қандас" in text and report.prepared_by in text


def test_monthly_pdf_embeds_dejavu_and_no_other_font() -> None:
    found = fonts(monthly_pdf(sample_monthly("kk")))
    assert any("DejaVuSans" in name for name in found)
    assert any("DejaVuSans-Bold" in name for name in found)
    assert all(found.values()), found  # every font embedded, no Helvetica fallback


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_page_says_which_of_how_many(language: str) -> None:
    pages = pages_text(monthly_pdf(sample_monthly(language)))
    words = Words(language)
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        footer = words(FIGURE_LABELS["page"]).format(page=number, pages=len(pages))
        assert footer in text
        assert "Шаһизада Әбілқасымова" in text


def test_report_is_printed_in_its_language_not_the_uis() -> None:
    i18n.set_language("ru")
    text = " ".join(pages_text(monthly_pdf(sample_monthly("kk"))))
    assert "қараша" in text and "ноябрь" not in text


def test_big_breakdown_breaks_across_pages_repeating_its_header() -> None:
    report = sample_monthly_large("en", countries=60)
    countries = [row.label for row in report.caseload_by["country"]]
    pages = pages_text(monthly_pdf(report))
    words = Words("en")
    header = " ".join(words(COLUMNS[key]) for key in CASELOAD_COLUMNS)
    first = next(i for i, text in enumerate(pages) if words(BREAKDOWN_TITLES["country"]) in text)
    last = next(i for i, text in enumerate(pages) if countries[-1] in text)
    assert last > first
    for text in (pages[first], *pages[first + 1:last + 1]):
        assert header in text
    # The continued page opens with the repeated header, then more countries.
    continued = pages[first + 1]
    assert continued.startswith(header)
    assert any(continued[len(header):].lstrip().startswith(name) for name in countries)


def test_empty_month_says_nothing_was_recorded() -> None:
    empty = MonthlyReport(
        month=date(2026, 1, 1), office_code="AST", office_name="Астана — AST", language="kk",
        letterhead=sample_monthly("kk").letterhead, generated_at=sample_monthly("kk").generated_at,
        prepared_by="Ким Ольга", caseload=CaseloadRow("total"),
        caseload_by={"sex": [CaseloadRow("F", "Әйелдер"), CaseloadRow("M", "Ерлер")]},
        consultations=0, clients_consulted=0, consultations_by_topic=[],
        consultations_by_channel=[], courses=Courses(), employment=Employment(), social=[],
        workload=[], overdue_follow_ups=0,
        headlines=[Headline("attendance_rate", None, 0.8), Headline("new", 0, 3)])
    text = " ".join(pages_text(monthly_pdf(empty)))
    assert normalise(Words("kk")(FIGURE_LABELS["no_data"])) in text
    assert "қаңтар" in text and "—" in text and "−3" in text


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_consultation_record_is_one_page_with_the_client(language: str) -> None:
    record = sample_consultation(language)
    pages = pages_text(consultation_pdf(record))
    assert len(pages) == 1
    text = pages[0]
    assert record.client_iin_masked == "••••••••1234"
    assert record.client_iin_masked in text
    assert "Өмірзақова Гүлнұр Ғаниқызы" in text and record.client_name_latin in text
    assert normalise(record.referrals[0]) in text
    assert normalise(i18n.format_date(record.next_appointment_at, "long", language)) in text
    assert normalise(Words(language)(FIGURE_LABELS["consultation_record"])) in text


def test_a_long_consultation_still_fits_one_page() -> None:
    record = sample_consultation("ru")
    record.advice = " ".join([record.advice] * 3)
    record.notes = " ".join([record.notes] * 3)
    record.referrals *= 2
    pages = pages_text(consultation_pdf(record))
    assert len(pages) == 1
    assert record.advice.split()[-1] in pages[0]


def test_writing_to_a_path_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    write_monthly_pdf(sample_monthly("en"), target)
    write_consultation_pdf(sample_consultation("en"), tmp_path / "record.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["record.pdf", "report.pdf"]


@pytest.mark.parametrize("where", ["missing/report.pdf", "file.txt/report.pdf"])
def test_unwritable_path_raises_oserror_and_leaves_nothing(tmp_path: Path, where: str) -> None:
    (tmp_path / "file.txt").write_text("not a folder")
    target = tmp_path / where
    with pytest.raises(OSError):
        write_monthly_pdf(sample_monthly("en"), target)
    with pytest.raises(OSError):
        write_consultation_pdf(sample_consultation("en"), target)
    assert not target.exists()
    assert [path.name for path in tmp_path.iterdir()] == ["file.txt"]


def test_failure_halfway_keeps_the_old_file_and_no_partial_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"last month's report")

    def broken_build(stream: io.BufferedWriter, *args: object, **kwargs: object) -> int:
        stream.write(b"%PDF-1.4 half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(pdf_monthly, "build", broken_build)
    with pytest.raises(RuntimeError):
        write_monthly_pdf(sample_monthly("en"), target)
    assert target.read_bytes() == b"last month's report"
    assert [path.name for path in tmp_path.iterdir()] == ["report.pdf"]


def test_very_long_lists_and_labels_still_lay_out() -> None:
    report = sample_monthly("ru")
    report.consultations_by_topic = [CountRow(f"t{n}", f"Тема номер {n}", n) for n in range(90)]
    report.caseload_by["category"][0].label = "Очень длинное название категории " * 12
    pages = pages_text(monthly_pdf(report))
    assert "Тема номер 89" in " ".join(pages)


# ---- the course groups' table -------------------------------------------------------------

CELL_SIZE = 8.5  # the font size of table cells (pdf_common.styles)


def laid_out(pdf: bytes) -> list[list[tuple[str, float, float, float, float, bool]]]:
    """Per page, each line of text: (text, left, right, baseline, font size, bold), in points."""
    register_fonts()
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lines: list[tuple[str, float, float, float, float, bool]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: dict | None,
                  size: float, lines: list = lines) -> None:
            text = text.strip()
            if not text or font is None:
                return
            bold = "Bold" in str(font["/BaseFont"])
            left = cm[4] + tm[4]
            width = stringWidth(text, FONT_BOLD if bold else FONT, size)
            lines.append((text, left, left + width, cm[5] + tm[5], size, bold))

        page.extract_text(visitor_text=visit)
        pages.append(lines)
    return pages


def test_course_groups_table_lists_every_group_in_kazakh(
        kazakh_monthly: tuple[MonthlyReport, str]) -> None:
    report, text = kazakh_monthly
    words = Words("kk")
    title = normalise(words(FIGURE_LABELS["course_groups"]))
    section = text[text.index(title) + len(title):].lstrip()
    assert section.startswith(normalise(" ".join(words(COLUMNS[key]) for key in GROUP_COLUMNS)))
    places = []
    for row in report.courses.groups:
        rate = normalise(pdf_monthly.percent(row.attendance, "kk"))
        line = normalise(f"{row.group} {row.office} {row.teacher} {row.enrolled} "
                         f"{row.completed} {row.dropped} {rate}")
        assert line in section, line
        places.append(section.index(line))
    assert places == sorted(places)
    assert "Шаһарова Әмина" in section and "86,1%" in section


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_course_groups_table_keeps_every_word_inside_its_column(language: str) -> None:
    words = Words(language)
    pages = laid_out(monthly_pdf(sample_monthly(language)))
    title = normalise(words(FIGURE_LABELS["course_groups"]))
    number, top = next((n, line[3]) for n, page in enumerate(pages) for line in page
                       if line[0] == title)
    # Down to the next heading on that page, or to the footer.
    bottom = max([line[3] for line in pages[number] if line[3] < top and line[4] > CELL_SIZE],
                 default=MARGIN_BOTTOM)
    cells = [line for line in pages[number] if bottom < line[3] < top and line[4] == CELL_SIZE]
    edges = list(accumulate(GROUP_WIDTHS, initial=MARGIN_SIDE))
    assert len(cells) > 7 * 4
    for text, left, right, *_ in cells:
        column = bisect_right(edges, left + 0.01) - 1
        assert 0 <= column < len(GROUP_COLUMNS), text
        assert right <= edges[column + 1] + 0.01, (text, column)
    # Each heading breaks between its words, never inside one.
    heading_words = {word for key in GROUP_COLUMNS for word in words(COLUMNS[key]).split()}
    headings = [line[0] for line in cells if line[5]]
    assert headings and all(set(text.split()) <= heading_words for text in headings), headings


def test_many_course_groups_break_across_pages_repeating_the_header() -> None:
    report = sample_monthly("en")
    report.courses.groups = [
        CourseGroupRow(f"Kazakh for beginners, evening group number {n}", "AST",
                       "Жұмабекова Гүлнар Сағынтайқызы", n, n % 3, n % 2, None if n % 7 else 0.5)
        for n in range(1, 61)]
    pages = pages_text(monthly_pdf(report))
    header = " ".join(Words("en")(COLUMNS[key]) for key in GROUP_COLUMNS)
    first = next(i for i, text in enumerate(pages) if "group number 1 " in text)
    last = next(i for i, text in enumerate(pages) if "group number 60 " in text)
    assert last > first
    assert all(header in text for text in pages[first:last + 1])
    everything = " ".join(pages)
    assert all(f"group number {n} AST" in everything for n in range(1, 61))


# ---- the employment section's hires -------------------------------------------------------

# The sample's 31 hires by contract type (none subsidised), their median wage, and the
# employers hired into most.
CONTRACTS = {"permanent": 14, "fixed_term": 5, "seasonal": 4, "unknown": 8}
MEDIAN_WAGE = 245_500
TOP_EMPLOYERS = [("«Құрылыс-7» ЖШС", 6), ("Әділет Сервис ЖШС", 4), ("Барыс Логистика ЖШС", 4),
                 ("Ақжол Агро ШҚ", 3), ("Greenwood Hotels", 1)]


def with_hiring_details(report: MonthlyReport) -> MonthlyReport:
    """The sample with the hires by contract type, median wage and employers filled in,
    labelled in the report's language as ``desktop.services.reports`` labels them."""
    words = Words(report.language)
    work = report.employment
    work.hires_by_contract_type = [CountRow(code, words(CONTRACT_WORDS[code]), count)
                                   for code, count in CONTRACTS.items()]
    work.median_starting_wage = MEDIAN_WAGE
    work.top_employers = [EmployerRow(name, count) for name, count in TOP_EMPLOYERS]
    return report


def employment_text(report: MonthlyReport) -> str:
    """The PDF's text from the employment section's heading on."""
    words = Words(report.language)
    text = " ".join(pages_text(monthly_pdf(report)))
    return text[text.index(normalise(words(labels.SECTION_TITLES["employment"]))):]


@pytest.mark.parametrize(("language", "wage"), [("kk", "245 500,00 ₸"), ("en", "245,500 ₸")])
def test_hires_by_contract_type_wage_and_employer_follow_the_sectors(
        language: str, wage: str) -> None:
    report = with_hiring_details(sample_monthly(language))
    words = Words(language)
    text = employment_text(report)
    hires = report.employment
    # In this order: the sectors, the new figures, then retention.
    parts = [
        words(FIGURE_LABELS["hires_by_sector"]), hires.hires_by_sector[-1].label,
        words(FIGURE_LABELS["hires_by_contract_type"]),
        f"{words(COLUMNS['contract_type'])} {words(COLUMNS['count'])}",
        *(f"{row.label} {row.count}" for row in hires.hires_by_contract_type),
        f"{words(COLUMNS['figure'])} {words(COLUMNS['amount'])}",
        f"{words(FIGURE_LABELS['median_starting_wage'])} {wage}",
        words(FIGURE_LABELS["top_employers"]),
        f"{words(COLUMNS['employer'])} {words(COLUMNS['count'])}",
        *(f"{name} {count}" for name, count in TOP_EMPLOYERS),
        words(PDF_LABELS["retention"]),
    ]
    places = [text.find(normalise(part)) for part in parts]
    assert -1 not in places, [part for part, place in zip(parts, places, strict=True)
                              if place == -1]
    assert places == sorted(places)


def test_no_wage_and_no_contract_types_say_so() -> None:
    report = with_hiring_details(sample_monthly("en"))
    report.employment.hires_by_contract_type = []
    report.employment.median_starting_wage = None
    report.employment.top_employers = []
    text = employment_text(report)
    nothing = FIGURE_LABELS["no_data"]
    assert f"{FIGURE_LABELS['hires_by_contract_type']} {nothing}" in text
    assert f"{FIGURE_LABELS['median_starting_wage']} —" in text  # not 0 ₸
    assert f"{FIGURE_LABELS['top_employers']} {nothing}" in text
