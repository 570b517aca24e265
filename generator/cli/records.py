"""Commands on the records: validate, check, check-diff, schema."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from generator.checking.compliance import evaluate
from generator.checking.findings import exit_status, rule_diagnostics
from generator.checking.report import render
from generator.checking.rules.base import Outcome
from generator.checking.unread import unjudged
from generator.checking.validate import relative_target, validate, validate_beside
from generator.cli.options import (
    FORMAT_OPTION,
    HELP_OPTION,
    NO_CACHE_OPTION,
    ROOT_OPTION,
    as_of_day,
    as_of_option,
)
from generator.loading.diagnostics import Diagnostic
from generator.loading.project import Project


@click.command("validate")
@HELP_OPTION
@click.argument("path", required=False, type=click.Path(path_type=Path))
@ROOT_OPTION
@NO_CACHE_OPTION
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
                f"путь {path} лежит вне папки records проекта «{root}». Укажите файл или папку "
                "внутри records (или задайте папку проекта через --root)."
            )
        selected = "" if relative == "records" else relative
    result = validate(root, selected)
    click.echo(render(fmt, result.files, result.diagnostics))
    raise SystemExit(0 if result.ok else 1)


@click.command("check")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
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
    --as-of (без неё — из SITE_AS_OF, а без неё — на сегодня). Каждое замечание начинается
    с файла, строки и столбца, к которым оно относится. Если какие-то записи не прочитаны,
    правила для их года не проверяются, и итог говорит об этом. Код выхода 1, если есть
    непринятое нарушение уровня «ошибка» (с --strict — и предупреждения) или ошибки в записях.
    """
    day = as_of_day(as_of)
    chosen_year = year.replace("/", "-") if year else None

    def judge(project: Project) -> tuple[list[Outcome], list[Diagnostic]]:
        outcomes = evaluate(project, day, year=chosen_year, association=association)
        return outcomes, rule_diagnostics(project, outcomes)

    result, (outcomes, findings) = validate_beside(root, judge)
    waiting = unjudged(result.project)
    click.echo(render(fmt, result.files, result.diagnostics, outcomes, findings, waiting))
    raise SystemExit(max(exit_status(outcomes, strict), 0 if result.ok else 1))


@click.command("check-diff")
@HELP_OPTION
@click.argument("base", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("head", type=click.Path(dir_okay=False, path_type=Path))
def check_diff_command(base: Path, head: Path) -> None:
    """Сравнить два вывода `check --format json`: что pull request меняет в выполнении.

    BASE — проверка основной ветки, HEAD — проверка pull request. Печатает Markdown для
    сводки задания CI: новые и устранённые замечания.
    """
    from generator.rendering.check_diff import render_diff  # only this command needs it

    click.echo(render_diff(base, head))


@click.command("schema")
@HELP_OPTION
@ROOT_OPTION
@click.option("--check", is_flag=True, help="Только проверить, что файлы схем актуальны.")
def schema_command(root: Path, check: bool) -> None:
    """Записать JSON Schema записей в schemas/json и подсказки для VS Code в .vscode."""
    from generator.authoring import jsonschema  # only this command needs it

    if check:
        stale = jsonschema.stale(root)
        for relative in stale:
            click.echo(f"{relative}: файл устарел. Выполните: python -m generator schema")
        raise SystemExit(1 if stale else 0)
    written = jsonschema.write(root)
    click.echo(f"Записано файлов: {len(written)} (schemas/json, .vscode/settings.json).")
