"""Load stage: every record file of a project read, parsed and validated, errors as values."""

from __future__ import annotations

import functools
import gc
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from generator.beside import beside
from generator.loading.cache import (
    Pack,
    RecordCache,
    Signature,
    cache_wanted,
    file_digest,
    settled,
    signature,
)
from generator.loading.diagnostics import Diagnostic
from generator.loading.layout import (
    FRONT_MATTER_KINDS,
    KIND_GLOBS,
    Found,
    Place,
    Survey,
    Unread,
    survey,
)
from generator.loading.messages import explain
from generator.loading.placement import likely_kind, meeting_number
from generator.loading.positions import PositionCache
from generator.loading.source import Source
from generator.loading.yamlsafe import (
    LoadIssue,
    decode_text,
    parse_yaml,
    split_front_matter,
)
from schemas import RECORD_MODELS, Settings, TopRecord


class Loaded(NamedTuple):
    """A record that passed its schema, with where it came from."""

    place: Place
    source: Source
    model: TopRecord

    @property
    def path(self) -> str:
        return self.source.path


@dataclass(slots=True)
class Project:
    """All valid records of a project, indexed by (kind, scope, id)."""

    root: Path
    records: list[Loaded] = field(default_factory=list)
    index: dict[tuple[str, str, str], Loaded] = field(default_factory=dict)
    by_kind: dict[str, list[Loaded]] = field(default_factory=dict)  # records of each kind
    by_path: dict[str, Loaded] = field(default_factory=dict)  # root-relative path → record
    files: list[str] = field(default_factory=list)  # every record file found, root-relative
    # Records found on disk that failed to load, (kind, scope, id) → path: present but broken,
    # never "missing" — references to them and numbering around them are not reported again.
    failed: dict[tuple[str, str, str], str] = field(default_factory=dict)
    # Files under records/ not read because they or their folder are misplaced (`survey`).
    unread: list[Unread] = field(default_factory=list)
    # Positions of findings in unchanged files, kept with the disk cache (`positions`).
    positions: PositionCache | None = None

    def add(self, record: Loaded) -> None:
        self.records.append(record)
        self.index[(record.place.kind, record.place.scope, record.place.id)] = record
        self.by_kind.setdefault(record.place.kind, []).append(record)
        self.by_path[record.path] = record

    def exists(self, kind: str, record_id: str, scope: str = "") -> bool:
        """Whether such a record file exists, valid or not."""
        key = (kind, scope, record_id)
        return key in self.index or key in self.failed

    def get(self, kind: str, record_id: str, scope: str = "") -> Loaded | None:
        """The record of a kind with an id, looked up within a scope (see Place.scope)."""
        return self.index.get((kind, scope, record_id))

    def of_kind(self, kind: str) -> Iterator[Loaded]:
        """The records of a kind, in path order (an index: no scan of every record)."""
        return iter(self.by_kind.get(kind, ()))

    @property
    def settings(self) -> Settings | None:
        loaded = self.get("settings", "")
        return loaded.model if loaded and isinstance(loaded.model, Settings) else None


_Result = Loaded | list[Diagnostic]


class _Remembered(NamedTuple):
    """A file's result at the latest load in this process, and what identified its bytes."""

    signature: Signature | None  # None: not settled, so read again next time
    digest: bytes
    result: _Result


# The results of the latest load, by root-relative path.
_PREVIOUS: dict[str, _Remembered] = {}


def load_project(root: Path, *, cache: bool | None = None) -> tuple[Project, list[Diagnostic]]:
    """Read every record under root/records; return the valid ones and all problems found.

    A file whose path and bytes are the same as at the previous load in this process is not
    parsed and validated again: its earlier result (immutable) is reused. The result of a
    file depends on nothing else, so this changes no outcome; it spares `mkdocs serve`,
    which reloads every record after each save, all but the edited file.

    With the disk cache (`cache`; by default the command's choice, see `loading.cache`), a
    file unchanged since an earlier run is taken from its folder's pack in
    root/.cache/records instead of being parsed and validated — and not even read when its
    size and times on disk are as they were. Every pack is read while records/ is walked
    and each file's status taken beside it (`beside`: in a child, on another processor).
    """
    global _PREVIOUS
    disk = RecordCache(root) if cache_wanted(cache) else None
    started_ns = time.time_ns()
    by_status = bool(_PREVIOUS) or disk is not None
    with gc_paused():
        if disk is not None:  # the walk of records/ beside the reading of every pack
            surveyed_later = beside(functools.partial(_surveyed, root, by_status))
            disk.read_all()
            surveyed, statuses = surveyed_later()
        else:
            surveyed, statuses = _surveyed(root, by_status)
        project, problems = _project_of(root, surveyed)
        project.positions = PositionCache(disk) if disk is not None else None
        loading = _Loading(_PREVIOUS, {}, started_ns, statuses)
        results = _load_all(surveyed.found, loading, disk)
        if disk is not None:
            disk.drop_unasked()
        for item, result in zip(surveyed.found, results, strict=True):
            if isinstance(result, Loaded):
                project.add(result)
            else:
                key = (item.place.kind, item.place.scope, item.place.id)
                project.failed[key] = item.relative
                problems.extend(result)
    _PREVIOUS = loading.current
    return project, problems


def _surveyed(root: Path, by_status: bool) -> tuple[Survey, dict[str, Signature | None]]:
    """What records/ holds, with each record file's status on disk if it may spare reading."""
    surveyed = survey(root)
    statuses = {f.relative: _status(f) for f in surveyed.found} if by_status else {}
    return surveyed, statuses


def _project_of(root: Path, surveyed: Survey) -> tuple[Project, list[Diagnostic]]:
    """A project of what the survey found, before any file is read, and its problems."""
    project = Project(root=root, files=[f.relative for f in surveyed.found], unread=surveyed.unread)
    for unread in surveyed.unread:  # present, once moved where its message says
        if unread.place is not None:
            key = (unread.place.kind, unread.place.scope, unread.place.id)
            project.failed.setdefault(key, unread.path)
    return project, list(surveyed.problems)


def forget_loaded() -> None:
    """Keep nothing for reuse: the next `load_project` reads every file afresh (benchmarks)."""
    global _PREVIOUS
    _PREVIOUS = {}


@dataclass(frozen=True, slots=True)
class _Loading:
    previous: dict[str, _Remembered]
    current: dict[str, _Remembered]
    started_ns: int  # when this load began: what `settled` measures against
    # Each file's status on disk, taken after `started_ns`, if it may spare reading the file.
    statuses: dict[str, Signature | None]


def _load_all(found: list[Found], loading: _Loading, disk: RecordCache | None) -> list[_Result]:
    """The result of every file, in the order found; with the disk cache, folder by folder,
    each folder's pack rewritten once its files are loaded."""
    if disk is None:
        return [_load_reusing(item, loading, None) for item in found]
    folders: dict[str, list[int]] = {}
    for number, item in enumerate(found):
        folders.setdefault(item.relative.rpartition("/")[0], []).append(number)
    results: list[_Result] = [[] for _ in found]
    for folder, numbers in folders.items():
        pack = disk.pack(folder)
        items = [found[number] for number in numbers]
        for number, result in zip(numbers, _load_folder(items, loading, pack), strict=True):
            results[number] = result
        pack.save()
    return results


def _load_folder(items: list[Found], loading: _Loading, pack: Pack) -> list[_Result]:
    """The results of one folder's files. Those whose size and times are as its pack recorded
    are taken from it (or from memory, if that holds a result of the same bytes) in one short
    loop — a region's warm run takes all 29 000 files so; the others go the long way."""
    statuses = loading.statuses
    unchanged = pack.unchanged({item.relative: statuses.get(item.relative) for item in items})
    previous, current = loading.previous, loading.current
    results: list[_Result] = []
    for item in items:
        entry = unchanged.get(item.relative)
        if entry is None or type(entry[2]) is not _model(item):
            results.append(_load_reusing(item, loading, pack))
            continue
        status, digest, model = entry
        known = previous.get(item.relative)
        if known is not None and known.digest == digest:
            result = known.result
        else:
            result = Loaded(item.place, _source(item, digest=digest), model)
        current[item.relative] = _Remembered(status, digest, result)
        results.append(result)
    return results


def _load_reusing(found: Found, loading: _Loading, pack: Pack | None) -> _Result:
    """A file's result: from memory, else from the cache, else loaded the normal way."""
    status = loading.statuses.get(found.relative)
    known = loading.previous.get(found.relative)
    digest = None
    if status is not None and known is not None and known.signature == status:
        digest = known.digest
    raw = None
    if digest is None:
        raw = _read_bytes(found)
        if not isinstance(raw, bytes):
            return raw
        digest = file_digest(found.relative, raw)
    result = known.result if known is not None and known.digest == digest else None
    if result is None and pack is not None:
        result = _cached(found, pack.get(found.relative, digest, _model(found)), digest)
    if result is None:
        raw = raw if raw is not None else _read_bytes(found)
        if not isinstance(raw, bytes):
            return raw
        text = _decode(found, raw)
        result = _parse_and_validate(found, text, digest) if isinstance(text, str) else text
    settled_status = status if status is not None and settled(status, loading.started_ns) else None
    loading.current[found.relative] = _Remembered(settled_status, digest, result)
    if pack is not None and isinstance(result, Loaded):
        pack.loaded(found.relative, settled_status, digest, result.model)
    return result


def _status(found: Found) -> Signature | None:
    try:
        return signature(found.status())
    except OSError:
        return None


def _cached(found: Found, model: TopRecord | None, digest: bytes) -> Loaded | None:
    """A record rebuilt from its cache entry, with the source loading would have given it."""
    if model is None:
        return None
    return Loaded(found.place, _source(found, digest=digest), model)


def _source(found: Found, held: str | None = None, digest: bytes = b"") -> Source:
    first_line = 2 if found.place.kind in FRONT_MATTER_KINDS else 1
    return Source(found.relative, first_line, found.location, held, digest)


def _model(found: Found) -> type[TopRecord]:
    return RECORD_MODELS[found.place.kind]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many long-lived objects are built.

    Every record adds dozens of objects that live as long as the project. The collector,
    triggered by allocations, would walk all of them again and again while they pile up —
    on a region's 28 000 records that doubled the load time. Loading makes no cyclic
    garbage worth collecting meanwhile. When many objects were made, they are frozen out of
    the collector's sight (`gc.freeze`) before it resumes (if it was on): left to it, they
    would be walked three times over (young, middle, old generation) during the checks that
    follow, and one full collection costs as much. Records hold no cycles, so frozen ones
    are still freed when a later load replaces them (`mkdocs serve`).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Frozen before the collector resumes: the first allocation after, even the count's
        # own tuple, would have it walk every object made meanwhile.
        if enabled:
            if gc.get_count()[0] > _MANY_OBJECTS:  # made while paused and still alive
                gc.freeze()
            gc.enable()


_MANY_OBJECTS = 100_000  # some six thousand records leave this many


def load_record(found: Found) -> Loaded | list[Diagnostic]:
    """Read, parse and validate one record file."""
    raw = _read_bytes(found)
    text = _decode(found, raw) if isinstance(raw, bytes) else raw
    return _parse_and_validate(found, text) if isinstance(text, str) else text


def _read_bytes(found: Found) -> bytes | list[Diagnostic]:
    try:
        with open(found.location, "rb") as stream:
            return stream.read()
    except OSError as error:
        return [Diagnostic(found.relative, f"файл не читается: {error.strerror}.", "io.read")]


def _decode(found: Found, raw: bytes) -> str | list[Diagnostic]:
    """A record file's text, decoded and checked (size, encoding, characters)."""
    text = decode_text(raw)
    if isinstance(text, LoadIssue):
        return [_issue(found.relative, text)]
    return text


def _parse_and_validate(found: Found, text: str, digest: bytes = b"") -> Loaded | list[Diagnostic]:
    body: str | None = None
    first_line = 1
    if found.place.kind in FRONT_MATTER_KINDS:
        parts = split_front_matter(text)
        if isinstance(parts, LoadIssue):
            return [_issue(found.relative, parts)]
        text, body, _body_line = parts
        first_line = 2
    source = _source(found, text)
    data = parse_yaml(text, first_line=first_line)
    if isinstance(data, LoadIssue):
        return [_issue(found.relative, data)]
    if not isinstance(data, dict):
        return [source.diagnostic((), _NOT_A_MAPPING, "yaml.not-mapping")]
    if body is not None:
        if "body" in data:
            return [source.diagnostic(("body",), _BODY_IN_FRONT_MATTER, "schema.body", at_key=True)]
        data["body"] = body
    model = _model(found)
    try:
        return Loaded(found.place, _source(found, digest=digest), model.model_validate(data))
    except ValidationError as error:
        wrong_kind = _wrong_kind(found, data)
        if wrong_kind is not None:
            return [wrong_kind]
        return list(_schema_problems(source, model, error.errors(include_url=False), data))


def _wrong_kind(found: Found, data: dict[str, object]) -> Diagnostic | None:
    """A record of another kind in this kind's folder: one message with its right place.

    A person's file dropped among organizations fails every organization field; what helps
    is where it belongs, not seven messages about fields it was never meant to have.
    """
    kind = likely_kind(data)
    if kind is None or kind == found.place.kind:
        return None
    target = KIND_GLOBS[kind]
    if target.count("*") > 1 and found.place.year:  # the association's year: keep this one's
        target = target.replace("*", found.place.association or "*", 1).replace(
            "*", found.place.year, 1
        )
    name = found.path.stem
    if kind == "meeting":  # a meeting's file is its number
        name = meeting_number(name) or "NN"
    target = target.replace("*", name)
    return Diagnostic(
        found.relative,
        f"по содержимому это запись вида «{RECORD_MODELS[kind].KIND_TITLE}», а лежит она среди "
        f"записей вида «{RECORD_MODELS[found.place.kind].KIND_TITLE}», поэтому не читается. "
        f"Перенесите файл в {target}"
        + (" (NN — номер заседания из двух цифр)." if name == "NN" else "."),
        "layout.wrong-kind",
    )


def _schema_problems(
    source: Source, model: type[TopRecord], errors: Iterable[ErrorDetails], data: object
) -> Iterator[Diagnostic]:
    explained_all = [explain(error, model, data) for error in errors]
    # A misspelt key also makes the real one "missing": report only the misspelling.
    suggested = {(e.loc[:-1], e.suggestion) for e in explained_all if e.suggestion}
    for explained in explained_all:
        if (
            explained.code == "schema.missing"
            and (explained.loc[:-1], explained.loc[-1]) in suggested
        ):
            continue
        yield source.diagnostic(
            explained.loc,
            explained.message,
            explained.code,
            label=explained.label,
            at_key=explained.at_key,
        )


def _issue(path: str, issue: LoadIssue) -> Diagnostic:
    return Diagnostic(path, issue.message, issue.code, issue.line, issue.column)


_NOT_A_MAPPING = (
    "запись должна быть набором полей «ключ: значение», каждое с новой строки. "
    "Откройте образец такого же файла и сверьтесь с ним."
)
_BODY_IN_FRONT_MATTER = (
    "поле body не пишется в заголовке: текст записи идёт после второй строки «---»."
)
