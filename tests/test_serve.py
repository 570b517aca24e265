"""`mkdocs serve` picks up an edited record and serves the rebuilt page."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import CASES, build_case
from .test_site import _build, _mkdocs_project

MEETING = "records/associations/mpo-test/2025-2026/meetings/01.yaml"
PAGE = "associations/mpo-test/2025-2026/meetings/01/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_reloads_an_edited_record(tmp_path: Path) -> None:
    root = _mkdocs_project(build_case(CASES / "__none__", tmp_path))
    port = _free_port()
    scratch = tmp_path / "scratch"  # the server's temporary folders
    scratch.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "SITE_AS_OF": "2025-12-01", "TMPDIR": str(scratch)},
    )
    try:
        url = f"http://127.0.0.1:{port}/{PAGE}"
        assert _wait_for(url, "Установочное заседание", 60), "the page was never served"
        record = root / MEETING
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("Установочное заседание", "Первое заседание года"), "utf-8")
        assert _wait_for(url, "Первое заседание года", 30), "the edit did not reach the page"
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C, as a person stops it
        server.wait(timeout=20)
    assert list(scratch.iterdir()) == []  # the preview and its search index copy are gone


def test_symlink_under_docs_stops_the_build(tmp_path: Path) -> None:
    root = _mkdocs_project(build_case(CASES / "__none__", tmp_path))
    (root / "docs" / "leak.md").symlink_to("/etc/hostname")
    result = _build(root, tmp_path / "site")
    assert result.returncode != 0
    assert "Символьные ссылки в docs не допускаются: leak.md" in result.stderr
