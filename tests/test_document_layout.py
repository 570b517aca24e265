"""The page layout of exported documents, on documents made for the purpose: column widths
chosen from the cells, rows that never split, signatures kept with the text above them
wherever the page ends, landscape pages, tall register rows — in both formats.

The sample's own documents are checked on their rendered pages in
test_rendered_documents.py; here each rule is tried on the cases that break it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.documents.export import lay_out
from generator.documents.layout import Page, twips
from generator.documents.pandoc import FORMATS, Format
from generator.documents.widths import (
    BLANK_COLUMN_MM,
    MIN_COLUMN_MM,
    Cell,
    column_widths,
    size_tables,
    text_mm,
)

from .conftest import unavailable

PORTRAIT, LANDSCAPE = Page(), Page(landscape=True)


def cells(*texts: str) -> list[Cell]:
    return [Cell.parse(text) for text in texts]


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def separator_shares(markdown: str) -> list[list[int]]:
    """The dashes of every table separator line: the columns' shares in per mille."""
    return [
        [len(cell) for cell in line.strip("|").split("|")]
        for line in markdown.split("\n")
        if re.fullmatch(r"\|(:?-+:?\|)+", line)
    ]


REGISTER = """\
| **№** | **Фамилия, имя, отчество** | **Организация** | **Подпись** |
|---|---|---|---|
| 1 | Антонова Валентина Викторовна | МБОУ «ЦО №\u00a0112» | |
| 10 | Белова Елена Анатольевна | МКУ «ЦНППМ г.\u00a0Тулы» | |

: {custom-style="Register"}
"""


# --- widths ------------------------------------------------------------------------------


def test_unbreakable_pieces_keep_their_width() -> None:
    header = cells("**№**", "**Дата**", "**Ответственный**", "**Тема**")
    row = cells("10", "30\\.10\\.2025", "Белова\u00a0Е.\u00a0А.", "очень " * 60)
    widths = column_widths([header, row], 170, 12)
    assert sum(widths) == pytest.approx(170)
    assert min(widths) >= MIN_COLUMN_MM
    assert widths[1] > text_mm("30.10.2025", 12), "a date must fit on one line"
    assert widths[2] > text_mm("Белова\u00a0Е.\u00a0А.", 12), "initials stay with the surname"
    assert widths[2] > text_mm("Ответственный", 12, bold=True), "a header word is not broken"
    assert widths[3] == max(widths), "the long text gets the room left over"


def test_short_tables_share_the_width_by_content() -> None:
    widths = column_widths([cells("", ""), cells("28\\.08\\.2025", "№\u00a03")], 170, 14)
    assert sum(widths) == pytest.approx(170)
    assert widths[0] > widths[1]


def test_a_column_left_blank_gets_room_to_write_in() -> None:
    widths = column_widths(
        [cells("**№**", "**ФИО**", "**Подпись**"), cells("1", "Иванов Иван Иванович", "")],
        170,
        12,
    )
    assert widths[2] >= BLANK_COLUMN_MM


def test_size_tables_rewrites_separators_only() -> None:
    markdown = '::: {custom-style="Organization"}\n| строка блока\n| вторая\n:::\n\n' + REGISTER
    sized = size_tables(markdown, 170)
    assert sized.split("\n")[:4] == markdown.split("\n")[:4], "line blocks are not tables"
    (shares,) = separator_shares(sized)
    assert sum(shares) == 1000
    assert shares[3] * 170 / 1000 >= BLANK_COLUMN_MM
    assert [line for line in sized.split("\n") if not line.startswith("|--")] == [
        line for line in markdown.split("\n") if not line.startswith("|--")
    ]


def test_alignment_marks_survive() -> None:
    sized = size_tables("| a | b |\n|:--|--:|\n| 1 | 2 |\n", 170)
    separator = sized.split("\n")[1]
    assert separator.startswith("|:-") and separator.endswith("-:|")


# --- DOCX and ODT ------------------------------------------------------------------------


def test_docx_rows_never_split_and_columns_fill_the_text_width() -> None:
    data = lay_out(REGISTER, "docx", PORTRAIT)
    xml = part(data, "word/document.xml")
    rows = re.findall(r"<w:tr>.*?</w:tr>", xml, re.S)
    assert len(rows) == 3
    assert all("<w:cantSplit/>" in row for row in rows)
    assert "<w:tblHeader" in rows[0]
    columns = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', xml)]
    assert sum(columns) == twips(170)
    assert min(columns) >= twips(10)
    heights = re.findall(r'<w:trHeight w:val="(\d+)" w:hRule="atLeast"/>', xml)
    assert len(heights) == 2 and all(int(h) >= twips(8) for h in heights), "8 mm to sign in"


def test_docx_landscape_page() -> None:
    xml = part(lay_out(REGISTER, "docx", LANDSCAPE), "word/document.xml")
    assert re.search(r'<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>', xml)
    columns = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', xml)]
    assert sum(columns) == twips(257)


def test_odt_rows_never_split_register_rows_are_tall_and_landscape_turns_the_page() -> None:
    data = lay_out(REGISTER, "odt", LANDSCAPE)
    content, styles = part(data, "content.xml"), part(data, "styles.xml")
    rows = re.findall(r'<table:table-row table:style-name="(\w+)"', content)
    assert rows == ["DocRow", "DocRowTall", "DocRowTall"]
    assert re.search(r'"DocRow".*?fo:keep-together="always"', content, re.S)
    assert re.search(r'"DocRowTall".*?style:min-row-height="8mm"', content, re.S)
    assert 'style:width="257mm"' in content
    assert 'fo:page-width="297mm"' in styles and 'fo:page-height="210mm"' in styles


SIGNED = """\
{body}

Последний абзац перед подписями.

|  |  |  |
|:--|:--|:--|
| Председатель | \\_\\_\\_\\_\\_\\_\\_\\_ | Е. П. Волкова |
| Секретарь | \\_\\_\\_\\_\\_\\_\\_\\_ | О. К. Ильина |

: {{custom-style="Signatures"}}
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_signatures_are_marked_to_keep_with_the_paragraph_before(fmt: Format) -> None:
    data = lay_out(SIGNED.format(body="Текст."), fmt, PORTRAIT)
    if fmt == "docx":
        xml = part(data, "word/document.xml")
        *_, last, gap = xml[: xml.index("<w:tbl>")].split("<w:p>")
        assert "<w:keepNext/>" in last and "Последний абзац" in last
        assert 'w:val="SignatureGap"' in gap, "an empty line before the signatures"

        first_row = re.findall(r"<w:tr>.*?</w:tr>", xml, re.S)[0]
        assert "<w:keepNext/>" in first_row, "the chair stays with the secretary"
    else:
        xml = part(data, "content.xml")
        style = re.findall(r'<text:p text:style-name="(\w+)">Последний', xml)[0]
        assert re.search(rf'"{style}".*?fo:keep-with-next="always"', xml, re.S)
        assert 'style:may-break-between-rows="false"' in xml
        assert '<text:p text:style-name="SignatureGap"/><table:table table:name="Signatures' in xml


def _rendered_pages(folder: Path) -> dict[str, list[str]]:
    """Each PDF in the folder as the text of its pages (LibreOffice, then pdftotext)."""
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), *map(str, sorted(folder.glob("*.??t"))),
         *map(str, sorted(folder.glob("*.docx")))],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pages = {}
    for pdf in sorted(folder.glob("*.pdf")):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        pages[pdf.stem] = text.split("\f")[:-1]
    return pages


def test_signatures_never_stand_alone_wherever_the_page_ends(tmp_path: Path) -> None:
    """Documents of 36…53 one-line paragraphs: whichever pushes the signatures over a page end,
    the chair, the secretary and the paragraph before them stay together."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        unavailable("LibreOffice (soffice) and pdftotext are needed to look at pages")
    paragraph = "Абзац текста протокола, занимающий одну строку страницы. "
    for count in range(36, 54):
        markdown = SIGNED.format(body="\n\n".join([paragraph] * count))
        for fmt in FORMATS:
            (tmp_path / f"d{count:02}{fmt[0]}.{fmt}").write_bytes(lay_out(markdown, fmt, PORTRAIT))
    pages = _rendered_pages(tmp_path)
    assert len(pages) == 2 * 18
    broke = 0
    for name, texts in pages.items():
        broke += len(texts) > 1
        signed = [i for i, page in enumerate(texts) if "Председатель" in page]
        assert len(signed) == 1, f"{name}: signatures on pages {signed}"
        page = texts[signed[0]]
        assert "Секретарь" in page, f"{name}: the secretary is on another page than the chair"
        assert "Последний абзац" in page, f"{name}: the signatures left the text above them"
        assert re.sub(r"[\s\d]", "", texts[-1]), f"{name}: a blank last page"
    assert broke >= 2, "some of the documents must run onto a second page"


def test_a_register_keeps_its_closing_line_with_the_signature_after_it(tmp_path: Path) -> None:
    """A register of 22…33 people, a closing line, then the secretary's signature: wherever
    the page ends, the signature page also holds the closing line.

    LibreOffice keeps a table with what follows it only in ODT (it reads no such rule from
    DOCX), so documents never put a signature straight after a table: a closing paragraph
    comes between (test_rendered_documents checks every kind of the sample for it)."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        unavailable("LibreOffice (soffice) and pdftotext are needed to look at pages")
    header = "| **№** | **Фамилия, имя, отчество** | **Подпись** |\n|---|---|---|\n"
    signature = (
        "|  |  |  |\n|:--|:--|:--|\n| Секретарь | \\_\\_\\_\\_\\_\\_\\_\\_ | О. К. Ильина |"
        '\n\n: {custom-style="Signatures"}\n'
    )
    for count in range(22, 34):
        rows = "".join(f"| {n} | Участник{n} Иван Иванович | |\n" for n in range(1, count + 1))
        markdown = (
            f'{header}{rows}\n: {{custom-style="Register"}}\n\n'
            f"Всего зарегистрировано: {count} человек.\n\n{signature}"
        )
        for fmt in FORMATS:
            (tmp_path / f"r{count:02}{fmt[0]}.{fmt}").write_bytes(lay_out(markdown, fmt, PORTRAIT))
    pages = _rendered_pages(tmp_path)
    assert sum(len(texts) > 1 for texts in pages.values()) >= 2, "some must run onto page 2"
    for name, texts in pages.items():
        signed = next(i for i, page in enumerate(texts) if "Секретарь" in page)
        assert "Всего" in texts[signed], f"{name}: the signature is alone on its page"
        assert re.sub(r"[\s\d]", "", texts[-1]), f"{name}: a blank last page"


@pytest.mark.parametrize("fmt", FORMATS)
def test_names_in_a_register_are_never_hyphenated(fmt: Format) -> None:
    data = lay_out(REGISTER, fmt, PORTRAIT)
    if fmt == "docx":
        cells = re.findall(r"<w:tc>.*?</w:tc>", part(data, "word/document.xml"), re.S)
        assert cells and all("<w:suppressAutoHyphens/>" in cell for cell in cells)
    else:
        content = part(data, "content.xml")
        assert '<text:p text:style-name="RegisterContents">Антонова' in content
        styles = part(data, "styles.xml")
        assert re.search(r'"RegisterContents".*?fo:hyphenate="false"', styles, re.S)


def _blocks_before_signatures(markdown: str) -> list[str]:
    """The last line of the block before each signature table of a document's Markdown."""
    lines = markdown.split("\n")
    found = []
    for index, line in enumerate(lines):
        if line.strip() != ': {custom-style="Signatures"}':
            continue
        start = index - 1
        while start >= 0 and not lines[start].startswith("|"):
            start -= 1
        while start > 0 and lines[start - 1].startswith("|"):
            start -= 1
        before = [text for text in lines[:start] if text.strip()]
        found.append(before[-1] if before else "")
    return found


@pytest.mark.parametrize("edition", ["internal", "public"])
def test_no_document_puts_its_signatures_straight_after_a_table(edition: str) -> None:
    """LibreOffice cannot keep a DOCX table with the signature after it, so every kind
    closes a table with a paragraph before signing (the register's «Всего…», the control
    sheet's «Справка составлена…»)."""
    from datetime import date

    from generator.documents.catalog import KINDS
    from generator.documents.export import Selection, render_selection
    from generator.loading.project import load_project
    from generator.rendering.publication import Edition

    from .conftest import REPO

    project, _ = load_project(REPO)
    selection = Selection(KINDS, FORMATS, date(2026, 11, 20), edition=Edition(edition))
    rendered = render_selection(project, selection)
    assert {r.ref.kind for r in rendered} >= (
        {"protocol", "plan"} if edition == "public" else set(KINDS)
    )
    for document in rendered:
        for last in _blocks_before_signatures(document.markdown):
            assert last and not last.startswith(("|", ": {")), (
                f"{document.ref.path('docx')}: signatures straight after a table"
            )
