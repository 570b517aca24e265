"""The `new diagnostic` scaffold: an entry or repeat diagnostic of managers' competences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.authoring.scaffold import (
    SHNOR_ROLES,
    Changes,
    ScaffoldError,
    Written,
    choice,
    render,
    year_scope,
)
from generator.checking.competences import entry_diagnostic
from generator.checking.years import collect_years
from generator.russian import ru_date, school_year_title
from schemas import DiagnosticKind, school_year_bounds


@dataclass(frozen=True, slots=True)
class _Competence:
    competence: str
    title: str


_PLACEHOLDER = _Competence("competence-1", "впишите название компетенции")


def new_diagnostic(
    root: Path,
    as_of: date,
    *,
    association: str | None = None,
    year: str | None = None,
    kind: str | None = None,
    day: date | None = None,
) -> Written:
    """A diagnostic of the year: the entry one if the year has none, else a repeat one.

    Participants are the year's participants from ШНОР (ШССУ); the competences are those of
    the year's entry diagnostic (for a repeat) or of the last earlier year's (for an entry;
    without one, those the year's deficits name), each with `below: 0` to fill in; with
    none to copy, one placeholder competence.
    """
    scope = year_scope(root, as_of, association, year)
    entry = entry_diagnostic(scope.records)
    chosen = choice(DiagnosticKind, kind, "вид диагностики") if kind else None
    chosen = chosen or (DiagnosticKind.REPEAT if entry else DiagnosticKind.ENTRY)
    when = day or as_of
    first, last = school_year_bounds(scope.year)
    if not first <= when <= last:
        raise ScaffoldError(
            f"дата {ru_date(when)} не входит в {school_year_title(scope.year)} учебный год "
            f"(с {ru_date(first)} по {ru_date(last)}). Укажите дату через --date или год "
            "через --year."
        )
    if chosen is DiagnosticKind.REPEAT and entry is None:
        raise ScaffoldError(
            f"в {scope.folder}/diagnostics нет входной диагностики, а повторную не с чем "
            "сравнить. Сначала создайте входную: python -m generator new diagnostic --kind entry."
        )
    membership = scope.membership
    participants = (
        [p.person for p in membership.participants if p.role in SHNOR_ROLES] if membership else []
    )
    if not participants:
        raise ScaffoldError(
            f"в {scope.folder}/membership.yaml нет участников от ШНОР (ШССУ): некого вписать "
            "в участники диагностики. Заполните состав объединения на год."
        )
    competences = _competences(root, scope.association, scope.year, chosen, as_of)
    record_id = f"{when:%Y-%m}-{chosen.value}"
    text = render(
        "diagnostic.yaml.j2",
        kind=chosen,
        date=when,
        participants=participants,
        competences=competences or [_PLACEHOLDER],
        placeholder=not competences,
    )
    changes = Changes(root)
    changes.create(f"{scope.folder}/diagnostics/{record_id}.yaml", text)
    return changes.finish(f"{chosen.label} диагностика {ru_date(when)}")


def _competences(
    root: Path, association: str, year: str, kind: DiagnosticKind, as_of: date
) -> list[_Competence]:
    """The competences to measure: the year's entry's, or for an entry the last earlier year's."""
    scope = year_scope(root, as_of, association, year)
    years = [y for y in collect_years(scope.project) if y.association == association]
    sources = [scope.records] if kind is DiagnosticKind.REPEAT else [
        y for y in reversed(years) if y.year < year
    ]  # fmt: skip
    for source in sources:
        entry = entry_diagnostic(source)
        if entry is not None:
            return [_Competence(r.competence, r.title) for r in entry[1].results]
    named = {d.competence: d.title for _r, d in scope.records.deficits if d.competence}
    return [_Competence(code, title) for code, title in named.items()]
