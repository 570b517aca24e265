"""One association's school year: the data its records are made from (`YearData`)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from synth.region import Region
from synth.spec import Node, Spec, school_year
from synth.towns import School, Town


@dataclass
class MeetingData:
    number: int
    day: date
    status: str
    directions: list[str]
    topic: str
    record: Node
    decisions: list[tuple[str, date | None, str | None]] = field(default_factory=list)
    signed: date | None = None


@dataclass
class YearData:
    region: Region
    town: Town
    start: int
    spec: Spec
    participants: list[tuple[str, str]]  # (person, role)
    pairs: list[tuple[School, School]]
    meetings: list[MeetingData] = field(default_factory=list)
    deficits: list[str] = field(default_factory=list)
    deficit_status: dict[str, str] = field(default_factory=dict)
    plan_items: list[Node] = field(default_factory=list)
    requests: int = 0
    consultations: int = 0
    files: list[tuple[str, str]] = field(default_factory=list)

    @property
    def year(self) -> str:
        return school_year(self.start)

    @property
    def folder(self) -> str:
        return f"records/associations/{self.town.id}/{self.year}"

    @property
    def as_of(self) -> date:
        return self.spec.as_of

    @property
    def rng(self) -> random.Random:
        return self.town.rng

    @property
    def leader(self) -> str:
        return self.town.leader[self.start]

    @property
    def secretary(self) -> str:
        return self.town.secretary[self.start]

    @property
    def shnor_people(self) -> list[str]:
        return [p for p, role in self.participants if role.startswith(("shnor", "shssu"))]

    def held(self) -> list[MeetingData]:
        return [m for m in self.meetings if m.status == "held"]

    def ref(self, meeting: MeetingData) -> str:
        return f"{self.year}/{meeting.number:02d}"

    def add(self, relative: str, text: str) -> None:
        self.files.append((f"{self.folder}/{relative}", text))
