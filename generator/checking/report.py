"""Reporters: one list of diagnostics, printed as text, JSON or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from generator.loading.diagnostics import Diagnostic

FORMATS = ("text", "json", "github")


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.path, diagnostic.line or 0, diagnostic.column or 0, diagnostic.message)


def summary(files: int, diagnostics: Sequence[Diagnostic]) -> str:
    """The closing line: files read, errors (and warnings) found."""
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    text = f"Проверено файлов: {files}. Ошибок: {errors}."
    if warnings:
        text += f" Предупреждений: {warnings}."
    if not diagnostics:
        text += " Всё в порядке."
    return text


def render(fmt: str, files: int, diagnostics: Sequence[Diagnostic]) -> str:
    """All diagnostics in one of FORMATS, ending with the summary."""
    ordered = sorted(diagnostics, key=sort_key)
    if fmt == "json":
        return _json(files, ordered)
    lines = [_github(d) if fmt == "github" else d.format_text() for d in ordered]
    lines.append(summary(files, ordered))
    return "\n".join(lines)


def _json(files: int, diagnostics: Sequence[Diagnostic]) -> str:
    payload = {
        "files": files,
        "errors": sum(1 for d in diagnostics if d.severity == "error"),
        "warnings": sum(1 for d in diagnostics if d.severity == "warning"),
        "diagnostics": [
            {
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "field": d.field,
                "label": d.label,
                "message": d.message,
                "code": d.code,
                "severity": d.severity,
            }
            for d in diagnostics
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def _github(diagnostic: Diagnostic) -> str:
    """A workflow command that GitHub and Forgejo show on the changed line."""
    props = [f"file={escape_property(diagnostic.path)}"]
    if diagnostic.line is not None:
        props.append(f"line={diagnostic.line}")
        if diagnostic.column is not None:
            props.append(f"col={diagnostic.column}")
    title = diagnostic.field or "запись"
    if diagnostic.label:
        title += f" ({diagnostic.label})"
    props.append(f"title={escape_property(title)}")
    return f"::{diagnostic.severity} {','.join(props)}::{escape_data(diagnostic.message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
