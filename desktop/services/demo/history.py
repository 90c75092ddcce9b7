"""Two years of a demo client's history: case, consultations, documents, follow-ups,
courses, job referrals and placements, social-service referrals."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from db.bulk import BulkLoader, day, key, moment
from db.models.case import TRANSFER_CLOSURE
from db.reference_data import REFERENCE
from desktop.services.demo import jobs, social
from desktop.services.demo.journal import COLUMNS as AUDIT_COLUMNS
from desktop.services.demo.journal import Journal
from desktop.services.demo.keys import random_key
from desktop.services.demo.organisation import GROUP_CAPACITY, Office, Organisation, Vacancy
from desktop.services.demo.places import Places
from desktop.services.demo.population import CITIZENS, WORKERS, Client

HISTORY_DAYS = 730
TOPICS = [t.code for t in REFERENCE["consultation_topic"]]
TOPIC_WEIGHTS = [{"legal_status": 14, "documents": 16, "employment": 14, "language_learning": 8,
                  "housing": 7, "social_benefits": 7, "registration": 8}.get(t, 3) for t in TOPICS]
CHANNELS = ("in_person", "phone", "messenger", "outreach", "email")
CHANNEL_WEIGHTS = (55, 20, 17, 6, 2)
SECTORS = [s.code for s in REFERENCE["economic_sector"]]
SECTOR_WEIGHTS = [{"construction": 20, "agriculture": 12, "mining": 8, "trade": 10,
                   "household_work": 6, "manufacturing": 8, "transport": 6}.get(s, 3)
                  for s in SECTORS]
SOCIAL_SERVICES = [t.code for t in REFERENCE["service_type"] if t.parent == "social"]
CLOSURE_REASONS = ("goals_achieved", "citizenship_obtained", "moved_away", "no_contact",
                   "client_request")
# A follow-up's title: one any client may need, or one about a service still under way.
GENERAL_TITLES = ("Қайта хабарласу", "Құжаттарды тексеру")
WORK_TITLES = {"job": "Жұмыс берушіге жолдама нәтижесі", "course": "Курсқа қатысуын тексеру",
               "social": "Әлеуметтік көмек бойынша жауап"}
# The advice a consultation gave, in the client's language (the printed record is theirs).
ADVICE = {"kk": ("Құжаттарды ХҚКО арқылы тапсыру ұсынылды.", "Тіл курсына жазылу ұсынылды.",
                 "Жұмыспен қамту орталығына жолдама берілді.",
                 "Тұрақты тіркеуге тұру тәртібі түсіндірілді."),
          "ru": ("Рекомендовано подать документы через ЦОН.",
                 "Рекомендовано записаться на языковой курс.",
                 "Выдано направление в центр занятости.",
                 "Разъяснён порядок постоянной регистрации.")}
# Under 14 a child acts only through a parent (малолетние, Civil Code art. 23): what is
# done for them is arranged with the parent, whose file holds the appointments and tasks.
SMALL_CHILD_AGE = 14
# A caseworker's Today list shows an overdue follow-up every day: none is left open for
# longer than this (it was done, or put off to a later day).
MOST_DAYS_OVERDUE = 30
DOCUMENTS = {
    "kandas": (("foreign_passport", 3650), ("kandas_certificate", 365)),
    "internal_resettler": (("id_card", 3650),),
    "returning_citizen": (("id_card", 3650),),
    "labour_migrant_permit": (("foreign_passport", 3650), ("work_permit", 365)),
    "labour_migrant_household": (("foreign_passport", 3650), ("household_work_permit", 180)),
    "labour_migrant_eaeu": (("foreign_passport", 3650), ("temporary_registration", 365)),
    "business_immigrant": (("foreign_passport", 3650), ("residence_permit", 1825)),
    "foreign_student": (("foreign_passport", 3650), ("temporary_registration", 365)),
    "refugee": (("refugee_certificate", 365),),
    "asylum_seeker": (("asylum_seeker_certificate", 90),),
    "stateless": (("stateless_certificate", 3650),),
    "other": (("foreign_passport", 3650),),
}
LEVELS = ("a1", "a2", "b1", "b2", "c1")
DROPOUT_REASONS = ("work", "work", "moved", "health", "childcare", "lost_contact", "other")


def _reason(enrolment: str) -> str:
    """A drop-out's reason drawn from its key: the demo's random stream stays as it was."""
    return DROPOUT_REASONS[int(enrolment[:8], 16) % len(DROPOUT_REASONS)]


def _interview(referral: str, status: str, referred: date, outcome: date) -> date | None:
    """The interview day: the outcome's for a referral at the interview stage, a day
    between for most hires and some rejections (after an interview), none otherwise."""
    if status == "interview":
        return outcome
    had = {"hired": 80, "rejected": 45}.get(status, 0)
    if jobs.pick(referral, 5, 100) >= had or (outcome - referred).days < 2:
        return None
    return referred + timedelta(days=1 + jobs.pick(referral, 6, (outcome - referred).days - 1))


MOVE_SHARE = 0.012  # clients whose case another office was asked to take
PENDING_SHARE = 0.25  # of those, the ones whose request still waits for an answer
MOVE_NOTES = ("Отбасы басқа қалаға көшті", "Клиент жұмысқа орналасу үшін көшті",
              "Туыстарының қасына көшті")
# Rows dated on or after a transfer belong to the receiving office: where each row keeps
# its case, office, caseworker and date (None: it has no such column).
REHOMED = {"consultation": (2, 3, 4, 5), "job_referral": (2, 3, 4, 7),
           "referral": (2, 3, 4, 7), "placement": (None, 2, None, 8)}
GOAL_TEXTS = {"language": "Қазақ тілін A2 деңгейіне дейін меңгеру",
              "employment": "Тұрақты жұмысқа орналасу",
              "social": "Әлеуметтік көмек пен төлемдерді ресімдеу",
              "information": "Құқықтық мәртебе мен құжаттар бойынша кеңес алу"}
LINK_NAMESPACE = uuid.UUID("6c1f5a0e-3d2b-4e8a-9f47-2a1d0c9b7e15")  # goal-service link ids
JOBS_NAMESPACE = uuid.UUID("0b9e3c57-5f0d-4d21-a6c4-8e2f1a7d3b90")  # ids made from keys
# Working-age clients with an open case and no referral yet who look for work: about as
# many as those whose history has a job search.
OTHER_SEEKER_SHARE = 0.55
TRAINING_SHARE = 0.08  # job seekers sent to vocational training or requalification


@dataclass
class Work:
    """What a client's services came to: the kinds they had, those still under way."""

    had: set[str] = field(default_factory=set)
    under_way: set[str] = field(default_factory=set)

    def note(self, kind: str, under_way: bool) -> None:
        self.had.add(kind)
        if under_way:
            self.under_way.add(kind)


@dataclass
class JobSearch:
    """What a client's job search left, for their job-seeker profile."""

    first_referred: date | None = None
    vacancies: list[Vacancy] = field(default_factory=list)
    employed: bool = False  # hired, and the placement has not ended


def _derived_id(*parts: str) -> str:
    return key(uuid.uuid5(JOBS_NAMESPACE, "/".join(parts)))

COLUMNS = {
    "person": ("id", "surname", "given_name", "patronymic", "surname_latin", "given_name_latin",
               "name_original", "sort_key", "iin", "birth_date", "sex", "citizenship",
               "country_of_origin", "category_code", "arrival_date", "office_id", "region_code",
               "locality", "phone", "education_code", "preferred_language", "consent_date",
               "consent_form_code", "consent_recorded_by", "profession"),
    "person_search": ("person_id", "names", "keys", "iin"),
    "search_word": ("person_id", "word"),
    "person_language": ("id", "person_id", "language_code", "level_code"),
    "household_link": ("id", "person_id", "related_person_id", "relationship_code"),
    "document": ("id", "person_id", "type_code", "number", "issued_on", "expires_on"),
    "client_case": ("id", "person_id", "office_id", "caseworker_id", "status", "opened_on",
                    "closed_on", "closure_reason_code", "transferred_from_id", "quota_year",
                    "quota_region_code"),
    **social.SUPPORT_COLUMNS,
    "case_transfer": ("id", "case_id", "person_id", "from_office_id", "to_office_id", "status",
                      "requested_on", "note", "decided_on", "decided_by", "decision_note",
                      "new_case_id"),
    "case_goal": ("id", "case_id", "area_code", "description", "target_date", "status"),
    "case_goal_service": ("id", "goal_id", "enrolment_id", "referral_id", "job_referral_id",
                          "placement_id"),
    "consultation": ("id", "person_id", "case_id", "office_id", "caseworker_id", "held_at",
                     "channel_code", "notes", "advice", "next_steps", "next_appointment_at"),
    "consultation_topic_link": ("consultation_id", "topic_code"),
    "follow_up": ("id", "person_id", "case_id", "assignee_id", "title", "due_on", "done",
                  "done_at", "done_comment"),
    "course_enrolment": ("id", "group_id", "person_id", "case_id", "enrolled_on", "status",
                         "finished_on", "level_before_code", "level_after_code",
                         "waiting_since", "dropout_reason_code"),
    "attendance": ("id", "session_id", "enrolment_id", "present"),
    "level_assessment": ("id", "person_id", "language_code", "level_code", "assessed_on", "score"),
    # REHOMED names the places of case, office, caseworker and date: new columns go last.
    "job_referral": ("id", "person_id", "case_id", "office_id", "caseworker_id", "employer_id",
                     "vacancy_id", "referred_on", "status", "outcome_on", "kind",
                     "service_type_code", "interview_on", "note", "provider_id", "course_title",
                     "starts_on", "ends_on"),
    "placement": ("id", "person_id", "office_id", "employer_id", "job_referral_id", "position",
                  "sector_code", "monthly_wage", "started_on", "ended_on", "contract_type"),
    "retention_check": ("id", "placement_id", "months_after", "due_on", "checked_on",
                        "still_employed", "leaving_reason_code", "follow_up_id"),
    "job_seeker": ("id", "person_id", "qualification", "experience_years", "driving_licence",
                   "health_limits", "childcare", "unemployed_since", "seeking"),
    "job_seeker_sector": ("id", "job_seeker_id", "sector_code"),
    "job_seeker_region": ("id", "job_seeker_id", "region_code"),
    "referral": ("id", "person_id", "case_id", "office_id", "caseworker_id", "service_type_code",
                 "provider_id", "referred_on", "status", "accepted_on", "closed_on", "amount",
                 "outcome"),
    "status_change": ("id", "subject_table", "subject_id", "status", "changed_at", "note"),
    "audit_log": AUDIT_COLUMNS,
}


@dataclass(frozen=True)
class Move:
    """A transfer of the client's case to ``to``: accepted, or still waiting."""

    to: Office
    accepted: bool


class History:
    def __init__(self, loader: BulkLoader, rng: random.Random, today: date,
                 organisation: Organisation, new_key: Callable[[], str],
                 moves: random.Random | None = None,
                 job_market: random.Random | None = None,
                 log_ids: random.Random | None = None) -> None:
        """``new_key``: a new record's stored id (``keys.random_key``)."""
        self.add = loader.add
        self.rng = rng
        self.today = today
        self.org = organisation
        self.new_key = new_key
        self.places = {office.code: Places(office.groups, GROUP_CAPACITY)
                       for office in organisation.offices}  # who took each course group
        # Transfers draw from their own generator: the rest of the demo stays as it was.
        self.moves = moves or random.Random("moves")
        # So do job seekers' profiles and training referrals.
        self.jobs = job_market or random.Random("jobs")
        # And the audit log's entry ids.
        self.journal = Journal(loader.add, COLUMNS, today, log_ids or random.Random("log"))
        self.last_case = ""
        self.first_contact = today

    def plan_move(self, office: Office) -> Move | None:
        """Whether this client's case goes to another office (decided before the person is
        written: an accepted transfer puts them in the receiving office)."""
        if self.moves.random() >= MOVE_SHARE:
            return None
        to = self.moves.choice([o for o in self.org.offices if o is not office])
        return Move(to, accepted=self.moves.random() >= PENDING_SHARE)

    def write(self, person: str, client: Client, office: Office, arrival: date,
              move: Move | None = None, region: str | None = None, household: int = 0) -> str:
        """All related rows of one client; ``person`` is the stored key of the person,
        ``region`` where they live, ``household`` the size of the family they head (0 for
        none). Returns the profession of a job seeker ("" for others), for the person's
        record. ``last_case`` is then the key of their (first) case, ``first_contact``
        the day it opened.

        The rows are gathered first: a transfer rewrites them, and the audit log's entries
        are made from them as they end up."""
        rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        add = self.add
        self.add = lambda table, row: rows[table].append(row)
        try:
            profession = self._write(person, client, office, arrival, region, household)
        finally:
            self.add = add
        if move is not None:
            self._transfer(rows, office, move)
        for table, written in rows.items():
            for row in written:
                add(table, row)
        self.journal.client(rows)
        return profession

    def _write(self, person: str, client: Client, office: Office, arrival: date,
               region: str | None, household: int = 0) -> str:
        rng, add, today = self.rng, self.add, self.today
        first_contact = max(arrival, today - timedelta(days=HISTORY_DAYS)) + timedelta(
            days=rng.randint(0, 30))
        first_contact = min(first_contact, today)
        self.first_contact = first_contact
        caseworker = key(rng.choice(office.caseworkers))
        office_key = key(office.id)

        case = self.new_key()
        closed = rng.random() < 0.15 and (today - first_contact).days > 120
        closed_on = first_contact + timedelta(
            days=rng.randint(90, (today - first_contact).days)) if closed else None
        reason = rng.choice(CLOSURE_REASONS) if closed else None
        self.last_case = case
        support = social.quota_support(person, case, office_key, client.category, household,
                                       region or office.regions[0], first_contact, today)
        add("client_case", (case, person, office_key, caseworker, "closed" if closed else "open",
                            day(first_contact), day(closed_on), reason, None,
                            *support.quota))
        for table, row in support.rows:
            add(table, row)
        active_until = closed_on or today
        span = max((active_until - first_contact).days, 0)
        goals: dict[str, str] = {}  # area -> the goal's stored key
        for area in rng.sample(("language", "employment", "social", "information"),
                               rng.choice((1, 1, 2))):
            goals[area] = self.new_key()
            add("case_goal", (goals[area], case, area, GOAL_TEXTS[area],
                              day(first_contact + timedelta(days=rng.randint(60, 365))),
                              "achieved" if closed else rng.choice(("planned", "in_progress"))))

        age = client.age(today)
        small_child = age < SMALL_CHILD_AGE
        self._documents(person, client, arrival)
        self._consultations(person, case, office_key, caseworker, first_contact, span, closed,
                            "ru" if client.native_language == "ru" else "kk",
                            appointments=not small_child)
        served: dict[str, list[tuple[str, str]]] = {}  # area -> (column, service key)
        work = Work()
        if client.category not in CITIZENS and age >= 16 and rng.random() < 0.3:
            served["language"] = self._course(person, case, office, first_contact, client,
                                              work)
        search: JobSearch | None = None
        working_age = 18 <= age <= 62 and client.category != "foreign_student"
        if working_age and rng.random() < (0.45 if client.category in WORKERS else 0.3):
            search = JobSearch()
            served["employment"] = self._job_search(person, case, office, caseworker,
                                                    first_contact, span, search, work)
        if rng.random() < 0.35:
            served["social"] = self._social_referrals(person, case, office, caseworker,
                                                      first_contact, span, work)
        profession = ""
        if search is None and working_age and not closed and (
                self.jobs.random() < OTHER_SEEKER_SHARE):
            search = JobSearch()  # still looking, no referral yet
        if search is not None:
            trained = None  # the day of a referral to training, if any
            if self.jobs.random() < TRAINING_SHARE:
                trained = first_contact + timedelta(days=self.jobs.randint(0, span))
                search.first_referred = min(search.first_referred or trained, trained)
            profession, sector = self._job_seeker(person, client, office, region, arrival,
                                                  first_contact, search, open_case=not closed)
            if trained is not None:
                served.setdefault("employment", []).append(self._training(
                    person, case, office, caseworker, trained, sector, work))
        if not small_child:
            self._follow_ups(person, case, caseworker, first_contact, active_until, closed,
                             work)
        self._goal_services(goals, served)
        return profession

    def _documents(self, person: str, client: Client, arrival: date) -> None:
        rng = self.rng
        for type_code, validity in DOCUMENTS[client.category]:
            issued = arrival - timedelta(days=rng.randint(0, min(validity, 900) // 2))
            if validity < 3650:
                # Short-lived permits get renewed: the current one was issued recently,
                # which leaves some expiring in the coming weeks and a few already expired.
                issued = self.today - timedelta(days=rng.randint(validity // 4, validity + 20))
            # Nobody holds a document from before their birth: a baby's is from since.
            issued = max(issued, client.birth_date)
            expires = issued + timedelta(days=validity)
            number = f"{rng.choice('NKAT')}{rng.randint(10_000_000, 99_999_999)}"
            self.add("document", (self.new_key(), person, type_code, number, day(issued),
                                  day(expires)))

    def _consultations(self, person: str, case: str, office: str, caseworker: str,
                       start: date, span: int, closed: bool, language: str,
                       appointments: bool = True) -> None:
        """``appointments``: the last consultation of an open case may set the next one."""
        rng, add = self.rng, self.add
        advice = ADVICE[language]
        count = rng.choices((1, 2, 3, 4, 5, 6), (30, 28, 18, 12, 7, 5))[0]
        days = sorted(rng.randint(0, span) for _ in range(count))
        for index, offset in enumerate(days):
            held = datetime.combine(start + timedelta(days=offset),
                                    time(rng.randint(9, 17), rng.choice((0, 15, 30, 45))))
            consultation = self.new_key()
            last = index == len(days) - 1
            next_at = None
            if last and not closed and appointments and rng.random() < 0.5:
                next_at = datetime.combine(self.today + timedelta(days=rng.randint(-3, 20)),
                                           time(rng.randint(9, 17), 0))
            add("consultation", (consultation, person, case, office, caseworker, moment(held),
                                 rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0], "",
                                 rng.choice(advice), "", moment(next_at)))
            for topic in set(rng.choices(TOPICS, TOPIC_WEIGHTS, k=rng.choice((1, 1, 2, 3)))):
                add("consultation_topic_link", (consultation, topic))

    def _follow_ups(self, person: str, case: str, caseworker: str, start: date, until: date,
                    closed: bool, work: Work) -> None:
        """Tasks set over the case, the last of an open one due about now (what it waits
        on since the latest contact): open ones only while the case is, and never long
        overdue; about a service only while it is under way, and none left overdue once
        every service the client had is over."""
        rng, today = self.rng, self.today
        titles = GENERAL_TITLES + tuple(WORK_TITLES[kind] for kind in sorted(work.under_way))
        all_over = bool(work.had) and not work.under_way
        count = rng.choices((0, 1, 2, 3), (25, 40, 25, 10))[0]
        for number in range(count):
            if number == count - 1 and not closed:
                due = max(today + timedelta(days=rng.randint(-20, 25)),
                          start + timedelta(days=1))
            else:
                due = start + timedelta(days=rng.randint(7, max((until - start).days + 30, 8)))
            done = closed or (due < today - timedelta(days=14) and rng.random() < 0.85) or (
                due < today and rng.random() < 0.5)
            done = done or due < today - timedelta(days=MOST_DAYS_OVERDUE) or (
                all_over and due < today)
            done_at = (moment(datetime.combine(min(due, today), time(12, 0)))
                       if done else None)
            self.add("follow_up", (self.new_key(), person, case, caseworker,
                                   rng.choice(titles), day(due), int(done), done_at, ""))

    def _course(self, person: str, case: str, office: Office, start: date,
                client: Client, work: Work) -> list[tuple[str, str]]:
        rng, places = self.rng, self.places[office.code]
        candidates = places.with_place(start, 6)  # indexes into places.groups
        if not candidates:
            # Every group that suits is full: the client waits for a place in one still open.
            still_open = next((at for at in places.starting(start)
                               if places.groups[at][4] > self.today), None)
            if still_open is None:
                return []
            waiting = self.new_key()
            asked = min(start, self.today)
            self.add("course_enrolment", (waiting, key(places.groups[still_open][0]), person,
                                          case, day(asked), "waiting", None, None, None,
                                          moment(datetime.combine(asked, time(10, 0))), None))
            work.note("course", under_way=True)
            return [("enrolment_id", waiting)]
        chosen = rng.choice(candidates)
        places.take(chosen)
        group_id, language, level, starts, ends, session_ids, session_days = places.groups[chosen]
        enrolment = self.new_key()
        before_index = max(LEVELS.index(level) - 1, 0) if level != "a1" else 0
        finished = ends <= self.today
        # Only a course under way can be dropped: one yet to begin has no day to end on.
        dropped = bool(session_ids) and rng.random() < 0.18
        status = "dropped" if dropped else ("completed" if finished else "enrolled")
        finished_on = None
        attended = len(session_ids) if not dropped else rng.randint(1, len(session_ids))
        if status != "enrolled":
            finished_on = session_days[attended - 1] if dropped else ends
        level_after = level if status == "completed" and rng.random() < 0.75 else None
        work.note("course", under_way=status == "enrolled")
        # Enrolled in the fortnight before the start: not before the case opened, nor later
        # than today.
        enrolled = min(max(starts - timedelta(days=rng.randint(1, 14)), start), self.today)
        self.add("course_enrolment", (enrolment, key(group_id), person, case,
                                      day(enrolled), status,
                                      day(finished_on), LEVELS[before_index] if level != "a1"
                                      else None, level_after, None,
                                      _reason(enrolment) if dropped else None))
        presence = 0.85 if not dropped else 0.55
        for session_id in session_ids[:attended]:
            self.add("attendance", (self.new_key(), key(session_id), enrolment,
                                    int(rng.random() < presence)))
        if level_after:
            self.add("level_assessment", (self.new_key(), person, language, level_after,
                                          day(ends), rng.randint(60, 100)))
        return [("enrolment_id", enrolment)]

    def _job_search(self, person: str, case: str, office: Office, caseworker: str,
                    start: date, span: int, search: JobSearch,
                    work: Work) -> list[tuple[str, str]]:
        """One or two referrals to employers; a hire ends the search with a placement and
        its retention checks at 3 and 6 months.

        The main stream draws as it always did (a vacancy among the first 480, dates,
        status); the vacancy the referral really goes to, the interview, the contract and
        the checks' outcomes are derived from the records' keys."""
        rng, office_key = self.rng, key(office.id)
        served: list[tuple[str, str]] = []
        for _ in range(rng.choices((1, 2), (70, 30))[0]):
            drawn = rng.choice(self.org.vacancies)
            referred = start + timedelta(days=rng.randint(0, span))
            outcome_on = referred + timedelta(days=rng.randint(3, 30))
            settled = outcome_on <= self.today
            outcomes = ("hired", "rejected", "no_show", "interview")
            status = rng.choices(outcomes, (38, 35, 12, 15))[0] if settled else "referred"
            referral = self.new_key()
            vacancy = self.org.vacancy_for(drawn, office, referral, referred, settled,
                                           status == "hired")
            self.org.record(vacancy, status == "hired", outcome_on if settled else referred)
            search.first_referred = min(search.first_referred or referred, referred)
            search.vacancies.append(vacancy)
            notes = jobs.REFERRAL_NOTES.get(status, ("",))
            self.add("job_referral", (
                referral, person, case, office_key, caseworker, key(vacancy.employer.id),
                key(vacancy.id), day(referred), status, day(outcome_on) if settled else None,
                "job", "job_placement", day(_interview(referral, status, referred, outcome_on)),
                notes[jobs.pick(referral, 4, len(notes))], None, "", None, None))
            served.append(("job_referral_id", referral))
            work.note("job", under_way=status in ("referred", "interview"))
            if status != "hired":
                continue
            placement = self.new_key()
            ended = None
            months_employed = (self.today - outcome_on).days // 30
            if months_employed > 2 and rng.random() < 0.3:
                ended = outcome_on + timedelta(days=rng.randint(30, months_employed * 30))
            contract = jobs.contract_for(placement, vacancy.sector)
            self.add("placement", (placement, person, office_key, key(vacancy.employer.id),
                                   referral, vacancy.title, vacancy.sector, vacancy.wage,
                                   day(outcome_on), day(ended), contract))
            served.append(("placement_id", placement))
            search.employed = ended is None
            for months in (3, 6):
                # The check's id is drawn where the demo always drew it (a check 30 days a
                # month after the hire, once past): the stream stays as it was.
                drawn_id = (self.new_key()
                            if outcome_on + timedelta(days=30 * months) <= self.today else None)
                self._retention_check(drawn_id, placement, months, outcome_on, ended,
                                      contract, vacancy, person, case, caseworker)
            return served
        return served

    def _retention_check(self, drawn_id: str | None, placement: str, months: int,
                         started: date, ended: date | None, contract: str, vacancy: Vacancy,
                         person: str, case: str, caseworker: str) -> None:
        """Planned at the hire, due ``months`` calendar months after it, with a follow-up
        for the caseworker due that day (as the service plans them). Once due, the outcome
        is recorded (on the day or a few days after) and the follow-up done; a check
        still to come waits, its follow-up open."""
        check = drawn_id or _derived_id(placement, str(months))
        due = jobs.add_months(started, months)
        follow_up = _derived_id(check, "follow_up")
        title = jobs.retention_title(months, vacancy.employer.name)
        if due > self.today:
            self.add("follow_up", (follow_up, person, case, caseworker, title, day(due), 0,
                                   None, ""))
            self.add("retention_check", (check, placement, months, day(due), None, None,
                                         None, follow_up))
            return
        checked = min(due + timedelta(days=jobs.pick(check, 1, 8)), self.today)
        still = ended is None or ended > due
        reason = None if still else jobs.leaving_reason(placement, contract)
        self.add("follow_up", (follow_up, person, case, caseworker, title, day(due), 1,
                               moment(datetime.combine(checked, time(12, 0))),
                               jobs.STILL_EMPLOYED if still else jobs.LEFT))
        self.add("retention_check", (check, placement, months, day(due), day(checked),
                                     int(still), reason, follow_up))

    def _job_seeker(self, person: str, client: Client, office: Office, region: str | None,
                    arrival: date, first_contact: date, search: JobSearch,
                    open_case: bool) -> tuple[str, str]:
        """The client's job-seeker profile; returns their profession (the job they were
        first referred to, most often, else one of the sector they want) and the sector
        they want first."""
        draw = self.jobs
        age = client.age(self.today)
        wanted = [v.sector for v in search.vacancies]
        sectors = list(dict.fromkeys(wanted))[:3]
        for _ in range(draw.choices((0, 1, 2), (45, 35, 20))[0] if sectors else
                       draw.choices((1, 2, 3), (50, 35, 15))[0]):
            sector = draw.choices(SECTORS, SECTOR_WEIGHTS)[0]
            if sector not in sectors and len(sectors) < 3:
                sectors.append(sector)
        russian = client.native_language == "ru"
        first = search.vacancies[0] if search.vacancies else None
        if first is not None and draw.random() < 0.7:
            job = next((j for j in jobs.jobs_of(first.sector)
                        if first.title in (j[0], j[1])), jobs.jobs_of(first.sector)[0])
        else:
            job = draw.choice(jobs.jobs_of(sectors[0]))
        profession = job[1] if russian else job[0]
        experience = None if draw.random() < 0.05 else min(
            draw.choices((0, draw.randint(1, 5), draw.randint(6, 25)), (20, 50, 30))[0],
            max(age - 18, 0))
        qualification = ""
        if draw.random() < 0.7:
            if sectors[0] in jobs.GRADED:  # a higher grade with the years
                grade = min(2 + (experience or 0) // 3 + draw.randint(0, 1), 6)
                qualification = f"{profession}, {grade}-разряд"
            elif sectors[0] in jobs.CATEGORISED:
                qualification = f"{profession}, {draw.choice(jobs.CATEGORISED[sectors[0]])}"
            else:
                qualification = f"{profession} (кәсіптік білім туралы диплом)"
        licence = ""
        if job[2] and draw.random() < 0.85:
            licence = job[2] if job[2] != "C CE" or draw.random() < 0.6 else "B C"
        elif draw.random() < (0.35 if client.sex == "M" else 0.12):
            licence = "B"
        health = draw.choice(jobs.HEALTH_LIMITS) if draw.random() < 0.04 else ""
        childcare = client.sex == "F" and 22 <= age <= 45 and draw.random() < 0.35
        since = None
        if draw.random() < 0.85:
            before = search.first_referred or min(first_contact + timedelta(days=14),
                                                  self.today)
            since = min(max(arrival, before - timedelta(days=draw.randint(7, 300))),
                        before - timedelta(days=1))
        seeker = _derived_id(person, "job_seeker")
        self.add("job_seeker", (seeker, person, qualification, experience, licence, health,
                                int(childcare), day(since),
                                int(open_case and not search.employed)))
        for sector in sectors:
            self.add("job_seeker_sector", (_derived_id(seeker, sector), seeker, sector))
        regions = [region] if region else []
        if draw.random() < 0.3:
            other = draw.choice(office.regions)
            if other not in regions:
                regions.append(other)
        for code in regions:
            self.add("job_seeker_region", (_derived_id(seeker, code), seeker, code))
        return profession, sectors[0]

    def _training(self, person: str, case: str, office: Office, caseworker: str,
                  referred: date, sector: str, work: Work) -> tuple[str, str]:
        """A referral to the employment provider's vocational training or requalification
        (a course for the sector the client wants, when there is one), followed from
        referred to completed (or dropped)."""
        draw = self.jobs
        referral = random_key(draw)
        courses = [title for title, sectors in jobs.TRAINING_COURSES if sector in sectors]
        course = draw.choice(courses or [title for title, _ in jobs.TRAINING_COURSES])
        service = "vocational_training" if draw.random() < 0.7 else "requalification"
        starts = referred + timedelta(days=draw.randint(7, 30))
        ends = starts + timedelta(days=draw.choice((30, 45, 60, 90, 120)))
        outcome: date | None = None
        if draw.random() < 0.12 and starts <= self.today:
            # Not taken by the provider before the course, or did not come on its first day.
            status = draw.choice(("rejected", "no_show"))
            outcome = (starts if status == "no_show"
                       else min(starts, referred + timedelta(days=draw.randint(2, 10))))
        elif starts > self.today:
            status = "referred"
        elif draw.random() < 0.15:
            status = "dropped"
            outcome = min(starts + timedelta(days=draw.randint(5, (ends - starts).days)),
                          self.today)
        elif ends > self.today:
            status, outcome = "started", starts
        else:
            status, outcome = "completed", ends
        work.note("job", under_way=status in ("referred", "started"))
        self.add("job_referral", (referral, person, case, key(office.id), caseworker, None,
                                  None, day(referred), status, day(outcome), "training",
                                  service, None, "", key(office.providers["employment"]),
                                  course, day(starts), day(ends)))
        return ("job_referral_id", referral)

    def _social_referrals(self, person: str, case: str, office: Office, caseworker: str,
                          start: date, span: int, work: Work) -> list[tuple[str, str]]:
        rng = self.rng
        served: list[tuple[str, str]] = []
        for service in rng.sample(SOCIAL_SERVICES, rng.randint(1, 2)):
            referral = self.new_key()
            referred = start + timedelta(days=rng.randint(0, span))
            took = rng.randint(3, 75)
            completed_on = referred + timedelta(days=took)
            completed = completed_on <= self.today and rng.random() < 0.75
            drawn = "completed" if completed else rng.choice(("referred", "accepted",
                                                              "refused"))
            outcome = social.referral_outcome(referral, service, drawn, referred, completed_on,
                                              self.today, office.delivers)
            work.note("social", under_way=outcome.status in ("referred", "accepted"))
            self.add("referral", (referral, person, case, key(office.id), caseworker, service,
                                  key(outcome.provider_id), day(referred), *outcome.row()))
            served.append(("referral_id", referral))
            self.add("status_change", (self.new_key(), "referral", referral, "referred",
                                       moment(datetime.combine(referred, time(10))), ""))
            if drawn != "referred":
                changed = completed_on if completed else referred + timedelta(days=took // 2)
                self.add("status_change", (self.new_key(), "referral", referral, drawn,
                                           moment(datetime.combine(min(changed, self.today),
                                                                   time(15))), outcome.outcome))
            elif outcome.status != drawn and outcome.closed_on is not None:
                # Derived, not drawn: the main stream's draws stay where they were.
                self.add("status_change", (_derived_id(referral, outcome.status), "referral",
                                           referral, outcome.status,
                                           moment(datetime.combine(outcome.closed_on,
                                                                   time(12))), ""))
        return served

    def _goal_services(self, goals: dict[str, str],
                       served: dict[str, list[tuple[str, str]]]) -> None:
        """Each goal linked to the services of its area the client got. The link's id is
        derived from the two it joins, not drawn: drawing would shift every later client."""
        for area, goal in goals.items():
            for column, service in served.get(area, ()):
                link = key(uuid.uuid5(LINK_NAMESPACE, goal + service))
                row = {"enrolment_id": None, "referral_id": None, "job_referral_id": None,
                       "placement_id": None, column: service}
                self.add("case_goal_service", (link, goal, row["enrolment_id"],
                                               row["referral_id"], row["job_referral_id"],
                                               row["placement_id"]))

    # ---- transfers between offices --------------------------------------------------------

    def _move_id(self) -> str:
        return random_key(self.moves)

    def _transfer(self, rows: dict[str, list[tuple[Any, ...]]], giving: Office,
                  move: Move) -> None:
        """Rewrite one client's rows as the service would have left them: a request still
        waiting, or the case closed here and continued in ``move.to`` with what was left
        to do (open tasks and goals) and what happened after (rows dated since)."""
        moves = self.moves
        [(case, person, office_key, worker, status, opened, closed_on, reason,
          _continues, *quota)] = rows["client_case"]
        opened_on = date.fromisoformat(opened)
        note = moves.choice(MOVE_NOTES)
        if not move.accepted:
            if status == "open":  # a closed case is never offered
                asked = max(opened_on, self.today - timedelta(days=moves.randint(0, 12)))
                self._transfer_row(rows, case, person, giving, move.to, "requested", asked, note)
            return
        end = date.fromisoformat(closed_on) if closed_on else self.today
        span = (end - opened_on).days
        on = opened_on + timedelta(days=moves.randint(span // 3, span))
        new_case, new_worker = self._move_id(), key(moves.choice(move.to.caseworkers))
        to_key = key(move.to.id)
        rows["client_case"] = [
            (case, person, office_key, worker, "closed", opened, day(on), TRANSFER_CLOSURE, None,
             *quota),
            # The continuation ends as the case would have: open, or closed for its reason.
            (new_case, person, to_key, new_worker, status, day(on), closed_on, reason, case,
             *quota)]
        rows["case_goal"] = [(g[0], new_case, *g[2:]) if g[5] in ("planned", "in_progress")
                             else g for g in rows["case_goal"]]
        rows["follow_up"] = [(f[0], f[1], new_case, new_worker, *f[4:]) if not f[6] else f
                             for f in rows["follow_up"]]
        since = day(on) or ""
        for table, (case_at, office_at, worker_at, date_at) in REHOMED.items():
            rehomed = []
            for row in rows.get(table, []):
                if (row[date_at] or "") >= since:
                    values = list(row)
                    for at, value in ((case_at, new_case), (office_at, to_key),
                                      (worker_at, new_worker)):
                        if at is not None:
                            values[at] = value
                    row = tuple(values)
                rehomed.append(row)
            rows[table] = rehomed
        asked = max(opened_on, on - timedelta(days=moves.randint(1, 10)))
        transfer = self._transfer_row(rows, case, person, giving, move.to, "accepted", asked,
                                      note, on, new_case)
        when = moment(datetime.combine(on, time(11)))
        rows["status_change"] += [
            (self._move_id(), "case_transfer", transfer, "accepted", when, ""),
            (self._move_id(), "client_case", case, "closed", when, note),
            (self._move_id(), "client_case", new_case, "open", when, "")]

    def _transfer_row(self, rows: dict[str, list[tuple[Any, ...]]], case: str, person: str,
                      giving: Office, receiving: Office, status: str, asked: date, note: str,
                      decided: date | None = None, new_case: str | None = None) -> str:
        transfer = self._move_id()
        manager = key(receiving.manager) if decided and receiving.manager else None
        rows["case_transfer"].append((transfer, case, person, key(giving.id), key(receiving.id),
                                      status, day(asked), note, day(decided), manager, "",
                                      new_case))
        rows["status_change"].append((self._move_id(), "case_transfer", transfer, "requested",
                                      moment(datetime.combine(asked, time(10))), note))
        return transfer
