"""People in imported protocols: names read in any case, matched or drafted, never guessed.

Each protocol here is Markdown made into DOCX by the real pandoc, read back as `import-docx`
reads it (`docx_lines`, `read_protocol`) and drafted (`draft_meeting`). The drafted meeting
and the drafted people's records are then checked together, as the import checks them, in a
copy of the sample: a speaker written in the accusative («СЛУШАЛИ: Соколову Т.В.») is
matched or drafted as «Соколова Т. В.» and what they said is kept without the name; people
not in records/people become drafted records the meeting refers to and the report lists; a
chair known only from the signature block («/Белкина О. В./») is found; a chair not found is
marked, never replaced by the association's leader.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.authoring.docx_text import docx_lines
from generator.authoring.import_draft import Draft, Roster, draft_meeting
from generator.authoring.recognise import Protocol, read_protocol
from generator.authoring.scaffold import YearScope
from generator.checking.validate import validate
from generator.checking.years import Year, collect_years
from generator.documents.pandoc import convert
from generator.loading.project import Project, load_project
from generator.loading.yamlsafe import parse_yaml
from schemas import Meeting, Person
from schemas.enums import Gender

from .conftest import REPO
from .test_documents import ASSOCIATION, MEETINGS, YEAR, copy_project

DAY = date(2026, 6, 19)  # the sample's year has meetings 01–05: an imported 06 fits
KNOWN_CHAIR = "Председатель: Волкова Е.П.\n\nСекретарь: Ильина О.К.\n\n"


def _protocol(markdown: str) -> Protocol:
    """The Markdown as a Word document made by pandoc, read as the import reads it."""
    return read_protocol(docx_lines(convert(markdown, "docx")))


def _heading(number: int = 6, day: str = "19.06.2026") -> str:
    return f"ПРОТОКОЛ № {number}\n\nот {day}\n\nМесто проведения: МБОУ «ЦО № 102»\n\n"


def _scope(project: Project, year: str = YEAR) -> YearScope:
    records = next(
        (y for y in collect_years(project) if (y.association, y.year) == (ASSOCIATION, year)),
        Year(ASSOCIATION, year),
    )
    return YearScope(project, ASSOCIATION, year, DAY, records)


def _draft(
    markdown: str, roster: Roster | None = None, *, draft_people: bool = True
) -> tuple[Protocol, Draft]:
    project, _problems = load_project(REPO)
    protocol = _protocol(markdown)
    made = draft_meeting(
        project, _scope(project), protocol, "Протокол.docx", roster, draft_people=draft_people
    )
    return protocol, made


def _written(tmp_path: Path, made: Draft, number: str = "06") -> tuple[Meeting, dict[str, Person]]:
    """The draft and its people's records in a copy of the sample: valid, as read back."""
    root = copy_project(tmp_path)
    (root / MEETINGS / f"{number}.yaml").write_text(made.text, encoding="utf-8")
    for path, text in made.people_files.items():
        assert not (root / path).exists(), path
        (root / path).write_text(text, encoding="utf-8")
    result = validate(root)
    errors = [d.format_text() for d in result.diagnostics if d.severity == "error"]
    assert errors == [], made.text
    path = f"{MEETINGS}/{number}.yaml"
    record = next(r for r in result.project.of_kind("meeting") if r.path == path)
    assert isinstance(record.model, Meeting)
    people = {
        r.place.id: r.model for r in result.project.of_kind("person") if isinstance(r.model, Person)
    }
    return record.model, people


def _report(made: Draft) -> str:
    return "\n".join(made.recognised.lines(written=True))


# --- speakers in the accusative ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "speaker", "summary"),
    [
        ("Соколову Т.В. — о результатах пробного ОГЭ.", "sokolova-tv", "о результатах"),
        ("Соколову Т.В.: о результатах пробного ОГЭ.", "sokolova-tv", "о результатах"),
        ("Соколову Т.В., которая представила результаты ОГЭ.", "sokolova-tv", "представила"),
        ("Волкову Е.П. – о мероприятиях июня.", "volkova-ep", "о мероприятиях июня."),
        ("Федорову Т.М., которая рассказала о плане.", "fedorova-tm", "рассказала о плане."),
        ("Ковалева П.С. о графике.", "kovalev-ps", "о графике."),  # ё written as е
    ],
)
def test_a_speaker_in_the_accusative_is_matched_or_drafted_in_the_nominative(
    tmp_path: Path, line: str, speaker: str, summary: str
) -> None:
    markdown = (
        _heading() + KNOWN_CHAIR + f"Повестка дня:\n\n1. Об итогах.\n\n1\\. СЛУШАЛИ: {line}\n"
    )
    protocol, made = _draft(markdown)
    item = protocol.agenda[0]
    assert item.speaker_name is not None
    assert item.summary[0].startswith(summary)
    assert item.speaker_name.surname[:5] not in item.summary[0]  # the name is not in the speech
    meeting, people = _written(tmp_path, made)
    assert meeting.protocol is not None
    (agenda_item,) = meeting.protocol.agenda
    assert agenda_item.speaker == speaker
    assert agenda_item.summary.startswith(summary)
    drafted = speaker not in Roster.of(load_project(REPO)[0]).people
    assert bool(made.people_files) is drafted
    if drafted:
        person = people[speaker]
        assert (person.short_name(), person.gender) == ("Соколова Т. В.", Gender.FEMALE)
        assert person.consent is None
        assert f"records/people/{speaker}.yaml — Соколова Т. В. (докладчик по вопросу 1" in (
            _report(made)
        )


# --- people not in records/people ---------------------------------------------------------

MEETING_WITH_STRANGERS = (
    _heading()
    + KNOWN_CHAIR
    + "Присутствовали: Волкова Е.П., директор; Гончарова А.В., заместитель директора "
    "МБОУ «ЦО № 5»; Лаптев Д.С. – начальник отдела общего образования\n\n"
    "Приглашены: Белова Е.А., старший методист; Кравец И.И., психолог; "
    "учителя математики (6 человек)\n\n"
    "Повестка дня:\n\n1. О результатах пробного ОГЭ.\n\n2. О плане на июль.\n\n"
    "1\\. СЛУШАЛИ: Гончарову А.В. — о результатах пробного ОГЭ по математике.\n\n"
    "ВЫСТУПИЛИ:\n\nЛаптев Д.С. предложил провести консультации.\n\n"
    "Смирнова Ю.О. – поддержала предложение.\n\n"
    "РЕШИЛИ:\n\n1.1. Провести консультации. Ответственный: Гончарова А.В.\n\n"
    "2\\. СЛУШАЛИ: Федорову Т.М., которая рассказала о плане на июль.\n\n"
    "РЕШИЛИ:\n\n2.1. Маркиной О.В. подготовить план на июль.\n"
)


def test_people_not_in_records_become_drafted_records_the_draft_refers_to(
    tmp_path: Path,
) -> None:
    protocol, made = _draft(MEETING_WITH_STRANGERS)
    assert [(m.name and m.name.short(), m.position) for m in protocol.present] == [
        ("Волкова Е. П.", "директор"),
        ("Гончарова А. В.", "заместитель директора МБОУ «ЦО № 5»"),
        ("Лаптев Д. С.", "начальник отдела общего образования"),
    ]
    assert sorted(made.people_files) == [
        "records/people/goncharova-av.yaml",
        "records/people/kravets-ii.yaml",
        "records/people/laptev-ds.yaml",
    ]
    meeting, people = _written(tmp_path, made)
    minutes = meeting.protocol
    assert minutes is not None
    assert minutes.present == ["volkova-ep", "goncharova-av", "laptev-ds"]
    assert [(i.person, i.description) for i in minutes.invited] == [
        ("belova-ea", None),
        ("kravets-ii", None),
        (None, "учителя математики (6 человек)"),
    ]
    first, second = minutes.agenda
    # every later mention, in any case, points to the record drafted for the first one
    assert (first.speaker, first.summary) == (
        "goncharova-av",
        "о результатах пробного ОГЭ по математике.",
    )
    assert [(s.person, s.summary) for s in first.discussion] == [
        ("laptev-ds", "предложил провести консультации."),
        ("smirnova-yu", "поддержала предложение."),
    ]
    assert [d.executor for d in first.decisions] == ["goncharova-av"]
    assert (second.speaker, second.summary) == ("fedorova-tm", "рассказала о плане на июль.")
    assert [(d.text, d.executor) for d in second.decisions] == [
        ("Маркиной О.В. подготовить план на июль.", "markina-ov")
    ]
    # the drafted records: the position the protocol gives, the supervising centre, no consent
    goncharova, laptev = people["goncharova-av"], people["laptev-ds"]
    assert goncharova.positions[0].title == "заместитель директора МБОУ «ЦО № 5»"
    assert laptev.positions[0].title == "начальник отдела общего образования"
    assert {goncharova.positions[0].organization, laptev.positions[0].organization} == {"cnppm"}
    assert goncharova.consent is None and laptev.gender is Gender.MALE
    report = _report(made)
    assert "созданы черновики их записей" in report
    for line in (
        "  - records/people/goncharova-av.yaml — Гончарова А. В. (присутствовал; в документе "
        "«Гончарова А.В., заместитель директора МБОУ «ЦО № 5»»)",
        "  - records/people/laptev-ds.yaml — Лаптев Д. С. (присутствовал;",
        "  - records/people/kravets-ii.yaml — Кравец И. И. (приглашённый;",
    ):
        assert line in report, report
    assert "present:\n    - volkova-ep  # Волкова Е.П., директор\n    - goncharova-av  # ←" in (
        made.text
    )


def test_people_not_drafted_never_leave_a_list_empty(tmp_path: Path) -> None:
    """When no one may be drafted, the names not found stay in comments: `present` and
    `discussion` are lists or absent, never an empty key (which YAML reads as null)."""
    markdown = (
        _heading()
        + KNOWN_CHAIR
        + "Присутствовали: Гончарова А.В.; Лаптев Д.С.\n\nПовестка дня:\n\n1. Об ОГЭ.\n\n"
        "1\\. СЛУШАЛИ: Волкову Е.П. — об итогах ОГЭ.\n\n"
        "ВЫСТУПИЛИ: Лаптев Д.С. – предложил провести консультации.\n"
    )
    _protocol_read, made = _draft(markdown, draft_people=False)
    assert made.people_files == {} and made.recognised.people == []
    assert "  # present:  # ← никто из присутствовавших не найден" in made.text
    assert "      # discussion:  # ← никто из выступивших не найден" in made.text
    assert "«Лаптев Д.С.» не найден в records/people" in made.text
    data = parse_yaml(made.text)
    assert isinstance(data, dict) and "present" not in data["protocol"]
    meeting, _people = _written(tmp_path, made)
    assert meeting.protocol is not None and meeting.protocol.present == []
    assert meeting.protocol.agenda[0].discussion == []
    assert "присутствовал: «Гончарова А.В.»" in _report(made)


def test_a_run_drafts_a_person_once() -> None:
    """A roster carried from protocol to protocol: the second finds the first's record and
    lists it again, so that whichever draft is written brings the record with it."""
    project, _problems = load_project(REPO)
    roster = Roster.of(project)
    first = _heading() + KNOWN_CHAIR + "Присутствовали: Гончарова А.В., завуч\n"
    second = (
        _heading(7, "26.06.2026")
        + KNOWN_CHAIR
        + "Повестка дня:\n\n1. Об ОГЭ.\n\n1\\. СЛУШАЛИ: Гончарову А.В. — об ОГЭ.\n"
    )
    _one, made = _draft(first, roster)
    _two, again = _draft(second, roster)
    assert (
        list(made.people_files) == list(again.people_files) == ["records/people/goncharova-av.yaml"]
    )
    assert "завуч" in again.people_files["records/people/goncharova-av.yaml"]
    assert "speaker: goncharova-av  # ←" in again.text
    assert sorted(p for p in roster.taken if p.startswith("goncharova")) == ["goncharova-av"]


def test_a_name_that_points_to_two_people_is_left_to_the_editor() -> None:
    project, _problems = load_project(REPO)
    roster = Roster.of(project)
    roster.people["volkova-ep-2"] = Person.model_validate(
        {
            "surname": "Волкова",
            "name": "Евгения",
            "patronymic": "Павловна",
            "positions": [{"title": "директор", "organization": "school-101"}],
        }
    )
    markdown = _heading() + "Повестка дня:\n\n1. Об ОГЭ.\n\n1\\. СЛУШАЛИ: Волкову Е.П. — об ОГЭ.\n"
    _protocol_read, made = _draft(markdown, roster)
    assert made.people_files == {}
    assert (
        "      # speaker:  # ← «Волкова Е. П.» — это может быть любой из: volkova-ep, "
        "volkova-ep-2: укажите идентификатор человека" in made.text
    )
    assert "докладчик по вопросу 1: «Волкову Е.П.» — подходят: volkova-ep, volkova-ep-2" in (
        _report(made)
    )


def test_the_executor_of_a_decision_is_read_in_any_case() -> None:
    markdown = (
        _heading()
        + KNOWN_CHAIR
        + "Повестка дня:\n\n1. Об ОГЭ.\n\n1\\. СЛУШАЛИ: Волкову Е.П. — об ОГЭ.\n\nРЕШИЛИ:\n\n"
        "1.1. Маркиной О.В. подготовить памятку.\n\n"
        "1.2. Поручить Жданову К.Е. провести семинар.\n\n"
        "1.3. Провести консультации. Ответственный: Мусина Н.Г.\n\n"
        "1.4. Провести пробные работы. Ответственные: Маркина О.В., Ильина О.К.\n\n"
        "1.5. Петров А.А. назначен куратором.\n"
    )
    protocol, made = _draft(markdown)
    decisions = protocol.agenda[0].decisions
    assert [(d.who, d.who_name and d.who_name.short()) for d in decisions] == [
        ("Маркиной О.В.", "Маркина О. В."),
        ("Жданову К.Е.", "Жданов К. Е."),  # «поручить» — the dative of a man
        ("Мусина Н.Г.", "Мусина Н. Г."),
        ("Маркина О.В., Ильина О.К.", None),  # two people: a group
        (None, None),  # a statement about a person, not an order
    ]
    assert "executor: markina-ov\n" in made.text
    assert sorted(made.people_files) == [
        "records/people/musina-ng.yaml",
        "records/people/zhdanov-ke.yaml",
    ]
    group = (
        "решение 1.4 — исполнитель «Маркина О.В., Ильина О.К.» записан как группа "
        "(executor_group): в нём названо несколько человек"
    )
    assert any(line.startswith(group) for line in made.recognised.todo)


# --- chair and secretary ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signatures", "chair", "secretary"),
    [
        (
            "Председатель объединения: ____________ /Белкина О. В./\n\n"
            "Секретарь: ____________ /Жданов К. Е./\n",
            "Белкина О. В.",
            "Жданов К. Е.",
        ),
        (
            "Председатель ____________ Т.В. Соколова\n\nСекретарь ____________ Е.А. Миронова\n",
            "Соколова Т. В.",
            "Миронова Е. А.",
        ),
        (  # a signature table without borders, as Word users lay it out
            "|   |   |   |\n|---|---|---|\n| Председатель | ____________ | /Белкина О. В./ |\n"
            "| Секретарь | ____________ | /Жданов К. Е./ |\n",
            "Белкина О. В.",
            "Жданов К. Е.",
        ),
    ],
    ids=["slashes", "initials-first", "table"],
)
def test_chair_and_secretary_only_in_the_signature_block(
    signatures: str, chair: str, secretary: str
) -> None:
    protocol = _protocol(
        "Протокол заседания объединения руководителей № 6 от «19» июня 2026 г.\n\n"
        "Присутствовали: 13 чел.\n\nПовестка:\n\n1. О ВСОКО.\n\n"
        "По первому вопросу слушали Белкину О. В., которая рассказала о положении о ВСОКО.\n\n"
        "Решили: обновить положения о ВСОКО.\n\n" + signatures
    )
    assert protocol.chair_name is not None and protocol.secretary_name is not None
    assert (protocol.chair_name.short(), protocol.secretary_name.short()) == (chair, secretary)
    assert "/" not in (protocol.chair or "") + (protocol.secretary or "")


def test_a_chair_from_the_signature_is_drafted_and_found_again_as_the_speaker(
    tmp_path: Path,
) -> None:
    markdown = (
        "Протокол заседания объединения руководителей № 6 от «19» июня 2026 г.\n\n"
        "Место проведения: МБОУ «ЦО № 42»\n\nПрисутствовали: 13 чел.\n\n"
        "Повестка:\n\n1. О ВСОКО.\n\n2. Разное.\n\n"
        "По первому вопросу слушали Белкину О. В., которая рассказала о положении о ВСОКО.\n\n"
        "Решили: обновить положения о ВСОКО до 31.08.2026.\n\n"
        "По второму вопросу выступил Жданов К. Е. с предложением о следующей встрече.\n\n"
        "Решили: провести следующее заседание в сентябре.\n\n"
        "Председатель объединения: ____________ /Белкина О. В./\n\n"
        "Секретарь: ____________ /Жданов К. Е./\n"
    )
    _protocol_read, made = _draft(markdown)
    meeting, people = _written(tmp_path, made)
    minutes = meeting.protocol
    assert minutes is not None
    assert (minutes.chair, minutes.secretary) == ("belkina-ov", "zhdanov-ke")
    assert [(item.speaker, item.summary) for item in minutes.agenda] == [
        ("belkina-ov", "рассказала о положении о ВСОКО."),
        ("zhdanov-ke", "с предложением о следующей встрече."),
    ]
    assert people["belkina-ov"].gender is Gender.FEMALE
    assert people["zhdanov-ke"].gender is Gender.MALE


def test_a_chair_not_found_is_marked_never_replaced_by_the_leader() -> None:
    """No chair, secretary or speaker in the document: the draft says so; the association's
    leader (volkova-ep) and secretary (ilyina-ok) stand in for no one."""
    markdown = _heading() + "Повестка дня:\n\n1. О плане работы на год.\n"
    _protocol_read, made = _draft(markdown)
    text = made.text
    assert "  # chair:  # ← председатель в документе не найден: укажите идентификатор" in text
    assert "  # secretary:  # ← секретарь в документе не найден" in text
    assert "      # speaker:  # ← докладчик по вопросу 1 в документе не найден" in text
    assert "volkova-ep" not in text and "ilyina-ok" not in text
    data = parse_yaml(text)
    assert isinstance(data, dict)
    assert {"chair", "secretary"}.isdisjoint(data["protocol"])
    assert "speaker" not in data["protocol"]["agenda"][0]
    missing = "председатель в документе не найден: укажите идентификатор человека"
    assert f"protocol.chair — {missing}" in made.recognised.todo
    assert made.people_files == {}


# --- the shapes of ../shared/import-shapes ---------------------------------------------------

SHAPE_D = """Протокол № 4

заседания межшкольного методического объединения руководителей

от 14 марта 2024 г.

Председатель: Соколова Т.В.

Секретарь: Миронова Е.А.

Присутствовали: 11 человек.

Приглашены: Лаптев Д.С., начальник отдела общего образования управления образования.

Повестка дня:

1. О результатах пробного ОГЭ по математике в школах объединения.
2. Об организации взаимопосещений уроков в парах школ.

1\\. СЛУШАЛИ: Соколову Т.В., которая представила результаты пробного ОГЭ по математике: \
доля не преодолевших минимальный порог снизилась с 14 до 9 процентов.

ВЫСТУПИЛИ: Лаптев Д.С. предложил провести консультации для учителей математики по \
заданиям второй части.

РЕШИЛИ:

1.1. Принять информацию к сведению.

1.2. Провести консультации для учителей математики до 01.04.2024. Ответственный: Миронова Е.А.

Голосовали: единогласно.

2\\. СЛУШАЛИ: Миронову Е.А. о графике взаимопосещений уроков.

РЕШИЛИ:

2.1. Утвердить график взаимопосещений уроков (приложение 1).

Голосовали: «за» – 11, «против» – 0, «воздержались» – 0.

Председатель ____________ Т.В. Соколова

Секретарь ____________ Е.А. Миронова
"""


def test_shape_d_names_in_the_accusative_and_the_invited(tmp_path: Path) -> None:
    """Shape d as a meeting of the sample's year (its own year has no folder here): every
    name in the nominative, each person drafted once and found again in every case."""
    markdown = SHAPE_D.replace("Протокол № 4", "Протокол № 6").replace(
        "от 14 марта 2024 г.", "от 19 июня 2026 г.\n\nМесто проведения: МБОУ «ЦО № 42»"
    )
    protocol, made = _draft(markdown.replace("01.04.2024", "01.09.2026"))
    assert [m.name and m.name.short() for m in protocol.invited] == ["Лаптев Д. С."]
    first, second = protocol.agenda
    assert first.summary[0].startswith("представила результаты пробного ОГЭ")
    assert second.summary == ["о графике взаимопосещений уроков."]
    meeting, people = _written(tmp_path, made)
    minutes = meeting.protocol
    assert minutes is not None
    assert (minutes.chair, minutes.secretary) == ("sokolova-tv", "mironova-ea")
    assert [i.person for i in minutes.invited] == ["laptev-ds"]
    one, two = minutes.agenda
    assert (one.speaker, two.speaker) == ("sokolova-tv", "mironova-ea")
    assert [s.person for s in one.discussion] == ["laptev-ds"]
    assert [d.executor for d in one.decisions] == [None, "mironova-ea"]
    assert sorted(made.people_files) == [
        "records/people/laptev-ds.yaml",
        "records/people/mironova-ea.yaml",
        "records/people/sokolova-tv.yaml",
    ]
    assert people["laptev-ds"].positions[0].title == (
        "начальник отдела общего образования управления образования"
    )
