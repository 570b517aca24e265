"""Load stage: every record file of a project read, parsed and validated, errors as values."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from schemas import RECORD_MODELS, Settings, TopRecord

from .diagnostics import Diagnostic, Loc, format_loc
from .layout import FRONT_MATTER_KINDS, Found, Place, discover
from .messages import explain
from .yamlsafe import LoadIssue, decode_text, locate, parse_yaml, split_front_matter


@dataclass(frozen=True, slots=True)
class Source:
    """The YAML text a record was read from, kept to point errors at lines."""

    path: str  # relative to the project root
    text: str
    first_line: int

    def diagnostic(
        self, loc: Loc, message: str, code: str, *, label: str | None = None, at_key: bool = False
    ) -> Diagnostic:
        """A diagnostic at the value (or key) found at loc in this file."""
        position = locate(self.text, loc, first_line=self.first_line, key=at_key)
        return Diagnostic(
            path=self.path,
            message=message,
            code=code,
            line=position.line if position else None,
            column=position.column if position else None,
            field=format_loc(loc) or None,
            label=label,
            loc=loc,
        )


@dataclass(frozen=True, slots=True)
class Loaded:
    """A record that passed its schema, with where it came from."""

    place: Place
    source: Source
    model: TopRecord

    @property
    def path(self) -> str:
        return self.source.path


@dataclass(slots=True)
class Project:
    """All valid records of a project, indexed by (kind, scope, id)."""

    root: Path
    records: list[Loaded] = field(default_factory=list)
    index: dict[tuple[str, str, str], Loaded] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # every record file found, root-relative
    # Records found on disk that failed to load: references to them are not reported again.
    failed: set[tuple[str, str, str]] = field(default_factory=set)

    def add(self, record: Loaded) -> None:
        self.records.append(record)
        self.index[(record.place.kind, record.place.scope, record.place.id)] = record

    def exists(self, kind: str, record_id: str, scope: str = "") -> bool:
        """Whether such a record file exists, valid or not."""
        key = (kind, scope, record_id)
        return key in self.index or key in self.failed

    def get(self, kind: str, record_id: str, scope: str = "") -> Loaded | None:
        """The record of a kind with an id, looked up within a scope (see Place.scope)."""
        return self.index.get((kind, scope, record_id))

    def of_kind(self, kind: str) -> Iterator[Loaded]:
        return (r for r in self.records if r.place.kind == kind)

    @property
    def settings(self) -> Settings | None:
        loaded = self.get("settings", "")
        return loaded.model if loaded and isinstance(loaded.model, Settings) else None


def load_project(root: Path) -> tuple[Project, list[Diagnostic]]:
    """Read every record under root/records; return the valid ones and all problems found."""
    found, problems = discover(root)
    project = Project(root=root, files=[f.relative for f in found])
    for item in found:
        result = load_record(item)
        if isinstance(result, Loaded):
            project.add(result)
        else:
            project.failed.add((item.place.kind, item.place.scope, item.place.id))
            problems.extend(result)
    return project, problems


def load_record(found: Found) -> Loaded | list[Diagnostic]:
    """Read, parse and validate one record file."""
    try:
        raw = found.path.read_bytes()
    except OSError as error:
        return [Diagnostic(found.relative, f"файл не читается: {error.strerror}.", "io.read")]
    text = decode_text(raw)
    if isinstance(text, LoadIssue):
        return [_issue(found.relative, text)]
    return _parse_and_validate(found, text)


def _parse_and_validate(found: Found, text: str) -> Loaded | list[Diagnostic]:
    body: str | None = None
    first_line = 1
    if found.place.kind in FRONT_MATTER_KINDS:
        parts = split_front_matter(text)
        if isinstance(parts, LoadIssue):
            return [_issue(found.relative, parts)]
        text, body, _body_line = parts
        first_line = 2
    source = Source(found.relative, text, first_line)
    data = parse_yaml(text, first_line=first_line)
    if isinstance(data, LoadIssue):
        return [_issue(found.relative, data)]
    if not isinstance(data, dict):
        return [source.diagnostic((), _NOT_A_MAPPING, "yaml.not-mapping")]
    if body is not None:
        if "body" in data:
            return [source.diagnostic(("body",), _BODY_IN_FRONT_MATTER, "schema.body", at_key=True)]
        data["body"] = body
    model = RECORD_MODELS[found.place.kind]
    try:
        return Loaded(found.place, source, model.model_validate(data))
    except ValidationError as error:
        return list(_schema_problems(source, model, error.errors(include_url=False)))


def _schema_problems(
    source: Source, model: type[TopRecord], errors: Iterable[ErrorDetails]
) -> Iterator[Diagnostic]:
    explained_all = [explain(error, model) for error in errors]
    # A misspelt key also makes the real one "missing": report only the misspelling.
    suggested = {(e.loc[:-1], e.suggestion) for e in explained_all if e.suggestion}
    for explained in explained_all:
        if (
            explained.code == "schema.missing"
            and (explained.loc[:-1], explained.loc[-1]) in suggested
        ):
            continue
        yield source.diagnostic(
            explained.loc,
            explained.message,
            explained.code,
            label=explained.label,
            at_key=explained.at_key,
        )


def _issue(path: str, issue: LoadIssue) -> Diagnostic:
    return Diagnostic(path, issue.message, issue.code, issue.line, issue.column)


_NOT_A_MAPPING = (
    "запись должна быть набором полей «ключ: значение», каждое с новой строки. "
    "Откройте образец такого же файла и сверьтесь с ним."
)
_BODY_IN_FRONT_MATTER = (
    "поле body не пишется в заголовке: текст записи идёт после второй строки «---»."
)
