"""The council's rules (РОСТ), evaluated per school year."""

from __future__ import annotations

from datetime import date, timedelta

from generator.checking.rules.base import Problem, Scope, Status, Verdict, in_progress, passed, rule
from generator.russian import ru_date
from schemas import Council, MonitoringReport, Person, Position
from schemas.enums import CouncilCategory, MonitoringPeriod

COUNCIL_PATH = "records/council/council.yaml"


def _council(scope: Scope) -> Council | None:
    record = scope.project.get("council", "")
    return record.model if record and isinstance(record.model, Council) else None


@rule(
    "council-chair",
    "РОСТ п. 3.1.1",
    "председатель совета — сотрудник отдела мониторинговых исследований центра",
    "error",
    "council",
    advice="Председатель совета назначается из сотрудников отдела мониторинговых исследований центра: проверьте его должность и отдел в записи человека.",
)
def council_chair(scope: Scope) -> Verdict:
    # Who chairs the council is a fact as of the date, without a term: passed or failed.
    council = _council(scope)
    settings = scope.all_settings
    if council is None or settings is None:
        return passed("совета нет")
    on = min(scope.as_of, scope.bounds[1])
    position = _position(scope, council.chair, on)
    if position is not None and _in_department(scope, position, settings.monitoring_department):
        return passed(f"{position.title}, {position.department}")
    message = (
        f"председатель совета «{council.chair}» на {ru_date(on)} не числится в отделе "
        f"«{settings.monitoring_department}» центра (РОСТ п. 3.1.1). Проверьте должность "
        "председателя (department в его записи) или назначьте председателя из этого отдела."
    )
    return Verdict(Status.FAILED, problems=(Problem(message, COUNCIL_PATH, ("chair",)),))


@rule(
    "council-staff",
    "РОСТ п. 5.1–5.3",
    "контент совета готовят члены рабочей группы из специалистов центра, сообщество "
    "администрирует и статистику ведёт специалист отдела организации конкурсов и мероприятий",
    "warning",
    "council",
    advice="Проверьте должность и отдел в записи человека (positions) или поручите эту работу тому, кто подходит по положению (РОСТ п. 5.1–5.3).",
)
def council_staff(scope: Scope) -> Verdict:
    # Like the chair: who does the council's work is a fact as of the date, without a term.
    council = _council(scope)
    settings = scope.all_settings
    if council is None or settings is None:
        return passed("совета нет")
    on = min(scope.as_of, scope.bounds[1])
    problems = [*_editor_problems(scope, council, on), *_department_problems(scope, council, on)]
    named = [*council.content_editors, council.moderator, council.monitoring_by]
    figures = f"назначено: {sum(p is not None for p in named)}, не по положению: {len(problems)}"
    if problems:
        return Verdict(Status.FAILED, figures, tuple(problems))
    return passed(figures)


def _editor_problems(scope: Scope, council: Council, on: date) -> list[Problem]:
    """Content editors who are not, on the day, working-group members employed by the centre."""
    group = {
        m.person
        for m in council.members
        if m.category is CouncilCategory.WORKING_GROUP and m.serves_on(on)
    }
    centre = scope.all_settings.centre if scope.all_settings else ""
    problems = []
    for i, editor in enumerate(council.content_editors):
        position = _position(scope, editor, on)
        if editor in group and position is not None and position.organization == centre:
            continue
        why = "не работает в центре" if editor in group else "не член рабочей группы совета"
        problems.append(Problem(
            "наполнение контента совета (РОСТ п. 5.1) ведут члены рабочей группы из "
            f"специалистов центра, а «{editor}» на {ru_date(on)} {why}. Проверьте его "
            "должность и состав совета или уберите его из content_editors.",
            COUNCIL_PATH, ("content_editors", i),
        ))  # fmt: skip
    return problems


def _department_problems(scope: Scope, council: Council, on: date) -> list[Problem]:
    """The moderator and the monitoring specialist, if not in the centre's events department."""
    department = scope.all_settings.events_department if scope.all_settings else ""
    problems = []
    for field, person_id, what in (
        ("moderator", council.moderator, "администрирование сообщества совета (РОСТ п. 5.2)"),
        ("monitoring_by", council.monitoring_by, "мониторинг статистики совета (РОСТ п. 5.3)"),
    ):
        if person_id is None or _in_department(scope, _position(scope, person_id, on), department):
            continue
        problems.append(Problem(
            f"{what} ведёт специалист отдела «{department}» центра, а «{person_id}» на "
            f"{ru_date(on)} в этом отделе не числится. Проверьте его должность (department в "
            f"его записи) или поручите эту работу специалисту отдела ({field}).",
            COUNCIL_PATH, (field,),
        ))  # fmt: skip
    return problems


def _position(scope: Scope, person_id: str, on: date) -> Position | None:
    record = scope.project.get("person", person_id)
    person = record.model if record and isinstance(record.model, Person) else None
    return person.position_on(on) if person else None


def _in_department(scope: Scope, position: Position | None, department: str) -> bool:
    """Whether a post is in this department of the centre (any case)."""
    return (
        position is not None
        and scope.all_settings is not None
        and position.organization == scope.all_settings.centre
        and (position.department or "").casefold() == department.casefold()
    )


@rule(
    "council-composition",
    "РОСТ п. 3.1.2",
    "в совете представлены все категории членов",
    "warning",
    "council",
    advice="Дополните состав совета членами недостающей категории (РОСТ п. 3.1.2).",
)
def council_composition(scope: Scope) -> Verdict:
    # The composition is a fact as of the date, without a term: passed or failed.
    council = _council(scope)
    if council is None:
        return passed("совета нет")
    on = min(scope.as_of, scope.bounds[1])
    present = {m.category for m in council.members if m.serves_on(on)}
    missing = [c for c in CouncilCategory if c not in present]
    figures = f"категорий: {len(CouncilCategory) - len(missing)} из {len(CouncilCategory)}"
    if not missing:
        return passed(figures)
    message = "в составе совета нет: " + "; ".join(c.label for c in missing) + ". Дополните состав."
    return Verdict(Status.FAILED, figures, (Problem(message, COUNCIL_PATH, ("members",)),))


@rule(
    "council-monitoring",
    "РОСТ п. 5.3",
    "за каждый закончившийся отчётный период есть отчёт мониторинга",
    "warning",
    "council",
    advice="Добавьте отчёт мониторинга за каждый закончившийся период: records/council/monitoring/ГГГГ-ММ.yaml.",
)
def council_monitoring(scope: Scope) -> Verdict:
    # In progress while a reporting period of the year has not ended yet (and every ended one
    # has its report); passed once every period of the year has ended and is reported. One
    # finding per period without a report, due at the period's end.
    if _council(scope) is None:
        return passed("совета нет")
    reports = [
        r.model
        for r in scope.project.of_kind("monitoring")
        if isinstance(r.model, MonitoringReport)
    ]
    covered = {(r.period_start, r.period_end) for r in reports}
    monthly = scope.settings.monitoring_period is MonitoringPeriod.MONTH
    periods = _periods(scope.bounds, scope.settings.monitoring_period)
    ended = [p for p in periods if p[1] < scope.as_of]
    missing = [p for p in ended if not any(s <= p[0] and p[1] <= e for s, e in covered)]
    problems = tuple(
        Problem(
            f"нет отчёта мониторинга страницы совета за {_period_name(start, end, monthly)}. "
            "Добавьте его в records/council/monitoring/.",
            due=end,
        )
        for start, end in missing
    )
    figures = f"закончившихся периодов: {len(ended)}, без отчёта: {len(missing)}"
    if problems:
        return Verdict(Status.FAILED, figures, problems)
    if len(ended) < len(periods):
        return in_progress(f"{figures}; ещё не закончились: {len(periods) - len(ended)}")
    return passed(figures)


def _periods(bounds: tuple[date, date], period: MonitoringPeriod) -> list[tuple[date, date]]:
    """Months of the school year, or the calendar quarters ending in it."""
    periods = []
    if period is MonitoringPeriod.MONTH:
        start = bounds[0]
        while start <= bounds[1]:
            end = _month_end(start)
            periods.append((start, end))
            start = end + timedelta(days=1)
    else:
        start = date(bounds[0].year, 7, 1)  # the calendar quarter that holds 1 September
        while start <= bounds[1]:
            end = _month_end(date(start.year, start.month + 2, 1))
            if bounds[0] <= end <= bounds[1]:
                periods.append((start, end))
            start = end + timedelta(days=1)
    return periods


def _period_name(start: date, end: date, monthly: bool) -> str:
    return f"{start:%m.%Y}" if monthly else f"{ru_date(start)}–{ru_date(end)}"


def _month_end(day: date) -> date:
    month = day.month
    return date(day.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
