"""The sample's documents as they print (issue #14): every document of the internal edition as
of 20 November 2026, in DOCX and in ODT, rendered by LibreOffice headless and read back.

From the PDF (pdftotext's word boxes): signatures share a page with text above them, no
page is blank, no date or «№ N» breaks across lines, nothing stands in the margins, the
journal and the control sheet are landscape, a register's rows are tall enough to sign in. From the XML: rows never
split, header rows repeat, columns are at least 1 cm and fill the text width, words are
hyphenated in Russian, «№» and dates are held together by non-breaking spaces.

The sample is exported once and converted once per format (one soffice for all of a
format's files); each check is a test per document, named by the document's path. A page
image per kind goes to build/document-pages/ for a reviewer. Without LibreOffice or
poppler-utils the PDF tests skip, or fail with CI=true (.ci/run installs them).

The checks themselves are tried first on small made-up pages and parts, each with the fault
it must find and a correct twin it must pass.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.checking.validate import validate
from generator.documents.catalog import KINDS
from generator.documents.export import Selection, document_refs, export
from generator.documents.pandoc import FORMATS
from generator.loading.project import load_project
from generator.rendering.publication import Edition

from .conftest import REPO, unavailable
from .rendered import (
    MM,
    Conversion,
    Page,
    Word,
    broken_problems,
    convert_to_pdf,
    docx_language_problems,
    docx_paragraphs,
    docx_table_problems,
    empty_page_problems,
    margin_problems,
    odt_language_problems,
    odt_paragraphs,
    odt_table_problems,
    page_image,
    part,
    read_pdfs,
    register_row_problems,
    signature_problems,
    signature_rows,
    space_problems,
)

AS_OF = date(2026, 11, 20)
SELECTION = Selection(KINDS, FORMATS, AS_OF, edition=Edition.INTERNAL)
LANDSCAPE = frozenset({"journal", "control"})
UNSIGNED = frozenset({"plan", "journal"})  # every other kind ends with signature lines
PAGE_IMAGES = REPO / "build" / "document-pages"
PNG = b"\x89PNG\r\n\x1a\n"
SHOWN = 25  # problems listed in a failure message
Rendered = dict[str, tuple[Conversion, list[Page]]]  # each document's PDF and its pages


def sample_documents() -> tuple[list[str], str]:
    """Every document the export writes, as `association/year/kind.fmt`, at collection."""
    try:
        project, _problems = load_project(REPO)
        refs = document_refs(project, SELECTION)
    except Exception as error:  # the records are being edited: say so in one failing test
        return [], f"{type(error).__name__}: {error}"
    return [ref.path(fmt) for ref in refs for fmt in FORMATS], ""


DOCUMENTS, SAMPLE_ERROR = sample_documents()
DOCX = [d for d in DOCUMENTS if d.endswith(".docx")]
ODT = [d for d in DOCUMENTS if d.endswith(".odt")]
REGISTERS = [d for d in DOCUMENTS if Path(d).name.startswith("register-")]


def kind_of(document: str) -> str:
    return Path(document).name.split(".")[0].split("-")[0]


def first_of_each_kind() -> dict[str, str]:
    """`protocol-docx` → the first protocol in DOCX, and so on."""
    firsts: dict[str, str] = {}
    for document in DOCUMENTS:
        firsts.setdefault(f"{kind_of(document)}-{document.rsplit('.', 1)[1]}", document)
    return firsts


FIRSTS = first_of_each_kind()


def report(document: str, problems: list[str]) -> str:
    more = f"\n  … and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    return f"{document}:\n  " + "\n  ".join(problems[:SHOWN]) + more


# --- the sample, exported and rendered once ------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The internal edition as of 20 November 2026, every kind in both formats."""
    result = validate(REPO)
    assert result.ok, [d.format_text() for d in result.diagnostics if d.severity == "error"]
    out = tmp_path_factory.mktemp("sample-documents")
    export(result.project, SELECTION, out, tmp_path_factory.mktemp("cache"))
    return out


@pytest.fixture(scope="module")
def rendered(exported: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """Each document's PDF by LibreOffice and its pages as pdftotext reads them."""
    for tool in ("soffice", "pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            unavailable(
                f"Нет {tool}: apt-get install -y libreoffice-writer-nogui poppler-utils "
                "hyphen-ru fonts-liberation2"
            )
    sources = {document: exported / document for document in DOCUMENTS}
    conversions = convert_to_pdf(sources, tmp_path_factory.mktemp("rendered"))
    pdfs = {d: c.pdf for d, c in conversions.items() if c.pdf is not None}
    pages = dict(zip(pdfs, read_pdfs(list(pdfs.values())), strict=True))
    return {document: (conversions[document], pages.get(document, [])) for document in DOCUMENTS}


def pages_of(rendered: Rendered, document: str) -> list[Page]:
    conversion, pages = rendered[document]
    if conversion.pdf is None:
        pytest.fail(f"{document}: LibreOffice made no PDF\n{conversion.log[-2000:]}")
    assert pages, f"{document}: the PDF has no pages"
    return pages


def test_the_sample_gives_documents_of_every_kind() -> None:
    assert not SAMPLE_ERROR, f"the sample's documents could not be listed: {SAMPLE_ERROR}"
    kinds = {kind_of(document) for document in DOCUMENTS}
    assert {"protocol", "extract", "register", "invitation", "plan", "journal", "analysis"} <= kinds
    assert len(DOCX) == len(ODT)


# --- the rendered page ---------------------------------------------------------------------


@pytest.mark.parametrize("document", DOCUMENTS)
def test_signatures_share_a_page_with_text_above_them(rendered: Rendered, document: str) -> None:
    pages = pages_of(rendered, document)
    if kind_of(document) not in UNSIGNED:
        assert signature_rows(pages), (
            f"{document}: no signature line (a signer's label and «______») on any page"
        )
    problems = signature_problems(pages)
    assert not problems, report(document, problems)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_blank_pages(rendered: Rendered, document: str) -> None:
    problems = empty_page_problems(pages_of(rendered, document))
    assert not problems, report(document, problems)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_date_or_number_breaks_across_lines(rendered: Rendered, document: str) -> None:
    problems = broken_problems(pages_of(rendered, document))
    assert not problems, report(document, problems)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_nothing_in_the_margins(rendered: Rendered, document: str) -> None:
    problems = margin_problems(pages_of(rendered, document))
    assert not problems, report(document, problems)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_page_orientation(rendered: Rendered, document: str) -> None:
    landscape = kind_of(document) in LANDSCAPE
    wrong = [page.number for page in pages_of(rendered, document) if page.landscape != landscape]
    assert not wrong, (
        f"{document}: pages {wrong} are {'portrait' if landscape else 'landscape'}, "
        f"the {kind_of(document)} is printed {'landscape' if landscape else 'portrait'}"
    )


@pytest.mark.parametrize("document", REGISTERS)
def test_register_rows_are_tall_enough_to_sign_in(rendered: Rendered, document: str) -> None:
    found, problems = register_row_problems(pages_of(rendered, document))
    assert found >= 2, f"{document}: only {found} numbered rows found under «№»"
    assert not problems, report(document, problems)


@pytest.mark.parametrize("first", sorted(FIRSTS))
def test_page_images_for_review(rendered: Rendered, first: str) -> None:
    """build/document-pages/protocol-docx.png (and -last.png if the document runs on)."""
    document = FIRSTS[first]
    pages = pages_of(rendered, document)
    pdf = rendered[document][0].pdf
    assert pdf is not None
    wanted = {PAGE_IMAGES / first: 1}
    last = PAGE_IMAGES / f"{first}-last"
    if len(pages) > 1:
        wanted[last] = len(pages)
    else:
        last.with_name(last.name + ".png").unlink(missing_ok=True)  # from an earlier run
    for target, number in wanted.items():
        image = page_image(pdf, number, target)
        data = image.read_bytes()
        assert data.startswith(PNG) and len(data) > 1000, f"{image}: not a page image"


# --- the XML ---------------------------------------------------------------------------------


@pytest.mark.parametrize("document", DOCX)
def test_docx_tables(exported: Path, document: str) -> None:
    xml = part(exported / document, "word/document.xml")
    problems = docx_table_problems(xml, landscape=kind_of(document) in LANDSCAPE)
    assert not problems, report(document, problems)


@pytest.mark.parametrize("document", DOCX)
def test_docx_hyphenation_and_language(exported: Path, document: str) -> None:
    path = exported / document
    problems = docx_language_problems(
        part(path, "word/settings.xml"), part(path, "word/styles.xml")
    )
    assert not problems, report(document, problems)


@pytest.mark.parametrize("document", DOCX)
def test_docx_non_breaking_spaces(exported: Path, document: str) -> None:
    problems = space_problems(docx_paragraphs(part(exported / document, "word/document.xml")))
    assert not problems, report(document, problems)


@pytest.mark.parametrize("document", ODT)
def test_odt_tables(exported: Path, document: str) -> None:
    path = exported / document
    problems = odt_table_problems(
        part(path, "content.xml"),
        part(path, "styles.xml"),
        landscape=kind_of(document) in LANDSCAPE,
    )
    assert not problems, report(document, problems)


@pytest.mark.parametrize("document", ODT)
def test_odt_hyphenation_and_language(exported: Path, document: str) -> None:
    problems = odt_language_problems(part(exported / document, "styles.xml"))
    assert not problems, report(document, problems)


@pytest.mark.parametrize("document", ODT)
def test_odt_non_breaking_spaces(exported: Path, document: str) -> None:
    problems = space_problems(odt_paragraphs(part(exported / document, "content.xml")))
    assert not problems, report(document, problems)


# --- the checks on made-up pages: each finds its fault and passes the correct twin ----------

A4 = (210 * MM, 297 * MM)


def row(text: str, left_mm: float, top_mm: float, size: float = 14) -> list[Word]:
    """Words as Times would set them, roughly: half the size per letter, a quarter per space;
    the box 1.3 sizes high, as pdftotext gives it."""
    words, x, y = [], left_mm * MM, top_mm * MM
    for piece in text.split(" "):
        width = 0.5 * size * len(piece)
        words.append(Word(piece, x, y, x + width, y + 1.3 * size))
        x += width + 0.25 * size
    return words


def page(number: int, *rows: list[Word], landscape: bool = False) -> Page:
    width, height = reversed(A4) if landscape else A4
    return Page(number, width, height, tuple(w for r in rows for w in r))


def body(top_mm: float, count: int) -> list[list[Word]]:
    return [row("Текст протокола строка за строкой", 30, top_mm + 6 * i) for i in range(count)]


CHAIR = "Председатель ______________ Е. П. Волкова"
SECRETARY = "Секретарь ______________ О. К. Ильина"


def test_signature_check_finds_signatures_alone_and_apart() -> None:
    alone = [page(1, *body(20, 40)), page(2, row("2", 120, 10), row(CHAIR, 30, 20))]
    apart = [page(1, *body(20, 40), row(CHAIR, 30, 265)), page(2, row(SECRETARY, 30, 20))]
    together = [
        page(1, *body(20, 40)),
        page(2, *body(20, 2), row(CHAIR, 30, 35), row(SECRETARY, 30, 42)),
    ]
    assert [p.split(":")[0] for p in signature_problems(alone)] == ["page 2"]
    problems = signature_problems(apart)
    assert len(problems) == 2 and "on page 2" in problems[1], problems
    assert signature_problems(together) == []
    assert len(signature_rows(together)) == 2


def test_blank_page_check() -> None:
    assert empty_page_problems([page(1, *body(20, 3)), page(2, *body(20, 1))]) == []
    problems = empty_page_problems([page(1, *body(20, 3)), page(2, row("2", 120, 10))])
    assert problems == ["page 2 of 2 is blank but for its number"]


@pytest.mark.parametrize(
    ("above", "below", "left_mm", "found"),
    [
        ("учителя МБОУ «СШ №", "117» (6 человек)", 150, "ends with «№»"),
        ("консультации 30.", "10.2025 перестроила", 150, "date"),
        ("30.10.2", "025", 40, "date"),
        ("которое состоится 20", "ноября 2025 г. в 15:00", 120, "day"),
        ("которое состоится 20 ноября", "2025 г. в 15:00", 100, "month"),
        ("которое состоится 20 ноября 2025", "г. в 15:00", 80, "year"),
        ("№", "1", 30, None),  # a table's header cell above its first row
        ("МБОУ «СШ № 117» и", "2. О представлении", 100, None),
        ("в составе 20", "человек", 120, None),
        ("Е. П.", "Волкова", 150, None),  # a name that wraps in its cell
    ],
)
def test_break_check(above: str, below: str, left_mm: float, found: str | None) -> None:
    pages = [page(1, row(above, left_mm, 40), row(below, 30 if left_mm > 40 else left_mm, 46))]
    problems = broken_problems(pages)
    if found is None:
        assert problems == []
    else:
        assert len(problems) == 1 and found in problems[0], problems


def test_break_check_pairs_a_line_only_with_the_lines_of_its_own_column() -> None:
    """A cell ending with «ноября» beside a cell whose next line starts with «2026» is no
    broken date: only lines starting at or left of the word's column continue it."""
    cells = [*row("до 20 ноября", 40, 40), *row("Заседание", 100, 40)]
    below = [*row("Волкова", 40, 46), *row("2026 года", 100, 46)]
    assert broken_problems([page(1, cells, below)]) == []
    assert broken_problems([page(1, cells, row("2026 г.", 40, 46))])


def test_margin_check() -> None:
    good = page(1, row("2", 120, 10), *body(20, 3), row("конец", 30, 270))
    assert margin_problems([good]) == []
    left = page(1, row("Слово", 20, 50))
    right = page(1, row("слово", 190, 50))
    top = page(2, row("Текст", 40, 12))
    bottom = page(1, row("Текст", 40, 280))
    wide = page(1, row("Графа", 280, 50), landscape=True)
    turned = page(1, row("Графа", 250, 50), landscape=True)
    for bad, side in ((left, "left"), (right, "right"), (top, "top"), (bottom, "bottom")):
        problems = margin_problems([bad])
        assert len(problems) == 1 and f"the {side} edge" in problems[0], problems
    assert "right edge" in margin_problems([wide])[0]
    assert margin_problems([turned]) == []


def test_register_row_check() -> None:
    header = row("№ Фамилия, имя, отчество Подпись", 30, 40, size=12)
    tight = page(1, header, row("1", 31, 47, 12), row("2", 31, 53, 12), row("3", 31, 59, 12))
    roomy = page(1, header, row("1", 31, 47, 12), row("2", 31, 55.5, 12), row("3", 31, 64, 12))
    found, problems = register_row_problems([tight])
    assert found == 3 and len(problems) == 2 and "6.0 mm" in problems[0], problems
    assert register_row_problems([roomy]) == (3, [])
    assert register_row_problems([page(1, row("Текст", 30, 40))])[1]


WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_table(style: str, columns: list[int], *, split: bool, header: bool) -> str:
    rows = []
    for number in range(2):
        properties = ("" if split else "<w:cantSplit/>") + (
            '<w:tblHeader w:val="on"/>' if header and number == 0 else ""
        )
        rows.append(
            f"<w:tr><w:trPr>{properties}</w:trPr><w:tc><w:p><w:r><w:t>{number}</w:t></w:r></w:p></w:tc></w:tr>"
        )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in columns)
    return (
        f'<w:document {WNS}><w:body><w:tbl><w:tblPr><w:tblStyle w:val="{style}"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl></w:body></w:document>"
    )


def test_docx_checks() -> None:
    good = docx_table("Table", [1000, 8638], split=False, header=True)
    assert docx_table_problems(good, landscape=False) == []
    assert (
        docx_table_problems(
            docx_table("Table", [1000, 13570], split=False, header=True), landscape=True
        )
        == []
    )
    assert (
        docx_table_problems(
            docx_table("Signatures", [4819, 4819], split=False, header=False), landscape=False
        )
        == []
    )
    bad = docx_table_problems(
        docx_table("Table", [400, 7520], split=True, header=False), landscape=False
    )
    assert [p.split(": ", 1)[1].split(" ")[0] for p in bad] == ["no", "the", "columns", "the"], bad
    assert (
        "cantSplit" in bad[0] and "tblHeader" in bad[1] and "7.1 mm" in bad[2] and "7920" in bad[3]
    )
    assert docx_table_problems(good, landscape=True), "a portrait table on a landscape page"
    settings = f'<w:settings {WNS}><w:autoHyphenation w:val="true"/></w:settings>'
    styles = (
        f'<w:styles {WNS}><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="ru-RU"/>'
        "</w:rPr></w:rPrDefault></w:docDefaults></w:styles>"
    )
    assert docx_language_problems(settings, styles) == []
    off = settings.replace('"true"', '"false"')
    assert len(docx_language_problems(off, styles.replace("ru-RU", "en-US"))) == 2


ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def odt_content(
    widths: list[float], *, keep: bool, header: bool, border: str = "0.5pt solid #000000"
) -> str:
    styles = (
        '<style:style style:name="Row" style:family="table-row"><style:table-row-properties '
        f'fo:keep-together="{"always" if keep else "auto"}"/></style:style>'
        '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties '
        f'fo:border="{border}"/></style:style>'
        + "".join(
            f'<style:style style:name="C{i}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{w}mm"/></style:style>'
            for i, w in enumerate(widths)
        )
    )
    columns = "".join(f'<table:table-column table:style-name="C{i}"/>' for i in range(len(widths)))
    cell = '<table:table-cell table:style-name="Cell"><text:p>№ 3</text:p></table:table-cell>'
    first = f'<table:table-row table:style-name="Row">{cell}</table:table-row>'
    rows = (
        f"<table:table-header-rows>{first}</table:table-header-rows>" if header else first
    ) + first
    return (
        f"<office:document-content {ODT_NS}><office:automatic-styles>{styles}"
        f'</office:automatic-styles><office:body><office:text><table:table table:name="T">'
        f"{columns}{rows}</table:table></office:text></office:body></office:document-content>"
    )


def test_odt_checks() -> None:
    styles = (
        f"<office:document-styles {ODT_NS}><office:styles><style:default-style "
        'style:family="paragraph"><style:text-properties fo:hyphenate="true" fo:language="ru" '
        'fo:country="RU"/></style:default-style><style:style style:name="Standard" '
        'style:family="paragraph"/></office:styles></office:document-styles>'
    )
    assert (
        odt_table_problems(odt_content([20, 150], keep=True, header=True), styles, landscape=False)
        == []
    )
    plain = odt_content([85, 85], keep=True, header=False, border="none")
    assert odt_table_problems(plain, styles, landscape=False) == []
    bad = odt_table_problems(
        odt_content([5, 100], keep=False, header=False), styles, landscape=False
    )
    assert len(bad) == 4, bad
    assert (
        "keep-together" in bad[0]
        and "header-rows" in bad[1]
        and "5.0 mm" in bad[2]
        and "105.0" in bad[3]
    )
    assert odt_language_problems(styles) == []
    assert (
        len(odt_language_problems(styles.replace('"true"', '"false"').replace('"ru"', '"en"'))) == 2
    )
    assert odt_paragraphs(plain) == ["№ 3", "№ 3"]


def test_space_checks() -> None:
    assert (
        space_problems(
            ["МБОУ «СШ №\u00a0117», 20\u00a0ноября\u00a02025\u00a0г., в ноябре\u00a02026\u00a0г."]
        )
        == []
    )
    problems = space_problems(["МБОУ «СШ № 117» 20 ноября 2025 г.", "в сентябре 2026\u00a0г."])
    assert [p.split(":")[0] for p in problems] == [
        "a normal space after «№»",
        "a normal space between day and month",
        "a normal space between month and year",
        "a normal space between the year and «г.»",
        "a normal space between month and year",
    ]
