"""Golden cases: a small project with one mistake in, the exact `validate` output out.

Each folder under tests/cases (except `base`) holds `overlay/` — files copied over the base
project —, optionally `remove.txt` — base files to delete —, and `expected.txt`, the exact
output of `python -m generator validate`. After an intended change of messages, regenerate
the expected files with `UPDATE_GOLDENS=1 python -m pytest tests/test_cases.py` and review
the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import CASES, build_case

NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name != "base")


@pytest.mark.parametrize("name", NAMES)
def test_validate_output_matches_golden(name: str, tmp_path: Path, runner: CliRunner) -> None:
    case = CASES / name
    root = build_case(case, tmp_path)
    result = runner.invoke(main, ["validate", "--root", str(root)])
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDENS"):
        expected_file.write_text(result.output, encoding="utf-8")
    assert result.output == expected_file.read_text(encoding="utf-8")
    assert result.exit_code == (0 if "Ошибок: 0." in result.output else 1)


def test_base_project_is_valid(base_project: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--root", str(base_project)])
    assert result.exit_code == 0, result.output
    assert "Ошибок: 0." in result.output
