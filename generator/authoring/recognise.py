"""What a Russian protocol's lines say: date, number, chair, agenda, СЛУШАЛИ/ВЫСТУПИЛИ/РЕШИЛИ.

The reader walks the lines once, switching section at the words protocols are written with
(«Председатель», «Присутствовали», «Повестка дня», «СЛУШАЛИ» or «По первому вопросу
выступила…», «ВЫСТУПИЛИ», «РЕШИЛИ» or «ПОСТАНОВИЛИ», «Рекомендации»). A header laid out as a
table is read cell by cell; requisites may be joined by a colon or a dash and names written
with the initials first or last; votes («за – 12, против – 0, воздержались – 1») go with the
decisions they follow. Whatever it does not recognise is kept, in order, in `leftovers`, so
that the editor who finishes the record loses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, NamedTuple

from generator.russian import MONTHS

DASH = re.compile(r"\s+[—–-]\s+")
CELL = " | "  # how `docx_text` joins the cells of a table row
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_LONG_DATE = re.compile(
    r"\b(\d{1,2})[»\"”]?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", re.IGNORECASE
)
_NUMBER = re.compile(r"№\s*(\d{1,2})\b")
_PROTOCOL = re.compile(r"протокол\b", re.IGNORECASE)
_TIME = re.compile(r"\b(?:начало\s+)?в\s+(\d{1,2}[:.]\d{2})\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d{2})\b")
_FORM = re.compile(r"\s*\((очно|дистанционно|смешанно)\)\s*$", re.IGNORECASE)
_NUMBERED = re.compile(r"(\d{1,2})[.)]\s*(.+)")
_DECISION = re.compile(r"(\d{1,2})\.(\d{1,2})\.?\s+(.+)")
_COUNT = re.compile(r"(\d+)\s*(?:человек|чел\b|член|участник|педагог|из\s+\d+)", re.IGNORECASE)
_SPEAKER_TAIL = re.compile(
    r"\s*(?:\((?:докладчик|докл\.)\s*[—–:-]?\s*(?P<a>[^)]+)\)|[.,]?\s*Докладчик\s*[:—–-]\s*(?P<b>.+?))\.?$",
    re.IGNORECASE,
)
# «Ответственный: …», «Исполнители – …», «Срок исполнения: …» — in a decision or after it.
_LABEL = re.compile(
    r"(?:(?P<who>Ответственн\w*|Исполнител\w*)|Срок\w*(?:\s+исполнения)?)\s*[:—–-]\s*",
    re.IGNORECASE,
)
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
# «Маркина О.В.», «О. В. Маркина», «Маркина Ольга Викторовна».
NAME = re.compile(
    rf"{_SURNAME}\s+[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.?)?|[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.)?\s*{_SURNAME}"
    rf"|{_SURNAME}\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|чна|ична|ич)\b"
)
_LEADING_NAME = re.compile(
    rf"(?P<name>{NAME.pattern})\s*(?:[,:—–-]\s*|\s+(?=[а-яё(«]))(?P<rest>.*)"
)
_NAME_REACH = 80  # how far into a СЛУШАЛИ line the speaker's name is looked for
_ORDINALS = ("перв", "втор", "трет", "четв", "пят", "шест", "седьм", "восьм", "девят", "десят")
_HEARD_VERBS = (
    r"слушали|(?:с\s+(?:докладом|информацией|сообщением)\s+)?выступил[аи]?"
    r"|доложил[аи]?|докладывал[аи]?|сообщил[аи]?|информировал[аи]?"
)
# «По первому вопросу выступила Маркина О.В., …», «По 2-му вопросу повестки слушали: …».
_BY_QUESTION = re.compile(
    r"(?:\d{1,2}[.)]\s*)?По\s+(?P<n>\d{1,2}(?:-?(?:му|ому))?|[а-яё]+(?:ому|ему))\s+вопросу"
    r"(?:\s+повестки(?:\s+дня)?)?\s*,?\s*"
    rf"(?P<verb>(?:{_HEARD_VERBS})|решили|постановили)\b\s*[:—–-]?\s*(?P<rest>.*)",
    re.IGNORECASE,
)
_SECTIONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        # The three words of an agenda item: in capitals, or in any case with a colon.
        ("heard", r"(?:(\d{1,2})[.)]\s*)?(?:(?-i:СЛУШАЛИ)\s*[:.]?|слушали\s*:)\s*(.*)"),
        (
            "spoke",
            r"()(?:(?-i:ВЫСТУПИЛИ)\s*[:.]?|выступили\s*:"
            r"|В\s+обсуждении(?:\s+(?:приняли\s+участие|выступили))?\s*:)\s*(.*)",
        ),
        (
            "decided",
            r"()(?:(?-i:РЕШИЛИ|ПОСТАНОВИЛИ|РЕШЕНИЕ)\s*[:.]?|(?:решили|постановили|решение)\s*:)"
            r"\s*(.*)",
        ),
        ("agenda", r"()Повестка\s+дня\s*[:.]?\s*(.*)"),
        ("present", r"()Присутствовал[иао]?\s*[:—–-]?\s*(.*)"),
        ("invited", r"()Приглаш[её]нн\w*\s*[:—–-]?\s*(.*)"),
        ("recommendations", r"()Рекомендаци\w*\s*[:.]?\s*(.*)"),
        ("chair", r"()Председател\w*\s*(?:[:—–-]\s*)?(.*)"),
        ("secretary", r"()Секретар\w*\s*(?:[:—–-]\s*)?(.*)"),
        ("topic", r"()Тема(?:\s+заседания)?\s*:\s*(.*)"),
        ("place", r"()Место(?:\s+проведения)?\s*[:—–-]\s*(.*)"),
        ("date", r"()Дата(?:\s+(?:проведения|заседания))?\s*[:—–-]\s*(.*)"),
        ("time", r"()Время(?:\s+(?:проведения|начала))?\s*[:—–-]\s*(.*)"),
        ("other", r"()((?:Контроль исполнения|Приложени|Отсутствовал).*)"),
    )
)
# Lines kept as they are without leaving the current section.
_ASIDE = re.compile(
    r"(?:Голосовали|Итоги голосования|Голосование|Единогласно|Решение\s+принято)\b.*",
    re.IGNORECASE,
)
_VOTE_LINE = re.compile(
    r"(?:(?:Итоги\s+)?голосовани[ея]|(?:про)?голосовали)\s*[:—–-]?.*|[«\"]?за[»\"]?\s*[:—–-].*",
    re.IGNORECASE,
)
_VOTE_TAIL = re.compile(
    r"\(?(?:Итоги\s+голосования|Голосование|Голосовали)\s*[:—–-].*$", re.IGNORECASE
)


class Votes(NamedTuple):
    """«за – 12, против – 0, воздержались – 1»."""

    votes_for: int
    against: int
    abstained: int


@dataclass
class Decision:
    number: str  # «1.1»
    text: str
    who: str | None = None
    when: str | None = None
    votes: Votes | None = None


@dataclass
class Item:
    question: str = ""
    speaker: str | None = None
    summary: list[str] = field(default_factory=list)
    discussion: list[list[str]] = field(default_factory=list)  # [name text, summary]
    decisions: list[Decision] = field(default_factory=list)
    votes_text: list[str] = field(default_factory=list)  # the vote lines as written


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

    def usable(self) -> bool:
        """Whether anything protocol-like was found: a date, a question, a decision, a chair."""
        decided = any(item.decisions for item in self.agenda)
        return bool(self.day or self.agenda or decided or self.chair)


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
    last: Decision | None = None  # the decision the next «Ответственный: …» line belongs to
    routed: Item | None = None  # the item the last «2.1» of this РЕШИЛИ block went to

    def feed(self, line: str) -> None:
        if self._signature_row(line):
            return
        if self.section == "header" and CELL in line:
            for cell in line.split(CELL):
                if cell.strip():
                    self.feed(cell.strip())
            return
        if self._vote(line) or self._by_question(line):
            return
        if _ASIDE.fullmatch(line):
            self.protocol.leftovers.append(line)
            return
        for name, pattern in _SECTIONS:
            match = pattern.fullmatch(line)
            if match and self._opens(name, match.group(2).strip()):
                self._open(name, match.group(1), match.group(2).strip())
                return
        self._HANDLERS.get(self.section, _Reader._leftover)(self, line)

    def _opens(self, name: str, rest: str) -> bool:
        """«Председатель – Н.Ю. Иванова» opens; «Секретарю направить…» does not."""
        if name not in ("chair", "secretary") or not rest:
            return True
        return NAME.search(_requisite(rest)) is not None

    def _open(self, name: str, number: str | None, rest: str) -> None:
        protocol = self.protocol
        if name == "heard":
            self.heard = int(number) if number else self.heard + 1
            self.item = self._item(self.heard)
        if name == "decided":
            self.routed = self.last = None
        simple: dict[str, Callable[[str], None]] = {
            "chair": lambda text: self._requisite("chair", text),
            "secretary": lambda text: self._requisite("secretary", text),
            "topic": lambda text: setattr(protocol, "topic", text),
            "place": self._place,
            "date": self._header,
            "time": self._time,
            "other": protocol.leftovers.append,
        }
        if name in simple:
            if rest:
                simple[name](rest)
            # «Председатель:» with the name on the next line waits for it.
            waiting = not rest and name in ("chair", "secretary")
            self.section = name if waiting else "opening" if name != "other" else "other"
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

    def _requisite(self, field_name: str, text: str) -> None:
        """The first chair or secretary named wins (the signatures repeat them)."""
        if getattr(self.protocol, field_name) is None:
            setattr(self.protocol, field_name, _requisite(text))

    def _awaited_name(self, line: str) -> None:
        if NAME.search(line):
            self._requisite(self.section, line)
        else:
            self.protocol.leftovers.append(line)
        self.section = "opening"

    def _header(self, line: str) -> None:
        protocol = self.protocol
        day = _find_date(line)
        # The protocol's number stands beside its date («10.06.2026 № 6») or the word
        # «ПРОТОКОЛ», not in an organisation's name («Центр образования № 102»).
        beside = day or line.startswith("№") or _PROTOCOL.match(line)
        number = _NUMBER.search(line) if beside else None
        if protocol.day is None and day is not None:
            protocol.day = day
        if protocol.number is None and number is not None:
            protocol.number = int(number[1])
        if day is None and number is None:
            if re.fullmatch(r"(г\.|город|с\.|пос\.)\s*\S.*", line) and protocol.city is None:
                protocol.city = line
            elif not re.fullmatch(r"протокол", line, re.IGNORECASE):
                protocol.leftovers.append(line)

    def _time(self, text: str) -> None:
        clock = _CLOCK.search(text)
        if clock and self.protocol.time is None:
            self.protocol.time = f"{int(clock[1]):02d}:{clock[2]}"
        elif clock is None:
            self.protocol.leftovers.append(text)

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
        count = _COUNT.match(line)
        people = _people(line)
        if count:
            self.protocol.present_count = int(count[1])
        elif people:
            self.protocol.present.extend(_unnumbered(p) for p in people)
        else:
            self.protocol.leftovers.append(line)

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

    def _by_question(self, line: str) -> bool:
        """«По первому вопросу выступила Маркина О.В., …» opens an item's СЛУШАЛИ (or РЕШИЛИ)."""
        match = _BY_QUESTION.fullmatch(line)
        number = _question_number(match["n"]) if match else None
        if match is None or number is None:
            return False
        self.heard = number
        self.item = self._item(number)
        rest = match["rest"].strip()
        if match["verb"].lower() in ("решили", "постановили"):
            self._open("decided", None, rest)
            return True
        self.section = "heard"
        if rest:
            self._heard(rest)
        return True

    def _heard(self, line: str) -> None:
        item = self.item or self._item(1)
        if item.summary:
            item.summary.append(line)
            return
        parts = DASH.split(line, maxsplit=1)
        leading = _LEADING_NAME.fullmatch(line)
        named = NAME.search(line[:_NAME_REACH])
        summary = line
        if len(parts) == 2 and looks_like_name(parts[0]):
            item.speaker, summary = parts
        elif leading:
            item.speaker, summary = leading["name"].strip(), leading["rest"]
        elif (
            named and item.speaker is None
        ):  # «слушали заместителя директора Маркину О.В., которая…»
            item.speaker = named[0].strip()
        item.summary.append(summary.strip() or line)

    def _spoke(self, line: str) -> None:
        item = self.item or self._item(1)
        parts = DASH.split(line, maxsplit=1)
        leading = _LEADING_NAME.fullmatch(line)
        if len(parts) == 2 and looks_like_name(parts[0]):
            item.discussion.append([parts[0], parts[1]])
        elif leading and leading["rest"]:
            item.discussion.append([leading["name"].strip(), leading["rest"]])
        elif item.discussion:
            item.discussion[-1][1] += " " + line
        else:
            self.protocol.leftovers.append(line)

    def _decided(self, line: str) -> None:
        item = self.item or self._item(1)
        match = _DECISION.fullmatch(line)
        numbered = _NUMBERED.fullmatch(line)
        if self.last is not None and _LABEL.match(line) and not match:
            _attach(self.last, line)
            return
        if match:
            target = self._decision_item(int(match[1]), item)
            self.last = _decision(f"{match[1]}.{match[2]}", match[3])
        elif self.last is not None and not numbered:
            self.last.text += " " + line
            return
        else:
            target = item
            order = numbered[1] if numbered else str(len(item.decisions) + 1)
            text = numbered[2] if numbered else line
            self.last = _decision(f"{self._number_of(item)}.{order}", text)
        target.decisions.append(self.last)

    def _decision_item(self, number: int, current: Item) -> Item:
        """Where «2.1» goes: to question 2 when all decisions stand in one block, else here."""
        agenda = self.protocol.agenda
        if number == self._number_of(current) or not 1 <= number <= len(agenda):
            return current
        target = agenda[number - 1]
        if target.decisions and target is not self.routed:
            return current  # numbering restarted under this question
        self.routed = target
        return target

    def _number_of(self, item: Item) -> int:
        return self.protocol.agenda.index(item) + 1

    def _vote(self, line: str) -> bool:
        """A vote line goes with the decisions before it that have no vote yet."""
        votes = read_votes(line) if _VOTE_LINE.fullmatch(line) else None
        item = self.item
        if votes is None or item is None:
            return False
        pending = [d for d in item.decisions if d.votes is None]
        if not pending:
            return False
        for decision in pending:
            decision.votes = votes
        item.votes_text.append(line)
        return True

    def _recommendations(self, line: str) -> None:
        numbered = _NUMBERED.fullmatch(line)
        self.protocol.recommendations.append((numbered[2] if numbered else line).rstrip(";"))

    def _leftover(self, line: str) -> None:
        self.protocol.leftovers.append(line)

    _HANDLERS: ClassVar[dict[str, Callable[[_Reader, str], None]]] = {
        "header": _header,
        "chair": _awaited_name,
        "secretary": _awaited_name,
        "present": _present,
        "invited": _invited,
        "agenda": _agenda,
        "heard": _heard,
        "spoke": _spoke,
        "decided": _decided,
        "recommendations": _recommendations,
    }


def _decision(number: str, text: str) -> Decision:
    """A decision, with «Ответственный: …; срок: …» and the votes split off its end."""
    decision = Decision(number, text)
    votes = _VOTE_TAIL.search(text)
    if votes and (counted := read_votes(votes[0])):
        decision.votes = counted
        text = text[: votes.start()].strip().rstrip(";,(").strip()
    decision.text = text
    for label in _LABEL.finditer(text):
        before = text[: label.start()]
        # A label ends the decision after a full stop or a bracket, or begins a capital.
        if label.start() > 0 and (label[0][0].isupper() or re.search(r"[.;,(]\s*$", before)):
            decision.text = before.strip().rstrip("(").strip()
            _attach(decision, text[label.start() :])
            break
    return decision


def _attach(decision: Decision, tail: str) -> None:
    """«Ответственный: Маркина О.В. Срок: до 15.09.2026.» in either order."""
    labels = list(_LABEL.finditer(tail))
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(tail)
        value = _value(tail[label.end() : end])
        if not value:
            continue
        if label["who"]:
            decision.who = value
        else:
            decision.when = value


def _value(text: str) -> str:
    """A label's value without the punctuation around it; an initial keeps its full stop."""
    text = text.strip().strip(";,()").strip()
    if text.endswith(".") and not re.search(r"(?:^|[^А-ЯЁа-яё])[А-ЯЁ]\.$", text):
        text = text[:-1]
    return text.strip(" ;,)")


def read_votes(text: str) -> Votes | None:
    """«за – 12, против – 0, воздержались – 1» (or «нет»); None without a count «за»."""
    counts = [_count(word, text) for word in (r"за", r"против", r"воздерж\w*")]
    if counts[0] is None:
        return None
    return Votes(counts[0], counts[1] or 0, counts[2] or 0)


def _count(word: str, text: str) -> int | None:
    pattern = rf"(?<![А-ЯЁа-яё])[«\"]?{word}[»\"]?\s*[:—–-]?\s*(\d+|нет|никто)(?![А-ЯЁа-яё\d])"
    found = re.search(pattern, text, re.IGNORECASE)
    if found is None:
        return None
    return int(found[1]) if found[1].isdigit() else 0


def _question_number(text: str) -> int | None:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits[0]) or None
    word = text.lower()
    return next((n for n, stem in enumerate(_ORDINALS, 1) if word.startswith(stem)), None)


def _requisite(text: str) -> str:
    """«собрания – Н.Ю. Иванова» → «Н.Ю. Иванова»; signature underscores dropped."""
    text = re.sub(r"_{2,}", " ", text).strip(" :—–-")
    lead = re.match(r"[а-яё ]+?\s*[:—–-]\s*(.+)", text)
    return (lead[1] if lead else text).strip()


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


def _people(line: str) -> list[str]:
    """«Волкова Е.П., директор; Ильина О.К.» → one part per name, its position kept with it."""
    people: list[str] = []
    for part in _split_people(line):
        if len(NAME.findall(part)) < 2:
            people.append(part)
            continue
        for piece in part.split(","):
            if NAME.search(piece) or not people:
                people.append(piece.strip())
            else:
                people[-1] += "," + piece
    return [p.strip() for p in people if NAME.search(p)]


def looks_like_name(text: str) -> bool:
    """Whether a written name («Маркина О.В.», «О.В. Маркина») is in the text."""
    return NAME.search(text) is not None
