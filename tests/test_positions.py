"""Positions of findings kept with the disk cache: a re-check reads no file to find a line,
and never points at a line of bytes the file no longer holds (issue 18)."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.loading.cache as cache_module
from generator.cli import main
from generator.loading.cache import CACHE_FOLDER, RecordCache
from generator.loading.positions import FORMAT, PositionCache
from generator.loading.project import Source, forget_loaded

from .test_rule_cases import RULE_CASES, as_of, build_rule_case

CASE = RULE_CASES / "decisions-executed--fails-no-execution-mark"
MAGIC = FORMAT.encode() + b"\n"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The record files read again after loading (to find a finding's line)."""
    seen: list[str] = []
    original = Source._read

    def counting(self: Source) -> bytes | None:
        seen.append(self.path)
        return original(self)

    monkeypatch.setattr(Source, "_read", counting)
    yield seen


def check(root: Path, *, cache: bool = True) -> list[dict[str, object]]:
    """The findings of `check --format json` (the project's record cache used or not)."""
    forget_loaded()  # as a new process: nothing kept in memory from an earlier load
    args = ["check", "--root", str(root), "--as-of", as_of(CASE), "--format", "json"]
    result = CliRunner().invoke(main, args + ([] if cache else ["--no-cache"]))
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, object]] = json.loads(result.output)["diagnostics"]
    return findings


def positions_file(root: Path) -> Path:
    return RecordCache(root).directory / "positions.pack"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)  # every file counts as settled
    return build_rule_case(CASE, tmp_path)


def test_a_recheck_reads_no_file_for_its_findings(project: Path, reads: list[str]) -> None:
    cold = check(project, cache=False)
    assert any(f["line"] for f in cold)  # findings with lines: there is something to locate
    assert check(project) == cold  # fills the records cache and remembers the positions
    assert reads
    reads.clear()
    assert check(project) == cold
    assert reads == []


def test_lines_moved_by_an_edit_are_found_afresh(project: Path, reads: list[str]) -> None:
    cold = check(project, cache=False)
    check(project)
    located = next(f for f in cold if f["line"])
    path = project / str(located["path"])
    path.write_text("# две строки\n# сверху\n" + path.read_text(encoding="utf-8"), "utf-8")
    reads.clear()
    warm = check(project)
    assert warm == check(project, cache=False)
    moved = next(f for f in warm if f["message"] == located["message"])
    assert moved["line"] == located["line"] + 2  # type: ignore[operator]
    assert located["path"] in reads


def test_a_file_changed_after_loading_is_located_but_not_remembered(tmp_path: Path) -> None:
    record = tmp_path / "records" / "note.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("id: one\ntopic: тема\n", encoding="utf-8")
    relative = "records/note.yaml"
    digest = cache_module.file_digest(relative, record.read_bytes())
    source = Source(relative, 1, str(record), digest=digest)
    record.write_text("# правка\nid: one\ntopic: тема\n", encoding="utf-8")  # after loading
    known = PositionCache(RecordCache(tmp_path))
    [position] = source.locate_all([("topic",)], known=known)
    assert position is not None and position.line == 3  # where the file now has it
    assert known.known(relative, digest) == {}  # but not kept for the bytes loaded


@pytest.mark.parametrize("how", ["garbage", "checksum", "header", "shape", "executes"])
def test_a_corrupt_positions_file_is_ignored(
    how: str, project: Path, reads: list[str], tmp_path: Path
) -> None:
    cold = check(project, cache=False)
    check(project)
    target = positions_file(project)
    content = target.read_bytes()
    assert content.startswith(MAGIC)
    payload = content[len(MAGIC) + 32 :]
    marker = tmp_path / "ran"
    if how == "garbage":
        planted = b"not a positions file"
    elif how == "checksum":
        planted = content[:-1] + bytes([content[-1] ^ 1])
    else:
        header, entries = pickle.loads(payload)
        if how == "header":
            replaced = pickle.dumps(((FORMAT, "another version"), entries))
        elif how == "shape":
            key = next(iter(entries))
            replaced = pickle.dumps((header, {key: (entries[key][0], {("topic",): (1, 1)})}))
        else:
            replaced = pickle.dumps((header, _Runs(f"touch {marker}")))
        planted = MAGIC + hashlib.sha256(replaced).digest() + replaced
    target.write_bytes(planted)
    reads.clear()
    assert check(project) == cold
    assert reads  # located afresh, not believed
    assert not marker.exists()
    assert check(project) == cold  # and rewritten whole


def test_entries_of_deleted_files_are_dropped(project: Path) -> None:
    check(project)
    _header, entries = pickle.loads(positions_file(project).read_bytes()[len(MAGIC) + 32 :])
    remembered = sorted(entries)
    assert remembered
    (project / remembered[0]).unlink()
    check(project)
    _header, entries = pickle.loads(positions_file(project).read_bytes()[len(MAGIC) + 32 :])
    assert remembered[0] not in entries


def test_no_cache_remembers_nothing(project: Path) -> None:
    check(project, cache=False)
    assert not (project / CACHE_FOLDER).exists()


class _Runs:
    """A pickle that would run a shell command when loaded by an unrestricted unpickler."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (self.command,))
