"""Pages as a reader sees them: a protocol laid out as a Russian protocol, the calendar feed."""

from __future__ import annotations

import urllib.request
from typing import TYPE_CHECKING

import pytest
from icalendar import Calendar

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PROTOCOL = "associations/mpo-tula/2025-2026/meetings/03/"
SECTIONS = [
    "Председатель:",
    "Секретарь:",
    "Присутствовали:",
    "Приглашённые:",
    "Повестка дня",
    "СЛУШАЛИ:",
    "ВЫСТУПИЛИ:",
    "РЕШИЛИ:",
    "Рекомендации",
    "Приложения",
]


def test_protocol_page_shows_its_sections_in_order(browser: Browser, base_url: str) -> None:
    page = browser.new_page(locale="ru-RU")
    page.goto(base_url + PROTOCOL)
    # «№» and the number never part at the end of a line
    assert (
        page.locator("h1")
        .inner_text()
        .startswith("Протокол №\u00a03 — 11\u00a0декабря\u00a02025\u00a0г.")
    )
    text = page.locator("article").inner_text()
    positions = [text.find(section) for section in SECTIONS]
    assert -1 not in positions, dict(zip(SECTIONS, positions, strict=True))
    assert positions == sorted(positions)
    decisions = page.locator("table").filter(has_text="Исполнитель").first
    assert decisions.locator("tbody tr").first.locator("td").first.inner_text() == "1.1"
    page.close()


def test_calendar_feed_parses_and_links_back(base_url: str) -> None:
    with urllib.request.urlopen(base_url + "calendar.ics", timeout=10) as response:
        raw = response.read()
    calendar = Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= 10
    titles = [str(event["SUMMARY"]) for event in events]
    assert any(title.startswith("Заседание") for title in titles)
    assert all(("URL" in event) or ("DESCRIPTION" in event) for event in events)
