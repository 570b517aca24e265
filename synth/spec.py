"""What to synthesise (`Spec`), the world's fixed names and the small helpers every part uses."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from generator.errors import UserError
from synth import pools

WORLD_DATE = date(2026, 11, 20)  # the as-of day of the synthetic world, unless told
CENTRE = "rcnppm"
PPSS = "ppss"
MINISTRY = "minobr"
FOCUS = (("ege", "ЕГЭ"), ("oge", "ОГЭ"), ("vpr", "ВПР"), ("rkr", "РКР"),
         ("pisa", "Задания PISA-типа (функциональная грамотность)"))  # fmt: skip
CENTRE_SHORT = "ГАУ ДПО ТО «РЦНППМ»"
CENTRE_FULL = (
    "Государственное автономное учреждение дополнительного профессионального образования "
    "Тульской области «Региональный центр непрерывного повышения профессионального мастерства "
    "педагогических работников»"
)
PPSS_SHORT = "ГБУ ТО «Центр ППСС»"
MONITORING_DEPARTMENT = pools.CENTRE_DEPARTMENTS["monitoring"]

Node = dict[str, Any]


class SynthError(UserError):
    """The tree cannot be written; the message says in Russian why."""


@dataclass(frozen=True, slots=True)
class Spec:
    """What to synthesise: how many associations and school years, from which seed."""

    associations: int
    years: int
    seed: int = 1
    as_of: date = WORLD_DATE

    @property
    def current(self) -> int:
        """The first calendar year of the school year that holds the as-of day."""
        return self.as_of.year if self.as_of.month >= 9 else self.as_of.year - 1

    @property
    def starts(self) -> list[int]:
        return list(range(self.current - self.years + 1, self.current + 1))


# --- small helpers ---------------------------------------------------------------------------


def school_year(start: int) -> str:
    return f"{start}-{start + 1}"


def translit(text: str) -> str:
    return "".join(pools.TRANSLIT.get(ch, ch) for ch in text.lower())


def workday(day: date) -> date:
    """The day itself, or the next Monday–Thursday (meetings are not held on Fridays)."""
    while day.weekday() > 3:
        day += timedelta(days=1)
    return day


def gendered(text: str, female: bool) -> str:
    """«Представил(а)» → «Представила» or «Представил»."""
    return text.replace("(а)", "а" if female else "")


def fill(rng: random.Random, template: str, **known: str) -> str:
    """A template with {proc} and {subj} chosen at random and other slots given."""
    return template.format(
        proc=rng.choice(pools.PROCEDURES), subj=rng.choice(pools.SUBJECTS), **known
    )


def between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability
