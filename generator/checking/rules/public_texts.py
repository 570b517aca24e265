"""The texts the public site shows of an association's school year, as passages to review.

Each generator asks `sieve` about every text the site will show, in the site's order, and
makes a Passage only of a text it lets through: a region has some 57 000 such texts, and all
but a few hundred say nothing to review (`publication` counts them all, and reads those few).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import NamedTuple

from generator.checking.rules.base import Scope
from generator.loading.diagnostics import Loc
from generator.loading.project import Loaded, Project
from schemas import (
    Association,
    CouncilEvent,
    CouncilMaterial,
    Deficit,
    Meeting,
    Practice,
    Protocol,
    school_year_bounds,
    school_year_of,
)

# Whether a text may have a finding; asked once for every text the public site shows.
Sieve = Callable[[str], bool]


class Passage(NamedTuple):
    """A text the public site will show, and where it stands in its record.

    A named tuple, not a frozen dataclass: a tuple is made several times faster, and a
    recurring remark makes one at every meeting where it is said.
    """

    record: Loaded
    loc: Loc
    what: str  # Russian: «выступление в протоколе», «тема заседания»…
    text: str
    internal_allowed: bool = False  # may be marked `internal: true`
    # Who says it, and on which day: the site prints the school of their post beside it. Only
    # a text with a word of failure needs that school (`_speaker_school`), so it is looked up
    # then, not for every statement.
    speaker: tuple[str, date] | None = None


def association_passages(scope: Scope, sieve: Sieve) -> Iterator[Passage]:
    year = scope.association
    assert year is not None
    for record, meeting in year.meetings:
        yield from _meeting_passages(scope, record, meeting, sieve)
    if year.plan_record is not None and year.plan_record[1].approved_by(scope.as_of):
        record, plan = year.plan_record
        if sieve(plan.goal):
            yield Passage(record, ("goal",), "цель плана", plan.goal)
        for i, task in enumerate(plan.tasks):
            if sieve(task):
                yield Passage(record, ("tasks", i), "задача плана", task)
        for i, item in enumerate(plan.items):
            if sieve(item.topic):
                yield Passage(record, ("items", i, "topic"), "пункт плана", item.topic)
            if sieve(item.expected_result):
                yield Passage(
                    record, ("items", i, "expected_result"), "пункт плана", item.expected_result
                )
        for i, amendment in enumerate(plan.amendments):
            if sieve(amendment.description):
                yield Passage(
                    record,
                    ("amendments", i, "description"),
                    "изменение плана",
                    amendment.description,
                )
    for record, deficit in year.deficits:
        yield from _deficit_passages(record, deficit, sieve)
    if scope.once("first-association", lambda: _first_association(scope.project)) == (
        year.association
    ):
        yield from _practice_passages(scope, sieve)
        yield from _council_passages(scope, sieve)
    if school_year_of(scope.as_of) == year.year:
        found = scope.project.get("association", year.association)
        if found is not None and isinstance(found.model, Association) and found.model.description:
            description = found.model.description
            if sieve(description):
                yield Passage(found, ("description",), "описание объединения", description)


def _meeting_passages(
    scope: Scope, record: Loaded, meeting: Meeting, sieve: Sieve
) -> Iterator[Passage]:
    if sieve(meeting.topic):
        yield Passage(record, ("topic",), "тема заседания", meeting.topic)
    if meeting.cancel_reason and sieve(meeting.cancel_reason):
        yield Passage(record, ("cancel_reason",), "причина отмены заседания", meeting.cancel_reason)
    protocol = meeting.protocol
    if protocol is None or not protocol.signed_by(scope.as_of):
        return
    yield from _protocol_passages(record, protocol, meeting.date, sieve)


def _protocol_passages(
    record: Loaded, protocol: Protocol, day: date, sieve: Sieve
) -> Iterator[Passage]:
    at = "protocol"
    for i, item in enumerate(protocol.agenda):
        if sieve(item.question):
            yield Passage(record, (at, "agenda", i, "question"), "вопрос повестки", item.question)
        if sieve(item.summary):
            yield Passage(record, (at, "agenda", i, "summary"), "доклад в протоколе", item.summary)
        for j, statement in enumerate(item.discussion):
            if not statement.internal and sieve(statement.summary):
                yield Passage(
                    record, (at, "agenda", i, "discussion", j, "summary"), "выступление в протоколе",
                    statement.summary, True, (statement.person, day),
                )  # fmt: skip
        for j, decision in enumerate(item.decisions):
            if not decision.internal and sieve(decision.text):
                yield Passage(
                    record,
                    (at, "agenda", i, "decisions", j, "text"),
                    "решение в протоколе",
                    decision.text,
                    True,
                )
    for i, recommendation in enumerate(protocol.recommendations):
        if sieve(recommendation):
            yield Passage(
                record, (at, "recommendations", i), "рекомендация в протоколе", recommendation
            )


def _deficit_passages(record: Loaded, deficit: Deficit, sieve: Sieve) -> Iterator[Passage]:
    if sieve(deficit.title):
        yield Passage(record, ("title",), "название дефицита", deficit.title)
    if sieve(deficit.area):
        yield Passage(record, ("area",), "область компетенций дефицита", deficit.area)
    for i, measure in enumerate(deficit.measures):
        if sieve(measure.text):
            yield Passage(record, ("measures", i, "text"), "мера по дефициту", measure.text)
        if measure.done_by and sieve(measure.done_by):
            yield Passage(record, ("measures", i, "done_by"), "мера по дефициту", measure.done_by)
    if deficit.repeat_diagnostic is not None and sieve(deficit.repeat_diagnostic.result):
        yield Passage(
            record,
            ("repeat_diagnostic", "result"),
            "итог повторной диагностики",
            deficit.repeat_diagnostic.result,
        )


def _first_association(project: Project) -> str | None:
    """Practices and the council's materials and events belong to no association: the first
    association's years review them, each once."""
    return min((record.place.id for record in project.of_kind("association")), default=None)


def _practice_passages(scope: Scope, sieve: Sieve) -> Iterator[Passage]:
    by_year = scope.once("practices-by-year", lambda: _practices_by_year(scope.project))
    for record, practice in by_year.get(scope.year, ()):
        if practice.in_library(scope.as_of):
            if sieve(practice.title):
                yield Passage(record, ("title",), "название практики", practice.title)
            if sieve(practice.problem):
                yield Passage(record, ("problem",), "проблема практики", practice.problem)
            if sieve(practice.results):
                yield Passage(record, ("results",), "результаты практики", practice.results)
            if practice.body.strip() and sieve(practice.body):
                yield Passage(record, ("body",), "описание практики", practice.body)


def _practices_by_year(project: Project) -> dict[str, list[tuple[Loaded, Practice]]]:
    """The library's practices by school year, in the records' order: each year of the first
    association reads its own, not the whole library."""
    found: dict[str, list[tuple[Loaded, Practice]]] = {}
    for record in project.of_kind("practice"):
        if isinstance(record.model, Practice):
            found.setdefault(record.model.year, []).append((record, record.model))
    return found


def _council_passages(scope: Scope, sieve: Sieve) -> Iterator[Passage]:
    first, last = school_year_bounds(scope.year)
    for record in scope.project.of_kind("material"):
        material = record.model
        if isinstance(material, CouncilMaterial) and first <= material.published <= last:
            if sieve(material.title):
                yield Passage(record, ("title",), "название материала совета", material.title)
            if sieve(material.summary):
                yield Passage(record, ("summary",), "описание материала совета", material.summary)
    for record in scope.project.of_kind("event"):
        event = record.model
        if isinstance(event, CouncilEvent) and first <= event.date <= last:
            if sieve(event.title):
                yield Passage(record, ("title",), "название мероприятия совета", event.title)
            if event.outcome and sieve(event.outcome):
                yield Passage(record, ("outcome",), "итоги мероприятия совета", event.outcome)
