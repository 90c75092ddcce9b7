"""Hand-made report figures for the writers' tests (PDF, XLSX), in kk, ru or en.

Figures of a November at a five-office center, all offices together. The
numbers agree with one another as the database's would: breakdowns add up to
the caseload, headlines repeat the sections, active at end = start + new - closed.
Labels are filled in the report's language, as ``desktop.services.reports`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from db.reference_data import REFERENCE
from db.reports.figures import (
    AGE_BANDS,
    HEADLINES,
    OFFICE_FIGURES,
    TRENDS,
    CaseloadRow,
    ConsultationRecord,
    CountRow,
    CourseGroupRow,
    Courses,
    Employment,
    Headline,
    Letterhead,
    MonthlyReport,
    OfficeRow,
    SocialRow,
    TrendMonth,
    WorkloadRow,
)
from desktop.domain.iin import mask_iin
from desktop.i18n import country_codes, country_name
from desktop.reports.labels import FIGURE_LABELS, Words

MONTH = date(2026, 11, 1)
GENERATED_AT = datetime(2026, 12, 1, 9, 30)
PREPARED_BY = "Шаһизада Әбілқасымова"

LETTERHEADS = {
    "kk": Letterhead("«Қадам» көші-қон және бейімдеу орталығы",
                     "Астана қ., Мәңгілік Ел даңғылы, 8", "+7 7172 55 00 00"),
    "ru": Letterhead("Центр миграции и адаптации «Кадам»",
                     "г. Астана, проспект Мәңгілік Ел, 8", "+7 7172 55 00 00"),
    "en": Letterhead("Qadam Migration and Adaptation Center",
                     "8 Mangilik El Avenue, Astana", "+7 7172 55 00 00"),
}
SEXES = {
    "F": {"kk": "Әйелдер", "ru": "Женщины", "en": "Women"},
    "M": {"kk": "Ерлер", "ru": "Мужчины", "en": "Men"},
    "unknown": {"kk": "Көрсетілмеген", "ru": "Не указано", "en": "Not recorded"},
}
YEARS = {"kk": "{band} жас", "ru": "{band} лет", "en": "{band} years"}
OLDER = {"kk": "63 жас және одан үлкен", "ru": "63 года и старше", "en": "63 years and older"}

# Migrant category: active at start, new, closed (hand-made; they sum to the totals).
CATEGORIES = {
    "kandas": (512, 74, 38), "internal_resettler": (143, 21, 12),
    "labour_migrant_permit": (118, 19, 9), "labour_migrant_household": (64, 9, 5),
    "labour_migrant_eaeu": (171, 28, 14), "business_immigrant": (12, 2, 1),
    "foreign_student": (58, 11, 6), "refugee": (27, 4, 2), "asylum_seeker": (19, 5, 1),
    "stateless": (33, 3, 2), "returning_citizen": (45, 8, 4), "other": (32, 3, 2),
}
# Cases that moved between offices in November, (in, out) per category: network-wide the
# two are equal, but not within a category whose client changed category meanwhile.
TRANSFERS = {"kandas": (5, 5), "labour_migrant_eaeu": (2, 2), "refugee": (1, 1)}
# Shares of the caseload for the other breakdowns.
COUNTRIES = {"UZ": 31, "CN": 19, "MN": 11, "KG": 9, "TJ": 7, "TM": 6, "RU": 6, "AF": 4,
             "TR": 3, "IN": 2, "KZ": 2}
SEX_SHARES = {"F": 54, "M": 45, "unknown": 1}
AGE_SHARES = {"0-15": 21, "16-29": 27, "30-44": 29, "45-62": 17, "63+": 5, "unknown": 1}
# The ministry's indicators: education levels in the reference list's order, not recorded
# last; employment status on the month's last day.
EDUCATION_SHARES = {"none": 6, "primary": 2, "general_secondary": 46, "vocational": 25,
                    "incomplete_higher": 3, "higher": 14, "postgraduate": 1, "unknown": 3}
EMPLOYMENT_SHARES = {"job_seeker": 38, "employed": 22, "not_seeking": 40}
EMPLOYMENT_WORDS = {
    "kk": {"job_seeker": "Жұмыс іздеушілер", "employed": "Жұмыспен қамтылғандар",
           "not_seeking": "Жұмыс іздемейтіндер"},
    "ru": {"job_seeker": "Ищущие работу", "employed": "Трудоустроенные",
           "not_seeking": "Не ищущие работу"},
    "en": {"job_seeker": "Job seekers", "employed": "Employed", "not_seeking": "Not seeking work"},
}
# The five offices, the shares of the figures each holds, and their names.
OFFICES = {
    "AKT": (12, {"kk": "Ақтөбе кеңсесі", "ru": "Актюбинский офис", "en": "Aktobe office"}),
    "ALA": (26, {"kk": "Алматы кеңсесі", "ru": "Алматинский офис", "en": "Almaty office"}),
    "AST": (30, {"kk": "Астана кеңсесі", "ru": "Астанинский офис", "en": "Astana office"}),
    "PET": (12, {"kk": "Петропавл кеңсесі", "ru": "Петропавловский офис",
                 "en": "Petropavl office"}),
    "SHY": (20, {"kk": "Шымкент кеңсесі", "ru": "Шымкентский офис", "en": "Shymkent office"}),
}
# December 2025 to October 2026 (November is the report's own): active at each month's
# end, new intakes, consultations, hires, social-service referrals completed; October's
# are PREVIOUS's.
TREND_MONTHS = (
    (1_012, 118, 455, 19, 71), (1_031, 131, 472, 17, 80), (1_049, 127, 498, 21, 77),
    (1_066, 139, 517, 24, 86), (1_090, 152, 541, 29, 91), (1_108, 146, 533, 31, 88),
    (1_121, 138, 506, 27, 84), (1_137, 144, 529, 26, 93), (1_162, 158, 566, 30, 97),
    (1_178, 149, 571, 32, 99), (1_234, 161, 598, 33, 102),
)
REGIONS = {"71": 24, "75": 21, "79": 14, "61": 12, "59": 7, "47": 6, "35": 5, "63": 4, "43": 3,
           "19": 2, "15": 1, "62": 1}
TOPICS = {"legal_status": 96, "documents": 188, "citizenship": 74, "registration": 61,
          "employment": 143, "language_learning": 52, "education": 27, "housing": 58,
          "health_insurance": 49, "social_benefits": 44, "family_children": 21,
          "psychological": 9, "legal_aid": 17, "other": 12}
CHANNELS = {"in_person": 401, "phone": 142, "messenger": 71, "outreach": 19, "email": 9}
SECTORS = {"construction": 9, "agriculture": 6, "manufacturing": 5, "trade": 4,
           "hospitality": 3, "household_work": 2, "transport": 2}
# Social service: referred in the month, completed in the month, share of the month's
# referrals completed by its end, median days to completion.
SOCIAL = {
    "medical_insurance_registration": (38, 31, 0.684, 6.0),
    "school_place": (22, 17, 0.591, 11.5), "kindergarten_place": (14, 6, 0.286, 24.0),
    "housing_support": (11, 2, 0.0, 38.5), "rent_subsidy": (9, 4, 0.222, 21.0),
    "social_benefits": (17, 12, 0.529, 15.0), "resettlement_subsidy": (7, 3, 0.143, 29.0),
    "legal_aid": (6, 5, 0.667, 4.5), "psychological_support": (4, 4, 1.0, 2.0),
    "civil_registration": (0, 2, None, 17.0), "document_assistance": (26, 23, 0.769, 3.5),
}
# Caseworker, office, open cases, consultations, overdue follow-ups.
WORKLOAD = (
    ("Ахметова Динара", "AST", 101, 46, 2), ("Сейткали Ерлан", "AST", 88, 41, 0),
    ("Жұмабекова Гүлнар", "AST", 84, 38, 3), ("Ким Ольга", "AST", 69, 35, 1),
    ("Тұрсынов Бауыржан", "ALA", 95, 44, 0), ("Нұрланқызы Әсел", "ALA", 80, 37, 2),
    ("Петренко Андрей", "ALA", 65, 30, 1), ("Оспанова Мөлдір", "ALA", 70, 33, 0),
    ("Қасымов Нұрлан", "SHY", 90, 39, 4), ("Есенова Айжан", "SHY", 61, 29, 1),
    ("Сағынтаев Талғат", "SHY", 58, 27, 0), ("Иванова Светлана", "SHY", 54, 26, 2),
    ("Әбілқасымова Шаһизада", "PET", 47, 24, 0), ("Мұхтаров Ілияс", "PET", 44, 22, 1),
    ("Бекова Сәуле", "PET", 41, 21, 0), ("Омаров Арман", "PET", 39, 20, 3),
    ("Төлегенова Ләззат", "AKT", 69, 31, 1), ("Смағұлов Дәурен", "AKT", 57, 28, 0),
    ("Рахимова Камила", "AKT", 55, 26, 2), ("Ғабитов Серік", "AKT", 58, 45, 0),
)
# The course groups that ran in November, by office code and then the Kazakh alphabet:
# group, office, teacher, participants, completed, dropped out, attendance. The
# completions and drop-outs add up to the section's; a group started on the 30th has no
# marks yet.
COURSE_GROUPS = (
    ("Қазақ тілі A1 (кешкі)", "AKT", "Ережепова Гүлжан", 14, 5, 1, 0.861),
    ("Орыс тілі A2", "AKT", "Сидоренко Ирина", 11, 0, 0, 0.904),
    ("Ағылшын тілі B1", "ALA", "Ли Анна", 9, 0, 1, 0.812),
    ("Қазақ тілі A2", "ALA", "Әбдірахманова Ұлжан", 15, 7, 0, 0.887),
    ("Қазақ тілі B1 (демалыс күндері)", "ALA", "Нұрмағанбетов Ғалым", 12, 0, 1, 0.845),
    ("Қазақ тілі A1", "AST", "Жүсіпова Айгүл", 16, 8, 1, 0.902),
    ("Қазақ тілі A2 (таңғы)", "AST", "Жүсіпова Айгүл", 13, 0, 0, 0.921),
    ("Қазақ тілі: ҚАЗТЕСТ-ке дайындық", "AST", "«Тіл-Құрал» ЖШС оқытушысы", 10, 6, 1, 0.833),
    ("Орыс тілі A1", "AST", "Ким Ольга", 8, 0, 0, None),
    ("Қазақ тілі A1", "PET", "Мұқанов Ерсін", 12, 6, 1, 0.866),
    ("Орыс тілі B1", "PET", "Шаһарова Әмина", 7, 0, 0, 0.78),
    ("Қазақ тілі A1", "SHY", "Өтебаева Нұргүл", 15, 9, 1, 0.872),
    ("Қазақ тілі A2", "SHY", "Өтебаева Нұргүл", 11, 0, 0, 0.858),
    ("Өзбек тілінде сөйлейтіндерге арналған қазақ тілі курсы", "SHY", "Юсупов Шерзод",
     9, 0, 0, 0.791),
)
# The same headlines in October.
PREVIOUS = {
    "active_start": 1_178, "new": 161, "closed": 105, "active_end": 1_234, "transferred_in": 6,
    "transferred_out": 6, "consultations": 598,
    "clients_consulted": 415, "course_enrolled": 92, "course_completed": 35, "course_dropped": 9,
    "attendance_rate": 0.851, "job_seekers": 68, "job_referrals": 97, "hires": 33,
    "social_referred": 151, "social_completed": 102, "overdue_follow_ups": 26,
}


def _label(kind: str, code: str, language: str) -> str:
    item = next(item for item in REFERENCE[kind] if item.code == code)
    return getattr(item, language)


def _split(total: int, shares: Sequence[int]) -> list[int]:
    """``total`` in proportion to ``shares``, rounded so the parts still add up."""
    whole = sum(shares)
    exact = [total * share / whole for share in shares]
    parts = [int(value) for value in exact]
    by_remainder = sorted(range(len(shares)), key=lambda i: exact[i] - parts[i], reverse=True)
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def _breakdown(total: CaseloadRow, shares: dict[str, int],
               labels: dict[str, str]) -> list[CaseloadRow]:
    weights = list(shares.values())
    columns = [_split(getattr(total, name), weights) for name in (
        "active_start", "new", "closed", "transferred_in", "transferred_out")]
    rows = []
    for code, start, new, closed, moved_in, moved_out in zip(shares, *columns, strict=True):
        rows.append(CaseloadRow(code, labels[code], start, new, closed,
                                start + new + moved_in - closed - moved_out, moved_in, moved_out))
    return rows


def _count_rows(kind: str, counts: dict[str, int], language: str) -> list[CountRow]:
    return [CountRow(code, _label(kind, code, language), count) for code, count in counts.items()]


def sample_monthly(language: str) -> MonthlyReport:
    """November 2026 for all offices, labelled in ``language``."""
    words = Words(language)
    by_category = [
        CaseloadRow(code, _label("migrant_category", code, language), start, new, closed,
                    start + new + TRANSFERS.get(code, (0, 0))[0] - closed
                    - TRANSFERS.get(code, (0, 0))[1], *TRANSFERS.get(code, (0, 0)))
        for code, (start, new, closed) in CATEGORIES.items()]
    caseload = CaseloadRow("total", words("Total"), *(sum(getattr(row, name) for row in by_category)
                                          for name in ("active_start", "new", "closed",
                                                       "active_end", "transferred_in",
                                                       "transferred_out")))
    ages = {band: YEARS[language].format(band=band.replace("-", "–")) for band in AGE_BANDS}
    ages |= {"63+": OLDER[language], "unknown": SEXES["unknown"][language]}
    caseload_by = {
        "category": by_category,
        "country": _breakdown(caseload, COUNTRIES,
                              {code: country_name(code, language) for code in COUNTRIES}),
        "sex": _breakdown(caseload, SEX_SHARES, {code: SEXES[code][language] for code in SEXES}),
        "age_band": _breakdown(caseload, AGE_SHARES, ages),
        "region": _breakdown(caseload, REGIONS,
                             {code: _label("region", code, language) for code in REGIONS}),
        "education": _breakdown(caseload, EDUCATION_SHARES, {
            code: SEXES["unknown"][language] if code == "unknown"
            else _label("education_level", code, language) for code in EDUCATION_SHARES}),
        "employment": _breakdown(caseload, EMPLOYMENT_SHARES, EMPLOYMENT_WORDS[language]),
    }
    courses = Courses(enrolled=86, completed=41, dropped=7, levels_gained=29,
                      attendance_marked=1_912, attendance_present=1_671,
                      attendance_rate=1_671 / 1_912,
                      groups=[CourseGroupRow(*line) for line in COURSE_GROUPS])
    hires_by_sector = _count_rows("economic_sector", SECTORS, language)
    employment = Employment(job_seekers=74, referrals=112, hires=sum(SECTORS.values()),
                            hires_by_sector=hires_by_sector, checked_3_months=24,
                            employed_3_months=19, checked_6_months=17, employed_6_months=12)
    social = [SocialRow(code, _label("service_type", code, language), *figures)
              for code, figures in SOCIAL.items()]
    workload = [WorkloadRow(*row) for row in WORKLOAD]
    consultations = sum(CHANNELS.values())
    overdue = sum(row.overdue_follow_ups for row in workload)
    values = {
        "active_start": caseload.active_start, "new": caseload.new, "closed": caseload.closed,
        "active_end": caseload.active_end, "transferred_in": caseload.transferred_in,
        "transferred_out": caseload.transferred_out, "consultations": consultations,
        "clients_consulted": 431, "course_enrolled": courses.enrolled,
        "course_completed": courses.completed, "course_dropped": courses.dropped,
        "attendance_rate": courses.attendance_rate, "job_seekers": employment.job_seekers,
        "job_referrals": employment.referrals, "hires": employment.hires,
        "social_referred": sum(row.referred for row in social),
        "social_completed": sum(row.completed for row in social),
        "overdue_follow_ups": overdue,
    }
    report = MonthlyReport(
        month=MONTH, office_code=None, office_name=words(FIGURE_LABELS["all_offices"]),
        language=language, letterhead=LETTERHEADS[language], generated_at=GENERATED_AT,
        prepared_by=PREPARED_BY, caseload=caseload, caseload_by=caseload_by,
        consultations=consultations, clients_consulted=values["clients_consulted"],
        consultations_by_topic=_count_rows("consultation_topic", TOPICS, language),
        consultations_by_channel=_count_rows("consultation_channel", CHANNELS, language),
        courses=courses, employment=employment, social=social, workload=workload,
        overdue_follow_ups=overdue,
        headlines=[Headline(key, values[key], PREVIOUS[key]) for key in HEADLINES],
    )
    report.offices = _offices(report, language)
    report.trends = _trends(report)
    return report


def _offices(report: MonthlyReport, language: str) -> list[OfficeRow]:
    """The report's own figures shared among the offices, so that they add up to them."""
    total = report.office_total
    shares = [share for share, _names in OFFICES.values()]
    parts = {key: _split(getattr(total, key), shares) for key in OFFICE_FIGURES}
    return [OfficeRow(code, names[language], **{key: parts[key][index] for key in parts})
            for index, (code, (_share, names)) in enumerate(OFFICES.items())]


def _trends(report: MonthlyReport) -> list[TrendMonth]:
    """Twelve months to November 2026, November's the report's own figures."""
    months = [date(2025, 12, 1), *(date(2026, month, 1) for month in range(1, 12))]
    own = report.office_total
    figures = [*TREND_MONTHS, tuple(getattr(own, key) for key in TRENDS)]
    return [TrendMonth(month, *values) for month, values in zip(months, figures, strict=True)]


def sample_monthly_large(language: str, countries: int = 60) -> MonthlyReport:
    """The sample with ``countries`` countries of origin, enough to fill pages."""
    report = sample_monthly(language)
    codes = [code for code in country_codes() if code != "KZ"][:countries]
    shares = {code: 1 + (index * 7) % 23 for index, code in enumerate(codes)}
    report.caseload_by["country"] = _breakdown(
        report.caseload, shares, {code: country_name(code, language) for code in codes})
    return report


CONSULTATION_TEXTS = {
    "kk": {
        "advice": (
            "Қандас мәртебесін алу үшін тұрақты тұратын жері бойынша көші-қон қызметіне "
            "өтініш беру қажет. Өтінішке жеке басын куәландыратын құжат, туу туралы куәлік "
            "және ұлты көрсетілген құжаттың нотариат куәландырған аудармасы қоса беріледі. "
            "Мәртебе берілгеннен кейін өңірлік квота шеңберінде көшуге арналған субсидияға "
            "және жұмысқа орналасуға жәрдемдесуге құқығыңыз бар. Балаларды мектепке "
            "орналастыру үшін білім бөліміне тіркелген мекенжай туралы анықтама керек."),
        "notes": (
            "Клиенттің екі баласы бар (8 және 12 жаста). Орыс тілін жақсы біледі, қазақ "
            "тілін үйренгісі келеді. Құжаттардың түпнұсқалары өзінде, көшірмелері жеке ісіне "
            "тігілді."),
        "next_steps": (
            "Клиент аударманы нотариатта куәландырып, өтінішті халыққа қызмет көрсету "
            "орталығына тапсырады. Кеңесші мектеп пен МӘМС бойынша жолдамаларды дайындайды."),
        "referrals": ("Мектепке орналастыру — №45 мектеп-гимназия",
                      "МӘМС жүйесіне тіркеу және емханаға бекіту — №7 қалалық емхана",
                      "Қазақ тілі курстары"),
    },
    "ru": {
        "advice": (
            "Для получения статуса кандаса необходимо подать заявление в миграционную службу "
            "по месту постоянного проживания. К заявлению прилагаются документ, "
            "удостоверяющий личность, свидетельство о рождении и нотариально заверенный "
            "перевод документа с указанием национальности. После присвоения статуса вы "
            "вправе получить субсидию на переезд в рамках региональной квоты и содействие в "
            "трудоустройстве. Для устройства детей в школу нужна справка о зарегистрированном "
            "адресе."),
        "notes": (
            "У клиентки двое детей (8 и 12 лет). Хорошо владеет русским языком, хочет "
            "изучать казахский. Оригиналы документов при себе, копии подшиты в личное дело."),
        "next_steps": (
            "Клиентка заверит перевод у нотариуса и подаст заявление в ЦОН. Консультант "
            "подготовит направления в школу и по ОСМС."),
        "referrals": ("Устройство в школу — школа-гимназия № 45",
                      "Регистрация в ОСМС и прикрепление к поликлинике — городская "
                      "поликлиника № 7", "Курсы казахского языка"),
    },
    "en": {
        "advice": (
            "To obtain kandas status, apply to the migration service where you permanently "
            "live. Attach your identity document, birth certificate and a notarised "
            "translation of a document showing your ethnicity. Once the status is granted "
            "you are entitled to a relocation subsidy under the regional quota and to help "
            "finding work. To enrol the children at school you need a certificate of your "
            "registered address."),
        "notes": (
            "The client has two children (aged 8 and 12). Speaks Russian well and wants to "
            "learn Kazakh. Original documents kept by the client; copies filed in the case."),
        "next_steps": (
            "The client will have the translation notarised and apply at the public service "
            "center. The caseworker will prepare the school and health insurance referrals."),
        "referrals": ("School enrolment — school-gymnasium No. 45",
                      "Health insurance enrolment and clinic registration — city clinic No. 7",
                      "Kazakh language course"),
    },
}


def sample_consultation(language: str) -> ConsultationRecord:
    """A first consultation of a kandas mother, written in ``language``."""
    texts = CONSULTATION_TEXTS[language]
    return ConsultationRecord(
        id="3f6c2a9e-5b1d-4c7e-9a42-8d0e6b7f1c35",
        language=language,
        letterhead=LETTERHEADS[language],
        office_name={"kk": "Астана — AST", "ru": "Астана — AST", "en": "Astana — AST"}[language],
        held_at=datetime(2026, 11, 24, 10, 15),
        caseworker="Жұмабекова Гүлнар",
        client_name="Өмірзақова Гүлнұр Ғаниқызы",
        client_name_latin="OMIRZAKOVA GULNUR",
        client_iin_masked=mask_iin("900315401234"),
        category=_label("migrant_category", "kandas", language),
        channel=_label("consultation_channel", "in_person", language),
        topics=[_label("consultation_topic", code, language)
                for code in ("legal_status", "documents", "education", "health_insurance")],
        advice=texts["advice"],
        notes=texts["notes"],
        next_steps=texts["next_steps"],
        next_appointment_at=datetime(2026, 12, 8, 11, 0),
        referrals=list(texts["referrals"]),
        generated_at=datetime(2026, 11, 24, 10, 52),
    )
