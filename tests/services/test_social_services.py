"""Social services as a caseworker and an administrator use them: referrals followed from
the referral to their end, the no-response follow-up, the lists, the providers and the
service catalogue.

Built by hand on a fresh database, so every referral is known."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from db.errors import StaleRecord
from db.models import (
    Case,
    CenterSetting,
    FollowUp,
    Office,
    Person,
    Provider,
    ProviderService,
    Referral,
    ReferralStatus,
    Role,
    StatusChange,
    User,
)
from db.models.reference import ServiceType
from db.session import Database
from desktop.i18n import set_language
from desktop.services import consultations
from desktop.services.access import AccessDenied, Actor
from desktop.services.center_settings import NO_RESPONSE_DAYS
from desktop.services.follow_ups import Problem as ConsultationProblem
from desktop.services.messages import describe
from desktop.services.social import catalogue, chasing, choices, lists, providers, referrals
from desktop.services.social.errors import (
    Field,
    InvalidEntry,
    NoConsent,
    NotInStep,
    NotProvided,
    Problem,
    ServiceTypeChanged,
)
from desktop.services.social.lists import Selection
from desktop.services.social.referrals import ReferralEntry, StepEntry

TODAY = date(2026, 11, 16)
S = ReferralStatus


@dataclass
class Center:
    office: uuid.UUID
    other_office: uuid.UUID
    caseworker: Actor
    colleague: Actor  # same office
    other: Actor  # another office's caseworker
    manager: Actor
    admin: Actor
    legal_aid: uuid.UUID  # delivers legal aid only
    akimat: uuid.UUID  # delivers social benefits and the rent subsidy


def _user(session, login: str, office: Office, role: Role = Role.CASEWORKER) -> Actor:
    user = User(login=login, full_name=f"User {login}", role=role, office_id=office.id)
    session.add(user)
    session.flush()
    return Actor(user.id, login, user.full_name, role, office.id, office.code, office.name)


def _provider(session, kk: str, ru: str, *services: str) -> uuid.UUID:
    provider = Provider(name_kk=kk, name_ru=ru, type_code="legal_aid", area_code="social",
                        region_code="71")
    session.add(provider)
    session.flush()
    session.add_all(ProviderService(provider_id=provider.id, service_type_code=code)
                    for code in services)
    return provider.id


@pytest.fixture
def center(database: Database) -> Center:
    set_language("en")
    with database.session() as session:
        ast = Office(code="AST", name="Астана кеңсесі", region_code="71")
        ala = Office(code="ALA", name="Алматы кеңсесі", region_code="75")
        session.add_all([ast, ala])
        session.flush()
        people = (_user(session, "cw.ast", ast), _user(session, "cw2.ast", ast),
                  _user(session, "cw.ala", ala), _user(session, "manager", ast, Role.MANAGER),
                  _user(session, "admin", ast, Role.ADMIN))
        legal = _provider(session, "Заң консультациясы", "Юридическая консультация",
                          "legal_aid")
        akimat = _provider(session, "Әлеуметтік бағдарламалар бөлімі", "",
                           "social_benefits", "rent_subsidy")
        return Center(ast.id, ala.id, *people, legal, akimat)


def a_client(database: Database, center: Center, *, consent: bool = True,
             office: uuid.UUID | None = None, worker: Actor | None = None) -> uuid.UUID:
    office = office or center.office
    with database.session() as session:
        person = Person(surname="Серікова", given_name="Әлия", category_code="kandas",
                        office_id=office, consent_date=TODAY - timedelta(days=90) if consent
                        else None, consent_form_code="written" if consent else None)
        session.add(person)
        session.flush()
        session.add(Case(person_id=person.id, office_id=office,
                         caseworker_id=(worker or center.caseworker).user_id,
                         opened_on=TODAY - timedelta(days=90)))
        return person.id


def refer(database: Database, center: Center, person: uuid.UUID, *, days_ago: int = 0,
          service: str = "legal_aid", provider: uuid.UUID | None = None,
          actor: Actor | None = None) -> uuid.UUID:
    entry = ReferralEntry(service, provider or center.legal_aid,
                          TODAY - timedelta(days=days_ago), "Тұрғын үй дауы")
    return referrals.refer(database, actor or center.caseworker, person, entry, today=TODAY)


def version(database: Database, referral_id: uuid.UUID) -> int:
    with database.session() as session:
        referral = session.get(Referral, referral_id)
        assert referral is not None
        return referral.version


def step(database: Database, center: Center, referral_id: uuid.UUID, status: ReferralStatus,
         on: date = TODAY, outcome: str = "", amount: int | None = None) -> None:
    referrals.record_step(database, center.caseworker, referral_id,
                          version(database, referral_id), status,
                          StepEntry(on, outcome, amount), today=TODAY)


def the_referral(database: Database, referral_id: uuid.UUID) -> Referral:
    with database.session() as session:
        referral = session.get(Referral, referral_id)
        assert referral is not None
        session.expunge(referral)
        return referral


# ---- referring -------------------------------------------------------------------------------

def test_a_referral_is_followed_from_referred_to_completed_with_the_amount_paid(
        database: Database, center: Center) -> None:
    person = a_client(database, center)
    referral_id = refer(database, center, person, days_ago=10, service="social_benefits",
                        provider=center.akimat)
    step(database, center, referral_id, S.ACCEPTED, TODAY - timedelta(days=7))
    step(database, center, referral_id, S.COMPLETED, TODAY, "Жәрдемақы тағайындалды", 86_500)
    referral = the_referral(database, referral_id)
    assert (referral.status, referral.accepted_on, referral.closed_on, referral.amount,
            referral.outcome) == (S.COMPLETED, TODAY - timedelta(days=7), TODAY, 86_500,
                                  "Жәрдемақы тағайындалды")
    with database.session() as session:
        history = session.execute(select(StatusChange.status, StatusChange.note).where(
            StatusChange.subject_id == referral_id).order_by(StatusChange.changed_at,
                                                             StatusChange.id)).all()
    assert sorted(status for status, _note in history) == ["accepted", "completed", "referred"]
    assert ("referred", "Тұрғын үй дауы") in history
    line = lists.client_referrals(database, center.caseworker, person, today=TODAY)[0]
    assert (line.row.status, line.row.amount, line.row.provider) == (
        "completed", 86_500, "Әлеуметтік бағдарламалар бөлімі")  # its only name stands in
    assert line.waited(TODAY) == 10


def test_a_referral_needs_the_clients_recorded_consent(database: Database,
                                                       center: Center) -> None:
    person = a_client(database, center, consent=False)
    with pytest.raises(NoConsent) as refused:
        refer(database, center, person)
    assert "Серікова Әлия" in describe(refused.value)
    assert "consent" in describe(refused.value)
    with database.session() as session:
        assert session.scalar(select(Referral.id)) is None
    assert not choices.referral_choices(database, center.caseworker, person).consent


def test_a_consultation_refuses_a_referral_without_consent_and_saves_nothing(
        database: Database, center: Center) -> None:
    person = a_client(database, center, consent=False)
    consultation = consultations.NewConsultation(
        person, datetime(2026, 11, 16, 10), "in_person", ["legal_status"],
        referrals=[consultations.NewReferral("legal_aid", center.legal_aid)])
    with pytest.raises(consultations.InvalidInput) as refused:
        consultations.record_consultation(database, center.caseworker, consultation,
                                          now=datetime(2026, 11, 16, 11))
    assert [(p.field, p.problem) for p in refused.value.problems] == [
        ("service_type", ConsultationProblem.NO_CONSENT)]
    with database.session() as session:
        assert session.scalar(select(Referral.id)) is None


def test_only_a_provider_of_the_service_is_referred_to(database: Database,
                                                       center: Center) -> None:
    person = a_client(database, center)
    with pytest.raises(NotProvided) as refused:
        refer(database, center, person, service="legal_aid", provider=center.akimat)
    assert "Әлеуметтік бағдарламалар бөлімі" in describe(refused.value)
    offered = choices.referral_choices(database, center.caseworker, person)
    assert [p.id for p in offered.providers_for("legal_aid")] == [center.legal_aid]
    assert {p.id for p in offered.providers_for("rent_subsidy")} == {center.akimat}
    assert "job_placement" not in {s.code for s in offered.services}  # the pipeline's own


def test_a_referral_day_ahead_or_missing_choices_are_refused_by_field(
        database: Database, center: Center) -> None:
    person = a_client(database, center)
    with pytest.raises(InvalidEntry) as refused:
        referrals.refer(database, center.caseworker, person,
                        ReferralEntry(None, None, TODAY + timedelta(days=1)), today=TODAY)
    assert refused.value.problems == {Field.SERVICE: Problem.REQUIRED,
                                      Field.PROVIDER: Problem.REQUIRED,
                                      Field.DAY: Problem.IN_FUTURE}


def test_another_offices_caseworker_cannot_refer_or_step_the_client(
        database: Database, center: Center) -> None:
    person = a_client(database, center)
    with pytest.raises(AccessDenied):
        refer(database, center, person, actor=center.other)
    referral_id = refer(database, center, person)
    with pytest.raises(AccessDenied):
        referrals.record_step(database, center.other, referral_id,
                              version(database, referral_id), S.ACCEPTED,
                              StepEntry(TODAY), today=TODAY)


# ---- steps -----------------------------------------------------------------------------------

def test_a_refused_referral_cannot_be_completed(database: Database, center: Center) -> None:
    person = a_client(database, center)
    referral_id = refer(database, center, person, days_ago=5)
    with pytest.raises(InvalidEntry) as refused:
        step(database, center, referral_id, S.REFUSED)
    assert refused.value.problems == {Field.OUTCOME: Problem.REQUIRED}  # say why
    step(database, center, referral_id, S.REFUSED, outcome="Құжаттар толық емес")
    with pytest.raises(NotInStep) as wrong:
        step(database, center, referral_id, S.COMPLETED)
    assert "refused" in describe(wrong.value)
    assert the_referral(database, referral_id).status is S.REFUSED


@pytest.mark.parametrize(("status", "on", "amount", "problems"), [
    (S.ACCEPTED, TODAY + timedelta(days=1), None, {Field.DAY: Problem.IN_FUTURE}),
    (S.ACCEPTED, TODAY - timedelta(days=30), None, {Field.DAY: Problem.BEFORE_REFERRAL}),
    (S.ACCEPTED, TODAY, 5000, {Field.AMOUNT: Problem.OUT_OF_RANGE}),  # paid only when done
    (S.COMPLETED, TODAY, -1, {Field.AMOUNT: Problem.OUT_OF_RANGE}),
    (S.COMPLETED, TODAY, referrals.MAX_AMOUNT + 1, {Field.AMOUNT: Problem.OUT_OF_RANGE}),
])
def test_a_step_with_a_bad_day_or_amount_is_refused_and_changes_nothing(
        database: Database, center: Center, status: ReferralStatus, on: date,
        amount: int | None, problems: dict[Field, Problem]) -> None:
    person = a_client(database, center)
    referral_id = refer(database, center, person, days_ago=5)
    with pytest.raises(InvalidEntry) as refused:
        step(database, center, referral_id, status, on, amount=amount)
    assert refused.value.problems == problems
    assert the_referral(database, referral_id).status is S.REFERRED


def test_completion_before_acceptance_is_refused(database: Database, center: Center) -> None:
    person = a_client(database, center)
    referral_id = refer(database, center, person, days_ago=10)
    step(database, center, referral_id, S.ACCEPTED, TODAY - timedelta(days=3))
    with pytest.raises(InvalidEntry) as refused:
        step(database, center, referral_id, S.COMPLETED, TODAY - timedelta(days=5))
    assert refused.value.problems == {Field.DAY: Problem.BEFORE_ACCEPTANCE}


def test_a_late_answer_is_recorded_after_no_response(database: Database,
                                                     center: Center) -> None:
    person = a_client(database, center)
    referral_id = refer(database, center, person, days_ago=40)
    step(database, center, referral_id, S.NO_RESPONSE, TODAY - timedelta(days=20))
    assert the_referral(database, referral_id).closed_on == TODAY - timedelta(days=20)
    step(database, center, referral_id, S.ACCEPTED, TODAY - timedelta(days=2))
    referral = the_referral(database, referral_id)
    assert (referral.status, referral.closed_on) == (S.ACCEPTED, None)  # open again


def test_a_step_on_a_referral_changed_meanwhile_is_refused(database: Database,
                                                           center: Center) -> None:
    person = a_client(database, center)
    referral_id = refer(database, center, person, days_ago=3)
    read = version(database, referral_id)
    step(database, center, referral_id, S.ACCEPTED)
    with pytest.raises(StaleRecord):
        referrals.record_step(database, center.colleague, referral_id, read, S.CANCELLED,
                              StepEntry(TODAY, "Клиент бас тартты"), today=TODAY)
    assert the_referral(database, referral_id).status is S.ACCEPTED


# ---- the no-response rule --------------------------------------------------------------------

def chase_tasks(database: Database) -> list[FollowUp]:
    with database.session() as session:
        tasks = list(session.scalars(select(FollowUp).order_by(FollowUp.due_on)))
        session.expunge_all()
        return tasks


def test_an_unanswered_referral_becomes_one_overdue_follow_up_after_the_days_set(
        database: Database, center: Center) -> None:
    person = a_client(database, center)
    # Made by a colleague: the task goes to whoever made the referral, not to the case's.
    old = refer(database, center, person, days_ago=15, actor=center.colleague)
    young = refer(database, center, person, days_ago=13)
    assert chasing.chase_unanswered(database, center.caseworker, today=TODAY) == 1
    tasks = chase_tasks(database)
    assert len(tasks) == 1
    task = tasks[0]
    assert (task.assignee_id, task.due_on, task.done) == (
        center.colleague.user_id, TODAY - timedelta(days=1), False)  # overdue since yesterday
    assert "Заң консультациясы" in task.title or "Юридическая" in task.title \
        or "legal" in task.title.lower()
    assert the_referral(database, old).chase_follow_up_id == task.id
    # Once: the next run raises nothing more, and the younger one waits its 14 days.
    assert chasing.chase_unanswered(database, center.caseworker, today=TODAY) == 0
    assert chasing.chase_unanswered(database, center.caseworker,
                                    today=TODAY + timedelta(days=1)) == 1
    assert the_referral(database, young).chase_follow_up_id is not None
    assert len(chase_tasks(database)) == 2


def test_the_no_response_days_are_the_centers_setting(database: Database,
                                                      center: Center) -> None:
    person = a_client(database, center)
    refer(database, center, person, days_ago=8)
    with database.session() as session:
        session.add(CenterSetting(key=NO_RESPONSE_DAYS.key, value="7"))
    assert chasing.chase_unanswered(database, center.caseworker, today=TODAY) == 1


def test_an_answer_closes_the_chase_and_a_chased_referral_is_not_chased_again(
        database: Database, center: Center) -> None:
    person = a_client(database, center)
    referral_id = refer(database, center, person, days_ago=20)
    chasing.chase_unanswered(database, center.caseworker, today=TODAY)
    step(database, center, referral_id, S.ACCEPTED)
    assert [t.done for t in chase_tasks(database)] == [True]
    step(database, center, referral_id, S.COMPLETED)
    assert chasing.chase_unanswered(database, center.caseworker,
                                    today=TODAY + timedelta(days=60)) == 0


def test_a_caseworker_chases_only_their_offices_referrals(database: Database,
                                                          center: Center) -> None:
    ours = a_client(database, center)
    theirs = a_client(database, center, office=center.other_office, worker=center.other)
    refer(database, center, ours, days_ago=20)
    refer(database, center, theirs, days_ago=20, actor=center.other)
    assert chasing.chase_unanswered(database, center.caseworker, today=TODAY) == 1
    assert chasing.chase_unanswered(database, center.other, today=TODAY) == 1


# ---- the lists -------------------------------------------------------------------------------

def test_the_lists_show_open_overdue_and_completed_this_month(database: Database,
                                                              center: Center) -> None:
    person = a_client(database, center)
    waiting = refer(database, center, person, days_ago=20)
    fresh = refer(database, center, person, days_ago=2, service="rent_subsidy",
                  provider=center.akimat)
    accepted = refer(database, center, person, days_ago=30)
    step(database, center, accepted, S.ACCEPTED, TODAY - timedelta(days=25))
    done = refer(database, center, person, days_ago=12)
    step(database, center, done, S.COMPLETED, TODAY - timedelta(days=1))
    last_month = refer(database, center, person, days_ago=40)
    step(database, center, last_month, S.COMPLETED, TODAY - timedelta(days=20))
    other = a_client(database, center, office=center.other_office, worker=center.other)
    refer(database, center, other, days_ago=20, actor=center.other)

    def ids(selection: Selection, actor: Actor = center.caseworker,
            provider: uuid.UUID | None = None) -> list[uuid.UUID]:
        found = lists.referral_list(database, actor, selection, provider_id=provider,
                                    today=TODAY)
        assert found.total == len(found.lines)
        return [line.id for line in found.lines]

    assert ids(Selection.OPEN) == [accepted, waiting, fresh]  # the longest waiting first
    assert ids(Selection.OPEN, provider=center.akimat) == [fresh]
    assert ids(Selection.OVERDUE) == [waiting]  # accepted is answered; fresh is young
    assert ids(Selection.COMPLETED) == [done]
    assert len(ids(Selection.OPEN, center.manager)) == 4  # every office's
    found = lists.referral_list(database, center.caseworker, Selection.OPEN, today=TODAY)
    assert [(p.provider_id, p.open) for p in found.providers] == [
        (center.legal_aid, 2), (center.akimat, 1)]
    assert found.days == 14
    line = next(line for line in found.lines if line.id == waiting)
    assert line.overdue and line.expected_by == TODAY - timedelta(days=6)
    with pytest.raises(AccessDenied):
        lists.referral_list(database, center.caseworker, Selection.OPEN,
                            office_id=center.other_office, today=TODAY)


# ---- providers ----------------------------------------------------------------------------

def a_provider_entry(**changes: object) -> providers.ProviderEntry:
    values: dict[str, object] = dict(
        name_kk="№4 қалалық емхана", name_ru="Городская поликлиника №4", name_en="",
        type_code="polyclinic", area_code="social", region_code="71", locality="Астана",
        address="Сарыарқа даңғылы, 12", contact="Гүлнар Әбенова", phone="+7 7172 20 20 20",
        email="emkhana4@example.kz",
        service_codes=frozenset({"medical_insurance_registration", "psychological_support"}))
    values.update(changes)
    return providers.ProviderEntry(**values)  # type: ignore[arg-type]


def test_an_administrator_keeps_the_providers_and_caseworkers_read_them(
        database: Database, center: Center) -> None:
    with pytest.raises(AccessDenied):
        providers.create_provider(database, center.caseworker, a_provider_entry())
    provider_id = providers.create_provider(database, center.admin, a_provider_entry())
    set_language("kk")
    try:
        line = next(p for p in providers.list_providers(database, center.caseworker)
                    if p.id == provider_id)
    finally:
        set_language("en")
    assert (line.name, line.type, line.phone) == ("№4 қалалық емхана", "Емхана",
                                                   "+7 717 220 20 20")
    assert line.service_codes == {"medical_insurance_registration", "psychological_support"}
    found = providers.list_providers(database, center.caseworker, text="ПОЛИКЛИНИКА")
    assert [p.id for p in found] == [provider_id]  # Cyrillic folded, any language's name
    person = a_client(database, center)
    assert provider_id in {p.id for p in choices.referral_choices(
        database, center.caseworker, person).providers_for("psychological_support")}


def test_a_provider_form_is_checked_field_by_field(database: Database,
                                                   center: Center) -> None:
    with pytest.raises(InvalidEntry) as refused:
        providers.create_provider(database, center.admin, a_provider_entry(
            name_kk="", name_ru=" ", type_code=None, phone="12", email="emkhana4.example.kz",
            service_codes=frozenset()))
    assert refused.value.problems == {
        Field.NAME: Problem.REQUIRED, Field.TYPE: Problem.REQUIRED,
        Field.PHONE: Problem.NOT_A_PHONE, Field.EMAIL: Problem.NOT_AN_EMAIL,
        Field.SERVICES: Problem.REQUIRED}
    with pytest.raises(InvalidEntry) as unknown:
        providers.create_provider(database, center.admin, a_provider_entry(
            service_codes=frozenset({"no_such_service"})))
    assert unknown.value.problems == {Field.SERVICES: Problem.UNKNOWN}


def test_a_change_of_services_alone_moves_the_version_and_a_stale_form_is_refused(
        database: Database, center: Center) -> None:
    provider_id = providers.create_provider(database, center.admin, a_provider_entry())
    entry, read = providers.provider_entry(database, center.admin, provider_id)
    providers.update_provider(database, center.admin, provider_id, read, a_provider_entry(
        service_codes=frozenset({"psychological_support"})))
    entry, now = providers.provider_entry(database, center.admin, provider_id)
    assert now > read and entry.service_codes == {"psychological_support"}
    with pytest.raises(StaleRecord):
        providers.update_provider(database, center.admin, provider_id, read,
                                  a_provider_entry(name_en="Polyclinic No. 4"))


def test_a_deactivated_provider_keeps_its_referrals_and_is_no_longer_offered(
        database: Database, center: Center) -> None:
    person = a_client(database, center)
    referral_id = refer(database, center, person)
    _entry, read = providers.provider_entry(database, center.admin, center.legal_aid)
    providers.set_provider_active(database, center.admin, center.legal_aid, read, False)
    assert center.legal_aid not in {p.id for p in providers.list_providers(
        database, center.caseworker)}
    assert center.legal_aid in {p.id for p in providers.list_providers(
        database, center.caseworker, include_inactive=True)}
    assert choices.referral_choices(database, center.caseworker, person).providers_for(
        "legal_aid") == []
    with pytest.raises(NotProvided):
        refer(database, center, person)
    assert the_referral(database, referral_id).provider_id == center.legal_aid


# ---- the service catalogue -------------------------------------------------------------------

def test_an_administrator_adds_renames_and_retires_a_service_type(
        database: Database, center: Center) -> None:
    entry = catalogue.ServiceTypeEntry("social", "Азық-түлік көмегі", "Продуктовая помощь",
                                       "Food aid")
    with pytest.raises(AccessDenied):
        catalogue.add_service_type(database, center.caseworker, entry)
    code = catalogue.add_service_type(database, center.admin, entry)
    assert code == "food_aid"
    assert catalogue.add_service_type(database, center.admin, catalogue.ServiceTypeEntry(
        "information", "Азық-түлік көмегі", "Продуктовая помощь", "Food aid")) == "food_aid_2"
    renamed = catalogue.ServiceTypeEntry("social", "Азық-түлік себеті", "Продуктовая корзина",
                                         "Food basket")
    catalogue.rename_service_type(database, center.admin, code, entry, renamed)
    line = next(t for t in catalogue.list_service_types(database, center.caseworker)
                if t.code == code)
    assert (line.label, line.label_kk, line.active, line.uses) == (
        "Food basket", "Азық-түлік себеті", True, 0)
    catalogue.set_service_type_active(database, center.admin, code, renamed, False)
    person = a_client(database, center)
    assert code not in {s.code for s in choices.referral_choices(
        database, center.caseworker, person).services}
    with database.session() as session:
        assert session.get(ServiceType, code) is not None  # never deleted


def test_a_rename_over_another_administrators_change_is_refused(
        database: Database, center: Center) -> None:
    read = catalogue.ServiceTypeEntry("social", "Тегін заң көмегі",
                                      "Бесплатная юридическая помощь", "Free legal aid")
    with database.session() as session:
        session.execute(update(ServiceType).where(ServiceType.code == "legal_aid")
                        .values(label_en="Free legal assistance"))
    with pytest.raises(ServiceTypeChanged) as refused:
        catalogue.rename_service_type(database, center.admin, "legal_aid", read,
                                      catalogue.ServiceTypeEntry("social", "а", "б", "c"))
    assert "meanwhile" in describe(refused.value)
    with database.session() as session:
        assert session.get(ServiceType, "legal_aid").label_en == "Free legal assistance"


def test_two_types_of_one_area_cannot_share_a_name(database: Database,
                                                   center: Center) -> None:
    with pytest.raises(InvalidEntry) as refused:
        catalogue.add_service_type(database, center.admin, catalogue.ServiceTypeEntry(
            "social", "Жаңа қызмет", "Новая услуга", "free legal aid"))
    assert refused.value.problems == {Field.LABEL_EN: Problem.TAKEN}
