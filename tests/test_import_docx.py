"""`import-docx`: Word protocols in the shapes school bodies publish become draft meetings.

Each shape is built here as a DOCX (`_word_document`) and read back: requisites joined by
dashes with the initials first, «Присутствовали 12 человек», «По первому вопросу
выступила…» instead of СЛУШАЛИ, a header laid out as a table, ПОСТАНОВИЛИ with 1.1
numbering, votes. Then the command: exit 0 with a draft that validates, 1 when nothing
usable is recognised or the draft would not validate (nothing written), 2 on wrong usage.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypandoc
import pytest
from click.testing import CliRunner

from generator.authoring.decision_text import Votes
from generator.authoring.docx_text import docx_lines
from generator.authoring.names import match_person, parse_name, people_of
from generator.authoring.recognise import Protocol, read_protocol
from generator.cli import main
from generator.loading.project import load_project

from .test_documents import ASSOCIATION, MEETINGS, YEAR, _meeting, _word_document, copy_project

ORGANISATION = "Муниципальное бюджетное общеобразовательное учреждение «Центр образования № 102»"
TABLE_HEADER = [[ORGANISATION, "ПРОТОКОЛ"], ["«10» июня 2026 г.", "№ 6"]]
PUBLISHED = [
    "г. Тула",
    "заседания межшкольного профессионального объединения руководителей",
    "Председатель – Н.Ю. Иванова",
    "Секретарь — О.К. Ильина",
    "Присутствовали 12 человек",
    "Место проведения – МБОУ «ЦО № 102», актовый зал",
    "Повестка дня:",
    "1. О подготовке к ВПР в 2026/2027 учебном году.",
    "2. О плане работы на июнь.",
    "По первому вопросу выступила Маркина О.В., методист, с информацией о графике пробных работ.",
    "В обсуждении приняли участие:",
    "Смирнова Ю.О. – предложила провести пробные работы в сентябре.",
    "ПОСТАНОВИЛИ:",
    "1.1. Провести пробные ВПР в сентябре 2026 г. Ответственные – руководители ОО — участники объединения.",
    "1.2. Подготовить памятку по анализу пробных работ. Срок – до 15.09.2026. Ответственный – Маркина О.В.",
    "Голосовали: за – 12, против – 0, воздержались – 1.",
    "По второму вопросу слушали Волкову Е.П. – о мероприятиях июня.",
    "РЕШИЛИ:",
    "2.1. Утвердить план мероприятий на июнь. Ответственный – Петров А.А.",
    "Итоги голосования: «за» – 12, «против» – 0, «воздержались» – 0.",
    "Председатель ______________ Н.Ю. Иванова",
    "Секретарь ______________ О.К. Ильина",
]
LETTER = [
    "Руководителям общеобразовательных организаций",
    "Уважаемые коллеги!",
    "Просим направить сведения об участии педагогов в методических мероприятиях.",
    "С уважением, методист Белова Е.А.",
]


def _read(lines: list[str], header: list[list[str]] | None = None) -> Protocol:
    """A DOCX built from the lines, read back as the import reads it."""
    return read_protocol(docx_lines(_word_document(lines, header)))


def _import(runner: CliRunner, root: Path, source: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(main, ["import-docx", str(source), "--root", str(root), *args])
    return result.exit_code, result.output


def _docx(folder: Path, lines: list[str], header: list[list[str]] | None = None) -> Path:
    source = folder / "Протокол.docx"
    source.write_bytes(_word_document(lines, header))
    return source


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "records").rglob("*"))


# --- shapes read back ---------------------------------------------------------------------


def test_requisites_joined_by_dashes_with_initials_first() -> None:
    protocol = _read(
        [
            "Председатель – Н.Ю. Иванова",
            "Секретарь — О.К. Ильина",
            "РЕШИЛИ:",
            "Секретарю направить выписку из протокола в школы.",
            "Председатель собрания – Е.П. Волкова",
        ]
    )
    assert (protocol.chair, protocol.secretary) == ("Н.Ю. Иванова", "О.К. Ильина")
    assert protocol.chair_name is not None and protocol.secretary_name is not None
    assert (protocol.chair_name.short(), protocol.secretary_name.short()) == (
        "Иванова Н. Ю.",
        "Ильина О. К.",
    )
    assert [d.text for d in protocol.agenda[0].decisions] == [
        "Секретарю направить выписку из протокола в школы."
    ]
    project, _problems = load_project(Path("."))
    people, day = people_of(project), date(2026, 6, 10)
    assert match_person(protocol.secretary_name, people, day) == "ilyina-ok"
    assert match_person(protocol.chair_name, people, day) is None
    waiting = _read(["Председатель:", "Волкова Елена Петровна", "Секретарь: Ильина О.К."])
    assert (waiting.chair, waiting.secretary) == ("Волкова Елена Петровна", "Ильина О.К.")
    assert waiting.chair_name == parse_name("Волкова Елена Петровна", "nominative")


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("Присутствовали 12 человек", 12),
        ("Присутствовало: 14 из 16 членов объединения", 14),
        ("Присутствовали – 9 чел.", 9),
    ],
)
def test_present_as_a_count_with_or_without_a_colon(line: str, count: int) -> None:
    protocol = _read([line, "Кворум имеется.", "Повестка дня:"])
    assert (protocol.present_count, protocol.present) == (count, [])
    assert "Кворум имеется." in protocol.leftovers
    named = _read(["Присутствовали:", "Волкова Е.П., директор, Ильина О.К., заместитель директора"])
    assert [p.text for p in named.present] == [
        "Волкова Е.П., директор",
        "Ильина О.К., заместитель директора",
    ]
    assert [(p.name and p.name.short(), p.position) for p in named.present] == [
        ("Волкова Е. П.", "директор"),
        ("Ильина О. К.", "заместитель директора"),
    ]


def test_by_the_first_question_spoke_instead_of_heard() -> None:
    protocol = _read(
        [
            "Повестка дня:",
            "1. О подготовке к ВПР.",
            "2. О плане работы на июнь.",
            "3. Разное.",
            "По первому вопросу выступила Маркина О.В., методист, с информацией о графике.",
            "Она предложила провести пробные работы в сентябре.",
            "По второму вопросу слушали Волкову Е.П. – о мероприятиях июня.",
            "По 3-му вопросу слушали заместителя директора Ильину О.К., которая рассказала о летней школе.",
            "По третьему вопросу решили: принять информацию к сведению.",
        ]
    )
    first, second, third = protocol.agenda
    assert (first.question, first.speaker) == ("О подготовке к ВПР", "Маркина О.В.")
    assert first.speaker_position == "методист"  # kept apart from what she said
    assert first.summary == [
        "с информацией о графике.",
        "Она предложила провести пробные работы в сентябре.",
    ]
    assert (second.speaker, second.summary) == ("Волкову Е.П.", ["о мероприятиях июня."])
    assert third.speaker == "Ильину О.К."
    names = [item.speaker_name.short() for item in protocol.agenda if item.speaker_name]
    assert names == ["Маркина О. В.", "Волкова Е. П.", "Ильина О. К."]
    assert third.summary == [
        "заместителя директора Ильину О.К., которая рассказала о летней школе."
    ]
    assert [(d.number, d.text) for d in third.decisions] == [
        ("3.1", "принять информацию к сведению.")
    ]


def test_header_laid_out_as_a_table() -> None:
    protocol = _read(["г. Тула", "Председатель: Волкова Е.П."], TABLE_HEADER)
    assert (protocol.day, protocol.number, protocol.city) == (date(2026, 6, 10), 6, "г. Тула")
    assert protocol.leftovers == [ORGANISATION]  # «ПРОТОКОЛ» says nothing more
    ruled = _read([], [["ПРОТОКОЛ № 4", "от 12.03.2026"]])
    assert (ruled.day, ruled.number) == (date(2026, 3, 12), 4)


def test_decisions_numbered_1_1_with_executors_and_deadlines() -> None:
    protocol = _read(
        [
            "Повестка дня:",
            "1. О ВПР.",
            "2. О плане.",
            "1. СЛУШАЛИ: Маркину О.В. – о графике.",
            "2. СЛУШАЛИ: Волкову Е.П. – о плане.",
            "ПОСТАНОВИЛИ:",
            "1.1. Провести пробные ВПР. Срок исполнения – до 15.09.2026. Ответственный – Маркина О.В.",
            "1.2. Подготовить памятку",
            "по анализу пробных работ.",
            "Ответственный: Ильина О.К.; срок: постоянно.",
            "2.1. Утвердить план (ответственный – Волкова Е.П., срок – до 01.07.2026).",
            "2.2. Установить срок сдачи отчётов – до 20 июня.",
        ]
    )
    first, second = protocol.agenda
    assert [(d.number, d.text, d.who, d.when) for d in first.decisions] == [
        ("1.1", "Провести пробные ВПР.", "Маркина О.В.", "до 15.09.2026"),
        ("1.2", "Подготовить памятку по анализу пробных работ.", "Ильина О.К.", "постоянно"),
    ]
    assert [(d.number, d.text, d.who, d.when) for d in second.decisions] == [
        ("2.1", "Утвердить план", "Волкова Е.П.", "до 01.07.2026"),
        ("2.2", "Установить срок сдачи отчётов – до 20 июня.", None, None),
    ]


def test_votes_go_with_the_decisions_before_them() -> None:
    protocol = _read(
        [
            "1. СЛУШАЛИ: Маркину О.В. – о графике.",
            "РЕШИЛИ:",
            "1.1. Провести пробные ВПР.",
            "1.2. Подготовить памятку.",
            "Голосовали: за – 12, против – 0, воздержались – 1.",
            "1.3. Обсудить итоги в октябре. Голосовали: «за» — 11 чел., «против» — нет.",
            "2. СЛУШАЛИ: Волкову Е.П. – о плане.",
            "РЕШИЛИ: утвердить план.",
            "Решение принято единогласно.",
        ]
    )
    first, second = protocol.agenda
    assert [d.votes for d in first.decisions] == [
        Votes(12, 0, 1),
        Votes(12, 0, 1),
        Votes(11, 0, 0),
    ]
    assert first.decisions[2].text == "Обсудить итоги в октябре."
    assert first.votes_text == ["Голосовали: за – 12, против – 0, воздержались – 1."]
    assert second.decisions[0].votes == Votes(None, 0, 0, unanimous=True)
    assert second.votes_text == ["Решение принято единогласно."]


# --- the command ----------------------------------------------------------------------------


def test_import_of_a_protocol_as_schools_publish_it(tmp_path: Path, runner: CliRunner) -> None:
    """No --association, no --year: the only association, the school year of the date."""
    root = copy_project(tmp_path)
    status, output = _import(runner, root, _docx(tmp_path, PUBLISHED, TABLE_HEADER))
    assert status == 0, output
    assert f"Записан черновик заседания: {MEETINGS}/06.yaml" in output
    assert "Запись проходит проверку" in output
    # names not in records/people become drafted records, listed; no one stands in for them
    assert "созданы черновики их записей" in output
    assert (
        "  - records/people/ivanova-nyu.yaml — Иванова Н. Ю. (председатель; "
        "в документе «Н.Ю. Иванова»)" in output
    )
    assert "  - records/people/petrov-aa.yaml — Петров А. А. (исполнитель решения 2.1" in output
    assert f"  | {ORGANISATION}" in output
    written = (root / MEETINGS / "06.yaml").read_text("utf-8")
    assert "chair: ivanova-nyu  # ← в records/people не было: создан черновик" in written
    drafted = (root / "records/people/ivanova-nyu.yaml").read_text("utf-8")
    assert "surname: Иванова" in drafted and "consent" not in drafted.split("(consent)")[-1]
    assert (root / "records/people/petrov-aa.yaml").is_file()
    assert "#   Голосовали: за – 12, против – 0, воздержались – 1." in written
    meeting = _meeting(root, "06")
    protocol = meeting.protocol
    assert protocol is not None and protocol.status.value == "draft"
    assert (meeting.date, meeting.place) == (date(2026, 6, 10), "МБОУ «ЦО № 102», актовый зал")
    assert (protocol.chair, protocol.secretary, protocol.present_count) == (
        "ivanova-nyu",
        "ilyina-ok",
        12,
    )
    first, second = protocol.agenda
    assert (first.speaker, first.summary) == (
        "markina-ov",
        "с информацией о графике пробных работ.",  # «методист» is her position
    )
    assert "speaker: markina-ov  # в документе: Маркина О.В., методист" in written
    assert [s.person for s in first.discussion] == ["smirnova-yu"]
    assert [(d.executor, d.executor_group, d.deadline) for d in first.decisions] == [
        (None, "руководители ОО — участники объединения", None),
        ("markina-ov", None, date(2026, 9, 15)),
    ]
    assert [(v.votes_for, v.against, v.abstained) for d in first.decisions if (v := d.voting)] == [
        (12, 0, 1),
        (12, 0, 1),
    ]
    assert (second.speaker, second.summary) == ("volkova-ep", "о мероприятиях июня.")
    assert [(d.text, d.executor, d.executor_group) for d in second.decisions] == [
        ("Утвердить план мероприятий на июнь.", "petrov-aa", None)
    ]
    assert second.decisions[0].voting is not None
    assert second.decisions[0].voting.abstained == 0


def test_out_writes_the_draft_elsewhere_never_over_a_file(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = copy_project(tmp_path)
    before = _files(root)
    out = tmp_path / "черновики" / "протокол-6.yaml"
    source = _docx(tmp_path, PUBLISHED, TABLE_HEADER)
    status, output = _import(runner, root, source, "--out", str(out))
    assert status == 0, output
    assert f"проверен так, как если бы он лежал в {MEETINGS}/06.yaml" in output
    assert out.is_file() and _files(root) == before
    text = out.read_text("utf-8")
    again, output = _import(runner, root, source, "--out", str(out))
    assert again == 2 and "уже есть" in output
    assert out.read_text("utf-8") == text


def test_a_late_august_protocol_no_1_opens_the_next_school_year(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = copy_project(tmp_path)
    lines = ["ПРОТОКОЛ № 1", "27.08.2026", "Председатель: Волкова Е.П.", "Секретарь: Ильина О.К."]
    lines += ["Место проведения: г. Тула", "Повестка дня:"]
    lines += ["1. О плане работы на год. Докладчик: Волкова Е.П."]
    out = tmp_path / "01.yaml"
    status, output = _import(runner, root, _docx(tmp_path, lines), "--out", str(out))
    assert status == 0, output
    assert "records/associations/mpo-tula/2026-2027/meetings/01.yaml" in output
    assert 'summary: "Впишите, о чём доклад"  # ← содержание доклада' in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_word_document(LETTER), "не найдено ничего похожего на протокол"),
        (_word_document(["Исх. № 15 от 12.03.2026", *LETTER]), "не проходит проверку"),
        ("Протокол № 6 от 10.06.2026\n".encode(), "не удалось прочитать как документ Word"),
        (b"\xd0\xcf\x11\xe0" + bytes(60), "старого формата (.doc)"),
    ],
    ids=["letter", "dated-letter", "text-file", "old-doc"],
)
def test_nothing_protocol_like_writes_nothing(
    tmp_path: Path, runner: CliRunner, content: bytes, message: str
) -> None:
    root = copy_project(tmp_path)
    before = _files(root)
    source = tmp_path / "Письмо.docx"
    source.write_bytes(content)
    status, output = _import(runner, root, source, "--year", YEAR)
    assert status == 1 and message in output, output
    assert _files(root) == before


def test_a_draft_that_does_not_validate_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    """The year given is not the protocol's: nothing written."""
    root = copy_project(tmp_path)
    before = _files(root)
    source = _docx(tmp_path, PUBLISHED, TABLE_HEADER)
    out = tmp_path / "draft.yaml"
    status, output = _import(runner, root, source, "--year", "2026-2027", "--out", str(out))
    assert status == 1, output
    assert (
        "не проходит проверку как records/associations/mpo-tula/2026-2027/meetings/06.yaml"
        in output
    )
    assert "не входит в 2026/2027 учебный год" in output
    # what was recognised is still said
    assert "были бы созданы черновики их записей" in output
    assert "records/people/ivanova-nyu.yaml — Иванова Н. Ю. (председатель" in output
    assert _files(root) == before and not out.exists()


def test_a_number_that_leaves_a_gap_is_written_and_the_gap_said(
    tmp_path: Path, runner: CliRunner
) -> None:
    """A folder is read in the order of its file names: № 9 may come before № 6 — so the
    gap is said, not held against the draft; `validate` says it until it is filled."""
    root = copy_project(tmp_path)
    source = _docx(tmp_path, PUBLISHED, TABLE_HEADER)
    status, output = _import(runner, root, source, "--number", "09")
    assert status == 0, output
    assert (
        "Записан черновик заседания: records/associations/mpo-tula/2025-2026/meetings/09.yaml"
        in output
    )
    assert "номера заседаний идут подряд, а заседания № 06 нет" in output
    checked = runner.invoke(main, ["validate", "--root", str(root)])
    assert checked.exit_code == 1 and "заседания № 06 нет" in checked.output


def _second_association(root: Path) -> None:
    shutil.copytree(
        root / "records" / "associations" / ASSOCIATION,
        root / "records/associations/mpo-novomoskovsk",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2025-2027"], "не учебный год"),
        (["--year", "прошлый"], "не учебный год"),
        (["--year", "2030-2031"], "папки 2030-2031 учебного года"),
        (["--number", "1а"], "не число"),
        (["--association", "mpo-tver"], "объединения «mpo-tver» нет"),
    ],
)
def test_wrong_usage_exits_2(
    tmp_path: Path, runner: CliRunner, args: list[str], message: str
) -> None:
    root = copy_project(tmp_path)
    before = _files(root)
    status, output = _import(runner, root, _docx(tmp_path, PUBLISHED, TABLE_HEADER), *args)
    assert status == 2 and message in output, output
    assert _files(root) == before


def test_association_and_year_must_be_given_when_they_cannot_be_chosen(
    tmp_path: Path, runner: CliRunner
) -> None:
    root = copy_project(tmp_path)
    _second_association(root)
    source = _docx(tmp_path, PUBLISHED, TABLE_HEADER)
    status, output = _import(runner, root, source)
    assert status == 2 and "укажите нужное через --association" in output, output
    assert "mpo-novomoskovsk" in output and ASSOCIATION in output
    undated = _docx(tmp_path, PUBLISHED)  # the date was in the table
    status, output = _import(runner, root, undated, "--association", ASSOCIATION)
    # A date missing from one file is that file's problem (exit 1), not wrong usage.
    assert status == 1 and "укажите учебный год через --year" in output, output
    status, output = _import(runner, root, undated, "--association", ASSOCIATION, "--year", YEAR)
    assert status == 1 and "date" in output and "не проходит проверку" in output, output


def test_lettered_and_bulleted_lists_keep_their_marks(tmp_path: Path) -> None:
    """Word's lists lose their marks in the text: «а)» and «–» come back, so that the
    sub-items of a decision stay with it and each bullet of РЕШИЛИ is a decision."""
    markdown = tmp_path / "lists.md"
    markdown.write_text(
        "РЕШИЛИ:\n\n1.1. Провести семинары:\n\na) для заместителей;\nb) для руководителей.\n\n"
        "- направить заявки;\n- подготовить отчёт.\n",
        encoding="utf-8",
    )
    source = tmp_path / "lists.docx"
    subprocess.run([pypandoc.get_pandoc_path(), str(markdown), "-o", str(source)], check=True)
    lines = docx_lines(source.read_bytes())
    assert lines[-4:] == [
        "а) для заместителей;", "б) для руководителей.", "– направить заявки;", "– подготовить отчёт."
    ]  # fmt: skip
    first = read_protocol(lines).agenda[0]
    assert [d.text for d in first.decisions] == [
        "Провести семинары: а) для заместителей; б) для руководителей.",
        "направить заявки",
        "подготовить отчёт.",
    ]
