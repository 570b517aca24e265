"""Decap CMS form fields made from the record models: one widget per model field.

The forms are never written by hand: every label, hint, required flag, pattern, choice
and nested list comes from the pydantic field it edits, so a form cannot offer a field
the schema lacks or miss one it requires. `decap.py` puts the fields into collections.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from datetime import date
from typing import Any, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from schemas.base import Choice, Ref

Widget = dict[str, Any]

# Kinds whose records an editor picks from a list (a relation widget to their collection);
# other references are typed in, with the pattern their id follows.
RELATED_COLLECTIONS = {"person": "people", "organization": "organizations"}
# Text fields that hold paragraphs rather than a line.
LONG_TEXT_NAMES = frozenset(
    {"summary", "description", "text", "note", "result", "expected_result", "goal",
     "figures_note", "repeat_diagnostics", "cancel_reason", "body", "problem", "solution",
     "effect", "conditions", "survey", "topic", "question"}
)  # fmt: skip
# What one item of a list is called: Decap's button reads «Добавить <label_singular>».
SINGULAR = {
    "absent": "отсутствовавшего", "agenda": "вопрос повестки", "amendments": "изменение",
    "attachments": "приложение", "authors": "автора", "categories": "категорию",
    "decisions": "решение", "discussion": "выступление", "done_by": "заседание или мероприятие",
    "focus": "термин", "follow_up": "отметку об исполнении", "found_by": "источник",
    "invited": "приглашённого", "items": "пункт плана", "materials": "материал",
    "measures": "меру", "members": "участника", "names": "название", "pairs": "пару школ",
    "participants": "участника", "positions": "должность", "presented": "представление",
    "programme_measures": "мероприятие", "recommendations": "рекомендацию",
    "risk_factors": "фактор риска", "roles": "роль", "tags": "метку", "tasks": "задачу",
    "content_editors": "редактора", "indicators": "показатель", "measured": "измерение",
    "years": "учебный год", "programmes": "программу",
}  # fmt: skip
# How one line of a list of plain values is labelled (nominative).
_ITEM_LABEL = {
    "recommendations": "Рекомендация", "tags": "Метка", "tasks": "Задача",
    "programme_measures": "Мероприятие", "risk_factors": "Фактор риска", "done_by": "Чем выполнено",
    "years": "Учебный год", "programmes": "Программа",
}  # fmt: skip
DATE_WIDGET: Widget = {
    "widget": "datetime",
    "format": "YYYY-MM-DD",
    "date_format": "DD.MM.YYYY",
    "time_format": False,
    "picker_utc": True,
}


def model_fields(model: type[BaseModel]) -> list[Widget]:
    """The form fields of a model, in the model's order."""
    return [field_widget(name, info) for name, info in model.model_fields.items()]


def field_widget(name: str, info: FieldInfo) -> Widget:
    """One form field: its widget and what the model says of it."""
    widget: Widget = {"name": name, "label": info.title or name}
    widget["required"] = info.is_required()
    widget.update(_widget(name, info.annotation, list(info.metadata)))
    hint = form_hint(widget, info.description or "")
    if hint:
        widget["hint"] = hint
    return {key: widget[key] for key in sorted(widget, key=_KEY_ORDER.index)}


_KEY_ORDER = [
    "name", "label", "hint", "required", "widget", "label_singular", "collapsed", "options",
    "multiple", "collection", "value_field", "search_fields", "display_fields", "format",
    "date_format", "time_format", "picker_utc", "default", "value_type", "min", "pattern",
    "field", "fields",
]  # fmt: skip
_CODES = re.compile(r"\b(?:true|false|[a-z]+_[a-z_]+|[a-z]{3,})\b")
_PICK = {
    "people": "Начните вводить фамилию и выберите человека из списка.",
    "organizations": "Начните вводить название и выберите организацию из списка.",
}


def form_hint(widget: Widget, description: str) -> str:
    """The field's description as a form says it: where the editor picks from a list or
    flips a switch, sentences that spell out codes for YAML («planned, held или
    cancelled», «true — …») are left out, and a pick-list says how to pick."""
    if widget["widget"] not in ("select", "boolean", "relation"):
        return description
    kept = [
        sentence
        for sentence in re.split(r"(?<=[.!?])\s+", description)
        if sentence and not _CODES.search(sentence) and not sentence.startswith("Идентификатор")
    ]
    if widget["widget"] == "relation":
        kept.append(_PICK[widget["collection"]])
    return " ".join(kept)


def _widget(name: str, annotation: Any, metadata: list[Any]) -> Widget:
    annotation, metadata = _unwrap(annotation, metadata)
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return _list_widget(name, item)
    if origin is dict:
        return _dict_widget(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {"widget": "object", "collapsed": False, "fields": model_fields(annotation)}
    if isinstance(annotation, type) and issubclass(annotation, Choice):
        return {"widget": "select", "options": _options(annotation)}
    if annotation is date:
        return dict(DATE_WIDGET)
    if annotation is bool:
        return {"widget": "boolean"}  # no default: Decap would fill a list item with it
    if annotation is int:
        return {"widget": "number", "value_type": "int", "min": 0}
    if annotation is float:
        return {"widget": "number", "value_type": "float", "min": 0}
    ref = _ref(metadata)
    if ref is not None and ref.kind in RELATED_COLLECTIONS:
        return _relation(ref)
    widget: Widget = {"widget": "text" if name in LONG_TEXT_NAMES else "string"}
    pattern = _pattern(metadata)
    if pattern is not None:
        # An anchored pattern says all it needs; the others are matched whole by the
        # schema's own validator, so the form matches them whole too.
        regex = pattern if pattern.startswith("^") else f"^(?:{pattern})$"
        widget["pattern"] = [regex, _pattern_hint(pattern)]
    return widget


def _list_widget(name: str, item: Any) -> Widget:
    """A list: of nested records (a form per item), of picked records, or of lines."""
    item, metadata = _unwrap(item, [])
    singular = SINGULAR.get(name, "элемент")
    if isinstance(item, type) and issubclass(item, BaseModel):
        return {
            "widget": "list",
            "label_singular": singular,
            "collapsed": True,
            "fields": model_fields(item),
        }
    inner = _widget(name, item, metadata)
    if inner["widget"] in ("relation", "select"):
        return {**inner, "multiple": True}
    return {
        "widget": "list",
        "label_singular": singular,
        "field": {"name": "item", "label": _ITEM_LABEL.get(name, "Значение"), **inner},
    }


def _dict_widget(annotation: Any) -> Widget:
    """A mapping with a fixed vocabulary of keys (figures by direction): one field per key."""
    key, value = typing.get_args(annotation)
    key, _ = _unwrap(key, [])
    assert isinstance(key, type) and issubclass(key, Choice)  # the only mappings in schemas
    fields = [
        {"name": str(member), "label": member.label, "required": False, **_widget("", value, [])}
        for member in key
    ]
    return {"widget": "object", "collapsed": True, "fields": fields}


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """The type under `X | None` and `Annotated[X, …]`, with the metadata gathered."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *extra = typing.get_args(annotation)
            annotation, metadata = base, [*metadata, *extra]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = options[0]
        else:
            return annotation, metadata


def _options(choice: type[Choice]) -> list[Widget]:
    return [{"label": member.label, "value": str(member)} for member in choice]


# What an editor types to find a record, and what the list shows of it.
_SEARCH = {
    "person": (["surname", "name", "patronymic"], ["{{surname}} {{name}} {{patronymic}}"]),
    "organization": (["names.*.short", "names.*.full"], ["{{names.0.short}}"]),
}


def _relation(ref: Ref) -> Widget:
    """A record picked by name; the file's name (its id) is what is written."""
    search, display = _SEARCH[ref.kind]
    return {
        "widget": "relation",
        "collection": RELATED_COLLECTIONS[ref.kind],
        "value_field": "{{slug}}",
        "search_fields": search,
        "display_fields": display,
    }


def _ref(metadata: list[Any]) -> Ref | None:
    return next((item for item in metadata if isinstance(item, Ref)), None)


def _pattern(metadata: list[Any]) -> str | None:
    for item in _flat(metadata):
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            return pattern
    return None


def _flat(metadata: list[Any]) -> Iterator[Any]:
    for item in metadata:
        yield item
        yield from getattr(item, "metadata", ())


_PATTERN_HINTS = {
    r"^\d{4}-\d{2}$": "Месяц в виде ГГГГ-ММ, например 2025-10.",
    r"^\d{2}:\d{2}$": "Время в виде ЧЧ:ММ, например 14:30.",
    r"^\d{4}-\d{4}$": "Учебный год в виде ГГГГ-ГГГГ, например 2025-2026.",
    r"^\d{4}-\d{4}/\d{2}$": "Заседание: учебный год и номер, например 2025-2026/01.",
    r"^https?://": "Адрес, начинающийся с https://",
}


def _pattern_hint(pattern: str) -> str:
    return _PATTERN_HINTS.get(
        pattern, "Строчные латинские буквы, цифры и дефисы, например ivanova-ma."
    )
