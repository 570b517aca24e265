"""Impossible facts: records that are each valid alone but cannot all be true.

A decision due before its meeting, meeting numbers against their dates, a postponement
without a new date, more people listed than were present (or absent), a person recorded both
present and absent, an execution mark that a later meeting's follow-up contradicts, a pair
whose ШНОР is not on that year's list, a person or a school referred to on a day they had no
position or no name. Each is an error at the line to correct.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from generator.loading.diagnostics import Diagnostic, Loc
from generator.loading.project import Loaded, Project
from generator.russian import ru_date, school_year_title
from schemas import Consultation, ConsultationRequest, Meeting, Membership, Organization, Person
from schemas.enums import ExecutionStatus, ListCategory, MeetingStatus

_LISTED = (ListCategory.SHNOR, ListCategory.SHSSU)


def _meetings(project: Project) -> Iterator[tuple[Loaded, Meeting]]:
    for record in project.of_kind("meeting"):
        if isinstance(record.model, Meeting):
            yield record, record.model


def held_on(meeting: Meeting) -> date:
    """The day a meeting takes place: its new date once postponed."""
    return meeting.new_date or meeting.date


def check_decision_deadlines(project: Project) -> Iterator[Diagnostic]:
    """A decision cannot be due before the meeting that took it."""
    for record, meeting in _meetings(project):
        agenda = meeting.protocol.agenda if meeting.protocol else []
        day = held_on(meeting)
        for i, item in enumerate(agenda):
            for j, decision in enumerate(item.decisions):
                if decision.deadline is not None and decision.deadline < day:
                    yield record.source.diagnostic(
                        ("protocol", "agenda", i, "decisions", j, "deadline"),
                        f"срок решения {i + 1}.{j + 1} ({ru_date(decision.deadline)}) раньше "
                        f"самого заседания ({ru_date(day)}). Проверьте год и месяц срока.",
                        "decision.deadline-before-meeting",
                        label="Срок исполнения",
                    )


def check_meeting_order(project: Project) -> Iterator[Diagnostic]:
    """Meeting numbers follow their dates within a school year."""
    by_year: dict[str, list[tuple[Loaded, Meeting]]] = {}
    for record, meeting in _meetings(project):
        by_year.setdefault(record.place.scope, []).append((record, meeting))
    for meetings in by_year.values():
        latest: tuple[Loaded, Meeting] | None = None
        for record, meeting in sorted(meetings, key=lambda pair: pair[0].place.id):
            if latest is not None and meeting.date < latest[1].date:
                earlier_record, earlier = latest
                yield record.source.diagnostic(
                    ("date",),
                    f"заседание № {record.place.id} датировано {ru_date(meeting.date)} — раньше "
                    f"заседания № {earlier_record.place.id} ({ru_date(earlier.date)}). Номера "
                    "заседаний идут по датам: проверьте дату или номер в имени файла (если файл "
                    "скопирован с другого заседания, исправьте в нём дату и тему).",
                    "meeting.number-order",
                    label="Дата",
                )
            if latest is None or meeting.date >= latest[1].date:
                latest = (record, meeting)


def check_postponed_dates(project: Project) -> Iterator[Diagnostic]:
    """A postponed meeting says when it will be held."""
    for record, meeting in _meetings(project):
        if meeting.status is MeetingStatus.POSTPONED and meeting.new_date is None:
            yield record.source.diagnostic(
                ("status",),
                "заседание перенесено (status: postponed), но новая дата не указана. Добавьте "
                "new_date: ГГГГ-ММ-ДД; если дата ещё не известна, оставьте status: planned и "
                "напишите об этом в теме или примечании.",
                "meeting.postponed-without-date",
                label="Статус",
            )


def check_present_count(project: Project) -> Iterator[Diagnostic]:
    """The number present is at least the number of people listed as present."""
    for record, meeting in _meetings(project):
        protocol = meeting.protocol
        if protocol is None or protocol.present_count is None:
            continue
        if protocol.present_count < len(protocol.present):
            yield record.source.diagnostic(
                ("protocol", "present_count"),
                f"присутствовало всего {protocol.present_count}, а в списке present названо "
                f"больше: {len(protocol.present)}. Число присутствовавших не может быть меньше "
                "списка: исправьте число или список.",
                "protocol.present-count",
                label="Присутствовало всего",
            )


def check_absent(project: Project) -> Iterator[Diagnostic]:
    """Nobody is recorded both present and absent; the number absent is at least the list."""
    for record, meeting in _meetings(project):
        protocol = meeting.protocol
        if protocol is None:
            continue
        present = {*protocol.present, protocol.chair, protocol.secretary}
        for i, absence in enumerate(protocol.absent):
            if absence.person is not None and absence.person in present:
                yield record.source.diagnostic(
                    ("protocol", "absent", i, "person"),
                    f"«{absence.person}» записан и среди присутствовавших (present, chair или "
                    "secretary), и среди отсутствовавших (absent): оставьте его в одном списке.",
                    "protocol.absent-present",
                    label="Отсутствовавший",
                )
        if protocol.absent_count is not None and protocol.absent_count < len(protocol.absent):
            yield record.source.diagnostic(
                ("protocol", "absent_count"),
                f"отсутствовало всего {protocol.absent_count}, а в списке absent названо "
                f"больше: {len(protocol.absent)}. Число отсутствовавших не может быть меньше "
                "списка: исправьте число или список.",
                "protocol.absent-count",
                label="Отсутствовало всего",
            )


_REF = re.compile(r"(\d{4}-\d{4})/(\d{2})")


def check_execution_follow_up(project: Project) -> Iterator[Diagnostic]:
    """A decision's execution mark agrees with the latest follow-up of it, unless newer."""
    latest = _latest_follow_ups(project)
    # Only the decisions some follow-up names, (item, decision, its number) in order, are
    # looked at.
    followed: dict[tuple[str, str, str], list[tuple[int, int, str]]] = {}
    for association, year, meeting_number, decision in latest:
        if match := _DECISION.fullmatch(decision):
            numbers = followed.setdefault((association, year, meeting_number), [])
            numbers.append((int(match[1]), int(match[2]), decision))
    for record in project.of_kind("meeting"):
        key = (record.place.association or "", record.place.year or "", record.place.id)
        # The key first: most meetings' decisions are followed by none, so their models
        # are not read.
        named = followed.get(key)
        meeting = record.model
        if named is None or not isinstance(meeting, Meeting) or meeting.protocol is None:
            continue
        agenda = meeting.protocol.agenda
        for item_number, decision_number, decision in sorted(named):
            i, j = item_number - 1, decision_number - 1  # as the protocol's lists count
            if i >= len(agenda) or j >= len(agenda[i].decisions):
                continue
            execution = agenda[i].decisions[j].execution
            day, where, status = latest[(*key, decision)]
            if execution is None or execution.status is status:
                continue
            if execution.checked is not None and execution.checked > day:
                continue  # the mark is newer than the follow-up
            yield record.source.diagnostic(
                ("protocol", "agenda", i, "decisions", j, "execution", "status"),
                f"отметка об исполнении решения {i + 1}.{j + 1} ({execution.status.value}) "
                f"расходится с контролем исполнения на заседании {where} от {ru_date(day)} "
                f"({status.value}). Исправьте отметку (или дату проверки checked) или "
                "контроль исполнения в том протоколе.",
                "decision.execution-disagrees",
                label="Исполнение",
            )


# A decision number as `check_execution_follow_up` spells it: "item.decision", from 1.
_DECISION = re.compile(r"([1-9][0-9]*)\.([1-9][0-9]*)")

_FollowKey = tuple[str, str, str, str]  # association, year, meeting number, decision number


def _latest_follow_ups(project: Project) -> dict[_FollowKey, tuple[date, str, ExecutionStatus]]:
    """The latest follow-up of each decision: its meeting's day, the meeting, its status."""
    latest: dict[_FollowKey, tuple[date, str, ExecutionStatus]] = {}
    for record, meeting in _meetings(project):
        if meeting.protocol is None or not meeting.protocol.follow_up:
            continue
        association = record.place.association or ""
        day = held_on(meeting)
        where = f"{record.place.year}/{record.place.id}"
        for follow in meeting.protocol.follow_up:
            match = _REF.fullmatch(follow.meeting)
            if match is None:
                continue
            key = (association, match[1], match[2], follow.decision)
            found = latest.get(key)
            if found is None or found[0] <= day:
                latest[key] = (day, where, follow.status)
    return latest


def check_pairs_on_lists(project: Project) -> Iterator[Diagnostic]:
    """A pair's ШНОР is on that year's list and its partner is not."""
    for record in project.of_kind("membership"):
        if not isinstance(record.model, Membership) or record.place.year is None:
            continue
        for index, pair in enumerate(record.model.pairs):
            for field, org_id, must_be_listed in (
                ("shnor", pair.shnor, True),
                ("partner", pair.partner, False),
            ):
                problem = _list_problem(project, org_id, record.place.year, must_be_listed)
                if problem:
                    yield record.source.diagnostic(
                        ("pairs", index, field),
                        problem,
                        "membership.pair-list",
                        label="ШНОР (ШССУ)" if must_be_listed else "Школа-партнёр",
                    )


def _list_problem(project: Project, org_id: str, year: str, must_be_listed: bool) -> str | None:
    loaded = project.get("organization", org_id)
    if loaded is None or not isinstance(loaded.model, Organization):
        return None  # an unknown school is reported as an unknown reference
    category = loaded.model.category_in(year)
    if category is None or category.category is ListCategory.PENDING:
        return None  # the year's list is not recorded: nothing to compare with
    listed = category.category in _LISTED
    title = school_year_title(year)
    if must_be_listed and not listed:
        return (
            f"«{org_id}» в {title} учебном году не входит в списки ШНОР/ШССУ (категория "
            f"{category.category.value} в её записи). Проверьте пару или категорию школы."
        )
    if not must_be_listed and listed:
        return (
            f"школа-партнёр «{org_id}» сама в списке {category.category.value} в {title} "
            "учебном году. Партнёром ШНОР выбирают школу с устойчивыми результатами: проверьте "
            "пару или категорию школы."
        )
    return None


def check_dated_references(project: Project) -> Iterator[Diagnostic]:
    """People and schools are named on days they held a position or bore a name."""
    positionless = _Positionless(project)
    nameless = _Nameless(project)
    for record, meeting in _meetings(project):
        if meeting.protocol is None or meeting.status is not MeetingStatus.HELD:
            continue
        day = held_on(meeting)
        protocol = meeting.protocol
        for loc, label, person_id in (
            (("protocol", "chair"), "Председатель", protocol.chair),
            (("protocol", "secretary"), "Секретарь", protocol.secretary),
        ):
            # a draft may not name its chair or secretary yet
            if person_id is not None and (person := positionless(person_id, day)) is not None:
                yield _no_position(record, (loc, label), person_id, person, day)
        for i, person_id in enumerate(protocol.present):
            if (person := positionless(person_id, day)) is not None:
                present: Loc = ("protocol", "present", i)
                yield _no_position(record, (present, "Присутствовали"), person_id, person, day)
    for record in project.of_kind("request"):
        if isinstance(record.model, ConsultationRequest):
            request = record.model
            if nameless(request.organization, request.received):
                yield _no_name(record, request.organization, request.received)
            if (person := positionless(request.requester, request.received)) is not None:
                field: tuple[Loc, str] = (("requester",), "Заявитель")
                yield _no_position(record, field, request.requester, person, request.received)
    for record in project.of_kind("consultation"):
        if isinstance(record.model, Consultation):
            given = record.model
            if (person := positionless(given.consultant, given.date)) is not None:
                field = (("consultant",), "Консультант")
                yield _no_position(record, field, given.consultant, person, given.date)
            for i, person_id in enumerate(given.recipients):
                if (person := positionless(person_id, given.date)) is not None:
                    field = (("recipients", i), "Кого консультировали")
                    yield _no_position(record, field, person_id, person, given.date)


class _Positionless:
    """The person named by an id if their record lists positions but none held on a day.

    Tens of thousands of names in a region's protocols and consultations point at a
    thousand people: each person's periods are worked out once per check, as plain
    (first, last) days, and a day is compared with them without a call per position.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        # id → the person and their positions' periods, if they list positions
        self.people: dict[str, tuple[Person, tuple[_Span, ...]] | None] = {}

    def __call__(self, person_id: str, day: date) -> Person | None:
        try:
            found = self.people[person_id]
        except KeyError:
            found = self.people[person_id] = self._look_up(person_id)
        if found is None:
            return None
        person, spans = found
        for first, last in spans:
            if first <= day <= last:
                return None
        return person

    def _look_up(self, person_id: str) -> tuple[Person, tuple[_Span, ...]] | None:
        loaded = self.project.get("person", person_id)
        model = loaded.model if loaded else None
        if not isinstance(model, Person) or not model.positions:
            return None
        return model, tuple(_span(p.since, p.until) for p in model.positions)


_Span = tuple[date, date]  # the first and the last day of a period, both included


def _span(since: date | None, until: date | None) -> _Span:
    """A period as `schemas.people.in_period` reads it: an open end reaches as far as needed."""
    return (date.min if since is None else since, date.max if until is None else until)


def _no_position(
    record: Loaded, field: tuple[Loc, str], person_id: str, person: Person, day: date
) -> Diagnostic:
    loc, label = field
    return record.source.diagnostic(
        loc,
        f"на {ru_date(day)} у «{person_id}» нет должности: в его записи должности "
        f"{_periods(person)}. Проверьте дату заседания или сроки должностей в "
        f"records/people/{person_id}.yaml (since, until).",
        "person.no-position-on-date",
        label=label,
    )


def _periods(person: Person) -> str:
    return "; ".join(
        f"{p.title} — с {ru_date(p.since) or 'начала'} по {ru_date(p.until) or 'сейчас'}"
        for p in person.positions
    )


class _Nameless:
    """Whether an organization, if known, bore none of its names on a day.

    Eight thousand requests name three hundred schools: each school's periods are worked
    out once per check. An unknown school is reported as an unknown reference instead.
    """

    def __init__(self, project: Project) -> None:
        self.project = project
        self.schools: dict[str, tuple[_Span, ...] | None] = {}  # id → its names' periods

    def __call__(self, org_id: str, day: date) -> bool:
        try:
            spans = self.schools[org_id]
        except KeyError:
            spans = self.schools[org_id] = self._look_up(org_id)
        return spans is not None and not any(first <= day <= last for first, last in spans)

    def _look_up(self, org_id: str) -> tuple[_Span, ...] | None:
        loaded = self.project.get("organization", org_id)
        if loaded is None or not isinstance(loaded.model, Organization):
            return None
        return tuple(_span(name.since, name.until) for name in loaded.model.names)


def _no_name(record: Loaded, org_id: str, day: date) -> Diagnostic:
    return record.source.diagnostic(
        ("organization",),
        f"на {ru_date(day)} у «{org_id}» нет названия: организация под этим идентификатором "
        "тогда не существовала (или уже была присоединена к другой). Проверьте дату или "
        f"сроки названий (names: since, until) в records/organizations/{org_id}.yaml.",
        "organization.no-name-on-date",
        label="Организация",
    )
