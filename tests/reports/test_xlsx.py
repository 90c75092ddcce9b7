"""The monthly report as XLSX: typed cells, the report's language, a safe write."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from db.reports.figures import BREAKDOWNS, HEADLINES, RATES, Headline, MonthlyReport
from desktop import i18n
from desktop.reports import labels
from desktop.reports.labels import FIGURE_LABELS, SHEET_NAMES, Words, capitalised
from desktop.reports.xlsx_cells import safe_row, set_text
from desktop.reports.xlsx_monthly import (
    SECTIONS,
    display_width,
    sheet_name,
    write_monthly_xlsx,
)
from tests.reports.libreoffice import libreoffice_csv
from tests.reports.sample import sample_monthly
from tests.reports.test_pdf import MEDIAN_WAGE, TOP_EMPLOYERS, with_hiring_details

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LOOKS_NUMERIC = re.compile(r"[-+]?\d[\d\s.,]*%?")


def render(report: MonthlyReport) -> Workbook:
    stream = io.BytesIO()
    write_monthly_xlsx(report, stream)
    stream.seek(0)
    return load_workbook(stream)


def rows(sheet: Worksheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def row_of(sheet: Worksheet, label: str) -> list:
    """The cells of the first row whose first column reads ``label``."""
    for row in sheet.iter_rows():
        if row[0].value == label:
            return list(row)
    raise AssertionError(f"no row {label!r} in {sheet.title}")


def numbers_of(report: MonthlyReport) -> list[int | float]:
    """Every figure of the report (not dates, codes or labels)."""
    found: list[int | float] = []

    def walk(value: object) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int | float):
            found.append(value)
        elif dataclasses.is_dataclass(value):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))
            if isinstance(value, Headline):
                # The XLSX keeps a rate's change in percentage points, as the PDF prints it.
                scale = 100 if value.key in RATES else 1
                for change in (value.change, value.change_year):
                    walk(None if change is None else round(change * scale, 2))
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(report)
    return found


KK_SHEETS = {"Summary": "Жиынтық", "Offices": "Кеңселер", "Trends": "Үрдістер",
             "Caseload": "Істер", "Consultations": "Кеңестер",
             "Courses": "Курстар", "Employment": "Жұмыспен қамту",
             "Social services": "Әлеуметтік қызметтер", "Workload": "Жүктеме"}
RU_SHEETS = {"Summary": "Сводка", "Offices": "Офисы", "Trends": "Динамика",
             "Caseload": "Дела", "Consultations": "Консультации",
             "Courses": "Курсы", "Employment": "Трудоустройство",
             "Social services": "Социальные услуги", "Workload": "Нагрузка"}


def test_sheets_follow_the_sections_in_english() -> None:
    report = sample_monthly("en")
    workbook = render(report)
    assert workbook.sheetnames == ["Summary", "Offices", "Trends", "Caseload",
                                   "Consultations", "Courses", "Employment",
                                   "Social services", "Workload"]
    # One office's report has no offices to set side by side.
    report.offices = []
    assert "Offices" not in render(report).sheetnames
    assert workbook.properties.creator == "Qadam"
    month = Words("en").month(report.month)
    assert workbook.properties.title == f"Monthly report — {month}"


def test_sheets_are_named_in_the_reports_language_not_the_uis(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A stub catalogue: holds the renderer to Words(report.language) whatever the .po says.
    stubs = {"kk": KK_SHEETS, "ru": RU_SHEETS, "en": {}}
    monkeypatch.setattr(labels, "translate",
                        lambda message, language: stubs[language].get(message, message))
    i18n.set_language("ru")
    kazakh = render(sample_monthly("kk")).sheetnames
    english = render(sample_monthly("en")).sheetnames
    assert kazakh == list(KK_SHEETS.values())
    assert all(CYRILLIC.search(name) for name in kazakh)
    assert set(kazakh).isdisjoint(english)


def test_kazakh_catalogue_names_the_sheets_in_cyrillic() -> None:
    kazakh = Words("kk")
    if all(kazakh(SHEET_NAMES[key]) == SHEET_NAMES[key] for key in SECTIONS):
        pytest.skip("the kk catalogue has no report messages yet")
    names = render(sample_monthly("kk")).sheetnames
    assert names != render(sample_monthly("en")).sheetnames
    # Those the catalogue translates: a sheet added since waits for the translation pass.
    translated = [name for key, name in zip(SECTIONS, names, strict=True)
                  if kazakh(SHEET_NAMES[key]) != SHEET_NAMES[key]]
    assert translated and all(CYRILLIC.search(name) for name in translated), names
    assert all(len(name) <= 31 for name in names)


def test_every_figure_is_a_numeric_cell() -> None:
    report = with_hiring_details(sample_monthly("en"))
    workbook = render(report)
    numeric: list[int | float] = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float):
                    numeric.append(cell.value)
                elif isinstance(cell.value, str) and cell.column > 1:
                    assert not LOOKS_NUMERIC.fullmatch(cell.value), (sheet.title, cell.value)
    missing = [n for n in numbers_of(report) if not any(abs(n - m) < 1e-9 for m in numeric)]
    assert not missing


def block(sheet: Worksheet, title: str) -> list[list]:
    """The rows under a block title and its column header, up to the next blank row."""
    found, cells = False, []
    for row in sheet.iter_rows():
        if found and row[0].value is None:
            break
        if found:
            cells.append(list(row))
        found = found or row[0].value == title
    assert found, f"no block {title!r} in {sheet.title}"
    return cells[1:]


def test_caseload_totals_and_breakdowns_are_integers() -> None:
    report = sample_monthly("en")
    report.caseload_by["region"] = []
    caseload = render(report)["Caseload"]
    assert [c.value for c in caseload[1]] == ["Group", "Active at start", "New",
                                              "Transferred in", "Closed", "Transferred out",
                                              "Active at end"]
    total = row_of(caseload, "Total")
    expected = report.caseload
    assert [c.value for c in total] == ["Total", expected.active_start, expected.new,
                                        expected.transferred_in, expected.closed,
                                        expected.transferred_out, expected.active_end]
    assert all(type(c.value) is int for c in total[1:7])
    for key in BREAKDOWNS:
        title = labels.BREAKDOWN_TITLES[key]
        assert row_of(caseload, title)[0].font.b
        if key == "region":
            continue
        written = block(caseload, title)
        if key in labels.DEFINITIONS["caseload_by"]:
            # The ministry's indicators say, under their total, what they count.
            *written, note = written
            assert note[0].value == labels.DEFINITIONS["caseload_by"][key]
            assert note[0].font.i
        assert [[c.value for c in row] for row in written] == [
            *([r.label or r.code, r.active_start, r.new, r.transferred_in, r.closed,
               r.transferred_out, r.active_end] for r in report.caseload_by[key]),
            # Each breakdown adds up to the caseload, as its PDF table's total row says.
            [c.value for c in total]]
        assert all(type(c.value) is int for row in written for c in row[1:5])
        assert written[-1][0].font.b
    # An empty breakdown says so rather than vanishing.
    titles = [row[0] for row in rows(caseload)]
    region = titles.index("Caseload by region of residence")
    assert titles[region + 1] == "Nothing recorded this month."


def test_rates_are_floats_shown_as_percentages() -> None:
    report = sample_monthly("en")
    report.courses.attendance_rate = 523 / 640
    workbook = render(report)
    rate = row_of(workbook["Courses"], "Course attendance rate")[1]
    assert type(rate.value) is float
    assert rate.value == pytest.approx(523 / 640)
    assert rate.number_format == "0.0%"
    social = workbook["Social services"]
    for figures in report.social:
        row = row_of(social, figures.label or figures.code)
        # Floats go through the file unrounded, so they compare exactly.
        assert [c.value for c in row[1:5]] == [figures.referred, figures.completed,
                                               figures.completion_rate, figures.median_days]
        assert row[3].number_format == "0.0%"
    headline = row_of(workbook["Summary"], "Course attendance rate")
    assert headline[1].number_format == "0.0%"


def test_headlines_compare_with_the_previous_month() -> None:
    report = sample_monthly("en")
    report.headlines = [Headline(key, 10.0 + index, 12.0) for index, key in enumerate(HEADLINES)]
    report.headlines[HEADLINES.index("attendance_rate")] = Headline("attendance_rate", 0.8, 0.75)
    report.headlines[HEADLINES.index("hires")] = Headline("hires", 13.0, None)
    summary = render(report)["Summary"]
    labels_in_order = [row[0] for row in rows(summary)
                       if row[0] in set(labels.HEADLINE_LABELS.values())]
    assert labels_in_order == [labels.HEADLINE_LABELS[key] for key in HEADLINES]
    new = row_of(summary, "New intakes")
    assert [c.value for c in new[1:4]] == [11, 12, -1]
    assert all(type(c.value) is int for c in new[1:4])
    rate = row_of(summary, "Course attendance rate")
    # A rate's change in percentage points, labelled as the PDF labels them: "+5.0 pp".
    assert [c.value for c in rate[1:4]] == pytest.approx([0.8, 0.75, 5.0])
    assert rate[3].number_format == '+0.0" pp";-0.0" pp";0.0" pp"'
    assert "%" not in rate[3].number_format
    # No previous figure: the change is an empty cell, not "" or "n/a".
    assert [c.value for c in row_of(summary, "Hired")[1:4]] == [13, None, None]


def test_missing_figures_are_empty_cells() -> None:
    report = sample_monthly("en")
    report.courses.attendance_rate = None
    report.social[0].median_days = None
    workbook = render(report)
    assert row_of(workbook["Courses"], "Course attendance rate")[1].value is None
    social = row_of(workbook["Social services"], report.social[0].label or report.social[0].code)
    assert social[4].value is None


def test_workload_rows_and_total_overdue() -> None:
    report = sample_monthly("en")
    workload = render(report)["Workload"]
    assert [c.value for c in workload[1]] == ["Caseworker", "Office", "Open cases",
                                              "Consultations", "Overdue follow-ups"]
    assert [[c.value for c in row] for row in workload.iter_rows(min_row=2,
                                                                  max_row=len(report.workload) + 1)
            ] == [[r.caseworker, r.office_code, r.open_cases, r.consultations,
                   r.overdue_follow_ups] for r in report.workload]
    total = row_of(workload, "Total")
    assert total[4].value == report.overdue_follow_ups
    assert total[1].value is None


def test_headers_are_bold_filled_and_frozen() -> None:
    workbook = render(sample_monthly("en"))
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes is not None, sheet.title
        header_row = int(sheet.freeze_panes[1:]) - 1
        header = [cell for cell in sheet[header_row] if cell.value is not None]
        assert len(header) >= 2
        assert all(cell.font.b for cell in header), sheet.title
        assert all(cell.fill.fill_type == "solid" for cell in header), sheet.title
    assert workbook["Caseload"].freeze_panes == "A2"
    assert workbook["Summary"].freeze_panes == "A8"
    assert workbook["Summary"]["A7"].value == "Figure"


def test_columns_are_sized_from_their_content() -> None:
    workbook = render(sample_monthly("en"))
    for sheet in workbook.worksheets:
        for column in ("A", "B"):
            assert sheet.column_dimensions[column].width >= 8, (sheet.title, column)
    caseload = workbook["Caseload"]
    assert caseload.column_dimensions["A"].width >= len("Caseload by region of residence")
    assert caseload.column_dimensions["B"].width >= len("Active at start")
    assert display_width("Жұмыспен қамту") == 14
    assert display_width("中国") == 4


def test_summary_title_block_in_the_reports_language() -> None:
    report = sample_monthly("ru")
    summary = render(report).worksheets[0]  # named «Сводка» in Russian
    words = Words("ru")
    assert summary["A1"].value == words(FIGURE_LABELS["report_title"])
    assert summary["A1"].font.b
    # The month as a title, its first letter a capital even where CLDR writes it small.
    assert summary["A2"].value == "Ноябрь 2026\u202fг."
    assert summary["A2"].value == capitalised(words.month(report.month))
    assert CYRILLIC.search(summary["A2"].value)  # CLDR's month name, not the UI's
    assert summary["A3"].value == (report.office_name or words(FIGURE_LABELS["all_offices"]))
    assert summary["A4"].value == (report.letterhead.name or None)
    when = i18n.format_datetime(report.generated_at, language="ru")
    assert when in summary["A5"].value
    assert report.prepared_by in summary["A5"].value


def test_user_text_is_never_a_formula() -> None:
    report = sample_monthly("en")
    report.workload[0].caseworker = "=HYPERLINK(\"http://x\")\x07"
    stream = io.BytesIO()
    write_monthly_xlsx(report, stream)
    stream.seek(0)
    workload = load_workbook(stream)["Workload"]
    assert workload["A2"].value == "=HYPERLINK(\"http://x\")"
    assert workload["A2"].data_type == "s"


def test_sheet_names_are_made_acceptable() -> None:
    used: set[str] = set()
    assert sheet_name("Social: services/[a]*?\\", "social", used) == "Social servicesa"
    assert sheet_name("x" * 40, "long", used) == "x" * 31
    assert sheet_name("X" * 40, "long", used) == "X" * 27 + " (2)"
    assert sheet_name("'[]'", "summary", used) == "summary"


def test_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    write_monthly_xlsx(sample_monthly("en"), target)
    assert load_workbook(target).sheetnames[0] == "Summary"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


def test_stream_is_written_and_left_open() -> None:
    stream = io.BytesIO()
    write_monthly_xlsx(sample_monthly("en"), stream)
    assert not stream.closed
    assert stream.getvalue()[:2] == b"PK"


def test_unwritable_target_raises_and_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_monthly_xlsx(sample_monthly("en"), tmp_path / "missing" / "report.xlsx")
    assert list(tmp_path.iterdir()) == []
    # A folder where the file should go: the workbook is written, then cannot be moved.
    folder = tmp_path / "report.xlsx"
    folder.mkdir()
    with pytest.raises(OSError):
        write_monthly_xlsx(sample_monthly("en"), folder)
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
    assert list(folder.iterdir()) == []


def test_failed_write_keeps_the_old_file(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", disk_full)
    with pytest.raises(OSError):
        write_monthly_xlsx(sample_monthly("en"), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_language_renders_every_breakdown(language: str) -> None:
    report = sample_monthly(language)
    workbook = render(report)
    assert len(workbook.sheetnames) == len(SECTIONS)
    titles = [row[0] for row in rows(workbook.worksheets[SECTIONS.index("caseload")])]
    for key in BREAKDOWNS:
        assert Words(language)(labels.BREAKDOWN_TITLES[key]) in titles


# ---- text that looks like a formula -----------------------------------------------------------

# OWASP's formula-injection starts, each as a user might type it into a name.
HOSTILE_CASEWORKER = '=HYPERLINK("http://evil","x")'
HOSTILE_OFFICE = "+SUM(1,2)"
HOSTILE_CENTER = "@SUM(1,2)"
HOSTILE_CODE = "-2+3"
HOSTILE_TOPIC = "=1+1"


def hostile_report() -> MonthlyReport:
    report = sample_monthly("en")
    report.office_name = HOSTILE_OFFICE
    report.letterhead = dataclasses.replace(report.letterhead, name=HOSTILE_CENTER)
    report.workload[0].caseworker = HOSTILE_CASEWORKER
    report.workload[0].office_code = HOSTILE_CODE
    report.consultations_by_topic[0].label = HOSTILE_TOPIC
    return report


def test_names_starting_like_a_formula_are_text_in_every_sheet(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    write_monthly_xlsx(hostile_report(), target)
    workbook = load_workbook(target)
    formulas = [(sheet.title, cell.coordinate) for sheet in workbook.worksheets
                for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []
    summary, workload = workbook["Summary"], workbook["Workload"]
    # Row 1 is the title, row 2 the month; then the office and the center, as written.
    shown = {"office": summary["A3"], "center": summary["A4"], "caseworker": workload["A2"],
             "code": workload["B2"], "topic": row_of(workbook["Consultations"], HOSTILE_TOPIC)[0]}
    assert {key: cell.value for key, cell in shown.items()} == {
        "office": HOSTILE_OFFICE, "center": HOSTILE_CENTER, "caseworker": HOSTILE_CASEWORKER,
        "code": HOSTILE_CODE, "topic": HOSTILE_TOPIC}
    for key, cell in shown.items():
        assert cell.data_type == "s", key
        assert cell.quotePrefix, key  # stays text when someone edits the cell
    # Ordinary text gets no prefix; the figures beside the names stay numbers.
    assert not summary["A1"].quotePrefix
    assert type(workload["C2"].value) is int
    # The XML itself, not openpyxl's reading of it, holds no formula element.
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name


def test_libreoffice_shows_formula_like_names_as_written(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    write_monthly_xlsx(hostile_report(), target)
    summary = libreoffice_csv(target, tmp_path / "libreoffice")  # the first sheet only
    assert summary[2][0] == HOSTILE_OFFICE
    assert summary[3][0] == HOSTILE_CENTER


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1+1", "\r=1+1", "#N/A",
                                  "=", "plain", "a=1"])
def test_text_cells_are_never_formulas(text: str) -> None:
    sheet = Workbook().active
    cell = set_text(sheet["A1"], text)
    assert (cell.value, cell.data_type) == (text, "s")
    assert cell.quotePrefix is (text[0] in "=+-@\t\r")
    assert set_text(sheet["A2"], "\x07").value is None  # XML cannot hold it


def test_write_only_rows_keep_numbers_and_dates_typed() -> None:
    sheet = Workbook(write_only=True).create_sheet("x")
    row = safe_row(sheet, ["=1+1", "plain", 7, 2.5, date(2026, 1, 2), None, "", "#DIV/0!"])
    assert isinstance(row[0], Cell) and row[0].data_type == "s" and row[0].quotePrefix
    assert row[1:7] == ["plain", 7, 2.5, date(2026, 1, 2), None, None]
    assert isinstance(row[7], Cell) and row[7].data_type == "s" and not row[7].quotePrefix


def test_course_groups_are_typed_lines_under_the_courses_figures() -> None:
    report = sample_monthly("en")
    courses = render(report)["Courses"]
    title = row_of(courses, "Course groups")[0]
    assert title.font.b
    header = [c.value for c in courses[title.row + 1]]
    assert header == ["Group", "Office", "Teacher", "Participants in the month",
                      "Finished the course", "Left the course", "Attendance"]
    written = block(courses, "Course groups")
    assert [[c.value for c in row[:7]] for row in written] == [
        [g.group, g.office, g.teacher or None, g.enrolled, g.completed, g.dropped,
         g.attendance] for g in report.courses.groups]
    assert all(type(c.value) is int for row in written for c in row[3:6])
    assert all(row[6].number_format == "0.0%" for row in written)
    # A group with nothing marked has an empty cell, not 0 % or a dash.
    unmarked = next(row for row in written if row[0].value == "Орыс тілі A1")
    assert unmarked[6].value is None


def test_a_month_without_course_groups_says_so() -> None:
    report = sample_monthly("en")
    report.courses.groups = []
    titles = [row[0] for row in rows(render(report)["Courses"])]
    assert titles[titles.index("Course groups") + 1] == "Nothing recorded this month."


# ---- the employment sheet's hires ---------------------------------------------------------------


def test_hires_by_contract_type_wage_and_employer_follow_the_sectors() -> None:
    report = with_hiring_details(sample_monthly("en"))
    employment = render(report)["Employment"]
    titles = ["Hires by sector", "Hires by contract type", "Median starting wage",
              "Placements by employer, top 10"]
    first_column = [row[0] for row in rows(employment)]
    assert [first_column.index(title) for title in titles] == sorted(
        first_column.index(title) for title in titles)
    for title in titles[:2] + titles[3:]:
        assert row_of(employment, title)[0].font.b
    sectors = block(employment, "Hires by sector")
    assert [[c.value for c in row[:2]] for row in sectors] == [
        [r.label, r.count] for r in report.employment.hires_by_sector]
    header = row_of(employment, "Hires by contract type")[0].row + 1
    assert [c.value for c in employment[header][:2]] == ["Contract type", "Count"]
    contracts = block(employment, "Hires by contract type")
    assert [[c.value for c in row[:2]] for row in contracts] == [
        ["Permanent contract", 14], ["Fixed-term contract", 5], ["Seasonal work", 4],
        ["Contract type not recorded", 8]]
    wage = row_of(employment, "Median starting wage")
    assert employment.cell(row=wage[0].row - 1, column=2).value == "Amount"
    assert (wage[1].value, type(wage[1].value), wage[1].number_format) == (
        MEDIAN_WAGE, int, "#,##0")
    top = block(employment, "Placements by employer, top 10")
    assert [c.value for c in employment[top[0][0].row - 1][:2]] == ["Employer", "Count"]
    assert [(row[0].value, row[1].value) for row in top] == TOP_EMPLOYERS
    assert all(type(row[1].value) is int for row in [*contracts, *top])


def test_no_wage_and_no_hires_leave_an_empty_cell_and_say_so() -> None:
    report = sample_monthly("en")  # hires by sector, but none of the new figures
    employment = render(report)["Employment"]
    assert row_of(employment, "Median starting wage")[1].value is None
    first_column = [row[0] for row in rows(employment)]
    for title in ("Hires by contract type", "Placements by employer, top 10"):
        assert first_column[first_column.index(title) + 2] == "Nothing recorded this month."
