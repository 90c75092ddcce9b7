"""Reference lists seeded by migration, labelled in Kazakh, Russian and English.

Pure data, standard library only: the seeding migration copies these rows as they
are, so a published code must never change meaning. Codes are stable lowercase
ASCII and never shown to users; regions use the KATO prefix as their code. The
order of each tuple is the display order.

Kazakh and Russian labels follow the wording of Kazakhstan's laws and ministries
(migration, personal data, employment) where such wording exists.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ENTITLEMENT_RULES", "MRP_RATES", "REFERENCE", "REGION_CENTRES", "REGION_LOCALITIES",
           "EntitlementRuleItem", "RefItem"]


@dataclass(frozen=True)
class RefItem:
    """One row of a reference list."""

    code: str
    kk: str
    ru: str
    en: str
    parent: str | None = None


# A place name: (kk, ru, en).
Place = tuple[str, str, str]


# --- Regions -----------------------------------------------------------------
# The 17 oblystar and 3 cities of republican significance since the reform of
# 8 June 2022 (Abai, Zhetisu and Ulytau regions created). Code = KATO prefix.

_REGIONS: tuple[RefItem, ...] = (
    RefItem("10", "Абай облысы", "область Абай", "Abai Region"),
    RefItem("11", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    RefItem("15", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    RefItem("19", "Алматы облысы", "Алматинская область", "Almaty Region"),
    RefItem("23", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    RefItem(
        "27", "Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region"
    ),
    RefItem("31", "Жамбыл облысы", "Жамбылская область", "Zhambyl Region"),
    RefItem("33", "Жетісу облысы", "область Жетісу", "Zhetisu Region"),
    RefItem("35", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    RefItem("39", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    RefItem("43", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    RefItem("47", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    RefItem("55", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    RefItem(
        "59",
        "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область",
        "North Kazakhstan Region",
    ),
    RefItem("61", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    RefItem("62", "Ұлытау облысы", "область Ұлытау", "Ulytau Region"),
    RefItem(
        "63", "Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region"
    ),
    RefItem("71", "Астана қаласы", "город Астана", "Astana city"),
    RefItem("75", "Алматы қаласы", "город Алматы", "Almaty city"),
    RefItem("79", "Шымкент қаласы", "город Шымкент", "Shymkent city"),
)

# Administrative centre of each region; the three cities are their own centre.
REGION_CENTRES: dict[str, Place] = {
    "10": ("Семей", "Семей", "Semey"),
    "11": ("Көкшетау", "Кокшетау", "Kokshetau"),
    "15": ("Ақтөбе", "Актобе", "Aktobe"),
    "19": ("Қонаев", "Конаев", "Konaev"),
    "23": ("Атырау", "Атырау", "Atyrau"),
    "27": ("Орал", "Уральск", "Oral"),
    "31": ("Тараз", "Тараз", "Taraz"),
    "33": ("Талдықорған", "Талдыкорган", "Taldykorgan"),
    "35": ("Қарағанды", "Караганда", "Karaganda"),
    "39": ("Қостанай", "Костанай", "Kostanay"),
    "43": ("Қызылорда", "Кызылорда", "Kyzylorda"),
    "47": ("Ақтау", "Актау", "Aktau"),
    "55": ("Павлодар", "Павлодар", "Pavlodar"),
    "59": ("Петропавл", "Петропавловск", "Petropavl"),
    "61": ("Түркістан", "Туркестан", "Turkistan"),
    "62": ("Жезқазған", "Жезказган", "Zhezkazgan"),
    "63": ("Өскемен", "Усть-Каменогорск", "Oskemen"),
    "71": ("Астана", "Астана", "Astana"),
    "75": ("Алматы", "Алматы", "Almaty"),
    "79": ("Шымкент", "Шымкент", "Shymkent"),
}

# Real towns and districts of each region (borders as of 2022), centre first.
# Used to give demo data plausible addresses.
REGION_LOCALITIES: dict[str, tuple[Place, ...]] = {
    "10": (
        REGION_CENTRES["10"],
        ("Аягөз", "Аягоз", "Ayagoz"),
        ("Курчатов", "Курчатов", "Kurchatov"),
        ("Үржар ауданы", "Урджарский район", "Urzhar District"),
    ),
    "11": (
        REGION_CENTRES["11"],
        ("Степногорск", "Степногорск", "Stepnogorsk"),
        ("Щучинск", "Щучинск", "Shchuchinsk"),
        ("Атбасар", "Атбасар", "Atbasar"),
        ("Қосшы", "Косшы", "Kosshy"),
    ),
    "15": (
        REGION_CENTRES["15"],
        ("Хромтау", "Хромтау", "Khromtau"),
        ("Қандыағаш", "Кандыагаш", "Kandyagash"),
        ("Шалқар", "Шалкар", "Shalkar"),
        ("Алға", "Алга", "Alga"),
    ),
    "19": (
        REGION_CENTRES["19"],
        ("Есік", "Есик", "Yesik"),
        ("Талғар", "Талгар", "Talgar"),
        ("Қаскелең", "Каскелен", "Kaskelen"),
    ),
    "23": (
        REGION_CENTRES["23"],
        ("Құлсары", "Кульсары", "Kulsary"),
        ("Индер ауданы", "Индерский район", "Inder District"),
        ("Махамбет ауданы", "Махамбетский район", "Makhambet District"),
    ),
    "27": (
        REGION_CENTRES["27"],
        ("Ақсай", "Аксай", "Aksai"),
        ("Бөрлі ауданы", "Бурлинский район", "Burli District"),
        ("Теректі ауданы", "Теректинский район", "Terekti District"),
    ),
    "31": (
        REGION_CENTRES["31"],
        ("Шу", "Шу", "Shu"),
        ("Қаратау", "Каратау", "Karatau"),
        ("Жаңатас", "Жанатас", "Zhanatas"),
        ("Қордай ауданы", "Кордайский район", "Korday District"),
    ),
    "33": (
        REGION_CENTRES["33"],
        ("Текелі", "Текели", "Tekeli"),
        ("Жаркент", "Жаркент", "Zharkent"),
        ("Үшарал", "Ушарал", "Usharal"),
        ("Сарқан", "Саркан", "Sarkan"),
    ),
    "35": (
        REGION_CENTRES["35"],
        ("Теміртау", "Темиртау", "Temirtau"),
        ("Балқаш", "Балхаш", "Balkhash"),
        ("Саран", "Сарань", "Saran"),
        ("Шахтинск", "Шахтинск", "Shakhtinsk"),
    ),
    "39": (
        REGION_CENTRES["39"],
        ("Рудный", "Рудный", "Rudny"),
        ("Лисаковск", "Лисаковск", "Lisakovsk"),
        ("Арқалық", "Аркалык", "Arkalyk"),
        ("Жітіқара", "Житикара", "Zhitikara"),
    ),
    "43": (
        REGION_CENTRES["43"],
        ("Арал", "Аральск", "Aral"),
        ("Қазалы ауданы", "Казалинский район", "Kazaly District"),
        ("Шиелі ауданы", "Шиелийский район", "Shieli District"),
        ("Жаңақорған ауданы", "Жанакорганский район", "Zhanakorgan District"),
    ),
    "47": (
        REGION_CENTRES["47"],
        ("Жаңаөзен", "Жанаозен", "Zhanaozen"),
        ("Форт-Шевченко", "Форт-Шевченко", "Fort-Shevchenko"),
        ("Бейнеу ауданы", "Бейнеуский район", "Beineu District"),
        ("Мұнайлы ауданы", "Мунайлинский район", "Munaily District"),
    ),
    "55": (
        REGION_CENTRES["55"],
        ("Екібастұз", "Экибастуз", "Ekibastuz"),
        ("Ақсу", "Аксу", "Aksu"),
        ("Баянауыл ауданы", "Баянаульский район", "Bayanaul District"),
    ),
    "59": (
        REGION_CENTRES["59"],
        ("Тайынша", "Тайынша", "Tayynsha"),
        ("Булаев", "Булаево", "Bulayevo"),
        ("Мамлют", "Мамлютка", "Mamlyutka"),
    ),
    "61": (
        REGION_CENTRES["61"],
        ("Кентау", "Кентау", "Kentau"),
        ("Арыс", "Арыс", "Arys"),
        ("Сарыағаш", "Сарыагаш", "Saryagash"),
        ("Жетісай", "Жетысай", "Zhetisai"),
    ),
    "62": (
        REGION_CENTRES["62"],
        ("Сәтбаев", "Сатпаев", "Satpayev"),
        ("Қаражал", "Каражал", "Karazhal"),
        ("Ұлытау ауданы", "Улытауский район", "Ulytau District"),
        ("Жаңаарқа ауданы", "Жанааркинский район", "Zhanaarka District"),
    ),
    "63": (
        REGION_CENTRES["63"],
        ("Риддер", "Риддер", "Ridder"),
        ("Алтай", "Алтай", "Altai"),
        ("Зайсан", "Зайсан", "Zaisan"),
        ("Шемонаиха", "Шемонаиха", "Shemonaikha"),
    ),
    "71": (
        REGION_CENTRES["71"],
        ("Есіл ауданы", "район Есиль", "Yesil District"),
        ("Сарыарқа ауданы", "район Сарыарка", "Saryarka District"),
        ("Алматы ауданы", "район Алматы", "Almaty District"),
        ("Байқоңыр ауданы", "район Байконыр", "Baikonyr District"),
    ),
    "75": (
        REGION_CENTRES["75"],
        ("Алмалы ауданы", "Алмалинский район", "Almaly District"),
        ("Бостандық ауданы", "Бостандыкский район", "Bostandyk District"),
        ("Әуезов ауданы", "Ауэзовский район", "Auezov District"),
        ("Түрксіб ауданы", "Турксибский район", "Turksib District"),
    ),
    "79": (
        REGION_CENTRES["79"],
        ("Әл-Фараби ауданы", "район Аль-Фараби", "Al-Farabi District"),
        ("Абай ауданы", "Абайский район", "Abai District"),
        ("Еңбекші ауданы", "Енбекшинский район", "Enbekshi District"),
        ("Қаратау ауданы", "Каратауский район", "Karatau District"),
    ),
}


# --- People and documents ----------------------------------------------------

_MIGRANT_CATEGORIES: tuple[RefItem, ...] = (
    RefItem("kandas", "Қандас", "Кандас", "Kandas (ethnic Kazakh repatriate)"),
    RefItem(
        "internal_resettler",
        "Қоныс аударушы (өңірлік квота шеңберінде)",
        "Переселенец (в рамках региональной квоты)",
        "Internal resettler (regional quota)",
    ),
    RefItem(
        "labour_migrant_permit",
        "Шетелдік жұмыскер (жұмыс берушіге берілген рұқсат бойынша)",
        "Иностранный работник (по разрешению, выданному работодателю)",
        "Foreign worker (employer's permit)",
    ),
    RefItem(
        "labour_migrant_household",
        "Еңбекші көшіп келуші (үй шаруашылығындағы жұмыс)",
        "Трудовой иммигрант (работа в домашнем хозяйстве)",
        "Labour immigrant (household work permit)",
    ),
    RefItem(
        "labour_migrant_eaeu",
        "ЕАЭО-ға мүше мемлекеттің еңбекшісі",
        "Трудящийся государства – члена ЕАЭС",
        "Worker from an EAEU member state",
    ),
    RefItem("business_immigrant", "Бизнес-иммигрант", "Бизнес-иммигрант", "Business immigrant"),
    RefItem(
        "foreign_student",
        "Шетелдік білім алушы (студент)",
        "Иностранный обучающийся (студент)",
        "Foreign student",
    ),
    RefItem("refugee", "Босқын", "Беженец", "Refugee"),
    RefItem("asylum_seeker", "Пана іздеуші адам", "Лицо, ищущее убежище", "Asylum seeker"),
    RefItem("stateless", "Азаматтығы жоқ адам", "Лицо без гражданства", "Stateless person"),
    RefItem(
        "returning_citizen",
        "Шетелден оралған Қазақстан Республикасының азаматы",
        "Гражданин Республики Казахстан, вернувшийся из-за рубежа",
        "Kazakhstan citizen returning from abroad",
    ),
    RefItem("other", "Басқа санат", "Иная категория", "Other"),
)

_DOCUMENT_TYPES: tuple[RefItem, ...] = (
    RefItem(
        "id_card",
        "Қазақстан Республикасы азаматының жеке куәлігі",
        "Удостоверение личности гражданина Республики Казахстан",
        "Kazakhstan identity card",
    ),
    RefItem(
        "passport",
        "Қазақстан Республикасы азаматының паспорты",
        "Паспорт гражданина Республики Казахстан",
        "Kazakhstan passport",
    ),
    RefItem(
        "foreign_passport",
        "Шет мемлекеттің паспорты",
        "Паспорт иностранного государства",
        "Foreign passport",
    ),
    RefItem(
        "residence_permit",
        "Шетелдіктің Қазақстан Республикасында тұруына ықтиярхат",
        "Вид на жительство иностранца в Республике Казахстан",
        "Residence permit",
    ),
    RefItem("kandas_certificate", "Қандас куәлігі", "Удостоверение кандаса", "Kandas certificate"),
    RefItem(
        "temporary_registration",
        "Уақытша тіркеу",
        "Временная регистрация",
        "Temporary registration",
    ),
    RefItem(
        "work_permit",
        "Жұмыс берушіге шетелдік жұмыс күшін тартуға берілген рұқсат",
        "Разрешение работодателю на привлечение иностранной рабочей силы",
        "Work permit (employer's permit to hire foreign labour)",
    ),
    RefItem(
        "household_work_permit",
        "Еңбекші көшіп келушіге берілген рұқсат",
        "Разрешение трудовому иммигранту",
        "Labour immigrant permit (household work)",
    ),
    RefItem(
        "asylum_seeker_certificate",
        "Пана іздеуші адамның куәлігі",
        "Свидетельство лица, ищущего убежище",
        "Asylum seeker certificate",
    ),
    RefItem(
        "refugee_certificate", "Босқын куәлігі", "Удостоверение беженца", "Refugee certificate"
    ),
    RefItem(
        "stateless_certificate",
        "Азаматтығы жоқ адамның куәлігі",
        "Удостоверение лица без гражданства",
        "Stateless person certificate",
    ),
    RefItem(
        "birth_certificate", "Туу туралы куәлік", "Свидетельство о рождении", "Birth certificate"
    ),
    RefItem(
        "marriage_certificate",
        "Неке қию туралы куәлік",
        "Свидетельство о заключении брака",
        "Marriage certificate",
    ),
    RefItem("other", "Басқа құжат", "Иной документ", "Other document"),
)


# --- Services ----------------------------------------------------------------

_SERVICE_AREAS: tuple[RefItem, ...] = (
    RefItem("language", "Тіл үйрету", "Обучение языкам", "Language learning"),
    RefItem(
        "employment",
        "Жұмыспен қамтуға жәрдемдесу",
        "Содействие занятости",
        "Employment support",
    ),
    RefItem("social", "Әлеуметтік қолдау", "Социальная поддержка", "Social support"),
    RefItem(
        "information",
        "Ақпараттық-консультациялық қолдау",
        "Информационно-консультационная поддержка",
        "Information and counselling",
    ),
    # Added in revision 0008: the areas of the individual adaptation plan.
    RefItem("housing", "Тұрғын үй", "Жильё", "Housing"),
    RefItem(
        "documents",
        "Құжаттандыру және тіркеу",
        "Документирование и регистрация",
        "Documents and registration",
    ),
    RefItem("education", "Білім беру", "Образование", "Education"),
    RefItem("other", "Басқа", "Прочее", "Other"),
)

_SERVICE_TYPES: tuple[RefItem, ...] = (
    # Language
    RefItem(
        "kazakh_course",
        "Қазақ тілі курстары",
        "Курсы казахского языка",
        "Kazakh language course",
        "language",
    ),
    RefItem(
        "russian_course",
        "Орыс тілі курстары",
        "Курсы русского языка",
        "Russian language course",
        "language",
    ),
    RefItem(
        "kaztest_preparation",
        "ҚАЗТЕСТ-ке дайындық",
        "Подготовка к КАЗТЕСТ",
        "KAZTEST preparation",
        "language",
    ),
    RefItem(
        "language_level_assessment",
        "Тілді меңгеру деңгейін бағалау",
        "Оценка уровня владения языком",
        "Language level assessment",
        "language",
    ),
    # Employment
    RefItem(
        "job_placement",
        "Жұмысқа орналасуға жәрдемдесу",
        "Содействие в трудоустройстве",
        "Job placement",
        "employment",
    ),
    RefItem(
        "vocational_training",
        "Кәсіптік оқыту",
        "Профессиональное обучение",
        "Vocational training",
        "employment",
    ),
    RefItem(
        "requalification",
        "Қайта даярлау және біліктілікті арттыру",
        "Переподготовка и повышение квалификации",
        "Retraining and upskilling",
        "employment",
    ),
    RefItem(
        "job_fair",
        "Бос жұмыс орындарының жәрмеңкесі",
        "Ярмарка вакансий",
        "Job fair",
        "employment",
    ),
    RefItem(
        "business_start_support",
        "Кәсіпкерлік бастамаларды қолдау",
        "Поддержка предпринимательских инициатив",
        "Business start-up support",
        "employment",
    ),
    RefItem(
        "employer_subsidy",
        "Әлеуметтік жұмыс орындары (жұмыс берушіге субсидия)",
        "Социальные рабочие места (субсидия работодателю)",
        "Subsidised jobs (employer subsidy)",
        "employment",
    ),
    # Social
    RefItem(
        "medical_insurance_registration",
        "МӘМС жүйесіне тіркеу және емханаға бекіту",
        "Регистрация в системе ОСМС и прикрепление к поликлинике",
        "Health insurance enrolment and clinic registration",
        "social",
    ),
    RefItem(
        "school_place",
        "Мектепке орналастыру",
        "Устройство в школу",
        "School enrolment",
        "social",
    ),
    RefItem(
        "kindergarten_place",
        "Балабақшаға орналастыру",
        "Устройство в детский сад",
        "Kindergarten placement",
        "social",
    ),
    RefItem(
        "housing_support",
        "Тұрғын үймен қамтамасыз етуге жәрдемдесу",
        "Содействие в обеспечении жильем",
        "Housing assistance",
        "social",
    ),
    RefItem(
        "rent_subsidy",
        "Тұрғын үйді жалдауға және коммуналдық қызметтерге ақы төлеуге субсидия",
        "Субсидия на аренду жилья и оплату коммунальных услуг",
        "Rent and utilities subsidy",
        "social",
    ),
    RefItem(
        "social_benefits",
        "Әлеуметтік төлемдерді ресімдеу",
        "Оформление социальных выплат",
        "Social benefits application",
        "social",
    ),
    RefItem(
        "resettlement_subsidy",
        "Көшуге арналған субсидия",
        "Субсидия на переезд",
        "Relocation subsidy",
        "social",
    ),
    RefItem(
        "legal_aid",
        "Тегін заң көмегі",
        "Бесплатная юридическая помощь",
        "Free legal aid",
        "social",
    ),
    RefItem(
        "psychological_support",
        "Психологиялық қолдау",
        "Психологическая поддержка",
        "Psychological support",
        "social",
    ),
    RefItem(
        "civil_registration",
        "Азаматтық хал актілерін тіркеуге жәрдемдесу",
        "Содействие в регистрации актов гражданского состояния",
        "Civil registration assistance",
        "social",
    ),
    RefItem(
        "document_assistance",
        "Құжаттарды ресімдеуге жәрдемдесу",
        "Содействие в оформлении документов",
        "Help with documents",
        "social",
    ),
    # Information
    RefItem(
        "information_consultation",
        "Ақпараттық кеңес беру",
        "Информационное консультирование",
        "Information consultation",
        "information",
    ),
    RefItem(
        "legal_consultation",
        "Заңгерлік кеңес беру",
        "Юридическая консультация",
        "Legal consultation",
        "information",
    ),
    RefItem(
        "adaptation_course",
        "Бейімдеу және кіріктіру курсы",
        "Курс адаптации и интеграции",
        "Adaptation and integration course",
        "information",
    ),
    RefItem(
        "kandas_status_assistance",
        "Қандас мәртебесін алуға жәрдемдесу",
        "Содействие в получении статуса кандаса",
        "Help obtaining kandas status",
        "information",
    ),
)


# --- Consultations -----------------------------------------------------------

_CONSULTATION_TOPICS: tuple[RefItem, ...] = (
    RefItem("legal_status", "Құқықтық мәртебе", "Правовой статус", "Legal status"),
    RefItem("documents", "Құжаттар", "Документы", "Documents"),
    RefItem("citizenship", "Азаматтық мәселелері", "Вопросы гражданства", "Citizenship"),
    RefItem(
        "registration",
        "Тұрғылықты жері бойынша тіркеу",
        "Регистрация по месту жительства",
        "Residence registration",
    ),
    RefItem("employment", "Жұмысқа орналасу", "Трудоустройство", "Employment"),
    RefItem("language_learning", "Тіл үйрену", "Изучение языков", "Language learning"),
    RefItem("education", "Білім беру", "Образование", "Education"),
    RefItem("housing", "Тұрғын үй", "Жильё", "Housing"),
    RefItem(
        "health_insurance",
        "Медициналық сақтандыру (МӘМС)",
        "Медицинское страхование (ОСМС)",
        "Health insurance",
    ),
    RefItem("social_benefits", "Әлеуметтік төлемдер", "Социальные выплаты", "Social benefits"),
    RefItem("family_children", "Отбасы және балалар", "Семья и дети", "Family and children"),
    RefItem("psychological", "Психологиялық көмек", "Психологическая помощь", "Psychological help"),
    RefItem("legal_aid", "Заң көмегі", "Юридическая помощь", "Legal aid"),
    RefItem("other", "Басқа мәселе", "Иной вопрос", "Other"),
)

_CONSULTATION_CHANNELS: tuple[RefItem, ...] = (
    RefItem("in_person", "Жеке қабылдау", "Личный приём", "In person"),
    RefItem("phone", "Телефон арқылы", "По телефону", "Phone"),
    RefItem("messenger", "Мессенджер арқылы", "Через мессенджер", "Messenger"),
    RefItem("outreach", "Көшпелі кеңес беру", "Выездная консультация", "Outreach visit"),
    RefItem("email", "Электрондық пошта арқылы", "По электронной почте", "Email"),
)


# --- Languages ---------------------------------------------------------------

_LANGUAGES: tuple[RefItem, ...] = (
    RefItem("kk", "Қазақ тілі", "Казахский язык", "Kazakh"),
    RefItem("ru", "Орыс тілі", "Русский язык", "Russian"),
    RefItem("en", "Ағылшын тілі", "Английский язык", "English"),
    RefItem("uz", "Өзбек тілі", "Узбекский язык", "Uzbek"),
    RefItem("zh", "Қытай тілі", "Китайский язык", "Chinese"),
    RefItem("mn", "Моңғол тілі", "Монгольский язык", "Mongolian"),
    RefItem("tk", "Түрікмен тілі", "Туркменский язык", "Turkmen"),
    RefItem("ky", "Қырғыз тілі", "Кыргызский язык", "Kyrgyz"),
    RefItem("tg", "Тәжік тілі", "Таджикский язык", "Tajik"),
    RefItem("tr", "Түрік тілі", "Турецкий язык", "Turkish"),
    RefItem("other", "Басқа тіл", "Другой язык", "Other language"),
)

# CEFR levels, described with the level names of Kazakhstan's language-learning
# standards, then the KAZTEST certificate levels (A1–C1) of the National Testing
# Centre: қарапайым / элементарный, базалық / базовый, орта / средний,
# ортадан жоғары / выше среднего, жоғары / продвинутый.
_LANGUAGE_LEVELS: tuple[RefItem, ...] = (
    RefItem("a1", "A1 — қарапайым деңгей", "A1 — элементарный уровень", "A1 — Elementary"),
    RefItem("a2", "A2 — базалық деңгей", "A2 — базовый уровень", "A2 — Pre-intermediate"),
    RefItem("b1", "B1 — орта деңгей", "B1 — средний уровень", "B1 — Intermediate"),
    RefItem(
        "b2",
        "B2 — ортадан жоғары деңгей",
        "B2 — уровень выше среднего",
        "B2 — Upper-intermediate",
    ),
    RefItem("c1", "C1 — жоғары деңгей", "C1 — продвинутый уровень", "C1 — Advanced"),
    RefItem(
        "c2",
        "C2 — жетік меңгеру деңгейі",
        "C2 — уровень совершенного владения",
        "C2 — Proficiency",
    ),
    RefItem("native", "Ана тілі", "Родной язык", "Native speaker"),
    RefItem(
        "kaztest_elementary",
        "ҚАЗТЕСТ: қарапайым деңгей (A1)",
        "КАЗТЕСТ: элементарный уровень (A1)",
        "KAZTEST: Elementary (A1)",
    ),
    RefItem(
        "kaztest_pre_intermediate",
        "ҚАЗТЕСТ: базалық деңгей (A2)",
        "КАЗТЕСТ: базовый уровень (A2)",
        "KAZTEST: Pre-intermediate (A2)",
    ),
    RefItem(
        "kaztest_intermediate",
        "ҚАЗТЕСТ: орта деңгей (B1)",
        "КАЗТЕСТ: средний уровень (B1)",
        "KAZTEST: Intermediate (B1)",
    ),
    RefItem(
        "kaztest_upper_intermediate",
        "ҚАЗТЕСТ: ортадан жоғары деңгей (B2)",
        "КАЗТЕСТ: уровень выше среднего (B2)",
        "KAZTEST: Upper-intermediate (B2)",
    ),
    RefItem(
        "kaztest_advanced",
        "ҚАЗТЕСТ: жоғары деңгей (C1)",
        "КАЗТЕСТ: продвинутый уровень (C1)",
        "KAZTEST: Advanced (C1)",
    ),
)


# --- Work and education --------------------------------------------------------
# Sector names follow the sections of the General Classifier of Economic
# Activities (ЭҚЖЖ / ОКЭД), shortened where a section title is very long.

_ECONOMIC_SECTORS: tuple[RefItem, ...] = (
    RefItem(
        "agriculture",
        "Ауыл, орман және балық шаруашылығы",
        "Сельское, лесное и рыбное хозяйство",
        "Agriculture, forestry and fishing",
    ),
    RefItem(
        "mining",
        "Тау-кен өндіру өнеркәсібі және карьерлерді қазу",
        "Горнодобывающая промышленность и разработка карьеров",
        "Mining and quarrying",
    ),
    RefItem("manufacturing", "Өңдеу өнеркәсібі", "Обрабатывающая промышленность", "Manufacturing"),
    RefItem("construction", "Құрылыс", "Строительство", "Construction"),
    RefItem(
        "trade",
        "Көтерме және бөлшек сауда; автомобильдер мен мотоциклдерді жөндеу",
        "Оптовая и розничная торговля; ремонт автомобилей и мотоциклов",
        "Wholesale and retail trade; repair of motor vehicles",
    ),
    RefItem(
        "transport", "Көлік және қоймалау", "Транспорт и складирование", "Transport and storage"
    ),
    RefItem(
        "hospitality",
        "Тұру және тамақтану бойынша қызметтер",
        "Услуги по проживанию и питанию",
        "Accommodation and food services",
    ),
    RefItem("education", "Білім беру", "Образование", "Education"),
    RefItem(
        "health",
        "Денсаулық сақтау және халыққа әлеуметтік қызмет көрсету",
        "Здравоохранение и социальное обслуживание населения",
        "Health and social work",
    ),
    RefItem(
        "it_communications",
        "Ақпарат және байланыс",
        "Информация и связь",
        "Information and communication",
    ),
    RefItem(
        "public_administration",
        "Мемлекеттік басқару және қорғаныс; міндетті әлеуметтік қамсыздандыру",
        "Государственное управление и оборона; обязательное социальное обеспечение",
        "Public administration and defence; compulsory social security",
    ),
    RefItem(
        "services",
        "Басқа да қызмет түрлерін ұсыну",
        "Предоставление прочих видов услуг",
        "Other service activities",
    ),
    RefItem(
        "household_work",
        "Үй шаруашылықтарының қызметі (үй қызметшілерін жалдау)",
        "Деятельность домашних хозяйств (наём домашней прислуги)",
        "Household work (domestic employment)",
    ),
    RefItem("other", "Басқа сала", "Иная отрасль", "Other sector"),
)

_EDUCATION_LEVELS: tuple[RefItem, ...] = (
    RefItem("none", "Білімі жоқ", "Без образования", "No formal education"),
    RefItem("primary", "Бастауыш білім", "Начальное образование", "Primary education"),
    RefItem(
        "general_secondary",
        "Жалпы орта білім",
        "Общее среднее образование",
        "General secondary education",
    ),
    RefItem(
        "vocational",
        "Техникалық және кәсіптік білім",
        "Техническое и профессиональное образование",
        "Technical and vocational education",
    ),
    RefItem(
        "incomplete_higher",
        "Аяқталмаған жоғары білім",
        "Незаконченное высшее образование",
        "Incomplete higher education",
    ),
    RefItem("higher", "Жоғары білім", "Высшее образование", "Higher education"),
    RefItem(
        "postgraduate",
        "Жоғары оқу орнынан кейінгі білім",
        "Послевузовское образование",
        "Postgraduate education",
    ),
)


# --- Family, case and consent ------------------------------------------------
# Relationship labels read as "(the member is the client's) ...".

_RELATIONSHIPS: tuple[RefItem, ...] = (
    RefItem("spouse", "Жұбайы (зайыбы)", "Супруг (супруга)", "Spouse"),
    RefItem("child", "Баласы", "Сын или дочь", "Child"),
    RefItem("parent", "Әкесі немесе анасы", "Отец или мать", "Parent"),
    RefItem("sibling", "Аға-інісі немесе апа-сіңлісі", "Брат или сестра", "Sibling"),
    RefItem("grandparent", "Атасы немесе әжесі", "Дедушка или бабушка", "Grandparent"),
    RefItem("grandchild", "Немересі", "Внук или внучка", "Grandchild"),
    RefItem("other_relative", "Басқа туысы", "Другой родственник", "Other relative"),
    RefItem("guardian", "Қорғаншысы (қамқоршысы)", "Опекун (попечитель)", "Guardian"),
    RefItem("other", "Басқа", "Иное", "Other"),
)

_CASE_CLOSURE_REASONS: tuple[RefItem, ...] = (
    RefItem(
        "goals_achieved",
        "Бейімделу мақсаттарына қол жеткізілді",
        "Цели адаптации достигнуты",
        "Adaptation goals achieved",
    ),
    RefItem(
        "citizenship_obtained",
        "Қазақстан Республикасының азаматтығы алынды",
        "Получено гражданство Республики Казахстан",
        "Kazakhstan citizenship obtained",
    ),
    RefItem(
        "moved_away", "Басқа өңірге көшті", "Переехал(а) в другой регион",
        "Moved to another region"
    ),
    RefItem("left_kazakhstan", "Қазақстаннан кетті", "Выехал(а) из Казахстана",
            "Left Kazakhstan"),
    RefItem(
        "no_contact",
        "Клиентпен байланыс үзілді",
        "Связь с клиентом утрачена",
        "Contact lost",
    ),
    RefItem(
        "transferred_to_other_office",
        "Іс басқа бөлімшеге берілді",
        "Дело передано в другое отделение",
        "Transferred to another office",
    ),
    RefItem(
        "client_request",
        "Клиенттің өтініші бойынша",
        "По заявлению клиента",
        "At the client's request",
    ),
    RefItem("deceased", "Клиент қайтыс болды", "Смерть клиента", "Client deceased"),
    RefItem("other", "Басқа себеп", "Иная причина", "Other reason"),
    # Added in revision 0008: set by a merge, never chosen by hand.
    RefItem(
        "merged_duplicate",
        "Сол адамның басқа ісімен біріктірілді",
        "Объединено с другим делом того же человека",
        "Merged with another file of the same person",
    ),
)

# How consent to the collection and processing of personal data was given
# (Law of the Republic of Kazakhstan "On Personal Data and Their Protection").
_CONSENT_FORMS: tuple[RefItem, ...] = (
    RefItem("written", "Жазбаша нысанда", "В письменной форме", "Written"),
    RefItem(
        "electronic",
        "Электрондық құжат нысанында",
        "В форме электронного документа",
        "Electronic document",
    ),
    RefItem(
        "oral_recorded",
        "Ауызша (аудио- немесе бейнежазбамен тіркелген)",
        "Устно (с аудио- или видеозаписью)",
        "Oral (audio or video recorded)",
    ),
)


REFERENCE: dict[str, tuple[RefItem, ...]] = {
    "region": _REGIONS,
    "migrant_category": _MIGRANT_CATEGORIES,
    "document_type": _DOCUMENT_TYPES,
    "service_area": _SERVICE_AREAS,
    "service_type": _SERVICE_TYPES,
    "consultation_topic": _CONSULTATION_TOPICS,
    "consultation_channel": _CONSULTATION_CHANNELS,
    "language": _LANGUAGES,
    "language_level": _LANGUAGE_LEVELS,
    "economic_sector": _ECONOMIC_SECTORS,
    "education_level": _EDUCATION_LEVELS,
    "relationship": _RELATIONSHIPS,
    "case_closure_reason": _CASE_CLOSURE_REASONS,
    "consent_form": _CONSENT_FORMS,
}


# --- State support counted in MRP ------------------------------------------------
# The monthly calculation index (МРП / АЕК, MCI) of each year, in tenge, as the year's
# republican budget law set it. Administrators add later years in Qadam.
#   2024: 3,692 ₸ — Law on the republican budget for 2024–2026, art. 9.
#   2025: 3,932 ₸ — Law on the republican budget for 2025–2027, art. 9.
#   2026: 4,325 ₸ — Law on the republican budget for 2026–2028; the Ministry of Labour and
#         Social Protection's release of 30 December 2025 gives the 2025 and 2026 tenge
#         amounts below with these indices
#         (https://www.zakon.kz/obshestvo/6502932-po-302-tysyachi-tenge-kazhdomu-chlenu-semi-
#         vyplaty-dlya-kandasov-i-pereselentsev-vyrastut-v-kazakhstane.html).
MRP_RATES: tuple[tuple[int, int, str], ...] = (
    (2024, 3692, "Закон о республиканском бюджете на 2024–2026 годы"),
    (2025, 3932, "Закон о республиканском бюджете на 2025–2027 годы"),
    (2026, 4325, "Закон о республиканском бюджете на 2026–2028 годы"),
)


@dataclass(frozen=True)
class EntitlementRuleItem:
    """A support measure: its size in MRP per member or per family, once or monthly."""

    code: str
    kk: str
    ru: str
    en: str
    basis: str  # "per_member" or "per_family"
    mrp_min: int
    mrp_max: int
    months: int | None  # None: paid once
    source: str


# The measures for people included in the regional quota for kandases and resettlers, as
# the Ministry of Labour and Social Protection announced them for 2026 on 30 December
# 2025 with the quota order (zakon.kz, link above; also
# https://mgorod.kz/news/v-kazaxstane-bolee-8-tysiac-celovek-vkliuceny-v-kvotu-pereseleniia-na-2026-god):
# the relocation subsidy, 70 MRP for each family member, once (302,750 ₸ in 2026); the
# rent and utilities subsidy, 15 to 30 MRP a month per family (64,875–129,750 ₸); and the
# subsidy to an employer who helps a family resettle, 400 MRP (1,730,000 ₸), paid to the
# employer once. The rent subsidy is paid for 12 months (the Ministry's release on the
# 2023 quota: https://dalanews.kz/latyn/article/qandastarga-bolinetin-kvota-molsheri-artti.html).
# The legal act the Ministry applies is not named in the releases and is not checked
# here: the rule's ``source`` says where each figure was read. Where an amount is set
# within a range (by region and family size), the local employment centre decides it:
# Qadam counts the range and records the amount granted.
ENTITLEMENT_RULES: tuple[EntitlementRuleItem, ...] = (
    EntitlementRuleItem(
        "relocation_subsidy", "Көшуге арналған субсидия", "Субсидия на переезд",
        "Relocation subsidy", "per_member", 70, 70, None,
        "МТСЗН РК, 30.12.2025: 70 МРП на каждого члена семьи, единовременно"),
    EntitlementRuleItem(
        "rent_subsidy", "Тұрғын үйді жалдауға және коммуналдық қызметтерге ақы төлеуге "
        "арналған субсидия", "Субсидия на аренду жилья и оплату коммунальных услуг",
        "Rent and utilities subsidy", "per_family", 15, 30, 12,
        "МТСЗН РК, 30.12.2025: 15–30 МРП на семью в месяц; 12 месяцев"),
    EntitlementRuleItem(
        "employer_subsidy", "Қоныс аударуға жәрдемдесетін жұмыс берушіге субсидия",
        "Субсидия работодателю, оказывающему содействие в переселении",
        "Subsidy to the employer who helps the family resettle", "per_family", 400, 400, None,
        "МТСЗН РК, 30.12.2025: 400 МРП работодателю"),
)
