"""The one reporter: diagnostics (validation and rules alike) as text, JSON or annotations.

`validate` and `check` print through `render`; every line starts with where
(`path:line:col:`), a rule's finding carries `[rule-id] clause —`, and GitHub/Forgejo
annotations land on that line of the pull request.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from generator.checking.findings import count, rules_summary
from generator.checking.rules.base import STATUS_TITLES, Outcome
from generator.checking.unread import Unjudged, scope_titles
from generator.loading.diagnostics import Diagnostic

FORMATS = ("text", "json", "github")


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.path, diagnostic.line or 0, diagnostic.column or 0, diagnostic.message)


def place_key(diagnostic: Diagnostic) -> tuple[str, int, int]:
    """Findings by place only: at one place they keep the rules' order and each rule's own
    (a year's missing reports month by month)."""
    return (diagnostic.path, diagnostic.line or 0, diagnostic.column or 0)


def summary(files: int, diagnostics: Sequence[Diagnostic]) -> str:
    """The closing line of validation: files read, errors (and warnings) found."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = sum(1 for d in diagnostics if d.severity == "warning")
    text = f"Проверено файлов: {files}. Ошибок: {errors}."
    if warnings:
        text += f" Предупреждений: {warnings}."
    if not diagnostics:
        text += " Всё в порядке."
    return text


def render(
    fmt: str,
    files: int,
    diagnostics: Sequence[Diagnostic],
    outcomes: Sequence[Outcome] | None = None,
    findings: Sequence[Diagnostic] = (),
    waiting: Unjudged | None = None,
) -> str:
    """Diagnostics in one of FORMATS, ending with the summary.

    For `check`, `outcomes` are the rules' outcomes and `findings` their located problems:
    the validation part (`diagnostics`, with its summary when it found anything) comes
    first, then the findings and the rules' summary — and, when records could not be
    read (`waiting`), which scopes the rules did not judge.
    """
    ordered = sorted(diagnostics, key=sort_key)
    found = sorted(findings, key=place_key)
    if fmt == "json":
        payload = _json(files, ordered, outcomes, found)
        if waiting is not None and waiting.files:
            payload["not_checked"] = {
                "files": list(waiting.files),
                "scopes": scope_titles(waiting.keys),
            }
        return json.dumps(payload, ensure_ascii=False, indent=2)
    line = _github if fmt == "github" else Diagnostic.format_text
    lines = [line(d) for d in ordered]
    if outcomes is None or ordered:
        lines.append(summary(files, ordered))
    if outcomes is not None:
        lines += [line(d) for d in found]
        lines.append(rules_summary(outcomes))
        if waiting is not None and waiting.files:
            lines.append(unjudged_summary(waiting))
    return "\n".join(lines)


def unjudged_summary(waiting: Unjudged) -> str:
    """The line that says the check is not complete, and why."""
    return (
        f"Не прочитано файлов записей: {len(waiting.files)} (ошибки — выше), поэтому правила "
        f"не проверялись для: {'; '.join(scope_titles(waiting.keys))}. Исправьте ошибки и "
        "запустите проверку снова."
    )


def _json(
    files: int,
    diagnostics: Sequence[Diagnostic],
    outcomes: Sequence[Outcome] | None,
    findings: Sequence[Diagnostic],
) -> dict[str, Any]:
    everything = [*diagnostics, *findings]
    payload: dict[str, Any] = {
        "files": files,
        "errors": sum(1 for d in everything if d.severity == "error"),
        "warnings": sum(1 for d in everything if d.severity == "warning"),
        "diagnostics": [_diagnostic_json(d) for d in everything],
    }
    if outcomes is not None:
        payload["outcomes"] = [_outcome_json(o) for o in outcomes]
        payload["counts"] = asdict(count(outcomes))
        payload["summary"] = rules_summary(outcomes)
    return payload


def _diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "field": d.field,
        "label": d.label,
        "message": d.message,
        "code": d.code,
        "severity": d.severity,
        "clause": d.clause,
    }


def _outcome_json(outcome: Outcome) -> dict[str, Any]:
    """A rule's outcome in one scope (for `check-diff` and the dashboard's readers).

    `status` is one of passed, in_progress, at_risk, failed, acknowledged; `status_title` its
    Russian name; a problem's `due` is the day it had to be done by (ISO), where the rule has
    one.
    """
    return {
        "rule": outcome.rule,
        "clause": outcome.clause,
        "title": outcome.title,
        "association": outcome.association,
        "year": outcome.year,
        "status": outcome.status.value,
        "status_title": STATUS_TITLES[outcome.status],
        "severity": outcome.severity,
        "figures": outcome.figures,
        "acknowledged_by": outcome.acknowledged_by,
        "problems": [
            {"path": p.path, "message": p.message, "due": p.due.isoformat() if p.due else None}
            for p in outcome.problems
        ],
        "accepted": [
            {"path": p.path, "message": p.message, "acknowledged_by": by}
            for p, by in outcome.accepted
        ],
    }


def _github(diagnostic: Diagnostic) -> str:
    """A workflow command that GitHub and Forgejo show on the changed line."""
    props = [f"file={escape_property(diagnostic.path)}"]
    if diagnostic.line is not None:
        props.append(f"line={diagnostic.line}")
        if diagnostic.column is not None:
            props.append(f"col={diagnostic.column}")
    if diagnostic.clause is not None:
        title = f"[{diagnostic.code}] {diagnostic.clause}"
    else:
        title = diagnostic.field or "запись"
        if diagnostic.label:
            title += f" ({diagnostic.label})"
    props.append(f"title={escape_property(title)}")
    message = diagnostic.message
    if diagnostic.clause is not None and diagnostic.severity == "warning":
        message += " (предупреждение)"
    return f"::{diagnostic.severity} {','.join(props)}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
