"""The fast YAML path (rapidyaml) never changes an answer: same data, same messages.

`parse_yaml` tries `fastyaml.parse_fast` first and falls back to `parse_events`, libyaml's
event loader. Whatever the fast path returns must equal the event loader's data exactly
(types, key order); whatever the event loader refuses, the fast path must not accept.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.loading.fastyaml import DEPTH_LIMIT, parse_fast
from generator.loading.yamlsafe import (
    MAX_DEPTH,
    LoadIssue,
    decode_text,
    parse_events,
    parse_yaml,
    split_front_matter,
)
from synth import Spec, generate

from . import test_quotes_and_hints, test_yamlsafe
from .conftest import CASES, REPO

RULE_CASES = REPO / "tests" / "rule_cases"
RECORD_SUFFIXES = (".yaml", ".yml", ".md")


def exact(a: object, b: object) -> bool:
    """Equal, with the same types everywhere ("1" is not 1, True is not "true") and key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(exact(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(exact(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def same_answer(text: str, first_line: int = 1) -> bool:
    """Both routes agree on `text`; True if the fast path took it."""
    slow = parse_events(text, first_line=first_line)
    combined = parse_yaml(text, first_line=first_line)
    assert exact(combined, slow), (text, combined, slow)
    fast = parse_fast(text)
    if fast is None:
        return False
    assert not isinstance(slow, LoadIssue), (text, slow)
    assert exact(fast, slow), (text, fast, slow)
    return True


def yaml_part(name: str, text: str) -> tuple[str, int]:
    """The YAML a record file's text hands the parser: front matter of .md, else all."""
    if name.endswith(".md"):
        parts = split_front_matter(text)
        if not isinstance(parts, LoadIssue):
            return parts[0], 2
    return text, 1


def compare_files(files: Iterator[tuple[str, bytes]]) -> tuple[int, int]:
    """(files compared, files the fast path took)."""
    compared = taken = 0
    for name, raw in files:
        text = decode_text(raw)
        if isinstance(text, LoadIssue):
            continue
        compared += 1
        taken += same_answer(*yaml_part(name, text))
    return compared, taken


def files_under(*folders: Path) -> Iterator[tuple[str, bytes]]:
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in RECORD_SUFFIXES and path.is_file():
                yield str(path), path.read_bytes()


# --- (a) every record file of the sample, synthetic projects and golden cases ----------


def test_sample_records_parse_the_same_and_mostly_fast() -> None:
    compared, taken = compare_files(files_under(REPO / "records"))
    assert compared > 100
    assert taken >= 0.9 * compared  # the fast path is really used


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_synthetic_projects_parse_the_same(seed: int) -> None:
    files = ((path, text.encode()) for path, text in generate(Spec(2, 3, seed=seed)))
    compared, taken = compare_files(f for f in files if f[0].endswith(RECORD_SUFFIXES))
    assert compared > 300
    assert taken >= 0.9 * compared


def test_golden_cases_and_their_bases_parse_the_same() -> None:
    compared, taken = compare_files(files_under(CASES, RULE_CASES))
    assert compared > 200
    assert taken > compared // 2


# --- (b) the loader's own hostile and broken inputs give the same answer ----------------


def _strings(value: object) -> Iterator[str]:
    values = getattr(value, "values", value)  # pytest.param(...) keeps them in .values
    for item in values if isinstance(values, tuple | list) else (values,):
        if isinstance(item, str):
            yield item


def harvested() -> list[str]:
    """Every text the loader's tests feed it, and the texts they derive from them."""
    found: set[str] = set()
    meeting = test_yamlsafe.MEETING
    for module in (test_yamlsafe, test_quotes_and_hints):
        for obj in vars(module).values():
            found.update(_strings(obj))
            for mark in getattr(obj, "pytestmark", []):
                if mark.name != "parametrize":
                    continue
                for case in mark.args[1]:
                    strings = list(_strings(case))
                    found.update(strings)
                    if len(strings) >= 2 and strings[0] in meeting:
                        found.add(meeting.replace(strings[0], strings[1], 1))
    derived: set[str] = set()
    for text in found:
        derived.add(f"v: {text}\n")
        derived.add(f"date: 2025-08-28\nplace: {text}\nformat: online\n")
        derived.add(f"- {text}\n")
    for levels in (DEPTH_LIMIT - 1, DEPTH_LIMIT, DEPTH_LIMIT + 1, MAX_DEPTH, MAX_DEPTH + 1):
        derived.add(test_yamlsafe.nested_block(levels))
        derived.add("".join(f"{'  ' * i}k{i}:\n" for i in range(levels)) + "  " * levels + "k: x\n")
        derived.add(
            "".join(f"{'  ' * i}- k{i}:\n" for i in range(levels)) + "  " * levels + "- x\n"
        )
    return sorted(found | derived)


def test_hostile_inputs_of_the_loader_tests_give_the_same_answer() -> None:
    texts = harvested()
    assert len(texts) > 300
    for text in texts:
        for first_line in (1, 2):
            same_answer(text, first_line)


def test_loader_fuzz_cases_give_the_same_answer() -> None:
    """test_yamlsafe's fuzz inputs, the same generator and seed, through both routes."""
    rng = random.Random(1234)
    for case in range(3000):
        if case % 3 == 0:
            raw = bytes(rng.randrange(256) for _ in range(rng.randrange(60)))
        else:
            chars = list(test_yamlsafe.VALID)
            for _ in range(rng.randrange(1, 6)):
                at = rng.randrange(len(chars) + 1)
                action = rng.randrange(3)
                if action == 0:
                    chars.insert(at, rng.choice(test_yamlsafe.NOISE))
                elif action == 1 and at < len(chars):
                    del chars[at]
                elif at < len(chars):
                    chars[at] = rng.choice(test_yamlsafe.NOISE)
            raw = "".join(chars).encode("utf-8", "surrogatepass")
        text = decode_text(raw)
        if not isinstance(text, LoadIssue):
            same_answer(text, first_line=2)
        same_answer(raw.decode("utf-8", "replace"))  # undecoded: \x00, \r, BOM, tabs


# --- scalars: every spelling either the same or left to the event loader ---------------

TOKENS = [
    "", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "False",
    "FALSE", "yes", "no", "on", "off", "y", "n", "0", "-0", "+0", "00", "012", "0o17", "0x1F",
    "0b11", "1_000", "12", "-12", "+12", "9999999999999999999999", "1.5", "-1.5", "1.50",
    "0.5", "91.1", "99.60", ".5", "-.5", "1.", "0.", "1e5", "1E5", "1e+5", "1.5e3", ".5e3",
    "1.e5", "-0.0", "inf", "Inf", "INF", "-inf", "+inf", ".inf", ".Inf", "-.inf", "infinity",
    "Infinity", "nan", "NaN", ".nan", ".NaN", "-nan", "12:30", "1:30:00", "2024-09-15",
    "2024-02-30", "2024-09-15T10:00:00", "a b", "a  b", "a #b", "a#b", "a:b", "a: b", "a :b",
    "http://x.ru/a#b", "C:\\Users", "\\n", "\\u0041", "a\\", "x \"y\"", "'a'", "\"a\"",
    "'it''s'", '"a\\"b"', "\"\"", "''", "'", "\"", "«ёлки»", "№ 2", "\xa0a", "a\xa0", "😀",
    "—", "-", "--", "- a", "-a", "?", "?a", ":", ":a", "a:", "%", "@a", "`a", "!a", "&a",
    "*a", "|", ">", "|-", "[a]", "{a: 1}", "a]", "a,b", "<<", "=", "...", "---", "#",
]  # fmt: skip
SHAPES = [
    "k: {t}\n", "- {t}\n", "{t}: v\n", "a:\n  - {t}\n  - b\n", "a:\n  k: {t}\n  j: 1\n",
    "- k: {t}\n  j: 2\n", "k: {t}\nk2: {t}\n", "{t}\n", "k: {t}", "k: {t} # c\n",
    "k: |\n  {t}\n", "k: |-\n  {t}\n\n", "- k: |\n    {t}\n    x\n  j: 1\n", "k: '{t}'\n",
    'k: "{t}"\n', "k: {t}\n  {t}\n", "- {t}\n  - {t}\n",
]  # fmt: skip


def test_every_scalar_spelling_gives_the_same_answer() -> None:
    for shape in SHAPES:
        for token in TOKENS:
            same_answer(shape.replace("{t}", token))


# --- (c) mutations of real records: the fast path never crashes nor differs -------------

INSERTS = [
    "\t", "&a ", "*a", "!!str ", "<<: ", "? ", "- ", ": ", "#", " #", "'", '"', "''", "|",
    ">", "|-", "|+", "|2", "[", "]", "{", "}", ",", "\x00", "\ufeff", "\r", "\r\n", "\u2028",
    "\x85", "\xa0", "\\", "%", "@", "`", "~", "---\n", "...\n", "\n", " ", "  ", "\n  ",
    "True", "null", ".5", "1.", "inf", "x: ", "\n- ", "-",
]  # fmt: skip


def _sample_lines() -> list[list[str]]:
    return [
        path.read_text(encoding="utf-8").split("\n")
        for path in sorted((REPO / "records").rglob("*.yaml"))
    ]


def mutate(rng: random.Random, lines: list[str]) -> str:
    start = rng.randrange(len(lines))
    window = lines[start : start + rng.randrange(1, 30)]
    for _ in range(rng.randrange(1, 4)):
        i = rng.randrange(len(window))
        line, action = window[i], rng.randrange(8)
        if action == 0:  # an insertion anywhere in a line
            at = rng.randrange(len(line) + 1)
            window[i] = line[:at] + rng.choice(INSERTS) + line[at:]
        elif action == 1:  # indentation changed by one or two
            window[i] = line[rng.choice((1, 2)) :] if line.startswith(" ") else " " + line
        elif action == 2:
            window[i] = " " * rng.choice((1, 2, 4)) + line
        elif action == 3:  # a line repeated: duplicate keys, list items
            window.insert(i, line)
        elif action == 4:  # a line dropped
            del window[i]
            window = window or ["a: 1"]
        elif action == 5:  # two lines joined
            window[i : i + 2] = [" ".join(window[i : i + 2])]
        elif action == 6:  # deep nesting
            depth = rng.choice((DEPTH_LIMIT - 1, DEPTH_LIMIT + 1, MAX_DEPTH + 1))
            window.insert(i, "".join(f"{'  ' * d}n{d}:\n" for d in range(depth)) + " " * depth)
        else:  # a value replaced by a tricky spelling
            key = line.partition(": ")[0]
            window[i] = f"{key}: {rng.choice(TOKENS)}"
    text = "\n".join(window)
    return text + "\n" if rng.random() < 0.8 else text


def test_mutated_records_never_crash_differ_or_pass_what_is_refused() -> None:
    rng = random.Random(18)
    samples = _sample_lines()
    taken = 0
    for _ in range(6000):
        text = mutate(rng, rng.choice(samples))
        taken += same_answer(text)
        if rng.random() < 0.2:
            same_answer("\r\n".join(text.split("\n")))  # CRLF as an editor saves it
    assert taken > 1000  # mutations that stay plain still take the fast path


def test_fast_path_refuses_each_unusual_thing() -> None:
    unusual = [
        "a: &x 1\n", "a: *x\n", "a: !!str 1\n", "<<: {a: 1}\n", "a: 1\na: 2\n", "a:\n\tb: 1\n",
        "a: 1\x00\n", "\ufeffa: 1\n", "a: 1\r\n", "a: b\u2028c\n", "--- \na: 1\n",
        "a: 1\n---\nb: 2\n", "a: [1, [2]]\n", "a: ['x']\n", "a: {b: 1}\n", "a: >\n  x\n", "a: |2\n   x\n",
        'a: "x\\ty"\n', "a: b\n  c\n", "a: 'b\n  c'\n", "a: True\n", "a: ~\n", "a: inf\n",
        "a: .5\n", "a: 0.5\n", "? a\n: 1\n", "%YAML 1.1\n---\na: 1\n", "x\n", "",
        test_yamlsafe.nested_block(DEPTH_LIMIT + 1),
    ]  # fmt: skip
    for text in unusual:
        assert parse_fast(text) is None, text
        same_answer(text)


BODIES = [
    "k{n}:", "k{n}: v", "k{n}: {t}", "{t}", "k{n}: |", "k{n}: |-", "k{n}: |+", "# c", "",
    "text {t}", "k{n}: [a, b]", "k{n}: 'q'", 'k{n}: "q"', "- x", "k{n}: v # c",
]  # fmt: skip


def test_random_block_structures_never_differ() -> None:
    """Lines of any indentation and shape, mostly wrong: the indentation rules of both agree."""
    rng = random.Random(7)
    taken = 0
    for _ in range(20000):
        lines = []
        for _ in range(rng.randrange(1, 9)):
            indent = " " * rng.choice((0, 0, 1, 2, 2, 3, 4, 4, 5, 6))
            prefix = rng.choice(("", "", "- ", "- - "))
            body = rng.choice(BODIES).format(n=rng.randrange(3), t=rng.choice(TOKENS))
            lines.append(indent + prefix + body)
        taken += same_answer("\n".join(lines) + "\n")
    assert taken > 500


def test_rapidyaml_errors_stay_off_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    text = "a:\n    b: 1\n  c: 2\n"  # in the subset line by line; rapidyaml refuses it
    assert parse_fast(text) is None
    found = parse_yaml(text)
    assert isinstance(found, LoadIssue) and "неверный отступ" in found.message
    assert capfd.readouterr().err == ""
