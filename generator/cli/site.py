"""Commands that publish: the site's pages and the official documents."""

from __future__ import annotations

from datetime import datetime
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
from generator.documents.edition import edition_files, write_site
from generator.documents.export import CACHE_FOLDER, Selection, export
from generator.documents.links import default_out
from generator.documents.pandoc import FORMATS as DOCUMENT_FORMATS
from generator.rendering.publication import Edition, publishing_from
from generator.russian import ru_date


@click.command("pages")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
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
@click.option(
    "--with-documents",
    is_flag=True,
    help="Добавить документы, выгруженные командой export --edition <тот же сайт> "
    "(из build/documents/<edition>), и ссылки на них на страницах.",
)
def pages_command(
    root: Path,
    edition: str,
    as_of: datetime | None,
    out: Path,
    only_generated: bool,
    with_documents: bool,
) -> None:
    """Записать страницы сайта в папку в виде Markdown — для любого генератора сайтов.

    В папку попадают страницы, написанные вручную (docs/), и страницы, собранные из
    записей. Так те же страницы может собрать продолжение MkDocs или преемник Material.
    """
    result = valid_records(root)
    publishing = publishing_from(edition, as_of_day(as_of))
    export_folder = root / default_out(edition) if with_documents else None
    files = edition_files(result.project, publishing, export_folder)
    count = write_site(files, out, None if only_generated else root / "docs")
    click.echo(
        f"Записано файлов: {count} в {out} (сайт {edition}, на {ru_date(publishing.as_of)})."
    )


@click.command("export")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
@click.option("--association", help="Только это объединение (идентификатор папки).")
@click.option("--year", help="Только этот учебный год, например 2025-2026.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(DOCUMENT_KINDS),
    help="protocol — протоколы, extract — выписки из протоколов, register — листы регистрации, "
    "invitation — приглашения на заседания, plan — план работы, journal — журнал консультаций, "
    "analysis — анализ работы, control — справка о ходе исполнения решений (только внутренний "
    "документ). Можно указать несколько раз; по умолчанию — все.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(DOCUMENT_FORMATS),
    help="docx или odt; можно оба: --format docx --format odt. По умолчанию — оба.",
)
@click.option(
    "--edition",
    type=click.Choice([e.value for e in Edition]),
    default=Edition.INTERNAL.value,
    show_default=True,
    help="internal — все документы для центра; public — только подписанные протоколы и "
    "утверждённые планы для открытого сайта, люди названы так, как позволяет их согласие.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Папка для документов; по умолчанию build/documents/<edition> в папке проекта.",
)
@as_of_option
def export_command(
    root: Path,
    association: str | None,
    year: str | None,
    kinds: tuple[str, ...],
    formats: tuple[str, ...],
    edition: str,
    out: Path | None,
    as_of: datetime | None,
) -> None:
    """Записать официальные документы в DOCX и ODT: протоколы, выписки, листы регистрации,
    приглашения, план, журнал консультаций, анализ работы, справку о ходе исполнения
    решений (на дату --as-of) — по ГОСТ Р 7.0.97.

    Имена файлов постоянные: <объединение>/<год>/protocol-03.docx. Документ, чьи записи не
    менялись, заново не преобразуется (кэш в .cache/documents); преобразование идёт
    параллельно на всех ядрах. Ошибки в записях останавливают выгрузку с теми же
    сообщениями, что печатает validate.
    """
    result = valid_records(root)
    selection = Selection(
        kinds=kinds or DOCUMENT_KINDS,
        formats=[f for f in DOCUMENT_FORMATS if f in formats] or DOCUMENT_FORMATS,
        as_of=as_of_day(as_of),
        association=association,
        year=year.replace("/", "-") if year else None,
        edition=Edition(edition),
    )
    target = out if out is not None else root / default_out(edition)
    summary = export(result.project, selection, target, root / CACHE_FOLDER)
    click.echo(summary.text(out if out is not None else default_out(edition)))
