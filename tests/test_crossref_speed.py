"""The shortcuts the cross-record checks take agree with the slow, detailed answers.

`Resolved` tests a whole record at once before `check_references` walks it reference by
reference; `facts` compares days with people's and schools' periods worked out once. Each
is checked here against what it stands in for, on the golden cases' projects (each with one
mistake) and on the sample project.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.checking import facts
from generator.checking.crossref import _known_ids, _unresolved, check_references
from generator.checking.resolved import Resolved
from generator.loading.project import Project, load_project
from generator.loading.references import references
from schemas import Organization, Person

from .conftest import CASES, build_case

ROOT = Path(__file__).resolve().parent.parent
NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name != "base")


def _project(root: Path) -> Project:
    project, _problems = load_project(root, cache=False)
    return project


def _resolves_in_detail(project: Project) -> dict[int, bool]:
    """For each record (by `id`), whether the reference-by-reference walk finds nothing."""
    known = _known_ids(project)
    return {
        id(record): all(
            _unresolved(project, record, reference, known) is None
            for reference in references(record.model)
        )
        for record in project.records
    }


def _assert_resolved_agrees(project: Project) -> None:
    resolved = Resolved(project)
    detailed = _resolves_in_detail(project)
    for record in project.records:
        # "resolves" only where the detailed walk finds nothing: else a message is lost
        if resolved.record(record):
            assert detailed[id(record)], record.path
    # and a record with a wrong reference is always looked at closer
    for record in project.records:
        if not detailed[id(record)]:
            assert not resolved.record(record), record.path


@pytest.mark.parametrize("name", NAMES)
def test_whole_record_test_agrees_with_detailed_walk(name: str, tmp_path: Path) -> None:
    _assert_resolved_agrees(_project(build_case(CASES / name, tmp_path)))


def test_whole_record_test_agrees_on_the_sample() -> None:
    project = _project(ROOT)
    _assert_resolved_agrees(project)
    resolved = Resolved(project)
    assert all(resolved.record(record) for record in project.records)  # the sample is clean
    assert list(check_references(project)) == []


def test_unknown_reference_fails_the_whole_record_test(tmp_path: Path) -> None:
    project = _project(build_case(CASES / "unknown-person", tmp_path))
    resolved = Resolved(project)
    failing = [record.path for record in project.records if not resolved.record(record)]
    assert failing
    assert {d.path for d in check_references(project)} <= set(failing)


def _days_around(*days: date | None) -> set[date]:
    """Each day given and the days either side of it: where a period begins or ends."""
    around = {date(1990, 1, 1), date(2100, 1, 1)}
    for day in days:
        if day is not None:
            around |= {day - timedelta(days=1), day, day + timedelta(days=1)}
    return around


def _sample_and_cases(tmp_path: Path) -> list[Project]:
    cases = ("person-without-position-on-date", "request-school-without-name-on-date")
    built = [build_case(CASES / name, tmp_path / name) for name in cases]
    return [_project(ROOT), *(_project(root) for root in built)]


def test_positionless_agrees_with_position_on(tmp_path: Path) -> None:
    for project in _sample_and_cases(tmp_path):
        positionless = facts._Positionless(project)
        people = [r for r in project.of_kind("person") if isinstance(r.model, Person)]
        assert people
        for record in people:
            person = record.model
            assert isinstance(person, Person)
            edges = [d for p in person.positions for d in (p.since, p.until)]
            for day in _days_around(*edges):
                expected = person if person.positions and person.position_on(day) is None else None
                assert positionless(record.place.id, day) is expected, (record.place.id, day)
        assert positionless("nobody-of-that-name", date(2025, 1, 1)) is None


def test_nameless_agrees_with_has_name_on(tmp_path: Path) -> None:
    for project in _sample_and_cases(tmp_path):
        nameless = facts._Nameless(project)
        schools = [r for r in project.of_kind("organization") if isinstance(r.model, Organization)]
        assert schools
        for record in schools:
            assert isinstance(record.model, Organization)
            edges = [d for n in record.model.names for d in (n.since, n.until)]
            for day in _days_around(*edges):
                expected = not record.model.has_name_on(day)
                assert nameless(record.place.id, day) is expected, (record.place.id, day)
        assert nameless("no-such-school", date(2025, 1, 1)) is False
