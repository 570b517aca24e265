"""Benchmark: exporting every official document of a 4-association, 3-year project.

Usage (from the project root):

    .venv/bin/python benchmarks/export_documents.py [--repeat R]

Makes the project with `python -m generator synth --associations 4 --years 3 --seed 7`, as
benchmarks/run.py does (the same files every time), validates it, then exports every kind in DOCX and ODT from scratch (an
empty cache, so every document goes through pandoc and the page layout) R times and prints
the count and the best time. Besides pandoc, each document is sized (documents/widths.py)
and laid out (documents/layout.py) — this script shows what that costs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import synth  # noqa: E402
from generator.checking.validate import validate  # noqa: E402
from generator.documents.catalog import KINDS  # noqa: E402
from generator.documents.export import Selection, export  # noqa: E402
from generator.documents.pandoc import FORMATS  # noqa: E402

AS_OF = date(2026, 11, 20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-export-") as scratch:
        project_root = Path(scratch) / "project"
        synth(project_root, 4, 3)  # benchmarks/run.py's projects: the same files every time
        result = validate(project_root)
        assert result.ok, "the synthetic project must validate"
        best, documents = float("inf"), 0
        for attempt in range(options.repeat):
            out, cache = Path(scratch) / f"out-{attempt}", Path(scratch) / f"cache-{attempt}"
            started = time.perf_counter()
            summary = export(result.project, Selection(KINDS, FORMATS, AS_OF), out, cache)
            best = min(best, time.perf_counter() - started)
            documents = summary.documents
        print(f"Документов: {documents}; export с нуля, лучшее из {options.repeat}: {best:.1f} с")


if __name__ == "__main__":
    main()
