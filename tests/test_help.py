"""Every command's `--help` is in Russian, down the whole command tree.

The tree is walked from `generator.cli.main` through its groups, so a command added later is
checked without being listed here; the list below only makes sure the walk is not empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from generator.cli import main

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# What the walk finds at least (more is fine: a new command is covered automatically).
KNOWN_COMMANDS = {
    "",
    "validate",
    "check",
    "check-diff",
    "schema",
    "pages",
    "intake",
    "export",
    "import-docx",
    "synth",
    "new",
    "new meeting",
    "new protocol",
    "new consultation",
    "new practice",
    "new material",
    "new event",
    "new monitoring",
    "new year",
}


def walk(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under `command` (itself included) with the words that invoke it."""
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from walk(command.commands[name], (*path, name))


COMMANDS = list(walk(main))


def test_the_walk_finds_the_commands_known_today() -> None:
    found = {" ".join(path) for path, _command in COMMANDS}
    assert sorted(KNOWN_COMMANDS - found) == []


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(path) or "main" for path, _c in COMMANDS]
)
def test_help_is_russian(path: tuple[str, ...], command: click.Command, runner: CliRunner) -> None:
    result = runner.invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    output = result.output
    usage = next(line for line in output.splitlines() if line.strip())
    assert usage.startswith("Запуск: "), usage
    assert "Usage:" not in output
    assert "Options:" not in output and "Commands:" not in output
    assert "Параметры:" in output
    assert command.help and CYRILLIC.search(command.help), f"{path}: no Russian description"
    assert CYRILLIC.search(output)
    for param in command.params:
        if not isinstance(param, click.Option) or param.hidden:
            continue
        name = max(param.opts, key=len)
        assert param.help and param.help.strip(), f"{' '.join(path)} {name}: no help"
        assert CYRILLIC.search(param.help), f"{' '.join(path)} {name}: help is not Russian"
        assert name in output
