"""The home page: what is coming, what was decided lately."""

from __future__ import annotations

from datetime import date

from generator.rendering.context import SiteContext
from generator.rendering.dashboard import scopes, year_icon, year_summary
from generator.rendering.publication import protocol_shown
from generator.russian import ru_date
from schemas import CouncilEvent, Meeting

LATEST = 5


def pages(site: SiteContext) -> dict[str, str]:
    as_of = site.publishing.as_of
    coming: list[tuple[date, str, str, str]] = []  # (day, what, title, page)
    latest: list[tuple[date, str, str]] = []  # (signed, title, page)
    for record, meeting in site.records("meeting", Meeting):
        page = f"associations/{record.place.association}/{record.place.year}/meetings/{record.place.id}.md"
        day = meeting.new_date or meeting.date
        if meeting.status.value in ("planned", "postponed") and day >= as_of:
            coming.append((day, f"заседание № {int(record.place.id)}", meeting.topic, page))
        protocol = protocol_shown(meeting, site.publishing)
        if protocol is not None and protocol.signed is not None:
            title = f"Протокол № {int(record.place.id)} от {ru_date(meeting.date)}: {meeting.topic}"
            latest.append((protocol.signed, title, page))
    for _record, event in site.records("event", CouncilEvent):
        if event.date >= as_of:
            coming.append((event.date, event.kind.label, event.title, "council/events.md"))
    coming.sort(key=lambda item: (item[0], item[2]))
    latest.sort(key=lambda item: item[0], reverse=True)
    status = (
        [
            (title, anchor, f"{year_icon(outcomes)} {year_summary(outcomes)}")
            for title, anchor, outcomes in scopes(site)
        ]
        if site.publishing.internal
        else []
    )
    page = site.render(
        "home.md.j2", "index.md", coming=coming, latest=latest[:LATEST], status=status
    )
    return {"index.md": page}
