"""A school year's figures counted from its records: for the annual analysis and its check."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from generator.checking.competences import (
    ShiftRow,
    competence_rows,
    deficit_state,
    shift_rows,
    shifts,
)  # fmt: skip
from generator.checking.years import Year
from schemas import AnalysisFigures, AnnualAnalysis
from schemas.diagnostic import CompetenceShift
from schemas.enums import (
    ActivityForm,
    AnalysisStatus,
    DeficitStatus,
    Direction,
    ExecutionStatus,
    MeetingStatus,
    PlanItemStatus,
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
    # «Было → стало» from the entry and repeat diagnostics, and the competences' titles.
    competences: list[CompetenceShift] | None = None
    titles: dict[str, str] = field(default_factory=dict)

    def compare(self, submitted: AnalysisFigures) -> list[tuple[str, object, object]]:
        """(Russian title, submitted value, counted value) for every figure that differs."""
        differences = []
        for name, info in AnalysisFigures.model_fields.items():
            was, now = getattr(submitted, name), getattr(self, name)
            if name == "competences":
                if was is not None:  # an analysis submitted without them: nothing was frozen
                    differences += self.compare_shifts(was)
                continue
            if name == "by_direction":
                was = {d: n for d, n in was.items() if n}
                now = {d: n for d, n in now.items() if n}
            if was != now:
                differences.append((info.title or name, _show(was), _show(now)))
        return differences

    def compare_shifts(self, submitted: list[CompetenceShift]) -> list[tuple[str, object, object]]:
        """A difference for each competence whose «было → стало» is not as submitted."""
        counted = {s.competence: s for s in self.competences or []}
        was_by = {s.competence: s for s in submitted}
        out: list[tuple[str, object, object]] = []
        for competence in [*was_by, *(c for c in counted if c not in was_by)]:
            was, now = was_by.get(competence), counted.get(competence)
            if was != now:
                title = f"Ниже порога по компетенции «{self.titles.get(competence, competence)}»"
                out.append((title, shift_text(was), shift_text(now)))
        return out


def shift_text(shift: CompetenceShift | None) -> str:
    """«75 % → 25 %» (or «75 % → —» without a repeat; «—» for no measurement at all)."""
    if shift is None:
        return "—"
    after = f"{percent_text(shift.after)} %" if shift.after is not None else "—"
    return f"{percent_text(shift.before)} % → {after}"


def percent_text(value: float) -> str:
    """A share as Russian text: 12,5 or 75."""
    return f"{value:g}".replace(".", ",")


def _show(value: object) -> object:
    if isinstance(value, dict):
        return ", ".join(f"{d.label} — {n}" for d, n in value.items()) or "—"
    return value


def count_figures(year: Year, as_of: date) -> YearFigures:
    """The figures of a school year as its records stand on `as_of`."""
    # A cancelled item is no longer planned: the analysis counts the plan as amended.
    plan_items = [
        item
        for item in (year.plan.items if year.plan else [])
        if item.status is not PlanItemStatus.CANCELLED
    ]
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
        deficits_resolved=sum(
            1 for _r, d in year.deficits if deficit_state(year, d).status is DeficitStatus.RESOLVED
        ),
        by_direction=dict(Counter(item.direction for item in plan_items)),
        competences=shifts(year) if year.diagnostics else None,
        titles={row.competence: row.title for row in competence_rows(year)},
    )


def frozen_shifts(analysis: AnnualAnalysis) -> list[CompetenceShift] | None:
    """The «было → стало» a submitted analysis keeps; None — take it from the diagnostics."""
    if analysis.status is AnalysisStatus.SUBMITTED and analysis.figures is not None:
        return analysis.figures.competences
    return None


def analysis_shifts(year: Year, analysis: AnnualAnalysis, as_of: date) -> dict[str, object]:
    """What an analysis page shows of «было → стало»: the rows (frozen once submitted, else
    from the diagnostics), whether they are frozen, and how the diagnostics now differ."""
    frozen = frozen_shifts(analysis)
    rows: list[ShiftRow] = shift_rows(year, frozen)
    differences = count_figures(year, as_of).compare_shifts(frozen) if frozen is not None else []
    return {"shifts": rows, "shifts_frozen": frozen is not None, "shift_differences": differences}
