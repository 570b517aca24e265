"""The records of one association and school year, gathered for pages and rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from generator.loading.project import Loaded, Project
from schemas import (
    AnnualAnalysis,
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
    for record in project.records:
        place = record.place
        if place.association is None or place.year is None:
            continue
        key = (place.association, place.year)
        year = by_key.setdefault(key, Year(place.association, place.year))
        _file(year, record)
    for year in by_key.values():
        year.meetings.sort(key=lambda pair: pair[0].place.id)
    return [by_key[key] for key in sorted(by_key)]


def _file(year: Year, record: Loaded) -> None:
    model = record.model
    if isinstance(model, Membership):
        year.membership_record = (record, model)
    elif isinstance(model, Plan):
        year.plan_record = (record, model)
    elif isinstance(model, AnnualAnalysis):
        year.analysis_record = (record, model)
    elif isinstance(model, Meeting):
        year.meetings.append((record, model))
    elif isinstance(model, ConsultationRequest):
        year.requests.append((record, model))
    elif isinstance(model, Consultation):
        year.consultations.append((record, model))
    elif isinstance(model, Deficit):
        year.deficits.append((record, model))


def is_archive(project: Project, association: str, year: str) -> bool:
    """Whether a school year is an archive year: one before the records began (before the
    first year with a membership file), filled by importing old protocols. It has no
    membership or plan, may miss meeting numbers, and the rules do not judge it; its signed
    protocols are published like the others. A year after the records began — and the
    only year of an association that has no membership file at all — still needs one."""
    prefix = f"records/associations/{association}/"
    begun = [
        path[len(prefix) : len(prefix) + 9]
        for path in project.files
        if path.startswith(prefix) and path.endswith("/membership.yaml")
    ]
    return bool(begun) and year < min(begun)
