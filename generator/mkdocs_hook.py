"""MkDocs hook: a thin adapter that validates the records and adds the generated pages.

The core (generator.site) knows nothing of MkDocs; this file only hands its pages to MkDocs
as generated files and stops the build, with the same messages `validate` prints, when a
record is invalid — so nothing half-built is published.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# mkdocs loads hooks by path; make the project's packages importable from a plain checkout.
_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from generator.report import render  # noqa: E402
from generator.site import render_pages  # noqa: E402
from generator.validate import validate  # noqa: E402

log = logging.getLogger("mkdocs.hooks.records")


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    result = validate(_root(config))
    if not result.ok:
        raise PluginError(
            "Записи содержат ошибки:\n" + render("text", result.files, result.diagnostics)
        )
    for path, content in render_pages(result.project).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any, **_: Any) -> Any:
    """Rebuild when a record or a template changes under `mkdocs serve`."""
    root = _root(config)
    server.watch(str(root / "records"))
    server.watch(str(root / "generator" / "templates"))
    return server
