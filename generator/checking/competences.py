"""What a school year's diagnostics say: entry vs repeat per competence, and each deficit's state.

A deficit that names a competence (`Deficit.competence`) takes its figures from the year's
diagnostics instead of prose: how many managers it concerns — from the entry diagnostic;
its status — from the latest repeat diagnostic that measured the competence: resolved when
at most `Year.resolved_percent` (a setting, 25 % by default) of its participants stayed below
the threshold, in work otherwise. A deficit without a competence keeps what its record says.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.checking.years import Pair, Year
from schemas import CompetenceDiagnostic, CompetenceResult, Deficit, DiagnosticKind
from schemas.diagnostic import CompetenceShift
from schemas.enums import DeficitStatus


@dataclass(frozen=True, slots=True)
class Measured:
    """One competence as one diagnostic measured it."""

    pair: Pair[CompetenceDiagnostic]
    result: CompetenceResult

    @property
    def diagnostic(self) -> CompetenceDiagnostic:
        return self.pair[1]

    @property
    def total(self) -> int:
        """How many took the diagnostic."""
        return self.diagnostic.total

    @property
    def below(self) -> int | None:
        """How many stayed below the threshold, if the record gives a count (not only a share)."""
        return self.result.below

    @property
    def percent(self) -> float:
        """The share below the threshold, in per cent, to one decimal."""
        if self.result.below_percent is not None:
            return self.result.below_percent
        below = self.result.below or 0
        return round(below * 100 / self.total, 1) if self.total else 0.0


@dataclass(frozen=True, slots=True)
class CompetenceRow:
    """A competence of the year: its entry measurement and its latest repeat one."""

    competence: str
    title: str
    entry: Measured | None
    repeat: Measured | None


def entry_diagnostic(year: Year) -> Pair[CompetenceDiagnostic] | None:
    """The year's entry diagnostic (the first, if the records wrongly hold two)."""
    return next((p for p in year.diagnostics if p[1].kind is DiagnosticKind.ENTRY), None)


def competence_rows(year: Year) -> list[CompetenceRow]:
    """Every competence the year's diagnostics measured: the entry's order, then the others."""
    entry = entry_diagnostic(year)
    rows: dict[str, CompetenceRow] = {}
    if entry is not None:
        for result in entry[1].results:
            rows[result.competence] = CompetenceRow(
                result.competence, result.title, Measured(entry, result), None
            )
    for pair in year.diagnostics:  # by date: a later repeat replaces an earlier one
        if pair[1].kind is not DiagnosticKind.REPEAT:
            continue
        for result in pair[1].results:
            row = rows.get(result.competence)
            entry_measured = row.entry if row else None
            title = row.title if row else result.title
            rows[result.competence] = CompetenceRow(
                result.competence, title, entry_measured, Measured(pair, result)
            )
    return list(rows.values())


def competence_row(year: Year, competence: str) -> CompetenceRow | None:
    return next((r for r in competence_rows(year) if r.competence == competence), None)


def shifts(year: Year) -> list[CompetenceShift]:
    """«Было → стало» of every competence with an entry measurement, as the analysis keeps it."""
    return [
        CompetenceShift(
            competence=row.competence,
            before=row.entry.percent,
            after=row.repeat.percent if row.repeat else None,
        )
        for row in competence_rows(year)
        if row.entry is not None
    ]


@dataclass(frozen=True, slots=True)
class DeficitState:
    """A deficit's status and reach as the diagnostics give them (or its record, without them)."""

    status: DeficitStatus
    managers: int | None  # how many managers it concerns; None if not known
    row: CompetenceRow | None  # the competence's measurements, if the deficit names one

    @property
    def computed(self) -> bool:
        """Whether the status comes from a repeat diagnostic rather than the record."""
        return self.row is not None and self.row.repeat is not None


def deficit_state(year: Year, deficit: Deficit) -> DeficitState:
    """The deficit's status and number of managers, from the diagnostics where they tell."""
    row = competence_row(year, deficit.competence) if deficit.competence else None
    managers = deficit.managers
    if row is not None and row.entry is not None:
        counted = row.entry.below
        managers = counted if counted is not None else managers
    if row is not None and row.repeat is not None:
        resolved = row.repeat.percent <= year.resolved_percent
        status = DeficitStatus.RESOLVED if resolved else DeficitStatus.IN_WORK
    elif deficit.status is not None:
        status = deficit.status
    else:
        status = DeficitStatus.IN_WORK if deficit.measures else DeficitStatus.IDENTIFIED
    return DeficitState(status, managers, row)


def confirmed_by_repeat(year: Year, deficit: Deficit) -> bool:
    """Whether a repeat diagnostic backs the deficit: its record, or the words of an old one."""
    state = deficit_state(year, deficit)
    return state.computed or deficit.repeat_diagnostic is not None


@dataclass(frozen=True, slots=True)
class SchoolRow:
    """One school's managers below the threshold, per competence row: (entry, repeat)."""

    organization: str
    cells: list[tuple[int | None, int | None]]


def school_rows(rows: list[CompetenceRow]) -> list[SchoolRow]:
    """The per-school figures of the competence rows (internal only), schools in first-seen order."""

    def at(measured: Measured | None, organization: str) -> int | None:
        if measured is None or not measured.result.by_organization:
            return None
        found = (s.below for s in measured.result.by_organization if s.organization == organization)
        return next(found, 0)

    schools = dict.fromkeys(
        s.organization
        for row in rows
        for measured in (row.entry, row.repeat)
        if measured is not None
        for s in measured.result.by_organization
    )
    return [
        SchoolRow(org, [(at(row.entry, org), at(row.repeat, org)) for row in rows])
        for org in sorted(schools)
    ]


@dataclass(frozen=True, slots=True)
class ShiftRow:
    """A line of «было → стало» as a page or document shows it."""

    title: str
    before: float
    after: float | None


def shift_rows(year: Year, shown: list[CompetenceShift] | None = None) -> list[ShiftRow]:
    """«Было → стало» with the competences' titles: `shown` (a submitted analysis's frozen
    figures) or, without it, as the year's diagnostics give it."""
    titles = {row.competence: row.title for row in competence_rows(year)}
    return [
        ShiftRow(titles.get(s.competence, s.competence), s.before, s.after)
        for s in (shifts(year) if shown is None else shown)
    ]
