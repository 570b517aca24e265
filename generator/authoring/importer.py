"""Import of an old Word protocol (`import-docx`): a DRAFT meeting record an editor finishes.

The DOCX is read by pandoc (sandboxed), its lines read as a protocol (`recognise`), names
matched to people's records, and the result written through a template as
`records/associations/<id>/<year>/meetings/NN.yaml` (or to another file, `out`):
`status: held`, the protocol `status: draft`. Every guess and every gap is marked `# ←` in
the file and listed for the editor; names not found in records/people are kept as written;
what was not recognised is kept in comments at the end.

The draft is written only if it validates as a draft at its place in records — it is
checked first in a temporary copy of records/, so a failed import leaves nothing behind.
An existing file is never overwritten.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.authoring.docx_text import docx_lines
from generator.authoring.recognise import (
    Decision,
    Item,
    Protocol,
    deadline_of,
    looks_like_name,
    read_protocol,
)
from generator.authoring.scaffold import (
    ScaffoldError,
    YearScope,
    normalise_year,
    pick_association,
    rules_of,
)
from generator.authoring.scaffold import year_folders as _year_folders
from generator.checking.report import render
from generator.checking.validate import validate
from generator.checking.years import Year, collect_years
from generator.documents.context import TEMPLATES
from generator.documents.pandoc import PandocError
from generator.loading.diagnostics import Diagnostic
from generator.loading.project import Project, load_project
from generator.templating import template_environment
from schemas import Person, school_year_of
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


class ImportProblem(Exception):
    """Why nothing was written; the message says what to do."""

    exit_status = 1  # nothing usable in the document, or the draft does not validate


class WrongUsage(ImportProblem):
    """The command was asked for something it cannot do: wrong or missing options."""

    exit_status = 2


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


@dataclass
class Imported:
    """The written file and what the editor must fill in or check."""

    path: str  # root-relative for a record; as given for --out
    checked_as: str  # the records path the draft was validated at
    recognised: Recognised
    warnings: str = ""

    def report(self) -> str:
        """What was written and what the editor must fill in or check (Russian)."""
        lines = [f"Записан черновик заседания: {self.path} (протокол — status: draft)."]
        if self.path != self.checked_as:
            lines.append(
                f"Черновик проверен так, как если бы он лежал в {self.checked_as}; "
                "чтобы он стал записью, перенесите его туда."
            )
        lines += self.recognised.lines(written=True)
        lines.append(
            "Сверьте запись с подписанным протоколом. После сверки поставьте status: signed "
            "и дату signed."
        )
        if self.warnings:
            lines.append(self.warnings)
        lines.append("Запись проходит проверку (validate).")
        return "\n".join(lines)


class DraftInvalid(ImportProblem):
    """The draft would not validate: the validator's messages and what was recognised."""

    def __init__(self, relative: str, diagnostics: list[Diagnostic], recognised: Recognised):
        lines = [
            f"черновик не записан: он не проходит проверку как {relative}.",
            render("text", 1, diagnostics),
            *recognised.lines(written=False),
            "Исправьте документ или параметры (--year, --number) и запустите импорт снова.",
        ]
        super().__init__("\n".join(lines))
        self.diagnostics = diagnostics


def import_protocol(
    root: Path,
    source: Path,
    *,
    association: str | None = None,
    year: str | None = None,
    number: str | None = None,
    out: Path | None = None,
) -> Imported:
    """Write a draft meeting record from a Word protocol, only if it validates as a draft.

    Defaults: the only association; the school year of the protocol's date; the protocol's
    number or the next free one; the meeting's file in records unless `out` is given.
    """
    association = _association(root, association)
    chosen_year = _normalised_year(year)
    number = _given_number(number)
    if out is not None and out.exists():
        raise WrongUsage(_EXISTS.format(path=out))
    draft = _read(source)
    if not draft.usable():
        raise ImportProblem(_NOTHING.format(source=source))
    project, _problems = load_project(root)
    chosen_year = chosen_year or _year_of(root, project, association, draft)
    _require_year(root, association, chosen_year)
    folder = f"records/associations/{association}/{chosen_year}/meetings"
    relative = f"{folder}/{number or _number(root / folder, draft)}.yaml"
    target = out if out is not None else root / relative
    if target.exists():
        raise WrongUsage(_EXISTS.format(path=target))
    scope = _scope(project, association, chosen_year)
    text, recognised = _draft(project, scope, draft, source.name)
    diagnostics = _check(root, relative, text)
    if any(d.severity == "error" for d in diagnostics):
        raise DraftInvalid(relative, diagnostics, recognised)
    _write(target, text)
    shown = str(out) if out is not None else relative
    warnings = render("text", 1, diagnostics) if diagnostics else ""
    return Imported(shown, relative, recognised, warnings)


def _association(root: Path, wanted: str | None) -> str:
    if not (root / "records").is_dir():
        raise WrongUsage(
            f"в папке {root} нет папки records. Запустите команду из корня проекта или "
            "укажите его через --root."
        )
    try:
        chosen = pick_association(root, wanted)
    except ScaffoldError as error:
        raise WrongUsage(str(error)) from None
    base = root / "records" / "associations" / chosen
    if not (base / "association.yaml").is_file():
        raise WrongUsage(
            f"объединения «{chosen}» нет: не найден файл {base / 'association.yaml'}. "
            "Укажите идентификатор папки объединения в records/associations."
        )
    return chosen


def _normalised_year(given: str | None) -> str | None:
    if given is None:
        return None
    try:
        return normalise_year(given)
    except ScaffoldError as error:
        raise WrongUsage(str(error)) from None


def _given_number(given: str | None) -> str | None:
    if given is not None and not re.fullmatch(r"0?[1-9]|[1-9]\d", given.strip()):
        raise WrongUsage(
            f"номер заседания «{given}» — не число от 1 до 99. Напишите, например, 03."
        )
    return given.strip().zfill(2) if given is not None else None


def _year_of(root: Path, project: Project, association: str, draft: Protocol) -> str:
    """The school year of the protocol's date; a late-August protocol № 1 opens the next."""
    if draft.day is None:
        raise WrongUsage(
            "дата заседания в документе не найдена: укажите учебный год через --year, "
            "например --year 2025-2026."
        )
    year = school_year_of(draft.day)
    following = school_year_of(draft.day.replace(day=1, month=9))
    opening = rules_of(project).opening_window_from.in_year(draft.day.year)
    known = _year_folders(root, association)
    if draft.number == 1 and following != year and draft.day >= opening and following in known:
        return following
    return year


def _require_year(root: Path, association: str, year: str) -> None:
    known = _year_folders(root, association)
    if year not in known:
        raise WrongUsage(
            f"папки {year} учебного года (records/associations/{association}/{year}) нет. "
            "Укажите другой год через --year или начните год командой python -m generator "
            f"new year. Есть: {', '.join(known) or 'ни одного'}."
        )


def _scope(project: Project, association: str, year: str) -> YearScope:
    records = next(
        (y for y in collect_years(project) if (y.association, y.year) == (association, year)),
        Year(association, year),
    )
    return YearScope(project, association, year, date.today(), records)


def _read(source: Path) -> Protocol:
    try:
        data = source.read_bytes()
    except OSError as error:
        raise ImportProblem(f"файл {source} не читается: {error.strerror}.") from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(
            f"{source} — документ Word старого формата (.doc). Откройте его в Word или "
            "LibreOffice и сохраните как «Документ Word (.docx)»."
        )
    try:
        if not data.startswith(b"PK"):
            raise ValueError("это не архив DOCX")
        return read_protocol(docx_lines(data))
    except (PandocError, ValueError) as error:
        raise ImportProblem(
            f"{source} не удалось прочитать как документ Word (DOCX): {error}. "
            "Откройте его в Word или LibreOffice и сохраните как «Документ Word (.docx)»."
        ) from None


def _number(folder: Path, draft: Protocol) -> str:
    if draft.number is not None and draft.number > 0:
        return str(draft.number).zfill(2)
    taken = {int(p.stem) for p in folder.glob("[0-9][0-9].yaml")}
    return str(max(taken, default=0) + 1).zfill(2)


def _draft(
    project: Project, scope: YearScope, draft: Protocol, source_name: str
) -> tuple[str, Recognised]:
    people = {r.place.id: r.model for r in project.of_kind("person") if isinstance(r.model, Person)}
    context = _Context(people, draft, scope.leader, scope.secretary).build()
    text = (
        _environment()
        .get_template(TEMPLATE)
        .render(**context, source=source_name, today=date.today())
    )
    recognised = Recognised(context["todo"], context["unmatched"], list(draft.leftovers))
    return text, recognised


def _check(root: Path, relative: str, text: str) -> list[Diagnostic]:
    """The draft's problems at its place in records, found in a temporary copy of records/."""
    with tempfile.TemporaryDirectory(prefix="import-docx-") as temporary:
        copy = Path(temporary)
        shutil.copytree(root / "records", copy / "records")
        path = copy / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return validate(copy, relative).diagnostics


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise WrongUsage(_EXISTS.format(path=target)) from None


_EXISTS = (
    "файл {path} уже есть, и импорт его не перезаписывает. Укажите другой номер "
    "заседания (--number NN), другой файл (--out) или перенесите протокол в этот файл вручную."
)
_NOTHING = (
    "в {source} не найдено ничего похожего на протокол: ни даты, ни председателя, ни "
    "вопросов повестки, ни решений. Ничего не записано. Проверьте, тот ли это файл."
)


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
