"""Golden cases of the archive import: a protocol as schools write it in, the draft out.

Each case is a protocol in Markdown — the shapes of ../shared/import-shapes (copied to
tests/import_shapes) and one file per feature under tests/import_cases. The test turns it
into a Word file with the real pandoc, imports it into a copy of the sample project on
20.11.2026 and compares, exactly, the report and every file written (the meeting's draft and
the people's records drafted for it) with `tests/import_cases/expected/<case>.txt`. After an
intended change, regenerate with `UPDATE_GOLDENS=1 python -m pytest tests/test_import_cases.py`
and read the diff before committing.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pypandoc
import pytest

from generator.authoring.importer import import_archive
from generator.checking.validate import validate

from .test_documents import copy_project

HERE = Path(__file__).parent
SHAPES, CASES = HERE / "import_shapes", HERE / "import_cases"
INPUTS = {p.stem: p for folder in (SHAPES, CASES) for p in sorted(folder.glob("*.md"))}
INPUTS.pop("README", None)
EXPECTED = CASES / "expected"
AS_OF = date(2026, 11, 20)


def imported(name: str, tmp_path: Path) -> tuple[str, Path, int]:
    """The report and the files written, as one text; the project; the exit code."""
    root = copy_project(tmp_path)
    before = {p for p in (root / "records").rglob("*") if p.is_file()}
    word = tmp_path / f"{name}.docx"
    pandoc = [pypandoc.get_pandoc_path(), "--sandbox", str(INPUTS[name]), "-o", str(word)]
    subprocess.run(pandoc, check=True)
    batch = import_archive(root, [word], association="mpo-tula", as_of=AS_OF)
    written = sorted(p for p in (root / "records").rglob("*") if p.is_file() and p not in before)
    parts = [batch.report().replace(str(tmp_path), "<tmp>").rstrip()]
    for path in written:
        parts.append(f"=== {path.relative_to(root)}\n{path.read_text(encoding='utf-8').rstrip()}")
    return "\n\n".join(parts) + "\n", root, batch.exit_code


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_a_protocol_becomes_the_expected_draft(name: str, tmp_path: Path) -> None:
    text, root, exit_code = imported(name, tmp_path)
    expected = EXPECTED / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDENS"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")
    assert exit_code == 0, "every case gives a draft"
    result = validate(root)
    assert result.ok, [d.format_text() for d in result.diagnostics if d.severity == "error"]


def test_every_expected_file_has_its_case() -> None:
    """A golden left behind by a renamed case would pass unnoticed."""
    assert {p.stem for p in EXPECTED.glob("*.txt")} == set(INPUTS)
