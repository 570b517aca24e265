"""Synthetic projects (`generator synth`): valid, deterministic, sized as documented."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.checking.validate import validate
from generator.cli import main
from generator.loading.yamlsafe import parse_yaml
from synth import WORLD_DATE, Spec, SynthError, dump, generate, synthesize

AS_OF = WORLD_DATE.isoformat()


def _per_folder(files: list[tuple[str, str]]) -> Counter[str]:
    """How many record files each association-year folder kind holds, e.g. `meetings`."""
    return Counter(
        path.split("/")[-2] for path, _text in files if path.startswith("records/associations/")
    )


@pytest.mark.parametrize(("associations", "years"), [(1, 2), (2, 3)])
def test_small_trees_validate_without_a_single_message(
    tmp_path: Path, associations: int, years: int
) -> None:
    root = tmp_path / "project"
    counts = synthesize(root, Spec(associations, years, seed=3))
    result = validate(root)
    assert result.diagnostics == []
    assert result.files == sum(n for kind, n in counts.items() if kind != "вложения")
    assert counts["заседания"] >= 4 * associations * years


def test_same_arguments_give_the_same_bytes_and_another_seed_another_tree() -> None:
    first = list(generate(Spec(1, 2, seed=5)))
    assert first == list(generate(Spec(1, 2, seed=5)))
    assert first != list(generate(Spec(1, 2, seed=6)))


def test_an_association_is_the_same_whatever_the_number_of_associations() -> None:
    """A=2 is A=1 plus one more: growth benchmarks compare like with like."""
    one = dict(generate(Spec(1, 2, seed=9)))
    two = dict(generate(Spec(2, 2, seed=9)))
    first = [p for p in one if p.startswith("records/associations/mpo-tula/")]
    assert first and all(one[p] == two[p] for p in first)
    assert len([p for p in two if "/meetings/" in p]) > len([p for p in one if "/meetings/" in p])


def test_counts_per_association_year_are_as_documented() -> None:
    spec = Spec(2, 3, seed=11, as_of=date(2026, 8, 31))  # three finished school years
    folders = _per_folder(list(generate(spec)))
    years = spec.associations * spec.years
    assert 4 * years <= folders["meetings"] <= 10 * years
    assert 28 * years <= folders["requests"] <= 44 * years
    assert 40 * years <= folders["consultations"] <= 70 * years
    assert 3 * years <= folders["deficits"] <= 5 * years
    practices = sum(1 for p, _t in generate(spec) if p.startswith("records/practices/"))
    assert 6 * years <= practices <= 10 * years


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("своё", encoding="utf-8")
    with pytest.raises(SynthError, match="не пуста"):
        synthesize(tmp_path, Spec(1, 1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_cli_writes_a_tree_that_check_reads_and_refuses_to_write_twice(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "synthetic"
    args = ["synth", "--associations", "1", "--years", "2", "--out", str(out)]
    made = runner.invoke(main, args)
    assert made.exit_code == 0, made.output
    assert "Записано файлов:" in made.output
    checked = runner.invoke(main, ["check", "--root", str(out), "--as-of", AS_OF])
    assert checked.exit_code in (0, 1), checked.output
    assert "Проверено правил" in checked.output
    assert "Traceback" not in checked.output
    again = runner.invoke(main, args)
    assert again.exit_code == 1
    assert "не пуста" in again.output


@pytest.mark.parametrize(
    "text",
    ["yes", "No", "null", "~", "1.1", "012", "14:30", "2025-10-01", "a: b", "#тег", "- пункт",
     "«Кавычки» и 'апостроф'", 'двойные "кавычки"', "обратная \\ черта", "тема: итоги",
     "конец с пробелом ", " начало с пробела", "многострочный\nтекст", "*звёздочка", "&якорь",
     "!тег", "%процент", "@собака", "`код`", "{скобки}", "[список]", "100 %", "true"],
)  # fmt: skip
def test_text_is_written_so_the_loader_reads_it_back_exactly(text: str) -> None:
    parsed = parse_yaml(dump({"field": text, "items": [text]}))
    block = "\n" in text  # a field's lines are written as a `|` block, which ends with "\n"
    assert parsed == {"field": text + "\n" if block else text, "items": [text]}
