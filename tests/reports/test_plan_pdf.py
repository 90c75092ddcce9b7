"""The printed adaptation plan: its goals, the Kazakh letters and the signature lines, in
each language, on one or two pages."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from db.models import GoalStatus
from db.reports.figures import Letterhead
from db.reports.plan import PlanGoal, PlanMember, PlanRecord
from db.session import Database
from desktop.reports.pdf_plan import write_plan_pdf
from desktop.services import case_plan
from desktop.services.auth import log_in
from desktop.services.case_plan import GoalDetails, ServiceKind
from desktop.services.reports import ReportProblem
from tests.conftest import DEMO_TODAY

KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІ"
TITLES = {"kk": "Бейімделу мен интеграцияның жеке жоспары",
          "ru": "Индивидуальный план адаптации и интеграции",
          "en": "Individual adaptation and integration plan"}


def record(language: str, goals: int = 4) -> PlanRecord:
    areas = ("Тіл үйрету", "Жұмыспен қамтуға жәрдемдесу", "Әлеуметтік қолдау")
    return PlanRecord(
        person_id=str(uuid.uuid4()), language=language,
        letterhead=Letterhead("«Қадам» бейімдеу орталығы", "Астана, Абай даңғылы 10",
                              "+7 717 200 00 00"),
        office_name="Астана кеңсесі", client_name="Нұрпейісова Әлия Ғаниқызы",
        client_name_latin="Nurpeiisova Aliia", client_iin_masked="••••••••0017",
        birth_date=date(1990, 1, 1), category="Қандас", arrival_date=date(2026, 3, 2),
        case_opened_on=date(2026, 3, 3), case_closed_on=None, caseworker="Өтепова Ұлжан",
        members=[PlanMember("Нұрпейісов Қанат", "жұбайы", date(1988, 5, 5)),
                 PlanMember("Нұрпейісова Һәдия", "қызы", None)],
        goals=[PlanGoal(areas[min(index, 2)], f"Мақсат {index + 1}: ӘҒҚҢӨҰҮҺІ деңгейі",
                        date(2027, 1, 1 + index), "Жоспарланған",
                        date(2026, 11, 1) if index == 0 else None,
                        "Кешкі топ" if index == 1 else "",
                        [f"Тіл курсы: Қазақ тілі A{index + 1} (Enrolled, 01.03.2026)"])
               for index in range(goals)],
        generated_at=datetime(2026, 11, 25, 10, 30))


def text_of(path: Path) -> tuple[str, int]:
    """The text of every page, lines joined: a table cell wraps a long goal."""
    reader = PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_plan_prints_its_goals_kazakh_letters_and_signature_lines(
        tmp_path: Path, language: str) -> None:
    path = tmp_path / f"plan-{language}.pdf"
    write_plan_pdf(record(language), path)
    text, pages = text_of(path)
    assert pages == 1
    assert TITLES[language] in text
    for number in range(1, 5):
        assert f"Мақсат {number}: ӘҒҚҢӨҰҮҺІ деңгейі" in text
    assert all(letter in text for letter in KAZAKH_LETTERS)
    assert "Нұрпейісова Әлия Ғаниқызы" in text and "Өтепова Ұлжан" in text
    assert "Нұрпейісова Һәдия" in text  # the family the plan is drawn for
    assert "Тіл курсы: Қазақ тілі A1" in text  # the services under each goal
    assert text.count("Signature of") == 2 or text.count("қолы") == 2 or text.count(
        "Подпись") == 2
    assert "______" in text  # the lines for the dates


def test_a_long_plan_shrinks_to_two_pages(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    write_plan_pdf(record("kk", goals=22), path)
    text, pages = text_of(path)
    assert pages == 2 and "Мақсат 22:" in text
    assert text.rstrip().count("______") >= 2  # the signatures are on it still


def test_a_plan_with_no_goals_says_so(tmp_path: Path) -> None:
    plan = record("en", goals=0)
    plan.members = []
    path = tmp_path / "empty.pdf"
    write_plan_pdf(plan, path)
    text, pages = text_of(path)
    assert pages == 1 and "No goals have been set yet." in text
    assert "No family members are recorded" in text


def test_a_demo_clients_plan_prints_in_their_language_through_the_service(
        demo_database: Database, demo_path: Path, tmp_path: Path) -> None:
    caseworker = log_in(demo_database, "cw1.ast", "qadam-caseworker")
    with sqlite3.connect(demo_path) as connection:
        row = connection.execute(
            "SELECT p.id, e.id FROM person p JOIN office o ON o.id = p.office_id "
            "JOIN client_case c ON c.person_id = p.id AND c.status = 'open' "
            "JOIN course_enrolment e ON e.person_id = p.id "
            "WHERE o.code = 'AST' ORDER BY p.sort_key LIMIT 1").fetchone()
    person, enrolment = uuid.UUID(row[0]), uuid.UUID(row[1])
    goal = case_plan.add_goal(demo_database, caseworker, person, GoalDetails(
        "language", "Қазақ тілін B1 деңгейіне дейін үйрену", DEMO_TODAY))
    case_plan.link_service(demo_database, caseworker, goal, ServiceKind.ENROLMENT, enrolment)
    case_plan.set_goal_status(demo_database, caseworker, goal, 2, GoalStatus.ACHIEVED,
                              today=DEMO_TODAY)
    for language in ("kk", "ru", "en"):
        plan = case_plan.build_plan(demo_database, caseworker, person, language)
        path = tmp_path / f"demo-{language}.pdf"
        case_plan.write_plan(plan, path)
        text, pages = text_of(path)
        assert pages <= 2
        assert "Қазақ тілін B1 деңгейіне дейін үйрену" in text
        assert plan.client_name.split()[0] in text
    with pytest.raises(ReportProblem):
        case_plan.write_plan(plan, tmp_path / "plan.xlsx")


def test_the_command_line_prints_the_plan_in_the_clients_language(
        database_path: Path, tmp_path: Path) -> None:
    from db.migrate import open_database
    from db.models import Consultation
    from tests.cli.test_commands import assert_one_line_error, qadam
    from tests.reports.known_month import build

    database = open_database(database_path)
    known = build(database)
    with database.session() as session:
        person = session.get(Consultation, known.consultation_id).person_id  # type: ignore[union-attr]
    database.dispose()
    out = tmp_path / "plan.pdf"
    result = qadam("--db", database_path, "report", "plan", "--client", str(person), "--out",
                   out)
    assert result.returncode == 0, result.stderr
    text, pages = text_of(out)
    assert pages == 1 and "Нұрпейісова Әлия" in text and "Клиенттің қолы" in text
    line = assert_one_line_error(qadam("--db", database_path, "report", "plan", "--client",
                                       "not-an-id", "--out", tmp_path / "no.pdf"))
    assert "not-an-id" in line and not (tmp_path / "no.pdf").exists()
