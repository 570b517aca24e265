"""The online consultation council «РОСТ» in VKontakte."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .base import (
    Count,
    F,
    FocusId,
    IsoDate,
    PersonId,
    Record,
    Text,
    TopRecord,
    Url,
)
from .enums import (
    ConsultationForm,
    CouncilCategory,
    CouncilDirection,
    EventKind,
    EventLevel,
    MaterialType,
    MeetingFormat,
    RequestChannel,
)
from .meeting import Attachment
from .people import in_period


class CouncilMember(Record):
    person: PersonId = F("Член совета", "Идентификатор человека.")
    category: CouncilCategory = F("Категория", "Категория по РОСТ п. 3.1.2.")
    since: IsoDate | None = F("С", "С какого дня в совете.", None)
    until: IsoDate | None = F("По", "По какой день; пусто — состоит сейчас.", None)

    def serves_on(self, day: dt.date) -> bool:
        """Whether the person is a member on the day."""
        return in_period(day, self.since, self.until)


class Council(TopRecord):
    """The council's composition and its staff (РОСТ п. 3, 5)."""

    KIND: ClassVar[str] = "council"
    KIND_TITLE: ClassVar[str] = "совет «РОСТ»"

    name: Text = F("Название", "Название совета.")
    vk_url: Url = F("Сообщество ВКонтакте", "Адрес сообщества совета.")
    chair: PersonId = F("Председатель", "Сотрудник отдела мониторинговых исследований центра.")
    members: list[CouncilMember] = F("Члены совета", "Состав по категориям.", min_length=1)
    content_editors: list[PersonId] = F(
        "Наполнение контента", "Кто готовит материалы (РОСТ п. 5.1).", []
    )
    moderator: PersonId | None = F(
        "Администратор", "Кто администрирует сообщество (РОСТ п. 5.2).", None
    )
    monitoring_by: PersonId | None = F(
        "Мониторинг", "Кто ведёт мониторинг статистики (РОСТ п. 5.3).", None
    )


class CouncilMaterial(TopRecord):
    """A content item of the council (РОСТ п. 2.2.1, 4.1.3)."""

    KIND: ClassVar[str] = "material"
    KIND_TITLE: ClassVar[str] = "материал совета"

    type: MaterialType = F(
        "Вид",
        "Формат материала (РОСТ п. 2.2.1): video, audio, document, presentation, link, poll, discussion.",
    )
    title: Text = F("Название", "Заголовок материала.")
    direction: CouncilDirection = F("Направление", "methodical, consultative или informational.")
    focus: list[FocusId] = F(
        "Оценочные процедуры", "Коды из словаря в настройках: ege, oge, vpr…", []
    )
    author: PersonId | None = F("Автор", "Идентификатор автора, если он есть в записях.", None)
    published: IsoDate = F("Опубликован", "Когда опубликован в сообществе.")
    vk_url: Url | None = F("Запись ВКонтакте", "Ссылка на запись в сообществе.", None)
    url: Url | None = F("Внешняя ссылка", "Ссылка на сам ресурс, если это ссылка.", None)
    summary: Text = F("Описание", "О чём материал, кому полезен.")


class CouncilEvent(TopRecord):
    """An event the council organised or helped ШНОР managers take part in (РОСТ п. 4.1.1)."""

    KIND: ClassVar[str] = "event"
    KIND_TITLE: ClassVar[str] = "мероприятие"

    title: Text = F("Название", "Название мероприятия.")
    kind: EventKind = F(
        "Вид", "Вид мероприятия: conference, webinar, online_seminar, seminar, master_class, other."
    )
    date: IsoDate = F("Дата", "Дата начала.")
    end_date: IsoDate | None = F("Дата окончания", "Для многодневных мероприятий.", None)
    format: MeetingFormat = F("Формат", "in_person, online или hybrid.")
    level: EventLevel = F("Уровень", "federal, regional или municipal.")
    organiser: Text = F("Организатор", "Кто проводит мероприятие.")
    direction: CouncilDirection = F("Направление", "Направление совета (РОСТ п. 4.1).")
    participants: list[PersonId] = F(
        "Участники из ШНОР", "Руководители ШНОР, принявшие участие.", []
    )
    url: Url | None = F("Ссылка", "Страница мероприятия.", None)
    outcome: Text | None = F("Итоги", "Чем закончилось, что взято в работу.", None)

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.end_date is not None and self.end_date < self.date:
            raise PydanticCustomError(
                "event_dates", "дата окончания раньше даты начала.", {"field": "end_date"}
            )
        return self


class CouncilConsultation(TopRecord):
    """A consultation the council gives itself, outside an association's school year
    (РОСТ п. 2.2.2–2.2.3, 4.1.2): it names people and their schools' difficulties."""

    KIND: ClassVar[str] = "council_consultation"
    KIND_TITLE: ClassVar[str] = "консультация совета"

    date: IsoDate = F("Дата", "Когда проведена консультация.")
    channel: RequestChannel = F(
        "Как обратились",
        "Откуда пришёл вопрос: vk (сообщество «РОСТ»), meeting, email, phone, form, letter.",
    )
    form: ConsultationForm = F("Форма", "individual, group, online или visit.")
    consultant: PersonId = F("Консультант", "Идентификатор того, кто консультировал.")
    recipients: list[PersonId] = F(
        "Кого консультировали", "Идентификаторы руководителей и заместителей.", min_length=1
    )
    topic: Text = F("Тема", "Тема консультации.")
    focus: list[FocusId] = F(
        "Оценочные процедуры",
        "К каким оценочным процедурам готовит консультация (РОСТ п. 4.1.2): коды из словаря "
        "assessment_focus в настройках — ege, oge, vpr, rkr, pisa…; пусто — ни к какой.",
        [],
    )
    summary: Text = F("Содержание", "Кратко, что разобрали.")
    recommendations: list[Text] = F("Рекомендации", "Что рекомендовано.", [])
    materials: list[Attachment] = F("Материалы", "Переданные материалы.", [])
    vk_url: Url | None = F(
        "Обсуждение ВКонтакте", "Ссылка на обсуждение или сообщение в сообществе, если было.", None
    )


class MonitoringReport(TopRecord):
    """Statistics of the council's page for a reporting period (РОСТ п. 5.3)."""

    KIND: ClassVar[str] = "monitoring"
    KIND_TITLE: ClassVar[str] = "отчёт мониторинга"

    period_start: IsoDate = F("Начало периода", "Первый день отчётного периода.")
    period_end: IsoDate = F("Конец периода", "Последний день отчётного периода.")
    visitors: Count = F("Посетители", "Уникальные посетители страницы.")
    views: Count = F("Просмотры", "Просмотры страницы.")
    reach: Count | None = F("Охват", "Охват публикаций.", None)
    likes: Count = F("Отметки «Нравится»", "Сколько отметок.", 0)
    comments: Count = F("Комментарии", "Сколько комментариев.", 0)
    reposts: Count = F("Репосты", "Сколько репостов.", 0)
    posts: Count = F("Публикации", "Сколько записей опубликовано за период.", 0)
    feedback: Text | None = F("Обратная связь", "Какие отзывы и вопросы пришли.", None)
    source: Text = F("Источник данных", "Откуда цифры, например «статистика сообщества ВКонтакте».")

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.period_end < self.period_start:
            raise PydanticCustomError(
                "period_order", "конец периода раньше его начала.", {"field": "period_end"}
            )
        return self
