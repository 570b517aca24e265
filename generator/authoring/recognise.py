"""What a Russian protocol's lines say: date, number, chair, agenda, СЛУШАЛИ/ВЫСТУПИЛИ/РЕШИЛИ.

The reader walks the lines once, switching section at the words protocols are written with
(«Председатель», «Присутствовали», «Повестка дня», «СЛУШАЛИ» or «По первому вопросу
выступила…», «ВЫСТУПИЛИ», «РЕШИЛИ» or «ПОСТАНОВИЛИ», «Рекомендации»). A header laid out as a
table is read cell by cell; requisites may be joined by a colon or a dash and names written
with the initials first or last; votes («за – 12, против – 0, воздержались – 1») go with the
decisions they follow. Whatever it does not recognise is kept, in order, in `leftovers`, so
that the editor who finishes the record loses nothing.

People are kept as written and as read (`names`): «СЛУШАЛИ: Соколову Т.В., которая…» gives
the speaker «Соколову Т.В.», the name «Соколова Т. В.» and the summary without the name;
«Приглашены: Лаптев Д.С., начальник отдела…» the name and the position.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from generator.authoring.names import (
    PersonName,
    Role,
    Speech,
    find_name,
    gender_hint,
    parse_name,
    split_speech,
)
from generator.authoring.protocol_text import (
    _ASIDE,
    _BY_QUESTION,
    _CLOCK,
    _COUNT,
    _DECISION,
    _FORM,
    _LABEL,
    _NAME_REACH,
    _NUMBER,
    _NUMBERED,
    _PROTOCOL,
    _SECTIONS,
    _SPEAKER_TAIL,
    _TIME,
    _VOTE_LINE,
    CELL,
    CONTROL,
    NAME,
    RECOMMENDATIONS,
    Decision,
    Votes,
    _attach,
    _decision,
    _find_date,
    _people,
    _question_number,
    _requisite,
    _unnumbered,
    deadline_of,
    looks_like_name,
    read_votes,
)
from schemas.enums import Gender

__all__ = [
    "Decision",
    "Item",
    "Mention",
    "Protocol",
    "Votes",
    "deadline_of",
    "looks_like_name",
    "read_protocol",
    "read_votes",
]


@dataclass
class Mention:
    """A person as the protocol names them: the text as written, the name read from it (in
    the nominative; None when the text names no one, «учителя математики»), the position
    the text gives (as written, in its case), and for a statement what they said."""

    text: str
    name: PersonName | None = None
    position: str | None = None
    said: str = ""


@dataclass
class Item:
    question: str = ""
    speaker: str | None = None  # as written: «Соколову Т.В.»
    speaker_name: PersonName | None = None  # «Соколова Т. В.»
    speaker_position: str | None = None  # as written: «заместителя директора»
    summary: list[str] = field(default_factory=list)
    discussion: list[Mention] = field(default_factory=list)  # ВЫСТУПИЛИ, with what was said
    decisions: list[Decision] = field(default_factory=list)
    votes_text: list[str] = field(default_factory=list)  # the vote lines as written


@dataclass
class Protocol:
    """A protocol as far as its text could be read; names as written and as read."""

    day: date | None = None
    number: int | None = None
    time: str | None = None
    place: str | None = None
    form: str | None = None  # «очно», «дистанционно», «смешанно» as the protocol says
    city: str | None = None
    topic: str | None = None
    chair: str | None = None  # as written: «/Белкина О. В./» → «Белкина О. В.»
    secretary: str | None = None
    chair_name: PersonName | None = None
    secretary_name: PersonName | None = None
    present: list[Mention] = field(default_factory=list)
    present_count: int | None = None
    invited: list[Mention] = field(default_factory=list)
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


_GRIF = re.compile(r"\s*(?:УТВЕРЖДАЮ|УТВЕРЖДЕН[АО]?|СОГЛАСОВАНО)\b", re.IGNORECASE)
GRIF_LINES = 6  # an approval block: position, organisation, signature, name, date, order


@dataclass
class _Reader:
    protocol: Protocol
    section: str = "header"
    item: Item | None = None
    heard: int = 0  # СЛУШАЛИ blocks met so far
    last: Decision | None = None  # the decision the next «Ответственный: …» line belongs to
    routed: Item | None = None  # the item the last «2.1» of this РЕШИЛИ block went to
    # How the speaker's name is written in the block being read: «СЛУШАЛИ: Соколову Т.В.»
    # (accusative), «По первому вопросу выступила Маркина О.В.» (nominative, a woman).
    heard_role: Role = "heard"
    heard_gender: Gender | None = None
    # Lines left of an approval block («УТВЕРЖДАЮ … 15.05.2024») above the heading: its
    # date and number are the approval's, never the meeting's.
    grif: int = 0

    def feed(self, line: str) -> None:
        if self.section == "header" and self._in_grif(line):
            self.protocol.leftovers.append(line)
            return
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
        if CONTROL.fullmatch(line):  # the marks go where «Контроль исполнения» always went
            self.protocol.leftovers.append(line)
            self.section = "agenda" if self.section == "agenda" else "other"
            return
        if RECOMMENDATIONS.fullmatch(line):
            self.section = "recommendations"
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
            self.heard_role, self.heard_gender = "heard", None
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
        self._requisite(field_name, cells[-1])
        return True

    def _requisite(self, field_name: str, text: str) -> None:
        """The first chair or secretary named wins (the signatures repeat them): as written
        («/Белкина О. В./» without the slashes) and read («Т.В. Соколова» → «Соколова Т. В.»)."""
        if getattr(self.protocol, field_name) is None:
            written = _requisite(text)
            name = parse_name(written, "nominative") or find_name(written, "nominative")
            setattr(self.protocol, field_name, written)
            setattr(self.protocol, f"{field_name}_name", name)

    def _awaited_name(self, line: str) -> None:
        if NAME.search(line):
            self._requisite(self.section, line)
        else:
            self.protocol.leftovers.append(line)
        self.section = "opening"

    def _in_grif(self, line: str) -> bool:
        """Whether the line belongs to an approval block: from «УТВЕРЖДАЮ» (or «УТВЕРЖДЕН»,
        «СОГЛАСОВАНО») to the protocol's heading, at most GRIF_LINES lines."""
        if _GRIF.match(line):
            self.grif = GRIF_LINES
            return True
        if self.grif and not _PROTOCOL.match(line):
            self.grif -= 1
            return True
        self.grif = 0
        return False

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
            self.protocol.present.extend(_listed(p) for p in people)
        else:
            self.protocol.leftovers.append(line)

    def _invited(self, line: str) -> None:
        self.protocol.invited.extend(_listed(p) for p in _people(line, named_only=False))

    def _agenda(self, line: str) -> None:
        numbered = _NUMBERED.fullmatch(line)
        if numbered:
            item = self._item(int(numbered[1]))
            tail = _SPEAKER_TAIL.search(numbered[2])
            item.question = numbered[2][: tail.start()] if tail else numbered[2]
            item.question = item.question.strip().rstrip(".")
            if tail:
                item.speaker = (tail["a"] or tail["b"]).strip()
                speech = _speech(item.speaker, "nominative")
                item.speaker_name = speech.name if speech else None
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
        # «слушали Волкову Е.П.» — the accusative; «выступила Маркина О.В.» — a woman, named.
        verb = match["verb"].split()[-1]
        self.heard_role = "heard" if verb.lower() == "слушали" else "nominative"
        self.heard_gender = gender_hint(verb)
        if rest:
            self._heard(rest)
        return True

    def _heard(self, line: str) -> None:
        """The block's first line names the speaker: «Соколову Т.В. — о…», «Соколову Т.В.,
        которая представила…»; the summary is what they said, without the name."""
        item = self.item or self._item(1)
        if item.summary:
            item.summary.append(line)
            return
        speech = split_speech(line, self.heard_role, self.heard_gender)
        if speech is not None:
            item.speaker, item.speaker_name = speech.name.written.strip(), speech.name
            item.speaker_position = speech.position
            if speech.said:  # «СЛУШАЛИ: Соколову Т.В.» alone: the summary follows
                item.summary.append(speech.said)
            return
        named = find_name(line[:_NAME_REACH], self.heard_role, self.heard_gender)
        if named is not None and item.speaker is None:
            # «слушали заместителя директора Маркину О.В., которая…»: the line kept whole
            item.speaker, item.speaker_name = named.written.strip(), named
        item.summary.append(line)

    def _spoke(self, line: str) -> None:
        """«Смирнова Ю.О. – предложила…», «Лаптев Д.С. предложил…»: a new statement; a
        line without a name continues the last one."""
        item = self.item or self._item(1)
        speech = _speech(line, "nominative")
        if speech is not None and speech.said:
            written = speech.name.written.strip()
            item.discussion.append(Mention(written, speech.name, speech.position, speech.said))
        elif item.discussion:
            item.discussion[-1].said += " " + line
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
        sub = _DECISION.fullmatch(line)  # «4.1. …» under «4. Рекомендации участникам…»
        numbered = _NUMBERED.fullmatch(line)
        text = sub[3] if sub else numbered[2] if numbered else line
        self.protocol.recommendations.append(text.rstrip(";"))

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


def _speech(text: str, role: Role, gender: Gender | None = None) -> Speech | None:
    """A person at the start of the text («Лаптев Д.С., начальник отдела…») or after their
    position («директор МБОУ «ЦО № 5» Волкова Е.П. – предложила…»), and what follows."""
    speech = split_speech(text, role, gender)
    if speech is not None:
        return speech
    name = find_name(text[:_NAME_REACH], role, gender)
    before = text[: name.start].strip(" ,") if name else ""
    if name is None or re.search(r"[:—–]|\s-\s", before):
        return None
    speech = split_speech(text[name.start :], role, name.gender)
    if speech is None:
        return None
    position = ", ".join(p for p in (before, speech.position) if p) or None
    return Speech(speech.name, position, speech.said)


def _listed(text: str) -> Mention:
    """One of the present or the invited: «Лаптев Д.С., начальник отдела…», «Белова Е.А. –
    старший методист», or no one by name («учителя математики (6 человек)»)."""
    text = _unnumbered(text)
    speech = _speech(text, "nominative")
    if speech is None:
        return Mention(text)
    # In a list what follows a dash is the position, not a speech.
    position = speech.position or speech.said.strip(" .;,") or None
    return Mention(text, speech.name, position)
