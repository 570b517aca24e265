"""What a pull request changes in compliance: findings new in it and findings it resolves."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from generator.checking.rules.base import Status, status_icon, status_label
from generator.rendering.context import environment
from generator.russian import school_year_title


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    clause: str
    scope: str  # «mpo-tula, 2025/2026» or «совет «РОСТ», 2025/2026»
    status: str  # sign and Russian words: «❌ нарушено», «⚠️ под угрозой (предупреждение)»
    where: str
    message: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.scope, self.where)


@dataclass(frozen=True, slots=True)
class Running:
    """A rule in progress in one scope: its term has not come, nothing is wrong so far."""

    rule: str
    clause: str
    scope: str
    figures: str


def read_findings(path: Path) -> tuple[list[Finding], str]:
    """Findings and the summary line of a `check --format json` output; empty if unreadable."""
    payload = _payload(path)
    found = []
    for outcome in payload.get("outcomes", []):
        status = _status(outcome)
        if status is None or status in (Status.PASSED, Status.IN_PROGRESS):
            continue
        label = f"{status_icon(status, outcome['severity'])} "
        label += status_label(status, outcome["severity"])
        for problem in outcome["problems"]:
            found.append(Finding(
                outcome["rule"], outcome["clause"], _scope(outcome), label,
                problem["path"] or _scope(outcome), problem["message"],
            ))  # fmt: skip
    return found, str(payload.get("summary", ""))


def read_running(path: Path) -> list[Running]:
    """The rules in progress in a `check --format json` output."""
    return [
        Running(o["rule"], o["clause"], _scope(o), o.get("figures", ""))
        for o in _payload(path).get("outcomes", [])
        if _status(o) is Status.IN_PROGRESS
    ]


def _payload(path: Path) -> dict[str, Any]:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return payload if isinstance(payload, dict) else {}


def _status(outcome: dict[str, Any]) -> Status | None:
    try:
        return Status(outcome["status"])
    except ValueError:
        return None


def _scope(outcome: dict[str, Any]) -> str:
    return f"{outcome['association'] or 'совет «РОСТ»'}, {school_year_title(outcome['year'])}"


def render_diff(base: Path, head: Path, env: Environment | None = None) -> str:
    """Markdown for the job summary: the state after the pull request and what it changed."""
    before, _ = read_findings(base)
    after, summary = read_findings(head)
    before_keys = {f.key for f in before}
    after_keys = {f.key for f in after}
    template = (env or environment()).get_template("check-diff.md.j2")
    return template.render(
        summary=summary,
        current=after,
        new=[f for f in after if f.key not in before_keys],
        resolved=[f for f in before if f.key not in after_keys],
        running=read_running(head),
        running_icon=status_icon(Status.IN_PROGRESS, "error"),
        base_known=base.exists(),
    )
