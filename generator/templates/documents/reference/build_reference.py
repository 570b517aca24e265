"""Build reference.docx and reference.odt: the page and styles of every exported document.

Run from the project root after changing a style below, and commit both files
(`--check` only reports whether the committed files are up to date; a test runs it):

    .venv/bin/python generator/templates/documents/reference/build_reference.py

Both start from pandoc's own default reference files (`--print-default-data-file`), so every
part pandoc expects is there, and get our styles, written from the one table STYLES:

- A4, portrait; margins 30 mm left (room to bind, as for documents kept permanently),
  10 mm right, 20 mm top and bottom — within ГОСТ Р 7.0.97 (not less than 20/10/20/20 mm);
- Times New Roman 14 pt, single line spacing, body paragraphs justified with a 1.25 cm
  first-line indent; tables 12 pt (ГОСТ allows a smaller size in tables);
- page numbers centred in the top margin, 10 mm from the edge, from page 2: the first page
  has a header of its own, left empty (DOCX `w:titlePg`, ODT `style:header-first`);
- Russian hyphenation on for running text and table cells (DOCX `w:autoHyphenation`, ODT
  `fo:hyphenate`), off for centred and right-hand blocks (titles, addressee, grifs);
- only plain, standard features: named paragraph styles, grid table styles («Table», and
  «Register» whose rows `documents/layout.py` makes at least 8 mm high), borderless ones
  («Borderless» for requisites, «Signatures» for signature lines, which layout.py keeps on
  one page with the paragraph before them), a PAGE field.

Custom paragraph styles (pandoc `custom-style`): Organization, DocumentType, Centered,
RightBlock (УТВЕРЖДАЮ, addressee), DraftMark («ПРОЕКТ»), NoIndent, AppendixMark (a right
block that starts a new page: «Приложение № 1 к протоколу…»), OrgRequisites (the centre's
справочные данные under its name, 10 pt), Executor (the отметка об исполнителе, 10 pt),
SignatureGap (the empty line layout.py puts before a signature block, kept with it),
DocumentEnd (the 1-point paragraph layout.py ends a document with when it would end with a
table: a word processor needs a paragraph there, and a full-size one could spill onto a
blank last page).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pypandoc  # type: ignore[import-untyped]

HERE = Path(__file__).resolve().parent
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BODY_PT = 14
TABLE_PT = 12
INDENT_MM = 12.5
# Page: A4, margins in mm.
PAGE_MM = (210, 297)
LEFT_MM, RIGHT_MM, TOP_MM, BOTTOM_MM, HEADER_MM = 30, 10, 20, 20, 10


@dataclass(frozen=True)
class Style:
    """A paragraph style in both formats. Sizes in points, lengths in millimetres."""

    docx: str  # the name pandoc uses in DOCX, e.g. "Body Text"
    odt: str  # the ODF style:name, e.g. "Text_20_body"
    parent: str | None = "Normal"  # DOCX name of the parent
    align: str = "left"  # left | center | right | both
    first_line: float = 0
    left: float = 0
    before: float = 0
    after: float = 0
    size: float | None = None  # None: inherit 14 pt (tables: 12 pt)
    bold: bool = False
    italic: bool = False
    keep_next: bool = False
    outline: int = 0
    mono: bool = False
    page_break: bool = False  # starts a new page
    hyphenate: bool = True  # off for centred and right-hand blocks: titles, grifs, addressee


# fmt: off
STYLES = (
    Style("Normal", "Standard", None),
    Style("Body Text", "Text_20_body", align="both", first_line=INDENT_MM),
    Style("First Paragraph", "First_20_paragraph", "Body Text", align="both", first_line=INDENT_MM),
    Style("Compact", "List_20_Bullet_20_Tight"),
    Style("Title", "Title", align="center", bold=True, after=6, hyphenate=False),
    Style("Subtitle", "Subtitle", align="center", after=6, hyphenate=False),
    Style("Author", "Author", align="center"),
    Style("Date", "Date", align="center"),
    Style("Abstract", "Abstract", left=INDENT_MM),
    Style("heading 1", "Heading_20_1", align="center", before=12, after=6, bold=True, keep_next=True, outline=1, hyphenate=False),
    Style("heading 2", "Heading_20_2", first_line=INDENT_MM, before=12, after=6, bold=True, keep_next=True, outline=2),
    Style("heading 3", "Heading_20_3", first_line=INDENT_MM, before=6, after=3, bold=True, italic=True, keep_next=True, outline=3),
    Style("Block Text", "Quotations", left=INDENT_MM, after=6),
    Style("Footnote Text", "Footnote", size=10),
    Style("Table Caption", "TableCaption", before=6, after=3, size=TABLE_PT, keep_next=True),
    Style("Caption", "Caption", align="center", size=TABLE_PT),
    Style("Image Caption", "FigureCaption", align="center", size=TABLE_PT),
    Style("Figure", "Figure", align="center"),
    Style("Captioned Figure", "FigureWithCaption", align="center", keep_next=True),
    Style("Definition Term", "Definition_20_Term", bold=True, keep_next=True),
    Style("Definition", "Definition_20_Definition", left=INDENT_MM),
    Style("header", "Header", align="center", hyphenate=False),
    Style("Organization", "Organization", align="center", bold=True, hyphenate=False),
    Style("DocumentType", "DocumentType", align="center", bold=True, before=12, keep_next=True, hyphenate=False),
    Style("Centered", "Centered", align="center", hyphenate=False),
    Style("RightBlock", "RightBlock", left=95, hyphenate=False),
    Style("DraftMark", "DraftMark", align="right", bold=True, hyphenate=False),
    Style("NoIndent", "NoIndent", align="both"),
    Style("AppendixMark", "AppendixMark", left=95, after=12, page_break=True, hyphenate=False),
    Style("OrgRequisites", "OrgRequisites", align="center", size=10, hyphenate=False),
    Style("Executor", "Executor", before=36, size=10, hyphenate=False),
    Style("SignatureGap", "SignatureGap", keep_next=True, hyphenate=False),
    Style("DocumentEnd", "DocumentEnd", size=1, hyphenate=False),
)
# ODT only: pandoc's ODT writer names these itself (lists, table cells, code).
ODT_ONLY = (
    Style("", "List_20_Bullet", after=3),
    Style("", "List_20_Number", after=3),
    Style("", "List_20_Number_20_Tight"),
    Style("", "Definition_20_Term_20_Tight", bold=True),
    Style("", "Definition_20_Definition_20_Tight", left=INDENT_MM),
    Style("", "Table_20_Contents", size=TABLE_PT),
    Style("", "Table_20_Heading", "Table_20_Contents", align="center", bold=True),
    # Cells of the tables tables.lua writes: grid tables at 12 pt, borderless ones at 14 pt.
    Style("", "TableContents", size=TABLE_PT),
    Style("", "TableContentsRight", "TableContents", align="right"),
    Style("", "TableContentsCenter", "TableContents", align="center"),
    Style("", "TableHeading", "TableContents", align="center", bold=True),
    Style("", "RegisterContents", "TableContents", hyphenate=False),
    Style("", "BorderlessContents"),
    Style("", "BorderlessContentsRight", "BorderlessContents", align="right"),
    Style("", "BorderlessContentsCenter", "BorderlessContents", align="center"),
    Style("", "Preformatted_20_Text", size=TABLE_PT, mono=True),
    Style("", "Footnote_20_Symbol"),
    Style("", "Horizontal_20_Line", after=6),
)
# fmt: on


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def style_id(name: str) -> str:
    return name.title().replace(" ", "") if name.islower() else name.replace(" ", "")


# --- DOCX --------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
FONTS = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>'
MONO = '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>'
HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


def docx_paragraph_style(style: Style) -> str:
    ppr = []
    if style.keep_next:
        ppr.append("<w:keepNext/>")
    if style.page_break:
        ppr.append("<w:pageBreakBefore/>")
    if not style.hyphenate:
        ppr.append("<w:suppressAutoHyphens/>")
    if style.before or style.after:
        ppr.append(
            f'<w:spacing w:before="{round(style.before * 20)}" w:after="{round(style.after * 20)}"/>'
        )
    if style.first_line or style.left:
        ppr.append(f'<w:ind w:left="{twips(style.left)}" w:firstLine="{twips(style.first_line)}"/>')
    ppr.append(f'<w:jc w:val="{style.align}"/>')
    if style.outline:
        ppr.append(f'<w:outlineLvl w:val="{style.outline - 1}"/>')
    rpr = [MONO] if style.mono else []
    rpr += ["<w:b/><w:bCs/>"] if style.bold else []
    rpr += ["<w:i/><w:iCs/>"] if style.italic else []
    if style.size:
        rpr.append(
            f'<w:sz w:val="{round(style.size * 2)}"/><w:szCs w:val="{round(style.size * 2)}"/>'
        )
    default = ' w:default="1"' if style.parent is None else ""
    based = f'<w:basedOn w:val="{style_id(style.parent)}"/>' if style.parent else ""
    return (
        f'<w:style w:type="paragraph"{default} w:styleId="{style_id(style.docx)}">'
        f'<w:name w:val="{style.docx}"/>{based}<w:qFormat/>'
        f"<w:pPr>{''.join(ppr)}</w:pPr><w:rPr>{''.join(rpr)}</w:rPr></w:style>"
    )


def docx_table_style(style_name: str, borders: bool, default: bool) -> str:
    line = '"single" w:sz="4" w:space="0" w:color="000000"' if borders else '"nil"'
    sides = "".join(
        f"<w:{side} w:val={line}/>"
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margins = "".join(f'<w:{side} w:w="{twips(1.5)}" w:type="dxa"/>' for side in ("left", "right"))
    size = round((TABLE_PT if borders else BODY_PT) * 2)
    header = (
        '<w:tblStylePr w:type="firstRow"><w:pPr><w:jc w:val="center"/></w:pPr>'
        "<w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr>"
        if borders
        else ""
    )
    flag = ' w:default="1"' if default else ""
    return (
        f'<w:style w:type="table"{flag} w:styleId="{style_name}"><w:name w:val="{style_name}"/>'
        '<w:basedOn w:val="TableNormal"/><w:qFormat/>'
        f'<w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="left"/></w:pPr>'
        f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        f"<w:tblPr><w:tblBorders>{sides}</w:tblBorders>"
        f"<w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>{header}</w:style>"
    )


def docx_styles() -> str:
    character = (
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="character" w:customStyle="1" w:styleId="BodyTextChar">'
        '<w:name w:val="Body Text Char"/><w:basedOn w:val="DefaultParagraphFont"/></w:style>'
        '<w:style w:type="character" w:customStyle="1" w:styleId="VerbatimChar">'
        f'<w:name w:val="Verbatim Char"/><w:basedOn w:val="DefaultParagraphFont"/><w:rPr>{MONO}</w:rPr></w:style>'
        '<w:style w:type="character" w:customStyle="1" w:styleId="SectionNumber">'
        '<w:name w:val="Section Number"/><w:basedOn w:val="DefaultParagraphFont"/></w:style>'
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="Footnote Reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:u w:val="single"/></w:rPr></w:style>'
        '<w:style w:type="table" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    )
    defaults = (
        f'<w:docDefaults><w:rPrDefault><w:rPr>{FONTS}<w:sz w:val="{BODY_PT * 2}"/>'
        f'<w:szCs w:val="{BODY_PT * 2}"/><w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    paragraphs = "".join(docx_paragraph_style(s) for s in STYLES)
    tables = "".join(
        docx_table_style(name, borders, name == "Table")
        for name, borders in (
            ("Table", True), ("Register", True), ("Borderless", False), ("Signatures", False)
        )
    )  # fmt: skip
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {W} {R}>'
        f"{defaults}{paragraphs}{character}{tables}</w:styles>"
    )


def docx_header(page_number: bool) -> str:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        if page_number
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {W} {R}>'
        f'<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>{field}</w:p></w:hdr>'
    )


def docx_document() -> str:
    width, height = (twips(v) for v in PAGE_MM)
    margins = (
        f'w:top="{twips(TOP_MM)}" w:right="{twips(RIGHT_MM)}" w:bottom="{twips(BOTTOM_MM)}" '
        f'w:left="{twips(LEFT_MM)}" w:header="{twips(HEADER_MM)}" w:footer="{twips(HEADER_MM)}" w:gutter="0"'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W} {R}><w:body>'
        '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>Образец оформления.</w:t></w:r></w:p>'
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        f'<w:pgSz w:w="{width}" w:h="{height}"/><w:pgMar {margins}/>'
        '<w:cols w:space="708"/><w:titlePg/></w:sectPr></w:body></w:document>'
    )


def docx_parts(parts: dict[str, bytes]) -> dict[str, bytes]:
    """pandoc's default reference.docx with our styles, page and headers."""
    rels = parts["word/_rels/document.xml.rels"].decode()
    headers = "".join(
        f'<Relationship Id="{rid}" Type="{HEADER_REL}" Target="{target}"/>'
        for rid, target in (("rIdHeaderDefault", "header1.xml"), ("rIdHeaderFirst", "header2.xml"))
    )
    types = parts["[Content_Types].xml"].decode()
    overrides = "".join(
        f'<Override PartName="/word/{name}" ContentType="{HEADER_TYPE}"/>'
        for name in ("header1.xml", "header2.xml")
    )
    settings = parts["word/settings.xml"].decode().replace('w:val="en-US"', 'w:val="ru-RU"')
    # Russian hyphenation for the whole document, at most two hyphenated lines in a row
    # (WordprocessingML wants these right after defaultTabStop).
    settings = re.sub(
        r"(<w:defaultTabStop [^>]*>)",
        r'\1<w:autoHyphenation/><w:consecutiveHyphenLimit w:val="2"/>',
        settings,
    )
    return {
        **parts,
        "[Content_Types].xml": types.replace("</Types>", overrides + "</Types>").encode(),
        "word/_rels/document.xml.rels": rels.replace(
            "</Relationships>", headers + "</Relationships>"
        ).encode(),
        "word/styles.xml": docx_styles().encode(),
        "word/document.xml": docx_document().encode(),
        "word/header1.xml": docx_header(True).encode(),
        "word/header2.xml": docx_header(False).encode(),
        "word/settings.xml": settings.encode(),
    }


# --- ODT ---------------------------------------------------------------------------------

ODF_NS = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in (
        ("office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"),
        ("style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
        ("text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"),
        ("table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"),
        ("fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
        ("svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"),
    )
)
TEXT_STYLES = (
    ("Emphasis", 'fo:font-style="italic"'),
    ("Strong_20_Emphasis", 'fo:font-weight="bold"'),
    ("Strikeout", 'style:text-line-through-style="solid"'),
    ("Superscript", 'style:text-position="super 58%"'),
    ("Subscript", 'style:text-position="sub 58%"'),
    ("Source_20_Text", 'style:font-name="Courier New"'),
    ("Internet_20_link", 'style:text-underline-style="solid"'),
    ("Footnote_20_anchor", 'style:text-position="super 58%"'),
    ("Highlighted", 'fo:background-color="#ffff00"'),
    ("Definition", ""),
    ("Numbering_20_Symbols", ""),
    ("Bullet_20_Symbols", ""),
)


def display(name: str) -> str:
    return name.replace("_20_", " ")


def odt_paragraph_style(style: Style, parents: dict[str, str]) -> str:
    props = [f'fo:text-align="{"justify" if style.align == "both" else style.align}"']
    props.append(f'fo:margin-top="{style.before}pt" fo:margin-bottom="{style.after}pt"')
    props.append(f'fo:margin-left="{style.left}mm" fo:text-indent="{style.first_line}mm"')
    if style.keep_next:
        props.append('fo:keep-with-next="always"')
    if style.page_break:
        props.append('fo:break-before="page"')
    text = [] if style.hyphenate else ['fo:hyphenate="false"']
    if style.size:
        text.append(f'fo:font-size="{style.size}pt" style:font-size-complex="{style.size}pt"')
    if style.bold:
        text.append('fo:font-weight="bold" style:font-weight-complex="bold"')
    if style.italic:
        text.append('fo:font-style="italic" style:font-style-complex="italic"')
    if style.mono:
        text.append('style:font-name="Courier New"')
    parent = parents.get(style.parent or "", style.parent or "")
    attrs = f' style:parent-style-name="{parent}"' if parent else ""
    if style.outline:
        attrs += f' style:default-outline-level="{style.outline}"'
    return (
        f'<style:style style:name="{style.odt}" style:display-name={quoteattr(display(style.odt))} '
        f'style:family="paragraph"{attrs}><style:paragraph-properties {" ".join(props)}/>'
        f"<style:text-properties {' '.join(text)}/></style:style>"
    )


def odt_list_style(name: str, numbered: bool) -> str:
    levels = []
    for level in range(1, 11):
        kind = "number" if numbered else "bullet"
        label = 'style:num-suffix="." style:num-format="1"' if numbered else 'text:bullet-char="–"'
        symbols = "Numbering_20_Symbols" if numbered else "Bullet_20_Symbols"
        levels.append(
            f'<text:list-level-style-{kind} text:level="{level}" text:style-name="{symbols}" {label}>'
            '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            f'<style:list-level-label-alignment text:label-followed-by="listtab" '
            f'text:list-tab-stop-position="{INDENT_MM + 7 * level}mm" fo:text-indent="-7mm" '
            f'fo:margin-left="{INDENT_MM + 7 * level}mm"/></style:list-level-properties>'
            f"</text:list-level-style-{kind}>"
        )
    return f'<text:list-style style:name="{name}">{"".join(levels)}</text:list-style>'


def odt_styles() -> str:
    parents = {s.docx: s.odt for s in STYLES if s.docx}
    paragraphs = "".join(odt_paragraph_style(s, parents) for s in (*STYLES, *ODT_ONLY))
    texts = "".join(
        f'<style:style style:name="{name}" style:display-name={quoteattr(display(name))} '
        f'style:family="text"><style:text-properties {props}/></style:style>'
        for name, props in TEXT_STYLES
    )
    lists = odt_list_style("List_20_1", False) + odt_list_style("Numbering_20_1", True)
    width, height = PAGE_MM
    header_gap = TOP_MM - HEADER_MM
    page = (
        '<style:page-layout style:name="Mpm1"><style:page-layout-properties '
        f'fo:page-width="{width}mm" fo:page-height="{height}mm" style:num-format="1" '
        f'style:print-orientation="portrait" fo:margin-top="{HEADER_MM}mm" '
        f'fo:margin-bottom="{BOTTOM_MM}mm" fo:margin-left="{LEFT_MM}mm" '
        f'fo:margin-right="{RIGHT_MM}mm" style:writing-mode="lr-tb"/>'
        '<style:header-style><style:header-footer-properties fo:min-height="0mm" '
        f'fo:margin-bottom="{header_gap / 2}mm" style:dynamic-spacing="false"/>'
        "</style:header-style></style:page-layout>"
    )
    number = '<text:page-number text:select-page="current">2</text:page-number>'
    masters = (
        '<style:master-page style:name="Standard" style:page-layout-name="Mpm1">'
        f'<style:header><text:p text:style-name="Header">{number}</text:p></style:header>'
        '<style:header-first><text:p text:style-name="Header"/></style:header-first>'
        "</style:master-page>"
    )
    defaults = (
        '<style:default-style style:family="paragraph"><style:paragraph-properties '
        'fo:orphans="2" fo:widows="2" style:writing-mode="page"/><style:text-properties '
        f'style:font-name="Times New Roman" fo:font-size="{BODY_PT}pt" fo:language="ru" '
        'fo:country="RU" style:font-name-complex="Times New Roman" '
        f'style:font-size-complex="{BODY_PT}pt" fo:hyphenate="true" '
        'fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/>'
        "</style:default-style>"
        '<style:default-style style:family="table"><style:table-properties '
        'table:border-model="collapsing"/></style:default-style>'
    )
    fonts = (
        '<office:font-face-decls><style:font-face style:name="Times New Roman" '
        'svg:font-family="\'Times New Roman\'" style:font-family-generic="roman" '
        'style:font-pitch="variable"/><style:font-face style:name="Courier New" '
        'svg:font-family="\'Courier New\'" style:font-family-generic="modern" '
        'style:font-pitch="fixed"/></office:font-face-decls>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODF_NS} '
        f'office:version="1.3">{fonts}<office:styles>{defaults}{paragraphs}{texts}{lists}'
        f"</office:styles><office:automatic-styles>{page}</office:automatic-styles>"
        f"<office:master-styles>{masters}</office:master-styles></office:document-styles>"
    )


# --- files -------------------------------------------------------------------------------


def default_reference(name: str) -> dict[str, bytes]:
    """pandoc's default reference document, part by part, in archive order."""
    binary = str(pypandoc.get_pandoc_path())
    command = [binary, "--sandbox", "--print-default-data-file", name]
    data = subprocess.run(command, capture_output=True, check=True).stdout
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {item.filename: archive.read(item) for item in archive.infolist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    """A zip with fixed timestamps (the same styles give the same bytes); mimetype first."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(parts, key=lambda name: name != "mimetype"):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, parts[name])
    return buffer.getvalue()


def build() -> dict[Path, bytes]:
    """Both reference documents, by the path they are committed at."""
    odt = default_reference("reference.odt")
    return {
        HERE / "reference.docx": zipped(docx_parts(default_reference("reference.docx"))),
        HERE / "reference.odt": zipped({**odt, "styles.xml": odt_styles().encode()}),
    }


def main() -> None:
    """Write the files; with --check only say whether the committed ones are up to date."""
    built = build()
    stale = [path.name for path, data in built.items() if path.read_bytes() != data]
    if "--check" in sys.argv:
        print("Устарели: " + ", ".join(stale) if stale else "Образцы оформления актуальны.")
        raise SystemExit(1 if stale else 0)
    for path, data in built.items():
        path.write_bytes(data)
    print("Записаны: " + ", ".join(path.name for path in built))


if __name__ == "__main__":
    main()
