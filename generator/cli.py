"""The command line: parse options, call the core, print, return an exit status."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import ClassVar

import click

from . import jsonschema
from .compliance import evaluate
from .compliance_diff import render_diff
from .compliance_report import exit_status
from .compliance_report import render as render_outcomes
from .publish import Edition, publishing_from
from .report import FORMATS, render
from .site import copy_hand_written, render_site, write_pages
from .validate import relative_target, validate

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


def as_of_option(func: click.decorators.FC) -> click.decorators.FC:
    """`--as-of YYYY-MM-DD` for commands whose result depends on the date."""
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Дата, на которую проверять (ГГГГ-ММ-ДД); по умолчанию — сегодня.",
    )(func)


class RussianHelpFormatter(click.HelpFormatter):
    """Click's help with Russian headings: the people reading it are not programmers."""

    SECTIONS: ClassVar[dict[str, str]] = {
        "Options": "Параметры",
        "Commands": "Команды",
        "Arguments": "Аргументы",
    }

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Запуск: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(self.SECTIONS.get(heading, heading))


class RussianContext(click.Context):
    formatter_class = RussianHelpFormatter


CONTEXT = {"help_option_names": ["-h", "--help"]}
HELP_OPTION = click.help_option("-h", "--help", help="Показать эту справку и выйти.")


@click.group(context_settings=CONTEXT)
@HELP_OPTION
def main() -> None:
    """Записи межшкольного объединения и совета «РОСТ»: проверка, сайт, документы."""


@main.command("validate")
@HELP_OPTION
@click.argument("path", required=False, type=click.Path(path_type=Path))
@ROOT_OPTION
@FORMAT_OPTION
def validate_command(path: Path | None, root: Path, fmt: str) -> None:
    """Проверить записи: каждый файл по схеме и записи друг с другом.

    PATH — папка records, папка внутри неё или один файл; по умолчанию проверяется всё.
    Сообщает все ошибки всех файлов сразу; код выхода 1, если есть ошибки.
    """
    selected = ""
    if path is not None:
        relative = relative_target(root, path if path.is_absolute() else Path.cwd() / path)
        if relative is None or not (relative == "records" or relative.startswith("records/")):
            raise click.UsageError(
                f"путь {path} лежит вне папки records проекта {root}. Укажите файл или папку "
                "внутри records (или задайте папку проекта через --root)."
            )
        selected = "" if relative == "records" else relative
    result = validate(root, selected)
    click.echo(render(fmt, result.files, result.diagnostics))
    raise SystemExit(0 if result.ok else 1)


@main.command("check")
@HELP_OPTION
@ROOT_OPTION
@as_of_option
@click.option("--year", help="Только этот учебный год, например 2025-2026.")
@click.option("--association", help="Только это объединение (идентификатор папки).")
@FORMAT_OPTION
@click.option("--strict", is_flag=True, help="Считать ошибкой и предупреждения.")
def check_command(
    root: Path,
    as_of: datetime | None,
    year: str | None,
    association: str | None,
    fmt: str,
    strict: bool,
) -> None:
    """Проверить выполнение положений: заседания, протоколы, план, анализ, совет.

    Сначала проверяются сами записи (как validate), затем правила из положений — на дату
    --as-of (по умолчанию сегодня). Код выхода 1, если есть непринятое нарушение уровня
    «ошибка» (с --strict — и предупреждения) или ошибки в записях.
    """
    result = validate(root)
    if not result.ok:
        click.echo(render(fmt, result.files, result.diagnostics))
    day = as_of.date() if as_of else date.today()
    chosen_year = year.replace("/", "-") if year else None
    outcomes = evaluate(result.project, day, year=chosen_year, association=association)
    click.echo(render_outcomes(fmt, outcomes))
    raise SystemExit(max(exit_status(outcomes, strict), 0 if result.ok else 1))


@main.command("check-diff")
@HELP_OPTION
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("head", type=click.Path(dir_okay=False, path_type=Path))
def check_diff_command(base: Path, head: Path) -> None:
    """Сравнить два вывода `check --format json`: что pull request меняет в выполнении.

    BASE — проверка основной ветки, HEAD — проверка pull request. Печатает Markdown для
    сводки задания CI: новые и устранённые замечания.
    """
    click.echo(render_diff(base, head))


@main.command("schema")
@HELP_OPTION
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Только проверить, что файлы схем актуальны.")
def schema_command(root: Path, check: bool) -> None:
    """Записать JSON Schema записей в schemas/json и подсказки для VS Code в .vscode."""
    if check:
        stale = jsonschema.stale(root)
        for relative in stale:
            click.echo(f"{relative}: файл устарел. Выполните: python -m generator schema")
        raise SystemExit(1 if stale else 0)
    written = jsonschema.write(root)
    click.echo(f"Записано файлов: {len(written)} (schemas/json, .vscode/settings.json).")


@main.command("pages")
@HELP_OPTION
@ROOT_OPTION
@click.option(
    "--edition",
    type=click.Choice([e.value for e in Edition]),
    default=Edition.PUBLIC.value,
    show_default=True,
    help="public — открытый сайт, internal — внутренний сайт центра.",
)
@as_of_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Папка, куда записать страницы (будет создана; старые файлы в ней удаляются).",
)
@click.option(
    "--only-generated",
    is_flag=True,
    help="Не копировать страницы docs/, только собранные из записей.",
)
def pages_command(
    root: Path, edition: str, as_of: datetime | None, out: Path, only_generated: bool
) -> None:
    """Записать страницы сайта в папку в виде Markdown — для любого генератора сайтов.

    В папку попадают страницы, написанные вручную (docs/), и страницы, собранные из
    записей. Так те же страницы может собрать продолжение MkDocs или преемник Material.
    """
    result = validate(root)
    if not result.ok:
        click.echo(render("text", result.files, result.diagnostics))
        raise SystemExit(1)
    publishing = publishing_from(edition, as_of.date() if as_of else None)
    pages = render_site(result.project, publishing)
    if out.exists():
        shutil.rmtree(out)
    copied: list[Path] = []
    try:
        if not only_generated:
            copied = copy_hand_written(root / "docs", out)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    written = write_pages(pages, out)
    click.echo(
        f"Записано файлов: {len(copied) + len(written)} в {out} "
        f"(сайт {edition}, на {publishing.as_of:%d.%m.%Y})."
    )


for _command in (main, *main.commands.values()):
    _command.context_class = RussianContext
