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
    Meeting,
    Organization,
    Person,
    Plan,
    Practice,
    Protocol,
)
from schemas.enums import ConsentScope, ProtocolStatus, ReviewStatus


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


def kind_shown(kind: str, publishing: Publishing) -> bool:
    """Whether records of a kind appear at all on this edition."""
    return publishing.internal or PUBLICATION[kind].audience is not Audience.INTERNAL


def protocol_shown(meeting: Meeting, publishing: Publishing) -> Protocol | None:
    """The meeting's protocol if it is signed by the as-of date; drafts are never shown."""
    protocol = meeting.protocol
    if protocol is None or protocol.status is not ProtocolStatus.SIGNED:
        return None
    if protocol.signed is None or protocol.signed > publishing.as_of:
        return None
    return protocol


def plan_shown(plan: Plan, publishing: Publishing) -> bool:
    """A plan reaches the public once the centre has approved it."""
    approved = plan.approval is not None and plan.approval.date <= publishing.as_of
    return publishing.internal or approved


def practice_shown(practice: Practice, publishing: Publishing) -> bool:
    """The public library holds recommended practices whose authors all agreed."""
    if publishing.internal:
        return True
    consented = all(author.distribution_consent for author in practice.authors)
    return practice.review is ReviewStatus.RECOMMENDED and consented


def person_label(
    person: Person, organizations: dict[str, Organization], on: date, publishing: Publishing
) -> str:
    """How a person is written on a page: «Фамилия И. О., должность, школа» as consent allows."""
    position = person.position_on(on) or person.positions[-1]
    organization = organizations.get(position.organization)
    where = organization.name_on(on).short if organization else ""
    role = ", ".join(part for part in (position.title, where) if part)
    consent = person.consent
    named = publishing.internal or (
        consent is not None and consent.allows(ConsentScope.NAME, publishing.as_of)
    )
    if not named:
        return role
    show_role = publishing.internal or (
        consent is not None and consent.allows(ConsentScope.POSITION, publishing.as_of)
    )
    return f"{person.short_name()}, {role}" if show_role else person.short_name()
