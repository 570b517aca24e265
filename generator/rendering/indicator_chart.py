"""A programme indicator over time as a small line chart, drawn server-side as inline SVG.

The chart needs no script and fetches nothing: the template prints the geometry computed
here. It is an image with a title and a description (`aria-labelledby`), and the card
prints the same values as a table beside it — the text alternative a screen reader or a
printed page relies on.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from generator.rendering.reference import anchor
from generator.russian import ru_date, ru_number, school_year_title
from schemas import Indicator, IndicatorValue, school_year_of

WIDTH = 640
HEIGHT = 230
LEFT = 44  # room for the value scale
RIGHT = 20
TOP = 22
BOTTOM = 40  # room for the school years under the axis


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    label: str  # the value as printed beside the dot

    @property
    def label_y(self) -> float:
        """Where the label stands: just above the dot."""
        return round(self.y - 9, 1)


@dataclass(frozen=True, slots=True)
class Tick:
    y: float
    label: str

    @property
    def label_y(self) -> float:
        """The scale's number, centred on its grid line."""
        return round(self.y + 4, 1)


@dataclass(frozen=True, slots=True)
class Band:
    """A school year along the time axis: its left edge and the middle of its visible part."""

    x: float
    middle: float
    label: str


@dataclass(frozen=True, slots=True)
class IndicatorChart:
    id: Markup  # the svg's id; `-title` and `-desc` name its title and description
    title: str
    description: str
    width: int
    height: int
    baseline_y: float  # the time axis
    left: int
    right: int
    ticks: list[Tick]
    bands: list[Band]
    measured: str  # polyline points: the baseline, then each measurement
    dots: list[Dot]
    target: Dot
    plan: str  # dashed line from the baseline to the target


def value_text(value: float, unit: str) -> str:
    """«21 %», «14,5 %»: the number with a decimal comma and the unit as the record writes it."""
    return f"{ru_number(value)}\u00a0{unit}" if unit else ru_number(value)


def chart(key: str, indicator: Indicator, measured: list[IndicatorValue]) -> IndicatorChart:
    """The chart of an indicator with the measurements shown (those up to the site's date)."""
    points = [indicator.baseline, *measured]
    first = min(indicator.baseline.date, _year_start(indicator.baseline.date))
    last = max(indicator.target.date, *(p.date for p in points))
    highest = max(p.value for p in [*points, indicator.target])
    top = 100.0 if indicator.unit == "%" and highest > 50 else _nice_top(highest)
    axis = HEIGHT - BOTTOM

    def x(day: date) -> float:
        span = max((last - first).days, 1)
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (day - first).days / span, 1)

    def y(value: float) -> float:
        return round(axis - (axis - TOP) * value / top, 1)

    unit = indicator.unit
    dots = [Dot(x(p.date), y(p.value), value_text(p.value, unit)) for p in points]
    target = Dot(x(indicator.target.date), y(indicator.target.value),
                 "цель " + value_text(indicator.target.value, unit))  # fmt: skip
    return IndicatorChart(
        id=anchor(f"chart-{key}"), title=indicator.title,
        description=describe(indicator, measured), width=WIDTH, height=HEIGHT,
        baseline_y=axis, left=LEFT, right=WIDTH - RIGHT,
        ticks=[Tick(y(v), ru_number(v)) for v in _steps(top)],
        bands=_bands(first, last, x), measured=" ".join(f"{d.x},{d.y}" for d in dots),
        dots=dots, target=target, plan=f"{dots[0].x},{dots[0].y} {target.x},{target.y}",
    )  # fmt: skip


def describe(indicator: Indicator, measured: list[IndicatorValue]) -> str:
    """The chart in words: baseline, target, each measurement and where it stands now."""
    unit = indicator.unit
    base, goal = indicator.baseline, indicator.target
    parts = [
        f"Линейный график показателя «{indicator.title}»",
        f"исходное значение {value_text(base.value, unit)} на {ru_date(base.date)}",
        f"цель {value_text(goal.value, unit)} к {ru_date(goal.date)}",
    ]
    if measured:
        values = ", ".join(f"{value_text(m.value, unit)} на {ru_date(m.date)}" for m in measured)
        parts.append(f"измерено: {values}")
    return "; ".join(parts) + ". " + progress(indicator, measured)


def progress(indicator: Indicator, measured: list[IndicatorValue]) -> str:
    """Where the indicator stands as of the last measurement, in one Russian sentence."""
    if not measured:
        return "Измерений пока нет."
    latest, base, goal = measured[-1].value, indicator.baseline.value, indicator.target.value
    reached = latest <= goal if indicator.lower_is_better else latest >= goal
    if reached:
        return "Цель достигнута."
    if base == goal or (latest - base) * (goal - base) <= 0:
        return "Значение не лучше исходного."
    share = round(100 * (latest - base) / (goal - base))
    return f"Пройдено {share} % пути от исходного значения к цели."


def _year_start(day: date) -> date:
    return date(int(school_year_of(day)[:4]), 9, 1)


def _nice_top(highest: float) -> float:
    """The top of the value scale: a round number a little above the highest value."""
    if highest <= 0:
        return 1.0
    step = _step(highest * 1.1)
    return step * math.ceil(highest * 1.1 / step)


def _step(span: float) -> float:
    """A round step dividing span into about four parts: 1, 2 or 5 times a power of ten."""
    raw = span / 4
    power: float = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _steps(top: float) -> list[float]:
    step = _step(top)
    count = round(top / step)
    return [round(step * i, 6) for i in range(count + 1)]


def _bands(first: date, last: date, x: Callable[[date], float]) -> list[Band]:
    bands = []
    year = school_year_of(first)
    while int(year[:4]) <= last.year:
        start = max(first, date(int(year[:4]), 9, 1))
        end = min(last, date(int(year[5:]), 8, 31))
        if start <= end:
            left, right = x(start), x(end)
            bands.append(Band(left, round((left + right) / 2, 1), school_year_title(year)))
        year = f"{int(year[:4]) + 1}-{int(year[:4]) + 2}"
    return bands
