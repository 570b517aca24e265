"""Where a misnamed or misplaced folder or file under `records/` belongs: one nearest place.

The layout's table (`layout.py`) says which paths are valid; here its folders are read from
that table (`Tree`), and small functions on names — and, for a file that fits no place, on its
top-level keys — tell what the editor most likely meant, so that a message offers one correct
name or path instead of a list of examples.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from schemas import RECORD_MODELS

_YEAR_FORM = re.compile(r"(\d{4})-(\d{4})")
_YEARISH = re.compile(r"[\d\s._–—-]+")  # digits and separators only: `2025_2026`, `25-26`
_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:", re.MULTILINE)
_SNIFF_BYTES = 65_536

# Files that are attachments, not records: they belong under files/, named in a record.
ATTACHMENT_SUFFIXES = frozenset(
    {
        ".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ods", ".ppt", ".pptx",
        ".odp", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".tif", ".tiff", ".zip",
        ".rar", ".7z", ".mp3", ".mp4", ".mov", ".avi",
    }
)  # fmt: skip


def is_school_year(name: str) -> bool:
    """Whether name is a school year folder as written: `2025-2026`, the second year next."""
    match = _YEAR_FORM.fullmatch(name)
    return match is not None and int(match[2]) == int(match[1]) + 1


def nearest_school_year(name: str) -> str | None:
    """The school year meant by name, written as it must be; None if name holds no year.

    The first year wins: `2026-2028` → `2026-2027`; `2025_2026`, `2025-26`, `25-26`,
    `2025` → `2025-2026`. A two-digit year is of this century.
    """
    for digits in re.findall(r"\d+", name):
        if len(digits) == 2:
            start = 2000 + int(digits)
        elif len(digits) >= 4:
            start = int(digits[:4])
        else:
            continue
        return f"{start}-{start + 1}"
    return None


def looks_like_school_year(name: str) -> bool:
    """Whether name is made of a year's digits and separators only (`2025_2026`, `25-26`)."""
    return _YEARISH.fullmatch(name) is not None and nearest_school_year(name) is not None


def nearest_slug(name: str) -> str | None:
    """Name as an identifier — lower-case Latin letters and digits joined by hyphens.

    `MPO_Test` → `mpo-test`, `Ivanova MA` → `ivanova-ma`; None if no Latin letter or digit
    is left (a Cyrillic name: there is no one right transliteration to offer).
    """
    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or None


def nearest_word(name: str, choices: Iterable[str]) -> str | None:
    """The choice closest to name in spelling (case aside), or None if none is close.

    `Meetings` → `meetings`, `meeting` → `meetings`, `consultation` → `consultations`.
    """
    options = sorted(choices)
    folded = name.casefold()
    if folded in options:
        return folded
    close = difflib.get_close_matches(folded, options, n=1, cutoff=0.6)
    return close[0] if close else None


def meeting_number(stem: str) -> str | None:
    """A meeting file's name as its two-digit number: `3` → `03`, `meeting-12` → `12`.

    None unless the name holds exactly one number from 1 to 99.
    """
    numbers = re.findall(r"\d+", stem)
    if len(numbers) != 1 or not 1 <= int(numbers[0]) <= 99:
        return None
    return f"{int(numbers[0]):02d}"


def monitoring_period(stem: str) -> str | None:
    """A monitoring file's name as its month `YYYY-MM`: `2025_10`, `10-2025`, `2025-1`."""
    numbers = re.findall(r"\d+", stem)
    years = [n for n in numbers if len(n) == 4]
    months = [n for n in numbers if len(n) <= 2 and 1 <= int(n) <= 12]
    if len(years) != 1 or len(months) != 1 or len(numbers) != 2:
        return None
    return f"{years[0]}-{int(months[0]):02d}"


def top_keys(text: str) -> frozenset[str]:
    """The keys written at the start of a line: a YAML record's (or front matter's) fields."""
    return frozenset(_TOP_KEY.findall(text))


def file_keys(path: Path) -> frozenset[str]:
    """The top-level keys of a file, read from its beginning (keys are ASCII: any encoding
    that keeps ASCII will do); none if the file cannot be read."""
    try:
        with path.open("rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return frozenset()
    return top_keys(head.decode("utf-8", errors="replace").lstrip("\ufeff"))


@cache
def _fields_by_kind() -> dict[str, frozenset[str]]:
    return {kind: frozenset(model.model_fields) - {"body"} for kind, model in RECORD_MODELS.items()}


def likely_kind(keys: Iterable[str]) -> str | None:
    """The kind of record whose fields the keys fit best, or None if none clearly does.

    A kind scores its known keys less the unknown ones; it must know at least two keys,
    more than it does not know, and score above every other kind.
    """
    given = frozenset(keys)
    scores = sorted(
        (
            (len(given & fields) - len(given - fields), kind)
            for kind, fields in _fields_by_kind().items()
        ),
        reverse=True,
    )
    (best, kind), (second, _other) = scores[0], scores[1]
    if best <= 0 or best == second or len(given & _fields_by_kind()[kind]) < 2:
        return None
    return kind


# --- the layout's folders: what may stand where ----------------------------------------

Shape = tuple[str, ...]  # a folder below records/, a named part as its slot: "<association>"
_ASSOCIATION = "<association>"
_SCHOOL_YEAR = "<year>"
# How a slot is written in a suggested path when the misplaced thing does not tell its value.
_SLOT_TEXT = {_ASSOCIATION: "<объединение>", _SCHOOL_YEAR: "<ГГГГ-ГГГГ>"}
_SLOT_MEANING = {
    _ASSOCIATION: "папки объединений (строчные латинские буквы, цифры и дефисы)",
    _SCHOOL_YEAR: "папки учебных годов вида 2025-2026",
}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _parts(pattern: str) -> list[str]:
    """A pattern's path parts, a folder's named group standing as its slot (`<year>`)."""
    return [
        f"<{group[1]}>" if (group := re.fullmatch(r"\(\?P<(\w+)>.*\)", part)) else part
        for part in pattern.split("/")
    ]


@dataclass(frozen=True, slots=True)
class Tree:
    """The folders of the layout, read from its table of patterns."""

    folders: dict[Shape, frozenset[str]]  # the sub-folders (words and slots) each folder may hold
    parent: dict[str, Shape]  # the folder where each sub-folder (word or slot) stands
    home: dict[str, Shape]  # the folder of each kind's files
    file_name: dict[str, str]  # the one file name of each singleton kind
    folder_kind: dict[Shape, str]  # the kind of the id-named files of a folder
    front_matter: frozenset[str]  # the kinds kept in Markdown files
    records: str  # the folder of all records, from the project root

    def sub_shape(self, shape: Shape, name: str) -> Shape | None:
        """The shape of sub-folder `name` of a folder, or None if no such folder stands there."""
        allowed = self.folders.get(shape, frozenset())
        if name in allowed:
            return (*shape, name)
        if _SCHOOL_YEAR in allowed and is_school_year(name):
            return (*shape, _SCHOOL_YEAR)
        if _ASSOCIATION in allowed and _SLUG.fullmatch(name) and not looks_like_school_year(name):
            return (*shape, _ASSOCIATION)
        return None

    def extension(self, kind: str) -> str:
        return ".md" if kind in self.front_matter else ".yaml"

    def folder_path(self, shape: Shape, known: Shape, parts: tuple[str, ...]) -> str:
        """A folder's path from the project root: its slots take the values of `parts` (a folder
        of shape `known`) where the two agree, else a placeholder such as <ГГГГ-ГГГГ>."""
        out = [self.records]
        for depth, part in enumerate(shape):
            if part not in _SLOT_TEXT:
                out.append(part)
            elif known[: depth + 1] == shape[: depth + 1]:
                out.append(parts[depth])
            else:
                out.append(_SLOT_TEXT[part])
        return "/".join(out)


def tree_of(
    records: str,
    patterns: Iterable[tuple[str, str]],
    singletons: frozenset[str],
    front_matter: frozenset[str],
) -> Tree:
    """The folders of a layout given as (path pattern, kind) with singleton and Markdown kinds."""
    folders: dict[Shape, set[str]] = {}
    home: dict[str, Shape] = {}
    file_name: dict[str, str] = {}
    folder_kind: dict[Shape, str] = {}
    for pattern, kind in patterns:
        *path, last = _parts(pattern)
        for depth in range(len(path) + 1):
            below = folders.setdefault(tuple(path[:depth]), set())
            below.update(path[depth : depth + 1])
        home[kind] = tuple(path)
        if kind in singletons:
            file_name[kind] = last.replace("\\", "")
        else:
            folder_kind[tuple(path)] = kind
    parent = {child: shape for shape, children in folders.items() for child in children}
    return Tree(
        {shape: frozenset(children) for shape, children in folders.items()},
        parent,
        home,
        file_name,
        folder_kind,
        front_matter,
        records,
    )


# --- the one nearest correct place --------------------------------------------------------

_Keys = Callable[[], frozenset[str]]  # a file's top-level keys, read only when needed


@dataclass(frozen=True, slots=True)
class Fix:
    """What is wrong with a misplaced folder or file, and where it belongs."""

    reason: str  # what is wrong, in Russian, without the final full stop
    # The one correct path from the project root, if it can be told; for a folder, the
    # folder its files go to (its parent, when they belong straight in there).
    target: str | None


def folder_fix(tree: Tree, shape: Shape, parts: tuple[str, ...], name: str) -> Fix:
    """What is wrong with sub-folder `name` of a valid folder, and the nearest correct path."""
    allowed = tree.folders.get(shape, frozenset())
    here = tree.folder_path(shape, shape, parts)
    if not allowed:
        return Fix(f"в папке {here}/ вложенных папок не бывает", here)
    year = nearest_school_year(name)
    if _SCHOOL_YEAR in allowed and year:
        reason = f"учебный год пишется как {year}: год начала и следующий за ним через дефис"
        return Fix(reason, f"{here}/{year}")
    slug = nearest_slug(name)
    if _ASSOCIATION in allowed and slug and not looks_like_school_year(name):
        reason = "имя папки объединения пишется строчными латинскими буквами, цифрами и дефисами"
        return Fix(reason, f"{here}/{slug}")
    word = nearest_word(name, allowed - _SLOT_TEXT.keys())
    if word:
        if word == name.casefold():
            return Fix("имя папки пишется строчными буквами", f"{here}/{word}")
        return Fix(
            f"папки «{name}» здесь не бывает; видимо, имелась в виду {word}", f"{here}/{word}"
        )
    return _moved_folder(tree, shape, parts, name) or Fix(_what_may_stand(tree, shape, here), None)


def _moved_folder(tree: Tree, shape: Shape, parts: tuple[str, ...], name: str) -> Fix | None:
    """Where a folder that belongs elsewhere in the layout goes, if its name tells."""
    year = nearest_school_year(name)
    if looks_like_school_year(name) and year:
        folder = tree.folder_path(tree.parent[_SCHOOL_YEAR], shape, parts)
        return Fix("папка учебного года лежит в папке объединения", f"{folder}/{year}")
    words = [child for child in tree.parent if child not in _SLOT_TEXT]
    word = nearest_word(name, words)
    if word is None:
        return None
    return Fix(
        f"папка {word} лежит не здесь",
        f"{tree.folder_path(tree.parent[word], shape, parts)}/{word}",
    )


def _what_may_stand(tree: Tree, shape: Shape, here: str) -> str:
    allowed = tree.folders.get(shape, frozenset())
    named = [f"{child}/" for child in sorted(allowed - _SLOT_TEXT.keys())]
    named += [_SLOT_MEANING[slot] for slot in sorted(allowed & _SLOT_TEXT.keys())]
    return f"в папке {here}/ бывают только такие папки: {', '.join(named)}"


_NAME_RULES = {
    "meeting": "файл заседания называется его номером из двух цифр",
    "monitoring": "файл мониторинга называется месяцем отчёта: ГГГГ-ММ",
}
_ID_RULE = "имя файла пишется строчными латинскими буквами, цифрами и дефисами"
_PLACEHOLDER_NAMES = {"meeting": "<NN>", "monitoring": "<ГГГГ-ММ>"}


def file_fix(tree: Tree, shape: Shape, parts: tuple[str, ...], name: str, keys: _Keys) -> Fix:
    """What is wrong with a file of a valid folder that fits no place, and its one right path."""
    stem, suffix = _split(name)
    if suffix.lower() in ATTACHMENT_SUFFIXES:
        reason = (
            "это не запись, а приложение: приложения лежат в папке files/ в корне проекта, "
            "а запись указывает путь к ним"
        )
        return Fix(reason, f"files/{name}")
    guess = _guess_kind(tree, shape, stem, keys)
    if guess is None:
        reason = (
            "по пути и содержимому не видно, какая это запись; где лежат записи каждого вида, "
            "сказано в руководстве, в разделе «Где лежат записи»"
        )
        return Fix(reason, None)
    kind, evidence = guess
    folder = tree.folder_path(tree.home[kind], shape, parts)
    new_name = _record_name(tree, kind, stem)
    reasons = []
    if folder != tree.folder_path(shape, shape, parts):
        reasons.append(f"{evidence} это запись вида «{RECORD_MODELS[kind].KIND_TITLE}»")
    extension = tree.extension(kind)
    if suffix != extension:
        reasons.append(f"расширение файла — {extension}" + (f", а не {suffix}" if suffix else ""))
    if new_name[: -len(extension)] != stem:
        reasons.append(_name_rule(tree, kind, new_name))
    return Fix("; ".join(reasons) or _ID_RULE, f"{folder}/{new_name}")


def _guess_kind(tree: Tree, shape: Shape, stem: str, keys: _Keys) -> tuple[str, str] | None:
    """The kind of a misplaced file, and what tells it: its content, its name or its folder."""
    kind = likely_kind(keys())
    if kind:
        return kind, "по содержимому"
    for kind, file_name in tree.file_name.items():
        if stem.casefold() == file_name.split(".")[0]:
            return kind, "по имени файла"
    if shape in tree.folder_kind:
        return tree.folder_kind[shape], "по папке"
    if re.fullmatch(r"\d{1,2}", stem):
        return "meeting", "по имени файла"
    return None


def _record_name(tree: Tree, kind: str, stem: str) -> str:
    """The nearest right name of a file of `kind` named `stem` (without extension)."""
    if kind in tree.file_name:
        return tree.file_name[kind]
    nearest = {"meeting": meeting_number, "monitoring": monitoring_period}.get(kind, nearest_slug)
    base = nearest(stem) or _PLACEHOLDER_NAMES.get(kind, "<id>")
    return base + tree.extension(kind)


def _name_rule(tree: Tree, kind: str, new_name: str) -> str:
    if kind in tree.file_name:
        return f"файл записи этого вида называется {new_name}"
    return _NAME_RULES.get(kind, _ID_RULE)


def _split(name: str) -> tuple[str, str]:
    """A file name's stem and extension (with its dot; "" if none)."""
    stem, dot, suffix = name.rpartition(".")
    return (stem, dot + suffix) if dot and stem else (name, "")
