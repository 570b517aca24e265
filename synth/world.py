"""Synthetic projects: a deterministic, valid, realistic tree of records of any size.

`generate(spec)` yields `(path, text)` for every file of a project — `records/…` and the
attachment files they name — written as an editor would write them: YAML through the
scaffolder's quoting helpers (`yaml_quote`, `yaml_plain`), plain text only where no YAML
reader could take it for anything else. `write_tree` writes them into an empty folder.

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

import functools
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator.authoring.scaffold import yaml_plain, yaml_quote
from synth import pools

WORLD_DATE = date(2026, 11, 20)  # the as-of day of the synthetic world, unless told
CENTRE = "rcnppm"
PPSS = "ppss"
MINISTRY = "minobr"
FOCUS = (("ege", "ЕГЭ"), ("oge", "ОГЭ"), ("vpr", "ВПР"), ("rkr", "РКР"),
         ("pisa", "Задания PISA-типа (функциональная грамотность)"))  # fmt: skip
CENTRE_SHORT = "ГАУ ДПО ТО «РЦНППМ»"
CENTRE_FULL = (
    "Государственное автономное учреждение дополнительного профессионального образования "
    "Тульской области «Региональный центр непрерывного повышения профессионального мастерства "
    "педагогических работников»"
)
PPSS_SHORT = "ГБУ ТО «Центр ППСС»"
MONITORING_DEPARTMENT = pools.CENTRE_DEPARTMENTS["monitoring"]

Node = dict[str, Any]


class SynthError(Exception):
    """The tree cannot be written; the message says in Russian why."""


@dataclass(frozen=True, slots=True)
class Spec:
    """What to synthesise: how many associations and school years, from which seed."""

    associations: int
    years: int
    seed: int = 1
    as_of: date = WORLD_DATE

    @property
    def current(self) -> int:
        """The first calendar year of the school year that holds the as-of day."""
        return self.as_of.year if self.as_of.month >= 9 else self.as_of.year - 1

    @property
    def starts(self) -> list[int]:
        return list(range(self.current - self.years + 1, self.current + 1))


# --- YAML text -------------------------------------------------------------------------------

# Text a YAML reader can only take as text: letters, digits and a few marks, no «: » or «#».
_PLAIN_TEXT = re.compile(r"[0-9A-Za-zА-Яа-яЁё«][0-9A-Za-zА-Яа-яЁё «».,;()№%/+–—-]*[^ ]")
_SPECIAL_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"})


@functools.lru_cache(maxsize=65536)
def scalar_text(text: str) -> str:
    """A string as a YAML scalar: ids and dates plain, other text plain only when safe."""
    try:
        return yaml_plain(text)
    except ValueError:
        pass
    plain = _PLAIN_TEXT.fullmatch(text) and not text[0].isdigit()
    return text if plain and text.lower() not in _SPECIAL_WORDS else yaml_quote(text)


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return scalar_text(str(value))


def dump(record: Node, comment: str = "") -> str:
    """A record as block-style YAML; None values and empty lists are left out."""
    lines = [f"# {line}" for line in comment.splitlines()]
    _mapping(lines, record, 0)
    return "\n".join(lines) + "\n"


def front_matter(record: Node, body: str, comment: str = "") -> str:
    """Markdown with the record as its YAML front matter."""
    return "---\n" + dump(record, comment) + "---\n\n" + body


def _mapping(lines: list[str], record: Node, indent: int) -> None:
    pad = " " * indent
    for key, value in record.items():
        if value is None or (isinstance(value, list | dict) and not value):
            continue
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            _mapping(lines, value, indent + 2)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            _sequence(lines, value, indent + 2)
        elif isinstance(value, str) and "\n" in value:
            lines.append(f"{pad}{key}: |")
            lines.extend(
                f"{pad}  {line}" if line else "" for line in value.rstrip("\n").split("\n")
            )
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")


def _sequence(lines: list[str], items: list[Any], indent: int) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            start = len(lines)
            _mapping(lines, item, indent + 2)
            lines[start] = f"{pad}- {lines[start][indent + 2 :]}"
        else:
            lines.append(f"{pad}- {scalar(item)}")


# --- small helpers ---------------------------------------------------------------------------


def school_year(start: int) -> str:
    return f"{start}-{start + 1}"


def ru(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def translit(text: str) -> str:
    return "".join(pools.TRANSLIT.get(ch, ch) for ch in text.lower())


def workday(day: date) -> date:
    """The day itself, or the next Monday–Thursday (meetings are not held on Fridays)."""
    while day.weekday() > 3:
        day += timedelta(days=1)
    return day


def gendered(text: str, female: bool) -> str:
    """«Представил(а)» → «Представила» or «Представил»."""
    return text.replace("(а)", "а" if female else "")


def fill(rng: random.Random, template: str, **known: str) -> str:
    """A template with {proc} and {subj} chosen at random and other slots given."""
    return template.format(
        proc=rng.choice(pools.PROCEDURES), subj=rng.choice(pools.SUBJECTS), **known
    )


def between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


# --- people ----------------------------------------------------------------------------------


@dataclass
class PersonData:
    id: str
    surname: str
    name: str
    patronymic: str
    female: bool
    positions: list[Node] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    consent: Node | None = None
    contacts: Node | None = None

    def short(self) -> str:
        """«И. О. Фамилия», as in a protocol's text."""
        return f"{self.name[0]}. {self.patronymic[0]}. {self.surname}"

    def full(self) -> str:
        return f"{self.surname} {self.name} {self.patronymic}"

    def record(self) -> Node:
        return {
            "surname": self.surname,
            "name": self.name,
            "patronymic": self.patronymic,
            "positions": self.positions,
            "roles": self.roles,
            "consent": self.consent,
            "contacts": self.contacts,
        }


class People:
    """Every person of the region by id; ids are unique, in the order people were made."""

    def __init__(self) -> None:
        self.by_id: dict[str, PersonData] = {}
        self.consents = 0

    def new(self, rng: random.Random, first_seen: date) -> PersonData:
        female = chance(rng, 0.72)  # most school managers are women
        surname = rng.choice(pools.SURNAMES) + ("а" if female else "")
        name = rng.choice(pools.FEMALE_NAMES if female else pools.MALE_NAMES)
        patronymic = rng.choice(pools.PATRONYMICS)[1 if female else 0]
        base = f"{translit(surname)}-{translit(name[0])}{translit(patronymic[0])}"
        person_id, n = base, 1
        while person_id in self.by_id:
            n += 1
            person_id = f"{base}-{n}"
        person = PersonData(person_id, surname, name, patronymic, female)
        person.consent = self._consent(rng, first_seen)
        if chance(rng, 0.5):
            person.contacts = {"email": f"{person_id}@example.org"}
        self.by_id[person_id] = person
        return person

    def _consent(self, rng: random.Random, first_seen: date) -> Node | None:
        if chance(rng, 0.1):
            return None  # shown on the public site by position only
        self.consents += 1
        scope = ["name", "position"] if chance(rng, 0.9) else ["position"]
        if chance(rng, 0.1):
            scope.append("photo")
        signed = first_seen + timedelta(days=rng.randint(0, 10))
        consent: Node = {
            "date": signed,
            "scope": scope,
            "document": f"согласие № {self.consents}/{signed.year}, хранится в {CENTRE_SHORT}",
        }
        if chance(rng, 0.01):
            consent["withdrawn"] = signed + timedelta(days=rng.randint(200, 900))
        return consent


def hire(
    person: PersonData,
    title: str,
    organization: str,
    since: date,
    *,
    department: str | None = None,
    role: str | None = None,
) -> None:
    person.positions.append(
        {"title": title, "organization": organization, "department": department, "since": since}
    )
    if role and role not in person.roles:
        person.roles.append(role)


def leave(person: PersonData, until: date) -> None:
    person.positions[-1]["until"] = until


# --- the region ------------------------------------------------------------------------------


@dataclass
class Staff:
    """The centre's and Центр ППСС's people the whole region shares."""

    director: PersonData
    chair: PersonData
    monitoring: PersonData
    moderator: PersonData
    methodists: list[PersonData]
    ppss: list[PersonData]


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


def make_staff(rng: random.Random, people: People, start: date) -> Staff:
    def staff(title: str, department: str | None, *roles: str) -> PersonData:
        person = people.new(rng, start)
        hire(
            person,
            title,
            CENTRE,
            date(rng.randint(2008, start.year - 1), 9, 1),
            department=department,
            role=roles[0] if roles else "centre_staff",
        )
        person.roles.extend(r for r in roles[1:] if r not in person.roles)
        return person

    departments = pools.CENTRE_DEPARTMENTS
    methodists = [
        staff("старший методист", departments["methodical"], "centre_staff", "working_group")
        for _ in range(4)
    ]
    ppss = []
    for title in pools.PPSS_TITLES:
        person = people.new(rng, start)
        hire(
            person,
            title,
            PPSS,
            date(rng.randint(2008, start.year - 1), 9, 1),
            role="ppss_specialist",
        )
        ppss.append(person)
    return Staff(
        director=staff("директор", None),
        chair=staff("начальник отдела", departments["monitoring"], "centre_staff", "working_group"),
        monitoring=staff("методист", departments["monitoring"]),
        moderator=staff("специалист", departments["events"]),
        methodists=methodists,
        ppss=ppss,
    )


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


# --- schools and towns ----------------------------------------------------------------------


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


# --- one association's school year ------------------------------------------------------------


@dataclass
class MeetingData:
    number: int
    day: date
    status: str
    directions: list[str]
    topic: str
    record: Node
    decisions: list[tuple[str, date | None, str | None]] = field(default_factory=list)
    signed: date | None = None


@dataclass
class YearData:
    region: Region
    town: Town
    start: int
    spec: Spec
    participants: list[tuple[str, str]]  # (person, role)
    pairs: list[tuple[School, School]]
    meetings: list[MeetingData] = field(default_factory=list)
    deficits: list[str] = field(default_factory=list)
    deficit_status: dict[str, str] = field(default_factory=dict)
    plan_items: list[Node] = field(default_factory=list)
    requests: int = 0
    consultations: int = 0
    files: list[tuple[str, str]] = field(default_factory=list)

    @property
    def year(self) -> str:
        return school_year(self.start)

    @property
    def folder(self) -> str:
        return f"records/associations/{self.town.id}/{self.year}"

    @property
    def as_of(self) -> date:
        return self.spec.as_of

    @property
    def rng(self) -> random.Random:
        return self.town.rng

    @property
    def leader(self) -> str:
        return self.town.leader[self.start]

    @property
    def secretary(self) -> str:
        return self.town.secretary[self.start]

    @property
    def shnor_people(self) -> list[str]:
        return [p for p, role in self.participants if role.startswith(("shnor", "shssu"))]

    def held(self) -> list[MeetingData]:
        return [m for m in self.meetings if m.status == "held"]

    def ref(self, meeting: MeetingData) -> str:
        return f"{self.year}/{meeting.number:02d}"

    def add(self, relative: str, text: str) -> None:
        self.files.append((f"{self.folder}/{relative}", text))


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
    _meetings(year, short_year)
    _deficits(year)
    _requests(year)
    _plan(year)
    _membership(year)
    _analysis(year)
    return year


def _short_year(year: YearData) -> bool:
    """A past year that held only three meetings (the centre acknowledges it)."""
    over = date(year.start + 1, 8, 31) < year.as_of
    return over and chance(year.rng, 0.03)


def _meeting_days(year: YearData, count: int) -> list[date]:
    rng = year.rng
    opening = workday(date(year.start, 8, rng.randint(24, 28)))
    months = sorted(rng.sample(range(9), count - 1))  # September … May
    days = [opening]
    for offset in months:
        month = (8 + offset) % 12 + 1
        calendar_year = year.start if month >= 9 else year.start + 1
        days.append(workday(date(calendar_year, month, rng.randint(8, 24))))
    return days


def _meetings(year: YearData, short: bool) -> None:
    rng = year.rng
    count = 4 if short else rng.randint(6, 10)
    days = _meeting_days(year, count)
    cancelled = rng.randrange(2, count + 1) if short or chance(rng, 0.04) else None
    postponed_done = False
    for index, day in enumerate(days):
        number = index + 1
        last = number == count
        if number == cancelled:
            year.meetings.append(_cancelled(year, number, day))
        elif day + timedelta(days=7) < year.as_of:
            year.meetings.append(_held(year, number, day, last, signed=True))
        elif day <= year.as_of:
            year.meetings.append(_held(year, number, day, last, signed=False))
        elif not postponed_done and chance(rng, 0.15):
            postponed_done = True
            year.meetings.append(_planned(year, number, day, last, postponed=True))
        else:
            year.meetings.append(_planned(year, number, day, last, postponed=False))
    for meeting in year.meetings:
        comment = ""
        if meeting.number == 1:
            comment = (
                "Установочное заседание: выборы руководителя, план работы, анкетирование запросов."
            )
        year.add(f"meetings/{meeting.number:02d}.yaml", dump(meeting.record, comment))


def _topic(rng: random.Random, direction: str) -> str:
    return fill(rng, rng.choice(pools.MEETING_TOPICS[direction]))


def _place(year: YearData, rng: random.Random) -> tuple[str, str]:
    template = rng.choice(pools.PLACES)
    school = rng.choice(year.town.schools).short_name(date(year.start, 9, 1))
    fmt = (
        "online"
        if "онлайн," in template
        else ("hybrid" if "трансляция" in template else "in_person")
    )
    return template.format(centre=CENTRE_SHORT, school=school), fmt


def _base(year: YearData, number: int, day: date, status: str, directions: list[str]) -> Node:
    rng = year.rng
    if number == 1:
        topic = f"Установочное заседание — организация работы объединения в {year.year.replace('-', '/')} учебном году"
    else:
        topic = _topic(rng, directions[0])
    place, fmt = _place(year, rng)
    return {
        "status": status,
        "date": day,
        "time": rng.choice(("14:30", "15:00", "10:00")),
        "place": place,
        "format": fmt,
        "topic": topic,
    }


def _directions(rng: random.Random, number: int, last: bool) -> list[str]:
    if number == 1:
        return ["methodical", "methodical", "analytical"]
    count = rng.randint(2, 4)
    chosen = [rng.choice(pools.DIRECTIONS) for _ in range(count)]
    if last:
        chosen[-1] = "educational"
    return chosen


def _cancelled(year: YearData, number: int, day: date) -> MeetingData:
    directions = _directions(year.rng, number, False)
    record = _base(year, number, day, "cancelled", directions)
    record["cancel_reason"] = year.rng.choice(pools.CANCEL_REASONS)
    return MeetingData(number, day, "cancelled", directions, str(record["topic"]), record)


def _planned(year: YearData, number: int, day: date, last: bool, postponed: bool) -> MeetingData:
    rng = year.rng
    directions = _directions(rng, number, last)
    original = day - timedelta(days=14) if postponed else day
    if postponed and original < date(year.start, 9, 1):
        original, postponed = day, False
    record = _base(year, number, original, "postponed" if postponed else "planned", directions)
    if postponed:
        record["new_date"] = day
    meeting = MeetingData(
        number, original, str(record["status"]), directions, str(record["topic"]), record
    )
    if chance(rng, 0.3):  # a draft protocol prepared in advance
        record["protocol"] = _protocol(year, meeting, signed=None, draft=True)
    return meeting


def _held(year: YearData, number: int, day: date, last: bool, *, signed: bool) -> MeetingData:
    rng = year.rng
    directions = _directions(rng, number, last)
    record = _base(year, number, day, "held", directions)
    meeting = MeetingData(number, day, "held", directions, str(record["topic"]), record)
    sign_day = day + timedelta(days=rng.randint(1, 6)) if signed else None
    if signed and chance(rng, 0.02):
        sign_day = day + timedelta(days=rng.randint(15, 20))  # signed late, still signed now
        if sign_day > year.as_of:
            sign_day = year.as_of
    meeting.signed = sign_day
    record["protocol"] = _protocol(year, meeting, signed=sign_day, draft=not signed)
    return meeting


def _protocol(year: YearData, meeting: MeetingData, *, signed: date | None, draft: bool) -> Node:
    rng = year.rng
    people = [p for p, _role in year.participants]
    chair = year.town.curator.id if meeting.number == 1 else year.leader
    present = [chair, year.secretary] + [p for p in people if chance(rng, 0.85)]
    present.append(year.town.curator.id)
    present = list(dict.fromkeys(present))
    agenda = [
        _agenda_item(year, meeting, index, direction, people, draft)
        for index, direction in enumerate(meeting.directions, start=1)
    ]
    invited: list[Node] = []
    if chance(year.rng, 0.4):
        invited.append({"person": rng.choice(year.region.staff.ppss).id})
    if chance(year.rng, 0.3):
        invited.append({"description": rng.choice(pools.INVITEES)})
    protocol: Node = {
        "status": "draft" if draft else "signed",
        "signed": signed,
        "chair": chair,
        "secretary": year.secretary,
        "present": present,
        "present_count": len(present) + rng.randint(1, 6) if chance(rng, 0.3) else None,
        "invited": invited,
        "agenda": agenda,
        "recommendations": rng.sample(pools.RECOMMENDATIONS, rng.randint(1, 3)),
        "follow_up": _follow_up(year),
        "attachments": _attachments(year, meeting),
    }
    return protocol


def _agenda_item(
    year: YearData,
    meeting: MeetingData,
    index: int,
    direction: str,
    people: list[str],
    draft: bool,
) -> Node:
    rng = year.rng
    by_id = year.region.people.by_id
    if meeting.number == 1:
        question = (
            "О выборах руководителя и секретаря объединения",
            f"О проекте плана работы объединения на {year.year.replace('-', '/')} учебный год",
            "Об анкетировании профессиональных запросов руководителей ШНОР",
        )[index - 1]
    else:
        question = fill(rng, rng.choice(pools.QUESTIONS[direction]))
    speaker = year.town.curator.id if meeting.number == 1 and index == 1 else rng.choice(people)
    speaker_data = by_id[speaker]
    discussion = []
    for person in rng.sample(people, rng.randint(0, 3)):
        text = gendered(rng.choice(pools.STATEMENTS), by_id[person].female)
        discussion.append({"person": person, "summary": text})
    decisions = [
        _decision(year, meeting, index, number, draft) for number in range(1, rng.randint(1, 3) + 1)
    ]
    if meeting.number == 1 and index == 1:
        leader = by_id[year.leader]
        decisions[0] = {
            "text": f"Избрать руководителем объединения {leader.full()}.",
            "executor_group": "участники объединения",
            "deadline": meeting.day,
            "voting": {"votes_for": len(people) - rng.randint(0, 2)},
            "execution": {"status": "done", "checked": meeting.day} if not draft else None,
        }
        meeting.decisions[-len(decisions)] = ("1.1", meeting.day, None if draft else "done")
    summary = gendered(rng.choice(pools.SUMMARIES), speaker_data.female)
    return {
        "question": question,
        "direction": direction,
        "speaker": speaker,
        "summary": summary,
        "discussion": discussion,
        "decisions": decisions,
    }


def _decision(year: YearData, meeting: MeetingData, item: int, number: int, draft: bool) -> Node:
    rng = year.rng
    deadline = meeting.day + timedelta(days=rng.randint(14, 75))
    execution = None if draft else _execution(year, deadline)
    status = execution["status"] if execution else None
    meeting.decisions.append((f"{item}.{number}", deadline, status))
    people = [p for p, _role in year.participants]
    person = rng.choice(people) if chance(rng, 0.5) else None
    return {
        "text": rng.choice(pools.DECISIONS),
        "executor": person,
        "executor_group": None if person else rng.choice(pools.EXECUTOR_GROUPS),
        "deadline": deadline,
        "execution": execution,
    }


def _execution(year: YearData, deadline: date) -> Node | None:
    rng = year.rng
    over = date(year.start + 1, 8, 31) < year.as_of
    if deadline + timedelta(days=10) >= year.as_of:
        return None  # still running
    if chance(rng, 0.005 if over else 0.1):
        return None  # nobody marked it yet: `check` warns
    checked = min(deadline + timedelta(days=rng.randint(3, 30)), year.as_of)
    roll = rng.random()
    if roll < 0.9:
        return {
            "status": "done",
            "note": rng.choice(pools.EXECUTION_NOTES) if chance(rng, 0.4) else None,
            "checked": checked,
        }
    if roll < 0.97:
        return {
            "status": "in_progress",
            "note": rng.choice(pools.IN_PROGRESS_NOTES),
            "checked": checked,
        }
    if roll < 0.99:
        return {
            "status": "overdue",
            "note": rng.choice(pools.IN_PROGRESS_NOTES),
            "checked": checked,
        }
    return {"status": "cancelled", "checked": checked}


def _follow_up(year: YearData) -> list[Node]:
    """The previous signed protocol's decisions, checked at this meeting."""
    earlier = next((m for m in reversed(year.meetings) if m.signed is not None), None)
    if earlier is None:
        return []
    follow = []
    for number, _deadline, status in earlier.decisions[:4]:
        follow.append(
            {
                "meeting": year.ref(earlier),
                "decision": number,
                "status": status if status in ("done", "overdue", "cancelled") else "in_progress",
            }
        )
    return follow


def _attachments(year: YearData, meeting: MeetingData) -> list[Node]:
    if meeting.number == 1:
        path = f"files/{year.town.id}/{year.year}/01-programme.txt"
        year.files.append((path, f"Программа установочного заседания {year.year}\n"))
        return [{"title": "Программа установочного заседания", "path": path}]
    if chance(year.rng, 0.4):
        return [{"title": "Презентация докладчика", "url": "https://vk.com/rost_tula"}]
    return []


# --- deficits, requests, consultations -----------------------------------------------------


def _deficits(year: YearData) -> None:
    rng = year.rng
    held = year.held()
    if len(held) < 2:
        return
    identified = held[1].day
    over = date(year.start + 1, 8, 31) < year.as_of
    for deficit_id, title, area in rng.sample(pools.DEFICITS, rng.randint(3, 5)):
        measures = _measures(year, identified)
        if over:
            status = rng.choices(("resolved", "in_work", "identified"), (55, 40, 5))[0]
        else:
            status = rng.choice(("identified", "in_work"))
            if status == "identified" and chance(rng, 0.1):
                measures = []  # measures not yet planned: `check` warns
        repeat = None
        if over and (status == "resolved" or chance(rng, 0.5)):
            low = rng.randint(20, 50)
            high = low + rng.randint(10 if status == "resolved" else 0, 40)
            result = pools.REPEAT_RESULTS[0 if status == "resolved" else 1]
            repeat = {
                "date": date(year.start + 1, 5, rng.randint(10, 20)),
                "result": result.format(a=low, b=high),
            }
        schools = [low.id for low, _partner in year.pairs]
        record: Node = {
            "title": title,
            "area": area,
            "found_by": rng.sample(
                ["initial_diagnostics", "requests", "results_analysis", "observation"],
                rng.randint(1, 2),
            ),
            "identified": identified,
            "managers": rng.randint(3, 8),
            "organizations": rng.sample(schools, min(len(schools), rng.randint(2, 3))),
            "measures": measures,
            "status": status,
            "repeat_diagnostic": repeat,
        }
        year.deficits.append(deficit_id)
        year.deficit_status[deficit_id] = status
        comment = "Типичный профессиональный дефицит руководителей группы (МПО п. 4.2.2)."
        year.add(f"deficits/{deficit_id}.yaml", dump(record, comment))


def _measures(year: YearData, identified: date) -> list[Node]:
    region = year.region
    rng = year.rng
    measures = []
    later = [m for m in year.held() if m.day > identified]
    for text in rng.sample(pools.MEASURES, rng.randint(2, 4)):
        done_by = None
        day = between(rng, identified, min(date(year.start + 1, 5, 20), year.as_of))
        if later and chance(rng, 0.6):
            meeting = rng.choice(later)
            day, done_by = meeting.day, f"заседание {year.ref(meeting)}"
        elif events := [
            e
            for e in region.events
            if identified <= e.day <= year.as_of and e.day.year in (year.start, year.start + 1)
        ]:
            event = rng.choice(events)
            day, done_by = event.day, f"мероприятие {event.id}"
        measures.append({"text": text, "date": day, "done_by": done_by})
    return measures


def _requests(year: YearData) -> None:
    rng = year.rng
    first, last = date(year.start, 9, 5), date(year.start + 1, 5, 25)
    answered: list[tuple[str, date, Node]] = []
    used: set[str] = set()
    people = _school_of(year)
    for received in sorted(between(rng, first, last) for _ in range(rng.randint(28, 44))):
        if received > year.as_of:
            continue
        requester = rng.choice(year.shnor_people)
        school = people[requester]
        request_id = _unique(f"{received:%Y-%m-%d}-{school}", used)
        direction = rng.choice(pools.DIRECTIONS)
        late = chance(rng, 0.01)  # answered after the due day: `check` warns
        answer_day = received + timedelta(days=rng.randint(16, 30) if late else rng.randint(1, 12))
        withdrawn = chance(rng, 0.02)
        answered_now = not withdrawn and answer_day <= year.as_of
        status = "withdrawn" if withdrawn else ("answered" if answered_now else "in_work")
        record: Node = {
            "received": received,
            "requester": requester,
            "organization": school,
            "channel": rng.choice(("meeting", "vk", "vk", "email", "phone", "form", "letter")),
            "topic": fill(rng, rng.choice(pools.REQUEST_TOPICS[direction])),
            "direction": direction,
            "deficit": rng.choice(year.deficits) if year.deficits and chance(rng, 0.4) else None,
            "assignee": rng.choice((year.leader, year.town.curator.id)),
            "due": received + timedelta(days=rng.randint(10, 21)) if chance(rng, 0.2) else None,
            "status": status,
        }
        if record["due"] is not None and answer_day > record["due"] and chance(rng, 0.5):
            record["due"] = None
        year.add(f"requests/{request_id}.yaml", dump(record))
        year.requests += 1
        if answered_now:
            answered.append((request_id, answer_day, record))
    for request_id, day, request in answered:
        _consultation(year, day, request_id, request, used)
    for _ in range(rng.randint(16, 24)):
        day = between(rng, first, last)
        if day <= year.as_of:
            _group_consultation(year, day, used)


def _school_of(year: YearData) -> dict[str, str]:
    day = date(year.start, 9, 1)
    schools: dict[str, str] = {}
    for low, partner in year.pairs:
        for school in (low, partner):
            schools[school.head(day)] = school.id
            schools[school.deputy(day)] = school.id
    return schools


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def _consultation(
    year: YearData, day: date, request_id: str, request: Node, used: set[str]
) -> None:
    rng = year.rng
    consultation_id = _unique(f"{day:%Y-%m-%d}-{request['organization']}", used)
    record: Node = {
        "date": day,
        "form": rng.choice(("individual", "online", "visit", "individual")),
        "consultant": request["assignee"],
        "recipients": [request["requester"]],
        "request": request_id,
        "topic": str(request["topic"]).rstrip("?"),
        "direction": request["direction"],
        "summary": rng.choice(pools.CONSULTATION_SUMMARIES),
        "recommendations": rng.sample(pools.CONSULTATION_RECOMMENDATIONS, rng.randint(1, 3)),
        "materials": [{"title": "Материалы совета «РОСТ»", "url": "https://vk.com/rost_tula"}]
        if chance(rng, 0.3)
        else [],
    }
    year.add(f"consultations/{consultation_id}.yaml", dump(record))
    year.consultations += 1


def _group_consultation(year: YearData, day: date, used: set[str]) -> None:
    rng = year.rng
    consultation_id = _unique(f"{day:%Y-%m-%d}-group", used)
    recipients = rng.sample(year.shnor_people, min(len(year.shnor_people), rng.randint(3, 8)))
    record: Node = {
        "date": day,
        "form": rng.choice(("group", "online")),
        "consultant": rng.choice((year.leader, year.town.curator.id)),
        "recipients": recipients,
        "topic": rng.choice(pools.GROUP_TOPICS),
        "direction": rng.choice(pools.DIRECTIONS),
        "summary": rng.choice(pools.CONSULTATION_SUMMARIES),
        "recommendations": rng.sample(pools.CONSULTATION_RECOMMENDATIONS, rng.randint(1, 2)),
    }
    year.add(f"consultations/{consultation_id}.yaml", dump(record))
    year.consultations += 1


# --- plan, membership, analysis ---------------------------------------------------------------


def _plan(year: YearData) -> None:
    rng = year.rng
    items = [_meeting_item(year, meeting) for meeting in year.meetings]
    covered = {item["direction"] for item in items}
    extras = list(pools.PLAN_EXTRA)
    rng.shuffle(extras)
    extras.sort(key=lambda extra: extra[1] in covered)  # uncovered directions first
    for form, direction, topic in extras[: rng.randint(3, 5)]:
        items.append(_extra_item(year, form, direction, topic))
    items.sort(key=lambda item: (item["month"], str(item.get("date") or "")))
    year.plan_items = items
    approval_day = date(year.start, 9, rng.randint(3, 25))
    if chance(rng, 0.02):
        approval_day = date(year.start, 10, rng.randint(5, 20))  # late: `check` fails it
    amendments = []
    if chance(rng, 0.3):
        amended = date(year.start + 1, 1, rng.randint(12, 25))
        if amended <= year.as_of:
            amendments.append(
                {
                    "date": amended,
                    "description": rng.choice(pools.AMENDMENTS),
                    "approval": _approval(year, amended + timedelta(days=3)),
                }
            )
    record: Node = {
        "goal": rng.choice(pools.PLAN_GOALS),
        "tasks": rng.sample(pools.PLAN_TASKS, rng.randint(3, 5)),
        "programme_measures": list(pools.PROGRAMME_MEASURES),
        "survey": f"Анкетирование профессиональных запросов руководителей ШНОР проведено в начале сентября {year.start} г.; его итоги учтены в темах заседаний.",
        "approval": _approval(year, approval_day) if approval_day <= year.as_of else None,
        "amendments": amendments,
        "items": items,
    }
    year.add("plan.yaml", dump(record, "План работы на учебный год (МПО п. 4.5)."))


def _approval(year: YearData, day: date) -> Node:
    director = year.region.staff.director
    return {
        "position": f"Директор {CENTRE_SHORT}",
        "name": director.short(),
        "person": director.id,
        "date": day,
        "document": f"приказ {CENTRE_SHORT} от {ru(day)} № {year.rng.randint(20, 180)}-о",
    }


def _meeting_item(year: YearData, meeting: MeetingData) -> Node:
    rng = year.rng
    done_by: list[str] = []
    if meeting.status == "held":
        done_by = [year.ref(meeting)]
    elif meeting.status == "cancelled":
        later = [m for m in year.held() if m.day > meeting.day]
        done_by = [year.ref(later[0])] if later else []
    responsible = [year.leader] + ([year.town.curator.id] if chance(rng, 0.5) else [])
    return {
        "month": f"{meeting.day:%Y-%m}",
        "date": meeting.day if chance(rng, 0.7) else None,
        "topic": f"Заседание «{meeting.topic}»",
        "direction": meeting.directions[0],
        "form": "meeting",
        "responsible": responsible,
        "expected_result": rng.choice(pools.EXPECTED_RESULTS),
        "done_by": done_by,
    }


def _extra_item(year: YearData, form: str, direction: str, topic: str) -> Node:
    region = year.region
    rng = year.rng
    offset = rng.randrange(9)
    month = (8 + offset) % 12 + 1
    calendar_year = year.start if month >= 9 else year.start + 1
    month_end = date(calendar_year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    done_by: list[str] = []
    if month_end < year.as_of and not chance(rng, 0.02):
        events = region.events_in(f"{calendar_year}-{month:02d}")
        held = [m for m in year.held() if m.day >= date(calendar_year, month, 1)] or year.held()
        if events and form in ("webinar", "conference", "seminar", "master_class"):
            done_by = [rng.choice(events).id]
        elif held:
            done_by = [year.ref(held[0])]
    return {
        "month": f"{calendar_year}-{month:02d}",
        "topic": topic,
        "direction": direction,
        "form": form,
        "responsible": [rng.choice((year.leader, year.town.curator.id))],
        "expected_result": rng.choice(pools.EXPECTED_RESULTS),
        "done_by": done_by,
    }


def _membership(year: YearData) -> None:
    leader = year.leader
    participants = [{"person": p, "role": role} for p, role in year.participants]
    elected = next((m for m in year.meetings if m.number == 1 and m.status == "held"), None)
    record: Node = {
        "participants": participants,
        "pairs": [{"shnor": low.id, "partner": partner.id} for low, partner in year.pairs],
        "leader": {"person": leader, "meeting": f"{year.year}/01", "decision": "1.1"}
        if elected
        else None,
        "secretary": year.secretary,
    }
    year.add("membership.yaml", dump(record, "Состав объединения на учебный год."))


def _analysis(year: YearData) -> None:
    rng = year.rng
    deadline = date(year.start + 1, 7, 15)
    submitted = date(year.start + 1, 7, rng.randint(1, 14))
    if chance(rng, 0.03):
        submitted = date(year.start + 1, 7, rng.randint(16, 25))  # late: `check` fails it
    if submitted > year.as_of:
        if year.as_of >= date(year.start + 1, 6, 1):
            record: Node = {"status": "draft", "author": year.leader}
            year.add("analysis.md", front_matter(record, "## Общие итоги\n\nАнализ готовится.\n"))
        return
    figures = _figures(year)
    note = None
    if chance(rng, 0.04):
        figures["consultations"] -= 1
        note = "Одна консультация внесена в записи после представления анализа в центр."
    elif chance(rng, 0.02):
        figures["requests"] += 1  # a difference nobody explained: `check` warns
    total = len(year.shnor_people) // 2
    record = {
        "status": "submitted",
        "submitted": submitted,
        "submitted_to": CENTRE,
        "author": year.leader,
        "figures": figures,
        "results": {
            "managers_reached": total - (1 if chance(rng, 0.3) else 0),
            "managers_total": total,
            "survey": {
                "respondents": rng.randint(8, 16),
                "satisfied_percent": round(rng.uniform(75, 100), 1),
            },
            "repeat_diagnostics": "Повторная диагностика в мае подтвердила рост управленческих компетенций по большинству дефицитов.",
            "schools_left_list": year.town.left.get(year.start, []),
        },
        "figures_note": note,
    }
    body = pools.ANALYSIS_BODY.format(
        held=figures["meetings_held"],
        decisions=figures["decisions_total"],
        done=figures["decisions_done"],
        requests=figures["requests"],
        consultations=figures["consultations"],
    )
    comment = f"Анализ работы за учебный год (МПО п. 4.6): до {ru(deadline)}."
    year.add("analysis.md", front_matter(record, body, comment))


def _figures(year: YearData) -> Node:
    """The year's figures exactly as `generator.checking.figures.count_figures` counts them."""
    signed = [m for m in year.meetings if m.status == "held" and m.signed is not None]
    decisions = [d for m in signed for d in m.decisions]
    directions = Counter(item["direction"] for item in year.plan_items)
    return {
        "meetings_planned": sum(1 for item in year.plan_items if item["form"] == "meeting"),
        "meetings_held": len(signed),
        "decisions_total": len(decisions),
        "decisions_done": sum(1 for _n, _d, status in decisions if status == "done"),
        "requests": year.requests,
        "consultations": year.consultations,
        "deficits_found": len(year.deficits),
        "deficits_resolved": sum(1 for s in year.deficit_status.values() if s == "resolved"),
        "by_direction": {d: directions[d] for d in pools.DIRECTIONS if directions[d]},
    }


def _acknowledgement(year: YearData) -> tuple[str, str] | None:
    """The centre accepts a closed year that held fewer meetings than the norm."""
    held = [m for m in year.meetings if m.status == "held" and m.signed is not None]
    if len(held) >= 4 or date(year.start + 1, 8, 31) >= year.as_of:
        return None
    decided = date(year.start + 1, 9, 10)
    director = year.region.staff.director
    record: Node = {
        "rule": "meetings-per-year",
        "association": year.town.id,
        "year": year.year,
        "reason": "Заседание отменено из-за карантина; вопросы рассмотрены на следующем заседании.",
        "decided_by": director.id,
        "date": decided,
        "document": f"служебная записка от {ru(decided)} № {year.rng.randint(1, 99)}",
    }
    path = f"records/acknowledgements/{year.town.id}-{year.year}-meetings.yaml"
    return path, dump(record)


# --- practices -----------------------------------------------------------------------------


def _practices(year: YearData) -> Iterator[tuple[str, str]]:
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


# --- the council ---------------------------------------------------------------------------


def _council(region: Region) -> Iterator[tuple[str, str]]:
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


# --- region-wide records ----------------------------------------------------------------------


def _settings() -> tuple[str, str]:
    record: Node = {
        "municipality": "Тульская область",
        "centre": CENTRE,
        "monitoring_department": MONITORING_DEPARTMENT,
        "site": {
            "title": "Межшкольные объединения руководителей ШНОР и совет «РОСТ» — Тульская область"
        },
        "assessment_focus": [{"id": f, "title": t} for f, t in FOCUS],
    }
    comment = "Настройки проекта. Параметры правил не указаны: действуют значения из положений."
    return "records/settings.yaml", dump(record, comment)


def _organizations(region: Region) -> Iterator[tuple[str, str]]:
    fixed = (
        (CENTRE, "centre", CENTRE_SHORT, CENTRE_FULL),
        (
            PPSS,
            "ppss",
            PPSS_SHORT,
            "Государственное бюджетное учреждение Тульской области "
            "«Центр психолого-педагогического, медицинского и социального сопровождения»",
        ),
        (
            MINISTRY,
            "department",
            "министерство образования Тульской области",
            "Министерство образования Тульской области",
        ),
    )
    for org_id, kind, short, full in fixed:
        yield (
            f"records/organizations/{org_id}.yaml",
            dump({"kind": kind, "names": [{"short": short, "full": full}]}),
        )
    for town in region.towns:
        name = f"Управление образования администрации {town.genitive}"
        yield (
            f"records/organizations/{town.department}.yaml",
            dump({"kind": "department", "names": [{"short": name, "full": name}]}),
        )
        for school in town.schools:
            yield f"records/organizations/{school.id}.yaml", dump(school.record)


def _normative(region: Region) -> Iterator[tuple[str, str]]:
    rng = random.Random(f"{region.spec.seed}:normative")
    acts: list[tuple[str, Node]] = [(act_id, dict(record)) for act_id, record in pools.ACTS]
    acts.append((f"{CENTRE}-regulations", {
        "kind": "local_act", "issuer": CENTRE_SHORT, "number": "45-о",
        "date": date(region.spec.starts[0], 8, 15),
        "title": "Об утверждении положения о межшкольном профессиональном объединении "
        "руководящих работников и положения о консультационном совете «РОСТ»",
        "status": "in_force",
    }))  # fmt: skip
    starts = region.spec.starts
    for start in starts:
        last = start == starts[-1]
        acts.append(
            (
                list_order(start),
                {
                    "kind": "regional_order",
                    "issuer": "министерство образования Тульской области",
                    "number": str(rng.randint(600, 999)),
                    "date": date(start, 6, rng.randint(15, 28)),
                    "title": "Об утверждении списков школ с низкими результатами обучения и школ, "
                    f"функционирующих в сложных социальных условиях, на {start}/{start + 1} учебный год",
                    "status": "in_force" if last else "expired",
                    "horizon": f"{start}/{start + 1} учебный год",
                    "replaced_by": None if last else list_order(start + 1),
                },
            )
        )
    for act_id, record in acts:
        yield f"records/normative/{act_id}.yaml", dump(record)
    for town in region.towns:
        record = {
            "kind": "municipal_order",
            "issuer": f"управление образования администрации {town.genitive}",
            "number": f"{rng.randint(100, 400)}-осн",
            "date": date(starts[0], 8, rng.randint(1, 15)),
            "title": "Об утверждении муниципальной программы сопровождения школ с низкими "
            "образовательными результатами",
            "status": "in_force",
        }
        yield f"records/normative/{town.department}-programme.yaml", dump(record)


def _associations(region: Region) -> Iterator[tuple[str, str]]:
    for town in region.towns:
        record: Node = {
            "name": "Межшкольное профессиональное объединение руководящих работников школ с "
            f"низкими образовательными результатами и школ — сетевых партнёров {town.genitive}",
            "short_name": f"МПО руководителей ШНОР — {town.name}",
            "supervisor": CENTRE,
            "curator": town.curator.id,
            "founded": date(region.spec.starts[0], 8, 20),
            "description": "Объединение директоров и заместителей директоров ШНОР и школ — сетевых "
            "партнёров: вместе оценивают ресурсы школ, анализируют результаты оценочных процедур "
            "и обмениваются управленческими практиками.",
        }
        yield f"records/associations/{town.id}/association.yaml", dump(record)


# --- the whole tree ----------------------------------------------------------------------------


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
    yield _settings()
    for index in range(spec.associations):
        town = make_town(spec, index, people)
        region.towns.append(town)
        for start in spec.starts:
            year = make_year(region, town, start)
            yield from year.files
            yield from _practices(year)
            acknowledged = _acknowledgement(year)
            if acknowledged:
                yield acknowledged
    yield from _associations(region)
    yield from _organizations(region)
    yield from _normative(region)
    yield from _council(region)
    for person in people.by_id.values():
        yield f"records/people/{person.id}.yaml", dump(person.record())


def write_tree(out: Path, files: Iterable[tuple[str, str]]) -> Counter[str]:
    """Write the files under `out` (empty or new); how many of each kind were written."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SynthError(
            f"папка {out} не пуста. Укажите новую или пустую папку: синтетические записи не "
            "пишутся поверх существующих файлов."
        )
    counts: Counter[str] = Counter()
    made: set[Path] = set()
    for relative, text in files:
        path = out / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(text.encode("utf-8"))
        counts[_kind(relative)] += 1
    return counts


_KIND_OF_FILE = {
    "settings.yaml": "настройки", "association.yaml": "объединения",
    "membership.yaml": "составы", "plan.yaml": "планы", "analysis.md": "анализы работы",
    "council.yaml": "совет",
}  # fmt: skip
_KIND_OF_FOLDER = {
    "meetings": "заседания", "requests": "запросы", "consultations": "консультации",
    "deficits": "дефициты", "practices": "практики", "people": "люди",
    "organizations": "организации", "normative": "нормативные акты",
    "materials": "материалы совета", "events": "мероприятия совета",
    "monitoring": "отчёты мониторинга", "acknowledgements": "решения о замечаниях",
}  # fmt: skip


def _kind(relative: str) -> str:
    parts = relative.split("/")
    if parts[0] != "records":
        return "вложения"
    return _KIND_OF_FILE.get(parts[-1]) or _KIND_OF_FOLDER.get(parts[-2], "прочие записи")


def synthesize(out: Path, spec: Spec) -> Counter[str]:
    """Write the synthetic project of `spec` into `out`; counts of files by kind."""
    return write_tree(out, generate(spec))
