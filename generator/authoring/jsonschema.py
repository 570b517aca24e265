"""JSON Schema of every record kind, committed under schemas/json for editors' help."""

from __future__ import annotations

import json
from pathlib import Path

from generator.loading.layout import FRONT_MATTER_KINDS, KIND_GLOBS
from schemas import RECORD_MODELS

SCHEMA_DIR = "schemas/json"
VSCODE_SETTINGS = ".vscode/settings.json"


def expected() -> dict[str, str]:
    """Root-relative path → text of every generated file, deterministic."""
    files = {f"{SCHEMA_DIR}/{kind}.schema.json": text for kind, text in _schemas().items()}
    files[VSCODE_SETTINGS] = _vscode_settings()
    return files


def _schemas() -> dict[str, str]:
    texts = {}
    for kind, model in RECORD_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{kind}.schema.json"
        schema["title"] = model.KIND_TITLE.capitalize()
        if kind in FRONT_MATTER_KINDS:
            schema["properties"].pop("body", None)  # the Markdown after the front matter
        texts[kind] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return texts


def _vscode_settings() -> str:
    """Which schema VS Code's YAML extension applies to which record files."""
    settings = {
        "yaml.schemas": {
            f"./{SCHEMA_DIR}/{kind}.schema.json": glob for kind, glob in KIND_GLOBS.items()
        },
        "yaml.format.enable": False,
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def write(root: Path) -> list[str]:
    """Write every generated file under root; return their root-relative paths."""
    files = expected()
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def stale(root: Path) -> list[str]:
    """Root-relative paths of generated files that are missing or differ from the models."""
    return [
        relative
        for relative, text in expected().items()
        if not (root / relative).is_file() or (root / relative).read_text(encoding="utf-8") != text
    ]
