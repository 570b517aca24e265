"""The library of management practices (МПО п. 2.2.6): an index with filters and a page each.

The site is static and needs no JavaScript: the index "filters" by grouping the practices
under anchored sections — by direction, school year, school and tag — linked from its top.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from markupsafe import Markup

from generator.rendering.context import SiteContext
from generator.rendering.publication import Edition, Publishing, practice_shown
from generator.rendering.reference import anchor, natural_key, text_anchor
from generator.russian import ru_date, school_year_title
from schemas import Association, CouncilEvent, Meeting, Practice, Presentation, school_year_bounds
from schemas.enums import Direction

INDEX = "practices/index.md"
K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Tag:
    text: str
    id: Markup


@dataclass(frozen=True, slots=True)
class Entry:
    """A practice shown on this edition, with what its pages print about it."""

    practice: Practice
    page: str
    day: date  # authors' positions and the school's name are given as of this day
    school: str
    tags: list[Tag]
    state: str = ""  # internal: «пора перечитать: …», «выведена из библиотеки …»; else empty


@dataclass(frozen=True, slots=True)
class Group:
    title: str
    id: Markup
    entries: list[Entry]


@dataclass(frozen=True, slots=True)
class Shown:
    """Where a practice was presented: a meeting or a council event, linked when recorded."""

    day: date
    meeting: str = ""  # `2025-2026/03`
    association_id: str = ""  # set when the meeting's page exists
    association: str = ""  # the association's short name
    event_id: str = ""  # set when the event is recorded
    event: str = ""


def pages(site: SiteContext) -> dict[str, str]:
    shown = [
        (record.place.id, practice)
        for record, practice in site.records("practice", Practice)
        if practice_shown(practice, site.publishing)
    ]
    tag_ids = _tag_ids(tag for _id, practice in shown for tag in practice.tags)
    entries = sorted(
        (_entry(site, practice_id, practice, tag_ids) for practice_id, practice in shown),
        key=lambda e: (-int(e.practice.year[:4]), e.practice.title.casefold()),
    )
    out = {INDEX: _index(site, entries, tag_ids)}
    for entry in entries:
        out[entry.page] = _practice_page(site, entry)
    return out


def _entry(
    site: SiteContext, practice_id: str, practice: Practice, tag_ids: dict[str, Markup]
) -> Entry:
    day = min(school_year_bounds(practice.year)[1], site.publishing.as_of)
    return Entry(
        practice=practice,
        page=f"practices/{practice_id}.md",
        day=day,
        school=site.org(practice.organization, day),
        tags=[Tag(tag, tag_ids[tag]) for tag in practice.tags],
        state=library_state(practice, site.publishing.as_of),
    )


def library_state(practice: Practice, day: date) -> str:
    """Why a practice is out of the public library on a day, though it would qualify
    otherwise: retired, or past its review-by date; empty when neither."""
    if practice.retired is not None and practice.retired_by(day):
        return f"выведена из библиотеки {ru_date(practice.retired.date)}"
    if practice.review_by is not None and practice.review_due(day):
        return f"пора перечитать: срок {ru_date(practice.review_by)} прошёл"
    return ""


def _tag_ids(tags: Iterable[str]) -> dict[str, Markup]:
    """A distinct anchor for each tag, stable while the set of tags stays the same."""
    ids: dict[str, Markup] = {}
    taken: set[str] = set()
    for tag in sorted(set(tags), key=str.casefold):
        base = text_anchor("tag", tag)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids[tag] = anchor(candidate)
    return ids


def _index(site: SiteContext, entries: list[Entry], tag_ids: dict[str, Markup]) -> str:
    years = sorted({e.practice.year for e in entries}, reverse=True)
    schools = sorted(
        {e.practice.organization for e in entries}, key=lambda o: natural_key(site.org(o))
    )
    directions = _groups(
        entries, list(Direction), lambda e: e.practice.direction, lambda d: d.label, _direction_id
    )
    by_year = _groups(
        entries, years, lambda e: e.practice.year, school_year_title, lambda y: f"year-{y}"
    )
    by_school = _groups(
        entries, schools, lambda e: e.practice.organization, site.org, lambda o: f"school-{o}"
    )
    tags = [
        Group(tag, tag_id, [e for e in entries if tag in e.practice.tags])
        for tag, tag_id in tag_ids.items()
    ]
    return site.render(
        "practices.md.j2", INDEX, entries=entries, directions=directions, years=by_year,
        schools=by_school, tags=tags,
    )  # fmt: skip


def _direction_id(direction: Direction) -> str:
    return "direction-" + direction.value.replace("_", "-")


def _groups(
    entries: list[Entry],
    keys: list[K],
    key_of: Callable[[Entry], K],
    title: Callable[[K], str],
    anchor_of: Callable[[K], str],
) -> list[Group]:
    """Non-empty groups of entries, one per key, in the keys' order (one pass over entries)."""
    by_key: dict[K, list[Entry]] = {}
    for entry in entries:
        by_key.setdefault(key_of(entry), []).append(entry)
    return [Group(title(key), anchor(anchor_of(key)), by_key[key]) for key in keys if key in by_key]


def _practice_page(site: SiteContext, entry: Entry) -> str:
    practice = entry.practice
    public = practice_shown(practice, Publishing(Edition.PUBLIC, site.publishing.as_of))
    org_listed = practice.organization in site.organizations
    return site.render(
        "practice.md.j2", entry.page, entry=entry, practice=practice, public=public,
        school_now=site.org(practice.organization),
        direction_id=anchor(_direction_id(practice.direction)),
        year_id=anchor(f"year-{practice.year}"),
        org_id=anchor(f"org-{practice.organization}") if org_listed else None,
        presented=[_shown(site, p) for p in sorted(practice.presented, key=lambda p: p.date)],
    )  # fmt: skip


def _shown(site: SiteContext, presentation: Presentation) -> Shown:
    if presentation.event is not None:
        record = site.project.get("event", presentation.event)
        if record is not None and isinstance(record.model, CouncilEvent):
            return Shown(presentation.date, event_id=presentation.event, event=record.model.title)
        return Shown(presentation.date, event="мероприятие совета «РОСТ»")
    if presentation.meeting is None:
        return Shown(presentation.date)
    association_id = presentation.association or _only_association(site) or ""
    year, _, number = presentation.meeting.partition("/")
    association = site.project.get("association", association_id)
    meeting = site.project.get("meeting", number, f"{association_id}/{year}")
    return Shown(
        presentation.date,
        meeting=presentation.meeting,
        association_id=association_id if meeting and isinstance(meeting.model, Meeting) else "",
        association=association.model.short_name
        if association and isinstance(association.model, Association)
        else "",
    )


def _only_association(site: SiteContext) -> str | None:
    """The association a meeting belongs to when the record does not say and there is one."""
    ids = [record.place.id for record in site.project.of_kind("association")]
    return ids[0] if len(ids) == 1 else None
