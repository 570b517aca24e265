"""The rules' shortcuts taken for speed judge exactly what the plain ways judge.

The publication rule makes a passage only of a text that may have a finding, and builds a
person's pattern only when the text holds their surname and first name or initial; the years
are gathered kind by kind from the project's index. Each is compared here with the plain way
on a synthetic project.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.checking.compliance import _scopes
from generator.checking.rules import public_texts, publication
from generator.checking.rules.base import Scope, Status
from generator.checking.years import Year, collect_years
from generator.loading.project import Loaded, Project, load_project
from schemas import (
    AnnualAnalysis,
    CompetenceDiagnostic,
    Consultation,
    ConsultationRequest,
    Deficit,
    Meeting,
    Membership,
    Person,
    Plan,
    RuleSettings,
)
from synth import Spec, synthesize

from .conftest import REPO

AS_OF = date(2026, 11, 20)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("shortcuts") / "project"
    synthesize(root, Spec(2, 3, seed=5))
    loaded, problems = load_project(root, cache=False)
    assert problems == []
    return loaded


def _association_scopes(project: Project) -> list[Scope]:
    settings = project.settings
    rules = settings.rules if settings else RuleSettings()
    scopes = _scopes(project, AS_OF, rules, settings, None, None)
    return [scope for scope in scopes if scope.association is not None]


def test_the_review_reads_every_text_the_site_shows(project: Project) -> None:
    """Its count and findings are those of reading every passage, text by text."""
    problems_seen = 0
    for scope in _association_scopes(project):
        verdict = publication._review(scope)
        known = scope.once("publication-known", lambda: publication._known(project, AS_OF))
        every = list(public_texts.association_passages(scope, lambda _text: True))
        plain = [
            problem
            for passage in every
            if publication._may_find(passage.text, known)
            and (problem := publication._problem(scope, passage, known)) is not None
        ]
        assert verdict.figures == (
            f"текстов открытого сайта: {len(every)}, к пересмотру: {len(plain)}"
        )
        assert verdict.problems == tuple(plain)
        assert verdict.status is (Status.FAILED if plain else Status.PASSED)
        problems_seen += len(plain)
    assert problems_seen > 0  # the synthetic project gives the rule something to find


def _plain_first_finding(
    text: str, school: str, known: publication.Known
) -> tuple[str, str] | None:
    """The first finding as first written: each sentence read again for each speaker."""
    for sentence in publication._sentences(text):
        person = publication._person_in(sentence, known.unnamed)
        if person:
            return (
                f"называет человека («{person}»), который не давал согласия на публикацию "
                "имени, — так это покажет открытый сайт.",
                "Напишите вместо имени роль («руководитель объединения», «докладчик»)",
            )
        failure = next(
            (
                match
                for match in publication._FAILURE.finditer(sentence)
                if not publication._PUPILS_BEFORE.search(sentence, 0, match.start())
                and not publication._PUPILS_AFTER.match(sentence, match.end())
            ),
            None,
        )
        if failure is None:
            continue
        named = publication._school_in(sentence, known.schools)
        if named:
            return (
                f"называет {named} рядом со словами «{failure[0]}» — так это покажет открытый "
                "сайт.",
                "Перепишите текст без названия школы",
            )
        if school:
            return (
                f"говорит «{failure[0]}», а открытый сайт покажет его под должностью "
                f"выступающего в {school}.",
                "Перепишите текст так, чтобы он не говорил о неудаче школы",
            )
    return None


@pytest.mark.parametrize(
    "text",
    [
        "Нехватка кадров. Школа № 5 провалила экзамен.",
        "Обратила внимание на нехватку времени; в МБОУ «СШ № 12» отстают по математике.",
        "У обучающихся с низкими результатами всё хорошо. Показатели снизились.",
        "Ничего плохого. Всё в порядке!",
        "Результаты упали. Гимназия № 3 не справилась.",
    ],
)
@pytest.mark.parametrize("school", ["", "МБОУ «СШ № 7»"])
def test_a_text_is_read_once_for_every_speaker(project: Project, text: str, school: str) -> None:
    known = publication._known(project, AS_OF)
    readings = publication._readings(text, known)
    assert publication._first_finding(readings, school) == _plain_first_finding(text, school, known)


def test_every_text_of_the_site_is_read_once_for_every_speaker(project: Project) -> None:
    known = publication._known(project, AS_OF)
    texts = {
        passage.text
        for scope in _association_scopes(project)
        for passage in public_texts.association_passages(scope, lambda _text: True)
    }
    for text in texts:
        readings = publication._readings(text, known)
        for school in ("", "МБОУ «СШ № 7»"):
            expected = _plain_first_finding(text, school, known)
            assert publication._first_finding(readings, school) == expected, text


def test_a_person_is_found_as_their_pattern_finds_them(project: Project) -> None:
    people = [r.model for r in project.of_kind("person") if isinstance(r.model, Person)]
    assert people
    for person in people[:40]:
        initials = ". ".join(p[0] for p in (person.name, person.patronymic) if p) + "."
        texts = [
            f"Доклад сделал {initials} {person.surname}.",
            f"Слово предоставили {person.surname}у {initials}",
            f"{person.surname} {person.name} выступила",
            f"{person.surname}ская школа, {person.name.lower()}",
            f"{person.surname}: без имени",
            f"{person.name} {person.surname}",
            "Ничего о людях.",
        ]
        for text in texts:
            found = publication._forms(person.surname, person.name, person.patronymic).search(text)
            assert publication._named(person, text) == (found[0] if found else ""), text


def _plain_years(project: Project) -> list[Year]:
    """The years as first gathered: every record in order, asked what it is."""
    by_key: dict[tuple[str, str], Year] = {}
    for record in project.records:
        place = record.place
        if place.association is None or place.year is None:
            continue
        year = by_key.setdefault(
            (place.association, place.year), Year(place.association, place.year)
        )
        _file(year, record)
    for year in by_key.values():
        year.meetings.sort(key=lambda pair: pair[0].place.id)
        year.diagnostics.sort(key=lambda pair: (pair[1].date, pair[0].place.id))
        if project.settings is not None:
            year.resolved_percent = project.settings.rules.deficit_resolved_percent
    return [by_key[key] for key in sorted(by_key)]


def _file(year: Year, record: Loaded) -> None:
    model = record.model
    if isinstance(model, Consultation):
        year.consultations.append((record, model))
    elif isinstance(model, ConsultationRequest):
        year.requests.append((record, model))
    elif isinstance(model, Meeting):
        year.meetings.append((record, model))
    elif isinstance(model, Deficit):
        year.deficits.append((record, model))
    elif isinstance(model, CompetenceDiagnostic):
        year.diagnostics.append((record, model))
    elif isinstance(model, Membership):
        year.membership_record = (record, model)
    elif isinstance(model, Plan):
        year.plan_record = (record, model)
    elif isinstance(model, AnnualAnalysis):
        year.analysis_record = (record, model)


def test_years_gathered_by_kind_are_the_years_gathered_record_by_record(
    project: Project,
) -> None:
    gathered, plain = collect_years(project), _plain_years(project)
    assert len(gathered) == len(plain) > 1
    for by_kind, by_record in zip(gathered, plain, strict=True):
        assert by_kind == by_record
        assert by_kind.meetings and by_kind.requests and by_kind.consultations


def test_the_sample_project_is_read_the_same() -> None:
    """A project with one association and an archive year, as the repository's sample."""
    sample, problems = load_project(REPO)
    assert problems == []
    assert collect_years(sample) == _plain_years(sample)
