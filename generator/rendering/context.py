"""The page context: what every page builder gets — records, edition, lookups, templates.

Page builders (home, association, reference, library, council, feed, dashboard) depend on
this module, and `site.render_site` runs them; so no builder needs the module that runs it.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from generator.checking.compliance import evaluate
from generator.checking.rules.base import Outcome
from generator.loading.project import Loaded, Project
from generator.rendering.labels import Labels, meeting_label
from generator.rendering.labels import meeting_page as meeting_page  # pages link meetings
from generator.rendering.publication import (
    UNNAMED,
    Publishing,
    kind_shown,
    person_label,
    practice_shown,
    shows,
)
from generator.rendering.textsafe import body_html, external_url, inline, paragraphs
from generator.russian import (
    continued,
    ru_date,
    ru_long_date,
    ru_month,
    ru_number,
    school_year_title,
    upfirst,
)
from generator.templating import TEMPLATES, template_environment
from schemas import Organization, Person, TopRecord
from schemas.enums import ConsentScope, Gender

R = TypeVar("R", bound=TopRecord)


# Addresses reserved for examples (RFC 2606, RFC 6761): a placeholder, never a real site.
_PLACEHOLDER_HOST = re.compile(
    r"(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$", re.IGNORECASE
)
_BACKTICKS = re.compile(r"`+")


def environment() -> jinja2.Environment:
    """Templates print Markdown; every printed value is made inert unless marked Markup."""
    env = template_environment(
        TEMPLATES, inline, para=paragraphs, body=body_html, url=real_url, d=ru_date,
        long_date=ru_long_date, month=ru_month, year=school_year_title, code=code_span,
        upfirst=upfirst, plural=plural, meeting=meeting_label, stop=full_stop,
        number=ru_number, continued=continued,
    )  # fmt: skip
    env.globals.update(meeting_page=meeting_page, event_page=event_page)
    return env


def full_stop(value: object) -> str:
    """A sentence ended once: «Иванова М. А.» stays, «директор, МБОУ «ЦО № 2»» gets its «.»."""
    text = str(value)
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def code_span(value: object) -> Markup:
    """Text shown as code exactly as written: a code span, fenced longer than any backtick run
    inside it, shows its content literally — no escape a reader would see (`public_url`)."""
    text = " ".join(str(value).split())
    if not text or "|" in text:  # a table would split the cell at «|»
        return Markup(inline(text))
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")


def plural(count: int, one: str, few: str, many: str) -> str:
    """«1 участник», «3 участника», «5 участников»."""
    tens, units = count % 100, count % 10
    if units == 1 and tens != 11:
        word = one
    elif 2 <= units <= 4 and not 12 <= tens <= 14:
        word = few
    else:
        word = many
    return f"{count} {word}"


def real_url(value: str | None) -> Markup | None:
    """A record's http(s) address, or None for a placeholder such as https://school.example.org."""
    url = external_url(value)
    if url is None:
        return None
    host = re.sub(r"^[a-z][a-z0-9+.-]*://([^/?#@]*@)?", "", str(url), flags=re.IGNORECASE)
    host = re.split(r"[/?#:]", host, maxsplit=1)[0].rstrip(".")
    return None if _PLACEHOLDER_HOST.search(host) else url


def relative_link(target: str, folder: str) -> str:
    """`target` (a site path) as a link from a page in `folder` (a site folder, "" for the top).

    The same as `posixpath.relpath(target, folder or ".")` for site paths, without asking the
    operating system for the current folder on each of a big site's many links.
    """
    target_parts = target.split("/")
    folder_parts = folder.split("/") if folder else []
    common = 0
    for mine, theirs in zip(target_parts, folder_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    up = [".."] * (len(folder_parts) - common)
    return "/".join([*up, *target_parts[common:]]) or "."


def event_page(event_id: str) -> str:
    """Site path of a council event (an anchor on the events page)."""
    return f"council/events.md#{event_id}"


@dataclass(frozen=True, slots=True)
class DocumentLink:
    """One document a page offers: its Russian title and its files, format by format."""

    title: str
    files: tuple[tuple[str, str], ...]  # ("DOCX", "documents/mpo-tula/2025-2026/plan.docx")


# (association, school year, document kind, meeting number or None for the year's own)
DownloadKey = tuple[str, str, str, str | None]
# What each page offers for download; made by the documents stage (`documents.links.offered`)
Downloads = Mapping[DownloadKey, Sequence[DocumentLink]]


@dataclass
class SiteContext:
    """Everything a page builder needs: the records, the edition, lookups, the templates."""

    project: Project
    publishing: Publishing
    env: jinja2.Environment = field(default_factory=environment)
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    downloads: Downloads = field(default_factory=dict)  # the exported documents pages offer
    _labels: dict[tuple[str, date, str], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.people = {r.place.id: person for r, person in self.records("person", Person)}
        self.organizations = {
            r.place.id: org for r, org in self.records("organization", Organization)
        }

    @functools.cached_property
    def outcomes(self) -> list[Outcome]:
        """The rules' outcomes as of the build's date (shown on the internal site only)."""
        return evaluate(self.project, self.publishing.as_of)

    def records(self, kind: str, model: type[R]) -> Iterator[tuple[Loaded, R]]:
        """Valid records of a kind with their typed models, in path order."""
        for record in self.project.of_kind(kind):
            if isinstance(record.model, model):
                yield record, record.model

    def person(self, person_id: str | None, on: date | None = None, unnamed: str = UNNAMED) -> str:
        """A person as this edition may show them on a day (`unnamed` without consent)."""
        if not person_id:
            return ""
        person = self.people.get(person_id)
        if person is None:
            return person_id
        day = on or self.publishing.as_of
        key = (person_id, day, unnamed)
        if key not in self._labels:  # the same people appear on many pages
            self._labels[key] = person_label(
                person, self.organizations, day, self.publishing, unnamed
            )
        return self._labels[key]

    def agree(self, person_id: str | None, male: str, female: str) -> str:
        """A word in the person's gender («избрана»); the masculine of the post's noun when the
        person is not named on this edition or their gender is not known."""
        person = self.people.get(person_id or "")
        female_named = (
            person is not None
            and shows(person, ConsentScope.NAME, self.publishing)
            and person.gender_known() is Gender.FEMALE
        )
        return female if female_named else male

    def listed(self, person_ids: Iterable[str], on: date | None = None) -> tuple[list[str], int]:
        """The people this edition may show, each labelled, and how many others it leaves out:
        a list of several unnamed «участник объединения» would say nothing but a count."""
        shown: list[str] = []
        unnamed = 0
        for person_id in person_ids:
            label = self.person(person_id, on, unnamed="")
            if label:
                shown.append(label)
            else:
                unnamed += 1
        return shown, unnamed

    @functools.cached_property
    def labels(self) -> Labels:
        """Records by id as readers know them: labels and the pages that show them."""
        return Labels(
            self.project, self.person, self.org, kind_shown("request", self.publishing),
            lambda practice: practice_shown(practice, self.publishing),
        )  # fmt: skip

    def org(self, org_id: str | None, on: date | None = None) -> str:
        """An organization's short name on a day."""
        organization = self.organizations.get(org_id or "")
        if organization is None:
            return org_id or ""
        return organization.name_on(on or self.publishing.as_of).short

    def render(self, template: str, page: str, **data: Any) -> str:
        """Render a template for the page at `page` (a site path such as `a/b.md`)."""

        folder = posixpath.dirname(page)

        def href(target: str) -> Markup:
            return Markup(relative_link(target, folder))

        def refs(text: object, association: str | None = None) -> Markup:
            return self.labels.text(text, href, association)

        return self.env.get_template(template).render(
            href=href, refs=refs, site=self, internal=self.publishing.internal,
            as_of=self.publishing.as_of, **data,
        )  # fmt: skip


PageBuilder = Callable[[SiteContext], dict[str, str]]
