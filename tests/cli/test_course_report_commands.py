"""`qadam report attendance|register|certificate`: a course group's documents from the
command line, and the one-line refusals that leave no file."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest

from db.session import Database
from tests.cli.test_commands import assert_one_line_error, qadam
from tests.reports.test_pdf_courses import Course, build_course, complete_kk, text_of

EXIT_ERROR, EXIT_USAGE = 1, 2


@pytest.fixture
def course(demo_database: Database, demo_path: Path) -> Course:
    built = build_course(demo_database, demo_path)
    complete_kk(demo_database, built)
    return built


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_the_three_documents_are_written(demo_path: Path, course: Course, out: Path) -> None:
    sheet, register, certificate = out / "sheet.pdf", out / "register.pdf", out / "cert.pdf"
    runs = (
        ("attendance", "--session", str(course.sessions[date(2026, 11, 11)]), "--out", sheet),
        ("register", "--group", str(course.group_id), "--month", "2026-11", "--out",
         register),
        ("certificate", "--enrolment", str(course.enrolments["kk"]), "--out", certificate),
    )
    for args in runs:
        result = qadam("--db", demo_path, "report", *args)
        assert result.returncode == 0, result.stderr
        assert str(args[-1]) in result.stdout
    sheet_text = text_of(sheet)[0]
    assert "Attendance sheet" in sheet_text and course.names["ru"] in sheet_text
    assert "57%" in text_of(register)[0]
    certificate_text = text_of(certificate)[0]
    assert course.names["kk"] in certificate_text and "қараша" in certificate_text


def test_the_language_is_the_interfaces_unless_asked(demo_path: Path, course: Course,
                                                    out: Path) -> None:
    session = str(course.sessions[date(2026, 11, 11)])
    russian = qadam("--db", demo_path, "report", "attendance", "--session", session, "--out",
                    out / "ru.pdf", lang="ru")
    asked = qadam("--db", demo_path, "report", "attendance", "--session", session, "--lang",
                  "en", "--out", out / "en.pdf", lang="ru")
    assert russian.returncode == 0 and asked.returncode == 0, russian.stderr + asked.stderr
    assert "11 ноября 2026" in text_of(out / "ru.pdf")[0]
    assert "November 11, 2026" in text_of(out / "en.pdf")[0]


@pytest.mark.parametrize(("args", "expected"), [
    (("attendance", "--session", "not-an-id"), "not-an-id"),
    (("register", "--group", "not-an-id", "--month", "2026-11"), "not-an-id"),
    (("certificate", "--enrolment", "not-an-id"), "not-an-id"),
    (("attendance", "--session", str(uuid.UUID(int=1))), "no longer"),
    (("register", "--group", str(uuid.UUID(int=1)), "--month", "2026-11"), "no longer"),
    (("certificate", "--enrolment", str(uuid.UUID(int=1))), "no longer"),
])
def test_bad_identifiers_get_one_line_and_no_file(demo_path: Path, course: Course,
                                                  out: Path, args: tuple[str, ...],
                                                  expected: str) -> None:
    result = qadam("--db", demo_path, "report", *args, "--out", out / "x.pdf")
    line = assert_one_line_error(result)
    assert result.returncode == EXIT_ERROR and expected in line
    assert list(out.iterdir()) == []


def test_a_certificate_for_who_did_not_complete_is_refused(demo_path: Path, course: Course,
                                                          out: Path) -> None:
    result = qadam("--db", demo_path, "report", "certificate", "--enrolment",
                   str(course.enrolments["ru"]), "--out", out / "c.pdf")
    line = assert_one_line_error(result)
    assert result.returncode == EXIT_ERROR
    assert course.names["ru"] in line and "completed the course" in line
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("month", ["2026-13", "November", "2026/11"])
def test_a_malformed_month_is_a_usage_error(demo_path: Path, course: Course, out: Path,
                                           month: str) -> None:
    result = qadam("--db", demo_path, "report", "register", "--group", str(course.group_id),
                   "--month", month, "--out", out / "r.pdf")
    assert result.returncode == EXIT_USAGE and "YYYY-MM" in assert_one_line_error(result)


def test_a_month_outside_the_groups_dates_and_other_forms_are_refused(
        demo_path: Path, course: Course, out: Path) -> None:
    outside = qadam("--db", demo_path, "report", "register", "--group", str(course.group_id),
                    "--month", "2027-03", "--out", out / "r.pdf")
    assert outside.returncode == EXIT_ERROR
    assert "March 2027" in assert_one_line_error(outside)
    other_form = qadam("--db", demo_path, "report", "register", "--group",
                       str(course.group_id), "--month", "2026-11", "--out", out / "r.xlsx")
    assert other_form.returncode == EXIT_ERROR and ".pdf" in assert_one_line_error(other_form)
    no_folder = qadam("--db", demo_path, "report", "certificate", "--enrolment",
                      str(course.enrolments["kk"]), "--out", out / "no" / "c.pdf")
    assert "no such folder" in assert_one_line_error(no_folder)
    assert list(out.iterdir()) == []
