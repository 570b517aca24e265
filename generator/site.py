"""Render stage: pages of the site from the records, through jinja2 templates."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jinja2

from schemas import RECORD_MODELS

from .fieldref import field_reference
from .project import Project

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> jinja2.Environment:
    """The templates' environment; Markdown output, so HTML escaping is done per value."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_pages(project: Project) -> dict[str, str]:
    """Site path → Markdown of every generated page."""
    counts = Counter(record.place.kind for record in project.records)
    kinds = [
        (model.KIND_TITLE, counts[kind]) for kind, model in RECORD_MODELS.items() if counts[kind]
    ]
    env = environment()
    return {
        "records/index.md": env.get_template("records-index.md.j2").render(kinds=kinds),
        "guide/fields.md": env.get_template("fields.md.j2").render(kinds=field_reference()),
    }
