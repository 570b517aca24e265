"""Column widths of a document's tables, chosen from what the cells hold.

A template writes a pipe table without caring for its widths; before pandoc sees it, every
table's separator line is rewritten so that the dashes give each column its share of the
text width (pandoc takes the relative widths from the dashes). The shares follow the
automatic table layout of CSS: each column needs at least its longest unbreakable piece —
a date, «№ 3», «Белова Е. А.» bound by non-breaking spaces, a long word down to the part
hyphenation leaves on a line — and at least 1 cm; the room left over goes to the columns
whose text is longest. So «№» is never squeezed into the border, «30.10.2025» never breaks
and a long «Тема, содержание» column gets the space.

Widths are measured with the advance widths of Times New Roman (the documents' font),
rounded up; bold header cells count a little wider.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

PT_MM = 25.4 / 72
MIN_COLUMN_MM = 10.0
CELL_PADDING_MM = 3.5  # 1.5 mm each side in the reference styles, and the rule
GRID_PT = 12.0  # data tables
BORDERLESS_PT = 14.0  # requisites and signature lines, like the text around them
BORDERLESS_STYLES = ("Borderless", "Signatures")
BOLD_FACTOR = 1.08
SEPARATOR_DASHES = 1000  # the precision of the shares: per mille of the text width
HYPHENATED_MIN_LETTERS = 8  # a hyphenated word leaves at least this many letters on a line
BLANK_COLUMN_MM = 40.0  # a column left blank to be filled in by hand: a signature, a mark

# Advance widths in em of Times New Roman (Liberation Serif has the same metrics).
_WIDE_LOWER = set("жмшщыюфЖ")
_WIDE_UPPER = set("ЖМШЩЫЮДФMW")
_NARROW = {
    " ": 0.25, "\u00a0": 0.25, ".": 0.25, ",": 0.25, ":": 0.28, ";": 0.28, "!": 0.33,
    "i": 0.28, "l": 0.28, "j": 0.28, "f": 0.33, "t": 0.28, "r": 0.33, "I": 0.33,
    "(": 0.33, ")": 0.33, "-": 0.33, "/": 0.28, "'": 0.18, '"': 0.41, "«": 0.5, "»": 0.5,
    "—": 1.0, "–": 0.5, "№": 1.0, "%": 0.83, "_": 0.5, "г": 0.41, "т": 0.43, "з": 0.4,
}  # fmt: skip

_ESCAPE = re.compile(r"\\(.)")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CAPTION_STYLE = re.compile(r'^:\s*\{custom-style="(\w+)"\}\s*$')
_SEPARATOR_CELL = re.compile(r"^\s*(:?)-+(:?)\s*$")
_WORD_BREAK = re.compile(r"(?<=[а-яёa-z])-(?=[а-яёa-z])", re.IGNORECASE)


def char_em(char: str) -> float:
    """The advance width of one character, in em."""
    if char in _NARROW:
        return _NARROW[char]
    if char.isdigit():
        return 0.5
    if char.isupper():
        return 0.92 if char in _WIDE_UPPER else 0.70
    if char.isalpha():
        return 0.72 if char in _WIDE_LOWER else 0.50
    return 0.5


def text_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """How wide a text sets on one line."""
    em = sum(char_em(char) for char in text) * (BOLD_FACTOR if bold else 1.0)
    return em * size_pt * PT_MM


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's printed text (Markdown escapes and strong marks removed) and whether bold."""

    text: str
    bold: bool
    hyphenated: bool = True  # False in a register: names are never hyphenated

    @classmethod
    def parse(cls, markdown: str, *, hyphenated: bool = True) -> Cell:
        text = markdown.strip()
        bold = text.startswith("**") and text.endswith("**") and len(text) > 4
        text = text.replace("**", "")
        return cls(_ESCAPE.sub(r"\1", text), bold, hyphenated and not bold)

    def pieces(self) -> Iterator[str]:
        """What cannot be broken: words, and parts of a hyphenated compound word."""
        for word in self.text.split(" "):
            yield from _WORD_BREAK.sub("-\n", word).split("\n")

    def least_mm(self, size_pt: float) -> float:
        """The narrowest the cell can be: its widest unbreakable piece."""
        return max((self._piece_mm(piece, size_pt) for piece in self.pieces()), default=0.0)

    def most_mm(self, size_pt: float) -> float:
        """The width of the whole text on one line."""
        return text_mm(self.text, size_pt, bold=self.bold)

    def _piece_mm(self, piece: str, size_pt: float) -> float:
        letters = piece.rstrip(".,;:»)")
        if self.hyphenated and letters.isalpha() and len(letters) > HYPHENATED_MIN_LETTERS + 1:
            # Hyphenation may break a long word (not in a bold header, which a clerk reads
            # at a glance); the longer part stays on one line.
            kept = max(HYPHENATED_MIN_LETTERS, math.ceil(len(letters) * 0.65))
            return text_mm(letters[:kept] + "-", size_pt, bold=self.bold)
        return text_mm(piece, size_pt, bold=self.bold)


def column_widths(rows: Sequence[Sequence[Cell]], total_mm: float, size_pt: float) -> list[float]:
    """Widths in mm, summing to `total_mm`: CSS automatic table layout with a 1 cm floor."""
    count = max((len(row) for row in rows), default=0)
    least = [MIN_COLUMN_MM] * count
    most = [MIN_COLUMN_MM] * count
    for row in rows:
        for index, cell in enumerate(row):
            least[index] = max(least[index], cell.least_mm(size_pt) + CELL_PADDING_MM)
            most[index] = max(most[index], cell.most_mm(size_pt) + CELL_PADDING_MM)
    for index in _blank_columns(rows[1:], count):
        least[index] = most[index] = max(most[index], BLANK_COLUMN_MM)
    if sum(most) <= total_mm:
        # Everything fits on one line: share the spare room by content.
        return [width * total_mm / sum(most) for width in most]
    if sum(least) >= total_mm:
        return [width * total_mm / sum(least) for width in least]
    spare = (total_mm - sum(least)) / (sum(most) - sum(least))
    return [low + (high - low) * spare for low, high in zip(least, most, strict=True)]


def _blank_columns(body: Sequence[Sequence[Cell]], count: int) -> list[int]:
    """Columns whose every body cell is empty: they are there to be written in by hand."""
    if not body:
        return []
    return [
        index
        for index in range(count)
        if all(index >= len(row) or not row[index].text.strip() for row in body)
    ]


def size_tables(markdown: str, text_width_mm: float) -> str:
    """The Markdown with every pipe table's separator line giving its columns' widths."""
    lines = markdown.split("\n")
    index = 0
    while index < len(lines):
        if _is_table_start(lines, index):
            end = index
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            lines[index + 1] = _separator(lines, index, end, text_width_mm)
            index = end
        else:
            index += 1
    return "\n".join(lines)


def _is_table_start(lines: list[str], index: int) -> bool:
    return (
        lines[index].startswith("|")
        and index + 1 < len(lines)
        and lines[index + 1].startswith("|")
        and bool(separator := _cells(lines[index + 1]))
        and all(_SEPARATOR_CELL.match(cell) for cell in separator)
    )


def _separator(lines: list[str], start: int, end: int, text_width_mm: float) -> str:
    """A new separator line for the table in lines[start:end] (header, separator, body)."""
    aligns = [_SEPARATOR_CELL.match(cell) for cell in _cells(lines[start + 1])]
    style = _table_style(lines, end)
    rows = [
        [Cell.parse(cell, hyphenated=style != "Register") for cell in _cells(lines[i])][
            : len(aligns)
        ]
        for i in range(start, end)
        if i != start + 1
    ]
    size = BORDERLESS_PT if style in BORDERLESS_STYLES else GRID_PT
    widths = column_widths(rows, text_width_mm, size)
    dashes = _shares(widths)
    parts = []
    for align, share in zip(aligns, dashes, strict=True):
        left, right = (align.group(1), align.group(2)) if align else ("", "")
        parts.append(left + "-" * max(1, share - len(left) - len(right)) + right)
    return "|" + "|".join(parts) + "|"


def _shares(widths: Sequence[float]) -> list[int]:
    """Widths as whole numbers of dashes, SEPARATOR_DASHES in all (largest remainders)."""
    total = sum(widths) or 1.0
    exact = [width * SEPARATOR_DASHES / total for width in widths]
    shares = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: shares[i] - exact[i])
    for i in by_remainder[: SEPARATOR_DASHES - sum(shares)]:
        shares[i] += 1
    return shares


def _table_style(lines: list[str], end: int) -> str | None:
    """The custom-style of the table whose rows end before `end` (its caption line)."""
    following = (line for line in lines[end:] if line.strip())
    caption = _CAPTION_STYLE.match(next(following, ""))
    return caption.group(1) if caption else None


def _cells(line: str) -> list[str]:
    parts = _CELL_SPLIT.split(line.strip())
    return parts[1:-1] if len(parts) >= 2 else parts
