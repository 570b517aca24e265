"""A school card in Chromium: each indicator's chart is an image a screen reader names and
describes, the page passes axe-core's WCAG 2.1 A/AA checks, and the public site has no cards."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_card_charts_are_named_images_and_the_page_passes_axe(
    browser: Browser, site_urls: dict[str, str], axe_script: Path
) -> None:
    context = browser.new_context(locale="ru-RU")
    context.add_init_script(path=str(axe_script))
    page = context.new_page()
    response = page.goto(site_urls["internal"] + "schools/school-101/")
    assert response is not None and response.status == 200
    charts = page.get_by_role("img", name="Доля обучающихся 5–7 классов с отметкой «2» по ВПР")
    assert charts.count() == 1
    description = charts.first.evaluate(
        "svg => document.getElementById(svg.getAttribute('aria-labelledby').split(' ')[1])"
        ".textContent"
    )
    assert description.startswith("Линейный график показателя")
    assert "исходное значение 21" in description
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    assert [v["id"] for v in result["violations"]] == []
    # From the year's page to the card, as an editor would go.
    page.goto(site_urls["internal"] + "associations/mpo-tula/2026-2027/")
    page.get_by_role("link", name="МБОУ «СШ № 109»").first.click()
    assert page.url.endswith("/schools/school-109/")
    assert page.get_by_role("heading", name="Антирисковая программа", exact=False).count() == 1
    context.close()


def test_public_site_has_no_school_cards(built_sites: dict[str, Path]) -> None:
    assert not (built_sites["public"] / "schools").exists()
    assert (built_sites["internal"] / "schools" / "school-101" / "index.html").is_file()
