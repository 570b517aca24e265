"""The region as a whole: its people, staff, towns and the events of the centre."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from synth import pools
from synth.people import People, Staff
from synth.spec import CENTRE_SHORT, PPSS_SHORT, Node, Spec, chance, fill, workday
from synth.towns import Town


@dataclass
class Event:
    id: str
    kind: str
    day: date
    record: Node
    participants: list[str] = field(default_factory=list)


@dataclass
class Region:
    spec: Spec
    people: People
    staff: Staff
    events: list[Event]
    towns: list[Town] = field(default_factory=list)

    def events_in(self, month: str) -> list[Event]:
        return [e for e in self.events if f"{e.day:%Y-%m}" == month]


def make_events(rng: random.Random, spec: Spec) -> list[Event]:
    """About two events a month from September to May, and those announced after the as-of day."""
    events: list[Event] = []
    last = spec.as_of + timedelta(days=60)
    for start in spec.starts:
        for month in (9, 10, 11, 12, 1, 2, 3, 4, 5):
            year = start if month >= 9 else start + 1
            for _ in range(rng.choice((1, 2, 2, 3))):
                day = workday(date(year, month, rng.randint(3, 26)))
                if day <= last:
                    events.append(_event(rng, day, {e.id for e in events}))
    return sorted(events, key=lambda e: (e.day, e.id))


def _event(rng: random.Random, day: date, taken: set[str]) -> Event:
    kind = rng.choice(
        ("webinar", "webinar", "online_seminar", "seminar", "conference", "master_class", "other")
    )
    event_id, n = f"{kind.replace('_', '-')}-{day:%Y-%m-%d}", 1
    while event_id in taken:
        n += 1
        event_id = f"{kind.replace('_', '-')}-{day:%Y-%m-%d}-{n}"
    level = {"conference": "regional", "webinar": rng.choice(("federal", "regional"))}.get(
        kind, rng.choice(("regional", "municipal"))
    )
    organiser = rng.choice(pools.EVENT_ORGANISERS).format(centre=CENTRE_SHORT, ppss=PPSS_SHORT)
    record: Node = {
        "title": fill(rng, rng.choice(pools.EVENT_TITLES[kind])),
        "kind": kind,
        "date": day,
        "end_date": day + timedelta(days=1) if kind == "conference" else None,
        "format": rng.choice(("online", "online", "hybrid", "in_person")),
        "level": level,
        "organiser": organiser,
        "direction": rng.choice(("methodical", "consultative", "informational")),
        "participants": [],
        "url": "https://vk.com/rost_tula" if chance(rng, 0.6) else None,
    }
    return Event(event_id, kind, day, record)
