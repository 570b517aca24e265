"""The calendar feed `calendar.ics` (RFC 5545): the associations' meetings and council events.

Readers subscribe to it in their own calendar. The same records and as-of date always give
the same bytes: DTSTAMP is the as-of day and events are ordered by date and UID. A UID stays
the same when a meeting is postponed or cancelled, so subscribed calendars update the event
instead of adding another.

Every event has an end: a meeting with a start time lasts `site.meeting_minutes` of the
settings (two hours unless set), one without a time and a council event take their whole
days. Every event links its page by an absolute URL made from the edition's address in the
settings (`site.public_url`, `site.internal_url`). Without that address there is no URL —
iCalendar allows only absolute ones, and a calendar has no base to resolve a relative one
against — and the description names the page's path on the site instead. Record text is
written as plain text (`textsafe.plain_line`): some calendars show event text as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone

from icalendar import Calendar, Event

from generator.rendering.context import SiteContext, event_page, meeting_page
from generator.rendering.publication import Edition
from generator.rendering.textsafe import external_url, plain_line
from generator.russian import ru_date
from schemas import Association, CouncilEvent, Meeting, SiteSettings
from schemas.enums import MeetingStatus

CALENDAR_PAGE = "calendar.ics"
UID_DOMAIN = "cnppm-tula"
PRODID = "-//МКУ «ЦНППМ г. Тулы»//Объединение и совет «РОСТ»//RU"
# Tula keeps Moscow time, UTC+3 all year since 2014; times are written in UTC, so the feed
# needs no VTIMEZONE and does not depend on the tz database of the machine that builds it.
MOSCOW = timezone(timedelta(hours=3), "MSK")
# How long a meeting with a start time lasts when there are no settings: their default.
MEETING_MINUTES: int = SiteSettings.model_fields["meeting_minutes"].default


@dataclass(frozen=True, slots=True)
class Item:
    """One VEVENT, before it is written."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime  # for an all-day event, the day after its last day
    page: str  # the site path of the event's page, possibly with an anchor
    cancelled: bool = False
    location: str | None = None
    details: list[str] = field(default_factory=list)


def pages(site: SiteContext) -> dict[str, str]:
    return {CALENDAR_PAGE: feed(site)}


def feed(site: SiteContext) -> str:
    """The iCalendar text of the meetings and council events of this edition."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    settings = site.project.settings
    name = settings.site.title if settings else "Объединение и совет «РОСТ»"
    calendar.add("x-wr-calname", plain_line(name))
    stamp = datetime.combine(site.publishing.as_of, time(0), tzinfo=UTC)
    base = site_url(site)
    items = [*_meetings(site), *_council_events(site)]
    for item in sorted(items, key=lambda i: (_sort_day(i.start), i.uid)):
        calendar.add_component(_vevent(item, stamp, base))
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")


def site_url(site: SiteContext) -> str | None:
    """The absolute address of this edition from Settings, if it is set and is http(s)."""
    settings = site.project.settings
    if settings is None:
        return None
    internal = site.publishing.edition is Edition.INTERNAL
    address = settings.site.internal_url if internal else settings.site.public_url
    checked = external_url(address)
    return str(checked).rstrip("/") + "/" if checked else None


def page_url(page: str) -> str:
    """The URL path MkDocs gives a page (directory URLs): `a/b.md#x` → `a/b/#x`."""
    path, hash_, fragment = page.partition("#")
    path = path.removesuffix(".md")
    path = path.removesuffix("index") if path == "index" or path.endswith("/index") else path + "/"
    return path + hash_ + fragment


def _sort_day(start: date | datetime) -> datetime:
    if isinstance(start, datetime):
        return start
    return datetime.combine(start, time(0), tzinfo=MOSCOW)


def _vevent(item: Item, stamp: datetime, base: str | None) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.start)
    event.add("dtend", item.end)
    event.add("summary", plain_line(item.summary))
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.location:
        event.add("location", plain_line(item.location))
    details = [plain_line(detail) for detail in item.details]
    if base:
        event.add("url", base + page_url(item.page))
    else:
        details.append(f"Страница на сайте: {page_url(item.page) or '/'}")
    event.add("description", "\n".join(details))
    return event


def _meetings(site: SiteContext) -> list[Item]:
    names = {r.place.id: a.short_name for r, a in site.records("association", Association)}
    settings = site.project.settings
    length = timedelta(minutes=settings.site.meeting_minutes if settings else MEETING_MINUTES)
    items = []
    for record, meeting in site.records("meeting", Meeting):
        association, year, number = (
            record.place.association or "",
            record.place.year,
            record.place.id,
        )
        day = meeting.new_date or meeting.date
        start: date | datetime = day
        end: date | datetime = day + timedelta(days=1)
        if meeting.time:
            hours, minutes = (int(part) for part in meeting.time.split(":"))
            start = datetime.combine(day, time(hours, minutes), tzinfo=MOSCOW).astimezone(UTC)
            end = start + length
        cancelled = meeting.status is MeetingStatus.CANCELLED
        title = f"Заседание № {int(number)}: {meeting.topic}"
        details = [names.get(association, "")]
        if meeting.format is not None:  # a draft protocol from Word may not record it
            details.append(f"Формат: {meeting.format.label}.")
        details.append(f"Состояние: {meeting.status.label}.")
        if meeting.new_date:
            details.append(f"Перенесено с {ru_date(meeting.date)} на {ru_date(meeting.new_date)}.")
        if meeting.cancel_reason:
            details.append(f"Причина отмены: {meeting.cancel_reason}")
        items.append(
            Item(
                uid=f"{association}-{year}-{number}@{UID_DOMAIN}",
                summary=f"Отменено: {title}" if cancelled else title,
                start=start,
                end=end,
                page=meeting_page(association, f"{year}/{number}"),
                cancelled=cancelled,
                location=meeting.place,
                details=[d for d in details if d],
            )
        )
    return items


def _council_events(site: SiteContext) -> list[Item]:
    items = []
    for record, event in site.records("event", CouncilEvent):
        kind = event.kind.label
        details = [
            "Совет «РОСТ»",
            f"Уровень: {event.level.label}. Формат: {event.format.label}.",
            f"Организатор: {event.organiser}",
        ]
        if link := external_url(event.url):
            details.append(f"Страница мероприятия: {link}")
        items.append(
            Item(
                uid=f"rost-{record.place.id}@{UID_DOMAIN}",
                summary=f"{kind[:1].upper()}{kind[1:]}: {event.title}",
                start=event.date,
                end=(event.end_date or event.date) + timedelta(days=1),
                page=event_page(record.place.id),
                details=details,
            )
        )
    return items
