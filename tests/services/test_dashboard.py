"""The dashboard's figures on a hand-counted month (tests/reports/known_month.py), the same
as the monthly report's; the clients behind each figure; who may look."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from db.models import Document, Office, Person, Role, User
from db.models.person import DocumentStatus
from db.session import Database
from desktop.services.access import LOCAL_OPERATOR, AccessDenied, Actor
from desktop.services.dashboard import (
    FIGURES,
    HEADLINE_OF,
    MONTHS,
    Behind,
    Dashboard,
    figure_clients,
    load_dashboard,
)
from desktop.services.reports import build_monthly
from tests.conftest import DEMO_TODAY
from tests.reports.known_month import build

NOW = datetime(2026, 11, 25, 12, 0)  # known_month's TODAY, at noon
OCTOBER = MONTHS - 2  # the month before this one, among the months shown


@dataclass
class People:
    manager: Actor
    caseworker: Actor
    offices: dict[str, uuid.UUID]
    by_name: dict[str, uuid.UUID]  # given name → person id
    users: dict[str, uuid.UUID]  # login → user id


def actor(user: User, office: Office) -> Actor:
    return Actor(user.id, user.login, user.full_name, user.role, office.id, office.code,
                 office.name)


@pytest.fixture
def known(database: Database) -> People:
    build(database)
    with database.session() as s:
        offices = {o.code: o for o in s.scalars(select(Office))}
        boss = User(login="dana", full_name="Мұратова Дана", role=Role.MANAGER,
                    office_id=offices["AST"].id)
        s.add(boss)
        s.flush()
        aigerim = s.scalars(select(User).where(User.login == "aigerim")).one()
        people = {p.given_name: p.id for p in s.scalars(select(Person))}
        # Documents at the end of November: one running out in 10 days, one in 40 (later
        # than the 30 days looked at), one running out soon but revoked, one expired.
        for number, person, expires, status in (
                ("N1", "Әлия", NOW.date() + timedelta(days=10), DocumentStatus.VALID),
                ("N2", "Шерзод", NOW.date() + timedelta(days=40), DocumentStatus.VALID),
                ("N3", "Мариам", NOW.date() + timedelta(days=5), DocumentStatus.REVOKED),
                ("N4", "Жанболат", NOW.date() - timedelta(days=1), DocumentStatus.VALID)):
            s.add(Document(person_id=people[person], type_code="residence_permit",
                           number=number, expires_on=expires, status=status))
        users = {u.login: u.id for u in s.scalars(select(User))}
        return People(actor(boss, offices["AST"]), actor(aigerim, offices["AST"]),
                      {code: o.id for code, o in offices.items()}, people, users)


def all_clients(database: Database, who: Actor, behind: Behind, limit: int = 2) -> list[uuid.UUID]:
    """Every client behind a figure, page by page (two at a time: paging is tested too)."""
    found: list[uuid.UUID] = []
    while True:
        page = figure_clients(database, who, behind, len(found), limit)
        found.extend(line.person_id for line in page.lines)
        if not page.lines or len(found) >= page.total:
            assert len(found) == page.total
            return found


def month_figures(board: Dashboard, month: int) -> dict[str, int]:
    return {f.key: f.months[month] for f in board.figures}


def test_the_months_shown_end_with_this_one_so_far(database: Database, known: People) -> None:
    board = load_dashboard(database, known.manager, now=NOW)
    assert len(board.months) == MONTHS and board.as_of == NOW
    assert [m.first for m in board.months][:2] == [date(2025, 12, 1), date(2026, 1, 1)]
    assert board.this_month.first == date(2026, 11, 1) and not board.this_month.complete
    assert board.this_month.last == NOW.date() and board.months[OCTOBER].complete
    assert (board.same_days_last_month.first, board.same_days_last_month.last) == (
        date(2026, 10, 1), date(2026, 10, 25))
    assert [o.code for o in board.offices] == ["ALA", "AST"]  # a manager may choose one


def test_the_figures_of_a_hand_counted_month_this_month_and_its_days_last_month(
        database: Database, known: People) -> None:
    board = load_dashboard(database, known.manager, now=NOW)
    # October: Шерзод's case is new (Жанболат's in Almaty continues a transfer); three
    # consultations; one enrolment (the waiting list never counts); five hires; two social
    # referrals completed (housing, 11 and 20 October); Әлия's and Жанболат's cases active.
    assert month_figures(board, OCTOBER) == {
        "new": 1, "consultations": 3, "enrolments": 1, "placements": 5,
        "referrals_completed": 2, "active": 2}
    # November to the 25th: Мариам's case, Жанболат's consultation at midnight on the 1st,
    # Дилноза's subsidised job, Шерзод's housing completed on the 5th; three cases active.
    assert {f.key: f.value for f in board.figures} == {
        "new": 1, "consultations": 1, "enrolments": 0, "placements": 1,
        "referrals_completed": 1, "active": 3}
    # 1 to 25 October: not the consultation of the 31st, nor the hire of that day; Шерзод's
    # case was closed on the 20th.
    assert {f.key: f.same_days_last_month for f in board.figures} == {
        "new": 1, "consultations": 2, "enrolments": 1, "placements": 4,
        "referrals_completed": 2, "active": 2}
    # Astana alone: its own cases and flows (the transfer's continuation is Almaty's).
    astana = load_dashboard(database, known.manager, known.offices["AST"], now=NOW)
    assert month_figures(astana, OCTOBER) == {
        "new": 1, "consultations": 3, "enrolments": 1, "placements": 3,
        "referrals_completed": 2, "active": 1}
    assert astana.office_name == "Астана кеңсесі"


def test_overdue_follow_ups_by_caseworker_and_documents_running_out(
        database: Database, known: People) -> None:
    board = load_dashboard(database, known.manager, now=NOW)
    # Ерлан: Жанболат's of 1 September and Мариам's of 10 November; Айгерім: Әлия's of
    # 15 October (Шерзод's two are done).
    assert [(o.caseworker, o.office_code, o.count, o.oldest_due) for o in board.overdue] == [
        ("Сейткали Ерлан", "ALA", 2, date(2026, 9, 1)),
        ("Сапарова Айгерім", "AST", 1, date(2026, 10, 15))]
    assert board.overdue_total == 3
    erlan = board.overdue[0]
    assert set(all_clients(database, known.manager, board.behind_overdue(erlan))) == {
        known.by_name["Жанболат"], known.by_name["Мариам"]}
    assert board.documents_expiring == 1 and board.document_days == 30
    assert all_clients(database, known.manager, board.behind_documents()) == [
        known.by_name["Әлия"]]
    astana = load_dashboard(database, known.manager, known.offices["AST"], now=NOW)
    assert [(o.caseworker, o.count) for o in astana.overdue] == [("Сапарова Айгерім", 1)]


def test_the_clients_behind_each_figure_are_exactly_those_counted(
        database: Database, known: People) -> None:
    board = load_dashboard(database, known.manager, now=NOW)
    names = {v: k for k, v in known.by_name.items()}
    behind = {key: sorted(names[p] for p in all_clients(database, known.manager,
                                                           board.behind(key, OCTOBER)))
              for key in FIGURES}
    assert behind == {
        "new": ["Шерзод"],
        "consultations": ["Шерзод", "Әлия"],  # Әлия's two consultations: one line
        "enrolments": ["Шерзод"],
        "placements": ["Бахтиёр", "Дилноза", "Жанболат", "Сарангэрэл", "Шерзод"],
        "referrals_completed": ["Жанболат", "Әлия"],
        "active": ["Жанболат", "Әлия"],
    }
    # The lines say who, masked as the client list shows them, in its order.
    page = figure_clients(database, known.manager, board.behind("active", OCTOBER))
    assert [(line.name, line.iin, line.office, line.caseworker) for line in page.lines] == [
        ("Құрманов Жанболат", "", "Алматы кеңсесі", "Сейткали Ерлан"),
        ("Нұрпейісова Әлия", "••••••••0017", "Астана кеңсесі", "Сапарова Айгерім")]
    last_days = all_clients(database, known.manager, board.behind("consultations", -1))
    assert sorted(names[p] for p in last_days) == ["Шерзод", "Әлия"]


def test_the_month_figures_are_the_monthly_reports(database: Database, known: People) -> None:
    for code in (None, "AST", "ALA"):
        office = known.offices[code] if code else None
        board = load_dashboard(database, known.manager, office, now=NOW)
        for month in (OCTOBER, MONTHS - 1):
            report = build_monthly(database, LOCAL_OPERATOR, board.months[month].first, code,
                                   "en", "Тест", now=NOW)
            headlines = {h.key: h for h in report.headlines}
            assert month_figures(board, month) == {
                key: headlines[HEADLINE_OF[key]].value for key in FIGURES}, (code, month)
        # This month's report compares itself with the same days of last month.
        assert {f.key: f.same_days_last_month for f in board.figures} == {
            key: headlines[HEADLINE_OF[key]].previous for key in FIGURES}
        assert board.overdue_total == headlines["overdue_follow_ups"].value


def test_on_the_demo_every_month_shown_is_its_monthly_report(demo_database: Database) -> None:
    with demo_database.session() as s:
        manager = s.scalars(select(User).where(User.login == "manager.ast")).one()
        office = s.get(Office, manager.office_id)
        me = actor(manager, office)
        astana = office.id
    now = datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=15)
    for office_id, code in ((None, None), (astana, "AST")):
        board = load_dashboard(demo_database, me, office_id, now=now)
        assert board.figure("active").value > 0 and board.figure("consultations").value > 0
        for month, period in enumerate(board.months):
            report = build_monthly(demo_database, LOCAL_OPERATOR, period.first, code, "en",
                                   "Тест", now=now)
            values = {h.key: h.value for h in report.headlines}
            assert month_figures(board, month) == {
                key: values[HEADLINE_OF[key]] for key in FIGURES}, (code, period.first)
        # Placements: one line per client placed, each client once.
        placed = all_clients(demo_database, me, board.behind("placements"), limit=50)
        assert len(placed) == len(set(placed)) <= board.figure("placements").value


def test_a_caseworker_is_refused(database: Database, known: People) -> None:
    with pytest.raises(AccessDenied):
        load_dashboard(database, known.caseworker, now=NOW)
    with pytest.raises(AccessDenied):
        figure_clients(database, known.caseworker, Behind("active", None, None))


def test_a_page_is_the_same_found_either_way(demo_database: Database,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Walking the clients in order (many counted) and sorting those counted (few) give
    the same pages, for every figure, with and without an office chosen."""
    from db.queries import dashboard as queries

    with demo_database.session() as s:
        manager = s.scalars(select(User).where(User.login == "manager.ast")).one()
        me = actor(manager, s.get(Office, manager.office_id))
    now = datetime.combine(DEMO_TODAY, datetime.min.time()).replace(hour=15)
    for office_id in (None, me.office_id):
        board = load_dashboard(demo_database, me, office_id, now=now)
        asked = [*(board.behind(key) for key in FIGURES), board.behind_documents(),
                 *(board.behind_overdue(line) for line in board.overdue[:2])]
        for behind in asked:
            pages = []
            for dense in (1, 10**9):
                monkeypatch.setattr(queries, "DENSE", dense)
                pages.append([figure_clients(demo_database, me, behind, offset, 25)
                              for offset in (0, 25)])
            assert pages[0] == pages[1], behind.figure
            assert pages[0][0].lines or not pages[0][0].total
