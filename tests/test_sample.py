"""The bundled sample records: valid, and as rich as the editors' examples need to be."""

from __future__ import annotations

from collections import Counter

from click.testing import CliRunner

from generator.cli import main
from generator.loading.project import load_project
from schemas import Meeting, Organization
from schemas.enums import ProtocolStatus

from .conftest import REPO


def test_sample_records_are_valid(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("Ошибок: 0. Всё в порядке.\n")


def test_sample_covers_every_kind_and_both_years() -> None:
    project, problems = load_project(REPO)
    assert problems == []
    kinds = Counter(record.place.kind for record in project.records)
    assert set(kinds) == {
        "settings", "person", "organization", "normative", "practice", "council", "material",
        "event", "monitoring", "association", "membership", "plan", "meeting", "request",
        "consultation", "deficit", "diagnostic", "analysis", "programme",
        "council_consultation",
    }  # fmt: skip
    assert kinds["organization"] >= 8 and kinds["normative"] >= 10 and kinds["practice"] >= 5
    years = {record.place.year for record in project.of_kind("membership")}
    assert years == {"2025-2026", "2026-2027"}


def test_sample_meetings_have_signed_protocols() -> None:
    project, _ = load_project(REPO)
    signed = [
        r
        for r in project.of_kind("meeting")
        if isinstance(r.model, Meeting)
        and r.model.protocol is not None
        and r.model.protocol.status is ProtocolStatus.SIGNED
    ]
    assert len(signed) >= 6
    opening = project.get("meeting", "01", "mpo-tula/2025-2026")
    assert opening is not None and isinstance(opening.model, Meeting)
    assert opening.model.date.isoformat() == "2025-08-28"


def test_sample_schools_carry_yearly_categories() -> None:
    project, _ = load_project(REPO)
    schools = [
        r.model
        for r in project.of_kind("organization")
        if isinstance(r.model, Organization) and r.model.kind.value == "school"
    ]
    assert schools and all(
        s.category_in("2025-2026") and s.category_in("2026-2027") for s in schools
    )
