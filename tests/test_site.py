"""A real MkDocs build: the sample builds strictly; an invalid record stops the build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import CASES, REPO, build_case


def _mkdocs_project(root: Path) -> Path:
    """Give a case project the repository's site configuration and hand-written pages."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(REPO / "generator" / "mkdocs_hook.py")]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")  # theme.custom_dir
    return root


def _build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_valid_records_build_a_strict_site(tmp_path: Path) -> None:
    root = _mkdocs_project(build_case(CASES / "__none__", tmp_path))
    site = tmp_path / "site"
    result = _build(root, site)
    assert result.returncode == 0, result.stderr
    page = site / "associations" / "mpo-test" / "2025-2026" / "meetings" / "01" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "Протокол № 1" in text and "Выборы руководителя объединения" in text
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_invalid_record_stops_the_build_with_validate_messages(tmp_path: Path) -> None:
    root = _mkdocs_project(build_case(CASES / "enum-typo", tmp_path))
    site = tmp_path / "site"
    result = _build(root, site)
    assert result.returncode != 0
    assert (
        "records/associations/mpo-test/2025-2026/meetings/01.yaml:1:9: status (Статус): "
        "недопустимое значение «hled»"
    ) in result.stderr
    assert not (site / "index.html").exists()
