"""Diagnostics of managers' competences (МПО п. 2.2.1, 4.2.2): what editors and readers notice.

A mistake in a diagnostic is told at its file, line and field; a deficit's reach and status
and the analysis's «было → стало» come from the entry and repeat diagnostics; a submitted
analysis keeps its figures and shows a later difference; the year page shows entry vs repeat
per competence (names and schools on the internal site only); `new diagnostic` writes a
record that validates.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.checking.competences import deficit_state
from generator.checking.figures import count_figures
from generator.checking.validate import validate
from generator.checking.years import Year, collect_years
from generator.cli import main
from generator.documents.catalog import DocumentRef
from generator.documents.context import Paperwork
from generator.documents.kinds import render_document
from generator.rendering.publication import Edition, Publishing
from generator.rendering.site import render_site
from schemas.enums import DeficitStatus

from .conftest import REPO, untypeset

AS_OF = date(2026, 11, 20)
YEAR_FOLDER = "records/associations/mpo-tula/2025-2026"
TEST_YEAR = "records/associations/mpo-test/2025-2026"


def _sample(tmp_path: Path) -> Path:
    """A copy of the sample records (and the files they attach) to change."""
    root = tmp_path / "sample"
    for folder in ("records", "files"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _year(root: Path, year: str = "2025-2026") -> Year:
    result = validate(root)
    assert result.ok, [d.format_text() for d in result.diagnostics if d.severity == "error"]
    return next(y for y in collect_years(result.project) if y.year == year)


def _validate(runner: CliRunner, root: Path) -> str:
    return runner.invoke(main, ["validate", "--root", str(root)]).output


# --- mistakes in a diagnostic ------------------------------------------------------------------


def test_a_share_over_100_and_two_figures_are_told_at_their_lines(
    base_project: Path, runner: CliRunner
) -> None:
    path = base_project / TEST_YEAR / "diagnostics" / "2025-09-entry.yaml"
    path.parent.mkdir()
    path.write_text(
        "kind: entry\n"
        "date: 2025-09-18\n"
        "participants: [ivanova-ma, petrov-an]\n"
        "results:\n"
        "  - competence: monitoring\n"
        "    title: Планирование внутреннего мониторинга\n"
        "    below_percent: 150\n",
        encoding="utf-8",
    )
    output = _validate(runner, base_project)
    assert (
        f"{TEST_YEAR}/diagnostics/2025-09-entry.yaml:7:20: results[0].below_percent "
        "(Ниже порога, %): " in output
    )
    assert "100" in output
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "below_percent: 150", "below: 1\n    below_percent: 50"
        ),
        encoding="utf-8",
    )
    output = _validate(runner, base_project)
    assert "results[0].below (Ниже порога, человек): укажите одно из двух" in output


def test_who_took_part_is_given_one_way_and_the_people_exist(
    base_project: Path, runner: CliRunner
) -> None:
    path = base_project / TEST_YEAR / "diagnostics" / "2025-09-entry.yaml"
    path.parent.mkdir()
    record = (
        "kind: entry\ndate: 2025-09-18\nparticipants: [ivanova-ma, ivanova-mb]\n{extra}"
        "results:\n  - {{competence: monitoring, title: Мониторинг, below: 1}}\n"
    )
    path.write_text(record.format(extra=""), encoding="utf-8")
    output = _validate(runner, base_project)
    assert "diagnostics/2025-09-entry.yaml:3:28: participants[1]" in output
    assert "«ivanova-mb» нет среди людей. Возможно, имелось в виду «ivanova-ma»" in output
    both = "organizations:\n  - {organization: school-1, participants: 1}\n"
    path.write_text(record.format(extra=both), encoding="utf-8")
    output = _validate(runner, base_project)
    assert "participants (Участники): укажите, кто прошёл диагностику, одним способом" in output


def test_a_second_entry_diagnostic_of_the_year_is_an_error(
    base_project: Path, runner: CliRunner
) -> None:
    folder = base_project / TEST_YEAR / "diagnostics"
    folder.mkdir()
    record = (
        "kind: entry\ndate: {day}\nparticipants: [ivanova-ma]\n"
        "results:\n  - {{competence: monitoring, title: Мониторинг, below: 1}}\n"
    )
    (folder / "2025-09-entry.yaml").write_text(record.format(day="2025-09-18"), encoding="utf-8")
    (folder / "2025-10-entry.yaml").write_text(record.format(day="2025-10-02"), encoding="utf-8")
    output = _validate(runner, base_project)
    assert (
        "2025-10-entry.yaml:1:7: kind (Вид диагностики): входная диагностика этого года уже есть"
        in output
    )


# --- what the diagnostics give -----------------------------------------------------------------


def test_the_sample_deficits_take_reach_and_status_from_the_diagnostics() -> None:
    year = _year(REPO)
    states = {record.place.id: deficit_state(year, d) for record, d in year.deficits}
    assert {k: (s.status, s.managers) for k, s in states.items()} == {
        "vpr-analysis": (DeficitStatus.RESOLVED, 6),  # 6 of 8 → 2 of 8 (25 %)
        "resource-planning": (DeficitStatus.RESOLVED, 4),  # 4 of 8 → 1 of 8
        "team-management": (DeficitStatus.IN_WORK, 5),  # 5 of 8 → 4 of 8 (50 %)
    }
    assert all(s.computed for s in states.values())
    figures = count_figures(year, AS_OF)
    assert figures.deficits_resolved == 2
    assert [(s.competence, s.before, s.after) for s in figures.competences or []] == [
        ("vpr-analysis", 75, 25),
        ("team-management", 62.5, 50),
        ("resource-planning", 50, 12.5),
    ]


def test_a_better_repeat_resolves_the_deficit_and_a_written_status_must_agree(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = _sample(tmp_path)
    repeat = root / YEAR_FOLDER / "diagnostics" / "2026-05-repeat.yaml"
    text = repeat.read_text(encoding="utf-8")
    text = text.replace("    below: 4\n    by_organization:\n      - organization: school-101\n        below: 2\n      - organization: school-158\n        below: 2\n",
                        "    below: 2\n")  # fmt: skip
    repeat.write_text(text, encoding="utf-8")
    year = _year(root)
    team = next(d for r, d in year.deficits if r.place.id == "team-management")
    assert deficit_state(year, team).status is DeficitStatus.RESOLVED
    deficit = root / YEAR_FOLDER / "deficits" / "team-management.yaml"
    deficit.write_text(deficit.read_text(encoding="utf-8") + "status: in_work\n", encoding="utf-8")
    output = _validate(runner, root)
    assert (
        "deficits/team-management.yaml:22:9: status (Статус): по повторной диагностике 14.05.2026"
        in output
    )
    assert "Уберите status: он считается по диагностике." in output


def test_a_submitted_analysis_keeps_its_figures_and_shows_the_difference(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = _sample(tmp_path)
    repeat = root / YEAR_FOLDER / "diagnostics" / "2026-05-repeat.yaml"
    block = "    below: {n}\n    by_organization:\n      - organization: school-129\n        below: {n}\n"
    text = repeat.read_text(encoding="utf-8")
    assert block.format(n=1) in text
    repeat.write_text(text.replace(block.format(n=1), block.format(n=3)), encoding="utf-8")
    result = runner.invoke(
        main, ["check", "--root", str(root), "--as-of", "2026-11-20", "--year", "2025-2026"]
    )
    assert "[analysis-frozen]" in result.output
    assert (
        "Ниже порога по компетенции «Оценка ресурсов школы и планирование их использования»: "
        "в анализе 50 % → 12,5 %, по записям 50 % → 37,5 %" in result.output
    )
    year = _year(root)
    project = validate(root).project
    ref = DocumentRef("analysis", "mpo-tula", "2025-2026", None, None)
    markdown = render_document(ref, year, Paperwork(project, public=None), AS_OF).markdown
    markdown = untypeset(re.sub(r"\\(.)", r"\1", markdown))  # what a reader sees
    assert "| Оценка ресурсов школы и планирование их использования | 50 | 12,5 |" in markdown
    assert "представлено 50 % → 12,5 %, по записям 50 % → 37,5 %" in markdown
    page = render_site(project, Publishing(Edition.INTERNAL, AS_OF))
    analysis = untypeset(page["associations/mpo-tula/2025-2026/analysis.md"])
    assert "— как анализ представлен в центр." in analysis
    assert "| Оценка ресурсов школы и планирование их использования | 50 | 12,5 |" in analysis
    assert "По записям диагностики сейчас иначе" in analysis


def test_a_draft_analysis_counts_before_and_after_from_the_diagnostics(tmp_path: Path) -> None:
    root = _sample(tmp_path)
    analysis = root / YEAR_FOLDER / "analysis.md"
    text = analysis.read_text(encoding="utf-8").replace("status: submitted", "status: draft")
    analysis.write_text(text, encoding="utf-8")
    project = validate(root).project
    page = render_site(project, Publishing(Edition.INTERNAL, AS_OF))
    shown = untypeset(page["associations/mpo-tula/2025-2026/analysis.md"])
    assert "— по записям диагностики этого года." in shown
    assert (
        "| Распределение управленческих функций и делегирование полномочий в управленческой команде | 62,5 | 50 |"
        in shown
    )


# --- pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", [Edition.PUBLIC, Edition.INTERNAL])
def test_the_year_page_shows_entry_vs_repeat_per_competence(edition: Edition) -> None:
    project = validate(REPO).project
    pages = render_site(project, Publishing(edition, AS_OF))
    page = untypeset(pages["associations/mpo-tula/2025-2026/index.md"])
    assert "## Диагностика компетенций" in page
    assert "| Компетенция | Входная: ниже порога | Повторная: ниже порога |" in page
    assert (
        "| Оценка ресурсов школы и планирование их использования | 4 из 8 (50 %) | 1 из 8 (12,5 %) |"
        in page
    )
    internal = edition is Edition.INTERNAL
    assert ("Участники (входная диагностика 25.09.2025): Никитина" in page) is internal
    assert ("Ниже порога по школам" in page) is internal, "figures per school: internal only"
    assert ("| МБОУ «СШ № 129» | 0 → 0 | 1 → 0 | 2 → 1 |" in page) is internal


def test_the_deficits_page_shows_the_computed_status() -> None:
    project = validate(REPO).project
    page = render_site(project, Publishing(Edition.PUBLIC, AS_OF))
    deficits = untypeset(page["associations/mpo-tula/2025-2026/deficits.md"])
    assert "| Касается руководителей | 6 (по входной диагностике 25.09.2025) |" in deficits
    assert (
        "| Ниже порога: было → стало | 62,5 % → 50 % (повторная диагностика 14.05.2026) |"
        in deficits
    )


# --- scaffolding -------------------------------------------------------------------------------


def test_new_diagnostic_writes_an_entry_then_a_repeat_that_validate(
    base_project: Path, runner: CliRunner
) -> None:
    first = runner.invoke(
        main, ["new", "diagnostic", "--root", str(base_project), "--as-of", "2025-09-18"]
    )
    assert first.exit_code == 0, first.output
    entry = base_project / TEST_YEAR / "diagnostics" / "2025-09-entry.yaml"
    assert "kind: entry" in entry.read_text(encoding="utf-8")
    assert "(below): сколько участников ниже порога" in first.output
    assert "- ivanova-ma" in entry.read_text(encoding="utf-8"), "the year's ШНОР participants"
    assert "competence: competence-1  # ← код компетенции" in entry.read_text(encoding="utf-8")
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("competence-1", "monitoring"), encoding="utf-8"
    )
    second = runner.invoke(
        main, ["new", "diagnostic", "--root", str(base_project), "--as-of", "2026-05-14"]
    )
    assert second.exit_code == 0, second.output
    repeat = (base_project / TEST_YEAR / "diagnostics" / "2026-05-repeat.yaml").read_text(
        encoding="utf-8"
    )
    assert "kind: repeat" in repeat and "competence: monitoring" in repeat, (
        "the entry's competences"
    )
    assert "Ошибок: 0." in _validate(runner, base_project)


def test_new_diagnostic_refuses_a_repeat_without_an_entry(
    base_project: Path, runner: CliRunner
) -> None:
    result = runner.invoke(
        main,
        [
            "new",
            "diagnostic",
            "--root",
            str(base_project),
            "--as-of",
            "2026-05-14",
            "--kind",
            "repeat",
        ],
    )
    assert result.exit_code == 1
    assert "нет входной диагностики" in result.output
    assert not (base_project / TEST_YEAR / "diagnostics").exists()
