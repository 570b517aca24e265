"""The editors' field reference, read from the models: every field with its Russian help."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from generator.loading.layout import FRONT_MATTER_KINDS, KIND_GLOBS
from schemas import RECORD_MODELS, Choice
from schemas.base import Ref

_REF_NAMES = {
    "person": "идентификатор человека",
    "organization": "идентификатор организации",
    "normative": "идентификатор нормативного акта",
    "association": "идентификатор объединения",
    "event": "идентификатор мероприятия",
    "focus": "код оценочной процедуры",
    "deficit": "идентификатор дефицита этого года",
    "request": "идентификатор запроса этого года",
    "meeting": "заседание: 2025-2026/01",
    "work": "заседание (2025-2026/01) или мероприятие",
}


@dataclass(frozen=True, slots=True)
class FieldDoc:
    name: str
    title: str
    description: str
    required: bool
    kind: str  # what to write, in Russian


@dataclass(frozen=True, slots=True)
class PartDoc:
    title: str  # the part's name, e.g. "Протокол"
    fields: list[FieldDoc]


@dataclass(frozen=True, slots=True)
class KindDoc:
    kind: str
    title: str
    where: str
    parts: list[PartDoc]


def field_reference() -> list[KindDoc]:
    """One entry per record kind, with its parts (nested models) in reading order."""
    docs = []
    for kind, model in RECORD_MODELS.items():
        where = KIND_GLOBS.get(kind) or _front_matter_glob(kind)
        docs.append(KindDoc(kind, model.KIND_TITLE, where, _parts(model, model.KIND_TITLE)))
    return docs


def _front_matter_glob(kind: str) -> str:
    assert kind in FRONT_MATTER_KINDS
    return (
        "records/practices/*.md" if kind == "practice" else "records/associations/*/*/analysis.md"
    )


def _parts(model: type[BaseModel], title: str) -> list[PartDoc]:
    parts: list[PartDoc] = []
    queue: list[tuple[type[BaseModel], str]] = [(model, title)]
    seen: set[type[BaseModel]] = set()
    while queue:
        current, current_title = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        fields = []
        for name, info in current.model_fields.items():
            if name == "body":
                continue
            fields.append(
                FieldDoc(
                    name,
                    info.title or name,
                    info.description or "",
                    info.is_required(),
                    _describe(info.annotation, info.metadata),
                )
            )
            queue.extend((nested, info.title or name) for nested in _nested(info.annotation))
        parts.append(PartDoc(current_title, fields))
    return parts


def _nested(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _nested(arg)]


def _describe(annotation: Any, metadata: list[Any]) -> str:
    ref = next((m for m in metadata if isinstance(m, Ref)), None)
    if ref is not None:
        return _REF_NAMES.get(ref.kind, "идентификатор")
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return _describe(next(a for a in args if a is not type(None)), [])
    if origin is typing.Annotated:
        return _describe(args[0], list(args[1:]))
    if origin is list:
        return "список: " + _describe(args[0], [])
    if origin is dict:
        return "набор «направление: число»"
    return _simple(annotation)


def _simple(annotation: Any) -> str:
    if isinstance(annotation, type) and issubclass(annotation, Choice):
        return "одно из: " + "; ".join(f"{m.value} — {m.label}" for m in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "вложенные поля (см. ниже)"
    names = {
        str: "текст",
        int: "целое число",
        float: "число",
        bool: "true или false",
        date: "дата ГГГГ-ММ-ДД",
    }
    return names.get(annotation, "значение")
