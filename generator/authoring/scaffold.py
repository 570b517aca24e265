"""Scaffolds: new record files with defaults and Russian hints, so no editor starts from blank.

Each `new_*` function works out where the file goes and what to put in it from the records
(the next meeting number, the year's leader and secretary, the only association), renders a
template from `templates/scaffold/`, writes the file — never over an existing one — and checks
that the written files validate with the rest of the project; if they do not, it takes them
back. Lines the editor must fill in carry a `# ← …` comment; `Written.report` lists them.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

import jinja2

from generator.checking.validate import validate
from generator.checking.years import Year, collect_years
from generator.errors import UserError
from generator.loading.project import Project, load_project
from generator.russian import ru_date, school_year_title
from generator.templating import TEMPLATES as PAGE_TEMPLATES
from generator.templating import template_environment
from schemas import (
    Association,
    Choice,
    Meeting,
    Membership,
    Person,
    RuleSettings,
    school_year_bounds,
    school_year_of,
)
from schemas.enums import ParticipantRole

C = TypeVar("C", bound=Choice)

TEMPLATES = PAGE_TEMPLATES / "scaffold"

# What each kind of `new` creates, in the order the listing shows them.
KINDS: dict[str, str] = {
    "meeting": "следующее заседание учебного года: meetings/NN.yaml со статусом planned",
    "protocol": "черновик протокола в файле заседания (какого — --number NN)",
    "consultation": "проведённую консультацию: consultations/ГГГГ-ММ-ДД-<школа>.yaml, "
    "по самому раннему запросу без ответа, если он есть",
    "practice": "управленческую практику: records/practices/<id>.md",
    "material": "материал совета «РОСТ»: records/council/materials/<id>.yaml",
    "event": "мероприятие совета: records/council/events/<id>.yaml",
    "diagnostic": "входную (если её в году ещё нет) или повторную диагностику компетенций: "
    "diagnostics/ГГГГ-ММ-<вид>.yaml",
    "monitoring": "отчёт мониторинга за первый период без отчёта: "
    "records/council/monitoring/ГГГГ-ММ.yaml",
    "programme": "программу ШНОР (антирисковую) школы: records/programmes/<школа>.yaml",
    "year": "следующий учебный год: состав, план, установочное заседание и перенос "
    "незавершённой работы (запросов, решений, дефицитов)",
}

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_YEAR = re.compile(r"(\d{4})[-/](\d{4})")
_KEY = re.compile(r"\s*(?:-\s+)?([a-z_]+)\s*:")
_YAML_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
_SAFE_PLAIN = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}-\d{4}/\d{2}|[a-z]+(?:_[a-z]+)+|" + _SLUG.pattern
)
SHNOR_ROLES = frozenset(
    {
        ParticipantRole.SHNOR_HEAD,
        ParticipantRole.SHNOR_DEPUTY,
        ParticipantRole.SHSSU_HEAD,
        ParticipantRole.SHSSU_DEPUTY,
    }
)


class ScaffoldError(UserError):
    """A scaffold that cannot be made; the message says in Russian why and what to do."""


def choices_text() -> str:
    """The Russian list of what `new` can create."""
    width = max(len(name) for name in KINDS)
    lines = ["Что можно создать: python -m generator new ВИД [параметры]", ""]
    lines += [f"  {name.ljust(width)}  — {what}" for name, what in KINDS.items()]
    lines += [
        "",
        "Параметры у всех видов: --root (папка проекта), --as-of ГГГГ-ММ-ДД (от какой даты "
        "считать; по умолчанию сегодня); у записей объединения ещё --association и --year.",
        "Существующие файлы никогда не перезаписываются. Справка по виду: "
        "python -m generator new ВИД --help",
    ]
    return "\n".join(lines)


# --- text ------------------------------------------------------------------------------------


def yaml_quote(value: object) -> str:
    """A YAML double-quoted scalar: safe for any text (quotes, backslashes, colons, «#»)."""
    text = str(value)
    out = []
    for char in text:
        if char in '\\"':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
            out.append(f"\\x{ord(char):02x}")
        elif char in "\u2028\u2029":  # line separators: editors and the loader disagree on them
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def yaml_plain(value: object) -> str:
    """An id, date or meeting reference written without quotes, as the sample records do."""
    text = str(value)
    if not _SAFE_PLAIN.fullmatch(text):
        raise ValueError(f"not a plain YAML value: {text!r}")
    # Words YAML reads as null or true/false (`no`, `on`, `null`…) stay text only in quotes.
    return yaml_quote(text) if text in _YAML_WORDS else text


@functools.cache
def _environment() -> jinja2.Environment:
    return template_environment(
        TEMPLATES, q=yaml_quote, id=yaml_plain, d=ru_date, year=school_year_title
    )


def render(template: str, **values: object) -> str:
    return _environment().get_template(template).render(**values)


def todo_lines(text: str) -> list[tuple[int, str, str]]:
    """(line, key, hint) for every line marked `# ← hint`."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        content, mark, hint = line.partition("# ←")
        if not mark:
            continue
        key_match = _KEY.match(content)
        key = key_match[1] if key_match else ""
        found.append((number, key, hint.strip()))
    return found


# --- writing -----------------------------------------------------------------------------------


@dataclass
class Written:
    """What a scaffold wrote, for the Russian report."""

    title: str
    files: list[str]
    todo: list[str]
    notes: list[str] = field(default_factory=list)
    in_records: bool = True  # whether `validate` can check the files where they are

    def report(self) -> str:
        verb = "Записан файл" if len(self.files) == 1 else "Записаны файлы"
        lines = [f"{verb} ({self.title}):", *(f"  {path}" for path in self.files)]
        if self.todo:
            lines += ["Заполните строки, отмеченные «←»:", *(f"  {t}" for t in self.todo)]
        lines += self.notes
        if self.in_records:
            folder = self.files[0] if len(self.files) == 1 else _common_folder(self.files)
            lines.append(f"Проверьте записи после правки: python -m generator validate {folder}")
        return "\n".join(lines)


def _common_folder(paths: list[str]) -> str:
    parts = [p.split("/") for p in paths]
    common = []
    for column in zip(*parts, strict=False):
        if len(set(column)) != 1:
            break
        common.append(column[0])
    return "/".join(common) or "records"


class Changes:
    """Files a scaffold writes: created only if absent, taken back if they do not validate.

    A record moved elsewhere (`remove` after `create`) is deleted, and put back by `undo`.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.texts: dict[str, str] = {}  # root-relative path → text written
        self.removed: list[str] = []  # root-relative paths deleted
        self._created: list[Path] = []
        self._folders: list[Path] = []
        self._originals: dict[Path, str] = {}
        self._deleted: dict[Path, bytes] = {}

    def create(self, relative: str, text: str) -> None:
        path = self.root / relative
        if path.exists():
            raise ScaffoldError(
                f"файл {relative} уже есть: существующие файлы не перезаписываются. "
                "Откройте его для правки или выберите другой номер, дату или идентификатор."
            )
        missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir()
            self._folders.append(folder)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            raise ScaffoldError(f"файл {relative} уже есть: он не перезаписывается.") from None
        self._created.append(path)
        self.texts[relative] = text

    def rewrite(self, relative: str, original: str, text: str) -> None:
        path = self.root / relative
        self._originals[path] = original
        path.write_text(text, encoding="utf-8", newline="")
        self.texts[relative] = text

    def remove(self, relative: str) -> None:
        """Delete a record moved elsewhere, and its folder if that is left empty."""
        path = self.root / relative
        self._deleted[path] = path.read_bytes()
        path.unlink()
        self.removed.append(relative)
        if not any(path.parent.iterdir()):
            path.parent.rmdir()

    def undo(self) -> None:
        for path in reversed(self._created):
            path.unlink(missing_ok=True)
        for folder in reversed(self._folders):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        for path, original in self._originals.items():
            path.write_text(original, encoding="utf-8", newline="")
        for path, content in self._deleted.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)

    def finish(self, title: str, notes: Iterable[str] = ()) -> Written:
        """Check the written files with the whole project; take them back on an error."""
        result = validate(self.root)
        # A removed record's year may have referred to it: its errors are this scaffold's too.
        years = tuple(f"{Path(path).parent.parent.as_posix()}/" for path in self.removed)
        errors = [
            d
            for d in result.diagnostics
            if d.severity == "error" and (d.path in self.texts or d.path.startswith(years))
        ]
        if errors:
            self.undo()
            details = "\n".join(d.format_text() for d in errors)
            raise ScaffoldError(
                "заготовка не прошла проверку и не записана (это ошибка программы — сообщите "
                f"о ней):\n{details}"
            )
        todo = [
            f"{path}:{line}" + (f" ({key})" if key else "") + f": {hint}"
            for path, text in self.texts.items()
            for line, key, hint in todo_lines(text)
        ]
        return Written(title, list(self.texts), todo, list(notes))


# --- where: project, association, year ---------------------------------------------------------


def load(root: Path) -> Project:
    if not (root / "records").is_dir():
        raise ScaffoldError(
            f"в папке {root} нет папки records. Запустите команду из корня проекта или "
            "укажите его через --root."
        )
    project, _problems = load_project(root)
    return project


def rules_of(project: Project) -> RuleSettings:
    return project.settings.rules if project.settings else RuleSettings()


def association_ids(root: Path) -> list[str]:
    folder = root / "records" / "associations"
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and _SLUG.fullmatch(p.name))


def pick_association(root: Path, wanted: str | None) -> str:
    known = association_ids(root)
    if wanted is not None:
        if wanted in known:
            return wanted
        raise ScaffoldError(
            f"объединения «{wanted}» нет.{close_match(wanted, known)} " + _list(known)
        )
    if len(known) == 1:
        return known[0]
    if not known:
        raise ScaffoldError(
            "в records/associations нет ни одного объединения. Создайте "
            "records/associations/<id>/association.yaml по образцу из руководства."
        )
    raise ScaffoldError(
        "объединений несколько: укажите нужное через --association. " + _list(known)
    )


def _list(known: list[str]) -> str:
    return "Есть: " + (", ".join(known) if known else "ни одного") + "."


def close_match(value: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" Возможно, имелось в виду «{close[0]}»." if close else ""


def year_folders(root: Path, association: str) -> list[str]:
    folder = root / "records" / "associations" / association
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_dir() and (m := _YEAR.fullmatch(p.name)) and int(m[2]) == int(m[1]) + 1
    )


def normalise_year(text: str) -> str:
    match = _YEAR.fullmatch(text.strip())
    if match is None or int(match[2]) != int(match[1]) + 1:
        raise ScaffoldError(
            f"«{text}» — не учебный год. Напишите годы через дефис, например 2025-2026."
        )
    return f"{match[1]}-{match[2]}"


def pick_year(
    root: Path, project: Project, association: str, wanted: str | None, as_of: date
) -> str:
    """The --year given, or the school year of the as-of date (the next one in late August)."""
    known = year_folders(root, association)
    if wanted is not None:
        year = normalise_year(wanted)
    else:
        year = school_year_of(as_of)
        following = school_year_of(as_of + timedelta(days=31))
        opening = rules_of(project).opening_window_from.in_year(as_of.year)
        if following != year and as_of >= opening and following in known:
            year = following
    if year not in known:
        raise ScaffoldError(
            f"папки {school_year_title(year)} учебного года (records/associations/{association}/{year}) "
            "нет. Начните год командой python -m generator new year или укажите другой год "
            "через --year. " + _list(known)
        )
    return year


@dataclass
class YearScope:
    """One association's school year, with the defaults drawn from it."""

    project: Project
    association: str
    year: str
    as_of: date
    records: Year

    @property
    def folder(self) -> str:
        return f"records/associations/{self.association}/{self.year}"

    @property
    def membership(self) -> Membership | None:
        return self.records.membership

    @property
    def association_record(self) -> Association | None:
        found = self.project.get("association", self.association)
        return found.model if found and isinstance(found.model, Association) else None

    @property
    def title(self) -> str:
        record = self.association_record
        return record.short_name if record else self.association

    @property
    def curator(self) -> str | None:
        record = self.association_record
        return record.curator if record else None

    @property
    def leader(self) -> str | None:
        membership = self.membership
        leader = membership.leader.person if membership and membership.leader else None
        return leader or self.curator

    @property
    def secretary(self) -> str | None:
        membership = self.membership
        return (membership.secretary if membership else None) or self.leader

    def window(self) -> tuple[date, date]:
        """The first day a meeting of the year may fall on (late August) and the last."""
        first, last = school_year_bounds(self.year)
        return rules_of(self.project).opening_window_from.in_year(first.year), last

    def require(self, value: str | None, what: str) -> str:
        if value is None:
            raise ScaffoldError(
                f"не из чего взять {what}: в {self.folder}/membership.yaml нет руководителя, а в "
                "association.yaml — куратора. Заполните состав объединения на год."
            )
        return value

    def meeting(self, number: str) -> tuple[str, Meeting] | None:
        for record, meeting in self.records.meetings:
            if record.place.id == number:
                return record.path, meeting
        return None


def year_scope(root: Path, as_of: date, association: str | None, year: str | None) -> YearScope:
    project = load(root)
    chosen = pick_association(root, association)
    school_year = pick_year(root, project, chosen, year, as_of)
    records = next(
        (y for y in collect_years(project) if (y.association, y.year) == (chosen, school_year)),
        Year(chosen, school_year),
    )
    return YearScope(project, chosen, school_year, as_of, records)


def person(project: Project, person_id: str) -> Person | None:
    found = project.get("person", person_id)
    return found.model if found and isinstance(found.model, Person) else None


def require_id(project: Project, kind: str, value: str, what: str) -> str:
    """A user-given id of an existing record of `kind`, or a Russian error."""
    if not _SLUG.fullmatch(value):
        raise ScaffoldError(
            f"«{value}» не годится как идентификатор {what}: нужны строчные латинские буквы, "
            "цифры и дефисы, например ivanova-ma или school-12."
        )
    if not project.exists(kind, value):
        known = [record_id for k, _scope, record_id in project.index if k == kind]
        raise ScaffoldError(f"{what} «{value}» нет в записях.{close_match(value, known)}")
    return value


def choice(vocabulary: type[C], value: str, what: str) -> C:
    """The member of a vocabulary with this code, or a Russian error listing the codes."""
    for member in vocabulary:
        if member.value == value:
            return member
    raise ScaffoldError(f"«{value}» — не {what}. Возможные значения: {vocabulary.describe()}.")


def check_slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ScaffoldError(
            f"«{value}» не годится как идентификатор (имя файла): нужны строчные латинские "
            "буквы, цифры и дефисы, например vpr-class-map."
        )
    return value
