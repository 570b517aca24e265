"""Each kind of document rendered from its records through its template (Markdown for pandoc).

The functions here only gather what a template prints; the text of every document is in
`generator/templates/documents/*.md.j2`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.checking.figures import count_figures
from generator.checking.years import Year
from generator.documents.catalog import DocumentRef, meeting
from generator.documents.context import Paperwork
from generator.russian import school_year_title
from schemas import AnalysisFigures, Association, Meeting
from schemas.enums import AnalysisStatus, Direction, MeetingStatus, ProtocolStatus

LONG_PRESENT_LIST = 12  # more present than this: a count and «список прилагается»
BLANK_REGISTER_ROWS = 3


@dataclass(frozen=True, slots=True)
class Rendered:
    """A document's Markdown and the day it is dated (its creation date in the file)."""

    ref: DocumentRef
    markdown: str
    dated: date


def render_document(ref: DocumentRef, year: Year, paper: Paperwork, as_of: date) -> Rendered:
    """The Markdown of one document, as the records stand (`as_of` matters for the analysis)."""
    return _RENDERERS[ref.kind](ref, year, paper, as_of)


def _common(ref: DocumentRef, year: Year, paper: Paperwork, day: date) -> dict[str, Any]:
    association = paper.associations.get(ref.association)
    return {
        "ref": ref,
        "day": day,
        "draft": False,
        "centre": paper.centre(day, ref.association),
        "association": association
        or Association.model_construct(name=ref.association, short_name=ref.association),
        "year_title": school_year_title(ref.year),
        "membership": year.membership,
    }


def _meeting_data(ref: DocumentRef, year: Year, paper: Paperwork) -> dict[str, Any]:
    held = meeting(year, ref.number)
    protocol = held.protocol
    present = protocol.present if protocol else []
    total = max(protocol.present_count or 0, len(present)) if protocol else 0
    return {
        **_common(ref, year, paper, held.date),
        "number": int(ref.number or 0),
        "meeting": held,
        "protocol": protocol,
        "present_total": total,
        "present_listed": bool(present) and total == len(present) <= LONG_PRESENT_LIST,
    }


def _protocol(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    data = _meeting_data(ref, year, paper)
    protocol = data["protocol"]
    data["draft"] = protocol.status is ProtocolStatus.DRAFT
    markdown = paper.render("protocol.md.j2", **data, items=list(enumerate(protocol.agenda, 1)))
    return Rendered(ref, markdown, protocol.signed or data["meeting"].date)


def _extract(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    data = _meeting_data(ref, year, paper)
    protocol = data["protocol"]
    item = ref.item or 1
    items = [(item, protocol.agenda[item - 1])]
    markdown = paper.render("extract.md.j2", **data, items=items)
    return Rendered(ref, markdown, protocol.signed or data["meeting"].date)


def _register(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    data = _meeting_data(ref, year, paper)
    people = _expected(year, data["meeting"])
    people.sort(key=lambda person_id: paper.full(person_id, data["day"]))
    blank = range(len(people) + 1, len(people) + 1 + BLANK_REGISTER_ROWS)
    markdown = paper.render("register.md.j2", **data, people=people, blank=blank)
    return Rendered(ref, markdown, data["meeting"].date)


def _expected(year: Year, held: Meeting) -> list[str]:
    """Who is expected to sign in: the year's participants, those present, the invited."""
    protocol = held.protocol
    people = [p.person for p in year.membership.participants] if year.membership else []
    if protocol is not None:
        people += [protocol.chair, protocol.secretary, *protocol.present]
        people += [invitee.person for invitee in protocol.invited if invitee.person]
    return list(dict.fromkeys(people))


def _invitation(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    data = _meeting_data(ref, year, paper)
    held: Meeting = data["meeting"]
    membership = year.membership
    on = held.new_date if held.status is MeetingStatus.POSTPONED and held.new_date else held.date
    leader = membership.leader.person if membership and membership.leader else None
    secretary = membership.secretary if membership else None
    person = paper.people.get(secretary or "")
    contacts = person.contacts if person else None
    markdown = paper.render(
        "invitation.md.j2", **data, on=on, leader=leader, secretary=secretary, contacts=contacts
    )
    return Rendered(ref, markdown, on)


def _plan(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    plan = year.plan
    assert plan is not None  # the catalog gives a plan document only for a year with a plan
    day = plan.approval.date if plan.approval else year.bounds[0]
    markdown = paper.render("plan.md.j2", **_common(ref, year, paper, day), plan=plan)
    return Rendered(ref, markdown, day)


def _journal(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    consultations = sorted((c for _r, c in year.consultations), key=lambda c: c.date)
    requests = {record.place.id: request for record, request in year.requests}
    day = consultations[-1].date if consultations else year.bounds[0]
    markdown = paper.render(
        "journal.md.j2",
        **_common(ref, year, paper, day),
        consultations=consultations,
        requests=requests,
    )
    return Rendered(ref, markdown, day)


def _analysis(ref: DocumentRef, year: Year, paper: Paperwork, as_of: date) -> Rendered:
    analysis = year.analysis
    assert analysis is not None  # the catalog gives an analysis only for a year with one
    counted = count_figures(year, as_of)
    submitted = analysis.status is AnalysisStatus.SUBMITTED and analysis.figures is not None
    shown: Any = analysis.figures if submitted else counted
    differences = counted.compare(analysis.figures) if submitted and analysis.figures else []
    day = analysis.submitted or as_of
    markdown = paper.render(
        "analysis.md.j2",
        **_common(ref, year, paper, day),
        analysis=analysis,
        submitted=submitted,
        figures=figure_rows(shown),
        differences=differences,
        as_of=as_of,
    )
    return Rendered(ref, markdown, day)


def figure_rows(figures: Any) -> list[tuple[str, object]]:
    """(Russian title, value) of every figure, one row per direction of work."""
    rows: list[tuple[str, object]] = []
    for name, info in AnalysisFigures.model_fields.items():
        value = getattr(figures, name)
        if name == "by_direction":
            rows += [(f"Направление «{d.label}»", value.get(d, 0)) for d in Direction]
        else:
            rows.append((info.title or name, value))
    return rows


_RENDERERS: dict[str, Callable[[DocumentRef, Year, Paperwork, date], Rendered]] = {
    "protocol": _protocol,
    "extract": _extract,
    "register": _register,
    "invitation": _invitation,
    "plan": _plan,
    "journal": _journal,
    "analysis": _analysis,
}
