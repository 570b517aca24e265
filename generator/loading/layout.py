"""Where each kind of record lives under `records/`, and how a file's path names it."""

from __future__ import annotations

import functools
import operator
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from generator.loading.diagnostics import Diagnostic
from generator.loading.placement import Shape, file_fix, file_keys, folder_fix, tree_of

RECORDS_DIR = "records"

_ID = r"(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)"
_ASSOC = r"associations/(?P<association>[a-z0-9]+(?:-[a-z0-9]+)*)"
_YEAR = _ASSOC + r"/(?P<year>\d{4}-\d{4})"

# (pattern relative to records/, kind); the first match wins.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"settings\.yaml", "settings"),
        (rf"people/{_ID}\.yaml", "person"),
        (rf"organizations/{_ID}\.yaml", "organization"),
        (rf"normative/{_ID}\.yaml", "normative"),
        (rf"practices/{_ID}\.md", "practice"),
        (rf"acknowledgements/{_ID}\.yaml", "acknowledgement"),
        (rf"programmes/{_ID}\.yaml", "programme"),
        (r"council/council\.yaml", "council"),
        (rf"council/materials/{_ID}\.yaml", "material"),
        (rf"council/events/{_ID}\.yaml", "event"),
        (r"council/monitoring/(?P<id>\d{4}-\d{2})\.yaml", "monitoring"),
        (rf"council/consultations/{_ID}\.yaml", "council_consultation"),
        (rf"{_ASSOC}/association\.yaml", "association"),
        (rf"{_YEAR}/membership\.yaml", "membership"),
        (rf"{_YEAR}/plan\.yaml", "plan"),
        (rf"{_YEAR}/analysis\.md", "analysis"),
        (rf"{_YEAR}/meetings/(?P<id>\d{{2}})\.yaml", "meeting"),
        (rf"{_YEAR}/requests/{_ID}\.yaml", "request"),
        (rf"{_YEAR}/consultations/{_ID}\.yaml", "consultation"),
        (rf"{_YEAR}/deficits/{_ID}\.yaml", "deficit"),
        (rf"{_YEAR}/diagnostics/{_ID}\.yaml", "diagnostic"),
    )
)  # fmt: skip

# Kinds whose files are Markdown with YAML front matter.
FRONT_MATTER_KINDS = frozenset({"practice", "analysis"})
# Kinds that exist once per repository, per association or per association and year.
SINGLETON_KINDS = frozenset(
    {"settings", "council", "association", "membership", "plan", "analysis"}
)


class Place(NamedTuple):
    """What a record file is, read from its path. (Named tuples, here and for the other
    records of a loaded file: a region makes 30 000 of each on every run, and a frozen
    dataclass takes three times as long to make.)"""

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


class _Candidate(NamedTuple):
    words: tuple[tuple[int, str], ...]  # the fixed folder words, by position
    folder: re.Pattern[str]  # the pattern's folder part ("" for a file at the top)
    name: re.Pattern[str]  # its file-name part
    kind: str


def _by_depth() -> dict[int, list[_Candidate]]:
    """The patterns by the number of parts of their paths, in the table's order, each split
    into its folder and file-name parts (no group matches `/`)."""
    index: dict[int, list[_Candidate]] = {}
    for pattern, kind in _PATTERNS:
        depth, words = _literal_folders(pattern)
        folder, _slash, name = pattern.pattern.rpartition("/")
        candidate = _Candidate(words, re.compile(folder), re.compile(name), kind)
        index.setdefault(depth, []).append(candidate)
    return index


_BY_DEPTH = _by_depth()


class _Namer(NamedTuple):
    """A kind whose files a folder may hold: the file-name pattern and what the folder says."""

    name: re.Pattern[str]
    kind: str
    association: str | None
    year: str | None
    year_valid: bool
    fixed_id: str | None  # the id of a file whose name has none (singletons); None: its name


def classify(relative: str) -> Place | None:
    """The place of a file given its path relative to `records/`, or None if it fits no kind."""
    folder, slash, name = relative.rpartition("/")
    return _named(_namers(folder, bool(slash)), name)


def _named(namers: tuple[_Namer, ...], name: str) -> Place | None:
    """The place of a file by its name, of a folder that may hold these kinds."""
    for namer in namers:
        match = namer.name.fullmatch(name)
        if match:
            if not namer.year_valid:
                return None
            record_id = match["id"] if namer.fixed_id is None else namer.fixed_id
            return Place(namer.kind, record_id, namer.association, namer.year)
    return None


@functools.lru_cache(maxsize=8192)
def _namers(folder: str, in_folder: bool) -> tuple[_Namer, ...]:
    """The kinds a file of this folder (none: `in_folder` false) may be — patterns with as
    many parts as its path whose folder part matches it — worked out once per folder rather
    than once per file."""
    folders = folder.split("/") if in_folder else []
    namers = []
    for words, folder_pattern, name_pattern, kind in _BY_DEPTH.get(len(folders) + 1, ()):
        if not all(i < len(folders) and folders[i] == word for i, word in words):
            continue
        match = folder_pattern.fullmatch(folder)
        if match is None:
            continue
        groups = match.groupdict()
        year = groups.get("year")
        valid = not year or int(year[5:]) == int(year[:4]) + 1
        association = groups.get("association")
        fixed_id = None if "id" in name_pattern.groupindex else ""
        if kind == "association":
            fixed_id = association or ""
        namers.append(_Namer(name_pattern, kind, association, year, valid, fixed_id))
    return tuple(namers)


# Globs of each kind's files, for the editors' schema mapping (.vscode/settings.json).
KIND_GLOBS: dict[str, str] = {
    "settings": "records/settings.yaml",
    "person": "records/people/*.yaml",
    "organization": "records/organizations/*.yaml",
    "normative": "records/normative/*.yaml",
    "acknowledgement": "records/acknowledgements/*.yaml",
    "programme": "records/programmes/*.yaml",
    "council": "records/council/council.yaml",
    "material": "records/council/materials/*.yaml",
    "event": "records/council/events/*.yaml",
    "monitoring": "records/council/monitoring/*.yaml",
    "council_consultation": "records/council/consultations/*.yaml",
    "association": "records/associations/*/association.yaml",
    "membership": "records/associations/*/*/membership.yaml",
    "plan": "records/associations/*/*/plan.yaml",
    "meeting": "records/associations/*/*/meetings/*.yaml",
    "request": "records/associations/*/*/requests/*.yaml",
    "consultation": "records/associations/*/*/consultations/*.yaml",
    "deficit": "records/associations/*/*/deficits/*.yaml",
    "diagnostic": "records/associations/*/*/diagnostics/*.yaml",
}


_TREE = tree_of(
    RECORDS_DIR, ((p.pattern, kind) for p, kind in _PATTERNS), SINGLETON_KINDS, FRONT_MATTER_KINDS
)


# --- what records/ holds ------------------------------------------------------------------


class Found(NamedTuple):
    location: str  # the file's path as the walk found it
    relative: str  # to the project root, POSIX
    place: Place
    # The walk's entry: its status is asked of the disk once, and only if needed.
    entry: os.DirEntry[str] | None = None

    @property
    def path(self) -> Path:
        return Path(self.location)

    def __reduce__(self) -> tuple[type[Found], tuple[str, str, Place]]:
        """Sent to another process without the walk's entry (it cannot be pickled)."""
        return Found, (self.location, self.relative, self.place)

    def status(self) -> os.stat_result:
        """The file's own status (a symlink's, not its target's)."""
        if self.entry is not None:
            return self.entry.stat(follow_symlinks=False)
        return os.lstat(self.location)


@dataclass(frozen=True, slots=True)
class Unread:
    """A file under records/ left unread: it, or a folder above it, is misnamed or misplaced."""

    path: str  # the file, from the project root
    reported: str  # what the message is about: that folder (ending in "/") or the file itself
    place: Place | None  # the record it is once moved where the message says, if that is known


@dataclass(slots=True)
class Survey:
    """What records/ holds: the record files to read, the problems, and the files left unread."""

    found: list[Found] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)

    @property
    def unread_folders(self) -> list[str]:
        """The folders of the unread files, each once and sorted, ending in "/": a misnamed or
        misplaced folder stands for all files below it, a misplaced file for its own folder."""
        return sorted(
            {
                u.reported if u.reported.endswith("/") else u.path.rsplit("/", 1)[0] + "/"
                for u in self.unread
            }
        )


def survey(root: Path) -> Survey:
    """Every file under root/records, without following symlinks, in a stable order: the
    record files to read, and one problem per misplaced folder or file with its right place."""
    result = Survey()
    records = root / RECORDS_DIR
    if not records.is_dir() or records.is_symlink():
        message = (
            "папка records не найдена. Запустите команду из корня проекта или укажите его "
            "через --root."
        )
        result.problems.append(Diagnostic(RECORDS_DIR, message, "layout.no-records"))
        return result
    _Walk(root, result).folder(records, (), ())
    return result


def discover(root: Path) -> tuple[list[Found], list[Diagnostic]]:
    """The record files under root/records and the problems of the layout (see `survey`)."""
    found = survey(root)
    return found.found, found.problems


@dataclass(frozen=True, slots=True)
class _Walk:
    root: Path
    result: Survey

    def folder(self, folder: Path, shape: Shape, parts: tuple[str, ...]) -> None:
        prefix = "/".join((RECORDS_DIR, *parts, ""))  # a region's folders hold 28 000 files
        namers = _namers("/".join(parts), bool(parts))
        found = self.result.found
        for entry in _entries(folder):
            relative = prefix + entry.name
            if entry.is_symlink():
                self.result.problems.append(_symlink(relative))
                place = _named(namers, entry.name)
                self.result.unread.append(Unread(relative, relative, place))
            elif not entry.is_dir(follow_symlinks=False):
                if (place := _named(namers, entry.name)) is not None:
                    found.append(Found(entry.path, relative, place, entry))
                else:
                    self.unknown_file(entry, shape, parts)
            elif (sub := _TREE.sub_shape(shape, entry.name)) is not None:
                self.folder(Path(entry.path), sub, (*parts, entry.name))
            else:
                self.misplaced_folder(entry, shape, parts)

    def unknown_file(self, entry: os.DirEntry[str], shape: Shape, parts: tuple[str, ...]) -> None:
        relative = "/".join((RECORDS_DIR, *parts, entry.name))
        fix = file_fix(_TREE, shape, parts, entry.name, lambda: file_keys(Path(entry.path)))
        message = (
            f"файл не читается: {fix.reason}.{_file_action(relative, fix.target, self.exists)}"
        )
        self.result.problems.append(Diagnostic(relative, message, "layout.unknown-file"))
        self.result.unread.append(Unread(relative, relative, _place_at(fix.target)))

    def misplaced_folder(
        self, entry: os.DirEntry[str], shape: Shape, parts: tuple[str, ...]
    ) -> None:
        relative = "/".join((RECORDS_DIR, *parts, entry.name))
        files = [f"{relative}/{below}" for below in _files_below(Path(entry.path))]
        if not files:
            return  # nothing to read is lost
        fix = folder_fix(_TREE, shape, parts, entry.name)
        message = f"{fix.reason}. {_folder_action(relative, fix.target, len(files), self.exists)}"
        self.result.problems.append(Diagnostic(relative + "/", message, "layout.misplaced-folder"))
        for path in files:
            moved = fix.target + path[len(relative) :] if fix.target else None
            self.result.unread.append(Unread(path, relative + "/", _place_at(moved)))

    def exists(self, target: str) -> bool:
        """Whether a suggested path (without placeholders) is already taken."""
        return "<" not in target and (self.root / target).exists()


def _file_action(relative: str, target: str | None, exists: Callable[[str], bool]) -> str:
    """What to do with a misplaced file, in Russian ("" if its right path is not known)."""
    if target is None:
        return ""
    folder, name = target.rsplit("/", 1)
    if folder == relative.rsplit("/", 1)[0]:
        action = f" Переименуйте файл в {name}."
    else:
        action = f" Перенесите файл в {target}."
    if exists(target):
        action += " Такой файл там уже есть: сравните их и оставьте один."
    return action


def _folder_action(
    relative: str, target: str | None, files: int, exists: Callable[[str], bool]
) -> str:
    """What to do with a misplaced folder, in Russian, saying that its files are not read."""
    unread = f"до тех пор её файлы ({files}) не читаются"
    parent, _name = relative.rsplit("/", 1)
    if target is None:
        return f"Её файлы ({files}) не читаются."
    if target == parent:
        return f"Переложите её файлы прямо в {target}/: до тех пор они ({files}) не читаются."
    if target.rsplit("/", 1)[0] != parent:
        return f"Перенесите папку в {target}/: {unread}."
    name = target.rsplit("/", 1)[1]
    if exists(target):
        return f"Папка {name} уже есть: перенесите файлы в неё; до тех пор файлы этой папки ({files}) не читаются."
    return f"Переименуйте папку в {name}: {unread}."


def _place_at(target: str | None) -> Place | None:
    """The record a file is at a path from the project root (None off records/)."""
    if target is None or not target.startswith(RECORDS_DIR + "/"):
        return None
    return classify(target.split("/", 1)[1])


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """A folder's entries, sorted, without hidden names and README.md."""
    with os.scandir(folder) as it:
        entries = sorted(it, key=_NAME)
    return [e for e in entries if not e.name.startswith(".") and e.name != "README.md"]


_NAME = operator.attrgetter("name")


def _files_below(folder: Path) -> list[str]:
    """The files (and symlinks) at any depth below a folder, relative to it, sorted."""
    out = []
    for entry in _entries(folder):
        if entry.is_dir(follow_symlinks=False):
            out += [f"{entry.name}/{below}" for below in _files_below(Path(entry.path))]
        else:
            out.append(entry.name)
    return out


def _symlink(relative: str) -> Diagnostic:
    return Diagnostic(
        path=relative,
        code="layout.symlink",
        message="символьные ссылки в records не допускаются: они могут вести за пределы "
        "репозитория. Положите сюда сам файл вместо ссылки.",
    )
