"""Hints an editor can trust: a misspelt key is never told to be a key its mapping already has."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from generator.loading.messages import Explained, explain
from generator.loading.yamlsafe import parse_yaml
from schemas import RECORD_MODELS

from .conftest import CASES

MEETING = CASES / "base" / "records/associations/mpo-test/2025-2026/meetings/01.yaml"
DECISION = "- text: Избрать руководителем объединения предложенного кандидата.\n"


def unknown_field(text: str, model: type[BaseModel]) -> Explained:
    """The one error validating `text` gives, explained with the data at hand."""
    data = parse_yaml(text)
    assert isinstance(data, dict)
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    errors = caught.value.errors(include_url=False)
    assert [e["type"] for e in errors] == ["extra_forbidden"]
    return explain(errors[0], model, data)


def meeting(old: str, new: str) -> str:
    text = MEETING.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new)


def test_key_present_beside_is_not_suggested_and_fields_are_listed() -> None:
    text = meeting("topic: Установочное заседание\n", "topic: Заседание\ntopik: Выборы\n")
    found = unknown_field(text, RECORD_MODELS["meeting"])
    assert found.loc == ("topik",)
    assert found.suggestion is None
    assert "Возможно" not in found.message
    assert "допустимые поля: status, date, time, place, format, topic" in found.message


def test_next_best_absent_key_is_suggested() -> None:
    # The decision has deadline_text already; "deadline_txt" then most resembles deadline.
    added = DECISION + "          deadline_txt: 2025-09-30\n"
    found = unknown_field(meeting(DECISION, added), RECORD_MODELS["meeting"])
    assert found.loc == ("protocol", "agenda", 0, "decisions", 0, "deadline_txt")
    assert found.suggestion == "deadline"
    assert "Возможно, имелось в виду «deadline»" in found.message


def test_absent_key_is_still_suggested() -> None:
    text = meeting("topic: Установочное заседание\n", "topik: Установочное заседание\n")
    data = parse_yaml(text)
    assert isinstance(data, dict)
    with pytest.raises(ValidationError) as caught:
        RECORD_MODELS["meeting"].model_validate(data)
    extra = next(e for e in caught.value.errors() if e["type"] == "extra_forbidden")
    found = explain(extra, RECORD_MODELS["meeting"], data)
    assert found.suggestion == "topic"
    assert "Возможно, имелось в виду «topic» (Тема)" in found.message


@pytest.mark.parametrize("data", [None, {}, [], "text", {"protocol": None}])
def test_suggestion_survives_data_of_any_shape(data: object) -> None:
    error = {"type": "extra_forbidden", "loc": ("protocol", "chiar"), "msg": "", "input": "x"}
    found = explain(error, RECORD_MODELS["meeting"], data)  # type: ignore[arg-type]
    assert found.suggestion == "chair"
