"""Render stage: the site's pages from the records, through jinja2 templates.

`render_site` returns `{path: content}` for one edition (public or internal) as of a date;
the MkDocs hook adds these as generated files and `write_pages` writes them to a folder
for any other engine. Nothing here imports MkDocs.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from schemas import Organization, Person, TopRecord

from .compliance import Outcome, evaluate
from .crossref import attachments
from .project import Loaded, Project
from .publish import Publishing, person_label
from .templating import template_environment
from .textsafe import body_html, external_url, inline, paragraphs

TEMPLATES = Path(__file__).parent / "templates"
MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip
MONTHS_NOMINATIVE = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)  # fmt: skip
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


def ru_date(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def ru_long_date(day: date | None) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year} г." if day else ""


def ru_month(month: str) -> str:
    """`2025-10` → «октябрь 2025»."""
    return f"{MONTHS_NOMINATIVE[int(month[5:]) - 1]} {month[:4]}"


def meeting_page(association: str, ref: str) -> str:
    """Site path of a meeting given as `2025-2026/03`."""
    year, _, number = ref.partition("/")
    return f"associations/{association}/{year}/meetings/{number}.md"


def event_page(event_id: str) -> str:
    """Site path of a council event (an anchor on the events page)."""
    return f"council/events.md#{event_id}"


def school_year_title(year: str) -> str:
    """`2025-2026` → «2025/2026»."""
    return year.replace("-", "/")


@dataclass
class SiteContext:
    """Everything a page builder needs: the records, the edition, lookups, the templates."""

    project: Project
    publishing: Publishing
    env: jinja2.Environment = field(default_factory=environment)
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    documents: Mapping[str, Path] = field(default_factory=dict)  # exported: site path → file
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


def render_site(
    project: Project, publishing: Publishing, documents: Mapping[str, Path] | None = None
) -> dict[str, str]:
    """Site path → content of every generated page of one edition.

    `documents` are the exported official documents the site carries (`site_files`); pages
    link those and only those, so a site built before or without `export` has no dead links.
    """
    from . import (  # the page modules import SiteContext from here
        feed,
        pages_association,
        pages_compliance,
        pages_council,
        pages_home,
        pages_library,
        pages_reference,
    )

    context = SiteContext(project, publishing, documents=documents or {})
    pages: dict[str, str] = {}
    builders: tuple[PageBuilder, ...] = (
        pages_home.pages, pages_association.pages, pages_reference.pages,
        pages_library.pages, pages_council.pages, feed.pages, pages_compliance.pages,
    )  # fmt: skip
    for builder in builders:
        pages.update(builder(context))
    return pages


def attachment_files(project: Project, publishing: Publishing) -> dict[str, Path]:
    """Site path → file of every attachment kept in the repository (internal site only).

    Scans and registration sheets carry names and signatures, so the public site lists
    them by title only; `validate` has already checked each path stays in the repository.
    """
    if not publishing.internal:
        return {}
    files: dict[str, Path] = {}
    for record in project.records:
        for _loc, attachment in attachments(record.model):
            if attachment.path is not None:
                files[attachment.path] = project.root / attachment.path
    return files


def symlinks_under(folder: Path) -> list[str]:
    """Symlinks below a folder: refused, since they could publish files from outside it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_symlink())


def copy_hand_written(docs: Path, folder: Path) -> list[Path]:
    """Copy the hand-written pages of docs/ (Markdown, styles, images) into folder."""
    links = symlinks_under(docs)
    if links:
        raise ValueError("символьные ссылки в docs не допускаются: " + ", ".join(links))
    copied = []
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            target = folder / path.relative_to(docs)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
            copied.append(target)
    return copied


def write_pages(pages: dict[str, str], folder: Path) -> list[Path]:
    """Write generated pages under folder (for engines other than MkDocs)."""
    written = []
    for relative, content in sorted(pages.items()):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8"))  # as is: the calendar needs its CRLF
        written.append(path)
    return written
