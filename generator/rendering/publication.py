"""What each edition of the site may show (domain: Publication), as of a date.

The public site must not shame the schools it exists to help and must respect 152-ФЗ:
drafts never appear anywhere; requests, consultations, analyses, compliance marks and
named schools' difficulties stay internal; a person is named only with recorded consent.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from generator.asof import resolve_as_of
from generator.errors import UserError
from schemas import (
    PUBLICATION,
    Audience,
    Decision,
    Meeting,
    Organization,
    Person,
    Plan,
    Practice,
    Protocol,
    Statement,
)
from schemas.enums import ConsentScope


class Edition(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"


EDITION_ENV = "SITE_EDITION"


@dataclass(frozen=True, slots=True)
class Publishing:
    """Which site is being built and as of which day."""

    edition: Edition
    as_of: date

    @property
    def internal(self) -> bool:
        return self.edition is Edition.INTERNAL


def publishing_from(edition: str | None = None, as_of: str | date | None = None) -> Publishing:
    """Settings of a build: explicit values first, then SITE_EDITION / SITE_AS_OF, then defaults.

    A malformed edition or date is a UserError naming where it came from and what is expected.
    """
    chosen = edition or os.environ.get(EDITION_ENV) or Edition.PUBLIC.value
    if chosen not in {e.value for e in Edition}:
        source = "издание сайта" if edition else f"переменная окружения {EDITION_ENV}"
        raise UserError(
            f"{source}: «{chosen}» — нет такого издания. Укажите public (открытый сайт) или "
            "internal (внутренний сайт центра).",
            exit_code=2,
        )
    return Publishing(Edition(chosen), resolve_as_of(as_of))


# Hand-written pages of the internal site only (folders of docs/, as mkdocs.yml's
# `exclude_docs` lists them for the public build): the editors' guide shows record
# examples, requests and the centre's own procedures.
INTERNAL_DOCS = ("guide/",)
# How a person without consent to be named or to have their post shown appears publicly:
# «директор, МБОУ «СШ № 129»» would name the one director of that school.
UNNAMED = "участник объединения"


def kind_shown(kind: str, publishing: Publishing) -> bool:
    """Whether records of a kind appear at all on this edition."""
    return publishing.internal or PUBLICATION[kind].audience is not Audience.INTERNAL


def hand_written_shown(page: str, publishing: Publishing) -> bool:
    """Whether a hand-written page (a path below docs/) belongs to this edition."""
    return publishing.internal or not page.startswith(INTERNAL_DOCS)


def protocol_shown(meeting: Meeting, publishing: Publishing) -> Protocol | None:
    """The meeting's protocol if it is signed by the as-of date; drafts are never shown."""
    protocol = meeting.protocol
    return protocol if protocol is not None and protocol.signed_by(publishing.as_of) else None


def passage_shown(passage: Statement | Decision, publishing: Publishing) -> bool:
    """A passage of a protocol the editors marked `internal: true` stays on the internal site."""
    return publishing.internal or not passage.internal


def plan_shown(plan: Plan, publishing: Publishing) -> bool:
    """A plan reaches the public once the centre has approved it."""
    return publishing.internal or plan.approved_by(publishing.as_of)


def practice_shown(practice: Practice, publishing: Publishing) -> bool:
    """The public library holds recommended practices whose authors all agreed, neither past
    their review-by date nor retired; the internal one holds all, marking those."""
    return publishing.internal or practice.in_library(publishing.as_of)


def shows(person: Person, scope: ConsentScope, publishing: Publishing) -> bool:
    """Whether this edition may show a person's name or post: always internally, publicly
    only with consent to it in force on the site's date."""
    consent = person.consent
    return publishing.internal or (consent is not None and consent.allows(scope, publishing.as_of))


def person_label(
    person: Person,
    organizations: dict[str, Organization],
    on: date,
    publishing: Publishing,
    unnamed: str = UNNAMED,
) -> str:
    """How a person is written on a page: «Фамилия И. О., должность, школа» as consent allows.

    The post is the one held on the day `on` (a protocol's date, else the site's date): a post
    that ended is never shown as current. The public site names a person only with consent to
    `name`, shows the post only with consent to `position`; a person with neither is `unnamed`.
    """
    name = person.short_name() if shows(person, ConsentScope.NAME, publishing) else ""
    role = ""
    position = person.position_on(on)
    if position is not None and shows(person, ConsentScope.POSITION, publishing):
        organization = organizations.get(position.organization)
        where = organization.name_on(on).short if organization else ""
        role = ", ".join(part for part in (position.title, where) if part)
    return ", ".join(part for part in (name, role) if part) or unnamed
