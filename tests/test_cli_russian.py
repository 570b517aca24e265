"""Usage errors of the command line are explained in Russian, with exit status 2."""

from __future__ import annotations

import importlib
import inspect

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.cli.russian import _CLICK_MODULES, MESSAGES


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["frob"], "Ошибка: Команды «frob» нет."),
        (["export", "--kind", "bogus"], "Недопустимое значение '--kind': «bogus» — не одно из:"),
        (["export", "--as-of", "2026-13-01"], "«2026-13-01» — не дата в виде ГГГГ-ММ-ДД"),
        (["import-docx"], "Ошибка: Не указан аргумент 'ПУТЬ...'."),
        (["import-docx", "нет-такого.docx"], "Путь «нет-такого.docx» не существует."),
        (["new", "meeting", "--bogus"], "Ошибка: Параметра --bogus нет."),
        (["check", "--as-of"], "Ошибка: Параметру --as-of нужно значение."),
        (["schema", "лишний"], "Ошибка: Лишний аргумент: лишний"),
    ],
)
def test_usage_errors_are_russian(runner: CliRunner, args: list[str], expected: str) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert expected in result.output
    assert "Error" not in result.output and "Usage" not in result.output


def test_every_translated_message_is_one_click_still_uses() -> None:
    """A click upgrade that rewords a message would silently bring English back."""
    source = "".join(
        inspect.getsource(importlib.import_module(f"click.{name}")) for name in _CLICK_MODULES
    )
    missing = [key for key in MESSAGES if f'"{key}"' not in source]
    assert missing == []
