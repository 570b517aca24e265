"""A ШНОР school's programme: антирисковая программа or программа перехода в эффективный
режим (МПО п. 3.1.3, РОСТ п. 2.1) — the risks it addresses and the indicators it is judged by.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .base import (
    Choice,
    F,
    IsoDate,
    Number,
    OrgId,
    Record,
    Ref,
    SchoolYear,
    Slug,
    Text,
    TopRecord,
    Url,
    school_year_bounds,
)

# A programme of the repository (records/programmes/<id>.yaml).
ProgrammeId = Annotated[Slug, Ref("programme")]


class ProgrammeKind(Choice):
    """How the school's programme is called in its documents."""

    ANTIRISK = "antirisk", "антирисковая программа"
    EFFECTIVE_MODE = "effective_mode", "программа перехода в эффективный режим работы"


class IndicatorValue(Record):
    """One value of an indicator on a day."""

    date: IsoDate = F("Дата", "Когда получено значение (дата измерения, оценочной процедуры).")
    value: Number = F("Значение", "Число, например 21 или 14.5 (в единицах показателя).")
    note: Text | None = F(
        "Пояснение", "Откуда значение, например «ВПР, весна 2025 г.», если это важно.", None
    )


class Indicator(Record):
    """A measurable indicator of the programme: where it starts, where it should be, what
    was measured. Whether lower or higher is better follows from the baseline and target."""

    title: Text = F(
        "Показатель",
        "Что измеряется, например «доля обучающихся 5–7 классов с отметкой «2» по ВПР по "
        "математике».",
    )
    unit: Text = F("Единица", "Единица измерения: %, балл, человек…", "%")
    risk_factor: Text | None = F(
        "Фактор риска",
        "Какой из факторов риска программы (risk_factors) показывает этот показатель; "
        "пишется так же, как в списке.",
        None,
    )
    source: Text | None = F(
        "Источник данных", "Откуда берутся значения: ВПР, ОГЭ, анкетирование, мониторинг.", None
    )
    baseline: IndicatorValue = F(
        "Исходное значение", "Значение на начало программы и его дата (date, value)."
    )
    target: IndicatorValue = F(
        "Целевое значение", "Какого значения нужно достичь и к какой дате (date, value)."
    )
    measured: list[IndicatorValue] = F(
        "Измерения", "Значения, измеренные по ходу программы, по порядку дат.", []
    )

    @property
    def lower_is_better(self) -> bool:
        """Whether the programme wants the value to fall (its target is below the baseline)."""
        return self.target.value < self.baseline.value

    @model_validator(mode="after")
    def _dates_ordered(self) -> Self:
        if self.target.date <= self.baseline.date:
            raise _order_error("target/date", "срок целевого значения", self.target.date,
                               "исходного значения", self.baseline.date)  # fmt: skip
        previous, what = self.baseline.date, "исходного значения"
        for index, value in enumerate(self.measured):
            if value.date <= previous:
                raise _order_error(f"measured/{index}/date", "измерение", value.date, what,
                                   previous)  # fmt: skip
            previous, what = value.date, "предыдущего измерения"
        return self

    @model_validator(mode="after")
    def _percent(self) -> Self:
        if self.unit.strip() != "%":
            return self
        for loc, value in self._values():
            if value.value > 100:
                raise PydanticCustomError(
                    "indicator_percent",
                    "значение {value} больше 100, а показатель — в процентах. Проверьте число "
                    "или единицу (unit).",
                    {"value": f"{value.value:g}", "field": f"{loc}/value"},
                )
        return self

    def _values(self) -> list[tuple[str, IndicatorValue]]:
        values = [("baseline", self.baseline), ("target", self.target)]
        return values + [(f"measured/{i}", v) for i, v in enumerate(self.measured)]


def _order_error(
    field: str, what: str, day: dt.date, before: str, earlier: dt.date
) -> PydanticCustomError:
    return PydanticCustomError(
        "indicator_dates",
        "дата {day} ({what}) должна быть позже даты {before} ({earlier}). Даты показателя идут "
        "по порядку: исходное значение, затем измерения; срок цели — позже исходного значения.",
        {
            "what": what,
            "day": day.strftime("%d.%m.%Y"),
            "before": before,
            "earlier": earlier.strftime("%d.%m.%Y"),
            "field": field,
        },
    )


class Programme(TopRecord):
    """The programme of one school for one or more consecutive school years."""

    KIND: ClassVar[str] = "programme"
    KIND_TITLE: ClassVar[str] = "программа ШНОР"

    organization: OrgId = F("Школа", "Идентификатор школы (файл в records/organizations).")
    kind: ProgrammeKind = F(
        "Вид программы",
        "antirisk — антирисковая программа, effective_mode — программа перехода в эффективный "
        "режим работы.",
    )
    title: Text = F("Название", "Название программы, как в документе школы.")
    years: list[SchoolYear] = F(
        "Учебные годы", "Учебные годы программы подряд, например 2025-2026 и 2026-2027.",
        min_length=1,
    )  # fmt: skip
    approved: IsoDate | None = F("Утверждена", "Когда школа утвердила программу.", None)
    document: Text | None = F(
        "Документ", "Приказ школы об утверждении, например «приказ от 28.10.2026 № 112».", None
    )
    url: Url | None = F("Ссылка", "Программа на сайте школы, если опубликована.", None)
    risk_factors: list[Text] = F(
        "Факторы риска",
        "На какие факторы риска направлена программа; пишутся так же, как в risk_factors "
        "записи школы.",
        min_length=1,
    )
    summary: Text | None = F("Кратко", "Главные меры программы в двух-трёх предложениях.", None)
    indicators: list[Indicator] = F(
        "Показатели", "Измеримые показатели: исходное и целевое значения, измерения.",
        min_length=1,
    )  # fmt: skip

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """The first and the last day of the programme's school years."""
        return school_year_bounds(self.years[0])[0], school_year_bounds(self.years[-1])[1]

    @model_validator(mode="after")
    def _years_in_a_row(self) -> Self:
        for index, (before, after) in enumerate(zip(self.years, self.years[1:], strict=False)):
            if int(after[:4]) != int(before[:4]) + 1:
                raise PydanticCustomError(
                    "programme_years",
                    "учебные годы идут подряд: после {before} должен быть {expected}, а "
                    "указан {after}. Исправьте список years.",
                    {
                        "before": before, "after": after, "field": f"years/{index + 1}",
                        "expected": f"{int(before[:4]) + 1}-{int(before[:4]) + 2}",
                    },
                )  # fmt: skip
        return self

    @model_validator(mode="after")
    def _indicators_fit(self) -> Self:
        first, last = self.period
        span = f"{first.strftime('%d.%m.%Y')}–{last.strftime('%d.%m.%Y')}"
        for index, indicator in enumerate(self.indicators):
            here = f"indicators/{index}"
            if indicator.risk_factor is not None and indicator.risk_factor not in self.risk_factors:
                raise PydanticCustomError(
                    "indicator_risk",
                    "фактора риска «{factor}» нет в списке risk_factors программы. Напишите его "
                    "так же, как в списке, или добавьте в список.",
                    {"factor": indicator.risk_factor, "field": f"{here}/risk_factor"},
                )
            for loc, value in indicator._values()[1:]:
                if not first <= value.date <= last:
                    raise PydanticCustomError(
                        "indicator_outside",
                        "дата {day} не входит в учебные годы программы ({span}). Исправьте "
                        "дату или добавьте учебный год в years.",
                        {"day": value.date.strftime("%d.%m.%Y"), "span": span,
                         "field": f"{here}/{loc}/date"},
                    )  # fmt: skip
        return self
