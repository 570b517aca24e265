"""The command line: thin commands over the core (`python -m generator`, `cnppm`).

Each command parses its options, calls the core and prints; a UserError raised anywhere
below is printed in one place (`options.reporting_user_errors`), never as a traceback.
A command's module is imported only when that command runs (or help lists them all):
`check` need not load the site, documents and importer code.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import click

from generator.cli.options import CONTEXT, HELP_OPTION, reporting_user_errors
from generator.cli.russian import RussianContext

# Every command: its name → the module and attribute that define it.
_COMMANDS = {
    "validate": ("records", "validate_command"),
    "check": ("records", "check_command"),
    "check-diff": ("records", "check_diff_command"),
    "schema": ("records", "schema_command"),
    "pages": ("site", "pages_command"),
    "export": ("site", "export_command"),
    "site": ("website", "site_group"),
    "new": ("new", "new_group"),
    "intake": ("new", "intake_command"),
    "import-docx": ("tools", "import_docx_command"),
    "synth": ("tools", "synth_command"),
    "page-images": ("tools", "page_images_command"),
    "cms-config": ("tools", "cms_config_command"),
}


class _LazyGroup(click.Group):
    """A group whose commands are imported when first asked for by name; `commands` (help,
    tests) imports them all."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._ready: dict[str, click.Command] = {}
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def commands(self) -> dict[str, click.Command]:
        for name in _COMMANDS:
            self._command(name)
        return self._ready

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._ready = dict(value)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*_COMMANDS, *self._ready})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._command(cmd_name)

    def _command(self, name: str) -> click.Command | None:
        if name not in self._ready and name in _COMMANDS:
            module, attribute = _COMMANDS[name]
            command = getattr(importlib.import_module(f"generator.cli.{module}"), attribute)
            for each in _every_command(command):
                each.context_class = RussianContext
                if each.callback is not None:
                    each.callback = reporting_user_errors(each.callback)
            self._ready[name] = command
        return self._ready.get(name)


@click.group(cls=_LazyGroup, context_settings=CONTEXT)
@HELP_OPTION
def main() -> None:
    """Записи межшкольного объединения и совета «РОСТ»: проверка, сайт, документы."""


main.context_class = RussianContext
if main.callback is not None:
    main.callback = reporting_user_errors(main.callback)


def _every_command(command: click.Command) -> Iterator[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _every_command(sub)


__all__ = ["main"]
