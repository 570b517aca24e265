"""Diagnostics: every problem found in the records, as a value — the one finding type.

Each stage (loading, schema validation, cross-record checks, the regulations' rules)
returns diagnostics instead of raising, so that a run reports all problems of all files
together, each at its file, line and column.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "notice"]  # notice: a finding the centre accepted
# A location inside a YAML document, as pydantic reports it: keys and list indexes.
Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one place, with a Russian message that says how to fix it."""

    path: str  # file path relative to the project root, POSIX separators
    message: str  # Russian: what is wrong and what to do
    code: str  # stable id: "yaml.encoding", "schema.missing", "ref.unknown"; a rule's id
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # e.g. "protocol.agenda[1].decisions[0].deadline"
    label: str | None = None  # Russian title of the field, e.g. "Срок исполнения"
    severity: Severity = "error"
    loc: Loc = dataclasses.field(default=(), compare=False)
    clause: str | None = None  # a rule's finding: the regulation's clause, e.g. "МПО п. 4.4"

    def where(self) -> str:
        """`path:line:col` as far as it is known."""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format_text(self) -> str:
        """The one-line form: `where: field (label): message`, or for a rule's finding
        `where: [rule-id] clause — message`."""
        if self.clause is not None:
            text = f"{self.where()}: [{self.code}] {self.clause} — {self.message}"
            return text + (" (предупреждение)" if self.severity == "warning" else "")
        head = self.where() + ":"
        if self.field:
            head += f" {self.field}"
            if self.label:
                head += f" ({self.label})"
            head += ":"
        return f"{head} {self.message}"


def format_loc(loc: Loc) -> str:
    """Render a location the way editors read it: `agenda[1].decisions[0].deadline`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
