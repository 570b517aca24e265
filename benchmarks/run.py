"""Scale and speed of the whole system on synthetic region-sized projects, in one table.

Usage (from the project root; about 10 minutes on two cores, `--quick` about one):

    python benchmarks/run.py [--quick] [--repeat N] [--keep DIR]

Synthesises projects with `python -m generator synth` into a temporary folder and measures,
each as a whole command in its own process (best of N where noted), the figures of issue 7:

- `check` (which validates first) of the A=25, Y=10 region against reading and parsing the
  same record files with `yaml.CSafeLoader` alone — the floor — and the check's peak memory;
- the same `check` without the record cache (`--no-cache`) and through it after one record
  changed, against the floor, medians (`cache_check.py`, issue 18);
- the generator's share of a full public `mkdocs build` of that region (no exported
  documents): the time the MkDocs hook spends in the project's code (validate, pages,
  attachments, document links), measured inside a real build;
- growth from A=12 to A=25 (twice the records): build, check and export time;
- documents: a cold export on both cores against one core, then the same export again;
- `mkdocs serve` on an A=1, Y=10 project: seconds from saving a record to the page
  showing the change.

Prints a Markdown table (figure, measured, target, met) and what it ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import typing
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
AS_OF = "2026-11-20"  # the synthetic world's day (synth.world.WORLD_DATE)
NO_CACHE_ENV = "RECORDS_NO_CACHE"  # generator.loading.cache: every record parsed afresh
# Every figure but the cache's own (`cache_check.py`) is measured cold, without the records'
# cache, as before it existed: a second build or check would otherwise reuse the first's.
# Measured as installed code runs: with its bytecode compiled (the first run writes it). A
# shell with PYTHONDONTWRITEBYTECODE=1 would make every run compile the project afresh,
# some 0.3 s more for each command.
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "SITE_AS_OF": AS_OF,
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONHASHSEED": "0",
    NO_CACHE_ENV: "1",
}


@dataclass(frozen=True, slots=True)
class Sizes:
    """The projects to synthesise: (associations, years) of each."""

    region: tuple[int, int] = (25, 10)
    half: tuple[int, int] = (12, 10)
    documents: tuple[int, int] = (4, 3)
    serve: tuple[int, int] = (1, 10)


QUICK = Sizes(region=(4, 2), half=(2, 2), documents=(1, 1), serve=(1, 2))


@dataclass
class Row:
    figure: str
    measured: str
    target: str
    met: bool | None  # None: for information


@dataclass
class Run:
    """One command's outcome: wall seconds, peak memory of the process, exit code, output."""

    seconds: float
    max_rss_mb: float
    returncode: int
    output: str


@dataclass
class Report:
    sizes: Sizes
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, figure: str, measured: str, target: str = "—", met: bool | None = None) -> None:
        self.rows.append(Row(figure, measured, target, met))
        mark = "" if met is None else (" — выполнено" if met else " — НЕ ВЫПОЛНЕНО")
        print(f"  {figure}: {measured}{mark}", flush=True)


# --- running commands -------------------------------------------------------------------------


def run(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    one_core: bool = False,
    check: bool = True,
    env: dict[str, str] | None = None,
) -> Run:
    """Run a command to its end; its own wall time and peak memory (via wait4)."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(args),
            cwd=cwd,
            env=ENV if env is None else env,
            stdout=output,
            stderr=subprocess.STDOUT,
            preexec_fn=(lambda: os.sched_setaffinity(0, {0})) if one_core else None,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    if check and process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} → {process.returncode}\n{text[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, text)


def generator(*args: str) -> list[str]:
    return [PYTHON, "-m", "generator", *args]


def synth(folder: Path, associations: int, years: int) -> Run:
    return run(
        generator(
            "synth",
            "--associations",
            str(associations),
            "--years",
            str(years),
            "--seed",
            "7",
            "--as-of",
            AS_OF,
            "--out",
            str(folder),
        ),
        cwd=REPO,
    )


def mkdocs_project(root: Path) -> Path:
    """Make `root` buildable by MkDocs: the repository's config, pages and theme overrides.

    The hook finds the records next to the config file it is given, so a copy of mkdocs.yml
    in `root` (with the hook's path made absolute) builds the synthetic project.
    """
    for folder in ("docs", "overrides"):
        if not (root / folder).exists():
            shutil.copytree(REPO / folder, root / folder)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hook = "generator/mkdocs_hook.py"
    config = config.replace(f"  - {hook}", f"  - {REPO / hook}")
    path = root / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


# --- measured in a child process of this same script -------------------------------------------


def floor_main(root: Path) -> None:
    """Read and parse every record file with PyYAML's C loader alone (front matter of .md)."""
    import yaml

    count = 0
    for folder, subfolders, names in os.walk(root / "records"):
        subfolders.sort()
        for name in sorted(names):
            if name.startswith(".") or name == "README.md":
                continue
            text = Path(folder, name).read_bytes().decode("utf-8")
            if name.endswith(".md"):
                text = text.split("\n---\n", 1)[0].removeprefix("---\n")
            yaml.load(text, Loader=yaml.CSafeLoader)
            count += 1
    print(json.dumps({"files": count}))


def build_main(config: Path) -> None:
    """A `mkdocs build` that also reports the seconds the hook spent in the project's code.

    The hook imports these functions by name when MkDocs loads it, so wrapping them first
    times exactly what the hook calls, inside an otherwise ordinary build.
    """
    sys.path.insert(0, str(REPO))
    import functools

    import generator.checking.validate
    import generator.documents.edition
    import generator.rendering.search
    import generator.rendering.site

    spent: dict[str, float] = {}

    def wrap(module: object, name: str, key: str) -> None:
        original = getattr(module, name)

        @functools.wraps(original)
        def timed(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - started

        setattr(module, name, timed)

    wrap(generator.checking.validate, "validate", "validate")
    wrap(generator.documents.edition, "render_site", "pages")  # as edition_files calls them
    wrap(generator.rendering.site, "attachment_files", "attachments")
    wrap(generator.documents.edition, "site_files", "documents")
    wrap(generator.rendering.search, "index_site", "pagefind")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    loaded = load_config(config_file=str(config))
    loaded.plugins.on_startup(command="build", dirty=False)
    build(loaded)
    loaded.plugins.on_shutdown()
    spent["total"] = time.perf_counter() - started
    spent["pages_count"] = sum(1 for _ in Path(loaded.site_dir).rglob("*.html"))
    print("BUILD " + json.dumps(spent))


def build(config: Path) -> tuple[Run, dict[str, float]]:
    result = run([PYTHON, __file__, "--build", str(config)], cwd=config.parent)
    line = next(x for x in result.output.splitlines() if x.startswith("BUILD "))
    return result, json.loads(line.removeprefix("BUILD "))


# --- the figures -------------------------------------------------------------------------------


def check_figures(report: Report, region: Path, half: Path, repeat: int) -> tuple[Run, Run]:
    """validate + check of the region against the C loader's floor, and of the half region.

    The three commands take turns, and each counts with its fastest run: the machine's speed
    drifts over minutes, so measuring one after the other would compare different machines.
    """
    runs: dict[str, list[Run]] = {"floor": [], "region": [], "half": []}
    for _ in range(repeat):
        runs["floor"].append(run([PYTHON, __file__, "--floor", str(region)]))
        runs["region"].append(run(check_args(region), check=False))
        runs["half"].append(run(check_args(half), check=False))
    floor, check, half_check = (fastest(runs[k]) for k in ("floor", "region", "half"))
    if "Проверено правил" not in check.output:
        raise RuntimeError("check did not finish:\n" + check.output[-3000:])
    files = json.loads(floor.output.strip().splitlines()[-1])["files"]
    ratio = check.seconds / floor.seconds
    report.add(
        f"validate + check области (файлов записей: {files}), с",
        f"{check.seconds:.1f} (пол CSafeLoader — {floor.seconds:.1f}; ×{ratio:.2f})",
        "≤ 1,5 × пола",
        ratio <= 1.5,
    )
    peak = max(r.max_rss_mb for r in runs["region"])
    report.add("пиковая память validate + check, МБ", f"{peak:.0f}", "≤ 1024", peak <= 1024)
    report.notes.append(f"check области: {check.output.strip().splitlines()[-1]}")
    return check, half_check


def check_args(root: Path) -> list[str]:
    return generator("check", "--root", str(root), "--as-of", AS_OF)


def fastest(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.seconds)


def build_figures(report: Report, region: Path, half: Path, repeat: int) -> None:
    """The generator's share of the region's build, and the build's growth; builds alternate."""
    builds: dict[Path, list[dict[str, float]]] = {region: [], half: []}
    for _ in range(repeat):
        for root in (half, region):
            builds[root].append(build(mkdocs_project(root))[1])
    report.notes.extend(f"mkdocs build области: {_breakdown(b)}" for b in builds[region])
    report.notes.extend(f"mkdocs build половины: {_breakdown(b)}" for b in builds[half])
    spent = min(builds[region], key=_total)
    ours = spent.get("validate", 0) + spent.get("pages", 0)
    ours += spent.get("attachments", 0) + spent.get("documents", 0)
    share = ours / spent["total"]
    report.add(
        "доля генератора в mkdocs build открытого сайта области, %",
        f"{share * 100:.0f} ({ours:.1f} из {spent['total']:.1f} с: проверка записей "
        f"{spent.get('validate', 0):.1f}, страницы {spent.get('pages', 0):.1f})",
        "≤ 20 %",
        share <= 0.20,
    )
    pagefind = spent.get("pagefind", 0)
    mkdocs = spent["total"] - ours - pagefind
    report.add(
        "из них MkDocs и Material / поиск Pagefind, с",
        f"{mkdocs:.1f} / {pagefind:.1f} (страниц HTML: {spent['pages_count']:.0f})",
    )
    growth(report, "mkdocs build", min(builds[half], key=_total)["total"], spent["total"])


def _breakdown(spent: dict[str, float]) -> str:
    parts = ("validate", "pages", "attachments", "documents", "pagefind", "total")
    return ", ".join(f"{part} {spent.get(part, 0):.1f} с" for part in parts)


def growth(report: Report, what: str, half: float, region: float) -> None:
    ratio = region / half
    report.add(
        f"рост A={report.sizes.half[0]} → A={report.sizes.region[0]}: {what}",
        f"×{ratio:.2f} ({half:.1f} → {region:.1f} с)",
        "≤ ×2,2",
        ratio <= 2.2,
    )


def export_args(root: Path, *extra: str) -> list[str]:
    return generator("export", "--root", str(root), "--as-of", AS_OF, *extra)


def export_growth(report: Report, half: Path, region: Path, repeat: int) -> None:
    """Export every year's plan and consultation journal, cold and then with nothing changed.

    Each of the A·Y school years is exported (the whole region's ~20 000 documents would
    keep pandoc busy for half an hour); the second export is the project's own code alone.
    """
    selection = ("--kind", "plan", "--kind", "journal", "--format", "docx")
    cold: dict[Path, list[Run]] = {half: [], region: []}
    warm: dict[Path, list[Run]] = {half: [], region: []}
    for _ in range(repeat):
        for root in (half, region):
            _clean_documents(root)
            cold[root].append(run(export_args(root, *selection)))
    for _ in range(repeat):
        for root in (half, region):
            warm[root].append(run(export_args(root, *selection)))
    growth(report, "export с нуля (план и журнал каждого года, DOCX)",
           fastest(cold[half]).seconds, fastest(cold[region]).seconds)  # fmt: skip
    growth(report, "повторный export тех же документов (без pandoc)",
           fastest(warm[half]).seconds, fastest(warm[region]).seconds)  # fmt: skip
    report.notes.append(f"export области с нуля: {_summary(fastest(cold[region]))}")
    report.notes.append(f"повторный export области: {_summary(fastest(warm[region]))}")


def _clean_documents(root: Path) -> None:
    """Remove exported documents and their cache: the next export converts everything."""
    for folder in (root / ".cache", root / "build"):
        shutil.rmtree(folder, ignore_errors=True)


def _total(spent: dict[str, float]) -> float:
    return spent["total"]


def _summary(result: Run) -> str:
    return next((x for x in result.output.splitlines() if x.startswith("Документов")), "?")


def _documents(result: Run) -> str:
    found = re.search(r"Документов: (\d+)", result.output)
    return f"документов: {found.group(1) if found else '?'}"


def document_figures(report: Report, root: Path) -> None:
    _clean_documents(root)
    one = run(export_args(root), one_core=True)
    _clean_documents(root)
    both = run(export_args(root))
    again = run(export_args(root))
    converted = re.search(r"Преобразовано pandoc: (\d+)", again.output)
    speedup = one.seconds / both.seconds
    report.add(
        "export документов с нуля: 2 ядра против 1",
        f"×{speedup:.2f} ({one.seconds:.1f} → {both.seconds:.1f} с; {_documents(both)})",
        "≥ ×1,7",
        speedup >= 1.7,
    )
    share = again.seconds / both.seconds
    report.add(
        "повторный export без изменений, % первого",
        f"{share * 100:.1f} ({again.seconds:.2f} с; преобразовано pandoc: "
        f"{converted.group(1) if converted else '?'})",
        "≤ 5 %, pandoc — 0",
        share <= 0.05 and converted is not None and converted.group(1) == "0",
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _edits(
    server: subprocess.Popen[bytes], log: typing.IO[bytes], record: Path, url: str, edits: int
) -> list[float]:
    """Edit the record's topic `edits` times; seconds until the served page showed each."""
    deadline = time.monotonic() + 300
    while fetch(url) is None:
        if time.monotonic() > deadline or server.poll() is not None:
            log.seek(0)
            raise RuntimeError("mkdocs serve did not start:\n" + log.read().decode()[-3000:])
        time.sleep(0.2)
    original = record.read_text(encoding="utf-8")
    seconds: list[float] = []
    try:
        for n in range(1, edits + 1):
            time.sleep(1.5)  # let the server settle after the previous build
            marker = f"Тема изменена для замера номер {n}"
            text = re.sub(r"(?m)^topic: .*$", f"topic: {marker}", original, count=1)
            saved = time.monotonic()
            record.write_text(text, encoding="utf-8")
            while marker not in (fetch(url) or ""):
                if time.monotonic() - saved > 120:
                    raise RuntimeError("the page did not change within 120 s")
                time.sleep(0.05)
            seconds.append(time.monotonic() - saved)
    finally:
        record.write_text(original, encoding="utf-8")
    return seconds


def serve_figure(report: Report, root: Path, edits: int) -> None:
    """Seconds from saving a meeting's record to its page showing the new topic."""
    config = mkdocs_project(root)
    port = free_port()
    meetings = sorted((root / "records" / "associations").glob("*/*/meetings/02.yaml"))
    record = meetings[-2] if len(meetings) > 1 else meetings[0]
    association, year = record.parts[-4], record.parts[-3]
    url = f"http://127.0.0.1:{port}/associations/{association}/{year}/meetings/02/"
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [PYTHON, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            seconds = _edits(server, log, record, url, edits)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    median = statistics.median(seconds)
    report.add(
        "mkdocs serve: от сохранения записи до обновлённой страницы, с",
        f"{median:.1f} (медиана из {len(seconds)}; быстрее всего {min(seconds):.1f}, "
        f"дольше всего {max(seconds):.1f})",
        "≤ 5",
        median <= 5,
    )


# --- the run ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small trees: a smoke run")
    parser.add_argument("--repeat", type=int, default=None, help="runs per timing (best counts)")
    parser.add_argument("--keep", type=Path, help="synthesise into this new folder and keep it")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.floor:
        floor_main(options.floor)
        return 0
    if options.build:
        build_main(options.build)
        return 0
    sizes = QUICK if options.quick else Sizes()
    repeat = options.repeat or (1 if options.quick else 3)
    started = time.perf_counter()
    work = options.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    report = Report(sizes)
    try:
        measure(report, work, sizes, repeat)
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    print_table(report, sizes, time.perf_counter() - started, options.quick)
    return 0 if all(row.met is not False for row in report.rows) else 1


def measure(report: Report, work: Path, sizes: Sizes, repeat: int) -> None:
    trees = {}
    for name in ("region", "half", "documents", "serve"):
        associations, years = getattr(sizes, name)
        folder = work / name
        made = synth(folder, associations, years)
        trees[name] = folder
        report.notes.append(f"{name}: A={associations}, Y={years} — {made.output.strip()}")
        print(f"synth {name} A={associations} Y={years}: {made.seconds:.1f} s", flush=True)
    region_check, half_check = check_figures(report, trees["region"], trees["half"], repeat)
    from cache_check import cache_figures  # imports this module: only when measuring

    cache_figures(report, trees["region"], repeat)
    build_figures(report, trees["region"], trees["half"], repeat)
    growth(report, "validate + check", half_check.seconds, region_check.seconds)
    export_growth(report, trees["half"], trees["region"], repeat)
    document_figures(report, trees["documents"])
    serve_figure(report, trees["serve"], edits=5)


def print_table(report: Report, sizes: Sizes, seconds: float, quick: bool) -> None:
    cpus = len(os.sched_getaffinity(0))
    print()
    if quick:
        print("**Быстрый прогон на маленьких проектах: цели рассчитаны на полный.**\n")
    print(
        f"Область: A={sizes.region[0]}, Y={sizes.region[1]}; половина: A={sizes.half[0]}; "
        f"документы: A={sizes.documents[0]}, Y={sizes.documents[1]}; serve: "
        f"A={sizes.serve[0]}, Y={sizes.serve[1]}."
    )
    print()
    print("| Показатель | Измерено | Цель | Выполнено |")
    print("|---|---|---|---|")
    for row in report.rows:
        met = "—" if row.met is None else ("да" if row.met else "**нет**")
        print(f"| {row.figure} | {row.measured} | {row.target} | {met} |")
    print()
    print(
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"ядер: {cpus}; замер длился {seconds / 60:.1f} мин."
    )
    for note in report.notes:
        print(f"- {note}")


if __name__ == "__main__":
    raise SystemExit(main())
