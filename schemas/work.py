"""The year's work of an association: requests, consultations, deficits, the annual analysis."""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .base import (
    AssociationId,
    Count,
    DeficitId,
    F,
    FocusId,
    IsoDate,
    Number,
    OrgId,
    PersonId,
    Record,
    RequestId,
    Slug,
    Text,
    TopRecord,
)
from .diagnostic import CompetenceShift
from .enums import (
    AnalysisStatus,
    ConsultationForm,
    DeficitSource,
    DeficitStatus,
    Direction,
    RequestChannel,
    RequestStatus,
)
from .meeting import Attachment
from .programme import ProgrammeId


class ConsultationRequest(TopRecord):
    """A manager's request for targeted help (МПО п. 4.2.3, РОСТ п. 2.2.2). Internal."""

    KIND: ClassVar[str] = "request"
    KIND_TITLE: ClassVar[str] = "запрос на консультацию"

    received: IsoDate = F("Получен", "Когда получен запрос.")
    requester: PersonId = F("Заявитель", "Идентификатор руководителя, задавшего вопрос.")
    organization: OrgId = F("Организация", "Идентификатор школы заявителя.")
    channel: RequestChannel = F(
        "Канал", "Как пришёл запрос: meeting, vk, email, phone, form, letter."
    )
    topic: Text = F("Тема", "О чём просят, своими словами заявителя.")
    direction: Direction = F("Направление", "Направление работы (МПО п. 3.1).")
    deficit: DeficitId | None = F("Дефицит", "Связанный профессиональный дефицит этого года.", None)
    assignee: PersonId | None = F("Ответственный", "Кто готовит ответ.", None)
    due: IsoDate | None = F(
        "Ответить до", "Срок ответа; пусто — по настройке (дней после получения).", None
    )
    status: RequestStatus = F("Статус", "received, in_work, answered или withdrawn.")
    note: Text | None = F("Примечание", "Служебная отметка.", None)


class Consultation(TopRecord):
    """A consultation given, on request or at the association's initiative."""

    KIND: ClassVar[str] = "consultation"
    KIND_TITLE: ClassVar[str] = "консультация"

    date: IsoDate = F("Дата", "Когда проведена консультация.")
    form: ConsultationForm = F("Форма", "individual, group, online или visit.")
    consultant: PersonId = F("Консультант", "Идентификатор того, кто консультировал.")
    recipients: list[PersonId] = F(
        "Кого консультировали", "Идентификаторы руководителей.", min_length=1
    )
    request: RequestId | None = F("По запросу", "Идентификатор запроса этого года, если был.", None)
    programme: ProgrammeId | None = F(
        "Программа школы",
        "Идентификатор программы ШНОР (records/programmes), если консультация о ней.",
        None,
    )
    topic: Text = F("Тема", "Тема консультации.")
    direction: Direction = F("Направление", "Направление работы (МПО п. 3.1).")
    focus: list[FocusId] = F(
        "Оценочные процедуры",
        "К каким оценочным процедурам готовит консультация (РОСТ п. 4.1.2): коды из словаря "
        "assessment_focus в настройках — ege, oge, vpr, rkr, pisa…; пусто — ни к какой.",
        [],
    )
    summary: Text = F("Содержание", "Кратко, что разобрали.")
    recommendations: list[Text] = F("Рекомендации", "Что рекомендовано.", [])
    materials: list[Attachment] = F("Материалы", "Переданные материалы.", [])


class Measure(Record):
    text: Text = F("Мера", "Что делается для устранения дефицита.")
    date: IsoDate | None = F("Дата", "Когда проведено или запланировано.", None)
    done_by: Text | None = F(
        "Чем выполнено",
        "Заседание (2025-2026/02), мероприятие совета (его идентификатор), консультация и т. п.; "
        "на сайте заседание и мероприятие показываются названием со ссылкой.",
        None,
    )


class RepeatDiagnostic(Record):
    """The result of a repeat diagnostic told in words: for deficits without `competence` only."""

    date: IsoDate = F("Дата", "Когда проведена повторная диагностика.")
    result: Text = F("Результат", "Что показала повторная диагностика.")


class Deficit(TopRecord):
    """A typical professional gap of the group's managers (МПО п. 4.2.2)."""

    KIND: ClassVar[str] = "deficit"
    KIND_TITLE: ClassVar[str] = "профессиональный дефицит"

    title: Text = F("Дефицит", "Коротко, какой компетенции не хватает.")
    area: Text = F("Область компетенций", "Например «управление качеством образования».")
    found_by: list[DeficitSource] = F(
        "Как выявлен", "Источники: диагностика, запросы…", min_length=1
    )
    identified: IsoDate = F("Выявлен", "Когда дефицит выявлен.")
    competence: Slug | None = F(
        "Компетенция",
        "Код компетенции из записей диагностики этого года (diagnostics/): по ним считаются "
        "число руководителей и статус. Без него укажите managers и status вручную.",
        None,
    )
    managers: Count | None = F(
        "Сколько руководителей",
        "Скольких руководителей группы он касается; с competence считается по входной "
        "диагностике — не пишите (если написано, должно совпадать).",
        None,
    )
    organizations: list[OrgId] = F(
        "Школы", "Школы, где дефицит выявлен; только внутренний сайт.", []
    )
    measures: list[Measure] = F("Меры", "Что делается для устранения.", [])
    status: DeficitStatus | None = F(
        "Статус",
        "identified, in_work или resolved. С competence считается по повторной диагностике — "
        "не пишите (если написано, должно совпадать).",
        None,
    )
    repeat_diagnostic: RepeatDiagnostic | None = F(
        "Повторная диагностика",
        "Прежний способ: итог словами, только для дефицита без competence; нужен для resolved.",
        None,
    )

    @model_validator(mode="after")
    def _figures_from_somewhere(self) -> Self:
        if self.competence is not None and self.repeat_diagnostic is not None:
            raise PydanticCustomError(
                "deficit_repeat_words",
                "уберите repeat_diagnostic: у дефицита указана компетенция (competence), и итог "
                "повторной диагностики берётся из её записи в папке diagnostics этого года.",
                {"field": "repeat_diagnostic"},
            )
        for name in ("managers", "status"):
            if self.competence is None and getattr(self, name) is None:
                raise PydanticCustomError(
                    "deficit_no_competence",
                    "укажите competence — код компетенции из записи диагностики этого года, — "
                    "тогда {name} посчитается сам; или, если диагностики нет, впишите {name}.",
                    {"name": name, "field": name},
                )
        return self


class AnalysisFigures(Record):
    """The year's figures as submitted; frozen once the analysis is submitted."""

    meetings_planned: Count = F("Заседаний по плану", "Сколько заседаний было в плане.")
    meetings_held: Count = F("Заседаний проведено", "Сколько проведено с подписанным протоколом.")
    decisions_total: Count = F("Решений принято", "Сколько решений принято за год.")
    decisions_done: Count = F("Решений выполнено", "Сколько решений выполнено.")
    requests: Count = F("Запросов", "Сколько запросов на консультацию получено.")
    consultations: Count = F("Консультаций", "Сколько консультаций проведено.")
    deficits_found: Count = F("Дефицитов выявлено", "Сколько профессиональных дефицитов выявлено.")
    deficits_resolved: Count = F("Дефицитов устранено", "Сколько устранено.")
    by_direction: dict[Direction, Count] = F(
        "По направлениям", "Сколько мероприятий по каждому направлению.", {}
    )
    competences: list[CompetenceShift] | None = F(
        "Было → стало",
        "Доля ниже порога по каждой компетенции во входной и повторной диагностике, как "
        "представлено; пусто — берётся из записей диагностики.",
        None,
    )


class Survey(Record):
    respondents: Count = F("Опрошено", "Сколько руководителей ответило.")
    satisfied_percent: Number = F(
        "Удовлетворены, %", "Доля удовлетворённых работой, в процентах.", le=100
    )


class AnalysisResults(Record):
    """The results management asks about."""

    managers_reached: Count = F(
        "Охвачено руководителей ШНОР", "Сколько руководителей ШНОР участвовало."
    )
    managers_total: Count = F("Всего руководителей ШНОР", "Сколько их всего в группе.")
    survey: Survey | None = F("Опрос удовлетворённости", "Итоги опроса участников.", None)
    repeat_diagnostics: Text | None = F(
        "Повторная диагностика",
        "Пояснение словами; цифры «было → стало» берутся из записей диагностики (figures).",
        None,
    )
    schools_left_list: list[OrgId] = F(
        "Вышли из списка ШНОР", "Школы, которые по итогам года вышли из списка.", []
    )


class AnnualAnalysis(TopRecord):
    """The annual analysis for the centre (МПО п. 4.6): front matter + narrative."""

    KIND: ClassVar[str] = "analysis"
    KIND_TITLE: ClassVar[str] = "анализ работы за год"

    status: AnalysisStatus = F("Состояние", "draft — готовится, submitted — представлен.")
    submitted: IsoDate | None = F("Представлен", "Когда представлен в центр.", None)
    submitted_to: OrgId | None = F("Кому", "Идентификатор организации, получившей анализ.", None)
    author: PersonId = F("Автор", "Руководитель объединения, подготовивший анализ.")
    figures: AnalysisFigures | None = F(
        "Показатели", "Цифры года; после представления не меняются.", None
    )
    results: AnalysisResults | None = F("Результаты", "Результаты работы за год.", None)
    figures_note: Text | None = F(
        "Пояснение расхождений", "Почему цифры в записях разошлись с представленными.", None
    )
    body: str = F("Текст анализа", "Текст в Markdown после заголовка файла.", "")

    @model_validator(mode="after")
    def _submitted_complete(self) -> Self:
        if self.status is AnalysisStatus.SUBMITTED and (
            self.submitted is None or self.figures is None or self.results is None
        ):
            raise PydanticCustomError(
                "analysis_incomplete",
                "у представленного анализа должны быть дата (submitted), показатели (figures) "
                "и результаты (results).",
            )
        return self


class Acknowledgement(TopRecord):
    """The centre's decision to accept a finding of a closed period."""

    KIND: ClassVar[str] = "acknowledgement"
    KIND_TITLE: ClassVar[str] = "решение о принятии замечания"

    rule: Slug = F("Правило", "Идентификатор правила, например meetings-per-year.")
    association: AssociationId | None = F(
        "Объединение", "Идентификатор объединения; пусто — совет.", None
    )
    year: Text = F("Период", "Учебный год (2024-2025) или период, к которому относится замечание.")
    subject: Text | None = F("Запись", "Какая запись имеется в виду, если замечание о ней.", None)
    reason: Text = F("Причина", "Почему замечание принимается.")
    decided_by: PersonId = F("Кто решил", "Идентификатор сотрудника центра.")
    date: IsoDate = F("Дата решения", "Когда принято решение.")
    document: Text | None = F("Документ", "Номер служебной записки или приказа, если есть.", None)
