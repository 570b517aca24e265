"""Reporters for the rules' outcomes: text for people, JSON for programs, GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.checking.report import escape_data, escape_property
from generator.checking.rules.base import STATUS_TITLES, Outcome, Problem, Status
from generator.russian import school_year_title


def findings(outcomes: Sequence[Outcome]) -> list[Outcome]:
    """Outcomes that are not passed: failed, at risk or acknowledged."""
    return [o for o in outcomes if o.status is not Status.PASSED]


def exit_status(outcomes: Sequence[Outcome], strict: bool) -> int:
    """1 when an unacknowledged error holds (with strict, a warning too), else 0."""
    failing = any(o.fails or (strict and o.warns) for o in outcomes)
    return 1 if failing else 0


def where(outcome: Outcome, problem: Problem) -> str:
    if problem.path:
        return problem.path
    year = school_year_title(outcome.year)
    return f"{outcome.association}, {year}" if outcome.association else f"совет «РОСТ», {year}"


def line_of(outcome: Outcome, problem: Problem) -> str:
    """`[rule] clause — where: message`, as in a failed pull-request check."""
    text = f"[{outcome.rule}] {outcome.clause} — {where(outcome, problem)}: {problem.message}"
    if outcome.status is Status.ACKNOWLEDGED:
        text += f" Принято центром {outcome.acknowledged_by}"
    elif outcome.severity == "warning":
        text += " (предупреждение)"
    return text


def summary(outcomes: Sequence[Outcome]) -> str:
    errors = sum(1 for o in outcomes if o.fails)
    warnings = sum(1 for o in outcomes if o.warns)
    acknowledged = sum(1 for o in outcomes if o.status is Status.ACKNOWLEDGED)
    scopes = len({(o.association, o.year) for o in outcomes})
    return (
        f"Проверено правил: {len(outcomes)} (областей проверки: {scopes}). Нарушений: "
        f"{errors}, под угрозой или предупреждений: {warnings}, принято центром: {acknowledged}."
    )


def render(fmt: str, outcomes: Sequence[Outcome]) -> str:
    shown = findings(outcomes)
    if fmt == "json":
        return _json(outcomes)
    lines = []
    for outcome in shown:
        for problem in outcome.problems:
            lines.append(
                _github(outcome, problem) if fmt == "github" else line_of(outcome, problem)
            )
    lines.append(summary(outcomes))
    return "\n".join(lines)


def _github(outcome: Outcome, problem: Problem) -> str:
    level = "notice" if outcome.status is Status.ACKNOWLEDGED else outcome.severity
    props = []
    if problem.path:
        props += [f"file={escape_property(problem.path)}", f"line={problem.line or 1}"]
    props.append(f"title={escape_property(f'[{outcome.rule}] {outcome.clause}')}")
    message = line_of(outcome, problem).split(": ", 1)[1]
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def _json(outcomes: Sequence[Outcome]) -> str:
    payload = [
        {
            "rule": o.rule,
            "clause": o.clause,
            "title": o.title,
            "association": o.association,
            "year": o.year,
            "status": o.status.value,
            "status_title": STATUS_TITLES[o.status],
            "severity": o.severity,
            "figures": o.figures,
            "acknowledged_by": o.acknowledged_by,
            "problems": [{"path": p.path, "message": p.message} for p in o.problems],
        }
        for o in outcomes
    ]
    return json.dumps(
        {"outcomes": payload, "summary": summary(outcomes)}, ensure_ascii=False, indent=2
    )
