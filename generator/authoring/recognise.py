"""What a Russian protocol's lines say: date, number, chair, agenda, СЛУШАЛИ/ВЫСТУПИЛИ/РЕШИЛИ.

The reader walks the lines once, switching section at the words protocols are written with
(«Председатель», «Присутствовали», «Отсутствовали», «Приглашены», «Повестка дня», «СЛУШАЛИ»
or «По первому вопросу выступила…», «ВЫСТУПИЛИ», «РЕШИЛИ» or «ПОСТАНОВИЛИ», «Контроль
исполнения», «Рекомендации»). A header laid out as a table is read cell by cell, a decisions
table row by row; a decision's words, votes and the follow-up marks are read by
`decision_text`, names by `names`. Whatever it does not recognise is kept, in order, in
`leftovers`, so that the editor who finishes the record loses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from generator.authoring.decision_text import (
    _LABEL,
    _VOTE_LINE,
    Decision,
    FollowMark,
    _attach,
    due_in,
    header_columns,
    read_decision,
    read_follow_up,
    read_votes,
    table_decision,
)
from generator.authoring.names import (
    PersonName,
    Role,
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
    _NAME_REACH,
    _NUMBER,
    _NUMBERED,
    _PROTOCOL,
    _SECTIONS,
    _SPEAKER_TAIL,
    _TIME,
    BULLET,
    CELL,
    CONTROL,
    GRIF,
    GRIF_LINES,
    HEADING_BODY,
    NAME,
    RECOMMENDATIONS,
    Mention,
    _find_date,
    _people,
    _question_number,
    _requisite,
    listed,
    read_absent,
    speech_of,
)
from schemas.enums import Gender


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
    body: str | None = None  # whose meeting the heading names: «заседания МПО …»
    topic: str | None = None
    chair: str | None = None  # as written: «/Белкина О. В./» → «Белкина О. В.»
    secretary: str | None = None
    chair_name: PersonName | None = None
    secretary_name: PersonName | None = None
    present: list[Mention] = field(default_factory=list)
    present_count: int | None = None
    invited: list[Mention] = field(default_factory=list)
    absent: list[Mention] = field(default_factory=list)  # `said` — the reason, if written
    absent_count: int | None = None
    agenda: list[Item] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    follow_up: list[FollowMark] = field(default_factory=list)  # «Контроль исполнения…»
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
    for item in reader.protocol.agenda:
        for decision in item.decisions:  # a deadline in the words of a decision of many lines
            decision.when = decision.when or due_in(decision.text)
    return reader.protocol


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
    # The columns of a decisions table, by its header row: «№ | Решение | Ответственный | Срок».
    columns: dict[str, int] = field(default_factory=dict)
    previous: bool = False  # the follow-up being read is of the previous meeting
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
        if CONTROL.fullmatch(line):  # our own protocols' «N. О ходе исполнения решений…»
            if self.section != "agenda":  # in the agenda it names the part, not a question
                self.section = "control"
            return
        if RECOMMENDATIONS.fullmatch(line):
            self.section = "recommendations"
            return
        for name, pattern in _SECTIONS:
            match = pattern.fullmatch(line)
            if match and name == "control":  # «…решений предыдущего заседания: …»
                self.previous = re.search(r"предыдущ\w+\s+заседани", line, re.I) is not None
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
            self.columns = {}
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
        if GRIF.match(line):
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
            elif HEADING_BODY.match(line) and protocol.body is None and not protocol.agenda:
                protocol.body = line  # «заседания МПО руководителей ШНОР» under «ПРОТОКОЛ»
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
            self.protocol.present.extend(listed(p) for p in people)
        else:
            self.protocol.leftovers.append(line)

    def _absent(self, line: str) -> None:
        """«Отсутствовали: 2 чел.», «Петров А.А. (болезнь), Сидорова В.В. — командировка»."""
        count = _COUNT.match(line)
        if count:
            self.protocol.absent_count = int(count[1])
            line = re.sub(r"^[а-яё]*", "", line[count.end() :]).strip(" .,;()")
        for part in _people(line, named_only=False):
            person, reason = read_absent(part)
            mention = listed(person)
            mention.said = reason or ""
            self.protocol.absent.append(mention)

    def _control(self, line: str) -> None:
        marks = read_follow_up(line)
        for mark in marks:
            mark.previous = self.previous and mark.day is None and mark.number is None
        if marks:
            self.protocol.follow_up.extend(marks)
        else:
            self.protocol.leftovers.append(line)

    def _invited(self, line: str) -> None:
        self.protocol.invited.extend(listed(p) for p in _people(line, named_only=False))

    def _agenda(self, line: str) -> None:
        if bullet := BULLET.match(line):  # an agenda laid out as a bulleted list
            line = f"{len(self.protocol.agenda) + 1}. {line[bullet.end() :]}"
        numbered = _NUMBERED.fullmatch(line)
        if numbered:
            item = self._item(int(numbered[1]))
            tail = _SPEAKER_TAIL.search(numbered[2])
            item.question = numbered[2][: tail.start()] if tail else numbered[2]
            item.question = item.question.strip().rstrip(".")
            if tail:
                item.speaker = (tail["a"] or tail["b"]).strip()
                speech = speech_of(item.speaker, "nominative")
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
        speech = speech_of(line, "nominative")
        if speech is not None and speech.said:
            written = speech.name.written.strip()
            item.discussion.append(Mention(written, speech.name, speech.position, speech.said))
        elif item.discussion:
            item.discussion[-1].said += " " + line
        else:
            self.protocol.leftovers.append(line)

    def _decided(self, line: str) -> None:
        item = self.item or self._item(1)
        if CELL in line:
            self._decision_row(item, [cell.strip() for cell in line.split(CELL)])
            return
        match = _DECISION.fullmatch(line)
        numbered = _NUMBERED.fullmatch(line)
        if self.last is not None and _LABEL.match(line) and not match:
            _attach(self.last, line)
            return
        bullet = BULLET.match(line)
        opened = self.last is not None and self.last.text.rstrip().endswith(":")
        if bullet and not opened:  # «– провести…», «– подготовить…»: a decision each
            numbered = _NUMBERED.fullmatch(f"{len(item.decisions) + 1}. {line[bullet.end() :]}")
        if match:
            target = self._decision_item(int(match[1]), item)
            self.last = read_decision(f"{match[1]}.{match[2]}", match[3])
        elif self.last is not None and not numbered:
            # a sub-item («а) …», «– …» after «…:») or the decision's next line
            self.last.text += " " + line
            return
        else:
            target = item
            order = numbered[1] if numbered else str(len(item.decisions) + 1)
            text = numbered[2] if numbered else line
            self.last = read_decision(f"{self._number_of(item)}.{order}", text)
        target.decisions.append(self.last)

    def _decision_row(self, item: Item, cells: list[str]) -> None:
        """A row of a decisions table: its header row names the columns."""
        if (columns := header_columns(cells)) is not None:
            self.columns = columns
            return
        row = table_decision(cells, self.columns)
        if row is None:
            self.protocol.leftovers.append(CELL.join(cells))
            return
        number, self.last = row
        split = re.fullmatch(r"(\d{1,2})\.(\d{1,2})", number)
        target = self._decision_item(int(split[1]), item) if split else item
        self.last.number = number if split else f"{self._number_of(item)}.{len(item.decisions) + 1}"
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
        if bullet := BULLET.match(line):
            line = line[bullet.end() :]
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
        "absent": _absent,
        "control": _control,
        "agenda": _agenda,
        "heard": _heard,
        "spoke": _spoke,
        "decided": _decided,
        "recommendations": _recommendations,
    }
