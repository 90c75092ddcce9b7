"""The programme reports: language courses by group and teacher, placements by employer,
sector and wage, social-service referrals by provider.

On the known October (``known_month``) with more courses, hires and referrals added here,
each figure counted by hand; the totals equal the monthly report's for the same period and
office (on the known data and on the demo); the PDF, XLSX and JSON carry the same figures;
one office's report counts that office's only; a period not over says so.
"""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from db.models import (
    Attendance,
    Center,
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    Employer,
    EnrolmentStatus,
    GroupStatus,
    Office,
    Person,
    Placement,
    Provider,
    Referral,
    ReferralStatus,
    User,
)
from db.reports.figures import MonthlyReport
from db.reports.periods import Period
from db.reports.programme_figures import (
    CourseReport,
    PlacementReport,
    ProgrammeReport,
    ReferralReport,
)
from db.session import Database
from desktop.i18n import format_money, translate
from desktop.reports.json_programmes import programme_json
from desktop.reports.pdf_programmes import write_programme_pdf
from desktop.reports.xlsx_programmes import build_workbook
from desktop.services.access import LOCAL_OPERATOR
from desktop.services.programme_reports import build_programme, write_programme_report
from desktop.services.reports import ReportProblem, build_monthly
from tests.conftest import DEMO_TODAY
from tests.reports.known_month import MONTH, build, d

LATER = datetime(2027, 6, 1, 12, 0)  # every period asked for is over by then
OCTOBER = Period.month(MONTH)
KAMKOR_KK, KAMKOR_RU, CLINIC_RU = "Қамқор қоры", "Фонд Камкор", "Юридическая клиника"


def add_programmes(database: Database) -> None:
    """More October figures on the known month (its own are in ``known_month``).

    Courses (with the known KK-A1 of Айгерім, AST: participants 2, places taken 1, finished
    1, left 1, a level gained, 3 present of 4 marks):

    ======  =====  ===============  ============  ============  =====================
    group   office teacher          runs          places        October marks
    ======  =====  ===============  ============  ============  =====================
    RU-B1   ALA    Петрова (typed)  5 Oct–20 Dec  p4, p3 (left  7 Oct both present;
                                                  25 Oct)       14 Oct p4 absent, p3
                                                                excused; 4 Nov no
    KK-A2   AST    Айгерім          from 10 Nov   p2 on 28 Oct  —
    KK-B1   AST    none             all October   —             —
    KK-X    AST    Айгерім          cancelled     —             —
    ======  =====  ===============  ============  ============  =====================

    A placement: Әлия at «Құрылыс-7» (construction, AST) from 25 October, 650 000 ₸.

    Referrals to providers (social services), October:

    =====  ======  ================  ========  =============  =========  ========
    who    office  service           provider  referred       ended      amount
    =====  ======  ================  ========  =============  =========  ========
    p1     AST     housing_support   Қамқор    3 Oct          done 25    40 000
    p2     AST     legal_aid         clinic    4 Oct          refused 9
    p4     ALA     social_benefits   Қамқор    20 Oct         done 30    15 500
    p4     ALA     social_benefits   Қамқор    21 Oct         no answer 31
    p3     ALA     legal_aid         clinic    28 Sept        done 2 Oct
    =====  ======  ================  ========  =============  =========  ========

    Қамқор is in Astana; the clinic has only a Russian name (and no locality). The center's
    director is named.
    """
    with database.session() as s:
        center = s.query(Center).one()
        center.director_name, center.director_position = "Ахметова Гүлнар", "Директор"
        offices = {office.code: office for office in s.query(Office)}
        ast, ala = offices["AST"], offices["ALA"]
        people = {person.given_name: person for person in s.query(Person)}
        p1, p2, p3, p4 = (people[name] for name in ("Әлия", "Шерзод", "Жанболат", "Мариам"))
        aigerim = s.query(User).filter_by(login="aigerim").one()

        def group(name: str, office: Office, language: str, level: str, starts: str,
                  ends: str, status: GroupStatus, teacher: User | None = None,
                  typed: str = "") -> CourseGroup:
            g = CourseGroup(name=name, office_id=office.id, service_type_code="kazakh_course",
                            language_code=language, level_code=level, starts_on=d(starts),
                            ends_on=d(ends), status=status,
                            teacher_id=teacher.id if teacher else None, teacher=typed)
            s.add(g)
            s.flush()
            return g

        ru = group("RU-B1", ala, "ru", "b1", "2026-10-05", "2026-12-20", GroupStatus.RUNNING,
                   typed="Петрова Анна")
        a2 = group("KK-A2", ast, "kk", "a2", "2026-11-10", "2027-01-20", GroupStatus.PLANNED,
                   aigerim)
        group("KK-B1", ast, "kk", "b1", "2026-10-01", "2026-10-31", GroupStatus.FINISHED)
        group("KK-X", ast, "kk", "a1", "2026-10-01", "2026-10-31", GroupStatus.CANCELLED,
              aigerim)
        stays = CourseEnrolment(group_id=ru.id, person_id=p4.id, enrolled_on=d("2026-10-06"),
                                status=EnrolmentStatus.ENROLLED)
        leaves = CourseEnrolment(group_id=ru.id, person_id=p3.id, enrolled_on=d("2026-10-06"),
                                 status=EnrolmentStatus.DROPPED, finished_on=d("2026-10-25"))
        s.add_all([stays, leaves,
                   CourseEnrolment(group_id=a2.id, person_id=p2.id,
                                   enrolled_on=d("2026-10-28"),
                                   status=EnrolmentStatus.ENROLLED)])
        s.flush()
        for day, marks in (("2026-10-07", ((stays, True, False), (leaves, True, False))),
                           ("2026-10-14", ((stays, False, False), (leaves, False, True))),
                           ("2026-11-04", ((stays, True, False),))):
            session = CourseSession(group_id=ru.id, held_on=d(day))
            s.add(session)
            s.flush()
            s.add_all([Attendance(session_id=session.id, enrolment_id=enrolment.id,
                                  present=present, excused=excused)
                       for enrolment, present, excused in marks])

        builder = s.query(Employer).filter_by(bin="940140000385").one()
        s.add(Placement(person_id=p1.id, office_id=ast.id, employer_id=builder.id,
                        sector_code="construction", monthly_wage=650_000,
                        started_on=d("2026-10-25")))

        kamkor = Provider(name_kk=KAMKOR_KK, name_ru=KAMKOR_RU, area_code="social",
                          locality="Астана")
        clinic = Provider(name_ru=CLINIC_RU, area_code="social")
        s.add_all([kamkor, clinic])
        s.flush()
        for person, office, service, provider, referred, status, closed, amount in (
                (p1, ast, "housing_support", kamkor, "2026-10-03", ReferralStatus.COMPLETED,
                 "2026-10-25", 40_000),
                (p2, ast, "legal_aid", clinic, "2026-10-04", ReferralStatus.REFUSED,
                 "2026-10-09", None),
                (p4, ala, "social_benefits", kamkor, "2026-10-20", ReferralStatus.COMPLETED,
                 "2026-10-30", 15_500),
                (p4, ala, "social_benefits", kamkor, "2026-10-21", ReferralStatus.NO_RESPONSE,
                 "2026-10-31", None),
                (p3, ala, "legal_aid", clinic, "2026-09-28", ReferralStatus.COMPLETED,
                 "2026-10-02", None)):
            s.add(Referral(person_id=person.id, office_id=office.id, service_type_code=service,
                           provider_id=provider.id, referred_on=d(referred), status=status,
                           closed_on=d(closed), amount=amount))


@pytest.fixture
def known(database: Database) -> Database:
    build(database)
    add_programmes(database)
    return database


def programme(database: Database, name: str, period: Period | date = OCTOBER,
              office: str | None = None, language: str = "en",
              now: datetime = LATER) -> ProgrammeReport:
    return build_programme(database, LOCAL_OPERATOR, name, period, office, language,
                           "Тест Тестов", now=now)


def monthly(database: Database, period: Period | date = OCTOBER, office: str | None = None,
            now: datetime = LATER) -> MonthlyReport:
    return build_monthly(database, LOCAL_OPERATOR, period, office, "en", "Тест", now=now)


def tally(figures: object) -> dict[str, object]:
    return dict(vars(figures))


# ---- each figure --------------------------------------------------------------------------------

def test_courses_by_teacher_and_group(known: Database) -> None:
    report = programme(known, "courses")
    assert isinstance(report, CourseReport)
    # Teachers in the Kazakh alphabet (П before С), the groups that name none last; the
    # cancelled KK-X is not a line, the KK-A2 of November is (a place was taken in October).
    assert [b.teacher for b in report.teachers] == ["Петрова Анна", "Сапарова Айгерім", ""]
    assert [[line.group for line in b.groups] for b in report.teachers] == [
        ["RU-B1"], ["KK-A1", "KK-A2"], ["KK-B1"]]
    petrova, aigerim, nobody = report.teachers
    ru = petrova.groups[0]
    assert (ru.office, ru.language, ru.level, ru.starts_on) == (
        "ALA", "Russian", "B1 — Intermediate", d("2026-10-05"))
    assert tally(ru.figures) == {"participants": 2, "enrolled": 2, "completed": 0,
                                 "dropped": 1, "levels_gained": 0, "marked": 3, "present": 2,
                                 "attendance": 0.6667}
    a1, a2 = aigerim.groups
    assert tally(a1.figures) == {"participants": 2, "enrolled": 1, "completed": 1,
                                 "dropped": 1, "levels_gained": 1, "marked": 4, "present": 3,
                                 "attendance": 0.75}
    assert tally(a2.figures) == {"participants": 1, "enrolled": 1, "completed": 0,
                                 "dropped": 0, "levels_gained": 0, "marked": 0, "present": 0,
                                 "attendance": None}
    assert tally(aigerim.subtotal) == {"participants": 3, "enrolled": 2, "completed": 1,
                                       "dropped": 1, "levels_gained": 1, "marked": 4,
                                       "present": 3, "attendance": 0.75}
    assert nobody.subtotal.participants == 0 and nobody.groups[0].figures.attendance is None
    assert tally(report.total) == {"participants": 5, "enrolled": 4, "completed": 1,
                                   "dropped": 2, "levels_gained": 1, "marked": 7,
                                   "present": 5, "attendance": 0.7143}


def test_placements_by_sector_employer_and_wage(known: Database) -> None:
    report = programme(known, "placements")
    assert isinstance(report, PlacementReport)
    # Two placements in each sector: ties by code.
    assert [(s.code, s.label) for s in report.sectors] == [
        ("construction", "Construction"), ("hospitality", "Accommodation and food services"),
        ("transport", "Transport and storage")]
    construction, hospitality, transport = report.sectors
    assert [(e.employer, tally(e.figures)) for e in construction.employers] == [
        ("«Құрылыс-7» ЖШС", {"placements": 2, "median_wage": 475_000,
                             "lowest_wage": 300_000, "highest_wage": 650_000})]
    # Бахтиёр's 180 000 and Жанболат's, without a wage.
    assert tally(hospitality.subtotal) == {"placements": 2, "median_wage": 180_000,
                                           "lowest_wage": 180_000, "highest_wage": 180_000}
    # (205 001 + 240 000) / 2 = 222 500,5, a half up.
    assert tally(transport.subtotal)["median_wage"] == 222_501
    assert tally(report.total) == {"placements": 6, "median_wage": 240_000,
                                   "lowest_wage": 180_000, "highest_wage": 650_000}
    assert [(b.label, b.placements, b.share) for b in report.wage_bands] == [
        ("Under 150,000 ₸", 0, 0.0), ("150,000 ₸ – 249,999 ₸", 3, 0.5),
        ("250,000 ₸ – 399,999 ₸", 1, 0.1667), ("400,000 ₸ – 599,999 ₸", 0, 0.0),
        ("600,000 ₸ and more", 1, 0.1667), ("Wage not recorded", 1, 0.1667)]
    # The checks recorded in October, of the placements at «Құрылыс-7» (April's, July's).
    assert [tally(line) for line in report.retention] == [
        {"employer": "«Құрылыс-7» ЖШС", "checked_3_months": 1, "employed_3_months": 0,
         "checked_6_months": 1, "employed_6_months": 1}]
    assert tally(report.retention_total) == {
        "employer": "", "checked_3_months": 1, "employed_3_months": 0,
        "checked_6_months": 1, "employed_6_months": 1}


def test_referrals_by_provider_and_service(known: Database) -> None:
    report = programme(known, "referrals", language="kk")
    assert isinstance(report, ReferralReport)
    # Қ before Ю in the Kazakh alphabet; the clinic, with a Russian name only, by it; the
    # referrals that name no provider last.
    assert [p.provider for p in report.providers] == [KAMKOR_KK, CLINIC_RU, ""]
    kamkor, clinic, nobody = report.providers
    assert (kamkor.locality, clinic.locality) == ("Астана", "")
    assert [(line.code, tally(line.figures)) for line in kamkor.services] == [
        ("social_benefits", {"referred": 2, "completed_in_time": 1, "completion_rate": 0.5,
                             "completed": 1, "refused": 0, "no_response": 1,
                             "amount_paid": 15_500}),
        ("housing_support", {"referred": 1, "completed_in_time": 1, "completion_rate": 1.0,
                             "completed": 1, "refused": 0, "no_response": 0,
                             "amount_paid": 40_000})]
    assert tally(kamkor.subtotal) == {"referred": 3, "completed_in_time": 2,
                                      "completion_rate": 0.6667, "completed": 2, "refused": 0,
                                      "no_response": 1, "amount_paid": 55_500}
    # Made in October and refused; made in September and completed in October.
    assert tally(clinic.subtotal) == {"referred": 1, "completed_in_time": 0,
                                      "completion_rate": 0.0, "completed": 1, "refused": 1,
                                      "no_response": 0, "amount_paid": 0}
    assert [line.code for line in nobody.services] == [
        "housing_support", "legal_aid", "social_benefits"]
    assert nobody.services[0].label == "Тұрғын үймен қамтамасыз етуге жәрдемдесу"
    assert tally(report.total) == {"referred": 7, "completed_in_time": 3,
                                   "completion_rate": 0.4286, "completed": 5, "refused": 2,
                                   "no_response": 2, "amount_paid": 261_000}
    # In Russian, the Russian name.
    assert programme(known, "referrals", language="ru").providers[0].provider == KAMKOR_RU


# ---- the same figures as the monthly report -----------------------------------------------------

def assert_as_monthly(database: Database, period: Period, office: str | None,
                      now: datetime = LATER) -> None:
    month = monthly(database, period, office, now)
    courses = programme(database, "courses", period, office, now=now)
    assert isinstance(courses, CourseReport)
    total, expected = courses.total, month.courses
    assert (total.enrolled, total.completed, total.dropped, total.levels_gained,
            total.marked, total.present, total.attendance) == (
        expected.enrolled, expected.completed, expected.dropped, expected.levels_gained,
        expected.attendance_marked, expected.attendance_present, expected.attendance_rate)
    lines = {(line.group, line.office, line.starts_on): line
             for block in courses.teachers for line in block.groups}
    groups = {(line.group, line.office) for line in lines.values()}
    for row in expected.groups:  # each of the monthly report's group lines, the same
        assert (row.group, row.office) in groups
        [line] = [line for key, line in lines.items() if key[:2] == (row.group, row.office)]
        assert (line.figures.participants, line.figures.completed, line.figures.dropped,
                line.figures.attendance) == (row.enrolled, row.completed, row.dropped,
                                             row.attendance)

    placements = programme(database, "placements", period, office, now=now)
    assert isinstance(placements, PlacementReport)
    work = month.employment
    assert placements.total.placements == work.hires
    assert placements.total.median_wage == work.median_starting_wage
    assert sum(band.placements for band in placements.wage_bands) == work.hires
    assert {s.code: s.subtotal.placements for s in placements.sectors} == {
        row.code: row.count for row in work.hires_by_sector}
    by_employer: dict[str, int] = {}
    for sector in placements.sectors:
        for line in sector.employers:
            by_employer[line.employer] = by_employer.get(line.employer, 0) + \
                line.figures.placements
    for row in work.top_employers:
        assert by_employer[row.name] == row.count
    kept = placements.retention_total
    assert (kept.checked_3_months, kept.employed_3_months, kept.checked_6_months,
            kept.employed_6_months) == (work.checked_3_months, work.employed_3_months,
                                        work.checked_6_months, work.employed_6_months)

    referrals = programme(database, "referrals", period, office, now=now)
    assert isinstance(referrals, ReferralReport)
    names = ("referred", "completed", "refused", "no_response")
    assert {name: getattr(referrals.total, name) for name in names} == {
        name: sum(getattr(row, name) for row in month.social) for name in names}
    assert referrals.total.amount_paid == sum(row.amount_paid for row in month.social)
    by_service: dict[str, list[int]] = {}
    for block in referrals.providers:
        for line in block.services:
            figures = line.figures
            counts = by_service.setdefault(line.code, [0] * 7)
            for index, value in enumerate((figures.referred, figures.completed,
                                           figures.refused, figures.no_response,
                                           figures.amount_paid, figures.completed_in_time,
                                           0)):
                counts[index] += value
    assert {code: counts[:5] for code, counts in by_service.items()} == {
        row.code: [row.referred, row.completed, row.refused, row.no_response,
                   row.amount_paid] for row in month.social}
    for row in month.social:  # the completion rate of a service, over its providers
        referred, in_time = by_service[row.code][0], by_service[row.code][5]
        assert row.completion_rate == (round(in_time / referred, 4) if referred else None)


@pytest.mark.parametrize("office", [None, "AST", "ALA"])
def test_the_totals_are_the_monthly_reports(known: Database, office: str | None) -> None:
    for period in (OCTOBER, Period.month(date(2026, 9, 1)), Period.quarter(2026, 4),
                   Period.year(2026), Period.between(date(2026, 9, 20), date(2026, 10, 20))):
        assert_as_monthly(known, period, office)
    # A period not over, cut at the same moment.
    assert_as_monthly(known, Period.quarter(2026, 4), office, datetime(2026, 10, 20, 9, 30))


def test_the_totals_are_the_monthly_reports_on_the_demo(demo_database: Database) -> None:
    first = DEMO_TODAY.replace(day=1)
    for period in (Period.year(DEMO_TODAY.year - 1), Period.month(first)):
        assert_as_monthly(demo_database, period, None, datetime.combine(DEMO_TODAY,
                                                                        datetime.min.time()))
    assert_as_monthly(demo_database, Period.year(DEMO_TODAY.year), "AST",
                      datetime(DEMO_TODAY.year, DEMO_TODAY.month, DEMO_TODAY.day, 12))


# ---- office scoping -----------------------------------------------------------------------------

def test_one_offices_report_counts_that_office_only(known: Database) -> None:
    courses = programme(known, "courses", office="ALA")
    assert isinstance(courses, CourseReport)
    assert [b.teacher for b in courses.teachers] == ["Петрова Анна"]
    assert courses.office_code == "ALA" and courses.office_name == "Алматы кеңсесі"
    assert courses.letterhead.office == "Алматы кеңсесі"
    ast = programme(known, "courses", office="AST")
    assert isinstance(ast, CourseReport)
    assert [b.teacher for b in ast.teachers] == ["Сапарова Айгерім", ""]
    everyone = programme(known, "courses")
    assert isinstance(everyone, CourseReport)
    for name in ("participants", "enrolled", "completed", "dropped", "marked", "present"):
        assert getattr(everyone.total, name) == getattr(ast.total, name) + getattr(
            courses.total, name)
    assert everyone.office_name == "All offices" and everyone.letterhead.office == ""

    placements = programme(known, "placements", office="AST")
    assert isinstance(placements, PlacementReport)
    assert placements.total.placements == 4  # Шерзод's, Бахтиёр's, Сарангэрэл's, Әлия's
    assert placements.total.median_wage == 270_000  # (240 000 + 300 000) / 2
    assert placements.retention_total.checked_6_months == 1
    assert placements.retention_total.checked_3_months == 0  # Жанболат's job is Almaty's

    referrals = programme(known, "referrals", office="AST")
    assert isinstance(referrals, ReferralReport)
    # In English, Қамқор's first name written: it has none in English.
    assert [p.provider for p in referrals.providers] == [KAMKOR_KK, CLINIC_RU, ""]
    assert (referrals.total.referred, referrals.total.completed, referrals.total.refused,
            referrals.total.amount_paid) == (4, 3, 2, 245_500)


def test_an_unknown_office_or_a_period_to_come_is_refused(known: Database) -> None:
    with pytest.raises(ReportProblem) as unknown:
        programme(known, "courses", office="XYZ")
    assert unknown.value.kind is ReportProblem.Kind.UNKNOWN_OFFICE
    with pytest.raises(ReportProblem) as future:
        programme(known, "placements", Period.year(2028))
    assert future.value.kind is ReportProblem.Kind.FUTURE_PERIOD


# ---- a period not over --------------------------------------------------------------------------

def test_a_period_not_over_is_cut_and_says_so(known: Database, tmp_path: Path) -> None:
    now = datetime(2026, 10, 20, 9, 30)
    report = programme(known, "referrals", now=now)
    assert isinstance(report, ReferralReport)
    assert not report.complete and report.as_of == now
    # Counted up to the 20th, its own day included: not Мариам's referral of the 21st, nor
    # what ended after it (Әлия's housing of the 25th, Мариам's of the 30th and 31st).
    assert (report.total.referred, report.total.completed, report.total.no_response) == (
        6, 3, 1)
    data = programme_json(report)
    assert data["complete"] is False and data["as_of"] == now
    write_programme_report(report, tmp_path / "cut.pdf")
    pages = PdfReader(tmp_path / "cut.pdf").pages
    assert all("The period is not over: figures up to" in page.extract_text()
               for page in pages)
    workbook = openpyxl.load_workbook(io.BytesIO(_xlsx_bytes(report)))
    sheet = workbook.active
    assert "The period is not over" in sheet.oddHeader.right.text
    whole = programme(known, "referrals")
    assert whole.complete and programme_json(whole)["as_of"] is None


# ---- the three forms agree ----------------------------------------------------------------------

def _xlsx_bytes(report: ProgrammeReport) -> bytes:
    stream = io.BytesIO()
    build_workbook(report).save(stream)
    return stream.getvalue()


def plain(text: str) -> str:
    """Spaces as spaces: the text a PDF gives back has no narrow or no-break ones."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _pdf_text(report: ProgrammeReport) -> str:
    stream = io.BytesIO()
    write_programme_pdf(report, stream)
    stream.seek(0)
    return plain("\n".join(page.extract_text() for page in PdfReader(stream).pages))


def _rows(report: ProgrammeReport) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(_xlsx_bytes(report))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _row(rows: list[list[object]], first: object, second: object = None) -> list[object]:
    [found] = [row for row in rows if row[0] == first and (second is None or row[1] == second)]
    return found


def test_the_three_forms_of_the_courses_report_agree(known: Database, tmp_path: Path) -> None:
    report = programme(known, "courses", language="kk")
    write_programme_report(report, tmp_path / "courses.json")
    data = json.loads((tmp_path / "courses.json").read_text(encoding="utf-8"))
    total = data["total"]
    assert total == {"participants": 5, "enrolled": 4, "completed": 1, "dropped": 2,
                     "levels_gained": 1, "marked": 7, "present": 5, "attendance": 0.7143}
    assert [t["teacher"] for t in data["teachers"]] == ["Петрова Анна", "Сапарова Айгерім", ""]
    assert data["period"] == {"from": "2026-10-01", "to": "2026-10-31", "kind": "month"}
    assert data["complete"] is True and set(data["definitions"]) == {"figures",
                                                                     "attendance_rate"}
    rows = _rows(report)
    teachers_total = _row(rows, "Барлығы")  # "Total" in Kazakh
    assert teachers_total[7:] == [5, 4, 1, 2, 1, 7, 5, 0.7143]
    ru = _row(rows, "Петрова Анна", "RU-B1")
    assert ru[2:7] == ["Орыс тілі", "B1 — орта деңгей", "ALA", datetime(2026, 10, 5),
                       datetime(2026, 12, 20)]
    assert ru[7:] == [2, 2, 0, 1, 0, 3, 2, 0.6667]
    text = _pdf_text(report)
    assert "Петрова Анна" in text and "Сапарова Айгерім" in text and "Орыс тілі" in text
    of_marks = translate("{present} of {marked}", "kk").format(present=5, marked=7)
    assert "71,4%" in text and of_marks in text  # the total's rate, of its marks
    assert "Ахметова Гүлнар" in text and "БЕКІТЕМІН" in text and "Тест Тестов" in text


def test_the_three_forms_of_the_placements_report_agree(known: Database) -> None:
    report = programme(known, "placements", language="ru")
    data = programme_json(report)
    assert data["total"] == {"placements": 6, "median_wage": 240_000, "lowest_wage": 180_000,
                             "highest_wage": 650_000}
    assert [band["placements"] for band in data["wage_bands"]] == [0, 3, 1, 0, 1, 1]
    assert data["wage_bands"][-1]["code"] == "unknown"
    rows = _rows(report)
    totals = [row for row in rows if row[0] == "Всего"]
    assert totals[0][2:6] == [6, 240_000, 180_000, 650_000]  # the placements' total
    assert totals[1][1] == 6  # the wage bands'
    assert totals[2][1:5] == [1, 0, 1, 1]  # the retention checks'
    assert _row(rows, "Строительство", "«Құрылыс-7» ЖШС")[2:6] == [2, 475_000, 300_000,
                                                                   650_000]
    text = _pdf_text(report)
    for amount in (240_000, 180_000, 650_000, 475_000):
        assert plain(format_money(amount, "ru")) in text
    assert "Строительство" in text and "«Құрылыс-7» ЖШС" in text


def test_the_three_forms_of_the_referrals_report_agree(known: Database) -> None:
    report = programme(known, "referrals", language="kk")
    data = programme_json(report)
    assert data["total"]["amount_paid"] == 261_000 and data["total"]["referred"] == 7
    assert [p["provider"] for p in data["providers"]] == [KAMKOR_KK, CLINIC_RU, ""]
    assert "definitions" in data and data["definitions"]["completion_rate"]
    rows = _rows(report)
    assert _row(rows, "Барлығы")[3:] == [7, 3, 0.4286, 5, 2, 2, 261_000]
    [kamkor] = [row for row in rows if row[0] == KAMKOR_KK
                and row[2] == "Әлеуметтік төлемдерді ресімдеу"]
    assert kamkor[3:] == [2, 1, 0.5, 1, 0, 1, 15_500]
    text = _pdf_text(report)
    assert plain(format_money(261_000, "kk")) in text
    assert plain(format_money(55_500, "kk")) in text
    assert f"{KAMKOR_KK} · Астана" in text and "42,9%" in text  # the total completion rate
    # The rate's definition, printed as its footnote.
    rate = translate("Completion rate", "kk")
    assert f"{rate}¹" in " ".join(text.split()), text


# ---- keep-together ------------------------------------------------------------------------------

def _many_groups(teachers: int = 3, groups: int = 23) -> CourseReport:
    """A report of many groups, so that its table runs over pages."""
    from db.reports.figures import Approval, Letterhead, Span
    from db.reports.programme_figures import CourseLine, CourseTally, TeacherBlock

    blocks, total = [], CourseTally()
    for t_index in range(teachers):
        lines = [CourseLine(f"G-{t_index}-{g_index:02}", "AST", "kk", "a1", d("2026-09-01"),
                            d("2026-12-20"), "running",
                            CourseTally(10, 2, 1, 1, 1, 40, 30, 0.75), "Қазақ тілі", "A1")
                 for g_index in range(groups)]
        subtotal = CourseTally()
        for line in lines:
            subtotal.add(line.figures)
        total.add(subtotal)
        blocks.append(TeacherBlock(f"Оқытушы {t_index}", lines, subtotal))
    return CourseReport(programme="courses", language="en", office_code=None,
                        office_name="All offices", letterhead=Letterhead("«Қадам»"),
                        approval=Approval("Ахметова Гүлнар", "Директор"),
                        generated_at=LATER, prepared_by="Тест",
                        period=Span(d("2026-10-01"), d("2026-10-31")),
                        teachers=blocks, total=total)


def _first_cell(row: list[object]) -> str:
    cell = row[0]
    while isinstance(cell, list | tuple):
        cell = cell[0] if cell else ""
    return getattr(cell, "text", str(cell))


def test_a_table_never_breaks_next_to_a_name_or_a_total() -> None:
    from desktop.reports.pdf_common import CONTENT_WIDTH, styles
    from desktop.reports.pdf_programmes import Block, grouped_table

    st = styles()
    blocks = [Block(f"Оқытушы {t}", [[f"G-{t}-{g}", "1", "2"] for g in range(rows)],
                    [f"Total: {t}", "9", "9"])
              for t, rows in enumerate((1, 1, 1, 2, 3, 7, 12, 1, 1, 1, 1, 1, 1))]
    table = grouped_table(["Group", "A", "B"], blocks, [100, 30, 30], st,
                          total=["Total", "99", "99"])
    names = [_first_cell(row) for row in table._cellvalues]
    breaks = 0
    for height in range(40, 900, 7):
        parts = table.split(CONTENT_WIDTH, height)
        if len(parts) != 2:
            continue
        breaks += 1
        first, rest = ([_first_cell(row) for row in part._cellvalues] for part in parts)
        cut = len(first)  # the row of ``table`` that begins the next page
        assert rest[0] == "Group"  # the header again
        assert not names[cut].startswith("Total"), (height, names[cut])
        assert not first[-1].startswith("Оқытушы"), (height, first[-1])
        assert cut >= 3  # never the header alone, nor with one row
        # Never the last row or two alone above a subtotal or the total.
        assert not names[cut - 1].startswith("Total") or names[cut].startswith("Оқытушы")
    assert breaks > 10
    # Blocks of one row (no subtotal printed) are kept whole, but not chained together.
    runs = [(start[1], end[1]) for command, start, end in table._nosplitCmds]
    assert max(end - start for start, end in runs) <= 4, runs


def test_the_total_and_the_approval_end_the_report_together(tmp_path: Path) -> None:
    report = _many_groups()
    write_programme_pdf(report, tmp_path / "many.pdf")
    pages = [plain(page.extract_text()) for page in PdfReader(tmp_path / "many.pdf").pages]
    assert len(pages) >= 3
    assert "3 course groups" not in pages[0] and "69 course groups · 3 teachers" in pages[0]
    last = pages[-1]
    assert "Ахметова Гүлнар" in last and all("Ахметова Гүлнар" not in p for p in pages[:-1])
    # The total's page holds group lines too, and the approval follows it there: the
    # table broke early, so that its last rows went over with its footnotes.
    [total_page] = [i for i, text in enumerate(pages) if "2,070 of 2,760" in text]
    assert total_page == len(pages) - 1
    assert "G-2-22" in last and "Total: Оқытушы 2" in last and "² Attendance rate" in last
    for text in pages[1:]:
        assert "Group" in text  # the header, repeated on each page the table runs to


def test_the_count_line_says_its_plural(known: Database) -> None:
    text = _pdf_text(programme(known, "courses"))
    assert "4 course groups · 2 teachers" in text
    text = _pdf_text(programme(known, "placements", office="ALA"))
    assert "2 placements · 2 employers" in text
