"""Demo data: deterministic, consistent, and shaped like a real center's caseload."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from datetime import date, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from db.base import Base
from db.migrate import open_database
from db.models import AuditEntry
from db.session import Database
from desktop.domain.iin import check_iin
from desktop.services.demo.generator import DemoAlreadyPresent, generate
from desktop.services.progress import Cancelled, Progress
from tests.conftest import DEMO_CLIENTS, DEMO_TODAY


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def fresh(tmp_path: Path, template: Path, name: str) -> Path:
    path = tmp_path / name
    shutil.copyfile(template, path)
    return path


def test_the_same_seed_gives_the_same_clients(tmp_path: Path, migrated_template: Path) -> None:
    contents = []
    for name in ("a.db", "b.db"):
        path = fresh(tmp_path, migrated_template, name)
        database = open_database(path)
        generate(database, clients=120, seed=11, today=DEMO_TODAY)
        database.dispose()
        contents.append([rows(path, sql) for sql in (
            "SELECT id, surname, given_name, iin, birth_date, profession FROM person ORDER BY id",
            "SELECT id, employer_id, title, positions, status, closed_on, profession, locality "
            "FROM vacancy ORDER BY id",
            "SELECT id, person_id, qualification, experience_years, seeking FROM job_seeker "
            "ORDER BY id",
            "SELECT id, vacancy_id, kind, status, interview_on FROM job_referral ORDER BY id",
            "SELECT id, due_on, checked_on, still_employed, follow_up_id FROM retention_check "
            "ORDER BY id")])
    assert contents[0] == contents[1] and len(contents[0][0]) == 120
    assert all(contents[0])  # vacancies, job seekers, referrals and checks alike


def test_every_reference_holds_and_every_iin_is_valid(demo_template: Path) -> None:
    assert rows(demo_template, "PRAGMA foreign_key_check") == []
    iins = [r[0] for r in rows(demo_template, "SELECT iin FROM person WHERE iin IS NOT NULL")]
    assert len(iins) > DEMO_CLIENTS / 2
    assert all(check_iin(iin).valid for iin in iins)
    assert len(set(iins)) == len(iins)
    # Every person is in the search index.
    assert rows(demo_template, "SELECT count(*) FROM person_search")[0][0] == DEMO_CLIENTS


def test_the_caseload_looks_like_a_real_centers(demo_template: Path) -> None:
    categories = Counter(r[0] for r in rows(demo_template, "SELECT category_code FROM person"))
    assert categories.most_common(1)[0][0] == "kandas"
    kandas_origins = Counter(r[0] for r in rows(
        demo_template, "SELECT country_of_origin FROM person WHERE category_code = 'kandas'"))
    assert {"UZ", "CN"} <= {code for code, _ in kandas_origins.most_common(2)}
    chinese = rows(demo_template, "SELECT name_original, surname_latin FROM person "
                                  "WHERE category_code LIKE 'labour%' AND country_of_origin = 'CN'")
    assert chinese and all(original for original, _ in chinese)  # Hanzi beside the Cyrillic
    kazakh_letters = set("ӘҒҚҢӨҰҮҺІәғқңөұүһі")
    names = "".join(r[0] for r in rows(demo_template, "SELECT surname || given_name FROM person"))
    assert kazakh_letters & set(names)
    assert rows(demo_template, "SELECT count(*) FROM household_link")[0][0] > 0


def test_history_covers_every_service_and_has_work_due(demo_template: Path) -> None:
    today = DEMO_TODAY.isoformat()
    soon = (DEMO_TODAY + timedelta(days=30)).isoformat()
    counts = {table: rows(demo_template, f"SELECT count(*) FROM {table}")[0][0] for table in (
        "consultation", "course_enrolment", "attendance", "job_referral", "placement",
        "retention_check", "referral", "document", "follow_up", "level_assessment")}
    assert all(counts.values()), counts
    expiring = rows(demo_template, f"SELECT count(*) FROM document WHERE expires_on >= '{today}'"
                                   f" AND expires_on <= '{soon}'")[0][0]
    overdue = rows(demo_template, f"SELECT count(*) FROM follow_up WHERE done = 0 "
                                  f"AND due_on < '{today}'")[0][0]
    assert expiring > 0 and overdue > 0
    oldest = rows(demo_template, "SELECT min(held_at) FROM consultation")[0][0]
    assert oldest >= (DEMO_TODAY - timedelta(days=731)).isoformat()  # two years of history
    assert rows(demo_template, "SELECT max(held_at) FROM consultation")[0][0] <= f"{today}~"


def test_demo_refuses_a_database_that_holds_clients(demo_database: Database) -> None:
    with pytest.raises(DemoAlreadyPresent) as present:
        generate(demo_database, clients=10, today=date(2026, 1, 1))
    assert present.value.count == DEMO_CLIENTS


def test_a_cancelled_generation_writes_nothing(database: Database) -> None:
    seen = []
    token = Progress()
    # The user presses Cancel as soon as the first chunk is reported.
    token.listen(lambda done, total: (seen.append(done), token.cancel()))
    with pytest.raises(Cancelled):
        generate(database, clients=5000, seed=2, today=DEMO_TODAY, progress=token)
    assert seen == [2000]  # it had written a chunk before the cancel
    with database.reading() as connection:
        for table in ("person", "consultation", "office", "app_user", "person_search"):
            assert connection.scalar(text(f"SELECT count(*) FROM {table}")) == 0


def test_the_same_seed_gives_the_same_demo_on_both_engines(
        server_database: str, tmp_path: Path) -> None:
    """Every row of every table alike (reference data too), but what no two runs share
    (the time it was written, the passwords' salts); SQLAlchemy reads both engines'
    values into the same Python values."""
    contents = []
    for target in (tmp_path / "demo.db", server_database):
        database = open_database(target)
        try:
            generate(database, clients=120, seed=11, today=DEMO_TODAY)
            contents.append(_every_row(database))
        finally:
            database.dispose()
    on_sqlite, on_postgres = contents
    assert on_sqlite.keys() == on_postgres.keys()
    for table, written in on_sqlite.items():
        assert written == on_postgres[table], table
    assert len(on_sqlite["person"]) == 120 and all(
        on_sqlite[t] for t in ("vacancy", "job_referral", "retention_check", "stay"))


UNREPEATABLE = ("created_at", "updated_at", "password_hash")


def _every_row(database: Database) -> dict[str, list[tuple[object, ...]]]:
    tables = {}
    with database.reading() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.c if c.key not in UNREPEATABLE]
            tables[table.name] = sorted((tuple(row) for row in connection.execute(
                select(*columns))), key=repr)
    return tables


def test_demo_staff_log_in_with_the_readme_passwords(demo_database: Database) -> None:
    from desktop.services.auth import log_in

    assert log_in(demo_database, "admin", "qadam-admin").role.value == "admin"
    assert log_in(demo_database, "manager.ala", "qadam-manager").office_code == "ALA"
    assert log_in(demo_database, "cw1.ast", "qadam-caseworker").role.value == "caseworker"


def test_transfers_are_consistent_with_the_cases_they_moved(demo_template: Path) -> None:
    accepted = rows(demo_template, """
        SELECT t.decided_on, o.status, o.closed_on, o.closure_reason_code, o.office_id,
               t.from_office_id, n.transferred_from_id = o.id, n.office_id, n.opened_on,
               p.office_id, t.to_office_id, t.decided_by IS NOT NULL
        FROM case_transfer t JOIN client_case o ON o.id = t.case_id
        JOIN client_case n ON n.id = t.new_case_id JOIN person p ON p.id = t.person_id
        WHERE t.status = 'accepted'""")
    pending = rows(demo_template, """
        SELECT c.status, c.office_id = t.from_office_id, p.office_id = t.from_office_id
        FROM case_transfer t JOIN client_case c ON c.id = t.case_id
        JOIN person p ON p.id = t.person_id WHERE t.status = 'requested'""")
    assert accepted and pending  # about 1 % of the clients, a quarter of them still waiting
    for (decided, status, closed, reason, office, giving, continues, new_office, opened,
         person_office, receiving, decider) in accepted:
        assert (status, closed, reason) == ("closed", decided, "transferred_to_other_office")
        assert office == giving and continues and opened == decided and decider
        assert new_office == person_office == receiving
    assert all(row == ("open", 1, 1) for row in pending)
    # What was left to do moved with the case: no open task or goal stays on a moved one.
    assert rows(demo_template, """
        SELECT count(*) FROM follow_up f JOIN client_case c ON c.id = f.case_id
        WHERE NOT f.done AND c.closure_reason_code = 'transferred_to_other_office'""") == [(0,)]
    assert rows(demo_template, """
        SELECT count(*) FROM case_goal g JOIN client_case c ON c.id = g.case_id
        WHERE g.status IN ('planned', 'in_progress')
        AND c.closure_reason_code = 'transferred_to_other_office'""") == [(0,)]
    # Only a transfer closes a case so; every continuation has its transfer.
    assert rows(demo_template, """
        SELECT count(*) FROM client_case c WHERE c.closure_reason_code =
        'transferred_to_other_office' AND NOT EXISTS (SELECT 1 FROM case_transfer t
        WHERE t.case_id = c.id AND t.status = 'accepted')""") == [(0,)]
    assert rows(demo_template, """
        SELECT count(*) FROM client_case c WHERE c.transferred_from_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM case_transfer t WHERE t.new_case_id = c.id)""") == [(0,)]


# ---- job placement ----------------------------------------------------------------------------

def test_no_vacancy_has_more_hires_than_places(demo_template: Path) -> None:
    over = rows(demo_template, """
        SELECT v.id, v.positions, count(r.id) FROM vacancy v
        JOIN job_referral r ON r.vacancy_id = v.id AND r.status = 'hired'
        GROUP BY v.id HAVING count(r.id) > v.positions""")
    assert over == []
    # Every placement is a hire through a vacancy, and holds its title, employer and sector.
    assert rows(demo_template, """
        SELECT count(*) FROM placement p JOIN job_referral r ON r.id = p.job_referral_id
        JOIN vacancy v ON v.id = r.vacancy_id
        WHERE r.status != 'hired' OR p.position != v.title OR p.employer_id != v.employer_id
        OR p.sector_code != v.sector_code OR p.contract_type IS NULL""") == [(0,)]
    contracts = Counter(r[0] for r in rows(demo_template, "SELECT contract_type FROM placement"))
    assert contracts.most_common(1)[0][0] == "permanent"


def test_a_referral_goes_to_a_vacancy_open_on_its_day(demo_template: Path) -> None:
    assert rows(demo_template, """
        SELECT count(*) FROM job_referral r JOIN vacancy v ON v.id = r.vacancy_id
        WHERE v.closed_on IS NOT NULL AND coalesce(r.outcome_on, r.referred_on) > v.closed_on
        """) == [(0,)]
    # A referral still waiting for its outcome is to a vacancy open today.
    assert rows(demo_template, """
        SELECT count(*) FROM job_referral r JOIN vacancy v ON v.id = r.vacancy_id
        WHERE r.status = 'referred' AND r.kind = 'job' AND v.status != 'open'""") == [(0,)]


def test_every_placement_has_its_retention_checks_due_or_recorded(demo_template: Path) -> None:
    today = DEMO_TODAY.isoformat()
    checks = rows(demo_template, """
        SELECT p.started_on, p.ended_on, c.months_after, c.due_on, c.checked_on,
               c.still_employed, c.leaving_reason_code, c.follow_up_id
        FROM retention_check c JOIN placement p ON p.id = c.placement_id""")
    assert rows(demo_template, """
        SELECT count(*) FROM placement p WHERE (SELECT group_concat(months_after) FROM
        (SELECT months_after FROM retention_check c WHERE c.placement_id = p.id
         ORDER BY months_after)) IS NOT '3,6'""") == [(0,)]
    recorded = pending = 0
    for started, ended, months, due, checked, still, reason, follow_up in checks:
        start = date.fromisoformat(started)
        month = start.month - 1 + months
        assert date.fromisoformat(due).replace(day=1) == date(start.year + month // 12,
                                                              month % 12 + 1, 1)
        if due <= today:
            recorded += 1
            assert checked is not None and due <= checked <= today and follow_up
            assert still == (ended is None or ended > due)
            assert (reason is None) == bool(still)
        else:
            pending += 1
            assert (checked, still, reason) == (None, None, None) and follow_up
    assert recorded and pending
    # Each has a follow-up for the client's caseworker, due that day: open while the check
    # is to come, done once it is recorded.
    assert rows(demo_template, """
        SELECT count(*) FROM retention_check c JOIN placement p ON p.id = c.placement_id
        LEFT JOIN follow_up f ON f.id = c.follow_up_id
        LEFT JOIN client_case k ON k.id = f.case_id
        WHERE f.id IS NULL OR f.done != (c.checked_on IS NOT NULL) OR f.due_on != c.due_on
        OR f.person_id != p.person_id OR f.assignee_id != k.caseworker_id
        OR f.title NOT LIKE c.months_after || ' айдан кейінгі тексеру%'""") == [(0,)]


def test_job_seekers_have_a_profile_and_the_hired_stop_seeking(demo_template: Path) -> None:
    # Whoever was referred to a job has a profile and a profession.
    assert rows(demo_template, """
        SELECT count(DISTINCT r.person_id) FROM job_referral r
        LEFT JOIN job_seeker s ON s.person_id = r.person_id JOIN person p ON p.id = r.person_id
        WHERE s.id IS NULL OR p.profession = ''""") == [(0,)]
    seekers, without_referral = rows(demo_template, """
        SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM job_referral r
                                         WHERE r.person_id = s.person_id))
        FROM job_seeker s""")[0]
    assert 0.25 * seekers < without_referral < 0.75 * seekers  # about as many again
    # Hired and still employed: not seeking.
    assert rows(demo_template, """
        SELECT count(*) FROM job_seeker s JOIN placement p ON p.person_id = s.person_id
        WHERE p.ended_on IS NULL AND s.seeking""") == [(0,)]
    assert rows(demo_template, "SELECT count(*) FROM job_seeker WHERE seeking")[0][0] > 0
    # Each wants a sector or three and their own region (sometimes a second).
    wishes = rows(demo_template, """
        SELECT (SELECT count(*) FROM job_seeker_sector x WHERE x.job_seeker_id = s.id),
               EXISTS (SELECT 1 FROM job_seeker_region x WHERE x.job_seeker_id = s.id
                       AND x.region_code = p.region_code),
               s.experience_years, s.unemployed_since,
               (SELECT min(referred_on) FROM job_referral r WHERE r.person_id = s.person_id)
        FROM job_seeker s JOIN person p ON p.id = s.person_id""")
    for sectors, home, years, since, first_referred in wishes:
        assert 1 <= sectors <= 3 and home
        assert years is None or 0 <= years <= 25
        assert since is None or first_referred is None or since < first_referred


def test_the_demo_has_open_vacancies_with_requirements(demo_template: Path) -> None:
    statuses = dict(rows(demo_template, "SELECT status, count(*) FROM vacancy GROUP BY status"))
    assert statuses["open"] >= 480 and statuses["on_hold"] and statuses["closed"]
    assert rows(demo_template, "SELECT count(*) FROM vacancy WHERE status = 'closed' "
                               "AND closed_on IS NULL OR status != 'closed' "
                               "AND closed_on IS NOT NULL") == [(0,)]
    asked = rows(demo_template, """
        SELECT sum(profession != ''), sum(min_experience_years IS NOT NULL),
               sum(driving_licence != ''), sum(locality != ''), count(*),
               (SELECT count(DISTINCT vacancy_id) FROM vacancy_language) FROM vacancy""")[0]
    assert all(asked) and asked[3] == asked[4]
    # Drivers need a licence; a seeker who is a driver mostly has one.
    assert rows(demo_template, "SELECT count(*) FROM vacancy WHERE profession = 'жүргізуші' "
                               "AND driving_licence = ''")[0][0] < rows(
        demo_template, "SELECT count(*) FROM vacancy WHERE profession = 'жүргізуші'")[0][0] / 4


def test_matching_finds_seekers_for_a_demo_vacancy(demo_database: Database) -> None:
    from desktop.services.auth import log_in
    from desktop.services.employment import matching

    manager = log_in(demo_database, "manager.ast", "qadam-manager")
    with demo_database.session() as session:
        from sqlalchemy import select

        from db.models import Vacancy, VacancyStatus
        open_ids = session.scalars(select(Vacancy.id).where(
            Vacancy.status == VacancyStatus.OPEN, Vacancy.profession != "")).all()
    found = [matching.match_seekers(demo_database, manager, vacancy_id)[1]
             for vacancy_id in open_ids[:40]]
    assert any(any(m.shortfalls == 0 and m.score >= matching.WEIGHTS["profession"]
                   for m in matches) for matches in found)


def test_training_referrals_go_to_the_employment_provider(demo_template: Path) -> None:
    training = rows(demo_template, """
        SELECT r.service_type_code, r.employer_id, r.vacancy_id, r.course_title, r.starts_on,
               r.ends_on, r.status, p.area_code, r.referred_on
        FROM job_referral r JOIN provider p ON p.id = r.provider_id WHERE r.kind = 'training'""")
    assert training
    assert rows(demo_template, "SELECT count(*) FROM job_referral WHERE kind = 'training'") == [
        (len(training),)]
    for service, employer, vacancy, course, starts, ends, status, area, referred in training:
        assert service in ("vocational_training", "requalification") and area == "employment"
        assert employer is None and vacancy is None and course
        assert referred < starts < ends
        assert status in ("referred", "started", "completed", "dropped", "rejected", "no_show")
    assert rows(demo_template, """
        SELECT count(*) FROM job_referral WHERE kind = 'job' AND (service_type_code !=
        'job_placement' OR employer_id IS NULL OR provider_id IS NOT NULL
        OR interview_on IS NOT NULL AND (interview_on < referred_on OR interview_on > outcome_on)
        OR status = 'interview' AND interview_on IS NULL)""") == [(0,)]


def test_a_large_demo_has_an_open_vacancy_for_every_18_clients() -> None:
    import random
    import uuid

    from desktop.services.demo import organisation

    class Rows:  # the center's rows, not written: only the vacancies are counted
        def add(self, table: str, row: tuple) -> None:
            pass

    rng = random.Random(1)
    org = organisation.build(Rows(), rng, DEMO_TODAY,  # type: ignore[arg-type]
                             lambda: uuid.UUID(int=rng.getrandbits(128), version=4),
                             clients=100_000, extra=random.Random("vacancies-1"))
    vacancies = org.all_vacancies()
    open_count = sum(v.status == "open" for v in vacancies)
    assert open_count >= 5000 and abs(open_count - 100_000 / 18) < 10
    assert len(org.vacancies) == 480  # the first ones, as the main stream always drew them
    assert len(org.employers) == 2500
    assert len({v.employer.id for v in vacancies}) > 2000  # spread over the employers


def test_the_social_services_demo_has_every_step_and_its_figures_hold(
        demo_template: Path) -> None:
    statuses = {s for (s,) in rows(demo_template, "SELECT DISTINCT status FROM referral")}
    assert {"referred", "accepted", "completed", "refused", "no_response"} <= statuses
    # Each referral goes to a provider that delivers its service.
    assert rows(demo_template, """SELECT count(*) FROM referral r WHERE NOT EXISTS (
        SELECT 1 FROM provider_service s WHERE s.provider_id = r.provider_id
        AND s.service_type_code = r.service_type_code)""")[0][0] == 0
    assert rows(demo_template, "SELECT count(*) FROM referral WHERE amount > 0")[0][0] > 0
    # Nothing is paid beyond what was granted, and only a quota case has measures.
    assert rows(demo_template, """SELECT count(*) FROM entitlement e WHERE amount_granted <
        (SELECT coalesce(sum(amount), 0) FROM entitlement_payment p
         WHERE p.entitlement_id = e.id)""")[0][0] == 0
    assert rows(demo_template, """SELECT count(*) FROM entitlement e JOIN client_case c
        ON c.id = e.case_id WHERE c.quota_year IS NULL""")[0][0] == 0
    assert rows(demo_template, "SELECT count(*) FROM entitlement_payment")[0][0] > 0
    # Rooms never hold more than their beds on any night: checked on the demo's last day.
    over = rows(demo_template, f"""SELECT r.name, r.beds, count(*) FROM stay s
        JOIN room r ON r.id = s.room_id WHERE s.checked_in_on <= '{DEMO_TODAY}'
        AND (s.checked_out_on IS NULL OR s.checked_out_on > '{DEMO_TODAY}')
        GROUP BY r.id HAVING count(*) > r.beds""")
    assert over == []
    assert rows(demo_template, "SELECT count(*) FROM stay WHERE with_stay_id IS NOT NULL")[0][0]


# ---- a demo that reads as real ----------------------------------------------------------------

def small_children(path: Path) -> str:
    """The persons under 14 on the demo's day, as SQL: a parent acts for them."""
    fourteen = DEMO_TODAY.replace(year=DEMO_TODAY.year - 14).isoformat()
    return f"SELECT id FROM person WHERE birth_date > '{fourteen}'"


def test_small_children_have_no_appointments_or_follow_ups_of_their_own(
        demo_template: Path) -> None:
    children = small_children(demo_template)
    assert rows(demo_template, f"SELECT count(*) FROM ({children})")[0][0] > 20
    assert rows(demo_template, f"""SELECT count(*) FROM follow_up
        WHERE person_id IN ({children})""") == [(0,)]
    assert rows(demo_template, f"""SELECT count(*) FROM consultation
        WHERE next_appointment_at IS NOT NULL AND person_id IN ({children})""") == [(0,)]
    # Their parents' files have them: grown-ups' appointments and tasks are there.
    assert rows(demo_template, f"""SELECT count(*) FROM consultation
        WHERE next_appointment_at IS NOT NULL AND person_id NOT IN ({children})""")[0][0] > 0
    assert rows(demo_template, f"""SELECT count(*) FROM follow_up
        WHERE person_id NOT IN ({children})""")[0][0] > 0


def test_a_dropped_course_ends_on_the_last_session_attended_not_on_a_completion_day(
        demo_template: Path) -> None:
    dropped = rows(demo_template, """
        SELECT e.finished_on, g.starts_on, g.ends_on, e.level_after_code,
               (SELECT max(s.held_on) FROM attendance a
                JOIN course_session s ON s.id = a.session_id WHERE a.enrolment_id = e.id),
               (SELECT count(*) FROM level_assessment l WHERE l.person_id = e.person_id
                AND l.assessed_on = g.ends_on)
        FROM course_enrolment e JOIN course_group g ON g.id = e.group_id
        WHERE e.status = 'dropped'""")
    assert dropped
    for finished, starts, ends, level_after, last_session, assessed in dropped:
        assert starts <= finished < ends and finished <= DEMO_TODAY.isoformat()
        assert finished == last_session  # the day they stopped coming
        assert level_after is None and assessed == 0
    completed = rows(demo_template, """SELECT count(*) FROM course_enrolment e
        JOIN course_group g ON g.id = e.group_id
        WHERE e.status = 'completed' AND e.finished_on IS NOT g.ends_on""")
    assert completed == [(0,)]


def test_no_follow_up_is_left_long_overdue_nor_open_once_the_work_is_done(
        demo_template: Path) -> None:
    today = DEMO_TODAY.isoformat()
    month_ago = (DEMO_TODAY - timedelta(days=30)).isoformat()
    overdue = rows(demo_template, f"SELECT count(*) FROM follow_up WHERE NOT done "
                                  f"AND due_on < '{today}'")[0][0]
    assert overdue > 0  # Today has work in it
    assert rows(demo_template, f"SELECT count(*) FROM follow_up WHERE NOT done "
                               f"AND due_on < '{month_ago}'") == [(0,)]
    assert rows(demo_template, """SELECT count(*) FROM follow_up f
        JOIN client_case c ON c.id = f.case_id WHERE NOT f.done AND c.status = 'closed'""") == [
        (0,)]
    # A client whose every service is over (courses ended, referrals answered) has nothing
    # overdue left to chase.
    under_way = """(EXISTS (SELECT 1 FROM course_enrolment e WHERE e.person_id = p.id
                            AND e.status IN ('enrolled', 'waiting'))
                    OR EXISTS (SELECT 1 FROM job_referral r WHERE r.person_id = p.id
                               AND r.status IN ('referred', 'interview', 'started'))
                    OR EXISTS (SELECT 1 FROM referral r WHERE r.person_id = p.id
                               AND r.status IN ('referred', 'accepted')))"""
    served = """(EXISTS (SELECT 1 FROM course_enrolment e WHERE e.person_id = p.id)
                 OR EXISTS (SELECT 1 FROM job_referral r WHERE r.person_id = p.id)
                 OR EXISTS (SELECT 1 FROM referral r WHERE r.person_id = p.id))"""
    assert rows(demo_template, f"""SELECT count(*) FROM person p WHERE {served}
        AND NOT {under_way}""")[0][0] > 20
    assert rows(demo_template, f"""SELECT count(*) FROM follow_up f JOIN person p
        ON p.id = f.person_id WHERE NOT f.done AND f.due_on < '{today}' AND {served}
        AND NOT {under_way}""") == [(0,)]
    # A task about a service is open only while that service is.
    for title, service in (
            ("Курсқа қатысуын тексеру", "SELECT 1 FROM course_enrolment e WHERE e.person_id "
             "= f.person_id AND e.status IN ('enrolled', 'waiting')"),
            ("Жұмыс берушіге жолдама нәтижесі", "SELECT 1 FROM job_referral r WHERE "
             "r.person_id = f.person_id AND r.status IN ('referred', 'interview', 'started')"),
            ("Әлеуметтік көмек бойынша жауап", "SELECT 1 FROM referral r WHERE r.person_id = "
             "f.person_id AND r.status IN ('referred', 'accepted')")):
        assert rows(demo_template, f"""SELECT count(*) FROM follow_up f WHERE NOT f.done
            AND f.title = '{title}' AND NOT EXISTS ({service})""") == [(0,)], title


def test_consultation_advice_is_in_the_clients_language(demo_template: Path) -> None:
    advice = rows(demo_template, """SELECT p.preferred_language, c.advice FROM consultation c
        JOIN person p ON p.id = c.person_id""")
    by_language: dict[str, set[str]] = {}
    for language, said in advice:
        by_language.setdefault(language, set()).add(said)
    assert set(by_language) == {"kk", "ru"}
    kazakh = set("ӘҒҚҢӨҰҮҺІәғқңөұүһі")
    assert all(said and not kazakh & set(said) for said in by_language["ru"])
    assert all(kazakh & set(said) for said in by_language["kk"])


# Each table's days that say when something happened to the person.
DATED = {"person": ("consent_date", "arrival_date"), "client_case": ("opened_on", "closed_on"),
         "consultation": ("held_at",), "document": ("issued_on",),
         "follow_up": ("due_on", "done_at"),
         "course_enrolment": ("enrolled_on", "finished_on", "waiting_since"),
         "level_assessment": ("assessed_on",),
         "job_referral": ("referred_on", "outcome_on", "interview_on"),
         "placement": ("started_on", "ended_on"),
         "referral": ("referred_on", "accepted_on", "closed_on"),
         "job_seeker": ("unemployed_since",), "stay": ("checked_in_on",)}


def test_no_record_of_a_person_is_dated_before_their_birth_nor_after_today(
        demo_template: Path) -> None:
    tomorrow = (DEMO_TODAY + timedelta(days=1)).isoformat()
    for table, columns in DATED.items():
        owner = "id" if table == "person" else "person_id"
        for column in columns:
            early, late = rows(demo_template, f"""SELECT sum(r.{column} < p.birth_date),
                sum(r.{column} >= '{tomorrow}' AND '{column}' NOT IN ('due_on', 'done_at'))
                FROM {table} r JOIN person p ON p.id = r.{owner}""")[0]
            assert (early or 0, late or 0) == (0, 0), f"{table}.{column}"
    # Children born since their family came "arrived" with their birth.
    born_here = rows(demo_template, """SELECT count(*) FROM person p
        JOIN household_link h ON h.related_person_id = p.id
        JOIN person parent ON parent.id = h.person_id
        WHERE h.relationship_code = 'child' AND p.birth_date > parent.arrival_date""")[0][0]
    assert born_here > 0
    assert rows(demo_template, """SELECT count(*) FROM audit_log a JOIN person p
        ON p.id = a.record_id WHERE a.table_name = 'person' AND a.at < p.birth_date""") == [(0,)]


def test_the_audit_log_holds_each_step_of_the_demos_two_years(demo_template: Path) -> None:
    logged = dict(((table, action), count) for table, action, count in rows(
        demo_template, "SELECT table_name, action, count(*) FROM audit_log GROUP BY 1, 2"))
    for table in ("person", "client_case", "consultation", "course_enrolment",
                  "job_referral", "placement", "referral"):
        made = rows(demo_template, f"SELECT count(*) FROM {table}")[0][0]
        assert logged[(table, "insert")] == made > 0, table
    # each outcome too: a closed case, a finished course, a settled referral
    for table, finished in (("client_case", "closed_on IS NOT NULL"),
                            ("course_enrolment", "status IN ('completed', 'dropped')"),
                            ("job_referral", "status != 'referred'"),
                            ("referral", "status != 'referred'")):
        done = rows(demo_template, f"SELECT count(*) FROM {table} WHERE {finished}")[0][0]
        assert logged[(table, "update")] >= done > 0, table
    tomorrow = (DEMO_TODAY + timedelta(days=1)).isoformat()
    assert rows(demo_template, f"SELECT count(*) FROM audit_log WHERE at >= '{tomorrow}'") == [
        (0,)]


def test_the_history_tab_of_a_demo_client_shows_their_two_years(
        demo_database: Database) -> None:
    from db.models import Case, Consultation, Person
    from desktop.services.auth import log_in
    from desktop.services.client_file import load_file

    manager = log_in(demo_database, "manager.ast", "qadam-manager")
    with demo_database.reading() as connection:
        registered = connection.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.table_name == "person", AuditEntry.action == "insert"))
        # The client of the office who came over the longest time, three times or more.
        spans = connection.execute(
            select(Consultation.person_id, func.min(Consultation.held_at),
                   func.max(Consultation.held_at))
            .join(Person, Person.id == Consultation.person_id)
            .where(Person.office_id == manager.office_id)
            .group_by(Consultation.person_id).having(func.count(Consultation.id) >= 3)).all()
        person, first, last = max(spans, key=lambda s: (s[2] - s[1], s[0]))
        opened = connection.scalar(select(func.min(Case.opened_on))
                                   .where(Case.person_id == person))
        consultations = connection.scalar(select(func.count()).select_from(Consultation)
                                          .where(Consultation.person_id == person))
    assert registered == DEMO_CLIENTS  # every client's file begins with their registration
    assert last - first > timedelta(days=365)

    history = load_file(demo_database, manager, person, DEMO_TODAY).history
    created = Counter(item.record.split(":")[0] for item in history if item.action == "Created")
    assert created["Client"] == 1 and created["Case"] >= 1
    assert created["Consultation"] == consultations
    assert created["Follow-up"] == 0  # the caseworker's tasks: the Follow-ups tab has them
    # From their intake to their last visit, each step by the caseworker who took it.
    assert min(item.at.date() for item in history) <= opened
    kazakhstan = timezone(timedelta(hours=5))  # the demo's days are Kazakhstan's
    assert max(item.at for item in history) >= last.replace(tzinfo=kazakhstan)
    assert all(item.who for item in history)
    consultation = next(item for item in history if item.record.startswith("Consultation"))
    assert {"Channel", "Advice", "Topics"} <= {field for field, _old, _new in
                                             consultation.changes}
