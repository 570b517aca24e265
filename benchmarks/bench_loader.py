"""Benchmark: our safe loader against PyYAML's own C loader on meeting-sized records.

Usage (from the project root):

    python benchmarks/bench_loader.py [--files N] [--repeat R]

Generates N meeting records (~40 lines of Russian YAML each) in a temporary
directory and times, over the same files:

  (a) read bytes + yaml.load(..., Loader=yaml.CSafeLoader)        — the baseline;
  (r) read bytes + libyaml events only, nothing built              — the floor;
  (b) read bytes + decode_text + parse_yaml (+ validation if --full) — ours.

`load_and_validate(paths)` is the function timed for (b); row (v) times the project's whole
loading stage, `generator.loading.project.load_project` (`--full` is accepted and changes nothing).
The whole system on region-sized projects is measured by `benchmarks/run.py`.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.loading.yamlsafe import LoadIssue, decode_text, parse_yaml

PEOPLE = ["ivanova-mp", "smirnov-oi", "kuznetsova-as", "popov-da", "sokolova-ev", "lebedev-in"]
TOPICS = [
    "Об итогах методической работы за полугодие",
    "О подготовке к региональному этапу конкурса «Педагог года»",
    "О плане повышения квалификации учителей математики",
    "О результатах мониторинга функциональной грамотности",
    "Об организации наставничества для молодых специалистов",
]
VERBS = [
    "Принять к сведению информацию",
    "Утвердить план мероприятий",
    "Поручить подготовить аналитическую справку",
    "Рекомендовать включить в программу",
]
DIRECTIONS = ["resource_diagnostic", "analytical", "methodical", "educational"]


def meeting_yaml(rng: random.Random) -> str:
    """One valid meeting record with a signed protocol, shaped like a real one (~45 lines)."""
    month = rng.randint(1, 5)
    lines = [
        "status: held",
        f"date: 2026-{month:02d}-{rng.randint(1, 28):02d}",
        "time: '15:30'",
        "place: МКУ «ЦНППМ г. Тулы», ул. Советская, д. 12, ауд. 204",
        "format: in_person",
        f"topic: {rng.choice(TOPICS)}",
        "protocol:",
        "  status: signed",
        f"  signed: 2026-{month:02d}-28",
        f"  chair: {rng.choice(PEOPLE)}",
        f"  secretary: {rng.choice(PEOPLE)}",
        "  present:",
        *(f"    - {name}" for name in rng.sample(PEOPLE, 4)),
        "  agenda:",
    ]
    for topic in rng.sample(TOPICS, 3):
        lines += [
            f"    - question: {topic}",
            f"      direction: {rng.choice(DIRECTIONS)}",
            f"      speaker: {rng.choice(PEOPLE)}",
            "      summary: >",
            "        Выступающий представил результаты работы, отметил сильные стороны",
            "        и обозначил задачи на следующий период.",
            "      decisions:",
            f"        - text: {rng.choice(VERBS)}",
            f"          executor: {rng.choice(PEOPLE)}",
            f"          deadline: 2026-{rng.randint(6, 12):02d}-{rng.randint(1, 28):02d}",
        ]
    lines += ["  recommendations:", "    - Использовать материалы совета «РОСТ» в работе."]
    return "\n".join(lines) + "\n"


def make_files(directory: Path, count: int) -> list[Path]:
    """Meeting files laid out as in a real project: 99 meetings per association and year."""
    rng = random.Random(20240915)
    paths = []
    for index in range(count):
        association, number = divmod(index, 99)
        folder = directory / "records" / "associations" / f"a-{association}" / "2025-2026"
        path = folder / "meetings" / f"{number + 1:02d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(meeting_yaml(rng), encoding="utf-8")
        paths.append(path)
    return paths


def pyyaml_load(paths: Sequence[Path]) -> int:
    for path in paths:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return len(paths)


def events_only(paths: Sequence[Path]) -> int:
    for path in paths:
        parser = yaml.CSafeLoader(path.read_bytes().decode("utf-8"))
        try:
            while parser.get_event() is not None:
                pass
        finally:
            parser.dispose()
    return len(paths)


def load_and_validate(paths: Sequence[Path]) -> object:
    """Variant (b): read, decode and parse every file; returns the number of problems.

    Swap in schema validation here (or pass `--full`) to time the whole pipeline.
    """
    problems = 0
    for path in paths:
        text = decode_text(path.read_bytes())
        data = text if isinstance(text, LoadIssue) else parse_yaml(text)
        problems += isinstance(data, LoadIssue)
    return problems


def validate_all(paths: Sequence[Path]) -> object:
    """Variant (v): the project's own loading stage, schema validation included."""
    from generator.loading.project import forget_loaded, load_project

    forget_loaded()  # each run loads from scratch, not from the previous run's results
    root = paths[0].parents[5]
    project, problems = load_project(root)
    assert not problems and len(project.records) == len(paths), problems[:3]
    return len(project.records)


def best_of(func: Callable[[Sequence[Path]], object], paths: Sequence[Path], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(paths)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: Sequence[str] | None = None) -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--files", type=int, default=10_000, help="number of records")
    args.add_argument("--repeat", type=int, default=3, help="runs per row; the best counts")
    args.add_argument(
        "--full", action="store_true", help="kept for the README's command: (v) always runs"
    )
    opts = args.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_files(Path(tmp), opts.files)
        lines = sum(p.read_text(encoding="utf-8").count("\n") for p in paths[:100]) / 100
        problems = load_and_validate(paths)
        assert problems == 0, f"{problems} generated files did not load"
        rows = [
            ("(a) read + yaml.load CSafeLoader", best_of(pyyaml_load, paths, opts.repeat)),
            ("(r) read + libyaml events only", best_of(events_only, paths, opts.repeat)),
            ("(b) read + decode_text + parse_yaml", best_of(load_and_validate, paths, opts.repeat)),
            ("(v) load_project: find, parse, validate", best_of(validate_all, paths, opts.repeat)),
        ]
    print(f"{opts.files} files, ~{lines:.0f} lines each, best of {opts.repeat}")
    print(f"{'variant':<42} {'total, s':>9} {'per file, µs':>13}")
    for name, seconds in rows:
        print(f"{name:<42} {seconds:>9.3f} {seconds / opts.files * 1e6:>13.1f}")
    base, floor, parse, full = (seconds for _, seconds in rows)
    print(f"parse (b)/(a) = {parse / base:.2f}; (b)/(r) = {parse / floor:.2f}")
    verdict = "в бюджете" if full / base <= 1.5 else "ВНЕ бюджета"
    print(f"budget: load + validate (v)/(a) = {full / base:.2f} (≤ 1.50) — {verdict}")


if __name__ == "__main__":
    main()
