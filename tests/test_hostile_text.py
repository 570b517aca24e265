"""What readers get: record text that looks like markup never becomes markup, anywhere.

A small project gets hostile text in every record kind — titles, names, topics, questions,
places, summaries, tags, bodies — then both editions are built by MkDocs exactly as they are
published. No built page, in its `<title>`, its `<meta>` tags, the navigation, the article,
the Pagefind index or the calendar feed, may carry a script, an event handler or a
`javascript:` address that came from a record; the records' words must still be there, as text.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest
import yaml
from icalendar import Calendar

from .conftest import CASES, REPO, build_case, served_folder

if TYPE_CHECKING:
    from playwright.sync_api import Browser

AS_OF = "2026-11-20"
MARK = "pwn"  # every hostile value carries it, with the record and field it was put in
# Free-text fields: any of these keys holding a string gets hostile text, wherever it is.
TEXT_KEYS = {
    "title", "name", "short_name", "topic", "question", "place", "summary", "text",
    "problem", "results", "goal", "tasks", "position", "area", "organiser", "outcome",
    "source", "issuer", "surname", "patronymic", "short", "full", "executor_group",
    "deadline_text", "recommendations", "expected_result", "cancel_reason", "tags",
    "municipality", "address", "feedback", "description", "note",
}  # fmt: skip
# Keys whose text other records must repeat exactly (a rule compares them): left as they are.
KEPT = {("settings", "monitoring_department"), ("sidorova-ev", "department")}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


def hostile(tag: str) -> str:
    """Text that is markup in every context it could land in; `tag` says where it was put."""
    word = f"{MARK}-{tag}"
    return (
        f"{word} </title><script>alert('{word}')</script>"
        f"<img src=x onerror=\"alert('{word}')\"><x-{MARK}></x-{MARK}>"
        f" &lt;script&gt;alert('{word}')&lt;/script&gt;"
        f" [ссылка](javascript:alert('{word}'))"
        f" \" onmouseover=\"alert('{word}')\" x=' {{: onclick=\"alert('{word}')\" }}"
    )


def _poison(value: Any, tag: str, key: str = "") -> Any:
    """A YAML tree (all scalars as strings) with every free-text value made hostile."""
    if isinstance(value, dict):
        return {k: _poison(v, f"{tag}-{k}", k) for k, v in value.items()}
    if isinstance(value, list):
        return [_poison(v, f"{tag}{i}", key) for i, v in enumerate(value)]
    if value in ("true", "false"):
        return value == "true"
    if key in TEXT_KEYS and isinstance(value, str):
        return hostile(tag)
    return value


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def poison_project(root: Path) -> None:
    """Hostile text in every record of the project at `root`, and in a few fields added."""
    records = root / "records"
    for path in sorted(records.rglob("*")):
        extra = EXTRA.get(path.relative_to(records).as_posix(), {})
        if path.suffix == ".yaml":
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            kept = {k: data[k] for k in data if (path.stem, k) in KEPT}
            data = {**_poison(data, path.stem), **kept, **extra}
            path.write_text(_dump(data), encoding="utf-8")
        elif path.suffix == ".md":
            _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
            data = {**_poison(yaml.load(front, Loader=yaml.BaseLoader), path.stem), **extra}
            body = f"{body}\n\n{hostile(path.stem + '-body')}\n\n<script>{MARK}()</script>\n"
            path.write_text(f"---\n{_dump(data)}---\n{body}", encoding="utf-8")
    meetings = records / "associations" / "mpo-test" / "2025-2026" / "meetings"
    (meetings / "02.yaml").write_text(_dump(CANCELLED), encoding="utf-8")
    council = records / "council" / "consultations"
    council.mkdir(parents=True, exist_ok=True)
    (council / "2025-11-vk.yaml").write_text(_dump(COUNCIL_CONSULTATION), encoding="utf-8")


# Fields the base project leaves out, and a cancelled meeting: more places for hostile text.
# An address may not hold quotes or spaces, but may try to close a Markdown link.
TRICKY_URL = "https://vk.com/x)](javascript:alert(1))"
EXTRA: dict[str, dict[str, Any]] = {
    "practices/mentoring.md": {
        "tags": [hostile("mentoring-tag")],
        "materials": [{"title": hostile("mentoring-material"), "url": TRICKY_URL}],
    },
    "council/events/webinar-2025-11.yaml": {
        "outcome": hostile("webinar-outcome"),
        "url": TRICKY_URL,
    },
    "council/materials/vpr-video.yaml": {"vk_url": TRICKY_URL},
    "normative/list-2025.yaml": {"number": hostile("list-2025-number"), "url": TRICKY_URL},
    "organizations/school-1.yaml": {"address": hostile("school-1-address"), "website": TRICKY_URL},
}
CANCELLED = {
    "status": "cancelled",
    "date": "2025-10-16",
    "time": "15:00",
    "cancel_reason": hostile("02-cancel-reason"),
    "place": hostile("02-place"),
    "format": "online",
    "topic": hostile("02-topic"),
}
COUNCIL_CONSULTATION = {
    "date": "2025-11-20",
    "channel": "vk",
    "form": "online",
    "consultant": "sidorova-ev",
    "recipients": ["ivanova-ma"],
    "topic": hostile("2025-11-vk-topic"),
    "focus": ["vpr"],
    "summary": hostile("2025-11-vk-summary"),
    "recommendations": [hostile("2025-11-vk-recommendations0")],
    "vk_url": TRICKY_URL,
}


# --- building both editions ---------------------------------------------------------------

SITE_URLS = {"public": "https://rost.test.example/", "internal": "https://vnutr.test.example/rost/"}


def _mkdocs_project(root: Path) -> None:
    """The repository's site configuration, hand-written pages and theme overrides."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hook = "\n  - generator/mkdocs_hook.py\n"
    assert hook in config
    config = config.replace(hook, f"\n  - {REPO / 'generator' / 'mkdocs_hook.py'}\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(REPO / "mkdocs.internal.yml", root / "mkdocs.internal.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    settings = root / "records" / "settings.yaml"
    data = yaml.safe_load(settings.read_text(encoding="utf-8"))
    data["site"] |= {"public_url": SITE_URLS["public"], "internal_url": SITE_URLS["internal"]}
    settings.write_text(_dump(data), encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both editions of the hostile project, built strictly by MkDocs as they are published."""
    folder = tmp_path_factory.mktemp("hostile")
    root = build_case(CASES / "__none__", folder)
    poison_project(root)
    _mkdocs_project(root)
    built = {}
    for edition, config in (("public", "mkdocs.yml"), ("internal", "mkdocs.internal.yml")):
        site = folder / edition
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site)],
            cwd=root,
            env={**os.environ, "SITE_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        built[edition] = site
    return built


# --- reading what was built ---------------------------------------------------------------


class Page(HTMLParser):
    """One built page as a browser parses it: what would run, and the texts a reader sees."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []  # markup that came from a record
        self.titles: list[str] = []
        self.h1 = ""
        self._open: list[str] = []
        self._in_head = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == f"x-{MARK}":
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}={value!r}>")
            address = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in URL_ATTRIBUTES and address.startswith(("javascript:", "data:text")):
                self.live.append(f"<{tag} {name}={value!r}>")
        if tag == "head":
            self._in_head = True
        if tag in ("script", "h1", "style") or (tag == "title" and self._in_head):
            self._open.append(tag)
            if tag == "title":
                self.titles.append("")
        elif tag == "a" and "h1" in self._open and ("class", "headerlink") in attrs:
            self._open.append("headerlink")

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if self._open and self._open[-1] in (tag, "headerlink"):
            self._open.pop()

    def handle_data(self, data: str) -> None:
        where = self._open[-1] if self._open else ""
        if where in ("script", "style") and MARK in data:
            self.live.append(f"<{where}>{data.strip()[:80]}")
        elif where == "title":
            self.titles[-1] += data
        elif where == "h1":
            self.h1 += data


def html_pages(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site.rglob("*.html")):
        yield path.relative_to(site).as_posix(), path.read_text(encoding="utf-8")


def search_fragments(site: Path) -> list[dict[str, Any]]:
    """Pagefind's stored pages: gzip, a signature, then JSON with the page's text and title."""
    fragments = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragments.append(json.loads(data[len(b"pagefind_dcd") :]))
    return fragments


# --- the tests ----------------------------------------------------------------------------

RECORD_KINDS = {
    "practice": "mentoring-title",
    "practice body": "mentoring-body",
    "practice tag": "mentoring-tag",
    "meeting": "01-topic",
    "meeting place": "01-place",
    "cancelled meeting": "02-cancel-reason",
    "protocol agenda": "01-protocol-agenda0-question",
    "decision": "01-protocol-agenda0-decisions0-text",
    "consultation": "2025-10-07-school-1-topic",
    "request": "2025-10-school-1-topic",
    "deficit": "monitoring-title",
    "plan": "plan-goal",
    "analysis": "analysis-body",
    "association": "association-name",
    "council": "council-name",
    "council event": "webinar-2025-11-title",
    "council event organiser": "webinar-2025-11-organiser",
    "material": "vpr-video-title",
    "monitoring": "2025-10-source",
    "council consultation": "2025-11-vk-topic",
    "person name": "ivanova-ma-surname",
    "position": "sidorova-ev-positions0-title",
    "organization": "school-1-names0-short",
    "normative act": "list-2025-title",
}


def test_every_record_kind_reaches_the_pages_as_text(sites: dict[str, Path]) -> None:
    """The hostile words are on the pages — so the next tests look at real record text."""
    shown = "\n".join(
        html.unescape(re.sub(r"<[^>]+>", " ", text))
        for site in sites.values()
        for _, text in html_pages(site)
    )
    missing = [kind for kind, tag in RECORD_KINDS.items() if f"{MARK}-{tag}" not in shown]
    assert missing == []
    # …as the editor wrote them, including what looks like markup
    assert f"{MARK}-mentoring-title </title><script>alert('{MARK}-mentoring-title')" in shown


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_no_page_runs_or_links_record_markup(sites: dict[str, Path], edition: str) -> None:
    live = {}
    for name, text in html_pages(sites[edition]):
        page = Page(text)
        if page.live:
            live[name] = page.live
    assert live == {}


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_title_is_the_heading_as_text(sites: dict[str, Path], edition: str) -> None:
    """`<title>` says what the page's heading says (or its name in the navigation), neither
    revived as markup nor escaped twice."""
    hostile = []
    for name, text in html_pages(sites[edition]):
        page = Page(text)
        assert len(page.titles) == 1, name
        title, heading = page.titles[0].strip(), page.h1.strip()
        if MARK in title:
            assert title.startswith(heading + " - "), name
            hostile.append(name)
    assert {"practices/mentoring/index.html", "associations/mpo-test/index.html"} <= set(hostile)


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_search_index_holds_record_text_as_text(sites: dict[str, Path], edition: str) -> None:
    """Pagefind keeps a page's title and words as plain text, exactly as written; its
    interface prints titles as text and escapes excerpts (see the browser test below)."""
    titles = {f["meta"].get("title") for f in search_fragments(sites[edition])}
    assert " ".join(hostile("mentoring-title").split()) in titles


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_calendar_holds_no_markup_and_links_built_pages(
    sites: dict[str, Path], edition: str
) -> None:
    raw = (sites[edition] / "calendar.ics").read_text(encoding="utf-8")
    assert MARK in raw
    assert "<" not in raw and ">" not in raw
    events = list(Calendar.from_ical(raw).walk("VEVENT"))
    assert len(events) == 3
    for event in events:
        url = str(event["URL"])
        assert url.startswith(SITE_URLS[edition])
        path = url.removeprefix(SITE_URLS[edition]).partition("#")[0]
        assert (sites[edition] / path / "index.html").is_file(), url


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_atom_feed_holds_record_text_as_text_and_links_built_pages(
    sites: dict[str, Path], edition: str
) -> None:
    """feed.xml parses as XML whatever the records say; their words are its text, exactly as
    written (a reader shows `type="text"` as text); every entry links a page of the build."""
    raw = (sites[edition] / "feed.xml").read_text(encoding="utf-8")
    feed = ET.fromstring(raw.encode("utf-8"))
    atom = {"a": "http://www.w3.org/2005/Atom"}
    assert not [e for e in feed.iter() if not e.tag.startswith("{http://www.w3.org/2005/Atom}")]
    titles = [e.findtext("a:title", "", atom) for e in feed.findall("a:entry", atom)]
    assert " ".join(hostile("mentoring-title").split()) in {
        t.removeprefix("Практика: ") for t in titles
    }
    assert not any(f"{MARK}-2025-11-vk" in t for t in titles)  # consultations stay out
    entries = feed.findall("a:entry", atom)
    assert len(entries) >= 3
    for entry in entries:
        link = entry.find("a:link", atom)
        assert link is not None
        url = link.get("href", "")
        assert url.startswith(SITE_URLS[edition]), url
        path = url.removeprefix(SITE_URLS[edition]).partition("#")[0]
        assert (sites[edition] / path / "index.html").is_file(), url


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_every_page_links_the_atom_feed(sites: dict[str, Path], edition: str) -> None:
    link = re.compile(r'<link rel="alternate" type="application/atom\+xml" [^>]*href="([^"]+)"')
    for name, text in html_pages(sites[edition]):
        if name.startswith("admin/"):  # the forms' own page (Decap CMS), not the theme's
            continue
        found = link.findall(text)
        assert len(found) == 1, name
        if found[0].startswith("/"):  # 404.html, served at any address: from the site's root
            assert found[0] == urlsplit(SITE_URLS[edition]).path + "feed.xml", name
            continue
        target = (sites[edition] / name).parent / found[0]
        assert target.resolve() == (sites[edition] / "feed.xml").resolve(), name


# --- in a browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(sites: dict[str, Path]) -> Iterator[str]:
    """The public edition over HTTP on a free localhost port (search needs HTTP)."""
    with served_folder(sites["public"]) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("practices/mentoring/", "h1"),
        ("associations/mpo-test/", "h1"),
        # Pagefind's interface showing the hostile page's title and an excerpt of its words
        (f"search/?q={MARK}-mentoring-title", ".pagefind-ui__result-link"),
    ],
)
def test_hostile_page_runs_nothing_in_chromium(
    served: str, path: str, shown: str, browser: Browser
) -> None:
    page = browser.new_page()
    try:
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served + path)
        text = page.locator(shown).first.text_content(timeout=15_000) or ""
        page.wait_for_timeout(500)  # an image's onerror would fire after it failed to load
        injected = page.evaluate(INJECTED)
        title = page.title()
    finally:
        page.close()
    assert dialogs == []
    assert injected == []
    assert f"{MARK}-" in text and "</script>" in text  # shown as the editor wrote it
    if shown == "h1":
        assert title.startswith(text.strip().removesuffix("¶").strip())


# Elements and attributes the hostile text would have made, had it become markup.
INJECTED = f"""() => [...document.querySelectorAll(
    'x-{MARK}, img[src="x"], [onerror], [onmouseover], [onclick], a[href^="javascript:"]'
)].map(element => element.outerHTML)"""
