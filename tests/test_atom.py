"""The Atom feed `feed.xml`: what each edition publishes, newest first, linked to its pages.

Read as a feed reader reads it — parsed by an XML parser — from the sample as of 2026-11-20.
The real MkDocs build of both editions, with hostile record text, is in test_hostile_text.py.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest

from generator.loading.project import Project, load_project
from generator.rendering.atom import FEED_PAGE
from generator.rendering.publication import publishing_from
from generator.rendering.site import render_site
from schemas import Consultation, CouncilConsultation, Meeting, Practice

from .conftest import CASES, REPO, build_case

AS_OF = "2026-11-20"
NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def sample() -> Project:
    loaded, problems = load_project(REPO)
    assert problems == []
    return loaded


def _feed(project: Project, edition: str, as_of: str = AS_OF) -> tuple[ET.Element, dict[str, str]]:
    pages = render_site(project, publishing_from(edition, as_of))
    return ET.fromstring(pages[FEED_PAGE].encode("utf-8")), pages


def _entries(feed: ET.Element) -> list[dict[str, str]]:
    found = []
    for entry in feed.findall("a:entry", NS):
        link = entry.find("a:link[@rel='alternate']", NS)
        category = entry.find("a:category", NS)
        assert link is not None and category is not None
        found.append(
            {
                "id": entry.findtext("a:id", "", NS),
                "title": entry.findtext("a:title", "", NS),
                "updated": entry.findtext("a:updated", "", NS),
                "published": entry.findtext("a:published", "", NS),
                "summary": entry.findtext("a:summary", "", NS),
                "href": link.get("href", ""),
                "kind": category.get("term", ""),
            }
        )
    return found


def _base(project: Project, edition: str) -> str:
    assert project.settings is not None
    site = project.settings.site
    address = site.public_url if edition == "public" else site.internal_url
    assert address
    return str(address).rstrip("/") + "/"


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_the_feed_is_valid_atom_with_its_required_fields(sample: Project, edition: str) -> None:
    feed, _pages = _feed(sample, edition)
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("a:id", "", NS).startswith("tag:")
    assert "новое на сайте" in feed.findtext("a:title", "", NS)
    assert feed.findtext("a:author/a:name", "", NS) == "МКУ «ЦНППМ г. Тулы»"
    self_link = feed.find("a:link[@rel='self']", NS)
    assert self_link is not None and self_link.get("href") == _base(sample, edition) + FEED_PAGE
    entries = _entries(feed)
    assert feed.findtext("a:updated", "", NS) == entries[0]["updated"]
    for entry in entries:
        assert entry["id"].startswith("tag:") and entry["title"] and entry["summary"]
        datetime.fromisoformat(entry["updated"])  # RFC 3339, with its offset
        assert entry["updated"].endswith("+03:00")
    assert len({e["id"] for e in entries}) == len(entries)


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_entries_are_newest_first_and_link_pages_of_the_build(
    sample: Project, edition: str
) -> None:
    feed, pages = _feed(sample, edition)
    entries = _entries(feed)
    assert len(entries) >= 5
    days = [datetime.fromisoformat(e["updated"]) for e in entries]
    assert days == sorted(days, reverse=True)
    assert max(days).date() <= date.fromisoformat(AS_OF)
    assert {e["kind"] for e in entries} == {"protocol", "practice", "event", "material"}
    base = _base(sample, edition)
    for entry in entries:
        assert entry["href"].startswith(base), entry
        path, _, anchor = entry["href"].removeprefix(base).partition("#")
        page = path.removesuffix("/") + ".md" if path else "index.md"
        page = page if page in pages else page.replace(".md", "/index.md")
        assert page in pages, entry
        if anchor:
            assert f'id="{anchor}"' in pages[page], entry


def test_the_public_feed_has_no_draft_and_nothing_internal(sample: Project) -> None:
    public = {e["id"]: e for e in _entries(_feed(sample, "public")[0])}
    internal = {e["id"]: e for e in _entries(_feed(sample, "internal")[0])}
    # The sample's third meeting of 2026/2027 has a draft protocol: in neither feed.
    drafts = [
        r
        for r in sample.of_kind("meeting")
        if isinstance(r.model, Meeting) and r.model.protocol and r.model.protocol.status == "draft"
    ]
    assert drafts
    for record in drafts:
        key = f"protocol/{record.place.association}/{record.place.year}/{record.place.id}"
        assert not any(i.endswith(key) for i in [*public, *internal])
    # Practices not recommended (or without every author's consent) are the internal site's.
    held_back = [
        r.place.id
        for r in sample.of_kind("practice")
        if isinstance(r.model, Practice) and not r.model.distributable
    ]
    assert held_back
    for practice in held_back:
        assert not any(i.endswith(f"practice/{practice}") for i in public)
        assert any(i.endswith(f"practice/{practice}") for i in internal)
    assert set(public) <= set(internal)
    # Consultations name people and their schools' difficulties: in no feed.
    text = " ".join(e["title"] + " " + e["summary"] for e in internal.values())
    topics = [
        r.model.topic
        for kind in ("consultation", "council_consultation")
        for r in sample.of_kind(kind)
        if isinstance(r.model, Consultation | CouncilConsultation)
    ]
    assert topics and not any(topic in text for topic in topics)


def test_nothing_dated_after_the_as_of_day_enters(sample: Project) -> None:
    before = _entries(_feed(sample, "public", "2026-01-31")[0])
    assert before and all(e["updated"] <= "2026-01-31T23:59" for e in before)
    later = {e["id"] for e in _entries(_feed(sample, "public")[0])}
    assert {e["id"] for e in before} < later


def test_the_same_records_and_day_give_the_same_bytes(sample: Project) -> None:
    first = render_site(sample, publishing_from("public", AS_OF))[FEED_PAGE]
    again = render_site(sample, publishing_from("public", AS_OF))[FEED_PAGE]
    assert first == again


def test_without_a_site_address_links_are_relative_to_the_feed(tmp_path: Path) -> None:
    root = build_case(CASES / "__none__", tmp_path)  # its settings have no public_url
    project, problems = load_project(root)
    assert problems == []
    feed, _pages = _feed(project, "public")
    links = [e["href"] for e in _entries(feed)]
    assert links and not any(link.startswith(("http", "/")) for link in links)
