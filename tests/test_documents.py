"""Official documents through the real pandoc: every kind in DOCX and ODT, the sandbox,
the cache, the analysis's frozen figures, and the import of Word protocols.

One association year of the sample records (mpo-tula, 2025-2026) is exported once per
module; tests that change records work on a copy of `records/` and share the cache, so
only what they change is converted again.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.authoring.docx_text import docx_lines
from generator.checking.validate import validate
from generator.checking.years import Year, collect_years
from generator.cli import main
from generator.documents.catalog import KINDS, year_documents
from generator.documents.escape import inline, narrative
from generator.documents.export import CACHE_FOLDER, Selection, Summary, export, render_selection
from generator.documents.links import DocumentLink, document_links, site_files
from generator.documents.pandoc import FORMATS, convert
from generator.loading.project import Project, load_project
from generator.rendering.publication import Edition, Publishing
from generator.russian import continued
from schemas import Meeting

from .conftest import REPO

AS_OF = date(2026, 11, 22)
ASSOCIATION, YEAR = "mpo-tula", "2025-2026"
MEETINGS = f"records/associations/{ASSOCIATION}/{YEAR}/meetings"
SUBSET = Selection(KINDS, FORMATS, AS_OF, ASSOCIATION, YEAR)
HOSTILE = [
    "![x](/etc/passwd)",
    "![x](https://example.org/a.png)",
    "`<w:p><w:r><w:t>вставка</w:t></w:r></w:p>`{=openxml}",
    '::: {custom-style="Title"}\nзаголовок\n:::',
    "<script>alert(1)</script> &amp; <b>жирный</b>",
    "# Заголовок\n\n1. список\n- пункт\n> цитата",
    "**жирный** [ссылка](http://example.org) ^[сноска] @цитата $x^2$ ~sub~",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "строка с \\ обратной чертой и \\\nпереносом",
]


# --- helpers -----------------------------------------------------------------------------


def xml_of(path: Path) -> str:
    """The main XML part of a DOCX or ODT file."""
    part = "word/document.xml" if path.suffix == ".docx" else "content.xml"
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


def in_order(text: str, *needles: str) -> bool:
    """Whether every needle occurs in text, each after the previous one."""
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def copy_project(destination: Path) -> Path:
    root = destination / "project"
    for folder in ("records", "files"):  # attachments in files/ are checked to exist
        shutil.copytree(REPO / folder, root / folder)
    return root


def export_subset(root: Path, cache: Path, out: Path, **changes: object) -> Summary:
    project = valid_project(root)
    selection = dataclasses.replace(SUBSET, **changes)  # type: ignore[arg-type]
    return export(project, selection, out, cache)


def valid_project(root: Path) -> Project:
    result = validate(root)
    assert result.ok, [d.format_text() for d in result.diagnostics if d.severity == "error"]
    return result.project


def the_year(project: Project) -> Year:
    return next(y for y in collect_years(project) if (y.association, y.year) == (ASSOCIATION, YEAR))


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> tuple[Path, Summary]:
    """The sample association year exported once, in both formats."""
    out = tmp_path_factory.mktemp("documents")
    summary = export(valid_project(REPO), SUBSET, out, cache)
    return out / ASSOCIATION / YEAR, summary


# --- every kind, both formats --------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_kind_converts(exported: tuple[Path, Summary], kind: str, fmt: str) -> None:
    folder, _summary = exported
    files = sorted(folder.glob(f"{kind}*.{fmt}"))
    assert files, f"no {kind} document in {fmt}"
    for path in files:
        assert zipfile.is_zipfile(path)
        assert len(xml_of(path)) > 1000


def test_names_are_stable(exported: tuple[Path, Summary]) -> None:
    folder, summary = exported
    names = {p.name for p in folder.iterdir()}
    assert {"protocol-03.docx", "extract-03-1.odt", "register-03.docx", "plan.odt"} <= names
    assert {"invitation-05.docx", "journal.docx", "analysis.odt"} <= names
    assert summary.documents == len(names) == summary.converted + summary.cached


@pytest.mark.parametrize("fmt", FORMATS)
def test_protocol_layout(exported: tuple[Path, Summary], fmt: str) -> None:
    xml = xml_of(exported[0] / f"protocol-03.{fmt}")
    # «№» and its number never part at a line's end (a non-breaking space)
    assert in_order(xml, "ПРОТОКОЛ", "11.12.2025", "№\u00a03", "Председатель", "Повестка дня")
    assert in_order(xml, "Повестка дня", "СЛУШАЛИ", "ВЫСТУПИЛИ", "РЕШИЛИ", "1.1.", "1.2.")
    assert in_order(xml, "2. СЛУШАЛИ", "РЕШИЛИ", "2.1.", "2.2.", "Председатель", "Секретарь")
    # an online meeting: not every name is recorded, so its list of participants is attached
    assert "21 человек (список участников прилагается)" in xml
    assert in_order(xml, "Приложения:", "1. Список участников заседания.", "Секретарь")
    table = "<w:tbl>" if fmt == "docx" else "<table:table "
    signatures = xml[xml.rfind(table) :]
    # initials and the surname never part at a line's end either
    signers = ("Председатель", "Е.\u00a0П.\u00a0Волкова", "Секретарь", "О.\u00a0К.\u00a0Ильина")
    assert in_order(signatures, *signers)
    borderless = 'w:val="Signatures"' if fmt == "docx" else "DocCellPlain"
    assert borderless in signatures


@pytest.mark.parametrize("fmt", FORMATS)
def test_plan_layout(exported: tuple[Path, Summary], fmt: str) -> None:
    xml = xml_of(exported[0] / f"plan.{fmt}")
    headers = ("№", "Мероприятие", "Сроки", "Форма", "Ответственные", "Ожидаемый результат")
    # approved by an order of the centre: the grif names the order, not a signature
    assert in_order(xml, "УТВЕРЖДЕН", "приказом МКУ", "от 12.09.2025 №\u00a061-о", "ПЛАН")
    assert "УТВЕРЖДАЮ" not in xml
    assert in_order(xml, "ПЛАН РАБОТЫ", *headers, "Установочное заседание")
    grid = 'w:val="Table"' if fmt == "docx" else "DocCellGrid"
    assert grid in xml


@pytest.mark.parametrize("fmt", FORMATS)
def test_other_kinds_layout(exported: tuple[Path, Summary], fmt: str) -> None:
    folder = exported[0]
    extract = xml_of(folder / f"extract-03-1.{fmt}")
    assert in_order(extract, "ВЫПИСКА ИЗ ПРОТОКОЛА", "СЛУШАЛИ", "1.1.", "Верно", "Секретарь")
    assert "2.1." not in extract and "Выписка верна" not in extract
    register = xml_of(folder / f"register-05.{fmt}")
    assert in_order(register, "ЛИСТ РЕГИСТРАЦИИ", "Фамилия, имя, отчество", "Подпись")
    assert "Волкова Елена Петровна" in register
    online = xml_of(folder / f"register-03.{fmt}")  # an online meeting: a list, no signatures
    assert in_order(online, "СПИСОК УЧАСТНИКОВ", "Фамилия, имя, отчество", "Организация")
    assert "Подпись" not in online
    journal = xml_of(folder / f"journal.{fmt}")
    assert in_order(journal, "ЖУРНАЛ", "30.10.2025", "Волкова\u00a0Е.\u00a0П.", "28.04.2026")
    invitation = xml_of(folder / f"invitation-03.{fmt}")
    day = "11\u00a0декабря\u00a02025\u00a0г."  # a date never parts at a line's end
    assert in_order(invitation, "Уважаемые коллеги!", day, "Руководитель", "Исполнитель")


@pytest.mark.parametrize("fmt", FORMATS)
def test_blocks_keep_their_layout_styles(exported: tuple[Path, Summary], fmt: str) -> None:
    """«УТВЕРЖДАЮ» sits in the right-hand block and titles are centred, in Word and in ODF."""

    def style_of(xml: str, text: str) -> str:
        paragraph = "<w:p>" if fmt == "docx" else "<text:p "
        start = xml.rfind(paragraph, 0, xml.index(text))
        found = re.search(r'(?:w:pStyle w:val|text:style-name)="([^"]+)"', xml[start:])
        assert found is not None, text
        return found[1]

    plan = xml_of(exported[0] / f"plan.{fmt}")
    assert style_of(plan, "УТВЕРЖДЕН") == "RightBlock"
    assert style_of(plan, "ПЛАН РАБОТЫ") == "DocumentType"
    protocol = xml_of(exported[0] / f"protocol-03.{fmt}")
    assert style_of(protocol, "ПРОТОКОЛ") == "DocumentType"
    assert style_of(protocol, "РЕШИЛИ") == "NoIndent"


def test_page_layout_comes_from_the_reference(exported: tuple[Path, Summary]) -> None:
    path = exported[0] / "protocol-03.docx"
    xml = xml_of(path)
    assert re.search(r"<w:titlePg\s*/>", xml) and 'w:type="first"' in xml  # no number on page 1
    assert 'w:left="1701"' in xml and 'w:right="567"' in xml  # 30 mm and 10 mm
    with zipfile.ZipFile(path) as archive:
        assert " PAGE " in archive.read("word/header1.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert 'w:ascii="Times New Roman"' in styles and re.search(r'<w:sz w:val="28"\s*/>', styles)
    with zipfile.ZipFile(exported[0] / "protocol-03.odt") as archive:
        odt_styles = archive.read("styles.xml").decode()
    assert "<style:header-first>" in odt_styles and "text:page-number" in odt_styles
    assert 'fo:page-width="210mm"' in odt_styles and 'fo:margin-left="30mm"' in odt_styles


def test_every_style_a_document_uses_is_defined(exported: tuple[Path, Summary]) -> None:
    """A style missing from the reference document would fall back to the editor's default."""
    for path in exported[0].iterdir():
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            parts = {
                name: archive.read(name).decode("utf-8") for name in names if name.endswith(".xml")
            }
        if path.suffix == ".docx":
            used = set(
                re.findall(
                    r'<w:(?:pStyle|tblStyle|rStyle) w:val="([^"]+)"', parts["word/document.xml"]
                )
            )
            defined = set(re.findall(r'w:styleId="([^"]+)"', parts["word/styles.xml"]))
        else:
            used = set(re.findall(r'(?<!parent-)style-name="([^"]+)"', parts["content.xml"]))
            defined = set(
                re.findall(r'style:name="([^"]+)"', parts["styles.xml"] + parts["content.xml"])
            )
        assert used <= defined, (path.name, used - defined)


def test_reference_documents_are_up_to_date() -> None:
    script = REPO / "generator/templates/documents/reference/build_reference.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- record text stays text; pandoc stays in its sandbox ----------------------------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_record_text_prints_as_written(value: str) -> None:
    data = convert(f"Текст: {inline(value)}", "docx")
    expected = "Текст: " + re.sub(r"\s+", " ", value).strip()
    assert docx_lines(data) == [expected]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [name for name in archive.namelist() if name.startswith("word/media")]
        assert "<w:drawing" not in archive.read("word/document.xml").decode()


def test_narrative_keeps_structure_not_markup() -> None:
    blocks = narrative("## Итоги\n\nТекст **важно** <b>x</b>\n\n1. Раз\n2. Два\n\n- а\n- б\n")
    assert [b.kind for b in blocks] == ["heading", "paragraph", "numbers", "bullets"]
    assert blocks[0].level == 2 and str(blocks[1].text) == r"Текст **важно** \<b\>x\<\/b\>"
    assert len(blocks[2].items) == 2 and len(blocks[3].items) == 2


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []  # noqa: RUF012 — shared by the server's handler instances

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


def test_sandbox_reads_no_file_and_no_url(tmp_path: Path) -> None:
    """Even raw Markdown (should escaping ever fail) cannot pull a file or a URL in."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"SECRET-CONTENT-1234")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/a.png"
    markdown = f"![x]({secret})\n\n![y](/etc/passwd)\n\n![z]({url})\n"
    try:
        for fmt in FORMATS:
            with zipfile.ZipFile(io.BytesIO(convert(markdown, fmt))) as archive:
                content = b"".join(archive.read(name) for name in archive.namelist())
                media = [n for n in archive.namelist() if "media" in n or "Pictures" in n]
            assert b"SECRET-CONTENT" not in content and b"root:" not in content
            assert not media
    finally:
        server.shutdown()
    assert _Recorder.requests == []


def test_hostile_record_reaches_the_document_as_text(tmp_path: Path, cache: Path) -> None:
    root = copy_project(tmp_path)
    meeting = root / MEETINGS / "03.yaml"
    text = meeting.read_text(encoding="utf-8")
    hostile = "![x](/etc/passwd) и ![y](https://example.org/a.png)"
    meeting.write_text(text.replace("Показала, как", f"{hostile} Показала, как", 1), "utf-8")
    export_subset(root, cache, tmp_path / "out", kinds=("protocol",))
    for fmt in FORMATS:
        path = tmp_path / "out" / ASSOCIATION / YEAR / f"protocol-03.{fmt}"
        assert "![x](/etc/passwd)" in xml_of(path)
        with zipfile.ZipFile(path) as archive:
            assert not [n for n in archive.namelist() if "media" in n or "Pictures" in n]
            assert b"root:" not in b"".join(archive.read(n) for n in archive.namelist())


# --- cache ---------------------------------------------------------------------------------


def test_second_export_converts_nothing(exported: tuple[Path, Summary], cache: Path) -> None:
    folder, first = exported
    times = {p: p.stat().st_mtime_ns for p in folder.iterdir()}
    again = export(valid_project(REPO), SUBSET, folder.parent.parent, cache)
    assert (again.converted, again.cached, again.written) == (0, first.documents, 0)
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == times


def test_changing_one_record_converts_only_its_documents(
    exported: tuple[Path, Summary], tmp_path: Path, cache: Path
) -> None:
    root = copy_project(tmp_path)
    out = tmp_path / "out"
    assert export_subset(root, cache, out).converted == 0  # same records: all from the cache
    meeting = root / MEETINGS / "03.yaml"
    meeting.write_text(meeting.read_text("utf-8").replace("платформа «Сферум»", "ВКС"), "utf-8")
    summary = export_subset(root, cache, out)
    own = [ref for ref in year_documents(the_year(valid_project(root))) if ref.number == "03"]
    assert summary.converted == summary.written == len(own) * len(FORMATS)
    assert "ВКС" in xml_of(out / ASSOCIATION / YEAR / "protocol-03.docx")


# --- annual analysis -------------------------------------------------------------------------


def test_analysis_keeps_submitted_figures_and_reports_differences(
    tmp_path: Path, cache: Path
) -> None:
    root = copy_project(tmp_path)
    out = tmp_path / "out" / ASSOCIATION / YEAR
    export_subset(root, cache, tmp_path / "out", kinds=("analysis",), formats=("docx",))
    before = xml_of(out / "analysis.docx")
    assert in_order(before, "представлен в центр 10.07.2026", "Консультаций", "8")
    assert "расходятся" not in before
    (
        root / f"records/associations/{ASSOCIATION}/{YEAR}/consultations/2026-04-28-school-101.yaml"
    ).unlink()
    summary = export_subset(root, cache, tmp_path / "out", kinds=("analysis",), formats=("docx",))
    after = xml_of(out / "analysis.docx")
    assert summary.converted == 1
    assert in_order(
        after, "Консультаций", "8", "расходятся", "Консультаций: представлено 8, по записям 7"
    )


# --- links ---------------------------------------------------------------------------------


def test_links_offer_public_documents_only_when_signed_or_approved(
    exported: tuple[Path, Summary],
) -> None:
    project = valid_project(REPO)
    year = the_year(project)
    public = Publishing(Edition.PUBLIC, AS_OF)
    internal = Publishing(Edition.INTERNAL, AS_OF)
    available = site_files(project, internal, exported[0].parent.parent)
    assert available["documents/mpo-tula/2025-2026/journal.odt"] == exported[0] / "journal.odt"

    def links(kind: str, number: str | None, publishing: Publishing) -> list[DocumentLink]:
        return document_links(kind, year, number, publishing=publishing, available=available)

    assert links("protocol", "03", public) == [
        DocumentLink(
            "Протокол № 3",
            (
                ("DOCX", "documents/mpo-tula/2025-2026/protocol-03.docx"),
                ("ODT", "documents/mpo-tula/2025-2026/protocol-03.odt"),
            ),
        )
    ]
    assert links("protocol", "03", Publishing(Edition.PUBLIC, date(2025, 12, 12))) == []
    assert links("extract", "03", public) == []
    assert len(links("extract", "03", internal)) == 2  # two agenda items with decisions
    assert links("plan", None, public)[0].files[0][1].endswith("/plan.docx")
    only_docx = {path: file for path, file in available.items() if path.endswith(".docx")}
    assert document_links("plan", year, publishing=internal, available=only_docx) == [
        DocumentLink(
            "План работы на 2025/2026 учебный год",
            (("DOCX", "documents/mpo-tula/2025-2026/plan.docx"),),
        )
    ]
    assert document_links("plan", year, publishing=internal, available={}) == []


def test_site_files_refuse_a_symlink_in_the_export_folder(
    exported: tuple[Path, Summary], tmp_path: Path
) -> None:
    """build/ is not in git: a link planted there must not publish the file it points to."""
    folder = tmp_path / "documents"
    shutil.copytree(exported[0].parent.parent, folder)
    planted = folder / ASSOCIATION / YEAR / "protocol-03.docx"
    planted.unlink()
    secret = tmp_path / "secret.docx"
    secret.write_bytes(b"not for the site")
    planted.symlink_to(secret)
    internal = Publishing(Edition.INTERNAL, AS_OF)
    files = site_files(valid_project(REPO), internal, folder)
    assert f"documents/{ASSOCIATION}/{YEAR}/protocol-03.docx" not in files
    assert f"documents/{ASSOCIATION}/{YEAR}/protocol-03.odt" in files


def test_public_documents_name_people_only_with_consent() -> None:
    """zaitseva-lp gave no consent: the public protocol neither names her nor shows her post,
    which would tell who she is («консультант отдела общего образования» of the department)."""
    project = valid_project(REPO)
    public = dataclasses.replace(SUBSET, kinds=("protocol",), edition=Edition.PUBLIC)
    internal = dataclasses.replace(public, edition=Edition.INTERNAL)
    [public_01, *_] = render_selection(project, public)
    [internal_01, *_] = render_selection(project, internal)
    assert public_01.ref.stem == internal_01.ref.stem == "protocol-01"
    assert "Зайцева" in internal_01.markdown and "Зайцева" not in public_01.markdown
    assert "консультант отдела общего образования" in internal_01.markdown
    assert "консультант отдела общего образования" not in public_01.markdown
    assert [
        r.ref.kind for r in render_selection(project, dataclasses.replace(public, kinds=KINDS))
    ] == [
        *["protocol"] * 5,
        "plan",
    ]


def test_public_protocol_is_a_published_copy_without_signatures_or_execution_marks() -> None:
    project = valid_project(REPO)
    public = dataclasses.replace(SUBSET, kinds=("protocol",), edition=Edition.PUBLIC)
    internal = dataclasses.replace(public, edition=Edition.INTERNAL)
    published = {r.ref.stem: r.markdown for r in render_selection(project, public)}
    kept = {r.ref.stem: r.markdown for r in render_selection(project, internal)}
    signature_line = r"\_\_\_\_"
    control = "О ходе исполнения решений предыдущих заседаний"  # the follow-up's agenda item
    for stem, markdown in published.items():
        assert "Копия для опубликования. Подлинник протокола, подписанный" in markdown, stem
        assert signature_line not in markdown and control not in markdown, stem
        assert signature_line in kept[stem] and "Копия для опубликования" not in kept[stem]
    assert any(control in markdown for markdown in kept.values())
    internal_passage = "не хватает"  # meetings/04.yaml: a statement marked internal: true
    assert internal_passage in kept["protocol-04"]
    assert internal_passage not in published["protocol-04"]
    assert "ВЫСТУПИЛИ" in published["protocol-04"]  # the other statements stay
    # a speaker who may not be named opens the paragraph with a capital all the same
    assert "\nУчастник объединения — предложил" in published["protocol-04"]
    assert "\nучастник объединения" not in published["protocol-04"]


# --- CLI: export and import-docx ----------------------------------------------------------------


def test_export_command_stops_on_invalid_records(tmp_path: Path, runner: CliRunner) -> None:
    root = copy_project(tmp_path)
    meeting = root / MEETINGS / "03.yaml"
    meeting.write_text(
        meeting.read_text("utf-8").replace("status: held", "status: hled", 1), "utf-8"
    )
    result = runner.invoke(main, ["export", "--root", str(root)])
    expected = runner.invoke(main, ["validate", "--root", str(root)])
    assert result.exit_code == 1 and not (root / "build").exists()
    assert result.output == expected.output


def test_export_command_prints_a_russian_summary(tmp_path: Path, runner: CliRunner) -> None:
    root = copy_project(tmp_path)
    args = [
        "export",
        "--root",
        str(root),
        "--year",
        YEAR,
        "--kind",
        "plan",
        "--as-of",
        "2026-11-22",
    ]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "Документов: 2. Преобразовано pandoc: 2, взято из кэша: 0." in first.output
    assert (root / "build/documents/internal/mpo-tula/2025-2026/plan.odt").is_file()
    second = runner.invoke(main, args)
    assert "Преобразовано pandoc: 0, взято из кэша: 2." in second.output
    assert (root / CACHE_FOLDER).is_dir()


def test_import_round_trip(
    exported: tuple[Path, Summary], tmp_path: Path, runner: CliRunner
) -> None:
    original = _meeting(REPO, "03")
    root = copy_project(tmp_path)
    (root / MEETINGS / "03.yaml").unlink()
    source = exported[0] / "protocol-03.docx"
    args = ["import-docx", str(source), "--root", str(root), "--association", ASSOCIATION]
    result = runner.invoke(main, [*args, "--year", YEAR])
    assert result.exit_code == 0, result.output
    assert "Запись проходит проверку" in result.output
    imported = _meeting(root, "03")
    assert imported.protocol is not None and original.protocol is not None
    for name in ("status", "date", "time", "place", "format", "topic"):
        assert getattr(imported, name) == getattr(original, name), name
    mine, theirs = imported.protocol, original.protocol
    assert mine.status.value == "draft"
    assert (mine.chair, mine.secretary, mine.present_count) == (theirs.chair, theirs.secretary, 21)
    assert mine.recommendations == theirs.recommendations
    for got, want in zip(mine.agenda, theirs.agenda, strict=True):
        assert (got.question, got.speaker) == (want.question, want.speaker)
        # the protocol continues «Фамилия — показала, …» (russian.continued); the import
        # keeps the words as the document has them
        assert _words(got.summary) == _words(continued(want.summary))
        assert [(s.person, s.summary) for s in got.discussion] == [
            (s.person, continued(s.summary)) for s in want.discussion
        ]
        assert [(d.text, d.executor, d.executor_group, d.deadline) for d in got.decisions] == [
            (d.text, d.executor, d.executor_group, d.deadline) for d in want.decisions
        ]
    again = runner.invoke(main, [*args, "--year", YEAR])
    # The draft's place is taken: nothing is overwritten, the existing record is named.
    assert again.exit_code == 1 and "уже есть" in again.output
    assert f"{MEETINGS}/03.yaml" in again.output, "the existing record is named"


def test_import_of_a_hand_made_word_protocol(tmp_path: Path, runner: CliRunner) -> None:
    """A protocol typed in Word: tabs, «ПОСТАНОВИЛИ», names as «Маркину О.В.», no styles."""
    root = copy_project(tmp_path)
    source = tmp_path / "Протокол 6.docx"
    source.write_bytes(_word_document(HAND_MADE))
    args = ["import-docx", str(source), "--root", str(root), "--association", ASSOCIATION]
    result = runner.invoke(main, [*args, "--year", YEAR])
    assert result.exit_code == 0, result.output
    assert "place — место проведения не указано" in result.output
    written = (root / MEETINGS / "06.yaml").read_text("utf-8")
    assert "# ← формат" in written and "#   Голосовали: «за» – 16, «против» – 0." in written
    meeting = _meeting(root, "06")
    protocol = meeting.protocol
    assert protocol is not None
    assert (meeting.date, meeting.place, meeting.topic) == (
        date(2026, 6, 10),
        "г. Тула",
        "О подготовке к ВПР в 2026/2027 учебном году",
    )
    assert (protocol.chair, protocol.secretary, protocol.present_count) == (
        "volkova-ep",
        "ilyina-ok",
        16,
    )
    assert [i.person for i in protocol.invited] == ["belova-ea"]
    assert [item.speaker for item in protocol.agenda] == ["markina-ov", "volkova-ep"]
    first, second = protocol.agenda
    assert first.summary == "о графике пробных работ и анализе их результатов."
    assert [s.person for s in first.discussion] == ["smirnova-yu"]
    assert [(d.executor, d.executor_group, d.deadline) for d in first.decisions] == [
        (None, "руководители ОО — участники объединения", None),
        ("markina-ov", None, date(2026, 9, 15)),
    ]
    assert first.decisions[1].text == "Подготовить памятку по анализу пробных работ."
    assert [d.executor_group for d in second.decisions] == ["не указан в протоколе"]


HAND_MADE = [
    "Муниципальное бюджетное общеобразовательное учреждение «Центр образования № 102»",
    "**ПРОТОКОЛ**",
    "10.06.2026\t\t\t№ 6",
    "г. Тула",
    "заседания межшкольного профессионального объединения руководителей",
    "Председатель: Волкова Е.П.",
    "Секретарь: Ильина О.К.",
    "Присутствовали: 16 человек (список прилагается)",
    "Приглашенные: Белова Е.А., старший методист МКУ «ЦНППМ г. Тулы»",
    "**ПОВЕСТКА ДНЯ:**",
    "1. О подготовке к ВПР в 2026/2027 учебном году. Докладчик: Маркина О.В.",
    "2. О плане работы на июнь. Докладчик: Волкова Е.П.",
    "**1. СЛУШАЛИ:** Маркину О.В. – о графике пробных работ и анализе их результатов.",
    "**ВЫСТУПИЛИ:**",
    "Смирнова Ю.О. – предложила провести пробные работы в сентябре.",
    "**ПОСТАНОВИЛИ:**",
    "1.1. Провести пробные ВПР в сентябре 2026 г. Ответственные: руководители ОО — участники объединения.",
    "1.2. Подготовить памятку по анализу пробных работ. Ответственный: Маркина О.В. Срок: до 15.09.2026.",
    "**2. СЛУШАЛИ:**",
    "Волкову Е.П. – о мероприятиях июня.",
    "**ПОСТАНОВИЛИ:**",
    "2.1. Утвердить план мероприятий на июнь.",
    "Голосовали: «за» – 16, «против» – 0.",
    "Председатель\t\t\tЕ.П. Волкова",
    "Секретарь\t\t\tО.К. Ильина",
]


def _word_document(lines: list[str], header: list[list[str]] | None = None) -> bytes:
    """A bare DOCX as Word writes one: paragraphs of runs, bold runs, tabs, no styles.

    `header` rows, when given, come first as a table (w:tbl) of one paragraph per cell —
    the header many schools lay out as a table: organisation, «ПРОТОКОЛ», date, number.
    """

    def run(text: str, bold: bool) -> str:
        parts = [
            "<w:tab/>" if piece == "\t" else f'<w:t xml:space="preserve">{piece}</w:t>'
            for piece in re.split(r"(\t)", text)
            if piece
        ]
        return f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}{''.join(parts)}</w:r>"

    def paragraph(line: str) -> str:
        pieces = re.split(r"\*\*(.+?)\*\*", line)
        return "<w:p>" + "".join(run(p, i % 2 == 1) for i, p in enumerate(pieces) if p) + "</w:p>"

    def table(rows: list[list[str]]) -> str:
        cells = ("".join(f"<w:tc>{paragraph(cell)}</w:tc>" for cell in row) for row in rows)
        return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in cells) + "</w:tbl>"

    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = (table(header) if header else "") + "".join(paragraph(line) for line in lines)
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.'
            'document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http:'
            '//schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {namespace}><w:body>{body}'
            "</w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _words(text: str) -> str:
    return " ".join(text.split())


def _meeting(root: Path, number: str) -> Meeting:
    project, _problems = load_project(root)
    record = next(r for r in project.of_kind("meeting") if r.path == f"{MEETINGS}/{number}.yaml")
    assert isinstance(record.model, Meeting)
    return record.model
