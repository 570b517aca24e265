"""The page context: what every page builder gets — records, edition, lookups, templates.

Page builders (home, association, reference, library, council, feed, dashboard) depend on
this module, and `site.render_site` runs them; so no builder needs the module that runs it.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from generator.checking.compliance import evaluate
from generator.checking.rules.base import Outcome
from generator.loading.project import Loaded, Project
from generator.rendering.publication import Publishing, person_label
from generator.rendering.textsafe import body_html, external_url, inline, paragraphs
from generator.russian import ru_date, ru_long_date, ru_month, school_year_title
from generator.templating import TEMPLATES, template_environment
from schemas import Organization, Person, TopRecord

R = TypeVar("R", bound=TopRecord)


def environment() -> jinja2.Environment:
    """Templates print Markdown; every printed value is made inert unless marked Markup."""
    env = template_environment(
        TEMPLATES, inline, para=paragraphs, body=body_html, url=external_url, d=ru_date,
        long_date=ru_long_date, month=ru_month, year=school_year_title,
    )  # fmt: skip
    env.globals.update(meeting_page=meeting_page, event_page=event_page)
    return env


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


def meeting_page(association: str, ref: str) -> str:
    """Site path of a meeting given as `2025-2026/03`."""
    year, _, number = ref.partition("/")
    return f"associations/{association}/{year}/meetings/{number}.md"


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
    _labels: dict[tuple[str, date], str] = field(default_factory=dict, repr=False)

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

    def person(self, person_id: str | None, on: date | None = None) -> str:
        """A person as this edition may show them on a day."""
        if not person_id:
            return ""
        person = self.people.get(person_id)
        if person is None:
            return person_id
        day = on or self.publishing.as_of
        key = (person_id, day)
        if key not in self._labels:  # the same people appear on many pages
            self._labels[key] = person_label(person, self.organizations, day, self.publishing)
        return self._labels[key]

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

        return self.env.get_template(template).render(
            href=href, site=self, internal=self.publishing.internal,
            as_of=self.publishing.as_of, **data,
        )  # fmt: skip


PageBuilder = Callable[[SiteContext], dict[str, str]]
