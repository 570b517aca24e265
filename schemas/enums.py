"""Vocabularies the regulations fix. Vocabularies that change (assessment focus) live in Settings."""

from __future__ import annotations

from .base import Choice


class Direction(Choice):
    """The association's four directions of work (МПО п. 3.1.1–3.1.4)."""

    RESOURCE_DIAGNOSTIC = "resource_diagnostic", "ресурсно-диагностическое"
    ANALYTICAL = "analytical", "информационно-аналитическое, консультативное"
    METHODICAL = "methodical", "организационно-методическое, консультативное"
    EDUCATIONAL = "educational", "образовательное"


class CouncilDirection(Choice):
    """The council's three directions (РОСТ п. 4.1.1–4.1.3)."""

    METHODICAL = "methodical", "организационно-методическое"
    CONSULTATIVE = "consultative", "консультативное"
    INFORMATIONAL = "informational", "информационное"


class OrgKind(Choice):
    SCHOOL = "school", "общеобразовательная организация"
    CENTRE = "centre", "центр непрерывного повышения профессионального мастерства"
    PPSS = "ppss", "центр психолого-педагогического сопровождения"
    DEPARTMENT = "department", "орган управления образованием"
    OTHER = "other", "другая организация"


class ListCategory(Choice):
    """A school's place on the regional lists for a school year."""

    SHNOR = "shnor", "ШНОР — школа с низкими образовательными результатами"
    SHSSU = "shssu", "ШССУ — школа, функционирующая в сложных социальных условиях"
    NOT_LISTED = "not_listed", "не входит в списки"
    PENDING = "pending", "список на этот год ещё не издан"


class PersonRole(Choice):
    HEAD = "head", "руководитель образовательной организации"
    DEPUTY = "deputy", "заместитель руководителя"
    CENTRE_STAFF = "centre_staff", "специалист МКУ «ЦНППМ г. Тулы»"
    WORKING_GROUP = "working_group", "член рабочей группы по программе сопровождения ШНОР"
    PPSS_SPECIALIST = "ppss_specialist", "специалист МБУДО «Центр ППСС»"
    OFFICIAL = "official", "сотрудник органа управления образованием"
    EXPERT = "expert", "приглашённый эксперт"


class Gender(Choice):
    """A person's grammatical gender, for the words pages write about them («избрана»)."""

    FEMALE = "female", "женский"
    MALE = "male", "мужской"


class ConsentScope(Choice):
    NAME = "name", "фамилия, имя, отчество"
    POSITION = "position", "должность и место работы"
    PHOTO = "photo", "фотография"


class ParticipantRole(Choice):
    SHNOR_HEAD = "shnor_head", "руководитель ШНОР"
    SHNOR_DEPUTY = "shnor_deputy", "заместитель руководителя ШНОР"
    SHSSU_HEAD = "shssu_head", "руководитель ШССУ (школы в сложных социальных условиях)"
    SHSSU_DEPUTY = "shssu_deputy", "заместитель руководителя ШССУ"
    PARTNER_HEAD = "partner_head", "руководитель школы — сетевого партнёра"
    PARTNER_DEPUTY = "partner_deputy", "заместитель руководителя школы — сетевого партнёра"


class MeetingStatus(Choice):
    PLANNED = "planned", "запланировано"
    POSTPONED = "postponed", "перенесено"
    HELD = "held", "проведено"
    CANCELLED = "cancelled", "отменено"


class MeetingFormat(Choice):
    IN_PERSON = "in_person", "очно"
    ONLINE = "online", "дистанционно"
    HYBRID = "hybrid", "смешанно"


class ProtocolStatus(Choice):
    DRAFT = "draft", "черновик (не публикуется)"
    SIGNED = "signed", "подписан"


class ExecutionStatus(Choice):
    DONE = "done", "выполнено"
    IN_PROGRESS = "in_progress", "выполняется"
    OVERDUE = "overdue", "просрочено"
    CANCELLED = "cancelled", "отменено решением объединения"


class ActivityForm(Choice):
    MEETING = "meeting", "заседание"
    SEMINAR = "seminar", "семинар"
    WORKSHOP = "workshop", "практикум"
    MASTER_CLASS = "master_class", "мастер-класс"
    ROUND_TABLE = "round_table", "круглый стол"
    CONSULTATION = "consultation", "консультация"
    DIAGNOSTICS = "diagnostics", "диагностика"
    INTERNSHIP = "internship", "стажировка"
    VISIT = "visit", "выездное мероприятие в школе-партнёре"
    CONFERENCE = "conference", "конференция"
    WEBINAR = "webinar", "вебинар"
    REPORT = "report", "отчёт, анализ"


class RequestChannel(Choice):
    MEETING = "meeting", "на заседании"
    VK = "vk", "сообщество «РОСТ» во ВКонтакте"
    EMAIL = "email", "электронная почта"
    PHONE = "phone", "телефон"
    FORM = "form", "форма на сайте"
    LETTER = "letter", "письмо"


class RequestStatus(Choice):
    RECEIVED = "received", "получен"
    IN_WORK = "in_work", "в работе"
    ANSWERED = "answered", "дан ответ"
    WITHDRAWN = "withdrawn", "отозван заявителем"


class ConsultationForm(Choice):
    INDIVIDUAL = "individual", "индивидуальная"
    GROUP = "group", "групповая"
    ONLINE = "online", "дистанционная"
    VISIT = "visit", "с выездом в школу"


class DeficitSource(Choice):
    INITIAL_DIAGNOSTICS = "initial_diagnostics", "входная диагностика"
    REQUESTS = "requests", "запросы руководителей"
    RESULTS_ANALYSIS = "results_analysis", "анализ образовательных результатов"
    OBSERVATION = "observation", "наблюдение на заседаниях и консультациях"


class DeficitStatus(Choice):
    IDENTIFIED = "identified", "выявлен"
    IN_WORK = "in_work", "в работе"
    RESOLVED = "resolved", "устранён (подтверждено повторной диагностикой)"


class ReviewStatus(Choice):
    PROPOSED = "proposed", "предложена"
    REVIEWED = "reviewed", "рассмотрена"
    RECOMMENDED = "recommended", "рекомендована к распространению"


class PlanItemStatus(Choice):
    DONE = "done", "выполнено"
    MOVED = "moved", "перенесено"
    CANCELLED = "cancelled", "отменено"


class AnalysisStatus(Choice):
    DRAFT = "draft", "готовится"
    SUBMITTED = "submitted", "представлен в центр"


class CouncilCategory(Choice):
    """Member categories of the council (РОСТ п. 3.1.2)."""

    WORKING_GROUP = "working_group", "представитель рабочей группы по программе сопровождения ШНОР"
    SHNOR_MANAGER = "shnor_manager", "руководитель или заместитель руководителя ШНОР"
    HIGH_RESULTS_MANAGER = (
        "high_results_manager",
        "руководитель или заместитель руководителя школы со стабильными или высокими результатами",
    )
    PPSS_SPECIALIST = "ppss_specialist", "специалист МБУДО «Центр ППСС»"


class MaterialType(Choice):
    """Content formats of the council (РОСТ п. 2.2.1)."""

    VIDEO = "video", "видео"
    AUDIO = "audio", "аудио"
    DOCUMENT = "document", "документ"
    PRESENTATION = "presentation", "презентация"
    LINK = "link", "ссылка на полезный ресурс"
    POLL = "poll", "опрос"
    DISCUSSION = "discussion", "обсуждение"


class EventLevel(Choice):
    """Levels of events (РОСТ п. 4.1.1)."""

    FEDERAL = "federal", "всероссийский"
    REGIONAL = "regional", "региональный"
    MUNICIPAL = "municipal", "муниципальный"


class EventKind(Choice):
    CONFERENCE = "conference", "научно-практическая конференция"
    WEBINAR = "webinar", "вебинар"
    ONLINE_SEMINAR = "online_seminar", "онлайн-семинар"
    SEMINAR = "seminar", "обучающий семинар"
    MASTER_CLASS = "master_class", "мастер-класс"
    OTHER = "other", "другое событие"


class ActKind(Choice):
    FEDERAL_LAW = "federal_law", "федеральный закон"
    DECREE = "decree", "указ Президента Российской Федерации"
    GOVERNMENT_ORDER = "government_order", "распоряжение или постановление Правительства РФ"
    MINISTRY_ORDER = "ministry_order", "приказ федерального министерства"
    REGIONAL_ORDER = "regional_order", "приказ министерства образования Тульской области"
    MUNICIPAL_ORDER = "municipal_order", "приказ управления образования администрации г. Тулы"
    LOCAL_ACT = "local_act", "локальный акт МКУ «ЦНППМ г. Тулы»"
    OTHER = "other", "другой документ"


class ActStatus(Choice):
    IN_FORCE = "in_force", "действует"
    EXPIRED = "expired", "срок действия истёк"
    REPEALED = "repealed", "утратил силу"


class MonitoringPeriod(Choice):
    MONTH = "month", "месяц"
    QUARTER = "quarter", "квартал"


class CmsBackend(Choice):
    FORGEJO = "forgejo", "Forgejo или Gitea центра"
    GITHUB = "github", "GitHub"
