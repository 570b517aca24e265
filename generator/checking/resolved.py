"""Which records' references surely resolve, tested a whole record at a time.

`crossref.check_references` makes a `Reference` (with its location) of every id of every
record and looks each one up. A region holds a hundred thousand ids, nearly all of them
right, so a record is first tested here — ids looked up in sets, a list of them at once —
and only a record that fails the test is looked at reference by reference. The test says
"resolves" only where `crossref._unresolved` would find nothing, so no message changes.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from pydantic import BaseModel

from generator.loading.project import Loaded, Project
from generator.loading.references import reference_fields

MEETING_REF = re.compile(r"(\d{4}-\d{4})/(\d{2})")  # a meeting: 2025-2026/02

# How a field is tested (`_Step`): a region walks some eighty thousand parts, so each
# class's fields are worked out once into steps and compared as small ints.
_PARTS, _ID, _YEAR, _MEETING, _ODD = range(5)

# (field name, how, what to test with): the set of ids for `_ID`, the ref's kind otherwise.
_Step = tuple[str, int, Any]


class Resolved:
    """Whether every reference of a record surely resolves (`record`): ids are looked up in
    sets of every (kind, scope) on disk. Anything unexpected — a value that is no id, a
    meeting of another association — says no, and the record is looked at closer."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.ids: dict[tuple[str, str], set[str]] = {}  # (kind, scope) → ids, loaded or broken
        for kind, scope, record_id in (*project.index, *project.failed):
            self.ids.setdefault((kind, scope), set()).add(record_id)
        settings = project.settings
        self.focus = {term.id for term in settings.assessment_focus} if settings else None
        self.steps: dict[type[BaseModel], tuple[_Step, ...]] = {}  # per class, see `_steps`

    def record(self, record: Loaded) -> bool:
        try:
            return self._model(record.model, record)
        except TypeError:  # an unhashable value: not an id
            return False

    def _model(self, model: BaseModel, record: Loaded) -> bool:
        steps = self.steps.get(type(model))
        if steps is None:
            steps = self.steps[type(model)] = self._steps(type(model))
        # A validated model keeps its field values in `__dict__`: read there, without
        # pydantic's attribute lookup.
        values = model.__dict__
        for name, how, arg in steps:
            value = values[name]
            if value is None:
                continue
            if how == _ID:
                ids = arg
            elif how == _PARTS:
                if isinstance(value, list):
                    for part in value:
                        if isinstance(part, BaseModel) and not self._model(part, record):
                            return False
                elif isinstance(value, BaseModel) and not self._model(value, record):
                    return False
                continue
            elif how == _YEAR:
                ids = self.ids.get((arg, record.place.scope), _NONE)
            elif how == _MEETING:
                if not self._meetings(arg, value, model, record):
                    return False
                continue
            else:  # ids and parts in one field: no schema has one, `references` will tell
                return False
            if not (ids.issuperset(value) if isinstance(value, list) else value in ids):
                return False
        return True

    def _steps(self, model: type[BaseModel]) -> tuple[_Step, ...]:
        """How each field of a class that can hold a reference is tested, with this
        project's sets of ids bound in."""
        steps: list[_Step] = []
        for name, how, kind in _lookups(model):
            if how == _ID:
                if kind == "focus":
                    if self.focus is None:
                        continue  # without settings, focus codes are not checked
                    steps.append((name, _ID, self.focus))
                else:
                    steps.append((name, _ID, self.ids.get((kind, ""), _NONE)))
            else:
                steps.append((name, how, kind))
        return tuple(steps)

    def _meetings(self, kind: str, value: object, owner: BaseModel, record: Loaded) -> bool:
        """As `crossref._unresolved_meeting` finding nothing for each of the field's values."""
        association: str | None = None
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str):
                return False
            match = MEETING_REF.fullmatch(item)
            if match is None:
                if kind != "work" or not self.project.exists("event", item):
                    return False
                continue
            if association is None and _may_name_association(type(owner)):
                association = getattr(owner, "association", None)
            association = association or record.place.association
            if association is None or not self.project.exists(
                "meeting", match.group(2), f"{association}/{match.group(1)}"
            ):
                return False
        return True


@functools.cache
def _may_name_association(model: type[BaseModel]) -> bool:
    """Whether `getattr(owner, "association", None)` can give anything but None (a field,
    an attribute of the class, extra fields): else pydantic's slow miss is spared."""
    return (
        "association" in model.model_fields
        or hasattr(model, "association")
        or model.model_config.get("extra") == "allow"
    )


@functools.cache
def _lookups(model: type[BaseModel]) -> tuple[tuple[str, int, str], ...]:
    """How `Resolved` checks each field that can hold a reference: (name, how, ref kind)."""
    lookups = []
    for name, ref, nested in reference_fields(model):
        if ref is None or nested:
            how = _PARTS if ref is None else _ODD
        elif ref.kind in ("meeting", "work"):
            how = _MEETING
        elif ref.kind == "focus":
            how = _ID  # looked up in the settings' codes, whatever the scope
        else:
            how = _YEAR if ref.scope == "year" else _ID
        lookups.append((name, how, ref.kind if ref else ""))
    return tuple(lookups)


_NONE: set[str] = set()
