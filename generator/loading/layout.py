"""Where each kind of record lives under `records/`, and how a file's path names it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.loading.diagnostics import Diagnostic

RECORDS_DIR = "records"

_ID = r"(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)"
_ASSOC = r"associations/(?P<association>[a-z0-9]+(?:-[a-z0-9]+)*)"
_YEAR = _ASSOC + r"/(?P<year>\d{4}-\d{4})"

# (pattern relative to records/, kind, example for messages); the first match wins.
_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), kind, example)
    for pattern, kind, example in (
        (r"settings\.yaml", "settings", "settings.yaml"),
        (rf"people/{_ID}\.yaml", "person", "people/ivanova-ma.yaml"),
        (rf"organizations/{_ID}\.yaml", "organization", "organizations/school-5.yaml"),
        (rf"normative/{_ID}\.yaml", "normative", "normative/fz-273.yaml"),
        (rf"practices/{_ID}\.md", "practice", "practices/mentoring.md"),
        (rf"acknowledgements/{_ID}\.yaml", "acknowledgement", "acknowledgements/2024-meetings.yaml"),
        (r"council/council\.yaml", "council", "council/council.yaml"),
        (rf"council/materials/{_ID}\.yaml", "material", "council/materials/vpr-video.yaml"),
        (rf"council/events/{_ID}\.yaml", "event", "council/events/webinar-2025-10.yaml"),
        (r"council/monitoring/(?P<id>\d{4}-\d{2})\.yaml", "monitoring", "council/monitoring/2026-10.yaml"),
        (rf"{_ASSOC}/association\.yaml", "association", "associations/mpo-tula/association.yaml"),
        (rf"{_YEAR}/membership\.yaml", "membership", "associations/mpo-tula/2025-2026/membership.yaml"),
        (rf"{_YEAR}/plan\.yaml", "plan", "associations/mpo-tula/2025-2026/plan.yaml"),
        (rf"{_YEAR}/analysis\.md", "analysis", "associations/mpo-tula/2025-2026/analysis.md"),
        (rf"{_YEAR}/meetings/(?P<id>\d{{2}})\.yaml", "meeting", "associations/mpo-tula/2025-2026/meetings/03.yaml"),
        (rf"{_YEAR}/requests/{_ID}\.yaml", "request", "associations/mpo-tula/2025-2026/requests/2025-10-school-5.yaml"),
        (rf"{_YEAR}/consultations/{_ID}\.yaml", "consultation", "associations/mpo-tula/2025-2026/consultations/2025-10-14-school-5.yaml"),
        (rf"{_YEAR}/deficits/{_ID}\.yaml", "deficit", "associations/mpo-tula/2025-2026/deficits/data-analysis.yaml"),
    )
)  # fmt: skip

# Kinds whose files are Markdown with YAML front matter.
FRONT_MATTER_KINDS = frozenset({"practice", "analysis"})
# Kinds that exist once per repository, per association or per association and year.
SINGLETON_KINDS = frozenset(
    {"settings", "council", "association", "membership", "plan", "analysis"}
)


@dataclass(frozen=True, slots=True)
class Place:
    """What a record file is, read from its path."""

    kind: str
    id: str  # the file name without extension ("" for singletons such as settings.yaml)
    association: str | None = None
    year: str | None = None

    @property
    def scope(self) -> str:
        """Where the id is unique: "" (the repository) or `association/year`."""
        return f"{self.association}/{self.year}" if self.year else ""


def _literal_folders(pattern: re.Pattern[str]) -> tuple[int, tuple[tuple[int, str], ...]]:
    """How many `/`-separated parts a pattern's paths have, and which are fixed words.

    No group of a pattern matches `/`, so a path can match only if it has as many parts and
    the same word at each fixed place: checking that first spares most regex matches.
    """
    parts = pattern.pattern.split("/")
    return len(parts), tuple((i, p) for i, p in enumerate(parts) if re.fullmatch("[a-z]+", p))


_Candidate = tuple[tuple[tuple[int, str], ...], re.Pattern[str], str]


def _by_depth() -> dict[int, list[_Candidate]]:
    """The patterns by the number of parts of their paths, in the table's order."""
    index: dict[int, list[_Candidate]] = {}
    for pattern, kind, _example in _PATTERNS:
        depth, words = _literal_folders(pattern)
        index.setdefault(depth, []).append((words, pattern, kind))
    return index


_BY_DEPTH = _by_depth()


def classify(relative: str) -> Place | None:
    """The place of a file given its path relative to `records/`, or None if it fits no kind."""
    parts = relative.split("/")
    for words, pattern, kind in _BY_DEPTH.get(len(parts), ()):
        if any(parts[i] != word for i, word in words):
            continue
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


# Globs of each kind's files, for the editors' schema mapping (.vscode/settings.json).
KIND_GLOBS: dict[str, str] = {
    "settings": "records/settings.yaml",
    "person": "records/people/*.yaml",
    "organization": "records/organizations/*.yaml",
    "normative": "records/normative/*.yaml",
    "acknowledgement": "records/acknowledgements/*.yaml",
    "council": "records/council/council.yaml",
    "material": "records/council/materials/*.yaml",
    "event": "records/council/events/*.yaml",
    "monitoring": "records/council/monitoring/*.yaml",
    "association": "records/associations/*/association.yaml",
    "membership": "records/associations/*/*/membership.yaml",
    "plan": "records/associations/*/*/plan.yaml",
    "meeting": "records/associations/*/*/meetings/*.yaml",
    "request": "records/associations/*/*/requests/*.yaml",
    "consultation": "records/associations/*/*/consultations/*.yaml",
    "deficit": "records/associations/*/*/deficits/*.yaml",
}


def layout_help() -> str:
    """Examples of valid record paths, for the message about a misplaced file."""
    return ", ".join(f"records/{example}" for _p, _k, example in _PATTERNS)


def misplaced(relative_to_root: str) -> Diagnostic:
    """A file under records/ that belongs to no kind of record."""
    name = relative_to_root.rsplit("/", 1)[-1]
    hint = ""
    if name.endswith(".yml"):
        hint = " Переименуйте файл: записи хранятся с расширением .yaml."
    elif name.lower() != name:
        hint = " Имя файла пишется строчными латинскими буквами, цифрами и дефисами."
    elif re.search(r"/meetings/[^/]+$", relative_to_root):
        hint = " Файл заседания называется его номером из двух цифр, например 03.yaml."
    return Diagnostic(
        path=relative_to_root,
        code="layout.unknown-file",
        message="файл лежит не на своём месте или назван не по правилам, поэтому не читается."
        + hint
        + " Примеры правильных путей: "
        + layout_help()
        + ".",
    )


@dataclass(frozen=True, slots=True)
class Found:
    path: Path
    relative: str  # to the project root, POSIX
    place: Place


def discover(root: Path) -> tuple[list[Found], list[Diagnostic]]:
    """Every record file under root/records, without following symlinks, in a stable order."""
    records = root / RECORDS_DIR
    found: list[Found] = []
    problems: list[Diagnostic] = []
    if not records.is_dir() or records.is_symlink():
        problems.append(
            Diagnostic(
                path=RECORDS_DIR,
                code="layout.no-records",
                message="папка records не найдена. Запустите команду из корня проекта или "
                "укажите его через --root.",
            )
        )
        return found, problems
    for entry, relative in _walk(records, RECORDS_DIR):
        rel_root = relative
        if entry.is_symlink():
            problems.append(_symlink(rel_root))
            continue
        place = classify(rel_root[len(RECORDS_DIR) + 1 :])
        if place is None:
            problems.append(misplaced(rel_root))
        else:
            found.append(Found(Path(entry.path), rel_root, place))
    return found, problems


def _walk(folder: Path, relative: str) -> Iterator[tuple[os.DirEntry[str], str]]:
    """Files (and symlinks) below folder, sorted, skipping hidden names and README.md."""
    with os.scandir(folder) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith(".") or entry.name == "README.md":
            continue
        child = f"{relative}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), child)
        else:
            yield entry, child


def _symlink(relative: str) -> Diagnostic:
    return Diagnostic(
        path=relative,
        code="layout.symlink",
        message="символьные ссылки в records не допускаются: они могут вести за пределы "
        "репозитория. Положите сюда сам файл вместо ссылки.",
    )
