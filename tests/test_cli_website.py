"""`site build` / `site serve`: the site in one command, and every line it prints is Russian."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import CASES, REPO, build_case

LATIN_WORD = re.compile(r"\b(INFO|WARNING|Material|MkDocs|Documentation|Serving|Building)\b")


def _project(tmp_path: Path) -> Path:
    """The small valid project with the repository's site configuration and pages."""
    root = build_case(CASES / "__none__", tmp_path)
    hook = REPO / "generator" / "mkdocs_hook.py"
    for name in ("mkdocs.yml", "mkdocs.internal.yml"):
        config = (REPO / name).read_text(encoding="utf-8")
        (root / name).write_text(config.replace("generator/mkdocs_hook.py", str(hook)), "utf-8")
    for folder in ("docs", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _site(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "site", *args, "--as-of", "2026-03-01"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_site_build_checks_exports_and_builds_speaking_russian(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = _site(root, "build", "--edition", "internal")
    assert result.returncode == 0, result.stdout + result.stderr
    printed = result.stdout + result.stderr
    assert LATIN_WORD.search(printed) is None, printed  # no MkDocs banner, no English log
    assert (
        printed.splitlines()[-1] == "Собран внутренний сайт центра на 01.03.2026: site-internal/."
    )
    assert (root / "site-internal" / "index.html").is_file()
    assert any((root / "build" / "documents" / "internal").rglob("*.docx"))


def test_site_build_stops_at_invalid_records_with_their_messages(tmp_path: Path) -> None:
    root = _project(tmp_path)
    meeting = root / "records/associations/mpo-test/2025-2026/meetings/01.yaml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("status: held", "status: hled", 1)
    )
    result = _site(root, "build")
    assert result.returncode == 1
    assert "01.yaml:1:9: status (Статус): недопустимое значение «hled»" in result.stdout
    assert not (root / "site").exists()
