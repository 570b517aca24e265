"""Benchmark: importing a folder of 20 Word protocols with `import-docx` (target: under 20 s).

Usage (from the project root):

    .venv/bin/python benchmarks/import_archive.py

Makes a project with `python -m generator synth --associations 1 --years 3 --seed 7`, as
benchmarks/run.py does (the same files every time), exports 20 of its signed protocols to DOCX, removes their meeting records and
imports the folder back in one run, timed as a user runs it (a process of its own). Prints
the number of drafts written and the time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import synth  # noqa: E402
from generator.checking.validate import validate  # noqa: E402
from generator.documents.export import Selection, export  # noqa: E402

AS_OF = date(2026, 11, 20)
FILES = 20
TARGET_SECONDS = 20.0


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
        project = Path(scratch) / "project"
        synth(project, 1, 3)  # benchmarks/run.py's projects: the same files every time
        result = validate(project)
        assert result.ok, "the synthetic project must validate"
        exported = Path(scratch) / "exported"
        export(result.project, Selection(["protocol"], ["docx"], AS_OF), exported,
               Path(scratch) / "cache")  # fmt: skip
        archive = Path(scratch) / "archive"
        archive.mkdir()
        protocols = sorted(exported.rglob("protocol-*.docx"))[:FILES]
        association = ""
        for index, protocol in enumerate(protocols):
            association, year = protocol.parts[-3], protocol.parts[-2]
            number = protocol.stem.removeprefix("protocol-")
            meeting = project / "records/associations" / association / year / "meetings"
            (meeting / f"{number}.yaml").unlink()
            shutil.copyfile(protocol, archive / f"{index:02}-{year}-{number}.docx")
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "generator", "import-docx", str(archive),
             "--root", str(project), "--association", association, "--format", "json"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        written = done.stdout.count('"written": "')
        print(
            f"Протоколов: {len(protocols)}; черновиков записано: {written}; "
            f"время import-docx: {seconds:.1f} с (цель — не больше {TARGET_SECONDS:.0f} с)"
        )
        raise SystemExit(0 if seconds <= TARGET_SECONDS else 1)


if __name__ == "__main__":
    main()
