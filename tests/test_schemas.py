"""The contract itself: Russian help on every field, committed JSON Schema up to date, and
what a draft protocol may lack that a signed one must have."""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from generator.authoring import jsonschema
from generator.checking.validate import validate
from generator.loading.diagnostics import Diagnostic
from generator.loading.layout import KIND_GLOBS
from schemas import RECORD_MODELS, Absence, Voting
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


# --- a draft from Word may be incomplete; a signed protocol may not ----------------------------

MEETING_01 = "records/associations/mpo-test/2025-2026/meetings/01.yaml"
# The base project's first meeting as a draft carried over from an old Word file: no chair,
# secretary, speaker, place or format were written there; the decision was «единогласно».
DRAFT_FROM_WORD = """\
status: held
date: 2025-08-28
topic: Установочное заседание
protocol:
  status: draft
  present_count: 3
  absent:
    - person: petrov-an
      reason: болезнь
    - description: директор МБОУ «СШ № 5»
  agenda:
    - question: Выборы руководителя объединения
      summary: Предложила кандидатуру директора школы — сетевого партнёра.
      decisions:
        - text: Избрать руководителем объединения предложенного кандидата.
          executor_group: участники объединения
          deadline_text: немедленно
          voting:
            unanimous: true
"""
SIGNED = DRAFT_FROM_WORD.replace("status: draft", "status: signed\n  signed: 2025-09-01")
COMPLETE = {
    "chair": ("status: signed\n", "status: signed\n  chair: sidorova-ev\n"),
    "secretary": ("status: signed\n", "status: signed\n  secretary: ivanova-ma\n"),
    "speaker": (
        "      summary: Предложила",
        "      speaker: sidorova-ev\n      summary: Предложила",
    ),
    "place": ("topic:", "place: МБОУ «ЦО № 2»\ntopic:"),
    "format": ("topic:", "format: in_person\ntopic:"),
}


def _diagnostics(root: Path, text: str) -> list[Diagnostic]:
    (root / MEETING_01).write_text(text, encoding="utf-8")
    return [d for d in validate(root).diagnostics if d.path == MEETING_01]


def _signed_without(missing: str) -> str:
    text = SIGNED
    for name, (old, new) in COMPLETE.items():
        if name != missing:
            assert old in text
            text = text.replace(old, new, 1)
    return text


def test_a_draft_from_word_may_lack_chair_secretary_speaker_place_and_format(
    base_project: Path,
) -> None:
    assert _diagnostics(base_project, DRAFT_FROM_WORD) == []
    assert _diagnostics(base_project, _signed_without("")) == [], "complete, it may be signed"


@pytest.mark.parametrize(
    ("missing", "field", "at", "words"),
    [
        ("chair", "protocol.chair", "protocol:", "в подписанном протоколе не указан председатель"),
        ("secretary", "protocol.secretary", "protocol:", "не указан секретарь: добавьте"),
        ("speaker", "protocol.agenda[0].speaker", "    - question: Выборы руководителя объединения",
         "у вопроса 1 повестки не указан докладчик (СЛУШАЛИ)"),
        ("format", "format", "status: held", "не указан формат заседания (format): in_person"),
    ],
    ids=["chair", "secretary", "speaker", "format"],
)  # fmt: skip
def test_a_signed_protocol_must_name_what_a_draft_may_lack(
    base_project: Path, missing: str, field: str, at: str, words: str
) -> None:
    """Each missing field is one error, in Russian, at the line of the block that lacks it
    (a missing key has no line of its own)."""
    text = _signed_without(missing)
    (error,) = _diagnostics(base_project, text)
    assert error.field == field and words in error.message, error.format_text()
    assert text.splitlines()[(error.line or 0) - 1] == at, error.format_text()


def test_a_vote_is_counted_or_unanimous() -> None:
    assert Voting.model_validate({"unanimous": True}).votes_for is None
    assert Voting.model_validate({"votes_for": 12, "against": 1}).unanimous is False
    with pytest.raises(ValidationError) as neither:
        Voting.model_validate({})
    assert neither.value.errors()[0]["type"] == "voting_count"
    assert "votes_for" in neither.value.errors()[0]["msg"]
    with pytest.raises(ValidationError) as against:
        Voting.model_validate({"unanimous": True, "against": 2})
    error = against.value.errors()[0]
    assert error["type"] == "voting_unanimous" and error["ctx"]["field"] == "against"
    assert "единогласно" in error["msg"]


def test_a_vote_unanimous_with_votes_against_is_an_error_at_its_line(base_project: Path) -> None:
    text = _signed_without("").replace("unanimous: true", "unanimous: true\n            against: 2")
    (error,) = _diagnostics(base_project, text)
    assert error.field == "protocol.agenda[0].decisions[0].voting.against"
    assert text.splitlines()[(error.line or 0) - 1].strip() == "against: 2"
    text = _signed_without("").replace("unanimous: true", "against: 0")
    (error,) = _diagnostics(base_project, text)
    assert "укажите число голосов «за» (votes_for) или unanimous: true" in error.message


def test_an_absence_names_someone_and_nobody_is_both_present_and_absent(
    base_project: Path,
) -> None:
    with pytest.raises(ValidationError, match="укажите отсутствовавшего: person или description"):
        Absence.model_validate({"reason": "болезнь"})
    text = _signed_without("").replace("person: petrov-an", "person: ivanova-ma")
    (error,) = _diagnostics(base_project, text)
    assert error.field == "protocol.absent[0].person" and "и среди отсутствовавших" in error.message
    text = _signed_without("").replace("present_count: 3", "present_count: 3\n  absent_count: 1")
    (error,) = _diagnostics(base_project, text)
    assert error.field == "protocol.absent_count" and "отсутствовало всего 1" in error.message
    text = _signed_without("").replace("person: petrov-an", "person: petrov-aa")
    assert [d.field for d in _diagnostics(base_project, text)] == ["protocol.absent[0].person"]
