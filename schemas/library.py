"""Records shared by both bodies: practices and normative acts."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .base import (
    ActId,
    AssociationId,
    EventId,
    F,
    Flag,
    IsoDate,
    MeetingRef,
    OrgId,
    PersonId,
    Record,
    SchoolYear,
    Text,
    TopRecord,
    Url,
)
from .enums import (
    ActKind,
    ActStatus,
    Direction,
    ReviewStatus,
)
from .meeting import Attachment


class PracticeAuthor(Record):
    person: PersonId = F("Автор", "Идентификатор автора практики.")
    distribution_consent: Flag = F(
        "Согласие на распространение", "Дал ли автор согласие распространять практику.", False
    )


class Presentation(Record):
    meeting: MeetingRef | None = F("Заседание", "Где представлена: 2025-2026/02.", None)
    association: AssociationId | None = F("Объединение", "Объединение заседания.", None)
    event: EventId | None = F("Мероприятие совета", "Идентификатор мероприятия совета.", None)
    date: IsoDate = F("Дата", "Когда представлена.")


class Retirement(Record):
    """A practice taken out of the library: it stays in the records, with when and why."""

    date: IsoDate = F("Дата", "С какого дня практика не входит в библиотеку.")
    reason: Text = F("Причина", "Почему практика выведена: устарела, школа её оставила…")


class Practice(TopRecord):
    """An effective management practice (МПО п. 2.2.6): front matter + Markdown."""

    KIND: ClassVar[str] = "practice"
    KIND_TITLE: ClassVar[str] = "управленческая практика"

    title: Text = F("Название", "Название практики.")
    organization: OrgId = F("Организация", "Школа, где практика применяется.")
    authors: list[PracticeAuthor] = F("Авторы", "Авторы практики.", min_length=1)
    problem: Text = F("Какую проблему решает", "Управленческая проблема.")
    results: Text = F("Результаты", "Чего удалось добиться, с цифрами.")
    direction: Direction = F("Направление", "Направление работы (МПО п. 3.1).")
    tags: list[Text] = F("Метки", "Ключевые слова для поиска.", [])
    year: SchoolYear = F("Учебный год", "Год, к которому относится практика.")
    presented: list[Presentation] = F("Где представлена", "Заседания и мероприятия.", [])
    materials: list[Attachment] = F("Материалы", "Файлы и ссылки.", [])
    review: ReviewStatus = F("Экспертиза", "proposed, reviewed или recommended.")
    reviewed: IsoDate | None = F(
        "Дата экспертизы",
        "Когда практика последний раз рассмотрена: экспертиза или повторное прочтение к сроку "
        "review_by.",
        None,
    )
    review_by: IsoDate | None = F(
        "Перечитать до",
        "К этой дате практику перечитывают: актуальна ли она. С этого дня, пока reviewed не "
        "позже неё, check предупреждает (practice-review), а открытый сайт её не показывает.",
        None,
    )
    retired: Retirement | None = F(
        "Выведена из библиотеки",
        "Практика устарела: дата и причина. Запись остаётся, но в библиотеку сайта практика "
        "больше не входит (на внутреннем сайте — с пометкой).",
        None,
    )
    body: str = F("Описание", "Текст в Markdown после заголовка файла.", "")

    @property
    def distributable(self) -> bool:
        """Recommended after review, and every author agreed to its distribution."""
        consented = all(author.distribution_consent for author in self.authors)
        return self.review is ReviewStatus.RECOMMENDED and consented

    def retired_by(self, day: date) -> bool:
        """Whether the practice has left the library by a day."""
        return self.retired is not None and self.retired.date <= day

    def review_due(self, day: date) -> bool:
        """Whether the practice is past its review-by date on a day and not re-read since
        (a retired practice is never due: it has left the library)."""
        if self.review_by is None or self.retired_by(day) or day < self.review_by:
            return False
        return self.reviewed is None or self.reviewed < self.review_by

    def in_library(self, day: date) -> bool:
        """Whether the public library holds it on a day: distributable, not past review and
        not retired."""
        return self.distributable and not self.review_due(day) and not self.retired_by(day)


class NormativeAct(TopRecord):
    """A law, decree or order the bodies follow (МПО п. 1.3, РОСТ п. 1.4)."""

    KIND: ClassVar[str] = "normative"
    KIND_TITLE: ClassVar[str] = "нормативный акт"

    kind: ActKind = F(
        "Вид", "Вид документа: federal_law, decree, government_order, regional_order…"
    )
    issuer: Text = F("Кем издан", "Орган, издавший документ.")
    number: Text = F("Номер", "Номер документа, например 273-ФЗ.")
    date: IsoDate = F("Дата", "Дата документа.")
    title: Text = F("Название", "Название документа без вида, даты и номера.")
    status: ActStatus = F("Статус", "in_force, expired или repealed.")
    horizon: Text | None = F(
        "Срок действия", "Если документ датирован сроком: например «до 2024 года».", None
    )
    replaced_by: ActId | None = F("Заменён", "Идентификатор документа, который его заменил.", None)
    url: Url | None = F("Ссылка", "Официальная публикация документа.", None)

    @model_validator(mode="after")
    def _replacement(self) -> Self:
        if self.replaced_by is not None and self.status is ActStatus.IN_FORCE:
            raise PydanticCustomError(
                "act_replaced_in_force",
                "документ, заменённый другим (replaced_by), не может иметь status: in_force.",
                {"field": "status"},
            )
        return self
