"""What a Russian protocol's lines say: date, number, chair, agenda, СЛУШАЛИ/ВЫСТУПИЛИ/РЕШИЛИ.

The reader walks the lines once, switching section at the words protocols are written with
(«Председатель», «Присутствовали», «Повестка дня», «СЛУШАЛИ», «ВЫСТУПИЛИ», «РЕШИЛИ» or
«ПОСТАНОВИЛИ», «Рекомендации»). Whatever it does not recognise is kept, in order, in
`leftovers`, so that the editor who finishes the record loses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from ..site import MONTHS

DASH = re.compile(r"\s+[—–-]\s+")
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_LONG_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", re.IGNORECASE)
_NUMBER = re.compile(r"№\s*(\d{1,2})\b")
_TIME = re.compile(r"\b(?:начало\s+)?в\s+(\d{1,2}[:.]\d{2})\b", re.IGNORECASE)
_FORM = re.compile(r"\s*\((очно|дистанционно|смешанно)\)\s*$", re.IGNORECASE)
_NUMBERED = re.compile(r"(\d{1,2})[.)]\s*(.+)")
_DECISION = re.compile(r"(\d{1,2})\.(\d{1,2})\.?\s+(.+)")
_SPEAKER_TAIL = re.compile(
    r"\s*(?:\((?:докладчик|докл\.)\s*[—–:-]?\s*(?P<a>[^)]+)\)|[.,]?\s*Докладчик\s*[:—–-]\s*(?P<b>.+?))\.?$",
    re.IGNORECASE,
)
_EXECUTOR = re.compile(
    r"\s*(?:Ответственн\w*|Исполнител\w*)\s*[:—–-]\s*(?P<who>[^;]+?)"
    r"(?:[;.]\s*срок\w*\s*(?:исполнения)?\s*[:—–-]?\s*(?P<when>.+?))?\s*\.?\s*$",
    re.IGNORECASE,
)
_DEADLINE = re.compile(r"\s*Срок\w*\s*(?:исполнения)?\s*[:—–-]\s*(?P<when>.+?)\s*\.?\s*$", re.I)
_SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        # The three words of an agenda item: in capitals, or in any case with a colon.
        ("heard", r"(?:(\d{1,2})[.)]\s*)?(?:(?-i:СЛУШАЛИ)\s*[:.]?|слушали\s*:)\s*(.*)"),
        ("spoke", r"()(?:(?-i:ВЫСТУПИЛИ)\s*[:.]?|выступили\s*:)\s*(.*)"),
        ("decided", r"()(?:(?-i:РЕШИЛИ|ПОСТАНОВИЛИ)\s*[:.]?|(?:решили|постановили)\s*:)\s*(.*)"),
        ("agenda", r"()Повестка\s+дня\s*[:.]?\s*(.*)"),
        ("present", r"()Присутствовал[иао]?\s*[:—–-]?\s*(.*)"),
        ("invited", r"()Приглаш[её]нн\w*\s*[:—–-]?\s*(.*)"),
        ("recommendations", r"()Рекомендаци\w*\s*[:.]?\s*(.*)"),
        ("chair", r"()Председател\w*\s*(?:[:—–-]\s*)?(.*)"),
        ("secretary", r"()Секретар\w*\s*(?:[:—–-]\s*)?(.*)"),
        ("topic", r"()Тема(?:\s+заседания)?\s*:\s*(.*)"),
        ("place", r"()Место(?:\s+проведения)?\s*:\s*(.*)"),
        ("other", r"()((?:Контроль исполнения|Приложени).*)"),
    )
)
# Lines kept as they are without leaving the current section.
_ASIDE = re.compile(r"(?:Голосовали|Итоги голосования|Единогласно)\b.*", re.IGNORECASE)


@dataclass
class Decision:
    number: str  # «1.1»
    text: str
    who: str | None = None
    when: str | None = None


@dataclass
class Item:
    question: str = ""
    speaker: str | None = None
    summary: list[str] = field(default_factory=list)
    discussion: list[list[str]] = field(default_factory=list)  # [name text, summary]
    decisions: list[Decision] = field(default_factory=list)


@dataclass
class Protocol:
    """A protocol as far as its text could be read; names are the text as written."""

    day: date | None = None
    number: int | None = None
    time: str | None = None
    place: str | None = None
    form: str | None = None  # «очно», «дистанционно», «смешанно» as the protocol says
    city: str | None = None
    topic: str | None = None
    chair: str | None = None
    secretary: str | None = None
    present: list[str] = field(default_factory=list)
    present_count: int | None = None
    invited: list[str] = field(default_factory=list)
    agenda: list[Item] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)


def read_protocol(lines: list[str]) -> Protocol:
    """Everything recognisable in a protocol's lines; the rest in `leftovers`."""
    reader = _Reader(Protocol())
    for line in lines:
        reader.feed(line)
    return reader.protocol


@dataclass
class _Reader:
    protocol: Protocol
    section: str = "header"
    item: Item | None = None
    heard: int = 0  # СЛУШАЛИ blocks met so far

    def feed(self, line: str) -> None:
        if self._signature_row(line):
            return
        if _ASIDE.fullmatch(line):
            self.protocol.leftovers.append(line)
            return
        for name, pattern in _SECTIONS:
            match = pattern.fullmatch(line)
            if match:
                self._open(name, match.group(1), match.group(2).strip())
                return
        self._HANDLERS.get(self.section, _Reader._leftover)(self, line)

    def _open(self, name: str, number: str | None, rest: str) -> None:
        protocol = self.protocol
        if name == "heard":
            self.heard = int(number) if number else self.heard + 1
            self.item = self._item(self.heard)
        simple: dict[str, Callable[[str], None]] = {
            "chair": lambda text: setattr(protocol, "chair", text),
            "secretary": lambda text: setattr(protocol, "secretary", text),
            "topic": lambda text: setattr(protocol, "topic", text),
            "place": self._place,
            "other": protocol.leftovers.append,
        }
        if name in simple:
            if rest:
                simple[name](rest)
            self.section = "opening" if name != "other" else "other"
            return
        self.section = name
        if rest:
            self._HANDLERS[name](self, rest)

    def _item(self, number: int) -> Item:
        while len(self.protocol.agenda) < number:
            self.protocol.agenda.append(Item())
        return self.protocol.agenda[number - 1]

    def _signature_row(self, line: str) -> bool:
        cells = [c.strip() for c in line.split("|") if c.strip().strip("_")]
        if len(cells) < 2 or not re.match(r"(Председател|Секретар)", cells[0], re.IGNORECASE):
            return False
        field_name = "chair" if cells[0].lower().startswith("пред") else "secretary"
        if getattr(self.protocol, field_name) is None:
            setattr(self.protocol, field_name, cells[-1])
        return True

    def _header(self, line: str) -> None:
        protocol = self.protocol
        day = _find_date(line)
        # The protocol's number stands beside its date («10.06.2026 № 6»), not in a name.
        number = _NUMBER.search(line) if day or line.startswith("№") else None
        if protocol.day is None and day is not None:
            protocol.day = day
        if protocol.number is None and number is not None:
            protocol.number = int(number[1])
        if day is None and number is None:
            if re.fullmatch(r"(г\.|город|с\.|пос\.)\s*\S.*", line) and protocol.city is None:
                protocol.city = line
            else:
                protocol.leftovers.append(line)

    def _place(self, text: str) -> None:
        time = _TIME.search(text)
        if time:
            self.protocol.time = time[1].replace(".", ":").zfill(5)
            text = text[: time.start()] + text[time.end() :]
        form = _FORM.search(text)
        if form:
            self.protocol.form = form[1].lower()
            text = text[: form.start()]
        self.protocol.place = re.sub(r"\s*,\s*(,\s*)+", ", ", text).strip(" ,")

    def _present(self, line: str) -> None:
        count = re.match(r"(\d+)\s*(?:человек|чел)", line)
        if count:
            self.protocol.present_count = int(count[1])
        else:
            self.protocol.present.append(_unnumbered(line))

    def _invited(self, line: str) -> None:
        self.protocol.invited.extend(_unnumbered(p) for p in _split_people(line))

    def _agenda(self, line: str) -> None:
        numbered = _NUMBERED.fullmatch(line)
        if numbered:
            item = self._item(int(numbered[1]))
            tail = _SPEAKER_TAIL.search(numbered[2])
            item.question = numbered[2][: tail.start()] if tail else numbered[2]
            item.question = item.question.strip().rstrip(".")
            if tail:
                item.speaker = (tail["a"] or tail["b"]).strip()
        elif self.protocol.agenda:
            last = self.protocol.agenda[-1]
            last.question = f"{last.question} {line}".strip()
        else:
            self.protocol.leftovers.append(line)

    def _heard(self, line: str) -> None:
        item = self.item or self._item(1)
        parts = DASH.split(line, maxsplit=1)
        if not item.summary and len(parts) == 2 and _looks_like_name(parts[0]):
            item.speaker = parts[0]
            item.summary.append(parts[1])
        else:
            item.summary.append(line)

    def _spoke(self, line: str) -> None:
        item = self.item or self._item(1)
        parts = DASH.split(line, maxsplit=1)
        if len(parts) == 2 and _looks_like_name(parts[0]):
            item.discussion.append([parts[0], parts[1]])
        elif item.discussion:
            item.discussion[-1][1] += " " + line
        else:
            self.protocol.leftovers.append(line)

    def _decided(self, line: str) -> None:
        item = self.item or self._item(1)
        number = self.protocol.agenda.index(item) + 1
        match = _DECISION.fullmatch(line)
        executor = _EXECUTOR.fullmatch(line) or _DEADLINE.fullmatch(line)
        if executor and item.decisions and not match:
            _attach(item.decisions[-1], executor)
        elif match:
            item.decisions.append(_decision(f"{match[1]}.{match[2]}", match[3]))
        elif item.decisions and not _NUMBERED.fullmatch(line):
            item.decisions[-1].text += " " + line
        else:
            item.decisions.append(_decision(f"{number}.{len(item.decisions) + 1}", line))

    def _recommendations(self, line: str) -> None:
        numbered = _NUMBERED.fullmatch(line)
        self.protocol.recommendations.append((numbered[2] if numbered else line).rstrip(";"))

    def _leftover(self, line: str) -> None:
        self.protocol.leftovers.append(line)

    _HANDLERS: ClassVar[dict[str, Callable[[_Reader, str], None]]] = {
        "header": _header,
        "present": _present,
        "invited": _invited,
        "agenda": _agenda,
        "heard": _heard,
        "spoke": _spoke,
        "decided": _decided,
        "recommendations": _recommendations,
    }


def _decision(number: str, text: str) -> Decision:
    """A decision, with «Ответственный: …; срок: …» split off its end when written there."""
    decision = Decision(number, text)
    tail = re.search(r"(?:Ответственн\w*|Исполнител\w*|Срок\w*)\s*[:—–-]", text, re.IGNORECASE)
    if tail:
        executor = _EXECUTOR.fullmatch(text[tail.start() :]) or _DEADLINE.fullmatch(
            text[tail.start() :]
        )
        if executor:
            decision.text = text[: tail.start()].strip()
            _attach(decision, executor)
    return decision


def _attach(decision: Decision, match: re.Match[str]) -> None:
    groups = match.groupdict()
    decision.who = groups.get("who") or decision.who
    decision.when = groups.get("when") or decision.when


def _find_date(text: str) -> date | None:
    try:
        if match := _DATE.search(text):
            return date(int(match[3]), int(match[2]), int(match[1]))
        if match := _LONG_DATE.search(text):
            return date(int(match[3]), MONTHS.index(match[2].lower()) + 1, int(match[1]))
    except ValueError:
        return None
    return None


def deadline_of(text: str | None) -> date | None:
    """«до 30.01.2026» → that date."""
    return _find_date(text) if text else None


def _unnumbered(line: str) -> str:
    numbered = _NUMBERED.fullmatch(line)
    return (numbered[2] if numbered else line).strip().rstrip(".;")


def _split_people(line: str) -> list[str]:
    return [part for part in re.split(r";\s*", line) if part.strip()]


def _looks_like_name(text: str) -> bool:
    return re.search(r"[А-ЯЁ][а-яё]+\s*[А-ЯЁ]\.|[А-ЯЁ]\.\s*[А-ЯЁ]\.", text) is not None
