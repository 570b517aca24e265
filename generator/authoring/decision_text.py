"""A decision's words: its text, who carries it out and by when, its votes; a row of a
decisions table; a check of an earlier decision («Контроль исполнения…»).

«1.2. Провести консультации до 01.04.2024. Ответственный: Миронова Е.А.», «Маркиной О.В.
подготовить…», «| 1.1 | Представить планы | Яковлев П. А. | до 30.06.2026 |», «Голосовали:
единогласно», «решение 1.1 от 21.05.2026 — выполнено».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from generator.authoring.names import PersonName, parse_name
from generator.authoring.protocol_text import (
    _INITIAL_END,
    NAME,
    _find_date,
    deadline_of,
    looks_like_name,
)
from generator.russian import MONTHS, _morphology

# «Ответственный: …», «Исполнители – …», «Срок исполнения: …» — in a decision or after it.
_LABEL = re.compile(
    r"(?:(?P<who>Ответственн\w*|Исполнител\w*)|Срок\w*(?:\s+исполнения)?)\s*[:—–-]\s*",
    re.IGNORECASE,
)
# A deadline in a decision's own words: «до 01.04.2024», «в срок до «31» марта 2025 г.».
_DUE = re.compile(
    r"(?:в\s+срок\s+)?(?:до|не\s+позднее)\s+(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\b"
    r"|[«\"“]?\d{1,2}[»\"”]?\s+(?:" + "|".join(MONTHS) + r")\s+\d{4}(?:\s*г\.)?)",
    re.IGNORECASE,
)
_VOTE_LINE = re.compile(
    r"(?:(?:Итоги\s+)?голосовани[ея]|(?:про)?голосовали)\s*[:—–-]?.*|[«\"]?за[»\"]?\s*[:—–-].*"
    r"|(?:Решение\s+принято\s+)?единогласно\.?",
    re.IGNORECASE,
)
_UNANIMOUS = re.compile(r"единогласн", re.IGNORECASE)
_VOTE_TAIL = re.compile(
    r"\(?(?:Итоги\s+голосования|Голосование|Голосовали)\s*[:—–-].*$", re.IGNORECASE
)


class Votes(NamedTuple):
    """«за – 12, против – 0, воздержались – 1», or «единогласно» with no count."""

    votes_for: int | None
    against: int
    abstained: int
    unanimous: bool = False


@dataclass
class Decision:
    number: str  # «1.1»
    text: str
    who: str | None = None  # as written: «Мусина Н.Г.», «руководители ОО»
    when: str | None = None
    votes: Votes | None = None
    who_name: PersonName | None = None  # the person `who` names, in the nominative


def read_decision(number: str, text: str) -> Decision:
    """A decision, with «Ответственный: …; срок: …» and the votes split off its end; a
    decision that opens with a name («Маркиной О.В. подготовить…») names who carries it out."""
    decision = Decision(number, text)
    votes = _VOTE_TAIL.search(text)
    if votes and (counted := read_votes(votes[0])):
        decision.votes = counted
        text = text[: votes.start()].strip().rstrip(";,(").strip()
    text = decision.text = text.rstrip(" ;,")  # a list's item ends with «;»
    for label in _LABEL.finditer(text):
        before = text[: label.start()]
        # A label ends the decision after a full stop or a bracket, or begins a capital.
        if label.start() > 0 and (label[0][0].isupper() or re.search(r"[.;,(]\s*$", before)):
            decision.text = before.strip().rstrip("(,;").strip()
            _attach(decision, text[label.start() :])
            break
    if decision.who is None and (name := _executor_first(decision.text)) is not None:
        decision.who, decision.who_name = name.written.strip(), name
    return decision


def due_in(text: str) -> str | None:
    """The deadline a decision's own words give: «…обновить положения до 31.03.2025» →
    «до 31.03.2025» (the text stays whole)."""
    due = _DUE.search(text)
    return due[0] if due else None


def _executor_first(text: str) -> PersonName | None:
    """The name a decision opens with when an infinitive follows it: «Маркиной О.В.
    подготовить…», «Поручить Маркиной О.В. подготовить…» (not «Петров А.А. назначен…», a
    statement about the person)."""
    charge = re.match(r"Поручить\s+", text)
    at = charge.end() if charge else 0
    name = parse_name(text[at:], "dative" if charge else "responsible")
    if name is None or name.start > 0:
        return None
    words = re.findall(r"[А-ЯЁа-яё]+", text[at + name.end :])
    infinitive = bool(words) and _morphology().parse(words[0].lower())[0].tag.POS == "INFN"
    return name if infinitive and words[0].islower() else None


def _attach(decision: Decision, tail: str) -> None:
    """«Ответственный: Маркина О.В. Срок: до 15.09.2026.» in either order."""
    labels = list(_LABEL.finditer(tail))
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(tail)
        value = _value(tail[label.end() : end])
        if not value:
            continue
        if label["who"]:
            decision.who, decision.who_name = value, responsible(value)
        else:
            decision.when = value


def responsible(text: str) -> PersonName | None:
    """The one person «Ответственный: …» names: «Мусина Н.Г.», «Маркиной О.В., методисту»;
    None for a group («руководители ОО») and for several people («Маркина О.В., Ильина О.К.»)."""
    name = parse_name(text, "responsible")
    if name is None or NAME.search(text[name.end :]):
        return None
    return name


def _value(text: str) -> str:
    """A label's value without the punctuation around it; an initial keeps its full stop."""
    text = text.strip().strip(";,()").strip()
    if text.endswith(".") and not _INITIAL_END.search(text):
        text = text[:-1]
    return text.strip(" ;,)")


def read_votes(text: str) -> Votes | None:
    """«за – 12, против – 0, воздержались – 1» (or «нет»); «единогласно» without counts;
    None when neither a count «за» nor «единогласно» is written."""
    counts = [_count(word, text) for word in (r"за", r"против", r"воздерж\w*")]
    if counts[0] is None:
        return Votes(None, 0, 0, True) if _UNANIMOUS.search(text) else None
    return Votes(counts[0], counts[1] or 0, counts[2] or 0)


def _count(word: str, text: str) -> int | None:
    pattern = rf"(?<![А-ЯЁа-яё])[«\"]?{word}[»\"]?\s*[:—–-]?\s*(\d+|нет|никто)(?![А-ЯЁа-яё\d])"
    found = re.search(pattern, text, re.IGNORECASE)
    if found is None:
        return None
    return int(found[1]) if found[1].isdigit() else 0


_COLUMNS = (
    ("number", r"№(?:\s*п/п)?|N"),
    ("text", r"(?:Содержание\s+)?решени[ея]|Мероприяти[ея]|Что\s+решили|Поручени[ея]"),
    ("who", r"Ответственн\w*|Исполнител\w*"),
    ("when", r"Срок\w*(?:\s+исполнения)?"),
)


def header_columns(cells: list[str]) -> dict[str, int] | None:
    """The columns a decisions table's header row names («№ | Решение | Ответственный |
    Срок исполнения»); None for a row that is not a header."""
    roles = {role: i for i, cell in enumerate(cells) if (role := _column(cell))}
    return roles if "text" in roles and len(roles) > 1 else None


def _column(cell: str) -> str | None:
    text = cell.strip(" .:*")
    return next((r for r, p in _COLUMNS if re.fullmatch(p, text, re.IGNORECASE)), None)


def table_decision(cells: list[str], columns: dict[str, int]) -> tuple[str, Decision] | None:
    """A row of a decisions table: the number as written («1.1», «2», or "") and the
    decision; without a header, a number, a name and a date are told apart by their look
    and the longest of the rest is the decision. None for a row with no decision."""
    columns = columns or _guess_columns(cells)
    if "text" not in columns:
        return None

    def cell(role: str) -> str:
        at = columns.get(role)
        return cells[at] if at is not None and at < len(cells) else ""

    decision = read_decision("", cell("text"))
    who, when = _cell_value(cell("who")), _cell_value(cell("when"))
    if who:
        decision.who, decision.who_name = who, responsible(who)
    if when:
        decision.when = when
    return cell("number").rstrip("."), decision


def _guess_columns(cells: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if i == 0 and re.fullmatch(r"\d{1,2}(?:\.\d{1,2})?\.?", cell):
            columns["number"] = i
        elif "when" not in columns and (
            deadline_of(cell) or re.match(r"(?:до|в\s+течение)\b", cell, re.IGNORECASE)
        ):
            columns["when"] = i
        elif "who" not in columns and len(cell) < 60 and looks_like_name(cell):
            columns["who"] = i
    rest = [i for i in range(len(cells)) if i not in columns.values() and cells[i]]
    if rest:
        columns["text"] = max(rest, key=lambda i: len(cells[i]))
    return columns


def _cell_value(text: str) -> str:
    """A cell without the punctuation around it; an initial keeps its full stop."""
    text = text.strip()
    return text if re.search(r"[А-ЯЁ]\.$", text) else text.strip(" .;,")


@dataclass
class FollowMark:
    """A check of an earlier decision as a protocol writes it: «решение 1.1 от 21.05.2026 —
    выполнено», «Решение 1.2 заседания № 3 (2025–2026 учебный год) — выполнено: …»."""

    text: str  # the line as written
    decision: str  # «1.1»
    status: str  # an ExecutionStatus value
    day: date | None = None  # the date of the meeting that took the decision
    number: int | None = None  # that meeting's number
    school_year: str | None = None  # «2025-2026», when written
    note: str | None = None
    previous: bool = False  # «Контроль исполнения решений предыдущего заседания»


# Longest first: «не выполнено» before «выполнено», «выполняется» before both.
_STATUSES = (
    ("overdue", r"не\s+(?:вы|ис)полнен\w*|просрочен\w*"),
    ("cancelled", r"отмен[её]н\w*"),
    ("in_progress", r"(?:вы|ис)полня\w*|в\s+(?:работе|процессе(?:\s+исполнения)?)|на\s+контроле"),
    ("done", r"(?:вы|ис)полнен\w*"),
)
_MARKED = re.compile(
    r"решени\w*\s+(?:№\s*)?(\d{1,2}\.\d{1,2}(?:\.?\s*(?:,|и)\s*\d{1,2}\.\d{1,2})*)", re.I
)
_HELD_NUMBER = re.compile(r"(?:заседани\w*|протокол\w*)\s*№\s*(\d{1,2})\b", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"\b(20\d\d)\s*[–—/-]\s*(20\d\d)\b")


def read_follow_up(line: str) -> list[FollowMark]:
    """The checks a line of «Контроль исполнения…» records, one per decision it names; none
    when it names no decision («1.1») or no status («выполнено», «просрочено»…)."""
    text = re.sub(r"^\d{1,2}(?:\.\d{1,2})*[.)]\s*", "", line.strip())
    decisions = _MARKED.search(text)
    found = [
        (status, match)
        for status, pattern in _STATUSES
        if (match := re.search(rf"(?<![А-ЯЁа-яё]){pattern}", text, re.IGNORECASE))
    ]
    if decisions is None or not found:
        return []
    status, match = min(found, key=lambda pair: pair[1].start())
    note = text[match.end() :].strip(" :;.,—–-") or None
    held = _HELD_NUMBER.search(text)
    years = _SCHOOL_YEAR.search(text)
    school_year = f"{years[1]}-{years[2]}" if years else None
    day = _find_date(text[: match.start()])
    return [
        FollowMark(line, number, status, day, int(held[1]) if held else None, school_year, note)
        for number in re.findall(r"\d{1,2}\.\d{1,2}", decisions[1])
    ]
