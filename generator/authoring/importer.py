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

import dataclasses
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.asof import resolve_as_of
from generator.authoring.docx_text import docx_lines
from generator.authoring.import_draft import Recognised, draft_meeting
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
        # With --out the people's records are not written into records: said so.
        lines += self.recognised.lines(written=True, people_written=self.path == self.checked_as)
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
    _require_year(root, association, chosen_year, day)
    archive = chosen_year not in _year_folders(root, association)
    folder = f"records/associations/{association}/{chosen_year}/meetings"
    relative = f"{folder}/{number or _number(root / folder, draft)}.yaml"
    target = out if out is not None else root / relative
    if target.exists():
        raise AlreadyThere(str(out) if out is not None else relative)
    scope = _scope(project, association, chosen_year, day)
    # Names not found become drafted people's records, written with the meeting (into
    # records only: a draft written elsewhere with --out leaves records untouched). A run
    # over a folder reads records again for each file, so a person drafted for one
    # protocol is matched, not drafted again, in the next.
    made = draft_meeting(project, scope, draft, source.name)
    text, recognised = made.text, made.recognised
    diagnostics = _check(root, relative, text, made.people_files)
    if any(d.severity == "error" for d in diagnostics):
        raise DraftInvalid(relative, diagnostics, recognised)
    _write(target, text)
    for path, person in made.people_files.items() if out is None else ():
        if not (root / path).exists():
            _write(root / path, person)
    shown = str(out) if out is not None else relative
    warnings = render("text", 1, diagnostics) if diagnostics else ""
    if archive and out is None:
        warnings = (
            f"Начат архивный {chosen_year} учебный год (records/associations/{association}/"
            f"{chosen_year}): без состава и плана, номера заседаний могут идти с пропусками, "
            "правила положений его не оценивают; подписанные протоколы публикуются как обычно."
            + (f"\n{warnings}" if warnings else "")
        )
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


def _require_year(root: Path, association: str, year: str, day: date) -> None:
    """A year must have its folder — unless it is a past one: then the draft starts it as
    an archive year (no membership, no plan; the rules do not judge it)."""
    known = _year_folders(root, association)
    if year not in known and year >= school_year_of(day):
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


def _check(
    root: Path, relative: str, text: str, people: dict[str, str] | None = None
) -> list[Diagnostic]:
    """The draft's problems at its place in records, found in a temporary copy of records/
    with the draft and the people's records drafted for it."""
    with tempfile.TemporaryDirectory(prefix="import-docx-") as temporary:
        copy = Path(temporary)
        shutil.copytree(root / "records", copy / "records", copy_function=_link_or_copy)
        for path, content in {relative: text, **(people or {})}.items():
            target = copy / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or path == relative:
                target.unlink(missing_ok=True)  # a link to the record itself: never write through
                target.write_text(content, encoding="utf-8")
        # The copy's records were just loaded from root in this process (`load_project`
        # reuses them); a disk cache in a throwaway folder would only be written, never read.
        diagnostics = validate(copy, relative, cache=False).diagnostics
    # A gap in the numbers is a fact about the year, not about the draft: the missing
    # protocol may be the next file of the same run. It is said, and `validate` keeps
    # saying it until the gap is filled.
    return [
        dataclasses.replace(d, severity="warning") if d.code in _YEAR_FACTS else d
        for d in diagnostics
    ]


_YEAR_FACTS = frozenset({"meeting.number-gap"})


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows one (a folder of 20 protocols checks 20
    copies of records: linking is 25× faster than copying), a copy where it does not."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


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


# --- an archive: several files and folders in one run --------------------------------------


@dataclass
class FileOutcome:
    """What became of one Word file of a batch."""

    source: str
    written: str | None = None  # the draft's path, when one was written
    existing: str | None = None  # the record already at the draft's place
    problem: str = ""  # why no draft was written
    imported: Imported | None = None

    def as_json(self) -> dict[str, object]:
        recognised = self.imported.recognised if self.imported else None
        return {
            "source": self.source,
            "written": self.written,
            "existing": self.existing,
            "problem": self.problem or None,
            "check": recognised.todo if recognised else [],
            "unmatched": recognised.unmatched if recognised else [],
            "unrecognised_lines": len(recognised.leftovers) if recognised else 0,
        }


@dataclass
class Batch:
    """The outcome of every file of an import, in the order the files were read."""

    outcomes: list[FileOutcome]

    @property
    def exit_code(self) -> int:
        """0 — every file gave a draft; 1 — some gave none."""
        return 0 if all(o.written for o in self.outcomes) else 1

    def report(self) -> str:
        lines: list[str] = []
        for outcome in self.outcomes:
            lines.append(f"== {outcome.source}")
            if outcome.imported is not None:
                lines.append(outcome.imported.report())
            elif outcome.existing:
                lines.append(
                    f"Черновик не записан: заседание с этим номером уже есть — "
                    f"{outcome.existing}. Существующий файл не перезаписывается; если это "
                    "другое заседание, укажите номер явно: import-docx ФАЙЛ --number NN."
                )
            else:
                lines.append(f"Черновик не записан: {outcome.problem}")
            lines.append("")
        written = sum(1 for o in self.outcomes if o.written)
        lines.append(
            f"Файлов: {len(self.outcomes)}. Записано черновиков: {written}. "
            f"Без черновика: {len(self.outcomes) - written}."
        )
        return "\n".join(lines)

    def as_json(self) -> dict[str, object]:
        written = sum(1 for o in self.outcomes if o.written)
        return {
            "files": [o.as_json() for o in self.outcomes],
            "written": written,
            "without_draft": len(self.outcomes) - written,
        }


def word_files(root: Path, paths: list[Path]) -> list[Path]:
    """The .docx files named or found in the named folders (sorted, each once); Word's own
    lock files («~$…») are skipped. A path that does not exist is wrong usage."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if _is_word_file(p))
        elif path.is_file():
            found.append(path)
        else:
            raise WrongUsage(f"нет такого файла или папки: {path}.")
    unique = list(dict.fromkeys(found))
    if not unique:
        raise WrongUsage(
            "в указанных папках нет файлов Word (.docx). Укажите файлы протоколов или папку с ними."
        )
    return unique


def _is_word_file(path: Path) -> bool:
    return (
        path.is_file()
        and path.suffix.lower() in (".docx", ".doc")
        and not path.name.startswith("~$")
    )


def import_archive(
    root: Path,
    paths: list[Path],
    *,
    association: str | None = None,
    year: str | None = None,
    number: str | None = None,
    out: Path | None = None,
    as_of: date | None = None,
) -> Batch:
    """Import every Word file named or found in the named folders, one after another:
    each gives a draft at its records path or a reason, and one file's failure never
    stops the rest. --number and --out name one file's draft, so they need one file."""
    files = word_files(root, paths)
    if len(files) > 1 and (number is not None or out is not None):
        raise WrongUsage(
            f"--number и --out относятся к одному протоколу, а файлов {len(files)}. "
            "Уберите их или укажите один файл."
        )
    # What the options say applies to every file: a mistake in them is wrong usage, said
    # once, before any file is read.
    chosen = _association(root, association)
    if year is not None:
        _require_year(root, chosen, _normalised_year(year) or year, resolve_as_of(as_of))
    _given_number(number)
    if out is not None and out.exists():
        raise WrongUsage(_EXISTS.format(path=out))
    outcomes = []
    for source in files:
        outcomes.append(_import_one(root, source, association, year, number, out, as_of))
    return Batch(outcomes)


def _import_one(
    root: Path,
    source: Path,
    association: str | None,
    year: str | None,
    number: str | None,
    out: Path | None,
    as_of: date | None,
) -> FileOutcome:
    shown = str(source)
    try:
        imported = import_protocol(
            root, source, association=association, year=year, number=number, out=out,
            as_of=as_of,
        )  # fmt: skip
    except AlreadyThere as there:
        return FileOutcome(shown, existing=there.existing, problem=str(there))
    except ImportProblem as problem:  # wrong usage of one file (its year, say) included
        return FileOutcome(shown, problem=str(problem))
    return FileOutcome(shown, written=imported.path, imported=imported)


class AlreadyThere(WrongUsage):
    """The draft's place is taken by an existing record: it is not overwritten."""

    def __init__(self, existing: str):
        super().__init__(_EXISTS.format(path=existing))
        self.existing = existing
