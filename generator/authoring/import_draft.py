"""The draft meeting record of an imported protocol: its content and its YAML text.

`draft_meeting` turns a recognised protocol (`recognise`) into the context of the template
`meeting-import.yaml.j2` and renders it as YAML. Names are matched to people's records as
`names` reads them (the nominative, the names a person had on the day); a name that points to
no one becomes a drafted person record (`names.draft_person`: no consent, so nothing about
them is published by name) that the meeting refers to; a name that points to several people
is left for the editor. Nothing unknown is filled in with someone else: a chair, secretary
or speaker not found is marked `# ←`. `Recognised` is what the editor must fill in or check.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import jinja2
from markupsafe import Markup

from generator.authoring.decision_text import Decision, FollowMark
from generator.authoring.names import PersonName, candidates, draft_person, people_of
from generator.authoring.protocol_text import Mention, deadline_of, looks_like_name
from generator.authoring.recognise import Item, Protocol
from generator.authoring.scaffold import YearScope
from generator.documents.context import TEMPLATES
from generator.loading.project import Project
from generator.loading.yamlsafe import parse_yaml
from generator.templating import template_environment
from schemas import Meeting, Person, school_year_of
from schemas.enums import MeetingFormat

TEMPLATE = "meeting-import.yaml.j2"
PEOPLE = "records/people"
_FORMS = {"очно": MeetingFormat.IN_PERSON, "дистанционно": MeetingFormat.ONLINE}
_FORMS["смешанно"] = MeetingFormat.HYBRID
_SLUG = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+)*")  # ids, vocabulary codes, ISO dates
_LEFTOVERS_SHOWN = 30
QUESTION_PLACEHOLDER = "Впишите вопрос повестки"
SUMMARY_PLACEHOLDER = "Впишите, о чём доклад"


@dataclass
class Recognised:
    """What the editor must fill in or check, names not found, text not recognised, and
    the people's records drafted for the names not found."""

    todo: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)  # «records/people/x.yaml — Соколова Т. В. …»

    def lines(self, *, written: bool, people_written: bool | None = None) -> list[str]:
        """The lists in Russian, each with its heading; empty lists left out. The drafted
        people's records are written with a draft in records (`people_written` says
        otherwise for a draft written elsewhere with --out)."""
        people_written = written if people_written is None else people_written
        lines: list[str] = []
        if self.todo:
            mark = "в файле отмечено «# ←»" if written else "в черновике было бы отмечено «# ←»"
            lines.append(f"Заполните или проверьте ({mark}):")
            lines += [f"  - {item}" for item in self.todo]
        if self.people:
            made = "созданы" if people_written else "были бы созданы"
            lines.append(
                f"Людей нет в records/people — {made} черновики их записей (проверьте имя, "
                "отчество, должность и организацию; согласия на публикацию нет):"
            )
            lines += [f"  - {item}" for item in self.people]
        if self.unmatched:
            lines.append("Не найдены в records/people (записаны так, как в документе):")
            lines += [f"  - {item}" for item in self.unmatched]
        if self.leftovers:
            kept = " — сохранён в комментариях в конце файла" if written else ""
            lines.append(f"Не распознан текст документа{kept}:")
            lines += [f"  | {line}" for line in self.leftovers[:_LEFTOVERS_SHOWN]]
            if len(self.leftovers) > _LEFTOVERS_SHOWN:
                lines.append(f"  … и ещё строк: {len(self.leftovers) - _LEFTOVERS_SHOWN}")
        return lines


@dataclass
class Roster:
    """Whom an import can name: the project's people and those drafted so far. One roster
    for a whole run, so that a person named in several protocols is drafted once."""

    people: dict[str, Person]
    taken: set[str]  # ids in use, also by records/people files that failed to load
    drafted: dict[str, str] = field(default_factory=dict)  # id → the drafted record's YAML

    @classmethod
    def of(cls, project: Project) -> Roster:
        people = people_of(project)
        files = {
            path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            for path in project.files
            if path.startswith(f"{PEOPLE}/")
        }
        return cls(people, set(people) | files)

    def add(self, person_id: str, text: str) -> None:
        """A drafted record: matched by the next mention of the person."""
        data = parse_yaml(text)
        self.people[person_id] = Person.model_validate(data)
        self.taken.add(person_id)
        self.drafted[person_id] = text


@dataclass
class Draft:
    """The draft meeting record of one protocol and the people's records it needs."""

    text: str  # the meeting's YAML
    recognised: Recognised
    # root-relative path («records/people/sokolova-tv.yaml») → YAML of each drafted record
    # the meeting refers to: write them with it. A record drafted for an earlier protocol of
    # the same run is listed again by every later draft that refers to it.
    people_files: dict[str, str] = field(default_factory=dict)


def draft_meeting(
    project: Project,
    scope: YearScope,
    protocol: Protocol,
    source_name: str,
    roster: Roster | None = None,
    *,
    draft_people: bool = True,
) -> Draft:
    """The draft of a recognised protocol. Names not found become drafted people's records
    (of the association's supervising centre, until the editor says otherwise) unless
    `draft_people` is false; `roster` carries them on to the next protocol of a run."""
    roster = roster if roster is not None else Roster.of(project)
    association = scope.association_record
    organization = association.supervisor if association and draft_people else None
    day = protocol.day or scope.as_of
    held = _held_meetings(project, scope.association)
    context = _Context(roster, protocol, day, organization, source_name, held).build()
    text = (
        _environment()
        .get_template(TEMPLATE)
        .render(**context, source=source_name, today=scope.as_of)
    )
    used = context["drafted"]
    recognised = Recognised(
        context["todo"], context["unmatched"], list(protocol.leftovers), _used_lines(used)
    )
    files = {f"{PEOPLE}/{pid}.yaml": roster.drafted[pid] for pid in used}
    return Draft(text, recognised, files)


@dataclass(frozen=True)
class _Held:
    """An earlier meeting of the association, as a follow-up refers to it."""

    ref: str  # «2025-2026/05»
    number: int
    day: date
    decisions: frozenset[str]  # «1.1», «1.2»…


def _held_meetings(project: Project, association: str) -> list[_Held]:
    held = []
    for record in project.of_kind("meeting"):
        meeting = record.model
        place = record.place
        if not isinstance(meeting, Meeting) or place.association != association:
            continue
        agenda = meeting.protocol.agenda if meeting.protocol else []
        decisions = frozenset(
            f"{i}.{j}"
            for i, item in enumerate(agenda, 1)
            for j in range(1, len(item.decisions) + 1)
        )
        held.append(_Held(f"{place.year}/{place.id}", int(place.id), meeting.date, decisions))
    return sorted(held, key=lambda h: h.day)


def _used_lines(used: dict[str, str]) -> list[str]:
    return [f"{PEOPLE}/{pid}.yaml — {what}" for pid, what in used.items()]


# --- the record's content -------------------------------------------------------------


@dataclass
class _Context:
    roster: Roster
    draft: Protocol
    day: date  # the day names are matched on: the meeting's, else the import's
    organization: str | None  # of drafted people; None — no one is drafted
    source: str
    held: list[_Held]
    todo: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    drafted: dict[str, str] = field(default_factory=dict)  # drafted ids used → for the report

    def build(self) -> dict[str, Any]:
        draft = self.draft
        # The requisites first: they name people in the nominative, the likeliest right form
        # for a drafted record that later mentions in other cases then match.
        chair = self._required(draft.chair_name, draft.chair, "председатель", "protocol.chair")
        secretary = self._required(
            draft.secretary_name, draft.secretary, "секретарь", "protocol.secretary"
        )
        present = [self._listed(m, "присутствовал") for m in draft.present]
        invited = [self._listed(m, "приглашённый") for m in draft.invited]
        absent = [
            {**self._listed(m, "отсутствовал"), "reason": m.said or None} for m in draft.absent
        ]
        return {
            "day": draft.day,
            "time": draft.time,
            "place": self._place(),
            "form": self._form(),
            "topic": self._topic(),
            "chair": chair,
            "secretary": secretary,
            "present": present,
            "present_count": draft.present_count,
            "invited": invited,
            "absent": absent,
            "absent_count": draft.absent_count,
            "agenda": [self._item(n, item) for n, item in enumerate(draft.agenda, 1)],
            "recommendations": draft.recommendations,
            "follow_up": [self._follow(mark) for mark in draft.follow_up],
            "leftovers": draft.leftovers,
            "todo": self._finish(),
            "unmatched": self.unmatched,
            "drafted": self.drafted,
        }

    def _finish(self) -> list[str]:
        if self.draft.day is None:
            self.todo.insert(0, "date — дата заседания (в документе не найдена)")
        if not self.draft.agenda:
            self.todo.append("protocol.agenda — вопросы повестки дня (в документе не найдены)")
        return self.todo

    def _note(self, where: str, text: str) -> str:
        self.todo.append(f"{where} — {text}")
        return text

    def _place(self) -> dict[str, Any]:
        if self.draft.place:
            return {"value": self.draft.place, "note": None}
        if self.draft.city:
            return {"value": self.draft.city, "note": self._note("place", _CITY)}
        return {"value": None, "note": self._note("place", "место проведения не найдено")}

    def _form(self) -> dict[str, Any]:
        """As the protocol says it; else as its place tells; without a place, left out."""
        if self.draft.form in _FORMS:
            return {"value": _FORMS[self.draft.form].value, "note": None}
        if not self.draft.place:
            return {"value": None, "note": self._note("format", _FORM_MISSING)}
        if re.search(r"онлайн|дистанц|видеоконф|ВКС", self.draft.place, re.I):
            return {"value": MeetingFormat.ONLINE.value, "note": None}  # the place says so
        return {"value": MeetingFormat.IN_PERSON.value, "note": self._note("format", _FORM_GUESS)}

    def _follow(self, mark: FollowMark) -> dict[str, Any]:
        """A follow-up of an earlier decision, when its meeting is in records and has it;
        otherwise the line stays as a comment for the editor."""
        earlier = self._earlier(mark)
        where = f"контроль исполнения решения {mark.decision}"
        shown = {"decision": mark.decision, "status": mark.status, "note": mark.note}
        if earlier is None:
            why = self._note(where, f"заседание не найдено в records: «{mark.text}»")
            return {**shown, "meeting": None, "why": why, "text": mark.text}
        if mark.decision not in earlier.decisions:
            why = self._note(where, f"в протоколе {earlier.ref} нет решения {mark.decision}")
            return {**shown, "meeting": None, "why": why, "text": mark.text}
        return {**shown, "meeting": earlier.ref, "why": None, "text": mark.text}

    def _earlier(self, mark: FollowMark) -> _Held | None:
        """The meeting a mark names: by its date, by its number (in the school year written or
        this one), or «предыдущего заседания» — the last one before this meeting."""
        before = [h for h in self.held if h.day < self.day]
        if mark.day is not None:
            return next((h for h in before if h.day == mark.day), None)
        if mark.number is not None:
            year = mark.school_year or school_year_of(self.day)
            return next((h for h in before if h.ref == f"{year}/{mark.number:02d}"), None)
        previous = mark.previous or re.search(r"предыдущ\w+\s+заседани", mark.text, re.I)
        if previous and before:
            return before[-1]
        return None

    def _topic(self) -> dict[str, Any]:
        if self.draft.topic:
            return {"value": self.draft.topic, "note": None}
        first = next((item.question for item in self.draft.agenda if item.question), None)
        note = self._note("topic", _TOPIC_GUESS if first else "тема заседания не найдена")
        return {"value": first, "note": note}

    # --- people ---

    def _person(
        self, name: PersonName | None, text: str, role: str, title: str | None = None
    ) -> dict[str, Any]:
        """{"id", "text", "note"}: the one person the name points to, or a drafted record
        for a name that points to no one; no id for no name or for several people."""
        shown = {"id": None, "text": text, "note": None}
        if name is None:
            return shown
        found = candidates(name, self.roster.people, self.day)
        if len(found) > 1:
            self.unmatched.append(f"{role}: «{text}» — подходят: {', '.join(found)}")
            return {**shown, "note": _SEVERAL.format(name=name.short(), ids=", ".join(found))}
        if not found and self.organization is None:
            self.unmatched.append(f"{role}: «{text}»")
            return {**shown, "note": f"«{text}» не найден в records/people"}
        if not found:
            pid, record = draft_person(
                name,
                self.roster.taken,
                organization=self.organization or "",
                title=title,
                source=self.source,
            )
            self.roster.add(pid, record)
        else:
            pid = found[0]
        if pid not in self.roster.drafted:
            return {**shown, "id": pid}
        self.drafted.setdefault(pid, f"{name.short()} ({role}; в документе «{text}»)")
        return {**shown, "id": pid, "note": _DRAFTED.format(path=f"{PEOPLE}/{pid}.yaml", text=text)}

    def _required(
        self, name: PersonName | None, text: str | None, role: str, where: str
    ) -> dict[str, Any]:
        """A chair, secretary or speaker: when no one is found, marked — never a stand-in."""
        found = self._person(name, text or "", role)
        if found["id"] is None:
            note = found["note"] or _missing(role, text)
            found["note"] = self._note(where, f"{note}: укажите идентификатор человека")
        return found

    def _listed(self, mention: Mention, role: str) -> dict[str, Any]:
        """One of the present or the invited; the position written beside the name is the
        title of a drafted record (a list writes it in the nominative)."""
        return self._person(mention.name, mention.text, role, mention.position)

    def _item(self, n: int, item: Item) -> dict[str, Any]:
        text = ", ".join(t for t in (item.speaker, item.speaker_position) if t)
        # The position beside a speaker is mostly in the accusative («СЛУШАЛИ: Соколову
        # Т.В., заместителя директора»): no title for a drafted record; it stays in the comment.
        speaker = self._required(
            item.speaker_name, text or None, f"докладчик по вопросу {n}", f"вопрос {n}, speaker"
        )
        question, summary = item.question, "\n\n".join(item.summary)
        if not question:
            self._note(f"вопрос {n}, question", "формулировка вопроса не найдена")
        if not summary:
            self._note(f"вопрос {n}, summary", "содержание доклада (СЛУШАЛИ) не найдено")
        discussion = [self._statement(n, statement) for statement in item.discussion]
        if any(s["id"] is None for s in discussion):
            self._note(f"вопрос {n}, discussion", _STATEMENT)
        return {
            "question": question or QUESTION_PLACEHOLDER,
            "question_found": bool(question),
            "speaker": speaker,
            "summary": summary or SUMMARY_PLACEHOLDER,
            "summary_found": bool(summary),
            "discussion": discussion,
            "decisions": [self._decision(d) for d in item.decisions],
            "votes_text": item.votes_text,
        }

    def _statement(self, n: int, statement: Mention) -> dict[str, Any]:
        text = ", ".join(t for t in (statement.text, statement.position) if t)
        role = f"выступил по вопросу {n}"
        found = self._person(statement.name, text, role, statement.position)
        return {**found, "summary": statement.said.strip()}

    def _decision(self, decision: Decision) -> dict[str, Any]:
        where = f"решение {decision.number}"
        role = f"исполнитель решения {decision.number}"
        found = self._person(decision.who_name, decision.who or "", role)
        executor = found["id"]
        deadline = deadline_of(decision.when)
        note = found["note"]
        if decision.who is None:
            note = self._note(where, "исполнитель не указан")
        elif executor is None and (decision.who_name or looks_like_name(decision.who)):
            why = note or "в нём названо несколько человек"
            note = self._note(where, _GROUP.format(who=decision.who, why=why))
        return {
            "number": decision.number,
            "text": decision.text[:1].upper() + decision.text[1:],  # «РЕШИЛИ: принять…»
            "executor": executor,
            "group": None if executor else (decision.who or "не указан в протоколе"),
            "deadline": deadline,
            "deadline_text": None if deadline else decision.when,
            "votes": decision.votes,
            "note": note,
        }


def _missing(role: str, text: str | None) -> str:
    return f"в «{text}» не распознано имя" if text else f"{role} в документе не найден"


_CITY = "место проведения не указано, взят город из шапки протокола: уточните адрес"
_FORM_GUESS = "формат (очно или дистанционно) не указан и определён по месту проведения"
_FORM_MISSING = "формат (очно или дистанционно) в документе не указан"
_TOPIC_GUESS = "тема не указана в документе, взят первый вопрос повестки: уточните"
_STATEMENT = "не все выступившие найдены в records/people: их выступления — в комментариях"
_SEVERAL = "«{name}» — это может быть любой из: {ids}"
_DRAFTED = "в records/people не было: создан черновик {path} (в документе «{text}»), проверьте его"
_GROUP = (
    "исполнитель «{who}» записан как группа (executor_group): {why}; "
    "если это человек, укажите его идентификатор в executor"
)


# --- YAML output ----------------------------------------------------------------------


@functools.cache  # compiling the template takes longer than rendering a draft
def _environment() -> jinja2.Environment:
    """YAML from a template: every printed value is quoted unless a filter made it safe."""
    return template_environment(
        TEMPLATES, _yaml_scalar, id=_identifier, comment=_comment, block=_block
    )


def _yaml_scalar(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _identifier(value: object) -> Markup:
    """An id or an ISO date printed bare (it is checked to be one)."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not _SLUG.fullmatch(text):
        raise ValueError(f"not an identifier: {text!r}")
    return Markup(text)


def _comment(value: object) -> Markup:
    """Text for the rest of a comment line: one line."""
    return Markup(re.sub(r"\s+", " ", str(value or "")).strip())


def _block(value: object, indent: int) -> Markup:
    """Multi-line text as a YAML literal block; one line as a quoted string."""
    text = str(value or "").strip()
    if "\n" not in text:
        return Markup(json.dumps(text, ensure_ascii=False))
    pad = " " * indent
    lines = (f"{pad}{line}" if line.strip() else "" for line in text.splitlines())
    return Markup("|\n" + "\n".join(lines))
