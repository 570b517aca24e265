"""The council «РОСТ»: its members, weekly materials, events and monthly monitoring."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from synth import pools
from synth.region import Region
from synth.spec import FOCUS, Node, chance, fill
from synth.yamltext import dump


def council_files(region: Region) -> Iterator[tuple[str, str]]:
    spec, staff = region.spec, region.staff
    rng = random.Random(f"{spec.seed}:council")
    first = date(spec.starts[0], 9, 1)
    members: list[Node] = [
        {"person": m.id, "category": "working_group", "since": first} for m in staff.methodists[:3]
    ]
    seen = {m.id for m in staff.methodists[:3]}
    towns = region.towns[:4]
    for town in towns:
        for school in town.listed[spec.starts[0]][:1]:
            _member(members, seen, school.head(first), "shnor_manager", first)
        _member(members, seen, town.partners[2].head(first), "high_results_manager", first)
    if len(towns) < 2:  # a single association still fills every category
        town = towns[0]
        _member(members, seen, town.listed[spec.starts[0]][1].head(first), "shnor_manager", first)
        _member(members, seen, town.partners[3].head(first), "high_results_manager", first)
    for specialist in staff.ppss[:2]:
        _member(members, seen, specialist.id, "ppss_specialist", first)
    record: Node = {
        "name": "Постоянно действующий в сети Интернет консультационный совет «РОСТ»",
        "vk_url": "https://vk.com/rost_tula",
        "chair": staff.chair.id,
        "members": members,
        "content_editors": [m.id for m in staff.methodists[:2]],
        "moderator": staff.moderator.id,
        "monitoring_by": staff.monitoring.id,
    }
    yield "records/council/council.yaml", dump(record, "Совет «РОСТ» (РОСТ п. 3, 5).")
    yield from _materials(rng, region)
    yield from _events(rng, region)
    yield from _monitoring(rng, region)


def _member(members: list[Node], seen: set[str], person: str, category: str, since: date) -> None:
    if person not in seen:
        seen.add(person)
        members.append({"person": person, "category": category, "since": since})


def _materials(rng: random.Random, region: Region) -> Iterator[tuple[str, str]]:
    """One material a week from the first September to the as-of day."""
    spec = region.spec
    day = date(spec.starts[0], 9, 3)
    authors = [m.id for m in region.staff.methodists[:2]]
    focus_ids = [f for f, _t in FOCUS]
    while day <= spec.as_of:
        kind = rng.choice(
            ("video", "audio", "document", "document", "presentation", "link", "poll", "discussion")
        )
        record: Node = {
            "type": kind,
            "title": fill(rng, rng.choice(pools.MATERIAL_TITLES[kind])),
            "direction": rng.choice(("methodical", "consultative", "informational")),
            "focus": rng.sample(focus_ids, rng.randint(0, 2)),
            "author": rng.choice(authors) if chance(rng, 0.8) else None,
            "published": day,
            "vk_url": f"https://vk.com/wall-200000001_{(day - date(2000, 1, 1)).days}",
            "url": rng.choice(pools.MATERIAL_LINKS) if kind == "link" else None,
            "summary": "Материал для руководителей и заместителей руководителей ШНОР: "
            "как применить его в управленческой работе школы.",
        }
        yield f"records/council/materials/{kind}-{day:%Y-%m-%d}.yaml", dump(record)
        day += timedelta(days=7)


def _events(rng: random.Random, region: Region) -> Iterator[tuple[str, str]]:
    managers: dict[int, list[str]] = {}
    for town in region.towns:
        for start in region.spec.starts:
            day = date(start, 9, 1)
            managers.setdefault(start, []).extend(
                person
                for school in town.listed[start]
                for person in (school.head(day), school.deputy(day))
            )
    for event in region.events:
        start = event.day.year if event.day.month >= 9 else event.day.year - 1
        pool = managers.get(start, [])
        record = dict(event.record)
        if event.day <= region.spec.as_of:
            record["participants"] = rng.sample(pool, min(len(pool), rng.randint(2, 12)))
            record["outcome"] = (
                "Руководители ШНОР приняли участие; материалы опубликованы в сообществе «РОСТ»."
            )
        comment = "Мероприятие совета (РОСТ п. 4.1.1)."
        yield f"records/council/events/{event.id}.yaml", dump(record, comment)


def _monitoring(rng: random.Random, region: Region) -> Iterator[tuple[str, str]]:
    """A report for every month that ended before the as-of day (now and then one is missing)."""
    spec = region.spec
    start = date(spec.starts[0], 9, 1)
    visitors = 60
    while True:
        end = date(start.year + start.month // 12, start.month % 12 + 1, 1) - timedelta(days=1)
        if end >= spec.as_of:
            return
        visitors = max(20, visitors + rng.randint(-10, 14))
        if not chance(rng, 0.01):
            views = visitors * rng.randint(4, 7)
            record: Node = {
                "period_start": start,
                "period_end": end,
                "visitors": visitors,
                "views": views,
                "reach": views + rng.randint(100, 400),
                "likes": rng.randint(20, 120),
                "comments": rng.randint(2, 30),
                "reposts": rng.randint(1, 20),
                "posts": rng.randint(4, 9),
                "feedback": rng.choice(pools.MONITORING_FEEDBACK),
                "source": "статистика сообщества «РОСТ» ВКонтакте",
            }
            yield f"records/council/monitoring/{start:%Y-%m}.yaml", dump(record)
        start = end + timedelta(days=1)
