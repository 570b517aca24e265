"""The contract itself: Russian help on every field, committed JSON Schema up to date."""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel

from generator.authoring import jsonschema
from generator.loading.layout import KIND_GLOBS
from schemas import RECORD_MODELS
from schemas.settings import MonthDay

from .conftest import REPO


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for info in model.model_fields.values():
        for nested in _nested(info.annotation):
            yield from _models(nested, seen)


def _nested(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _nested(arg)


def _cyrillic(text: str | None) -> bool:
    return bool(text) and any("а" <= ch.lower() <= "я" for ch in text or "")


def test_every_field_has_russian_title_and_description() -> None:
    seen: set[type[BaseModel]] = set()
    missing = [
        f"{model.__name__}.{name}"
        for top in RECORD_MODELS.values()
        for model in _models(top, seen)
        for name, info in model.model_fields.items()
        if not (_cyrillic(info.title) and _cyrillic(info.description))
    ]
    assert missing == []


def test_unknown_keys_are_forbidden_everywhere() -> None:
    seen: set[type[BaseModel]] = set()
    lax = [
        model.__name__
        for top in RECORD_MODELS.values()
        for model in _models(top, seen)
        if model.model_config.get("extra") != "forbid"
    ]
    assert lax == []


def test_committed_json_schemas_are_current() -> None:
    assert jsonschema.stale(REPO) == [], "run: python -m generator schema"


def test_json_schema_carries_russian_help_and_enum_labels() -> None:
    schema = json.loads((REPO / "schemas/json/meeting.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["status"]["title"] == "Статус"
    status = schema["$defs"]["MeetingStatus"]
    assert status["enum"] == ["planned", "postponed", "held", "cancelled"]
    assert status["enumDescriptions"][2] == "проведено"
    assert schema["additionalProperties"] is False


def test_editor_mapping_covers_every_yaml_kind() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapped = set(settings["yaml.schemas"].values())
    assert mapped == set(KIND_GLOBS.values())
    assert set(KIND_GLOBS) == set(RECORD_MODELS) - {"practice", "analysis"}


def test_a_29_february_setting_falls_on_the_28th_in_a_common_year() -> None:
    day = MonthDay(month=2, day=29)
    assert day.in_year(2028) == date(2028, 2, 29)
    assert day.in_year(2027) == date(2027, 2, 28)  # not a crash of `check` every common year
