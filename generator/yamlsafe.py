"""Safe, fast loading of record files: bytes → text → plain Python data.

Records are edited by hand in Notepad-like editors, so every failure becomes a
`LoadIssue` with a Russian message saying what is wrong and how to fix it.
The YAML subset is deliberately small: no anchors, aliases or tags, string keys,
and only `null`/`true`/`false` are resolved; every other plain scalar stays the
exact text, so that the schema's field types decide ("012" stays "012").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

try:  # libyaml's C parser; the pure-Python one has the same event API, only slower
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_BYTES: int = 1_048_576
MAX_DEPTH: int = 40

_RESAVE = "Сохраните его в UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8)."
# Plain scalars that are not text. Everything else keeps its exact spelling.
_PLAIN: dict[str, object] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
# What YAML (and libyaml) refuse, plus the line separators U+0085/U+2028/U+2029, which
# libyaml counts as line breaks but editors do not: line numbers would drift.
_BAD_CHAR = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True, slots=True)
class LoadIssue:
    message: str  # Russian: what is wrong and how to fix it
    code: str
    line: int | None = None
    column: int | None = None


def decode_text(raw: bytes) -> str | LoadIssue:
    """Decode a record file's bytes as UTF-8 and normalise line ends to LF.

    Rejects oversized files, UTF-16/32, other encodings (recognising Windows-1251),
    NUL bytes and control characters, each with a message on how to re-save the file.
    """
    if len(raw) > MAX_BYTES:
        return LoadIssue(
            f"файл слишком большой: {_grouped(len(raw))} байт, а допускается не больше"
            f" {_grouped(MAX_BYTES)} байт (1 МБ). Разделите его на несколько файлов.",
            "yaml.size",
        )
    nul = raw.find(b"\x00")
    wide = _wide_encoding(raw, nul)
    if wide:
        return LoadIssue(f"файл сохранён в кодировке {wide}. {_RESAVE}", "yaml.encoding", 1, 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, nul = raw[3:], nul - 3
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        return LoadIssue(
            f"в файле нулевой байт (строка {line}): похоже, файл повреждён или не текстовый."
            " Удалите этот символ или пересохраните файл как текст в UTF-8.",
            "yaml.encoding",
            line,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _not_utf8(raw, exc.start)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _BAD_CHAR.search(text)
    if bad:
        line, column = _line_col(text, bad.start())
        return LoadIssue(
            f"недопустимый невидимый символ U+{ord(bad.group()):04X} (строка {line},"
            f" позиция {column}); обычно он попадает при копировании из другой программы."
            " Удалите его (или перепечатайте этот фрагмент).",
            "yaml.encoding",
            line,
            column,
        )
    return text


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")  # 1 048 576, with no-break spaces


def _wide_encoding(raw: bytes, nul: int) -> str | None:
    """Name of the UTF-16/32 encoding the bytes look like, by BOM or NUL pattern.

    `nul` is the index of the first NUL byte, or -1.
    """
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = raw[:4096]
    if nul < 0 or len(sample) < 4:
        return None
    # In UTF-16 every other byte is the high byte: 0x00 for ASCII, 0x04 for Cyrillic.
    # A stray NUL in a UTF-8 file makes no such pattern.
    for half in (sample[0::2], sample[1::2]):
        if half.count(0) + half.count(4) >= 0.9 * len(half):
            return "UTF-16"
    return None


def _not_utf8(raw: bytes, pos: int) -> LoadIssue:
    """Explain invalid UTF-8 at byte `pos`, recognising the usual Windows-1251."""
    line = raw.count(b"\n", 0, pos) + 1
    start = raw.rfind(b"\n", 0, pos) + 1
    column = len(raw[start:pos].decode("utf-8", "replace")) + 1
    sample = raw[:65536].decode("cp1251", "replace")
    high = [c for c in sample if c > "\x7f"]
    cyrillic = sum(1 for c in high if "А" <= c <= "я" or c in "Ёё")
    if high and cyrillic >= 0.8 * len(high):
        head = "файл сохранён в кодировке Windows-1251"
    else:
        head = f"файл не в кодировке UTF-8 (байт 0x{raw[pos]:02X} не может быть в UTF-8)"
    return LoadIssue(
        f"{head}; первый такой символ — в строке {line}. {_RESAVE}",
        "yaml.encoding",
        line,
        column,
    )


def parse_yaml(text: str, *, first_line: int = 1) -> object | LoadIssue:
    """Parse one YAML document into dicts, lists, str, None and bool.

    Works on libyaml's event stream with an explicit stack, so it never recurses and
    stops at the first problem (too deep, anchor, tag, duplicate or non-text key).
    `first_line` is the file line of the text's first line (front matter starts at 2).
    """
    offset = first_line - 1
    try:
        parser = _Parser(text)
    except (yaml.YAMLError, ValueError):  # UnicodeError (lone surrogates) is a ValueError
        return LoadIssue(f"в файле есть символы, недопустимые в UTF-8. {_RESAVE}", "yaml.syntax")
    try:
        return _build(parser.get_event, text, offset)
    except yaml.MarkedYAMLError as exc:
        return _syntax_issue(exc, text, offset)
    except yaml.reader.ReaderError as exc:  # a character libyaml refuses; its position is in bytes
        index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line, column = _line_col(text, index)
        return LoadIssue(
            f"недопустимый невидимый символ U+{exc.character:04X}: удалите его.",
            "yaml.syntax",
            line + offset,
            column,
        )
    except (yaml.YAMLError, ValueError) as exc:
        return LoadIssue(
            f"ошибка синтаксиса YAML: {exc}. Проверьте отступы и кавычки.", "yaml.syntax"
        )
    finally:
        parser.dispose()


def _build(get_event: Callable[[], Any], text: str, offset: int) -> object | LoadIssue:
    # Events are typed Any: dispatch is by exact type (the cheapest test), which mypy
    # cannot narrow on; isinstance() is slow for the non-matching classes.
    # The innermost open container is either cur_map or cur_list; `key` is the map's
    # pending key (None while a key is expected). Outer ones wait in `saved`.
    cur_map: dict[str, object] | None = None
    cur_list: list[object] | None = None
    key: str | None = None
    saved: list[tuple[dict[str, object] | None, list[object] | None, str | None]] = []
    root: object = None
    root_empty = documents = 0
    while True:
        ev = get_event()
        cls = type(ev)
        if cls is ScalarEvent:
            if ev.anchor is not None or ev.tag is not None:
                return _anchor_or_tag(ev, offset)
            raw: str = ev.value
            # Keys stay text as written. For values, len() goes first: hashing every long
            # text just to miss the _PLAIN table costs more than the check.
            if cur_map is not None:
                if key is None:
                    if raw in cur_map:
                        return _duplicate(text, saved, raw, ev, offset)
                    key = raw
                else:
                    cur_map[key] = raw if ev.style or len(raw) > 5 else _PLAIN.get(raw, raw)
                    key = None
            else:
                value = raw if ev.style or len(raw) > 5 else _PLAIN.get(raw, raw)
                if cur_list is not None:
                    cur_list.append(value)
                else:
                    root, root_empty = value, raw == "" and not ev.style
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if ev.anchor is not None or ev.tag is not None:
                return _anchor_or_tag(ev, offset)
            if len(saved) >= MAX_DEPTH:  # events stream, so a 1 MB "[[[[" stops right here
                return LoadIssue(
                    f"слишком глубокая вложенность: больше {MAX_DEPTH} уровней. Проверьте"
                    " отступы и парность скобок «[ ]» и «{ }».",
                    "yaml.depth",
                    *_at(ev, offset),
                )
            new_map: dict[str, object] | None = None
            new_list: list[object] | None = None
            if cls is MappingStartEvent:
                value = new_map = {}
            else:
                value = new_list = []
            if cur_map is not None:
                if key is None:
                    return LoadIssue(
                        "ключ здесь — список или словарь, а должен быть простым текстом."
                        " Вероятно, пропущено название поля перед «:» или сбит отступ.",
                        "yaml.key-type",
                        *_at(ev, offset),
                    )
                cur_map[key] = value
            elif cur_list is not None:
                cur_list.append(value)
            else:
                root = value
            saved.append((cur_map, cur_list, key))
            cur_map, cur_list, key = new_map, new_list, None
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            cur_map, cur_list, key = saved.pop()
            key = None  # the parent's pending key now has its value
        elif cls is AliasEvent:
            return LoadIssue(
                f"ссылка «*{ev.anchor}» не поддерживается в записях: каждое значение должно"
                f" быть записано явно. Впишите вместо «*{ev.anchor}» само значение.",
                "yaml.anchor",
                *_at(ev, offset),
            )
        elif cls is DocumentStartEvent:
            if documents:
                return LoadIssue(
                    "в файле второй документ YAML после строки «---». В файле должна быть"
                    " одна запись: удалите лишнюю строку «---» или перенесите вторую запись"
                    " в отдельный файл.",
                    "yaml.multi-document",
                    *_at(ev, offset),
                )
            documents += 1
        elif cls is StreamEndEvent or ev is None:
            break
    if not documents or root_empty:
        return LoadIssue(
            "файл пуст (или в нём только комментарии). Заполните поля записи.", "yaml.empty"
        )
    return root


def _at(ev: Event, offset: int) -> tuple[int | None, int | None]:
    mark = ev.start_mark
    return (None, None) if mark is None else (mark.line + 1 + offset, mark.column + 1)


def _anchor_or_tag(ev: ScalarEvent | CollectionStartEvent, offset: int) -> LoadIssue:
    if ev.anchor is not None:
        return LoadIssue(
            f"якорь «&{ev.anchor}» не поддерживается в записях: каждое значение должно быть"
            f" записано явно. Удалите «&{ev.anchor}», а вместо ссылок на него впишите"
            " значение целиком.",
            "yaml.anchor",
            *_at(ev, offset),
        )
    tag = str(ev.tag)
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag.removeprefix("tag:yaml.org,2002:")
    return LoadIssue(
        f"тег «{tag}» не поддерживается в записях: тип значения определяется полем записи."
        f" Удалите «{tag}»; если значение начинается с «!», заключите его в кавычки.",
        "yaml.tag",
        *_at(ev, offset),
    )


def _duplicate(
    text: str,
    saved: list[tuple[dict[str, object] | None, list[object] | None, str | None]],
    key: str,
    ev: ScalarEvent,
    offset: int,
) -> LoadIssue:
    # Rebuild the mapping's path from the stack and find the first occurrence by
    # re-parsing: duplicates are rare, so the fast path keeps no per-key lines.
    path: list[str | int] = []
    for parent_map, parent_list, parent_key in saved[1:]:
        if parent_map is not None and parent_key is not None:
            path.append(parent_key)
        elif parent_list is not None:
            path.append(len(parent_list) - 1)
    first = locate(text, (*path, key), first_line=offset + 1, key=True)
    where = f" (впервые — в строке {first.line})" if first else ""
    return LoadIssue(
        f"ключ «{key}» повторяется{where}. Оставьте один из них, объединив значения.",
        "yaml.duplicate-key",
        *_at(ev, offset),
    )


# libyaml problem → (Russian explanation, report at the context mark instead).
_PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    (
        "mapping values are not allowed",
        "лишнее «: » в значении. Если значение содержит"
        ' двоеточие с пробелом, заключите его в кавычки (тема: "Итоги: планы");'
        " иначе проверьте отступ этой строки.",
        False,
    ),
    (
        "tab character",
        "символ табуляции в отступе. В YAML отступы делаются только"
        " пробелами: замените табуляцию пробелами.",
        False,
    ),
    (
        "could not find expected ':'",
        "в строке нет «: » после названия поля. Если это"
        " продолжение текста предыдущей строки, заключите весь текст в кавычки;"
        " иначе допишите «: » после названия поля.",
        True,
    ),
    (
        "expected key",
        "неверный отступ или лишний текст после значения. Поля одного уровня"
        " должны начинаться с одной колонки; апостроф внутри '…' пишется дважды ('').",
        False,
    ),
    (
        "expected <block end>",
        "неверный отступ: поля одного уровня должны начинаться с одной"
        " колонки, элементы списка — с «- » на одной колонке.",
        False,
    ),
    (
        "expected '-' indicator",
        "неверный отступ в списке: все элементы списка должны начинаться с «- » на одной колонке.",
        False,
    ),
    (
        "block sequence entries are not allowed",
        "элемент списка «- » в неожиданном месте:"
        " список начинается с новой строки под полем, с отступом.",
        False,
    ),
    (
        "end of stream",
        "не закрыта кавычка, открытая здесь: добавьте закрывающую кавычку в конце значения.",
        True,
    ),
    (
        "expected ',' or ']'",
        "не закрыта скобка «[», открытая в строке {ctx}, или пропущена запятая между элементами.",
        False,
    ),
    (
        "expected ',' or '}'",
        "не закрыта скобка «{{», открытая в строке {ctx}, или пропущена запятая между элементами.",
        False,
    ),
    (
        "expected node content",
        "здесь ожидалось значение: проверьте, не оборвана ли строка и закрыты ли скобки"
        " «[ ]» и «{{ }}».",
        False,
    ),
    (
        "undefined alias",
        "ссылка «*…» на несуществующий якорь; ссылки в записях не"
        " поддерживаются — впишите значение целиком.",
        False,
    ),
    (
        "unknown escape",
        "неизвестная последовательность с «\\» в тексте в двойных кавычках."
        " Используйте одинарные кавычки или пишите «\\\\» вместо «\\».",
        False,
    ),
)


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, offset: int) -> LoadIssue:
    problem = exc.problem or ""
    mark, ctx = exc.problem_mark, exc.context_mark
    ctx_line = "?" if ctx is None else str(ctx.line + 1 + offset)
    message = ""
    for needle, explanation, at_context in _PROBLEMS:
        if needle in problem:
            message = explanation.format(ctx=ctx_line)
            if at_context and ctx is not None:
                mark = ctx
            break
    if not message and "cannot start any token" in problem and mark is not None:
        char = text[mark.index] if mark.index < len(text) else ""
        message = (
            _PROBLEMS[1][1]
            if char == "\t"
            else f"значение не может начинаться с символа «{char}»: заключите его в кавычки."
        )
    if not message:
        message = (
            f"ошибка синтаксиса YAML: {problem or exc}. Проверьте отступы (только пробелы,"
            " одинаковые на одном уровне) и парность кавычек."
        )
    if mark is None:
        return LoadIssue(message, "yaml.syntax")
    return LoadIssue(message, "yaml.syntax", mark.line + 1 + offset, mark.column + 1)


def locate(
    text: str, loc: tuple[str | int, ...], *, first_line: int = 1, key: bool = False
) -> Position | None:
    """Where the value (or, with `key=True`, the key) at `loc` starts in `text`.

    `loc` is a pydantic location: mapping keys and list indexes; `()` is the root.
    If `loc` does not exist, the deepest existing ancestor is reported: the line of
    its key when it is a mapping's value (so a missing field points at `protocol:`),
    otherwise its own start (for a list item, its first key). None if unparsable.
    """
    try:
        parser = _Parser(text)
    except (yaml.YAMLError, ValueError):
        return None
    try:
        return _locate(parser, loc, key, first_line - 1)
    finally:
        parser.dispose()


def _locate(
    parser: _Parser, loc: tuple[str | int, ...], want_key: bool, offset: int
) -> Position | None:
    node = _next(parser)
    while isinstance(node, (StreamStartEvent, DocumentStartEvent)):
        node = _next(parser)
    if node is None or isinstance(node, (StreamEndEvent, CollectionEndEvent)):
        return None
    key_ev: ScalarEvent | None = None
    for part in loc:
        child = _child(parser, node, part)
        if child is None:
            is_collection = isinstance(node, CollectionStartEvent)
            return _position(key_ev if key_ev is not None and is_collection else node, offset)
        key_ev, node = child
    return _position(key_ev if want_key and key_ev is not None else node, offset)


def _child(
    parser: _Parser, node: Event, part: str | int
) -> tuple[ScalarEvent | None, Event] | None:
    """Consume events up to the child `part` of `node`; return (its key, its first event)."""
    if isinstance(node, MappingStartEvent):
        name = str(part)  # keys are always text; an int part may name a "1:" key
        while True:
            k = _next(parser)
            if k is None or isinstance(k, MappingEndEvent):
                return None
            value = _next(parser) if _skip(parser, k) else None
            if isinstance(k, ScalarEvent) and k.value == name and value is not None:
                return k, value
            if value is None or not _skip(parser, value):
                return None
    if isinstance(node, SequenceStartEvent) and isinstance(part, int) and part >= 0:
        for index in count():
            item = _next(parser)
            if item is None or isinstance(item, SequenceEndEvent):
                return None
            if index == part:
                return None, item
            if not _skip(parser, item):
                return None
    return None


def _next(parser: _Parser) -> Event | None:
    try:
        return parser.get_event()
    except (yaml.YAMLError, ValueError):
        return None


def _skip(parser: _Parser, ev: Event) -> bool:
    """Consume the rest of the node starting with `ev`; False if the stream broke."""
    depth = 1 if isinstance(ev, CollectionStartEvent) else 0
    while depth:
        nxt = _next(parser)
        if nxt is None:
            return False
        if isinstance(nxt, CollectionStartEvent):
            depth += 1
        elif isinstance(nxt, CollectionEndEvent):
            depth -= 1
    return True


def _position(ev: Event, offset: int) -> Position | None:
    line, column = _at(ev, offset)
    return None if line is None or column is None else Position(line, column)


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def split_front_matter(text: str) -> tuple[str, str, int] | LoadIssue:
    """Split Markdown with YAML front matter into (yaml_text, body, body_first_line).

    The file must start with a line `---` and the YAML ends at the next `---` line;
    yaml_text's first line is file line 2, so parse it with `first_line=2`.
    """
    opening = _FENCE.match(text)
    if opening is None:
        return LoadIssue(
            "в начале файла нет блока полей. Файл должен начинаться со строки «---», затем"
            " идут поля записи (по одному «поле: значение» в строке), затем снова строка"
            " «---», и только после неё — текст.",
            "yaml.front-matter",
            1,
            1,
        )
    closing = _FENCE.search(text, opening.end())
    if closing is None:
        return LoadIssue(
            "блок полей, начатый строкой «---» в строке 1, не закрыт: добавьте строку «---»"
            " после последнего поля, перед текстом.",
            "yaml.front-matter",
            1,
            1,
        )
    yaml_text = text[opening.end() + 1 : closing.start()]
    body = text[closing.end() + 1 :]
    return yaml_text, body, text.count("\n", 0, closing.start()) + 2
