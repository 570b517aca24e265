"""What every command shares: its options, the as-of date, the validated project, errors.

Importing this module puts click into Russian (`russian.install`) before any option is
declared, so every command module imports it first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.asof import resolve_as_of
from generator.checking.report import FORMATS, render
from generator.checking.validate import Validation, validate
from generator.cli import russian
from generator.errors import UserError
from generator.loading.cache import records_cache

russian.install()  # before the options below are declared

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default="текущая папка",
    help="Папка проекта, в которой лежит records/.",
)
FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text — для человека, json — для программ, github — аннотации в pull request.",
)
ASSOCIATION_OPTION = click.option(
    "--association",
    help="Объединение (идентификатор его папки); по умолчанию — единственное.",
)
YEAR_OPTION = click.option(
    "--year", help="Учебный год, например 2025-2026; по умолчанию — год даты --as-of."
)


def _choose_cache(ctx: click.Context, _param: click.Parameter, no_cache: bool) -> None:
    """The command loads records through the disk cache unless --no-cache (`loading.cache`)."""
    ctx.with_resource(records_cache(not no_cache))


NO_CACHE_OPTION = click.option(
    "--no-cache",
    is_flag=True,
    expose_value=False,
    callback=_choose_cache,
    help="Прочитать и проверить все файлы записей заново, не беря и не сохраняя кэш "
    ".cache/records (по умолчанию неизменившиеся файлы берутся из кэша).",
)
CONTEXT = {"help_option_names": ["-h", "--help"]}
HELP_OPTION = click.help_option("-h", "--help", help="Показать эту справку и выйти.")


def as_of_option(func: click.decorators.FC) -> click.decorators.FC:
    """`--as-of YYYY-MM-DD` for commands whose result depends on the date."""
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Дата, на которую проверять (ГГГГ-ММ-ДД); по умолчанию — из переменной "
        "SITE_AS_OF, а без неё — сегодня.",
    )(func)


def date_option(help_text: str) -> Callable[[click.decorators.FC], click.decorators.FC]:
    """`--date YYYY-MM-DD` for the record's own date."""
    return click.option(
        "--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help=help_text
    )


def as_of_day(value: datetime | None) -> date:
    """The command's as-of date: `--as-of`, else SITE_AS_OF, else today (`asof`)."""
    return resolve_as_of(value.date() if value else None)


def day_of(value: datetime | None) -> date | None:
    return value.date() if value else None


def valid_records(root: Path, fmt: str = "text") -> Validation:
    """The project validated; on any error, the errors printed and exit status 1."""
    result = validate(root)
    if not result.ok:
        click.echo(render(fmt, result.files, result.diagnostics))
        raise SystemExit(1)
    return result


F = TypeVar("F", bound=Callable[..., Any])


def reporting_user_errors(callback: F) -> F:
    """Print a UserError as `Ошибка: …` (exit 1) or as a usage error (exit 2): one place."""

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except UserError as error:
            if error.exit_code == 2:
                raise click.UsageError(str(error)) from None
            click.echo(f"Ошибка: {error}", err=True)
            raise SystemExit(error.exit_code) from None

    return run  # type: ignore[return-value]
