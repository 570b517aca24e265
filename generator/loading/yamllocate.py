"""Where a node of a record's YAML starts: line and column for messages.

Walks libyaml's event stream to the node that a pydantic location names, so that a
schema error points at the field's line even though the data carries no positions. The
events are the one source of positions; several locations of one text (a file with many
findings) share one walk (`locate_all`).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import yaml
from yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
    StreamStartEvent,
)

try:  # libyaml's C parser; the pure-Python one has the same event API, only slower
    from yaml._yaml import CParser as EventParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as EventParser  # type: ignore[assignment]

__all__ = ["EventParser", "Position", "locate", "locate_all"]


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


Loc = tuple[str | int, ...]


def locate(text: str, loc: Loc, *, first_line: int = 1, key: bool = False) -> Position | None:
    """Where the value (or, with `key=True`, the key) at `loc` starts in `text`.

    `loc` is a pydantic location: mapping keys and list indexes; `()` is the root.
    If `loc` does not exist, the deepest existing ancestor is reported: its key when
    it is a mapping's value (a missing field points at `protocol:`), otherwise its own
    start (for a list item: its first key). List items have no key: `key` is ignored.
    None if the text has no node at all.
    """
    return locate_all(text, [loc], first_line=first_line, key=key)[0]


def locate_all(
    text: str, locs: list[Loc], *, first_line: int = 1, key: bool = False
) -> list[Position | None]:
    """`locate` for each of several locations in one text, whose events are read only once.

    The events are walked in document order up to the last node any location needs: a file
    with several findings costs about what its furthest one does alone.
    """
    root = _Want()
    for loc in locs:
        want = root
        for part in loc:
            want = want.child(part)
    root.count()
    if root.clash:  # two parts a mapping would take for one key: one walk per location
        return [locate_all(text, [loc], first_line=first_line, key=key)[0] for loc in locs]
    top = _read(text, root)
    if top is None:
        return [None] * len(locs)
    return [_result(root, top, loc, key, first_line) for loc in locs]


class _Want:
    """A node some location runs through, and where the walk found it: (its key, its first
    event), or None while not found (or not there)."""

    __slots__ = ("by_index", "by_name", "clash", "found", "parts", "size")

    def __init__(self) -> None:
        self.parts: dict[tuple[type, str | int], _Want] = {}  # as written: 1 and "1" differ
        self.by_name: dict[str, _Want] = {}  # as a mapping's key matches a part: str(part)
        self.by_index: dict[int, _Want] = {}  # as a list's index matches a part: ints ≥ 0
        self.found: tuple[Event | None, Event] | None = None
        self.size = 0  # the wanted nodes below
        self.clash = False  # anywhere below

    def child(self, part: str | int) -> _Want:
        tag = (type(part), part)
        want = self.parts.get(tag)
        if want is None:
            want = self.parts[tag] = _Want()
            self.clash |= self.by_name.setdefault(str(part), want) is not want
            if isinstance(part, int) and part >= 0:
                self.clash |= self.by_index.setdefault(part, want) is not want
        return want

    def count(self) -> int:
        self.size = sum(child.count() + 1 for child in self.parts.values())
        self.clash = self.clash or any(child.clash for child in self.parts.values())
        return self.size


class _Stop(Exception):
    """The walk is over: every wanted node is found or known absent, or the stream broke."""


def _read(text: str, root: _Want) -> Event | None:
    """Walk the events, noting where the wanted nodes start; the document's first event."""
    try:
        parser = EventParser(text)
    except (yaml.YAMLError, ValueError):
        return None
    try:
        node = _next(parser)
        while isinstance(node, StreamStartEvent | DocumentStartEvent):
            node = _next(parser)
        if node is None or isinstance(node, StreamEndEvent | CollectionEndEvent):
            return None
        if root.size and isinstance(node, CollectionStartEvent):
            # A broken stream ends the walk: what was found before it is reported.
            with contextlib.suppress(_Stop, yaml.YAMLError, ValueError):
                _Walk(parser, root.size).collection(root, node)
        return node
    finally:
        parser.dispose()


class _Walk:
    """One pass over the events, descending only into nodes some location runs through and
    stopping once every wanted node is found or known absent."""

    def __init__(self, parser: EventParser, wanted: int) -> None:
        self.get = parser.get_event
        self.open = wanted  # wanted nodes neither found nor known absent

    def event(self) -> Event:
        event = self.get()
        if event is None:
            raise _Stop
        return event

    def collection(self, want: _Want, start: Event) -> None:
        """Read the collection that `start` opens, noting the children `want` asks for
        (the first of equal keys, as a mapping is searched)."""
        mapping = isinstance(start, MappingStartEvent)
        index = 0
        while True:
            first = self.event()
            if isinstance(first, CollectionEndEvent):
                break
            key: Event | None = None
            if mapping:
                key = first
                self.skip(key)
                first = self.event()
                child = want.by_name.get(key.value) if isinstance(key, ScalarEvent) else None
            else:
                child = want.by_index.get(index)
                index += 1
            if child is not None and child.found is None:
                child.found = (key, first)
                self.open -= 1
                if child.size and isinstance(first, CollectionStartEvent):
                    self.collection(child, first)
                    continue
                self.open -= child.size  # a scalar has no children
            if self.open <= 0:
                raise _Stop
            self.skip(first)
        self.open -= sum(1 + c.size for c in want.parts.values() if c.found is None)
        if self.open <= 0:
            raise _Stop

    def skip(self, event: Event | None) -> None:
        """Consume the rest of the node that starts with `event` (most events pass here)."""
        if isinstance(event, CollectionStartEvent):
            get, depth = self.get, 1
            while depth:
                event = get()
                if isinstance(event, CollectionStartEvent):
                    depth += 1
                elif isinstance(event, CollectionEndEvent):
                    depth -= 1
                elif event is None:
                    raise _Stop


def _result(root: _Want, top: Event, loc: Loc, key: bool, first_line: int) -> Position | None:
    """As walking to `loc` alone finds it: the node, else its deepest ancestor found."""
    want, node, key_ev = root, top, None
    for part in loc:
        want = want.parts[(type(part), part)]
        if want.found is None:  # report the ancestor; a scalar's own position is better
            container = isinstance(node, CollectionStartEvent)
            return _position(key_ev if key_ev and container else node, first_line)
        key_ev, node = want.found
    return _position(key_ev if key and key_ev else node, first_line)


def _next(parser: EventParser) -> Event | None:
    try:
        return parser.get_event()
    except (yaml.YAMLError, ValueError):  # report what was found before the error
        return None


def _position(ev: Event, first_line: int) -> Position | None:
    mark = ev.start_mark
    return None if mark is None else Position(mark.line + first_line, mark.column + 1)
