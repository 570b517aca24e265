"""The rules' outcomes as diagnostics: each problem at its file, line and column.

A rule names the record and the field that matter (`Problem.path`, `Problem.loc`); here they
become `path:line:col` through the record's own text, like every validation message, so
GitHub and Forgejo annotate the very line of the pull request. A problem of a scope as a
whole (too few meetings in a year), or about a record that is not there (no plan yet),
points at the year's plan, else its membership, else the association's card; the council's,
at the council's record.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.checking.rules.base import Outcome, Problem, Status
from generator.loading.diagnostics import Diagnostic, Loc
from generator.loading.project import Project

COUNCIL_RECORD = "records/council/council.yaml"


def rule_diagnostics(project: Project, outcomes: Sequence[Outcome]) -> list[Diagnostic]:
    """One diagnostic per problem of every outcome that did not pass."""
    on_disk = set(project.files)
    return [
        _diagnostic(project, on_disk, outcome, problem)
        for outcome in outcomes
        if outcome.status is not Status.PASSED
        for problem in outcome.problems
    ]


def exit_status(outcomes: Sequence[Outcome], strict: bool) -> int:
    """1 when an unacknowledged error holds (with strict, a warning too), else 0."""
    failing = any(o.fails or (strict and o.warns) for o in outcomes)
    return 1 if failing else 0


def rules_summary(outcomes: Sequence[Outcome]) -> str:
    """The closing line of `check`: rules run, scopes, violations, warnings, acknowledged."""
    errors = sum(1 for o in outcomes if o.fails)
    warnings = sum(1 for o in outcomes if o.warns)
    acknowledged = sum(1 for o in outcomes if o.status is Status.ACKNOWLEDGED)
    scopes = len({(o.association, o.year) for o in outcomes})
    return (
        f"Проверено правил: {len(outcomes)} (областей проверки: {scopes}). Нарушений: "
        f"{errors}, под угрозой или предупреждений: {warnings}, принято центром: {acknowledged}."
    )


def _diagnostic(
    project: Project, on_disk: set[str], outcome: Outcome, problem: Problem
) -> Diagnostic:
    path, loc = _target(project, on_disk, outcome, problem)
    acknowledged = outcome.status is Status.ACKNOWLEDGED
    message = problem.message
    if acknowledged:
        message += f" Принято центром {outcome.acknowledged_by}"
    record = project.by_path.get(path)
    position = record.source.locate(loc) if record else None
    return Diagnostic(
        path=path,
        message=message,
        code=outcome.rule,
        line=position.line if position else None,
        column=position.column if position else None,
        severity="notice"
        if acknowledged
        else "error"
        if outcome.severity == "error"
        else "warning",
        loc=loc,
        clause=outcome.clause,
    )


def _target(
    project: Project, on_disk: set[str], outcome: Outcome, problem: Problem
) -> tuple[str, Loc]:
    """The record and field a problem points at; the scope's own record when there is none.

    A record that exists but failed to load keeps the finding (without a line): it is
    there, only broken, and validation has already said where.
    """
    if problem.path is not None and problem.path in on_disk:
        return problem.path, problem.loc
    return next(_scope_records(project, outcome), (COUNCIL_RECORD, ()))


def _scope_records(project: Project, outcome: Outcome) -> Iterator[tuple[str, Loc]]:
    if outcome.association is None:
        return
    association = f"records/associations/{outcome.association}"
    candidates: tuple[tuple[str, Loc], ...] = (
        (f"{association}/{outcome.year}/plan.yaml", ("items",)),
        (f"{association}/{outcome.year}/membership.yaml", ()),
        (f"{association}/association.yaml", ()),
    )
    yield from ((path, loc) for path, loc in candidates if path in project.by_path)
    yield (f"{association}/{outcome.year}", ())  # nothing loaded: the year's folder itself
