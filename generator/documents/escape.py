"""Record text made inert in pandoc Markdown: a record can never add markup to a document.

pandoc's Markdown lets a backslash escape any ASCII punctuation character, so escaping all of
them leaves nothing that could start an image, a link, raw OpenXML (`` `…`{=openxml} ``), a
fenced div, a table cell, a list, a heading, a footnote or a citation — the text prints
exactly as written. Every value a document template prints goes through `inline` (the jinja
environment's `finalize`) unless the template code marked it trusted with `Markup`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.rendering.textsafe import replace_each

# Every ASCII punctuation character gets a backslash. The backslash itself goes first, so
# the backslashes added for the others are not escaped again. (A replace per character
# present is four times faster than str.translate on Cyrillic text.)
_PUNCTUATION = tuple((ch, "\\" + ch) for ch in "\\" + string.punctuation.replace("\\", ""))
# Line breaks and ordinary spaces; a no-break space stays (it keeps «г. Тула» together).
_SPACES = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# What the two above would change: a control character, a break, a tab, two spaces in a row.
_UNUSUAL_SPACE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\t\r\n\f\v\x85\u2028\u2029]|  ")
_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"\s*[-*+]\s+(.*)")
_NUMBERED = re.compile(r"\s*(\d{1,3})[.)]\s+(.*)")
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=\S)([^*]+?)(?<=\S)\*")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def inline(value: object) -> str:
    """Text for one line of a document: exactly as written, never as markup."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    # One line; at most one space in a row, so no value can indent a code block.
    text = str(value)
    if _UNUSUAL_SPACE.search(text) is not None:
        text = _SPACES.sub(" ", _CONTROL.sub(" ", text))
    return replace_each(text, _PUNCTUATION)


def paragraphs(value: object) -> Markup:
    """Multi-line text as paragraphs (split at blank lines), each made inert like `inline`."""
    blocks = re.split(r"\n[ \t]*\n", str(value or "").strip())
    return Markup("\n\n".join(inline(block.strip()) for block in blocks if block.strip()))


def emphasis(text: str) -> Markup:
    """One line of a narrative: **bold** and *italic* kept, everything else inert."""
    text = _LINK.sub(lambda m: f"{m[1]} ({m[2]})", text)
    out, last = [], 0
    for match in _EMPHASIS.finditer(text):
        out.append(inline(text[last : match.start()]))
        if match[1] is not None:
            out.append(f"**{inline(match[1])}**")
        else:
            out.append(f"*{inline(match[2])}*")
        last = match.end()
    out.append(inline(text[last:]))
    return Markup("".join(out).strip())


@dataclass
class Block:
    """A block of a narrative: heading (with level), paragraph, bullets or numbers (items)."""

    kind: str
    text: Markup = field(default_factory=Markup)
    level: int = 0
    items: list[Markup] = field(default_factory=list)
    start: int = 1


def narrative(source: str) -> list[Block]:
    """A record's Markdown body read as headings, paragraphs and lists — and nothing else.

    Raw HTML, images, tables and code are not recognised: their text prints as written.
    Heading levels are shifted so that the body's top level is 2 (the document's title is 1).
    """
    blocks = _merge_lists(_blocks(source.splitlines()))
    levels = [b.level for b in blocks if b.kind == "heading"]
    shift = 2 - min(levels) if levels else 0
    for block in blocks:
        if block.kind == "heading":
            block.level = min(block.level + shift, 4)
    return blocks


def _blocks(lines: list[str]) -> Iterator[Block]:
    current: Block | None = None
    text: list[str] = []
    for line in [*lines, ""]:
        heading = _HEADING.fullmatch(line.strip())
        item = _BULLET.fullmatch(line) or _NUMBERED.fullmatch(line)
        if (not line.strip() or heading or item) and current is not None:
            _finish(current, text)
            yield current
            current, text = None, []
        if heading:
            yield Block("heading", emphasis(heading[2]), level=len(heading[1]))
        elif item:
            current, text = _list_item(item), [item[item.re.groups]]
        elif line.strip():
            current = current or Block("paragraph")
            text.append(line.strip())


def _list_item(item: re.Match[str]) -> Block:
    """A one-item list; `_merge_lists` joins consecutive items of the same kind."""
    if item.re is _NUMBERED:
        return Block("numbers", start=int(item[1]))
    return Block("bullets")


def _merge_lists(blocks: Iterator[Block]) -> list[Block]:
    merged: list[Block] = []
    for block in blocks:
        if merged and block.kind in ("bullets", "numbers") and merged[-1].kind == block.kind:
            merged[-1].items.extend(block.items)
        else:
            merged.append(block)
    return merged


def _finish(block: Block, text: list[str]) -> None:
    joined = emphasis(" ".join(text))
    if block.kind == "paragraph":
        block.text = joined
    else:
        block.items.append(joined)
