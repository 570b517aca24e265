"""Diagnostics of managers' competences (МПО п. 2.2.1, 4.2.2): the entry one and the repeat one.

One record per diagnostic, in `records/associations/<id>/<year>/diagnostics/<id>.yaml`: the
association and school year come from the path. It says who took part — people by id, or a
count per school — and, for each competence measured, how many participants (or what share)
stayed below the threshold. A competence is a free latin code (`vpr-analysis`) with its
Russian title: a deficit of the same year names it (`Deficit.competence`), and its status and
the annual analysis's «было → стало» are computed from the entry and repeat diagnostics.

Publication: aggregated figures per competence are public (like a typical deficit, they name
no school); the participants and the figures per school are for the internal site only.
"""

from __future__ import annotations

from typing import ClassVar, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .base import Choice, Count, F, IsoDate, Number, OrgId, PersonId, Record, Slug, Text, TopRecord


class DiagnosticKind(Choice):
    """Which diagnostic of the year: the entry one (autumn) or a repeat one (spring)."""

    ENTRY = "entry", "входная"
    REPEAT = "repeat", "повторная"


class SchoolCount(Record):
    """How many managers of one school took the diagnostic (when they are not named)."""

    organization: OrgId = F("Школа", "Идентификатор школы (организации) участников.")
    participants: Count = F(
        "Участников", "Сколько руководителей и заместителей этой школы прошли диагностику.", ge=1
    )


class SchoolBelow(Record):
    """How many managers of one school stayed below the threshold in one competence."""

    organization: OrgId = F("Школа", "Идентификатор школы (организации).")
    below: Count = F("Ниже порога", "Сколько руководителей этой школы не достигли порога.")


class CompetenceResult(Record):
    """One competence measured: how many participants (or what share) stayed below the threshold."""

    competence: Slug = F(
        "Компетенция",
        "Латинский код компетенции, например vpr-analysis: на него ссылается дефицит "
        "(competence). В повторной диагностике — тот же код, что во входной.",
    )
    title: Text = F("Название компетенции", "Как компетенция называется на сайте и в документах.")
    below: Count | None = F(
        "Ниже порога, человек",
        "Сколько участников не достигли порога — не больше числа участников. Укажите below "
        "или below_percent.",
        None,
    )
    below_percent: Number | None = F(
        "Ниже порога, %",
        "Доля участников ниже порога в процентах (от 0 до 100), если известна только доля.",
        None,
        le=100,
    )
    by_organization: list[SchoolBelow] = F(
        "По школам", "Сколько ниже порога в каждой школе; только внутренний сайт.", []
    )

    @model_validator(mode="after")
    def _one_figure(self) -> Self:
        if (self.below is None) == (self.below_percent is None):
            raise PydanticCustomError(
                "diagnostic_figure",
                "укажите одно из двух: below — сколько человек ниже порога, или below_percent — "
                "их долю в процентах.",
                {"field": "below"},
            )
        return self


class CompetenceDiagnostic(TopRecord):
    """A diagnostic of managers' competences: the entry one or a repeat one (МПО п. 4.2.2)."""

    KIND: ClassVar[str] = "diagnostic"
    KIND_TITLE: ClassVar[str] = "диагностика компетенций"

    kind: DiagnosticKind = F(
        "Вид диагностики", "entry — входная (начало года), repeat — повторная (весна)."
    )
    date: IsoDate = F(
        "Дата", "Когда проведена диагностика (последний день, если шла несколько дней)."
    )
    title: Text | None = F(
        "Название", "Например «Входная диагностика управленческих компетенций».", None
    )
    threshold: Text | None = F(
        "Порог", "Что считается достаточным уровнем, например «не меньше 70 % баллов».", None
    )
    participants: list[PersonId] = F(
        "Участники",
        "Кто прошёл диагностику — идентификаторы людей; только внутренний сайт. Если имён "
        "нет — укажите вместо них organizations.",
        [],
    )
    organizations: list[SchoolCount] = F(
        "Участники по школам",
        "Сколько человек от каждой школы прошли диагностику, если они не названы поимённо; "
        "только внутренний сайт.",
        [],
    )
    results: list[CompetenceResult] = F(
        "Результаты по компетенциям", "Каждая измеренная компетенция и сколько ниже порога.",
        min_length=1,
    )  # fmt: skip
    note: Text | None = F("Примечание", "Методика, кто проводил, что важно знать.", None)

    @property
    def total(self) -> int:
        """How many took part: the people named, or the sum of the counts per school."""
        return len(self.participants) or sum(s.participants for s in self.organizations)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        self._who_took_part()
        self._results_within()
        return self

    def _who_took_part(self) -> None:
        if bool(self.participants) == bool(self.organizations):
            raise PydanticCustomError(
                "diagnostic_participants",
                "укажите, кто прошёл диагностику, одним способом: participants — список людей "
                "или organizations — число участников по школам.",
                {"field": "participants"},
            )
        _no_repeats(self.participants, "participants/{}")
        _no_repeats([s.organization for s in self.organizations], "organizations/{}/organization")
        _no_repeats([r.competence for r in self.results], "results/{}/competence")

    def _results_within(self) -> None:
        counted = {s.organization: s.participants for s in self.organizations}
        for index, result in enumerate(self.results):
            if result.below is not None and result.below > self.total:
                raise PydanticCustomError(
                    "diagnostic_below",
                    "ниже порога указано {below}, а диагностику прошли всего {total}. Исправьте "
                    "число: оно не больше числа участников.",
                    {"below": result.below, "total": self.total, "field": f"results/{index}/below"},
                )
            for at, school in enumerate(result.by_organization):
                most = counted.get(school.organization) if counted else None
                if most is not None and school.below > most:
                    raise PydanticCustomError(
                        "diagnostic_below",
                        "в школе {org} ниже порога указано {below}, а диагностику прошли всего {most}. "
                        "Исправьте число.",
                        {"org": school.organization, "below": school.below, "most": most,
                         "field": f"results/{index}/by_organization/{at}/below"},
                    )  # fmt: skip
            if (
                result.below is not None
                and sum(s.below for s in result.by_organization) > result.below
            ):
                raise PydanticCustomError(
                    "diagnostic_below",
                    "по школам ниже порога в сумме больше, чем всего (below: {below}). "
                    "Исправьте числа по школам или общее число.",
                    {"below": result.below, "field": f"results/{index}/by_organization"},
                )


def _no_repeats(values: list[str], field: str) -> None:
    """A value listed twice is reported at its second place (`field` has `{}` for the index)."""
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise PydanticCustomError(
                "diagnostic_repeat",
                "«{value}» указан в этом списке дважды. Уберите повтор.",
                {"value": value, "field": field.format(index)},
            )
        seen.add(value)


class CompetenceShift(Record):
    """«Было → стало» for one competence, as the annual analysis was submitted (frozen)."""

    competence: Slug = F("Компетенция", "Код компетенции из записей диагностики этого года.")
    before: Number = F(
        "Было ниже порога, %", "Доля участников ниже порога во входной диагностике.", le=100
    )
    after: Number | None = F(
        "Стало ниже порога, %",
        "Доля ниже порога в последней повторной диагностике; пусто — повторной не было.",
        None,
        le=100,
    )
