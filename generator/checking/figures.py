"""A school year's figures counted from its records: for the annual analysis and its check."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from generator.checking.years import Year
from schemas import AnalysisFigures
from schemas.enums import (
    ActivityForm,
    DeficitStatus,
    Direction,
    ExecutionStatus,
    MeetingStatus,
    ProtocolStatus,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class YearFigures:
    meetings_planned: int
    meetings_held: int
    decisions_total: int
    decisions_done: int
    requests: int
    consultations: int
    deficits_found: int
    deficits_resolved: int
    by_direction: dict[Direction, int] = field(default_factory=dict)

    def compare(self, submitted: AnalysisFigures) -> list[tuple[str, object, object]]:
        """(Russian title, submitted value, counted value) for every figure that differs."""
        differences = []
        for name, info in AnalysisFigures.model_fields.items():
            was, now = getattr(submitted, name), getattr(self, name)
            if name == "by_direction":
                was = {d: n for d, n in was.items() if n}
                now = {d: n for d, n in now.items() if n}
            if was != now:
                differences.append((info.title or name, _show(was), _show(now)))
        return differences


def _show(value: object) -> object:
    if isinstance(value, dict):
        return ", ".join(f"{d.label} — {n}" for d, n in value.items()) or "—"
    return value


def count_figures(year: Year, as_of: date) -> YearFigures:
    """The figures of a school year as its records stand on `as_of`."""
    plan_items = year.plan.items if year.plan else []
    decisions = [
        decision
        for _r, meeting in year.meetings
        if meeting.status is MeetingStatus.HELD
        and meeting.protocol is not None
        and meeting.protocol.status is ProtocolStatus.SIGNED
        for item in meeting.protocol.agenda
        for decision in item.decisions
    ]
    held = sum(
        1
        for _r, m in year.meetings
        if m.status is MeetingStatus.HELD
        and m.protocol is not None
        and m.protocol.status is ProtocolStatus.SIGNED
        and m.protocol.signed is not None
        and m.protocol.signed <= as_of
    )
    return YearFigures(
        meetings_planned=sum(1 for item in plan_items if item.form is ActivityForm.MEETING),
        meetings_held=held,
        decisions_total=len(decisions),
        decisions_done=sum(
            1 for d in decisions if d.execution and d.execution.status is ExecutionStatus.DONE
        ),
        requests=len(year.requests),
        consultations=len(year.consultations),
        deficits_found=len(year.deficits),
        deficits_resolved=sum(1 for _r, d in year.deficits if d.status is DeficitStatus.RESOLVED),
        by_direction=dict(Counter(item.direction for item in plan_items)),
    )
