"""Golden copies of both sites' generated pages for the sample records as of 20.11.2026.

After an intended change of templates or sample records, regenerate them with

    python -m generator pages --edition public --as-of 2026-11-20 --out tests/golden/public --only-generated
    python -m generator pages --edition internal --as-of 2026-11-20 --out tests/golden/internal --only-generated

and review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO

GOLDEN = Path(__file__).parent / "golden"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_generated_pages_match_golden(edition: str, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / edition
    result = runner.invoke(
        main,
        ["pages", "--root", str(REPO), "--edition", edition, "--as-of", "2026-11-20",
         "--out", str(out), "--only-generated"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    produced, expected = _tree(out), _tree(GOLDEN / edition)
    assert sorted(produced) == sorted(expected), "regenerate: see this module's docstring"
    changed = [name for name in expected if produced[name] != expected[name]]
    assert changed == [], "regenerate: see this module's docstring"


def test_same_records_and_date_give_the_same_site(tmp_path: Path, runner: CliRunner) -> None:
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        args = ["pages", "--root", str(REPO), "--as-of", "2026-11-20", "--out", str(out)]
        assert runner.invoke(main, args).exit_code == 0
    assert _tree(outs[0]) == _tree(outs[1])
