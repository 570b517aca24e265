"""The rules' outcomes as diagnostics: each problem at its file, line and column.

A rule names the record and the field that matter (`Problem.path`, `Problem.loc`); here they
become `path:line:col` through the record's own text, like every validation message, so
GitHub and Forgejo annotate the very line of the pull request. A problem of a scope as a
whole (too few meetings in a year), or about a record that is not there (no plan yet),
points at the year's plan, else its membership, else the association's card; the council's,
at the council's record.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.checking.rules.base import Outcome, Problem, Status
from generator.loading.diagnostics import Diagnostic, Loc, Severity
from generator.loading.project import Project
from generator.loading.yamllocate import Position

COUNCIL_RECORD = "records/council/council.yaml"


def rule_diagnostics(project: Project, outcomes: Sequence[Outcome]) -> list[Diagnostic]:
    """One diagnostic per problem of every outcome with findings (failed, at risk, accepted)."""
    on_disk = set(project.files)
    found: list[tuple[Outcome, Problem, Severity, str | None]] = [
        (outcome, problem, severity, None)
        for outcome in outcomes
        if (severity := finding_severity(outcome)) is not None
        for problem in outcome.problems
    ]
    found += [
        (outcome, problem, "notice", accepted_by)
        for outcome in outcomes
        for problem, accepted_by in outcome.accepted
    ]
    targets = [_target(project, on_disk, outcome, problem) for outcome, problem, _, _ in found]
    positions = _positions(project, targets)
    return [
        _diagnostic(outcome, problem, severity, accepted_by, target, position)
        for (outcome, problem, severity, accepted_by), target, position in zip(
            found, targets, positions, strict=True
        )
    ]


def _positions(project: Project, targets: list[tuple[str, Loc]]) -> list[Position | None]:
    """Where each target stands in its record (at the key, as `Source.locate`), if loaded.

    A record with several findings (a protocol with many late decisions) is read and walked
    once for all of them; one unchanged since an earlier check is not read at all when the
    disk cache remembers the positions (`loading.positions`).
    """
    by_path: dict[str, list[int]] = {}
    for number, (path, _loc) in enumerate(targets):
        by_path.setdefault(path, []).append(number)
    positions: list[Position | None] = [None] * len(targets)
    for path, numbers in by_path.items():
        record = project.by_path.get(path)
        if record is None:
            continue
        locs = [targets[number][1] for number in numbers]
        found = record.source.locate_all(locs, known=project.positions)
        for number, position in zip(numbers, found, strict=True):
            positions[number] = position
    if project.positions is not None:
        project.positions.save(project.by_path)
    return positions


def finding_severity(outcome: Outcome) -> Severity | None:
    """How each problem of an outcome is printed: an error, a warning, a notice (accepted by the
    centre), or not at all (passed, in progress)."""
    if outcome.status is Status.ACKNOWLEDGED:
        return "notice"
    if outcome.status in (Status.FAILED, Status.AT_RISK):
        return "error" if outcome.severity == "error" else "warning"
    return None


def exit_status(outcomes: Sequence[Outcome], strict: bool) -> int:
    """1 when an unacknowledged error holds (with strict, a warning too), else 0."""
    failing = any(o.fails or (strict and o.warns) for o in outcomes)
    return 1 if failing else 0


@dataclass(frozen=True, slots=True)
class Counts:
    """What `check` reports: findings by their printed kind, and rules by status."""

    rules: int  # rules evaluated, counted once per scope
    scopes: int
    errors: int  # lines printed as errors («нарушений»)
    warnings: int  # lines marked «(предупреждение)» («предупреждений»)
    acknowledged: int  # lines marked «Принято центром …» («принято центром»)
    passed: int  # rules (per scope) actually met
    in_progress: int  # rules (per scope) whose term has not come, nothing wrong so far


def count(outcomes: Sequence[Outcome]) -> Counts:
    lines = Counter(
        severity
        for o in outcomes
        if (severity := finding_severity(o)) is not None
        for _problem in o.problems
    )
    lines["notice"] += sum(len(o.accepted) for o in outcomes)
    return Counts(
        rules=len(outcomes),
        scopes=len({(o.association, o.year) for o in outcomes}),
        errors=lines["error"],
        warnings=lines["warning"],
        acknowledged=lines["notice"],
        passed=sum(1 for o in outcomes if o.status is Status.PASSED),
        in_progress=sum(1 for o in outcomes if o.status is Status.IN_PROGRESS),
    )


def rules_summary(outcomes: Sequence[Outcome]) -> str:
    """The closing line of `check`.

    The first sentence counts rules (once per scope) and of them those in progress; the second
    counts the findings printed above it, each number the lines of its kind: plain lines
    (errors), lines marked «(предупреждение)», lines marked «Принято центром».
    """
    c = count(outcomes)
    return (
        f"Проверено правил: {c.rules} (областей проверки: {c.scopes}), из них идёт (срок ещё "
        f"не наступил): {c.in_progress}. Нарушений: {c.errors}, предупреждений: {c.warnings}, "
        f"принято центром: {c.acknowledged}."
    )


def _diagnostic(
    outcome: Outcome,
    problem: Problem,
    severity: Severity,
    accepted_by: str | None,
    target: tuple[str, Loc],
    position: Position | None,
) -> Diagnostic:
    path, loc = target
    message = problem.message
    if severity == "notice":
        message += f" Принято центром {accepted_by or outcome.acknowledged_by}"
    return Diagnostic(
        path=path,
        message=message,
        code=outcome.rule,
        line=position.line if position else None,
        column=position.column if position else None,
        severity=severity,
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
