"""Pydantic's validation errors, told in Russian with the field's label and a way to fix it."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Collection
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from generator.loading.diagnostics import Loc
from schemas.base import Choice


@dataclass(frozen=True, slots=True)
class Explained:
    """A validation error ready to be located: where (value or key) and what to say."""

    loc: Loc
    message: str
    label: str | None
    at_key: bool  # point at the key itself (unknown field) rather than its value
    code: str
    suggestion: str | None = None  # for an unknown field: the known field it resembles


def explain(error: ErrorDetails, model: type[BaseModel], data: object = None) -> Explained:
    """Turn one pydantic error into a Russian explanation of the field at its location.

    `data` is what was validated: an unknown field is then never told to be a field that
    its mapping already has (renaming it so would only make a duplicate key).
    """
    loc: Loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
    ctx = error.get("ctx") or {}
    if isinstance(ctx.get("field"), str):  # a model-level check names its field: "agenda/0"
        loc = (*loc, *(int(p) if p.isdigit() else p for p in ctx["field"].split("/")))
    kind = error["type"]
    owner, annotation = _resolve(model, loc)
    label = _label(owner, loc)
    suggestion: str | None = None
    if kind == "extra_forbidden":
        suggestion = _closest_field(owner, loc, _keys_at(data, loc[:-1]))
        message = _unknown_field(owner, suggestion)
    else:
        message = _message(kind, error, owner, annotation, loc)
    return Explained(loc, message, label, kind == "extra_forbidden", f"schema.{kind}", suggestion)


def _is_union_tag(part: str | int) -> bool:
    # pydantic inserts the member type's name in a union's error location, e.g. "function-after[...]"
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "bool", "float"})


def _message(
    kind: str, error: ErrorDetails, owner: type[BaseModel] | None, annotation: Any, loc: Loc
) -> str:
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return _missing(owner, loc)
    if kind == "enum":
        return _bad_choice(value, _choice_of(annotation))
    if kind in ("list_type", "tuple_type", "set_type"):
        return "ожидается список: каждый элемент с новой строки, начиная с «- »."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            "ожидается набор полей «ключ: значение», каждое с новой строки и с отступом "
            "в два пробела."
        )
    if kind == "too_short":
        return f"список пуст: нужен хотя бы {ctx.get('min_length', 1)} элемент."
    if kind in ("greater_than_equal", "greater_than"):
        return f"значение {value} слишком мало: нужно не меньше {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"значение {value} слишком велико: нужно не больше {ctx.get('le', ctx.get('lt'))}."
    if kind in ("string_type", "str_type"):
        return "ожидается текст."
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind.startswith(("int_", "float_", "bool_", "date_")) and not _is_russian(error["msg"]):
        return f"неверное значение «{value}». Проверьте, что записано число, дата или true/false."
    return error["msg"] if _is_russian(error["msg"]) else f"неверное значение: {error['msg']}."


def _is_russian(text: str) -> bool:
    return any("а" <= ch.lower() <= "я" for ch in text)


def _missing(owner: type[BaseModel] | None, loc: Loc) -> str:
    name = str(loc[-1]) if loc else ""
    info = owner.model_fields.get(name) if owner else None
    hint = f" ({info.description.rstrip('.')})" if info and info.description else ""
    return f"обязательное поле не заполнено. Добавьте строку «{name}: …»{hint}."


def _keys_at(data: object, path: Loc) -> frozenset[str]:
    """The keys of the mapping at `path` in the validated data; none if there is none."""
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return frozenset()
    return frozenset(data) if isinstance(data, dict) else frozenset()


def _closest_field(
    owner: type[BaseModel] | None, loc: Loc, present: Collection[str] = ()
) -> str | None:
    """The known field an unknown key resembles most, among those its mapping lacks."""
    if owner is None or not loc:
        return None
    absent = [name for name in owner.model_fields if name not in present]
    close = difflib.get_close_matches(str(loc[-1]), absent, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_field(owner: type[BaseModel] | None, close: str | None) -> str:
    if owner is None:
        return "неизвестное поле. Уберите его или исправьте название."
    fields = list(owner.model_fields)
    if close:
        title = owner.model_fields[close].title
        return f"неизвестное поле. Возможно, имелось в виду «{close}» ({title})."
    return (
        "неизвестное поле. Уберите его или исправьте название; допустимые поля: "
        + ", ".join(fields)
        + "."
    )


def _bad_choice(value: object, choice: type[Choice] | None) -> str:
    if choice is None:
        return f"недопустимое значение «{value}»."
    codes = [m.value for m in choice]
    close = difflib.get_close_matches(str(value), codes, n=1, cutoff=0.6)
    guess = f" Возможно, имелось в виду «{close[0]}»." if close else ""
    return f"недопустимое значение «{value}».{guess} Допустимые значения: {choice.describe()}."


def _choice_of(annotation: Any) -> type[Choice] | None:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, Choice):
            return candidate
    return None


def _label(owner: type[BaseModel] | None, loc: Loc) -> str | None:
    """The Russian title of the field at loc, or of the enclosing field for list items."""
    if owner is None:
        return None
    for part in reversed(loc):
        if isinstance(part, str) and part in owner.model_fields:
            return owner.model_fields[part].title
    return None


def _resolve(model: type[BaseModel], loc: Loc) -> tuple[type[BaseModel] | None, Any]:
    """The model that owns the last field of loc, and that field's annotation."""
    owner: type[BaseModel] | None = model
    annotation: Any = model
    last = len(loc) - 1
    for index, part in enumerate(loc):
        if isinstance(part, int):
            annotation = _item_type(annotation)
        elif owner is not None and part in owner.model_fields:
            annotation = owner.model_fields[part].annotation
        else:
            annotation = _item_type(annotation)  # a dict key
            continue
        nested = _model_in(annotation)
        if nested is not None and index != last:
            owner = nested
    return owner, annotation


def _item_type(annotation: Any) -> Any:
    for candidate in _unwrap(annotation):
        args = typing.get_args(candidate)
        origin = typing.get_origin(candidate)
        if origin in (list, tuple, set) and args:
            return args[0]
        if origin is dict and len(args) == 2:
            return args[1]
    return annotation


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _unwrap(annotation: Any) -> list[Any]:
    """The annotation itself and the members of an Optional/Union or Annotated around it."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _unwrap(arg)]
    return [annotation]


__all__ = ["Enum", "Explained", "explain"]
