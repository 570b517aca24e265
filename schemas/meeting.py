"""A meeting of the association and its protocol (МПО п. 4.3–4.4, ГОСТ Р 7.0.97)."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .base import (
    ClockTime,
    Count,
    F,
    Flag,
    IsoDate,
    MeetingRef,
    PersonId,
    Record,
    RelativePath,
    Text,
    TopRecord,
    Url,
)
from .enums import (
    Direction,
    ExecutionStatus,
    MeetingFormat,
    MeetingStatus,
    ProtocolStatus,
)
from .programme import ProgrammeId


class Attachment(Record):
    """A file in the repository or a link."""

    title: Text = F("Название", "Что это за материал, например «Презентация докладчика».")
    path: RelativePath | None = F(
        "Файл", "Путь к файлу от корня репозитория, например files/2025-2026/01-scan.pdf.", None
    )
    url: Url | None = F("Ссылка", "Адрес материала в интернете.", None)

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        if (self.path is None) == (self.url is None):
            raise PydanticCustomError(
                "attachment_target", "укажите либо файл (path), либо ссылку (url) — ровно одно."
            )
        return self


class Execution(Record):
    """How a decision has been carried out: the follow-up checked at each meeting."""

    status: ExecutionStatus = F("Исполнение", "done, in_progress, overdue или cancelled.")
    note: Text | None = F("Примечание", "Что сделано или почему не выполнено.", None)
    checked: IsoDate | None = F("Проверено", "Когда исполнение проверено.", None)


class Voting(Record):
    """The votes on a decision: counted, or «единогласно» where the protocol gives no count."""

    votes_for: Count | None = F(
        "За",
        "Сколько проголосовало «за». Если в протоколе записано только «единогласно», число "
        "не нужно: отметьте «Единогласно».",
        None,
    )
    against: Count = F("Против", "Сколько проголосовало «против».", 0)
    abstained: Count = F("Воздержались", "Сколько воздержалось.", 0)
    unanimous: Flag = F(
        "Единогласно",
        "true — решение принято единогласно (число голосов в протоколе не записано).",
        False,
    )

    @model_validator(mode="after")
    def _counted(self) -> Self:
        if not self.unanimous and self.votes_for is None:
            raise PydanticCustomError(
                "voting_count",
                "укажите число голосов «за» (votes_for) или unanimous: true, если решение "
                "принято единогласно.",
                {"field": "votes_for"},
            )
        if self.unanimous and (self.against or self.abstained):
            raise PydanticCustomError(
                "voting_unanimous",
                "решение, принятое единогласно (unanimous: true), не может иметь голосов "
                "«против» (against) или воздержавшихся (abstained): уберите unanimous или эти "
                "числа.",
                {"field": "against" if self.against else "abstained"},
            )
        return self


class Decision(Record):
    """A decision, numbered 1.1, 1.2… by its place in the agenda."""

    text: Text = F("Решение", "Что решили.")
    executor: PersonId | None = F("Исполнитель", "Идентификатор человека, который исполняет.", None)
    executor_group: Text | None = F(
        "Исполнители (группа)",
        "Если исполняет группа: например «руководители ОО — участники объединения».",
        None,
    )
    deadline: IsoDate | None = F("Срок исполнения", "До какого дня исполнить.", None)
    deadline_text: Text | None = F(
        "Срок (словами)", "Если срока-даты нет: «постоянно», «в течение года».", None
    )
    execution: Execution | None = F("Исполнение", "Отметка об исполнении решения.", None)
    voting: Voting | None = F("Голосование", "Итоги голосования, если голосовали.", None)
    internal: Flag = F(
        "Только для внутреннего сайта",
        "true — решение касается отдельной школы и её трудностей: на открытом сайте протокол "
        "показывается без него (номера остальных решений не меняются).",
        False,
    )

    @model_validator(mode="after")
    def _one_executor(self) -> Self:
        if (self.executor is None) == (self.executor_group is None):
            raise PydanticCustomError(
                "decision_executor",
                "укажите исполнителя: человека (executor) или группу (executor_group) — ровно одно.",
            )
        return self


class Statement(Record):
    person: PersonId = F("Выступающий", "Идентификатор выступившего человека.")
    summary: Text = F("Содержание", "Кратко, о чём говорил выступающий.")
    internal: Flag = F(
        "Только для внутреннего сайта",
        "true — выступление называет школу и её трудности: на открытом сайте протокол "
        "показывается без него.",
        False,
    )


class AgendaItem(Record):
    question: Text = F("Вопрос", "Вопрос повестки дня.")
    direction: Direction | None = F(
        "Направление", "К какому направлению (МПО п. 3.1) относится.", None
    )
    speaker: PersonId | None = F(
        "Докладчик (СЛУШАЛИ)",
        "Идентификатор докладчика. Обязателен в подписанном протоколе; может не быть только "
        "в черновике, например перенесённом из Word.",
        None,
    )
    summary: Text = F("Содержание доклада", "Кратко, о чём доклад.")
    discussion: list[Statement] = F(
        "Выступили (ВЫСТУПИЛИ)", "Кто выступил в обсуждении и с чем.", []
    )
    decisions: list[Decision] = F(
        "Решения (РЕШИЛИ)", "Решения по вопросу; в черновике протокола их может ещё не быть.", []
    )
    programmes: list[ProgrammeId] = F(
        "Программы школ",
        "Идентификаторы программ ШНОР (records/programmes), о которых шла речь; на открытом "
        "сайте не показываются.",
        [],
    )


class Invitee(Record):
    person: PersonId | None = F(
        "Приглашённый", "Идентификатор человека, если он есть в записях.", None
    )
    description: Text | None = F(
        "Кто приглашён", "Должность и организация, если человека нет в записях.", None
    )

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if self.person is None and self.description is None:
            raise PydanticCustomError(
                "invitee_empty", "укажите приглашённого: person или description."
            )
        return self


class Absence(Record):
    """Someone who did not come: a person in the records or words, and why (never published)."""

    person: PersonId | None = F(
        "Отсутствовавший", "Идентификатор человека, если он есть в записях.", None
    )
    description: Text | None = F(
        "Кто отсутствовал", "Должность и организация, если человека нет в записях.", None
    )
    reason: Text | None = F(
        "Причина",
        "Почему отсутствовал. Печатается только во внутреннем экземпляре протокола; на сайте "
        "не показывается никогда.",
        None,
    )

    @model_validator(mode="after")
    def _someone(self) -> Self:
        if self.person is None and self.description is None:
            raise PydanticCustomError(
                "absence_empty", "укажите отсутствовавшего: person или description."
            )
        return self


class FollowUp(Record):
    """A check of an earlier meeting's decision."""

    meeting: MeetingRef = F("Заседание", "Заседание, где принято решение, например 2025-2026/01.")
    decision: Text = F("Номер решения", "Номер решения в том протоколе, например 2.1.")
    status: ExecutionStatus = F("Исполнение", "done, in_progress, overdue или cancelled.")
    note: Text | None = F("Примечание", "Что сделано или почему не выполнено.", None)


class Protocol(Record):
    """The minutes of a meeting. A draft is never published."""

    status: ProtocolStatus = F("Состояние", "draft — черновик, signed — подписан.")
    signed: IsoDate | None = F("Дата подписания", "Когда протокол подписан.", None)
    chair: PersonId | None = F(
        "Председатель",
        "Идентификатор председателя заседания. Обязателен в подписанном протоколе; может не "
        "быть только в черновике, например перенесённом из Word.",
        None,
    )
    secretary: PersonId | None = F(
        "Секретарь",
        "Идентификатор секретаря заседания. Обязателен в подписанном протоколе; может не быть "
        "только в черновике, например перенесённом из Word.",
        None,
    )
    present: list[PersonId] = F("Присутствовали", "Идентификаторы присутствовавших.", [])
    present_count: Count | None = F(
        "Присутствовало всего", "Общее число присутствовавших, если названы не все.", None
    )
    invited: list[Invitee] = F("Приглашённые", "Приглашённые на заседание.", [])
    absent: list[Absence] = F(
        "Отсутствовали", "Кто из участников не пришёл на заседание и почему.", []
    )
    absent_count: Count | None = F(
        "Отсутствовало всего", "Общее число отсутствовавших, если названы не все.", None
    )
    agenda: list[AgendaItem] = F("Повестка дня", "Вопросы заседания по порядку.", min_length=1)
    recommendations: list[Text] = F("Рекомендации", "Рекомендации участникам (МПО п. 4.4).", [])
    follow_up: list[FollowUp] = F(
        "Контроль исполнения", "Проверка исполнения решений прошлых заседаний.", []
    )
    attachments: list[Attachment] = F(
        "Приложения", "Приложения: лист регистрации, презентации, скан подписанного протокола.", []
    )

    def signed_by(self, day: dt.date) -> bool:
        """Whether the protocol is signed by a day: only then may a site show it."""
        signed = self.signed if self.status is ProtocolStatus.SIGNED else None
        return signed is not None and signed <= day

    @model_validator(mode="after")
    def _signed_is_complete(self) -> Self:
        """A draft may be prepared before the meeting; a signed protocol records what was."""
        if self.status is not ProtocolStatus.SIGNED:
            return self
        if self.signed is None:
            raise PydanticCustomError(
                "protocol_signed_date",
                "подписанный протокол должен иметь дату подписания (signed).",
                {"field": "signed"},
            )
        if not self.present and self.present_count is None:
            raise PydanticCustomError(
                "protocol_present",
                "укажите присутствовавших: список present или их число present_count.",
                {"field": "present"},
            )
        if self.chair is None:
            raise PydanticCustomError(
                "protocol_chair",
                "в подписанном протоколе не указан председатель: добавьте строку «chair: …» с "
                "идентификатором человека. Без председателя может быть только черновик.",
                {"field": "chair"},
            )
        if self.secretary is None:
            raise PydanticCustomError(
                "protocol_secretary",
                "в подписанном протоколе не указан секретарь: добавьте строку «secretary: …» с "
                "идентификатором человека. Без секретаря может быть только черновик.",
                {"field": "secretary"},
            )
        unheard = next((i for i, item in enumerate(self.agenda) if item.speaker is None), None)
        if unheard is not None:
            raise PydanticCustomError(
                "protocol_speaker",
                "у вопроса {number} повестки не указан докладчик (СЛУШАЛИ): добавьте строку "
                "«speaker: …» с идентификатором человека. Без докладчика может быть только "
                "черновик.",
                {"number": unheard + 1, "field": f"agenda/{unheard}/speaker"},
            )
        undecided = next((i for i, item in enumerate(self.agenda) if not item.decisions), None)
        if undecided is not None:
            raise PydanticCustomError(
                "protocol_no_decisions",
                "у вопроса {number} повестки нет решений (РЕШИЛИ): в подписанном протоколе по "
                "каждому вопросу записывается решение.",
                {"number": undecided + 1, "field": f"agenda/{undecided}"},
            )
        return self


class Meeting(TopRecord):
    """A meeting of the association; its number is the number in its file name."""

    KIND: ClassVar[str] = "meeting"
    KIND_TITLE: ClassVar[str] = "заседание"

    status: MeetingStatus = F("Статус", "planned, postponed, held или cancelled.")
    date: IsoDate = F("Дата", "Дата заседания (для перенесённого — первоначальная).")
    time: ClockTime | None = F("Время", "Время начала, например 14:30.", None)
    place: Text | None = F(
        "Место",
        "Где проходит: адрес или «онлайн, ВКонтакте». Может не быть только у заседания с "
        "черновиком протокола, перенесённого из Word, где место не записано.",
        None,
    )
    format: MeetingFormat | None = F(
        "Формат",
        "in_person, online или hybrid. Может не быть только у заседания с черновиком "
        "протокола, перенесённого из Word, где формат не записан.",
        None,
    )
    topic: Text = F("Тема", "Тема заседания.")
    link: Url | None = F(
        "Ссылка для подключения",
        "Адрес, по которому участники подключаются к заседанию в формате online или hybrid. "
        "Печатается только в приглашении; на сайте не показывается никогда.",
        None,
    )
    new_date: IsoDate | None = F("Новая дата", "Для перенесённого заседания — новая дата.", None)
    cancel_reason: Text | None = F("Причина отмены", "Для отменённого заседания.", None)
    protocol: Protocol | None = F("Протокол", "Протокол заседания.", None)

    @model_validator(mode="after")
    def _status_fields(self) -> Self:
        draft = self.protocol is not None and self.protocol.status is ProtocolStatus.DRAFT
        if self.place is None and not draft:
            raise PydanticCustomError(
                "place_missing",
                "не указано место заседания (place): напишите адрес или «онлайн». Без места "
                "может быть только черновик протокола, перенесённый из Word.",
                {"field": "place"},
            )
        if self.format is None and not draft:
            raise PydanticCustomError(
                "format_missing",
                "не указан формат заседания (format): in_person, online или hybrid. Без "
                "формата может быть только черновик протокола, перенесённый из Word.",
                {"field": "format"},
            )
        if self.link is not None and self.format is MeetingFormat.IN_PERSON:
            raise PydanticCustomError(
                "link_in_person",
                "ссылка для подключения (link) бывает только у заседания в формате online или "
                "hybrid: исправьте формат или уберите ссылку.",
                {"field": "link"},
            )
        if self.new_date is not None and self.status is not MeetingStatus.POSTPONED:
            raise PydanticCustomError(
                "new_date_status",
                "новая дата (new_date) бывает только у перенесённого заседания: "
                "поставьте status: postponed или уберите new_date.",
                {"field": "new_date"},
            )
        if self.new_date is not None and self.new_date <= self.date:
            raise PydanticCustomError(
                "new_date_order",
                "новая дата должна быть позже первоначальной даты заседания.",
                {"field": "new_date"},
            )
        return self
