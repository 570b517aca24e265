"""MkDocs hook: a thin adapter that validates the records and adds the generated pages.

The core (generator.rendering.site) knows nothing of MkDocs; this file only hands its pages to MkDocs
as generated files and stops the build, with the same messages `validate` prints, when a
record is invalid — so nothing half-built is published. Official documents are not made
here (previews never wait for pandoc): the documents that `export --edition <edition>` left
in build/documents/<edition> are carried along and linked from their pages.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# mkdocs loads hooks by path; make the project's packages importable from a plain checkout.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from generator.checking.report import render  # noqa: E402
from generator.checking.validate import validate  # noqa: E402
from generator.documents.edition import edition_files  # noqa: E402
from generator.documents.links import default_out  # noqa: E402
from generator.errors import UserError  # noqa: E402
from generator.rendering.publication import publishing_from  # noqa: E402
from generator.rendering.site import attachment_files, symlinks_under  # noqa: E402
from generator.templating import TEMPLATES  # noqa: E402

log = logging.getLogger("mkdocs.hooks.records")


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    """Validate every record, then add the pages of this edition (`extra.edition`)."""
    links = symlinks_under(Path(config.docs_dir))
    if links:
        raise PluginError("Символьные ссылки в docs не допускаются: " + ", ".join(links))
    result = validate(_root(config))
    if not result.ok:
        report = render("text", result.files, result.diagnostics)
        raise PluginError("Записи содержат ошибки, сайт не собран:\n" + report)
    extra: dict[str, Any] = dict(config.extra or {})
    try:
        publishing = publishing_from(extra.get("edition"), extra.get("as_of"))
    except UserError as error:
        raise PluginError(f"Сайт не собран: {error}") from None
    edition = publishing.edition.value
    log.info("Сайт «%s» на %s", publishing.edition.value, publishing.as_of.isoformat())
    edition_site = edition_files(result.project, publishing, _root(config) / default_out(edition))
    for path, content in edition_site.pages.items():
        files.append(File.generated(config, path, content=content))
    for path, source in edition_site.documents.items():
        files.append(File.generated(config, path, content=source.read_bytes()))
    if edition_site.documents:
        log.info("Документы из %s: %d", default_out(edition), len(edition_site.documents))
    for path, source in attachment_files(result.project, publishing).items():
        files.append(File.generated(config, path, content=source.read_bytes()))
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any, **_: Any) -> Any:
    """Rebuild when a record or a template changes under `mkdocs serve`."""
    root = _root(config)
    server.watch(str(root / "records"))
    server.watch(str(TEMPLATES))
    return server


# Under `mkdocs serve`: a copy of the first build's search index. Every rebuild starts from an
# empty folder; indexing again after each save would add seconds to every preview on a big
# tree, so later rebuilds get this copy (search in a preview may lag behind edits).
_serve_index: dict[str, Path] = {}


def on_startup(command: str, **_: Any) -> None:
    if command == "serve":
        _serve_index["folder"] = Path(tempfile.mkdtemp(prefix="pagefind-serve-"))


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    """Index the built site for Pagefind search; under `mkdocs serve`, its temporary folder."""
    from generator.rendering.search import SearchIndexError, index_site

    site = Path(config.site_dir)
    kept = _serve_index.get("folder")
    if kept is not None and (kept / "pagefind").is_dir():
        shutil.copytree(kept / "pagefind", site / "pagefind", dirs_exist_ok=True)
        log.info("Поиск: указатель первой сборки (при просмотре он не обновляется)")
        return
    try:
        pages = index_site(site)
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
    log.info("Поиск: страниц в указателе Pagefind — %d", pages)
    if kept is not None:
        shutil.copytree(site / "pagefind", kept / "pagefind")


def on_shutdown(**_: Any) -> None:
    kept = _serve_index.pop("folder", None)
    if kept is not None:
        shutil.rmtree(kept, ignore_errors=True)
