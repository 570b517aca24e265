"""Scaffolds of an association's year: the next meeting, a draft protocol, a consultation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from generator.authoring.scaffold import (
    SHNOR_ROLES,
    Changes,
    ScaffoldError,
    Written,
    YearScope,
    close_match,
    person,
    render,
    require_id,
    year_scope,
)
from generator.checking.decisions import TrackedDecision, association_meetings, tracked_decisions
from generator.loading.project import Project
from generator.russian import ru_date, school_year_title
from schemas import ConsultationRequest, Meeting, school_year_bounds, school_year_of
from schemas.enums import ExecutionStatus, MeetingStatus, RequestStatus

_MEETING_FILE = re.compile(r"(\d{2})\.yaml")
_OPEN = (None, ExecutionStatus.IN_PROGRESS, ExecutionStatus.OVERDUE)


# --- decisions still open -------------------------------------------------------------------


@dataclass
class OpenDecision:
    """A decision of a held meeting not yet done, with its latest recorded status."""

    meeting: str  # `2025-2026/04`
    number: str  # `1.2`
    text: str
    deadline: date | None
    status: ExecutionStatus | None = None
    note: str | None = None
    when: date = date.min  # when the status was recorded
    followed_in: str | None = None  # the school year of the latest follow-up

    @property
    def label(self) -> str:
        return f"решение {self.number} заседания {self.meeting}"


def open_decisions(
    project: Project, association: str, before: date, years: set[str]
) -> list[OpenDecision]:
    """Decisions of held meetings before a day whose latest status is not done or cancelled.

    The latest of the decision's own execution mark (dated by `checked`) and the follow-ups
    of later held meetings wins. Kept are decisions of `years` and older ones followed up in
    one of `years`.
    """
    held = (
        (ref, meeting)
        for ref, meeting in association_meetings(project, association)
        if meeting.status is MeetingStatus.HELD and meeting.date < before
    )
    decisions = [_open_decision(tracked) for tracked in tracked_decisions(held)]
    return [
        d
        for d in decisions
        if d.status in _OPEN and (d.meeting[:9] in years or d.followed_in in years)
    ]


def _open_decision(tracked: TrackedDecision) -> OpenDecision:
    decision, mark = tracked.decision, tracked.mark
    entry = OpenDecision(tracked.meeting, tracked.number, decision.text, decision.deadline)
    if mark is not None:
        entry.status, entry.note, entry.when = mark.status, mark.note, mark.on
        entry.followed_in = mark.meeting[:9] if mark.meeting else None
    return entry


def follow_up_status(decision: OpenDecision, on: date) -> ExecutionStatus:
    """The status to pre-fill: the recorded one, or by the deadline when none is recorded."""
    if decision.status is not None:
        return decision.status
    overdue = decision.deadline is not None and decision.deadline < on
    return ExecutionStatus.OVERDUE if overdue else ExecutionStatus.IN_PROGRESS


@dataclass
class DecisionDraft:
    text: str
    deadline: date
    executor: str | None = None
    group: str | None = None
    hint: str | None = None  # what to check, shown as `# ← hint`


@dataclass
class AgendaDraft:
    """An agenda item of a draft protocol, as protocol.yaml.j2 writes it."""

    question: str
    hint: str | None
    speaker: str
    summary: str
    direction: str | None = None
    decisions: list[DecisionDraft] = field(default_factory=list)


# --- meeting -----------------------------------------------------------------------------------


def new_meeting(
    root: Path,
    as_of: date,
    *,
    association: str | None = None,
    year: str | None = None,
    day: date | None = None,
    topic: str | None = None,
) -> Written:
    """The next meeting of the year, planned, with the place and time of the previous one."""
    scope = year_scope(root, as_of, association, year)
    folder = root / scope.folder / "meetings"
    numbers = [
        int(m[1])
        for p in (folder.iterdir() if folder.is_dir() else ())
        if (m := _MEETING_FILE.fullmatch(p.name))
    ]
    number = max(numbers, default=0) + 1
    if number > 99:
        raise ScaffoldError("в году уже 99 заседаний: номер файла — две цифры.")
    opening, last = scope.window()
    if day is not None and not opening <= day <= last:
        raise ScaffoldError(
            f"дата {ru_date(day)} не входит в {school_year_title(scope.year)} учебный год (с "
            f"{ru_date(opening)} по {ru_date(last)}). Укажите другую дату или --year."
        )
    meetings = scope.records.meetings
    previous = meetings[-1][1] if meetings else None
    latest = max((m.new_date or m.date for _r, m in meetings), default=None)
    when = max(as_of, opening)
    if latest is not None and when <= latest:
        when = latest + timedelta(weeks=4)  # the next meeting comes after the last one
    when = day or min(when, last)
    notes = _order(scope, number, when) if day is not None else []
    text = render(
        "meeting.yaml.j2",
        number=f"{number:02d}",
        association=scope.title,
        year=scope.year,
        date=when,
        date_given=day is not None,
        time=previous.time if previous and previous.time else "14:30",
        place=previous.place if previous else None,
        format=previous.format.value if previous and previous.format else "in_person",
        topic=topic,
    )
    changes = Changes(root)
    changes.create(f"{scope.folder}/meetings/{number:02d}.yaml", text)
    notes.append(
        "Когда заседание пройдёт, поставьте status: held и добавьте протокол: "
        f"python -m generator new protocol --number {number:02d}"
    )
    return changes.finish(
        f"заседание № {number:02d}, {school_year_title(scope.year)} учебный год", notes
    )


def _order(scope: YearScope, number: int, day: date) -> list[str]:
    """Refuse a date before a meeting with a lower number; warn of a later postponed one.

    Meeting (and protocol) numbers follow the dates, as validation checks by each meeting's
    `date`, and a new meeting takes the next number: a date before an existing meeting's
    would number them out of order, so nothing is written. A meeting postponed past the date
    keeps its place by its first date: the clash of the days it is held is only a warning.
    """
    new = f"№ {number:02d}"
    after = [(r.place.id, m) for r, m in scope.records.meetings if m.date > day]
    if after:
        named = "; ".join(f"№ {n} — {ru_date(m.date)}" for n, m in after)
        hint = "Проверьте дату."
        n, later = after[0]
        if len(after) == 1 and later.status is MeetingStatus.PLANNED and later.protocol is None:
            hint += (
                f" Если новое заседание действительно пройдёт раньше, оно и есть № {n}: "
                f"впишите его дату и тему в файл {n}.yaml, а запланированное там заседание "
                f"создайте следующим номером: python -m generator new meeting --date "
                f"{later.date.isoformat()}."
            )
        raise ScaffoldError(
            f"дата {ru_date(day)} раньше заседаний этого года с меньшими номерами ({named}), а "
            f"новое заседание станет {new}: номера заседаний и протоколов идут по датам. " + hint
        )
    warnings = []
    for record, meeting in scope.records.meetings:
        if meeting.new_date is not None and meeting.new_date > day:
            warnings.append(
                f"Внимание: заседание № {record.place.id} перенесено на "
                f"{ru_date(meeting.new_date)} — позже нового заседания {new} ({ru_date(day)}), "
                "и протоколы пойдут не по порядку дат. Проверьте дату нового заседания."
            )
    return warnings


# --- protocol ----------------------------------------------------------------------------------


def new_protocol(
    root: Path,
    as_of: date,
    *,
    association: str | None = None,
    year: str | None = None,
    number: str | None = None,
) -> Written:
    """A draft protocol appended to a planned or held meeting's file, its text kept as is."""
    scope = year_scope(root, as_of, association, year)
    path, meeting = _protocol_meeting(scope, number)
    if meeting.protocol is not None:
        raise ScaffoldError(f"в файле {path} протокол уже есть: он не перезаписывается.")
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.HELD):
        raise ScaffoldError(
            f"заседание {path} {meeting.status.label}: протокол пишется только для "
            "запланированного или проведённого заседания."
        )
    ref = f"{scope.year}/{Path(path).stem}"
    previous = school_year_of(school_year_bounds(scope.year)[0] - timedelta(days=1))
    follow = open_decisions(scope.project, scope.association, meeting.date, {scope.year, previous})
    chair = scope.require(scope.leader, "председателя")
    secretary = scope.require(scope.secretary, "секретаря")
    item = AgendaDraft(
        question=meeting.topic,
        hint="вопрос повестки дня: по умолчанию — тема заседания",
        speaker=chair,
        summary="Впишите, о чём доклад",
        direction=_plan_direction(scope, ref, meeting),
    )
    block = render(
        "protocol.yaml.j2",
        chair=chair,
        secretary=secretary,
        present=list(dict.fromkeys((chair, secretary))),
        agenda=[item],
        deadline=meeting.date + timedelta(days=30),
        follow_up=[(d, follow_up_status(d, meeting.date)) for d in follow],
    )
    with (root / path).open(encoding="utf-8", newline="") as handle:
        original = handle.read()  # line ends kept as they are: only the block is added
    if re.search(r"^protocol\s*:", original, re.MULTILINE):
        raise ScaffoldError(f"в файле {path} уже есть поле protocol: оно не перезаписывается.")
    end = "\r\n" if "\r\n" in original else "\n"
    text = original.rstrip("\r\n") + end + block.replace("\n", end)
    changes = Changes(root)
    changes.rewrite(path, original, text)
    notes = ["Черновик (status: draft) не публикуется. После подписания поставьте "
             "status: signed и дату signed."]  # fmt: skip
    if meeting.status is MeetingStatus.PLANNED:
        notes.append("После заседания поменяйте у заседания status: planned на status: held.")
    return changes.finish(f"черновик протокола заседания {ref}", notes)


def _protocol_meeting(scope: YearScope, number: str | None) -> tuple[str, Meeting]:
    if number is not None:
        wanted = number.strip().removesuffix(".yaml").zfill(2)
        found = scope.meeting(wanted)
        if found is None:
            known = [record.place.id for record, _m in scope.records.meetings]
            raise ScaffoldError(
                f"заседания № {wanted} в {school_year_title(scope.year)} учебном году нет (или его файл "
                "с ошибками). Есть: " + (", ".join(known) or "ни одного") + "."
            )
        return found
    candidates = [
        (record.path, meeting)
        for record, meeting in scope.records.meetings
        if meeting.protocol is None
        and meeting.status in (MeetingStatus.PLANNED, MeetingStatus.HELD)
    ]
    past = [c for c in candidates if c[1].date <= scope.as_of]
    future = [c for c in candidates if c[1].date > scope.as_of]
    if past:
        return past[-1]
    if future:
        return future[0]
    raise ScaffoldError(
        f"в {school_year_title(scope.year)} учебном году нет заседания без протокола. Создайте "
        "заседание: python -m generator new meeting."
    )


def _plan_direction(scope: YearScope, ref: str, meeting: Meeting) -> str | None:
    plan = scope.records.plan
    if plan is None:
        return None
    for item in plan.items:
        if ref in item.done_by or item.date == meeting.date:
            return item.direction.value
    return None


# --- consultation ------------------------------------------------------------------------------


def new_consultation(
    root: Path,
    as_of: date,
    *,
    association: str | None = None,
    year: str | None = None,
    day: date | None = None,
    request: str | None = None,
    organization: str | None = None,
) -> Written:
    """A consultation: on the given request, or on the earliest one left without an answer."""
    scope = year_scope(root, as_of, association, year)
    project = scope.project
    request_id, asked = _request(scope, request, organization)
    if organization is not None:
        organization = require_id(project, "organization", organization, "организации")
    org = organization or (asked.organization if asked else None)
    when = day or as_of
    record_id = f"{when.isoformat()}-{org or 'group'}"
    if asked is not None:
        recipients = [asked.requester]
    elif org is not None:
        recipients = _people_of(scope, org, when) or [scope.require(scope.leader, "участника")]
    else:
        membership = scope.membership
        recipients = (
            [p.person for p in membership.participants if p.role in SHNOR_ROLES]
            if membership
            else []
        )
        recipients = recipients or [scope.require(scope.leader, "участника")]
    text = render(
        "consultation.yaml.j2",
        date=when,
        form="individual" if asked or org else "group",
        consultant=(asked.assignee if asked else None)
        or scope.require(scope.leader, "консультанта"),
        recipients=recipients,
        request=request_id,
        topic=asked.topic if asked else None,
        direction=asked.direction.value if asked else None,
    )
    changes = Changes(root)
    changes.create(f"{scope.folder}/consultations/{record_id}.yaml", text)
    notes = []
    if request_id is not None:
        notes.append(
            f"Консультация записана по запросу {request_id}: когда ответ дан, поставьте в "
            f"{scope.folder}/requests/{request_id}.yaml status: answered."
        )
    return changes.finish(f"консультация {ru_date(when)}", notes)


def _request(
    scope: YearScope, wanted: str | None, organization: str | None
) -> tuple[str | None, ConsultationRequest | None]:
    requests = {record.place.id: model for record, model in scope.records.requests}
    if wanted is not None:
        if wanted not in requests:
            raise ScaffoldError(
                f"запроса «{wanted}» нет в {scope.folder}/requests.{close_match(wanted, requests)}"
            )
        return wanted, requests[wanted]
    answered = {c.request for _r, c in scope.records.consultations if c.request}
    waiting = sorted(
        (
            (model.received, record_id, model)
            for record_id, model in requests.items()
            if model.status in (RequestStatus.RECEIVED, RequestStatus.IN_WORK)
            and record_id not in answered
            and (organization is None or model.organization == organization)
        ),
        key=lambda item: (item[0], item[1]),
    )
    return (waiting[0][1], waiting[0][2]) if waiting else (None, None)


def _people_of(scope: YearScope, org: str, on: date) -> list[str]:
    membership = scope.membership
    if membership is None:
        return []
    found = []
    for participant in membership.participants:
        who = person(scope.project, participant.person)
        position = who.position_on(on) if who else None
        if position is not None and position.organization == org:
            found.append(participant.person)
    return found
