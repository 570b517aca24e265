"""Commands that bring records in, make test projects or pictures: import-docx, synth,
page-images."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import click

from generator.authoring.decap import cms_config, config_text
from generator.authoring.importer import import_archive
from generator.cli.options import (
    HELP_OPTION,
    NO_CACHE_OPTION,
    ROOT_OPTION,
    as_of_day,
    as_of_option,
    valid_records,
)
from generator.documents.catalog import KINDS as DOCUMENT_KINDS
from generator.documents.catalog import DocumentRef
from generator.documents.export import CACHE_FOLDER, Selection, document_refs, export
from generator.documents.pandoc import FORMATS as DOCUMENT_FORMATS
from generator.documents.preview import page_pictures


@click.command("import-docx")
@HELP_OPTION
@click.argument(
    "paths",
    metavar="ПУТЬ...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
)
@click.option(
    "--out",
    metavar="FILE.yaml",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Записать черновик в этот файл (существующий не перезаписывается); по умолчанию — "
    "records/associations/<объединение>/<год>/meetings/NN.yaml. Только для одного файла.",
)
@click.option(
    "--association",
    metavar="ID",
    help="Объединение (идентификатор его папки); по умолчанию — единственное.",
)
@click.option(
    "--year",
    metavar="ГГГГ-ГГГГ",
    help="Учебный год, например 2025-2026; по умолчанию — год даты протокола "
    "(обязателен, если дата в документе не найдена).",
)
@click.option(
    "--number",
    metavar="NN",
    help="Номер заседания (01, 02…); по умолчанию — номер из протокола или следующий "
    "свободный. Только для одного файла.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Отчёт: text — для человека, json — для программ.",
)
@ROOT_OPTION
@NO_CACHE_OPTION
def import_docx_command(
    paths: tuple[Path, ...],
    out: Path | None,
    association: str | None,
    year: str | None,
    number: str | None,
    fmt: str,
    root: Path,
) -> None:
    """Перенести протоколы из Word в черновики записей заседаний.

    ПУТЬ — файлы .docx и папки с ними (папки просматриваются вместе с вложенными). Каждый
    протокол становится черновиком по своему адресу в records: год — по дате заседания,
    номер — из документа. Номер, дата, место, председатель, секретарь, присутствовавшие,
    повестка, докладчики (СЛУШАЛИ или «По первому вопросу выступила…»), ВЫСТУПИЛИ, решения с
    их нумерацией 1.1, 1.2…, исполнителями, сроками и итогами голосования попадают в
    meetings/NN.yaml (заседание held, протокол — черновик draft). Что нужно дописать,
    отмечено «# ←» и перечислено в отчёте; имена, которых нет в records/people, остаются как
    в документе и перечисляются; нераспознанный текст сохраняется в комментариях в конце
    файла. Черновик записывается, только если проходит проверку; существующий файл не
    перезаписывается, а называется в отчёте. Один нечитаемый файл не останавливает
    остальные.

    Код выхода: 0 — черновик записан для каждого файла; 1 — для некоторых файлов черновика
    нет (причина — в отчёте); 2 — неверный запуск.
    """
    batch = import_archive(
        root, list(paths), association=association, year=year, number=number, out=out
    )
    if fmt == "json":
        click.echo(json.dumps(batch.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(batch.report())
    raise SystemExit(batch.exit_code)


@click.command("synth")
@HELP_OPTION
@click.option(
    "--associations", type=click.IntRange(min=1), default=1, show_default=True,
    help="Сколько объединений (муниципалитетов) создать.",
)  # fmt: skip
@click.option(
    "--years", type=click.IntRange(1, 30), default=2, show_default=True,
    help="Сколько учебных лет записей: последний — год даты --as-of.",
)  # fmt: skip
@click.option(
    "--seed", type=int, default=1, show_default=True, help="Начальное число случайностей."
)
@click.option(
    "--out",
    "--root",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Папка нового проекта (новая или пустая): в неё записываются records/ и files/.",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="День, на который записи «сегодняшние» (ГГГГ-ММ-ДД); по умолчанию 2026-11-20.",
)
def synth_command(
    associations: int, years: int, seed: int, out: Path, as_of: datetime | None
) -> None:
    """Создать вымышленный проект любого размера — для замеров скорости и проверок.

    Записи проходят validate без ошибок, а check находит немного замечаний, как в жизни.
    Одни и те же параметры всегда дают одни и те же файлы. При --associations 1 --years 2
    проект размером с записи-примеры; при --associations 25 --years 10 — область
    (около 2 000 заседаний, 13 000 консультаций, 1 900 практик; всего 29 000 файлов).
    """
    from synth import WORLD_DATE, Spec, synthesize

    spec = Spec(associations, years, seed, as_of.date() if as_of else WORLD_DATE)
    counts = synthesize(out, spec)
    details = ", ".join(f"{kind} — {count}" for kind, count in counts.most_common())
    click.echo(f"Записано файлов: {sum(counts.values())} в {out} ({details}).")


@click.command("page-images")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(DOCUMENT_KINDS),
    help="Вид документа; можно несколько раз. По умолчанию — все.",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(DOCUMENT_FORMATS), default="docx", show_default=True,
    help="Из какого формата печатать.",
)  # fmt: skip
@click.option(
    "--dpi", type=click.IntRange(30, 300), default=60, show_default=True,
    help="Разрешение картинок, точек на дюйм.",
)  # fmt: skip
@click.option(
    "--last/--no-last",
    default=True,
    show_default=True,
    help="Рисовать и последнюю страницу (где подписи), если страниц несколько.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/document-pages"),
    show_default=True,
    help="Папка для картинок.",
)
@as_of_option
def page_images_command(
    root: Path,
    kinds: tuple[str, ...],
    fmt: str,
    dpi: int,
    last: bool,
    out: Path,
    as_of: datetime | None,
) -> None:
    """Нарисовать страницы документов, как их напечатает делопроизводитель.

    Для каждого вида документа берётся первый документ внутреннего выпуска на дату
    --as-of, печатается LibreOffice в PDF и рисуется в PNG: <вид>.png — первая страница,
    <вид>-last.png — последняя, если страниц несколько. Нужны LibreOffice и poppler-utils
    (apt-get install libreoffice-writer-nogui poppler-utils hyphen-ru fonts-liberation2).
    """
    result = valid_records(root)
    selection = Selection(
        kinds=kinds or DOCUMENT_KINDS,
        formats=[f for f in DOCUMENT_FORMATS if f == fmt],
        as_of=as_of_day(as_of),
    )
    first: dict[str, DocumentRef] = {}
    for ref in document_refs(result.project, selection):
        first.setdefault(ref.kind, ref)
    with tempfile.TemporaryDirectory(prefix="page-images-") as scratch:
        exported, chosen = Path(scratch) / "documents", Path(scratch) / "chosen"
        export(result.project, selection, exported, root / CACHE_FOLDER)
        chosen.mkdir()
        documents = []
        for kind, ref in first.items():
            document = chosen / f"{kind}.{fmt}"
            shutil.copyfile(exported / ref.path(fmt), document)
            documents.append(document)
        written = page_pictures(documents, out, dpi=dpi, last=last)
    click.echo(f"Картинок страниц: {len(written)} в {out}.")


@click.command("cms-config")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Записать в этот файл; по умолчанию — напечатать.",
)
@as_of_option
def cms_config_command(root: Path, out: Path | None, as_of: datetime | None) -> None:
    """Показать настройки форм редактора (config.yml Decap CMS), собранные из моделей записей.

    Сборка внутреннего сайта пишет их сама в /admin/config.yml: по коллекции на каждый вид
    записей, у записей объединения — на текущий и прошлый учебный год (на дату --as-of).
    Команда нужна, чтобы посмотреть их или сравнить.
    """
    result = valid_records(root)
    text = config_text(cms_config(result.project, as_of_day(as_of)))
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"Записано: {out}.")
