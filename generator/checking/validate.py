"""The validate stage: load every record, check them against each other, keep what is asked."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from generator.beside import beside
from generator.checking.crossref import check_project
from generator.loading.diagnostics import Diagnostic
from generator.loading.project import Project, load_project


@dataclass(frozen=True, slots=True)
class Validation:
    project: Project
    diagnostics: list[Diagnostic]
    files: int  # record files under the selected path

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)


def validate(root: Path, selected: str = "", *, cache: bool | None = None) -> Validation:
    """Validate the whole project; report the problems of files under `selected` (root-relative).

    `cache`: whether to load through the disk cache (`load_project`; by default the command's
    choice). Checks of records against each other always run on the whole set.
    """
    project, problems = load_project(root, cache=cache)
    problems.extend(check_project(project))
    if selected:
        prefix = selected.rstrip("/")
        problems = [d for d in problems if _under(d.path, prefix)]
        files = sum(1 for path in project.files if _under(path, prefix))
    else:
        files = len(project.files)
    return Validation(project, problems, files)


T = TypeVar("T")


def validate_beside(root: Path, then: Callable[[Project], T]) -> tuple[Validation, T]:
    """`validate` of the whole project, and `then` of its records done meanwhile: the checks of
    records against each other run beside it (`beside`) — on a second processor, if any."""
    project, problems = load_project(root)
    checked = beside(lambda: check_project(project))
    after = then(project)
    problems.extend(checked())
    return Validation(project, problems, len(project.files)), after


def _under(path: str, prefix: str) -> bool:
    """Whether a diagnostic's path concerns what is selected: the file or folder itself, one
    below it, or a misplaced folder (`…/2025-2027/`) that holds the selection."""
    if path.endswith("/") and (prefix + "/").startswith(path):
        return True
    return path == prefix or path.startswith(prefix + "/")


def relative_target(root: Path, target: Path) -> str | None:
    """`target` relative to root as POSIX, or None when it lies outside the project."""
    absolute = Path(os.path.realpath(target))
    base = Path(os.path.realpath(root))
    if not absolute.is_relative_to(base):
        return None
    return absolute.relative_to(base).as_posix()
