"""People's names in imported protocols (`authoring.names`): the nominative with initials,
the speaker's name apart from what they said, the record it points to, a drafted record."""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

import pytest

from generator.authoring.names import (
    UNKNOWN_POSITION,
    PersonName,
    Role,
    candidates,
    draft_person,
    find_name,
    gender_hint,
    match_person,
    parse_name,
    people_of,
    person_id,
    split_speech,
    transliterate,
)
from generator.checking.validate import validate
from generator.loading.project import load_project
from generator.rendering.publication import UNNAMED, person_label, publishing_from
from schemas import Organization, Person, Record
from schemas.enums import Gender

from .conftest import REPO
from .test_documents import copy_project

F, M = Gender.FEMALE, Gender.MALE
SHAPES = Path(__file__).parent / "import_shapes"  # copies of ../shared/import-shapes
DAY = date(2024, 3, 14)


@functools.cache
def _people() -> dict[str, Person]:
    project, _problems = load_project(REPO)
    return people_of(project)


def _name(text: str, role: Role | None = None) -> PersonName:
    found = parse_name(text, role)
    assert found is not None, text
    return found


# --- the nominative with initials ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "short", "gender"),
    [
        # surname and initials, in every case a protocol puts them
        ("Соколову Т.В.", "heard", "Соколова Т. В.", F),
        ("Соколовой Т. В.", "genitive", "Соколова Т. В.", F),
        ("Соколовой Т. В.", "instrumental", "Соколова Т. В.", F),
        ("Соколова Т.В.", "nominative", "Соколова Т. В.", F),
        ("Соколова Т.В", None, "Соколова Т. В.", F),  # the last dot forgotten
        ("Соколова Т.", "nominative", "Соколова Т.", F),
        ("СОКОЛОВУ Т.В.", "heard", "Соколова Т. В.", F),
        ("Ждановым К. Е.", "instrumental", "Жданов К. Е.", M),
        ("Лаптев Д.С.", "nominative", "Лаптев Д. С.", M),
        ("Покровскую А. А.", "heard", "Покровская А. А.", F),
        ("Покровскому А. А.", "dative", "Покровский А. А.", M),
        ("Толстому Л. Н.", "dative", "Толстой Л. Н.", M),
        ("Кулибякиной А. А.", "genitive", "Кулибякина А. А.", F),  # not in the dictionary
        # initials first, as under a signature
        ("Т.В. Соколовой", "dative", "Соколова Т. В.", F),
        ("Т. В. Соколова", None, "Соколова Т. В.", F),
        ("Т.В.Соколова", None, "Соколова Т. В.", F),
        ("Е.А. Миронова", "nominative", "Миронова Е. А.", F),
        ("/Белкина О. В./", "nominative", "Белкина О. В.", F),
        ("/Жданов К. Е./", "nominative", "Жданов К. Е.", M),
        # the same written form, told apart by the place in the protocol
        ("Жданову К.Е.", "heard", "Жданова К. Е.", F),  # «СЛУШАЛИ:» — a woman, accusative
        ("Жданову К.Е.", "dative", "Жданов К. Е.", M),  # «поручить» — a man, dative
        ("Жданову К.Е. подготовить", "responsible", "Жданов К. Е.", M),
        ("Жданова К. Е.", "heard", "Жданов К. Е.", M),
        ("Жданова К. Е.", "nominative", "Жданова К. Е.", F),
        ("Мусина Н.Г.", "responsible", "Мусина Н. Г.", F),
        ("Маркиной О.В. подготовить", "responsible", "Маркина О. В.", F),
        ("Соколова Т.В.", "dative", "Соколова Т. В.", F),  # left in the nominative
        # …and by the words after the name
        ("Жданова К. Е., который рассказал", "heard", "Жданов К. Е.", M),
        ("Соколова Т.В., которая рассказала", "heard", "Соколова Т. В.", F),
        ("Соколова Т.В. рассказала", "heard", "Соколова Т. В.", F),
        # indeclinable surnames stay as written
        ("Шевченко А. И.", "heard", "Шевченко А. И.", None),
        ("Дюма Н. П.", "dative", "Дюма Н. П.", None),
        ("Белых О. С.", "heard", "Белых О. С.", None),
        ("Ким Е. А.", "heard", "Ким Е. А.", F),  # a man would be «Кима»
        ("Кима Е. А.", "heard", "Ким Е. А.", M),
        # hyphenated surnames: each part in the case of the other
        ("Петровой-Водкиной Е. А.", "genitive", "Петрова-Водкина Е. А.", F),
        ("Римского-Корсакова Н. А.", "heard", "Римский-Корсаков Н. А.", M),
        ("Сидоровой-Ким А. Б.", "genitive", "Сидорова-Ким А. Б.", F),
        # «ё» only where the text wrote it
        ("Ковалёва П. С.", "heard", "Ковалёв П. С.", M),
        ("Федорову Т.М.", "heard", "Федорова Т. М.", F),
    ],
)
def test_a_name_in_any_case_is_given_in_the_nominative_with_initials(
    text: str, role: Role | None, short: str, gender: Gender | None
) -> None:
    name = _name(text, role)
    assert (name.short(), name.gender) == (short, gender)
    assert name.name is None and name.patronymic is None


@pytest.mark.parametrize(
    ("text", "full", "gender"),
    [
        ("Соколова Татьяна Викторовна", "Соколова Татьяна Викторовна", F),
        ("Соколовой Татьяны Викторовны", "Соколова Татьяна Викторовна", F),
        ("Соколову Татьяну Викторовну", "Соколова Татьяна Викторовна", F),
        ("Ильиной Оксане Константиновне", "Ильина Оксана Константиновна", F),
        ("Татьяна Викторовна Соколова", "Соколова Татьяна Викторовна", F),
        ("Жданова Кирилла Евгеньевича", "Жданов Кирилл Евгеньевич", M),
        ("Жданову Кириллу Евгеньевичу", "Жданов Кирилл Евгеньевич", M),
        ("Петровым Иваном Сергеевичем", "Петров Иван Сергеевич", M),
        ("Черных Ирины Петровны", "Черных Ирина Петровна", F),
    ],
)
def test_a_full_name_agrees_in_case_and_gives_the_initials(
    text: str, full: str, gender: Gender
) -> None:
    name = _name(text)
    assert (name.full(), name.gender, name.end) == (full, gender, len(text))
    assert name.short() == f"{full.split()[0]} {full.split()[1][0]}. {full.split()[2][0]}."


@pytest.mark.parametrize(
    "text", ["О результатах пробного ОГЭ.", "Принять информацию к сведению.", "Голосовали: 11"]
)
def test_text_that_starts_with_no_name_gives_none(text: str) -> None:
    assert parse_name(text) is None
    assert split_speech(text) is None


def test_the_gender_the_caller_knows_decides_an_ambiguous_surname() -> None:
    assert _name("Соколову Т.В.", "dative").short() == "Соколов Т. В."
    assert parse_name("Соколову Т.В.", "dative", Gender.FEMALE) == _name("Соколову Т.В.", "heard")
    assert gender_hint("выступила с предложением") is Gender.FEMALE
    assert gender_hint("предложил провести") is Gender.MALE
    assert gender_hint("о графике") is None


@pytest.mark.parametrize(
    ("text", "role", "short", "start"),
    [
        ("слушали заместителя директора Маркину О.В., которая", "heard", "Маркина О. В.", 30),
        ("По первому вопросу выступила Белкина О. В.", None, "Белкина О. В.", 29),
        ("По второму вопросу выступил Жданов К. Е. с предложением", None, "Жданов К. Е.", 28),
        ("Председатель Т.В. Соколова", None, "Соколова Т. В.", 13),  # not «Председатель Т. В.»
        ("Председатель ____________ Т.В. Соколова", None, "Соколова Т. В.", 26),
    ],
)
def test_a_name_is_found_inside_a_sentence(
    text: str, role: Role | None, short: str, start: int
) -> None:
    name = find_name(text, role)
    assert name is not None
    assert (name.short(), name.start) == (short, start)
    assert find_name("Приложение А. Таблица результатов") is None


# --- the speaker apart from what they said ---------------------------------------------------


def _shape_line(shape: str, start: str) -> str:
    """A line of ../shared/import-shapes/shape-*.md that starts with `start`."""
    path = SHAPES / f"shape-{shape}.md"
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
        return next(line for line in lines if line.startswith(start))
    return _SHAPE_LINES[start]


# The lines as the shapes have them (used when ../shared is not beside the repository).
_SHAPE_LINES = {
    r"1\. СЛУШАЛИ": r"1\. СЛУШАЛИ: Соколову Т.В., которая представила результаты пробного ОГЭ "
    "по математике: доля не преодолевших минимальный порог снизилась с 14 до 9 процентов.",
    "ВЫСТУПИЛИ": "ВЫСТУПИЛИ: Лаптев Д.С. предложил провести консультации для учителей "
    "математики по заданиям второй части.",
    r"2\. СЛУШАЛИ": r"2\. СЛУШАЛИ: Миронову Е.А. о графике взаимопосещений уроков.",
    "Приглашены": "Приглашены: Лаптев Д.С., начальник отдела общего образования управления "
    "образования.",
    r"1\. СЛУШАЛИ: Григорьеву": r"1\. СЛУШАЛИ: Григорьеву Н. Н. о готовности школ объединения к "
    "новому учебному году.",
    "По первому вопросу": "По первому вопросу слушали Белкину О. В., которая рассказала о "
    "положении о ВСОКО в школе-партнёре.",
    "По второму вопросу": "По второму вопросу выступил Жданов К. Е. с предложением о следующей "
    "встрече.",
}
# What `recognise` hands on after the words that open a block («СЛУШАЛИ:», «По первому
# вопросу слушали», «Приглашены:»).
_OPENING = re.compile(
    r"(?:\d\\?\.\s*)?(?:СЛУШАЛИ:|ВЫСТУПИЛИ:|Приглашены:|По \w+ вопросу (?:слушали|выступил))\s*"
)


@pytest.mark.parametrize(
    ("shape", "start", "role", "short", "position", "said"),
    [
        ("d", r"1\. СЛУШАЛИ", "heard", "Соколова Т. В.", None, "представила результаты пробного"),
        ("d", "ВЫСТУПИЛИ", "nominative", "Лаптев Д. С.", None, "предложил провести консультации"),
        ("d", r"2\. СЛУШАЛИ", "heard", "Миронова Е. А.", None, "о графике взаимопосещений уроков."),
        (
            "d",
            "Приглашены",
            "nominative",
            "Лаптев Д. С.",
            "начальник отдела общего образования управления образования",
            "",
        ),
        ("e", r"1\. СЛУШАЛИ: Григорьеву", "heard", "Григорьева Н. Н.", None, "о готовности школ"),
        ("f", "По первому вопросу", "heard", "Белкина О. В.", None, "рассказала о положении о"),
        ("f", "По второму вопросу", "nominative", "Жданов К. Е.", None, "с предложением о"),
    ],
)
def test_the_speaker_of_each_shape_is_separated_from_what_they_said(
    shape: str, start: str, role: Role, short: str, position: str | None, said: str
) -> None:
    line = _shape_line(shape, start)
    speech = split_speech(_OPENING.sub("", line, count=1), role)
    assert speech is not None, line
    assert (speech.name.short(), speech.position) == (short, position)
    assert speech.said.startswith(said) and (said or not speech.said)
    assert short.split()[0][:4] not in speech.said  # the name is not repeated in the speech


@pytest.mark.parametrize(
    ("text", "position", "said"),
    [
        ("Соколову Т.В. — о результатах пробного ОГЭ", None, "о результатах пробного ОГЭ"),
        ("Соколову Т.В.: о результатах пробного ОГЭ", None, "о результатах пробного ОГЭ"),
        ("Соколову Т.В. - о результатах пробного ОГЭ", None, "о результатах пробного ОГЭ"),
        (
            "Соколову Т.В., заместителя директора, которая рассказала о ВПР",
            "заместителя директора",
            "рассказала о ВПР",
        ),
        (
            "Соколову Т.В., директора МБОУ «ЦО № 5», о работе с ШНОР",
            "директора МБОУ «ЦО № 5»",
            "о работе с ШНОР",
        ),
        ("Соколову Т.В., заместителя директора — о ВПР", "заместителя директора", "о ВПР"),
    ],
)
def test_a_dash_a_colon_or_a_position_between_commas_parts_name_and_speech(
    text: str, position: str | None, said: str
) -> None:
    speech = split_speech(text, "heard")
    assert speech is not None
    assert (speech.name.short(), speech.position, speech.said) == ("Соколова Т. В.", position, said)


# --- matching records/people ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        ("Волковой Е.П.", "genitive", "volkova-ep"),
        ("Волкову Е. П.", "heard", "volkova-ep"),
        ("Е.П. Волкова", None, "volkova-ep"),
        ("Волкова Елена Петровна", None, "volkova-ep"),
        ("Ильиной О. К.", "dative", "ilyina-ok"),
        ("Ковалева П.С.", "heard", "kovalev-ps"),  # ё written as е
        ("ФЕДОРОВУ Т.М.", "heard", "fedorova-tm"),
        ("Маркиной О.В. подготовить", "responsible", "markina-ov"),
        ("Федорова Т.М.", "heard", "fedorova-tm"),  # read as «Федоров», found by the other reading
        ("Волковой Е.А.", "genitive", None),  # other initials
        ("Волкова Елизавета Петровна", None, None),  # another first name
        ("Соколову Т.В.", "heard", None),
    ],
)
def test_a_name_is_matched_to_the_sample_people(
    text: str, role: Role | None, expected: str | None
) -> None:
    assert match_person(_name(text, role), _people(), DAY) == expected


def _with(person_id: str, **fields: object) -> dict[str, Person]:
    people = dict(_people())
    people[person_id] = Person.model_validate(
        {"positions": [{"title": "директор", "organization": "school-101"}], **fields}
    )
    return people


def test_two_people_a_name_may_point_to_give_none_and_both_ids() -> None:
    people = _with("volkova-ep-2", surname="Волкова", name="Евгения", patronymic="Павловна")
    name = _name("Волковой Е.П.", "genitive")
    assert match_person(name, people, DAY) is None
    assert candidates(name, people, DAY) == ["volkova-ep", "volkova-ep-2"]
    # the full name tells them apart
    assert match_person(_name("Волковой Евгении Павловны"), people, DAY) == "volkova-ep-2"


class _FormerName(Record):
    surname: str
    until: date


class _Renamed(Person):
    former_names: list[_FormerName]


def test_a_surname_a_person_had_on_the_day_is_matched() -> None:
    people = dict(_people())
    people["orlova-ns"] = _Renamed.model_validate(
        {
            **people["orlova-ns"].model_dump(),
            "former_names": [{"surname": "Грачёва", "until": date(2022, 6, 30)}],
        }
    )
    name = _name("Грачевой Н.С.", "genitive")
    assert match_person(name, people, date(2021, 10, 1)) == "orlova-ns"
    assert match_person(name, people, date(2024, 10, 1)) is None
    assert match_person(_name("Орловой Н.С.", "genitive"), people, date(2021, 10, 1)) == "orlova-ns"


# --- drafting a record -----------------------------------------------------------------------


def test_ids_follow_the_convention_of_the_sample_people() -> None:
    assert person_id(_name("Ильиной О. К.", "genitive"), set()) == "ilyina-ok"
    assert transliterate("Зайцева Жукова Чернова Щукина Юрьева") == (
        "zaitseva-zhukova-chernova-shchukina-yuryeva"
    )
    for pid, person in _people().items():
        if pid != "smirnova-yu":  # «Юлия Олеговна»: the sample's own choice, not a rule
            assert person_id(_name(person.short_name()), set()) == pid


def test_drafted_ids_are_unique() -> None:
    taken = set(_people())
    first = person_id(_name("Ильиной О. К.", "genitive"), taken)
    taken.add(first)
    second = person_id(_name("Ильина Ольга Кирилловна"), taken)
    assert (first, second) == ("ilyina-ok-2", "ilyina-ok-3")


def test_drafted_people_validate_are_matched_and_are_not_named_publicly(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    taken = set(_people())
    drafted: dict[str, str] = {}
    cases: list[tuple[str, Role | None, str | None]] = [
        ("Соколову Т.В.", "heard", None),
        ("Лаптев Д.С.", "nominative", "начальник отдела общего образования: «УО»"),
        ("Белых Ирины Петровны", None, None),
        ("Шевченко А.", "nominative", None),
    ]
    for text, role, title in cases:
        name = _name(text, role)
        pid, yaml_text = draft_person(
            name, taken, organization="uo-tula", title=title, source="shape-d.docx"
        )
        taken.add(pid)
        drafted[pid] = yaml_text
        (root / "records" / "people" / f"{pid}.yaml").write_text(yaml_text, encoding="utf-8")
    assert list(drafted) == ["sokolova-tv", "laptev-ds", "belykh-ip", "shevchenko-a"]
    result = validate(root)
    assert result.diagnostics == []
    people = people_of(result.project)
    organizations = {
        r.place.id: r.model
        for r in result.project.of_kind("organization")
        if isinstance(r.model, Organization)
    }
    public, internal = publishing_from("public", DAY), publishing_from("internal", DAY)
    for pid, yaml_text in drafted.items():
        person = people[pid]
        assert person.consent is None and "consent:" not in yaml_text.replace("(consent)", "")
        assert yaml_text.startswith("# Создано импортом протокола shape-d.docx")
        assert person_label(person, organizations, DAY, public) == UNNAMED
        assert person_label(person, organizations, DAY, internal).startswith(person.short_name())
    sokolova, laptev, belykh = people["sokolova-tv"], people["laptev-ds"], people["belykh-ip"]
    assert sokolova.short_name() == "Соколова Т. В." and sokolova.gender is Gender.FEMALE
    assert sokolova.positions[0].title == UNKNOWN_POSITION
    assert laptev.positions[0].title == "начальник отдела общего образования: «УО»"
    assert (belykh.name, belykh.patronymic, belykh.gender) == ("Ирина", "Петровна", None)
    assert "впишите имя" in drafted["sokolova-tv"] and "впишите имя" not in drafted["belykh-ip"]
    # the next protocol that names them finds the drafted record
    assert match_person(_name("Соколовой Т. В.", "genitive"), people, DAY) == "sokolova-tv"
    assert match_person(_name("Белых И.П."), people, DAY) == "belykh-ip"
