"""The words and shapes of a protocol's text, and the readers of its single fields.

The patterns the reader (`recognise`) switches section at and reads lines with; dates and
deadlines («10.06.2026», «10 июня 2026», «до 30.01.2026»); written names («Маркина О.В.»,
«О. В. Маркина») and lists of people; the ordinals of «По первому вопросу…»; a decision's
tail («Ответственный: …; срок: …») and its votes («за – 12, против – 0, воздержались – 1»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from generator.authoring.names import PersonName, parse_name
from generator.russian import MONTHS, _morphology

CELL = " | "  # how `docx_text` joins the cells of a table row
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.]\d)")
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
        ("agenda", r"()Повестка(?:\s+дня\s*[:.]?|\s*:)\s*(.*)"),  # «Повестка:» too
        ("present", r"()Присутствовал[иао]?\s*[:—–-]?\s*(.*)"),
        ("invited", r"()Приглаш[её]н\w*\s*[:—–-]?\s*(.*)"),  # «Приглашены», «Приглашённые»
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
# Parts an exported protocol numbers after its questions: the follow-up of earlier decisions
# (in the agenda and in the body; its marks are not questions) and the recommendations.
CONTROL = re.compile(r"\d{1,2}[.)]\s*О ходе исполнения решений предыдущих заседаний[.:]?")
RECOMMENDATIONS = re.compile(r"\d{1,2}[.)]\s*Рекомендации участникам объединения:")
# Lines kept as they are without leaving the current section.
_ASIDE = re.compile(
    r"(?:Голосовали|Итоги голосования|Голосование|Единогласно|Решение\s+принято)\b.*",
    re.IGNORECASE,
)
_VOTE_LINE = re.compile(
    r"(?:(?:Итоги\s+)?голосовани[ея]|(?:про)?голосовали)\s*[:—–-]?.*|[«\"]?за[»\"]?\s*[:—–-].*",
    re.IGNORECASE,
)
_INITIAL_END = re.compile(r"(?:^|[^А-ЯЁа-яё])[А-ЯЁ]\.$")  # «… Маркина О.В.»
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
    who: str | None = None  # as written: «Мусина Н.Г.», «руководители ОО»
    when: str | None = None
    votes: Votes | None = None
    who_name: PersonName | None = None  # the person `who` names, in the nominative


def _decision(number: str, text: str) -> Decision:
    """A decision, with «Ответственный: …; срок: …» and the votes split off its end; a
    decision that opens with a name («Маркиной О.В. подготовить…») names who carries it out."""
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
    if decision.who is None and (name := _executor_first(decision.text)) is not None:
        decision.who, decision.who_name = name.written.strip(), name
    return decision


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
    """«собрания – Н.Ю. Иванова» → «Н.Ю. Иванова»; signature underscores and the slashes
    around a signed name («/Белкина О. В./») dropped."""
    text = re.sub(r"_{2,}", " ", text).strip(" :—–-")
    lead = re.match(r"[а-яё ]+?\s*[:—–-]\s*(.+)", text)
    return (lead[1] if lead else text).strip(" /")


def _find_date(text: str) -> date | None:
    try:
        if match := _DATE.search(text):
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)  # «14.03.24»
            return date(year, int(match[2]), int(match[1]))
        if match := _LONG_DATE.search(text):
            return date(int(match[3]), MONTHS.index(match[2].lower()) + 1, int(match[1]))
    except ValueError:
        return None
    return None


def deadline_of(text: str | None) -> date | None:
    """«до 30.01.2026» → that date."""
    return _find_date(text) if text else None


def _unnumbered(line: str) -> str:
    """A list's item without its number and closing «;» or «.»; an initial keeps its dot."""
    numbered = _NUMBERED.fullmatch(line)
    text = (numbered[2] if numbered else line).strip().rstrip(";").rstrip()
    if text.endswith(".") and not _INITIAL_END.search(text):
        text = text[:-1]
    return text.rstrip(" ;")


def _split_people(line: str) -> list[str]:
    return [part for part in re.split(r";\s*", line) if part.strip()]


def _people(line: str, *, named_only: bool = True) -> list[str]:
    """«Волкова Е.П., директор; Ильина О.К.» → one part per name, its position kept with it;
    parts without a name («учителя математики») only when not `named_only`."""
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
    return [p.strip() for p in people if p.strip() and (NAME.search(p) or not named_only)]


def looks_like_name(text: str) -> bool:
    """Whether a written name («Маркина О.В.», «О.В. Маркина») is in the text."""
    return NAME.search(text) is not None
