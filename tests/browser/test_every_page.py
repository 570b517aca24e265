"""Every page of both editions in Chromium, on a desktop (1280×900) and on a phone (390×844):
tables fit their column on the desktop, nothing makes a phone's page scroll sideways, a table
too wide for the phone is a labelled scroll region that the keyboard reaches, axe-core finds
no serious or critical WCAG 2.1 A/AA violation, and the closed menu of a phone takes no focus.

The pages are visited once per session, in one tab per screen size, and axe-core is injected
into each page once; the tests below only read what the visits found.
"""

from __future__ import annotations

import html
import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from .conftest import address_path, all_pages

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the browser fixture then skips (or, in CI, fails) with the reason
    PlaywrightError = Exception  # type: ignore[misc,assignment]

pytestmark = pytest.mark.browser

SCREENS: dict[str, ViewportSize] = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
SLACK = 1  # px: sub-pixel rounding, not overflow

# Material wraps each table of the text into .md-typeset__scrollwrap > .md-typeset__table
# once its script has run; docs/javascripts/tables.js then marks the wrappers that scroll.
SETTLED = """() => document.querySelectorAll('.md-typeset table:not([class])').length
    === document.querySelectorAll('.md-typeset__table > table').length
    && document.documentElement.dataset.cnppmTables === 'ready'"""

# Each table's box against the box it sits in; the page's own width against the screen's.
MEASURE = """() => {
  const tables = [...document.querySelectorAll('article table')].map((table, index) => {
    const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
    const heading = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
    return {
      index,
      columns: heading.join(' | '),
      // whichever scrolls: the wrapper, or the table itself
      scrollWidth: Math.max(box.scrollWidth, table.scrollWidth - table.clientWidth + box.clientWidth),
      clientWidth: box.clientWidth,
      role: box.getAttribute('role'),
      tabindex: box.getAttribute('tabindex'),
      label: box.getAttribute('aria-label') || '',
    };
  });
  return {
    tables,
    pageWidth: document.documentElement.scrollWidth,
    screenWidth: document.documentElement.clientWidth,
  };
}"""


@dataclass
class Visit:
    edition: str
    screen: str
    path: str
    status: int
    tables: list[dict[str, Any]] = field(default_factory=list)
    page_width: int = 0
    screen_width: int = 0
    violations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"[{self.edition} {self.screen}] /{self.path}"


def _visit(page: Page, url: str, visit: Visit) -> None:
    response = page.goto(url)
    visit.status = response.status if response else 0
    try:
        page.wait_for_function(SETTLED, timeout=10_000)
    except PlaywrightError as error:
        pytest.fail(f"{visit.where}: таблицы страницы не размечены: {error}", pytrace=False)
    measured = page.evaluate(MEASURE)
    visit.tables = measured["tables"]
    visit.page_width = measured["pageWidth"]
    visit.screen_width = measured["screenWidth"]
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    visit.violations = [v for v in result["violations"] if v["impact"] in BLOCKING]


@pytest.fixture(scope="session")
def every_page(
    browser: Browser,
    built_sites: dict[str, Path],
    site_urls: dict[str, str],
    axe_script: Path,
) -> list[Visit]:
    """Every page of both editions on both screens, each visited once."""
    visits: list[Visit] = []
    for screen, viewport in SCREENS.items():
        context = browser.new_context(viewport=viewport, locale="ru-RU", color_scheme="light")
        context.add_init_script(path=str(axe_script))  # once per page, parsed with it
        page = context.new_page()
        for edition, site in built_sites.items():
            for path in all_pages(site):
                visit = Visit(edition, screen, path, 0)
                _visit(page, site_urls[edition] + path, visit)
                visits.append(visit)
        context.close()
    return visits


def test_every_page_of_both_editions_is_visited(
    every_page: list[Visit], built_sites: dict[str, Path]
) -> None:
    for edition, site in built_sites.items():
        pages = all_pages(site)
        assert len(pages) > 10, (edition, pages)
        for screen in SCREENS:
            visited = [v.path for v in every_page if (v.edition, v.screen) == (edition, screen)]
            assert visited == pages
    # 404.html too: a static server sends it with 200, as a page like the others.
    broken = [f"{v.where}: HTTP {v.status}" for v in every_page if v.status != 200]
    assert not broken, "\n".join(broken)


def test_tables_fit_the_desktop_column(every_page: list[Visit]) -> None:
    wide = [
        f"{v.where}: таблица {t['index'] + 1} ({t['columns']}) "
        f"{t['scrollWidth']} px при ширине {t['clientWidth']} px"
        for v in every_page
        if v.screen == "desktop"
        for t in v.tables
        if t["scrollWidth"] > t["clientWidth"] + SLACK
    ]
    assert not wide, "\n".join(wide)


def test_no_page_scrolls_sideways_on_a_phone(every_page: list[Visit]) -> None:
    wide = [
        f"{v.where}: страница {v.page_width} px при экране {v.screen_width} px"
        for v in every_page
        if v.page_width > v.screen_width + SLACK
    ]
    assert not wide, "\n".join(wide)


def test_tables_wider_than_a_phone_are_labelled_scroll_regions(every_page: list[Visit]) -> None:
    bad = [
        f"{v.where}: таблица {t['index'] + 1} ({t['columns']}): role={t['role']}, "
        f"tabindex={t['tabindex']}, aria-label={t['label']!r}"
        for v in every_page
        for t in v.tables
        if t["scrollWidth"] > t["clientWidth"] + SLACK
        and not (t["role"] == "region" and t["tabindex"] == "0" and t["label"].strip())
    ]
    assert not bad, "\n".join(bad)


def test_tables_that_fit_are_not_tab_stops(every_page: list[Visit]) -> None:
    stops = [
        f"{v.where}: таблица {t['index'] + 1} ({t['columns']})"
        for v in every_page
        for t in v.tables
        if t["scrollWidth"] <= t["clientWidth"] + SLACK and t["tabindex"] is not None
    ]
    assert not stops, "\n".join(stops)


def test_no_serious_wcag_violations_on_any_page(every_page: list[Visit]) -> None:
    found = [
        f"{v.where}: {x['id']} ({x['impact']}): {x['help']} — "
        f"{[n['target'] for n in x['nodes'][:5]]}"
        for v in every_page
        for x in v.violations
    ]
    assert not found, "\n".join(found)


# The phone's menu --------------------------------------------------------------------------

# The element that has the keyboard focus: where it is, whether it lies in the menu, and
# whether it is what a reader sees at its place (not under a panel, not off the screen).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {
    html: el.outerHTML.slice(0, 120),
    name: el.getAttribute('aria-label') || el.textContent.replace(/\\s+/g, ' ').trim(),
    inMenu: !!el.closest('.md-sidebar--primary'),
    seen: !!hit && (hit === el || el.contains(hit)),
    left: box.left,
    right: box.right,
  };
}"""
TABS = 80  # more than the tab stops of the pages below; a walk stops when focus wraps
PHONE_WIDTH = SCREENS["phone"]["width"]
MENU_BUTTON = 'label.md-header__button[for="__drawer"]'
DRAWER_OPEN = "() => document.getElementById('__drawer').checked"
SLIDE = 300  # ms: the drawer and its panels slide for 250 ms


def _tab_walk(page: Page, presses: int, *, while_in_menu: bool = False) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (seen and focused["html"] == seen[0]["html"]):
            break
        if while_in_menu and not focused["inMenu"]:
            break
        seen.append(focused)
    return seen


def _phone_pages(built_sites: dict[str, Path]) -> list[tuple[str, str]]:
    """A protocol on both editions (a table, links in the text), and a page of the editors'
    guide, a section of its own in the internal menu: its panel is open in the closed menu."""
    guide = [path for path in all_pages(built_sites["internal"]) if path.startswith("guide/")]
    assert guide, "the internal edition has the editors' guide"
    return [("public", PROTOCOL), ("internal", PROTOCOL), ("internal", guide[0])]


PROTOCOL = "associations/mpo-tula/2025-2026/meetings/03/"


def test_the_closed_menu_of_a_phone_takes_no_focus(
    browser: Browser, built_sites: dict[str, Path], site_urls: dict[str, str]
) -> None:
    context = browser.new_context(viewport=SCREENS["phone"], locale="ru-RU")
    page = context.new_page()
    try:
        for edition, path in _phone_pages(built_sites):
            page.goto(site_urls[edition] + path)
            page.wait_for_function(SETTLED, timeout=10_000)
            walk = _tab_walk(page, TABS)
            assert len(walk) > 3, walk
            assert walk[1]["html"].startswith("<label") and walk[1]["name"] == "Меню", walk[:3]
            hidden = [
                f"[{edition}] /{path}: {f['html']}"
                for f in walk
                if f["inMenu"] or f["right"] <= 0 or f["left"] >= PHONE_WIDTH
            ]
            assert not hidden, "\n".join(hidden)
    finally:
        context.close()


def _open_menu(page: Page, where: str) -> None:
    button = page.locator(MENU_BUTTON)
    assert button.get_attribute("aria-expanded") == "false", where
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(DRAWER_OPEN)
    assert button.get_attribute("aria-expanded") == "true", where
    page.wait_for_timeout(SLIDE)
    assert page.evaluate(FOCUSED)["inMenu"], where


def test_the_menu_of_a_phone_works_from_the_keyboard(
    browser: Browser, built_sites: dict[str, Path], site_urls: dict[str, str]
) -> None:
    """☰ opens the menu and takes the focus into it; every stop in it is in sight; Tab past
    its end closes it; a section's title goes back to the list of sections; Escape closes
    it and gives the focus back to ☰."""
    context = browser.new_context(viewport=SCREENS["phone"], locale="ru-RU")
    page = context.new_page()
    try:
        for edition, path in _phone_pages(built_sites):
            where = f"[{edition}] /{path}"
            page.goto(site_urls[edition] + path)
            page.wait_for_function(SETTLED, timeout=10_000)
            assert page.locator(MENU_BUTTON).get_attribute("role") == "button", where
            _open_menu(page, where)
            walk = [page.evaluate(FOCUSED), *_tab_walk(page, TABS, while_in_menu=True)]
            assert len(walk) > 3, (where, walk)
            assert [f["html"] for f in walk if not f["seen"]] == [], where
            assert not page.evaluate(DRAWER_OPEN), f"{where}: Tab out of the menu closes it"
            if path.startswith("guide/"):  # its section's panel is open: back to the list
                _open_menu(page, where)
                back = page.locator(".md-nav--primary label.md-nav__title[for^='__nav']").first
                assert back.get_attribute("role") == "button", where
                back.focus()
                page.keyboard.press("Enter")
                page.wait_for_timeout(SLIDE)
                focused = page.evaluate(FOCUSED)
                assert focused["seen"] and focused["name"].startswith("Раздел «"), focused
                walk = _tab_walk(page, TABS, while_in_menu=True)
                assert [f["html"] for f in walk if not f["seen"]] == [], where
            _open_menu(page, where)
            page.keyboard.press("Escape")
            page.wait_for_function(f"() => !({DRAWER_OPEN})()")
            assert page.evaluate("() => document.activeElement.getAttribute('for')") == "__drawer"
    finally:
        context.close()


# The public edition -------------------------------------------------------------------------

# What only the internal edition shows. tests/test_public_edition.py checks the public edition
# in depth; should it name its markers in a list (INTERNAL_MARKERS), that list is used here.
FALLBACK_MARKERS = ("Контроль исполнения", "Руководство редактора")


def internal_markers() -> tuple[str, ...]:
    try:
        module = importlib.import_module("tests.test_public_edition")
    except ImportError:
        return FALLBACK_MARKERS
    markers = getattr(module, "INTERNAL_MARKERS", None)
    return tuple(str(marker) for marker in markers) if markers else FALLBACK_MARKERS


def _text(page: str) -> str:
    text = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_public_edition_has_no_guide_pages(built_sites: dict[str, Path]) -> None:
    guide = [path for path in all_pages(built_sites["public"]) if path.startswith("guide/")]
    assert not guide, guide


def test_public_edition_shows_no_internal_markers(built_sites: dict[str, Path]) -> None:
    markers = internal_markers()
    site = built_sites["public"]
    found = []
    for path in all_pages(site):
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        text = _text(file.read_text(encoding="utf-8")).casefold()
        found += [f"/{path}: «{marker}»" for marker in markers if marker.casefold() in text]
    assert not found, "\n".join(found)


# Weight -------------------------------------------------------------------------------------

ASSET = re.compile(r"<(?:script|img)\b[^>]*\bsrc=\"([^\"]+)\"|<link\b[^>]*\bhref=\"([^\"]+)\"")


def test_sites_carry_no_source_maps_nor_the_themes_search(built_sites: dict[str, Path]) -> None:
    """generator/mkdocs_hook.py removes them after the build: nothing loads them."""
    for edition, site in built_sites.items():
        assert not list(site.rglob("*.map")), edition
        assert not (site / "assets/javascripts/workers").exists(), edition
        assert not (site / "assets/javascripts/lunr").exists(), edition
        texts = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
        texts += [path.read_text(encoding="utf-8") for path in (site / "assets").rglob("*.js")]
        assert not [t for t in texts if "sourceMappingURL" in t or "workers/search" in t], edition


def test_every_script_stylesheet_and_image_of_a_page_exists(built_sites: dict[str, Path]) -> None:
    missing = []
    for edition, site in built_sites.items():
        root = f"/{address_path(edition)}/".replace("//", "/")  # where the site is deployed
        for file in site.rglob("*.html"):
            for match in ASSET.finditer(file.read_text(encoding="utf-8")):
                url = urlsplit(html.unescape(match.group(1) or match.group(2)))
                if url.scheme or url.netloc or not url.path:
                    continue
                if url.path.startswith("/"):
                    target = (site / url.path.removeprefix(root)).resolve()
                else:
                    target = (file.parent / url.path).resolve()
                if not (target.is_file() or (target / "index.html").is_file()):
                    missing.append(f"[{edition}] {file.relative_to(site)}: {url.path}")
    assert not missing, "\n".join(missing)
