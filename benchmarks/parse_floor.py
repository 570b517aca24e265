"""Walk-and-parse of the region three ways: the floor of issue 18 against both YAML paths.

Usage (from the project root):

    .venv/bin/python benchmarks/parse_floor.py [--keep ПАПКА] [--rounds 3]

Synthesizes the region once (`synth --associations 25 --years 10 --seed 1`; with `--keep`
into that folder, reused when it is already there), then runs, each in its own process,
alternating, `--rounds` times:

  floor   — walk records/ and parse every file with `yaml.load(…, Loader=yaml.CSafeLoader)`
            (front matter of .md), the floor issue 18 defines;
  events  — the same walk, each file through `decode_text`, `split_front_matter` and
            `parse_events`, the event loader alone (the loader before the fast path);
  fast    — the same with `parse_yaml`: rapidyaml's fast path, the event loader as fallback.

Prints the medians: whole process (Python start and imports included) and the walk alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MODES = ("floor", "events", "fast")


def record_files(root: Path) -> list[Path]:
    found = []
    for folder, subfolders, names in os.walk(root / "records"):
        subfolders.sort()
        found += [
            Path(folder, name)
            for name in sorted(names)
            if not name.startswith(".") and name != "README.md"
        ]
    return found


def child(mode: str, root: Path) -> None:
    """Parse every record file of `root` one way; print seconds and counts as JSON."""
    import yaml

    from generator.loading.fastyaml import parse_fast
    from generator.loading.yamlsafe import (
        LoadIssue,
        decode_text,
        parse_events,
        parse_yaml,
        split_front_matter,
    )

    parse = {"events": parse_events, "fast": parse_yaml}.get(mode)
    start, files, fast = time.perf_counter(), 0, 0
    for path in record_files(root) if mode != "count" else []:
        files += 1
        if parse is None:
            text = path.read_bytes().decode("utf-8")
            if path.suffix == ".md":
                text = text.split("\n---\n", 1)[0].removeprefix("---\n")
            yaml.load(text, Loader=yaml.CSafeLoader)
            continue
        decoded = decode_text(path.read_bytes())
        if isinstance(decoded, LoadIssue):
            continue
        first_line = 1
        if path.suffix == ".md":
            parts = split_front_matter(decoded)
            if isinstance(parts, LoadIssue):
                continue
            decoded, first_line = parts[0], 2
        parse(decoded, first_line=first_line)
    walk = time.perf_counter() - start
    if mode == "count":  # how many files the fast path takes; run once, not timed
        fast = sum(parse_fast(_yaml_text(p)) is not None for p in record_files(root))
    print(json.dumps({"walk": walk, "files": files, "fast": fast}))


def _yaml_text(path: Path) -> str:
    text = path.read_bytes().decode("utf-8")
    return text.split("\n---\n", 1)[0].removeprefix("---\n") if path.suffix == ".md" else text


def region(keep: Path | None) -> Path:
    out = keep or Path(tempfile.mkdtemp(prefix="parse-floor-"))
    if not (out / "records").is_dir():
        args = ["synth", "--associations", "25", "--years", "10", "--seed", "1", "--out", str(out)]
        subprocess.run([sys.executable, "-m", "generator", *args], check=True, cwd=ROOT)
    return out


def run_child(mode: str, root: Path) -> dict[str, float]:
    start = time.perf_counter()
    command = [sys.executable, __file__, "--child", mode, str(root)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process"] = time.perf_counter() - start
    return result


def measure(root: Path, rounds: int) -> dict[str, list[dict[str, float]]]:
    runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
    for _ in range(rounds):
        for mode in MODES:
            runs[mode].append(run_child(mode, root))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="папка области: создать или взять готовую")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.child[0], Path(options.child[1]))
        return
    root = region(options.keep)
    runs = measure(root, options.rounds)
    floor = statistics.median(r["process"] for r in runs["floor"])
    files = int(runs["floor"][0]["files"])
    taken = int(run_child("count", root)["fast"])
    print(f"Область: {root} (файлов записей: {files}); медианы из {options.rounds} запусков")
    print(f"| {'способ':8} | процесс, с | обход, с | × пола | быстрым путём |")
    print("|----------|------------|----------|--------|---------------|")
    for mode in MODES:
        process = statistics.median(r["process"] for r in runs[mode])
        walk = statistics.median(r["walk"] for r in runs[mode])
        fast = str(taken) if mode == "fast" else "—"
        print(f"| {mode:8} | {process:10.2f} | {walk:8.2f} | {process / floor:6.2f} | {fast:>13} |")


if __name__ == "__main__":
    main()
