"""The command line: parse options, call the core, print, return an exit status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import click

from generator.authoring import jsonschema
from generator.authoring.council import new_event, new_material, new_monitoring, new_practice
from generator.authoring.importer import ImportProblem, import_protocol
from generator.authoring.intake import intake
from generator.authoring.meeting import new_consultation, new_meeting, new_protocol
from generator.authoring.scaffold import KINDS, ScaffoldError, Written, choices_text
from generator.authoring.year import new_year
from generator.checking.compliance import evaluate
from generator.checking.compliance_report import exit_status
from generator.checking.compliance_report import render as render_outcomes
from generator.checking.report import FORMATS, render
from generator.checking.validate import relative_target, validate
from generator.cli import russian as cli_russian
from generator.cli.russian import RussianContext
from generator.documents.catalog import KINDS as DOCUMENT_KINDS
from generator.documents.edition import edition_files, write_site
from generator.documents.export import CACHE_FOLDER, NothingSelected, Selection, export
from generator.documents.links import default_out
from generator.documents.pandoc import FORMATS as DOCUMENT_FORMATS
from generator.documents.pandoc import PandocError
from generator.rendering.check_diff import render_diff
from generator.rendering.publication import Edition, publishing_from
from generator.russian import ru_date

cli_russian.install()  # before the options below are declared

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
                f"путь {path} лежит вне папки records проекта «{root}». Укажите файл или папку "
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
    result = validate(root)
    if not result.ok:
        click.echo(render("text", result.files, result.diagnostics))
        raise SystemExit(1)
    publishing = publishing_from(edition, as_of.date() if as_of else None)
    export_folder = root / default_out(edition) if with_documents else None
    files = edition_files(result.project, publishing, export_folder)
    try:
        count = write_site(files, out, None if only_generated else root / "docs")
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Записано файлов: {count} в {out} (сайт {edition}, на {ru_date(publishing.as_of)})."
    )


ASSOCIATION_OPTION = click.option(
    "--association",
    help="Объединение (идентификатор его папки); по умолчанию — единственное.",
)
YEAR_OPTION = click.option(
    "--year", help="Учебный год, например 2025-2026; по умолчанию — год даты --as-of."
)


def date_option(help_text: str) -> Callable[[click.decorators.FC], click.decorators.FC]:
    """`--date YYYY-MM-DD` for the record's own date."""
    return click.option(
        "--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help=help_text
    )


def _written(make: Callable[[], Written]) -> None:
    """Print what a scaffold wrote and what to fill in, or why it wrote nothing (exit 1)."""
    try:
        written = make()
    except ScaffoldError as error:
        click.echo(f"Ошибка: {error}", err=True)
        raise SystemExit(1) from None
    click.echo(written.report())


def _as_of(value: datetime | None) -> date:
    return value.date() if value else date.today()


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


@main.group("new", invoke_without_command=True)
@HELP_OPTION
@click.pass_context
def new_group(ctx: click.Context) -> None:
    """Создать заготовку записи, которая уже проходит проверку: ВИД — что создать.

    Без ВИДА печатает, что можно создать. Номер, имя файла, учебный год и люди берутся из
    записей; строки, которые нужно заполнить, отмечены «←». Существующие файлы не
    перезаписываются. У каждого вида есть --root (папка проекта) и --as-of (дата, от которой
    считать); справка по виду: python -m generator new ВИД --help.
    """
    if ctx.invoked_subcommand is None:
        click.echo(choices_text())


@new_group.command("meeting")
@HELP_OPTION
@ROOT_OPTION
@ASSOCIATION_OPTION
@YEAR_OPTION
@as_of_option
@date_option("Дата заседания; по умолчанию — дата --as-of.")
@click.option("--topic", help="Тема заседания; по умолчанию — строка «впишите тему».")
def new_meeting_command(
    root: Path,
    association: str | None,
    year: str | None,
    as_of: datetime | None,
    day: datetime | None,
    topic: str | None,
) -> None:
    """Следующее заседание учебного года: meetings/NN.yaml со статусом planned.

    Номер — следующий по порядку; место, время и формат — как у прошлого заседания.
    """
    _written(
        lambda: new_meeting(
            root, _as_of(as_of), association=association, year=year, day=_day(day), topic=topic
        )
    )


@new_group.command("protocol")
@HELP_OPTION
@ROOT_OPTION
@ASSOCIATION_OPTION
@YEAR_OPTION
@as_of_option
@click.option(
    "--number",
    help="Номер заседания (01, 02…); по умолчанию — последнее прошедшее без протокола.",
)
def new_protocol_command(
    root: Path,
    association: str | None,
    year: str | None,
    as_of: datetime | None,
    number: str | None,
) -> None:
    """Черновик протокола в файле запланированного или проведённого заседания.

    Остальной текст файла (и комментарии) не меняется: протокол дописывается в конец.
    Председатель и секретарь — из состава года; в контроль исполнения (follow_up) попадают
    решения прошлых заседаний, которые по записям ещё не выполнены.
    """
    _written(
        lambda: new_protocol(root, _as_of(as_of), association=association, year=year, number=number)
    )


@new_group.command("consultation")
@HELP_OPTION
@ROOT_OPTION
@ASSOCIATION_OPTION
@YEAR_OPTION
@as_of_option
@date_option("Дата консультации; по умолчанию — дата --as-of.")
@click.option("--request", help="Запрос этого года, на который дан ответ (его идентификатор).")
@click.option("--organization", help="Школа, которую консультировали (идентификатор).")
def new_consultation_command(
    root: Path,
    association: str | None,
    year: str | None,
    as_of: datetime | None,
    day: datetime | None,
    request: str | None,
    organization: str | None,
) -> None:
    """Проведённая консультация: consultations/ГГГГ-ММ-ДД-<школа>.yaml.

    Без --request берётся самый ранний запрос года без ответа (с --organization — этой школы);
    если таких нет — групповая консультация участников от ШНОР.
    """
    _written(
        lambda: new_consultation(
            root,
            _as_of(as_of),
            association=association,
            year=year,
            day=_day(day),
            request=request,
            organization=organization,
        )
    )


@new_group.command("practice")
@HELP_OPTION
@ROOT_OPTION
@ASSOCIATION_OPTION
@YEAR_OPTION
@as_of_option
@click.option("--id", "practice_id", help="Имя файла практики; по умолчанию practice-ГГГГ-ММ-ДД.")
@click.option("--author", help="Автор (идентификатор); по умолчанию — руководитель объединения.")
def new_practice_command(
    root: Path,
    association: str | None,
    year: str | None,
    as_of: datetime | None,
    practice_id: str | None,
    author: str | None,
) -> None:
    """Управленческая практика: records/practices/<id>.md со статусом proposed."""
    _written(
        lambda: new_practice(
            root,
            _as_of(as_of),
            association=association,
            year=year,
            practice_id=practice_id,
            author=author,
        )
    )


@new_group.command("material")
@HELP_OPTION
@ROOT_OPTION
@as_of_option
@click.option("--id", "material_id", help="Имя файла; по умолчанию <вид>-ГГГГ-ММ-ДД.")
@click.option(
    "--type",
    "material_type",
    default="document",
    show_default=True,
    help="Вид: video, audio, document, presentation, link, poll, discussion.",
)
def new_material_command(
    root: Path, as_of: datetime | None, material_id: str | None, material_type: str
) -> None:
    """Материал совета «РОСТ»: records/council/materials/<id>.yaml, опубликован в дату --as-of."""
    _written(
        lambda: new_material(
            root, _as_of(as_of), material_id=material_id, material_type=material_type
        )
    )


@new_group.command("event")
@HELP_OPTION
@ROOT_OPTION
@as_of_option
@date_option("Дата мероприятия; по умолчанию — дата --as-of.")
@click.option("--id", "event_id", help="Имя файла; по умолчанию <вид>-ГГГГ-ММ-ДД.")
@click.option(
    "--kind",
    default="webinar",
    show_default=True,
    help="Вид: conference, webinar, online_seminar, seminar, master_class, other.",
)
def new_event_command(
    root: Path, as_of: datetime | None, day: datetime | None, event_id: str | None, kind: str
) -> None:
    """Мероприятие совета «РОСТ»: records/council/events/<id>.yaml."""
    _written(lambda: new_event(root, _as_of(as_of), event_id=event_id, kind=kind, day=_day(day)))


@new_group.command("monitoring")
@HELP_OPTION
@ROOT_OPTION
@as_of_option
@click.option("--month", help="Месяц начала периода, ГГГГ-ММ; по умолчанию — первый без отчёта.")
def new_monitoring_command(root: Path, as_of: datetime | None, month: str | None) -> None:
    """Отчёт мониторинга страницы совета: records/council/monitoring/ГГГГ-ММ.yaml.

    Период — первый (месяц или квартал, по настройке) без отчёта, начиная с учебного года
    самого раннего отчёта; показатели нужно вписать вместо нулей.
    """
    _written(lambda: new_monitoring(root, _as_of(as_of), month=month))


@new_group.command("year")
@HELP_OPTION
@ROOT_OPTION
@ASSOCIATION_OPTION
@as_of_option
def new_year_command(root: Path, association: str | None, as_of: datetime | None) -> None:
    """Следующий учебный год после последнего в записях, с переносом незавершённого.

    Создаёт папку года: состав (копия прошлого, руководитель избирается решением 1.1
    заседания 01), план без утверждения, установочное заседание 01 в конце августа с
    черновиком протокола. Переносит со ссылкой на источник: запросы без ответа (в requests,
    примечание «Перенесён из …»), дефициты «выявлен» и «в работе» (в deficits, комментарий
    «Продолжение дефицита …»), невыполненные решения (контроль исполнения follow_up в
    протоколе заседания 01 и задача плана). Отказывается, если год уже начат.
    """
    _written(lambda: new_year(root, _as_of(as_of), association=association))


for _kind, _subcommand in new_group.commands.items():
    _subcommand.context_class = RussianContext
    _subcommand.short_help = KINDS[_kind]


@main.command("intake")
@HELP_OPTION
@click.argument("issue_body", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@ROOT_OPTION
@ASSOCIATION_OPTION
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Куда записать запрос; по умолчанию — requests/ГГГГ-ММ-ДД-<школа>.yaml в папке "
    "учебного года даты получения.",
)
def intake_command(issue_body: Path, root: Path, association: str | None, out: Path | None) -> None:
    """Превратить описание задачи (issue) «Запрос на консультацию» в запись запроса.

    ISSUE_BODY — файл с текстом описания задачи (Markdown, как его показывают GitHub и
    Forgejo), «-» — стандартный ввод. Запись проверяется; если в описании чего-то не хватает,
    команда называет поля и ничего не записывает (код выхода 1).
    """
    try:
        with click.open_file(str(issue_body), encoding="utf-8-sig") as handle:
            body = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        click.echo(f"Ошибка: файл {issue_body} не читается ({error}).", err=True)
        raise SystemExit(1) from None
    _written(lambda: intake(root, body, association=association, out=out))


@main.command("export")
@HELP_OPTION
@ROOT_OPTION
@click.option("--association", help="Только это объединение (идентификатор папки).")
@click.option("--year", help="Только этот учебный год, например 2025-2026.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(DOCUMENT_KINDS),
    help="protocol — протоколы, extract — выписки из протоколов, register — листы регистрации, "
    "invitation — приглашения на заседания, plan — план работы, journal — журнал консультаций, "
    "analysis — анализ работы. Можно указать несколько раз; по умолчанию — все.",
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
    приглашения, план, журнал консультаций, анализ работы — по ГОСТ Р 7.0.97.

    Имена файлов постоянные: <объединение>/<год>/protocol-03.docx. Документ, чьи записи не
    менялись, заново не преобразуется (кэш в .cache/documents); преобразование идёт
    параллельно на всех ядрах. Ошибки в записях останавливают выгрузку с теми же
    сообщениями, что печатает validate.
    """
    result = validate(root)
    if not result.ok:
        click.echo(render("text", result.files, result.diagnostics))
        raise SystemExit(1)
    selection = Selection(
        kinds=kinds or DOCUMENT_KINDS,
        formats=[f for f in DOCUMENT_FORMATS if f in formats] or DOCUMENT_FORMATS,
        as_of=as_of.date() if as_of else date.today(),
        association=association,
        year=year.replace("/", "-") if year else None,
        edition=Edition(edition),
    )
    target = out if out is not None else root / default_out(edition)
    try:
        summary = export(result.project, selection, target, root / CACHE_FOLDER)
    except (NothingSelected, PandocError) as error:
        click.echo(f"Ошибка: {error}", err=True)
        raise SystemExit(1) from None
    click.echo(summary.text(out if out is not None else default_out(edition)))


@main.command("import-docx")
@HELP_OPTION
@click.argument(
    "file", metavar="FILE.docx", type=click.Path(dir_okay=False, exists=True, path_type=Path)
)
@click.option(
    "--out",
    metavar="FILE.yaml",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Записать черновик в этот файл (существующий не перезаписывается); по умолчанию — "
    "records/associations/<объединение>/<год>/meetings/NN.yaml.",
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
    help="Номер заседания (01, 02…); по умолчанию — номер из протокола или следующий свободный.",
)
@ROOT_OPTION
def import_docx_command(
    file: Path,
    out: Path | None,
    association: str | None,
    year: str | None,
    number: str | None,
    root: Path,
) -> None:
    """Перенести протокол из Word (FILE.docx) в черновик записи заседания.

    Номер, дата, место, председатель, секретарь, присутствовавшие, повестка, докладчики
    (СЛУШАЛИ или «По первому вопросу выступила…»), ВЫСТУПИЛИ, решения с их нумерацией
    1.1, 1.2…, исполнителями, сроками и итогами голосования попадают в meetings/NN.yaml
    (заседание held, протокол — черновик draft). Что нужно дописать, отмечено «# ←» и
    перечислено в выводе; имена, которых нет в records/people, остаются как в документе и
    перечисляются; нераспознанный текст сохраняется в комментариях в конце файла.
    Черновик записывается, только если проходит проверку; существующий файл не
    перезаписывается.

    Код выхода: 0 — черновик записан; 1 — в документе не найдено ничего похожего на
    протокол или черновик не проходит проверку (ничего не записано); 2 — неверный запуск.
    """
    try:
        imported = import_protocol(
            root, file, association=association, year=year, number=number, out=out
        )
    except ImportProblem as error:
        if error.exit_status == 2:
            raise click.UsageError(str(error)) from None
        click.echo(f"Ошибка: {error}", err=True)
        raise SystemExit(1) from None
    click.echo(imported.report())


@main.command("synth")
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
    from synth import WORLD_DATE, Spec, SynthError, synthesize

    spec = Spec(associations, years, seed, as_of.date() if as_of else WORLD_DATE)
    try:
        counts = synthesize(out, spec)
    except SynthError as error:
        click.echo(f"Ошибка: {error}", err=True)
        raise SystemExit(1) from None
    details = ", ".join(f"{kind} — {count}" for kind, count in counts.most_common())
    click.echo(f"Записано файлов: {sum(counts.values())} в {out} ({details}).")


for _command in (main, *main.commands.values()):
    _command.context_class = RussianContext
