"""Where a node of a record's YAML starts: line and column for messages.

Walks libyaml's event stream to the node that a pydantic location names, so that a
schema error points at the field's line even though the data carries no positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count

import yaml
from yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

try:  # libyaml's C parser; the pure-Python one has the same event API, only slower
    from yaml._yaml import CParser as EventParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as EventParser  # type: ignore[assignment]

__all__ = ["EventParser", "Position", "locate"]


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


def locate(
    text: str, loc: tuple[str | int, ...], *, first_line: int = 1, key: bool = False
) -> Position | None:
    """Where the value (or, with `key=True`, the key) at `loc` starts in `text`.

    `loc` is a pydantic location: mapping keys and list indexes; `()` is the root.
    If `loc` does not exist, the deepest existing ancestor is reported: its key when
    it is a mapping's value (a missing field points at `protocol:`), otherwise its own
    start (for a list item: its first key). List items have no key: `key` is ignored.
    None if the text has no node at all.
    """
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
        key_ev: Event | None = None
        for part in loc:
            child = _child(parser, node, part)
            if child is None:  # report the ancestor; a scalar's own position is better
                container = isinstance(node, CollectionStartEvent)
                return _position(key_ev if key_ev and container else node, first_line)
            key_ev, node = child
        return _position(key_ev if key and key_ev else node, first_line)
    finally:
        parser.dispose()


def _child(parser: EventParser, node: Event, part: str | int) -> tuple[Event | None, Event] | None:
    """Consume events up to the child `part` of `node`: (its key, its first event)."""
    if isinstance(node, MappingStartEvent):
        name = str(part)  # keys are always text; an int part may name a "1:" key
        while (k := _next(parser)) is not None and not isinstance(k, MappingEndEvent):
            value = _next(parser) if _skip(parser, k) else None
            if value is not None and isinstance(k, ScalarEvent) and k.value == name:
                return k, value
            if value is None or not _skip(parser, value):
                return None
    elif isinstance(node, SequenceStartEvent) and isinstance(part, int) and part >= 0:
        for index in count():
            item = _next(parser)
            if item is None or isinstance(item, SequenceEndEvent):
                return None
            if index == part:
                return None, item
            if not _skip(parser, item):
                return None
    return None


def _next(parser: EventParser) -> Event | None:
    try:
        return parser.get_event()
    except (yaml.YAMLError, ValueError):  # report what was found before the error
        return None


def _skip(parser: EventParser, ev: Event) -> bool:
    """Consume the rest of the node starting with `ev`; False if the stream broke."""
    depth = 1 if isinstance(ev, CollectionStartEvent) else 0
    while depth:
        nxt = _next(parser)
        if nxt is None:
            return False
        depth += isinstance(nxt, CollectionStartEvent) - isinstance(nxt, CollectionEndEvent)
    return True


def _position(ev: Event, first_line: int) -> Position | None:
    mark = ev.start_mark
    return None if mark is None else Position(mark.line + first_line, mark.column + 1)
