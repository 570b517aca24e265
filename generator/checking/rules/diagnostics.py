"""The diagnostics' rule: managers' competences are measured at the start of the school year
and again in spring (МПО п. 2.2.1, 4.2.2).

The regulation names no dates: the entry diagnostic is due by `entry_diagnostic_by` (31
October) and the repeat one by `repeat_diagnostic_by` (31 May), both in the settings. A
diagnostic counts from its date on, so a site built as of an earlier day does not see it.
"""

from __future__ import annotations

from datetime import date

from generator.checking.rules.base import (
    Problem,
    Scope,
    Status,
    Verdict,
    association_year,
    in_progress,
    passed,
    rule,
)
from generator.russian import ru_date
from schemas.diagnostic import DiagnosticKind

_KINDS = tuple(DiagnosticKind)  # asked three times a scope: a tuple, not the enum's iterator

ADVICE = (
    "Проведите диагностику и внесите её: python -m generator new diagnostic (входная — в начале "
    "учебного года, повторная — весной, по тем же компетенциям)."
)


@rule(
    "diagnostics-held",
    "МПО п. 2.2.1, 4.2.2",
    "входная диагностика компетенций проведена в начале учебного года, повторная — весной",
    "warning",
    advice=ADVICE,
)
def diagnostics_held(scope: Scope) -> Verdict:
    # Passed once both are held in time; in progress while a term has not come; a warning for
    # each term past without its diagnostic (or with one held late).
    year = association_year(scope)
    held = {
        kind: sorted(
            (d.date, r.path)
            for r, d in year.diagnostics
            if d.kind is kind and d.date <= scope.as_of
        )
        for kind in _KINDS
    }
    terms = {
        DiagnosticKind.ENTRY: scope.settings.entry_diagnostic_by.in_year(scope.bounds[0].year),
        DiagnosticKind.REPEAT: scope.settings.repeat_diagnostic_by.in_year(scope.bounds[1].year),
    }
    problems = [
        problem
        for kind, due in terms.items()
        if (problem := _late(kind, held[kind], due, scope.as_of)) is not None
    ]
    figures = "; ".join(_figure(kind, held[kind], terms[kind]) for kind in _KINDS)
    if problems:
        return Verdict(Status.FAILED, figures, tuple(problems))
    if all(held[kind] for kind in _KINDS):
        return passed(figures)
    return in_progress(figures)


def _late(
    kind: DiagnosticKind, held: list[tuple[date, str]], due: date, as_of: date
) -> Problem | None:
    """The finding of a term: none held by it (once it is past), or the first held after it."""
    title = f"{kind.label} диагностика компетенций".capitalize()
    if held and held[0][0] <= due:
        return None
    if held:
        day, path = held[0]
        message = f"{title} проведена {ru_date(day)}, позже срока {ru_date(due)}."
        return Problem(message, path, ("date",), due=due)
    if as_of <= due:
        return None
    return Problem(f"{title} не проведена, а срок — {ru_date(due)} — прошёл. {ADVICE}", due=due)


def _figure(kind: DiagnosticKind, held: list[tuple[date, str]], due: date) -> str:
    done = f"проведена {ru_date(held[0][0])}" if held else "не проведена"
    return f"{kind.label} {done} (срок — {ru_date(due)})"
