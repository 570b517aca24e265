"""The command line: thin commands over the core (`python -m generator`, `cnppm`).

Each command parses its options, calls the core and prints; a UserError raised anywhere
below is printed in one place (`options.reporting_user_errors`), never as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from generator.cli import new, records, site, tools, website
from generator.cli.options import CONTEXT, HELP_OPTION, reporting_user_errors
from generator.cli.russian import RussianContext


@click.group(context_settings=CONTEXT)
@HELP_OPTION
def main() -> None:
    """Записи межшкольного объединения и совета «РОСТ»: проверка, сайт, документы."""


for _command in (
    records.validate_command,
    records.check_command,
    records.check_diff_command,
    records.schema_command,
    site.pages_command,
    site.export_command,
    website.site_group,
    new.new_group,
    new.intake_command,
    tools.import_docx_command,
    tools.synth_command,
    tools.page_images_command,
    tools.cms_config_command,
):
    main.add_command(_command)


def _every_command(command: click.Command) -> Iterator[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _every_command(sub)


for _command in _every_command(main):
    _command.context_class = RussianContext
    if _command.callback is not None:
        _command.callback = reporting_user_errors(_command.callback)

__all__ = ["main"]
