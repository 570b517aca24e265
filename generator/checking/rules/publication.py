"""What the public site will say: a school named beside words of failure is for review.

Not a rule of the regulations (МПО, РОСТ): the centre's own rule for its public site. The
site exists to help the schools with low results, and a page that reads «в МБОУ «СШ № 158»
не хватает…» shames one of them — and names its head, who is known by the school, without
their consent (152-ФЗ, ст. 7). So every text the public edition will show — a signed
protocol's questions, reports, statements, decisions and recommendations, an approved plan,
deficits, recommended practices, the council's materials and events — is read sentence by
sentence, and a sentence that names a school (or is said under a speaker's post in a school)
beside a word of failure, or names a person who gave no consent to be named («А. Н. Петрова»),
is a warning at its line. A protocol's statement or decision marked `internal: true` stays on
the internal site and is not read.

The rule looks at the associations' school years; what belongs to no association (practices,
the council's materials and events) is read in the first association's year it falls in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from generator.checking.rules.base import Problem, Scope, Status, Verdict, passed, rule
from generator.checking.rules.public_texts import Passage, association_passages
from generator.loading.project import Project
from schemas import Organization, Person
from schemas.enums import ConsentScope, OrgKind

# Words of failure, by stem, so that every Russian form matches: «не хватает», «нехватка»,
# «просрочено», «не выполнено», «низкие результаты», «отстаёт», «провалили»…
_FAILURE = re.compile(
    r"(?<![а-яёa-z])(?:"
    r"не\s+хват\w*|нехватк\w*|недоста[тч]\w*"
    r"|просроч\w*|не\s*выполн\w*|невыполн\w*|не\s+исполн\w*|неисполн\w*"
    r"|(?:низк|худш|слаб)\w*(?:\s+[а-яё]+){0,2}\s+(?:результат|показател|балл)\w*"
    r"|(?:сниж|сниз|пад)\w*(?:\s+[а-яё]+){0,2}\s+(?:результат|показател|балл|успеваемост)\w*"
    r"|(?:результат|показател|балл|успеваемост)\w*(?:\s+[а-яё]+){0,2}\s+(?:сниж|сниз|упа|пад|ухудш)\w*"
    r"|отста(?:[её]т|ют|ющ|вани|л)\w*|провал\w*|неудовлетворител\w*|неуспева\w*"
    r"|не\s+справ\w*|не\s*достиг\w*|недостиж\w*|ухудш\w*|зон\w*\s+риска|не\s+сдал\w*"
    r")",
    re.IGNORECASE,
)
# Pupils with low results are whom a school works for, not the school's failure.
_PUPILS_BEFORE = re.compile(r"(?:обучающ|учащ|учени|дет|школьник)\w*\s+со?\s+$", re.IGNORECASE)
_PUPILS_AFTER = re.compile(r"\s+(?:обучающ|учащ|учени|дет|школьник)", re.IGNORECASE)
# A school however it is written: «МБОУ «СШ № 129»», «школа № 5», «гимназии № 3».
_SCHOOL = re.compile(
    r"(?<![а-яёa-z])(?:(?:М[БАК]?ОУ|ГБОУ|ГОУ|ГКОУ|ЧОУ|НОУ|АНОО?)\s*«(?:[^«»]|«[^«»]*»){1,80}»"
    r"|(?:СОШ|СШ|ООШ|НОШ|ЦО|лице[йяюе]\w*|гимнази\w*|школ\w*)\s*№\s*\d+)",
    re.IGNORECASE,
)
# A sentence ends at «.», «!», «?», «…» before a capital (not after an initial or «г.») or at «;».
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"А-ЯЁA-Z0-9])|;\s*")
_WORD = re.compile(r"\w+")
_KEY = 3  # letters of a surname that pick the people to try
_ENDING = re.compile(r"[аяйьоеы]$", re.IGNORECASE)  # what `_stem` takes off a name
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[А-ЯЁA-Z]|г|гг|ул|им|д|т|п|см|стр|ст|ч|№)\.$")


@dataclass(frozen=True, slots=True)
class Known:
    """What the passages are read against: schools' names, people not to be named."""

    schools: tuple[str, ...]  # every name of a school, longest first
    unnamed: dict[str, list[Person]]  # first letters of a surname → people not to be named
    # The same words come back in many records (a plan's tasks, a recurring topic, a remark
    # made at many meetings by speakers of many schools), and each text is read once per
    # check: whether it can have a finding at all (`_may_find`), and what its sentences say
    # whoever says them (`_readings`).
    may_find: dict[str, bool]
    readings: dict[str, tuple[Reading, ...]]


class Reading(NamedTuple):
    """What a sentence that can have a finding says, whoever says it."""

    person: str  # a person it names without their consent, as written; "" if none
    failure: str  # its word of failure, when it names no such person
    school: str  # the school it names beside that word; "" if none


def _review(scope: Scope) -> Verdict:
    # A fact about the records as of the date, without a term: passed or failed.
    known = scope.once("publication-known", lambda: _known(scope.project, scope.as_of))
    may_find = known.may_find
    shown = 0

    # The passages are made only of the texts this lets through: a region has some 57 000
    # texts, and all but a few hundred say nothing to review, so most are only counted.
    def sieve(text: str) -> bool:
        nonlocal shown
        shown += 1
        if (may := may_find.get(text)) is None:
            may = may_find[text] = _may_find(text, known)
        return may

    problems = [
        problem
        for passage in association_passages(scope, sieve)
        if (problem := _problem(scope, passage, known)) is not None
    ]
    figures = f"текстов открытого сайта: {shown}, к пересмотру: {len(problems)}"
    return Verdict(Status.FAILED, figures, tuple(problems)) if problems else passed(figures)


def _known(project: Project, as_of: date) -> Known:
    """What every scope of a check reads its passages against, worked out once per check."""
    return Known(_school_names(project), _unnamed_people(project, as_of), {}, {})


TITLE = "открытый сайт не называет школу рядом с её неудачами, а человека — без его согласия"
CLAUSE = "правила публикации сайта; 152-ФЗ ст. 7"
ADVICE = (
    "Это правило не из положений МПО и РОСТ, а правило публикации сайта центра: открытый сайт "
    "не показывает трудности отдельных школ — он для того, чтобы им помогать, а по названию "
    "школы узнаётся и её руководитель; человека он называет только с его согласия "
    "(152-ФЗ, ст. 7). Перепишите текст без названия школы или имени или, если это выступление "
    "или решение в протоколе, отметьте его internal: true — тогда оно останется только на "
    "внутреннем сайте."
)


publication_review = rule("publication-review", CLAUSE, TITLE, "warning", advice=ADVICE)(_review)


def _problem(scope: Scope, passage: Passage, known: Known) -> Problem | None:
    """The first sentence of a passage that names a person without consent, or puts a
    school beside a word of failure (a passage `_may_find` something in)."""
    text = passage.text
    if (readings := known.readings.get(text)) is None:
        readings = known.readings[text] = _readings(text, known)
    # Only a word of failure without a school's name depends on who says it: the speaker's
    # post is looked up for that alone.
    school = (
        _speaker_school(scope, *passage.speaker)
        if passage.speaker and any(not r.person and not r.school for r in readings)
        else ""
    )
    found = _first_finding(readings, school)
    if found is None:
        return None
    what, rewrite = found
    fix = (
        f"{rewrite} или отметьте это internal: true — тогда оно останется только на "
        "внутреннем сайте."
        if passage.internal_allowed
        else f"{rewrite}."
    )
    return Problem(f"{passage.what} {what} {fix}", passage.record.path, passage.loc)


def _first_finding(readings: tuple[Reading, ...], speaker_school: str) -> tuple[str, str] | None:
    """(what is wrong, how to rewrite it) for the first sentence of a text with a finding,
    said by someone of `speaker_school` (or "")."""
    for reading in readings:
        if reading.person:
            return (
                f"называет человека («{reading.person}»), который не давал согласия на "
                "публикацию имени, — так это покажет открытый сайт.",
                "Напишите вместо имени роль («руководитель объединения», «докладчик»)",
            )
        if reading.school:
            return (
                f"называет {reading.school} рядом со словами «{reading.failure}» — так это "
                "покажет открытый сайт.",
                "Перепишите текст без названия школы",
            )
        if speaker_school:
            return (
                f"говорит «{reading.failure}», а открытый сайт покажет его под должностью "
                f"выступающего в {speaker_school}.",
                "Перепишите текст так, чтобы он не говорил о неудаче школы",
            )
    return None


def _readings(text: str, known: Known) -> tuple[Reading, ...]:
    """The sentences of a text that can have a finding, up to the first that has one whoever
    says it (a person named, or a school beside a word of failure)."""
    found = []
    for sentence in _sentences(text):
        reading = _reading(sentence, known)
        if reading is not None:
            found.append(reading)
            if reading.person or reading.school:
                break
    return tuple(found)


def _may_find(text: str, known: Known) -> bool:
    """Whether any sentence of the text can have a finding: most texts name no one and say no
    word of failure, and are not split into sentences at all.

    Exact, not a guess: a sentence is a stretch of the text cut at spaces or «;», so its words
    are the text's words, and a word of failure or a person's name found in a sentence is found
    in the whole text too — the patterns never look ahead, and look behind only for a letter
    or digit, while a sentence's first character follows a space or «;» (or nothing).
    """
    if _FAILURE.search(text) is not None:
        return True
    unnamed = known.unnamed
    keys = {word[:_KEY].casefold() for word in _WORD.findall(text)} & unnamed.keys()
    return any(_named(person, text) for key in keys for person in unnamed[key])


def _reading(sentence: str, known: Known) -> Reading | None:
    """What one sentence says that can be a finding, or None."""
    person = _person_in(sentence, known.unnamed)
    if person:
        return Reading(person, "", "")
    failure = next(
        (
            match
            for match in _FAILURE.finditer(sentence)
            if not _PUPILS_BEFORE.search(sentence, 0, match.start())
            and not _PUPILS_AFTER.match(sentence, match.end())
        ),
        None,
    )
    if failure is None:
        return None
    return Reading("", failure[0], _school_in(sentence, known.schools))


def _person_in(sentence: str, unnamed: dict[str, list[Person]]) -> str:
    """A person the site may not name, as the sentence writes them («А. Н. Петрова»)."""
    for word in _WORD.findall(sentence):
        for person in unnamed.get(word[:_KEY].casefold(), ()):
            if named := _named(person, sentence):
                return named
    return ""


def _named(person: Person, text: str) -> str:
    """The person as the text writes them (`_forms`), or "" when it does not."""
    # Every form holds the surname's stem as written, and either the first name's initial with
    # its dot or the first name's stem: without them there is no pattern to build and try
    # (building one costs more than reading a text, and most stems come up by chance).
    name = person.name
    if _stem(person.surname) not in text or (
        name and f"{name[0]}." not in text and _stem(name) not in text
    ):
        return ""
    found = _forms(person.surname, name, person.patronymic).search(text)
    return found[0] if found is not None else ""


def _unnamed_people(project: Project, as_of: date) -> dict[str, list[Person]]:
    """Everyone without consent to be named on the public site on the day, by the first
    letters of their surname."""
    found: dict[str, list[Person]] = {}
    for record in project.of_kind("person"):
        person = record.model
        if not isinstance(person, Person):
            continue
        if person.consent is not None and person.consent.allows(ConsentScope.NAME, as_of):
            continue
        found.setdefault(_stem(person.surname)[:_KEY].casefold(), []).append(person)
    return found


@functools.lru_cache(maxsize=4096)
def _forms(surname: str, name: str, patronymic: str | None) -> re.Pattern[str]:
    """A person as texts write them: initials and surname in any case («А. Н. Петрова»,
    «Петрову А. Н.»), surname and first name («Петрова Алексея»)."""
    family, first = re.escape(_stem(surname)), re.escape(_stem(name))
    initials = r"\.\s*".join(re.escape(part[0]) for part in (name, patronymic) if part) + r"\."
    return re.compile(
        rf"(?<!\w)(?:{initials}\s*{family}\w*|{family}\w*\s+(?:{initials}|{first}\w*))"
    )


@functools.lru_cache(maxsize=4096)  # asked for the same surnames text after text
def _stem(word: str) -> str:
    """A name without the ending its cases change: «Иванова» → «Иванов», «Мария» → «Мари»."""
    stem = _ENDING.sub("", word)
    return stem if len(stem) >= _KEY else word


def _sentences(text: str) -> Iterator[str]:
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if end[0].strip(" \n") != ";" and _ABBREVIATION.search(text[start : end.start()]):
            continue
        yield text[start : end.start()]
        start = end.end()
    yield text[start:]


def _school_in(sentence: str, names: tuple[str, ...]) -> str:
    found = _SCHOOL.search(sentence)
    if found is not None:
        return found[0]
    return next((name for name in names if name in sentence), "")


def _school_names(project: Project) -> tuple[str, ...]:
    """Every name the records give a school, short and full, longest first."""
    names = {
        name
        for record in project.of_kind("organization")
        if isinstance(record.model, Organization) and record.model.kind is OrgKind.SCHOOL
        for org_name in record.model.names
        for name in (org_name.short, org_name.full)
    }
    return tuple(sorted(names, key=len, reverse=True))


def _speaker_school(scope: Scope, person_id: str, day: date) -> str:
    """The school the public site prints beside a speaker: their post's, if they agreed to it."""
    found = scope.project.get("person", person_id)
    person = found.model if found is not None and isinstance(found.model, Person) else None
    if person is None or person.consent is None:
        return ""
    # The consent first: it is one comparison, the post a search of all the person's posts.
    if not person.consent.allows(ConsentScope.POSITION, scope.as_of):
        return ""
    position = person.position_on(day)
    if position is None:
        return ""
    org = scope.project.get("organization", position.organization)
    if (
        org is None
        or not isinstance(org.model, Organization)
        or org.model.kind is not OrgKind.SCHOOL
    ):
        return ""
    return org.model.name_on(day).short
