"""People of the region: their records, positions and consents, and the centre's staff."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from synth import pools
from synth.spec import CENTRE, CENTRE_SHORT, PPSS, Node, chance, translit


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


@dataclass
class Staff:
    """The centre's and Центр ППСС's people the whole region shares."""

    director: PersonData
    chair: PersonData
    monitoring: PersonData
    moderator: PersonData
    methodists: list[PersonData]
    ppss: list[PersonData]


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
