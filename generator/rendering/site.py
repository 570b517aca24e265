"""Render stage: the site's pages from the records, through jinja2 templates.

`render_site` returns `{path: content}` for one edition (public or internal) as of a date;
the MkDocs hook adds these as generated files and `write_site` writes them to a folder
for any other engine. Nothing here imports MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from generator.checking.attachments import attachments
from generator.errors import UserError
from generator.loading.project import Project
from generator.rendering import (
    association,
    atom,
    council,
    council_consultations,
    dashboard,
    feed,
    home,
    library,
    reference,
    schools,
)
from generator.rendering.context import Downloads, PageBuilder, SiteContext
from generator.rendering.publication import Publishing, hand_written_shown
from generator.russian import typeset


def render_site(
    project: Project, publishing: Publishing, downloads: Downloads | None = None
) -> dict[str, str]:
    """Site path → content of every generated page of one edition.

    `downloads` are the exported official documents each page offers (`documents.links.offered`
    over `site_files`); pages link those and only those, so a site built before or without
    `export` has no dead links.
    """
    context = SiteContext(project, publishing, downloads=downloads or {})
    pages: dict[str, str] = {}
    builders: tuple[PageBuilder, ...] = (
        home.pages, association.pages, reference.pages,
        library.pages, council.pages, council_consultations.pages, feed.pages,
        atom.pages, dashboard.pages,
        schools.pages,
    )  # fmt: skip
    for builder in builders:
        pages.update(builder(context))
    return {path: typeset(page) if path.endswith(".md") else page for path, page in pages.items()}


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


class SymlinkRefused(UserError):
    """Symlinks under the hand-written pages: they could publish files from outside."""

    def __init__(self, links: list[str]) -> None:
        super().__init__("символьные ссылки в docs не допускаются: " + ", ".join(links))


def symlinks_under(folder: Path) -> list[str]:
    """Symlinks below a folder: refused, since they could publish files from outside it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_symlink())


def copy_hand_written(docs: Path, folder: Path, publishing: Publishing) -> list[Path]:
    """Copy the hand-written pages of docs/ (Markdown, styles, images) of an edition into
    folder: the public one goes without the internal site's pages (the editors' guide)."""
    links = symlinks_under(docs)
    if links:
        raise SymlinkRefused(links)
    copied = []
    for path in sorted(docs.rglob("*")):
        page = path.relative_to(docs).as_posix()
        if path.is_file() and hand_written_shown(page, publishing):
            target = folder / page
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
