"""The control sheet (`export --kind control`): the decisions still open on a day.

A small project built on the base case holds one decision of each kind the chair meets under
«Контроль исполнения»: open past its deadline, done by a later meeting's follow-up,
cancelled, internal with a deadline in words, and not yet due. The DOCX goes through the
real pandoc and is read back with zipfile, as a person opening it in Word would read it.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from generator.checking.decisions import association_meetings
from generator.checking.validate import validate
from generator.checking.years import Year, collect_years
from generator.cli import main
from generator.documents.catalog import KINDS, year_documents
from generator.documents.context import Paperwork
from generator.documents.control import open_decisions
from generator.documents.export import Selection, document_refs, render_selection
from generator.documents.kinds import render_document
from generator.documents.links import offered, site_path
from generator.documents.pandoc import FORMATS
from generator.loading.project import Project
from generator.rendering.publication import Edition, Publishing

from .conftest import REPO, untypeset

MEETINGS = "records/associations/mpo-test/2025-2026/meetings"

SECOND = """\
status: held
date: 2025-10-15
place: МБОУ «ЦО № 2»
format: in_person
topic: Диагностика и памятки
protocol:
  status: signed
  signed: 2025-10-20
  chair: sidorova-ev
  secretary: ivanova-ma
  present: [ivanova-ma, petrov-an, sidorova-ev]
  agenda:
    - question: Итоги входной диагностики
      direction: methodical
      speaker: sidorova-ev
      summary: Доложила итоги.
      decisions:
        - text: Провести повторную диагностику руководителей.
          executor: ivanova-ma
          deadline: 2025-11-01
        - text: Подготовить памятку по анализу ВПР.
          executor: petrov-an
          deadline: 2025-11-15
        - text: Провести выездной семинар в школе-партнёре.
          executor_group: руководители школ — участники объединения
          deadline: 2025-12-20
          execution:
            status: cancelled
            note: Семинар заменён вебинаром.
            checked: 2025-10-30
        - text: Разобрать трудности школы № 1 с кадрами.
          executor_group: администрация школы № 1
          deadline_text: в течение года
          internal: true
"""

THIRD = """\
status: held
date: 2025-11-20
place: МБОУ «ЦО № 2»
format: online
topic: Практики
protocol:
  status: signed
  signed: 2025-11-25
  chair: sidorova-ev
  secretary: ivanova-ma
  present: [ivanova-ma, petrov-an, sidorova-ev]
  agenda:
    - question: Практики участников
      direction: methodical
      speaker: petrov-an
      summary: Представил практику.
      decisions:
        - text: Описать практику для библиотеки.
          executor: petrov-an
          deadline: 2026-02-01
  follow_up:
    - meeting: 2025-2026/02
      decision: "1.2"
      status: done
      note: Памятка разослана участникам.
"""


def build(root: Path) -> Path:
    """The base project with the two meetings above."""
    (root / MEETINGS / "02.yaml").write_text(SECOND, encoding="utf-8")
    (root / MEETINGS / "03.yaml").write_text(THIRD, encoding="utf-8")
    return root


def valid(root: Path) -> Project:
    result = validate(root)
    assert result.ok, [d.format_text() for d in result.diagnostics if d.severity == "error"]
    return result.project


def the_year(project: Project, association: str = "mpo-test", year: str = "2025-2026") -> Year:
    return next(y for y in collect_years(project) if (y.association, y.year) == (association, year))


def rows(
    project: Project, as_of: date, association: str = "mpo-test", year: str = "2025-2026"
) -> dict[str, str]:
    """`2025-2026/02/1.1` → status, for every decision the sheet lists."""
    chosen = the_year(project, association, year)
    others = [(ref, m) for ref, m in association_meetings(project, association) if ref[:9] != year]
    return {
        f"{row.meeting}/{row.number}": row.status for row in open_decisions(chosen, as_of, others)
    }


def sheet(project: Project, as_of: date) -> str:
    """The control sheet's Markdown as a reader sees its words (no typography, no escapes)."""
    return plain(project, the_year(project), as_of)


def plain(project: Project, year: Year, as_of: date) -> str:
    [ref] = [ref for ref in year_documents(year) if ref.kind == "control"]
    markdown = render_document(ref, year, Paperwork(project), as_of).markdown
    return re.sub(r"\\(.)", r"\1", untypeset(markdown))


def docx_rows(path: Path) -> list[list[str]]:
    """The text of every table row of a DOCX, cell by cell."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")

    def text(part: str) -> str:
        return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", part)).replace("\u00a0", " ")

    return [
        [text(cell) for cell in re.findall(r"<w:tc>.*?</w:tc>", row, re.S)]
        for row in re.findall(r"<w:tr>.*?</w:tr>", xml, re.S)
    ]


# --- which decisions are open, and their status ---------------------------------------------


def test_open_decision_past_its_deadline_is_listed_as_expired(base_project: Path) -> None:
    found = rows(valid(build(base_project)), date(2025, 12, 1))
    assert found["2025-2026/02/1.1"] == "не исполнено, срок истёк"
    assert found["2025-2026/03/1.1"] == "срок не наступил"


def test_done_by_a_later_follow_up_leaves_the_sheet_only_from_that_meeting(
    base_project: Path,
) -> None:
    project = valid(build(base_project))
    assert "2025-2026/02/1.2" not in rows(project, date(2025, 12, 1))
    assert "2025-2026/02/1.2" not in rows(project, date(2025, 11, 20))  # the meeting's day
    before = rows(project, date(2025, 11, 19))
    assert before["2025-2026/02/1.2"] == "не исполнено, срок истёк"
    assert "2025-2026/03/1.1" not in before  # that meeting had not been held yet


def test_cancelled_decision_is_not_listed_but_internal_one_is(base_project: Path) -> None:
    project = valid(build(base_project))
    found = rows(project, date(2025, 12, 1))
    assert "2025-2026/02/1.3" not in found
    assert found["2025-2026/02/1.4"] == "отметки об исполнении нет"
    # cancelled on 30.10.2025: before that mark it was still under control
    assert rows(project, date(2025, 10, 25))["2025-2026/02/1.3"] == "срок не наступил"


def test_decision_of_a_protocol_signed_later_is_not_yet_listed(base_project: Path) -> None:
    project = valid(build(base_project))
    assert "2025-2026/02/1.1" not in rows(project, date(2025, 10, 18))  # held, not signed
    assert "2025-2026/02/1.1" in rows(project, date(2025, 10, 20))


def test_sheet_orders_by_deadline_and_shows_marks(base_project: Path) -> None:
    markdown = sheet(valid(build(base_project)), date(2025, 12, 1))
    assert "СПРАВКА О ХОДЕ ИСПОЛНЕНИЯ РЕШЕНИЙ" in markdown
    assert "объединения «МПО (тест)» на 01.12.2025 (2025/2026 учебный год)" in markdown
    assert "Решений, не исполненных на 01.12.2025: 4, из них с истёкшим сроком: 1." in markdown
    table = markdown[markdown.index("**№ п/п**") :]
    order = ["повторную диагностику", "Описать практику", "Избрать руководителем", "школы № 1"]
    positions = [table.index(text) for text in order]
    assert positions == sorted(positions)  # 01.11, 01.02, then deadlines in words by meeting
    assert "Иванова М. А." in table and "немедленно" in table and "в течение года" in table
    assert "Не исполнено, срок истёк; отметки об исполнении нет." in table
    assert "Руководитель объединения" in markdown and "А. Н. Петров" in markdown


def test_sheet_says_so_when_every_decision_is_done(base_project: Path) -> None:
    first = base_project / MEETINGS / "01.yaml"
    first.write_text(
        first.read_text("utf-8").replace(
            "          voting:\n",
            "          execution:\n            status: done\n            checked: 2025-09-05\n"
            "          voting:\n",
        ),
        "utf-8",
    )
    markdown = sheet(valid(base_project), date(2025, 9, 10))
    assert "На 10.09.2025 неисполненных решений нет" in markdown
    assert "**№ п/п**" not in markdown
    assert "отметки об исполнении нет" not in markdown
    assert "Руководитель объединения" in markdown  # signed all the same
    assert "неисполненных решений нет" not in sheet(valid(base_project), date(2025, 9, 4))


def test_sample_records_carry_open_decisions_with_the_latest_follow_up() -> None:
    """Two decisions of 2025/2026 are still open in November 2026; the follow-up of meeting
    2026/2027 № 2 (29.10.2026) is the latest mark, and the next year's sheet carries them."""
    project = valid(REPO)
    as_of = date(2026, 11, 22)
    assert rows(project, as_of, "mpo-tula", "2025-2026") == {
        "2025-2026/04/1.2": "не исполнено, срок истёк",
        "2025-2026/05/2.2": "не исполнено, срок истёк",
    }
    following = rows(project, as_of, "mpo-tula", "2026-2027")
    assert following == {
        "2025-2026/04/1.2": "не исполнено, срок истёк",
        "2025-2026/05/2.2": "не исполнено, срок истёк",
        "2026-2027/02/2.1": "срок не наступил",
    }
    markdown = plain(project, the_year(project, "mpo-tula", "2025-2026"), as_of)
    assert "Контроль исполнения на заседании № 2 от 29.10.2026: выполняется." in markdown
    assert "Сборник согласуется с авторами" in markdown
    following_sheet = plain(project, the_year(project, "mpo-tula", "2026-2027"), as_of)
    assert "| № 4 от 12.03.2026 (2025/2026 учебный год) | 1.2 |" in following_sheet
    # the internship (due 31.03.2026, «выполняется» on 12.03.2026) was done only by 21.05.2026
    earlier = rows(project, date(2026, 5, 1), "mpo-tula", "2025-2026")
    assert earlier["2025-2026/03/2.2"] == "не исполнено, срок истёк"
    assert earlier["2025-2026/04/1.2"] == "срок не наступил"


# --- editions, export, help ---------------------------------------------------------------------


def test_public_edition_never_offers_the_sheet() -> None:
    project = valid(REPO)
    as_of = date(2026, 11, 22)
    public = Selection(KINDS, FORMATS, as_of, edition=Edition.PUBLIC)
    internal = dataclasses.replace(public, edition=Edition.INTERNAL)
    sheets = [ref for ref in document_refs(project, internal) if ref.kind == "control"]
    assert [ref.path("docx") for ref in sheets] == [
        "mpo-tula/2025-2026/control.docx",
        "mpo-tula/2026-2027/control.docx",
    ]
    assert not [ref for ref in document_refs(project, public) if ref.kind == "control"]
    assert render_selection(project, dataclasses.replace(public, kinds=("control",))) == []
    # even with the exported files at hand, only the internal site links the sheet
    available = {site_path(ref, fmt) for ref in sheets for fmt in FORMATS}
    public_links = offered(project, Publishing(Edition.PUBLIC, as_of), available)
    internal_links = offered(project, Publishing(Edition.INTERNAL, as_of), available)
    assert not [key for key in public_links if key[2] == "control"]
    assert [link.title for link in internal_links["mpo-tula", "2025-2026", "control", None]] == [
        "Контроль исполнения решений за 2025/2026 учебный год"
    ]


def test_export_writes_the_sheet_as_docx(base_project: Path, runner: CliRunner) -> None:
    root = build(base_project)
    out = root / "out"
    args = ["export", "--root", str(root), "--kind", "control", "--format", "docx"]
    result = runner.invoke(main, [*args, "--as-of", "2025-12-01", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [p.relative_to(out).as_posix() for p in out.rglob("*.docx")] == [
        "mpo-test/2025-2026/control.docx"
    ]
    table = docx_rows(out / "mpo-test/2025-2026/control.docx")
    header, *body = [row for row in table if len(row) == 7]
    assert header == [
        "№ п/п", "Заседание (№, дата)", "№ решения", "Решение", "Исполнитель", "Срок",
        "Отметка об исполнении",
    ]  # fmt: skip
    assert [row[0] for row in body] == ["1", "2", "3", "4"]
    first = body[0]
    assert first[1:3] == ["№ 2 от 15.10.2025", "1.1"]
    assert first[3:6] == [
        "Провести повторную диагностику руководителей.",
        "Иванова М. А.",
        "01.11.2025",
    ]
    assert first[6] == "Не исполнено, срок истёк; отметки об исполнении нет."
    assert not any("памятку" in row[3] or "семинар" in row[3] for row in body)
    # a day before the follow-up marked it done, the memo is still under control
    result = runner.invoke(main, [*args, "--as-of", "2025-11-19", "--out", str(out)])
    assert result.exit_code == 0, result.output
    body = [row for row in docx_rows(out / "mpo-test/2025-2026/control.docx") if len(row) == 7]
    assert any(row[3] == "Подготовить памятку по анализу ВПР." for row in body)
    public_args = ["--edition", "public", "--as-of", "2025-12-01", "--out", str(root / "public")]
    public = runner.invoke(main, [*args, *public_args])
    assert public.exit_code == 0, public.output
    assert "Документов: 0." in public.output and not (root / "public").exists()


def test_export_help_names_the_control_sheet(runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "control — справка о ходе исполнения решений (только внутренний документ)" in text
