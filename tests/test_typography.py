"""Russian typography on every page and in documents: non-breaking spaces, „inner“ quotes,
a decimal comma, and sentences that continue after a colon or dash from a small letter."""

from __future__ import annotations

import re

import pytest

from generator.loading.project import load_project
from generator.rendering.publication import publishing_from
from generator.rendering.site import render_site
from generator.russian import continued, ru_number, typeset

from .conftest import REPO

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "set_"),
    [
        ("Протокол № 3", f"Протокол №{NBSP}3"),
        ("МБОУ «СШ №117»", f"МБОУ «СШ №{NBSP}117»"),
        ("удовлетворены 92,9 %, выросло на 5%", f"удовлетворены 92,9{NBSP}%, выросло на 5{NBSP}%"),
        ("Петров А. Н. и А. Н. Петров", f"Петров{NBSP}А.{NBSP}Н. и А.{NBSP}Н.{NBSP}Петров"),
        ("И.О. Сидорова-Ким", f"И.{NBSP}О.{NBSP}Сидорова-Ким"),
        ("«Центр «Ступени»» и «МБОУ «ЦО «Лидер»»»", "«Центр „Ступени“» и «МБОУ „ЦО „Лидер““»"),
        ("«не закрыта", "«не закрыта"),  # quotes that do not pair are left as typed
        ("`№ 3` в коде", "`№ 3` в коде"),
        ('<a id="x"></a> № 3', '<a id="x"></a> № 3'),  # raw HTML lines stay as they are
    ],
)
def test_typeset(typed: str, set_: str) -> None:
    assert typeset(typed) == set_


@pytest.mark.parametrize(
    ("text", "after_colon"),
    [
        ("Поддержал кандидатуру.", "поддержал кандидатуру."),
        ("План утверждён 10.09.2025.", "план утверждён 10.09.2025."),
        ("Скорректированные программы представлены.", "скорректированные программы представлены."),
        ("МБОУ «ЦО № 2» представило план.", "МБОУ «ЦО № 2» представило план."),
        ("ВПР проведены.", "ВПР проведены."),
        ("Тула приняла участие.", "Тула приняла участие."),
        ("Иванова М. А. сообщила.", "Иванова М. А. сообщила."),
        ("Петрова рассказала.", "Петрова рассказала."),
        ("«Кейс» разобран.", "«Кейс» разобран."),
        ("С сентября опубликовано 8 материалов.", "с сентября опубликовано 8 материалов."),
        ("В школах введён журнал.", "в школах введён журнал."),
        ("", ""),
    ],
)
def test_a_sentence_continues_from_a_small_letter_but_names_keep_their_capital(
    text: str, after_colon: str
) -> None:
    assert continued(text) == after_colon


def test_decimal_comma() -> None:
    assert (ru_number(92.857, 1), ru_number(87.5), ru_number(90.0)) == ("92,9", "87,5", "90")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    project, _ = load_project(REPO)
    return render_site(project, publishing_from("internal", "2026-11-20"))


def _prose(pages: dict[str, str]) -> str:
    """The pages' Markdown without raw HTML lines and code spans."""
    lines = (line for page in pages.values() for line in page.splitlines())
    return "\n".join(re.sub(r"`[^`]*`", "", line) for line in lines if not line.startswith("<"))


def test_sample_pages_keep_sign_and_number_initials_and_percent_together(
    pages: dict[str, str],
) -> None:
    prose = _prose({p: c for p, c in pages.items() if p.endswith(".md")})
    assert f"№{NBSP}" in prose and re.search(r"№ \d", prose) is None
    assert re.search(r"\d %", prose) is None and f"{NBSP}%" in prose
    assert re.search(r"[А-ЯЁ]\. [А-ЯЁ]\.", prose) is None
    assert re.search(r"[А-ЯЁ][а-яё]+ [А-ЯЁ]\.", prose) is None


def test_sample_pages_nest_quotes_the_russian_way(pages: dict[str, str]) -> None:
    prose = _prose({p: c for p, c in pages.items() if p.endswith(".md")})
    assert "„" in prose  # «… „…“ …» where an organization's name is quoted inside
    assert re.search(r"«[^»\n]*«", prose) is None


def test_statements_continue_after_the_speaker_from_a_small_letter(
    pages: dict[str, str],
) -> None:
    statements = re.findall(r"^- [^\n]*?»: (\w+)", _prose(pages), flags=re.MULTILINE)
    assert statements  # «Петров А. Н., директор, МБОУ „ЦО № 2“: поддержал…»
    assert all(word[0].islower() or word.isupper() for word in statements), statements
