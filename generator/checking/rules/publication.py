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
from generator.loading.diagnostics import Loc
from generator.loading.project import Loaded, Project
from schemas import (
    Association,
    CouncilEvent,
    CouncilMaterial,
    Deficit,
    Meeting,
    Organization,
    Person,
    Practice,
    Protocol,
    school_year_bounds,
    school_year_of,
)
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


class Passage(NamedTuple):
    """A text the public site will show, and where it stands in its record.

    A named tuple, not a frozen dataclass: a check makes one for every text of every year
    (some 57 000 in a region), and a tuple is made several times faster.
    """

    record: Loaded
    loc: Loc
    what: str  # Russian: «выступление в протоколе», «тема заседания»…
    text: str
    internal_allowed: bool = False  # may be marked `internal: true`
    # Who says it, and on which day: the site prints the school of their post beside it. Only
    # a text with a word of failure needs that school (`_speaker_school`), so it is looked up
    # then, not for every statement.
    speaker: tuple[str, date] | None = None


@dataclass(frozen=True, slots=True)
class Known:
    """What the passages are read against: schools' names, people not to be named."""

    schools: tuple[str, ...]  # every name of a school, longest first
    unnamed: dict[str, list[Person]]  # first letters of a surname → people not to be named
    # The same words come back in many records (a plan's tasks, a recurring topic), and each
    # text is read once per check: whether it can have a finding at all (`_may_find`), and
    # its first finding by (text, the speaker's school).
    may_find: dict[str, bool]
    read: dict[tuple[str, str], tuple[str, str] | None]


def _review(scope: Scope) -> Verdict:
    # A fact about the records as of the date, without a term: passed or failed.
    known = scope.once("publication-known", lambda: _known(scope.project, scope.as_of))
    passages = list(_association_passages(scope))
    may_find = known.may_find
    problems = []
    for passage in passages:
        text = passage.text
        if (may := may_find.get(text)) is None:
            may = may_find[text] = _may_find(text, known)
        if may and (problem := _problem(scope, passage, known)) is not None:
            problems.append(problem)
    figures = f"текстов открытого сайта: {len(passages)}, к пересмотру: {len(problems)}"
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
    school = _speaker_school(scope, *passage.speaker) if passage.speaker else ""
    key = (text, school)
    if key in known.read:
        found = known.read[key]
    else:
        found = known.read[key] = _first_finding(text, school, known)
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


def _first_finding(text: str, speaker_school: str, known: Known) -> tuple[str, str] | None:
    """(what is wrong, how to rewrite it) for the first sentence of a text with a finding."""
    for sentence in _sentences(text):
        found = _finding(sentence, speaker_school, known)
        if found is not None:
            return found
    return None


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
    return any(
        _stem(person.surname) in text  # every form holds the stem as written
        and _forms(person.surname, person.name, person.patronymic).search(text) is not None
        for key in keys
        for person in unnamed[key]
    )


def _finding(sentence: str, speaker_school: str, known: Known) -> tuple[str, str] | None:
    """(what is wrong, how to rewrite it) for one sentence, or None."""
    person = _person_in(sentence, known.unnamed)
    if person:
        return (
            f"называет человека («{person}»), который не давал согласия на публикацию имени, — "
            "так это покажет открытый сайт.",
            "Напишите вместо имени роль («руководитель объединения», «докладчик»)",
        )
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
    named = _school_in(sentence, known.schools)
    if named:
        return (
            f"называет {named} рядом со словами «{failure[0]}» — так это покажет открытый сайт.",
            "Перепишите текст без названия школы",
        )
    if speaker_school:
        return (
            f"говорит «{failure[0]}», а открытый сайт покажет его под должностью выступающего "
            f"в {speaker_school}.",
            "Перепишите текст так, чтобы он не говорил о неудаче школы",
        )
    return None


def _person_in(sentence: str, unnamed: dict[str, list[Person]]) -> str:
    """A person the site may not name, as the sentence writes them («А. Н. Петрова»)."""
    for word in _WORD.findall(sentence):
        for person in unnamed.get(word[:_KEY].casefold(), ()):
            if _stem(person.surname) not in sentence:
                continue  # every form holds the stem as written: no pattern to build and try
            found = _forms(person.surname, person.name, person.patronymic).search(sentence)
            if found is not None:
                return found[0]
    return ""


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


# --- what the public site shows ------------------------------------------------------------


def _association_passages(scope: Scope) -> Iterator[Passage]:
    year = scope.association
    assert year is not None
    for record, meeting in year.meetings:
        yield from _meeting_passages(scope, record, meeting)
    if year.plan_record is not None and year.plan_record[1].approved_by(scope.as_of):
        record, plan = year.plan_record
        yield Passage(record, ("goal",), "цель плана", plan.goal)
        for i, task in enumerate(plan.tasks):
            yield Passage(record, ("tasks", i), "задача плана", task)
        for i, item in enumerate(plan.items):
            yield Passage(record, ("items", i, "topic"), "пункт плана", item.topic)
            yield Passage(
                record, ("items", i, "expected_result"), "пункт плана", item.expected_result
            )
        for i, amendment in enumerate(plan.amendments):
            yield Passage(
                record, ("amendments", i, "description"), "изменение плана", amendment.description
            )
    for record, deficit in year.deficits:
        yield from _deficit_passages(record, deficit)
    if scope.once("first-association", lambda: _first_association(scope.project)) == (
        year.association
    ):
        yield from _practice_passages(scope)
        yield from _council_passages(scope)
    if school_year_of(scope.as_of) == year.year:
        found = scope.project.get("association", year.association)
        if found is not None and isinstance(found.model, Association) and found.model.description:
            yield Passage(found, ("description",), "описание объединения", found.model.description)


def _meeting_passages(scope: Scope, record: Loaded, meeting: Meeting) -> Iterator[Passage]:
    yield Passage(record, ("topic",), "тема заседания", meeting.topic)
    if meeting.cancel_reason:
        yield Passage(record, ("cancel_reason",), "причина отмены заседания", meeting.cancel_reason)
    protocol = meeting.protocol
    if protocol is None or not protocol.signed_by(scope.as_of):
        return
    yield from _protocol_passages(record, protocol, meeting.date)


def _protocol_passages(record: Loaded, protocol: Protocol, day: date) -> Iterator[Passage]:
    at = "protocol"
    for i, item in enumerate(protocol.agenda):
        yield Passage(record, (at, "agenda", i, "question"), "вопрос повестки", item.question)
        yield Passage(record, (at, "agenda", i, "summary"), "доклад в протоколе", item.summary)
        for j, statement in enumerate(item.discussion):
            if not statement.internal:
                yield Passage(
                    record, (at, "agenda", i, "discussion", j, "summary"), "выступление в протоколе",
                    statement.summary, True, (statement.person, day),
                )  # fmt: skip
        for j, decision in enumerate(item.decisions):
            if not decision.internal:
                loc = (at, "agenda", i, "decisions", j, "text")
                yield Passage(record, loc, "решение в протоколе", decision.text, True)
    for i, recommendation in enumerate(protocol.recommendations):
        yield Passage(
            record, (at, "recommendations", i), "рекомендация в протоколе", recommendation
        )


def _speaker_school(scope: Scope, person_id: str, day: date) -> str:
    """The school the public site prints beside a speaker: their post's, if they agreed to it."""
    found = scope.project.get("person", person_id)
    person = found.model if found is not None and isinstance(found.model, Person) else None
    if person is None or person.consent is None:
        return ""
    position = person.position_on(day)
    if position is None or not person.consent.allows(ConsentScope.POSITION, scope.as_of):
        return ""
    org = scope.project.get("organization", position.organization)
    if (
        org is None
        or not isinstance(org.model, Organization)
        or org.model.kind is not OrgKind.SCHOOL
    ):
        return ""
    return org.model.name_on(day).short


def _deficit_passages(record: Loaded, deficit: Deficit) -> Iterator[Passage]:
    yield Passage(record, ("title",), "название дефицита", deficit.title)
    yield Passage(record, ("area",), "область компетенций дефицита", deficit.area)
    for i, measure in enumerate(deficit.measures):
        yield Passage(record, ("measures", i, "text"), "мера по дефициту", measure.text)
        if measure.done_by:
            yield Passage(record, ("measures", i, "done_by"), "мера по дефициту", measure.done_by)
    if deficit.repeat_diagnostic is not None:
        loc = ("repeat_diagnostic", "result")
        yield Passage(record, loc, "итог повторной диагностики", deficit.repeat_diagnostic.result)


def _first_association(project: Project) -> str | None:
    """Practices and the council's materials and events belong to no association: the first
    association's years review them, each once."""
    return min((record.place.id for record in project.of_kind("association")), default=None)


def _practice_passages(scope: Scope) -> Iterator[Passage]:
    by_year = scope.once("practices-by-year", lambda: _practices_by_year(scope.project))
    for record, practice in by_year.get(scope.year, ()):
        if practice.in_library(scope.as_of):
            yield Passage(record, ("title",), "название практики", practice.title)
            yield Passage(record, ("problem",), "проблема практики", practice.problem)
            yield Passage(record, ("results",), "результаты практики", practice.results)
            if practice.body.strip():
                yield Passage(record, ("body",), "описание практики", practice.body)


def _practices_by_year(project: Project) -> dict[str, list[tuple[Loaded, Practice]]]:
    """The library's practices by school year, in the records' order: each year of the first
    association reads its own, not the whole library."""
    found: dict[str, list[tuple[Loaded, Practice]]] = {}
    for record in project.of_kind("practice"):
        if isinstance(record.model, Practice):
            found.setdefault(record.model.year, []).append((record, record.model))
    return found


def _council_passages(scope: Scope) -> Iterator[Passage]:
    first, last = school_year_bounds(scope.year)
    for record in scope.project.of_kind("material"):
        material = record.model
        if isinstance(material, CouncilMaterial) and first <= material.published <= last:
            yield Passage(record, ("title",), "название материала совета", material.title)
            yield Passage(record, ("summary",), "описание материала совета", material.summary)
    for record in scope.project.of_kind("event"):
        event = record.model
        if isinstance(event, CouncilEvent) and first <= event.date <= last:
            yield Passage(record, ("title",), "название мероприятия совета", event.title)
            if event.outcome:
                yield Passage(record, ("outcome",), "итоги мероприятия совета", event.outcome)
