"""The layout of records/: one message per misplaced folder or file, naming its one right place.

The nearest-form functions are tested on many names, and the walk on the small base project
with each of its records moved or renamed in turn: the suggestion must lead back to where
the record was.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from generator.loading.layout import (
    _PATTERNS,
    KIND_GLOBS,
    Place,
    Survey,
    classify,
    discover,
    survey,
)
from generator.loading.placement import (
    is_school_year,
    likely_kind,
    looks_like_school_year,
    meeting_number,
    monitoring_period,
    nearest_school_year,
    nearest_slug,
    nearest_word,
    top_keys,
)
from schemas import RECORD_MODELS

from .conftest import CASES

BASE = CASES / "base"
YEAR = "records/associations/mpo-test/2025-2026"
BASE_RECORDS = sorted(
    str(p.relative_to(BASE)) for p in (BASE / "records").rglob("*") if p.is_file()
)


# --- nearest forms of names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("2026-2028", "2026-2027"),
        ("2025-2027", "2025-2026"),
        ("2025_2026", "2025-2026"),
        ("2025-26", "2025-2026"),
        ("25-26", "2025-2026"),
        ("2025 2026", "2025-2026"),
        ("2025–2026", "2025-2026"),
        ("2025", "2025-2026"),
        ("20252026", "2025-2026"),
        ("уч-год-2024", "2024-2025"),
        ("2030-2029", "2030-2031"),
        ("1-2025", "2025-2026"),
    ],
)
def test_nearest_school_year_keeps_the_first_year(name: str, year: str) -> None:
    assert nearest_school_year(name) == year
    assert is_school_year(year)


@pytest.mark.parametrize("name", ["meetings", "год", "", "1-2", "x-y-z"])
def test_no_school_year_without_a_year_in_the_name(name: str) -> None:
    assert nearest_school_year(name) is None


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("2025-2026", True),
        ("1999-2000", True),
        ("2025-2027", False),
        ("2026-2025", False),
        ("2025_2026", False),
        ("2025-26", False),
    ],
)
def test_is_school_year(name: str, valid: bool) -> None:
    assert is_school_year(name) is valid


@pytest.mark.parametrize(
    ("name", "yearish"),
    [("2025_2026", True), ("25-26", True), ("2025", True), ("mpo-2025", False), ("7", False)],
)
def test_looks_like_school_year(name: str, yearish: bool) -> None:
    assert looks_like_school_year(name) is yearish


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("MPO_Test", "mpo-test"),
        ("Ivanova MA", "ivanova-ma"),
        ("school--5", "school-5"),
        ("-mpo-", "mpo"),
        ("Sidorov", "sidorov"),
        ("мпо", None),
        ("", None),
    ],
)
def test_nearest_slug(name: str, slug: str | None) -> None:
    assert nearest_slug(name) == slug


YEAR_FOLDERS = ("meetings", "requests", "consultations", "deficits")


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("meeting", "meetings"),
        ("Meetings", "meetings"),
        ("MEETINGS", "meetings"),
        ("consultation", "consultations"),
        ("consultatons", "consultations"),
        ("deficit", "deficits"),
        ("requets", "requests"),
        ("Request", "requests"),
        ("minutes", None),
        ("заседания", None),
    ],
)
def test_nearest_word(name: str, word: str | None) -> None:
    assert nearest_word(name, YEAR_FOLDERS) == word


@pytest.mark.parametrize(
    ("stem", "number"),
    [("3", "03"), ("03", "03"), ("12", "12"), ("meeting-7", "07"), ("заседание_10", "10")],
)
def test_meeting_number(stem: str, number: str) -> None:
    assert meeting_number(stem) == number


@pytest.mark.parametrize("stem", ["0", "100", "2025-10-07-school-1", "first"])
def test_no_meeting_number(stem: str) -> None:
    assert meeting_number(stem) is None


@pytest.mark.parametrize(
    ("stem", "period"),
    [("2025_10", "2025-10"), ("10-2025", "2025-10"), ("2025-1", "2025-01"), ("2025.12", "2025-12")],
)
def test_monitoring_period(stem: str, period: str) -> None:
    assert monitoring_period(stem) == period


@pytest.mark.parametrize("stem", ["2025", "2025-13", "2025-10-01", "october"])
def test_no_monitoring_period(stem: str) -> None:
    assert monitoring_period(stem) is None


@pytest.mark.parametrize("kind", sorted(RECORD_MODELS))
def test_a_kinds_fields_tell_the_kind(kind: str) -> None:
    fields = RECORD_MODELS[kind].model_fields
    assert likely_kind(fields) == kind
    required = [name for name, field in fields.items() if field.is_required()]
    if len(required) >= 2:
        assert likely_kind(required) == kind
    assert likely_kind([*fields, "typo_field"]) == kind


@pytest.mark.parametrize("keys", [[], ["title"], ["foo", "bar", "baz"], ["date", "x", "y", "z"]])
def test_too_few_known_keys_tell_no_kind(keys: list[str]) -> None:
    assert likely_kind(keys) is None


def test_top_keys_are_the_keys_at_the_start_of_a_line() -> None:
    text = "---\ntitle: A\nauthors:\n  - name: B\nbody_text\n---\nРезультаты: нет\n"
    assert top_keys(text) == {"title", "authors"}


# --- the walk: one message per misplaced folder or file -------------------------------------


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def _move(root: Path, source: str, destination: str) -> None:
    (root / destination).parent.mkdir(parents=True, exist_ok=True)
    (root / source).rename(root / destination)


def _one_problem(result: Survey) -> tuple[str, str]:
    assert len(result.problems) == 1, [p.format_text() for p in result.problems]
    problem = result.problems[0]
    assert problem.line is None and problem.column is None
    return problem.path, problem.message


def _plain_classify(relative: str) -> Place | None:
    """The table read the plain way: every full-path pattern in turn, the first match wins."""
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(relative)
        if match:
            groups = match.groupdict()
            year = groups.get("year")
            if year and int(year[5:]) != int(year[:4]) + 1:
                return None
            association = groups.get("association")
            record_id = groups.get("id") or (association if kind == "association" else "")
            return Place(kind, record_id or "", association, year)
    return None


def test_a_path_is_classified_as_the_table_reads_it() -> None:
    """`classify` works out each folder's kinds once; on any path, real or odd, it must say
    what matching the whole path against the table says."""
    parts = [*{p for pattern in KIND_GLOBS.values() for p in pattern.split("/")[1:-1]}]
    parts += ["mpo-test", "a-b", "A", "", "2025-2026", "2025-2027", "2024-2025", "x--y"]
    names = [*{pattern.rsplit("/", 1)[1] for pattern in KIND_GLOBS.values()}]
    names += ["01.yaml", "1.yaml", "001.yaml", "2025-01.yaml", "x-y.yaml", "X.yaml", "a.md"]
    names += ["-a.yaml", "a.yml", "analysis.yaml", "petrov-an.yaml", "2025-13.yaml"]
    names = [n.replace("*", "x") for n in names]
    chosen = random.Random(18)
    paths = [g.removeprefix("records/").replace("*", "x-1") for g in KIND_GLOBS.values()]
    for _ in range(30_000):
        folders = [chosen.choice(parts) for _ in range(chosen.randint(0, 5))]
        paths.append("/".join([*folders, chosen.choice(names)]))
    assert sum(_plain_classify(p) is not None for p in paths) > 1_000  # many real kinds too
    assert [classify(p) for p in paths] == [_plain_classify(p) for p in paths]


def test_the_base_project_has_no_layout_problem(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = survey(root)
    assert result.problems == [] and result.unread == []
    assert len(result.found) == len(BASE_RECORDS)
    found, problems = discover(root)
    assert [(f.relative, f.place) for f in found] == [(f.relative, f.place) for f in result.found]
    assert problems == []


@pytest.mark.parametrize(
    ("name", "year"),
    [("2025-2027", "2025-2026"), ("2025_2026", "2025-2026"), ("2025-26", "2025-2026"), ("25-26", "2025-2026"), ("2026-2028", "2026-2027")],
)  # fmt: skip
def test_a_misnamed_year_folder_is_one_message_at_the_folder(
    tmp_path: Path, name: str, year: str
) -> None:
    root = _project(tmp_path)
    folder = f"records/associations/mpo-test/{name}"
    (root / YEAR).rename(root / folder)
    result = survey(root)
    path, message = _one_problem(result)
    assert path == folder + "/"
    assert f"учебный год пишется как {year}" in message
    assert f"Переименуйте папку в {year}" in message
    below = [p for p in BASE_RECORDS if p.startswith(YEAR + "/")]
    assert f"её файлы ({len(below)}) не читаются" in message
    assert sorted(u.path for u in result.unread) == [p.replace(YEAR, folder) for p in below]
    assert result.unread_folders == [folder + "/"]
    # Once renamed as the message says, every file is the record it was.
    assert {u.place for u in result.unread} == {
        classify(p.replace(YEAR, f"records/associations/mpo-test/{year}")[8:]) for p in below
    }


def test_a_year_folder_next_to_the_right_one_says_to_move_the_files(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _move(root, f"{YEAR}/plan.yaml", "records/associations/mpo-test/2025_2026/plan.yaml")
    path, message = _one_problem(survey(root))
    assert path == "records/associations/mpo-test/2025_2026/"
    assert "Папка 2025-2026 уже есть: перенесите файлы в неё" in message


@pytest.mark.parametrize("folder", YEAR_FOLDERS)
@pytest.mark.parametrize("spelling", [str.capitalize, lambda w: w[:-1], lambda w: w.upper()])
def test_a_misspelt_kind_folder_gets_the_nearest_name(
    tmp_path: Path, folder: str, spelling: object
) -> None:
    assert callable(spelling)
    root = _project(tmp_path)
    wrong = spelling(folder)
    (root / YEAR / folder).rename(root / YEAR / wrong)
    result = survey(root)
    path, message = _one_problem(result)
    assert path == f"{YEAR}/{wrong}/"
    assert f"Переименуйте папку в {folder}:" in message
    assert all(u.place is not None and u.place.kind != "" for u in result.unread)


@pytest.mark.parametrize(
    ("folder", "target"),
    [
        ("records/meetings", "records/associations/<объединение>/<ГГГГ-ГГГГ>/meetings/"),
        ("records/associations/mpo-test/meetings", "records/associations/mpo-test/<ГГГГ-ГГГГ>/meetings/"),
        ("records/2025-2026", "records/associations/<объединение>/2025-2026/"),
        (f"{YEAR}/people", "records/people/"),
        (f"{YEAR}/Materials", "records/council/materials/"),
    ],
)  # fmt: skip
def test_a_folder_of_another_place_is_sent_there(tmp_path: Path, folder: str, target: str) -> None:
    root = _project(tmp_path)
    (root / folder).mkdir(parents=True)
    (root / folder / "x.yaml").write_text("a: 1\n", encoding="utf-8")
    path, message = _one_problem(survey(root))
    assert path == folder + "/"
    assert f"Перенесите папку в {target}:" in message


def test_a_subfolder_of_a_kind_folder_is_emptied_into_it(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _move(root, "records/people/petrov-an.yaml", "records/people/2025/petrov-an.yaml")
    result = survey(root)
    path, message = _one_problem(result)
    assert path == "records/people/2025/"
    assert "Переложите её файлы прямо в records/people/" in message
    assert [u.place for u in result.unread] == [classify("people/petrov-an.yaml")]


def test_an_empty_misnamed_folder_is_not_reported(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / YEAR / "meeting").mkdir()
    assert survey(root).problems == []


MOVABLE = [p for p in BASE_RECORDS if p.rsplit("/", 1)[0] != YEAR]


@pytest.mark.parametrize("original", MOVABLE)
def test_a_record_dropped_into_the_year_folder_is_sent_back(tmp_path: Path, original: str) -> None:
    root = _project(tmp_path)
    dropped = f"{YEAR}/{original.rsplit('/', 1)[1]}"
    _move(root, original, dropped)
    result = survey(root)
    path, message = _one_problem(result)
    assert path == dropped
    assert message.endswith(f"Перенесите файл в {original}.")
    assert "Примеры" not in message
    assert [u.place for u in result.unread] == [classify(original[8:])]


@pytest.mark.parametrize("original", BASE_RECORDS)
@pytest.mark.parametrize("wrong", [".yml", ".YAML", ".txt", ""])
def test_a_wrong_extension_gets_the_right_one(tmp_path: Path, original: str, wrong: str) -> None:
    root = _project(tmp_path)
    stem, right = original.rsplit(".", 1)
    _move(root, original, stem + wrong)
    path, message = _one_problem(survey(root))
    assert path == stem + wrong
    assert f"расширение файла — .{right}" in message
    assert message.endswith(f"Переименуйте файл в {original.rsplit('/', 1)[1]}.")


@pytest.mark.parametrize(
    ("wrong", "right"),
    [
        (f"{YEAR}/meetings/1.yaml", f"{YEAR}/meetings/01.yaml"),
        ("records/people/Petrov_AN.yaml", "records/people/petrov-an.yaml"),
        ("records/council/monitoring/2025_10.yaml", "records/council/monitoring/2025-10.yaml"),
        (f"{YEAR}/Plan.yaml", f"{YEAR}/plan.yaml"),
    ],
)
def test_a_misnamed_file_gets_the_nearest_name(tmp_path: Path, wrong: str, right: str) -> None:
    root = _project(tmp_path)
    _move(root, right, wrong)
    path, message = _one_problem(survey(root))
    assert path == wrong
    assert message.endswith(f"Переименуйте файл в {right.rsplit('/', 1)[1]}.")


def test_a_file_of_no_known_kind_gets_no_guess(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "records/notes.yaml").write_text("", encoding="utf-8")
    result = survey(root)
    path, message = _one_problem(result)
    assert path == "records/notes.yaml"
    assert "не видно, какая это запись" in message and "Перенесите" not in message
    assert [(u.path, u.place) for u in result.unread] == [("records/notes.yaml", None)]


def test_an_attachment_goes_to_files(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / YEAR / "meetings/scan.pdf").write_bytes(b"%PDF-1.4")
    path, message = _one_problem(survey(root))
    assert path == f"{YEAR}/meetings/scan.pdf"
    assert message.endswith("Перенесите файл в files/scan.pdf.")


def test_a_suggested_path_already_taken_is_said(tmp_path: Path) -> None:
    root = _project(tmp_path)
    shutil.copy(root / YEAR / "plan.yaml", root / YEAR / "meetings/plan.yaml")
    _path, message = _one_problem(survey(root))
    assert f"Перенесите файл в {YEAR}/plan.yaml. Такой файл там уже есть" in message


def test_unread_files_and_their_folders_are_counted(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / YEAR).rename(root / "records/associations/mpo-test/2025-26")
    _move(root, "records/people/petrov-an.yaml", "records/petrov-an.yaml")
    result = survey(root)
    assert len(result.problems) == 2
    assert len(result.unread) == 1 + sum(p.startswith(YEAR + "/") for p in BASE_RECORDS)
    assert result.unread_folders == ["records/", "records/associations/mpo-test/2025-26/"]
