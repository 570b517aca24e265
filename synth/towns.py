"""Towns of the associations and their schools: names, heads and deputies, lists, leaders."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from synth import pools
from synth.people import People, PersonData, hire, leave
from synth.spec import CENTRE, Node, Spec, chance, school_year


@dataclass
class Tenure:
    person: str
    since: date
    until: date | None = None


@dataclass
class School:
    id: str
    low: bool  # in the town's pool of low-result schools
    category: str  # shnor or shssu while listed
    names: list[Node]
    heads: list[Tenure]
    deputies: list[Tenure]
    record: Node

    def head(self, day: date) -> str:
        return _holder(self.heads, day)

    def deputy(self, day: date) -> str:
        return _holder(self.deputies, day)

    def short_name(self, day: date) -> str:
        for name in reversed(self.names):
            if (name.get("since") or date.min) <= day <= (name.get("until") or date.max):
                return str(name["short"])
        return str(self.names[-1]["short"])


def _holder(tenures: list[Tenure], day: date) -> str:
    for tenure in reversed(tenures):
        if tenure.since <= day and (tenure.until is None or day <= tenure.until):
            return tenure.person
    return tenures[-1].person


@dataclass
class Town:
    index: int
    slug: str
    name: str
    genitive: str
    rng: random.Random
    curator: PersonData
    schools: list[School]
    listed: dict[int, list[School]] = field(default_factory=dict)  # school year → ШНОР
    left: dict[int, list[str]] = field(default_factory=dict)  # who left the list after it
    leader: dict[int, str] = field(default_factory=dict)
    secretary: dict[int, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"mpo-{self.slug}"

    @property
    def partners(self) -> list[School]:
        return [s for s in self.schools if not s.low]

    @property
    def department(self) -> str:
        return f"uo-{self.slug}"


def town_names(index: int) -> tuple[str, str, str]:
    slug, name, genitive = pools.TOWNS[index % len(pools.TOWNS)]
    lap = index // len(pools.TOWNS)
    if lap:
        return f"{slug}-{lap + 1}", f"{name} ({lap + 1})", f"{genitive} ({lap + 1})"
    return slug, name, genitive


def make_town(spec: Spec, index: int, people: People) -> Town:
    rng = random.Random(f"{spec.seed}:town:{index}")
    slug, name, genitive = town_names(index)
    first = date(spec.starts[0], 8, 20)
    curator = people.new(rng, first)
    hire(
        curator,
        "методист",
        CENTRE,
        date(rng.randint(2012, spec.starts[0] - 1), 9, 1),
        department=pools.CENTRE_DEPARTMENTS["methodical"],
        role="centre_staff",
    )
    numbers = rng.sample(range(1, 41), 10)
    schools = [_school(rng, spec, people, slug, name, numbers[i], low=i < 6) for i in range(10)]
    town = Town(index, slug, name, genitive, rng, curator, schools)
    _turnover(town, spec, people)
    _lists(town, spec)
    _leaders(town, spec)
    return town


def _school(
    rng: random.Random, spec: Spec, people: People, town: str, place: str, number: int, low: bool
) -> School:
    kind = rng.choice(pools.LOW_SCHOOL_KINDS if low else pools.PARTNER_SCHOOL_KINDS)
    school_id = f"{town}-school-{number}"
    short, full = pools.SCHOOL_KINDS[kind]
    names: list[Node] = [
        {"short": f"{short.format(n=number)} {place}", "full": f"{full.format(n=number)} {place}"}
    ]
    if kind == "sh" and spec.years > 1 and chance(rng, 0.15):  # merged, became a centre
        merged = date(rng.choice(spec.starts[1:]), 9, 1)
        co_short, co_full = pools.SCHOOL_KINDS["co"]
        names[0]["until"] = merged - timedelta(days=1)
        names.append(
            {
                "short": f"{co_short.format(n=number)} {place}",
                "full": f"{co_full.format(n=number)} {place}",
                "since": merged,
            }
        )
    first = date(spec.starts[0], 8, 20)
    tenures: list[list[Tenure]] = []
    for title in ("директор", rng.choice(pools.DEPUTY_TITLES)):
        person = people.new(rng, first)
        since = date(rng.randint(2005, spec.starts[0] - 1), 9, 1)
        hire(person, title, school_id, since, role="head" if title == "директор" else "deputy")
        tenures.append([Tenure(person.id, since)])
    record: Node = {
        "kind": "school",
        "names": names,
        "categories": [],
        "risk_factors": rng.sample(pools.RISK_FACTORS, 2) if low else [],
        "address": f"{place}, {rng.choice(pools.STREETS)}, д. {rng.randint(1, 60)}",
        "website": f"https://{school_id}.example.org",
    }
    category = "shssu" if chance(rng, 0.2) else "shnor"
    return School(school_id, low, category, names, tenures[0], tenures[1], record)


def _turnover(town: Town, spec: Spec, people: People) -> None:
    """Heads and deputies change between school years (from 1 July)."""
    rng = town.rng
    for start in spec.starts[1:]:
        change = date(start, 7, 1)
        for school in town.schools:
            if chance(rng, 0.12):
                head = people.by_id[school.heads[-1].person]
                leave(head, change - timedelta(days=1))
                school.heads[-1].until = change - timedelta(days=1)
                if chance(rng, 0.5):  # the deputy becomes the head
                    promoted = people.by_id[school.deputies[-1].person]
                    leave(promoted, change - timedelta(days=1))
                    school.deputies[-1].until = change - timedelta(days=1)
                    hire(promoted, "директор", school.id, change, role="head")
                    school.heads.append(Tenure(promoted.id, change))
                    _new_deputy(rng, people, school, change)
                else:
                    newcomer = people.new(rng, change)
                    hire(newcomer, "директор", school.id, change, role="head")
                    school.heads.append(Tenure(newcomer.id, change))
            elif chance(rng, 0.12):
                deputy = people.by_id[school.deputies[-1].person]
                leave(deputy, change - timedelta(days=1))
                school.deputies[-1].until = change - timedelta(days=1)
                _new_deputy(rng, people, school, change)


def _new_deputy(rng: random.Random, people: People, school: School, since: date) -> None:
    person = people.new(rng, since)
    hire(person, rng.choice(pools.DEPUTY_TITLES), school.id, since, role="deputy")
    school.deputies.append(Tenure(person.id, since))


def _lists(town: Town, spec: Spec) -> None:
    """Four of the six low-result schools are listed each year; now and then one leaves."""
    rng = town.rng
    pool = [s for s in town.schools if s.low]
    listed = pool[:4]
    for start in spec.starts:
        town.listed[start] = list(listed)
        left: list[str] = []
        if chance(rng, 0.3):
            leaving = rng.choice(listed)
            entering = rng.choice([s for s in pool if s not in listed])
            listed = [entering if s is leaving else s for s in listed]
            left.append(leaving.id)
        town.left[start] = left
    for school in pool:
        for start in spec.starts:
            on_list = school in town.listed[start]
            school.record["categories"].append(
                {
                    "year": school_year(start),
                    "category": school.category if on_list else "not_listed",
                    "order": list_order(start) if on_list else None,
                }
            )


def _leaders(town: Town, spec: Spec) -> None:
    """A partner school's head leads; they stay while they head it, else another is elected."""
    leader_school = town.partners[0]
    secretary_school = town.partners[1]
    for start in spec.starts:
        day = date(start, 9, 1)
        town.leader[start] = leader_school.head(day)
        town.secretary[start] = secretary_school.deputy(day)


def list_order(start: int) -> str:
    return f"minobr-list-{start}"
