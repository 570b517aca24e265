"""The shortcuts taken for speed give exactly what the plain ways give."""

from __future__ import annotations

import posixpath
import random
import re
from pathlib import Path

import pytest

from generator.checking.validate import validate
from generator.documents import escape
from generator.loading.project import forget_loaded, load_project
from generator.rendering import textsafe
from generator.rendering.context import relative_link
from synth import Spec, synthesize

MEETING = "records/associations/mpo-tula/2026-2027/meetings/01.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    synthesize(root, Spec(1, 1, seed=2))
    return root


def test_an_unchanged_record_is_reused_and_an_edited_one_read_again(project: Path) -> None:
    forget_loaded()
    first, _ = load_project(project)
    again, problems = load_project(project)
    assert problems == []
    assert [r.model for r in again.records] == [r.model for r in first.records]
    assert all(a is b for a, b in zip(again.records, first.records, strict=True))
    meeting = project / MEETING
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("status: held", "status: helld", 1), encoding="utf-8")
    broken = validate(project)
    assert any(d.path == MEETING and "helld" in d.message for d in broken.diagnostics)
    meeting.write_text(text, encoding="utf-8")
    assert validate(project).diagnostics == []


def _inline_page(value: str) -> str:
    """textsafe.inline as first written: one regex and one dict lookup per character."""
    text = re.sub(r"\s+", " ", value)
    text = "".join({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}.get(c, c) for c in text)
    return re.sub(r"([\\`*_\[\]{}()|])", r"\\\1", text)


def _inline_document(value: str) -> str:
    """documents.escape.inline as first written: three regular expressions."""
    text = re.sub(
        r"[ \t\r\n\f\v\x85\u2028\u2029]+", " ", re.sub(r"[\x00-\x08\x0e-\x1f\x7f]", " ", value)
    )
    return re.sub(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""", r"\\\1", text)


def test_fast_escaping_equals_the_plain_escaping_on_random_text() -> None:
    pieces = [*"ab Жё1 «»\\`*_[]{}()|&<>\"'#+.-!$%,/:;=?@^~\n\t\r\x0b\x0c\x00\x1c\x7f\x85\xa0\u2028\u3000", "&amp;", "\\\\"]  # fmt: skip
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        assert textsafe.inline(text) == _inline_page(text), repr(text)
        assert escape.inline(text) == _inline_document(text), repr(text)


def test_page_links_equal_posixpath_relpath() -> None:
    """Links between site paths, computed without the operating system, are the usual ones."""
    chooser = random.Random(5)
    names = ["associations", "mpo-tula", "2025-2026", "meetings", "index.md", "01.md"]
    for _ in range(20_000):
        target = "/".join(chooser.choice(names) for _ in range(chooser.randint(1, 5)))
        folder = "/".join(chooser.choice(names[:4]) for _ in range(chooser.randint(0, 4)))
        assert relative_link(target, folder) == posixpath.relpath(target, folder or ".")
