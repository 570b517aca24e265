"""Commands that write records: `new …` scaffolds and `intake` of a request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import click

from generator.authoring.council import new_event, new_material, new_monitoring, new_practice
from generator.authoring.diagnostic import new_diagnostic
from generator.authoring.intake import intake
from generator.authoring.meeting import new_consultation, new_meeting, new_protocol
from generator.authoring.programme import new_programme
from generator.authoring.scaffold import KINDS, Written, choices_text
from generator.authoring.year import new_year
from generator.cli.options import (
    ASSOCIATION_OPTION,
    HELP_OPTION,
    NO_CACHE_OPTION,
    ROOT_OPTION,
    YEAR_OPTION,
    as_of_day,
    as_of_option,
    date_option,
    day_of,
)
from generator.errors import UserError


def _written(make: Callable[[], Written]) -> None:
    """Print what a scaffold wrote and what to fill in (a ScaffoldError is a UserError)."""
    click.echo(make().report())


@click.group("new", invoke_without_command=True)
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
@NO_CACHE_OPTION
@ASSOCIATION_OPTION
@YEAR_OPTION
@as_of_option
@date_option(
    "Дата заседания, не раньше заседаний года с меньшими номерами (номера идут по датам). По "
    "умолчанию — дата --as-of, но не раньше начала учебного года и не позже 31 августа; если в "
    "году уже есть заседание в этот день или позже — через четыре недели после последнего из "
    "них (такую дату нужно уточнить)."
)
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

    Номер — следующий по порядку; место, время и формат — как у прошлого заседания. Дата
    раньше уже записанного заседания не принимается (код выхода 1): номер нового заседания
    больше, а номера заседаний и протоколов идут по датам.
    """
    _written(
        lambda: new_meeting(
            root, as_of_day(as_of), association=association, year=year, day=day_of(day), topic=topic
        )
    )


@new_group.command("protocol")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
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
        lambda: new_protocol(
            root, as_of_day(as_of), association=association, year=year, number=number
        )
    )


@new_group.command("consultation")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
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
            as_of_day(as_of),
            association=association,
            year=year,
            day=day_of(day),
            request=request,
            organization=organization,
        )
    )


@new_group.command("practice")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
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
            as_of_day(as_of),
            association=association,
            year=year,
            practice_id=practice_id,
            author=author,
        )
    )


@new_group.command("material")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
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
            root, as_of_day(as_of), material_id=material_id, material_type=material_type
        )
    )


@new_group.command("event")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
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
    _written(
        lambda: new_event(root, as_of_day(as_of), event_id=event_id, kind=kind, day=day_of(day))
    )


@new_group.command("diagnostic")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
@ASSOCIATION_OPTION
@YEAR_OPTION
@as_of_option
@date_option("Дата диагностики; по умолчанию — дата --as-of (в пределах учебного года).")
@click.option(
    "--kind",
    type=click.Choice(["entry", "repeat"]),
    default=None,
    help="entry — входная, repeat — повторная; по умолчанию входная, если её в году ещё нет.",
)
def new_diagnostic_command(
    root: Path,
    association: str | None,
    year: str | None,
    as_of: datetime | None,
    day: datetime | None,
    kind: str | None,
) -> None:
    """Диагностика компетенций: diagnostics/ГГГГ-ММ-<вид>.yaml в папке учебного года.

    Участники — участники года от ШНОР (ШССУ); компетенции повторной диагностики — как во
    входной этого года, входной — как во входной прошлого года (если её нет — одна
    заготовка). Числа ниже порога (below) нужно вписать вместо нулей.
    """
    _written(
        lambda: new_diagnostic(
            root,
            as_of_day(as_of),
            association=association,
            year=year,
            kind=kind,
            day=day_of(day),
        )
    )


@new_group.command("monitoring")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
@as_of_option
@click.option("--month", help="Месяц начала периода, ГГГГ-ММ; по умолчанию — первый без отчёта.")
def new_monitoring_command(root: Path, as_of: datetime | None, month: str | None) -> None:
    """Отчёт мониторинга страницы совета: records/council/monitoring/ГГГГ-ММ.yaml.

    Период — первый (месяц или квартал, по настройке) без отчёта, начиная с учебного года
    самого раннего отчёта; показатели нужно вписать вместо нулей.
    """
    _written(lambda: new_monitoring(root, as_of_day(as_of), month=month))


@new_group.command("programme")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
@as_of_option
@click.option(
    "--school",
    help="Идентификатор школы (records/organizations); по умолчанию — первая школа из списков "
    "ШНОР/ШССУ учебного года без программы.",
)
def new_programme_command(root: Path, as_of: datetime | None, school: str | None) -> None:
    """Программа ШНОР школы: records/programmes/<школа>.yaml.

    Учебный год — год даты --as-of; факторы риска копируются из записи школы (лишние
    уберите), заготовка показателя — с исходным значением на дату --as-of и целью к концу
    мая. Если у школы уже есть программа, файл называется <школа>-<год начала>.yaml.
    """
    _written(lambda: new_programme(root, as_of_day(as_of), school=school))


@new_group.command("year")
@HELP_OPTION
@ROOT_OPTION
@NO_CACHE_OPTION
@ASSOCIATION_OPTION
@as_of_option
@click.option(
    "--force",
    is_flag=True,
    help="Начать год, даже если в последнем году ещё есть заседания в дату --as-of или позже.",
)
def new_year_command(
    root: Path, association: str | None, as_of: datetime | None, force: bool
) -> None:
    """Следующий учебный год после последнего в записях, с переносом незавершённого.

    Создаёт папку года: состав (копия прошлого, руководитель избирается решением 1.1
    заседания 01), план без утверждения, установочное заседание 01 в конце августа с
    черновиком протокола. Переносит со ссылкой на источник: запросы без ответа (файл
    перемещается в requests нового года, примечание «Перенесён из …»), дефициты «выявлен» и
    «в работе» (в deficits, комментарий «Продолжение дефицита …»), невыполненные решения
    (контроль исполнения follow_up в протоколе заседания 01 и задача плана). Отказывается,
    если год уже начат, и — без --force — если в последнем году ещё есть заседания в дату
    --as-of или позже (их решения не попали бы в перенос); код выхода 1, ничего не записано.
    """
    _written(lambda: new_year(root, as_of_day(as_of), association=association, force=force))


for _kind, _subcommand in new_group.commands.items():
    _subcommand.short_help = KINDS[_kind]


@click.command("intake")
@HELP_OPTION
@click.argument("issue_body", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@ROOT_OPTION
@NO_CACHE_OPTION
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
        raise UserError(f"файл {issue_body} не читается ({error}).") from None
    _written(lambda: intake(root, body, association=association, out=out))
