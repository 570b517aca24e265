"""Documents as LibreOffice prints them, and the checks of the printed page (issue #14).

The PDF side: `soffice --convert-to pdf`, then `pdftotext -bbox-layout`, read here into pages
of words with their boxes in PDF points (origin at the page's top left). Table cells are not
told apart by pdftotext (it may join the cells of a row into one "line"), so lines are
rebuilt from the words: a row is the words at one height, cut where the gap between two
words is wider than any space inside a line of a table cell.

The XML side: the parts of a DOCX or ODT that say how its tables break, how wide their
columns are, whether words are hyphenated in Russian, and the text with its spaces.

Every check returns a list of problems, each naming the page (or table) and quoting the
text, so a test says where to look.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from generator.documents.preview import page_picture
from generator.russian import MONTHS, MONTHS_NOMINATIVE

MM = 72 / 25.4  # PDF points in a millimetre
TWIPS_PER_MM = 1440 / 25.4

# The page of every document: A4, margins left 30, right 10, top and bottom 20 mm; the page
# number sits in the header, 10 mm from the top edge.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM, HEADER_TOP = 30, 10, 20, 20, 10
TEXT_WIDTH_MM = {False: 170, True: 257}  # portrait, landscape
MARGIN_TOLERANCE_MM = 1
MIN_COLUMN_MM = 10
REGISTER_ROW_MM = 8

SIGNATURE_LABELS = ("Председатель", "Секретарь", "Руководитель", "Верно")
UNDERSCORES = re.compile(r"_{4,}")

_PREPOSITIONAL = tuple(month[:-1] + "е" for month in MONTHS)  # «в ноябре»
_ANY_MONTH = frozenset((*MONTHS, *MONTHS_NOMINATIVE, *_PREPOSITIONAL))
_PUNCTUATION = "«»„“\"'()[],;:!?"
_FULL_DATE = re.compile(r"\d{2}\.\d{2}\.\d{4}")
_DATE_HEAD = re.compile(r"[\d.]+$")
_DATE_TAIL = re.compile(r"[\d.]+")

XHTML = "{http://www.w3.org/1999/xhtml}"


# --- converting --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Conversion:
    """The PDF LibreOffice made of one document (None if it made none) and its log."""

    source: Path
    pdf: Path | None
    log: str


def flat_name(document: str) -> str:
    """`mpo-tula/2025-2026/protocol-03.docx` → `mpo-tula__2025-2026__protocol-03` (one folder
    holds the documents of every association and year, so one soffice converts them all)."""
    return document.rsplit(".", 1)[0].replace("/", "__")


def convert_to_pdf(
    documents: dict[str, Path], work: Path, *, timeout: float = 600
) -> dict[str, Conversion]:
    """Every document to PDF: one headless LibreOffice per format, both at once, each with a
    profile of its own (parallel runs would otherwise share the user's)."""
    formats = sorted({name.rsplit(".", 1)[1] for name in documents})
    runs: dict[str, tuple[subprocess.Popen[bytes], Path]] = {}
    for fmt in formats:
        folder, out = work / fmt / "in", work / fmt / "pdf"
        folder.mkdir(parents=True)
        out.mkdir()
        for name, path in documents.items():
            if name.endswith(f".{fmt}") and path.is_file():
                shutil.copyfile(path, folder / f"{flat_name(name)}.{fmt}")
        command = [
            "soffice",
            f"-env:UserInstallation={(work / fmt / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, sorted(folder.iterdir())),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        runs[fmt] = (process, out)
    logs = {}
    for fmt, (process, _out) in runs.items():
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # soffice and what it started, nothing else
            output, _ = process.communicate()
            output += f"\n(LibreOffice did not finish in {timeout:.0f} s)".encode()
        logs[fmt] = output.decode("utf-8", "replace")
    result = {}
    for name, path in documents.items():
        fmt = name.rsplit(".", 1)[1]
        pdf = runs[fmt][1] / f"{flat_name(name)}.pdf"
        log = logs[fmt] if path.is_file() else f"{path}: the export wrote no such file"
        result[name] = Conversion(path, pdf if pdf.is_file() else None, log)
    return result


# --- reading the page --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    """A word and its box in PDF points, from the top left corner of the page."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2

    def where(self) -> str:
        return f"x {self.x0 / MM:.1f}–{self.x1 / MM:.1f} mm, y {self.y0 / MM:.1f}–{self.y1 / MM:.1f} mm"


@dataclass(frozen=True, slots=True)
class Row:
    """The words at one height of a page, left to right (a line of text, or the lines of
    several table cells side by side)."""

    words: tuple[Word, ...]

    @property
    def middle(self) -> float:
        return sum(w.middle for w in self.words) / len(self.words)

    @property
    def height(self) -> float:
        return max(w.height for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def lines(self) -> list[tuple[Word, ...]]:
        """The row cut into lines of text: a gap wider than half a line's height is not a
        space between words but the border between two table cells (spaces in a justified
        line can be wider, but there a false cut only adds a line end no rule fires on)."""
        lines: list[list[Word]] = [[self.words[0]]]
        for before, word in pairwise(self.words):
            if word.x0 - before.x1 > 0.5 * max(before.height, word.height):
                lines.append([word])
            else:
                lines[-1].append(word)
        return [tuple(line) for line in lines]


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # from 1
    width: float
    height: float
    words: tuple[Word, ...]
    _rows: list[Row] = field(default_factory=list, compare=False, repr=False)

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def rows(self) -> list[Row]:
        """The words grouped by height, top to bottom."""
        if not self._rows and self.words:
            self._rows.extend(group_rows(self.words))
        return self._rows

    def is_header(self, row: Row) -> bool:
        """The page number in the header: digits alone above the top margin."""
        top = (MARGIN_TOP + MARGIN_TOLERANCE_MM) * MM
        return all(w.text.isdigit() and w.y1 <= top for w in row.words)

    def body_rows(self) -> list[Row]:
        return [row for row in self.rows() if not self.is_header(row)]


def group_rows(words: Iterable[Word]) -> list[Row]:
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if rows:
            row = rows[-1]
            middle = sum(w.middle for w in row) / len(row)
            if abs(word.middle - middle) <= 0.35 * min(word.height, row[0].height):
                row.append(word)
                continue
        rows.append([word])
    return [Row(tuple(sorted(row, key=lambda w: w.x0))) for row in rows]


def read_bbox(xhtml: str) -> list[Page]:
    """`pdftotext -bbox-layout` output → pages of words."""
    root = ET.fromstring(xhtml)
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), 1):
        words = tuple(
            Word(
                (word.text or "").strip(),
                float(word.get("xMin", 0)),
                float(word.get("yMin", 0)),
                float(word.get("xMax", 0)),
                float(word.get("yMax", 0)),
            )
            for word in page.iter(f"{XHTML}word")
            if (word.text or "").strip()
        )
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def read_pdf(pdf: Path) -> list[Page]:
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return read_bbox(done.stdout.decode("utf-8"))


def read_pdfs(pdfs: Sequence[Path]) -> list[list[Page]]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(read_pdf, pdfs))


def page_image(pdf: Path, page: int, target: Path, dpi: int = 60) -> Path:
    """One page as a PNG (`target` without its .png), for a reviewer to look at."""
    return page_picture(pdf, page, target, dpi=dpi)


# --- checks of the page ------------------------------------------------------------------


def _clean(text: str) -> str:
    return text.strip(_PUNCTUATION)


def is_signature_row(row: Row) -> bool:
    """«Председатель ______________ Е. П. Волкова»: a signer's label and a line to sign on."""
    labelled = any(_clean(w.text).startswith(SIGNATURE_LABELS) for w in row.words)
    return labelled and any(UNDERSCORES.search(w.text) for w in row.words)


def signature_rows(pages: Sequence[Page]) -> list[tuple[Page, Row]]:
    return [(page, row) for page in pages for row in page.body_rows() if is_signature_row(row)]


def signature_problems(pages: Sequence[Page]) -> list[str]:
    """Each signature line has text above it on its page (more than the page number), and
    the chair's line is on the page of the signature line after it (the secretary's)."""
    problems = []
    signed = signature_rows(pages)
    for page, row in signed:
        above = [r for r in page.body_rows() if r.middle < row.middle and not is_signature_row(r)]
        if not above:
            problems.append(
                f"page {page.number}: «{row.text}» has no text above it on its page "
                "(the signatures went over the page end alone)"
            )
    for (page, row), (next_page, next_row) in pairwise(signed):
        chair = any(_clean(w.text) == "Председатель" for w in row.words)
        if chair and next_page.number != page.number:
            problems.append(
                f"page {page.number}: «{row.text}» — but «{next_row.text}» is on page "
                f"{next_page.number}"
            )
    return problems


def empty_page_problems(pages: Sequence[Page]) -> list[str]:
    """A page with nothing but its number (an empty paragraph pushed over the page end)."""
    return [
        f"page {page.number} of {len(pages)} is blank but for its number"
        for page in pages
        if not page.body_rows()
    ]


def _broken_pair(end: str, start: str) -> str | None:
    """What breaks if a line ends with `end` and the next one starts with `start`."""
    piece = _DATE_HEAD.search(end)
    if piece and start[:1] in "0123456789.":
        head = piece.group()
        tail = _DATE_TAIL.match(start)
        if (
            tail
            and _FULL_DATE.fullmatch((head + tail.group()).rstrip("."))
            and not _FULL_DATE.fullmatch(head.rstrip("."))
        ):
            return "a date broken across lines"
    day, next_word = _clean(end), _clean(start).lower()
    if day.isdigit() and 1 <= int(day) <= 31 and len(day) <= 2 and next_word in MONTHS:
        return "the day and its month on different lines"
    if day.lower() in _ANY_MONTH and re.match(r"\d{4}(?!\d)", _clean(start)):
        return "the month and its year on different lines"
    if re.fullmatch(r"\d{4}", day) and re.match(r"гг?\.", start):
        return "the year and «г.» on different lines"
    return None


def broken_problems(pages: Sequence[Page]) -> list[str]:
    """No «№» at the end of a line; no date or «20 ноября 2025 г.» broken between lines.

    A line's last word is paired with the first word of each line starting to its left on
    the row below (one line of a paragraph or a cell lower: the row whose middle is
    0.55…1.6 line heights down).
    """
    problems = []
    for page in pages:
        rows = page.body_rows()
        cut = [row.lines() for row in rows]
        for index, row in enumerate(rows):
            for line in cut[index]:
                end = line[-1]
                # the word after it on the row, if near enough to be on the same line (a
                # justified line stretches its spaces up to about one line height)
                right = [w for w in row.words if end.x1 <= w.x0 <= end.x1 + 1.5 * end.height]
                following = right[0] if right else None
                if end.text.endswith("№") and len(line) > 1:
                    if following is None or not following.text[:1].isdigit():
                        problems.append(
                            f"page {page.number}: the line «{_quote(line)}» ends with «№»"
                        )
                    continue
                if following is not None and _broken_pair(end.text, following.text):
                    continue  # the pair is on one line after all, a wide gap apart
                for below, lines in zip(rows[index + 1 :], cut[index + 1 :], strict=False):
                    distance = below.middle - row.middle
                    if distance > 1.6 * end.height:
                        break
                    if distance < 0.55 * end.height:
                        continue
                    for next_line in lines:
                        start = next_line[0]
                        if start.x0 > end.x1 + 1:
                            continue
                        broken = _broken_pair(end.text, start.text)
                        if broken:
                            problems.append(
                                f"page {page.number}: {broken}: «{_quote(line)}» / "
                                f"«{_quote(next_line)}»"
                            )
    return problems


def _quote(line: Sequence[Word], words: int = 6) -> str:
    texts = [w.text for w in line]
    return " ".join(texts) if len(texts) <= words else "… " + " ".join(texts[-words:])


def margin_problems(pages: Sequence[Page]) -> list[str]:
    """Every word inside the page less its margins (1 mm of tolerance); the page number may
    stand in the header, 10 mm from the top edge. One problem per row of words and side."""
    tolerance = MARGIN_TOLERANCE_MM * MM
    problems = []
    for page in pages:
        for row in page.rows():
            top = HEADER_TOP if page.is_header(row) else MARGIN_TOP
            first, last = row.words[0], row.words[-1]
            highest, lowest = min(row.words, key=lambda w: w.y0), max(row.words, key=lambda w: w.y1)
            for side, word, distance, margin in (
                ("left", first, first.x0, MARGIN_LEFT),
                ("right", last, page.width - last.x1, MARGIN_RIGHT),
                ("top", highest, highest.y0, top),
                ("bottom", lowest, page.height - lowest.y1, MARGIN_BOTTOM),
            ):
                if distance < margin * MM - tolerance:
                    problems.append(
                        f"page {page.number}: «{word.text}» (in «{_quote(row.words)}») is "
                        f"{distance / MM:.1f} mm from the {side} edge, inside the {margin} mm margin"
                    )
    return problems


def register_row_problems(pages: Sequence[Page]) -> tuple[int, list[str]]:
    """The numbered rows of a register: successive numbers on one page at least 8 mm apart
    (baseline to baseline). Returns how many numbered rows were found and the problems."""
    column: tuple[float, float] | None = None
    for page in pages:
        for row in page.rows():
            texts = [_clean(w.text) for w in row.words]
            if "№" in texts and any(text.startswith("Фамилия") for text in texts):
                sign = row.words[texts.index("№")]
                column = (sign.x0 - 4 * MM, sign.x1 + 4 * MM)
                break
        if column:
            break
    if column is None:
        return 0, ["no header row «№ | Фамилия, имя, отчество | …» found"]
    low, high = column
    found, problems = 0, []
    for page in pages:
        numbers = sorted(
            (int(w.text), w)
            for row in page.body_rows()
            for w in row.words
            if w.text.isdigit() and low <= (w.x0 + w.x1) / 2 <= high
        )
        found += len(numbers)
        for (number, word), (following, next_word) in pairwise(numbers):
            if following != number + 1:
                continue
            distance = (next_word.y1 - word.y1) / MM
            if distance < REGISTER_ROW_MM - 0.25:
                problems.append(
                    f"page {page.number}: rows {number} and {following} are {distance:.1f} mm "
                    f"apart (at least {REGISTER_ROW_MM} mm to sign in)"
                )
    return found, problems


# --- the XML of a DOCX -------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PLAIN_DOCX_TABLES = frozenset({"Borderless", "Signatures"})


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def _on(element: ET.Element | None) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return element is not None and element.get(f"{W}val", "true") not in {"0", "false", "off"}


def _docx_text(element: ET.Element) -> str:
    out = []
    for node in element.iter():
        if node.tag == f"{W}t" and node.text:
            out.append(node.text)
        elif node.tag == f"{W}tab":
            out.append("\t")
        elif node.tag in {f"{W}br", f"{W}cr"}:
            out.append("\n")
        elif node.tag == f"{W}noBreakHyphen":
            out.append("\u2011")
    return "".join(out)


def _table_name(number: int, style: str, first_text: str) -> str:
    return f"table {number} ({style or 'no style'}, «{first_text[:40]}»)"


def _numbers(rows: Sequence[int], total: int) -> str:
    """`rows 2, 5 of 9`, `all 24 rows`."""
    if len(rows) == total:
        return f"all {total} rows"
    shown = ", ".join(map(str, rows[:12])) + (", …" if len(rows) > 12 else "")
    return f"rows {shown} of {total}"


def docx_table_problems(document_xml: str, *, landscape: bool) -> list[str]:
    """Rows never split (w:cantSplit); a grid table's first row repeats (w:tblHeader); no
    column narrower than 1 cm, and the columns fill the text width."""
    width = TEXT_WIDTH_MM[landscape] * TWIPS_PER_MM
    problems = []
    root = ET.fromstring(document_xml)
    for number, table in enumerate(root.iter(f"{W}tbl"), 1):
        style_element = table.find(f"{W}tblPr/{W}tblStyle")
        style = style_element.get(f"{W}val", "") if style_element is not None else ""
        name = _table_name(number, style, _docx_text(table).strip())
        rows = table.findall(f"{W}tr")
        splitting = [
            i for i, row in enumerate(rows, 1) if not _on(row.find(f"{W}trPr/{W}cantSplit"))
        ]
        if splitting:
            problems.append(f"{name}: no w:cantSplit in {_numbers(splitting, len(rows))}")
        header = rows[0].find(f"{W}trPr/{W}tblHeader") if rows else None
        if style not in PLAIN_DOCX_TABLES and not _on(header):
            problems.append(f"{name}: the first row is not a repeated header (w:tblHeader)")
        columns = [int(c.get(f"{W}w", "0")) for c in table.findall(f"{W}tblGrid/{W}gridCol")]
        narrow = [f"{i}: {w / TWIPS_PER_MM:.1f} mm" for i, w in enumerate(columns, 1) if w < 567]
        if narrow:
            problems.append(f"{name}: columns narrower than 1 cm — {', '.join(narrow)}")
        if abs(sum(columns) - width) > 0.5 * TWIPS_PER_MM:
            problems.append(
                f"{name}: the columns add up to {sum(columns)} twips "
                f"({sum(columns) / TWIPS_PER_MM:.1f} mm), the text width is {width:.0f} "
                f"({TEXT_WIDTH_MM[landscape]} mm)"
            )
    return problems


def docx_language_problems(settings_xml: str, styles_xml: str) -> list[str]:
    problems = []
    if not _on(ET.fromstring(settings_xml).find(f"{W}autoHyphenation")):
        problems.append("word/settings.xml: no w:autoHyphenation — words are never hyphenated")
    lang = ET.fromstring(styles_xml).find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    value = lang.get(f"{W}val") if lang is not None else None
    if value != "ru-RU":
        problems.append(f"word/styles.xml: the default language is {value!r}, not 'ru-RU'")
    return problems


def docx_paragraphs(document_xml: str) -> list[str]:
    return [_docx_text(p) for p in ET.fromstring(document_xml).iter(f"{W}p")]


# --- the XML of an ODT -------------------------------------------------------------------

STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_UNITS_MM = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "pc": 25.4 / 6}


def length_mm(value: str) -> float | None:
    match = re.fullmatch(r"\s*([\d.]+)\s*(mm|cm|in|pt|pc)\s*", value)
    return float(match[1]) * _UNITS_MM[match[2]] if match else None


class OdtStyles:
    """The named styles of an ODT (automatic ones of content.xml and those of styles.xml)."""

    def __init__(self, *parts: str) -> None:
        self.styles: dict[tuple[str, str], ET.Element] = {}
        for xml in parts:
            for style in ET.fromstring(xml).iter(f"{STYLE}style"):
                key = (style.get(f"{STYLE}family", ""), style.get(f"{STYLE}name", ""))
                self.styles[key] = style

    def property(self, family: str, name: str | None, kind: str, attribute: str) -> str | None:
        """An attribute of the style's <style:{kind}>, looked up through its parents."""
        seen = set()
        while name and name not in seen:
            seen.add(name)
            style = self.styles.get((family, name))
            if style is None:
                return None
            properties = style.find(f"{STYLE}{kind}")
            if properties is not None and properties.get(attribute) is not None:
                return properties.get(attribute)
            name = style.get(f"{STYLE}parent-style-name")
        return None


def _odt_rows(table: ET.Element) -> Iterator[tuple[ET.Element, bool]]:
    """The table's own rows, in order, each with whether it is a header row."""
    for child in table:
        if child.tag == f"{TABLE}table-row":
            yield child, False
        elif child.tag in {f"{TABLE}table-header-rows", f"{TABLE}table-rows"}:
            header = child.tag == f"{TABLE}table-header-rows"
            for row in child.findall(f"{TABLE}table-row"):
                yield row, header


def _odt_text(element: ET.Element) -> str:
    out = [element.text or ""]
    for child in element:
        if child.tag == f"{TEXT}s":
            out.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif child.tag == f"{TEXT}tab":
            out.append("\t")
        elif child.tag == f"{TEXT}line-break":
            out.append("\n")
        else:
            out.append(_odt_text(child))
        out.append(child.tail or "")
    return "".join(out)


def odt_table_problems(content_xml: str, styles_xml: str, *, landscape: bool) -> list[str]:
    """Rows kept together (fo:keep-together="always"); a grid table's first row among the
    header rows; no column narrower than 1 cm, and the columns fill the text width."""
    styles = OdtStyles(content_xml, styles_xml)
    problems = []
    root = ET.fromstring(content_xml)
    for number, table in enumerate(root.iter(f"{TABLE}table"), 1):
        name = _table_name(number, table.get(f"{TABLE}name", ""), _odt_text(table).strip())
        rows = list(_odt_rows(table))
        splitting = [
            i
            for i, (row, _header) in enumerate(rows, 1)
            if styles.property(
                "table-row",
                row.get(f"{TABLE}style-name"),
                "table-row-properties",
                f"{FO}keep-together",
            )
            != "always"
        ]
        if splitting:
            problems.append(
                f"{name}: {_numbers(splitting, len(rows))} may split across pages "
                '(no fo:keep-together="always")'
            )
        grid = any(_bordered(styles, cell) for cell in table.iter(f"{TABLE}table-cell"))
        if grid and rows and not rows[0][1]:
            problems.append(f"{name}: the first row is not in table:table-header-rows")
        widths: list[float | None] = []
        for column in table.findall(f"{TABLE}table-column"):
            width = styles.property(
                "table-column",
                column.get(f"{TABLE}style-name"),
                "table-column-properties",
                f"{STYLE}column-width",
            )
            repeated = int(column.get(f"{TABLE}number-columns-repeated", "1"))
            widths += [length_mm(width) if width else None] * repeated
        if None in widths:
            problems.append(f"{name}: a column without style:column-width")
            continue
        known = [w for w in widths if w is not None]
        narrow = [f"{i}: {w:.1f} mm" for i, w in enumerate(known, 1) if w < MIN_COLUMN_MM - 0.05]
        if narrow:
            problems.append(f"{name}: columns narrower than 1 cm — {', '.join(narrow)}")
        if abs(sum(known) - TEXT_WIDTH_MM[landscape]) > 1:
            problems.append(
                f"{name}: the columns add up to {sum(known):.1f} mm, the text width is "
                f"{TEXT_WIDTH_MM[landscape]} mm"
            )
    return problems


def _bordered(styles: OdtStyles, cell: ET.Element) -> bool:
    name = cell.get(f"{TABLE}style-name")
    for side in ("border", "border-top", "border-bottom", "border-left", "border-right"):
        value = styles.property("table-cell", name, "table-cell-properties", f"{FO}{side}")
        if value and value.strip() not in {"none", "hidden"} and not value.startswith("0 "):
            return True
    return False


def odt_language_problems(styles_xml: str) -> list[str]:
    """Hyphenation on and Russian in the default paragraph style («Standard», falling back
    on the paragraph defaults)."""
    root = ET.fromstring(styles_xml)
    defaults = next(
        (
            s.find(f"{STYLE}text-properties")
            for s in root.iter(f"{STYLE}default-style")
            if s.get(f"{STYLE}family") == "paragraph"
        ),
        None,
    )
    styles = OdtStyles(styles_xml)

    def effective(attribute: str) -> str | None:
        own = styles.property("paragraph", "Standard", "text-properties", attribute)
        if own is not None:
            return own
        return defaults.get(attribute) if defaults is not None else None

    problems = []
    if effective(f"{FO}hyphenate") != "true":
        problems.append(
            f'styles.xml: the default paragraph style has fo:hyphenate="{effective(f"{FO}hyphenate")}"'
        )
    language = (effective(f"{FO}language"), effective(f"{FO}country"))
    if language != ("ru", "RU"):
        problems.append(f"styles.xml: the default paragraph style's language is {language}")
    return problems


def odt_paragraphs(content_xml: str) -> list[str]:
    root = ET.fromstring(content_xml)
    return [_odt_text(p) for tag in ("p", "h") for p in root.iter(f"{TEXT}{tag}")]


# --- spaces in the text ------------------------------------------------------------------

_GENITIVE = "|".join(MONTHS)
_ANY_CASE = "|".join(sorted(_ANY_MONTH))
SPACE_RULES = (
    (re.compile(r"№ "), "a normal space after «№»"),
    (re.compile(rf"\b\d{{1,2}} (?=(?:{_GENITIVE})\b)"), "a normal space between day and month"),
    (
        re.compile(rf"\b(?:{_ANY_CASE}) (?=\d{{4}}\b)", re.IGNORECASE),
        "a normal space between month and year",
    ),
    (re.compile(r"\b\d{4} (?=гг?\.)"), "a normal space between the year and «г.»"),
)


def space_problems(paragraphs: Iterable[str]) -> list[str]:
    """«№ 3», «20 ноября 2025 г.»: U+00A0, never a normal space, between the parts."""
    problems = []
    for text in paragraphs:
        for rule, what in SPACE_RULES:
            for match in rule.finditer(text):
                context = text[max(0, match.start() - 25) : match.end() + 25].replace("\n", " ")
                problems.append(f"{what}: «{context.replace(chr(0xA0), '·')}»")
    return problems
