"""Check stage: the regulations' rules (`rules.RULES`), evaluated per scope as of a date.

Every rule runs on every scope that has started: each association's school year, and the
council's. The centre's Acknowledgement records turn a failure of a closed period into
"acknowledged": a finding is accepted by an acknowledgement dated on or after its due date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from generator.checking.rules import RULES
from generator.checking.rules.base import YEARS, Outcome, Problem, Rule, Scope, Status
from generator.checking.unread import unjudged
from generator.checking.years import archive_years, collect_years
from generator.loading.project import Project
from generator.russian import ru_date
from schemas import Acknowledgement, RuleSettings, Settings, school_year_bounds, school_year_of


def evaluate(
    project: Project,
    as_of: date,
    *,
    year: str | None = None,
    association: str | None = None,
) -> list[Outcome]:
    """Every rule's outcome for every scope that has started by `as_of`.

    A scope with records that could not be read is not judged (`unread.unjudged`): its
    rules would count without them and blame it for what is only a broken file.
    """
    registry = RULES
    settings = project.settings
    rule_settings = settings.rules if settings else RuleSettings()
    # Each scope sees only the acknowledgements of its own association and year: the only
    # ones `_same_finding` can match, without trying every one on every finding.
    acks: dict[tuple[str | None, str], list[Acknowledgement]] = {}
    for record in project.of_kind("acknowledgement"):
        if isinstance(record.model, Acknowledgement):
            key = (record.model.association, record.model.year.replace("/", "-"))
            acks.setdefault(key, []).append(record.model)
    outcomes: list[Outcome] = []
    waiting = unjudged(project)
    for scope in _scopes(project, as_of, rule_settings, settings, year, association):
        owner = scope.association.association if scope.association else None
        if waiting.blocks(owner, scope.year):
            continue
        scope.acknowledgements = acks.get((owner, scope.year), [])
        for registered in registry:
            if registered.applies_to == ("association" if scope.association else "council"):
                outcomes.append(_outcome(registered, scope))
    return outcomes


def _scopes(
    project: Project,
    as_of: date,
    rules: RuleSettings,
    settings: Settings | None,
    only_year: str | None,
    only_association: str | None,
) -> Iterable[Scope]:
    archive = archive_years(project)
    collected = collect_years(project)
    # One memo for every scope of this check (`Scope.once`), with the years already gathered.
    shared: dict[str, object] = {YEARS: collected}
    years = [
        y
        for y in collected
        if (only_year is None or y.year == only_year)
        and (only_association is None or y.association == only_association)
        and _started(y.year, as_of, rules)
        and (y.association, y.year) not in archive  # not judged
    ]
    for year in years:
        yield Scope(project, rules, settings, as_of, year.year, year, shared=shared)
    if only_association is None and project.get("council", "") is not None:
        council_years = sorted(
            {y.year for y in collected if (y.association, y.year) not in archive}
            | {school_year_of(as_of)}
        )
        for council_year in council_years:
            if (only_year is None or council_year == only_year) and _started(
                council_year, as_of, rules
            ):
                yield Scope(project, rules, settings, as_of, council_year, shared=shared)


def _started(year: str, as_of: date, rules: RuleSettings) -> bool:
    first, _last = school_year_bounds(year)
    return as_of >= rules.opening_window_from.in_year(first.year)


def _outcome(registered: Rule, scope: Scope) -> Outcome:
    verdict = registered.check(scope)
    outcome = Outcome(
        rule=registered.id,
        clause=registered.clause,
        title=registered.title,
        association=scope.association.association if scope.association else None,
        year=scope.year,
        status=verdict.status,
        severity=verdict.severity or registered.severity,
        figures=verdict.figures,
        problems=verdict.problems,
    )
    if outcome.status in (Status.FAILED, Status.AT_RISK):
        outcome = _apply_acknowledgements(outcome, scope)
    return outcome


def _apply_acknowledgements(outcome: Outcome, scope: Scope) -> Outcome:
    """Accept what the centre acknowledged by the as-of date; other problems stay.

    An acknowledgement accepts only findings of a closed period: those due on or before its
    own date (a problem without a due date, whenever it is dated). A later finding of the same
    rule and year still fails.
    """
    remaining = list(outcome.problems)
    accepted: list[str] = []
    accepted_problems: list[tuple[Problem, str]] = []
    for ack in scope.acknowledgements:
        if not _same_finding(ack, outcome) or ack.date > scope.as_of:
            continue
        matched = [
            p
            for p in remaining
            if (ack.subject is None or _is_subject(ack.subject, p))
            and (p.due is None or p.due <= ack.date)
        ]
        if matched:
            remaining = [p for p in remaining if p not in matched]
            accepted.append(f"{ru_date(ack.date)}: {ack.reason}")
            accepted_problems += [(p, accepted[-1]) for p in matched]
    if not accepted:
        return outcome
    if remaining:
        return replace(outcome, problems=tuple(remaining), accepted=tuple(accepted_problems))
    return replace(outcome, status=Status.ACKNOWLEDGED, acknowledged_by="; ".join(accepted))


def _same_finding(ack: Acknowledgement, outcome: Outcome) -> bool:
    return (
        ack.rule == outcome.rule
        and ack.association == outcome.association
        and ack.year.replace("/", "-") == outcome.year
    )


def _is_subject(subject: str, problem: Problem) -> bool:
    """The record an acknowledgement names: its path, or the path's tail such as `meetings/02.yaml`."""
    path = problem.path or ""
    return path == subject or path.endswith("/" + subject.lstrip("/"))
