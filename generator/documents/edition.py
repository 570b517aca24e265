"""One edition of the site as files: its pages, and the exported documents they offer.

The MkDocs hook hands these to MkDocs; `python -m generator pages` writes them to a folder
for any other engine. Both go through `edition_files`, so both offer the same documents.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.documents.links import offered, site_files
from generator.loading.project import Project
from generator.rendering.publication import Publishing
from generator.rendering.site import (
    SymlinkRefused,
    copy_hand_written,
    render_site,
    symlinks_under,
    write_pages,
)


@dataclass(frozen=True, slots=True)
class EditionFiles:
    """Site path → content of every generated page, and → file of every offered document."""

    pages: dict[str, str]
    documents: dict[str, Path]
    publishing: Publishing  # the edition: which hand-written pages of docs/ go with it


def edition_files(
    project: Project, publishing: Publishing, export_folder: Path | None
) -> EditionFiles:
    """The pages of an edition, linking the documents `export` left in `export_folder`.

    With no folder (or an empty one) the pages offer no documents, so nothing links a file
    the site does not carry.
    """
    documents = site_files(project, publishing, export_folder) if export_folder else {}
    downloads = offered(project, publishing, documents)
    return EditionFiles(render_site(project, publishing, downloads), documents, publishing)


def write_site(files: EditionFiles, out: Path, hand_written: Path | None) -> int:
    """Write an edition into `out` (emptied first): hand-written pages, generated, documents.

    Returns the number of files written. Refuses (SymlinkRefused) symlinks among the hand-written
    pages before anything is removed or written.
    """
    links = symlinks_under(hand_written) if hand_written is not None else []
    if links:
        raise SymlinkRefused(links)
    if out.exists():
        shutil.rmtree(out)
    copied = (
        copy_hand_written(hand_written, out, files.publishing) if hand_written is not None else []
    )
    written = write_pages(files.pages, out)
    for path, source in files.documents.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return len(copied) + len(written) + len(files.documents)
