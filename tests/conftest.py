"""Shared fixtures: the CLI runner and throwaway copies of small projects."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from click.testing import CliRunner

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


def untypeset(text: str) -> str:
    """Text as typed, without the typography pages and documents get (`russian.typeset`):
    for tests about what a page says rather than how it is set."""
    return text.replace("\u00a0", " ").replace("„", "«").replace("“", "»")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def build_case(case: Path, destination: Path) -> Path:
    """The base project with a case's overlay files copied over it and its removals applied."""
    root = destination / "project"
    shutil.copytree(CASES / "base", root)
    overlay = case / "overlay"
    if overlay.is_dir():
        shutil.copytree(overlay, root, dirs_exist_ok=True)
    removals = case / "remove.txt"
    if removals.is_file():
        for line in removals.read_text(encoding="utf-8").split():
            (root / line).unlink()
    return root


@pytest.fixture
def base_project(tmp_path: Path) -> Path:
    """A fresh copy of the small valid project every case starts from."""
    return build_case(CASES / "__none__", tmp_path)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # without these Chromium calls Google's services, and this network refuses them
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def unavailable(reason: str) -> NoReturn:
    """Skip on a developer's machine; fail in CI, where .ci/run must have installed it all."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI=true: .ci/run должен был это установить)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, one for the whole session (Playwright allows one sync
    driver per thread, so every browser test shares it)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable('Нет пакета playwright: pip install -e ".[dev]"')
    executable = shutil.which("chromium")
    if executable is None:
        unavailable("Нет Chromium: apt-get install -y chromium chromium-driver")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def served_folder(directory: Path) -> Iterator[str]:
    """A folder over HTTP on a free localhost port, served from a thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
