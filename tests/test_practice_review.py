"""A practice's review-by date, as editors and readers notice it: `check` warns once at the
line of `review_by`; the public library leaves a practice out from that day until it is re-read
or retired; the internal library keeps it, marked. The rule's boundaries are rule cases
(tests/rule_cases/practice-review--*)."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from generator.checking.validate import validate
from generator.cli import main
from generator.loading.project import Project
from generator.rendering.library import library_state
from generator.rendering.publication import publishing_from
from generator.rendering.site import render_site
from schemas import Practice

from .conftest import REPO, untypeset

AS_OF = date(2026, 11, 20)
PAST_REVIEW = "vpr-class-map"  # review_by: 2026-11-01


@pytest.fixture(scope="module")
def project() -> Project:
    result = validate(REPO)
    assert result.ok
    return result.project


def pages(project: Project, edition: str, day: date = AS_OF) -> dict[str, str]:
    return {k: untypeset(v) for k, v in render_site(project, publishing_from(edition, day)).items()}


def practice(**changes: object) -> Practice:
    base = {
        "title": "Практика",
        "organization": "school-1",
        "authors": [{"person": "a", "distribution_consent": True}],
        "problem": "Проблема.",
        "results": "Итог.",
        "direction": "educational",
        "year": "2025-2026",
        "review": "recommended",
    }
    return Practice.model_validate({**base, **changes})


def test_every_sample_practice_has_a_review_by_date(project: Project) -> None:
    dates = [
        r.model.review_by for r in project.of_kind("practice") if isinstance(r.model, Practice)
    ]
    assert dates and None not in dates


def test_check_warns_once_at_the_review_by_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "--root", str(REPO), "--as-of", AS_OF.isoformat()])
    lines = [line for line in result.output.splitlines() if "[practice-review]" in line]
    assert len(lines) == 1
    line = lines[0]
    text = (REPO / f"records/practices/{PAST_REVIEW}.md").read_text(encoding="utf-8")
    number = text.splitlines().index("review_by: 2026-11-01") + 1
    assert line.startswith(f"records/practices/{PAST_REVIEW}.md:{number}:1: [practice-review]")
    assert "пора перечитать" in line and "reviewed" in line and "retired" in line
    assert line.endswith("(предупреждение)")


def test_public_library_leaves_out_a_practice_past_review(project: Project) -> None:
    before = pages(project, "public", date(2026, 10, 31))
    after = pages(project, "public")
    page = f"practices/{PAST_REVIEW}.md"
    assert page in before and "Карта результатов ВПР" in before["practices/index.md"]
    assert page not in after and "Карта результатов ВПР" not in after["practices/index.md"]
    assert "practices/mentoring-pairs.md" in after  # the library is not empty


def test_internal_library_keeps_it_marked(project: Project) -> None:
    internal = pages(project, "internal")
    index = internal["practices/index.md"]
    row = next(line for line in index.splitlines() if "Карта результатов ВПР" in line)
    assert "**пора перечитать: срок 01.11.2026 прошёл**" in row
    page = internal[f"practices/{PAST_REVIEW}.md"]
    assert '!!! warning "Пора перечитать: срок 01.11.2026 прошёл"' in page
    assert "| Перечитать до | 01.11.2026 |" in page


def test_reviewed_after_review_by_or_retired_is_not_due() -> None:
    due = practice(review_by="2026-11-01")
    assert due.review_due(date(2026, 11, 1)) and not due.review_due(date(2026, 10, 31))
    assert not due.in_library(date(2026, 11, 1))
    reread = practice(review_by="2026-11-01", reviewed="2026-11-05")
    assert not reread.review_due(AS_OF) and reread.in_library(AS_OF)
    retired = practice(
        review_by="2026-11-01", retired={"date": "2026-11-03", "reason": "Устарела."}
    )
    assert not retired.review_due(AS_OF) and not retired.in_library(AS_OF)
    assert retired.in_library(date(2026, 10, 1))  # before its review-by date and retirement


def test_retired_practice_is_marked_internally() -> None:
    retired = practice(retired={"date": "2026-09-01", "reason": "Школа её оставила."})
    assert library_state(retired, AS_OF) == "выведена из библиотеки 01.09.2026"
    assert library_state(retired, date(2026, 8, 31)) == ""
