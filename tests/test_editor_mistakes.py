"""The 14 mistakes a non-programmer makes, each on the sample records: `validate` and `check`
name exactly the broken file (and its line) and nothing else.

Each mistake is made in a fresh copy of the sample project; the checks run as of 20.11.2026,
when the untouched sample has no finding at all (the first test holds that baseline).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO

AS_OF = "2026-11-20"
YEAR = "records/associations/mpo-tula/2025-2026"
NEXT = "records/associations/mpo-tula/2026-2027"
MEETING = f"{YEAR}/meetings/02.yaml"


@dataclass(frozen=True)
class Mistake:
    make: Callable[[Path], None]  # makes the mistake in a copy of the project
    where: str  # the one file or folder every message must be about ("" — none at all)
    line_of: str | None = None  # text on the line the first message must point at


def _edit(relative: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        path = root / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return make


def _first(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return change


def _recode(relative: str, encoding: str, prefix: bytes = b"") -> Callable[[Path], None]:
    def make(root: Path) -> None:
        path = root / relative
        path.write_bytes(prefix + path.read_text(encoding="utf-8").encode(encoding))

    return make


def _move(source: str, target: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(root / source, root / target)

    return make


def _copy(source: str, target: str) -> Callable[[Path], None]:
    def make(root: Path) -> None:
        shutil.copyfile(root / source, root / target)

    return make


def _without_protocol(text: str) -> str:
    return text[: text.index("\nprotocol:")] + "\n"


MISTAKES = {
    "wrong key": Mistake(_edit(MEETING, _first("\ntopic:", "\ntopik:")), MEETING, "topik:"),
    "Russian date format": Mistake(
        _edit(MEETING, _first("date: 2025-10-23", "date: 23.10.2025")), MEETING, "23.10.2025"
    ),
    "past meeting without protocol": Mistake(
        _edit(f"{NEXT}/meetings/02.yaml", _without_protocol),
        f"{NEXT}/meetings/02.yaml",
        "status: held",
    ),
    "Windows-1251": Mistake(_recode(MEETING, "cp1251"), MEETING, "place:"),
    "tab": Mistake(
        _edit(MEETING, _first("\n  signed: 2025-10-28", "\n\tsigned: 2025-10-28")),
        MEETING,
        "\tsigned:",
    ),
    "unknown person id": Mistake(
        _edit(MEETING, _first("    - pavlov-ig\n", "    - pavlov-i\n")), MEETING, "- pavlov-i"
    ),
    "duplicate number via a copied file": Mistake(
        _copy(f"{NEXT}/meetings/02.yaml", f"{NEXT}/meetings/06.yaml"),
        f"{NEXT}/meetings/06.yaml",
        "date:",
    ),
    "copy saved by Windows Explorer": Mistake(
        _copy(MEETING, f"{YEAR}/meetings/02 — копия.yaml"), f"{YEAR}/meetings/02 — копия.yaml"
    ),
    "deadline before the meeting": Mistake(
        _edit(MEETING, _first("deadline: 2025-", "deadline: 2024-")), MEETING, "deadline: 2024-"
    ),
    "missing colon": Mistake(
        _edit(MEETING, _first("format: in_person", "format in_person")), MEETING, "format in"
    ),
    "broken quote": Mistake(
        _edit(MEETING, _first("place: МБОУ", 'place: "МБОУ')), MEETING, 'place: "'
    ),
    "empty file": Mistake(_edit(MEETING, lambda _text: ""), MEETING),
    "byte-order mark (accepted)": Mistake(_recode(MEETING, "utf-8", b"\xef\xbb\xbf"), ""),
    "misnamed year folder": Mistake(
        _move(YEAR, "records/associations/mpo-tula/2025-2027"),
        "records/associations/mpo-tula/2025-2027/",
    ),
    "file in the wrong folder": Mistake(
        _move(
            f"{YEAR}/consultations/2025-10-30-school-101.yaml",
            f"{YEAR}/meetings/2025-10-30-school-101.yaml",
        ),
        f"{YEAR}/meetings/2025-10-30-school-101.yaml",
    ),
}


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("records", "files", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    return root


# The sample shows the rule practice-review at work: one practice is past its review-by date.
SAMPLE_WARNING = "records/practices/vpr-class-map.md:29:1: [practice-review]"


def _messages(runner: CliRunner, root: Path, *args: str, sample: bool = False) -> list[str]:
    """Every message line of a command: the summaries («Проверено …», «Не прочитано …») left out,
    and the sample's own warning unless `sample`."""
    result = runner.invoke(main, [*args, "--root", str(root)])
    return [
        line
        for line in result.output.splitlines()
        if line
        and not line.startswith(("Проверено ", "Не прочитано "))
        and (sample or not line.startswith(SAMPLE_WARNING))
    ]


def test_the_untouched_sample_has_nothing_to_report(tmp_path: Path, runner: CliRunner) -> None:
    root = _project(tmp_path)
    assert _messages(runner, root, "validate") == []
    found = _messages(runner, root, "check", "--as-of", AS_OF, sample=True)
    assert len(found) == 1 and found[0].startswith(SAMPLE_WARNING)


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_each_mistake_is_reported_at_its_own_place_and_nowhere_else(
    name: str, tmp_path: Path, runner: CliRunner
) -> None:
    mistake = MISTAKES[name]
    root = _project(tmp_path)
    mistake.make(root)
    found = _messages(runner, root, "validate") + _messages(runner, root, "check", "--as-of", AS_OF)
    if not mistake.where:
        assert found == []
        return
    assert found, "the mistake passed silently"
    elsewhere = [line for line in found if not line.startswith(mistake.where + ":")]
    assert elsewhere == []
    assert len(set(found)) == 1, found  # one message: validate's, repeated by check
    if mistake.line_of is not None:
        text = (root / mistake.where).read_bytes().decode("utf-8", errors="replace")
        line = next(
            n for n, content in enumerate(text.splitlines(), start=1) if mistake.line_of in content
        )
        assert found[0].startswith(f"{mistake.where}:{line}:"), found[0]


def test_check_says_which_years_it_could_not_judge(tmp_path: Path, runner: CliRunner) -> None:
    root = _project(tmp_path)
    MISTAKES["wrong key"].make(root)
    result = runner.invoke(main, ["check", "--root", str(root), "--as-of", AS_OF])
    assert result.output.splitlines()[-1] == (
        "Не прочитано файлов записей: 1 (ошибки — выше), поэтому правила не проверялись для: "
        "mpo-tula, 2025/2026. Исправьте ошибки и запустите проверку снова."
    )
    assert result.exit_code == 1
