"""Import of an old Word protocol: a DRAFT meeting record an editor finishes.

The DOCX is read by pandoc (sandboxed), its lines read as a protocol (`recognise`), names
matched to people's records, and the result written through a template as
`records/associations/<id>/<year>/meetings/NN.yaml`: `status: held`, the protocol
`status: draft`. Every guess and every gap is marked `# ←` in the file and listed for the
editor; what was not recognised is kept in comments at the end. An existing file is never
overwritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from schemas import Person
from schemas.enums import MeetingFormat

from ..project import Project
from .docx_text import docx_lines
from .pandoc import PandocError
from .recognise import Protocol, deadline_of, read_protocol

TEMPLATE = "meeting-import.yaml.j2"
_FORMS = {"очно": MeetingFormat.IN_PERSON, "дистанционно": MeetingFormat.ONLINE}
_FORMS["смешанно"] = MeetingFormat.HYBRID
_SLUG = re.compile(r"[a-z0-9_]+(?:-[a-z0-9_]+)*")  # ids, vocabulary codes, ISO dates
_NAME_PATTERNS = (
    re.compile(r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s+([А-ЯЁ])\.\s*([А-ЯЁ])?\.?"),
    re.compile(r"([А-ЯЁ])\.\s*(?:([А-ЯЁ])\.)?\s*([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"),
    re.compile(r"([А-ЯЁ][а-яё]+)\s+([А-ЯЁ][а-яё]+)\s+([А-ЯЁ][а-яё]+(?:вич|вна|чна|ич)\w*)"),
)


class ImportProblem(Exception):
    """Why nothing was written; the message says what to do."""


@dataclass
class Imported:
    """The written file (root-relative) and what the editor must fill in or check."""

    path: str
    todo: list[str] = field(default_factory=list)

    def report(self) -> str:
        """What was written and what the editor must fill in or check (Russian)."""
        lines = [f"Записан черновик заседания: {self.path} (протокол — status: draft)."]
        if self.todo:
            lines.append("Заполните или проверьте (в файле отмечено «# ←»):")
            lines += [f"  - {item}" for item in self.todo]
        lines.append(
            "Сверьте запись с подписанным протоколом; нераспознанный текст — в комментариях "
            "в конце файла. После сверки поставьте status: signed и дату signed."
        )
        return "\n".join(lines)


def import_protocol(
    project: Project, source: Path, *, association: str, year: str, number: str | None = None
) -> Imported:
    """Write a draft meeting record from a Word protocol; never over an existing file."""
    year = year.replace("/", "-")
    folder = _meetings_folder(project.root, association, year)
    draft = _read(source)
    chosen = _number(folder, number, draft)
    path = folder / f"{chosen}.yaml"
    people = {r.place.id: r.model for r in project.of_kind("person") if isinstance(r.model, Person)}
    context = _Context(people, draft).build()
    text = (
        _environment()
        .get_template(TEMPLATE)
        .render(**context, source=source.name, today=date.today(), number=chosen)
    )
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ImportProblem(_EXISTS.format(path=path)) from None
    return Imported(path.relative_to(project.root).as_posix(), context["todo"])


def _meetings_folder(root: Path, association: str, year: str) -> Path:
    if not re.fullmatch(r"\d{4}-\d{4}", year) or int(year[5:]) != int(year[:4]) + 1:
        raise ImportProblem(f"«{year}» — не учебный год. Напишите, например, 2025-2026.")
    base = root / "records" / "associations" / association
    if not (base / "association.yaml").is_file():
        raise ImportProblem(
            f"объединения «{association}» нет: не найден файл {base / 'association.yaml'}. "
            "Укажите идентификатор папки объединения в records/associations."
        )
    folder = base / year / "meetings"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _read(source: Path) -> Protocol:
    try:
        data = source.read_bytes()
    except OSError as error:
        raise ImportProblem(f"файл {source} не читается: {error.strerror}.") from None
    try:
        return read_protocol(docx_lines(data))
    except (PandocError, ValueError) as error:
        raise ImportProblem(
            f"{source} не удалось прочитать как документ Word (DOCX): {error}. "
            "Откройте его в Word или LibreOffice и сохраните как «Документ Word (.docx)»."
        ) from None


def _number(folder: Path, given: str | None, draft: Protocol) -> str:
    if given is not None:
        if not re.fullmatch(r"\d{1,2}", given):
            raise ImportProblem(f"номер заседания «{given}» — не число. Напишите, например, 03.")
        return given.zfill(2)
    if draft.number is not None:
        return str(draft.number).zfill(2)
    taken = {int(p.stem) for p in folder.glob("[0-9][0-9].yaml")}
    return str(max(taken, default=0) + 1).zfill(2)


_EXISTS = (
    "файл {path} уже есть, и импорт его не перезаписывает. Укажите другой номер "
    "заседания (--number NN) или перенесите протокол в этот файл вручную."
)


# --- the record's content -------------------------------------------------------------


@dataclass
class _Context:
    people: dict[str, Person]
    draft: Protocol
    todo: list[str] = field(default_factory=list)

    def build(self) -> dict[str, Any]:
        draft = self.draft
        return {
            "day": draft.day,
            "time": draft.time,
            "place": self._place(),
            "form": self._form(),
            "topic": self._topic(),
            "chair": self._named(draft.chair, "председатель"),
            "secretary": self._named(draft.secretary, "секретарь"),
            "present": [self._person(text) for text in draft.present],
            "present_count": draft.present_count,
            "invited": [self._person(text) for text in draft.invited],
            "agenda": [self._item(n, item) for n, item in enumerate(draft.agenda, 1)],
            "recommendations": draft.recommendations,
            "leftovers": draft.leftovers,
            "todo": self._finish(),
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

    def _person(self, text: str) -> dict[str, Any]:
        return {"id": match_person(text, self.people), "text": text, "note": None}

    def _named(self, text: str | None, role: str) -> dict[str, Any]:
        found = self._person(text or "")
        if found["id"] is None:
            where = "protocol.chair" if role == "председатель" else "protocol.secretary"
            found["note"] = self._note(where, _unmatched(role, text))
        return found

    def _item(self, n: int, item: Any) -> dict[str, Any]:
        speaker = self._person(item.speaker or "")
        if speaker["id"] is None:
            speaker["note"] = self._note(
                f"вопрос {n}, speaker", _unmatched("докладчик", item.speaker)
            )
        if not item.question:
            self._note(f"вопрос {n}, question", "формулировка вопроса не найдена")
        if not item.summary:
            self._note(f"вопрос {n}, summary", "содержание доклада (СЛУШАЛИ) не найдено")
        discussion = [{**self._person(name), "summary": said} for name, said in item.discussion]
        if any(statement["id"] is None for statement in discussion):
            self._note(f"вопрос {n}, discussion", _STATEMENT)
        return {
            "question": item.question,
            "speaker": speaker,
            "summary": "\n\n".join(item.summary),
            "discussion": discussion,
            "decisions": [self._decision(n, d) for d in item.decisions],
        }

    def _decision(self, n: int, decision: Any) -> dict[str, Any]:
        executor = match_person(decision.who, self.people) if decision.who else None
        deadline = deadline_of(decision.when)
        result = {
            "number": decision.number,
            "text": decision.text,
            "executor": executor,
            "group": None if executor else (decision.who or "не указан в протоколе"),
            "deadline": deadline,
            "deadline_text": None if deadline else decision.when,
            "note": None,
        }
        if decision.who is None:
            result["note"] = self._note(f"решение {decision.number}", "исполнитель не указан")
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


# --- YAML output ----------------------------------------------------------------------


def _environment() -> jinja2.Environment:
    """YAML from a template: every printed value is quoted unless a filter made it safe."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(
            Path(__file__).resolve().parent.parent / "templates" / "documents"
        ),
        autoescape=False,
        finalize=_yaml_scalar,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(id=_identifier, comment=_comment, block=_block)
    return env


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
