"""Diagnostics: every problem found in the records, as a value.

Each stage (loading, schema validation, cross-record checks) returns diagnostics
instead of raising, so that a run reports all problems of all files together.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
# A location inside a YAML document, as pydantic reports it: keys and list indexes.
Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one place, with a Russian message that says how to fix it."""

    path: str  # file path relative to the project root, POSIX separators
    message: str  # Russian: what is wrong and what to do
    code: str  # stable machine id, e.g. "yaml.encoding", "schema.missing", "ref.unknown"
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # e.g. "protocol.agenda[1].decisions[0].deadline"
    label: str | None = None  # Russian title of the field, e.g. "Срок исполнения"
    severity: Severity = "error"
    loc: Loc = dataclasses.field(default=(), compare=False)

    def where(self) -> str:
        """`path:line:col` as far as it is known."""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format_text(self) -> str:
        """The one-line form printed by `validate`: where, field (label), message."""
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
