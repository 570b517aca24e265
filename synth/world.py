"""Synthetic projects: a deterministic, valid, realistic tree of records of any size.

`generate(spec)` yields `(path, text)` for every file of a project — `records/…` and the
attachment files they name — written as an editor would write them: YAML through the
scaffolder's quoting helpers (`yaml_quote`, `yaml_plain`), plain text only where no YAML
reader could take it for anything else. `synthesize` writes them into an empty folder
(`synth.writing.write_tree`).

Per association and school year (a full year; the year of the as-of date is cut at it):

| records | per year | region of A=25, Y=10 (seed 7) |
|---|---|---|
| meetings (6–10, protocols signed once held) | ~8 | 1 958 |
| consultation requests | 28–44 | 8 404 |
| consultations (answers and 16–24 group ones) | ~54 | 12 888 |
| deficits | 3–5 | 991 |
| practices | 6–10 | 1 856 |
| plan, membership; annual analysis of a finished year | 1 each | 250, 250, 225 |

Each association also has ten schools (six of low results, four partners), each with a
head and a deputy who change now and then between years, and a curator from the centre.
Once for the region: settings, the centre's staff, normative acts, the council, its weekly
materials, ~18 events a year and a monitoring report a month — 29 253 files in all for
A=25, Y=10, about 300 for A=1, Y=2 (the sample has 150).

The same spec always gives the same bytes: every choice comes from `random.Random`
seeded with the spec's seed and the association's number, so association `k` is the same
whatever the number of associations (A=25 is A=12 plus thirteen more). A small share of
records is deliberately imperfect — a late plan, a decision without its execution, a
request answered late, a year of three meetings acknowledged by the centre — so that
`check` reports a realistic mix; `validate` reports nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from synth.consultations import add_deficits, add_requests
from synth.council import council_files
from synth.meetings import add_meetings
from synth.people import People, make_staff
from synth.plans import acknowledgement_file, add_analysis, add_membership, add_plan
from synth.practices import practice_files
from synth.region import Region, make_events
from synth.regionwide import association_files, normative_files, organization_files, settings_file
from synth.spec import Spec, SynthError, chance
from synth.towns import Town, make_town
from synth.writing import write_tree
from synth.yamltext import dump
from synth.year import YearData


def make_year(region: Region, town: Town, start: int) -> YearData:
    day = date(start, 9, 1)
    pairs = list(zip(town.listed[start], town.partners, strict=False))
    participants: list[tuple[str, str]] = []
    for low, partner in pairs:
        kind = "shssu" if low.category == "shssu" else "shnor"
        participants += [(low.head(day), f"{kind}_head"), (low.deputy(day), f"{kind}_deputy")]
        participants += [
            (partner.head(day), "partner_head"),
            (partner.deputy(day), "partner_deputy"),
        ]
    year = YearData(region, town, start, region.spec, participants, pairs)
    short_year = _short_year(year)
    add_meetings(year, short_year)
    add_deficits(year)
    add_requests(year)
    add_plan(year)
    add_membership(year)
    add_analysis(year)
    return year


def _short_year(year: YearData) -> bool:
    """A past year that held only three meetings (the centre acknowledges it)."""
    over = date(year.start + 1, 8, 31) < year.as_of
    return over and chance(year.rng, 0.03)


def generate(spec: Spec) -> Iterator[tuple[str, str]]:
    """Every file of the synthetic project as (root-relative POSIX path, text), in order."""
    if spec.associations < 1 or not 1 <= spec.years <= 30:
        raise SynthError("нужно хотя бы одно объединение и от 1 до 30 учебных лет.")
    return _files(spec)


def _files(spec: Spec) -> Iterator[tuple[str, str]]:
    rng = random.Random(f"{spec.seed}:region")
    people = People()
    first = date(spec.starts[0], 8, 20)
    staff = make_staff(rng, people, first)
    region = Region(spec, people, staff, make_events(rng, spec))
    yield settings_file()
    for index in range(spec.associations):
        town = make_town(spec, index, people)
        region.towns.append(town)
        for start in spec.starts:
            year = make_year(region, town, start)
            yield from year.files
            yield from practice_files(year)
            acknowledged = acknowledgement_file(year)
            if acknowledged:
                yield acknowledged
    yield from association_files(region)
    yield from organization_files(region)
    yield from normative_files(region)
    yield from council_files(region)
    for person in people.by_id.values():
        yield f"records/people/{person.id}.yaml", dump(person.record())


def synthesize(out: Path, spec: Spec) -> Counter[str]:
    """Write the synthetic project of `spec` into `out`; counts of files by kind."""
    return write_tree(out, generate(spec))
