"""Job placement as a caseworker records it: the job-seeker profile, matching both ways with
its reasons, the referral pipeline for jobs and training, hires and retention checks.

Built by hand on a fresh database, so every vacancy and seeker is known."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from db.errors import StaleRecord
from db.models import (
    Case,
    ContractType,
    Employer,
    FollowUp,
    JobReferral,
    JobReferralStatus,
    Office,
    Person,
    PersonLanguage,
    Placement,
    Provider,
    RetentionCheck,
    Role,
    StatusChange,
    User,
    Vacancy,
    VacancyLanguage,
    VacancyStatus,
)
from db.session import Database
from desktop.i18n import set_language
from desktop.services import consultations
from desktop.services.access import AccessDenied, Actor
from desktop.services.client_file import load_file
from desktop.services.employment import job_seekers, matching, referrals, retention
from desktop.services.employment.errors import (
    AlreadyReferred,
    InvalidStep,
    NoOpenCase,
    NoPlacesLeft,
    ReferralNotInStep,
    RetentionNotDue,
    StepField,
    VacancyNotChosen,
    VacancyNotOpen,
)
from desktop.services.employment.job_seekers import JobSeekerEntry
from desktop.services.employment.messages import reason_text
from desktop.services.employment.referrals import HireEntry, TrainingEntry
from desktop.services.employment.retention import RetentionOutcome
from desktop.services.messages import describe, knows

TODAY = date(2026, 11, 16)


@dataclass
class Center:
    office: uuid.UUID
    other_office: uuid.UUID
    actor: Actor
    other_actor: Actor
    employer: uuid.UUID
    provider: uuid.UUID


def _user(session, login: str, office: Office, role: Role = Role.CASEWORKER) -> Actor:
    user = User(login=login, full_name=f"User {login}", role=role, office_id=office.id,
                password_hash=None)
    session.add(user)
    session.flush()
    return Actor(user.id, login, user.full_name, role, office.id, office.code, office.name)


@pytest.fixture
def center(database: Database) -> Center:
    set_language("en")
    with database.session() as session:
        ast = Office(code="AST", name="Астана кеңсесі", region_code="71")
        ala = Office(code="ALA", name="Алматы кеңсесі", region_code="75")
        session.add_all([ast, ala])
        session.flush()
        actor, other = _user(session, "cw.ast", ast), _user(session, "cw.ala", ala)
        employer = Employer(name="«Темір» ЖШС", sector_code="construction", region_code="71")
        provider = Provider(name_kk="Астана политехникалық колледжі", area_code="employment",
                            region_code="71")
        session.add_all([employer, provider])
        session.flush()
        return Center(ast.id, ala.id, actor, other, employer.id, provider.id)


def a_client(database: Database, center: Center, *, office: uuid.UUID | None = None,
             profession: str = "Дәнекерлеуші", region: str = "71",
             languages: dict[str, str | None] | None = None, case: bool = True,
             name: str = "Әлия") -> uuid.UUID:
    office = office or center.office
    with database.session() as session:
        person = Person(surname="Серікова", given_name=name, category_code="kandas",
                        office_id=office, region_code=region, profession=profession)
        session.add(person)
        session.flush()
        for code, level in (languages or {"kk": "b2"}).items():
            session.add(PersonLanguage(person_id=person.id, language_code=code,
                                       level_code=level))
        if case:
            worker = center.actor.user_id if office == center.office else \
                center.other_actor.user_id
            session.add(Case(person_id=person.id, office_id=office, caseworker_id=worker,
                             opened_on=TODAY - timedelta(days=60)))
        return person.id


def a_vacancy(database: Database, center: Center, title: str = "Дәнекерлеуші", *,
              sector: str = "construction", region: str | None = "71", positions: int = 2,
              profession: str = "", languages: dict[str, str | None] | None = None,
              licence: str = "", experience: int | None = None, wage: int | None = 300_000,
              status: VacancyStatus = VacancyStatus.OPEN) -> uuid.UUID:
    with database.session() as session:
        vacancy = Vacancy(employer_id=center.employer, title=title, sector_code=sector,
                          region_code=region, positions=positions, profession=profession,
                          driving_licence=licence, min_experience_years=experience,
                          monthly_wage=wage, opened_on=TODAY - timedelta(days=10),
                          status=status)
        session.add(vacancy)
        session.flush()
        for code, level in (languages or {}).items():
            session.add(VacancyLanguage(vacancy_id=vacancy.id, language_code=code,
                                        level_code=level))
        return vacancy.id


def profile(**changes: object) -> JobSeekerEntry:
    values: dict[str, object] = dict(
        profession="Дәнекерлеуші", qualification="Welder, 4th grade",
        education_code=None, experience_years=3, sector_codes=("construction",),
        region_codes=("71",), driving_licence="B", health_limits="", childcare=False,
        unemployed_since=date(2026, 9, 1))
    values.update(changes)
    return JobSeekerEntry(**values)  # type: ignore[arg-type]


def save_profile(database: Database, actor: Actor, person_id: uuid.UUID,
                 entry: JobSeekerEntry) -> None:
    read = job_seekers.job_seeker_profile(database, actor, person_id)
    job_seekers.save_job_seeker(database, actor, person_id, entry, read.version,
                                read.person_version, today=TODAY)


def referral(database: Database, referral_id: uuid.UUID) -> JobReferral:
    with database.session() as session:
        found = session.get(JobReferral, referral_id)
        session.expunge(found)
        return found


def hire_entry(**changes: object) -> HireEntry:
    values: dict[str, object] = dict(started_on=TODAY, position="Дәнекерлеуші",
                                     sector_code="construction", monthly_wage=320_000,
                                     contract_type=ContractType.PERMANENT)
    values.update(changes)
    return HireEntry(**values)  # type: ignore[arg-type]


# ---- the profile ------------------------------------------------------------------------------

def test_a_profile_is_saved_with_its_wishes_and_writes_the_profession_to_the_person(
        database, center) -> None:
    person = a_client(database, center, profession="")
    first = job_seekers.job_seeker_profile(database, center.actor, person)
    assert first.entry is None and first.version is None
    save_profile(database, center.actor, person, profile(
        sector_codes=("construction", "mining"), region_codes=("71", "75"),
        driving_licence="с, b"))
    saved = job_seekers.job_seeker_profile(database, center.actor, person)
    assert saved.entry is not None
    assert saved.entry.sector_codes == ("construction", "mining")
    assert saved.entry.region_codes == ("71", "75")
    assert saved.entry.driving_licence == "B C"  # Cyrillic С read as C, in order
    assert saved.profession == "Дәнекерлеуші"
    with database.session() as session:
        assert session.get(Person, person).profession == "Дәнекерлеуші"
    # Wishes narrowed: the sector dropped is gone.
    save_profile(database, center.actor, person, profile(sector_codes=("mining",)))
    again = job_seekers.job_seeker_profile(database, center.actor, person)
    assert again.entry is not None and again.entry.sector_codes == ("mining",)


def test_a_profile_form_with_bad_values_is_refused_field_by_field(database, center) -> None:
    person = a_client(database, center)
    read = job_seekers.job_seeker_profile(database, center.actor, person)
    with pytest.raises(job_seekers.InvalidJobSeeker) as invalid:
        job_seekers.save_job_seeker(
            database, center.actor, person,
            profile(experience_years=70, driving_licence="Q",
                    unemployed_since=TODAY + timedelta(days=1)),
            None, read.person_version, today=TODAY)
    assert set(invalid.value.problems) == {job_seekers.Field.EXPERIENCE,
                                           job_seekers.Field.LICENCE,
                                           job_seekers.Field.UNEMPLOYED}
    assert knows(invalid.value)
    save_profile(database, center.actor, person, profile())
    with pytest.raises(StaleRecord):  # someone saved the profile since it was read
        job_seekers.save_job_seeker(database, center.actor, person, profile(), None,
                                    read.person_version, today=TODAY)


def test_another_offices_caseworker_cannot_read_or_write_the_profile(database, center) -> None:
    person = a_client(database, center)
    with pytest.raises(AccessDenied):
        job_seekers.job_seeker_profile(database, center.other_actor, person)


# ---- matching ---------------------------------------------------------------------------------

def test_vacancies_come_in_the_order_of_fit_with_the_reasons_for_each(database, center) -> None:
    person = a_client(database, center, languages={"kk": "a2", "ru": "c1"})
    save_profile(database, center.actor, person, profile())
    best = a_vacancy(database, center, "Дәнекерлеуші", profession="дәнекерлеуші",
                     languages={"ru": "b1"}, experience=2, wage=400_000)
    short_of_kazakh = a_vacancy(database, center, "Дәнекерлеуші", profession="дәнекерлеуші",
                                languages={"kk": "b1"}, wage=500_000)
    other_region = a_vacancy(database, center, "Дәнекерлеуші", region="75", wage=600_000)
    other_sector = a_vacancy(database, center, "Дәнекерлеуші", sector="manufacturing",
                             wage=200_000)
    other_trade = a_vacancy(database, center, "Аспаз", profession="аспаз", licence="C")
    # Of neither the client's trade nor a sector they want: no match, though in Astana.
    a_vacancy(database, center, "Аспаз", sector="hospitality", profession="аспаз")
    a_vacancy(database, center, "Дәнекерлеуші", status=VacancyStatus.CLOSED)  # not open
    full = a_vacancy(database, center, "Дәнекерлеуші", positions=1)
    other = a_client(database, center)
    placed = referrals.refer_to_vacancy(database, center.actor, other, full, today=TODAY)
    referrals.hire(database, center.actor, placed, 1, hire_entry(), today=TODAY)

    found = matching.match_vacancies(database, center.actor, person)
    assert [m.vacancy.id for m in found] == [best, other_region, other_sector,
                                             short_of_kazakh, other_trade]
    texts = {m.vacancy.id: [reason_text(r) for r in m.reasons] for m in found}
    assert "needs Kazakh B1 — client has A2" in texts[short_of_kazakh]
    assert "Russian B1 — client has C1" in texts[best]
    assert "2 years of experience or more" in texts[best]  # the vacancy asks for 2
    assert "profession fits: Дәнекерлеуші" in texts[best]
    assert "in Almaty city — client looks in Astana city" in texts[other_region]
    assert "a sector the client wants: Construction" in texts[other_region]
    assert "not a sector the client asked for: Manufacturing" in texts[other_sector]
    assert "needs licence C — client has B" in texts[other_trade]
    assert "needs a аспаз — client is a Дәнекерлеуші" in texts[other_trade]
    assert [m.shortfalls for m in found] == [0, 0, 0, 1, 2]


def test_seekers_for_a_vacancy_come_own_office_first_for_a_user_of_every_office(
        database, center) -> None:
    vacancy = a_vacancy(database, center, "Дәнекерлеуші", profession="дәнекерлеуші",
                        languages={"kk": "b1"})
    fits = a_client(database, center, name="Fits", languages={"kk": "c1"})
    short = a_client(database, center, name="Short", languages={"kk": "a1"})
    elsewhere = a_client(database, center, office=center.other_office, name="Elsewhere",
                         region="71", languages={"kk": "c1"})
    stopped = a_client(database, center, name="Hired already")
    for person in (fits, short, stopped):
        save_profile(database, center.actor, person, profile())
    save_profile(database, center.other_actor, elsewhere, profile())
    save_profile(database, center.actor, stopped, profile(seeking=False))

    _facts, own = matching.match_seekers(database, center.actor, vacancy)
    assert [m.seeker.person_id for m in own] == [fits, short]  # one office's user: theirs
    with database.session() as session:
        manager = _user(session, "manager.ala", session.get(Office, center.other_office),
                        Role.MANAGER)
    _facts, all_offices = matching.match_seekers(database, manager, vacancy)
    # Almaty's manager: Almaty's seeker first, then the best of the others.
    assert [m.seeker.person_id for m in all_offices] == [elsewhere, fits, short]
    assert [m.shortfalls for m in all_offices] == [0, 0, 1]


# ---- the pipeline -----------------------------------------------------------------------------

def test_a_job_referral_goes_to_interview_and_hire_filling_a_place(database, center) -> None:
    person = a_client(database, center)
    save_profile(database, center.actor, person, profile())
    vacancy = a_vacancy(database, center, positions=1)
    referral_id = referrals.refer_to_vacancy(database, center.actor, person, vacancy,
                                             today=TODAY)
    referrals.record_interview(database, center.actor, referral_id, 1, TODAY + timedelta(days=3),
                               today=TODAY)
    placement_id = referrals.hire(database, center.actor, referral_id, 2,
                                  hire_entry(started_on=TODAY + timedelta(days=7)),
                                  today=TODAY)
    done = referral(database, referral_id)
    assert done.status is JobReferralStatus.HIRED and done.interview_on == TODAY + timedelta(3)
    with database.session() as session:
        steps = [s.status for s in session.scalars(select(StatusChange).where(
            StatusChange.subject_id == referral_id).order_by(StatusChange.changed_at))]
        assert steps == ["referred", "interview", "hired"]
        placement = session.get(Placement, placement_id)
        assert (placement.contract_type, placement.monthly_wage) == (ContractType.PERMANENT,
                                                                     320_000)
    # The one place is taken: nobody else is referred, and the client is no longer seeking.
    other = a_client(database, center, name="Second")
    with pytest.raises(NoPlacesLeft) as full:
        referrals.refer_to_vacancy(database, center.actor, other, vacancy, today=TODAY)
    assert "no place left" in describe(full.value)
    assert not job_seekers.job_seeker_profile(database, center.actor, person).entry.seeking


def test_hiring_without_a_live_referral_and_referring_to_a_closed_vacancy_are_refused(
        database, center) -> None:
    person = a_client(database, center)
    vacancy = a_vacancy(database, center)
    referral_id = referrals.refer_to_vacancy(database, center.actor, person, vacancy,
                                             today=TODAY)
    with pytest.raises(AlreadyReferred):
        referrals.refer_to_vacancy(database, center.actor, person, vacancy, today=TODAY)
    referrals.close_referral(database, center.actor, referral_id, 1,
                             JobReferralStatus.REJECTED, TODAY, "No welding certificate",
                             today=TODAY)
    with pytest.raises(ReferralNotInStep) as not_in_step:
        referrals.hire(database, center.actor, referral_id, 2, hire_entry(), today=TODAY)
    assert "Refer the client to the vacancy first" in describe(not_in_step.value)
    closed = a_vacancy(database, center, status=VacancyStatus.CLOSED)
    on_hold = a_vacancy(database, center, status=VacancyStatus.ON_HOLD)
    for target in (closed, on_hold):
        with pytest.raises(VacancyNotOpen) as refused:
            referrals.refer_to_vacancy(database, center.actor, person, target, today=TODAY)
        assert knows(refused.value)
    assert referral(database, referral_id).note == "No welding certificate"


def test_a_hire_is_checked_and_a_client_without_an_open_case_is_not_referred(
        database, center) -> None:
    person = a_client(database, center)
    vacancy = a_vacancy(database, center)
    referral_id = referrals.refer_to_vacancy(database, center.actor, person, vacancy,
                                             today=TODAY)
    with pytest.raises(InvalidStep) as invalid:
        referrals.hire(database, center.actor, referral_id, 1,
                       hire_entry(started_on=TODAY - timedelta(days=1), position=" ",
                                  contract_type=None, monthly_wage=0), today=TODAY)
    assert set(invalid.value.problems) == {StepField.DAY, StepField.POSITION,
                                           StepField.CONTRACT, StepField.WAGE}
    assert "before the client was referred" in describe(invalid.value)
    no_case = a_client(database, center, case=False, name="No case")
    with pytest.raises(NoOpenCase) as refused:
        referrals.refer_to_vacancy(database, center.actor, no_case, vacancy, today=TODAY)
    assert "Астана кеңсесі" in describe(refused.value)
    with pytest.raises(InvalidStep):  # a step dated before the referral
        referrals.record_interview(database, center.actor, referral_id, 1,
                                   TODAY - timedelta(days=5), today=TODAY)


def test_a_training_referral_starts_and_completes_and_refuses_job_steps(database,
                                                                        center) -> None:
    person = a_client(database, center)
    entry = TrainingEntry("vocational_training", center.provider, "Электр дәнекерлеу",
                          TODAY + timedelta(days=7), TODAY + timedelta(days=97))
    with pytest.raises(InvalidStep) as invalid:
        referrals.refer_to_training(database, center.actor, person,
                                    TrainingEntry(None, None, "", None, None), today=TODAY)
    assert set(invalid.value.problems) == {StepField.SERVICE, StepField.PROVIDER,
                                           StepField.COURSE}
    referral_id = referrals.refer_to_training(database, center.actor, person, entry,
                                              today=TODAY)
    with pytest.raises(ReferralNotInStep):
        referrals.record_interview(database, center.actor, referral_id, 1, TODAY, today=TODAY)
    later = TODAY + timedelta(days=7)
    referrals.start_training(database, center.actor, referral_id, 1, later, today=later)
    with pytest.raises(ReferralNotInStep):  # a training course is not a hire
        referrals.hire(database, center.actor, referral_id, 2, hire_entry(), today=later)
    end = later + timedelta(days=90)
    referrals.close_referral(database, center.actor, referral_id, 2,
                             JobReferralStatus.COMPLETED, end, today=end)
    done = referral(database, referral_id)
    assert (done.status, done.starts_on, done.ends_on, done.course_title) == (
        JobReferralStatus.COMPLETED, later, end, "Электр дәнекерлеу")
    set_language("en")
    file = load_file(database, center.actor, person, today=end)
    (item,) = file.jobs
    assert item.training and item.where == "Электр дәнекерлеу — Астана политехникалық колледжі"
    assert item.status == "Training completed"


def test_a_consultations_employment_referral_lands_in_the_pipeline(database, center) -> None:
    person = a_client(database, center)
    save_profile(database, center.actor, person, profile())
    vacancy = a_vacancy(database, center, profession="дәнекерлеуші")
    choices = consultations.consultation_choices(database, center.actor, person)
    assert vacancy in [vacancy_id for vacancy_id, _text in choices.vacancies]
    held = consultations.NewConsultation(
        person_id=person, held_at=consultations_now(), channel_code="in_person",
        topic_codes=["employment"],
        referrals=[consultations.NewReferral("job_placement", None, vacancy),
                   consultations.NewReferral("job_placement"),
                   consultations.NewReferral("requalification", center.provider)])
    consultation_id = consultations.record_consultation(database, center.actor, held,
                                                        now=consultations_now())
    with database.session() as session:
        made = session.scalars(select(JobReferral).where(
            JobReferral.consultation_id == consultation_id)).all()
        assert sorted((r.kind.value, r.vacancy_id == vacancy, r.employer_id is not None)
                      for r in made) == [("job", False, False), ("job", True, True),
                                         ("training", False, False)]
        waiting = next(r for r in made if r.kind.value == "job" and r.vacancy_id is None)
        waiting_id = waiting.id
        from db.models import Referral
        assert not session.scalars(select(Referral).where(
            Referral.consultation_id == consultation_id)).all()
    with pytest.raises(VacancyNotChosen):
        referrals.hire(database, center.actor, waiting_id, 1, hire_entry(), today=TODAY)
    with pytest.raises(AlreadyReferred):  # the vacancy chosen at the consultation
        referrals.choose_vacancy(database, center.actor, waiting_id, 1, vacancy)
    second = a_vacancy(database, center, "Монтаждаушы")
    referrals.choose_vacancy(database, center.actor, waiting_id, 1, second)
    assert referral(database, waiting_id).vacancy_id == second


def consultations_now():
    from datetime import datetime
    return datetime(2026, 11, 16, 10, 30)


# ---- retention --------------------------------------------------------------------------------

def test_a_hire_plans_retention_checks_whose_outcomes_close_their_follow_ups(
        database, center) -> None:
    person = a_client(database, center)
    vacancy = a_vacancy(database, center)
    referral_id = referrals.refer_to_vacancy(database, center.actor, person, vacancy,
                                             today=TODAY)
    start = date(2026, 11, 30)
    placement_id = referrals.hire(database, center.actor, referral_id, 1,
                                  hire_entry(started_on=start), today=TODAY)
    with database.session() as session:
        checks = session.scalars(select(RetentionCheck).where(
            RetentionCheck.placement_id == placement_id)
            .order_by(RetentionCheck.months_after)).all()
        assert [(c.months_after, c.due_on) for c in checks] == [(3, date(2027, 2, 28)),
                                                                 (6, date(2027, 5, 30))]
        tasks = [session.get(FollowUp, c.follow_up_id) for c in checks]
        assert [(t.due_on, t.done, t.assignee_id) for t in tasks] == [
            (date(2027, 2, 28), False, center.actor.user_id),
            (date(2027, 5, 30), False, center.actor.user_id)]
        assert "«Темір» ЖШС" in tasks[0].title
        first, second = checks[0].id, checks[1].id
    with pytest.raises(RetentionNotDue) as early:
        retention.record_retention(database, center.actor, first, 1,
                                   RetentionOutcome(date(2027, 2, 20), True),
                                   today=date(2027, 2, 20))
    assert "due on" in describe(early.value)
    retention.record_retention(database, center.actor, first, 1,
                               RetentionOutcome(date(2027, 3, 1), True), today=date(2027, 3, 1))
    with pytest.raises(InvalidStep) as no_reason:
        retention.record_retention(database, center.actor, second, 1,
                                   RetentionOutcome(date(2027, 6, 1), False),
                                   today=date(2027, 6, 1))
    assert "why the client left" in describe(no_reason.value)
    retention.record_retention(
        database, center.actor, second, 1,
        RetentionOutcome(date(2027, 6, 1), False, date(2027, 4, 15), "resigned", "Moved job"),
        today=date(2027, 6, 1))
    with database.session() as session:
        done = [session.get(FollowUp, c.follow_up_id) for c in session.scalars(
            select(RetentionCheck).where(RetentionCheck.placement_id == placement_id))]
        assert all(task.done for task in done)
        placement = session.get(Placement, placement_id)
        assert placement.ended_on == date(2027, 4, 15)
    file = load_file(database, center.actor, person, today=date(2027, 6, 1))
    (shown,) = file.placements
    assert [(c.months, c.still_employed, c.reason) for c in shown.checks] == [
        (3, True, ""), (6, False, "Resigned")]
    assert shown.contract == "Permanent contract"


@pytest.mark.parametrize(("asked", "has", "fits"), [
    ("Сварщица", ("Сварщик",), "Сварщик"),
    ("Бухгалтер", ("", "главного бухгалтера"), "главного бухгалтера"),
    ("Дәнекерлеуші", ("Электр-газбен дәнекерлеуші",), "Электр-газбен дәнекерлеуші"),
    # A shared modifier is no shared trade: "electric" welder, electrician.
    ("Электрмонтер", ("Электр-газбен дәнекерлеуші",), ""),
    ("Повар", ("Водитель", ""), ""),
])
def test_a_profession_fits_in_another_form_of_its_word(asked: str, has: tuple[str, ...],
                                                       fits: str) -> None:
    assert matching.profession_fits(asked, has) == fits
