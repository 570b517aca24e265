"""ШНОР schools' programmes (МПО п. 3.1.3, РОСТ п. 2.1): what an editor sees when a programme
is wrong — the file, line, field and how to fix it —, the sample's programmes, the `new
programme` skeleton and the form of the record in the editor (Decap)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.authoring.decap import cms_config
from generator.cli import main
from generator.loading.project import load_project
from generator.rendering.indicator_chart import progress
from schemas import Indicator, Organization, Programme
from schemas.enums import ListCategory

from .conftest import REPO

PROGRAMME = "records/programmes/school-101.yaml"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the sample records (and files they attach) to spoil one thing in."""
    root = tmp_path / "project"
    for folder in ("records", "files"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    return root


def _edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(runner: CliRunner, root: Path, about: str) -> list[str]:
    result = runner.invoke(main, ["validate", "--root", str(root)])
    return [line for line in result.output.splitlines() if line.startswith(about)]


def test_sample_has_a_programme_for_every_shnor_school_and_year() -> None:
    project, problems = load_project(REPO)
    assert not [p for p in problems if p.path.startswith("records/programmes")]
    programmes = [r.model for r in project.of_kind("programme") if isinstance(r.model, Programme)]
    for record in project.of_kind("organization"):
        school = record.model
        assert isinstance(school, Organization)
        for category in school.categories:
            if category.category is ListCategory.SHNOR:
                assert any(
                    p.organization == record.place.id and category.year in p.years
                    for p in programmes
                ), (record.place.id, category.year)


def test_unknown_school_is_named_with_where_to_add_it(sample: Path, runner: CliRunner) -> None:
    _edit(sample, PROGRAMME, "organization: school-101", "organization: school-1010")
    assert _errors(runner, sample, PROGRAMME) == [
        f"{PROGRAMME}:4:15: organization (Школа): «school-1010» нет среди организаций. Возможно, "
        "имелось в виду «school-101». Проверьте написание идентификатора или добавьте "
        "records/organizations/school-1010.yaml."
    ]


def test_programme_of_an_organization_that_is_not_a_school(sample: Path, runner: CliRunner) -> None:
    _edit(sample, PROGRAMME, "organization: school-101", "organization: cnppm")
    errors = _errors(runner, sample, PROGRAMME)
    assert len(errors) == 1
    assert errors[0].startswith(f"{PROGRAMME}:4:15: organization (Школа): «cnppm» — не школа")


def test_risk_factor_not_recorded_for_the_school(sample: Path, runner: CliRunner) -> None:
    _edit(
        sample, PROGRAMME,
        "  - перестройка управленческой команды после присоединения второй школы\nsummary",
        "  - перестройка управленческой команды после присоединения школы\nsummary",
    )  # fmt: skip
    _edit(
        sample, PROGRAMME,
        "    risk_factor: перестройка управленческой команды после присоединения второй школы",
        "    risk_factor: перестройка управленческой команды после присоединения школы",
    )  # fmt: skip
    assert _errors(runner, sample, PROGRAMME) == [
        f"{PROGRAMME}:14:5: risk_factors[1] (Факторы риска): фактора риска «перестройка "
        "управленческой команды после присоединения школы» нет среди факторов риска школы. "
        "Возможно, имелось в виду «перестройка управленческой команды после присоединения "
        "второй школы». Напишите его так же, как в risk_factors файла "
        "records/organizations/school-101.yaml, или добавьте его туда."
    ]


def test_indicator_risk_factor_must_be_one_of_the_programme(
    sample: Path, runner: CliRunner
) -> None:
    _edit(
        sample, PROGRAMME,
        "    risk_factor: высокая доля обучающихся с рисками учебной неуспешности",
        "    risk_factor: низкая мотивация",
    )  # fmt: skip
    errors = _errors(runner, sample, PROGRAMME)
    assert len(errors) == 1
    assert (
        "indicators[0].risk_factor (Фактор риска): фактора риска «низкая мотивация» нет"
        in (errors[0])
    )


def test_measurement_outside_the_programme_years(sample: Path, runner: CliRunner) -> None:
    _edit(sample, PROGRAMME, "      - date: 2026-09-15", "      - date: 2027-09-15")
    assert _errors(runner, sample, PROGRAMME) == [
        f"{PROGRAMME}:51:15: indicators[1].measured[1].date (Дата): дата 15.09.2027 не входит "
        "в учебные годы программы (01.09.2025–31.08.2027). Исправьте дату или добавьте учебный "
        "год в years."
    ]


def test_measurements_out_of_order(sample: Path, runner: CliRunner) -> None:
    _edit(sample, PROGRAMME, "      - date: 2026-04-22", "      - date: 2026-01-22")
    assert _errors(runner, sample, PROGRAMME) == [
        f"{PROGRAMME}:35:15: indicators[0].measured[1].date (Дата): дата 22.01.2026 "
        "(измерение) должна быть позже даты предыдущего измерения (18.02.2026). Даты "
        "показателя идут по порядку: исходное значение, затем измерения; срок цели — позже "
        "исходного значения."
    ]


def test_years_must_follow_each_other(sample: Path, runner: CliRunner) -> None:
    _edit(sample, PROGRAMME, "  - 2026-2027\n", "  - 2027-2028\n")
    errors = _errors(runner, sample, PROGRAMME)
    assert errors[0].startswith(
        f"{PROGRAMME}:9:5: years[1] (Учебные годы): учебные годы идут подряд: после 2025-2026 "
        "должен быть 2026-2027, а указан 2027-2028."
    )


def test_percent_above_hundred(sample: Path, runner: CliRunner) -> None:
    _edit(sample, PROGRAMME, "      value: 100\n", "      value: 110\n")
    errors = _errors(runner, sample, PROGRAMME)
    assert len(errors) == 1
    assert "indicators[1].target.value (Значение): значение 110 больше 100" in errors[0]


def test_second_programme_for_the_same_year_is_the_one_reported(
    sample: Path, runner: CliRunner
) -> None:
    later = "records/programmes/school-101-2026.yaml"
    (sample / later).write_text(
        "organization: school-101\nkind: effective_mode\ntitle: Вторая программа\n"
        "years:\n  - 2026-2027\nrisk_factors:\n"
        "  - высокая доля обучающихся с рисками учебной неуспешности\nindicators:\n"
        "  - title: Доля «2»\n    baseline: {date: 2026-04-24, value: 12}\n"
        "    target: {date: 2027-05-31, value: 8}\n",
        encoding="utf-8",
    )
    errors = _errors(runner, sample, "records/programmes/")
    assert errors == [
        f"{later}:5:3: years (Учебные годы): у школы уже есть программа на 2026/2027 учебный "
        f"год — {PROGRAMME}. У школы одна программа на год: уберите повторяющиеся годы или "
        "объедините программы в одну."
    ]


def test_consultation_refers_to_a_programme_of_its_time(sample: Path, runner: CliRunner) -> None:
    consultation = (
        "records/associations/mpo-tula/2026-2027/consultations/2026-09-15-school-109.yaml"
    )
    _edit(sample, consultation, "programme: school-109", "programme: school-117")
    errors = _errors(runner, sample, consultation)
    assert errors == [
        f"{consultation}:8:12: programme (Программа школы): программа «school-117» действует "
        "с 01.09.2025 по 31.08.2026, а запись датирована 15.09.2026. Укажите программу того "
        "времени или добавьте учебный год в years файла records/programmes/school-117.yaml."
    ]
    _edit(sample, consultation, "programme: school-117", "programme: school-190")
    assert "«school-190» нет среди программ школ." in _errors(runner, sample, consultation)[0]


def test_progress_reads_the_direction_from_baseline_and_target() -> None:
    base = {"title": "Доля «2»", "baseline": {"date": "2025-04-24", "value": 21}}
    falling = Indicator.model_validate(base | {"target": {"date": "2027-05-31", "value": 10}})
    at = [{"date": "2026-04-22", "value": v} for v in (12, 9, 25)]
    values = [Indicator.model_validate(falling.model_dump() | {"measured": [m]}) for m in at]
    assert [progress(v, v.measured) for v in values] == [
        "Пройдено 82 % пути от исходного значения к цели.",
        "Цель достигнута.",
        "Значение не лучше исходного.",
    ]
    assert progress(falling, []) == "Измерений пока нет."


def test_new_programme_writes_a_valid_skeleton(sample: Path, runner: CliRunner) -> None:
    args = ["new", "programme", "--root", str(sample), "--as-of", "2026-11-20"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    written = sample / "records/programmes/school-129.yaml"  # the listed school without one
    text = written.read_text(encoding="utf-8")
    assert "# ←" in text and "- 2026-2027" in text
    assert "высокая доля семей в трудной жизненной ситуации" in text  # from the school
    assert "Заполните строки, отмеченные «←»" in result.output
    again = runner.invoke(main, [*args, "--school", "school-129"])
    assert again.exit_code == 1
    assert "уже есть программа на 2026/2027 учебный год: records/programmes/school-129.yaml" in (
        again.output
    )
    validated = runner.invoke(main, ["validate", "--root", str(sample)])
    assert "Ошибок: 0." in validated.output, validated.output


def test_new_programme_needs_the_schools_risk_factors(sample: Path, runner: CliRunner) -> None:
    args = ["new", "programme", "--root", str(sample), "--as-of", "2026-11-20"]
    result = runner.invoke(main, [*args, "--school", "school-102"])
    assert result.exit_code == 1
    assert "не записаны факторы риска" in result.output
    assert "records/organizations/school-102.yaml" in result.output
    assert not (sample / "records/programmes/school-102.yaml").exists()


def test_forms_offer_programmes() -> None:
    project, _problems = load_project(REPO)
    collections = {c["name"]: c for c in cms_config(project, date(2026, 11, 20))["collections"]}
    programmes = collections["programmes"]
    assert programmes["folder"] == "records/programmes"
    names = [f["name"] for f in programmes["fields"]]
    assert {"organization", "years", "risk_factors", "indicators"} <= set(names)


def test_json_schema_of_programmes_is_written() -> None:
    schema = yaml.safe_load((REPO / "schemas/json/programme.schema.json").read_text("utf-8"))
    assert schema["title"] and "indicators" in schema["properties"]
