"""Records named as readers know them: a label and a link, never a raw id.

Editors refer to records by id in free text («решение 2.2 заседания 2025-2026/03»,
«мероприятие master-class-2026-04») and rules' messages name them the same way. Pages show
each such reference as the record's label («заседания № 3 (2025/2026)», the event's title)
linked to its page; a token that is no known record is printed as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from generator.loading.project import Loaded, Project
from generator.rendering.textsafe import inline
from generator.russian import continued, ru_date, school_year_title
from schemas import (
    Consultation,
    ConsultationRequest,
    CouncilEvent,
    CouncilMaterial,
    Deficit,
    NormativeAct,
    Organization,
    PlanItem,
    Practice,
)
from schemas.enums import PlanItemStatus

# «заседания 2025-2026/02» (the word kept in its case) or a bare «2025-2026/02»; a slug id
# such as `master-class-2026-04`, after «мероприятие» or not. Not inside a path or an address.
_REFERENCE = re.compile(
    r"(?<![\w/.-])(?:(?P<meeting_word>заседани[а-яё]*\s+)?(?P<year>\d{4}-\d{4})/(?P<number>\d{1,2})"
    r"|(?P<event_word>мероприяти[ея]\s+)?(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)+))(?![\w/-]|\.\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Label:
    """How a record is shown: its label and, when it has one on this edition, its page."""

    text: str
    page: str | None = None


def meeting_label(ref: str) -> str:
    """`2025-2026/03` → «№ 3 (2025/2026)» (follows «заседание» in the reader's sentence)."""
    year, _, number = ref.partition("/")
    return f"№ {int(number)} ({school_year_title(year)})"


def meeting_page(association: str, ref: str) -> str:
    """Site path of a meeting given as `2025-2026/03`."""
    year, _, number = ref.partition("/")
    return f"associations/{association}/{year}/meetings/{int(number):02d}.md"


class Labels:
    """Labels of a project's records by id, for one edition (`shown` says what it carries)."""

    def __init__(
        self,
        project: Project,
        person: Callable[[str], str],
        org: Callable[[str], str],
        consultations_shown: bool,
        practice_shown: Callable[[Practice], bool],
    ) -> None:
        self.project = project
        self._person = person
        self._org = org
        self._consultations_shown = consultations_shown
        self._practice_shown = practice_shown
        self._by_id: dict[str, Label] | None = None
        self._by_path: dict[str, Loaded] | None = None

    def of(self, record_id: str) -> Label | None:
        """The label of the record with this id (people on this edition's terms), if known."""
        if self._by_id is None:
            self._by_id = self._collect()
        found = self._by_id.get(record_id)
        if found is None and self.project.get("person", record_id) is not None:
            return Label(self._person(record_id))
        return found

    def record(self, path: str) -> str:
        """What a record file is to a reader: «заседание № 2 (2025/2026)», «план работы»…"""
        if self._by_path is None:
            self._by_path = {record.path: record for record in self.project.records}
        record = self._by_path.get(path)
        if record is None:
            return "запись"
        place = record.place
        if place.kind == "meeting" and place.year:
            return f"заседание {meeting_label(f'{place.year}/{place.id}')}"
        label = self.of(place.id) if place.id else None
        year = f" ({school_year_title(place.year)})" if place.year else ""
        return label.text if label else f"{type(record.model).KIND_TITLE}{year}"

    def meeting(self, association: str | None, ref: str) -> Label:
        """A meeting given as `2025-2026/03`, linked when its record exists."""
        year, _, number = ref.partition("/")
        page = None
        if association and number.isdigit():
            padded = f"{int(number):02d}"
            if self.project.get("meeting", padded, f"{association}/{year}") is not None:
                page = meeting_page(association, ref)
        return Label(meeting_label(ref), page)

    def text(
        self, value: object, href: Callable[[str], str], association: str | None = None
    ) -> Markup:
        """Free text with every record reference made a label (and a link where there is a page)."""
        text = "" if value is None else str(value)
        parts: list[str] = []
        last = 0
        for match in _REFERENCE.finditer(text):
            label, word = self._label(match, association)
            if label is None:
                continue
            parts.append(inline(text[last : match.start()]))
            shown = inline(f"{word}{label.text}")
            parts.append(f"[{shown}]({href(label.page)})" if label.page else shown)
            last = match.end()
        parts.append(inline(text[last:]))
        return Markup("".join(parts))

    def _label(self, match: re.Match[str], association: str | None) -> tuple[Label | None, str]:
        if match["year"]:
            ref = f"{match['year']}/{match['number']}"
            return self.meeting(association, ref), match["meeting_word"] or "заседание "
        label = self.of(match["slug"])
        word = match["event_word"] or ""
        if label is None:
            return None, ""
        # «мероприятие master-class-2026-04» → the event's own title says what it is.
        return label, "" if word.strip().casefold() == "мероприятие" else word

    def _collect(self) -> dict[str, Label]:
        found: dict[str, Label] = {}
        for kind, make in self._makers().items():
            for record in self.project.of_kind(kind):
                label = make(record)
                if label is not None:
                    found.setdefault(record.place.id, label)
        return found

    def _makers(self) -> dict[str, Callable[[Loaded], Label | None]]:
        return {
            "event": _event,
            "material": _material,
            "practice": self._practice,
            "request": self._request,
            "consultation": self._consultation,
            "deficit": _deficit,
            "organization": self._organization,
            "normative": _normative,
        }

    def _organization(self, record: Loaded) -> Label | None:
        if not isinstance(record.model, Organization):
            return None
        page = f"organizations/index.md#org-{record.place.id}"
        return Label(self._org(record.place.id), page)

    def _practice(self, record: Loaded) -> Label | None:
        practice = record.model
        if not isinstance(practice, Practice):
            return None
        page = f"practices/{record.place.id}.md" if self._practice_shown(practice) else None
        return Label(f"«{practice.title}»", page)

    def _request(self, record: Loaded) -> Label | None:
        request = record.model
        if not isinstance(request, ConsultationRequest):
            return None
        page = _year_page(record, f"consultations.md#request-{record.place.id}")
        shown = page if self._consultations_shown else None
        return Label(f"запрос от {ru_date(request.received)}", shown)

    def _consultation(self, record: Loaded) -> Label | None:
        consultation = record.model
        if not isinstance(consultation, Consultation):
            return None
        page = _year_page(record, "consultations.md")
        shown = page if self._consultations_shown else None
        return Label(f"консультация {ru_date(consultation.date)}", shown)


def _year_page(record: Loaded, page: str) -> str:
    place = record.place
    return f"associations/{place.association}/{place.year}/{page}"


def _event(record: Loaded) -> Label | None:
    """«мастер-класс «Управленческая команда…»»: what the event was, then its title."""
    event = record.model
    if not isinstance(event, CouncilEvent):
        return None
    title = event.title if event.title.startswith("«") else f"«{event.title}»"
    return Label(f"{event.kind.label} {title}", f"council/events.md#{record.place.id}")


def _material(record: Loaded) -> Label | None:
    material = record.model
    if not isinstance(material, CouncilMaterial):
        return None
    return Label(f"«{material.title}»", f"council/materials.md#{record.place.id}")


def _deficit(record: Loaded) -> Label | None:
    deficit = record.model
    if not isinstance(deficit, Deficit):
        return None
    return Label(f"дефицит «{deficit.title}»", _year_page(record, "deficits.md"))


def act_name(act: NormativeAct) -> str:
    """«Указ Президента Российской Федерации от 07.05.2018 № 204»."""
    kind = act.kind.label
    return f"{kind[:1].upper()}{kind[1:]} от {ru_date(act.date)} № {act.number}"


def _normative(record: Loaded) -> Label | None:
    act = record.model
    if not isinstance(act, NormativeAct):
        return None
    return Label(act_name(act), f"normative/index.md#{record.place.id}")


def plan_mark(
    item: PlanItem, work: Callable[[list[str]], str], escape: Callable[[str], str]
) -> Markup:
    """What became of a plan item, beside its approved term: «выполнено (заседание № 4 …)»,
    «перенесено на 12.03.2026 (причина); выполнено (…)», «отменено (причина)»; empty while
    it stands as approved. `work` names what carried it out (already escaped for the output);
    `escape` makes the record's own words safe for it."""
    done = work(item.done_by) if item.done_by else ""
    reason = escape(continued(item.reason).rstrip(".")) if item.reason else ""
    if item.status is PlanItemStatus.CANCELLED:
        return Markup(f"отменено ({reason})")
    parts = []
    if item.status is PlanItemStatus.MOVED and item.moved_to is not None:
        parts.append(f"перенесено на {escape(ru_date(item.moved_to))} ({reason})")
    if done or item.status is PlanItemStatus.DONE:
        parts.append(f"выполнено ({done})" if done else "выполнено")
    return Markup("; ".join(parts))
