"""The one jinja2 set-up of every output: pages, documents, scaffolded and imported records.

Templates are strict (an unknown name is an error, not an empty string) and print their
lines exactly as written. Nothing is auto-escaped for HTML: each output makes values safe
for its own language through `finalize` (Markdown for pages, pandoc Markdown for documents,
YAML for records) or through filters.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent / "templates"  # pages; documents/ and scaffold/ below


def template_environment(
    folder: Path, finalize: Callable[[Any], Any] | None = None, **filters: Callable[..., Any]
) -> jinja2.Environment:
    """Templates of `folder`; `finalize` applies to every value printed with {{ … }}."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=False,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # an environment lives for one build or one command
    )
    env.filters.update(filters)
    return env
