"""Page layout that Markdown cannot say, applied to the converted DOCX or ODT.

pandoc writes the text and the styles; this stage adds the rules a clerk needs before
signing, in plain features of the formats that Word and LibreOffice both honour:

- no table row is split across pages (DOCX `w:cantSplit`, ODT `fo:keep-together`);
- the header row of a data table repeats on every page (pandoc marks it already), centred;
- the columns get the widths `widths.py` chose, in real units of the page's text width;
- rows of a register («Register» table style) are at least 8 mm high, room to sign, and
  the names and posts in it are never hyphenated;
- a signature block («Signatures» table style) follows an empty line and is kept on one
  page together with the paragraph (or the last table row) before it — never alone on the
  last page;
- wide registers (the journal, the control sheet) are printed on landscape pages;
- a document never ends with a table (a 1-point paragraph follows it), so no blank page.

The edits are made on pandoc's own, regular output as text: each is a small, anchored
substitution, and a document pandoc wrote differently is left as it is rather than broken.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from generator.documents.pandoc import Format

A4_MM = (210, 297)
MARGINS_MM = (30, 10)  # left, right: the reference documents' page
REGISTER_ROW_MM = 8


@dataclass(frozen=True, slots=True)
class Page:
    """The page a document is printed on."""

    landscape: bool = False

    @property
    def text_width_mm(self) -> float:
        width = A4_MM[1] if self.landscape else A4_MM[0]
        return width - sum(MARGINS_MM)


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def finish(data: bytes, fmt: Format, page: Page) -> bytes:
    """The converted document with the page layout rules applied."""
    edits: dict[str, Callable[[str], str]]
    if fmt == "docx":
        edits = {"word/document.xml": lambda xml: _docx_document(xml, page)}
    else:
        edits = {"content.xml": _odt_content}
        if page.landscape:
            edits["styles.xml"] = _odt_landscape
    return _rezip(data, edits)


def _rezip(data: bytes, edits: dict[str, Callable[[str], str]]) -> bytes:
    """The same archive, entry by entry (names, order, dates kept), with some parts edited."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in edits:
                content = edits[info.filename](content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


# --- DOCX --------------------------------------------------------------------------------

_TABLE = re.compile(r"<w:tbl>.*?</w:tbl>", re.S)
_STYLE = re.compile(r'<w:tblStyle w:val="(\w+)"')
_GRID = re.compile(r"<w:tblGrid>(.*?)</w:tblGrid>", re.S)
_GRID_COL = re.compile(r'<w:gridCol w:w="(\d+)"\s*/>')
_ROW = re.compile(r"<w:tr>(<w:trPr>(.*?)</w:trPr>)?", re.S)
_PARAGRAPH_START = re.compile(r"<w:p>|<w:p ")
_PAGE_SIZE = re.compile(r"<w:pgSz [^>]*/>")
# An empty line before a signature block (kept with it: the style keeps with next).
_DOCX_GAP = '<w:p><w:pPr><w:pStyle w:val="SignatureGap"/></w:pPr></w:p>'
_ODT_GAP = '<text:p text:style-name="SignatureGap"/>'
# A document ending with a table gets a 1-point paragraph after it (word processors add
# a full-size one, which can spill onto a blank last page).
_DOCX_ENDS_WITH_TABLE = re.compile(r"(</w:tbl>\s*)(<w:sectPr[ >])")
_DOCX_END = '<w:p><w:pPr><w:pStyle w:val="DocumentEnd"/></w:pPr></w:p>'
_ODT_ENDS_WITH_TABLE = re.compile(r"(</table:table>\s*)(</office:text>)")
_ODT_END = '<text:p text:style-name="DocumentEnd"/>'


def _docx_document(xml: str, page: Page) -> str:
    tables = list(_TABLE.finditer(xml))
    out: list[str] = []
    last = 0
    for match in tables:
        before = xml[last : match.start()]
        table = _docx_table(match.group(), page)
        if _docx_style(table) == "Signatures":
            before = _keep_last_block_with_next(out, before) + _DOCX_GAP
            table = _docx_keep_rows_together(table)
        out += [before, table]
        last = match.end()
    out.append(xml[last:])
    body = _DOCX_ENDS_WITH_TABLE.sub(r"\1" + _DOCX_END + r"\2", "".join(out), count=1)
    if page.landscape:
        long, short = twips(A4_MM[1]), twips(A4_MM[0])
        body = _PAGE_SIZE.sub(f'<w:pgSz w:w="{long}" w:h="{short}" w:orient="landscape"/>', body)
    return body


def _docx_style(table: str) -> str | None:
    style = _STYLE.search(table)
    return style.group(1) if style else None


def _docx_table(table: str, page: Page) -> str:
    """Real column widths, rows that never split, tall rows for a register."""
    table = _GRID.sub(lambda m: _docx_grid(m.group(1), page), table, count=1)
    tall = _docx_style(table) == "Register"
    if tall:  # names and posts are never hyphenated
        table = table.replace(
            '<w:pStyle w:val="Compact" />', '<w:pStyle w:val="Compact" /><w:suppressAutoHyphens/>'
        )

    def row(match: re.Match[str]) -> str:
        properties = match.group(2) or ""
        header = "<w:tblHeader" in properties
        properties += "<w:cantSplit/>"
        if tall and not header:
            properties += f'<w:trHeight w:val="{twips(REGISTER_ROW_MM)}" w:hRule="atLeast"/>'
        return f"<w:tr><w:trPr>{properties}</w:trPr>"

    rows = _ROW.sub(row, table).split("<w:tr>")
    for index, text in enumerate(rows):
        if "<w:tblHeader" in text:
            # Header cells centred, as in the ODT and the reference's table style (pandoc's
            # cell paragraphs carry a left-aligned style that would override it).
            rows[index] = text.replace("</w:pPr>", '<w:jc w:val="center"/></w:pPr>')
    return "<w:tr>".join(rows)


def _docx_grid(grid: str, page: Page) -> str:
    """The grid columns scaled from pandoc's nominal widths to the page's text width."""
    widths = [int(w) for w in _GRID_COL.findall(grid)]
    total, text = sum(widths) or 1, twips(page.text_width_mm)
    scaled = [round(width * text / total) for width in widths]
    if scaled:
        scaled[-1] += text - sum(scaled)
    columns = "".join(f'<w:gridCol w:w="{width}"/>' for width in scaled)
    return f"<w:tblGrid>{columns}</w:tblGrid>"


def _keep_last_block_with_next(out: list[str], before: str) -> str:
    """Mark the block just before a table to keep with it: its last paragraph, or when the
    block is a table itself (a register before its secretary's signature) its last row."""
    if before.strip() == "" and out and out[-1].startswith("<w:tbl>"):
        out[-1] = _keep_last_row_with_next(out[-1])
        return before
    starts = list(_PARAGRAPH_START.finditer(before))
    if not starts:
        return before
    start = starts[-1].start()
    return before[:start] + _keep_paragraph(before[start:])


def _keep_paragraph(paragraph: str) -> str:
    """A `<w:p>` with keep-with-next added in its properties (in the schema's order)."""
    if "<w:keepNext" in paragraph:
        return paragraph
    style = re.match(r"(<w:p[^>]*>\s*<w:pPr>\s*(?:<w:pStyle [^>]*/>)?)", paragraph)
    if style:
        return paragraph[: style.end()] + "<w:keepNext/>" + paragraph[style.end() :]
    opening = re.match(r"<w:p[^>]*>", paragraph)
    assert opening is not None  # the text starts at a paragraph's opening tag
    return paragraph[: opening.end()] + "<w:pPr><w:keepNext/></w:pPr>" + paragraph[opening.end() :]


def _docx_keep_rows_together(table: str) -> str:
    """Every row of a signature table but the last keeps with the next one."""
    rows = table.split("<w:tr>")
    for index in range(1, len(rows) - 1):
        rows[index] = _keep_all_paragraphs(rows[index])
    return "<w:tr>".join(rows)


def _keep_last_row_with_next(table: str) -> str:
    head, _, last = table.rpartition("<w:tr>")
    return f"{head}<w:tr>{_keep_all_paragraphs(last)}"


def _keep_all_paragraphs(xml: str) -> str:
    parts = re.split(r"(?=<w:p>|<w:p )", xml)
    return "".join(_keep_paragraph(part) if part.startswith("<w:p") else part for part in parts)


# --- ODT ---------------------------------------------------------------------------------

_ODT_SIGNATURES = re.compile(r'<table:table table:name="Signatures\d+"')
_ODT_PARAGRAPH = re.compile(r'<text:(p|h) text:style-name="([^"]+)"')
_ODT_TABLE_NAME = re.compile(r'<table:table table:name="(\w+)"')
_ODT_AUTOMATIC_END = "</office:automatic-styles>"


def _odt_content(xml: str) -> str:
    """Keep each signature table with the paragraph before it (pandoc's paragraphs are
    styled by name; a keeping variant of that style is added as an automatic style)."""
    kept: dict[str, str] = {}
    tables: list[str] = []  # tables kept with the signatures that follow them
    out: list[str] = []
    last = 0
    for match in _ODT_SIGNATURES.finditer(xml):
        before = xml[last : match.start()]
        out += [_odt_keep_last(before, kept, tables), _ODT_GAP]
        last = match.start()
    out.append(xml[last:])
    body = "".join(out)
    for name in tables:
        body = body.replace(
            f'<style:style style:name="{name}" style:family="table"><style:table-properties ',
            f'<style:style style:name="{name}" style:family="table"><style:table-properties '
            'fo:keep-with-next="always" ',
            1,
        )
    body = _ODT_ENDS_WITH_TABLE.sub(r"\1" + _ODT_END + r"\2", body, count=1)
    styles = "".join(_odt_keeping_style(body, style, keep) for style, keep in kept.items())
    return body.replace(_ODT_AUTOMATIC_END, styles + _ODT_AUTOMATIC_END, 1)


def _odt_keeping_style(content: str, style: str, keep: str) -> str:
    """A paragraph style like `style` that keeps with the next block. A named style becomes
    its parent; an automatic one (pandoc's P1…, which cannot be a parent) is copied."""
    automatic = re.search(
        rf'<style:style style:name="{re.escape(style)}" style:family="paragraph"(.*?)</style:style>',
        content,
        re.S,
    )
    if automatic is None:
        return (
            f'<style:style style:name="{keep}" style:family="paragraph" '
            f'style:parent-style-name="{style}"><style:paragraph-properties '
            'fo:keep-with-next="always"/></style:style>'
        )
    inner = automatic.group(1)
    if "<style:paragraph-properties" in inner:
        inner = inner.replace(
            "<style:paragraph-properties",
            '<style:paragraph-properties fo:keep-with-next="always"',
            1,
        )
    else:
        inner = inner.replace(">", '><style:paragraph-properties fo:keep-with-next="always"/>', 1)
    return f'<style:style style:name="{keep}" style:family="paragraph"{inner}</style:style>'


def _odt_keep_last(before: str, kept: dict[str, str], tables: list[str]) -> str:
    """The text before a signature table with its last block marked to keep with it."""
    if before.rstrip().endswith("</table:table>"):
        names = _ODT_TABLE_NAME.findall(before)
        tables += names[-1:]
        return before
    paragraphs = list(_ODT_PARAGRAPH.finditer(before))
    if not paragraphs:
        return before
    last = paragraphs[-1]
    keep = kept.setdefault(last.group(2), f"KeepWithNext{len(kept) + 1}")
    return f'{before[: last.start()]}<text:{last.group(1)} text:style-name="{keep}"{before[last.end() :]}'


def _odt_landscape(xml: str) -> str:
    """The standard page turned to landscape (the same margins on the landscape page)."""
    width, height = A4_MM
    xml = xml.replace(f'fo:page-width="{width}mm"', f'fo:page-width="{height}mm"', 1)
    xml = xml.replace(f'fo:page-height="{height}mm"', f'fo:page-height="{width}mm"', 1)
    return xml.replace(
        'style:print-orientation="portrait"', 'style:print-orientation="landscape"', 1
    )
