"""An incremental cache of loaded records on disk: a second run parses and validates only the
files that changed.

`<root>/.cache/records/<version>/` holds one pack per folder of records/ — JSON Lines: a
header, then one entry per record file that loaded:

    {"format": "records-cache/1", "version": "<version>", "folder": "records/people"}
    {"key":"<sha256>","path":"records/people/ivanova-ma.yaml","sum":"<sha256>","model":{…}}

The key is the SHA-256 of the version, the file's root-relative path (which decides its kind
and place) and its bytes; the version hashes the source of `schemas/` and `generator/loading/`
with the versions of pydantic, pydantic-core, PyYAML and Python; `sum` is the SHA-256 of the
model's JSON. A hit rebuilds the record with pydantic from that JSON (`model_validate_json`,
so every validator runs again): no pickle, nothing in the cache is executed. The cache
directory may come from elsewhere — a CI cache, another checkout — so an entry is used only
when its pack's header, its line's shape, key, path and sum are exactly as expected and
pydantic accepts its model; a corrupt, truncated, foreign or stale entry is a miss, and the
file is loaded the normal way. (An entry forged on purpose, with a right key and sum, would
be believed: whoever can write the cache directory can change the results it gives.) An
entry is written only when its JSON rebuilds a record equal to the one loaded, so a hit
gives what loading gives.

Files that fail to load have no entry: their messages always come from the normal path.
A pack is written whole to a temporary file and renamed over the old one, so a killed run
leaves no half-written pack and concurrent runs leave one of their complete packs. A cache
that cannot be read or written is no error: the records are simply loaded.

Whether commands use it: `--no-cache` turns it off for one command (`records_cache`), the
environment variable RECORDS_NO_CACHE=1 for every command and the MkDocs hook.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import pydantic
import pydantic_core
import yaml

import schemas
from schemas import TopRecord

CACHE_FOLDER = ".cache/records"
NO_CACHE_ENV = "RECORDS_NO_CACHE"
FORMAT = "records-cache/1"
_MAX_PACK_BYTES = 256 * 1024 * 1024  # a folder's real pack is a few MB; more is not ours
_STALE_TEMPORARY = 3600.0  # seconds: a temporary file this old was left by a killed run

# Whether load_project uses the cache when its caller does not say: off for the library,
# on for the commands (`records_cache`), which choose with --no-cache.
_CHOSEN: ContextVar[bool] = ContextVar("records_cache", default=False)


@contextmanager
def records_cache(enabled: bool) -> Iterator[None]:
    """Within this block, `load_project` uses the disk cache (unless RECORDS_NO_CACHE is set)."""
    token = _CHOSEN.set(enabled)
    try:
        yield
    finally:
        _CHOSEN.reset(token)


def cache_wanted(explicit: bool | None = None) -> bool:
    """Whether to use the cache: the caller's choice, else the command's; never when the
    environment says RECORDS_NO_CACHE (other than empty or 0)."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return False
    return _CHOSEN.get() if explicit is None else explicit


@cache
def code_version() -> str:
    """A hash of everything a record's loaded result depends on besides its path and bytes."""
    digest = hashlib.sha256(FORMAT.encode())
    for package in (Path(schemas.__file__).parent, Path(__file__).parent):
        for path in sorted(package.rglob("*.py")):
            digest.update(f"\0{package.name}/{path.relative_to(package).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    libraries = (pydantic.VERSION, pydantic_core.__version__, yaml.__version__, sys.version)
    digest.update("\0".join(libraries).encode())
    return digest.hexdigest()


class RecordCache:
    """The cache of one project's records: a pack for each folder, read and written by
    `load_project` (see the module's docstring)."""

    def __init__(self, root: Path) -> None:
        version = code_version()
        self.base = root / CACHE_FOLDER
        self.directory = self.base / version[:24]
        self.version = version
        self._hasher = hashlib.sha256(f"{version}\0".encode())
        links = (root / ".cache", self.base, self.directory)
        self._usable = not any(p.is_symlink() for p in links)
        self._prepared = False

    def key(self, relative: str, raw: bytes) -> str:
        """The entry key of a file: its path and bytes under this version."""
        digest = self._hasher.copy()
        digest.update(relative.encode())
        digest.update(b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def pack(self, folder: str) -> Pack:
        """The pack of one folder (root-relative), read from disk when first needed."""
        name = hashlib.sha256(folder.encode()).hexdigest()[:32] + ".jsonl"
        return Pack(self, folder, self.directory / name)

    def write(self, path: Path, content: bytes) -> None:
        """Replace `path` with `content` atomically; a failure leaves the cache as it was."""
        if not self._usable or not self._prepare():
            return
        try:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException as error:
            Path(temporary).unlink(missing_ok=True)
            if not isinstance(error, OSError):
                raise

    def read(self, path: Path) -> bytes | None:
        if not self._usable:
            return None
        try:
            if path.is_symlink() or path.stat().st_size > _MAX_PACK_BYTES:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def _prepare(self) -> bool:
        """The version's folder made (older versions' folders removed), once per run."""
        if self._prepared:
            return self.directory.is_dir()
        self._prepared = True
        try:
            self.base.mkdir(parents=True, exist_ok=True)
            self.directory.mkdir()
        except FileExistsError:
            _remove_stale_temporaries(self.directory)
            return not self.directory.is_symlink()
        except OSError:
            return False
        for other in self.base.iterdir():  # packs of other code versions: never read again
            if other != self.directory and other.is_dir() and not other.is_symlink():
                shutil.rmtree(other, ignore_errors=True)
        return True


class Pack:
    """The entries of one folder: looked up by key, rewritten after the folder is loaded when
    a file was loaded afresh or an entry is no longer any file's."""

    def __init__(self, owner: RecordCache, folder: str, path: Path) -> None:
        self.owner = owner
        self.path = path
        header = {"format": FORMAT, "version": owner.version, "folder": folder}
        self.header = json.dumps(header, ensure_ascii=False).encode()
        self._disk: dict[bytes, bytes] | None = None  # key → line, once read
        self._loaded: list[tuple[str, str, TopRecord]] = []  # (key, path, record) of this run
        self._fresh: set[str] = set()  # keys of records loaded the normal way

    def key(self, relative: str, raw: bytes) -> str:
        """The entry key of a file of this folder (`RecordCache.key`)."""
        return self.owner.key(relative, raw)

    def get(self, key: str, relative: str, model: type[TopRecord]) -> TopRecord | None:
        """The record cached under key, rebuilt and validated; None on any doubt."""
        line = self._entries().get(key.encode())
        if line is None:
            return None
        prefix = _prefix(key, relative)
        start = len(prefix) + 64 + len(_MODEL)
        if not (line.startswith(prefix) and line[start - len(_MODEL) : start] == _MODEL):
            return None
        data = line[start:-1]
        if not line.endswith(b"}") or _sum(data) != line[len(prefix) : start - len(_MODEL)]:
            return None  # cut short or changed since it was written
        try:
            return model.model_validate_json(data)
        except Exception:  # whatever a foreign entry provokes, it is a miss
            return None

    def loaded(self, key: str, relative: str, record: TopRecord, *, fresh: bool) -> None:
        """Note a record of this folder that loaded: from the cache or memory, or afresh."""
        self._loaded.append((key, relative, record))
        if fresh:
            self._fresh.add(key)

    def save(self) -> None:
        """Rewrite the pack if this run loaded a file afresh or left an entry unused."""
        keys = {key.encode() for key, _path, _record in self._loaded}
        if not self._fresh and (self._disk is None or self._disk.keys() <= keys):
            return
        entries = self._entries()
        lines = [self.header]
        for key, relative, record in self._loaded:
            line = entries.get(key.encode()) if key not in self._fresh else None
            line = line if line is not None else _entry(key, relative, record)
            if line is not None:
                lines.append(line)
        self.owner.write(self.path, b"\n".join(lines) + b"\n")

    def _entries(self) -> dict[bytes, bytes]:
        if self._disk is None:
            self._disk = {}
            lines = (self.owner.read(self.path) or b"").split(b"\n")
            if lines[0] == self.header:
                for line in lines[1:]:
                    if line.startswith(_KEY_START) and len(line) > _KEY_END:
                        self._disk[line[len(_KEY_START) : _KEY_END]] = line
        return self._disk


# An entry: {"key":"<64 hex>","path":"records/…","sum":"<64 hex>","model":{…}} — `sum` is the
# SHA-256 of the model's JSON, so that a damaged entry is told from a whole one.
_KEY_START = b'{"key":"'
_KEY_END = len(_KEY_START) + 64
_MODEL = b'","model":'


def _prefix(key: str, relative: str) -> bytes:
    path = json.dumps(relative, ensure_ascii=False)
    return f'{{"key":"{key}","path":{path},"sum":"'.encode()


def _sum(data: bytes) -> bytes:
    return hashlib.sha256(data).hexdigest().encode()


def _entry(key: str, relative: str, record: TopRecord) -> bytes | None:
    """The pack line of a record, or None when its JSON would not give back an equal record
    (then it is not cached: a hit must give exactly what loading gives)."""
    data = record.model_dump_json(exclude_unset=True).encode()
    try:
        rebuilt = type(record).model_validate_json(data)
    except Exception:  # a record whose JSON does not validate is not cached
        return None
    if rebuilt != record or rebuilt.model_fields_set != record.model_fields_set:
        return None
    return _prefix(key, relative) + _sum(data) + _MODEL + data + b"}"


def _remove_stale_temporaries(directory: Path) -> None:
    """Temporary files a killed run left (never read: only renamed packs are)."""
    limit = time.time() - _STALE_TEMPORARY
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(".tmp") and entry.stat().st_mtime < limit:
                    Path(entry.path).unlink(missing_ok=True)
    except OSError:
        pass
