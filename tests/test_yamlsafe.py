"""The safe YAML loader: what a person editing a record sees for each kind of mistake."""

from __future__ import annotations

import random

import pytest

from generator.loading.yamlsafe import (
    MAX_BYTES,
    MAX_DEPTH,
    LoadIssue,
    Position,
    decode_text,
    locate,
    parse_yaml,
    split_front_matter,
)

RESAVE = "Сохраните его в UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8)."
RECORD = "id: m-1\nтема: Заседание совета\nдата: 2024-09-15\n"


def issue(result: object) -> LoadIssue:
    assert isinstance(result, LoadIssue), result
    return result


# --- decode_text ---------------------------------------------------------------------


def test_cp1251_file_is_recognised_with_line_of_first_bad_byte() -> None:
    found = issue(decode_text(RECORD.encode("cp1251")))
    assert found.code == "yaml.encoding"
    assert "файл сохранён в кодировке Windows-1251" in found.message
    assert "в строке 2" in found.message
    assert RESAVE in found.message
    assert (found.line, found.column) == (2, 1)


def test_other_invalid_utf8_is_reported_generically() -> None:
    found = issue(decode_text(b"id: m-1\nname: caf\xe9 \xff\n"))
    assert "не в кодировке UTF-8" in found.message
    assert "Windows-1251" not in found.message
    assert (found.line, found.column) == (2, 10)


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (RECORD.encode("utf-16"), "UTF-16"),  # with BOM
        (RECORD.encode("utf-16-le"), "UTF-16"),  # without BOM: NUL in every other byte
        (RECORD.encode("utf-16-be"), "UTF-16"),
        (RECORD.encode("utf-32"), "UTF-32"),
    ],
)
def test_wide_encodings_ask_to_resave_in_utf8(raw: bytes, encoding: str) -> None:
    found = issue(decode_text(raw))
    assert found.code == "yaml.encoding"
    assert f"файл сохранён в кодировке {encoding}. {RESAVE}" == found.message


def test_nul_byte_reports_its_line() -> None:
    found = issue(decode_text(b"id: m-1\nname: a\x00b\n"))
    assert found.code == "yaml.encoding"
    assert "нулевой байт (строка 2)" in found.message
    assert found.line == 2


@pytest.mark.parametrize(
    ("text", "char", "line", "column"),
    [
        ("id: m-1\nтема: а\x07б\n", "U+0007", 2, 8),
        ("a: 1\r\nb: x\x1by\r\n", "U+001B", 2, 5),
        ("a: строка\u2028вторая\n", "U+2028", 1, 10),  # libyaml would count it as a line break
        ("a: \x85\n", "U+0085", 1, 4),
    ],
)
def test_control_character_reports_line_and_column(
    text: str, char: str, line: int, column: int
) -> None:
    found = issue(decode_text(text.encode("utf-8")))
    assert found.code == "yaml.encoding"
    assert f"недопустимый невидимый символ {char}" in found.message
    assert (found.line, found.column) == (line, column)


def test_oversized_file_names_the_limit_and_asks_to_split() -> None:
    found = issue(decode_text(b"#" * (MAX_BYTES + 1)))
    assert found.code == "yaml.size"
    assert "1\u00a0048\u00a0576 байт" in found.message
    assert "Разделите его на несколько файлов" in found.message
    assert decode_text(b"#" * MAX_BYTES) == "#" * MAX_BYTES


def test_bom_is_accepted_and_stripped() -> None:
    assert decode_text(b"\xef\xbb\xbf" + RECORD.encode()) == RECORD


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_crlf_and_cr_become_lf(newline: bytes) -> None:
    text = decode_text(RECORD.encode().replace(b"\n", newline))
    assert text == RECORD
    assert parse_yaml(text) == {"id": "m-1", "тема": "Заседание совета", "дата": "2024-09-15"}


def test_line_numbers_survive_bom_and_crlf() -> None:
    text = decode_text(b"\xef\xbb\xbfa: 1\r\nb: [\r\n")
    assert isinstance(text, str)
    assert issue(parse_yaml(text)).line == 3


# --- parse_yaml: what is refused ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "fragment", "line", "column"),
    [
        ("a: 1\nbase: &b\n  x: 1\n", "yaml.anchor", "якорь «&b» не поддерживается", 2, 7),
        ("a: 1\n<<: *base\n", "yaml.anchor", "ссылка «*base» не поддерживается", 2, 5),
        ("a: !!python/object 1\n", "yaml.tag", "тег «!!python/object» не поддерживается", 1, 4),
        ("a:\n  - !foo x\n", "yaml.tag", "тег «!foo»", 2, 5),
        ("a: ! x\n", "yaml.tag", "заключите его в кавычки", 1, 4),
    ],
)
def test_anchors_aliases_and_tags_are_refused(
    text: str, code: str, fragment: str, line: int, column: int
) -> None:
    found = issue(parse_yaml(text))
    assert (found.code, found.line, found.column) == (code, line, column)
    assert fragment in found.message
    assert "не поддерживается в записях" in found.message


def nested_block(levels: int) -> str:
    """`levels` mappings, each the value of the previous one's only key."""
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(levels)) + "  " * levels + "x\n"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("[" * 200_000, 1, MAX_DEPTH + 1),
        ("{a: " * 200_000, 1, 4 * MAX_DEPTH + 1),
        ("- " * 200_000, 1, 2 * MAX_DEPTH + 1),
        (nested_block(MAX_DEPTH + 1), MAX_DEPTH + 1, 2 * MAX_DEPTH + 1),
    ],
)
def test_deep_nesting_stops_at_the_limit(text: str, line: int, column: int) -> None:
    found = issue(parse_yaml(text))
    assert found.code == "yaml.depth"
    assert f"больше {MAX_DEPTH} уровней" in found.message
    assert (found.line, found.column) == (line, column)


def test_nesting_up_to_the_limit_is_fine() -> None:
    data = parse_yaml(nested_block(MAX_DEPTH))
    for i in range(MAX_DEPTH):
        assert isinstance(data, dict)
        data = data[f"k{i}"]
    assert data == "x"
    assert parse_yaml("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None


def test_deep_file_just_over_the_size_limit_is_refused_before_parsing() -> None:
    raw = b"[" * (MAX_BYTES // 2 + 1) + b"]" * (MAX_BYTES // 2 + 1)
    assert issue(decode_text(raw)).code == "yaml.size"


@pytest.mark.parametrize(
    ("text", "key", "line", "first"),
    [
        ("id: 1\nтема: а\nid: 2\n", "id", 3, 1),
        ("a:\n  - x: 1\n    y: 2\n    x: 3\n", "x", 4, 2),
        ("a: {b: 1, b: 2}\n", "b", 1, 1),
    ],
)
def test_duplicate_key_names_key_and_first_line(text: str, key: str, line: int, first: int) -> None:
    found = issue(parse_yaml(text))
    assert found.code == "yaml.duplicate-key"
    assert f"ключ «{key}» повторяется (впервые — в строке {first})" in found.message
    assert found.line == line


@pytest.mark.parametrize("text", ["? [a, b]\n: 1\n", "{[a]: 1}\n", "a: 1\n? {b: 1}\n: 2\n"])
def test_non_scalar_key_is_refused(text: str) -> None:
    found = issue(parse_yaml(text))
    assert found.code == "yaml.key-type"
    assert "должен быть простым текстом" in found.message


@pytest.mark.parametrize(
    ("text", "line"), [("a: 1\n---\nb: 2\n", 2), ("---\na: 1\n---\nb: 2\n", 3)]
)
def test_several_documents_are_refused(text: str, line: int) -> None:
    found = issue(parse_yaml(text))
    assert found.code == "yaml.multi-document"
    assert "запись должна быть одна" in found.message
    assert found.line == line


@pytest.mark.parametrize("text", ["", "\n\n", "# только комментарий\n", "---\n", "--- # пусто\n"])
def test_empty_file(text: str) -> None:
    found = issue(parse_yaml(text))
    assert found.code == "yaml.empty"
    assert "файл пуст" in found.message


# --- parse_yaml: what is accepted -----------------------------------------------------


def test_yaml_1_1_surprises_stay_exact_strings() -> None:
    text = "a: no\nb: on\nc: 1:30\nd: 012\ne: 2024-02-30\nf: yes\ng: 0x1F\nh: 3.5\ni: .inf\nj: 12\n"
    assert parse_yaml(text) == {
        "a": "no", "b": "on", "c": "1:30", "d": "012", "e": "2024-02-30",
        "f": "yes", "g": "0x1F", "h": "3.5", "i": ".inf", "j": "12",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None), ("~", None), ("null", None), ("Null", None), ("NULL", None),
        ("true", True), ("True", True), ("TRUE", True),
        ("false", False), ("False", False), ("FALSE", False),
        ("'null'", "null"), ('"true"', "true"), ("tRUE", "tRUE"), ("nul", "nul"),
    ],
)  # fmt: skip
def test_null_true_false(value: str, expected: object) -> None:
    assert parse_yaml(f"v: {value}\n") == {"v": expected}


def test_keys_are_always_text_and_block_scalars_are_strings() -> None:
    text = "1: a\ntrue: b\nnull: c\n'2': d\nтекст: |\n  012\n  true\nкратко: >\n  null\n"
    assert parse_yaml(text) == {
        "1": "a", "true": "b", "null": "c", "2": "d",
        "текст": "012\ntrue\n", "кратко": "null\n",
    }  # fmt: skip


def test_nested_record() -> None:
    text = "протокол:\n  повестка:\n    - вопрос: Итоги\n      решения: [принять, 'да']\n"
    expected = {"протокол": {"повестка": [{"вопрос": "Итоги", "решения": ["принять", "да"]}]}}
    assert parse_yaml(text) == expected


# --- parse_yaml: syntax errors ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment", "line", "column"),
    [
        ("тема: Итоги: планы\n", 'заключите значение в кавычки: тема: "Итоги: планы"', 1, 12),
        ("a:\n\tb: 1\n", "Отступы в YAML делаются только пробелами", 2, 1),
        ("a: b\nпродолжение\nc: d\n", "нет «: » после названия поля", 2, 1),
        ("a: 'текст\nb: 1\n", "не закрыта кавычка", 1, 4),
        ('a: 1\nb: "текст\n', "не закрыта кавычка", 2, 4),
        ("a:\n  b: 1\n c: 2\n", "неверный отступ", 3, 2),
        ("a: 'it's'\n", "закрывается уже кавычкой в позиции 7", 1, 4),
        ("a:\n  - b\n  c: 1\n", "неверный отступ в списке", 3, 3),
        ("a: [1, 2\nb: 1\n", "не закрыта скобка «[» из строки 1", 2, 2),
        ("a: {b: 1\n", "не закрыта скобка «{» из строки 1", 2, 1),
        ("a: [\n", "здесь ожидалось значение", 2, 1),
        ("a: @x\n", "не может начинаться с «@»", 1, 4),
        ("a: * пункт\n", "не может начинаться с «*» или «&»", 1, 4),
        ("'x'\nb: 1\n", "лишний текст после конца записи", 2, 1),
        ('a: "\\q"\n', "одинарные кавычки", 1, 5),
        ("a: |0\n  x\n", "ошибка синтаксиса YAML: found an indentation indicator", 1, 5),
        ("ключ: \x01\n", "недопустимый невидимый символ U+0001", 1, 7),
    ],
)
def test_syntax_errors_are_explained_in_russian(
    text: str, fragment: str, line: int, column: int
) -> None:
    found = issue(parse_yaml(text))
    assert found.code == "yaml.syntax"
    assert fragment in found.message
    assert (found.line, found.column) == (line, column)


# --- parse_yaml: quotes left open or closed too early ----------------------------------

MEETING = """\
date: 2025-08-28
time: "14:30"
topic: Установочное заседание
protocol:
  present: [ivanova-ma, petrov-an]
  agenda:
    - question: Выборы
      decisions:
        - text: Избрать председателя.
          deadline_text: "немедленно"
  recommendations:
    - Изучить положение.
"""
UNCLOSED = "не закрыта кавычка"
TO_END = "весь текст отсюда до конца файла читается как одно значение"
TO_LINE_10 = "весь текст отсюда до строки 10 читается как одно значение"


@pytest.mark.parametrize(
    ("old", "new", "fragment", "line", "column"),
    [
        # Left open with no quote of its kind below: the scanner runs to the end of the file.
        ("topic: Установочное", "topic: 'Установочное", TO_END, 3, 8),
        ("- Изучить положение.", '- "Изучить положение.', TO_END, 12, 7),
        ("- Изучить положение.", "- 'Изучить положение.", TO_END, 12, 7),
        ("- text: Избрать", "- text: 'Избрать", TO_END, 9, 17),
        ("[ivanova-ma, petrov-an]", "[ivanova-ma, 'petrov-an]", TO_END, 5, 25),
        # Closed by the next such quote, lines below: libyaml stumbles there, on line 10.
        ("topic: Установочное", 'topic: "Установочное', TO_LINE_10, 3, 8),
        ('time: "14:30"', 'time: "14:30', TO_LINE_10, 2, 7),
        ("- text: Избрать", '- text: "Избрать', TO_LINE_10, 9, 17),
        ("- question: Выборы", '- question: "Выборы', TO_LINE_10, 7, 17),
        ("[ivanova-ma, petrov-an]", '[ivanova-ma, "petrov-an]', TO_LINE_10, 5, 25),
        ("[ivanova-ma, petrov-an]", '["ivanova-ma, petrov-an]', TO_LINE_10, 5, 13),
        ("topic: Установочное", '"topic: Установочное', TO_LINE_10, 3, 1),  # a key
        # Multi-line text whose closing quote was deleted.
        ("topic: Установочное заседание", 'topic: "Итоги\n  года', "до строки 11", 3, 8),
        ("Изучить положение.", '"Изучить\n      положение.', "до конца файла", 12, 7),
    ],
)
def test_unclosed_quote_is_reported_where_it_opens(
    old: str, new: str, fragment: str, line: int, column: int
) -> None:
    assert old in MEETING
    found = issue(parse_yaml(MEETING.replace(old, new, 1)))
    assert found.code == "yaml.syntax"
    assert UNCLOSED in found.message
    assert fragment in found.message
    assert "на этой же строке" in found.message and "«|»" in found.message
    assert "неверный отступ" not in found.message
    assert (found.line, found.column) == (line, column)


@pytest.mark.parametrize(
    ("value", "fragment", "column"),
    [
        ('"МБОУ "СШ № 2", зал"', "кавычкой в позиции 14, и после неё ещё текст", 8),
        ('"Итоги" года', "кавычкой в позиции 14", 8),
        ("'д'Артаньян'", "пишите её дважды ('')", 8),
        ('"МБОУ "СШ № 2", зал"', 'пишите её как \\"', 8),
        ('[a, "b, "c"]', "кавычкой в позиции 16", 12),
    ],
)
def test_quote_closed_inside_the_value_is_reported_where_the_value_opens(
    value: str, fragment: str, column: int
) -> None:
    found = issue(parse_yaml(f"date: 2025-08-28\nplace: {value}\nformat: online\n"))
    assert "значение в кавычках" in found.message
    assert fragment in found.message
    assert "неверный отступ" not in found.message
    assert (found.line, found.column) == (2, column)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        # Quotes in a comment, a block text or inside a plain value are literal.
        ('a: x # "цитата\nb: |\n  «a» \'b "c\nc: МБОУ "СШ" д\'Арк\nd: "x\n', 5, 4),
        ("a:\n  - [1, 2]\n  - b: \"x\n    c: 'y'\n", 3, 8),
    ],
)
def test_only_the_quote_left_open_is_blamed(text: str, line: int, column: int) -> None:
    found = issue(parse_yaml(text))
    assert UNCLOSED in found.message
    assert (found.line, found.column) == (line, column)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ('a: "x \\"y\\"\nb: "c"\n', "до строки 2"),  # \" does not close "…"
        ("a: 'it''s\nb: 'c'\n", "до строки 2"),  # '' does not close '…'
        ('a: "x\nb: C:\\Users\n', "до строки 2"),  # "\U" read as an escape inside it
        ('a: "x\nb: y', "до конца файла"),  # no line break at the end
        ("a: 'x\n---\nb: 'y'\n", "до строки 2"),  # a document line inside it
    ],
)
def test_quote_escapes_follow_yaml_rules(text: str, span: str) -> None:
    found = issue(parse_yaml(text))
    assert UNCLOSED in found.message and f"весь текст отсюда {span}" in found.message
    assert (found.line, found.column) == (1, 4)


def test_quotes_inside_plain_values_are_text() -> None:
    text = "place: МБОУ \"СШ № 2\", зал\nnote: д'Артаньян\nq: a \"b\nr: 'it''s'\n"
    assert parse_yaml(text) == {
        "place": 'МБОУ "СШ № 2", зал', "note": "д'Артаньян", "q": 'a "b', "r": "it's",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "fragment", "line", "column"),
    [
        ('a: "x\n  y"\n b: 1\n', "неверный отступ", 3, 2),  # a closed multi-line text
        ('a: ["x" "y"]\n', "пропущена запятая", 1, 9),
        ('a: {"b": 1 c: 2}\n', "пропущена запятая", 1, 13),
        ('"a": 1\n  b: 2\n', "лишнее «: » в значении", 2, 4),
        ('a: 1\n"b"\nc: 2\n', "нет «: » после названия поля", 2, 1),  # a closed quoted key
        ("x:\n  a: 1\n  'b' c\n  d: 2\n", "нет «: » после названия поля", 3, 3),
    ],
)
def test_other_errors_near_quotes_keep_their_messages(
    text: str, fragment: str, line: int, column: int
) -> None:
    found = issue(parse_yaml(text))
    assert fragment in found.message
    assert "кавычк" not in found.message.split(".")[0]
    assert (found.line, found.column) == (line, column)


def test_unclosed_quote_in_front_matter_counts_file_lines() -> None:
    text = '---\ntitle: "Наставничество\nyear: 2025-2026\nreview: "recommended"\n---\nТекст "а\n'
    parts = split_front_matter(text)
    assert not isinstance(parts, LoadIssue)
    found = issue(parse_yaml(parts[0], first_line=2))
    assert UNCLOSED in found.message and "до строки 4" in found.message
    assert (found.line, found.column) == (2, 8)


def test_first_line_shifts_every_reported_line() -> None:
    assert issue(parse_yaml("a: b: c\n", first_line=2)).line == 2
    assert issue(parse_yaml("a: 1\nb: &x 2\n", first_line=2)).line == 3
    found = issue(parse_yaml("a: 1\nb: 2\na: 3\n", first_line=2))
    assert found.line == 4
    assert "(впервые — в строке 2)" in found.message


def test_lone_surrogate_does_not_crash() -> None:
    assert issue(parse_yaml("a: \ud800\n")).code == "yaml.syntax"


# --- locate ---------------------------------------------------------------------------

DOC = """\
title: Заседание
attendees:
  - Иванова
  - Петров
protocol:
  number: '7'
  agenda:
    - title: Вопрос 1
      decisions:
        - text: Принять
          deadline:
        - text: Утвердить
flow: {a: 1, b: [x, y]}
"""


@pytest.mark.parametrize(
    ("loc", "key", "line", "column"),
    [
        ((), False, 1, 1),
        (("title",), False, 1, 8),
        (("title",), True, 1, 1),
        (("attendees",), False, 3, 3),
        (("attendees", 1), False, 4, 5),
        (("attendees", 1), True, 4, 5),  # a list item has no key: its value
        (("protocol", "number"), True, 6, 3),
        (("protocol", "agenda", 0, "decisions", 0, "deadline"), False, 11, 20),
        (("protocol", "agenda", 0, "decisions", 0, "deadline"), True, 11, 11),
        (("flow", "b", 1), False, 13, 21),
        # Missing: a key's mapping points at that key; a list item's at its first key.
        (("protocol", "chair"), False, 5, 1),
        (("protocol", "agenda", 0, "decisions", 1, "deadline"), False, 12, 11),
        (("attendees", 5), False, 2, 1),
        (("missing",), True, 1, 1),
        (("title", "x"), False, 1, 8),
    ],
)
def test_locate(loc: tuple[str | int, ...], key: bool, line: int, column: int) -> None:
    assert locate(DOC, loc, key=key) == Position(line, column)
    assert locate(DOC, loc, key=key, first_line=2) == Position(line + 1, column)


def test_locate_on_broken_or_empty_text() -> None:
    assert locate("", ()) is None
    assert locate("a: 1\nb: [\n", ("a",)) == Position(1, 4)
    assert locate("1: x\n", (1,)) == Position(1, 4)


# --- split_front_matter -----------------------------------------------------------------


def test_front_matter_split_and_body_line() -> None:
    text = "---\nтема: Итоги\nдата: 2024-09-15\n---\n# Заголовок\n\nТекст.\n"
    result = split_front_matter(text)
    assert not isinstance(result, LoadIssue)
    yaml_text, body, body_line = result
    assert yaml_text == "тема: Итоги\nдата: 2024-09-15\n"
    assert body == "# Заголовок\n\nТекст.\n"
    assert body_line == 5
    assert text.split("\n")[body_line - 1] == "# Заголовок"
    assert parse_yaml(yaml_text, first_line=2) == {"тема": "Итоги", "дата": "2024-09-15"}
    found = issue(parse_yaml("тема: Итоги\nдата: 2024: 09\n", first_line=2))
    assert found.line == 3


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("# Заголовок\n", "Файл должен начинаться со строки «---»"),
        ("----\nтема: x\n---\n", "Файл должен начинаться со строки «---»"),
        ("---\nтема: x\nтекст\n", "не закрыт: добавьте строку «---»"),
    ],
)
def test_front_matter_missing_or_unclosed(text: str, fragment: str) -> None:
    found = issue(split_front_matter(text))
    assert found.code == "yaml.front-matter"
    assert fragment in found.message
    assert found.line == 1


# --- robustness -----------------------------------------------------------------------

VALID = DOC + "notes: |\n  Текст «в кавычках»: да\nlist: [a, {b: c}]\n"
NOISE = ":-[]{},#&*!|>'\"\n\t ?%@`\\~\x00\x07\r\u2028абв1"


def assert_plain(data: object, depth: int = 0) -> None:
    """Only dicts with str keys, lists, str, None and bool, never deeper than allowed."""
    assert depth <= MAX_DEPTH
    if isinstance(data, dict):
        for key, value in data.items():
            assert isinstance(key, str)
            assert_plain(value, depth + 1)
    elif isinstance(data, list):
        for item in data:
            assert_plain(item, depth + 1)
    else:
        assert data is None or isinstance(data, str | bool)


def test_fuzz_never_crashes() -> None:
    rng = random.Random(1234)
    for case in range(3000):
        if case % 3 == 0:
            raw = bytes(rng.randrange(256) for _ in range(rng.randrange(60)))
        else:
            chars = list(VALID)
            for _ in range(rng.randrange(1, 6)):
                at = rng.randrange(len(chars) + 1)
                action = rng.randrange(3)
                if action == 0:
                    chars.insert(at, rng.choice(NOISE))
                elif action == 1 and at < len(chars):
                    del chars[at]
                elif at < len(chars):
                    chars[at] = rng.choice(NOISE)
            raw = "".join(chars).encode("utf-8", "surrogatepass")
        text = decode_text(raw)
        if isinstance(text, LoadIssue):
            continue
        data = parse_yaml(text, first_line=2)
        if isinstance(data, LoadIssue):
            assert data.message and data.code.startswith("yaml.")
            assert data.line is None or data.line >= 2
        else:
            assert_plain(data)
        position = locate(text, ("protocol", "agenda", 0, "title"), first_line=2)
        assert position is None or position.line >= 2
