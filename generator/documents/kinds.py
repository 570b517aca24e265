"""Each kind of document rendered from its records through its template (Markdown for pandoc).

The functions here only gather what a template prints; the text of every document is in
`generator/templates/documents/*.md.j2`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from generator.checking.competences import shift_rows
from generator.checking.decisions import association_meetings
from generator.checking.figures import count_figures, frozen_shifts
from generator.checking.workdays import is_working_day
from generator.checking.years import Year
from generator.documents.catalog import DocumentRef, meeting
from generator.documents.context import Paperwork
from generator.documents.control import open_decisions
from generator.documents.escape import Block, inline, narrative
from generator.rendering import focus
from generator.rendering.labels import meeting_label, plan_mark
from generator.russian import school_year_title
from schemas import AnalysisFigures, Association, CouncilEvent, Meeting
from schemas.association import Approval
from schemas.enums import AnalysisStatus, Direction, MeetingFormat, MeetingStatus, ProtocolStatus
from schemas.meeting import Attachment

LONG_PRESENT_LIST = 12  # more present than this: a count and «список прилагается»
BLANK_REGISTER_ROWS = 3  # rows left for those who come unannounced
REPLY_WORKING_DAYS = 3  # an invitation asks to confirm this many working days before
BY_HAND = "_" * 16  # a line to fill by hand where a draft from Word names nobody (a chair…)
# A record's own attachment that is the attendance sheet (a scan of the signed register).
_ATTENDANCE_TITLE = re.compile(r"лист\w* регистрац|список (?:участник|присутств)", re.IGNORECASE)


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
        "by_hand": BY_HAND,
        "centre": paper.centre(day, ref.association),
        "association": association
        or Association.model_construct(name=ref.association, short_name=ref.association),
        "year_title": school_year_title(ref.year),
        "membership": year.membership,
    }


def _meeting_data(ref: DocumentRef, year: Year, paper: Paperwork) -> dict[str, Any]:
    held = meeting(year, ref.number)
    protocol = held.protocol
    present = list(dict.fromkeys(protocol.present)) if protocol else []
    total = max(protocol.present_count or 0, len(present)) if protocol else 0
    absent = max(protocol.absent_count or 0, len(protocol.absent)) if protocol else 0
    attendance = _attendance(present, total)
    attachments, attendance_number = _attachments(held, attendance)
    return {
        **_common(ref, year, paper, held.date),
        "number": int(ref.number or 0),
        "meeting": held,
        "on": _held_on(held),
        "online": held.format is MeetingFormat.ONLINE,
        "protocol": protocol,
        "present_total": total,
        "absent_total": absent,
        "attendance": attendance,
        "attachments": attachments,
        "attendance_number": attendance_number,
    }


def _held_on(held: Meeting) -> date:
    """The day the meeting is held: the new date of a postponed one."""
    if held.status is MeetingStatus.POSTPONED and held.new_date:
        return held.new_date
    return held.date


def _attendance(present: list[str], total: int) -> str:
    """How a protocol gives who was present: "inline" — every name in its text (a short list);
    "list" — a count, the list appended to the protocol (every name known, a long list);
    "register" — a count, the register attached (not every name is known); "" — nobody."""
    if not total:
        return ""
    if total > len(present):
        return "register"
    return "inline" if total <= LONG_PRESENT_LIST else "list"


def _attachments(held: Meeting, attendance: str) -> tuple[list[Attachment | None], int]:
    """The protocol's attachments, numbered from 1, and the number of the attendance sheet.

    The attendance sheet — the register, the online meeting's list of participants or the
    list appended to the protocol — comes first (None in the list: the template names it),
    unless the record already attaches it (a scan of the signed register)."""
    own = list(held.protocol.attachments) if held.protocol else []
    scanned = next((i for i, a in enumerate(own, 1) if _ATTENDANCE_TITLE.search(a.title)), None)
    if scanned is not None:
        return list(own), scanned
    return ([None] if attendance else []) + list(own), 1


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
    membership = year.membership
    certifier = (membership.secretary if membership else None) or protocol.secretary
    markdown = paper.render("extract.md.j2", **data, items=items, certifier=certifier)
    return Rendered(ref, markdown, protocol.signed or data["meeting"].date)


def _register(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    """The register to sign in at a meeting; for an online meeting, the list of participants
    the secretary draws up (no signatures). One numbered row at least for each present."""
    data = _meeting_data(ref, year, paper)
    held: Meeting = data["meeting"]
    protocol = held.protocol
    present = list(dict.fromkeys(protocol.present)) if protocol else []
    if data["online"] and present:
        people = list(dict.fromkeys([*present, *_invited(held)]))
    else:
        people = _expected(year, held)
    people = paper.alphabetical(people, data["day"])
    unnamed = max(0, data["present_total"] - len(present))  # present, but not in the records
    first = len(people) + 1
    blank = range(first, first + unnamed + BLANK_REGISTER_ROWS)
    markdown = paper.render("register.md.j2", **data, people=people, blank=blank)
    return Rendered(ref, markdown, data["on"])


def _expected(year: Year, held: Meeting) -> list[str]:
    """Who is expected to sign in: the year's participants on the meeting's day (not those who
    joined later or had left), those present, the invited."""
    protocol = held.protocol
    members = year.membership.participants if year.membership else []
    people = [p.person for p in members if p.member_on(held.date)]
    if protocol is not None:
        chairs = [p for p in (protocol.chair, protocol.secretary) if p]  # a draft may lack them
        people += [*chairs, *protocol.present, *_invited(held)]
    return list(dict.fromkeys(people))


def _invited(held: Meeting) -> list[str]:
    protocol = held.protocol
    return [i.person for i in protocol.invited if i.person] if protocol else []


def _invitation(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    """A letter of the centre: its requisites, the meeting, a day to reply by, the link to
    join an online meeting, the leader's signature and the executor with a phone."""
    data = _meeting_data(ref, year, paper)
    membership = year.membership
    leader = membership.leader.person if membership and membership.leader else None
    executor = (membership.secretary if membership else None) or leader
    person = paper.people.get(executor or "")
    contacts = person.contacts if person else None
    centre = paper.centre_record(ref.association)
    markdown = paper.render(
        "invitation.md.j2",
        **data,
        leader=leader,
        secretary=membership.secretary if membership else None,
        executor=executor,
        phone=(contacts and contacts.phone) or (centre and centre.phone),
        email=contacts and contacts.email,
        requisites=centre,
        reply_by=working_days_before(data["on"], REPLY_WORKING_DAYS),
    )
    return Rendered(ref, markdown, data["on"])


def working_days_before(day: date, count: int) -> date:
    """The working day `count` working days before `day` (which itself is not counted)."""
    left = count
    while left > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def _plan(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    plan = year.plan
    assert plan is not None  # the catalog gives a plan document only for a year with a plan
    day = plan.approval.date if plan.approval else year.bounds[0]
    membership = year.membership
    leader = membership.leader.person if membership and membership.leader else None

    def works(refs: list[str]) -> str:
        return inline("; ".join(_work(paper, year.year, ref) for ref in refs))

    markdown = paper.render(
        "plan.md.j2", **_common(ref, year, paper, day), plan=plan, order=order_number,
        leader=leader, mark=lambda item: plan_mark(item, works, inline),
    )  # fmt: skip
    return Rendered(ref, markdown, day)


def _work(paper: Paperwork, plan_year: str, ref: str) -> str:
    """What carried out a plan item, as the plan's mark says it: «заседание № 4» (of the plan's
    year; another year's with the year), «вебинар «…»»."""
    meeting_year, _, number = ref.partition("/")
    if number:
        return (
            f"заседание № {int(number)}"
            if meeting_year == plan_year
            else f"заседание {meeting_label(ref)}"
        )
    found = paper.project.get("event", ref)
    if found is None or not isinstance(found.model, CouncilEvent):
        return ref
    title = found.model.title
    return f"{found.model.kind.label} {title if title.startswith('«') else f'«{title}»'}"


def order_number(approval: Approval | None) -> str | None:
    """The number of the centre's order that approved a plan (None: no order)."""
    return approval.order() if approval else None


def _journal(ref: DocumentRef, year: Year, paper: Paperwork, _as_of: date) -> Rendered:
    consultations = sorted((c for _r, c in year.consultations), key=lambda c: c.date)
    requests = {record.place.id: request for record, request in year.requests}
    day = consultations[-1].date if consultations else year.bounds[0]
    markdown = paper.render(
        "journal.md.j2",
        **_common(ref, year, paper, day),
        consultations=consultations,
        requests=requests,
        focus_label=lambda codes: focus.label(codes, paper.settings),
        focus_groups=focus.grouped(consultations, paper.settings),
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
    membership = year.membership
    first = 4 if analysis.results else 3  # 1. Общие сведения, 2. Показатели, 3. Результаты
    markdown = paper.render(
        "analysis.md.j2",
        **_common(ref, year, paper, day),
        analysis=analysis,
        submitted=submitted,
        figures=figure_rows(shown),
        shifts=shift_rows(year, frozen_shifts(analysis)),
        differences=differences,
        as_of=as_of,
        plan=year.plan,
        order=order_number,
        leader=membership.leader.person if membership and membership.leader else None,
        sections=numbered_sections(narrative(analysis.body), first),
    )
    return Rendered(ref, markdown, day)


def numbered_sections(blocks: list[Block], first: int) -> list[tuple[Block | None, str]]:
    """The narrative's blocks, each heading with its section number («4.», «4.1.»): its
    top headings continue the document's numbered sections from `first`, the next level is
    numbered within them, deeper ones are not. Text before the first heading gets a section
    of its own (None: the template names it)."""
    numbered: list[tuple[Block | None, str]] = []
    section, sub = first - 1, 0
    if blocks and blocks[0].kind != "heading":
        section += 1
        numbered.append((None, f"{section}."))
    for block in blocks:
        label = ""
        if block.kind == "heading" and block.level == 2:
            section, sub = section + 1, 0
            label = f"{section}."
        elif block.kind == "heading" and block.level == 3 and section >= first:
            sub += 1
            label = f"{section}.{sub}."
        numbered.append((block, label))
    return numbered


def _control(ref: DocumentRef, year: Year, paper: Paperwork, as_of: date) -> Rendered:
    others = (
        (key, held)
        for key, held in association_meetings(paper.project, ref.association)
        if not key.startswith(f"{year.year}/")
    )
    membership = year.membership
    leader = membership.leader.person if membership and membership.leader else None
    markdown = paper.render(
        "control.md.j2",
        **_common(ref, year, paper, as_of),
        decisions=open_decisions(year, as_of, others),
        leader=leader,
    )
    return Rendered(ref, markdown, as_of)


def figure_rows(figures: Any) -> list[tuple[str, object]]:
    """(Russian title, value) of every figure, one row per direction of work."""
    rows: list[tuple[str, object]] = []
    for name, info in AnalysisFigures.model_fields.items():
        value = getattr(figures, name)
        if name == "by_direction":
            rows += [(f"Направление «{d.label}»", value.get(d, 0)) for d in Direction]
        elif name == "competences":
            continue  # «было → стало» is a table of its own (`shifts`)
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
    "control": _control,
}
