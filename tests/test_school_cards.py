"""School cards on the internal site (`schools/<school>/`): one per school that has been on a
ШНОР/ШССУ list or a partner, with its programme, charts that have a text alternative, its
consultations; linked from the year pages and the council's members; none on the public site."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.loading.project import load_project
from schemas import Organization
from schemas.enums import ListCategory

from .conftest import REPO, untypeset

AS_OF = "2026-11-20"
LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


def _pages(tmp: Path, edition: str, as_of: str = AS_OF) -> dict[str, str]:
    out = tmp / f"{edition}-{as_of}"
    args = ["pages", "--root", str(REPO), "--edition", edition, "--as-of", as_of, "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--only-generated"])
    assert result.exit_code == 0, result.output
    return {
        p.relative_to(out).as_posix(): untypeset(p.read_text(encoding="utf-8"))
        for p in out.rglob("*.md")
    }


@pytest.fixture(scope="module")
def internal(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _pages(tmp_path_factory.mktemp("cards"), "internal")


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _pages(tmp_path_factory.mktemp("cards"), "public")


def _listed_schools() -> list[str]:
    project, _ = load_project(REPO)
    return [
        r.place.id
        for r in project.of_kind("organization")
        if isinstance(r.model, Organization)
        and any(c.category in (ListCategory.SHNOR, ListCategory.SHSSU) for c in r.model.categories)
    ]


def test_a_card_for_every_school_ever_listed_and_every_partner(internal: dict[str, str]) -> None:
    for school in [*_listed_schools(), "school-102", "school-112", "school-120", "school-173"]:
        assert f"schools/{school}.md" in internal, school
        assert f"]({school}.md)" in internal["schools/index.md"]
    assert "schools/cnppm.md" not in internal  # the centre is no school


def test_card_shows_programme_consultations_and_list_category(internal: dict[str, str]) -> None:
    card = internal["schools/school-101.md"]
    assert card.startswith("# МБОУ «ЦО № 101»")
    assert "### Антирисковая программа МБОУ «ЦО № 101» на 2025–2027 гг." in card
    assert "#### Доля обучающихся 5–7 классов с отметкой «2» по ВПР по математике" in card
    assert "Пройдено 82 % пути от исходного значения к цели." in card
    assert "| 2025/2026 | ШНОР — школа с низкими образовательными результатами |" in card
    assert "Распределение обязанностей заместителей директора после объединения школ" in card
    assert "| [2025/2026](../associations/mpo-tula/2025-2026/index.md) | ШНОР" in card
    assert "[МБОУ «ЦО № 102»](school-102.md)" in card  # its pair
    assert "заседание № 4; о программе школы" in card  # the protocol that discussed it
    assert "## Диагностика компетенций руководителей" in card


def test_chart_is_an_image_with_a_text_alternative(internal: dict[str, str]) -> None:
    card = internal["schools/school-101.md"]
    svgs = re.findall(r"<svg [^>]*>.*?</svg>", card, re.DOTALL)
    assert len(svgs) == 2  # one per indicator
    for svg in svgs:
        chart_id = re.search(r'id="([^"]+)"', svg)
        assert chart_id
        labelled = f'aria-labelledby="{chart_id[1]}-title {chart_id[1]}-desc"'
        assert 'role="img"' in svg and labelled in svg
        assert f'<title id="{chart_id[1]}-title">' in svg
        assert f'<desc id="{chart_id[1]}-desc">Линейный график показателя' in svg
        assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # The same values as a table beside the chart.
    assert "| 24.04.2025 | 21 % | исходное значение | ВПР, весна 2025 г. |" in card
    assert "| 22.04.2026 | 12 % | измерение | ВПР, весна 2026 г. |" in card
    assert "| 31.05.2027 | 10 % | цель |  |" in card


def test_card_shows_only_what_was_measured_by_the_sites_date(tmp_path: Path) -> None:
    card = _pages(tmp_path, "internal", "2026-03-01")["schools/school-101.md"]
    assert "| 18.02.2026 | 14 % | измерение |" in card
    assert "22.04.2026" not in card


def test_school_without_a_programme_says_so(internal: dict[str, str]) -> None:
    assert "Программа школы не внесена" in internal["schools/school-129.md"]  # ШССУ
    assert "программы перехода в эффективный режим у неё нет" in internal["schools/school-102.md"]


def test_year_pages_and_council_members_link_to_cards(internal: dict[str, str]) -> None:
    year = internal["associations/mpo-tula/2026-2027/index.md"]
    assert "[МБОУ «СШ № 109»](../../../schools/school-109.md)" in year
    council = internal["council/index.md"]
    assert "](../schools/school-158.md)" in council
    for page, text in internal.items():
        for target in LINK.findall(text):
            if "schools/" in target or page.startswith("schools/"):
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
                assert resolved in internal or (REPO / "docs" / resolved).exists(), (page, target)


def test_public_site_has_no_school_cards(public: dict[str, str]) -> None:
    assert not [page for page in public if page.startswith("schools/")]
    assert not [page for page, text in public.items() if "schools/" in text]
    assert not [page for page, text in public.items() if "Антирисковая программа МБОУ" in text]


def test_a_card_groups_its_consultations_by_assessment_focus(internal: dict[str, str]) -> None:
    """РОСТ п. 4.1.2: which procedure each consultation prepared the school for, and how many
    for each — read from the consultations' `focus`, named as the settings name the terms."""
    card = internal["schools/school-158.md"]
    consultations = card.split("## Консультации", 1)[1].split("\n## ", 1)[0]
    assert "| Оценочная процедура |" in consultations
    row = next(line for line in consultations.splitlines() if "групповой подготовки к ОГЭ" in line)
    assert "| ОГЭ |" in row
    assert "**По оценочным процедурам (РОСТ п. 4.1.2):**" in consultations
    assert "- ОГЭ: 1" in consultations
