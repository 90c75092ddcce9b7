"""A small database with hand-counted answers for October 2026 (see each record's comment)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from db.models import (
    Attendance,
    Case,
    CaseStatus,
    CaseTransfer,
    Center,
    Consultation,
    ContractType,
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    Employer,
    EnrolmentStatus,
    Entitlement,
    EntitlementPayment,
    EntitlementStatus,
    FollowUp,
    GroupStatus,
    JobReferral,
    JobReferralStatus,
    Office,
    Person,
    Placement,
    Referral,
    ReferralStatus,
    RetentionCheck,
    Role,
    Room,
    Stay,
    TransferStatus,
    User,
)
from db.models.reference import ConsultationTopic
from db.session import Database

MONTH = date(2026, 10, 1)
TODAY = date(2026, 11, 25)


@dataclass
class Known:
    consultation_id: uuid.UUID  # k1, Әлия's first consultation of the month


def d(text: str) -> date:
    return date.fromisoformat(text)


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def build(database: Database) -> Known:
    with database.session() as s:
        s.add(Center(name="«Қадам» бейімдеу орталығы", address="Астана, Мәңгілік Ел, 8",
                     phone="+7 7172 55 00 00"))
        a = Office(code="AST", name="Астана кеңсесі", region_code="71")
        b = Office(code="ALA", name="Алматы кеңсесі", region_code="75")
        s.add_all([a, b])
        s.flush()
        u1 = User(login="aigerim", full_name="Сапарова Айгерім", role=Role.CASEWORKER,
                  office_id=a.id)
        u2 = User(login="erlan", full_name="Сейткали Ерлан", role=Role.CASEWORKER,
                  office_id=b.id)
        s.add_all([u1, u2])
        s.flush()

        def person(**values: object) -> Person:
            p = Person(**values)
            s.add(p)
            s.flush()
            return p

        p1 = person(surname="Нұрпейісова", given_name="Әлия", category_code="kandas",
                    country_of_origin="CN", sex="F", birth_date=d("1990-05-10"),
                    region_code="71", office_id=a.id, iin="900510400017")
        p2 = person(surname="Рахимов", given_name="Шерзод", category_code="labour_migrant_permit",
                    country_of_origin="UZ", sex="M", birth_date=d("2000-12-01"),
                    region_code="71", office_id=a.id)
        # Transferred from Astana to Almaty on 10 October; no birth date recorded.
        p3 = person(surname="Құрманов", given_name="Жанболат", category_code="kandas",
                    country_of_origin="UZ", sex="M", birth_date=None, region_code="75",
                    office_id=b.id)
        p4 = person(surname="Хайдари", given_name="Мариам", category_code="refugee",
                    country_of_origin="AF", sex="F", birth_date=d("2015-03-03"),
                    region_code="75", office_id=b.id)

        def case(p: Person, office: Office, worker: User, opened: str,
                 closed: str | None = None, reason: str | None = None,
                 continues: Case | None = None, quota: int | None = None) -> Case:
            c = Case(person_id=p.id, office_id=office.id, caseworker_id=worker.id,
                     opened_on=d(opened), closed_on=d(closed) if closed else None,
                     status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
                     closure_reason_code=reason,
                     transferred_from_id=continues.id if continues else None,
                     quota_year=quota, quota_region_code=p.region_code if quota else None)
            s.add(c)
            s.flush()
            return c

        # In the regional quota: c1 of 2026; c3 and c4, one client's case and its
        # continuation, of 2025; c6 and c5 (of 2026) were not open in October.
        case(p1, a, u1, "2026-09-15", quota=2026)  # c1: active all October
        case(p2, a, u1, "2026-10-05", "2026-10-20", "goals_achieved")  # c2: in and out in Oct
        # c3 and c4: a transfer, out of Astana and into Almaty (not closed, not new).
        c3 = case(p3, a, u1, "2026-08-01", "2026-10-10", "transferred_to_other_office",
                  quota=2025)
        c4 = case(p3, b, u2, "2026-10-10", continues=c3, quota=2025)
        s.add(CaseTransfer(case_id=c3.id, person_id=p3.id, from_office_id=a.id,
                           to_office_id=b.id, status=TransferStatus.ACCEPTED,
                           requested_on=d("2026-10-06"), note="Алматыға көшті",
                           decided_on=d("2026-10-10"), decided_by=u2.id, decision_note="",
                           new_case_id=c4.id))
        # A request still pending at the end of the month changes no figure.
        s.add(CaseTransfer(case_id=c4.id, person_id=p3.id, from_office_id=b.id,
                           to_office_id=a.id, status=TransferStatus.REQUESTED,
                           requested_on=d("2026-10-30"), note="", decision_note=""))
        case(p4, b, u2, "2026-06-01", "2026-09-30", "moved_away",  # c6: closed before October
             quota=2026)
        case(p4, b, u2, "2026-11-02", quota=2026)  # c5: opened in November

        topics = {t.code: t for t in s.query(ConsultationTopic)}

        def consult(p: Person, office: Office, worker: User, at: str, channel: str,
                    *codes: str) -> Consultation:
            k = Consultation(person_id=p.id, office_id=office.id, caseworker_id=worker.id,
                             held_at=t(at), channel_code=channel,
                             advice="Құжаттарды ХҚКО арқылы тапсыру ұсынылды.",
                             next_steps="Қайта келу", topics=[topics[c] for c in codes])
            s.add(k)
            s.flush()
            return k

        k1 = consult(p1, a, u1, "2026-10-03 10:00", "in_person", "documents", "legal_status")
        consult(p1, a, u1, "2026-10-31 23:30", "phone", "documents")
        consult(p2, a, u1, "2026-10-06 12:00", "messenger", "employment")
        consult(p3, b, u2, "2026-11-01 00:00", "in_person", "housing")  # November
        consult(p3, b, u2, "2026-09-30 23:59", "in_person", "housing")  # September

        # Taught by Айгерім, one of the center's users: her name is the teacher's.
        group = CourseGroup(name="KK-A1", office_id=a.id, service_type_code="kazakh_course",
                            language_code="kk", level_code="a1", starts_on=d("2026-09-01"),
                            ends_on=d("2026-10-30"), teacher_id=u1.id,
                            status=GroupStatus.FINISHED)
        s.add(group)
        s.flush()
        sessions = []
        for day in ("2026-10-07", "2026-10-14", "2026-09-30", "2026-10-21", "2026-10-28"):
            session = CourseSession(group_id=group.id, held_on=d(day),
                                    cancelled=day == "2026-10-28")
            s.add(session)
            sessions.append(session)
        e1 = CourseEnrolment(group_id=group.id, person_id=p1.id, enrolled_on=d("2026-09-20"),
                             status=EnrolmentStatus.COMPLETED, finished_on=d("2026-10-28"),
                             level_after_code="a2")
        e2 = CourseEnrolment(group_id=group.id, person_id=p2.id, enrolled_on=d("2026-10-02"),
                             status=EnrolmentStatus.DROPPED, finished_on=d("2026-10-15"))
        # The waiting list never held a place: neither joining it in October nor leaving it
        # is an enrolment or a drop-out.
        e3 = CourseEnrolment(group_id=group.id, person_id=p3.id, enrolled_on=d("2026-10-05"),
                             status=EnrolmentStatus.WAITING, waiting_since=t("2026-10-05 11:00"))
        e4 = CourseEnrolment(group_id=group.id, person_id=p4.id, enrolled_on=d("2026-10-03"),
                             status=EnrolmentStatus.WITHDRAWN, finished_on=d("2026-10-12"),
                             waiting_since=t("2026-10-03 10:00"))
        s.add_all([e1, e2, e3, e4])
        s.flush()
        # Counted in October: present 3 of 4. An excused absence counts neither way, nor do
        # a mark of a cancelled session or of someone who never held a place.
        for session, enrolment, present, excused in (
                (0, e1, True, False), (0, e2, True, False), (1, e1, True, False),
                (1, e2, False, False), (2, e1, False, False), (3, e1, False, True),
                (3, e4, True, False), (4, e1, True, False)):
            s.add(Attendance(session_id=sessions[session].id, enrolment_id=enrolment.id,
                             present=present, excused=excused))

        builder = Employer(name="«Құрылыс-7» ЖШС", bin="940140000385",
                           sector_code="construction", region_code="71")
        s.add(builder)
        s.flush()
        hired = JobReferral(person_id=p2.id, office_id=a.id, employer_id=builder.id,
                            referred_on=d("2026-10-08"), status=JobReferralStatus.HIRED)
        s.add_all([hired,
                   JobReferral(person_id=p2.id, office_id=a.id, employer_id=builder.id,
                               referred_on=d("2026-10-09"), status=JobReferralStatus.REJECTED),
                   JobReferral(person_id=p1.id, office_id=a.id, employer_id=builder.id,
                               referred_on=d("2026-09-10"))])
        s.flush()
        s.add(Placement(person_id=p2.id, office_id=a.id, employer_id=builder.id,
                        job_referral_id=hired.id, sector_code="construction",
                        monthly_wage=300_000, started_on=d("2026-10-20")))
        old = Placement(person_id=p1.id, office_id=a.id, employer_id=builder.id,
                        sector_code="agriculture", started_on=d("2026-04-01"))
        other = Placement(person_id=p3.id, office_id=b.id, employer_id=builder.id,
                          sector_code="trade", started_on=d("2026-07-05"))
        s.add_all([old, other])
        s.flush()
        s.add_all([
            RetentionCheck(placement_id=old.id, months_after=3, due_on=d("2026-07-01"),
                           checked_on=d("2026-07-01"),
                           still_employed=True),
            RetentionCheck(placement_id=old.id, months_after=6, due_on=d("2026-10-01"),
                           checked_on=d("2026-10-01"),
                           still_employed=True),
            RetentionCheck(placement_id=other.id, months_after=3, due_on=d("2026-10-05"),
                           checked_on=d("2026-10-05"),
                           still_employed=False)])
        p5, p6, p7 = hire_more(s, a, b, builder, p3)

        def refer(p: Person, office: Office, service: str, referred: str,
                  completed: str | None = None, *, amount: int | None = None,
                  ended: ReferralStatus = ReferralStatus.COMPLETED) -> None:
            s.add(Referral(person_id=p.id, office_id=office.id, service_type_code=service,
                           referred_on=d(referred),
                           status=ended if completed else ReferralStatus.REFERRED,
                           closed_on=d(completed) if completed else None, amount=amount,
                           consultation_id=k1.id if p is p1 else None))

        # Housing support in Astana paid 85 000 + 120 500 = 205 500 ₸ in October.
        refer(p1, a, "housing_support", "2026-10-01", "2026-10-11", amount=85_000)  # 10 days
        refer(p2, a, "housing_support", "2026-10-10", "2026-11-05",  # done next month
              amount=50_000)
        refer(p3, a, "housing_support", "2026-09-20", "2026-10-20", amount=120_500)  # 30 days
        refer(p4, b, "legal_aid", "2026-10-15")
        refer(p4, b, "information_consultation", "2026-10-15")  # not a social service
        # Made in September, ended in October without the service: refused by the legal
        # aid office (Astana), unanswered by the benefits office (Almaty). Those that ended
        # so in September or November count in no October figure.
        refer(p2, a, "legal_aid", "2026-09-25", "2026-10-05", ended=ReferralStatus.REFUSED)
        refer(p4, b, "social_benefits", "2026-09-10", "2026-10-12",
              ended=ReferralStatus.NO_RESPONSE)
        refer(p2, a, "legal_aid", "2026-09-02", "2026-09-30", ended=ReferralStatus.REFUSED)
        refer(p4, b, "social_benefits", "2026-09-10", "2026-11-01",
              ended=ReferralStatus.NO_RESPONSE)
        support(s, a, b, (p1, p2, p3, p4))
        stays(s, a, b, (p1, p2, p4, p5, p6, p7))

        def follow(p: Person, worker: User, due: str, done_at: str | None = None) -> None:
            s.add(FollowUp(person_id=p.id, assignee_id=worker.id, title="Қайта хабарласу",
                           due_on=d(due), done=done_at is not None,
                           done_at=t(done_at) if done_at else None))

        follow(p1, u1, "2026-10-15")  # overdue
        follow(p2, u1, "2026-10-20", "2026-11-03 09:00")  # overdue when October ended
        follow(p2, u1, "2026-10-25", "2026-10-26 09:00")  # done in time
        follow(p4, u2, "2026-11-10")  # not due yet
        follow(p3, u2, "2026-09-01")  # overdue since September
        return Known(consultation_id=k1.id)


# The employers hired into in October besides «Құрылыс-7»: in the Kazakh alphabet Ә comes
# before Б, by code point after it, so their tie tells the two orders apart.
ADILET = "Әділет Сервис ЖШС"
BARYS = "Барыс Логистика ЖШС"


def hire_more(s: Session, a: Office, b: Office, builder: Employer,
              p3: Person) -> tuple[Person, Person, Person]:
    """Hires in October with contract types, wages and employers, and some just outside it.

    October, with Шерзод's hire of 20 October at «Құрылыс-7» (300 000 ₸, its contract type
    not recorded):

    ====  ======  =========  ==========  ==========  ==============
    who   office  employer   wage        contract    started
    ====  ======  =========  ==========  ==========  ==============
    p2    AST     Құрылыс-7  300 000     (none)      20 October
    p5    AST     Әділет     180 000     seasonal    1 October
    p6    AST     Барыс      240 000     seasonal    31 October
    p3    ALA     Әділет     (none)      fixed term  15 October
    p7    ALA     Барыс      205 001     permanent   12 October
    ====  ======  =========  ==========  ==========  ==============

    All offices: 4 wages, median (205 001 + 240 000) / 2 = 222 500,5 → 222 501. Astana: 3
    wages, median 240 000. Almaty: one wage, 205 001. Subsidised jobs started on 30
    September and 1 November (999 000 ₸ and 1 000 ₸) and one in July count in no October
    figure.
    """
    adilet = Employer(name=ADILET, sector_code="hospitality", region_code="71")
    barys = Employer(name=BARYS, sector_code="transport", region_code="75")
    s.add_all([adilet, barys])
    people = [Person(surname=surname, given_name=given, category_code=category,
                     country_of_origin=country, sex=sex, birth_date=d(born), region_code=region,
                     office_id=office.id)
              for surname, given, category, country, sex, born, region, office in (
                  ("Юсупов", "Бахтиёр", "labour_migrant_eaeu", "KG", "M", "1988-02-14", "71",
                   a),
                  ("Батболд", "Сарангэрэл", "kandas", "MN", "F", "1995-07-30", "71", a),
                  ("Каримова", "Дилноза", "labour_migrant_permit", "UZ", "F", "1992-11-03",
                   "75", b))]
    s.add_all(people)
    s.flush()
    p5, p6, p7 = people

    def placement(p: Person, office: Office, employer: Employer, wage: int | None,
                  contract: ContractType | None, started: str) -> Placement:
        hire = Placement(person_id=p.id, office_id=office.id, employer_id=employer.id,
                         sector_code=employer.sector_code, monthly_wage=wage,
                         contract_type=contract, started_on=d(started))
        s.add(hire)
        return hire

    placement(p5, a, adilet, 180_000, ContractType.SEASONAL, "2026-10-01")
    placement(p6, a, barys, 240_000, ContractType.SEASONAL, "2026-10-31")
    placement(p3, b, adilet, None, ContractType.FIXED_TERM, "2026-10-15")
    hired = placement(p7, b, barys, 205_001, ContractType.PERMANENT, "2026-10-12")
    placement(p5, a, builder, 999_000, ContractType.SUBSIDISED, "2026-09-30")
    placement(p7, b, builder, 1_000, ContractType.SUBSIDISED, "2026-11-01")
    july = placement(p6, a, builder, 190_000, ContractType.PERMANENT, "2026-07-10")
    s.flush()
    # Checks planned at the hire have no date or outcome until recorded: one due in
    # October and still not recorded, two due next year. None counts.
    s.add_all([RetentionCheck(placement_id=july.id, months_after=3, due_on=d("2026-10-10")),
               RetentionCheck(placement_id=hired.id, months_after=3, due_on=d("2027-01-12")),
               RetentionCheck(placement_id=hired.id, months_after=6, due_on=d("2027-04-12"))])
    return p5, p6, p7


def support(s: Session, a: Office, b: Office, people: tuple[Person, ...]) -> None:
    """Applications for the quota's support measures, and their payments (tenge).

    October, Astana: relocation: one applied (Шерзод, 460 000, refused on the 28th), one
    granted (Әлия's of September, 900 000), 600 000 paid, 300 000 still to pay (the rest
    is paid in November). Rent: two applied (480 000 + 100 000, the second withdrawn),
    one granted (360 000), paid 30 000 + 20 000 (Әлия's of August, granted 240 000), still
    to pay 360 000 + 240 000 − 70 000 = 530 000. Almaty: relocation, one applied
    (1 400 000, not decided); the employer subsidy, nothing in October but 300 000 still
    to pay since the summer. An application of November counts in none.
    """
    p1, p2, p3, p4 = people

    def apply(p: Person, office: Office, rule: str, applied: str, amount: int,
              status: EntitlementStatus = EntitlementStatus.APPLIED,
              decided: str | None = None, granted: int | None = None,
              payments: tuple[tuple[str, int], ...] = ()) -> None:
        e = Entitlement(person_id=p.id, office_id=office.id, rule_code=rule, members=1,
                        applied_on=d(applied), amount_applied=amount, status=status,
                        decided_on=d(decided) if decided else None, amount_granted=granted)
        s.add(e)
        s.flush()
        s.add_all([EntitlementPayment(entitlement_id=e.id, paid_on=d(day), amount=paid)
                   for day, paid in payments])

    granted, refused = EntitlementStatus.GRANTED, EntitlementStatus.REFUSED
    apply(p1, a, "relocation_subsidy", "2026-09-10", 900_000, granted, "2026-10-05", 900_000,
          (("2026-10-20", 600_000), ("2026-11-10", 300_000)))
    apply(p2, a, "relocation_subsidy", "2026-10-12", 460_000, refused, "2026-10-28")
    apply(p3, a, "rent_subsidy", "2026-10-02", 480_000, granted, "2026-10-25", 360_000,
          (("2026-10-30", 30_000),))
    apply(p2, a, "rent_subsidy", "2026-10-03", 100_000, EntitlementStatus.WITHDRAWN,
          "2026-10-04")
    apply(p1, a, "rent_subsidy", "2026-08-01", 240_000, granted, "2026-08-20", 240_000,
          (("2026-09-01", 20_000), ("2026-10-01", 20_000)))
    apply(p1, a, "relocation_subsidy", "2026-11-02", 700_000)
    apply(p4, b, "relocation_subsidy", "2026-10-15", 1_400_000)
    apply(p3, b, "employer_subsidy", "2026-05-01", 500_000, granted, "2026-06-01", 500_000,
          (("2026-07-01", 200_000),))


def stays(s: Session, a: Office, b: Office, people: tuple[Person, ...]) -> None:
    """Rooms and stays, October: a stay takes a bed from its check-in night to the night
    before its check-out, or to the month's last night while not checked out.

    ======  ====  ===========  ==============  ============  ======  =========
    office  who   checked in   last night      checked out   nights  overstays
                               agreed                        in Oct  on 31 Oct
    ======  ====  ===========  ==============  ============  ======  =========
    AST     p1    25 Sept      14 Oct          15 Oct        14
    AST     p1    25 Oct       27 Oct          28 Oct        3
    AST     p2    10 Oct       20 Oct          (staying)     22      yes
    AST     p5    31 Oct       10 Nov          (staying)     1
    AST     p6    5 Oct        5 Oct           5 Oct         0
    AST     p6    1 Sept       30 Sept         1 Oct         0
    AST     p7    1 Nov        5 Nov           (staying)     0
    ALA     p4    20 Oct       30 Nov          2 Nov         12
    ALA     p7    15 Sept      15 Oct          3 Nov         31      yes
    ======  ====  ===========  ==============  ============  ======  =========

    Astana: 4 beds (room 102 is closed), 124 bed-nights available, 40 taken, 3 people,
    4 check-ins, 1 overstay. Almaty: 3 beds, 93 available, 43 taken, 2 people, 1
    check-in, 1 overstay.
    """
    p1, p2, p4, p5, p6, p7 = people
    r101 = Room(office_id=a.id, name="101", beds=4)
    r102 = Room(office_id=a.id, name="102", beds=2, active=False)
    r1 = Room(office_id=b.id, name="1", beds=3)
    s.add_all([r101, r102, r1])
    s.flush()

    def stay(room: Room, p: Person, checked_in: str, until: str,
             checked_out: str | None = None) -> None:
        s.add(Stay(room_id=room.id, person_id=p.id, checked_in_on=d(checked_in),
                   planned_until=d(until),
                   checked_out_on=d(checked_out) if checked_out else None))

    stay(r101, p1, "2026-09-25", "2026-10-14", "2026-10-15")
    stay(r101, p1, "2026-10-25", "2026-10-27", "2026-10-28")
    stay(r101, p2, "2026-10-10", "2026-10-20")
    stay(r101, p5, "2026-10-31", "2026-11-10")
    stay(r101, p6, "2026-10-05", "2026-10-05", "2026-10-05")
    stay(r101, p6, "2026-09-01", "2026-09-30", "2026-10-01")
    stay(r101, p7, "2026-11-01", "2026-11-05")
    stay(r1, p4, "2026-10-20", "2026-11-30", "2026-11-02")
    stay(r1, p7, "2026-09-15", "2026-10-15", "2026-11-03")
