"""Download links for pages: where the site offers each exported document.

`export --edition E` writes documents to `build/documents/E/<association>/<year>/<name>`; a
site build copies them under `documents/` (see `site_files`), so a page links, for example,
`documents/mpo-tula/2025-2026/protocol-03.docx`. The public site offers only the documents
of signed protocols and approved plans, written with people named as their consent allows
(export them with `--edition public`); the internal site offers every document.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from pathlib import Path

from generator.checking.years import Year, collect_years
from generator.documents.catalog import DocumentRef, meeting_documents, shown, year_documents
from generator.documents.pandoc import FORMATS, Format
from generator.loading.project import Project
from generator.rendering.context import DocumentLink, DownloadKey, Downloads
from generator.rendering.publication import Publishing

SITE_FOLDER = "documents"
EXPORT_FOLDER = Path("build") / "documents"


def default_out(edition: str) -> Path:
    """Where `export` writes an edition's documents by default, below the project root."""
    return EXPORT_FOLDER / edition


def site_path(ref: DocumentRef, fmt: Format) -> str:
    """`documents/mpo-tula/2025-2026/protocol-03.docx`: a document's path on the site."""
    return f"{SITE_FOLDER}/{ref.path(fmt)}"


def offered(
    project: Project,
    publishing: Publishing,
    available: Container[str],
    formats: Sequence[Format] = FORMATS,
) -> Downloads:
    """What every page offers for download: (association, year, kind, number) → links.

    The site's pages take this mapping (`render_site(…, downloads)`) rather than asking the
    document catalogue themselves, so rendering never depends on the documents stage.
    """
    offers: dict[DownloadKey, list[DocumentLink]] = {}
    for year in collect_years(project):
        for ref in year_documents(year):
            link = _link(ref, year, publishing, available, formats)
            if link is not None:
                key = (ref.association, ref.year, ref.kind, ref.number)
                offers.setdefault(key, []).append(link)
    return offers


def document_links(
    kind: str,
    year: Year,
    number: str | None = None,
    *,
    publishing: Publishing,
    available: Container[str],
    formats: Sequence[Format] = FORMATS,
) -> list[DocumentLink]:
    """The documents of a kind that this edition offers and `available` holds.

    `year` is one association's school year (`collect_years`); `number` picks one meeting's
    documents ("03"), or None for all of them (and for the year's plan, journal, analysis).
    `available` holds the site paths of exported files (`site_files`): a page never links a
    document that was not exported. Example: `document_links("protocol", year, "03", …)` →
    `[DocumentLink("Протокол № 3", (("DOCX", "documents/mpo-tula/2025-2026/protocol-03.docx"), …))]`.
    """
    refs = year_documents(year) if number is None else meeting_documents(year, number)
    links = (_link(ref, year, publishing, available, formats) for ref in refs if ref.kind == kind)
    return [link for link in links if link is not None]


def _link(
    ref: DocumentRef,
    year: Year,
    publishing: Publishing,
    available: Container[str],
    formats: Sequence[Format],
) -> DocumentLink | None:
    if not shown(ref, year, publishing):
        return None
    paths = ((fmt.upper(), site_path(ref, fmt)) for fmt in formats)
    files = tuple((label, path) for label, path in paths if path in available)
    return DocumentLink(ref.title, files) if files else None


def site_files(
    project: Project, publishing: Publishing, folder: Path, formats: Sequence[Format] = FORMATS
) -> dict[str, Path]:
    """Site path → exported file, for every document this edition offers that `folder` holds.

    For the MkDocs hook: add each as `File.generated(config, path, content=file.read_bytes())`.
    """
    files: dict[str, Path] = {}
    for year in collect_years(project):
        for ref in year_documents(year):
            if not shown(ref, year, publishing):
                continue
            for fmt in formats:
                source = folder / ref.path(fmt)
                # build/ is not in git, so a symlink there could publish any file: refused
                if source.is_file() and not source.is_symlink():
                    files[site_path(ref, fmt)] = source
    return files
