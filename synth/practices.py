"""Managerial practices presented at an association year's meetings."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date

from synth import pools
from synth.spec import Node, chance
from synth.yamltext import front_matter
from synth.year import YearData


def practice_files(year: YearData) -> Iterator[tuple[str, str]]:
    rng = year.rng
    first, last = date(year.start, 9, 1), date(year.start + 1, 5, 31)
    elapsed = min(1.0, max(0.0, (year.as_of - first).days / (last - first).days))
    count = round(rng.randint(6, 10) * elapsed)
    held = [m for m in year.held() if m.day <= year.as_of]
    over = date(year.start + 1, 8, 31) < year.as_of
    for slug, title, direction, tags in rng.sample(pools.PRACTICES, count):
        low, partner = rng.choice(year.pairs)
        school = partner if chance(rng, 0.7) else low
        day = date(year.start, 9, 1)
        authors = [school.head(day)] + ([school.deputy(day)] if chance(rng, 0.6) else [])
        presented = []
        if held:
            meeting = rng.choice(held)
            presented.append(
                {"meeting": year.ref(meeting), "association": year.town.id, "date": meeting.day}
            )
        review = (
            rng.choices(("recommended", "reviewed", "proposed"), (60, 25, 15))[0]
            if over
            else rng.choice(("proposed", "reviewed"))
        )
        reviewed = None
        if review != "proposed":
            reviewed = min(date(year.start + 1, 6, 10), year.as_of)
        problem = rng.choice(pools.PRACTICE_PROBLEMS)
        record: Node = {
            "title": title,
            "organization": school.id,
            "authors": [{"person": a, "distribution_consent": chance(rng, 0.92)} for a in authors],
            "problem": problem,
            "results": _practice_results(rng),
            "direction": direction,
            "tags": list(tags),
            "year": year.year,
            "presented": presented,
            "materials": [{"title": "Описание практики", "url": "https://vk.com/rost_tula"}],
            "review": review,
            "reviewed": reviewed,
        }
        body = pools.PRACTICE_BODY.format(problem=problem)
        path = f"records/practices/{slug}-{year.town.slug}-{year.start}.md"
        yield path, front_matter(record, body)


def _practice_results(rng: random.Random) -> str:
    template = rng.choice(pools.PRACTICE_RESULTS)
    if "снизилась" in template:
        before = rng.randint(12, 25)
        return template.format(a=before, b=before - rng.randint(3, 9))
    before = rng.randint(40, 70)
    return template.format(a=before, b=min(100, before + rng.randint(5, 25)))
