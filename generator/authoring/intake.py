"""`intake`: the body of a «Запрос на консультацию» issue turned into a request record.

GitHub and Forgejo render an issue form as Markdown: each field's label as a `### ` heading,
then the answer; an empty answer is «_No response_». `FORM_FIELDS` is the one list of the
labels expected (the form `.github/ISSUE_TEMPLATE/consultation-request.yml` is checked against
it by a test). Answers may be ids, names (people, schools) or Russian labels of the vocabularies.

Only the form's fields reach the record: a section the form does not have (a phone number added
under its own heading, text above the first heading) is left out, and the report names it so
that it can be removed from the issue too — personal data beyond what the record needs.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.authoring.scaffold import (
    Changes,
    ScaffoldError,
    Written,
    load,
    pick_association,
    pick_year,
    render,
    year_folders,
)
from generator.loading.messages import explain
from generator.loading.project import Project
from generator.russian import ru_date, school_year_title
from schemas import Choice, ConsultationRequest, Organization, Person, school_year_of
from schemas.enums import Direction, RequestChannel, RequestStatus


@dataclass(frozen=True, slots=True)
class FormField:
    label: str  # the form's label: the `### ` heading in the issue body
    field: str  # the ConsultationRequest field it fills
    required: bool


FORM_FIELDS: tuple[FormField, ...] = (
    FormField("Дата получения", "received", True),
    FormField("Заявитель", "requester", True),
    FormField("Организация", "organization", True),
    FormField("Канал", "channel", True),
    FormField("Тема запроса", "topic", True),
    FormField("Направление", "direction", True),
    FormField("Связанный дефицит", "deficit", False),
    FormField("Ответственный", "assignee", False),
    FormField("Срок ответа", "due", False),
)
FORM_LABELS: dict[str, str] = {f.label: f.field for f in FORM_FIELDS}
NO_RESPONSE = "_No response_"

_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_RU = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CHOICES: dict[str, type[Choice]] = {"channel": RequestChannel, "direction": Direction}


def parse_issue(body: str) -> dict[str, str]:
    """Answers of the form by field name: the text under each known `### label` heading."""
    answers: dict[str, str] = {}
    for heading, text in _sections(body):
        name = None if heading is None else _field_of(heading)
        if name is not None:
            answers[name] = text
    return answers


def dropped_sections(body: str) -> list[str]:
    """Headings of the non-empty sections that are not the form's: their text stays out of the
    record. Text above the first heading is named «текст до первого заголовка»."""
    form = set(FORM_LABELS.values())
    return [
        f"«{heading}»" if heading is not None else "текст до первого заголовка"
        for heading, text in _sections(body)
        if text and (heading is None or _field_of(heading) not in form)
    ]


def _sections(body: str) -> list[tuple[str | None, str]]:
    """(heading, answer) of each `### ` section in order; the text before the first heading
    comes under None."""
    sections: list[tuple[str | None, str]] = []
    heading: str | None = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").split("\n"):
        match = _HEADING.match(line)
        if match is None:
            lines.append(line)
            continue
        sections.append((heading, _answer(lines)))
        heading, lines = match[1], []
    sections.append((heading, _answer(lines)))
    return sections


def _field_of(heading: str) -> str | None:
    """The request field a heading names: a form label or a field's Russian title."""
    title = _key(heading)
    by_label = {_key(label): name for label, name in FORM_LABELS.items()}
    if title in by_label:
        return by_label[title]
    by_title = {
        _key(info.title or ""): name for name, info in ConsultationRequest.model_fields.items()
    }
    return by_title.get(title)


def _answer(lines: list[str]) -> str:
    text = re.sub(r"<!--.*?-->", "", "\n".join(lines), flags=re.DOTALL).strip()
    return "" if text == NO_RESPONSE else text


def _key(text: str) -> str:
    """Text compared loosely: case, «ё», spaces, dots and quotes do not matter."""
    return re.sub(r"[\s.«»\"'“”„`*:]", "", text.casefold().replace("ё", "е"))


def intake(
    root: Path,
    body: str,
    *,
    association: str | None = None,
    out: Path | None = None,
) -> Written:
    """Write the request the issue body describes, or explain in Russian what is missing."""
    project = load(root)
    answers = parse_issue(body)
    dropped = _dropped_note(body)
    errors: list[str] = []
    values: dict[str, Any] = {}
    for form_field in FORM_FIELDS:
        raw = answers.get(form_field.field, "").strip("` \n")
        if not raw:
            if form_field.required:
                errors.append(_missing(form_field))
            continue
        value = _value(project, form_field, raw, errors)
        if value is not None:
            values[form_field.field] = value
    received = values.get("received")
    chosen = pick_association(root, association)
    year = None
    if isinstance(received, date):
        year = _year(root, project, chosen, received, errors)
    deficit = values.get("deficit")
    if (
        deficit is not None
        and year is not None
        and not project.exists("deficit", deficit, f"{chosen}/{year}")
    ):
        errors.append(
            f"«{_label('deficit')}»: дефицита «{deficit}» нет в {school_year_title(year)} учебном году "
            f"(records/associations/{chosen}/{year}/deficits). Укажите идентификатор дефицита "
            "этого года или оставьте поле пустым."
        )
    if errors or year is None:
        raise ScaffoldError(_refusal(errors))
    values["status"] = RequestStatus.RECEIVED.value
    try:
        request = ConsultationRequest.model_validate(values)
    except ValidationError as error:
        problems = [
            explain(e, ConsultationRequest, values) for e in error.errors(include_url=False)
        ]
        raise ScaffoldError(
            _refusal([f"«{_label(str(p.loc[0]))}»: {p.message}" for p in problems])
        ) from None
    text = render(
        "request.yaml.j2",
        request=request,
        deficit=request.deficit,
        dropped_deficit=None,
        note=None,
        origin=None,
        latest=year,
    )
    record_id = f"{request.received.isoformat()}-{request.organization}"
    relative = f"records/associations/{chosen}/{year}/requests/{record_id}.yaml"
    title = f"запрос {record_id} от {ru_date(request.received)}"
    if out is not None:
        inside = _inside(root, out)
        if inside is None:
            _write_outside(out, text)
            moved = f"Файл записан вне проекта: его место в записях — {relative}."
            return Written(title, [str(out)], [], [moved, *dropped], in_records=False)
        relative = inside
    changes = Changes(root)
    changes.create(relative, text)
    return changes.finish(title, [*dropped, _answered_note(relative)])


def _dropped_note(body: str) -> list[str]:
    dropped = dropped_sections(body)
    if not dropped:
        return []
    return [
        f"Не перенесено в запись (в записи запроса для этого нет поля): {', '.join(dropped)}. "
        "Если там персональные данные, удалите их и из описания задачи (issue)."
    ]


def _label(field: str) -> str:
    return next((f.label for f in FORM_FIELDS if f.field == field), field)


def _missing(form_field: FormField) -> str:
    info = ConsultationRequest.model_fields[form_field.field]
    return f"«{form_field.label}»: не заполнено. {info.description}"


def _refusal(errors: list[str]) -> str:
    listed = "\n".join(f"  — {e}" for e in errors)
    return (
        "в описании запроса не всё заполнено или заполнено неверно, запись не создана:\n"
        f"{listed}\nИсправьте описание задачи (issue) и запустите команду снова."
    )


def _value(project: Project, form_field: FormField, raw: str, errors: list[str]) -> Any:
    name, label = form_field.field, form_field.label
    if name in ("received", "due"):
        day = _date(raw)
        if day is None:
            errors.append(
                f"«{label}»: «{raw}» не похоже на дату. Напишите ГГГГ-ММ-ДД, например 2026-12-03."
            )
        return day
    if name in _CHOICES:
        vocabulary = _CHOICES[name]
        found = _choice(vocabulary, raw)
        if found is None:
            errors.append(
                f"«{label}»: «{raw}» — такого варианта нет (или подходит несколько). Выберите один "
                "из: " + "; ".join(m.label for m in vocabulary) + "."
            )
        return found.value if found else None
    if name in ("requester", "assignee"):
        return _reference(project, "person", raw, label, errors)
    if name == "organization":
        return _reference(project, "organization", raw, label, errors)
    if name == "deficit":
        value = raw.strip().lower()
        if not _SLUG.fullmatch(value):
            errors.append(
                f"«{label}»: «{raw}» — не идентификатор дефицита (например vpr-analysis)."
            )
            return None
        return value
    return raw


def _date(raw: str) -> date | None:
    text = raw.strip()
    try:
        if match := _ISO.fullmatch(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _RU.fullmatch(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def _choice(vocabulary: type[Choice], raw: str) -> Choice | None:
    key = _key(raw)
    for member in vocabulary:
        if key in (_key(member.value), _key(member.label)):
            return member
    partial = [m for m in vocabulary if key and key in _key(m.label)]
    return partial[0] if len(partial) == 1 else None


def _reference(project: Project, kind: str, raw: str, label: str, errors: list[str]) -> str | None:
    """The id of a person or school given by its id or its name."""
    text = raw.strip().strip("@")
    if _SLUG.fullmatch(text.lower()) and project.exists(kind, text.lower()):
        return text.lower()
    key = _key(text)
    matches = sorted({r.place.id for r in project.of_kind(kind) if key in _names(r.model)})
    if len(matches) == 1:
        return matches[0]
    what = "человека" if kind == "person" else "организации"
    where = "records/people" if kind == "person" else "records/organizations"
    if matches:
        errors.append(
            f"«{label}»: «{raw}» подходит нескольким записям ({', '.join(matches)}). "
            "Укажите идентификатор."
        )
    else:
        errors.append(
            f"«{label}»: {what} «{raw}» нет в записях. Укажите идентификатор (имя файла в "
            f"{where} без .yaml) или название точно как в записи."
        )
    return None


def _names(model: object) -> set[str]:
    if isinstance(model, Person):
        return {_key(model.full_name()), _key(model.short_name())}
    if isinstance(model, Organization):
        return {_key(n.short) for n in model.names} | {_key(n.full) for n in model.names}
    return set()


def _year(
    root: Path, project: Project, association: str, received: date, errors: list[str]
) -> str | None:
    year = school_year_of(received)
    try:
        return pick_year(root, project, association, year, received)
    except ScaffoldError:
        known = year_folders(root, association)
        errors.append(
            f"«{_label('received')}»: запрос получен {ru_date(received)}, это "
            f"{school_year_title(year)} учебный год, а его папки records/associations/{association}/"
            f"{year} нет (есть: {', '.join(known) or 'ни одной'}). Проверьте дату или начните "
            "год командой python -m generator new year."
        )
        return None


def _inside(root: Path, out: Path) -> str | None:
    absolute = Path(os.path.realpath(out))
    base = Path(os.path.realpath(root))
    return absolute.relative_to(base).as_posix() if absolute.is_relative_to(base) else None


def _write_outside(out: Path, text: str) -> None:
    try:
        with out.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"файл {out} уже есть: он не перезаписывается.") from None


def _answered_note(relative: str) -> str:
    return (
        f"Когда на запрос ответят, запишите консультацию (python -m generator new "
        f"consultation --request {Path(relative).stem}) и поставьте в запросе status: answered."
    )
