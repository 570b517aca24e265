"""The command line as an editor and a CI job use it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import CASES, REPO, build_case

MEETING = "records/associations/mpo-test/2025-2026/meetings/01.yaml"


def _broken(tmp_path: Path) -> Path:
    return build_case(CASES / "many-files-at-once", tmp_path)


def test_every_command_has_help(runner: CliRunner) -> None:
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert command.help, f"command {name} has no help text"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        reads_files_only = name == "check-diff"  # compares two saved `check` outputs
        assert reads_files_only or "--root" in result.output, f"command {name} lacks --root"
        assert "Параметры:" in result.output and "Показать эту справку" in result.output
        assert "Show this message" not in result.output


def test_help_lists_commands(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in main.commands:  # type: ignore[attr-defined]
        assert name in result.output


def test_json_format_reports_every_error_with_place(tmp_path: Path, runner: CliRunner) -> None:
    root = _broken(tmp_path)
    result = runner.invoke(main, ["validate", "--root", str(root), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["errors"] == 3
    assert report["files"] == 21
    first = report["diagnostics"][0]
    assert first["path"] == MEETING
    assert (first["line"], first["column"], first["field"]) == (1, 9, "status")
    assert first["label"] == "Статус"
    assert "hled" in first["message"]


def test_github_format_is_workflow_annotations(tmp_path: Path, runner: CliRunner) -> None:
    root = _broken(tmp_path)
    result = runner.invoke(main, ["validate", "--root", str(root), "--format", "github"])
    lines = result.output.splitlines()
    assert lines[0].startswith(f"::error file={MEETING},line=1,col=9,title=status (Статус)::")
    assert lines[-1] == "Проверено файлов: 21. Ошибок: 3."
    assert result.exit_code == 1


def test_path_selects_one_file(tmp_path: Path, runner: CliRunner) -> None:
    root = _broken(tmp_path)
    result = runner.invoke(main, ["validate", str(root / MEETING), "--root", str(root)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 2  # one error and the summary
    assert "Проверено файлов: 1. Ошибок: 1." in result.output


def test_path_selects_a_folder(tmp_path: Path, runner: CliRunner) -> None:
    root = _broken(tmp_path)
    folder = root / "records" / "council"
    result = runner.invoke(main, ["validate", str(folder), "--root", str(root)])
    assert "records/council/monitoring/2025-10.yaml:4:8: views" in result.output
    assert "Ошибок: 1." in result.output


def test_path_outside_records_is_a_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    result = runner.invoke(main, ["validate", str(tmp_path), "--root", str(root)])
    assert result.exit_code == 2
    assert "вне папки records" in result.output


def test_works_on_a_plain_copy_run_from_elsewhere(tmp_path: Path) -> None:
    """No .git needed; paths are printed relative to --root whatever the current folder."""
    root = _broken(tmp_path)
    assert not (root / ".git").exists()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--root", str(root)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout.startswith(f"{MEETING}:1:9: status (Статус): ")


def test_symlinked_record_is_rejected(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    outside = tmp_path / "secret.yaml"
    outside.write_text("surname: X\n", encoding="utf-8")
    (root / "records/people/link-to-secret.yaml").symlink_to(outside)
    result = runner.invoke(main, ["validate", "--root", str(root)])
    assert result.exit_code == 1
    assert result.output.startswith(
        "records/people/link-to-secret.yaml: символьные ссылки в records не допускаются"
    )


def test_symlinked_attachment_is_rejected(tmp_path: Path, runner: CliRunner) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    target = root / "files" / "registration-01.txt"
    target.unlink()
    target.symlink_to("/etc/hostname")
    result = runner.invoke(main, ["validate", "--root", str(root)])
    assert result.exit_code == 1
    assert f"{MEETING}:31:13: protocol.attachments[0].path (Файл):" in result.output
    assert "символьную ссылку" in result.output


def test_oversized_file_is_rejected_without_reading_it_as_yaml(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = build_case(CASES / "__none__", tmp_path)
    big = root / "records/people/petrov-an.yaml"
    big.write_text(big.read_text(encoding="utf-8") + "# " + "я" * 600_000 + "\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", "--root", str(root)])
    assert result.exit_code == 1
    assert "records/people/petrov-an.yaml: файл слишком большой" in result.output


def test_missing_records_folder(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.startswith("records: папка records не найдена.")


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_valid_project_exits_zero_in_every_format(
    fmt: str, base_project: Path, runner: CliRunner
) -> None:
    result = runner.invoke(main, ["validate", "--root", str(base_project), "--format", fmt])
    assert result.exit_code == 0, result.output


def test_schema_check_detects_stale_files(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "schemas" / "json", root / "schemas" / "json")
    shutil.copytree(REPO / ".vscode", root / ".vscode")
    assert runner.invoke(main, ["schema", "--root", str(root), "--check"]).exit_code == 0
    stale = root / "schemas" / "json" / "meeting.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Протокол", "Протоколл"), "utf-8")
    result = runner.invoke(main, ["schema", "--root", str(root), "--check"])
    assert result.exit_code == 1
    assert "schemas/json/meeting.schema.json: файл устарел" in result.output
    assert runner.invoke(main, ["schema", "--root", str(root)]).exit_code == 0
    assert runner.invoke(main, ["schema", "--root", str(root), "--check"]).exit_code == 0
