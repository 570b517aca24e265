"""The calendar feed `calendar.ics`: every event links its page and ends; the bytes are stable."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from generator.loading.project import Project, load_project
from generator.rendering.feed import CALENDAR_PAGE
from generator.rendering.publication import publishing_from
from generator.rendering.site import render_site
from schemas import Meeting, Settings

from .conftest import CASES, REPO, build_case

AS_OF = "2026-11-20"
EDITIONS = ("public", "internal")


@pytest.fixture(scope="module")
def sample() -> Project:
    loaded, problems = load_project(REPO)
    assert problems == []
    return loaded


def _events(project: Project, edition: str, as_of: str = AS_OF) -> dict[str, Event]:
    text = render_site(project, publishing_from(edition, as_of))[CALENDAR_PAGE]
    return {str(e["UID"]): e for e in Calendar.from_ical(text).walk("VEVENT")}


def _settings(project: Project) -> Settings:
    assert project.settings is not None
    return project.settings


def _page_of(url: str, base: str) -> tuple[str, str]:
    """The generated page (and anchor) an event's URL leads to: `a/b/#x` → `a/b.md`, `x`."""
    assert url.startswith(base), url
    path, _, anchor = url.removeprefix(base).partition("#")
    return path.removesuffix("/") + ".md", anchor


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_event_links_its_page_on_this_editions_site(sample: Project, edition: str) -> None:
    site = _settings(sample).site
    base = site.public_url if edition == "public" else site.internal_url
    assert base and base.startswith("https://") and "example.org" not in base
    pages = render_site(sample, publishing_from(edition, AS_OF))
    events = _events(sample, edition)
    assert len(events) >= 10
    for uid, event in events.items():
        page, anchor = _page_of(str(event["URL"]), base)
        assert page in pages or page.replace(".md", "/index.md") in pages, uid
        if anchor:
            assert f'id="{anchor}"' in pages[page], uid
        assert "Страница на сайте" not in str(event["DESCRIPTION"])  # the URL says it


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_event_ends(sample: Project, edition: str) -> None:
    minutes = _settings(sample).site.meeting_minutes
    meetings = {
        f"{r.place.association}-{r.place.year}-{r.place.id}@cnppm-tula": r.model
        for r in sample.of_kind("meeting")
        if isinstance(r.model, Meeting)
    }
    timed = 0
    for uid, event in _events(sample, edition).items():
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is type(end), uid
        if isinstance(start, datetime):
            assert end - start == timedelta(minutes=minutes), uid
            assert start.tzinfo is not None and start.utcoffset() == timedelta(0)  # written in UTC
            timed += 1
        else:
            assert end > start, uid  # an all-day event ends the day after its last day
        meeting = meetings.get(uid)
        if meeting is not None and meeting.time is None:
            assert isinstance(start, date) and end == start + timedelta(days=1)
    assert timed > 0


def test_meeting_length_comes_from_settings(tmp_path: Path) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    settings = root / "records" / "settings.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("site:\n", "site:\n  meeting_minutes: 90\n"),
        encoding="utf-8",
    )
    project, problems = load_project(root)
    assert problems == []
    event = _events(project, "public")["mpo-test-2025-2026-01@cnppm-tula"]
    # 28.08.2025 14:30 Moscow time is 11:30 UTC; the meeting ends an hour and a half later
    assert event["DTSTART"].dt == datetime(2025, 8, 28, 11, 30, tzinfo=UTC)
    assert event["DTEND"].dt == datetime(2025, 8, 28, 13, 0, tzinfo=UTC)
    webinar = _events(project, "public")["rost-webinar-2025-11@cnppm-tula"]
    assert webinar["DTSTART"].dt == date(2025, 11, 12)
    assert webinar["DTEND"].dt == date(2025, 11, 13)


def test_meeting_length_must_be_positive(tmp_path: Path) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    settings = root / "records" / "settings.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("site:\n", "site:\n  meeting_minutes: 0\n"),
        encoding="utf-8",
    )
    _, problems = load_project(root)
    assert [p.field for p in problems] == ["site.meeting_minutes"]


@pytest.mark.parametrize("address", ["rost.cnppm-tula.ru", "javascript:alert(1)", "ftp://x.ru/"])
def test_site_address_must_be_a_web_address(tmp_path: Path, address: str) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    settings = root / "records" / "settings.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "site:\n", f"site:\n  public_url: '{address}'\n"
        ),
        encoding="utf-8",
    )
    _, problems = load_project(root)
    assert [p.field for p in problems] == ["site.public_url"]
    assert "https://" in problems[0].message


def test_without_an_address_events_name_their_page_and_have_no_url(tmp_path: Path) -> None:
    """iCalendar allows only absolute URLs, and a calendar has nothing to resolve a relative
    one against: without the site's address the description names the page instead."""
    project, problems = load_project(build_case(CASES / "__none__", tmp_path))
    assert problems == []
    assert _settings(project).site.public_url is None
    for event in _events(project, "public").values():
        assert "URL" not in event
        assert re.search(r"Страница на сайте: [a-z0-9/#-]+/", str(event["DESCRIPTION"]))


@pytest.mark.parametrize("edition", EDITIONS)
def test_same_records_and_date_give_the_same_bytes(sample: Project, edition: str) -> None:
    first = render_site(sample, publishing_from(edition, AS_OF))[CALENDAR_PAGE]
    again, problems = load_project(REPO)
    assert problems == []
    second = render_site(again, publishing_from(edition, AS_OF))[CALENDAR_PAGE]
    assert first.encode("utf-8") == second.encode("utf-8")
    stamps = set(re.findall(r"^DTSTAMP:(.*)\r$", first, re.M))
    assert stamps == {"20261120T000000Z"}  # the as-of day, not the moment of the build


def test_record_text_cannot_add_lines_or_markup_to_the_feed(tmp_path: Path) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    meeting = root / "records/associations/mpo-test/2025-2026/meetings/01.yaml"
    hostile = "Тема\\r\\nEND:VEVENT\\r\\nBEGIN:VEVENT\\r\\nUID:x <b onmouseover=alert(1)>5 < 7</b>"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "topic: Установочное заседание", f'topic: "{hostile}"'
        ),
        encoding="utf-8",
    )
    project, problems = load_project(root)
    assert problems == []
    text = render_site(project, publishing_from("public", AS_OF))[CALENDAR_PAGE]
    assert "<" not in text and ">" not in text
    events = _events(project, "public")
    assert len(events) == 2
    summary = str(events["mpo-test-2025-2026-01@cnppm-tula"]["SUMMARY"])
    assert summary == (
        "Заседание № 1: Тема END:VEVENT BEGIN:VEVENT UID:x "
        "\uff1cb onmouseover=alert(1)\uff1e5 \uff1c 7\uff1c/b\uff1e"
    )
