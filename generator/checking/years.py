"""The records of one association and school year, gathered for pages and rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from generator.loading.project import Loaded, Project
from schemas import (
    AnnualAnalysis,
    CompetenceDiagnostic,
    Consultation,
    ConsultationRequest,
    Deficit,
    Meeting,
    Membership,
    Plan,
    TopRecord,
    school_year_bounds,
)  # fmt: skip

M = TypeVar("M", bound=TopRecord)
Pair = tuple[Loaded, M]


@dataclass
class Year:
    """One association's records for one school year, each with the file it came from."""

    association: str
    year: str
    membership_record: Pair[Membership] | None = None
    plan_record: Pair[Plan] | None = None
    analysis_record: Pair[AnnualAnalysis] | None = None
    meetings: list[Pair[Meeting]] = field(default_factory=list)
    requests: list[Pair[ConsultationRequest]] = field(default_factory=list)
    consultations: list[Pair[Consultation]] = field(default_factory=list)
    deficits: list[Pair[Deficit]] = field(default_factory=list)
    diagnostics: list[Pair[CompetenceDiagnostic]] = field(default_factory=list)  # by date
    # Settings' share below the threshold at which a repeat diagnostic resolves a deficit.
    resolved_percent: float = 25.0

    @property
    def folder(self) -> str:
        """Site (and records) folder of the year below the association."""
        return f"associations/{self.association}/{self.year}"

    @property
    def records_folder(self) -> str:
        return f"records/{self.folder}"

    @property
    def membership(self) -> Membership | None:
        return self.membership_record[1] if self.membership_record else None

    @property
    def plan(self) -> Plan | None:
        return self.plan_record[1] if self.plan_record else None

    @property
    def analysis(self) -> AnnualAnalysis | None:
        return self.analysis_record[1] if self.analysis_record else None

    @property
    def bounds(self) -> tuple[date, date]:
        return school_year_bounds(self.year)


def collect_years(project: Project) -> list[Year]:
    """Every (association, school year) that has records, in order."""
    by_key: dict[tuple[str, str], Year] = {}
    # Kind by kind, from the project's index: a region has some 29 000 records, and asking
    # each what it is costs more than taking them by kind (each list stays in the records'
    # order, as the pages and rules read it).
    for kind, records in project.by_kind.items():
        file = _FILERS.get(kind)
        for record in records:
            place = record.place
            if place.association is None or place.year is None:
                continue
            key = (place.association, place.year)
            year = by_key.get(key)
            if year is None:  # not `setdefault`: that would make a Year for every record
                year = by_key[key] = Year(place.association, place.year)
            if file is not None:
                file(year, record)
    settings = project.settings
    for year in by_key.values():
        year.meetings.sort(key=lambda pair: pair[0].place.id)
        year.diagnostics.sort(key=lambda pair: (pair[1].date, pair[0].place.id))
        if settings is not None:
            year.resolved_percent = settings.rules.deficit_resolved_percent
    return [by_key[key] for key in sorted(by_key)]


def _consultation(year: Year, record: Loaded) -> None:
    if isinstance(model := record.model, Consultation):
        year.consultations.append((record, model))


def _request(year: Year, record: Loaded) -> None:
    if isinstance(model := record.model, ConsultationRequest):
        year.requests.append((record, model))


def _meeting(year: Year, record: Loaded) -> None:
    if isinstance(model := record.model, Meeting):
        year.meetings.append((record, model))


def _deficit(year: Year, record: Loaded) -> None:
    if isinstance(model := record.model, Deficit):
        year.deficits.append((record, model))


def _diagnostic(year: Year, record: Loaded) -> None:
    if isinstance(model := record.model, CompetenceDiagnostic):
        year.diagnostics.append((record, model))


def _membership(year: Year, record: Loaded) -> None:
    if isinstance(model := record.model, Membership):
        year.membership_record = (record, model)


def _plan(year: Year, record: Loaded) -> None:
    if isinstance(model := record.model, Plan):
        year.plan_record = (record, model)


def _analysis(year: Year, record: Loaded) -> None:
    if isinstance(model := record.model, AnnualAnalysis):
        year.analysis_record = (record, model)


# Where a record of each kind goes in its Year (a kind's records all have its model).
_FILERS: dict[str, Callable[[Year, Loaded], None]] = {
    Consultation.KIND: _consultation,
    ConsultationRequest.KIND: _request,
    Meeting.KIND: _meeting,
    Deficit.KIND: _deficit,
    CompetenceDiagnostic.KIND: _diagnostic,
    Membership.KIND: _membership,
    Plan.KIND: _plan,
    AnnualAnalysis.KIND: _analysis,
}


@dataclass(frozen=True, slots=True)
class ArchiveYears:
    """The archive years of a project: school years before the records began (before an
    association's first year with a membership file), filled by importing old protocols.
    They have no membership or plan, may miss meeting numbers, and the rules do not judge
    them; their signed protocols are published like the others. A year after the records
    began — and any year of an association with no membership file at all — is not one.

    `(association, year) in archive` answers from one pass over the project's files."""

    begun: dict[str, str]  # association → its first school year with a membership file

    def __contains__(self, key: tuple[str, str]) -> bool:
        association, year = key
        first = self.begun.get(association)
        return first is not None and year < first


def archive_years(project: Project) -> ArchiveYears:
    """The project's archive years (see ArchiveYears), read once per check."""
    begun: dict[str, str] = {}
    for path in project.files:
        if not path.endswith("/membership.yaml"):
            continue  # most files are not: spare splitting their paths
        parts = path.split("/")
        if (
            len(parts) == 5
            and parts[:2] == ["records", "associations"]
            and (parts[4] == "membership.yaml")
        ):
            association, year = parts[2], parts[3]
            begun[association] = min(year, begun.get(association, year))
    return ArchiveYears(begun)
