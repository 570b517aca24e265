"""Which documents a school year's records give, with their stable names and titles.

`mpo-tula/2025-2026/protocol-03.docx`: the association, the school year, the kind, the
meeting's number (and for an extract the agenda item). The same records always give the same
names, so a page can link a document before it is exported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.checking.years import Year
from generator.rendering.publication import Publishing, plan_shown, protocol_shown
from generator.russian import school_year_title
from schemas import Meeting
from schemas.enums import MeetingStatus, ProtocolStatus

KINDS = ("protocol", "extract", "register", "invitation", "plan", "journal", "analysis", "control")
# Kinds printed on landscape pages (wide registers).
LANDSCAPE_KINDS = frozenset({"journal", "control"})
PUBLIC_KINDS = ("protocol", "plan")


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """One document: its kind, where it belongs and (for a meeting's documents) which."""

    kind: str
    association: str
    year: str
    number: str | None = None  # the meeting's number, as in its file name: "03"
    item: int | None = None  # an extract's agenda item, from 1

    @property
    def stem(self) -> str:
        """`protocol-03`, `extract-03-2`, `plan`."""
        parts = (self.kind, self.number, str(self.item) if self.item else None)
        return "-".join(part for part in parts if part)

    def path(self, fmt: str) -> str:
        """`mpo-tula/2025-2026/protocol-03.docx`: where export writes it, below its folder."""
        return f"{self.association}/{self.year}/{self.stem}.{fmt}"

    @property
    def title(self) -> str:
        """The Russian title a link or a summary shows."""
        number = int(self.number) if self.number else 0
        year = school_year_title(self.year)
        return {
            "protocol": f"Протокол № {number}",
            "extract": f"Выписка из протокола № {number} (вопрос {self.item})",
            "register": f"Лист регистрации (заседание № {number})",
            "invitation": f"Приглашение на заседание № {number}",
            "plan": f"План работы на {year} учебный год",
            "journal": f"Журнал консультаций за {year} учебный год",
            "analysis": f"Анализ работы за {year} учебный год",
            "control": f"Контроль исполнения решений за {year} учебный год",
        }[self.kind]


def year_documents(year: Year) -> list[DocumentRef]:
    """Every document the records of one association and school year give, in order."""
    refs = [ref for number, meeting in meetings(year) for ref in _meeting(year, number, meeting)]
    whole = (
        ("plan", year.plan is not None),
        ("journal", bool(year.consultations)),
        ("analysis", year.analysis is not None),
        ("control", any(_signed_decisions(m) for _r, m in year.meetings)),
    )
    refs += [DocumentRef(kind, year.association, year.year) for kind, present in whole if present]
    return sorted(refs, key=lambda ref: (KINDS.index(ref.kind), ref.number or "", ref.item or 0))


def _signed_decisions(meeting: Meeting) -> bool:
    """Whether the meeting has a signed protocol with decisions (the control sheet's matter)."""
    protocol = meeting.protocol
    return (
        protocol is not None
        and protocol.status is ProtocolStatus.SIGNED
        and any(item.decisions for item in protocol.agenda)
    )


def meeting_documents(year: Year, number: str) -> list[DocumentRef]:
    """The documents of one meeting of the year, in the order `year_documents` gives them.

    A meeting's page needs only these: building the whole year's list for each of its
    meetings would cost the year's documents once per meeting.
    """
    held = next((m for n, m in meetings(year) if n == number), None)
    return [] if held is None else list(_meeting(year, number, held))


def meetings(year: Year) -> Iterator[tuple[str, Meeting]]:
    """(number, meeting) of the year, by number."""
    for record, meeting in year.meetings:
        yield record.place.id, meeting


def meeting(year: Year, number: str | None) -> Meeting:
    """The meeting of the year with this number (it exists: the ref came from the year)."""
    return next(m for n, m in meetings(year) if n == number)


def _meeting(year: Year, number: str, meeting: Meeting) -> Iterator[DocumentRef]:
    def ref(kind: str, item: int | None = None) -> DocumentRef:
        return DocumentRef(kind, year.association, year.year, number, item)

    protocol = meeting.protocol
    if protocol is not None:
        yield ref("protocol")
        if protocol.status is ProtocolStatus.SIGNED:
            yield from (ref("extract", i) for i, a in enumerate(protocol.agenda, 1) if a.decisions)
    if meeting.status is not MeetingStatus.CANCELLED:
        yield ref("register")
        yield ref("invitation")


def shown(ref: DocumentRef, year: Year, publishing: Publishing) -> bool:
    """Whether a site edition may offer the document: the public one only signed protocols
    and approved plans (as of its date); the internal one everything."""
    if publishing.internal:
        return True
    if ref.kind == "protocol":
        return protocol_shown(meeting(year, ref.number), publishing) is not None
    if ref.kind == "plan":
        return year.plan is not None and plan_shown(year.plan, publishing)
    return False
