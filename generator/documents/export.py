"""Export stage: render the chosen documents, convert what changed, write the files.

A converted document is cached under `.cache/documents/` by a hash of everything it is made
from — its Markdown, the reference document (and for ODT the table filter and template),
pandoc's version, the format and the document's date — so an unchanged record is never
converted again. Conversions run in threads, one pandoc process per core at a time.
A file in the output folder is rewritten only when its bytes change.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.checking.years import Year, collect_years
from generator.documents.catalog import LANDSCAPE_KINDS, DocumentRef, shown, year_documents
from generator.documents.context import Paperwork
from generator.documents.kinds import Rendered, render_document
from generator.documents.layout import Page, finish
from generator.documents.pandoc import Format, convert, pandoc_version, reference_files
from generator.documents.widths import size_tables
from generator.errors import UserError
from generator.loading.project import Project
from generator.rendering.publication import Edition, Publishing
from generator.russian import ru_number

CACHE_FOLDER = Path(".cache") / "documents"
CACHE_VERSION = b"documents-2"
# The code that shapes the converted file besides pandoc: its source is part of the key.
LAYOUT_CODE = (Path(__file__).with_name("layout.py"), Path(__file__).with_name("widths.py"))


@dataclass(frozen=True, slots=True)
class Selection:
    """What to export: kinds, formats, one association or year, which edition, as of when."""

    kinds: Sequence[str]
    formats: Sequence[Format]
    as_of: date
    association: str | None = None
    year: str | None = None
    edition: Edition = Edition.INTERNAL


@dataclass(frozen=True, slots=True)
class Job:
    """One document in one format."""

    rendered: Rendered
    fmt: Format

    @property
    def key(self) -> str:
        """The cache key: a hash of everything the converted bytes depend on."""
        digest = hashlib.sha256(CACHE_VERSION)
        for part in (self.fmt, pandoc_version(), reference_digest(self.fmt), repr(self.page)):
            digest.update(part.encode() + b"\0")
        digest.update(self.rendered.dated.isoformat().encode() + b"\0")
        digest.update(self.rendered.markdown.encode("utf-8"))
        return digest.hexdigest()

    @property
    def path(self) -> str:
        return self.rendered.ref.path(self.fmt)

    @property
    def page(self) -> Page:
        return Page(landscape=self.rendered.ref.kind in LANDSCAPE_KINDS)


@dataclass(frozen=True, slots=True)
class Summary:
    """What an export did, for the Russian summary line."""

    documents: int
    converted: int
    cached: int
    written: int
    unchanged: int
    seconds: float
    workers: int

    def text(self, out: Path) -> str:
        parallel = f", процессов pandoc одновременно: {self.workers}" if self.converted else ""
        return (
            f"Документов: {self.documents}. Преобразовано pandoc: {self.converted}, "
            f"взято из кэша: {self.cached}. Записано в {out}: {self.written}, "
            f"без изменений: {self.unchanged}. Время: {ru_number(self.seconds, 1)} с{parallel}."
        )


@functools.cache
def reference_digest(fmt: Format) -> str:
    """A hash of the reference files of a format and of the layout code (read once)."""
    digest = hashlib.sha256()
    for path in (*reference_files(fmt), *LAYOUT_CODE):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def available_workers() -> int:
    """The cores this process may run on (`taskset -c 0` gives 1)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def render_selection(project: Project, selection: Selection) -> list[Rendered]:
    """The Markdown of every selected document, in a stable order."""
    publishing = Publishing(selection.edition, selection.as_of)
    public = publishing if selection.edition is Edition.PUBLIC else None
    paper = Paperwork(project, public=public)
    rendered = []
    for year in _years(project, selection):
        for ref in year_documents(year):
            if ref.kind in selection.kinds and shown(ref, year, publishing):
                rendered.append(render_document(ref, year, paper, selection.as_of))
    return rendered


class NothingSelected(UserError):
    """The association or year asked for has no records."""


def _years(project: Project, selection: Selection) -> list[Year]:
    years = [
        year
        for year in collect_years(project)
        if selection.association in (None, year.association) and selection.year in (None, year.year)
    ]
    if not years and (selection.association or selection.year):
        wanted = ", ".join(
            part
            for part in (
                selection.association and f"объединение «{selection.association}»",
                selection.year and f"учебный год {selection.year}",
            )
            if part
        )
        raise NothingSelected(
            f"записей не найдено: {wanted}. Объединение — имя папки в records/associations, "
            "год — имя папки внутри неё, например 2025-2026."
        )
    return years


def export(project: Project, selection: Selection, out: Path, cache: Path) -> Summary:
    """Write the selected documents under `out`, converting only what is not cached."""
    started = time.perf_counter()
    jobs = [Job(r, fmt) for r in render_selection(project, selection) for fmt in selection.formats]
    missing = {job.key: job for job in jobs if not (cache / _cache_name(job)).is_file()}
    workers = min(available_workers(), len(missing)) or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for job, data in zip(missing.values(), pool.map(_convert, missing.values()), strict=True):
            _write_atomically(cache / _cache_name(job), data)
    written = sum(_place(cache / _cache_name(job), out / job.path) for job in jobs)
    return Summary(
        documents=len(jobs),
        converted=len(missing),
        cached=len(jobs) - len(missing),
        written=written,
        unchanged=len(jobs) - written,
        seconds=time.perf_counter() - started,
        workers=workers,
    )


def _convert(job: Job) -> bytes:
    page = job.page
    return lay_out(job.rendered.markdown, job.fmt, page, dated=job.rendered.dated)


def lay_out(markdown: str, fmt: Format, page: Page, *, dated: date | None = None) -> bytes:
    """A document's Markdown → the file to print: column widths, pandoc, page layout."""
    sized = size_tables(markdown, page.text_width_mm)
    width = page.text_width_mm if page.landscape else None
    return finish(convert(sized, fmt, dated=dated, text_width_mm=width), fmt, page)


def _cache_name(job: Job) -> str:
    return f"{job.key}.{job.fmt}"


def _place(source: Path, target: Path) -> bool:
    """Copy a cached document to the output folder unless it is there already; True if written."""
    data = source.read_bytes()
    if target.is_file() and target.read_bytes() == data:
        return False
    _write_atomically(target, data)
    return True


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def document_refs(project: Project, selection: Selection) -> list[DocumentRef]:
    """The refs an export of this selection would write (without rendering them)."""
    publishing = Publishing(selection.edition, selection.as_of)
    return [
        ref
        for year in _years(project, selection)
        for ref in year_documents(year)
        if ref.kind in selection.kinds and shown(ref, year, publishing)
    ]
