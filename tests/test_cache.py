"""The disk cache of loaded records never changes a result (issue 18, item 2).

Every tree is checked cold (`--no-cache`) and warm (through .cache/records) with the complete
outputs of `validate` and `check`, text and JSON, compared; a warm run must parse nothing but
the files that fail to load. Then the same after editing, deleting and breaking a record, and
with corrupt, truncated and foreign cache entries planted: they are ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

import generator.loading.cache as cache_module
import generator.loading.project as project_module
from generator.cli import main, website
from generator.loading.cache import (
    CACHE_FOLDER,
    NO_CACHE_ENV,
    RecordCache,
    records_cache,
)
from generator.loading.layout import Found
from generator.loading.project import forget_loaded, load_project
from generator.rendering.publication import Edition
from schemas import Meeting
from synth import Spec, synthesize

from .conftest import CASES, REPO, build_case
from .test_help import walk
from .test_rule_cases import RULE_CASES, as_of, build_rule_case

Outputs = dict[str, tuple[int, str]]
CASE_AS_OF = "2025-12-01"
RULE_CASE_NAMES = sorted(p.name for p in RULE_CASES.iterdir() if p.is_dir() and p.name != "base")
# "__none__": the base project alone (no such case folder: nothing is laid over it).
CASE_NAMES = [
    "__none__",
    *sorted(p.name for p in CASES.iterdir() if p.is_dir() and p.name != "base"),
]


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files each load parses and validates the normal way (not from a cache)."""
    seen: list[str] = []
    original = project_module._parse_and_validate

    def counting(found: Found, text: str, *rest: Any) -> object:
        seen.append(found.relative)
        return original(found, text, *rest)

    monkeypatch.setattr(project_module, "_parse_and_validate", counting)
    yield seen


def outputs(root: Path, day: str, *, cache: bool) -> Outputs:
    """What `validate` and `check` print, text and JSON, and their exit codes."""
    runner = CliRunner()
    flag = [] if cache else ["--no-cache"]
    commands = {
        "validate": ["validate"],
        "validate json": ["validate", "--format", "json"],
        "check": ["check", "--as-of", day],
        "check json": ["check", "--as-of", day, "--format", "json"],
    }
    result: Outputs = {}
    for name, args in commands.items():
        forget_loaded()  # no reuse in memory: each run reads the disk (or its cache) afresh
        ran = runner.invoke(main, [*args, "--root", str(root), *flag])
        assert ran.exception is None or isinstance(ran.exception, SystemExit), ran.output
        result[name] = (ran.exit_code, ran.output)
    return result


def failing(root: Path) -> set[str]:
    forget_loaded()
    project, _problems = load_project(root, cache=False)
    return set(project.failed.values())


def loaded(root: Path) -> set[str]:
    forget_loaded()
    project, _problems = load_project(root, cache=False)
    return set(project.by_path)


def assert_cache_changes_nothing(root: Path, day: str, parsed: list[str]) -> None:
    """Cold and warm give the same outputs; the warm run parses only the failing files."""
    parsed.clear()
    cold = outputs(root, day, cache=False)
    assert set(loaded(root)) <= set(parsed)  # --no-cache: every record loaded the normal way
    outputs(root, day, cache=True)  # fills what the cache lacks
    parsed.clear()
    warm = outputs(root, day, cache=True)
    for name in cold:
        assert warm[name] == cold[name], name
    assert set(parsed) <= failing(root)


# --- the trees ---------------------------------------------------------------------------------


def sample(tmp_path: Path) -> Path:
    root = tmp_path / "sample"
    for folder in ("records", "files"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns(".cache"))
    return root


def synthetic(tmp_path: Path) -> Path:
    root = tmp_path / "synth"  # as `generator synth --associations 2 --years 3 --seed 1`
    synthesize(root, Spec(2, 3, seed=1))
    return root


TREES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "sample": (sample, "2026-03-20"),
    "synth": (synthetic, "2026-11-20"),
}


@pytest.mark.parametrize("name", CASE_NAMES)
def test_golden_case_trees(name: str, tmp_path: Path, parsed: list[str]) -> None:
    root = build_case(CASES / name, tmp_path)
    assert_cache_changes_nothing(root, CASE_AS_OF, parsed)


@pytest.mark.parametrize("name", RULE_CASE_NAMES)
def test_rule_case_trees(name: str, tmp_path: Path, parsed: list[str]) -> None:
    root = build_rule_case(RULE_CASES / name, tmp_path)
    assert_cache_changes_nothing(root, as_of(RULE_CASES / name), parsed)


def _meeting(root: Path, number: int = 0) -> Path:
    return sorted((root / "records" / "associations").glob("*/*/meetings/*.yaml"))[number]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("tree", TREES)
def test_edits_deletions_and_mistakes(tree: str, tmp_path: Path, parsed: list[str]) -> None:
    make, day = TREES[tree]
    root = make(tmp_path)
    assert_cache_changes_nothing(root, day, parsed)

    edited = _meeting(root)
    _edit(edited, "\ntopic: ", "\ntopic: Изменённая тема — ")
    parsed.clear()
    outputs(root, day, cache=True)
    relative = edited.relative_to(root).as_posix()
    assert parsed.count(relative) == 1  # read once, then from the cache
    assert set(parsed) <= failing(root) | {relative}
    assert_cache_changes_nothing(root, day, parsed)

    _meeting(root, -1).unlink()
    assert_cache_changes_nothing(root, day, parsed)

    broken = _meeting(root, 1)
    _edit(broken, "status: ", "status: helld\nwas: ")
    assert broken.relative_to(root).as_posix() in failing(root)
    assert_cache_changes_nothing(root, day, parsed)
    assert broken.relative_to(root).as_posix() in parsed  # never cached: loaded each time


# --- what is planted in the cache --------------------------------------------------------------


def _packs(root: Path) -> list[Path]:
    return sorted((root / CACHE_FOLDER).glob("*/*.pack"))


def _pack_of(root: Path, relative: str) -> Path:
    pack = RecordCache(root).pack(relative.rpartition("/")[0])
    assert pack.path.is_file()
    return pack.path


def _warm_base(tmp_path: Path) -> Path:
    root = build_case(CASES / "__none__", tmp_path)
    outputs(root, CASE_AS_OF, cache=True)
    assert _packs(root)
    return root


MEETING = "records/associations/mpo-test/2025-2026/meetings/01.yaml"
PERSON_FOLDER = "records/people"
MAGIC = b"records-cache/2\n"

Entries = dict[str, tuple[Any, bytes, Any]]


def _open(pack: Path) -> tuple[tuple[str, str, str], Entries]:
    content = pack.read_bytes()
    assert content.startswith(MAGIC)
    header, entries = pickle.loads(content[len(MAGIC) + 32 :])
    return header, entries


def _seal(pack: Path, payload: bytes) -> None:
    """Write a pack whose checksum fits its payload, as only a forger would."""
    pack.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)


class _Planted:
    """What a hostile pack would call while being read: must never run."""

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (shutil.copyfile, ("/etc/hostname", "planted"))


def _corrupt(root: Path, how: str) -> set[str]:
    """Damage the cache as a crash, a disk or another program might; the files hit."""
    pack = _pack_of(root, MEETING)
    content = pack.read_bytes()
    _header, entries = _open(pack)
    if how == "truncated":
        pack.write_bytes(content[: len(content) // 2])
    elif how == "changed":  # one byte, as a damaged disk might: the checksum tells
        middle = len(content) // 2
        pack.write_bytes(content[:middle] + bytes([content[middle] ^ 1]) + content[middle + 1 :])
    elif how == "not-a-pickle":
        _seal(pack, b"\x00garbage, not a pickle")
    elif how == "wrong-shape":  # a pickle of something else
        _seal(pack, pickle.dumps({"records": [1, 2, 3]}))
    elif how == "executes":  # a pickle that would run code: refused, nothing run
        _seal(pack, pickle.dumps((_header, {MEETING: (None, b"0" * 32, _Planted())})))
    elif how == "empty":
        pack.write_bytes(b"")
    elif how == "directory":
        pack.unlink()
        pack.mkdir()
    return set(entries)


@pytest.mark.parametrize(
    "how",
    ["truncated", "changed", "not-a-pickle", "wrong-shape", "executes", "empty", "directory"],
)
def test_a_corrupt_entry_is_ignored(
    how: str, tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _warm_base(tmp_path)
    cold = outputs(root, CASE_AS_OF, cache=False)
    hit = _corrupt(root, how)
    monkeypatch.chdir(tmp_path)
    parsed.clear()
    assert outputs(root, CASE_AS_OF, cache=True) == cold
    assert not (tmp_path / "planted").exists()
    assert MEETING in parsed and set(parsed) <= hit  # loaded the normal way, the rest cached
    if how != "directory":  # the pack is rewritten whole: the next run parses nothing
        parsed.clear()
        assert outputs(root, CASE_AS_OF, cache=True) == cold
        assert parsed == []


def _foreign(root: Path, how: str) -> set[str]:
    """Plant entries that are not this file's; the files whose entries they replace."""
    meetings, people = _pack_of(root, MEETING), _pack_of(root, f"{PERSON_FOLDER}/x.yaml")
    pack = people if how == "other-file" else meetings
    header, entries = _open(pack)
    if how == "other-folder":  # another folder's pack in this one's place
        shutil.copyfile(people, pack)
    elif how == "other-version":  # the same entries under another code version
        _seal(pack, pickle.dumps(((header[0], "0" * 64, header[2]), entries)))
    elif how == "other-file":  # each path given the next file's whole entry
        paths = sorted(entries)
        swapped = {a: entries[b] for a, b in zip(paths, paths[1:] + paths[:1], strict=True)}
        _seal(pack, pickle.dumps((header, swapped)))
    elif how == "other-kind":  # a person's record under each meeting's own digest
        person = next(iter(_open(people)[1].values()))[2]
        planted = {path: (entry[0], entry[1], person) for path, entry in entries.items()}
        _seal(pack, pickle.dumps((header, planted)))
    return set(entries)


@pytest.mark.parametrize("how", ["other-folder", "other-version", "other-file", "other-kind"])
def test_a_foreign_entry_is_ignored(how: str, tmp_path: Path, parsed: list[str]) -> None:
    root = _warm_base(tmp_path)
    cold = outputs(root, CASE_AS_OF, cache=False)
    replaced = _foreign(root, how)
    parsed.clear()
    assert outputs(root, CASE_AS_OF, cache=True) == cold
    assert len(replaced) > 1 or how != "other-file"
    assert set(parsed) == replaced


def test_the_pack_of_a_folder_gone_is_removed(tmp_path: Path) -> None:
    """Every pack is read at the start of a run (beside the walk of records/): a folder's pack
    outlives the folder by one run, not for ever."""
    root = _warm_base(tmp_path)
    pack = _pack_of(root, MEETING)
    others = set(_packs(root)) - {pack}
    shutil.rmtree(root / MEETING.rpartition("/")[0])
    outputs(root, CASE_AS_OF, cache=True)
    assert not pack.exists()
    assert set(_packs(root)) == others


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The record files each load reads from disk."""
    seen: list[str] = []
    original = project_module._read_bytes

    def counting(found: Found) -> object:
        seen.append(found.relative)
        return original(found)

    monkeypatch.setattr(project_module, "_read_bytes", counting)
    yield seen


def test_a_file_untouched_on_disk_is_not_even_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[str], parsed: list[str]
) -> None:
    """Files settled before a run are known by their size and times; any write is seen."""
    monkeypatch.setattr(cache_module, "SETTLED_NS", 0)  # settled: written before the run began
    root = build_case(CASES / "__none__", tmp_path)
    cold = outputs(root, CASE_AS_OF, cache=False)
    outputs(root, CASE_AS_OF, cache=True)
    reads.clear()
    assert outputs(root, CASE_AS_OF, cache=True) == cold
    assert reads == []

    meeting = root / MEETING  # the same size and modification time, other bytes
    before = meeting.stat()
    text = meeting.read_text(encoding="utf-8")
    assert "topic: " in text
    at = text.index("topic: ") + len("topic: ")
    letter = "Ж" if len(text[at].encode()) == 2 else "Q"  # as many bytes as the one replaced
    changed = text[:at] + letter + text[at + 1 :]
    assert changed != text
    assert len(changed.encode()) == before.st_size
    meeting.write_text(changed, encoding="utf-8")
    os.utime(meeting, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    parsed.clear()
    warm = outputs(root, CASE_AS_OF, cache=True)
    assert warm == outputs(root, CASE_AS_OF, cache=False)
    assert MEETING in reads and MEETING in parsed


def test_a_killed_runs_leftovers_and_a_stale_version_are_ignored(tmp_path: Path) -> None:
    root = _warm_base(tmp_path)
    cold = outputs(root, CASE_AS_OF, cache=False)
    pack = _pack_of(root, MEETING)
    (pack.parent / ".half-written.tmp").write_bytes(pack.read_bytes()[:50])
    stale = root / CACHE_FOLDER / "0123456789abcdef01234567"
    stale.mkdir()
    (stale / pack.name).write_bytes(b"\x00garbage")
    assert outputs(root, CASE_AS_OF, cache=True) == cold


def test_concurrent_writes_leave_one_whole_pack(tmp_path: Path) -> None:
    cache = RecordCache(tmp_path)
    target = cache.directory / "pack.bin"
    texts = [f"{n}\n".encode() * 20_000 for n in range(8)]
    cache.write(target, texts[0])
    threads = [threading.Thread(target=cache.write, args=(target, text)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_bytes() in texts
    assert [p.name for p in cache.directory.iterdir()] == ["pack.bin"]  # no temporary left


def test_concurrent_runs_share_the_cache(tmp_path: Path) -> None:
    root = sample(tmp_path)
    command = [sys.executable, "-m", "generator", "check", "--root", str(root), "--as-of"]
    command += ["2026-03-20", "--format", "json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, cwd=REPO) for _ in range(3)]
    results = [run.communicate()[0] for run in runs]
    cold = subprocess.run([*command, "--no-cache"], capture_output=True, cwd=REPO, check=False)
    assert results == [cold.stdout] * 3
    again = subprocess.run(command, capture_output=True, cwd=REPO, check=False)
    assert again.stdout == cold.stdout


# --- switching it off --------------------------------------------------------------------------


def test_no_cache_neither_reads_nor_writes(tmp_path: Path, parsed: list[str]) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    outputs(root, CASE_AS_OF, cache=False)
    assert not (root / ".cache").exists()
    outputs(root, CASE_AS_OF, cache=True)
    parsed.clear()
    outputs(root, CASE_AS_OF, cache=False)
    assert MEETING in parsed


def test_the_environment_switches_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    outputs(root, CASE_AS_OF, cache=True)
    assert not (root / ".cache").exists()
    forget_loaded()
    load_project(root, cache=True)
    assert not (root / ".cache").exists()


def test_the_library_loads_without_the_cache_unless_asked(tmp_path: Path) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    forget_loaded()
    load_project(root)
    assert not (root / ".cache").exists()
    forget_loaded()
    load_project(root, cache=True)
    assert _packs(root)


# What does not load records: the two commands that compare or make files, and groups.
NOT_LOADING = {"check-diff", "schema", "synth"}


def test_every_command_that_loads_records_has_no_cache() -> None:
    for path, command in walk(main):
        if isinstance(command, click.Group) or " ".join(path) in NOT_LOADING:
            continue
        names = {name for param in command.params for name in param.opts}
        assert "--no-cache" in names, f"{' '.join(path)} lacks --no-cache"


def test_the_cache_is_not_committed() -> None:
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert ".cache/" in ignored


def test_site_no_cache_reaches_the_hook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`site build --no-cache` runs MkDocs with RECORDS_NO_CACHE=1: the hook reads afresh too."""
    monkeypatch.delenv(NO_CACHE_ENV, raising=False)
    environments: list[dict[str, str]] = []

    def fake_run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        environments.append(options["env"])
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(website.subprocess, "run", fake_run)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    for chosen in (False, True):
        with records_cache(chosen):
            website._mkdocs(tmp_path, Edition.PUBLIC, date(2025, 12, 1), ["build"])
    assert [env.get(NO_CACHE_ENV) for env in environments] == ["1", None]


def test_a_pickled_record_is_the_same_record() -> None:
    """Records are pickled as (fields, fields set), the set shared by the parts of one pickle
    that have the same, and so is each text: an unpickled record equals the loaded one, says
    which fields were written, and copying one with changes leaves the others as they were."""
    project, _ = load_project(REPO, cache=False)
    models = [record.model for record in project.records]
    again = pickle.loads(pickle.dumps(models))
    assert again == models
    assert [m.model_fields_set for m in again] == [m.model_fields_set for m in models]
    assert [m.model_dump(exclude_unset=True) for m in again] == [
        m.model_dump(exclude_unset=True) for m in models
    ]
    meetings = [m for m in again if isinstance(m, Meeting)]
    shared = [m for m in meetings if m.model_fields_set is meetings[0].model_fields_set]
    assert len(shared) > 1  # one set for all meetings written alike
    changed = shared[0].model_copy(update={"topic": "Другая тема"})
    assert changed.topic == "Другая тема" and "topic" in changed.model_fields_set
    assert shared[1].model_fields_set == meetings[0].model_fields_set
    assert shared[1].topic != "Другая тема"
    places = [m.place for m in meetings]
    assert len(set(places)) < len(places)  # meetings held at the same place …
    assert len({id(place) for place in places}) == len(set(places))  # … share its text
