"""Import of an old Word protocol (`import-docx`): a DRAFT meeting record an editor finishes.

The DOCX is read by pandoc (sandboxed), its lines read as a protocol (`recognise`), names
matched to people's records, and the result written through a template as
`records/associations/<id>/<year>/meetings/NN.yaml` (or to another file, `out`):
`status: held`, the protocol `status: draft`. Every guess and every gap is marked `# ←` in
the file and listed for the editor; names not found in records/people are kept as written;
what was not recognised is kept in comments at the end.

The draft is written only if it validates as a draft at its place in records — it is
checked first in a temporary copy of records/, so a failed import leaves nothing behind.
An existing file is never overwritten.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.asof import resolve_as_of
from generator.authoring.docx_text import docx_lines
from generator.authoring.import_draft import Recognised, _draft
from generator.authoring.recognise import Protocol, read_protocol
from generator.authoring.scaffold import (
    ScaffoldError,
    YearScope,
    normalise_year,
    pick_association,
    rules_of,
)
from generator.authoring.scaffold import year_folders as _year_folders
from generator.checking.report import render
from generator.checking.validate import validate
from generator.checking.years import Year, collect_years
from generator.documents.pandoc import PandocError
from generator.errors import UserError
from generator.loading.diagnostics import Diagnostic
from generator.loading.project import Project, load_project
from schemas import school_year_of


class ImportProblem(UserError):
    """Why nothing was written; the message says what to do."""

    exit_code = 1  # nothing usable in the document, or the draft does not validate


class WrongUsage(ImportProblem):
    """The command was asked for something it cannot do: wrong or missing options."""

    exit_code = 2


@dataclass
class Imported:
    """The written file and what the editor must fill in or check."""

    path: str  # root-relative for a record; as given for --out
    checked_as: str  # the records path the draft was validated at
    recognised: Recognised
    warnings: str = ""

    def report(self) -> str:
        """What was written and what the editor must fill in or check (Russian)."""
        lines = [f"Записан черновик заседания: {self.path} (протокол — status: draft)."]
        if self.path != self.checked_as:
            lines.append(
                f"Черновик проверен так, как если бы он лежал в {self.checked_as}; "
                "чтобы он стал записью, перенесите его туда."
            )
        lines += self.recognised.lines(written=True)
        lines.append(
            "Сверьте запись с подписанным протоколом. После сверки поставьте status: signed "
            "и дату signed."
        )
        if self.warnings:
            lines.append(self.warnings)
        lines.append("Запись проходит проверку (validate).")
        return "\n".join(lines)


class DraftInvalid(ImportProblem):
    """The draft would not validate: the validator's messages and what was recognised."""

    def __init__(self, relative: str, diagnostics: list[Diagnostic], recognised: Recognised):
        lines = [
            f"черновик не записан: он не проходит проверку как {relative}.",
            render("text", 1, diagnostics),
            *recognised.lines(written=False),
            "Исправьте документ или параметры (--year, --number) и запустите импорт снова.",
        ]
        super().__init__("\n".join(lines))
        self.diagnostics = diagnostics


def import_protocol(
    root: Path,
    source: Path,
    *,
    association: str | None = None,
    year: str | None = None,
    number: str | None = None,
    out: Path | None = None,
    as_of: date | None = None,
) -> Imported:
    """Write a draft meeting record from a Word protocol, only if it validates as a draft.

    Defaults: the only association; the school year of the protocol's date; the protocol's
    number or the next free one; the meeting's file in records unless `out` is given; the
    day of the import from `as_of`, SITE_AS_OF or today (`asof.resolve_as_of`).
    """
    day = resolve_as_of(as_of)
    association = _association(root, association)
    chosen_year = _normalised_year(year)
    number = _given_number(number)
    if out is not None and out.exists():
        raise WrongUsage(_EXISTS.format(path=out))
    draft = _read(source)
    if not draft.usable():
        raise ImportProblem(_NOTHING.format(source=source))
    project, _problems = load_project(root)
    chosen_year = chosen_year or _year_of(root, project, association, draft)
    _require_year(root, association, chosen_year)
    folder = f"records/associations/{association}/{chosen_year}/meetings"
    relative = f"{folder}/{number or _number(root / folder, draft)}.yaml"
    target = out if out is not None else root / relative
    if target.exists():
        raise WrongUsage(_EXISTS.format(path=target))
    scope = _scope(project, association, chosen_year, day)
    text, recognised = _draft(project, scope, draft, source.name)
    diagnostics = _check(root, relative, text)
    if any(d.severity == "error" for d in diagnostics):
        raise DraftInvalid(relative, diagnostics, recognised)
    _write(target, text)
    shown = str(out) if out is not None else relative
    warnings = render("text", 1, diagnostics) if diagnostics else ""
    return Imported(shown, relative, recognised, warnings)


def _association(root: Path, wanted: str | None) -> str:
    if not (root / "records").is_dir():
        raise WrongUsage(
            f"в папке {root} нет папки records. Запустите команду из корня проекта или "
            "укажите его через --root."
        )
    try:
        chosen = pick_association(root, wanted)
    except ScaffoldError as error:
        raise WrongUsage(str(error)) from None
    base = root / "records" / "associations" / chosen
    if not (base / "association.yaml").is_file():
        raise WrongUsage(
            f"объединения «{chosen}» нет: не найден файл {base / 'association.yaml'}. "
            "Укажите идентификатор папки объединения в records/associations."
        )
    return chosen


def _normalised_year(given: str | None) -> str | None:
    if given is None:
        return None
    try:
        return normalise_year(given)
    except ScaffoldError as error:
        raise WrongUsage(str(error)) from None


def _given_number(given: str | None) -> str | None:
    if given is not None and not re.fullmatch(r"0?[1-9]|[1-9]\d", given.strip()):
        raise WrongUsage(
            f"номер заседания «{given}» — не число от 1 до 99. Напишите, например, 03."
        )
    return given.strip().zfill(2) if given is not None else None


def _year_of(root: Path, project: Project, association: str, draft: Protocol) -> str:
    """The school year of the protocol's date; a late-August protocol № 1 opens the next."""
    if draft.day is None:
        raise WrongUsage(
            "дата заседания в документе не найдена: укажите учебный год через --year, "
            "например --year 2025-2026."
        )
    year = school_year_of(draft.day)
    following = school_year_of(draft.day.replace(day=1, month=9))
    opening = rules_of(project).opening_window_from.in_year(draft.day.year)
    known = _year_folders(root, association)
    if draft.number == 1 and following != year and draft.day >= opening and following in known:
        return following
    return year


def _require_year(root: Path, association: str, year: str) -> None:
    known = _year_folders(root, association)
    if year not in known:
        raise WrongUsage(
            f"папки {year} учебного года (records/associations/{association}/{year}) нет. "
            "Укажите другой год через --year или начните год командой python -m generator "
            f"new year. Есть: {', '.join(known) or 'ни одного'}."
        )


def _scope(project: Project, association: str, year: str, day: date) -> YearScope:
    records = next(
        (y for y in collect_years(project) if (y.association, y.year) == (association, year)),
        Year(association, year),
    )
    return YearScope(project, association, year, day, records)


def _read(source: Path) -> Protocol:
    try:
        data = source.read_bytes()
    except OSError as error:
        raise ImportProblem(f"файл {source} не читается: {error.strerror}.") from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(
            f"{source} — документ Word старого формата (.doc). Откройте его в Word или "
            "LibreOffice и сохраните как «Документ Word (.docx)»."
        )
    try:
        if not data.startswith(b"PK"):
            raise ValueError("это не архив DOCX")
        return read_protocol(docx_lines(data))
    except (PandocError, ValueError) as error:
        raise ImportProblem(
            f"{source} не удалось прочитать как документ Word (DOCX): {error}. "
            "Откройте его в Word или LibreOffice и сохраните как «Документ Word (.docx)»."
        ) from None


def _number(folder: Path, draft: Protocol) -> str:
    if draft.number is not None and draft.number > 0:
        return str(draft.number).zfill(2)
    taken = {int(p.stem) for p in folder.glob("[0-9][0-9].yaml")}
    return str(max(taken, default=0) + 1).zfill(2)


def _check(root: Path, relative: str, text: str) -> list[Diagnostic]:
    """The draft's problems at its place in records, found in a temporary copy of records/."""
    with tempfile.TemporaryDirectory(prefix="import-docx-") as temporary:
        copy = Path(temporary)
        shutil.copytree(root / "records", copy / "records")
        path = copy / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return validate(copy, relative).diagnostics


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise WrongUsage(_EXISTS.format(path=target)) from None


_EXISTS = (
    "файл {path} уже есть, и импорт его не перезаписывает. Укажите другой номер "
    "заседания (--number NN), другой файл (--out) или перенесите протокол в этот файл вручную."
)
_NOTHING = (
    "в {source} не найдено ничего похожего на протокол: ни даты, ни председателя, ни "
    "вопросов повестки, ни решений. Ничего не записано. Проверьте, тот ли это файл."
)
