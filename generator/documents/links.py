"""Download links for pages: where the site offers each exported document.

`export --edition E` writes documents to `build/documents/E/<association>/<year>/<name>`; a
site build copies them under `documents/` (see `site_files`), so a page links, for example,
`documents/mpo-tula/2025-2026/protocol-03.docx`. The public site offers only the documents
of signed protocols and approved plans, written with people named as their consent allows
(export them with `--edition public`); the internal site offers every document.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.checking.years import Year, collect_years
from generator.documents.catalog import DocumentRef, meeting_documents, shown, year_documents
from generator.documents.pandoc import FORMATS, Format
from generator.loading.project import Project
from generator.rendering.publication import Publishing

SITE_FOLDER = "documents"
EXPORT_FOLDER = Path("build") / "documents"


def default_out(edition: str) -> Path:
    """Where `export` writes an edition's documents by default, below the project root."""
    return EXPORT_FOLDER / edition


def site_path(ref: DocumentRef, fmt: Format) -> str:
    """`documents/mpo-tula/2025-2026/protocol-03.docx`: a document's path on the site."""
    return f"{SITE_FOLDER}/{ref.path(fmt)}"


@dataclass(frozen=True, slots=True)
class DocumentLink:
    """One document a page offers: its Russian title and its files, format by format."""

    title: str
    files: tuple[tuple[str, str], ...]  # ("DOCX", "documents/mpo-tula/2025-2026/plan.docx")


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
    links = []
    refs = year_documents(year) if number is None else meeting_documents(year, number)
    for ref in refs:
        if ref.kind != kind or not shown(ref, year, publishing):
            continue
        paths = [(fmt.upper(), site_path(ref, fmt)) for fmt in formats]
        files = tuple((label, path) for label, path in paths if path in available)
        if files:
            links.append(DocumentLink(ref.title, files))
    return links


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
