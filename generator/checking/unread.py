"""Which scopes the rules cannot judge, because some of their records could not be read.

A meeting file that fails to load is not a meeting that was never held: counting without it
would blame the year for a missing protocol or a short count. So the rules of a scope with
a broken or misplaced record do not run, and `check` says so in its summary instead of
reporting findings that are not true. A record of the whole project (settings, a person, a
school, an act, an acknowledgement) may matter to any scope: then no scope is judged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.loading.layout import Place
from generator.loading.placement import is_school_year
from generator.loading.project import Project
from generator.russian import school_year_title

_COUNCIL_KINDS = frozenset({"council", "material", "event", "monitoring", "council_consultation"})
# (association, year): None as the association is the council; None as the year, every year
ScopeKey = tuple[str | None, str | None]
EVERYTHING: ScopeKey = ("*", "*")


@dataclass(frozen=True, slots=True)
class Unjudged:
    """Scopes left unjudged, and the record files that could not be read."""

    files: tuple[str, ...]
    keys: frozenset[ScopeKey]

    def blocks(self, association: str | None, year: str) -> bool:
        """Whether the rules of this scope (an association's year, or the council's) wait."""
        return bool({EVERYTHING, (association, None), (association, year)} & self.keys)


def unjudged(project: Project) -> Unjudged:
    """The scopes whose records are not all read, from the failed and the unread files."""
    keys: set[ScopeKey] = set()
    for (kind, scope, record_id), _path in project.failed.items():
        keys.add(_key_of(kind, scope, record_id))
    for unread in project.unread:
        keys.add(_key_of_unread(unread.place, unread.path))
    files = sorted({*project.failed.values(), *(u.path for u in project.unread)})
    return Unjudged(tuple(files), frozenset(keys))


def _key_of(kind: str, scope: str, record_id: str) -> ScopeKey:
    if scope:
        association, _, year = scope.partition("/")
        return (association, year)
    if kind == "association":
        return (record_id, None)
    if kind in _COUNCIL_KINDS:
        return (None, None)
    return EVERYTHING


def _key_of_unread(place: Place | None, path: str) -> ScopeKey:
    if place is not None:
        return _key_of(place.kind, place.scope, place.id)
    parts = path.split("/")
    if parts[1:2] == ["council"]:
        return (None, None)
    if parts[1:2] == ["associations"] and len(parts) > 3:
        year = parts[3] if is_school_year(parts[3]) else None
        return (parts[2], year)
    return EVERYTHING


def scope_titles(keys: Iterable[ScopeKey]) -> list[str]:
    """«mpo-tula, 2025/2026», «совет «РОСТ»», «все» — the scopes in Russian, for the summary."""
    titles = []
    for association, year in sorted(keys, key=lambda k: (k[0] or "", k[1] or "")):
        if (association, year) == EVERYTHING:
            return ["все (не прочитаны общие записи)"]
        who = association if association is not None else "совет «РОСТ»"
        titles.append(f"{who}, {school_year_title(year)}" if year else f"{who}, все годы")
    return titles
