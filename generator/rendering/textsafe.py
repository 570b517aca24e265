"""Record text made inert in pages: no HTML, script or Markdown from a record reaches a page.

Every value a template prints goes through `inline` (the jinja environment's `finalize`),
unless the page code marked it trusted with `Markup`: links it built itself, and Markdown
bodies that `body_html` has rendered and cleaned with an allow-list (nh3). The calendar feed
takes record text through `plain_line`. The theme prints page titles as text too
(`overrides/main.html`): MkDocs takes a title from the page's heading, where `inline` left
`&lt;` for a «<», and Material's `striptags` would turn it back into a «<».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

import markdown
import nh3
from markupsafe import Markup

# Characters that would start Markdown syntax (links, emphasis, code, tables, attribute
# lists) anywhere in a line; HTML's own are replaced by entities.
_MARKDOWN_SPECIAL = "\\`*_[]{}()|"
_SPACES = re.compile(r"\s+")
# What starts a heading, list or quote when it opens a line.
_LINE_START = re.compile(r"^(\d*)([#+.)-])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# HTML's characters become entities, Markdown's get a backslash: «&» first and the backslash
# next, as the replacements of the others add these two and must not be escaped again.
# (A replace per character present is four times faster than str.translate on Cyrillic.)
_REPLACEMENTS = (*_HTML.items(), *((ch, "\\" + ch) for ch in _MARKDOWN_SPECIAL))
# Anything `inline` would change: white space other than one plain space, a character of
# HTML or Markdown. Most record text holds none of them and is printed as it is.
_CHANGES = re.compile(r"[^\S ]| \s|[" + re.escape(_MARKDOWN_SPECIAL + "".join(_HTML)) + "]")
# What would start a tag in a reader that takes plain text as HTML, and what stands in for it.
_MARKUP_LOOKALIKES = (("<", "\uff1c"), (">", "\uff1e"))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s",
    "ul", "ol", "li", "blockquote", "code", "pre", "a", "table", "thead", "tbody", "tr",
    "th", "td", "sup", "sub", "dl", "dt", "dd",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_URL_SCHEMES = {"http", "https", "mailto"}


def inline(value: object) -> str:
    """Text for one line of a Markdown page: shown exactly as written, never as markup."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = str(value)
    if _CHANGES.search(text) is None:
        return text
    text = _SPACES.sub(" ", text)  # one line; separators keep their spaces
    return replace_each(text, _REPLACEMENTS)


def plain_line(value: object) -> str:
    """Record text for a feed read as plain text: one line, no control characters, and no
    `<` or `>` — some calendars (Google Calendar among them) show an event's text as HTML and
    iCalendar has no way to escape it, so these two become their full-width forms, which read
    the same."""
    text = _CONTROL.sub(" ", str(value or ""))
    return replace_each(_SPACES.sub(" ", text).strip(), _MARKUP_LOOKALIKES)


def replace_each(text: str, replacements: Iterable[tuple[str, str]]) -> str:
    """Each character replaced in turn, only those present (faster than str.translate on
    Cyrillic text); the order matters where a replacement adds a character replaced earlier."""
    for char, replacement in replacements:
        if char in text:
            text = text.replace(char, replacement)
    return text


def paragraphs(value: object) -> Markup:
    """Multi-line text as Markdown paragraphs, each made inert like `inline`."""
    blocks = re.split(r"\n\s*\n", str(value or "").strip())
    made_inert = (_LINE_START.sub(r"\1\\\2", inline(block)) for block in blocks if block.strip())
    return Markup("\n\n".join(made_inert))


def body_html(source: str) -> Markup:
    """A record's Markdown body as clean HTML: raw HTML and unsafe links are removed."""
    rendered = markdown.markdown(source, extensions=["tables", "sane_lists"], output_format="html")
    cleaned = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # Demote headings so a body never competes with the page title.
    cleaned = re.sub(r"<(/?)h([2-5])>", lambda m: f"<{m[1]}h{int(m[2]) + 1}>", cleaned)
    return Markup(f'<div class="record-body" markdown="0">\n{cleaned}\n</div>')


def external_url(value: str | None) -> Markup | None:
    """An http(s) link from a record, percent-encoded so it cannot break out of `(…)`."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return Markup(quote(value, safe=":/?#@!$&'*+,;=%~-._"))
