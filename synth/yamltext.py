"""Records as YAML text, written as an editor would write them (`dump`, `front_matter`)."""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from generator.authoring.scaffold import yaml_plain, yaml_quote
from synth.spec import Node

# Text a YAML reader can only take as text: letters, digits and a few marks, no «: » or «#».
_PLAIN_TEXT = re.compile(r"[0-9A-Za-zА-Яа-яЁё«][0-9A-Za-zА-Яа-яЁё «».,;()№%/+–—-]*[^ ]")
_SPECIAL_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"})


@functools.lru_cache(maxsize=65536)
def scalar_text(text: str) -> str:
    """A string as a YAML scalar: ids and dates plain, other text plain only when safe."""
    try:
        return yaml_plain(text)
    except ValueError:
        pass
    plain = _PLAIN_TEXT.fullmatch(text) and not text[0].isdigit()
    return text if plain and text.lower() not in _SPECIAL_WORDS else yaml_quote(text)


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return scalar_text(str(value))


def dump(record: Node, comment: str = "") -> str:
    """A record as block-style YAML; None values and empty lists are left out."""
    lines = [f"# {line}" for line in comment.splitlines()]
    _mapping(lines, record, 0)
    return "\n".join(lines) + "\n"


def front_matter(record: Node, body: str, comment: str = "") -> str:
    """Markdown with the record as its YAML front matter."""
    return "---\n" + dump(record, comment) + "---\n\n" + body


def _mapping(lines: list[str], record: Node, indent: int) -> None:
    pad = " " * indent
    for key, value in record.items():
        if value is None or (isinstance(value, list | dict) and not value):
            continue
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            _mapping(lines, value, indent + 2)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            _sequence(lines, value, indent + 2)
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{pad}{key}: |")
            lines.extend(
                f"{pad}  {line}" if line else "" for line in value.rstrip("\n").split("\n")
            )
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")


def _sequence(lines: list[str], items: list[Any], indent: int) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            start = len(lines)
            _mapping(lines, item, indent + 2)
            lines[start] = f"{pad}- {lines[start][indent + 2 :]}"
        else:
            lines.append(f"{pad}- {scalar(item)}")
