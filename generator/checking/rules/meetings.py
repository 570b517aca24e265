"""The association's rules on its meetings (МПО п. 4.2–4.4): how many, their protocols, their
decisions — one small function each, evaluated per school year."""

from __future__ import annotations

from datetime import date, timedelta

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
from generator.checking.workdays import add_working_days
from generator.russian import ru_date
from schemas import Meeting
from schemas.enums import ExecutionStatus, MeetingStatus, ProtocolStatus


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
        m for _r, m in association_year(scope).meetings
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
    # Passed as soon as the norm is reached; while the year runs and the planned meetings can
    # still reach it, in progress; at risk when they cannot; failed once the year is over.
    needed = scope.settings.min_meetings
    held = len(_held(scope))
    by_may = scope.settings.meetings_by.in_year(scope.bounds[1].year)
    # After the planned end (May) the year still runs to 31 August: count to its end then.
    until = by_may if scope.as_of <= by_may else scope.bounds[1]
    grace = scope.settings.protocol_grace_working_days
    meetings = [m for _r, m in association_year(scope).meetings]
    planned = [
        m for m in meetings
        if m.status in (MeetingStatus.PLANNED, MeetingStatus.POSTPONED)
        and scope.as_of <= (m.new_date or m.date) <= until
    ]  # fmt: skip
    awaiting = [  # held, the protocol still within the time allowed for signing
        m for m in meetings
        if m.status is MeetingStatus.HELD
        and not _signed_by(m, scope.as_of)
        and scope.as_of <= add_working_days(m.date, grace)
    ]  # fmt: skip
    coming = len(planned) + len(awaiting)
    if held > needed:
        return passed(f"проведено {held} {_meetings_word(held)} (нужно не меньше {needed})")
    if held == needed:
        return passed(f"проведено {held} из {needed} заседаний")
    if scope.over:
        message = (
            f"проведено {held} из {needed} заседаний. Учебный год закончился; если норма не "
            "выполнена по уважительной причине, центр может принять это замечание (запись в "
            "records/acknowledgements)."
        )
        return Verdict(
            Status.FAILED,
            f"проведено {held} из {needed} заседаний",
            (Problem(message, due=scope.bounds[1]),),
        )
    so_far = f"проведено {held} из {needed} заседаний"
    if awaiting:
        so_far += f", протокол ещё не подписан: {len(awaiting)}"
    so_far += (
        f", запланировано ещё {len(planned)}" if planned else ", больше заседаний не запланировано"
    )
    if held + coming >= needed:
        return in_progress(f"{so_far} до {ru_date(until)}")
    missing = needed - held - coming
    message = (
        f"{so_far}; чтобы выполнить норму, запланируйте ещё хотя бы "
        f"{_count_words(missing)} до {_until_words(until)}"
    )
    return Verdict(
        Status.AT_RISK, f"{so_far} до {ru_date(until)}", (Problem(message, due=until),), "warning"
    )


def _meetings_word(count: int) -> str:
    """«заседание», «заседания» or «заседаний» after a number."""
    if count % 10 == 1 and count % 100 != 11:
        return "заседание"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return "заседания"
    return "заседаний"


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
    # In progress while a meeting of the year still has time for its protocol (planned,
    # postponed, or held and awaiting the signature), or while the year runs without a meeting
    # recorded; passed once every meeting of the year is settled (signed, or cancelled with a
    # reason).
    grace = scope.settings.protocol_grace_working_days
    meetings = association_year(scope).meetings
    problems = []
    due_count = 0
    waiting = 0
    for record, meeting in meetings:
        day = meeting.new_date or meeting.date
        deadline = add_working_days(day, grace)
        message = _protocol_problem(meeting, day, scope.as_of)
        if scope.as_of <= deadline:
            waiting += message is not None
            continue
        due_count += 1
        if message:
            where = ("protocol", "status") if meeting.protocol else ("status",)
            problems.append(Problem(message, record.path, where, due=deadline))
    if problems:
        return Verdict(Status.FAILED, f"без протокола: {len(problems)}", tuple(problems))
    if not meetings:
        return passed("заседаний нет") if scope.over else in_progress("заседаний пока нет")
    figures = f"заседаний, по которым истёк срок оформления: {due_count}, все в порядке"
    if waiting:
        return in_progress(f"{figures}; срок ещё не истёк: {waiting}")
    return passed(figures)


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
    # A fact about the records as of the date, without a term: passed or failed, never in progress.
    problems = tuple(
        Problem(
            f"заседание {ru_date(meeting.date)} ещё не наступило, а отмечено проведённым или с "
            "подписанным протоколом. Проверьте дату; протокол заранее готовится как черновик "
            "(status: draft).",
            record.path,
            ("date",),
            due=meeting.date,  # still ahead: no acknowledgement can accept it
        )
        for record, meeting in association_year(scope).meetings
        if meeting.date > scope.as_of
        and (
            meeting.status is MeetingStatus.HELD
            or (meeting.protocol is not None and meeting.protocol.status is ProtocolStatus.SIGNED)
        )
    )
    return Verdict(Status.FAILED, problems=problems) if problems else passed()


@rule(
    "decisions-executed",
    "МПО п. 4.2",
    "решения с истёкшим сроком выполнены или объяснено, почему нет",
    "warning",
    advice="Отметьте исполнение решения (execution: status done) или объясните в execution.note, почему оно не выполнено.",
)
def decisions_executed(scope: Scope) -> Verdict:
    # In progress while a decision's deadline is still ahead and it is not done (or cancelled),
    # or while the year runs without a decision with a deadline yet; passed when every decision
    # with a deadline is done, cancelled, or due and marked.
    problems = []
    dated = 0
    total = 0
    running = 0
    for record, meeting in association_year(scope).meetings:
        if meeting.protocol is None or not _signed_by(meeting, scope.as_of):
            continue
        for i, item in enumerate(meeting.protocol.agenda, start=1):
            for j, decision in enumerate(item.decisions, start=1):
                if decision.deadline is None:
                    continue
                dated += 1
                execution = decision.execution
                closed = execution is not None and execution.status in (
                    ExecutionStatus.DONE,
                    ExecutionStatus.CANCELLED,
                )
                if decision.deadline >= scope.as_of:
                    running += not closed
                    continue
                total += 1
                ok = closed or (execution is not None and execution.note is not None)
                if not ok:
                    state = (
                        f"а в отметке об исполнении — «{execution.status.label}» без примечания"
                        if execution is not None
                        else "а отметки об исполнении нет"
                    )
                    problems.append(Problem(
                        f"срок решения {i}.{j} истёк {ru_date(decision.deadline)}, {state}. "
                        "Отметьте исполнение (execution: status done) или объясните в "
                        "примечании note, почему решение не выполнено.",
                        record.path,
                        ("protocol", "agenda", i - 1, "decisions", j - 1),
                        due=decision.deadline,
                    ))  # fmt: skip
    figures = f"решений с истёкшим сроком: {total}, без отметки: {len(problems)}"
    if problems:
        return Verdict(Status.FAILED, figures, tuple(problems))
    if running:
        return in_progress(f"{figures}; срок ещё не истёк: {running}")
    if not dated and not scope.over:
        return in_progress("решений с истёкшим сроком пока нет")
    return passed(figures)
