"""Scaffolds outside an association's year: a practice and the council's records."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from generator.authoring.scaffold import (
    Changes,
    ScaffoldError,
    Written,
    association_ids,
    check_slug,
    choice,
    load,
    normalise_year,
    person,
    pick_association,
    render,
    require_id,
    rules_of,
)
from generator.checking.years import collect_years
from generator.loading.project import Project
from generator.russian import ru_date
from schemas import (
    Council,
    Meeting,
    MonitoringReport,
    Organization,
    school_year_bounds,
    school_year_of,
)
from schemas.enums import EventKind, MaterialType, MeetingStatus, MonitoringPeriod

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_MATERIAL_PREFIX = {MaterialType.DOCUMENT: "doc"}


# --- practice ----------------------------------------------------------------------------------


def new_practice(
    root: Path,
    as_of: date,
    *,
    association: str | None = None,
    year: str | None = None,
    practice_id: str | None = None,
    author: str | None = None,
) -> Written:
    """A practice proposed for review, by the year's leader unless an author is given."""
    project = load(root)
    school_year = normalise_year(year) if year else school_year_of(as_of)
    chosen = _association(root, association)
    if author is not None:
        author = require_id(project, "person", author, "человека")
    else:
        author = _leader(project, chosen, school_year)
    who = person(project, author)
    if who is None:
        raise ScaffoldError(
            f"запись records/people/{author}.yaml не читается: исправьте её ошибки "
            "(python -m generator validate) или укажите другого автора через --author."
        )
    position = who.position_on(as_of) or who.positions[-1]
    record_id = check_slug(practice_id or f"practice-{as_of.isoformat()}")
    text = render(
        "practice.md.j2",
        author=author,
        organization=position.organization,
        year=school_year,
        presented=_latest_meeting(project, chosen, school_year),
        association=chosen,
        review_by=(as_of + timedelta(days=365)).isoformat(),  # practice-review warns from it
    )
    changes = Changes(root)
    changes.create(f"records/practices/{record_id}.md", text)
    return changes.finish(
        f"управленческая практика «{record_id}»",
        [
            "Имя файла — идентификатор практики: его можно поменять (--id), пока на практику "
            "никто не ссылается. На открытом сайте практика появится после review: recommended "
            "и согласия всех авторов на распространение."
        ],
    )


def _association(root: Path, wanted: str | None) -> str | None:
    if wanted is None and len(association_ids(root)) != 1:
        return None
    return pick_association(root, wanted)


def _leader(project: Project, association: str | None, year: str) -> str:
    if association is not None:
        years = [y for y in collect_years(project) if y.association == association]
        chosen = next((y for y in years if y.year == year), years[-1] if years else None)
        membership = chosen.membership if chosen else None
        if membership and membership.leader:
            return membership.leader.person
    raise ScaffoldError(
        "не из чего взять автора практики: укажите его идентификатор через --author "
        "(имя файла в records/people без .yaml)."
    )


def _latest_meeting(
    project: Project, association: str | None, year: str
) -> tuple[str, date] | None:
    held = [
        (record.model.date, f"{year}/{record.place.id}")
        for record in project.of_kind("meeting")
        if record.place.association == association
        and record.place.year == year
        and isinstance(record.model, Meeting)
        and record.model.status is MeetingStatus.HELD
    ]
    if not held:
        return None
    day, ref = max(held)
    return ref, day


# --- council: material, event ------------------------------------------------------------------


def new_material(
    root: Path, as_of: date, *, material_id: str | None = None, material_type: str = "document"
) -> Written:
    """A council material published on the as-of date."""
    project = load(root)
    kind = choice(MaterialType, material_type, "вид материала")
    prefix = _MATERIAL_PREFIX.get(kind, kind.value)
    record_id = check_slug(material_id or f"{prefix}-{as_of.isoformat()}")
    council = _council(project)
    author = None
    if council is not None:
        author = (council.content_editors or [council.chair])[0]
    settings = project.settings
    text = render(
        "material.yaml.j2",
        type=kind,
        published=as_of,
        author=author,
        focus=[term.id for term in settings.assessment_focus] if settings else [],
        types=MaterialType,
    )
    changes = Changes(root)
    changes.create(f"records/council/materials/{record_id}.yaml", text)
    return changes.finish(f"материал совета «{record_id}»")


def new_event(
    root: Path,
    as_of: date,
    *,
    event_id: str | None = None,
    kind: str = "webinar",
    day: date | None = None,
) -> Written:
    """A council event on the as-of date (or --date), organised by the centre by default."""
    project = load(root)
    event_kind = choice(EventKind, kind, "вид мероприятия")
    when = day or as_of
    record_id = check_slug(event_id or f"{event_kind.value.replace('_', '-')}-{when.isoformat()}")
    online = event_kind in (EventKind.WEBINAR, EventKind.ONLINE_SEMINAR)
    text = render(
        "event.yaml.j2",
        kind=event_kind,
        kinds=EventKind,
        date=when,
        format="online" if online else "in_person",
        organiser=_centre_name(project, when),
    )
    changes = Changes(root)
    changes.create(f"records/council/events/{record_id}.yaml", text)
    return changes.finish(f"мероприятие совета «{record_id}», {ru_date(when)}")


def _council(project: Project) -> Council | None:
    found = project.get("council", "")
    return found.model if found and isinstance(found.model, Council) else None


def _centre_name(project: Project, on: date) -> str | None:
    settings = project.settings
    found = project.get("organization", settings.centre) if settings else None
    if found is None or not isinstance(found.model, Organization):
        return None
    return found.model.name_on(on).short


# --- council: monitoring -----------------------------------------------------------------------


def new_monitoring(root: Path, as_of: date, *, month: str | None = None) -> Written:
    """The report for the earliest period without one (or --month), by the settings' period."""
    project = load(root)
    period = rules_of(project).monitoring_period
    if month is not None:
        start = _month_start(month)
        end = _period_end(start, period)
    else:
        start, end = _next_period(project, root, as_of, period)
        if start > as_of:
            raise ScaffoldError(
                f"отчёты мониторинга есть за все периоды по {ru_date(start - timedelta(days=1))}; "
                f"следующий период начнётся {ru_date(start)}. Чтобы записать другой период, "
                "укажите его месяц через --month ГГГГ-ММ."
            )
    reports = [
        r.model for r in project.of_kind("monitoring") if isinstance(r.model, MonitoringReport)
    ]
    latest = max(reports, key=lambda r: r.period_start, default=None)
    text = render(
        "monitoring.yaml.j2",
        start=start,
        end=end,
        source=latest.source if latest else "статистика сообщества «РОСТ» ВКонтакте",
    )
    changes = Changes(root)
    changes.create(f"records/council/monitoring/{start:%Y-%m}.yaml", text)
    notes = []
    if end >= as_of:
        notes.append(
            f"Период ещё не закончился: впишите цифры после {ru_date(end)}, когда статистика "
            "за весь период будет готова."
        )
    return changes.finish(f"мониторинг за {ru_date(start)}–{ru_date(end)}", notes)


def _month_start(text: str) -> date:
    match = _MONTH.fullmatch(text.strip())
    if match is None or not 1 <= int(match[2]) <= 12:
        raise ScaffoldError(f"«{text}» — не месяц. Напишите ГГГГ-ММ, например 2026-10.")
    return date(int(match[1]), int(match[2]), 1)


def _period_end(start: date, period: MonitoringPeriod) -> date:
    month = start.month - 1 + (1 if period is MonitoringPeriod.MONTH else 3)
    return date(start.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _next_period(
    project: Project, root: Path, as_of: date, period: MonitoringPeriod
) -> tuple[date, date]:
    """The earliest period (from the first report's school year on) that has no report.

    Periods follow the compliance rule: months, or quarters counted from 1 September.
    A started period comes before one that has not begun yet.
    """
    folder = root / "records" / "council" / "monitoring"
    on_disk = {p.stem for p in folder.glob("*.yaml")} if folder.is_dir() else set()
    covered = [
        (r.model.period_start, r.model.period_end)
        for r in project.of_kind("monitoring")
        if isinstance(r.model, MonitoringReport)
    ]
    first_year = school_year_of(min((s for s, _e in covered), default=as_of))
    start = school_year_bounds(first_year)[0]
    while True:
        end = _period_end(start, period)
        taken = f"{start:%Y-%m}" in on_disk or any(s <= start and end <= e for s, e in covered)
        if not taken:
            return start, end
        start = end + timedelta(days=1)
