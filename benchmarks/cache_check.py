"""Cold and warm `check` of the region against the walk-and-parse floor (issue 18, item 3).

Usage (from the project root; about three minutes):

    python benchmarks/cache_check.py [--root DIR] [--repeat 3]

Synthesises the region (`synth --associations 25 --years 10 --seed 1`) into a temporary
folder, unless --root names a project already made, fills its record cache with one `check`,
then, taking turns, `--repeat` times over:

- the floor: one process walks records/ and parses every file with `yaml.CSafeLoader`
  (`run.py --floor`);
- `check --no-cache`: every record parsed and validated (cold);
- `check` after one record changed (a meeting's topic, edited before each run): that file is
  parsed, the rest come from .cache/records (warm);
- the same two for `validate`, for information.

Prints the medians against the floor and each command's peak memory. `run.py` adds the
check rows to its table through `cache_figures`.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from run import AS_OF, ENV, NO_CACHE_ENV, PYTHON, REPO, Run, generator, run

WARM_ENV = {k: v for k, v in ENV.items() if k != NO_CACHE_ENV}  # run.py's rows run cold


class Edits:
    """One meeting's topic, changed before each warm run and put back at the end."""

    def __init__(self, root: Path) -> None:
        self.record = sorted((root / "records" / "associations").glob("*/*/meetings/02.yaml"))[0]
        self.original = self.record.read_text(encoding="utf-8")
        self.count = 0

    def change(self) -> None:
        self.count += 1
        marker = f"topic: Тема изменена для замера кэша {self.count}"
        text = re.sub(r"(?m)^topic: .*$", marker, self.original, count=1)
        self.record.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        self.record.write_text(self.original, encoding="utf-8")


def measure(root: Path, repeat: int) -> dict[str, list[Run]]:
    """The floor and the four commands, taking turns; the cache filled first."""
    check = generator("check", "--root", str(root), "--as-of", AS_OF)
    validate = generator("validate", "--root", str(root))
    run(check, env=WARM_ENV, check=False)  # fills .cache/records
    edits = Edits(root)
    commands: dict[str, Callable[[], Run]] = {
        "floor": lambda: run(
            [PYTHON, str(Path(__file__).with_name("run.py")), "--floor", str(root)]
        ),
        "check cold": lambda: run([*check, "--no-cache"], env=WARM_ENV, check=False),
        "check warm": lambda: _warm(edits, check),
        "validate cold": lambda: run([*validate, "--no-cache"], env=WARM_ENV, check=False),
        "validate warm": lambda: _warm(edits, validate),
    }
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    try:
        for _ in range(repeat):
            for name, command in commands.items():
                runs[name].append(command())
                print(f"  {name}: {runs[name][-1].seconds:.2f} s", flush=True)
    finally:
        edits.restore()
    for name in ("check cold", "check warm"):
        if not all("Проверено правил" in r.output for r in runs[name]):
            raise RuntimeError(f"{name} did not finish:\n{runs[name][-1].output[-3000:]}")
    return runs


def _warm(edits: Edits, command: list[str]) -> Run:
    edits.change()
    return run(command, env=WARM_ENV, check=False)


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def peak(runs: list[Run]) -> float:
    return max(r.max_rss_mb for r in runs)


def cache_figures(report: object, root: Path, repeat: int) -> None:
    """run.py's rows: cold and warm check against the floor, and their peak memory."""
    runs = measure(root, repeat)
    floor = median(runs["floor"])
    add: Callable[..., None] = report.add  # type: ignore[attr-defined]
    for name, figure, target, limit in (
        ("check cold", "check области без кэша (--no-cache), с", "≤ 1,0 × пола", 1.0),
        ("check warm", "check области после правки одной записи (кэш), с", "≤ 0,25 × пола", 0.25),
    ):
        seconds = median(runs[name])
        add(
            figure,
            f"{seconds:.1f} (медиана из {len(runs[name])}; пол — {floor:.1f}; "
            f"×{seconds / floor:.2f})",
            target,
            seconds / floor <= limit,
        )
    memory = max(peak(runs["check cold"]), peak(runs["check warm"]))
    add(
        "пиковая память check (без кэша / с кэшем), МБ",
        f"{peak(runs['check cold']):.0f} / {peak(runs['check warm']):.0f}",
        "≤ 300",
        memory <= 300,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--root", type=Path, help="a project already synthesised")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    work = None if options.root else Path(tempfile.mkdtemp(prefix="cache-check-"))
    root = options.root or work / "region"  # type: ignore[operator]
    try:
        if work is not None:
            made = run(
                generator("synth", "--associations", "25", "--years", "10", "--seed", "1",
                          "--as-of", AS_OF, "--out", str(root)),
                cwd=REPO,
            )  # fmt: skip
            print(made.output.strip(), flush=True)
        runs = measure(root, options.repeat)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    floor = median(runs["floor"])
    print(f"\nfloor (walk + CSafeLoader): {floor:.2f} s, peak {peak(runs['floor']):.0f} MB")
    for name in ("check cold", "check warm", "validate cold", "validate warm"):
        seconds = median(runs[name])
        print(
            f"{name}: median {seconds:.2f} s (runs: "
            + ", ".join(f"{r.seconds:.2f}" for r in runs[name])
            + f"), ×{seconds / floor:.2f} of the floor, peak {peak(runs[name]):.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
