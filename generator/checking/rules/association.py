"""The association's rules (МПО), one small function each, evaluated per school year."""

from __future__ import annotations

from datetime import date, timedelta

from generator.checking.figures import count_figures
from generator.checking.rules.base import Problem, Scope, Status, Verdict, passed, rule
from generator.checking.workdays import add_working_days
from generator.checking.years import Year
from generator.russian import ru_date, school_year_title
from schemas import Meeting
from schemas.enums import (
    AnalysisStatus,
    DeficitStatus,
    Direction,
    ExecutionStatus,
    MeetingStatus,
    ProtocolStatus,
    RequestStatus,
)  # fmt: skip


def _year(scope: Scope) -> Year:
    assert scope.association is not None
    return scope.association


def _signed_by(meeting: Meeting, as_of: date) -> bool:
    protocol = meeting.protocol
    return (
        protocol is not None
        and protocol.status is ProtocolStatus.SIGNED
        and protocol.signed is not None
        and protocol.signed <= as_of
    )


def _held(scope: Scope) -> list[Meeting]:
    return [
        m for _r, m in _year(scope).meetings
        if m.status is MeetingStatus.HELD and _signed_by(m, scope.as_of)
    ]  # fmt: skip


@rule(
    "meetings-per-year",
    "МПО п. 4.3",
    "не меньше 4 заседаний с протоколами за учебный год",
    "error",
    advice="Запланируйте недостающие заседания до конца мая (файлы meetings/NN.yaml со status: planned). Если год закончился, а норма не выполнена по уважительной причине, центр оформляет решение о принятии замечания (records/acknowledgements).",
)
def meetings_per_year(scope: Scope) -> Verdict:
    needed = scope.settings.min_meetings
    held = len(_held(scope))
    by_may = scope.settings.meetings_by.in_year(scope.bounds[1].year)
    # After the planned end (May) the year still runs to 31 August: count to its end then.
    until = by_may if scope.as_of <= by_may else scope.bounds[1]
    grace = scope.settings.protocol_grace_working_days
    coming = [
        m for _r, m in _year(scope).meetings
        if (
            m.status in (MeetingStatus.PLANNED, MeetingStatus.POSTPONED)
            and scope.as_of <= (m.new_date or m.date) <= until
        ) or (  # held, its protocol still within the time allowed for signing
            m.status is MeetingStatus.HELD
            and not _signed_by(m, scope.as_of)
            and scope.as_of <= add_working_days(m.date, grace)
        )
    ]  # fmt: skip
    figures = f"проведено {held} из {needed} заседаний, запланировано ещё {len(coming)}"
    if held >= needed:
        return passed(f"проведено {held} из {needed} заседаний")
    if scope.over:
        message = (
            f"проведено {held} из {needed} заседаний. Учебный год закончился; если норма не "
            "выполнена по уважительной причине, центр может принять это замечание (запись в "
            "records/acknowledgements)."
        )
        return Verdict(Status.FAILED, figures, (Problem(message),))
    if held + len(coming) >= needed:
        return passed(figures)
    missing = needed - held - len(coming)
    message = (
        f"{figures}; чтобы выполнить норму, запланируйте ещё хотя бы "
        f"{_count_words(missing)} до {_until_words(until)}"
    )
    return Verdict(Status.AT_RISK, figures, (Problem(message),), severity="warning")


def _count_words(count: int) -> str:
    words = {1: "одно заседание", 2: "два заседания", 3: "три заседания", 4: "четыре заседания"}
    return words.get(count, f"{count} заседаний")


def _until_words(day: date) -> str:
    """«конца мая 2027 г.» for a month's last day, else «15 мая 2027 г.»."""
    if (day + timedelta(days=1)).day == 1:
        return f"конца {_MONTH_GEN[day.month]} {day.year} г."
    return f"{day.day} {_MONTH_GEN[day.month]} {day.year} г."


_MONTH_GEN = {
    1: "января", 2: "февраля", 3: "марта", 4: "апреля", 5: "мая", 6: "июня", 7: "июля",
    8: "августа", 9: "сентября", 10: "октября", 11: "ноября", 12: "декабря",
}  # fmt: skip


@rule(
    "protocol-required",
    "МПО п. 4.4",
    "у прошедшего заседания есть подписанный протокол, новая дата или причина отмены",
    "error",
    advice="Внесите подписанный протокол (status: held, protocol.status: signed, signed: дата), или перенесите заседание (status: postponed, new_date), или отмените его с причиной (status: cancelled, cancel_reason).",
)
def protocol_required(scope: Scope) -> Verdict:
    grace = scope.settings.protocol_grace_working_days
    problems = []
    due_count = 0
    for record, meeting in _year(scope).meetings:
        day = meeting.new_date or meeting.date
        deadline = add_working_days(day, grace)
        if scope.as_of <= deadline:
            continue
        due_count += 1
        message = _protocol_problem(meeting, day, scope.as_of)
        if message:
            where = ("protocol", "status") if meeting.protocol else ("status",)
            problems.append(Problem(message, record.path, where))
    if problems:
        return Verdict(Status.FAILED, f"без протокола: {len(problems)}", tuple(problems))
    return passed(f"заседаний, по которым истёк срок оформления: {due_count}, все в порядке")


def _protocol_problem(meeting: Meeting, day: date, as_of: date) -> str | None:
    if meeting.status is MeetingStatus.CANCELLED:
        if meeting.cancel_reason:
            return None
        return (
            f"заседание {ru_date(meeting.date)} отменено, но причина не указана. Добавьте "
            "cancel_reason с причиной отмены."
        )
    if meeting.status is MeetingStatus.HELD and _signed_by(meeting, as_of):
        return None
    when = (
        f", перенесённое на {ru_date(day)},"
        if meeting.status is MeetingStatus.POSTPONED
        else f" {ru_date(day)}"
    )
    state = "протокол не подписан" if meeting.protocol else "протокола нет"
    return (
        f"заседание{when} прошло, а {state}. Добавьте подписанный протокол, перенесите "
        "заседание на новую дату или отметьте его отменённым с указанием причины."
    )


@rule(
    "no-future-held",
    "здравый смысл",
    "заседание из будущего не отмечено проведённым",
    "error",
    advice="Проверьте дату заседания. Протокол, подготовленный заранее, держите черновиком (protocol.status: draft) до дня заседания.",
)
def no_future_held(scope: Scope) -> Verdict:
    problems = tuple(
        Problem(
            f"заседание {ru_date(meeting.date)} ещё не наступило, а отмечено проведённым или с "
            "подписанным протоколом. Проверьте дату; протокол заранее готовится как черновик "
            "(status: draft).",
            record.path,
            ("date",),
        )
        for record, meeting in _year(scope).meetings
        if meeting.date > scope.as_of
        and (
            meeting.status is MeetingStatus.HELD
            or (meeting.protocol is not None and meeting.protocol.status is ProtocolStatus.SIGNED)
        )
    )
    return Verdict(Status.FAILED, problems=problems) if problems else passed()


@rule(
    "plan-approved",
    "МПО п. 4.5",
    "план на год утверждён центром в срок, изменения утверждены",
    "error",
    advice="Добавьте в plan.yaml гриф «УТВЕРЖДАЮ» (approval: должность, подпись, дата); каждое изменение плана тоже утверждается (approval у изменения).",
)
def plan_approved(scope: Scope) -> Verdict:
    year = _year(scope)
    due = scope.settings.plan_approved_by.in_year(scope.bounds[0].year)
    plan_path = f"{year.records_folder}/plan.yaml"
    plan = year.plan
    if plan is None or plan.approval is None or plan.approval.date > scope.as_of:
        what = "плана работы нет" if plan is None else "план не утверждён центром"
        message = (
            f"{what}; его нужно утвердить до {ru_date(due)} (гриф «УТВЕРЖДАЮ», поле approval)."
        )
        if scope.as_of <= due:
            return Verdict(
                Status.AT_RISK, f"срок — {ru_date(due)}", (Problem(message, plan_path),), "warning"
            )
        return Verdict(Status.FAILED, f"срок — {ru_date(due)}", (Problem(message, plan_path),))
    problems = []
    if plan.approval.date > due:
        problems.append(Problem(
            f"план утверждён {ru_date(plan.approval.date)}, позже срока {ru_date(due)}.", plan_path,
            ("approval", "date"),
        ))  # fmt: skip
    for index, amendment in enumerate(plan.amendments):
        if amendment.approval is None:
            problems.append(Problem(
                f"изменение плана от {ru_date(amendment.date)} не утверждено центром. Добавьте "
                "к изменению approval.",
                plan_path,
                ("amendments", index),
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
    year = _year(scope)
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
        return Verdict(Status.FAILED, figures, (Problem(message, path, ("submitted",)),))
    if scope.as_of > last_day:
        message = (
            f"анализ работы за {school_year_title(scope.year)} учебный год не представлен, а срок "
            f"истёк {ru_date(last_day)}. Представьте анализ (analysis.md, status: submitted)."
        )
        return Verdict(Status.FAILED, figures, (Problem(message, path, ("status",)),))
    if (last_day - scope.as_of).days < scope.settings.analysis_warning_days:
        message = f"анализ работы нужно представить в центр до {ru_date(last_day)} включительно."
        return Verdict(Status.AT_RISK, figures, (Problem(message, path, ("status",)),), "warning")
    return passed(figures)


@rule(
    "analysis-frozen",
    "МПО п. 4.6",
    "цифры представленного анализа совпадают с записями или расхождение объяснено",
    "warning",
    advice="Цифры представленного анализа не меняются. Объясните расхождение с записями в поле figures_note.",
)
def analysis_frozen(scope: Scope) -> Verdict:
    year = _year(scope)
    analysis = year.analysis
    if (
        analysis is None
        or analysis.status is not AnalysisStatus.SUBMITTED
        or analysis.figures is None
    ):
        return passed("анализ не представлен")
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
    year = _year(scope)
    membership = year.membership
    path = f"{year.records_folder}/membership.yaml"
    if membership is None or membership.leader is None:
        message = "руководитель объединения на этот год не указан. Добавьте leader в состав."
        return Verdict(Status.FAILED, problems=(Problem(message, path, ("leader",)),))
    leader = membership.leader
    problems = []
    if leader.person not in {p.person for p in membership.participants}:
        problems.append(
            Problem(
                f"руководитель «{leader.person}» не входит в участники года.",
                path,
                ("leader", "person"),
            )
        )
    ref_year, _, number = leader.meeting.partition("/")
    elected_at = scope.project.get("meeting", number, f"{year.association}/{ref_year}")
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
    "decisions-executed",
    "МПО п. 4.2",
    "решения с истёкшим сроком выполнены или объяснено, почему нет",
    "warning",
    advice="Отметьте исполнение решения (execution: status done) или объясните в execution.note, почему оно не выполнено.",
)
def decisions_executed(scope: Scope) -> Verdict:
    problems = []
    total = 0
    for record, meeting in _year(scope).meetings:
        if meeting.protocol is None or not _signed_by(meeting, scope.as_of):
            continue
        for i, item in enumerate(meeting.protocol.agenda, start=1):
            for j, decision in enumerate(item.decisions, start=1):
                if decision.deadline is None or decision.deadline >= scope.as_of:
                    continue
                total += 1
                execution = decision.execution
                ok = execution is not None and (
                    execution.status in (ExecutionStatus.DONE, ExecutionStatus.CANCELLED)
                    or execution.note is not None
                )
                if not ok:
                    problems.append(Problem(
                        f"срок решения {i}.{j} истёк {ru_date(decision.deadline)}, а отметки об "
                        "исполнении нет. Добавьте execution: status done или примечание note о "
                        "том, почему не выполнено.",
                        record.path,
                        ("protocol", "agenda", i - 1, "decisions", j - 1),
                    ))  # fmt: skip
    figures = f"решений с истёкшим сроком: {total}, без отметки: {len(problems)}"
    return Verdict(Status.FAILED, figures, tuple(problems)) if problems else passed(figures)


@rule(
    "requests-answered",
    "МПО п. 4.2.3; РОСТ п. 2.2.2",
    "на каждый запрос ответили в срок",
    "warning",
    advice="Проведите консультацию и запишите её в consultations/ со ссылкой на запрос (request); отметьте запрос status: answered.",
)
def requests_answered(scope: Scope) -> Verdict:
    year = _year(scope)
    answers: dict[str, date] = {}
    for _r, consultation in year.consultations:
        if consultation.request:
            first = answers.get(consultation.request)
            answers[consultation.request] = (
                min(first, consultation.date) if first else consultation.date
            )
    problems = []
    for record, request in year.requests:
        due = request.due or request.received + timedelta(days=scope.settings.request_due_days)
        answered = answers.get(record.place.id)
        if request.status is RequestStatus.WITHDRAWN:
            continue
        if answered is not None and answered <= due:
            continue
        if answered is None and scope.as_of <= due:
            continue
        late = (
            f"ответ дан {ru_date(answered)}, позже срока {ru_date(due)}"
            if answered
            else f"срок ответа истёк {ru_date(due)}, консультации нет"
        )
        problems.append(Problem(
            f"запрос от {ru_date(request.received)}: {late}. Проведите консультацию и запишите её "
            "(consultations/, поле request).",
            record.path,
            ("received",),
        ))  # fmt: skip
    figures = f"запросов: {len(year.requests)}, с нарушением срока: {len(problems)}"
    return Verdict(Status.FAILED, figures, tuple(problems)) if problems else passed(figures)


@rule(
    "directions-covered",
    "МПО п. 3.1",
    "план и заседания года касаются всех четырёх направлений",
    "warning",
    advice="Добавьте в план мероприятия по недостающим направлениям (МПО п. 3.1.1–3.1.4).",
)
def directions_covered(scope: Scope) -> Verdict:
    year = _year(scope)
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
    return Verdict(Status.FAILED, figures, (Problem(message, plan, ("items",)),))


@rule(
    "deficit-measures",
    "МПО п. 4.2.2",
    "у каждого дефицита есть меры; устранён — только после повторной диагностики",
    "warning",
    advice="Добавьте меры (measures); статус resolved ставьте только с результатом повторной диагностики (repeat_diagnostic).",
)
def deficit_measures(scope: Scope) -> Verdict:
    problems = []
    for record, deficit in _year(scope).deficits:
        if not deficit.measures and deficit.status is not DeficitStatus.RESOLVED:
            problems.append(
                Problem(
                    f"у дефицита «{deficit.title}» нет мер. Добавьте measures.",
                    record.path,
                    ("measures",),
                )
            )
        if deficit.status is DeficitStatus.RESOLVED and deficit.repeat_diagnostic is None:
            problems.append(Problem(
                f"дефицит «{deficit.title}» отмечен устранённым без повторной диагностики. "
                "Добавьте repeat_diagnostic или верните статус in_work.",
                record.path,
                ("status",),
            ))  # fmt: skip
    figures = f"дефицитов: {len(_year(scope).deficits)}"
    return Verdict(Status.FAILED, figures, tuple(problems)) if problems else passed(figures)


@rule(
    "plan-executed",
    "МПО п. 4.1, 4.5",
    "прошедшие пункты плана связаны с тем, что их выполнило",
    "warning",
    advice="В пункте плана укажите done_by: заседание (2025-2026/02) или мероприятие совета, которым он выполнен.",
)
def plan_executed(scope: Scope) -> Verdict:
    year = _year(scope)
    if year.plan is None:
        return passed("плана нет")
    problems = []
    past = 0
    for number, item in enumerate(year.plan.items, start=1):
        y, m = int(item.month[:4]), int(item.month[5:])
        month_end = date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
        if month_end >= scope.as_of:
            continue
        past += 1
        if not item.done_by:
            problems.append(Problem(
                f"пункт плана {number} («{item.topic}», {item.month}) прошёл, но не указано, чем "
                "он выполнен. Добавьте done_by: заседание (2025-2026/02) или мероприятие.",
                f"{year.records_folder}/plan.yaml",
                ("items", number - 1, "done_by"),
            ))  # fmt: skip
    figures = f"прошедших пунктов: {past}, без отметки: {len(problems)}"
    return Verdict(Status.FAILED, figures, tuple(problems)) if problems else passed(figures)
