"""Decisions of an association's meetings and the latest execution mark of each, as of a day.

A decision's execution is marked in two places: on the decision itself (`execution`, made on
its `checked` day, or on its meeting's day when that is not given) and in the follow-up
(`follow_up`) of a later meeting, made on that meeting's day. The latest mark counts; on the
same day a follow-up wins over the decision's own mark. The scaffold of the next meeting
(which decisions to follow up) and the control sheet (which decisions are still open) both
read the marks from here, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from generator.loading.project import Project
from schemas import Decision, Meeting
from schemas.enums import ExecutionStatus

CLOSED = frozenset({ExecutionStatus.DONE, ExecutionStatus.CANCELLED})

MeetingRef = tuple[str, Meeting]  # ("2025-2026/04", the meeting)


@dataclass(frozen=True, slots=True)
class Mark:
    """One execution mark of a decision: what it says and when and where it was made."""

    status: ExecutionStatus
    note: str | None
    on: date  # the day it was made
    meeting: str | None = None  # the meeting whose follow-up made it, `2026-2027/02`
    dated: bool = True  # False: the decision's own mark without a `checked` day

    @property
    def follow_up(self) -> bool:
        """Whether a later meeting's follow-up made the mark (not the decision's own)."""
        return self.meeting is not None


@dataclass(frozen=True, slots=True)
class TrackedDecision:
    """A decision of a meeting with its latest execution mark (None: never marked)."""

    meeting: str  # `2025-2026/04`
    number: str  # `1.2`
    held: Meeting
    decision: Decision
    mark: Mark | None

    @property
    def closed(self) -> bool:
        """Done, or cancelled by the association: nothing left to control."""
        return self.mark is not None and self.mark.status in CLOSED


def association_meetings(project: Project, association: str) -> Iterator[MeetingRef]:
    """(`2025-2026/04`, meeting) of every meeting of the association, in path order."""
    for record in project.of_kind("meeting"):
        if record.place.association == association and isinstance(record.model, Meeting):
            yield f"{record.place.year}/{record.place.id}", record.model


def tracked_decisions(
    meetings: Iterable[MeetingRef], as_of: date | None = None
) -> list[TrackedDecision]:
    """Every decision of the meetings with its latest mark, by the meetings' dates.

    The meetings given are those whose decisions and follow-ups count (a caller keeps, for
    example, held meetings only). With `as_of`, a mark made after that day is not known
    yet: a decision's own mark checked later, a follow-up of a later meeting.
    """
    ordered = sorted(meetings, key=lambda pair: pair[1].date)
    marks: dict[tuple[str, str], Mark | None] = {}
    decisions: dict[tuple[str, str], tuple[Meeting, Decision]] = {}
    for ref, meeting in ordered:
        protocol = meeting.protocol
        if protocol is None:
            continue
        for i, item in enumerate(protocol.agenda, start=1):
            for j, decision in enumerate(item.decisions, start=1):
                key = (ref, f"{i}.{j}")
                decisions[key] = (meeting, decision)
                marks[key] = _own_mark(decision, meeting, as_of)
        if as_of is not None and meeting.date > as_of:
            continue  # its follow-up is not made yet
        for follow in protocol.follow_up:
            key = (follow.meeting, follow.decision)
            if key not in marks:
                continue  # not among the meetings given (or no such decision)
            known = marks[key]
            if known is None or meeting.date >= known.on:
                marks[key] = Mark(follow.status, follow.note, meeting.date, ref)
    return [
        TrackedDecision(ref, number, held, decision, marks[(ref, number)])
        for (ref, number), (held, decision) in decisions.items()
    ]


def _own_mark(decision: Decision, meeting: Meeting, as_of: date | None) -> Mark | None:
    execution = decision.execution
    if execution is None:
        return None
    on = execution.checked or meeting.date
    if as_of is not None and on > as_of:
        return None  # checked after the day asked about
    return Mark(execution.status, execution.note, on, dated=execution.checked is not None)
