"""Files a record attaches: kept in the repository, inside it, and present.

Scans of signed protocols and registration sheets carry names and signatures; a path that
leaves the repository or follows a link could publish any file, so each is checked here and
the internal site carries only what passed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from generator.loading.diagnostics import Diagnostic, Loc
from generator.loading.project import Project
from generator.loading.references import leaf_types
from schemas import (
    Attachment,
)


def check_attachments(project: Project) -> Iterator[Diagnostic]:
    root = Path(os.path.realpath(project.root))
    for record in project.records:
        if not _attachment_fields(type(record.model)):
            continue  # most records (people, requests…) cannot hold one
        for loc, attachment in attachments(record.model):
            if attachment.path is None:
                continue
            problem = _attachment_problem(root, attachment.path)
            if problem:
                yield record.source.diagnostic(
                    (*loc, "path"), problem, "attachment.path", label="Файл"
                )


def attachments(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, Attachment]]:
    """Every attachment anywhere in a record, with its location."""
    for name in _attachment_fields(type(model)):
        value = getattr(model, name)
        if not value:
            continue  # None, an empty list: nothing attached (the common case)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            here: Loc = (*loc, name) if index is None else (*loc, name, index)
            if isinstance(item, Attachment):
                yield here, item
            elif isinstance(item, BaseModel):
                yield from attachments(item, here)


@functools.cache
def _attachment_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold an attachment, directly or in a nested part.

    Worked out once per model class, so records that cannot have attachments (people,
    requests…) are not walked field by field.
    """
    return tuple(
        name
        for name, info in model.model_fields.items()
        if any(_may_hold_attachment(leaf) for leaf in leaf_types(info.annotation))
    )


def _may_hold_attachment(annotation: object) -> bool:
    if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return False
    return issubclass(annotation, Attachment) or bool(_attachment_fields(annotation))


def _attachment_problem(root: Path, relative: str) -> str | None:
    target = root / relative
    # Walk each component: a symlink anywhere on the way could lead outside the repository.
    current = root
    for part in Path(relative).parts:
        current = current / part
        if current.is_symlink():
            return f"«{relative}» ведёт через символьную ссылку; положите в репозиторий сам файл."
    if not Path(os.path.realpath(target)).is_relative_to(root):
        return f"«{relative}» ведёт за пределы репозитория. Положите файл в папку files/."
    if not target.is_file():
        return f"файла «{relative}» нет в репозитории. Добавьте его или исправьте путь."
    return None
