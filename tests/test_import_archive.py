"""`import-docx` over an archive: files and folders in one run, a draft per protocol at its
records path, one report (text or JSON), and one bad file never stopping the rest.

The protocols are the sample's own, exported to DOCX by the real pandoc and imported into a
copy of the project from which their records were removed.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.checking.validate import validate
from generator.cli import main
from generator.documents.export import Selection, export

from .conftest import REPO
from .test_documents import copy_project

ASSOCIATION, YEAR = "mpo-tula", "2025-2026"
MEETINGS = f"records/associations/{ASSOCIATION}/{YEAR}/meetings"


@pytest.fixture(scope="module")
def protocols(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's signed protocols of one year as Word files."""
    out = tmp_path_factory.mktemp("protocols")
    result = validate(REPO)
    selection = Selection(["protocol"], ["docx"], date(2026, 11, 20), ASSOCIATION, YEAR)
    export(result.project, selection, out, tmp_path_factory.mktemp("cache"))
    return out / ASSOCIATION / YEAR


def _archive(tmp_path: Path, protocols: Path, numbers: list[str]) -> Path:
    folder = tmp_path / "архив" / "2025"
    folder.mkdir(parents=True)
    for number in numbers:
        shutil.copyfile(protocols / f"protocol-{number}.docx", folder / f"Протокол {number}.docx")
    return tmp_path / "архив"


def test_a_folder_becomes_drafts_and_one_bad_file_stops_nothing(
    tmp_path: Path, protocols: Path, runner: CliRunner
) -> None:
    root = copy_project(tmp_path)
    for number in ("02", "03"):
        (root / MEETINGS / f"{number}.yaml").unlink()
    archive = _archive(tmp_path, protocols, ["02", "03", "04"])
    (archive / "2025" / "испорчен.docx").write_bytes(b"not a word file")
    (archive / "2025" / "~$Протокол 02.docx").write_bytes(b"Word's lock file")
    result = runner.invoke(
        main, ["import-docx", str(archive), "--root", str(root), "--association", ASSOCIATION]
    )
    assert result.exit_code == 1, result.output  # some files gave no draft
    output = result.output
    assert (root / MEETINGS / "02.yaml").is_file() and (root / MEETINGS / "03.yaml").is_file()
    assert f"Записан черновик заседания: {MEETINGS}/02.yaml" in output
    assert f"Записан черновик заседания: {MEETINGS}/03.yaml" in output
    # № 4 is in records already: named, not overwritten
    assert f"уже есть — {MEETINGS}/04.yaml" in output
    assert "испорчен.docx не удалось прочитать как документ Word" in output
    assert "~$" not in output, "Word's lock files are not protocols"
    assert output.rstrip().endswith("Файлов: 4. Записано черновиков: 2. Без черновика: 2.")
    assert validate(root).ok, "the drafts validate at their places"


def test_the_report_as_json(tmp_path: Path, protocols: Path, runner: CliRunner) -> None:
    root = copy_project(tmp_path)
    (root / MEETINGS / "02.yaml").unlink()
    archive = _archive(tmp_path, protocols, ["02", "05"])
    result = runner.invoke(
        main,
        ["import-docx", str(archive / "2025" / "Протокол 02.docx"), str(archive),
         "--root", str(root), "--association", ASSOCIATION, "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    files = {Path(f["source"]).name: f for f in report["files"]}
    assert list(files) == ["Протокол 02.docx", "Протокол 05.docx"], "each file once"
    assert files["Протокол 02.docx"]["written"] == f"{MEETINGS}/02.yaml"
    assert files["Протокол 05.docx"]["existing"] == f"{MEETINGS}/05.yaml"
    assert files["Протокол 05.docx"]["written"] is None
    assert (report["written"], report["without_draft"]) == (1, 1)


def test_every_file_given_a_draft_exits_0(
    tmp_path: Path, protocols: Path, runner: CliRunner
) -> None:
    root = copy_project(tmp_path)
    (root / MEETINGS / "05.yaml").unlink()
    archive = _archive(tmp_path, protocols, ["05"])
    result = runner.invoke(
        main, ["import-docx", str(archive), "--root", str(root), "--association", ASSOCIATION]
    )
    assert result.exit_code == 0, result.output
    assert "Записано черновиков: 1. Без черновика: 0." in result.output


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--number", "07"], "--number и --out относятся к одному протоколу"),
        # a past year without a folder starts an archive year; a later one needs `new year`
        (["--year", "2030-2031"], "папки 2030-2031 учебного года"),
    ],
)
def test_options_that_cannot_apply_are_wrong_usage(
    tmp_path: Path, protocols: Path, runner: CliRunner, extra: list[str], said: str
) -> None:
    root = copy_project(tmp_path)
    archive = _archive(tmp_path, protocols, ["02", "03"])
    result = runner.invoke(
        main,
        ["import-docx", str(archive), "--root", str(root), "--association", ASSOCIATION, *extra],
    )
    assert result.exit_code == 2 and said in result.output, result.output
    assert not list((root / MEETINGS).glob("0[6-9].yaml")), "nothing written"


def test_a_folder_without_word_files_is_wrong_usage(tmp_path: Path, runner: CliRunner) -> None:
    root = copy_project(tmp_path)
    empty = tmp_path / "пусто"
    empty.mkdir()
    (empty / "заметки.txt").write_text("не протокол", encoding="utf-8")
    result = runner.invoke(main, ["import-docx", str(empty), "--root", str(root)])
    assert result.exit_code == 2 and "нет файлов Word (.docx)" in result.output, result.output


# --- protocols as schools write them, into archive years --------------------------------------

SHAPES = Path(__file__).parent / "import_shapes"  # copies of ../shared/import-shapes
EXPECTED = {  # shape → (school year, number, date, chair, secretary), from its README
    "shape-d": ("2023-2024", "04", "2024-03-14", "Соколова", "Миронова"),
    "shape-e": ("2025-2026", "06", "2026-06-19", "Григорьева", "Яковлев"),
    "shape-f": ("2024-2025", "03", "2025-02-27", "Белкина", "Жданов"),
}


def test_protocols_as_schools_write_them_start_archive_years(
    tmp_path: Path, runner: CliRunner
) -> None:
    """The issue's measure: the three shapes imported together into the sample, its
    founding moved back, give drafts at their records paths with the right date, number,
    chair and secretary, and the whole tree validates; the archive years are not judged."""
    import subprocess

    import pypandoc  # type: ignore[import-untyped]

    root = copy_project(tmp_path)
    association = root / "records" / "associations" / ASSOCIATION / "association.yaml"
    text = association.read_text(encoding="utf-8")
    association.write_text(
        text.replace("founded: 2025-08-28", "founded: 2023-08-30"), encoding="utf-8"
    )
    folder = tmp_path / "архив"
    folder.mkdir()
    for shape in EXPECTED:
        subprocess.run(
            [pypandoc.get_pandoc_path(), "--sandbox", str(SHAPES / f"{shape}.md"),
             "-o", str(folder / f"{shape}.docx")],
            check=True,
        )  # fmt: skip
    result = runner.invoke(
        main, ["import-docx", str(folder), "--root", str(root), "--association", ASSOCIATION]
    )
    assert result.exit_code == 0, result.output
    validation = validate(root)
    assert validation.ok, [d.message for d in validation.diagnostics]
    people = {loaded.place.id: loaded.model for loaded in validation.project.of_kind("person")}
    for shape, (year, number, day, chair, secretary) in EXPECTED.items():
        path = f"records/associations/{ASSOCIATION}/{year}/meetings/{number}.yaml"
        meeting = validation.project.by_path[path].model
        assert str(meeting.date) == day, shape  # type: ignore[attr-defined]
        protocol = meeting.protocol  # type: ignore[attr-defined]
        assert people[protocol.chair].surname == chair, shape  # type: ignore[attr-defined]
        assert people[protocol.secretary].surname == secretary, shape  # type: ignore[attr-defined]
    assert "Начат архивный 2023-2024 учебный год" in result.output
    assert "Начат архивный 2024-2025 учебный год" in result.output
    from generator.checking.compliance import evaluate

    judged = {outcome.year for outcome in evaluate(validation.project, date(2026, 11, 20))}
    # neither the association's rules nor the council's reach back into archive years
    assert "2023-2024" not in judged and "2024-2025" not in judged
    assert "2025-2026" in judged, "years with full records are judged as before"


def test_a_year_after_the_records_began_still_needs_its_membership(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    (root / f"records/associations/{ASSOCIATION}/2026-2027/membership.yaml").unlink()
    messages = [d.message for d in validate(root).diagnostics]
    assert any("нет файла состава на этот год" in m for m in messages), messages


def test_a_meeting_without_a_place_is_only_a_draft(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    meeting = root / MEETINGS / "03.yaml"
    text = meeting.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("place:")]
    meeting.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = [d for d in validate(root).diagnostics if d.path.endswith("meetings/03.yaml")]
    assert errors and "не указано место заседания (place)" in errors[0].message
    meeting.write_text(
        "\n".join(lines).replace("  status: signed", "  status: draft") + "\n", encoding="utf-8"
    )
    errors = [d for d in validate(root).diagnostics if d.path.endswith("meetings/03.yaml")]
    assert errors == [], "a draft protocol may lack its place"


def test_an_approval_block_above_the_heading_gives_neither_date_nor_number() -> None:
    from generator.authoring.recognise import read_protocol

    protocol = read_protocol(
        ["УТВЕРЖДАЮ", "Директор МБОУ «СШ № 7»", "________ И. И. Иванов", "15.05.2024",
         "ПРОТОКОЛ № 5", "заседания методического объединения", "от 14.05.2024",
         "Председатель: Соколова Т.В.", "Секретарь: Миронова Е.А."]
    )  # fmt: skip
    assert (protocol.day, protocol.number) == (date(2024, 5, 14), 5)
    assert "15.05.2024" in protocol.leftovers, "the approval's lines are kept, as comments"


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("от 14.03.2024", date(2024, 3, 14)),
        ("от 14.03.24", date(2024, 3, 14)),
        ("от «27» февраля 2025 г.", date(2025, 2, 27)),
        ("14 марта 2024 года", date(2024, 3, 14)),
    ],
)
def test_dates_in_every_common_form(written: str, day: date) -> None:
    from generator.authoring.protocol_text import deadline_of

    assert deadline_of(written) == day


def test_checking_a_draft_never_touches_the_records(tmp_path: Path) -> None:
    """The draft is checked in a linked copy of records: what is written there — the draft
    over a record of the same path, drafted people — never reaches the records themselves."""
    from generator.authoring.importer import _check

    root = copy_project(tmp_path)
    existing = f"{MEETINGS}/02.yaml"
    files = {p: p.read_bytes() for p in (root / "records").rglob("*.yaml")}
    people = {"records/people/volkova-ep.yaml": "surname: Другая\n"}
    diagnostics = _check(root, existing, "status: held\n", people)
    assert any(d.path == existing for d in diagnostics), "the draft itself was checked"
    assert {p: p.read_bytes() for p in (root / "records").rglob("*.yaml")} == files
    assert all(p.stat().st_nlink == 1 for p in files), "no link left behind"
