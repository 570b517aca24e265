"""The draft meeting record of an imported protocol: its content and its YAML text.

`_draft` turns a recognised protocol (`recognise`) into the context of the template
`meeting-import.yaml.j2` — names matched to people's records (`match_person`), guesses and
gaps marked for the editor — and renders it as YAML; `Recognised` is what the editor must
fill in or check, the names not found and the text not recognised.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import jinja2
from markupsafe import Markup

from generator.authoring.recognise import (
    Decision,
    Item,
    Protocol,
    deadline_of,
    looks_like_name,
)
from generator.authoring.scaffold import YearScope
from generator.documents.context import TEMPLATES
from generator.loading.project import Project
from generator.templating import template_environment
from schemas import Person
from schemas.enums import MeetingFormat

TEMPLATE = "meeting-import.yaml.j2"
_FORMS = {"очно": MeetingFormat.IN_PERSON, "дистанционно": MeetingFormat.ONLINE}
_FORMS["смешанно"] = MeetingFormat.HYBRID
_SLUG = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+)*")  # ids, vocabulary codes, ISO dates
_NAME_PATTERNS = (
    re.compile(r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s+([А-ЯЁ])\.\s*([А-ЯЁ])?\.?"),
    re.compile(r"([А-ЯЁ])\.\s*(?:([А-ЯЁ])\.)?\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"),
    re.compile(r"([А-ЯЁ][а-яё]+)\s+([А-ЯЁ][а-яё]+)\s+([А-ЯЁ][а-яё]+(?:вич|вна|чна|ич)\w*)"),
)
_LEFTOVERS_SHOWN = 30
QUESTION_PLACEHOLDER = "Впишите вопрос повестки"
SUMMARY_PLACEHOLDER = "Впишите, о чём доклад"


@dataclass
class Recognised:
    """What the editor must fill in or check, names not found, text not recognised."""

    todo: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)

    def lines(self, *, written: bool) -> list[str]:
        """The three lists in Russian, each with its heading; empty lists left out."""
        lines: list[str] = []
        if self.todo:
            mark = "в файле отмечено «# ←»" if written else "в черновике было бы отмечено «# ←»"
            lines.append(f"Заполните или проверьте ({mark}):")
            lines += [f"  - {item}" for item in self.todo]
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


def _draft(
    project: Project, scope: YearScope, draft: Protocol, source_name: str
) -> tuple[str, Recognised]:
    people = {r.place.id: r.model for r in project.of_kind("person") if isinstance(r.model, Person)}
    context = _Context(people, draft, scope.leader, scope.secretary).build()
    text = (
        _environment()
        .get_template(TEMPLATE)
        .render(**context, source=source_name, today=scope.as_of)
    )
    recognised = Recognised(context["todo"], context["unmatched"], list(draft.leftovers))
    return text, recognised


# --- the record's content -------------------------------------------------------------


@dataclass(frozen=True)
class _Role:
    name: str  # «председатель»
    where: str  # the field, for the editor's list
    listed: str = ""  # how the list of names not found calls it, when not by `name`


@dataclass
class _Context:
    people: dict[str, Person]
    draft: Protocol
    leader: str | None  # the year's leader (or the curator): the chair when none is found
    secretary: str | None  # the year's secretary
    todo: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def build(self) -> dict[str, Any]:
        draft = self.draft
        chair = self._named(draft.chair, _Role("председатель", "protocol.chair"), self.leader)
        secretary = self._named(
            draft.secretary, _Role("секретарь", "protocol.secretary"), self.secretary
        )
        return {
            "day": draft.day,
            "time": draft.time,
            "place": self._place(),
            "form": self._form(),
            "topic": self._topic(),
            "chair": chair,
            "secretary": secretary,
            "present": [self._listed(text, "присутствовал") for text in draft.present],
            "present_count": draft.present_count,
            "invited": [self._listed(text, "приглашённый") for text in draft.invited],
            "agenda": [self._item(n, item, chair["id"]) for n, item in enumerate(draft.agenda, 1)],
            "recommendations": draft.recommendations,
            "leftovers": draft.leftovers,
            "todo": self._finish(),
            "unmatched": self.unmatched,
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
        if self.draft.form in _FORMS:
            return {"value": _FORMS[self.draft.form].value, "note": None}
        online = re.search(r"онлайн|дистанц|видеоконф|ВКС", self.draft.place or "", re.I)
        form = MeetingFormat.ONLINE if online else MeetingFormat.IN_PERSON
        return {"value": form.value, "note": self._note("format", _FORM_GUESS)}

    def _topic(self) -> dict[str, Any]:
        if self.draft.topic:
            return {"value": self.draft.topic, "note": None}
        first = next((item.question for item in self.draft.agenda if item.question), None)
        note = self._note("topic", _TOPIC_GUESS if first else "тема заседания не найдена")
        return {"value": first, "note": note}

    def _person(self, text: str | None) -> dict[str, Any]:
        return {"id": match_person(text, self.people), "text": text or "", "note": None}

    def _listed(self, text: str, role: str) -> dict[str, Any]:
        """One of the present or the invited; not found — kept as written and listed."""
        found = self._person(text)
        if found["id"] is None and looks_like_name(text):
            self.unmatched.append(f"{role}: «{text}»")
        return found

    def _named(self, text: str | None, role: _Role, fallback: str | None) -> dict[str, Any]:
        """A required person: when not found, a stand-in (the year's leader…), marked."""
        found = self._person(text)
        if found["id"] is not None:
            return found
        if text:
            self.unmatched.append(f"{role.listed or role.name}: «{text}»")
        found["id"] = fallback
        note = _unmatched(role.name, text)
        if fallback:
            note += f"; пока указан {_STAND_IN[role.name]} ({fallback})"
        found["note"] = self._note(role.where, note)
        return found

    def _item(self, n: int, item: Item, chair: str | None) -> dict[str, Any]:
        role = _Role("докладчик", f"вопрос {n}, speaker", f"докладчик по вопросу {n}")
        speaker = self._named(item.speaker, role, chair)
        question, summary = item.question, "\n\n".join(item.summary)
        if not question:
            self._note(f"вопрос {n}, question", "формулировка вопроса не найдена")
        if not summary:
            self._note(f"вопрос {n}, summary", "содержание доклада (СЛУШАЛИ) не найдено")
        discussion = [{**self._person(name), "summary": said} for name, said in item.discussion]
        missing = [s["text"] for s in discussion if s["id"] is None]
        if missing:
            self._note(f"вопрос {n}, discussion", _STATEMENT)
            self.unmatched += [f"выступил по вопросу {n}: «{text}»" for text in missing]
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

    def _decision(self, decision: Decision) -> dict[str, Any]:
        executor = match_person(decision.who, self.people) if decision.who else None
        deadline = deadline_of(decision.when)
        result = {
            "number": decision.number,
            "text": decision.text,
            "executor": executor,
            "group": None if executor else (decision.who or "не указан в протоколе"),
            "deadline": deadline,
            "deadline_text": None if deadline else decision.when,
            "votes": decision.votes,
            "note": None,
        }
        where = f"решение {decision.number}"
        if decision.who is None:
            result["note"] = self._note(where, "исполнитель не указан")
        elif executor is None and looks_like_name(decision.who):
            self.unmatched.append(f"исполнитель решения {decision.number}: «{decision.who}»")
            result["note"] = self._note(where, _GROUP.format(who=decision.who))
        return result


def match_person(text: str | None, people: dict[str, Person]) -> str | None:
    """The id of the one person a written name («Маркину О.В.», «Е. П. Волкова») points to."""
    found = sorted(
        (match.start(), pattern_index, match.groups())
        for pattern_index, pattern in enumerate(_NAME_PATTERNS)
        for match in pattern.finditer(text or "")
    )
    for _start, kind, groups in found:
        surname, name, patronymic = _parts(kind, groups)
        ids = [pid for pid, p in people.items() if _same(p, surname, name, patronymic)]
        if len(ids) == 1:
            return ids[0]
    return None


def _parts(kind: int, groups: tuple[str | Any, ...]) -> tuple[str, str, str | None]:
    if kind == 0:
        return groups[0], groups[1], groups[2]
    if kind == 1:
        return groups[2], groups[0], groups[1]
    return groups[0], groups[1][0], groups[2][0]


def _same(person: Person, surname: str, name: str, patronymic: str | None) -> bool:
    if person.name[0] != name or (patronymic and (person.patronymic or " ")[0] != patronymic):
        return False
    recorded, written = (s.lower().replace("ё", "е") for s in (person.surname, surname))
    stem = recorded[:-2] if len(recorded) > 4 else recorded
    return recorded == written or (
        written.startswith(stem) and abs(len(written) - len(recorded)) <= 2
    )


def _unmatched(role: str, text: str | None) -> str:
    if not text:
        return f"{role} в документе не найден: укажите идентификатор человека"
    return f"{role} «{text}» не найден в records/people: укажите идентификатор человека"


_CITY = "место проведения не указано, взят город из шапки протокола: уточните адрес"
_FORM_GUESS = "формат (очно или дистанционно) не указан и определён по месту проведения"
_TOPIC_GUESS = "тема не указана в документе, взят первый вопрос повестки: уточните"
_STATEMENT = "не все выступившие найдены в records/people: их выступления — в комментариях"
_STAND_IN = {
    "председатель": "руководитель объединения",
    "секретарь": "секретарь из состава объединения на год",
    "докладчик": "председатель",
}
_GROUP = (
    "исполнитель «{who}» не найден в records/people и записан как группа (executor_group): "
    "если это человек, укажите его идентификатор в executor"
)


# --- YAML output ----------------------------------------------------------------------


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
