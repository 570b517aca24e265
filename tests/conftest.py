"""Shared fixtures: the CLI runner and throwaway copies of small projects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


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
