"""One as-of date for every command: `--as-of`, else SITE_AS_OF, else today; bad dates in Russian."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.asof import AsOfError, resolve_as_of
from generator.cli import main

from .conftest import REPO


def test_the_option_wins_over_the_environment_which_wins_over_today() -> None:
    env = {"SITE_AS_OF": "2026-01-15"}
    assert resolve_as_of(date(2025, 9, 1), env) == date(2025, 9, 1)
    assert resolve_as_of("2025-09-02", env) == date(2025, 9, 2)
    assert resolve_as_of(None, env) == date(2026, 1, 15)
    assert resolve_as_of(None, {}) == date.today()
    assert resolve_as_of(None, {"SITE_AS_OF": "  "}) == date.today()


@pytest.mark.parametrize("text", ["2026-13-45", "2026-02-30", "20260901", "01.09.2026", "завтра"])
def test_a_malformed_date_names_its_source_and_the_expected_form(text: str) -> None:
    with pytest.raises(AsOfError) as raised:
        resolve_as_of(None, {"SITE_AS_OF": text})
    message = str(raised.value)
    assert message.startswith(f"переменная окружения SITE_AS_OF: «{text}» — не дата")
    assert "ГГГГ-ММ-ДД" in message
    assert raised.value.exit_code == 2
    with pytest.raises(AsOfError, match=r"^--as-of: "):
        resolve_as_of(text)


def test_pages_with_a_malformed_site_as_of_prints_russian_and_no_traceback(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "pages", "--out", str(tmp_path / "out")],
        cwd=REPO,
        env={**os.environ, "SITE_AS_OF": "2026-13-45"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "SITE_AS_OF: «2026-13-45» — не дата в виде ГГГГ-ММ-ДД" in result.stderr
    assert not (tmp_path / "out").exists()  # nothing written


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["export", "--kind", "plan", "--format", "odt"],
        ["new", "meeting"],
        ["pages", "--out", "never-written"],
    ],
)
def test_every_dated_command_reads_site_as_of(
    args: list[str], base_project: Path, runner: CliRunner
) -> None:
    result = runner.invoke(
        main, [*args, "--root", str(base_project)], env={"SITE_AS_OF": "2026-02-31"}
    )
    assert result.exit_code == 2, result.output
    assert "SITE_AS_OF: «2026-02-31» — не дата" in result.output
    assert not (base_project / "never-written").exists()


def test_check_works_as_of_site_as_of(base_project: Path, runner: CliRunner) -> None:
    def scopes(env: dict[str, str]) -> str:
        result = runner.invoke(main, ["check", "--root", str(base_project)], env=env)
        return result.output.splitlines()[-1]

    early = scopes({"SITE_AS_OF": "2025-06-01"})  # before the school year 2025/2026 opens
    later = scopes({"SITE_AS_OF": "2026-07-20"})
    assert early != later
    assert early == scopes({"SITE_AS_OF": "2025-06-01", "UNRELATED": "1"})
    explicit = runner.invoke(
        main, ["check", "--root", str(base_project), "--as-of", "2025-06-01"],
        env={"SITE_AS_OF": "2026-07-20"},
    )  # fmt: skip
    assert explicit.output.splitlines()[-1] == early
