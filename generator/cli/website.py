"""`site build` and `site serve`: the whole site in one command, speaking Russian.

They check the records, export the edition's documents and run MkDocs quietly (its English
start-up banner and log lines are for developers), then say in Russian what was built or where
the site is served. MkDocs runs as its own process: the core never imports MkDocs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import click

from generator.cli.options import (
    HELP_OPTION,
    NO_CACHE_OPTION,
    ROOT_OPTION,
    as_of_day,
    as_of_option,
    valid_records,
)
from generator.documents.catalog import KINDS as DOCUMENT_KINDS
from generator.documents.export import CACHE_FOLDER, Selection, export
from generator.documents.links import default_out
from generator.documents.pandoc import FORMATS as DOCUMENT_FORMATS
from generator.errors import UserError
from generator.loading.cache import NO_CACHE_ENV, cache_wanted
from generator.rendering.publication import Edition
from generator.russian import ru_date

CONFIGS = {Edition.PUBLIC: "mkdocs.yml", Edition.INTERNAL: "mkdocs.internal.yml"}
TITLES = {Edition.PUBLIC: "открытый сайт", Edition.INTERNAL: "внутренний сайт центра"}

EDITION_OPTION = click.option(
    "--edition",
    type=click.Choice([e.value for e in Edition]),
    default=Edition.PUBLIC.value,
    show_default=True,
    help="public — открытый сайт, internal — внутренний сайт центра.",
)


@click.group("site")
@HELP_OPTION
def site_group() -> None:
    """Собрать или показать сайт: проверка записей, документы, страницы — одной командой.

    build — собрать сайт в папку, serve — показать его на этом компьютере. У обеих команд
    есть --root (папка проекта), --edition (public или internal) и --as-of (дата «на»).
    """


@site_group.command("build")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
@EDITION_OPTION
@as_of_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Папка сайта; по умолчанию — из настроек сайта (site/ или site-internal/).",
)
def build_command(root: Path, edition: str, as_of: datetime | None, out: Path | None) -> None:
    """Проверить записи, выгрузить документы издания и собрать сайт в папку."""
    chosen, day = Edition(edition), as_of_day(as_of)
    _prepare(root, chosen, day)
    args = ["build", "--strict"] + (["--site-dir", str(out.resolve())] if out else [])
    _mkdocs(root, chosen, day, args)
    click.echo(f"Собран {TITLES[chosen]} на {ru_date(day)}: {out or _site_dir(chosen)}.")


@site_group.command("serve")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
@EDITION_OPTION
@as_of_option
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Порт, на котором показывать сайт.")  # fmt: skip
def serve_command(root: Path, edition: str, as_of: datetime | None, port: int) -> None:
    """Проверить записи, выгрузить документы и показать сайт на этом компьютере.

    Страницы обновляются сами, когда вы сохраняете запись или шаблон.
    """
    chosen, day = Edition(edition), as_of_day(as_of)
    _prepare(root, chosen, day)
    click.echo(
        f"{TITLES[chosen].capitalize()} на {ru_date(day)}: http://127.0.0.1:{port}/ "
        "(откроется через несколько секунд; остановить — Ctrl+C)."
    )
    try:
        _mkdocs(root, chosen, day, ["serve", "--dev-addr", f"127.0.0.1:{port}"])
    except KeyboardInterrupt:
        click.echo("Показ сайта остановлен.")


def _prepare(root: Path, edition: Edition, day: date) -> None:
    """The records checked (errors printed, exit 1) and the edition's documents exported."""
    result = valid_records(root)
    selection = Selection(
        kinds=DOCUMENT_KINDS, formats=DOCUMENT_FORMATS, as_of=day, edition=edition
    )
    summary = export(result.project, selection, root / default_out(edition), root / CACHE_FOLDER)
    click.echo(summary.text(default_out(edition)))


def _mkdocs(root: Path, edition: Edition, day: date, args: list[str]) -> None:
    config = root / CONFIGS[edition]
    if not config.is_file():
        raise UserError(f"нет файла настроек сайта {config}. Запустите команду из корня проекта.")
    env = {**os.environ, "SITE_AS_OF": day.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    if not cache_wanted():  # --no-cache: the hook reads every record afresh too
        env[NO_CACHE_ENV] = "1"
    command = [sys.executable, "-m", "mkdocs", *args, "--quiet", "--config-file", str(config)]
    if subprocess.run(command, cwd=root, env=env, check=False).returncode != 0:
        raise UserError("сайт не собран: причины — в сообщениях выше.")


def _site_dir(edition: Edition) -> str:
    return "site-internal/" if edition is Edition.INTERNAL else "site/"
