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
        (r"\_\_\_ № \_\_\_", f"\\_\\_\\_ №{NBSP}\\_\\_\\_"),  # a number to fill in
        ("| **№** | (№, дата) |", "| **№** | (№, дата) |"),  # nothing follows the sign
        ("удовлетворены 92,9 %, выросло на 5%", f"удовлетворены 92,9{NBSP}%, выросло на 5{NBSP}%"),
        ("Петров А. Н. и А. Н. Петров", f"Петров{NBSP}А.{NBSP}Н. и А.{NBSP}Н.{NBSP}Петров"),
        ("И.О. Сидорова-Ким", f"И.{NBSP}О.{NBSP}Сидорова-Ким"),
        ("«Центр «Ступени»» и «МБОУ «ЦО «Лидер»»»", "«Центр „Ступени“» и «МБОУ „ЦО „Лидер““»"),
        ("«не закрыта", "«не закрыта"),  # quotes that do not pair are left as typed
        ("`№ 3` в коде", "`№ 3` в коде"),
        ('<a id="x"></a> № 3', '<a id="x"></a> № 3'),  # raw HTML lines stay as they are
        # a date never parts at a line's end: day–month, month–year, year–«г.»
        ("до 20 ноября 2026 г.", f"до 20{NBSP}ноября{NBSP}2026{NBSP}г."),
        (
            "1–12 сентября 2025 г. и 2–3 апреля",
            f"1–12{NBSP}сентября{NBSP}2025{NBSP}г. и 2–3{NBSP}апреля",
        ),
        ("в сентябре 2026 г., Май 2026", f"в сентябре{NBSP}2026{NBSP}г., Май{NBSP}2026"),
        ("октябрь 2025", f"октябрь{NBSP}2025"),
        ("в 2024–2025 гг.", f"в 2024–2025{NBSP}гг."),
        ("5 марта", f"5{NBSP}марта"),
        ("5 магазинов, 2026 года, 12 мам", "5 магазинов, 2026 года, 12 мам"),  # no date here
        ("май 20255", "май 20255"),
    ],
)
def test_typeset(typed: str, set_: str) -> None:
    assert typeset(typed) == set_


@pytest.mark.parametrize(
    ("escaped", "set_"),
    [
        # documents escape every ASCII punctuation mark of record text: the rules see past it
        (r"Е\. П\. Волкова", f"Е\\.{NBSP}П\\.{NBSP}Волкова"),
        (r"Сидорова\-Ким И\.", f"Сидорова\\-Ким{NBSP}И\\."),
        (r"выросла до 75 \%", f"выросла до 75{NBSP}\\%"),
        (r"11 декабря 2025 г\.", f"11{NBSP}декабря{NBSP}2025{NBSP}г\\."),
    ],
)
def test_typeset_sees_through_markdown_escapes(escaped: str, set_: str) -> None:
    assert typeset(escaped) == set_


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


def test_sample_pages_keep_dates_together(pages: dict[str, str]) -> None:
    prose = _prose({p: c for p, c in pages.items() if p.endswith(".md")})
    assert f"{NBSP}г." in prose
    assert re.search(r"\d{1,2} (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|"
                     r"октября|ноября|декабря)\b", prose) is None  # fmt: skip
    assert re.search(r"\b\d{4} гг?\.", prose) is None


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
