"""Cross-record checks: references resolve and records agree with each other."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from datetime import date

from generator.checking import attachments, competence_checks, facts, programmes
from generator.checking.resolved import MEETING_REF, Resolved
from generator.checking.rules import RULES
from generator.checking.years import ArchiveYears, archive_years
from generator.loading.diagnostics import Diagnostic, Loc
from generator.loading.project import Loaded, Project
from generator.loading.references import Reference, references
from generator.russian import ru_date, school_year_title
from schemas import (
    Acknowledgement,
    Council,
    Deficit,
    Meeting,
    Membership,
    MonitoringReport,
    Organization,
    Plan,
    Protocol,
    Settings,
    school_year_bounds,
)
from schemas.base import Ref

_MEETING_REF = MEETING_REF  # one pattern for `Resolved` and the messages here
_DECISION_NUMBER = re.compile(r"(\d+)\.(\d+)")  # "item.decision": 2.1
_KIND_FOLDERS = {
    "person": ("людей", "records/people/{id}.yaml"),
    "organization": ("организаций", "records/organizations/{id}.yaml"),
    "normative": ("нормативных актов", "records/normative/{id}.yaml"),
    "association": ("объединений", "records/associations/{id}/association.yaml"),
    "event": ("мероприятий совета", "records/council/events/{id}.yaml"),
    "deficit": ("дефицитов этого года", "deficits/{id}.yaml в папке этого учебного года"),
    "request": ("запросов этого года", "requests/{id}.yaml в папке этого учебного года"),
    "focus": ("оценочных процедур", "пункт assessment_focus в records/settings.yaml"),
    "programme": ("программ школ", "records/programmes/{id}.yaml"),
}


def check_project(project: Project) -> list[Diagnostic]:
    """Every cross-record problem of a project, in a stable order."""
    problems: list[Diagnostic] = []
    for check in _CHECKS:
        problems.extend(check(project))
    return problems


# --- references ----------------------------------------------------------------------------


def check_references(project: Project) -> Iterator[Diagnostic]:
    resolved = Resolved(project)
    known: dict[str, list[str]] | None = None  # ids to suggest from, once one is missing
    for record in project.records:
        if resolved.record(record):
            continue
        known = known or _known_ids(project)
        for reference in references(record.model):
            problem = _unresolved(project, record, reference, known)
            if problem is not None:
                yield problem


def _known_ids(project: Project) -> dict[str, list[str]]:
    known: dict[str, list[str]] = {}
    for kind, _scope, record_id in project.index:
        known.setdefault(kind, []).append(record_id)
    settings = project.settings
    known["focus"] = [term.id for term in settings.assessment_focus] if settings else []
    return known


def _unresolved(
    project: Project, record: Loaded, reference: Reference, known: dict[str, list[str]]
) -> Diagnostic | None:
    ref, value = reference.ref, reference.value
    if ref.kind in ("meeting", "work"):
        return _unresolved_meeting(project, record, reference)
    if ref.kind == "focus":
        found = value in known["focus"] or project.settings is None
    else:
        scope = record.place.scope if ref.scope == "year" else ""
        found = project.exists(ref.kind, value, scope)
    if found:
        return None
    return record.source.diagnostic(
        reference.loc, _missing_message(ref, value, known.get(ref.kind, [])), "ref.unknown",
        label=_label(record, reference),
    )  # fmt: skip


def _unresolved_meeting(
    project: Project, record: Loaded, reference: Reference
) -> Diagnostic | None:
    value = reference.value
    match = _MEETING_REF.fullmatch(value)
    if match is None:
        if reference.ref.kind == "work" and project.exists("event", value):
            return None
        message = (
            f"«{value}» — не заседание (2025-2026/02) и не мероприятие совета из "
            "records/council/events. Проверьте ссылку."
        )
        return record.source.diagnostic(
            reference.loc, message, "ref.unknown", label=_label(record, reference)
        )
    association = getattr(reference.owner, "association", None) or record.place.association
    if association is None:
        return record.source.diagnostic(
            reference.loc,
            "укажите объединение (association), к заседанию которого относится ссылка.",
            "ref.no-association",
            label=_label(record, reference),
        )
    if project.exists("meeting", match.group(2), f"{association}/{match.group(1)}"):
        return None
    path = f"records/associations/{association}/{match.group(1)}/meetings/{match.group(2)}.yaml"
    return record.source.diagnostic(
        reference.loc,
        f"заседания {value} нет: не найден файл {path}. Проверьте год и номер заседания.",
        "ref.unknown",
        label=_label(record, reference),
    )


def _missing_message(ref: Ref, value: str, candidates: list[str]) -> str:
    what, where = _KIND_FOLDERS.get(ref.kind, ("записей", "файл записи"))
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.7)
    guess = f" Возможно, имелось в виду «{close[0]}»." if close else ""
    return (
        f"«{value}» нет среди {what}.{guess} Проверьте написание идентификатора или добавьте "
        f"{where.format(id=value)}."
    )


def _label(record: Loaded, reference: Reference) -> str | None:
    name = next((p for p in reversed(reference.loc) if isinstance(p, str)), None)
    info = type(reference.owner).model_fields.get(name) if name else None
    return info.title if info else None


# --- structure of the tree -------------------------------------------------------------------


def check_structure(project: Project) -> Iterator[Diagnostic]:
    if not project.exists("settings", ""):
        yield Diagnostic(
            "records/settings.yaml",
            "нет файла настроек. Создайте records/settings.yaml по образцу из руководства.",
            "layout.no-settings",
        )
    folders = {(r.place.association, r.place.year) for r in project.records if r.place.association}
    archive: ArchiveYears | None = None  # read from every file's path: only once one is needed
    for association, year in sorted(folders, key=lambda f: (f[0] or "", f[1] or "")):
        if not project.exists("association", association or ""):
            yield _missing_file(
                f"records/associations/{association}/association.yaml", "объединения"
            )
        if year and not project.exists("membership", "", f"{association}/{year}"):
            archive = archive_years(project) if archive is None else archive
            if (association or "", year) not in archive:
                yield _missing_file(
                    f"records/associations/{association}/{year}/membership.yaml",
                    "состава на этот год",
                )


def _missing_file(path: str, what: str) -> Diagnostic:
    return Diagnostic(
        path,
        f"нет файла {what}. Создайте его: без него записи этой папки нельзя проверить.",
        "layout.missing-file",
    )


# --- meetings --------------------------------------------------------------------------------


def check_meetings(project: Project) -> Iterator[Diagnostic]:
    settings = project.settings
    by_year: dict[str, list[Loaded]] = {}
    for record in project.of_kind("meeting"):
        by_year.setdefault(record.place.scope, []).append(record)
        if settings is not None:
            yield from _meeting_date(record, settings)
    broken: dict[str, dict[str, str]] = {}
    for (kind, scope, number), path in project.failed.items():
        if kind == "meeting":
            broken.setdefault(scope, {})[number] = path
    archive: ArchiveYears | None = None  # read from every file's path: only for a gap
    for scope in sorted(by_year.keys() | broken.keys()):
        files = {r.place.id: r.path for r in by_year.get(scope, [])} | broken.get(scope, {})
        gap = _meeting_gap(files)
        if gap is None:
            continue
        association, _, year = scope.partition("/")
        archive = archive_years(project) if archive is None else archive
        if (association, year) in archive:
            continue  # not every old protocol survives: an archive year may miss numbers
        yield gap


def _meeting_date(record: Loaded, settings: Settings) -> Iterator[Diagnostic]:
    assert isinstance(record.model, Meeting) and record.place.year
    first, last = school_year_bounds(record.place.year)
    opening = settings.rules.opening_window_from.in_year(first.year)
    when = record.model.date
    if not opening <= when <= last:
        yield record.source.diagnostic(
            ("date",),
            f"дата {ru_date(when)} не входит в {school_year_title(record.place.year)} учебный год "
            f"(с {ru_date(first)} по {ru_date(last)}; установочное заседание — с {ru_date(opening)}). "
            "Исправьте дату или перенесите файл в папку своего учебного года.",
            "meeting.date-outside-year",
            label="Дата",
        )


def _meeting_gap(files: dict[str, str]) -> Diagnostic | None:
    """The first gap in a year's meeting numbers, at the file after it.

    `files` holds every meeting file of the year, number → path, loaded or broken: a file
    that failed to load still holds its number (its own error says what is wrong with it).
    """
    for expected, number in enumerate(sorted(files), start=1):
        if int(number) != expected:
            return Diagnostic(
                files[number],
                f"номера заседаний идут подряд, а заседания № {expected:02d} нет. "
                f"Переименуйте этот файл в {expected:02d}.yaml или добавьте недостающее заседание.",
                "meeting.number-gap",
            )
    return None


def check_follow_up(project: Project) -> Iterator[Diagnostic]:
    for record in project.of_kind("meeting"):
        assert isinstance(record.model, Meeting)
        protocol = record.model.protocol
        if protocol is None:
            continue
        association = record.place.association
        for index, follow in enumerate(protocol.follow_up):
            match = _MEETING_REF.fullmatch(follow.meeting)
            earlier = match and project.get(
                "meeting", match.group(2), f"{association}/{match.group(1)}"
            )
            if not earlier or not isinstance(earlier.model, Meeting):
                continue  # reported as an unknown reference
            if not _has_decision(earlier.model.protocol, follow.decision):
                yield record.source.diagnostic(
                    ("protocol", "follow_up", index, "decision"),
                    f"в протоколе заседания {follow.meeting} нет решения {follow.decision}. "
                    "Номер решения — «вопрос.решение», например 2.1.",
                    "ref.unknown-decision",
                    label="Номер решения",
                )


def _has_decision(protocol: Protocol | None, number: str) -> bool:
    match = _DECISION_NUMBER.fullmatch(number)
    if protocol is None or match is None:
        return False
    item, decision = int(match.group(1)), int(match.group(2))
    return 1 <= item <= len(protocol.agenda) and 1 <= decision <= len(
        protocol.agenda[item - 1].decisions
    )


# --- membership, plan ----------------------------------------------------------------------


def check_membership(project: Project) -> Iterator[Diagnostic]:
    for record in project.of_kind("membership"):
        assert isinstance(record.model, Membership)
        leader = record.model.leader
        participants = {p.person for p in record.model.participants}
        if leader is not None and leader.person not in participants:
            yield record.source.diagnostic(
                ("leader", "person"),
                f"руководитель «{leader.person}» не входит в участники этого года, а по МПО "
                "п. 4.1 руководитель избирается из участников. Добавьте его в participants "
                "или укажите другого руководителя.",
                "membership.leader-not-participant",
                label="Руководитель",
            )
        if leader is not None and leader.decision is not None:
            yield from _election_decision(project, record, leader.meeting, leader.decision)


def _election_decision(
    project: Project, record: Loaded, meeting_ref: str, decision: str
) -> Iterator[Diagnostic]:
    """The decision that elected the leader is in that meeting's protocol."""
    match = _MEETING_REF.fullmatch(meeting_ref)
    elected_at = match and project.get(
        "meeting", match.group(2), f"{record.place.association}/{match.group(1)}"
    )
    if not elected_at or not isinstance(elected_at.model, Meeting):
        return  # an unknown meeting is reported as an unknown reference
    if elected_at.model.protocol is not None and not _has_decision(
        elected_at.model.protocol, decision
    ):
        yield record.source.diagnostic(
            ("leader", "decision"),
            f"в протоколе заседания {meeting_ref} нет решения {decision}. Номер решения — "
            "«вопрос.решение», например 1.1: проверьте его по протоколу.",
            "ref.unknown-decision",
            label="Решение",
        )


def check_plan_months(project: Project) -> Iterator[Diagnostic]:
    settings = project.settings
    for record in project.of_kind("plan"):
        assert isinstance(record.model, Plan) and record.place.year
        first, last = school_year_bounds(record.place.year)
        start = settings.rules.opening_window_from.in_year(first.year) if settings else first
        for index, item in enumerate(record.model.items):
            month_start = date(int(item.month[:4]), int(item.month[5:]), 1)
            if not (start.replace(day=1) <= month_start <= last):
                yield record.source.diagnostic(
                    ("items", index, "month"),
                    f"месяц {item.month} не входит в {school_year_title(record.place.year)} "
                    "учебный год. Исправьте месяц.",
                    "plan.month-outside-year",
                    label="Месяц",
                )


# --- the council ---------------------------------------------------------------------------


def check_council(project: Project) -> Iterator[Diagnostic]:
    council = project.get("council", "")
    if council is None or not isinstance(council.model, Council):
        return
    periods: dict[str, list[tuple[date, date]]] = {}
    for index, member in enumerate(council.model.members):
        period = (member.since or date.min, member.until or date.max)
        if any(
            period[0] <= end and start <= period[1] for start, end in periods.get(member.person, [])
        ):
            yield council.source.diagnostic(
                ("members", index, "person"),
                f"«{member.person}» уже есть в составе совета в это же время. Уберите повтор "
                "или укажите даты since/until, если человек сменил категорию.",
                "council.duplicate-member",
                label="Член совета",
            )
        periods.setdefault(member.person, []).append(period)


def check_deficit_texts(project: Project) -> Iterator[Diagnostic]:
    """A deficit is published without its schools: its texts must not name them."""
    for record in project.of_kind("deficit"):
        assert isinstance(record.model, Deficit)
        names = {
            name.short: org
            for org in record.model.organizations
            if (found := project.get("organization", org)) and isinstance(found.model, Organization)
            for name in found.model.names
        }
        for loc, label, text in _deficit_texts(record.model):
            for name, org in names.items():
                if name in text:
                    yield record.source.diagnostic(
                        loc,
                        f"текст называет школу «{name}», а дефицит публикуется на открытом "
                        f"сайте без названий школ. Уберите название: школа уже указана в "
                        f"поле organizations ({org}).",
                        "deficit.names-school",
                        label=label,
                    )


def _deficit_texts(deficit: Deficit) -> Iterator[tuple[Loc, str, str]]:
    yield ("title",), "Дефицит", deficit.title
    yield ("area",), "Область компетенций", deficit.area
    for index, measure in enumerate(deficit.measures):
        yield ("measures", index, "text"), "Мера", measure.text
        if measure.done_by:
            yield ("measures", index, "done_by"), "Чем выполнено", measure.done_by
    if deficit.repeat_diagnostic:
        result = deficit.repeat_diagnostic.result
        yield ("repeat_diagnostic", "result"), "Результат", result


def check_acknowledgements(project: Project) -> Iterator[Diagnostic]:
    """An acknowledgement names a rule that exists and a school year."""
    known = [r.id for r in RULES]
    for record in project.of_kind("acknowledgement"):
        assert isinstance(record.model, Acknowledgement)
        if record.model.rule not in known:
            close = difflib.get_close_matches(record.model.rule, known, n=1)
            guess = f" Возможно, имелось в виду «{close[0]}»." if close else ""
            yield record.source.diagnostic(
                ("rule",),
                f"правила «{record.model.rule}» нет.{guess} Правила: {', '.join(known)}.",
                "acknowledgement.rule",
                label="Правило",
            )
        if not re.fullmatch(r"\d{4}[-/]\d{4}", record.model.year):
            yield record.source.diagnostic(
                ("year",),
                f"«{record.model.year}» — не учебный год. Напишите, например, 2024-2025.",
                "acknowledgement.year",
                label="Период",
            )


def check_monitoring_periods(project: Project) -> Iterator[Diagnostic]:
    for record in project.of_kind("monitoring"):
        assert isinstance(record.model, MonitoringReport)
        if record.model.period_start.strftime("%Y-%m") != record.place.id:
            yield record.source.diagnostic(
                ("period_start",),
                f"отчёт лежит в файле {record.place.id}.yaml, а период начинается "
                f"{ru_date(record.model.period_start)}. Файл называется месяцем начала периода: "
                "исправьте дату или имя файла.",
                "monitoring.period-file",
                label="Начало периода",
            )


_CHECKS: tuple[Callable[[Project], Iterator[Diagnostic]], ...] = (
    check_structure,
    check_references,
    check_meetings,
    check_follow_up,
    check_membership,
    check_plan_months,
    attachments.check_attachments,
    check_council,
    check_monitoring_periods,
    check_deficit_texts,
    competence_checks.check_diagnostics,
    check_acknowledgements,
    facts.check_decision_deadlines,
    facts.check_meeting_order,
    facts.check_postponed_dates,
    facts.check_present_count,
    facts.check_absent,
    facts.check_execution_follow_up,
    facts.check_pairs_on_lists,
    facts.check_dated_references,
    programmes.check_programmes,
    programmes.check_programme_references,
)
