"""Where a record was read from: its file, and the lines of its fields for messages."""

from __future__ import annotations

from typing import NamedTuple

from generator.loading.cache import file_digest
from generator.loading.diagnostics import Diagnostic, Loc, format_loc
from generator.loading.positions import PositionCache
from generator.loading.yamllocate import locate_all
from generator.loading.yamlsafe import LoadIssue, Position, decode_text, locate, split_front_matter


class Source(NamedTuple):
    """Where a record was read from, to point errors at lines.

    The text is not kept with the record: a region's texts would double what its records
    take in memory, and only the few files a finding is about are ever looked at again —
    those are read anew (`text`). A text given here (`held`) is used instead.
    """

    path: str  # relative to the project root
    first_line: int  # 2 for Markdown's front matter: its YAML starts after the `---` line
    location: str = ""  # the file on disk
    held: str | None = None
    digest: bytes = b""  # of the bytes loaded

    @property
    def text(self) -> str:
        """The record's YAML as the file now holds it ("" if it cannot be read)."""
        if self.held is not None:
            return self.held
        return self._yaml(self._read())

    def locate(self, loc: Loc, *, at_key: bool = True) -> Position | None:
        """Where the field at loc (its key, by default) stands in this file."""
        return locate(self.text, loc, first_line=self.first_line, key=at_key)

    def locate_all(
        self, locs: list[Loc], *, at_key: bool = True, known: PositionCache | None = None
    ) -> list[Position | None]:
        """`locate` of several fields, the file read and walked once for all of them — and not
        at all when `known` remembers every one of them for the bytes this record came from."""
        if known is None or not self.digest or self.held is not None:
            return locate_all(self.text, locs, first_line=self.first_line, key=at_key)
        remembered = known.known(self.path, self.digest)
        results = [remembered.get((loc, at_key)) for loc in locs]
        missing = [number for number, loc in enumerate(locs) if (loc, at_key) not in remembered]
        if missing:
            raw = self._read()
            wanted = [locs[number] for number in missing]
            found = locate_all(self._yaml(raw), wanted, first_line=self.first_line, key=at_key)
            same = raw is not None and file_digest(self.path, raw) == self.digest
            for number, position in zip(missing, found, strict=True):
                results[number] = position
                if same:  # located in the very bytes the record was loaded from
                    known.put(self.path, self.digest, (locs[number], at_key), position)
        return results

    def _read(self) -> bytes | None:
        try:
            with open(self.location, "rb") as stream:
                return stream.read()
        except OSError:
            return None

    def _yaml(self, raw: bytes | None) -> str:
        """The YAML of a file's bytes: its front matter for Markdown ("" if unreadable)."""
        text = decode_text(raw) if raw is not None else ""
        if isinstance(text, LoadIssue):
            return ""
        if self.first_line == 1:
            return text
        parts = split_front_matter(text)
        return "" if isinstance(parts, LoadIssue) else parts[0]

    def diagnostic(
        self, loc: Loc, message: str, code: str, *, label: str | None = None, at_key: bool = False
    ) -> Diagnostic:
        """A diagnostic at the value (or key) found at loc in this file."""
        position = self.locate(loc, at_key=at_key)
        return Diagnostic(
            path=self.path,
            message=message,
            code=code,
            line=position.line if position else None,
            column=position.column if position else None,
            field=format_loc(loc) or None,
            label=label,
            loc=loc,
        )
