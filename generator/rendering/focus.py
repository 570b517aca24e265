"""The assessment focus of consultations and council materials (РОСТ п. 4.1.2): ЕГЭ, ОГЭ, ВПР…

The vocabulary is kept in the settings (`assessment_focus`), not in code: the list of
procedures changes, and another municipality may keep its own. Records refer to its terms by
code; `validate` has already checked every code is in the vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from schemas import Settings

NONE_TITLE = "не относится к оценочным процедурам"


class Focused(Protocol):
    """A record with an assessment focus: a consultation, a council material."""

    @property
    def focus(self) -> Sequence[str]: ...


T = TypeVar("T", bound=Focused)


@dataclass(frozen=True, slots=True)
class Group(Generic[T]):
    """The records of one term, in the order given; `code` is None for those of none."""

    code: str | None
    title: str
    items: list[T]


def titles(settings: Settings | None) -> dict[str, str]:
    """Code → how the term is shown («ege» → «ЕГЭ»), in the vocabulary's order."""
    return {term.id: term.title for term in settings.assessment_focus} if settings else {}


def label(codes: Iterable[str], settings: Settings | None) -> str:
    """«ЕГЭ, ВПР» for a record's codes; a code the vocabulary lacks is shown as it is."""
    known = titles(settings)
    return ", ".join(known.get(code, code) for code in codes)


def grouped(items: Iterable[T], settings: Settings | None) -> list[Group[T]]:
    """Records by term in the vocabulary's order (a record of two terms is in both), then
    those of none; empty groups are left out."""
    records = list(items)
    known = titles(settings)
    codes = [*known, *sorted({c for r in records for c in r.focus if c not in known})]
    groups = [Group(c, known.get(c, c), [r for r in records if c in r.focus]) for c in codes]
    groups.append(Group(None, NONE_TITLE, [r for r in records if not r.focus]))
    return [group for group in groups if group.items]
