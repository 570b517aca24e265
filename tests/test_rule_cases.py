"""Golden cases for the rules: a clean project with one change in, the exact `check` output out.

`tests/rule_cases/base` is a small project that passes `validate` and on which `check` reports
no finding at all as of the date in `tests/rule_cases/as-of.txt` (2026-07-20: the meetings of
2025/2026 are over and its analysis was due on 15 July; the year itself ends on 31 August, so
the council's monitoring — July and August not over — is still in progress).
Every other folder under `tests/rule_cases` is a case named `<rule-id>--<kind>-<what>`, where
kind is

- `fails`: the rule reports a finding (an error, a warning or "at risk"), and no other rule does;
- `passes`: the rule holds («выполнено») — at its boundary where it has one — and nothing at all
  is reported;
- `in-progress`: nothing is wrong so far but the rule's term has not come («идёт»), and nothing
  at all is reported — at its boundary with failing (or at risk) where it has one;
- `acknowledged`: the rule fails, but an acknowledgement of the centre accepts the finding.

A case holds `overlay/` (files copied over the base), optionally `remove.txt` (base files to
delete, root-relative, one a line), optionally `as-of.txt` (the date to check on; by default
the base's) and `expected.txt`: the exact output of
`python -m generator check --root <built project> --as-of <date>`.

After an intended change of the rules or of their messages, regenerate every expected.txt with

    UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/test_rule_cases.py

and review the diff before committing. Only the expected.txt files know how a line of `check`
reads: the other assertions look for the `[rule-id]` tag every finding carries, and read the
statuses from `check --format json`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.checking.rules import RULES
from generator.cli import main

RULE_CASES = Path(__file__).resolve().parent / "rule_cases"
BASE = RULE_CASES / "base"
BASE_AS_OF = RULE_CASES / "as-of.txt"
KINDS = ("fails", "passes", "in-progress", "acknowledged")
CASE_YEAR = "2025-2026"  # the school year of the base's records
CASE_FILES = {"overlay", "remove.txt", "as-of.txt", "expected.txt"}
RULE_IDS = [r.id for r in RULES]
NAMES = sorted(p.name for p in RULE_CASES.iterdir() if p.is_dir() and p.name != "base")
TAG = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
# The rules that can be in progress («идёт»): a term of theirs may still be ahead.
RULES_WITH_A_TERM = (
    "meetings-per-year", "protocol-required", "plan-approved", "analysis-deadline",
    "analysis-frozen", "decisions-executed", "requests-answered", "plan-executed",
    "council-monitoring",
)  # fmt: skip


# --- building and checking a case ------------------------------------------------------------


def build_rule_case(case: Path, destination: Path) -> Path:
    """The rule cases' base project with a case's overlay copied over it and its removals applied.

    The same as tests/conftest.py's build_case, over tests/rule_cases/base.
    """
    root = destination / "project"
    shutil.copytree(BASE, root)
    overlay = case / "overlay"
    if overlay.is_dir():
        shutil.copytree(overlay, root, dirs_exist_ok=True)
    for line in removals(case):
        (root / line).unlink()
    return root


def removals(case: Path) -> list[str]:
    listed = case / "remove.txt"
    return listed.read_text(encoding="utf-8").split() if listed.is_file() else []


def as_of(case: Path) -> str:
    """The case's date (its as-of.txt), else the base's."""
    own = case / "as-of.txt"
    return (own if own.is_file() else BASE_AS_OF).read_text(encoding="utf-8").strip()


def rule_and_kind(name: str) -> tuple[str, str]:
    """`council-chair--fails-chair-from-a-school` → ("council-chair", "fails");
    `meetings-per-year--in-progress-…` → ("meetings-per-year", "in-progress")."""
    rule_id, _, what = name.partition("--")
    kind = next((k for k in KINDS if what.startswith(k + "-")), what.split("-", 1)[0])
    return rule_id, kind


def tags(output: str) -> set[str]:
    """The rules whose `[rule-id]` tag appears in check's output: the rules with a finding."""
    return set(TAG.findall(output)) & set(RULE_IDS)


def check(runner: CliRunner, root: Path, day: str, *extra: str) -> tuple[int, str]:
    result = runner.invoke(main, ["check", "--root", str(root), "--as-of", day, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def outcomes(runner: CliRunner, root: Path, day: str) -> list[dict[str, Any]]:
    """Every rule's outcome in every scope, as `check --format json` gives them."""
    _code, output = check(runner, root, day, "--format", "json")
    try:
        found: list[dict[str, Any]] = json.loads(output)["outcomes"]
    except json.JSONDecodeError:
        pytest.fail(f"check --format json printed more than the outcomes:\n{output}")
    return found


def expected_exit(found: list[dict[str, Any]]) -> int:
    """1 when an error-level finding is reported that the centre has not acknowledged."""
    return int(any(o["status"] == "failed" and o["severity"] == "error" for o in found))


def statuses(found: list[dict[str, Any]], rule_id: str) -> set[str]:
    """The rule's statuses in the base's school year (a late date opens the council's next one,
    whose rules are only beginning)."""
    return {o["status"] for o in found if o["rule"] == rule_id and o["year"] == CASE_YEAR}


def assert_valid(runner: CliRunner, root: Path) -> None:
    """A case tests the rules, not the validation: its records pass `validate`."""
    result = runner.invoke(main, ["validate", "--root", str(root)])
    assert result.exit_code == 0, result.output


# --- the cases ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_check_output_matches_golden(name: str, tmp_path: Path, runner: CliRunner) -> None:
    case = RULE_CASES / name
    root = build_rule_case(case, tmp_path)
    day = as_of(case)
    code, output = check(runner, root, day)
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDENS"):
        expected_file.write_text(output, encoding="utf-8")
    assert output == expected_file.read_text(encoding="utf-8")
    assert code == expected_exit(outcomes(runner, root, day))


@pytest.mark.parametrize("name", NAMES)
def test_case_does_what_its_name_says(name: str, tmp_path: Path, runner: CliRunner) -> None:
    """fails: only its rule is reported; passes and in-progress: nothing is; acknowledged: its
    rule, accepted."""
    rule_id, kind = rule_and_kind(name)
    case = RULE_CASES / name
    root = build_rule_case(case, tmp_path)
    assert_valid(runner, root)
    reported = tags((case / "expected.txt").read_text(encoding="utf-8"))
    found = statuses(outcomes(runner, root, as_of(case)), rule_id)
    if kind == "passes":
        assert reported == set()
        assert found == {"passed"}
    elif kind == "in-progress":
        assert reported == set()
        assert found == {"in_progress"}
    elif kind == "fails":
        assert reported == {rule_id}
        assert found & {"failed", "at_risk"}
    else:
        assert reported == {rule_id}
        assert "acknowledged" in found
        assert not found & {"failed", "at_risk"}


@pytest.mark.parametrize("name", NAMES)
def test_case_folder_is_well_formed(name: str) -> None:
    rule_id, kind = rule_and_kind(name)
    case = RULE_CASES / name
    assert rule_id in RULE_IDS, f"{name}: no rule «{rule_id}»; rules: {', '.join(RULE_IDS)}"
    assert kind in KINDS, f"{name}: after «{rule_id}--» comes one of {', '.join(KINDS)}"
    assert {p.name for p in case.iterdir()} <= CASE_FILES
    assert (case / "expected.txt").is_file()
    date.fromisoformat(as_of(case))
    for line in removals(case):
        assert (BASE / line).is_file(), f"{name}: remove.txt names {line}, which the base lacks"


@pytest.mark.parametrize("name", NAMES)
def test_case_changes_the_base(name: str) -> None:
    """A case differs from the base in a file, a removal or the date: else it proves nothing."""
    case = RULE_CASES / name
    overlay = case / "overlay"
    changed = [
        path
        for path in (overlay.rglob("*") if overlay.is_dir() else [])
        if path.is_file()
        and not (
            (BASE / path.relative_to(overlay)).is_file()
            and (BASE / path.relative_to(overlay)).read_bytes() == path.read_bytes()
        )
    ]
    assert changed or removals(case) or as_of(case) != as_of(BASE)


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    kinds: dict[str, set[str]] = {rule_id: set() for rule_id in RULE_IDS}
    for name in NAMES:
        rule_id, kind = rule_and_kind(name)
        kinds.setdefault(rule_id, set()).add(kind)
    missing = [
        f"{rule_id}--{kind}-…"
        for rule_id in RULE_IDS
        for kind in ("fails", "passes")
        if kind not in kinds[rule_id]
    ]
    assert missing == []


def test_rules_with_a_term_have_an_in_progress_case() -> None:
    """A rule that can be «идёт» shows it at its boundary, beside its passing and failing cases."""
    cased = {rule_and_kind(name) for name in NAMES}
    missing = [rule_id for rule_id in RULES_WITH_A_TERM if (rule_id, "in-progress") not in cased]
    assert missing == []


def test_base_project_is_clean(tmp_path: Path, runner: CliRunner) -> None:
    """Every rule is evaluated on the base and holds (or is in progress, its term ahead): each
    case's finding is its own."""
    root = build_rule_case(RULE_CASES / "__none__", tmp_path)
    assert_valid(runner, root)
    day = as_of(BASE)
    code, output = check(runner, root, day)
    assert code == 0, output
    assert tags(output) == set(), output
    found = outcomes(runner, root, day)
    assert {o["rule"] for o in found} == set(RULE_IDS)
    assert {o["rule"] for o in found if o["status"] == "in_progress"} == {"council-monitoring"}
    assert {o["status"] for o in found} == {"passed", "in_progress"}
