"""Browser fixtures: both editions of the sample site built once, served on localhost, one
Chromium per session.

Chromium is Debian's (`apt-get install chromium`, done by .ci/run), driven by Playwright
without `playwright install`; axe-core comes from npm into tests/node/node_modules.
Outside CI a missing piece skips these tests with the reason; with CI=true it fails them.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from ..conftest import REPO, served_folder, unavailable

if TYPE_CHECKING:
    pass

AS_OF = "2026-11-20"  # the sample records' "today": upcoming and past events both exist
AXE = Path(__file__).resolve().parent.parent / "node" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
# Folders of the built site that hold no pages of their own kind.
NOT_PAGES = {"assets", "pagefind", "search", "javascripts", "stylesheets"}
# Folders of the built site that hold the theme's and the search's files, never a page.
THEME_FILES = {"assets", "pagefind"}
FEW_NAMES = 4  # more folder names than this beside each other are records of one kind


EDITIONS = {"public": "mkdocs.yml", "internal": "mkdocs.internal.yml"}


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both editions of the sample records' site, built once per session, strictly, from the
    repository as README says; the two builds run side by side."""
    root = tmp_path_factory.mktemp("browser")
    # Each site is built at the path of its address (the internal one lives at /rost/), as it
    # is deployed: 404.html links the theme's files from that path.
    sites = {edition: root / edition / address_path(edition) for edition in EDITIONS}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    builds = {
        edition: subprocess.Popen(
            [*mkdocs, "-f", config, "-d", str(sites[edition])],
            cwd=REPO,
            env={**os.environ, "SITE_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for edition, config in EDITIONS.items()
    }
    failed = []
    for edition, build in builds.items():
        _, stderr = build.communicate()
        if build.returncode != 0:
            failed.append(f"{edition} ({EDITIONS[edition]}):\n{stderr}")
    if failed:
        pytest.fail("mkdocs build --strict не прошёл:\n" + "\n".join(failed), pytrace=False)
    return sites


def address_path(edition: str) -> str:
    """`rost` for https://intra.cnppm-tula.example/rost/: the path of the edition's address."""
    settings = yaml.safe_load((REPO / "records" / "settings.yaml").read_text(encoding="utf-8"))
    address = settings["site"].get(f"{edition}_url") or "/"
    return urllib.parse.urlsplit(address).path.strip("/")


@pytest.fixture(scope="session")
def built_site(built_sites: dict[str, Path]) -> Path:
    """The public site."""
    return built_sites["public"]


@pytest.fixture(scope="session")
def site_urls(built_sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each edition's built site at its own localhost address, at its address's path."""
    with contextlib.ExitStack() as stack:
        urls = {}
        for edition, site in built_sites.items():
            path = address_path(edition)
            host = site.parents[len(Path(path).parts) - 1] if path else site
            urls[edition] = stack.enter_context(served_folder(host)) + (f"{path}/" if path else "")
        yield urls


@pytest.fixture(scope="session")
def base_url(site_urls: dict[str, str]) -> str:
    """The public site's address."""
    return site_urls["public"]


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        unavailable("Нет axe-core: (cd tests/node && npm ci)")
    return AXE


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """test-artifacts/screenshots/, emptied at the start of the session (git-ignored)."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


def all_pages(site: Path) -> list[str]:
    """Every page of a built site, as paths from its root (`folder/` for `folder/index.html`)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        if parts[0] in THEME_FILES or parts[0] == "admin":
            continue  # the theme's own files; the forms of /admin/ (test_cms_forms.py)
        name = "/".join(parts)
        pages.append(name.removesuffix("index.html") if parts[-1] == "index.html" else name)
    return pages


def sample_pages(site: Path) -> list[str]:
    """Pages to visit, as paths from the site's root: the home page, the search page, the
    not-found page and, in every top-level section, the first and last page of each kind.

    Pages are found in the built site, so a new kind of page is covered as soon as it is
    built. A kind is (section, depth, folder name). A folder name names a kind of its own when
    it recurs under different parents (`meetings`, `deficits`) or is one of a few names beside
    each other (`council/events`, `council/materials`); names with digits (years, numbers)
    and names among many (record ids) are instances of one kind.
    """
    folders = sorted(
        path.parent.relative_to(site).parts for path in site.rglob("index.html") if path.is_file()
    )
    folders = [parts for parts in folders if parts and parts[0] not in NOT_PAGES]
    parents: dict[tuple[int, str], set[tuple[str, ...]]] = defaultdict(set)
    named: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for parts in folders:
        parents[(len(parts), parts[-1])].add(parts[:-1])
        if not re.search(r"\d", parts[-1]):
            named[parts[:-1]].add(parts[-1])

    def kind(parts: tuple[str, ...]) -> str:
        name = parts[-1]
        if len(parts) == 1:
            return name
        if re.search(r"\d", name):
            return "*"
        few = len(named[parts[:-1]]) <= FEW_NAMES
        return name if few or len(parents[(len(parts), name)]) > 1 else "*"

    kinds: dict[tuple[str, int, str], list[tuple[str, ...]]] = defaultdict(list)
    for parts in folders:
        kinds[(parts[0], len(parts), kind(parts))].append(parts)
    chosen = ["", "search/", "404.html"]
    for members in kinds.values():
        for parts in dict.fromkeys([members[0], members[-1]]):
            chosen.append("/".join(parts) + "/")
    return chosen


def article_text(page: str) -> str:
    """The indexed part of a built page (the article marked data-pagefind-body), as text."""
    match = re.search(r"<article\b[^>]*\bdata-pagefind-body\b[^>]*>(.*?)</article>", page, re.S)
    if match is None:
        return ""
    text = html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))
    return re.sub(r"\s+", " ", text)
