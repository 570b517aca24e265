"""A built MkDocs site read as its reader sees it: each page's article as blocks of text,
its code, its table headers, and every link of the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from .conftest import untypeset


@dataclass
class Page:
    """A built page's article as a reader sees it."""

    path: str
    blocks: list[str] = field(default_factory=list)  # visible text, one entry per block
    prose: list[str] = field(default_factory=list)  # the same without the text of <code>
    code: list[str] = field(default_factory=list)  # text of <code> elements
    headers: list[str] = field(default_factory=list)  # table header cells
    links: list[str] = field(default_factory=list)  # every href of the whole page
    html: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.blocks)


# Elements whose text a reader sees as a block of its own.
BLOCKS = frozenset(
    ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dt", "dd", "summary",
     "div", "tr", "br", "table", "blockquote")
)  # fmt: skip


class _Reader(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.depth = 0  # inside <article>
        self.hidden = 0  # inside <script>, <style> or a heading's permalink
        self.current: list[str] = []
        self.prose: list[str] = []
        self.code: list[str] | None = None
        self.header: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.page.links.append(attributes["href"] or "")
        if tag == "article":
            self.depth += 1
        if tag in ("script", "style") or "headerlink" in (attributes.get("class") or ""):
            self.hidden += 1
        if tag in BLOCKS:
            self._flush()
        if tag == "code":
            self.code = []
        if tag == "th":
            self.header = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") or (tag == "a" and self.hidden and self.depth):
            self.hidden = max(0, self.hidden - 1)
        if tag == "code" and self.code is not None:
            self.page.code.append("".join(self.code))
            self.code = None
        if tag == "th" and self.header is not None:
            self.page.headers.append("".join(self.header).strip())
            self.header = None
        if tag in BLOCKS:
            self._flush()
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth or self.hidden:
            return
        self.current.append(data)
        if self.code is None:
            self.prose.append(data)
        for collected in (self.code, self.header):
            if collected is not None:
                collected.append(data)

    def _flush(self) -> None:
        for parts, blocks in ((self.current, self.page.blocks), (self.prose, self.page.prose)):
            text = "".join(parts).strip()
            if text:
                blocks.append(text)
            parts.clear()


def read_site(site: Path) -> dict[str, Page]:
    """Every HTML page of a built site by its path in the site."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        page = Page(relative, html=path.read_text(encoding="utf-8"))
        reader = _Reader(page)
        reader.feed(untypeset(page.html))  # the words; typography: tests/test_typography.py
        reader.close()
        pages[relative] = page
    return pages
