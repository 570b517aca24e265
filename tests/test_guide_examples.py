"""The editors' guide's worked examples are records that pass validation as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO

BLOCK = re.compile(r"```(yaml|markdown)\n(.*?)```", re.DOTALL)
PATH = re.compile(r"`(records/[^`]+\.(?:yaml|md))`")


def _examples(guide: str) -> list[tuple[str, str]]:
    """(record path, content) for each complete example, in the guide's order."""
    examples = []
    for match in BLOCK.finditer(guide):
        content = match.group(2)
        if content.startswith("# фрагмент"):
            continue
        paths = PATH.findall(guide, 0, match.start())
        assert paths, f"no record path named before the example at {match.start()}"
        examples.append((paths[-1], content))
    return examples


def test_every_guide_example_is_a_valid_record(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "records", root / "records")
    shutil.copytree(REPO / "files", root / "files")
    examples = _examples((REPO / "docs/guide/howto.md").read_text(encoding="utf-8"))
    assert len(examples) >= 5
    for path, content in examples:
        (root / path).write_text(content, encoding="utf-8")
        result = runner.invoke(main, ["validate", "--root", str(root)])
        assert result.exit_code == 0, f"{path}:\n{result.output}"
