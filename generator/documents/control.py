"""The control sheet: the decisions of an association still open on a day, with their status.

What the chair reads out under «Контроль исполнения»: every decision of a signed protocol
(signed on or before the day) that is neither done nor cancelled as of that day — the
decisions of the school year's meetings and those of earlier years still open. Decisions
marked `internal` are listed too: the sheet is for the internal edition only.

The latest execution mark known on the day is the one `checking.decisions` finds (the
decision's own mark or a later meeting's follow-up, whichever is later), counting only
marks made on or before the day. Each open decision gets one status, the first that fits:

- «не исполнено, срок истёк» — its deadline (a date) is before the day, whatever the
  mark says («выполняется» with a reason is shown beside it, in the mark's note);
- «не исполнено, отмечено как просроченное» — the deadline has not passed (or is given in
  words), but the association marked it overdue;
- «в работе» — marked in progress, the deadline not passed;
- «срок истекает сегодня» — no mark, due on the day itself;
- «срок не наступил» — no mark, due later;
- «отметки об исполнении нет» — no mark and no deadline date («в течение года»).

Why these: the first is what a control must catch — the deadline passed and the decision
is still not done, whatever was said about it; the others tell how a running decision
stands, and «срок не наступил» is never said of one the association itself marked late. The
mark (its day, where it was made, its status and note) is printed beside the status, so the
status never has to repeat it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator.checking.decisions import Mark, MeetingRef, tracked_decisions
from generator.checking.years import Year
from schemas import Decision, Meeting
from schemas.enums import ExecutionStatus, MeetingStatus

EXPIRED = "не исполнено, срок истёк"
MARKED_OVERDUE = "не исполнено, отмечено как просроченное"
IN_WORK = "в работе"
DUE_TODAY = "срок истекает сегодня"
NOT_DUE = "срок не наступил"
NO_MARK = "отметки об исполнении нет"


@dataclass(frozen=True, slots=True)
class OpenDecision:
    """One row of the control sheet."""

    meeting: str  # `2025-2026/04`
    held: Meeting
    number: str  # `2.1`
    decision: Decision
    mark: Mark | None  # the latest mark known on the day
    status: str  # one of the statuses above

    @property
    def year(self) -> str:
        """The school year of the decision's meeting, `2025-2026`."""
        return self.meeting.split("/")[0]

    @property
    def meeting_number(self) -> int:
        return int(self.meeting.split("/")[1])

    @property
    def expired(self) -> bool:
        return self.status == EXPIRED


def open_decisions(
    year: Year, as_of: date, others: Iterable[MeetingRef] = ()
) -> list[OpenDecision]:
    """The decisions of the year still open on `as_of`, by deadline, then by meeting.

    `others` are the association's meetings of other school years: a later year's
    follow-up may mark a decision of this one, and an earlier year's decision still open is
    carried over. A deadline in words only comes after every dated one.
    """
    own = [(f"{year.year}/{record.place.id}", meeting) for record, meeting in year.meetings]
    meetings = [
        (ref, meeting)
        for ref, meeting in [*own, *others]
        if meeting.status is MeetingStatus.HELD and meeting.date <= as_of
    ]
    rows = [
        OpenDecision(
            tracked.meeting,
            tracked.held,
            tracked.number,
            tracked.decision,
            tracked.mark,
            status_of(tracked.decision, tracked.mark, as_of),
        )
        for tracked in tracked_decisions(meetings, as_of)
        if not tracked.closed
        and tracked.meeting.split("/")[0] <= year.year
        and tracked.held.protocol is not None
        and tracked.held.protocol.signed_by(as_of)
    ]
    return sorted(rows, key=_order)


def status_of(decision: Decision, mark: Mark | None, as_of: date) -> str:
    """The status of an open decision on a day (see the module's docstring)."""
    deadline = decision.deadline
    status = mark.status if mark is not None else None
    if deadline is not None and deadline < as_of:
        return EXPIRED
    if status is ExecutionStatus.OVERDUE:
        return MARKED_OVERDUE
    if status is ExecutionStatus.IN_PROGRESS:
        return IN_WORK
    if deadline is None:
        return NO_MARK
    return DUE_TODAY if deadline == as_of else NOT_DUE


def _order(row: OpenDecision) -> tuple[bool, date, date, str, tuple[int, ...]]:
    deadline = row.decision.deadline
    number = tuple(int(part) for part in row.number.split("."))
    return (deadline is None, deadline or date.max, row.held.date, row.meeting, number)
