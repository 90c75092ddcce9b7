"""The monthly report as a PDF, in the report's language, from a ``MonthlyReport``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from babel import numbers as babel_numbers
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from db.reports.figures import (
    BREAKDOWNS,
    CaseloadRow,
    CountRow,
    CourseGroupRow,
    EmployerRow,
    Headline,
    MonthlyReport,
)
from desktop.i18n import N_, format_money
from desktop.reports import charts, pdf_overview
from desktop.reports.labels import (
    BREAKDOWN_TITLES,
    CHART_CAPTIONS,
    COLUMNS,
    DEFINITIONS,
    FIGURE_LABELS,
    HEADLINE_DEFINITIONS,
    HEADLINE_LABELS,
    POINTS,
    SECTION_TITLES,
    Words,
)
from desktop.reports.pdf_common import (
    CONTENT_WIDTH,
    DASH,
    FRAME_HEIGHT,
    Footer,
    Lead,
    Styles,
    approval_block,
    build,
    data_table,
    generated_line,
    letterhead,
    link_leads,
    number,
    para,
    percent,
    save,
    signed,
    styles,
)

# Words of the PDF alone; the shared ones are in labels.py.
PDF_LABELS = {
    "points": POINTS,
    "by_category_chart": CHART_CAPTIONS["by_category"],
    "by_sex_chart": CHART_CAPTIONS["by_sex"],
    "by_topic": N_("Consultations by topic"),
    "by_channel": N_("Consultations by channel"),
    "retention": N_("Job retention"),
}
RATES = {"attendance_rate"}  # headlines that are shares, printed as percentages
# The breakdowns printed with their definition under the table.
BREAKDOWN_DEFINITIONS = frozenset(DEFINITIONS["caseload_by"])


def write_monthly_pdf(report: MonthlyReport, target: Path | BinaryIO) -> None:
    """Writes the report to a file path (all or nothing) or into a binary stream."""
    span = report.span
    words = Words(report.language, span.kind)
    st = styles()
    office = report.office_name or words(FIGURE_LABELS["all_offices"])
    period = words.heading(span)
    title = words.title()
    story: list[Flowable] = [
        *letterhead(report.letterhead, st),
        para(title, st.title),
        para(f"{period}   ·   {office}", st.subtitle),
    ]
    page = _Page(report, words, st)
    for section in (page.summary, page.offices, page.trends, page.caseload,
                    page.consultations, page.courses, page.employment, page.social):
        story += section()
    # The approval under the last table, on its page: a signature alone on a sheet of its
    # own would sign nothing that can be seen.
    lead, *workload = page.workload()
    story += [lead, KeepTogether([*workload, approval_block(
        words, report.approval, report.letterhead.name, report.prepared_by, st)])]
    link_leads(story, st)
    notice = ""
    if report.as_of is not None:
        notice = words(FIGURE_LABELS["incomplete"]).format(when=words.moment(report.as_of))
    footer = Footer(words, generated_line(words, report.generated_at, report.prepared_by),
                    notice=notice)
    save(target, lambda stream: build(stream, story, footer,
                                      title=f"{title} — {period} — {office}",
                                      author=report.prepared_by))


# In the order of the month's flow: at the start, in, out, at the end.
CASELOAD_COLUMNS = ("group", "active_start", "new", "transferred_in", "closed",
                    "transferred_out", "active_end")


def _widths(*millimetres: float) -> list[float]:
    widths = [value * mm for value in millimetres]
    # The first column takes whatever the others leave of the text width.
    widths[0] = CONTENT_WIDTH - sum(widths[1:])
    return widths


# A course group's line, as the XLSX has it too: its words, then its figures. The
# figures' columns are as wide as their headings' longest words in kk and ru need; names
# wrap at their spaces.
GROUP_COLUMNS = ("group", "group_office", "teacher", "participants", "finished_course",
                 "left_course", "attendance")
GROUP_WIDTHS = _widths(0, 19, 31, 24, 23, 18, 29)

# A sum of money in bold, up to 9 999 999 999,00 ₸ (the whole network's balance of a
# measure runs to hundreds of millions): reportlab would break a wider one inside.
MONEY_WIDTH = 36
# The social services' referrals in two tables, as each figure is counted: those made in
# the month (and the share of them completed by its end), then those that ended in it
# (completed, refused, unanswered; how long completion took; what was paid). In one
# table their eight columns would leave the services' names no room.
REFERRALS_MADE_WIDTHS = _widths(0, 26, 42)
REFERRALS_ENDED_COLUMNS = ("service", "completed", "refused", "no_response", "median_days",
                           "amount_paid")
REFERRALS_ENDED_WIDTHS = _widths(0, 23, 25, 22, 26, MONEY_WIDTH)
# State support by measure, each count beside its tenge: what was applied for and granted
# in the month; then what was refused, what paid, and what is still to pay at its end.
# (COLUMNS key, EntitlementRow field, whether it is money.)
SUPPORT_APPLIED = (("applications", "applied", False), ("amount_applied", "amount_applied", True),
                   ("granted", "granted", False), ("amount_granted", "amount_granted", True))
SUPPORT_SETTLED = (("refused", "refused", False), ("amount_paid", "paid", True),
                   ("outstanding", "outstanding", True))
SUPPORT_APPLIED_WIDTHS = _widths(0, 24, MONEY_WIDTH, 31, MONEY_WIDTH)
SUPPORT_SETTLED_WIDTHS = _widths(0, 24, MONEY_WIDTH, MONEY_WIDTH)


class _Page:
    """Builds the sections of one report; each returns its flowables."""

    def __init__(self, report: MonthlyReport, words: Words, st: Styles) -> None:
        self.report, self.words, self.st = report, words, st
        self.language = report.language

    # --- helpers ---

    def n(self, value: float | None) -> str:
        return number(value, self.language)

    def heading(self, key: str) -> list[Flowable]:
        # A new page only when the heading, with the header and first rows of the table
        # under it (or the block it heads), would not fit (pdf_common.Lead); unlike
        # keepWithNext, this lets a long table start on the page and break across pages.
        return [Lead(), para(self.words(SECTION_TITLES[key]), self.st.heading)]

    def subheading(self, text: str) -> list[Flowable]:
        return [Lead(), para(self.words(text), self.st.subheading)]

    def no_data(self) -> Flowable:
        return para(self.words(FIGURE_LABELS["no_data"]), self.st.small)

    def columns(self, *keys: str) -> list[str]:
        return [self.words(COLUMNS[key]) for key in keys]

    def figures(self, rows: Sequence[tuple[str, str]]) -> Flowable:
        """Label and value pairs under the Figure | Number header."""
        return data_table(self.columns("figure", "count"), rows, _widths(0, 40), self.st)

    def counts(self, column: str, rows: Sequence[CountRow]) -> Flowable:
        return data_table(self.columns(column, "count"),
                          [(row.label or row.code, self.n(row.count)) for row in rows],
                          _widths(0, 40), self.st)

    def chart(self, drawing: Drawing, caption: str) -> Flowable:
        """A chart under its caption, the two on one page: never a chart without the words
        that say what it shows, nor a caption alone at a page's foot."""
        if drawing.height > FRAME_HEIGHT * 0.8:
            # A drawing cannot break across pages; with this many bars the table says it all.
            return Spacer(0, 0)
        return KeepTogether([Spacer(1, 3 * mm), para(self.words(caption), self.st.label),
                             Spacer(1, 2 * mm), drawing])

    def definition_lines(self, *keys: tuple[str, str]) -> list[Flowable]:
        """What the figures of the table above count, each in a small line under it."""
        story: list[Flowable] = []
        for section, key in keys:
            story.append(Spacer(1, 1.5 * mm))
            story.append(para(self.words(DEFINITIONS[section][key]), self.st.small))
        return story

    def with_notes(self, table: Flowable, *keys: tuple[str, str]) -> list[Flowable]:
        """A table and its definitions, kept on one page when they fit on one."""
        return [KeepTogether([table, *self.definition_lines(*keys)])]

    def points(self, change: float | None) -> str:
        """A change of a rate in signed percentage points, one decimal."""
        if change is None:
            return DASH
        points = round(change * 100, 1)
        text = babel_numbers.format_decimal(abs(points), "#,##0.0", locale=self.language)
        sign = "+" if points > 0 else "−" if points < 0 else ""
        return self.words(PDF_LABELS["points"]).format(points=sign + text)

    def share(self, part: int, whole: int) -> str:
        """A count with its share of ``whole``: "19 (79,2 %)"."""
        if not whole:
            return self.n(part)
        return f"{self.n(part)} ({percent(part / whole, self.language)})"

    # --- sections ---

    def summary(self) -> list[Flowable]:
        rows = [self.headline_row(headline) for headline in self.report.headlines]
        if not rows:
            return [*self.heading("summary"), self.no_data()]
        header = self.columns("figure", "this_month", "previous_month", "change",
                              "year_before", "change_year")
        table = data_table(header, rows, _widths(0, 21, 22, 21, 23, 22), self.st)
        notes = [("headlines", "change"),
                 *(HEADLINE_DEFINITIONS[h.key] for h in self.report.headlines
                   if h.key in HEADLINE_DEFINITIONS)]
        story = [*self.heading("summary"), *self.with_notes(table, *notes)]
        compared = self.compared_with()
        if compared:
            story += [Spacer(1, 1.5 * mm), para(compared, self.st.small)]
        return story

    def compared_with(self) -> str:
        report = self.report
        if report.previous_period is None or report.year_before_period is None:
            return ""
        return self.words(FIGURE_LABELS["compared_with"]).format(
            previous=self.words.compared(report.previous_period),
            year_before=self.words.compared(report.year_before_period))

    def headline_row(self, headline: Headline) -> list[str]:
        label = self.words(HEADLINE_LABELS.get(headline.key, headline.key))
        if headline.key in RATES:
            return [label, percent(headline.value, self.language),
                    percent(headline.previous, self.language), self.points(headline.change),
                    percent(headline.year_before, self.language),
                    self.points(headline.change_year)]
        return [label, self.n(headline.value), self.n(headline.previous),
                signed(headline.change, self.language), self.n(headline.year_before),
                signed(headline.change_year, self.language)]

    def offices(self) -> list[Flowable]:
        return pdf_overview.offices(self)

    def trends(self) -> list[Flowable]:
        return pdf_overview.trends(self)

    def caseload_table(self, rows: Sequence[CaseloadRow]) -> Flowable:
        header = self.columns(*CASELOAD_COLUMNS)
        total = self.report.caseload
        return data_table(header, [self.caseload_cells(row.label or row.code, row) for row in rows],
                          _widths(0, 19, 19, 23, 19, 23, 19), self.st,
                          total=self.caseload_cells(self.words(COLUMNS["total"]), total))

    def caseload_cells(self, label: str, row: CaseloadRow) -> list[str]:
        return [label, *(self.n(getattr(row, column)) for column in CASELOAD_COLUMNS[1:])]

    def caseload(self) -> list[Flowable]:
        story: list[Flowable] = [*self.heading("caseload"), self.caseload_table([])]
        for key in BREAKDOWNS:
            rows = self.report.caseload_by.get(key, [])
            story += self.subheading(BREAKDOWN_TITLES[key])
            if not rows:
                story.append(self.no_data())
                continue
            if key in BREAKDOWN_DEFINITIONS:  # what the ministry's indicators count
                story += self.with_notes(self.caseload_table(rows), ("caseload_by", key))
            else:
                story.append(self.caseload_table(rows))
            items = [(row.label or row.code, row.active_end) for row in rows]
            if key == "category" and charts.has_values(items):
                drawing = charts.bar_chart(items, self.language, CONTENT_WIDTH)
                story.append(self.chart(drawing, PDF_LABELS["by_category_chart"]))
            elif key == "sex" and charts.has_values(items):
                drawing = charts.pie_chart(items, self.language, CONTENT_WIDTH)
                story.append(self.chart(drawing, PDF_LABELS["by_sex_chart"]))
        return story

    def consultations(self) -> list[Flowable]:
        report = self.report
        story: list[Flowable] = [*self.heading("consultations")]
        if not report.consultations:
            return [*story, self.no_data()]
        story.append(self.figures([
            (self.words(HEADLINE_LABELS["consultations"]), self.n(report.consultations)),
            (self.words(HEADLINE_LABELS["clients_consulted"]), self.n(report.clients_consulted)),
        ]))
        for rows, column, caption, draw in (
                (report.consultations_by_topic, "topic", "by_topic", charts.bar_chart),
                (report.consultations_by_channel, "channel", "by_channel", charts.pie_chart)):
            story += self.subheading(PDF_LABELS[caption])
            items = [(row.label or row.code, row.count) for row in rows]
            if not charts.has_values(items):
                story.append(self.no_data())
                continue
            story.append(self.counts(column, rows))
            # Captioned as the subheading above the table: a chart that goes over to the
            # next page still says what it shows.
            story.append(self.chart(draw(items, self.language, CONTENT_WIDTH),
                                    PDF_LABELS[caption]))
        return story

    def courses(self) -> list[Flowable]:
        courses = self.report.courses
        story: list[Flowable] = [*self.heading("courses")]
        if not (courses.enrolled or courses.completed or courses.dropped
                or courses.attendance_marked or courses.groups):
            return [*story, self.no_data()]
        rows = [
            (HEADLINE_LABELS["course_enrolled"], self.n(courses.enrolled)),
            (HEADLINE_LABELS["course_completed"], self.n(courses.completed)),
            (HEADLINE_LABELS["course_dropped"], self.n(courses.dropped)),
            (FIGURE_LABELS["levels_gained"], self.n(courses.levels_gained)),
            (FIGURE_LABELS["attendance_marked"], self.n(courses.attendance_marked)),
            (FIGURE_LABELS["attendance_present"], self.n(courses.attendance_present)),
            (HEADLINE_LABELS["attendance_rate"], percent(courses.attendance_rate, self.language)),
        ]
        story += self.with_notes(
            self.figures([(self.words(label), value) for label, value in rows]),
            ("courses", "attendance_rate"))
        story += self.subheading(FIGURE_LABELS["course_groups"])
        story.append(self.course_groups(courses.groups) if courses.groups else self.no_data())
        return story

    def course_groups(self, rows: Sequence[CourseGroupRow]) -> Flowable:
        cells = [[row.group, row.office, row.teacher, self.n(row.enrolled),
                  self.n(row.completed), self.n(row.dropped),
                  percent(row.attendance, self.language)] for row in rows]
        # No total row: the lines count who held a place in the month, the figures above
        # the places taken in it, and rates of groups do not add up.
        return data_table(self.columns(*GROUP_COLUMNS), cells, GROUP_WIDTHS, self.st,
                          text_columns=3)

    def employment(self) -> list[Flowable]:
        work = self.report.employment
        story: list[Flowable] = [*self.heading("employment")]
        if not (work.job_seekers or work.referrals or work.hires or work.checked_3_months
                or work.checked_6_months):
            return [*story, self.no_data()]
        story.append(self.figures([
            (self.words(HEADLINE_LABELS["job_seekers"]), self.n(work.job_seekers)),
            (self.words(HEADLINE_LABELS["job_referrals"]), self.n(work.referrals)),
            (self.words(HEADLINE_LABELS["hires"]), self.n(work.hires)),
        ]))
        story += self.subheading(FIGURE_LABELS["hires_by_sector"])
        story.append(self.counts("sector", work.hires_by_sector) if work.hires_by_sector
                     else self.no_data())
        story += self.subheading(FIGURE_LABELS["hires_by_contract_type"])
        story.append(self.counts("contract_type", work.hires_by_contract_type)
                     if work.hires_by_contract_type else self.no_data())
        story.append(self.starting_wage(work.median_starting_wage))
        story += self.subheading(FIGURE_LABELS["top_employers"])
        story.append(self.top_employers(work.top_employers) if work.top_employers
                     else self.no_data())
        story += self.subheading(PDF_LABELS["retention"])
        if not (work.checked_3_months or work.checked_6_months):
            return [*story, self.no_data()]
        story += self.with_notes(self.figures([
            (self.words(FIGURE_LABELS["checked_3_months"]), self.n(work.checked_3_months)),
            (self.words(FIGURE_LABELS["employed_3_months"]),
             self.share(work.employed_3_months, work.checked_3_months)),
            (self.words(FIGURE_LABELS["checked_6_months"]), self.n(work.checked_6_months)),
            (self.words(FIGURE_LABELS["employed_6_months"]),
             self.share(work.employed_6_months, work.checked_6_months)),
        ]), ("employment", "employed_3_months"))
        return story

    def starting_wage(self, median: int | None) -> Flowable:
        """The median wage on a line of its own, under a header that says it is money."""
        # Spaced like a subheading, without one: a heading over a single line would
        # only repeat it.
        wage = DASH if median is None else format_money(median, self.language)
        table = data_table(self.columns("figure", "amount"),
                           [(self.words(FIGURE_LABELS["median_starting_wage"]), wage)],
                           _widths(0, 40), self.st)
        return KeepTogether([Spacer(1, 4 * mm), table])

    def top_employers(self, rows: Sequence[EmployerRow]) -> Flowable:
        return data_table(self.columns("employer", "count"),
                          [(row.name, self.n(row.count)) for row in rows],
                          _widths(0, 40), self.st)

    def social(self) -> list[Flowable]:
        """Referrals made, referrals ended, state support, the quota and accommodation:
        each block under its subheading, kept on one page when it fits in one, so that a
        table is not left with only its total or its definition overleaf; the section's
        heading stays with the first."""
        story: list[Flowable] = []
        lead = self.heading("social")
        for title, part in ((FIGURE_LABELS["referrals_made"], self.referrals_made),
                            (FIGURE_LABELS["referrals_ended"], self.referrals_ended),
                            (FIGURE_LABELS["support_measures"], self.support_measures),
                            (FIGURE_LABELS["quota"], self.quota),
                            (FIGURE_LABELS["accommodation"], self.accommodation)):
            heading = self.subheading(title)
            story += [*lead[:-1], *heading[:-1],
                      KeepTogether([*lead[-1:], heading[-1], *(part() or [self.no_data()])])]
            lead = []
        return story

    def definition(self, section: str, key: str) -> list[Flowable]:
        """What a figure of the table above counts, in a line under it."""
        return self.definition_lines((section, key))

    def referrals_made(self) -> list[Flowable]:
        """The referrals made in the month: how many, and the share of them completed by
        its end."""
        rows = self.report.social
        if not rows:
            return []
        cells = [[row.label or row.code, self.n(row.referred),
                  percent(row.completion_rate, self.language)] for row in rows]
        # Rates of different services do not add up, so the total row leaves them blank.
        total = [self.words(COLUMNS["total"]), self.n(sum(row.referred for row in rows)), ""]
        table = data_table(self.columns("service", "referred", "completion_rate"), cells,
                           REFERRALS_MADE_WIDTHS, self.st, total=total)
        return [table, *self.definition("social", "completion_rate")]

    def referrals_ended(self) -> list[Flowable]:
        """The referrals that ended in the month, whenever made: how, in how long, and what
        was paid."""
        rows = self.report.social
        if not rows:
            return []
        cells = [[row.label or row.code, self.n(row.completed), self.n(row.refused),
                  self.n(row.no_response),
                  self.n(None if row.median_days is None else round(row.median_days, 1)),
                  self.money(row.amount_paid)] for row in rows]
        total = [self.words(COLUMNS["total"]),
                 *(self.n(sum(getattr(row, name) for row in rows))
                   for name in ("completed", "refused", "no_response")),
                 "", self.money(sum(row.amount_paid for row in rows))]
        table = data_table(self.columns(*REFERRALS_ENDED_COLUMNS), cells,
                           REFERRALS_ENDED_WIDTHS, self.st, total=total)
        return [table, *self.definition("social", "completed")]

    def money(self, amount: int) -> str:
        return format_money(amount, self.language)

    def support_measures(self) -> list[Flowable]:
        """Applications for state support by measure, in two tables (``SUPPORT_APPLIED``,
        ``SUPPORT_SETTLED``)."""
        rows = self.report.entitlements
        if not rows:
            return []
        return [self.support_table(SUPPORT_APPLIED, SUPPORT_APPLIED_WIDTHS),
                Spacer(1, 3 * mm),
                self.support_table(SUPPORT_SETTLED, SUPPORT_SETTLED_WIDTHS),
                *self.definition("entitlements", "outstanding")]

    def support_table(self, columns: Sequence[tuple[str, str, bool]],
                      widths: Sequence[float]) -> Flowable:
        rows = self.report.entitlements

        def cell(value: int, money: bool) -> str:
            return self.money(value) if money else self.n(value)

        cells = [[row.label or row.code,
                  *(cell(getattr(row, name), money) for _, name, money in columns)]
                 for row in rows]
        total = [self.words(COLUMNS["total"]),
                 *(cell(sum(getattr(row, name) for row in rows), money)
                   for _, name, money in columns)]
        return data_table(self.columns("measure", *(key for key, _, _ in columns)), cells,
                          widths, self.st, total=total)

    def quota(self) -> list[Flowable]:
        quota = self.report.quota
        if not quota.participants:
            return []
        # The year as written, not as a number grouped by the locale ("2 026").
        this_year = self.words(FIGURE_LABELS["quota_this_year"]).format(
            year=self.report.month.year)
        return [self.figures([
            (self.words(FIGURE_LABELS["quota_participants"]), self.n(quota.participants)),
            (this_year, self.share(quota.this_year, quota.participants))]),
            *self.definition("quota", "this_year")]

    def accommodation(self) -> list[Flowable]:
        stays = self.report.accommodation
        if not (stays.beds or stays.bed_nights or stays.check_ins):
            return []
        rows = [(FIGURE_LABELS["beds"], self.n(stays.beds)),
                (FIGURE_LABELS["bed_nights"], self.n(stays.bed_nights)),
                (FIGURE_LABELS["bed_nights_available"], self.n(stays.bed_nights_available)),
                (FIGURE_LABELS["occupancy_rate"], percent(stays.occupancy_rate, self.language)),
                (FIGURE_LABELS["people_accommodated"], self.n(stays.people)),
                (FIGURE_LABELS["check_ins"], self.n(stays.check_ins)),
                (FIGURE_LABELS["overstays"], self.n(stays.overstays))]
        return [self.figures([(self.words(label), value) for label, value in rows]),
                *self.definition_lines(("accommodation", "bed_nights"),
                                       ("accommodation", "occupancy_rate"))]

    def workload(self) -> list[Flowable]:
        rows = self.report.workload
        story: list[Flowable] = [*self.heading("workload")]
        if not rows:
            return [*story, self.no_data()]
        header = self.columns("caseworker", "office", "open_cases")
        header += [self.words(HEADLINE_LABELS["consultations"]), self.words(COLUMNS["overdue"])]
        cells = [[row.caseworker, row.office_code, self.n(row.open_cases),
                  self.n(row.consultations), self.n(row.overdue_follow_ups)] for row in rows]
        # The report's own overdue total, so this table agrees with the summary.
        total = [self.words(COLUMNS["total"]), "", self.n(sum(row.open_cases for row in rows)),
                 self.n(sum(row.consultations for row in rows)),
                 self.n(self.report.overdue_follow_ups)]
        return [*story, data_table(header, cells, _widths(0, 20, 26, 30, 32), self.st,
                                   text_columns=2, total=total)]
