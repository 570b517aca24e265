"""The built site in a real browser: no console errors, nothing loaded from outside localhost,
no serious accessibility violations (axe-core) in either palette, and search that finds
Russian word forms. Screenshots of every visited page go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

import pytest

from .conftest import NOT_PAGES, article_text, sample_pages

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request

pytestmark = pytest.mark.browser

# The light palette gets the whole audit; the dark one, which changes only colours, the
# colour rules (and a screenshot of the first screen), to keep the session short.
Scheme = Literal["light", "dark"]
AUDITS: dict[Scheme, str] = {
    "light": "{resultTypes: ['violations']}",
    "dark": "{resultTypes: ['violations'], runOnly: ['color-contrast', 'link-in-text-block']}",
}
BLOCKING = {"serious", "critical"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# A query, and the other forms of the same word; the sample records must have a page that
# holds another form but not the query's own.
WORD_FORMS = (
    ("консультации", ("консультация", "консультацию", "консультацией", "консультаций")),
    ("наставничества", ("наставничество", "наставничестве", "наставничеству")),
    ("дефицитов", ("дефицит", "дефицита", "дефициту", "дефициты", "дефицитах")),
)


@dataclass
class Recorder:
    """What pages of one browser context did wrong: console errors and outside requests."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._request)
        context.on("page", self._page)

    def _page(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def _request(self, request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.hostname not in LOCAL_HOSTS:
            self.outside.append(request.url)

    def take(self) -> tuple[list[str], list[str]]:
        taken = (self.errors[:], self.outside[:])
        self.errors.clear()
        self.outside.clear()
        return taken


@dataclass
class Visit:
    path: str
    scheme: str
    errors: list[str]
    outside: list[str]
    violations: list[dict[str, Any]]


def _audit(page: Page, axe_script: Path, scheme: Scheme) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate(f"() => axe.run(document, {AUDITS[scheme]})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def _describe(violations: list[dict[str, Any]]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:5]]}"
        for v in violations
    ]


def _screenshot_name(path: str, scheme: str) -> str:
    name = re.sub(r"[^\w.-]+", "__", path.strip("/").removesuffix(".html")) or "home"
    return f"{name}-{scheme}.png"


def _context(browser: Browser, scheme: Scheme) -> BrowserContext:
    return browser.new_context(
        color_scheme=scheme, viewport={"width": 1280, "height": 900}, locale="ru-RU"
    )


@pytest.fixture(scope="session")
def visits(
    browser: Browser, base_url: str, built_site: Path, axe_script: Path, screenshots: Path
) -> list[Visit]:
    """Every sampled page in both palettes, visited once: errors, requests, axe, screenshot."""
    done: list[Visit] = []
    for scheme in AUDITS:
        context = _context(browser, scheme)
        recorder = Recorder()
        recorder.attach(context)
        page = context.new_page()
        for path in sample_pages(built_site):
            response = page.goto(base_url + path)
            violations = _audit(page, axe_script, scheme)
            page.screenshot(
                path=screenshots / _screenshot_name(path, scheme), full_page=scheme == "light"
            )
            errors, outside = recorder.take()
            if response is None or not response.ok:
                errors.append(f"HTTP {response.status if response else '—'}")
            done.append(Visit(path, scheme, errors, outside, violations))
        context.close()
    return done


def test_home_search_and_every_section_are_visited(visits: list[Visit], built_site: Path) -> None:
    visited = {visit.path for visit in visits}
    sections = {page.relative_to(built_site).parts[0] for page in built_site.glob("*/index.html")}
    assert {"", "search/"} <= visited
    assert sections - NOT_PAGES <= {path.split("/")[0] for path in visited}, sorted(visited)


def test_pages_log_no_console_errors(visits: list[Visit]) -> None:
    errors = [f"[{v.scheme}] /{v.path}: {error}" for v in visits for error in v.errors]
    assert not errors, "\n".join(errors)


def test_pages_request_nothing_outside_localhost(visits: list[Visit]) -> None:
    outside = [f"/{v.path}: {url}" for v in visits for url in v.outside]
    assert not outside, "\n".join(outside)


def test_pages_have_no_serious_accessibility_violations(visits: list[Visit]) -> None:
    found = [f"[{v.scheme}] /{v.path}: {line}" for v in visits for line in _describe(v.violations)]
    assert not found, "\n".join(found)


# Search ---------------------------------------------------------------------------------


@dataclass
class Target:
    query: str
    path: str  # a page that holds another form of the query's word, never the query's own
    form: str


@pytest.fixture(scope="session")
def target(built_site: Path) -> Target:
    """A word to search for and a built page that has only other forms of it."""
    texts = {
        "/".join(path.parent.relative_to(built_site).parts): article_text(
            path.read_text(encoding="utf-8")
        ).lower()
        for path in sorted(built_site.rglob("index.html"))
    }
    for query, forms in WORD_FORMS:
        for path, text in texts.items():
            if re.search(rf"\b{query}\b", text):
                continue
            for form in forms:
                if re.search(rf"\b{form}\b", text):
                    return Target(query, f"{path}/" if path else "", form)
    pytest.fail(f"Ни на одной странице нет другой формы слов {[q for q, _ in WORD_FORMS]}")


if TYPE_CHECKING:
    OpenTab = Callable[[Scheme], tuple[Page, Recorder]]


@pytest.fixture
def open_tab(browser: Browser) -> Iterator[OpenTab]:
    """Opens a fresh page in its own context (a palette), its console and requests recorded."""
    contexts: list[BrowserContext] = []

    def open_tab(scheme: Scheme) -> tuple[Page, Recorder]:
        context = _context(browser, scheme)
        contexts.append(context)
        recorder = Recorder()
        recorder.attach(context)
        return context.new_page(), recorder

    try:
        yield open_tab
    finally:
        for context in contexts:
            context.close()


# Results are shown, and none of them is still a loading placeholder.
SETTLED = """() => document.querySelector('.pagefind-ui__result') !== null
    && document.querySelector('.pagefind-ui__results .pagefind-ui__loading') === null"""


def _result_paths(page: Page, base_url: str, wanted: str) -> list[str]:
    """Paths of the search results, opening more of them until `wanted` is among them."""
    base = urlsplit(base_url).path
    while True:
        page.wait_for_function(SETTLED, timeout=10_000)
        hrefs = page.locator(".pagefind-ui__result-link").evaluate_all(
            "links => links.map(link => link.pathname)"
        )
        paths = [href.removeprefix(base) for href in hrefs]
        more = page.locator(".pagefind-ui__button")
        if wanted in paths or more.count() == 0:
            return paths
        shown = page.locator(".pagefind-ui__result").count()
        more.first.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.pagefind-ui__result').length > n", arg=shown
        )


def _check_clean(page: Page, recorder: Recorder, axe_script: Path, scheme: Scheme) -> None:
    """The results page, too: no console errors, no outside requests, no serious violations."""
    errors, outside = recorder.take()
    assert not errors, errors
    assert not outside, outside
    violations = _audit(page, axe_script, scheme)
    assert not violations, "\n".join(_describe(violations))


def test_search_page_finds_other_forms_of_a_word(
    open_tab: OpenTab, base_url: str, target: Target, axe_script: Path, screenshots: Path
) -> None:
    page, recorder = open_tab("light")
    page.goto(base_url + "search/")
    field = page.locator(".pagefind-ui__search-input")
    field.press_sequentially(target.query)
    field.press("End")  # one real key: Pagefind reacts to it after text typed as Cyrillic
    paths = _result_paths(page, base_url, target.path)
    page.screenshot(path=screenshots / "search-typed-light.png", full_page=True)
    assert target.path in paths, (target, paths)
    assert "search/" not in paths  # the search page itself is not indexed
    assert "¶" not in page.locator(".pagefind-ui__results").inner_text()  # nor permalinks
    _check_clean(page, recorder, axe_script, "light")


def test_header_search_opens_the_search_page_with_results(
    open_tab: OpenTab, base_url: str, target: Target, axe_script: Path, screenshots: Path
) -> None:
    page, recorder = open_tab("dark")
    page.goto(base_url)
    box = page.locator(".cnppm-search__input")
    box.fill(target.query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator(".pagefind-ui__search-input").input_value() == target.query
    paths = _result_paths(page, base_url, target.path)
    page.screenshot(path=screenshots / "search-from-header-dark.png", full_page=True)
    assert target.path in paths, (target, paths)
    _check_clean(page, recorder, axe_script, "dark")
