"""What readers notice of the council's work: events by level, the assessment focus of
consultations and materials, the council's own consultations (internal site only)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.checking.validate import validate
from generator.checking.years import collect_years
from generator.documents.catalog import DocumentRef
from generator.documents.context import Paperwork
from generator.documents.kinds import render_document
from generator.loading.project import Project
from generator.rendering.publication import publishing_from
from generator.rendering.site import render_site
from schemas import CouncilConsultation, CouncilEvent

from .conftest import REPO, untypeset

AS_OF = "2026-11-20"
LEVEL_HEADINGS = (
    "### Муниципальный уровень",
    "### Региональный уровень",
    "### Всероссийский уровень",
)


@pytest.fixture(scope="module")
def project() -> Project:
    result = validate(REPO)
    assert result.ok
    return result.project


@pytest.fixture(scope="module")
def pages(project: Project) -> dict[str, dict[str, str]]:
    return {
        edition: {
            path: untypeset(text)
            for path, text in render_site(project, publishing_from(edition, AS_OF)).items()
        }
        for edition in ("public", "internal")
    }


# --- events by level ---------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_events_are_grouped_by_level_nearest_first(
    project: Project, pages: dict[str, dict[str, str]], edition: str
) -> None:
    page = pages[edition]["council/events.md"]
    past = page.partition("## Прошедшие")[2]
    headings = [line for line in past.splitlines() if line.startswith("### ")]
    assert headings == list(LEVEL_HEADINGS)  # the sample has past events of every level
    for record in project.of_kind("event"):
        event = record.model
        assert isinstance(event, CouncilEvent)
        # the event's anchor comes after its level's heading and before the next one
        at = past.index(f'<a id="{record.place.id}"></a>')
        level = [h for h in LEVEL_HEADINGS if past.index(h) < at][-1]
        assert level.startswith(f"### {event.level.label.capitalize()}"), record.place.id
    assert "| Муниципальный | 0 | 3 |" in page and "| Всероссийский | 0 | 1 |" in page


# --- assessment focus ------------------------------------------------------------------------


def test_consultations_page_marks_and_counts_the_assessment_focus(
    pages: dict[str, dict[str, str]],
) -> None:
    page = pages["internal"]["associations/mpo-tula/2025-2026/consultations.md"]
    assert "| Оценочные процедуры |" in page
    row = next(line for line in page.splitlines() if "Организация групповой подготовки" in line)
    assert "| ОГЭ |" in row
    counts = page.partition("По оценочным процедурам")[2]
    assert "- ВПР: 1" in counts and "- ОГЭ: 1" in counts
    assert "- Не относится к оценочным процедурам: 5" in counts


def test_journal_document_marks_and_counts_the_assessment_focus(project: Project) -> None:
    year = next(y for y in collect_years(project) if y.year == "2025-2026")
    ref = DocumentRef("journal", "mpo-tula", year.year, None, None)
    source = render_document(ref, year, Paperwork(project), date.fromisoformat(AS_OF)).markdown
    shown = untypeset(re.sub(r"\\(.)", r"\1", source))  # as a reader sees it
    assert (
        "Организация групповой подготовки к ОГЭ по математике. Оценочные процедуры: ОГЭ." in shown
    )
    assert "Консультации по оценочным процедурам (РОСТ п. 4.1.2):" in shown
    assert "- ВПР — 1;" in shown
    assert "- не относится к оценочным процедурам — 5." in shown


def test_materials_show_their_assessment_focus(pages: dict[str, dict[str, str]]) -> None:
    page = pages["public"]["council/materials.md"]
    assert "· оценочные процедуры: ЕГЭ, ОГЭ" in page  # the ФИПИ bank: both exams


# --- the council's own consultations ---------------------------------------------------------


def test_council_consultations_register_is_internal(
    project: Project, pages: dict[str, dict[str, str]]
) -> None:
    page = pages["internal"]["council/consultations.md"]
    consultations = [
        r.model
        for r in project.of_kind("council_consultation")
        if isinstance(r.model, CouncilConsultation)
    ]
    assert len(consultations) >= 2
    for consultation in consultations:
        assert untypeset(consultation.topic) in page
    assert "## 2026/2027 учебный год" in page
    assert "| 06.10.2026 | сообщество «РОСТ» во ВКонтакте | дистанционная |" in page
    assert "- РКР: 1" in page
    assert "[Консультации совета](consultations.md)" in pages["internal"]["council/index.md"]
    assert "council/consultations.md" not in pages["public"]
    assert "consultations.md" not in pages["public"]["council/index.md"]
    public_text = "\n".join(pages["public"].values())
    assert not any(untypeset(c.topic) in public_text for c in consultations)
