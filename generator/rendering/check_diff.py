"""What a pull request changes in compliance: findings new in it and findings it resolves."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from generator.rendering.context import environment
from generator.russian import school_year_title


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    clause: str
    scope: str  # «mpo-tula, 2025/2026» or «совет «РОСТ», 2025/2026»
    status: str  # Russian status title
    where: str
    message: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.scope, self.where)


def read_findings(path: Path) -> tuple[list[Finding], str]:
    """Findings and the summary line of a `check --format json` output; empty if unreadable."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [], ""
    found = []
    for outcome in payload.get("outcomes", []):
        if outcome["status"] == "passed":
            continue
        year = school_year_title(outcome["year"])
        scope = f"{outcome['association'] or 'совет «РОСТ»'}, {year}"
        status = outcome["status_title"]
        if outcome["status"] != "acknowledged" and outcome["severity"] == "warning":
            status = "предупреждение"
        for problem in outcome["problems"]:
            found.append(Finding(
                outcome["rule"], outcome["clause"], scope, status,
                problem["path"] or scope, problem["message"],
            ))  # fmt: skip
    return found, str(payload.get("summary", ""))


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
        base_known=base.exists(),
    )
