"""The association, its yearly membership and its yearly plan (МПО п. 4.1, 4.5)."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .base import (
    F,
    IsoDate,
    MeetingRef,
    OrgId,
    PersonId,
    Record,
    Text,
    TopRecord,
    WorkRef,
    YearMonth,
)
from .enums import (
    ActivityForm,
    Direction,
    ParticipantRole,
    PlanItemStatus,
)


class Association(TopRecord):
    """An inter-school professional association (one folder under records/associations)."""

    KIND: ClassVar[str] = "association"
    KIND_TITLE: ClassVar[str] = "объединение"

    name: Text = F("Название", "Полное название объединения.")
    short_name: Text = F("Краткое название", "Как объединение называется в меню и заголовках.")
    supervisor: OrgId = F("Курирующий центр", "Идентификатор организации, которая курирует работу.")
    curator: PersonId = F(
        "Куратор от центра", "Идентификатор сотрудника центра, курирующего объединение."
    )
    founded: IsoDate | None = F("Создано", "Дата создания объединения.", None)
    description: Text | None = F(
        "Описание", "Несколько предложений о том, чем занято объединение.", None
    )


class Participant(Record):
    person: PersonId = F("Участник", "Идентификатор человека (файл в records/people).")
    role: ParticipantRole = F(
        "Роль",
        "Кого представляет участник: руководитель или заместитель ШНОР, ШССУ или школы-партнёра.",
    )
    joined: IsoDate | None = F(
        "Вошёл в состав", "Если вошёл в состав в течение года: с этого дня он участник.", None
    )
    left: IsoDate | None = F(
        "Вышел из состава",
        "Если вышел из состава в течение года: с этого дня он уже не участник (не считается "
        "участником заседаний и не избирается).",
        None,
    )

    def member_on(self, day: dt.date) -> bool:
        """Whether the person is a participant on a day: joined by it and not left yet."""
        return (self.joined is None or self.joined <= day) and (
            self.left is None or day < self.left
        )

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.joined is not None and self.left is not None and self.left < self.joined:
            raise PydanticCustomError(
                "participant_left_before_joined",
                "день выхода из состава (left) раньше дня входа (joined). Проверьте даты: "
                "left — не раньше joined.",
                {"field": "left"},
            )
        return self


class SchoolPair(Record):
    """A ШНОР and its partner school for the year."""

    shnor: OrgId = F(
        "ШНОР (ШССУ)",
        "Идентификатор школы с низкими результатами или в сложных социальных условиях.",
    )
    partner: OrgId = F("Школа-партнёр", "Идентификатор школы — сетевого партнёра.")


class LeaderElection(Record):
    person: PersonId = F("Руководитель", "Идентификатор избранного руководителя объединения.")
    meeting: MeetingRef = F(
        "Заседание, избравшее руководителя",
        "Год и номер заседания, на котором избран руководитель (МПО п. 4.1), например 2025-2026/01.",
    )
    decision: Text | None = F("Решение", "Номер решения в протоколе, например 1.1.", None)


class Membership(TopRecord):
    """Who takes part in the association in one school year."""

    KIND: ClassVar[str] = "membership"
    KIND_TITLE: ClassVar[str] = "состав объединения"

    participants: list[Participant] = F(
        "Участники", "Руководители и заместители ШНОР и школ-партнёров.", min_length=1
    )
    pairs: list[SchoolPair] = F("Пары школ", "Пары «ШНОР — школа-партнёр» на этот год.", [])
    leader: LeaderElection | None = F(
        "Руководитель объединения", "Кто избран руководителем и каким заседанием.", None
    )
    secretary: PersonId | None = F("Секретарь", "Идентификатор секретаря объединения.", None)


class Approval(Record):
    """The centre's approval: «УТВЕРЖДАЮ» signed by its head, or «УТВЕРЖДЕН приказом …»."""

    position: Text = F("Должность утверждающего", "Например «Директор МКУ «ЦНППМ г. Тулы»».")
    name: Text = F("Подпись", "Инициалы и фамилия, как в грифе, например «И. П. Сергеева».")
    person: PersonId | None = F(
        "Утверждающий", "Идентификатор человека, если он есть в записях.", None
    )
    date: IsoDate = F("Дата утверждения", "Дата грифа «УТВЕРЖДАЮ» или дата приказа.")
    order_number: Text | None = F(
        "Номер приказа",
        "Если план утверждён приказом центра: номер приказа, например 61-о (дата приказа — "
        "date). Тогда гриф пишется «УТВЕРЖДЕН приказом … от … № …».",
        None,
    )
    document: Text | None = F(
        "Документ",
        "Приказ или распоряжение словами, например «приказ МКУ «ЦНППМ г. Тулы» от 12.09.2025 "
        "№ 61-о». Для новых записей удобнее order_number.",
        None,
    )

    def order(self) -> str | None:
        """The number of the centre's order that approved: `order_number`, or read from an
        older record's `document` («приказ … от 12.09.2025 № 61-о»); None — no order."""
        if self.order_number:
            return self.order_number
        found = _ORDER.match(self.document or "")
        return found[1] if found else None


_ORDER = re.compile(r"^\s*приказ\w*\b.*?№\s*(\S+?)[.,;)]?\s*$", re.IGNORECASE | re.DOTALL)


class Amendment(Record):
    date: IsoDate = F("Дата изменения", "Когда внесено изменение.")
    description: Text = F("Что изменено", "Какие пункты плана изменены и почему.")
    approval: Approval | None = F(
        "Утверждение изменения", "Каждое изменение плана утверждается центром заново.", None
    )


class PlanItem(Record):
    month: YearMonth = F("Месяц", "Месяц проведения, например 2025-10.")
    date: IsoDate | None = F("Дата", "Точная дата, если известна.", None)
    topic: Text = F("Мероприятие", "Тема и содержание мероприятия.")
    direction: Direction = F("Направление", "Одно из четырёх направлений (МПО п. 3.1).")
    form: ActivityForm = F("Форма", "Форма проведения: meeting, seminar, workshop…")
    responsible: list[PersonId] = F(
        "Ответственные", "Идентификаторы ответственных людей.", min_length=1
    )
    expected_result: Text = F("Ожидаемый результат", "Что должно получиться.")
    done_by: list[WorkRef] = F(
        "Чем выполнено",
        "Заседание (2025-2026/02) или мероприятие совета (его идентификатор), которым выполнен пункт.",
        [],
    )
    status: PlanItemStatus | None = F(
        "Исполнение",
        "Что стало с пунктом после утверждения плана: done — выполнен (чем — done_by), moved — "
        "перенесён (новая дата — moved_to, причина — reason), cancelled — отменён (причина — "
        "reason). Пусто — пункт идёт, как утверждён. Месяц и дата пункта не меняются: "
        "утверждённый план виден рядом с изменениями.",
        None,
    )
    moved_to: IsoDate | None = F(
        "Перенесено на",
        "Новая дата перенесённого пункта (status: moved), например 2026-03-12.",
        None,
    )
    reason: Text | None = F(
        "Причина переноса или отмены",
        "Почему пункт перенесён или отменён (status: moved или cancelled), лучше со ссылкой на "
        "утверждённое изменение плана.",
        None,
    )

    def month_due(self) -> str:
        """The month the item is judged by: its new date's once moved, else the approved one."""
        return self.moved_to.strftime("%Y-%m") if self.moved_to else self.month

    @model_validator(mode="after")
    def _status_fields(self) -> Self:
        moved = self.status is PlanItemStatus.MOVED
        if moved and self.moved_to is None:
            raise _item_error(
                "перенесённому пункту (status: moved) нужна новая дата: добавьте moved_to, "
                "например moved_to: 2026-03-12. Месяц и дата в плане остаются как утверждены.",
                "moved_to",
            )
        if self.moved_to is not None and not moved:
            raise _item_error(
                "новая дата (moved_to) бывает только у перенесённого пункта: поставьте "
                "status: moved или уберите moved_to.",
                "moved_to",
            )
        if self.moved_to is not None and _same_term(self, self.moved_to):
            raise _item_error(
                "новая дата (moved_to) совпадает со сроком пункта в плане — это не перенос. "
                "Укажите другую дату или уберите status: moved и moved_to.",
                "moved_to",
            )
        changed = moved or self.status is PlanItemStatus.CANCELLED
        if changed and self.reason is None:
            what = "перенесён" if moved else "отменён"
            raise _item_error(f"укажите, почему пункт {what}: добавьте reason.", "reason")
        if self.reason is not None and not changed:
            raise _item_error(
                "причина (reason) пишется только у перенесённого или отменённого пункта: "
                "поставьте status: moved или status: cancelled или уберите reason.",
                "reason",
            )
        if self.status is PlanItemStatus.CANCELLED and self.done_by:
            raise _item_error(
                "отменённый пункт (status: cancelled) ничем не выполнен: уберите done_by или "
                "поставьте status: done.",
                "done_by",
            )
        return self


def _item_error(message: str, field: str) -> PydanticCustomError:
    return PydanticCustomError("plan_item_status", message, {"field": field})


def _same_term(item: PlanItem, day: dt.date) -> bool:
    """Whether a new date is the item's approved term: its date, or its month without one."""
    return day == item.date if item.date else day.strftime("%Y-%m") == item.month


class Plan(TopRecord):
    """The association's yearly work plan, approved by the centre (МПО п. 4.5)."""

    KIND: ClassVar[str] = "plan"
    KIND_TITLE: ClassVar[str] = "план работы"

    goal: Text = F("Цель", "Цель работы объединения на год.")
    tasks: list[Text] = F("Задачи", "Задачи на год.", min_length=1)
    programme_measures: list[Text] = F(
        "Мероприятия муниципальной программы",
        "Мероприятия программы сопровождения ШНОР, которым служит план (МПО п. 4.1).",
        [],
    )
    survey: Text | None = F(
        "Анкетирование запросов",
        "Как учтены запросы руководителей, выявленные в начале года.",
        None,
    )
    approval: Approval | None = F(
        "Утверждение", "Гриф «УТВЕРЖДАЮ» центра; пусто — план ещё не утверждён.", None
    )
    amendments: list[Amendment] = F("Изменения", "Изменения плана, каждое утверждённое.", [])
    items: list[PlanItem] = F("Пункты плана", "Мероприятия по месяцам.", min_length=1)

    def approved_by(self, day: dt.date) -> bool:
        """Whether the centre has approved the plan by a day (then it may be published)."""
        return self.approval is not None and self.approval.date <= day

    @model_validator(mode="after")
    def _approval_before_amendments(self) -> Self:
        if self.amendments and self.approval is None:
            raise PydanticCustomError(
                "amendment_unapproved_plan",
                "в плане есть изменения, но нет утверждения самого плана. Добавьте approval.",
            )
        return self
