"""The association's rules (МПО) on its plan, analysis, leader, requests and deficits, one small
function each, evaluated per school year. The rules on its meetings are in `meetings`."""

from __future__ import annotations

import functools
from datetime import date, timedelta

from generator.checking.competences import confirmed_by_repeat, deficit_state
from generator.checking.figures import count_figures
from generator.checking.rules.base import (
    Problem,
    Scope,
    Status,
    Verdict,
    association_year,
    in_progress,
    passed,
    rule,
)
from generator.russian import ru_date, school_year_title
from schemas import Meeting, PlanItem
from schemas.enums import (
    AnalysisStatus,
    DeficitStatus,
    Direction,
    MeetingStatus,
    PlanItemStatus,
    RequestStatus,
)

# How many days before the plan's last day an unapproved plan turns from «идёт» to «под угрозой».
# The regulation names no such period; a setting of its own would be the place for it.
PLAN_WARNING_DAYS = 14


@rule(
    "plan-approved",
    "МПО п. 4.5",
    "план на год утверждён центром в срок, изменения утверждены",
    "error",
    advice="Добавьте в plan.yaml гриф «УТВЕРЖДАЮ» (approval: должность, подпись, дата); каждое изменение плана тоже утверждается (approval у изменения).",
)
def plan_approved(scope: Scope) -> Verdict:
    # Passed once the plan is approved in time; not approved yet: in progress until
    # PLAN_WARNING_DAYS before the last day, then at risk, failed after it. An amendment not
    # approved fails at once: the regulation sets it no term.
    year = association_year(scope)
    due = scope.settings.plan_approved_by.in_year(scope.bounds[0].year)
    plan_path = f"{year.records_folder}/plan.yaml"
    plan = year.plan
    if plan is None or plan.approval is None or plan.approval.date > scope.as_of:
        what = "плана работы нет" if plan is None else "план не утверждён центром"
        message = (
            f"{what}; его нужно утвердить до {ru_date(due)} (гриф «УТВЕРЖДАЮ», поле approval)."
        )
        figures = f"срок — {ru_date(due)}"
        problem = Problem(message, plan_path, due=due)
        if scope.as_of > due:
            return Verdict(Status.FAILED, figures, (problem,))
        if (due - scope.as_of).days < PLAN_WARNING_DAYS:
            return Verdict(Status.AT_RISK, figures, (problem,), "warning")
        state = "ещё не утверждён" if plan else "ещё не внесён"
        return in_progress(f"план {state}; {figures}")
    problems = []
    if plan.approval.date > due:
        problems.append(Problem(
            f"план утверждён {ru_date(plan.approval.date)}, позже срока {ru_date(due)}.", plan_path,
            ("approval", "date"), due=due,
        ))  # fmt: skip
    for index, amendment in enumerate(plan.amendments):
        if amendment.approval is None:
            problems.append(Problem(
                f"изменение плана от {ru_date(amendment.date)} не утверждено центром. Добавьте "
                "к изменению approval.",
                plan_path,
                ("amendments", index),
                due=amendment.date,
            ))  # fmt: skip
    figures = f"утверждён {ru_date(plan.approval.date)}"
    return Verdict(Status.FAILED, figures, tuple(problems)) if problems else passed(figures)


@rule(
    "analysis-deadline",
    "МПО п. 4.6",
    "анализ работы за год представлен в центр в срок",
    "error",
    advice="Подготовьте analysis.md и после представления в центр поставьте status: submitted и дату submitted.",
)
def analysis_deadline(scope: Scope) -> Verdict:
    # Passed only once the analysis is submitted in time (a draft is not «выполнено»); not
    # submitted: in progress until the warning days before the last day, then at risk, failed
    # after it.
    year = association_year(scope)
    last_day = scope.settings.analysis_last_day.in_year(scope.bounds[1].year)
    if not scope.settings.analysis_last_day_included:
        last_day -= timedelta(days=1)
    analysis = year.analysis
    path = f"{year.records_folder}/analysis.md"
    submitted = (
        analysis.submitted if analysis and analysis.status is AnalysisStatus.SUBMITTED else None
    )
    figures = f"последний день — {ru_date(last_day)}"
    if submitted is not None and submitted <= scope.as_of:
        if submitted <= last_day:
            return passed(f"представлен {ru_date(submitted)}; {figures}")
        message = f"анализ представлен {ru_date(submitted)}, позже срока {ru_date(last_day)}."
        problem = Problem(message, path, ("submitted",), due=last_day)
        return Verdict(Status.FAILED, figures, (problem,))
    if scope.as_of > last_day:
        message = (
            f"анализ работы за {school_year_title(scope.year)} учебный год не представлен, а срок "
            f"истёк {ru_date(last_day)}. Представьте анализ (analysis.md, status: submitted)."
        )
        problem = Problem(message, path, ("status",), due=last_day)
        return Verdict(Status.FAILED, figures, (problem,))
    if (last_day - scope.as_of).days < scope.settings.analysis_warning_days:
        message = f"анализ работы нужно представить в центр до {ru_date(last_day)} включительно."
        problem = Problem(message, path, ("status",), due=last_day)
        return Verdict(Status.AT_RISK, figures, (problem,), "warning")
    return in_progress(f"анализ ещё не представлен; {figures}")


@rule(
    "analysis-frozen",
    "МПО п. 4.6",
    "цифры представленного анализа совпадают с записями или расхождение объяснено",
    "warning",
    advice="Цифры представленного анализа не меняются. Объясните расхождение с записями в поле figures_note.",
)
def analysis_frozen(scope: Scope) -> Verdict:
    # Nothing to compare until the analysis is submitted: in progress then (an analysis not yet
    # submitted is not «выполнено»), also after its deadline — analysis-deadline reports that.
    # A difference has no term of its own: its finding has no due date.
    year = association_year(scope)
    analysis = year.analysis
    if (
        analysis is None
        or analysis.status is not AnalysisStatus.SUBMITTED
        or analysis.submitted is None
        or analysis.submitted > scope.as_of
        or analysis.figures is None
    ):
        return in_progress("анализ ещё не представлен")
    current = count_figures(year, scope.as_of)
    differences = [
        f"{title}: в анализе {was}, по записям {now}"
        for title, was, now in current.compare(analysis.figures)
    ]
    if not differences or analysis.figures_note:
        return passed("совпадают" if not differences else "расхождение объяснено")
    message = (
        "цифры анализа расходятся с записями — " + "; ".join(differences) + ". Анализ уже "
        "представлен, его цифры не меняются: объясните расхождение в поле figures_note."
    )
    return Verdict(Status.FAILED, f"расхождений: {len(differences)}",
                   (Problem(message, f"{year.records_folder}/analysis.md", ("figures",)),))  # fmt: skip


@rule(
    "leader-elected",
    "МПО п. 4.1",
    "руководитель избран из участников, заседание об избрании записано",
    "error",
    advice="В membership.yaml укажите руководителя из числа участников и заседание, на котором он избран (leader.meeting).",
)
def leader_elected(scope: Scope) -> Verdict:
    # The leader is elected at the opening meeting and recorded with the year's membership; the
    # regulation gives it no term, so this is passed or failed, never in progress.
    year = association_year(scope)
    membership = year.membership
    path = f"{year.records_folder}/membership.yaml"
    if membership is None or membership.leader is None:
        message = "руководитель объединения на этот год не указан. Добавьте leader в состав."
        return Verdict(Status.FAILED, problems=(Problem(message, path, ("leader",)),))
    leader = membership.leader
    problems = []
    ref_year, _, number = leader.meeting.partition("/")
    elected_at = scope.project.get("meeting", number, f"{year.association}/{ref_year}")
    on = elected_at.model.date if elected_at and isinstance(elected_at.model, Meeting) else None
    member = next((p for p in membership.participants if p.person == leader.person), None)
    if member is None:
        problems.append(Problem(
            f"руководитель «{leader.person}» не входит в участники года.", path, ("leader", "person")
        ))  # fmt: skip
    elif on is not None and not member.member_on(on):
        problems.append(Problem(
            f"руководитель «{leader.person}» избран заседанием {ru_date(on)}, но в тот день не "
            "был участником (joined, left в составе). Руководителя избирают из участников "
            "(МПО п. 4.1): проверьте даты или заседание в leader.meeting.",
            path, ("leader", "person"),
        ))  # fmt: skip
    if (
        elected_at is None
        or not isinstance(elected_at.model, Meeting)
        or elected_at.model.status is not MeetingStatus.HELD
    ):
        problems.append(Problem(
            f"заседание {leader.meeting}, избравшее руководителя, не записано как проведённое.",
            path,
            ("leader", "meeting"),
        ))  # fmt: skip
    return Verdict(Status.FAILED, problems=tuple(problems)) if problems else passed()


@rule(
    "requests-answered",
    "МПО п. 4.2.3; РОСТ п. 2.2.2",
    "на каждый запрос ответили в срок",
    "warning",
    advice="Проведите консультацию и запишите её в consultations/ со ссылкой на запрос (request); отметьте запрос status: answered.",
)
def requests_answered(scope: Scope) -> Verdict:
    # In progress while a request awaits its answer within the due days; passed when every
    # request is answered in time (or withdrawn) — also when there is none: requests come when
    # schools ask, the year owes none.
    year = association_year(scope)
    answers: dict[str, date] = {}
    for _r, consultation in year.consultations:
        if consultation.request:
            first = answers.get(consultation.request)
            answers[consultation.request] = (
                min(first, consultation.date) if first else consultation.date
            )
    problems = []
    waiting = 0
    due_days = timedelta(days=scope.settings.request_due_days)
    for record, request in year.requests:
        if request.status is RequestStatus.WITHDRAWN:
            continue
        due = request.due or request.received + due_days
        answered = answers.get(record.place.id)
        if answered is not None and answered <= due:
            continue
        if answered is None and scope.as_of <= due:
            waiting += 1
            continue
        late = (
            f"ответ дан {ru_date(answered)}, позже срока {ru_date(due)}. Ответ уже записан: если "
            "срок был продлён, укажите новый срок в поле due запроса"
            if answered
            else f"срок ответа истёк {ru_date(due)}, консультации нет. Проведите консультацию "
            "и запишите её (consultations/, поле request)"
        )
        problems.append(Problem(
            f"запрос от {ru_date(request.received)}: {late}.",
            record.path,
            ("received",),
            due=due,
        ))  # fmt: skip
    figures = f"запросов: {len(year.requests)}, с нарушением срока: {len(problems)}"
    if problems:
        return Verdict(Status.FAILED, figures, tuple(problems))
    if waiting:
        return in_progress(f"{figures}; ждут ответа, срок не истёк: {waiting}")
    return passed(figures)


@rule(
    "directions-covered",
    "МПО п. 3.1",
    "план и заседания года касаются всех четырёх направлений",
    "warning",
    advice="Добавьте в план мероприятия по недостающим направлениям (МПО п. 3.1.1–3.1.4).",
)
def directions_covered(scope: Scope) -> Verdict:
    # The plan is the year's intent: passed once the plan and the meetings cover every
    # direction (a future plan item counts). A direction missing is at risk while the year runs
    # (the plan can still be amended), failed once it is over; due at the end of the year.
    year = association_year(scope)
    touched = {item.direction for item in year.plan.items} if year.plan else set()
    for _r, meeting in year.meetings:
        if meeting.protocol:
            touched |= {item.direction for item in meeting.protocol.agenda if item.direction}
    missing = [d for d in Direction if d not in touched]
    figures = f"направлений: {len(Direction) - len(missing)} из {len(Direction)}"
    if not missing:
        return passed(figures)
    message = (
        "в плане и на заседаниях нет направлений: "
        + "; ".join(d.label for d in missing)
        + ". Добавьте в план мероприятия по ним."
    )
    plan = f"{year.records_folder}/plan.yaml"
    problem = Problem(message, plan, ("items",), due=scope.bounds[1])
    if scope.over:
        return Verdict(Status.FAILED, figures, (problem,))
    return Verdict(Status.AT_RISK, figures, (problem,))


@rule(
    "deficit-measures",
    "МПО п. 4.2.2",
    "у каждого дефицита есть меры; устранён — только после повторной диагностики",
    "warning",
    advice="Добавьте меры (measures); устранённым дефицит делает повторная диагностика: запишите её в diagnostics/ и укажите у дефицита компетенцию (competence).",
)
def deficit_measures(scope: Scope) -> Verdict:
    # A fact about each deficit's record, without a term: passed or failed, never in progress;
    # its findings have no due date.
    problems = []
    year = association_year(scope)
    for record, deficit in year.deficits:
        status = deficit_state(year, deficit).status
        if not deficit.measures and status is not DeficitStatus.RESOLVED:
            problems.append(
                Problem(
                    f"у дефицита «{deficit.title}» нет мер. Добавьте measures.",
                    record.path,
                    ("measures",),
                )
            )
        if status is DeficitStatus.RESOLVED and not confirmed_by_repeat(year, deficit):
            problems.append(Problem(
                f"дефицит «{deficit.title}» отмечен устранённым без повторной диагностики. "
                "Добавьте запись повторной диагностики (diagnostics/) и укажите competence "
                "или верните статус in_work.",
                record.path,
                ("status",),
            ))  # fmt: skip
    figures = f"дефицитов: {len(association_year(scope).deficits)}"
    return Verdict(Status.FAILED, figures, tuple(problems)) if problems else passed(figures)


@rule(
    "plan-executed",
    "МПО п. 4.1, 4.5",
    "прошедшие пункты плана связаны с тем, что их выполнило, или перенесены либо отменены",
    "warning",
    advice="В пункте плана укажите done_by: заседание (2025-2026/02) или мероприятие совета, которым он выполнен. Пункт, перенесённый или отменённый изменением плана, отметьте status: moved (moved_to — новая дата, reason — причина) или status: cancelled (reason).",
)
def plan_executed(scope: Scope) -> Verdict:
    # In progress while a plan item's month (its new date's month, once moved) has not ended and
    # nothing is linked to it yet, or while the year runs without a plan (plan-approved reports
    # that); passed when every item is past and linked, or cancelled. An item is due at the end
    # of its month; a cancelled one is never due.
    year = association_year(scope)
    if year.plan is None:
        return passed("плана нет") if scope.over else in_progress("плана пока нет")
    problems = []
    past = ahead = cancelled = 0
    plan_path = f"{year.records_folder}/plan.yaml"
    for index, item in enumerate(year.plan.items):
        if item.status is PlanItemStatus.CANCELLED:
            cancelled += 1
            continue
        month_end = _month_end(item.month_due())
        at = ("items", index)
        if item.moved_to is not None and item.moved_to > scope.bounds[1]:
            label = _item_label(index + 1, item)  # for a finding only
            problems.append(Problem(
                f"{label}: новая дата — за пределами учебного года. Отмените пункт в этом плане "
                "(status: cancelled, reason) и внесите его в план следующего года.",
                plan_path, (*at, "moved_to"),
            ))  # fmt: skip
            continue
        if item.status is PlanItemStatus.DONE and not item.done_by:
            label = _item_label(index + 1, item)  # for a finding only
            problems.append(Problem(
                f"{label} отмечен выполненным (status: done), но не указано, чем он выполнен. "
                "Добавьте done_by: заседание (2025-2026/02) или мероприятие.",
                plan_path, (*at, "done_by"), due=month_end,
            ))  # fmt: skip
            continue
        if month_end >= scope.as_of:
            ahead += not item.done_by
            continue
        past += 1
        unheld = next(
            ((ref, state) for ref in item.done_by if (state := _unheld_meeting(scope, ref))),
            None,
        )
        if unheld is not None:
            label = _item_label(index + 1, item)  # for a finding only
            problems.append(Problem(
                f"{label} отмечен выполненным заседанием {unheld[0]}, но оно {unheld[1]}. Укажите "
                "в done_by то, чем пункт выполнен на самом деле, или перенесите пункт (status: "
                "moved, moved_to, reason).",
                plan_path, (*at, "done_by"), due=month_end,
            ))  # fmt: skip
        elif not item.done_by:
            label = _item_label(index + 1, item)  # for a finding only
            problems.append(Problem(
                f"{label} прошёл, но не указано, чем он выполнен. Добавьте done_by: заседание "
                "(2025-2026/02) или мероприятие; если пункт перенесён или отменён, отметьте это "
                "(status: moved или cancelled, reason).",
                plan_path, (*at, "done_by"), due=month_end,
            ))  # fmt: skip
    figures = f"прошедших пунктов: {past}, без отметки: {len(problems)}"
    if cancelled:
        figures += f", отменено: {cancelled}"
    if problems:
        return Verdict(Status.FAILED, figures, tuple(problems))
    if ahead:
        return in_progress(f"{figures}; ещё впереди: {ahead}")
    return passed(figures)


def _item_label(number: int, item: PlanItem) -> str:
    """«пункт плана 4 («Итоги года», 2026-05)», with the new date of a moved item."""
    moved = f", перенесён на {ru_date(item.moved_to)}" if item.moved_to else ""
    return f"пункт плана {number} («{item.topic}», {item.month}{moved})"


@functools.lru_cache(maxsize=1024)  # the same few dozen months, item after item, plan after plan
def _month_end(month: str) -> date:
    y, m = int(month[:4]), int(month[5:])
    return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)


def _unheld_meeting(scope: Scope, ref: str) -> str | None:
    """«отменено» or «ещё не проведено», when `ref` names a meeting that was not held."""
    year_ref, _, number = ref.partition("/")
    if not number:
        return None  # not a meeting: a council event, checked as a reference
    association = association_year(scope).association
    meeting = scope.project.get("meeting", number, f"{association}/{year_ref}")
    if meeting is None or not isinstance(meeting.model, Meeting):
        return None  # an unknown meeting is reported by validate
    if meeting.model.status is MeetingStatus.CANCELLED:
        return "отменено"
    if meeting.model.status is not MeetingStatus.HELD:
        return "ещё не проведено"
    return None
