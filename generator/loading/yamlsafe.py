"""Safe, fast loading of record files: bytes → text → plain Python data.

Records are edited by hand in Notepad-like editors, so every failure becomes a
`LoadIssue` with a Russian message saying what is wrong and how to fix it.
The YAML subset is deliberately small: no anchors, aliases or tags, text keys, and
only `null`/`true`/`false` are resolved; every other plain scalar keeps its exact
spelling, so that the schema's field types decide ("012" stays "012").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.tokens import ScalarToken

from generator.loading.fastyaml import parse_fast
from generator.loading.yamllocate import EventParser as _Parser
from generator.loading.yamllocate import Position as Position
from generator.loading.yamllocate import locate as locate

MAX_BYTES: int = 1_048_576
MAX_DEPTH: int = 40

_RESAVE = "Сохраните его в UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8)."
# Plain scalars that are not text; everything else keeps its exact spelling.
_PLAIN: dict[str, object] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
# What YAML (and libyaml) refuse, plus the line separators U+0085/U+2028/U+2029, which
# libyaml counts as line breaks but editors do not: line numbers would drift.
_BAD_CHAR = re.compile("[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CYRILLIC_WORD = re.compile("[А-яЁё]{2,}")
_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_Frame = tuple[dict[str, object] | None, list[object] | None, str | None]


@dataclass(frozen=True, slots=True)
class LoadIssue:
    message: str  # Russian: what is wrong and how to fix it
    code: str
    line: int | None = None
    column: int | None = None


def decode_text(raw: bytes) -> str | LoadIssue:
    """Decode a record file's bytes as UTF-8 and normalise line ends to LF.

    Refuses oversized files, UTF-16/32, other encodings (naming Windows-1251 when it
    looks like it), NUL bytes and control characters, saying how to fix the file.
    """
    if len(raw) > MAX_BYTES:
        size, limit = (f"{n:,}".replace(",", "\xa0") for n in (len(raw), MAX_BYTES))
        return LoadIssue(
            f"файл слишком большой: {size} байт, а допускается не больше {limit} байт (1 МБ)."
            " Разделите его на несколько файлов.",
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
            f"в файле нулевой байт (строка {line}): файл повреждён или не текстовый."
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
            f"недопустимый невидимый символ U+{ord(bad.group()):04X} (строка {line}, позиция"
            f" {column}), обычно он попадает при копировании из другой программы. Удалите его.",
            "yaml.encoding",
            line,
            column,
        )
    return text


def _wide_encoding(raw: bytes, nul: int) -> str | None:
    """UTF-16/32 by BOM, or UTF-16 by its NUL pattern (`nul`: first NUL index or -1)."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    # Every other byte of UTF-16 is a high byte: 0x00 for ASCII, 0x04 for Cyrillic.
    # A stray NUL in a UTF-8 file makes no such pattern.
    sample = raw[:4096] if nul >= 0 else b""
    for half in (sample[0::2], sample[1::2]):
        if len(half) > 1 and half.count(0) + half.count(4) >= 0.9 * len(half):
            return "UTF-16"
    return None


def _not_utf8(raw: bytes, pos: int) -> LoadIssue:
    """Explain invalid UTF-8 at byte `pos`, recognising the usual Windows-1251."""
    line = raw.count(b"\n", 0, pos) + 1
    column = len(raw[raw.rfind(b"\n", 0, pos) + 1 : pos].decode("utf-8", "replace")) + 1
    # Every byte 0xC0-0xFF is a Cyrillic letter in Windows-1251, so look for words:
    # Russian text has runs of them, Latin-1 "café" has one between Latin letters.
    sample = raw[:65536].decode("cp1251", "replace")
    high = sum(1 for c in sample if c > "\x7f")
    if sum(len(word) for word in _CYRILLIC_WORD.findall(sample)) >= 0.7 * high:
        head = "файл сохранён в кодировке Windows-1251"
    else:
        head = f"файл не в кодировке UTF-8 (байт 0x{raw[pos]:02X} не может быть в UTF-8)"
    message = f"{head}; первый такой символ — в строке {line}. {_RESAVE}"
    return LoadIssue(message, "yaml.encoding", line, column)


def parse_yaml(text: str, *, first_line: int = 1) -> object | LoadIssue:
    """Parse one YAML document into dicts (str keys), lists, str, None and bool.

    A plain file takes rapidyaml (`fastyaml.parse_fast`); any other, the event loader.
    `first_line` is the file line of the text's first line (front matter starts at 2).
    """
    data = parse_fast(text)
    return parse_events(text, first_line=first_line) if data is None else data


def parse_events(text: str, *, first_line: int = 1) -> object | LoadIssue:
    """`parse_yaml` on libyaml's event stream, the source of every message: with an explicit
    stack it never recurses, and stops at the first problem (depth, anchor, tag, key)."""
    offset = first_line - 1
    try:
        parser = _Parser(text)
    except (yaml.YAMLError, ValueError):  # UnicodeError (lone surrogates) is a ValueError
        return LoadIssue(f"в файле есть символы, недопустимые в UTF-8. {_RESAVE}", "yaml.syntax")
    try:
        return _build(parser.get_event, text, offset)
    except yaml.MarkedYAMLError as exc:
        return _syntax_issue(exc, text, offset)
    except yaml.reader.ReaderError as exc:  # a character libyaml refuses; position in bytes
        index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line, column = _line_col(text, index)
        message = f"недопустимый невидимый символ U+{exc.character:04X}: удалите его."
        return LoadIssue(message, "yaml.syntax", line + offset, column)
    except (yaml.YAMLError, ValueError) as exc:
        return LoadIssue(f"ошибка синтаксиса YAML: {exc}. Проверьте отступы.", "yaml.syntax")
    finally:
        parser.dispose()


def _build(get_event: Callable[[], Any], text: str, offset: int) -> object | LoadIssue:
    # The hot loop. Events are typed Any because dispatch is by exact type, the cheapest
    # test (isinstance() is slow for non-matching classes) but one mypy cannot narrow.
    # The innermost open container is cur_map or cur_list; `key` is cur_map's pending
    # key (None while a key is expected). The outer ones wait in `saved`.
    cur_map: dict[str, object] | None = None
    cur_list: list[object] | None = None
    key: str | None = None
    saved: list[_Frame] = []
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
            if len(saved) >= MAX_DEPTH:  # events stream in, so "[[[[…" stops right here
                message = f"слишком глубокая вложенность: больше {MAX_DEPTH} уровней."
                return _issue(
                    message + " Проверьте отступы и парность скобок «[ ]» и «{ }».",
                    "yaml.depth",
                    ev,
                    offset,
                )
            new_map: dict[str, object] | None = None
            new_list: list[object] | None = None
            if cls is MappingStartEvent:
                value = new_map = {}
            else:
                value = new_list = []
            if cur_map is not None:
                if key is None:
                    message = "ключ здесь — список или словарь, а должен быть простым текстом."
                    return _issue(message + _KEY_HINT, "yaml.key-type", ev, offset)
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
            message = f"ссылка «*{ev.anchor}» {_NO_REFS} Впишите вместо неё само значение."
            return _issue(message, "yaml.anchor", ev, offset)
        elif cls is DocumentStartEvent:
            if documents:
                return _issue(_MULTI_DOC, "yaml.multi-document", ev, offset)
            documents += 1
        elif cls is StreamEndEvent or ev is None:
            break
    if not documents or root_empty:
        return LoadIssue("файл пуст (или в нём только комментарии). Заполните поля.", "yaml.empty")
    return root


_KEY_HINT = " Вероятно, пропущено название поля перед «:» или сбит отступ."
_NO_REFS = "не поддерживается в записях: каждое значение пишется явно там, где нужно."
_MULTI_DOC = (
    "в файле второй документ YAML после строки «---», а запись должна быть одна: удалите"
    " лишнюю строку «---» или перенесите вторую запись в отдельный файл."
)


def _issue(message: str, code: str, ev: Event, offset: int) -> LoadIssue:
    mark = ev.start_mark
    if mark is None:
        return LoadIssue(message, code)
    return LoadIssue(message, code, mark.line + 1 + offset, mark.column + 1)


def _anchor_or_tag(ev: ScalarEvent | CollectionStartEvent, offset: int) -> LoadIssue:
    if ev.anchor is not None:
        message = f"якорь «&{ev.anchor}» {_NO_REFS} Удалите «&{ev.anchor}» и ссылки на него."
        return _issue(message, "yaml.anchor", ev, offset)
    tag = str(ev.tag).replace("tag:yaml.org,2002:", "!!")
    message = (
        f"тег «{tag}» не поддерживается в записях: тип значения задаёт поле записи."
        f" Удалите «{tag}»; если значение начинается с «!», заключите его в кавычки."
    )
    return _issue(message, "yaml.tag", ev, offset)


def _duplicate(text: str, saved: list[_Frame], key: str, ev: Event, offset: int) -> LoadIssue:
    # The first occurrence is found by re-parsing (duplicates are rare, so the hot loop
    # keeps no per-key lines); its path comes from the stack of open containers.
    path: list[str | int] = []
    for parent_map, parent_list, parent_key in saved[1:]:
        if parent_map is not None and parent_key is not None:
            path.append(parent_key)
        elif parent_list is not None:
            path.append(len(parent_list) - 1)
    first = locate(text, (*path, key), first_line=offset + 1, key=True)
    where = f" (впервые — в строке {first.line})" if first else ""
    message = f"ключ «{key}» повторяется{where}. Оставьте один, объединив значения."
    return _issue(message, "yaml.duplicate-key", ev, offset)


_INDENT = "Поля одного уровня должны начинаться в одной колонке, элементы списка («- ») — тоже."
_QUOTE_IT = "заключите значение в кавычки."
# A fragment of libyaml's problem text → Russian explanation ({ctx}: the context line).
_PROBLEMS = {
    "mapping values are not allowed": "лишнее «: » в значении. Если в значении есть двоеточие"
    ' с пробелом, заключите значение в кавычки: тема: "Итоги: планы". Иначе проверьте отступ.',
    "tab character": "табуляция в отступе. Отступы в YAML делаются только пробелами: замените табуляцию пробелами.",
    "could not find expected ':'": "в строке нет «: » после названия поля. Если это"
    f" продолжение текста предыдущей строки, {_QUOTE_IT}",
    "expected key": f"неверный отступ или лишний текст после значения. {_INDENT}"
    " Апостроф внутри '…' пишется дважды ('').",
    "expected <block end>": f"неверный отступ. {_INDENT}",
    "expected '-' indicator": f"неверный отступ в списке. {_INDENT}",
    "block sequence entries are not allowed": "«- » в неожиданном месте: список"
    " начинается с новой строки под полем, с отступом.",
    "expected ','": "не закрыта скобка «{bracket}» из строки {ctx} или пропущена запятая.",
    "expected node content": "здесь ожидалось значение: проверьте, не оборвана ли строка"
    " и закрыты ли скобки.",
    "alphabetic or numeric character": "значение не может начинаться с «*» или «&»"
    f" (в YAML это ссылки): {_QUOTE_IT}",
    "<document start>": "лишний текст после конца записи: проверьте отступ этой строки.",
    "comment or line break": f"лишний текст в конце строки: если это часть значения, {_QUOTE_IT}",
    "undefined alias": "ссылка «*…» на несуществующий якорь; ссылки в записях не"
    " поддерживаются — впишите значение целиком.",
    "unknown escape": "неизвестная последовательность с «\\» в двойных кавычках:"
    " используйте одинарные кавычки или пишите «\\\\» вместо «\\».",
}
# For these the context mark (the line without «: », the value's start) is the useful one.
_AT_CONTEXT = ("could not find expected ':'", "alphabetic or numeric")


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, offset: int) -> LoadIssue:
    problem = exc.problem or ""
    mark, ctx = exc.problem_mark, exc.context_mark
    fragment = next((f for f in _PROBLEMS if f in problem), "")
    message = _PROBLEMS.get(fragment, "").format(
        ctx=ctx.line + 1 + offset if ctx else "?", bracket="[" if "]" in problem else "{"
    )
    if ctx is not None and any(f in problem for f in _AT_CONTEXT):
        mark = ctx
    if not message and "cannot start any token" in problem and mark is not None:
        char = text[mark.index : mark.index + 1]  # libyaml's index counts characters
        message = f"значение не может начинаться с «{char}»: {_QUOTE_IT}"
        message = _PROBLEMS["tab character"] if char == "\t" else message
    if not message:
        message = f"ошибка синтаксиса YAML: {problem or exc}. Проверьте отступы и кавычки."
    message, mark = _quote_problem(exc, text, offset) or (message, mark)
    if mark is None:
        return LoadIssue(message, "yaml.syntax")
    return LoadIssue(message, "yaml.syntax", mark.line + 1 + offset, mark.column + 1)


# A quoted value that ends on the line it opens on, by each quote's escaping rules.
_CLOSE = {"'": re.compile(r"(?:[^'\n]|'')*'"), '"': re.compile(r'(?:[^"\\\n]|\\.)*"')}
_UNCLOSED = (
    "не закрыта кавычка «{q}», открытая здесь: весь текст отсюда до {span} читается как одно значение."
    " Поставьте закрывающую «{q}» в конце значения на этой же строке. Для текста в несколько строк"
    " уберите кавычки, поставьте вместо открывающей «|», а текст пишите со следующей строки с отступом."
)
_CLOSED_EARLY = (
    "значение в кавычках «{q}» открывается здесь, а закрывается уже кавычкой в позиции {column}, и"
    " после неё ещё текст. Если эта кавычка — часть значения, пишите её {0} или возьмите всё"
    " значение в {1} кавычки; иначе заключите в кавычки всё значение."
)
# How a quote of each kind is written inside such quotes ({0}), and the other kind ({1}).
_ESCAPE = {'"': ('как \\"', "одинарные"), "'": ("дважды ('')", "двойные")}


def _quote_problem(exc: yaml.MarkedYAMLError, text: str, offset: int) -> tuple[str, Any] | None:
    """(message, mark of the opening quote) if a quote left open or closed early caused `exc`."""
    mark, ctx = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    quote = text[ctx.index : ctx.index + 1] if ctx is not None else ""  # the scalar's own error?
    if ctx is not None and quote in _CLOSE and not _CLOSE[quote].match(text, ctx.index + 1):
        span = "конца файла" if "end of stream" in (exc.problem or "") else ""
        if span or ctx.line < mark.line:  # else a bad escape on its own line: said below
            return _UNCLOSED.format(q=quote, span=span or f"строки {mark.line + 1 + offset}"), ctx
    token = _quoted_before(text, mark.index)
    if token is None or token.end_mark.line != mark.line:
        return None
    start, end, quote = token.start_mark, token.end_mark, token.style
    if start.line < end.line:  # closed only by a later quote: the text after it is the error
        return _UNCLOSED.format(q=quote, span=f"строки {end.line + 1 + offset}"), start
    gap = text[end.index : mark.index]  # in a flow list "a" "b" lacks a comma, not a quote
    if gap.strip() or (gap and "expected ','" in (exc.problem or "")):
        return None
    return _CLOSED_EARLY.format(*_ESCAPE[quote], q=quote, column=end.column), start


def _quoted_before(text: str, index: int) -> ScalarToken | None:
    """The last quoted scalar that libyaml's scanner reads before character `index`."""
    scanner, last = _Parser(text), None
    with suppress(yaml.YAMLError, ValueError):  # the scanner stops at the same mistake
        while (token := scanner.get_token()) is not None and token.start_mark.index < index:
            if isinstance(token, ScalarToken) and token.style in _CLOSE:
                last = token
    scanner.dispose()
    return last


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def split_front_matter(text: str) -> tuple[str, str, int] | LoadIssue:
    """Split Markdown with YAML front matter into (yaml_text, body, body_first_line).

    The file starts with a line `---`, and the YAML ends at the next `---` line.
    yaml_text's first line is file line 2: parse it with `first_line=2`.
    """
    opening = _FENCE.match(text)
    closing = _FENCE.search(text, opening.end()) if opening else None
    if opening is None or closing is None:
        problem = (
            "блок полей, начатый строкой «---» в строке 1, не закрыт: добавьте строку «---»"
            if opening
            else "в начале файла нет блока полей. Файл должен начинаться со строки «---»,"
            " затем идут поля записи («поле: значение»), затем снова строка «---»"
        )
        return LoadIssue(problem + ", и только после неё — текст.", "yaml.front-matter", 1, 1)
    yaml_text = text[opening.end() + 1 : closing.start()]
    body = text[closing.end() + 1 :]
    return yaml_text, body, text.count("\n", 0, closing.start()) + 2
