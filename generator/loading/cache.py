"""An incremental cache of loaded records on disk: a second run parses and validates only the
files that changed, and reads only the files whose status on disk changed.

`<root>/.cache/records/<version>/` holds one pack per folder of records/: the magic line
`records-cache/2`, the SHA-256 of the rest, and a pickle of

    (("records-cache/2", "<version>", "records/people"),
     {"records/people/ivanova-ma.yaml": (signature, digest, record), …})

`digest` (`file_digest`) is the SHA-256 of the version, the file's root-relative path (which
decides its kind and place) and its bytes; the version hashes the source of `schemas/` and
`generator/loading/` with the versions of pydantic, pydantic-core, PyYAML and Python.
`signature` is the file's size, modification and change times, inode and device when it was
read, or None. As git's index does, a run trusts a signature only when the file has not been
touched for `SETTLED_NS` before the run that recorded it began: a file written while that run
read it gets no signature, and any later write changes its change time (which no program can
set back). A file whose signature matches is not read at all; any other is read and its
digest decides.

Unpickling executes nothing but the making of records: `_RecordUnpickler` knows only the
record models and enumerations of `schemas` and `datetime.date` (no module is imported on a
pack's say-so), and a record is used only when its pack's checksum, header, entry shape,
digest and record type are exactly as expected. A corrupt, truncated, foreign or stale pack
is a miss: its files are loaded the normal way. (A pack forged on purpose, with right
checksums, would be believed, its records unvalidated: whoever can write the cache directory
can change the results it gives — as whoever can write the code can.)

A run reads every pack of its version at the start, while records/ is walked beside it
(`RecordCache.read_all`); a pack counts only for the folder its file is named after, and the
packs of folders no longer there are removed once the walk has shown it.

Files that fail to load have no entry: their messages always come from the normal path.
A pack is written whole to a temporary file and renamed over the old one, so a killed run
leaves no half-written pack and concurrent runs leave one of their complete packs. A cache
that cannot be read or written is no error: the records are simply loaded.

Whether commands use it: `--no-cache` turns it off for one command (`records_cache`), the
environment variable RECORDS_NO_CACHE=1 for every command and the MkDocs hook.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path

import pydantic
import pydantic_core
import yaml

import schemas
from schemas import TopRecord

CACHE_FOLDER = ".cache/records"
NO_CACHE_ENV = "RECORDS_NO_CACHE"
FORMAT = "records-cache/2"
_MAGIC = FORMAT.encode() + b"\n"
_MAX_PACK_BYTES = 256 * 1024 * 1024  # a folder's real pack is a few MB; more is not ours
_STALE_TEMPORARY = 3600.0  # seconds: a temporary file this old was left by a killed run
# A file untouched this long before a run began cannot be changing under it unseen: coarse
# file systems keep times to 2 s.
SETTLED_NS = 2_000_000_000

# size, modification time, change time (ns), inode, device
Signature = tuple[int, int, int, int, int]
_Entry = tuple[Signature | None, bytes, TopRecord]

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


@cache
def _version_hasher() -> hashlib._Hash:
    return hashlib.sha256(f"{code_version()}\0".encode())


def file_digest(relative: str, raw: bytes) -> bytes:
    """What a file's loaded result depends on: this code's version, its path and its bytes."""
    digest = _version_hasher().copy()
    digest.update(relative.encode())
    digest.update(b"\0")
    digest.update(raw)
    return digest.digest()


def signature(status: os.stat_result) -> Signature:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def settled(status: Signature, started_ns: int) -> bool:
    """Whether a file was last touched long enough before a run began for its signature to be
    trusted later (see the module's docstring)."""
    return max(status[1], status[2]) < started_ns - SETTLED_NS


class RecordCache:
    """The cache of one project's records: a pack for each folder, read and written by
    `load_project` (see the module's docstring)."""

    def __init__(self, root: Path) -> None:
        version = code_version()
        self.base = root / CACHE_FOLDER
        self.directory = self.base / version[:24]
        self.version = version
        links = (root / ".cache", self.base, self.directory)
        self._usable = not any(p.is_symlink() for p in links)
        self._prepared = False
        # Every pack's entries by folder, when they were all read at once (`read_all`); those
        # of folders not asked for are removed (`drop_unasked`).
        self._read_ahead: dict[str, dict[str, _Entry]] | None = None

    def pack(self, folder: str) -> Pack:
        """The pack of one folder (root-relative), read from disk when first needed."""
        pack = Pack(self, folder, self.directory / _pack_name(folder))
        if self._read_ahead is not None:
            pack.read_ahead(self._read_ahead.pop(folder, {}))
        return pack

    def read_all(self) -> None:
        """Read every pack of this version now, before the folders are known: `load_project`
        does it while records/ is surveyed beside it. A pack counts only if it names the
        folder its file is named after."""
        packs: dict[str, dict[str, _Entry]] = {}
        try:
            with os.scandir(self.directory) as found:
                names = sorted(e.name for e in found if e.name.endswith(".pack"))
        except OSError:
            names = []
        for name in names:
            sealed = unseal_any(self.read(self.directory / name) or b"", _MAGIC, _RecordUnpickler)
            if sealed is None or not isinstance(sealed[0], tuple) or len(sealed[0]) != 3:
                continue
            folder = sealed[0][2]
            if isinstance(folder, str) and _pack_name(folder) == name:
                packs[folder] = _read_pack_body(sealed, (FORMAT, self.version, folder))
        self._read_ahead = packs

    def drop_unasked(self) -> None:
        """Remove the packs read ahead whose folders were not asked for: folders gone or
        emptied, which would otherwise be read on every run."""
        for folder in self._read_ahead or {}:
            (self.directory / _pack_name(folder)).unlink(missing_ok=True)
        self._read_ahead = None

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
        try:  # a symlink is refused (O_NOFOLLOW), and so is anything too big to be ours
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        try:
            with os.fdopen(handle, "rb") as stream:
                if os.fstat(stream.fileno()).st_size > _MAX_PACK_BYTES:
                    return None
                return stream.read()
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
    """The entries of one folder: looked up by path, rewritten after the folder is loaded when
    a file was loaded afresh, its signature changed or an entry is no longer any file's."""

    def __init__(self, owner: RecordCache, folder: str, path: Path) -> None:
        self.owner = owner
        self.path = path
        self.header = (FORMAT, owner.version, folder)
        self._disk: dict[str, _Entry] | None = None  # once read
        self._loaded: dict[str, _Entry] = {}  # this run's records, by path
        self._changed = False

    def unchanged(self, statuses: dict[str, Signature | None]) -> dict[str, _Entry]:
        """The entries of the files (path → signature now) whose signature is still the one
        recorded, kept as they are."""
        entries = self._entries()
        kept = {
            relative: entry
            for relative, status in statuses.items()
            if status is not None
            and (entry := entries.get(relative)) is not None
            and entry[0] == status
        }
        self._loaded.update(kept)
        return kept

    def get(self, relative: str, digest: bytes, model: type[TopRecord]) -> TopRecord | None:
        """The record cached for a file with this digest; None on any doubt."""
        entry = self._entries().get(relative)
        if entry is None or entry[1] != digest or type(entry[2]) is not model:
            return None
        return entry[2]

    def loaded(
        self, relative: str, status: Signature | None, digest: bytes, record: TopRecord
    ) -> None:
        """Note a record of this folder that loaded, from wherever it came."""
        entry = (status, digest, record)
        known = self._entries().get(relative)
        if known is None or known[0] != status or known[1] != digest:
            self._changed = True
        self._loaded[relative] = entry

    def save(self) -> None:
        """Rewrite the pack if anything in it is to change."""
        if not self._changed and self._entries().keys() <= self._loaded.keys():
            return
        self.owner.write(self.path, seal(_MAGIC, self.header, self._loaded))

    def read_ahead(self, entries: dict[str, _Entry]) -> None:
        """The entries of this folder's pack, read with all others (`RecordCache.read_all`)."""
        self._disk = entries

    def _entries(self) -> dict[str, _Entry]:
        if self._disk is None:
            self._disk = _read_pack(self.owner.read(self.path) or b"", self.header)
        return self._disk


def _pack_name(folder: str) -> str:
    return hashlib.sha256(folder.encode()).hexdigest()[:32] + ".pack"


def _read_pack(content: bytes, header: tuple[str, str, str]) -> dict[str, _Entry]:
    """A pack's entries of the right shape; nothing from a pack in any doubt."""
    return _read_pack_body(unseal_any(content, _MAGIC, _RecordUnpickler), header)


def _read_pack_body(
    sealed: tuple[object, object] | None, header: tuple[str, str, str]
) -> dict[str, _Entry]:
    """The entries of an unsealed pack with this header that have the right shape (none from
    a pack with another header)."""
    entries = sealed[1] if sealed is not None and sealed[0] == header else None
    if not isinstance(entries, dict):
        return {}
    return {
        relative: entry
        for relative, entry in entries.items()
        if isinstance(relative, str) and _well_formed(entry)
    }


def seal(magic: bytes, header: object, body: object) -> bytes:
    """A cache file's content: its magic line, the SHA-256 of the rest, a pickle of
    (header, body)."""
    payload = pickle.dumps((header, body), protocol=5)
    return magic + hashlib.sha256(payload).digest() + payload


def unseal(
    content: bytes, magic: bytes, unpickler: type[pickle.Unpickler], header: object
) -> object | None:
    """The body of a `seal`ed cache file with this header; None for one in any doubt (another
    magic, a wrong checksum, what the unpickler refuses, another header)."""
    sealed = unseal_any(content, magic, unpickler)
    if sealed is None or sealed[0] != header:
        return None
    return sealed[1]


def unseal_any(
    content: bytes, magic: bytes, unpickler: type[pickle.Unpickler]
) -> tuple[object, object] | None:
    """The header and body of a `seal`ed cache file, whatever its header; None for one in any
    doubt (another magic, a wrong checksum, what the unpickler refuses)."""
    start = len(magic) + 32
    if (
        not content.startswith(magic)
        or hashlib.sha256(content[start:]).digest() != content[len(magic) : start]
    ):
        return None
    try:
        loaded = unpickler(io.BytesIO(content[start:])).load()
    except Exception:  # whatever a foreign file provokes, it is a miss
        return None
    if not (isinstance(loaded, tuple) and len(loaded) == 2):
        return None
    return loaded[0], loaded[1]


def _well_formed(entry: object) -> bool:
    return (
        isinstance(entry, tuple)
        and len(entry) == 3
        and (entry[0] is None or (isinstance(entry[0], tuple) and len(entry[0]) == 5))
        and isinstance(entry[1], bytes)
        and len(entry[1]) == 32
        and isinstance(entry[2], pydantic.BaseModel)
    )


class _RecordUnpickler(pickle.Unpickler):
    """Unpickles records and nothing else: a pack names only classes of `schemas` already
    imported (record models, their parts and enumerations) and `datetime.date`."""

    def find_class(self, module: str, name: str) -> type:
        if (module, name) == ("datetime", "date"):
            return date
        if module == "schemas" or module.startswith("schemas."):
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type) and issubclass(found, pydantic.BaseModel | Enum):
                return found
        raise pickle.UnpicklingError(f"{module}.{name}: not a record's type")


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
