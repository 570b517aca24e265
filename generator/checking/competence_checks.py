"""Cross-record checks of diagnostics and of the deficits that take their figures from them.

People and schools a diagnostic names are checked with every other reference (`crossref`);
here: a diagnostic falls within its school year, a repeat one has the year's entry one before
it and measures the entry's competences, and a deficit's competence was measured — its
`managers` and `status`, if still written, agree with what the diagnostics give.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.checking.competences import deficit_state, entry_diagnostic
from generator.checking.years import Year
from generator.loading.diagnostics import Diagnostic
from generator.loading.project import Loaded, Project
from generator.russian import ru_date, school_year_title
from schemas import CompetenceDiagnostic, Deficit, DiagnosticKind, school_year_bounds


def check_diagnostics(project: Project) -> Iterator[Diagnostic]:
    """Every problem of the diagnostics and of the deficits' competences, year by year."""
    years = _years(project)
    for year in years.values():
        yield from _diagnostics_of(year)
    for record in project.of_kind("deficit"):
        assert isinstance(record.model, Deficit)
        measured = years.get(record.place.scope)
        if measured is not None and record.model.competence is not None:
            yield from _deficit(record, record.model, measured)


def _years(project: Project) -> dict[str, Year]:
    """The diagnostics of each association's year (only what these checks need of a Year)."""
    years: dict[str, Year] = {}
    settings = project.settings
    for record in project.of_kind("diagnostic"):
        assert isinstance(record.model, CompetenceDiagnostic)
        place = record.place
        year = years.setdefault(place.scope, Year(place.association or "", place.year or ""))
        year.diagnostics.append((record, record.model))
    for year in years.values():
        year.diagnostics.sort(key=lambda pair: (pair[1].date, pair[0].place.id))
        if settings is not None:
            year.resolved_percent = settings.rules.deficit_resolved_percent
    return years


def _diagnostics_of(year: Year) -> Iterator[Diagnostic]:
    entry = entry_diagnostic(year)
    first, last = school_year_bounds(year.year)
    for record, diagnostic in year.diagnostics:
        if not first <= diagnostic.date <= last:
            yield record.source.diagnostic(
                ("date",),
                f"дата {ru_date(diagnostic.date)} не входит в {school_year_title(year.year)} "
                f"учебный год (с {ru_date(first)} по {ru_date(last)}). Исправьте дату или "
                "перенесите файл в папку своего учебного года.",
                "diagnostic.date-outside-year",
                label="Дата",
            )
        if diagnostic.kind is DiagnosticKind.ENTRY and entry is not None and entry[0] is not record:
            yield record.source.diagnostic(
                ("kind",),
                f"входная диагностика этого года уже есть — {entry[0].path}. Если это "
                "повторная диагностика, напишите kind: repeat; если та же самая — оставьте "
                "один файл.",
                "diagnostic.second-entry",
                label="Вид диагностики",
            )
        if diagnostic.kind is DiagnosticKind.REPEAT:
            yield from _repeat(record, diagnostic, entry)


def _repeat(
    record: Loaded,
    diagnostic: CompetenceDiagnostic,
    entry: tuple[Loaded, CompetenceDiagnostic] | None,
) -> Iterator[Diagnostic]:
    if entry is None:
        yield record.source.diagnostic(
            ("kind",),
            "повторной диагностике не с чем сравнить: в папке diagnostics этого учебного года "
            "нет входной (kind: entry). Добавьте запись входной диагностики.",
            "diagnostic.no-entry",
            label="Вид диагностики",
        )
        return
    if diagnostic.date < entry[1].date:
        yield record.source.diagnostic(
            ("date",),
            f"повторная диагностика ({ru_date(diagnostic.date)}) раньше входной "
            f"({ru_date(entry[1].date)}, {entry[0].path}). Проверьте даты.",
            "diagnostic.repeat-before-entry",
            label="Дата",
        )
    measured = [r.competence for r in entry[1].results]
    for index, result in enumerate(diagnostic.results):
        if result.competence not in measured:
            yield record.source.diagnostic(
                ("results", index, "competence"),
                f"во входной диагностике этого года ({entry[0].path}) компетенции "
                f"«{result.competence}» нет, и «было → стало» не с чем сравнить. Напишите код "
                f"так же, как во входной: {', '.join(measured)}.",
                "diagnostic.unknown-competence",
                label="Компетенция",
            )


def _deficit(record: Loaded, deficit: Deficit, year: Year) -> Iterator[Diagnostic]:
    state = deficit_state(year, deficit)
    if state.row is None:
        known = sorted({r.competence for _r, d in year.diagnostics for r in d.results})
        yield record.source.diagnostic(
            ("competence",),
            f"компетенцию «{deficit.competence}» не измеряла ни одна диагностика этого "
            f"учебного года. Напишите код так же, как в записи диагностики: {', '.join(known)}.",
            "deficit.unknown-competence",
            label="Компетенция",
        )
        return
    if deficit.managers is not None and state.managers != deficit.managers:
        yield record.source.diagnostic(
            ("managers",),
            f"по входной диагностике ниже порога {state.managers}, а здесь написано "
            f"{deficit.managers}. Уберите managers: число берётся из записи диагностики.",
            "deficit.managers-differ",
            label="Сколько руководителей",
        )
    if deficit.status is not None and state.computed and state.status is not deficit.status:
        repeat = state.row.repeat
        assert repeat is not None
        yield record.source.diagnostic(
            ("status",),
            f"по повторной диагностике {ru_date(repeat.diagnostic.date)} статус дефицита — "
            f"«{state.status.label}» (ниже порога {_percent(repeat.percent)} %, устранённым "
            f"считается при {_percent(year.resolved_percent)} % и меньше), а здесь написано "
            f"{deficit.status.value}. Уберите status: он считается по диагностике.",
            "deficit.status-differs",
            label="Статус",
        )


def _percent(value: float) -> str:
    return f"{value:g}".replace(".", ",")
