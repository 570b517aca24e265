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

from generator.authoring.names import PersonName, Role, Speech, find_name, split_speech
from generator.russian import MONTHS
from schemas.enums import Gender

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
BULLET = re.compile(r"[-–—•]\s+")  # a bulleted item, as `docx_text` or a typist starts it
_DECISION = re.compile(r"(\d{1,2})\.(\d{1,2})\.?\s+(.+)")
_COUNT = re.compile(r"(\d+)\s*(?:человек|чел\b|член|участник|педагог|из\s+\d+)", re.IGNORECASE)
_SPEAKER_TAIL = re.compile(
    r"\s*(?:\((?:докладчик|докл\.)\s*[—–:-]?\s*(?P<a>[^)]+)\)|[.,]?\s*Докладчик\s*[:—–-]\s*(?P<b>.+?))\.?$",
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
        ("absent", r"()Отсутствовал[иао]?\s*[:—–-]?\s*(.*)"),
        ("control", r"()Контроль\s+(?:за\s+)?(?:ис|вы)полнени\w*(?:[^:]*:)?\s*(.*)"),
        ("other", r"()(Приложени.*)"),
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
_INITIAL_END = re.compile(r"(?:^|[^А-ЯЁа-яё])[А-ЯЁ]\.$")  # «… Маркина О.В.»


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
    if bullet := BULLET.match(line):
        line = line[bullet.end() :]
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


def read_absent(part: str) -> tuple[str, str | None]:
    """«Петров А.А. (болезнь)», «Сидорова В.В. — командировка» → the person and the reason."""
    part = part.strip().rstrip(".;")
    bracket = re.search(r"\s*\(([^()]+)\)$", part)
    if bracket:
        return part[: bracket.start()].strip(), bracket[1].strip()
    dash = re.search(r"\s+[—–-]\s+|,\s*(?=по\s+(?:причине|болезни|уважительной))", part)
    if dash and NAME.search(part[: dash.start()]):
        return part[: dash.start()].strip(), part[dash.end() :].strip() or None
    return part, None


GRIF = re.compile(r"\s*(?:УТВЕРЖДАЮ|УТВЕРЖДЕН[АО]?|СОГЛАСОВАНО)\b", re.IGNORECASE)
# An approval block above the heading: its date and number are the approval's.
GRIF_LINES = 6  # position, organisation, signature, name, date, order
# «заседания МПО руководителей ШНОР» under «ПРОТОКОЛ»: whose meeting it was.
HEADING_BODY = re.compile(r"(?:заседани|совещани|собрани)[яеи]\s+\S", re.IGNORECASE)


@dataclass
class Mention:
    """A person as the protocol names them: the text as written, the name read from it (in
    the nominative; None when the text names no one, «учителя математики»), the position
    the text gives (as written, in its case), and for a statement what they said."""

    text: str
    name: PersonName | None = None
    position: str | None = None
    said: str = ""


def speech_of(text: str, role: Role, gender: Gender | None = None) -> Speech | None:
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


def listed(text: str) -> Mention:
    """One of the present or the invited: «Лаптев Д.С., начальник отдела…», «Белова Е.А. –
    старший методист», or no one by name («учителя математики (6 человек)»)."""
    text = _unnumbered(text)
    speech = speech_of(text, "nominative")
    if speech is None:
        return Mention(text)
    # In a list what follows a dash is the position, not a speech.
    position = speech.position or speech.said.strip(" .;,") or None
    return Mention(text, speech.name, position)
