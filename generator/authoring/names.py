"""People's names in imported protocols: read, put in the nominative, matched, drafted.

Old protocols write a person as «СЛУШАЛИ: Соколову Т.В.», «Т.В. Соколова», «Соколовой Татьяны
Викторовны» or «/Белкина О. В./». `parse_name` reads such a name at the start of a text
(`find_name` anywhere in it), gives it in the nominative with initials («Соколова Т. В.») and
says where it ends; `split_speech` separates a speaker's name and position from what they said;
`match_person` finds the one record the name points to; `draft_person` writes the record of a
person not found (no consent, so nothing about them is published by name).

How the case is chosen. Each word of the name (every part of a hyphenated surname, a first name
and patronymic written in full) is read by pymorphy3 as a surname, first name or patronymic:
its gender, case and nominative, singular readings only. A reading of the whole name is one in
which all its words agree in gender and case; indeclinable words (Дюма, Шевченко, Белых, a
woman's Ким) fit every case and stay as written, and so do words the dictionary does not know
as names. Among the agreeing readings the first wins by: (1) the gender the context tells — the
caller's `gender`, «которая/который» or a past-tense verb right after the name («Лаптев Д.С.
предложил»), in `find_name` a verb right before it («выступила Маркина О.В.»); (2) the case the
caller's `role` expects (ROLE_CASES: «СЛУШАЛИ» — accusative, «Ответственный» — nominative or
dative, …); (3) pymorphy3's likeliest reading.

Limits, honestly: with initials only and no context the role decides, so the name is right when
the protocol is grammatical. «СЛУШАЛИ: Соколова Т.В.» is read as the accusative of Соколов (as
protocols should write a man); a protocol that puts a woman in the nominative there gets a man
unless «которая» follows. «Жданову К.Е.» is a woman (accusative) under «СЛУШАЛИ», a man (dative)
under «Ответственный»/«поручить». `PersonName.alternatives` keeps the other readings and
`match_person` tries them when the chosen one matches nobody, so a person with a record is found
either way; only a drafted record can carry the wrong form, and its comment asks to check it.
Surnames pymorphy3 does not tag as such (Мельник, Зима) are kept as written, in whatever case.
Names written as «Фамилия Имя» without a patronymic, or with «оглы/кызы», are not read.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from generator.loading.project import Project
from generator.russian import _morphology
from schemas import Person
from schemas.enums import Gender
from schemas.people import FEMALE_PATRONYMICS, MALE_PATRONYMICS

Role = Literal["nominative", "heard", "responsible", "dative", "genitive", "instrumental"]
# The cases a name takes in each place of a protocol, the likeliest first; the nominative
# last everywhere, as many protocols leave names in it.
ROLE_CASES: dict[str | None, tuple[str, ...]] = {
    None: ("nomn",),
    "nominative": ("nomn",),  # «Председатель: …», «ВЫСТУПИЛИ: …», signatures, lists
    "heard": ("accs", "nomn"),  # «СЛУШАЛИ: Соколову Т.В.»
    "responsible": ("nomn", "datv"),  # «Ответственный — Мусина Н.Г.», «Маркиной О.В. подготовить»
    "dative": ("datv", "nomn"),  # «поручить Маркиной О.В.»
    "genitive": ("gent", "nomn"),  # «по информации Соколовой Т.В.»
    "instrumental": ("ablt", "nomn"),  # «под председательством Соколовой Т.В.»
}

_UP, _LOW, _LETTER = "А-ЯЁ", "а-яё", "А-ЯЁа-яё"
_WORD = rf"[{_UP}](?:[{_LOW}]+|[{_UP}]+)"  # «Соколова» or «СОКОЛОВА»
_SURNAME = rf"{_WORD}(?:-{_WORD})?"
_SECOND = rf"\s*(?P<i2>[{_UP}])(?:\.|(?=\s*$)|(?=\s*[,;:/)]))"  # «В.», or «В» at the end
_PATRONYMIC = rf"[{_UP}][{_LOW}]+(?:вич|вн|чн|ич)(?:а|у|ем|ом|е|ы|ой|ою)?(?![{_LOW}])"
_END = rf"(?![{_LETTER}])"
_SHAPES = tuple(
    re.compile(rf"(?<![{_LETTER}]){pattern}")
    for pattern in (
        rf"(?P<surname>{_SURNAME})\s+(?P<i1>[{_UP}])\.(?:{_SECOND})?",  # Соколова Т. В.
        rf"(?P<i1>[{_UP}])\.\s*(?:(?P<i2>[{_UP}])\.\s*)?(?P<surname>{_SURNAME}){_END}",  # Т.В. Соколова
        rf"(?P<surname>{_SURNAME})\s+(?P<name>[{_UP}][{_LOW}]+)\s+(?P<patronymic>{_PATRONYMIC})",
        rf"(?P<name>[{_UP}][{_LOW}]+)\s+(?P<patronymic>{_PATRONYMIC})\s+(?P<surname>{_SURNAME}){_END}",
    )
)
_CASE_ALIASES = {"gen2": "gent", "acc2": "accs", "loc2": "loct"}
_GENDERS = {"femn": Gender.FEMALE, "masc": Gender.MALE}
_RELATIVE = {"которая": "femn", "который": "masc"}
_SPEECH_WORDS = ("которая", "который", "которые", "о", "об", "обо", "с", "со")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class PersonName:
    """A name found in a text, in the nominative; `start`/`end` — where it stands there."""

    surname: str  # «Соколова»
    initials: str  # «Т. В.» (or «Т.» when only one is written)
    name: str | None = None  # «Татьяна», when written in full
    patronymic: str | None = None  # «Викторовна», when written in full
    gender: Gender | None = None
    start: int = 0
    end: int = 0
    written: str = ""  # as the text has it: «Соколову Т.В.»
    alternatives: tuple[str, ...] = ()  # other nominatives the written surname may be

    def short(self) -> str:
        """«Соколова Т. В.», as protocols and records write it."""
        return f"{self.surname} {self.initials}"

    def full(self) -> str:
        """«Соколова Татьяна Викторовна» when written in full, else the short form."""
        full = self.name and self.patronymic
        return f"{self.surname} {self.name} {self.patronymic}" if full else self.short()


@dataclass(frozen=True)
class Speech:
    """A speaker's line split: «Соколову Т.В., заместителя директора, которая рассказала…»."""

    name: PersonName
    position: str | None  # «заместителя директора», as written
    said: str  # «рассказала…»: without the joining dash, colon or «которая»


def parse_name(
    text: str, role: Role | None = None, gender: Gender | None = None
) -> PersonName | None:
    """The name the text starts with (after spaces and «/»), or None. Any capitalised word
    before initials is taken for a surname («Председатель Т.В.»): strip such words first."""
    at = len(text) - len(text.lstrip(" \t/"))
    found = [m for pattern in _SHAPES if (m := pattern.match(text, at))]
    if not found:
        return None
    match = max(found, key=lambda m: (_plausibility(m["surname"]), m.end()))
    return _read(text, match, role, gender)


def find_name(
    text: str, role: Role | None = None, gender: Gender | None = None
) -> PersonName | None:
    """The first name anywhere in the text («слушали заместителя директора Маркину О.В.»)."""
    found = [
        m for pattern in _SHAPES for m in pattern.finditer(text) if _plausibility(m["surname"]) > 0
    ]
    if not found:
        return None
    first = min(found, key=lambda m: (m.start(), -m.end()))
    rivals = [m for m in found if m.start() < first.end() and first.start() < m.end()]
    match = max(rivals, key=lambda m: (_plausibility(m["surname"]), -m.start(), m.end()))
    before = re.findall(rf"[{_LETTER}]+", text[: match.start()])
    said_before = _word_gender(before[-1], verbs_only=True) if before else None
    return _read(text, match, role, gender or _GENDERS.get(said_before or ""))


def split_speech(
    text: str, role: Role | None = None, gender: Gender | None = None
) -> Speech | None:
    """A speaker's name at the start of the text, their position and what they said:
    «Соколову Т.В. — о результатах…», «Соколову Т.В.: о…», «Соколову Т.В., которая…»."""
    name = parse_name(text, role, gender)
    if name is None:
        return None
    position, said, _said_by = _tail(text[name.end :])
    return Speech(name, position, said)


def gender_hint(text: str) -> Gender | None:
    """The gender the first word tells: «которая», «выступила» → female; «предложил» → male."""
    words = re.findall(rf"[{_LETTER}]+", text)
    return _GENDERS.get(_word_gender(words[0]) or "") if words else None


# --- reading a name --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    gender: str | None  # "femn", "masc" or None (either)
    case: str | None  # a pymorphy3 case, or None (any: the word does not change)
    forms: tuple[str, ...]  # the nominative of each word
    score: float


def _read(text: str, match: re.Match[str], role: Role | None, gender: Gender | None) -> PersonName:
    groups = match.groupdict()
    surname_parts = groups["surname"].split("-")
    words = [(part, "Surn") for part in surname_parts]
    if groups.get("name"):
        words += [(groups["name"], "Name"), (groups["patronymic"], "Patr")]
    _position, _said, said_by = _tail(text[match.end() :])
    hint = {v: k for k, v in _GENDERS.items()}[gender] if gender else said_by
    readings = sorted(_agreeing(words), key=_preference(hint, role), reverse=True)
    chosen = readings[0]
    surname = "-".join(chosen.forms[: len(surname_parts)])
    name = patronymic = None
    if groups.get("name"):
        name, patronymic = chosen.forms[len(surname_parts) :]
        letters = [name[0], patronymic[0]]
    else:
        letters = [groups["i1"], *([groups["i2"]] if groups.get("i2") else [])]
    alternatives = dict.fromkeys("-".join(r.forms[: len(surname_parts)]) for r in readings)
    alternatives.pop(surname, None)
    return PersonName(
        surname=surname,
        initials=" ".join(f"{letter.upper()}." for letter in letters),
        name=name,
        patronymic=patronymic,
        gender=_gender_of(chosen.gender or hint, patronymic),
        start=match.start(),
        end=match.end(),
        written=match[0],
        alternatives=tuple(alternatives),
    )


def _agreeing(words: list[tuple[str, str]]) -> list[_Reading]:
    """The readings of the whole name in which all its words agree in gender and case."""
    agreeing: list[_Reading] = []
    for combination in itertools.product(*(_readings(word, kind) for word, kind in words)):
        genders = {r.gender for r in combination} - {None}
        cases = {r.case for r in combination} - {None}
        if len(genders) <= 1 and len(cases) <= 1:
            score = math.prod(r.score for r in combination)
            forms = tuple(r.forms[0] for r in combination)
            agreeing.append(
                _Reading(next(iter(genders), None), next(iter(cases), None), forms, score)
            )
    # Words that agree in no reading (a misprint, a rare name): each in its likeliest one.
    return agreeing or [
        _Reading(None, None, tuple(_readings(w, k)[0].forms[0] for w, k in words), 0.0)
    ]


def _preference(
    hint: str | None, role: Role | None
) -> Callable[[_Reading], tuple[bool, int, float]]:
    cases = ROLE_CASES[role]

    def key(reading: _Reading) -> tuple[bool, int, float]:
        fits_gender = hint is None or reading.gender in (None, hint)
        rank = len(cases) - cases.index(reading.case) if reading.case in cases else 0
        return fits_gender, len(cases) if reading.case is None else rank, reading.score

    return key


@functools.cache
def _readings(word: str, kind: str) -> tuple[_Reading, ...]:
    """How one word of a name can be read («Surn», «Name», «Patr»), likeliest first."""
    scores: dict[tuple[str | None, str | None, str], float] = {}
    for parse in _morphology().parse(word.lower()):
        tag = parse.tag
        if kind not in tag or tag.number != "sing":
            continue
        gender = tag.gender if tag.gender in _GENDERS else None
        case = _CASE_ALIASES.get(tag.case, tag.case)
        nominative = parse if "Fixd" in tag else parse.inflect({"nomn"})
        if nominative is None:
            continue
        form = word if "Fixd" in tag else str(nominative.word)
        key = (gender, case, _spelled(form, word))
        scores[key] = scores.get(key, 0.0) + float(parse.score)
    if not scores:
        return (_Reading(None, None, (_spelled(word, word),), 1.0),)
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    return tuple(_Reading(g, c, (form,), score) for (g, c, form), score in ranked)


def _spelled(form: str, written: str) -> str:
    """The form with a capital first letter, with «ё» only where the text wrote it."""
    if "ё" not in written.lower():
        form = form.replace("ё", "е")
    return form[:1].upper() + form[1:].lower()


@functools.cache
def _plausibility(surname: str) -> int:
    """2 — pymorphy3 knows it as a surname; 1 — unknown or a person's noun; 0 — a thing."""
    parses = [p for part in surname.split("-") for p in _morphology().parse(part.lower())]
    if any("Surn" in p.tag for p in parses):
        return 2
    known = all(_morphology().word_is_known(part.lower()) for part in surname.split("-"))
    return 1 if not known or any("anim" in p.tag for p in parses) else 0


@functools.cache
def _word_gender(word: str, *, verbs_only: bool = False) -> str | None:
    """«которая» → femn; a past-tense verb or short participle in the singular → its gender."""
    lowered = word.lower()
    if lowered in _RELATIVE and not verbs_only:
        return _RELATIVE[lowered]
    tag = _morphology().parse(lowered)[0].tag
    if tag.POS in ("VERB", "PRTS") and tag.number == "sing" and tag.gender in _GENDERS:
        return str(tag.gender)
    return None


def _gender_of(grammatical: str | None, patronymic: str | None) -> Gender | None:
    if grammatical in _GENDERS:
        return _GENDERS[grammatical]
    lowered = (patronymic or "").lower()
    if lowered.endswith(FEMALE_PATRONYMICS):
        return Gender.FEMALE
    return Gender.MALE if lowered.endswith(MALE_PATRONYMICS) else None


def _tail(rest: str) -> tuple[str | None, str, str | None]:
    """What follows a name: the position between commas, what was said, and the gender the
    first word of the speech tells («, заместителя директора, которая рассказала…»)."""
    stripped = rest.lstrip(" \t/")
    position: list[str] = []
    said = stripped
    if stripped[:1] in "—–-:":
        said = stripped[1:]
    elif stripped.startswith(","):
        said = ""
        parts = _commas(stripped[1:])
        for index, part in enumerate(parts):
            dash = re.search(r"\s[—–-]\s|:", part)
            if _opens_speech(part):
                said = ",".join(parts[index:])
                break
            if dash:
                position.append(part[: dash.start()])
                said = ",".join([part[dash.end() :], *parts[index + 1 :]])
                break
            position.append(part)
    said = said.strip(" \t/—–-:,")
    words = re.findall(rf"[{_LETTER}]+", said)
    speaker_gender = _word_gender(words[0]) if words else None
    said = re.sub(r"^(?:которая|который|которые)\s+", "", said, flags=re.IGNORECASE)
    shown = ", ".join(p.strip() for p in position).strip(" .;") or None
    return shown, said, speaker_gender


def _opens_speech(part: str) -> bool:
    words = re.findall(rf"[{_LETTER}]+", part)
    if not words:
        return False
    first = words[0].lower()
    return first in _SPEECH_WORDS or _morphology().parse(first)[0].tag.POS in ("VERB", "PRTS")


def _commas(text: str) -> list[str]:
    """Parts between commas outside «quotes» («директор МБОУ «ЦО № 5», которая…»)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"«": 1, "»": -1}.get(char, 0)
        if char == "," and depth <= 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


# --- matching --------------------------------------------------------------------------------


def people_of(project: Project) -> dict[str, Person]:
    """The project's people by id."""
    return {r.place.id: r.model for r in project.of_kind("person") if isinstance(r.model, Person)}


def candidates(name: PersonName, people: Mapping[str, Person], on: date) -> list[str]:
    """The ids of the people the name may point to on a day: by the surname read, else by the
    other readings of the written surname (`alternatives`); more than one — ambiguous."""
    for surnames in ((name.surname,), name.alternatives):
        keys = {_key(s) for s in surnames}
        found = [pid for pid, p in people.items() if _fits(p, keys, name, on)]
        if found:
            return sorted(found)
    return []


def match_person(name: PersonName, people: Mapping[str, Person], on: date) -> str | None:
    """The id of the one person the name points to on a day; None when none or several."""
    found = candidates(name, people, on)
    return found[0] if len(found) == 1 else None


def surnames_on(person: Person, on: date) -> list[str]:
    """The surnames a person may be written with on a day: the current one, and the earlier
    ones in use then, if the record keeps them (`former_names`: surname, since, until)."""
    surnames = [person.surname]
    for former in getattr(person, "former_names", None) or ():
        since, until = getattr(former, "since", None), getattr(former, "until", None)
        if (since is None or since <= on) and (until is None or on <= until):
            surnames.append(str(former.surname))
    return surnames


def _fits(person: Person, surnames: set[str], name: PersonName, on: date) -> bool:
    if not surnames & {_key(s) for s in surnames_on(person, on)}:
        return False
    letters = [_key(part[0]) for part in name.initials.split()]
    recorded = [person.name, *([person.patronymic] if person.patronymic else [])]
    if len(letters) > len(recorded) or any(
        letter != _key(part[0]) for letter, part in zip(letters, recorded, strict=False)
    ):
        return False
    written = (name.name, name.patronymic)
    return all(
        w is None or r is None or r.endswith(".") or _key(w) == _key(r)
        for w, r in zip(written, (person.name, person.patronymic), strict=True)
    )


def _key(text: str) -> str:
    return text.casefold().replace("ё", "е")


# --- drafting --------------------------------------------------------------------------------

_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ы": "y", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_VOWELS = tuple("аеёиоуыэюя")
UNKNOWN_POSITION = "должность не указана в протоколе"


def transliterate(text: str) -> str:
    """Latin letters as the project's ids have them: «Ильина» → ilyina, «Зайцева» → zaitseva,
    «Жукова» → zhukova (the passport style, with я → ya, ю → yu, ь before a vowel → y)."""
    out: list[str] = []
    lowered = text.lower()
    for index, char in enumerate(lowered):
        if char in "ьъ":
            out.append("y" if char == "ь" and lowered[index + 1 : index + 2] in _VOWELS else "")
        elif char in _LATIN:
            out.append(_LATIN[char])
        elif char.isascii() and char.isalnum():
            out.append(char)
        else:
            out.append("-")
    return re.sub(r"-+", "-", "".join(out)).strip("-")


def person_id(name: PersonName, existing_ids: Collection[str]) -> str:
    """«Ильина О. К.» → ilyina-ok; taken → ilyina-ok-2, -3…"""
    initials = "".join(transliterate(letter) for letter in name.initials.replace(".", "").split())
    base = "-".join(p for p in (transliterate(name.surname), initials) if p) or "person"
    candidate, number = base, 1
    while candidate in existing_ids:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def draft_person(
    name: PersonName,
    existing_ids: Collection[str],
    *,
    organization: str,
    title: str | None = None,
    source: str | None = None,
) -> tuple[str, str]:
    """The id and YAML text of a record for a person not found in records/people.

    Only what the protocol says: the surname, the name and patronymic in full if written so
    (else their initials, «Т.», which print as «Соколова Т. В.»), the gender when read, the
    position if the caller found one (`title`); the organization is the caller's (the
    schema requires a position with one). No consent: the public site shows the person by
    position and organization only. Add the id to `existing_ids` before drafting the next.
    """
    if not _SLUG.fullmatch(organization):
        raise ValueError(f"not an organization id: {organization!r}")
    record_id = person_id(name, existing_ids)
    letters = name.initials.split()
    written = re.sub(r"\s+", " ", name.written).strip() or name.short()
    whence = f"протокола {source}" if source else "протокола"
    what = "имя и отчество" if name.name else "впишите имя и отчество полностью"
    lines = [
        f"# Создано импортом {whence}: в records/people не нашлось «{name.short()}»",
        f"# (в протоколе: «{written}»). Проверьте фамилию, {what}, должность и организацию.",
        "# Согласия на публикацию (consent) нет: пока его не внесут, на публичном сайте",
        "# человек показывается только должностью и организацией.",
        f"surname: {_scalar(name.surname)}",
    ]
    if name.name:
        lines.append(f"name: {_scalar(name.name)}")
    else:
        lines.append(f"name: {_scalar(letters[0])}  # ← в протоколе только инициал: впишите имя")
    if name.patronymic:
        lines.append(f"patronymic: {_scalar(name.patronymic)}")
    elif len(letters) > 1:
        lines.append(f"patronymic: {_scalar(letters[1])}  # ← впишите отчество полностью")
    if name.gender is not None and not name.patronymic:
        lines.append(f"gender: {name.gender.value}  # ← определён по окончанию фамилии: проверьте")
    position = _scalar(title) if title else f"{UNKNOWN_POSITION}  # ← впишите должность"
    lines += [
        "positions:",
        f"  - title: {position}",
        f"    organization: {organization}  # ← проверьте организацию",
    ]
    return record_id, "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    """A YAML scalar: plain when it reads back as the same text, else in double quotes."""
    text = re.sub(r"\s+", " ", value).strip()
    plain = re.fullmatch(r"[А-ЯЁа-яё][А-ЯЁа-яё0-9 .\-]*", text)
    return text if plain else json.dumps(text, ensure_ascii=False)
