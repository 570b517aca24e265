"""Record text can never become HTML, script or a link on a page."""

from __future__ import annotations

import re

import markdown
import pytest

from generator.rendering.context import environment
from generator.rendering.textsafe import body_html, external_url, paragraphs

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[нажмите](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "<a href='javascript:alert(1)'>x</a>",
    "`code` **bold** {: onclick=alert(1) }",
    "| a | b |",
]


def _page(template: str, **data: object) -> str:
    """What a reader gets: the template's Markdown rendered as MkDocs would render it."""
    text = environment().from_string(template).render(**data)
    return markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"])


@pytest.mark.parametrize("value", HOSTILE)
def test_record_text_in_a_page_stays_text(value: str) -> None:
    html = _page("# {{ v }}\n\n| A |\n|---|\n| {{ v }} |\n\n- {{ v }}\n\n{{ v | para }}\n", v=value)
    tags = re.findall(r"<([a-z0-9]+)([^>]*)>", html)
    assert {name for name, _ in tags} <= {
        "h1",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "p",
    }
    assert all(attributes.strip() in ("", 'id="a"') for _, attributes in tags), tags
    # the text itself is still readable, e.g. the hostile link shows as written
    assert "javascript:alert(1)" not in value or "javascript:alert(1)" in html


def test_harmless_signs_show_as_written() -> None:
    html = _page("{{ v }}", v="5 < 7 & 8 > 3, «кавычки» и 28.08.2025")
    assert "5 &lt; 7 &amp; 8 &gt; 3, «кавычки» и 28.08.2025" in html


def test_paragraphs_do_not_become_headings_or_lists() -> None:
    html = markdown.markdown(paragraphs("# не заголовок\n\n1. не список\n\n- и это"))
    assert "<h1>" not in html and "<ol>" not in html and "<ul>" not in html
    assert "# не заголовок" in html and "1. не список" in html


def test_markdown_body_keeps_formatting_and_drops_script() -> None:
    html = str(
        body_html(
            "## Суть\n\n**Важно**: [сайт](https://example.org) и "
            "[плохая](javascript:alert(1)) <script>alert(1)</script>"
            '<iframe src="https://evil.example"></iframe>\n\n- пункт'
        )
    )
    assert "<strong>Важно</strong>" in html and "<li>пункт</li>" in html
    assert 'href="https://example.org"' in html
    assert "<script" not in html and "<iframe" not in html and "javascript:" not in html
    assert "<h3>Суть</h3>" in html  # demoted below the page title


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://vk.com/wall-1_2", "https://vk.com/wall-1_2"),
        ("https://example.org/a(b)", "https://example.org/a%28b%29"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("//evil.example", None),
    ],
)
def test_external_links_are_http_only_and_cannot_break_out(
    value: str, expected: str | None
) -> None:
    url = external_url(value)
    assert (str(url) if url is not None else None) == expected
