"""A Word document as lines of plain text, read through pandoc's document tree.

pandoc (sandboxed, `read_docx`) turns the DOCX into its JSON tree; this module flattens it:
a paragraph or heading is a line, a hard line break starts a new line, a numbered list item
gets its number back («1.», «1.1.» for a nested list, «а)» for a lettered one), a bulleted
one a dash, a table row is its cells joined by
« | ». Formatting, images and notes are dropped — the import keeps the words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from generator.documents.pandoc import read_docx

Node = dict[str, Any]
CELL_SEPARATOR = " | "
BULLET = "–"  # how a bulleted list's item starts
_SPACES = re.compile(r"[ \t\u00a0]+")


def docx_lines(data: bytes) -> list[str]:
    """The text lines of a DOCX file, empty lines dropped."""
    tree = json.loads(read_docx(data))
    lines = (_SPACES.sub(" ", line).strip() for line in _blocks(tree.get("blocks", []), ""))
    return [line for line in lines if line]


def _blocks(blocks: list[Node], number: str) -> Iterator[str]:
    for block in blocks:
        yield from _block(block, number)


def _block(block: Node, number: str) -> Iterator[str]:
    kind, content = block.get("t"), block.get("c", [])
    if kind in ("Para", "Plain"):
        yield from _text(content).split("\n")
    elif kind == "Header":
        yield from _text(content[2]).split("\n")
    elif kind == "LineBlock":
        yield from (_text(line) for line in content)
    elif kind in ("BlockQuote", "Div", "Figure"):
        yield from _blocks(content if kind == "BlockQuote" else content[-1], number)
    elif kind == "OrderedList":
        start, style = content[0][0], content[0][1].get("t")
        for index, item in enumerate(content[1]):
            if style in ("LowerAlpha", "UpperAlpha"):  # sub-items «а)», «б)» of a decision
                yield from _item(item, number, f"{_letter(start + index)})")
            else:
                yield from _item(item, f"{number}{start + index}.")
    elif kind == "BulletList":
        for item in content:
            yield from _item(item, number, BULLET)
    elif kind == "Table":
        yield from _table(content)


def _item(blocks: list[Node], number: str, label: str | None = None) -> Iterator[str]:
    """A list item: its first line carries the item's number (or `label`: a bullet, a
    letter), nested numbered lists extend the number."""
    label = label or number
    first = True
    for block in blocks:
        for line in _block(block, number):
            nested = block.get("t") in ("OrderedList", "BulletList")
            yield line if nested or not first or not label else f"{label} {line}"
            first = False


def _letter(index: int) -> str:
    """The Russian letter of a list's item: а, б, в… (ё, й, ъ, ы, ь are skipped)."""
    letters = "абвгдежзиклмнопрстуфхцчшщэюя"
    return letters[(index - 1) % len(letters)]


def _table(content: list[Any]) -> Iterator[str]:
    _attr, _caption, _specs, head, bodies, foot = content
    rows = list(head[1])
    for body in bodies:
        rows += body[2] + body[3]
    rows += foot[1]
    for row in rows:
        cells = [" ".join(_blocks(cell[4], "")) for cell in row[1]]
        if any(cells):
            yield CELL_SEPARATOR.join(cell.strip() for cell in cells)


def _text(inlines: list[Node]) -> str:
    return "".join(_inline(node) for node in inlines)


def _inline(node: Node) -> str:
    kind, content = node.get("t"), node.get("c", [])
    if kind == "Str":
        return str(content)
    if kind in ("Space", "SoftBreak"):
        return " "
    if kind == "LineBreak":
        return "\n"
    if kind in (
        "Emph",
        "Strong",
        "Underline",
        "Strikeout",
        "Superscript",
        "Subscript",
        "SmallCaps",
    ):
        return _text(content)
    if kind in ("Span", "Link", "Cite"):
        return _text(content[1])
    if kind == "Quoted":
        return f"«{_text(content[1])}»"
    if kind in ("Code", "Math"):
        return str(content[1])
    return ""  # notes, images, raw fragments
