"""Find every reference a record makes, from the `Ref` marks its schema carries."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from generator.loading.diagnostics import Loc
from schemas.base import Ref


@dataclass(frozen=True, slots=True)
class _FieldPlan:
    name: str
    ref: Ref | None
    nested: bool  # the field holds (lists of) models to descend into


@dataclass(frozen=True, slots=True)
class Reference:
    loc: Loc
    ref: Ref
    value: str
    owner: BaseModel  # the model holding the field, for sibling fields such as `association`


def references(model: BaseModel, loc: Loc = ()) -> Iterator[Reference]:
    """Every (location, Ref, id) in a record, nested parts and lists included."""
    for plan in _plan(type(model)):
        value = getattr(model, plan.name)
        if value is None:
            continue
        here = (*loc, plan.name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _item(model, plan, item, (*here, index))
        else:
            yield from _item(model, plan, value, here)


@functools.cache
def reference_fields(model: type[BaseModel]) -> tuple[tuple[str, Ref | None, bool], ...]:
    """The fields of a model class that can hold a reference, as `references` reads them:
    (name, the field's `Ref` or None, whether it holds parts to descend into)."""
    return tuple((plan.name, plan.ref, plan.nested) for plan in _plan(model))


def _item(model: BaseModel, plan: _FieldPlan, item: object, loc: Loc) -> Iterator[Reference]:
    if plan.ref is not None and isinstance(item, str):
        yield Reference(loc, plan.ref, item, model)
    elif plan.nested and isinstance(item, BaseModel):
        yield from references(item, loc)


@functools.cache
def _plan(model: type[BaseModel]) -> tuple[_FieldPlan, ...]:
    plans = []
    for name, info in model.model_fields.items():
        ref = next((m for m in info.metadata if isinstance(m, Ref)), None) or _ref_in(
            info.annotation
        )
        # Descend only into parts that can hold a reference somewhere (not into attachments,
        # votes, executions…): most of a protocol's parts hold none.
        nested = any(
            isinstance(t, type) and issubclass(t, BaseModel) and bool(_plan(t))
            for t in leaf_types(info.annotation)
        )
        if ref is not None or nested:
            plans.append(_FieldPlan(name, ref, nested))
    return tuple(plans)


def _ref_in(annotation: Any) -> Ref | None:
    if typing.get_origin(annotation) is typing.Annotated:
        found = [m for m in typing.get_args(annotation)[1:] if isinstance(m, Ref)]
        if found:
            return found[0]
    for arg in typing.get_args(annotation):
        ref = _ref_in(arg)
        if ref is not None:
            return ref
    return None


def leaf_types(annotation: Any) -> Iterator[Any]:
    """The types a field's value or list items can have: `list[A] | None` → A, None."""
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        args = typing.get_args(annotation)
        for arg in args[:1] if origin is typing.Annotated else args:
            yield from leaf_types(arg)
    else:
        yield annotation
