"""MkDocs hook: a thin adapter that validates the records and adds the generated pages.

The core (generator.rendering.site) knows nothing of MkDocs; this file only hands its pages to MkDocs
as generated files and stops the build, with the same messages `validate` prints, when a
record is invalid — so nothing half-built is published. Official documents are not made
here (previews never wait for pandoc): the documents that `export --edition <edition>` left
in build/documents/<edition> are carried along and linked from their pages. After the
build, the theme's files that no page uses (source maps, the built-in search) are removed.
"""

from __future__ import annotations

import json
import logging
import re
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

from generator.authoring.decap import BundleMissing, admin_files  # noqa: E402
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
    result = validate(_root(config), cache=True)  # unless RECORDS_NO_CACHE=1
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
    _address_from_settings(config, result.project.settings, publishing.internal)
    edition_site = edition_files(result.project, publishing, _root(config) / default_out(edition))
    for path, content in edition_site.pages.items():
        files.append(File.generated(config, path, content=content))
    for path, source in edition_site.documents.items():
        files.append(File.generated(config, path, content=source.read_bytes()))
    if edition_site.documents:
        log.info("Документы из %s: %d", default_out(edition), len(edition_site.documents))
    for path, source in attachment_files(result.project, publishing).items():
        files.append(File.generated(config, path, content=source.read_bytes()))
    if publishing.internal:
        _add_admin(files, config, result.project, publishing.as_of)
    return files


def _add_admin(files: Files, config: MkDocsConfig, project: Any, as_of: Any) -> None:
    """The forms of /admin/ (Decap CMS), on the internal site only."""
    try:
        admin = admin_files(project, as_of)
    except BundleMissing as missing:
        log.warning("%s", missing)
        return
    for path, content in admin.items():
        files.append(File.generated(config, path, content=content))
    log.info("Редактор форм /admin/: файлов %d", len(admin))


def _address_from_settings(config: MkDocsConfig, settings: Any, internal: bool) -> None:
    """The site's address from records/settings.yaml (site.public_url / internal_url), so the
    sitemap lists the pages and each page has its canonical link. `serve` keeps none: there
    the address would move the preview off http://127.0.0.1:8000/."""
    if config.site_url or _serve_index or settings is None:
        return
    address = settings.site.internal_url if internal else settings.site.public_url
    if address:
        config["site_url"] = str(address).rstrip("/") + "/"


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
    """Drop the theme's unused files; index the built site for Pagefind search (under
    `mkdocs serve`, into its temporary folder)."""
    from generator.rendering.search import SearchIndexError, index_site

    site = Path(config.site_dir)
    files, size = prune_unused_assets(site)
    if files:
        log.info("Убраны неиспользуемые файлы темы: %d (%d КБ)", files, size // 1024)
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


# Weight -------------------------------------------------------------------------------------
# Material copies into every site its built-in search (a web worker and lunr's stemmers for
# thirty languages), which this site does not use (search is Pagefind's: `plugins: []`), and
# source maps of its scripts and styles, for debugging the theme. Together over 2 MB of a
# 4.6 MB site, fetched by nobody. They go after the build, unless something still refers
# to them: a page with Material's own search form, say, if its search is ever switched back on.

THEME_SEARCH = ("assets/javascripts/workers", "assets/javascripts/lunr")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_SEARCH_FORM = 'data-md-component="search"'
_REFERRING = {".html", ".js", ".css", ".json", ".xml", ".webmanifest"}


def on_post_page(output: str, **_: Any) -> str:
    """A page without Material's search form does not need its search worker: the theme's
    settings on the page stop naming it (Material starts the worker only for that form)."""
    if _SEARCH_FORM in output:
        return output
    return _CONFIG.sub(_without_search_worker, output, count=1)


def on_post_template(output_content: str, **_: Any) -> str:
    """The same for pages made from a template alone (404.html)."""
    return on_post_page(output_content)


def _without_search_worker(match: re.Match[str]) -> str:
    settings = json.loads(match.group(2))
    if not isinstance(settings, dict) or "search" not in settings:
        return match.group(0)
    del settings["search"]
    text = json.dumps(settings, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escaped)
    return match.group(1) + text + match.group(3)


def prune_unused_assets(site: Path) -> tuple[int, int]:
    """Remove the source maps and the theme's search files that nothing in `site` refers to;
    the number of files and bytes removed."""
    maps = sorted(path for path in site.rglob("*.map") if path.is_file())
    for map_file in maps:  # the script or stylesheet's comment that names its map
        _forget_source_map(map_file.with_suffix(""), map_file.name)
    search = sorted(
        path
        for folder in THEME_SEARCH
        for path in (site / folder).rglob("*")
        if path.is_file() and path not in maps
    )
    referred = _referred(site, {path.name for path in maps + search}, set(maps + search))
    unused = [path for path in maps if path.name not in referred]
    if not any(path.name in referred for path in search):  # the worker loads the rest
        unused += search
    size = sum(path.stat().st_size for path in unused)
    for path in unused:
        path.unlink()
    for folder in THEME_SEARCH:
        if (site / folder).is_dir() and not any(p.is_file() for p in (site / folder).rglob("*")):
            shutil.rmtree(site / folder)
    return len(unused), size


def _forget_source_map(source: Path, name: str) -> None:
    if not source.is_file() or source.suffix not in {".js", ".css"}:
        return
    text = source.read_text(encoding="utf-8")
    comment = re.compile(
        r"\n?(?://[#@] sourceMappingURL="
        + re.escape(name)
        + r"|/\*[#@] sourceMappingURL="
        + re.escape(name)
        + r"\s*\*/)\s*\Z"
    )
    stripped = comment.sub("\n", text)
    if stripped != text:
        source.write_text(stripped, encoding="utf-8")


def _referred(site: Path, names: set[str], candidates: set[Path]) -> set[str]:
    """Which of `names` a page, script or stylesheet of the site (candidates aside) mentions."""
    if not names:
        return set()
    pattern = re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))
    found: set[str] = set()
    for path in site.rglob("*"):
        if path.suffix in _REFERRING and path not in candidates and path.is_file():
            found.update(pattern.findall(path.read_text(encoding="utf-8", errors="replace")))
    return found


def on_shutdown(**_: Any) -> None:
    kept = _serve_index.pop("folder", None)
    if kept is not None:
        shutil.rmtree(kept, ignore_errors=True)
