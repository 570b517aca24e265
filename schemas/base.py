"""Building blocks of the record models: the strict base class, field helper and value types.

Every value type carries its own Russian error message, so that a mistake in a record
is explained in the editor's language at the exact field. Plain YAML scalars reach these
types as the text the editor wrote (the loader converts nothing but null and true/false),
so each type sees, for example, `012` or `1:30` as written and can say why it is ambiguous.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema


class Record(BaseModel):
    """Base of every record and nested part: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False, defer_build=True)

    # Pickled as (fields, fields set), the set shared by every record of a pickle that has the
    # same one, and so is each text: the records cache unpickles a region's 100 000 parts on
    # every run, and pydantic's own state (a dict of four, restored key by key, and a set for
    # each part) took a third more time and 40 MB more memory; repeated ids and texts took
    # another quarter of the time and 35 MB (`_interned`). A record has no extra fields
    # (extra="forbid") and no private attributes; being frozen, none adds to its set (pydantic
    # copies the set before changing it, in `model_copy`).
    def __getstate__(self) -> tuple[dict[str, Any], set[str]]:  # type: ignore[override]
        key = frozenset(self.__pydantic_fields_set__)
        shared = _FIELDS_SETS.get(key)
        if shared is None:
            shared = _FIELDS_SETS[key] = set(key)
        return {name: _interned(value) for name, value in self.__dict__.items()}, shared

    def __setstate__(self, state: tuple[dict[str, Any], set[str]]) -> None:  # type: ignore[override]
        _set = object.__setattr__
        _set(self, "__dict__", state[0])
        _set(self, "__pydantic_fields_set__", state[1])
        _set(self, "__pydantic_extra__", None)
        _set(self, "__pydantic_private__", None)


def _interned(value: Any) -> Any:
    """A field's value with its text (or its list's) the one copy of that text (`sys.intern`),
    so that a pickle stores each text once, however many records of it repeat it."""
    if type(value) is str:
        return sys.intern(value)
    if type(value) is list:
        return [sys.intern(item) if type(item) is str else item for item in value]
    return value


# One set object for each distinct set of fields pickled (see Record.__getstate__).
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


class TopRecord(Record):
    """A record kept in a file of its own."""

    KIND: ClassVar[str]
    KIND_TITLE: ClassVar[str]


def F(title: str, description: str, default: Any = ..., **kwargs: Any) -> Any:
    """A model field with the Russian `title` and `description` every field must have."""
    if isinstance(default, list | dict) and not default:
        # A factory is cheaper than pydantic's deep copy of a mutable default per record.
        return Field(default_factory=type(default), title=title, description=description, **kwargs)
    return Field(default, title=title, description=description, **kwargs)


class Choice(StrEnum):
    """A vocabulary fixed by the regulations; each member carries a Russian label.

    Members are declared as `CODE = "code", "русская метка"`.
    """

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def describe(cls) -> str:
        """`code — метка` pairs, used in error messages and editor help."""
        return "; ".join(f"{m.value} — {m.label}" for m in cls)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema = handler.resolve_ref_schema(json_schema)
        # VS Code's YAML extension shows these beside each value while completing.
        json_schema["enumDescriptions"] = [m.label for m in cls]
        json_schema["markdownEnumDescriptions"] = [m.label for m in cls]
        return json_schema


@dataclass(frozen=True, slots=True)
class Ref:
    """Marks a field whose value is the id of another record of `kind`.

    `scope` tells where the id is looked up: "" — the whole repository; "year" — the same
    association and school year folder; "association" — a `<year>/<NN>` meeting reference in
    the same association.
    """

    kind: str
    scope: str = ""


# --- value types -------------------------------------------------------------------------

_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_RU_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_LEADING_ZERO_RE = re.compile(r"[-+]?0[0-9]+")
_SEXAGESIMAL_RE = re.compile(r"[-+]?[0-9]+(?::[0-5]?[0-9])+")
_FLOAT_RE = re.compile(r"[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_YEAR_RE = re.compile(r"(\d{4})-(\d{4})")
_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_TIME_RE = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")
_URL_RE = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_YAML11_BOOLS = {
    "yes": "«да»", "no": "«нет»", "on": "«вкл.»", "off": "«выкл.»",
    "y": "«да»", "n": "«нет»",
}  # fmt: skip
_DATE_HINT = "Укажите дату в виде ГГГГ-ММ-ДД, например 2025-03-01."


def _parse_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_type", "ожидается дата. " + _DATE_HINT)
    text = value.strip()
    if match := _DATE_RE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _RU_DATE_RE.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        raise PydanticCustomError(
            "date_format",
            "дата «{value}» записана не в том виде. Напишите {iso}.",
            {"value": text, "iso": f"{year:04d}-{month:02d}-{day:02d}"},
        )
    else:
        raise PydanticCustomError(
            "date_format", "«{value}» не похоже на дату. " + _DATE_HINT, {"value": text}
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise PydanticCustomError(
            "date_invalid",
            "даты «{shown}» не существует. " + _DATE_HINT,
            {"shown": f"{day:02d}.{month:02d}.{year:04d}"},
        ) from None


def _parse_int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _INT_RE.fullmatch(text):
            return int(text)
        if _LEADING_ZERO_RE.fullmatch(text):
            decimal = int(text)
            raise PydanticCustomError(
                "int_leading_zero",
                "«{value}» — число с ведущим нулём: одни программы прочтут его как {decimal}, "
                "другие (YAML 1.1) — как восьмеричное {octal}. Напишите {decimal} без нуля "
                "впереди.",
                {"value": text, "decimal": decimal, "octal": _octal_or_dash(text)},
            )
        if _SEXAGESIMAL_RE.fullmatch(text):
            raise PydanticCustomError(
                "int_sexagesimal",
                "«{value}» здесь не число: старые программы (YAML 1.1) читают такую запись "
                "как {minutes} (часы и минуты в одном числе). Напишите целое число цифрами.",
                {"value": text, "minutes": _sexagesimal(text)},
            )
    raise PydanticCustomError(
        "int_type", "ожидается целое число, например 4; сейчас «{value}».", {"value": value}
    )


def _octal_or_dash(text: str) -> str:
    digits = text.lstrip("+-")
    return str(int(digits, 8)) if set(digits) <= set("01234567") else "(ошибку)"


def _sexagesimal(text: str) -> int:
    total = 0
    for part in text.lstrip("+-").split(":"):
        total = total * 60 + int(part)
    return total


def _parse_float(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and _FLOAT_RE.fullmatch(value.strip()):
        return float(value.strip().replace(",", "."))
    raise PydanticCustomError(
        "float_type", "ожидается число, например 87.5; сейчас «{value}».", {"value": value}
    )


def _parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _YAML11_BOOLS:
        raise PydanticCustomError(
            "bool_yaml11",
            "«{value}» здесь прочитано как текст, а не как {meaning}: так писали в старом "
            "YAML 1.1. Напишите true (да) или false (нет).",
            {"value": value, "meaning": _YAML11_BOOLS[value.strip().lower()]},
        )
    raise PydanticCustomError(
        "bool_type", "ожидается true (да) или false (нет); сейчас «{value}».", {"value": value}
    )


def _parse_text(value: object) -> str:
    if isinstance(value, str):
        text = value.strip()
        if text:
            return text
        raise PydanticCustomError("text_empty", "поле пустое. Впишите текст или уберите поле.")
    if value is None:
        raise PydanticCustomError("text_empty", "поле пустое. Впишите текст или уберите поле.")
    raise PydanticCustomError(
        "text_type",
        'ожидается текст, а не {what}. Если это текст, возьмите его в кавычки: "{value}".',
        {"what": _what(value), "value": _yaml_literal(value)},
    )


def _what(value: object) -> str:
    if isinstance(value, bool):
        return "да/нет"
    if isinstance(value, dict):
        return "набор полей"
    if isinstance(value, list):
        return "список"
    return "значение другого вида"


def _yaml_literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _parse_slug(value: object) -> str:
    text = _parse_text(value)
    if _SLUG_RE.fullmatch(text):
        return text
    raise PydanticCustomError(
        "slug",
        "«{value}» не годится как идентификатор: нужны строчные латинские буквы, цифры и "
        "дефисы, например ivanova-ma или school-12.",
        {"value": text},
    )


def _parse_school_year(value: object) -> str:
    text = _parse_text(value).replace("/", "-")
    match = _YEAR_RE.fullmatch(text)
    if match and int(match.group(2)) == int(match.group(1)) + 1:
        return text
    raise PydanticCustomError(
        "school_year",
        "«{value}» — не учебный год. Напишите годы через дефис, например 2025-2026.",
        {"value": value},
    )


def _parse_month(value: object) -> str:
    text = _parse_text(value)
    match = _MONTH_RE.fullmatch(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return text
    raise PydanticCustomError(
        "month", "«{value}» — не месяц. Напишите ГГГГ-ММ, например 2025-10.", {"value": text}
    )


def _parse_time(value: object) -> str:
    text = _parse_text(value)
    if match := _TIME_RE.fullmatch(text):
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    raise PydanticCustomError(
        "time", "«{value}» — не время. Напишите ЧЧ:ММ, например 14:30.", {"value": text}
    )


def _parse_url(value: object) -> str:
    text = _parse_text(value)
    if _URL_RE.fullmatch(text):
        return text
    raise PydanticCustomError(
        "url",
        "«{value}» — не адрес в интернете. Нужна ссылка, начинающаяся с https:// или http://.",
        {"value": text},
    )


def _parse_relative_path(value: object) -> str:
    text = _parse_text(value)
    parts = text.split("/")
    bad = (
        text.startswith(("/", "~"))
        or "\\" in text
        or re.match(r"[A-Za-z]:", text) is not None
        or any(p in ("", ".", "..") for p in parts)
        or "\x00" in text
    )
    if bad:
        raise PydanticCustomError(
            "path_outside",
            "путь «{value}» должен вести к файлу внутри репозитория: укажите его от корня "
            "проекта через «/», без «..» и без диска, например files/2025-2026/protocol-01.pdf.",
            {"value": text},
        )
    return text


def _parse_meeting_ref(value: object) -> str:
    text = _parse_text(value)
    year, _, number = text.partition("/")
    if _YEAR_RE.fullmatch(year) and re.fullmatch(r"\d{2}", number):
        return text
    raise PydanticCustomError(
        "meeting_ref",
        "«{value}» — не ссылка на заседание. Напишите учебный год и номер файла заседания, "
        "например 2025-2026/01.",
        {"value": text},
    )


IsoDate = Annotated[date, BeforeValidator(_parse_date)]
Count = Annotated[int, BeforeValidator(_parse_int), Field(ge=0)]
Number = Annotated[float, BeforeValidator(_parse_float), Field(ge=0)]
Flag = Annotated[bool, BeforeValidator(_parse_bool)]
Text = Annotated[str, BeforeValidator(_parse_text)]
Slug = Annotated[str, BeforeValidator(_parse_slug), Field(pattern=_SLUG_RE.pattern)]
SchoolYear = Annotated[str, BeforeValidator(_parse_school_year), Field(pattern=r"^\d{4}-\d{4}$")]
YearMonth = Annotated[str, BeforeValidator(_parse_month), Field(pattern=r"^\d{4}-\d{2}$")]
ClockTime = Annotated[str, BeforeValidator(_parse_time), Field(pattern=r"^\d{2}:\d{2}$")]
Url = Annotated[str, BeforeValidator(_parse_url), Field(pattern=r"^https?://")]
RelativePath = Annotated[str, BeforeValidator(_parse_relative_path)]
# A meeting of the same association: `<school year>/<number>`, e.g. `2025-2026/01`.
MeetingRef = Annotated[
    str,
    BeforeValidator(_parse_meeting_ref),
    Field(pattern=r"^\d{4}-\d{4}/\d{2}$", examples=["2025-2026/01"]),
    Ref("meeting", "association"),
]
PersonId = Annotated[Slug, Ref("person")]
OrgId = Annotated[Slug, Ref("organization")]
ActId = Annotated[Slug, Ref("normative")]
AssociationId = Annotated[Slug, Ref("association")]
EventId = Annotated[Slug, Ref("event")]
FocusId = Annotated[Slug, Ref("focus")]
DeficitId = Annotated[Slug, Ref("deficit", "year")]
RequestId = Annotated[Slug, Ref("request", "year")]
# What carried out a plan item: a meeting (`2025-2026/02`) or a council event id.
WorkRef = Annotated[Text, Ref("work", "association")]


def school_year_of(day: date) -> str:
    """The school year (1 September – 31 August) a date belongs to, as `2025-2026`."""
    start = day.year if day.month >= 9 else day.year - 1
    return f"{start}-{start + 1}"


def school_year_bounds(year: str) -> tuple[date, date]:
    """First and last day of a school year written as `2025-2026`."""
    start = int(year[:4])
    return date(start, 9, 1), date(start + 1, 8, 31)
