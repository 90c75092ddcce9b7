"""The social services' section of the monthly report in its PDF and XLSX forms: the
referrals in two tables (made this month, ended this month) with what their figures count,
state support by measure, the regional quota and the centre's accommodation."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

import pytest

from db.reference_data import ENTITLEMENT_RULES
from db.reports.figures import Accommodation, EntitlementRow, MonthlyReport, Quota
from desktop import i18n
from desktop.reports.labels import COLUMNS, DEFINITIONS, FIGURE_LABELS, SECTION_TITLES, Words
from desktop.reports.pdf_common import MARGIN_BOTTOM, MARGIN_SIDE, percent
from desktop.reports.pdf_monthly import (
    REFERRALS_ENDED_COLUMNS,
    REFERRALS_ENDED_WIDTHS,
    REFERRALS_MADE_WIDTHS,
    SUPPORT_APPLIED,
    SUPPORT_APPLIED_WIDTHS,
    SUPPORT_SETTLED,
    SUPPORT_SETTLED_WIDTHS,
)
from desktop.reports.xlsx_monthly import ENTITLEMENT_COLUMNS, MONEY, SOCIAL_COLUMNS
from tests.reports.sample import sample_monthly
from tests.reports.test_pdf import CELL_SIZE, laid_out, monthly_pdf, normalise, pages_text
from tests.reports.test_xlsx import block, numbers_of, render, row_of, rows

# Refused, unanswered and tenge paid by the sample's services (in its SOCIAL order).
ENDED = {"medical_insurance_registration": (3, 2, 0), "school_place": (1, 0, 0),
         "kindergarten_place": (2, 3, 0), "housing_support": (0, 4, 0),
         "rent_subsidy": (1, 0, 389_250), "social_benefits": (2, 1, 1_046_000),
         "resettlement_subsidy": (0, 1, 2_724_750), "legal_aid": (0, 0, 0),
         "psychological_support": (0, 0, 0), "civil_registration": (1, 0, 0),
         "document_assistance": (2, 1, 0)}
# Applied (count, tenge), granted (count, tenge), refused, paid, still to pay.
SUPPORT = {"relocation_subsidy": (6, 5_448_000, 4, 3_632_000, 1, 2_724_000, 908_000),
           "rent_subsidy": (9, 1_946_250, 7, 1_513_750, 1, 640_875, 118_406_250),
           "employer_subsidy": (0, 0, 0, 0, 0, 0, 1_200_000)}
QUOTA = Quota(participants=212, this_year=147)
STAYS = Accommodation(beds=48, bed_nights=1_109, bed_nights_available=1_440,
                      occupancy_rate=1_109 / 1_440, people=61, check_ins=23, overstays=4)


def with_social_support(report: MonthlyReport) -> MonthlyReport:
    """The sample with the referrals' ends and payments, state support, the quota and
    accommodation, labelled in the report's language as the service labels them."""
    for row in report.social:
        row.refused, row.no_response, row.amount_paid = ENDED[row.code]
    names = {rule.code: getattr(rule, report.language) for rule in ENTITLEMENT_RULES}
    report.entitlements = [EntitlementRow(code, names[code], *figures)
                           for code, figures in SUPPORT.items()]
    report.quota, report.accommodation = QUOTA, STAYS
    return report


def social_text(language: str) -> str:
    """The PDF's text from the social services' heading to the workload's."""
    words = Words(language)
    text = " ".join(pages_text(monthly_pdf(with_social_support(sample_monthly(language)))))
    start = text.index(normalise(words(SECTION_TITLES["social"])))
    return text[start:text.index(normalise(words(SECTION_TITLES["workload"])), start)]


def money(amount: int, language: str) -> str:
    return normalise(i18n.format_money(amount, language))


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_referrals_made_and_ended_in_two_tables_each_with_its_definition(language: str) -> None:
    words = Words(language)
    report = with_social_support(sample_monthly(language))
    text = social_text(language)
    kindergarten = next(row for row in report.social if row.code == "kindergarten_place")
    parts = [
        words(FIGURE_LABELS["referrals_made"]),
        " ".join(words(COLUMNS[key]) for key in ("service", "referred", "completion_rate")),
        f"{kindergarten.label} {kindergarten.referred} "
        f"{percent(kindergarten.completion_rate, language)}",
        f"{words(COLUMNS['total'])} {sum(row.referred for row in report.social)}",
        words(DEFINITIONS["social"]["completion_rate"]),
        words(FIGURE_LABELS["referrals_ended"]),
        " ".join(words(COLUMNS[key]) for key in REFERRALS_ENDED_COLUMNS),
        # Completed, refused, unanswered, median days, paid.
        f"{kindergarten.label} {kindergarten.completed} 2 3 24",
        f"{words(COLUMNS['total'])} 109 12 12 {money(4_160_000, language)}",
        words(DEFINITIONS["social"]["completed"]),
    ]
    places = [text.find(normalise(part)) for part in parts]
    assert -1 not in places, [part for part, at in zip(parts, places, strict=True) if at == -1]
    assert places == sorted(places)


def test_the_completion_rate_is_no_longer_called_one() -> None:
    # The column says what the share is of; "Completion rate" read as completed / referred.
    assert COLUMNS["completion_rate"] == "Of this month's referrals, completed by its end"
    text = social_text("en")
    assert "Completion rate" not in text
    assert "the share of the referrals made this month" in text


@pytest.mark.parametrize(("language", "paid"), [("kk", "640 875,00 ₸"), ("en", "640,875 ₸")])
def test_state_support_by_measure_each_count_beside_its_tenge(language: str, paid: str) -> None:
    words = Words(language)
    text = social_text(language)
    rent = next(rule for rule in ENTITLEMENT_RULES if rule.code == "rent_subsidy")
    label = getattr(rent, language)
    total = words(COLUMNS["total"])
    parts = [
        words(FIGURE_LABELS["support_measures"]),
        " ".join(words(COLUMNS[key]) for key in ("measure", *(c[0] for c in SUPPORT_APPLIED))),
        f"{label} 9 {money(1_946_250, language)} 7 {money(1_513_750, language)}",
        f"{total} 15 {money(7_394_250, language)} 11 {money(5_145_750, language)}",
        " ".join(words(COLUMNS[key]) for key in ("measure", *(c[0] for c in SUPPORT_SETTLED))),
        f"{label} 1 {paid} {money(118_406_250, language)}",
        # The employer subsidy: nothing this month, a balance still to pay.
        f"0 {money(0, language)} {money(1_200_000, language)}",
        f"{total} 2 {money(3_364_875, language)} {money(120_514_250, language)}",
        words(DEFINITIONS["entitlements"]["outstanding"]),
    ]
    places = [text.find(normalise(part)) for part in parts]
    assert -1 not in places, [part for part, at in zip(parts, places, strict=True) if at == -1]
    assert places == sorted(places)


def test_quota_and_accommodation_in_kazakh() -> None:
    words = Words("kk")
    text = social_text("kk")
    parts = [
        words(FIGURE_LABELS["quota"]),
        f"{words(FIGURE_LABELS['quota_participants'])} 212",
        f"{words(FIGURE_LABELS['quota_this_year']).format(year=2026)} 147 (69,3%)",
        words(FIGURE_LABELS["accommodation"]),
        f"{words(FIGURE_LABELS['beds'])} 48",
        f"{words(FIGURE_LABELS['bed_nights'])} 1 109",
        f"{words(FIGURE_LABELS['bed_nights_available'])} 1 440",
        f"{words(FIGURE_LABELS['occupancy_rate'])} 77,0%",
        f"{words(FIGURE_LABELS['people_accommodated'])} 61",
        f"{words(FIGURE_LABELS['check_ins'])} 23",
        f"{words(FIGURE_LABELS['overstays'])} 4",
        words(DEFINITIONS["accommodation"]["bed_nights"]),
    ]
    places = [text.find(normalise(part)) for part in parts]
    assert -1 not in places, [part for part, at in zip(parts, places, strict=True) if at == -1]
    assert places == sorted(places)
    # The measures' own Kazakh names, in the embedded font.
    assert "Көшуге арналған субсидия" in text and "ұ" in text and "ғ" in text


def test_a_month_without_support_quota_or_rooms_says_so() -> None:
    text = social_text("en").split(FIGURE_LABELS["support_measures"])[0]
    assert FIGURE_LABELS["no_data"] not in text  # the referrals are there
    plain = " ".join(pages_text(monthly_pdf(sample_monthly("en"))))
    nothing = FIGURE_LABELS["no_data"]
    for title in ("support_measures", "quota", "accommodation"):
        assert f"{FIGURE_LABELS[title]} {nothing}" in plain


def section_cells(pdf: bytes, title: str) -> list[tuple[str, float, float, float, bool]]:
    """(text, left, right, baseline, bold) of the table cells under the subheading ``title``,
    down to the next heading or the page's foot."""
    pages = laid_out(pdf)
    number, top = next((n, line[3]) for n, page in enumerate(pages) for line in page
                       if line[0] == normalise(title))
    below = [line[3] for line in pages[number] if line[3] < top and line[4] > CELL_SIZE]
    bottom = max(below, default=MARGIN_BOTTOM)
    return [(text, left, right, baseline, bold)
            for text, left, right, baseline, size, bold in pages[number]
            if bottom < baseline < top and size == CELL_SIZE]


def misplaced(cells: list[tuple[str, float, float, float, bool]], widths: list[float],
              headings: list[str], words: Words) -> list[tuple[str, int]]:
    """Cells that run out of their column, and header lines broken inside a word."""
    edges = list(accumulate(widths, initial=MARGIN_SIDE))
    allowed = {word for heading in headings for word in words(COLUMNS[heading]).split()}
    allowed.add(words(COLUMNS["total"]))
    wrong = []
    for text, left, right, _baseline, bold in cells:
        column = bisect_right(edges, left + 0.01) - 1
        if not 0 <= column < len(widths) or right > edges[column + 1] + 0.01:
            wrong.append((text, column))
        elif bold and not any(char.isdigit() for char in text) and not set(
                text.split()) <= allowed:
            wrong.append((text, -1))
    return wrong


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_word_and_amount_stays_whole_inside_its_column(language: str) -> None:
    words = Words(language)
    pdf = monthly_pdf(with_social_support(sample_monthly(language)))
    for title, widths, headings in (
            ("referrals_made", REFERRALS_MADE_WIDTHS, ("service", "referred", "completion_rate")),
            ("referrals_ended", REFERRALS_ENDED_WIDTHS, REFERRALS_ENDED_COLUMNS)):
        cells = section_cells(pdf, words(FIGURE_LABELS[title]))
        assert len(cells) > 11 * len(widths) // 2, title
        assert not misplaced(cells, widths, list(headings), words), title
    # State support: applied and granted, then, below its total, refused, paid and owed.
    cells = section_cells(pdf, words(FIGURE_LABELS["support_measures"]))
    total = max(line[3] for line in cells if line[0] == words(COLUMNS["total"]))
    applied = [line for line in cells if line[3] >= total]
    settled = [line for line in cells if line[3] < total]
    assert len(settled) >= 4 * 4
    for lines, columns, widths in ((applied, SUPPORT_APPLIED, SUPPORT_APPLIED_WIDTHS),
                                   (settled, SUPPORT_SETTLED, SUPPORT_SETTLED_WIDTHS)):
        assert not misplaced(lines, widths, ["measure", *(c[0] for c in columns)], words)
    # A sum on one line, even a total of hundreds of millions in bold: reportlab would
    # rather break it inside than let it overflow.
    lines = {normalise(line[0]) for line in cells}
    sums = [figures[index] for figures in SUPPORT.values() for index in (1, 3, 5, 6)]
    assert not [value for value in [*sums, 7_394_250, 120_514_250]
                if money(value, language) not in lines]
    ended = {normalise(line[0]) for line in
             section_cells(pdf, words(FIGURE_LABELS["referrals_ended"]))}
    assert money(4_160_000, language) in ended


def test_a_billion_still_fits_its_column() -> None:
    report = with_social_support(sample_monthly("kk"))
    report.entitlements[1].outstanding = 9_876_543_210
    words = Words("kk")
    cells = section_cells(monthly_pdf(report), words(FIGURE_LABELS["support_measures"]))
    assert money(9_876_543_210, "kk") in {normalise(line[0]) for line in cells}


# ---- the XLSX form ------------------------------------------------------------------------

def test_the_social_sheet_keeps_its_columns_and_adds_the_new_ones() -> None:
    report = with_social_support(sample_monthly("en"))
    sheet = render(report)["Social services"]
    assert [c.value for c in sheet[1]][:8] == [COLUMNS[key] for key in SOCIAL_COLUMNS]
    for figures in report.social:
        row = row_of(sheet, figures.label)
        assert [c.value for c in row[1:8]] == [
            figures.referred, figures.completed, figures.completion_rate, figures.median_days,
            figures.refused, figures.no_response, figures.amount_paid]
        assert all(type(c.value) is int for c in (row[5], row[6], row[7]))
        assert row[7].number_format == MONEY
    first_column = [line[0] for line in rows(sheet)]
    last = first_column.index(report.social[-1].label)
    # The total row, then the definitions under the table, as in the PDF.
    assert first_column[last + 1:last + 4] == ["Total", DEFINITIONS["social"]["completed"],
                                               DEFINITIONS["social"]["completion_rate"]]
    # As the PDF's two tables total them: counts and tenge add up, the rate and median not.
    total = list(sheet[last + 2])
    assert [c.value for c in total[1:8]] == [
        sum(row.referred for row in report.social), sum(row.completed for row in report.social),
        None, None, 12, 12, 4_160_000]
    assert total[0].font.b
    assert sheet.cell(row=last + 3, column=1).font.i


def test_state_support_quota_and_rooms_are_typed_blocks() -> None:
    report = with_social_support(sample_monthly("en"))
    sheet = render(report)["Social services"]
    title = row_of(sheet, FIGURE_LABELS["support_measures"])[0]
    assert title.font.b
    assert [c.value for c in sheet[title.row + 1]][:8] == [COLUMNS[k]
                                                          for k in ENTITLEMENT_COLUMNS]
    lines = block(sheet, FIGURE_LABELS["support_measures"])
    assert [[c.value for c in line[:8]] for line in lines] == [
        *([row.label, *SUPPORT[row.code]] for row in report.entitlements),
        ["Total", 15, 7_394_250, 11, 5_145_750, 2, 3_364_875, 120_514_250],
        [DEFINITIONS["entitlements"]["outstanding"], *[None] * 7]]
    assert [line[2].number_format for line in lines[:4]] == [MONEY] * 4
    quota = block(sheet, FIGURE_LABELS["quota"])
    assert [(line[0].value, line[1].value) for line in quota] == [
        (FIGURE_LABELS["quota_participants"], 212),
        ("Of them, included in the quota of 2026", 147),
        (DEFINITIONS["quota"]["this_year"], None)]
    stays = block(sheet, FIGURE_LABELS["accommodation"])
    assert [(line[0].value, line[1].value) for line in stays][:7] == [
        (FIGURE_LABELS["beds"], 48), (FIGURE_LABELS["bed_nights"], 1_109),
        (FIGURE_LABELS["bed_nights_available"], 1_440),
        (FIGURE_LABELS["occupancy_rate"], pytest.approx(1_109 / 1_440)),
        (FIGURE_LABELS["people_accommodated"], 61), (FIGURE_LABELS["check_ins"], 23),
        (FIGURE_LABELS["overstays"], 4)]
    assert stays[3][1].number_format == "0.0%"


def test_every_new_figure_is_a_numeric_cell() -> None:
    report = with_social_support(sample_monthly("ru"))
    workbook = render(report)
    numeric = [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows()
               for cell in row if isinstance(cell.value, int | float)]
    missing = [n for n in numbers_of(report) if not any(abs(n - m) < 1e-9 for m in numeric)]
    assert not missing
