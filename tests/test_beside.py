"""Cross-record checks beside the rules, in a forked child: the same result, whatever happens to
the child (issue 18)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.beside as beside_module
from generator.beside import beside
from generator.cli import main
from generator.loading.diagnostics import Diagnostic

from .conftest import CASES, REPO, build_case


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child is made whatever runs beside the tests (threads other tests left behind, one
    processor): what is tested is the way there and back."""
    monkeypatch.setattr(beside_module, "_forking_pays", lambda: True)


def _finding() -> Diagnostic:
    return Diagnostic("records/people/ivanova-ma.yaml", "нет должности", "person.x", 3, 5)


@pytest.mark.usefixtures("forks")
def test_the_work_runs_in_a_child_and_its_result_comes_back() -> None:
    parent = os.getpid()
    result = beside(lambda: (os.getpid(), [_finding()]))
    pid, findings = result()
    assert pid != parent
    assert findings == [_finding()]


@pytest.mark.usefixtures("forks")
def test_a_failing_child_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return os.getpid()

    assert beside(work)() == parent


@pytest.mark.usefixtures("forks")
def test_a_child_that_dies_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def work() -> int:
        if os.getpid() != parent:
            os._exit(3)  # killed midway, nothing sent
        return os.getpid()

    assert beside(work)() == parent


def test_an_error_shows_as_it_would_without_a_child() -> None:
    def work() -> int:
        raise ValueError("ошибка в проверке")

    result = beside(work)
    with pytest.raises(ValueError, match="ошибка в проверке"):
        result()


def test_with_a_thread_running_the_work_stays_here() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert beside(os.getpid)() == os.getpid()
    finally:
        stop.set()
        thread.join()


@pytest.mark.parametrize("case", ["unknown-person", "unknown-meeting", "__none__"])
def test_check_prints_the_same_with_a_child_or_without(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command as users run it (its own process, where it makes a child when it can)
    against the checks all done in this one."""
    root = build_case(CASES / case, tmp_path)
    args = ["check", "--root", str(root), "--as-of", "2025-12-01", "--no-cache"]
    monkeypatch.setattr(beside_module, "_forking_pays", lambda: False)
    for fmt in ("text", "json"):
        alone = CliRunner().invoke(main, [*args, "--format", fmt])
        command = [sys.executable, "-m", "generator", *args, "--format", fmt]
        run = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
        assert (run.returncode, run.stdout) == (alone.exit_code, alone.output)
    assert ('"ref.' in alone.output) == (case != "__none__")  # the JSON names the codes


@pytest.mark.parametrize("case", ["misnamed-kind-folder", "many-files-at-once", "base"])
def test_a_warm_check_is_the_same_with_the_walk_beside_or_not(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the cache, records/ is walked in a child while the packs are read: a run in its
    own process (child made) and one here (no child) say the same, warm or cold."""
    root = build_case(CASES / case, tmp_path)
    args = ["check", "--root", str(root), "--as-of", "2025-12-01", "--format", "json"]
    monkeypatch.setattr(beside_module, "_forking_pays", lambda: False)
    command = [sys.executable, "-m", "generator", *args]
    runs = [subprocess.run(command, cwd=REPO, capture_output=True, text=True) for _ in range(2)]
    alone = CliRunner().invoke(main, args)
    cold = CliRunner().invoke(main, [*args, "--no-cache"])
    for run in runs:
        assert (run.returncode, run.stdout) == (alone.exit_code, alone.output)
    assert (cold.exit_code, cold.output) == (alone.exit_code, alone.output)
    assert ("layout.misplaced-folder" in alone.output) == (case == "misnamed-kind-folder")
