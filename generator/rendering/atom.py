"""The Atom feed `feed.xml` (RFC 4287): what is new on this edition of the site.

Readers subscribe to it in a feed reader. Its entries are what the edition publishes, each
dated by a fact in its record, newest first (the newest LIMIT of them): signed protocols (by the day of signing),
practices of the library (by the day of their review), council events that have begun (by
their first day — coming events are in the calendar `calendar.ics`) and council materials (by
the day of publication). Nothing dated after the as-of day enters it, so the same records and
date always give the same bytes.

What an edition shows is decided where its pages decide it (`publication`): a draft protocol
never appears, the public library holds only recommended practices all of whose authors
agreed. The feed names no people at all. Every entry links its page by an absolute URL made
from the edition's address in the settings (`site.public_url`, `site.internal_url`); without
it the links are relative to the feed, which sits at the site's root, as RFC 4287 allows.

The XML is written with the standard library's ElementTree, which escapes text and attribute
values; characters XML 1.0 does not allow are dropped from record text first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from generator.rendering.context import SiteContext, event_page, meeting_page
from generator.rendering.feed import MOSCOW, UID_DOMAIN, page_url, site_url
from generator.rendering.publication import practice_shown, protocol_shown
from generator.russian import ru_date
from schemas import Association, CouncilEvent, CouncilMaterial, Meeting, Practice

FEED_PAGE = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
# Ids that stay the same when the site moves to another address (RFC 4151 tag URIs).
TAG = f"tag:{UID_DOMAIN},2025:rost/"
DEFAULT_TITLE = "Объединение и совет «РОСТ»"
# The newest entries only: a reader needs what is new, and a region's tree has thousands.
LIMIT = 50
# Characters XML 1.0 does not allow, and the C1 controls and line separators besides.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the feed, before it is written."""

    key: str  # the stable part of its id: `protocol/mpo-tula/2025-2026/03`
    category: str  # what kind of news it is, in Russian
    title: str
    day: date
    page: str  # the site path of its page, possibly with an anchor
    summary: str


def pages(site: SiteContext) -> dict[str, str]:
    return {FEED_PAGE: feed(site)}


def entries(site: SiteContext) -> list[Entry]:
    """The edition's newest entries up to its as-of day, newest first (ties by id, for
    stable bytes); at most LIMIT."""
    found = [*_protocols(site), *_practices(site), *_events(site), *_materials(site)]
    shown = [e for e in found if e.day <= site.publishing.as_of]
    return sorted(shown, key=lambda e: (e.day, e.key), reverse=True)[:LIMIT]


def feed(site: SiteContext) -> str:
    """The Atom document of this edition."""
    base = site_url(site) or ""
    items = entries(site)
    settings = site.project.settings
    title = settings.site.title if settings else DEFAULT_TITLE
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "ru"})
    _text(root, "id", f"{TAG}{site.publishing.edition.value}")
    _text(root, "title", f"{title}: новое на сайте")
    _text(root, "subtitle", "Подписанные протоколы, практики, мероприятия и материалы совета.")
    newest = items[0].day if items else site.publishing.as_of
    _text(root, "updated", _stamp(newest))
    author = ET.SubElement(root, "author")
    _text(author, "name", site.org(settings.centre) if settings else DEFAULT_TITLE)
    ET.SubElement(root, "link", {"rel": "self", "href": base + FEED_PAGE})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": base or "./"})
    for item in items:
        root.append(_entry(item, base))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _entry(item: Entry, base: str) -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "id", TAG + item.key)
    _text(entry, "title", item.title)
    _text(entry, "published", _stamp(item.day))
    _text(entry, "updated", _stamp(item.day))
    href = base + (page_url(item.page) or "./")
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href})
    ET.SubElement(entry, "category", {"term": item.key.partition("/")[0], "label": item.category})
    _text(entry, "summary", item.summary).set("type", "text")
    return entry


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = clean(value)
    return element


def clean(value: object) -> str:
    """Record text as one line of XML-safe text (the serializer escapes `<`, `&`, quotes)."""
    return _SPACES.sub(" ", _NOT_XML.sub(" ", str(value or ""))).strip()


def _stamp(day: date) -> str:
    """Midnight of a day in Tula (Moscow time), as Atom dates are written."""
    return datetime.combine(day, time(0), tzinfo=MOSCOW).isoformat()


# --- what enters the feed -------------------------------------------------------------------


def _protocols(site: SiteContext) -> Iterator[Entry]:
    names = {r.place.id: a.short_name for r, a in site.records("association", Association)}
    for record, meeting in site.records("meeting", Meeting):
        protocol = protocol_shown(meeting, site.publishing)
        if protocol is None or protocol.signed is None:
            continue
        association, year, number = (
            record.place.association or "",
            record.place.year,
            record.place.id,
        )
        held = meeting.new_date or meeting.date
        yield Entry(
            key=f"protocol/{association}/{year}/{number}",
            category="Протокол заседания",
            title=f"Протокол заседания № {int(number)} от {ru_date(held)}: {meeting.topic}",
            day=protocol.signed,
            page=meeting_page(association, f"{year}/{number}"),
            summary=f"{names.get(association, '')}. Заседание {ru_date(held)}, тема: "
            f"{meeting.topic}. Протокол подписан {ru_date(protocol.signed)}.",
        )


def _practices(site: SiteContext) -> Iterator[Entry]:
    for record, practice in site.records("practice", Practice):
        if not practice_shown(practice, site.publishing):
            continue
        year_start = date(int(practice.year[:4]), 9, 1)
        yield Entry(
            key=f"practice/{record.place.id}",
            category="Управленческая практика",
            title=f"Практика: {practice.title}",
            day=practice.reviewed or year_start,
            page=f"practices/{record.place.id}.md",
            summary=f"{site.org(practice.organization)}. Проблема: {practice.problem}",
        )


def _events(site: SiteContext) -> Iterator[Entry]:
    for record, event in site.records("event", CouncilEvent):
        kind = event.kind.label
        when = ru_date(event.date)
        if event.end_date and event.end_date != event.date:
            when += f" – {ru_date(event.end_date)}"
        summary = (
            f"{when}. Уровень: {event.level.label}. Формат: {event.format.label}. "
            f"Организатор: {event.organiser}."
        )
        yield Entry(
            key=f"event/{record.place.id}",
            category="Мероприятие совета «РОСТ»",
            title=f"{kind[:1].upper()}{kind[1:]}: {event.title}",
            day=event.date,
            page=event_page(record.place.id),
            summary=summary + (f" Итоги: {event.outcome}" if event.outcome else ""),
        )


def _materials(site: SiteContext) -> Iterator[Entry]:
    for record, material in site.records("material", CouncilMaterial):
        kind = material.type.label
        yield Entry(
            key=f"material/{record.place.id}",
            category="Материал совета «РОСТ»",
            title=f"{kind[:1].upper()}{kind[1:]}: {material.title}",
            day=material.published,
            page=f"council/materials.md#{record.place.id}",
            summary=material.summary,
        )
