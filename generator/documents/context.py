"""What a document template needs besides its record: names, positions, organizations, dates.

People in official documents are written as paperwork writes them — «Фамилия И. О.» in the
text, «И. О. Фамилия» under a signature, with the position and school they held on the
document's day. A document meant for the public site (`public=True`) names people only as
their recorded consent allows, exactly as the public pages do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import jinja2

from generator.documents.escape import inline, narrative, paragraphs
from generator.loading.project import Project
from generator.rendering.publication import Edition, Publishing, person_label
from generator.russian import (
    continued,
    ru_date,
    ru_long_date,
    ru_month,
    ru_number,
    school_year_title,
    typeset,
    upfirst,
)
from generator.templating import TEMPLATES as PAGE_TEMPLATES
from generator.templating import template_environment
from schemas import Association, Organization, Person, Settings
from schemas.enums import ConsentScope, Gender
from schemas.people import Position

TEMPLATES = PAGE_TEMPLATES / "documents"


def environment() -> jinja2.Environment:
    """Templates print pandoc Markdown; every printed value is made inert unless Markup."""
    return template_environment(
        TEMPLATES, inline, d=ru_date, long_date=ru_long_date, month=ru_month,
        year=school_year_title, para=paragraphs, narrative=narrative, people=people_count,
        number=ru_number, continued=continued, upfirst=upfirst, sentence=sentence,
        labelled=labelled,
    )  # fmt: skip


_SENTENCE_END = ("!", "?", "…", "...")


def sentence(text: object) -> str:
    """Record text that ends a sentence, with exactly one full stop: «Сделано» and «Сделано.»
    both give «Сделано.»; «…?», «…!» and «…» stay; a trailing «;», «,» or «:» becomes «.».

    Templates print it where they used to append «.» after the record's own words."""
    words = str(text or "").rstrip()
    if not words or words.endswith(_SENTENCE_END):
        return words
    return words.rstrip(".;,: ") + "."


def labelled(text: object, label: str) -> str:
    """«Метка: текст», unless the text already begins with the label: a record that writes
    «Повторная диагностика 14.05.2026 подтвердила…» is not printed after «Повторная
    диагностика:» again."""
    words = str(text or "").strip()
    after = words[len(label) : len(label) + 1]
    if words.casefold().startswith(label.casefold()) and not after.isalnum():
        return words
    return f"{label}: {words}"


def people_count(count: int) -> str:
    """«21 человек», «22 человека»."""
    few = count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14)
    return f"{count} человека" if few else f"{count} человек"


@dataclass
class Paperwork:
    """The records' people and organizations, written as official documents write them."""

    project: Project
    public: Publishing | None = None  # set: name people only as their consent allows
    env: jinja2.Environment = field(default_factory=environment)
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    associations: dict[str, Association] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for record in self.project.records:
            model, key = record.model, record.place.id
            if isinstance(model, Person):
                self.people[key] = model
            elif isinstance(model, Organization):
                self.organizations[key] = model
            elif isinstance(model, Association):
                self.associations[key] = model

    @property
    def settings(self) -> Settings | None:
        return self.project.settings

    @property
    def municipality(self) -> str:
        return self.settings.municipality if self.settings else ""

    def render(self, template: str, **data: Any) -> str:
        """A document's Markdown from its template."""
        return typeset(self.env.get_template(template).render(paper=self, **data))

    def org(self, org_id: str | None, on: date, *, full: bool = False) -> str:
        """An organization's name in use on a day: short, or the full official one."""
        organization = self.organizations.get(org_id or "")
        if organization is None:
            return org_id or ""
        name = organization.name_on(on)
        return name.full if full else name.short

    def centre(self, on: date, association: str | None = None, *, full: bool = True) -> str:
        """The full (or short) name of the centre that supervises the association (or of
        settings): «приказом МКУ «ЦНППМ г. Тулы»» takes the short one, which never declines."""
        return self.org(self._centre_id(association) or None, on, full=full)

    def centre_record(self, association: str | None = None) -> Organization | None:
        """The centre's record: its address, phone, e-mail, site and codes for a letter."""
        return self.organizations.get(self._centre_id(association))

    def _centre_id(self, association: str | None) -> str:
        supervisor = self.associations.get(association or "")
        centre = supervisor.supervisor if supervisor else (self.settings and self.settings.centre)
        return centre or ""

    def short(self, person_id: str | None, on: date) -> str:
        """«Фамилия И. О.» (or the position alone, where consent does not allow a name)."""
        person = self.people.get(person_id or "")
        if person is None:
            return person_id or ""
        return person.short_name() if self._named(person) else self._unnamed(person, on)

    def signature(self, person_id: str | None, on: date) -> str:
        """«И. О. Фамилия», as under a signature."""
        person = self.people.get(person_id or "")
        if person is None or not self._named(person):
            return ""
        initials = " ".join(f"{part[0]}." for part in (person.name, person.patronymic) if part)
        return f"{initials} {person.surname}"

    def full(self, person_id: str | None, on: date) -> str:
        """«Фамилия Имя Отчество»."""
        person = self.people.get(person_id or "")
        if person is None:
            return person_id or ""
        return person.full_name() if self._named(person) else self._unnamed(person, on)

    def position(self, person_id: str | None, on: date) -> str:
        """«директор, МБОУ «ЦО № 102»» — the post held on the day."""
        person = self.people.get(person_id or "")
        if person is None:
            return ""
        post = person.position_on(on)  # none that day: nothing, never a later or former post
        if post is None:
            return ""
        return ", ".join(p for p in (post.title, self.org(post.organization, on)) if p)

    def post(self, person_id: str | None, on: date) -> str:
        """The post alone: «заместитель директора по учебно-воспитательной работе»."""
        post = self._post(person_id, on)
        return post.title if post else ""

    def workplace(self, person_id: str | None, on: date) -> str:
        """The organization of the post held on the day, by its short name."""
        post = self._post(person_id, on)
        return self.org(post.organization, on) if post else ""

    def named(self, person_id: str | None) -> bool:
        """Whether this copy may name the person (a person not in the records: by their id)."""
        person = self.people.get(person_id or "")
        return person is None or self._named(person)

    def alphabetical(self, person_ids: list[str], on: date) -> list[str]:
        """People for a list: by full name, those the copy may not name last (their place
        among the others would tell who they are)."""
        unique = dict.fromkeys(person_ids)
        return sorted(unique, key=lambda p: (not self.named(p), self.full(p, on)))

    def agree(self, person_id: str | None, male: str, female: str) -> str:
        """A word in the person's gender («подготовила»); the masculine where the copy does
        not name the person or their gender is not known."""
        person = self.people.get(person_id or "")
        female_named = (
            person is not None and self._named(person) and person.gender_known() is Gender.FEMALE
        )
        return female if female_named else male

    def row(self, person_id: str | None, on: date) -> tuple[str, str, str]:
        """(full name, post, organization) for a list of people; a person the public copy may
        not name gets their label in the first column and nothing that would identify them."""
        person = self.people.get(person_id or "")
        if person is not None and not self._named(person):
            return self._unnamed(person, on), "", ""
        return self.full(person_id, on), self.post(person_id, on), self.workplace(person_id, on)

    def person(self, person_id: str | None, on: date) -> str:
        """«Фамилия И. О., директор, МБОУ «ЦО № 102»» — as the edition may show them."""
        person = self.people.get(person_id or "")
        if person is None:
            return person_id or ""
        if self.public is not None:
            return person_label(person, self.organizations, on, self.public)
        return f"{person.short_name()}, {self.position(person_id, on)}"

    def _post(self, person_id: str | None, on: date) -> Position | None:
        person = self.people.get(person_id or "")
        return person.position_on(on) if person else None

    def _unnamed(self, person: Person, on: date) -> str:
        """A person the public copy may not name: as their consent allows (a post, or
        «участник объединения»), the same words as the public site's."""
        assert self.public is not None  # only the public edition withholds names
        return person_label(person, self.organizations, on, self.public)

    def _named(self, person: Person) -> bool:
        if self.public is None or self.public.edition is Edition.INTERNAL:
            return True
        consent = person.consent
        return consent is not None and consent.allows(ConsentScope.NAME, self.public.as_of)
