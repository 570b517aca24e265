"""Where findings stand in unchanged files, kept on disk: a re-check reads no file for them.

A region's check points some two thousand findings at lines of over a thousand records;
finding a line means reading the file again and walking its YAML. A field's line depends
only on the file's bytes (and the code that locates it), which its digest already names
(`cache.file_digest`). So `<root>/.cache/records/<version>/positions.pack` keeps, for each
file a finding was located in, its digest and the positions asked of it:

    (("records-positions/1", "<version>"),
     {"records/…/06.yaml": (digest, {(loc, at_key): (line, column) or None, …}), …})

framed like a records pack (magic line, SHA-256 of the rest, a pickle that may hold only
tuples, dicts, strings, numbers and bytes). A position is remembered only when the text it
was found in has the digest the record was loaded with: a file edited between loading and
locating is located afresh each time. Anything in doubt is a miss, never an error.
"""

from __future__ import annotations

import pickle
from collections.abc import Collection
from dataclasses import dataclass

from generator.loading.cache import RecordCache, seal, unseal
from generator.loading.diagnostics import Loc
from generator.loading.yamllocate import Position

FORMAT = "records-positions/1"
_MAGIC = FORMAT.encode() + b"\n"
_NAME = "positions.pack"

_Key = tuple[Loc, bool]  # a field's location, and whether its key (not its value) is meant
_Known = dict[_Key, tuple[int, int] | None]


@dataclass(slots=True)
class PositionCache:
    """Positions of fields by (file, digest), read when first asked and saved when grown."""

    disk: RecordCache
    _entries: dict[str, tuple[bytes, _Known]] | None = None
    _changed: bool = False

    def known(self, relative: str, digest: bytes) -> dict[_Key, Position | None]:
        """The positions remembered for fields of this file's bytes (none if it changed)."""
        entry = self._read().get(relative)
        if entry is None or entry[0] != digest:
            return {}
        return {key: None if at is None else Position(*at) for key, at in entry[1].items()}

    def put(self, relative: str, digest: bytes, key: _Key, position: Position | None) -> None:
        entries = self._read()
        entry = entries.get(relative)
        if entry is None or entry[0] != digest:
            entry = entries[relative] = (digest, {})
        entry[1][key] = None if position is None else (position.line, position.column)
        self._changed = True

    def save(self, present: Collection[str]) -> None:
        """Rewrite the file if positions were added or some of its files are gone (`present`:
        the files of this run); an edited file's entry was replaced when it was located."""
        if self._entries is None:  # nothing was asked
            return
        entries = self._entries
        gone = [relative for relative in entries if relative not in present]
        for relative in gone:
            del entries[relative]
        if not (self._changed or gone):
            return
        content = seal(_MAGIC, (FORMAT, self.disk.version), entries)
        self.disk.write(self.disk.directory / _NAME, content)
        self._changed = False

    def _read(self) -> dict[str, tuple[bytes, _Known]]:
        if self._entries is None:
            content = self.disk.read(self.disk.directory / _NAME) or b""
            self._entries = _parse(content, (FORMAT, self.disk.version))
        return self._entries


def _parse(content: bytes, header: tuple[str, str]) -> dict[str, tuple[bytes, _Known]]:
    entries = unseal(content, _MAGIC, _PlainUnpickler, header)
    if not isinstance(entries, dict) or not all(_well_formed(e) for e in entries.values()):
        return {}
    return entries


def _well_formed(entry: object) -> bool:
    if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], bytes)):
        return False
    known = entry[1]
    return isinstance(known, dict) and all(
        isinstance(key, tuple)
        and len(key) == 2
        and isinstance(key[0], tuple)
        and isinstance(key[1], bool)
        and (
            value is None
            or (isinstance(value, tuple) and len(value) == 2 and all(type(n) is int for n in value))
        )
        for key, value in known.items()
    )


class _PlainUnpickler(pickle.Unpickler):
    """Builds tuples, dicts, strings, numbers and bytes; refuses every class and function."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"{module}.{name}: not allowed in a positions file")
