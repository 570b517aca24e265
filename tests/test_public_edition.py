"""What a reader of either site sees, on every built page: both editions of the sample and of
a small project with odd and hostile values, built by MkDocs as the workflows build them.

Every page: no Markdown table or emphasis left as text, no code shown with a backslash, no raw
record id, no placeholder address. The public edition besides: none of what is the internal
site's only — the editors' guide, execution marks and follow-up of decisions, the ШНОР
categories, passages marked `internal: true`, a person not named or placed without consent.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.loading.project import Project, load_project
from generator.rendering.publication import INTERNAL_DOCS
from generator.russian import continued
from schemas import Meeting, Person
from schemas.enums import ConsentScope, CouncilCategory, ExecutionStatus, ListCategory

from .conftest import CASES, REPO, build_case
from .site_reader import Page, read_site

AS_OF = "2026-11-20"
EDITIONS = ("public", "internal")
HOSTILE_TOPIC = r"Итоги | план_работы 2*3*4 <b>жирно</b> C:\Temp [ссылка](javascript:alert(1))"
INTERNAL_STATEMENT = "Сказала, что в МБОУ «СШ № 1» не хватает учителей математики."
OVERDUE_NOTE = "Сервер школы заменят только в декабре."
ABSENCE_REASON = "на больничном с 15 октября"
PLACEHOLDER = re.compile(r"example\.(?:org|com|net)", re.IGNORECASE)
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|\|\s*:?-{3,}:?\s*\|", re.MULTILINE)
EMPHASIS = re.compile(r"\*\*\S|\S\*\*|(?<![\w*\\])\*[^\s*][^*\n]*\*(?![\w*])|(?<!\w)__\w")
ESCAPED = re.compile(r"\\[\\`*_{}\[\]()#+.!|-]")
MEETING_REF = re.compile(r"\b\d{4}-\d{4}/\d{1,2}\b")


def build(root: Path, edition: str, site: Path) -> dict[str, Page]:
    config = ["-f", "mkdocs.internal.yml"] if edition == "internal" else []
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *config, "-d", str(site)],
        cwd=root, capture_output=True, text=True, check=False,
        env={**os.environ, "SITE_AS_OF": AS_OF, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return read_site(site)


# --- the projects -------------------------------------------------------------------------------


def odd_project(destination: Path) -> Path:
    """The small base project with the site's configuration and odd, hostile, tricky records."""
    root = build_case(CASES / "__none__", destination)
    for config in ("mkdocs.yml", "mkdocs.internal.yml"):
        text = (REPO / config).read_text(encoding="utf-8")
        hook = str(REPO / "generator" / "mkdocs_hook.py")
        (root / config).write_text(text.replace("generator/mkdocs_hook.py", hook), "utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    records = root / "records"
    # A post that ended before the site's date; her gender read from the patronymic.
    _edit(
        records / "people/ivanova-ma.yaml",
        "    organization: school-1\n",
        "    organization: school-1\n    since: 2020-09-01\n    until: 2026-06-30\n",
    )
    _edit(
        records / "organizations/school-1.yaml",
        "kind: school\n",
        "kind: school\nwebsite: https://school-1.example.org\n",
    )
    # She leads the association this year; Petrov, the one director of his school, gave no
    # consent: the public site must not say «директор, МБОУ «ЦО № 2»».
    _edit(
        records / "associations/mpo-test/2025-2026/membership.yaml",
        "leader:\n  person: petrov-an",
        "leader:\n  person: ivanova-ma",
    )
    meetings = records / "associations/mpo-test/2025-2026/meetings"
    _edit(meetings / "01.yaml", "topic: Установочное заседание", f"topic: '{HOSTILE_TOPIC}'")
    _edit(
        meetings / "01.yaml",
        "          summary: Поддержала кандидатуру.\n",
        "          summary: Поддержала кандидатуру.\n"
        f"        - person: ivanova-ma\n          summary: {INTERNAL_STATEMENT}\n"
        "          internal: true\n",
    )
    _edit(
        meetings / "01.yaml",
        "          deadline_text: немедленно\n",
        "          deadline: 2025-09-30\n          execution:\n            status: overdue\n"
        f"            note: {OVERDUE_NOTE}\n",
    )
    (meetings / "02.yaml").write_text(SECOND_MEETING, encoding="utf-8")
    _edit(records / "associations/mpo-test/2025-2026/deficits/monitoring.yaml",
          "    date: 2025-10-07\n",
          "    date: 2025-10-07\n    done_by: решение 1.1 заседания 2025-2026/01 и "
          "мероприятие webinar-2025-11\n")  # fmt: skip
    return root


SECOND_MEETING = f"""\
status: held
date: 2025-10-20
place: МБОУ «СШ № 1»
format: in_person
topic: Контроль решений
protocol:
  status: signed
  signed: 2025-10-22
  chair: ivanova-ma
  secretary: ivanova-ma
  present: [ivanova-ma, petrov-an]
  absent:
    - person: sidorova-ev
      reason: {ABSENCE_REASON}
    - description: представитель управления образования
      reason: {ABSENCE_REASON}
  agenda:
    - question: О плане мониторинга
      speaker: petrov-an
      summary: Доложил о плане.
      decisions:
        - text: Принять план к сведению.
          executor: petrov-an
          deadline_text: постоянно
          voting:
            unanimous: true
  follow_up:
    - meeting: 2025-2026/01
      decision: "1.1"
      status: overdue
      note: {OVERDUE_NOTE}
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _load(root: Path) -> Project:
    project, problems = load_project(root)
    assert problems == []
    return project


Sites = dict[tuple[str, str], dict[str, Page]]


@pytest.fixture(scope="module")
def roots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {"sample": REPO, "odd": odd_project(tmp_path_factory.mktemp("odd"))}


@pytest.fixture(scope="module")
def projects(roots: dict[str, Path]) -> dict[str, Project]:
    return {name: _load(root) for name, root in roots.items()}


@pytest.fixture(scope="module")
def sites(roots: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Sites:
    """(project, edition) → the built site's pages, for the sample and the odd project."""
    return {
        (name, edition): build(root, edition, tmp_path_factory.mktemp(f"{name}-{edition}"))
        for name, root in roots.items()
        for edition in EDITIONS
    }


BOTH = [(name, edition) for name in ("sample", "odd") for edition in EDITIONS]


# --- every page of both editions ----------------------------------------------------------------


@pytest.mark.parametrize(("name", "edition"), BOTH)
def test_no_markdown_shows_as_text(sites: Sites, name: str, edition: str) -> None:
    """Tables are tables and emphasis is emphasis: no «| Поле | … |---|» or «**» as text."""
    found = [
        (path, block)
        for path, page in sites[(name, edition)].items()
        for block in page.prose
        if TABLE_ROW.search(block) or EMPHASIS.search(block)
    ]
    assert found == []


@pytest.mark.parametrize(("name", "edition"), BOTH)
def test_no_backslash_escapes_show(sites: Sites, name: str, edition: str) -> None:
    """`public_url` reads as written, never `public\\_url`, in code and in text."""
    found = [
        (path, text)
        for path, page in sites[(name, edition)].items()
        for text in [*page.code, *page.blocks]
        if ESCAPED.search(text)
    ]
    assert found == []


@pytest.mark.parametrize(("name", "edition"), BOTH)
def test_no_raw_record_ids(
    sites: Sites, projects: dict[str, Project], name: str, edition: str
) -> None:
    """Records are named by their labels: «заседание № 2 (2025/2026)», not «2025-2026/02».

    The editors' guide (internal) documents the ids themselves and is left out.
    """
    ids = _record_ids(projects[name])
    assert ids
    found = [
        (path, block, sorted(i for i in ids if i in block) or MEETING_REF.findall(block))
        for path, page in sites[(name, edition)].items()
        if not path.startswith("guide/")
        for block in page.blocks
        if MEETING_REF.search(block) or any(i in block for i in ids)
    ]
    assert found == []


@pytest.mark.parametrize(("name", "edition"), BOTH)
def test_no_placeholder_addresses(sites: Sites, name: str, edition: str) -> None:
    found = [path for path, page in sites[(name, edition)].items() if PLACEHOLDER.search(page.html)]
    assert found == []


def _record_ids(project: Project) -> set[str]:
    """Ids a reader must never see: slugs with a letter (`2025-10-24-school-101`,
    `master-class-2026-04`, `volkova-ep`), not plain dates or school years."""
    return {
        record.place.id
        for record in project.records
        if "-" in record.place.id and re.search(r"[a-z]", record.place.id)
    }


# --- the public edition: what stays internal ----------------------------------------------------


@pytest.mark.parametrize("name", ["sample", "odd"])
def test_public_site_has_no_editors_guide(sites: Sites, name: str) -> None:
    public = sites[(name, "public")]
    assert not [path for path in public if path.startswith("guide/")]
    assert not [(p, link) for p, page in public.items() for link in page.links if "guide/" in link]
    assert not [p for p, page in public.items() if "Руководство редактора" in page.html]
    internal = sites[(name, "internal")]
    assert "guide/fields/index.html" in internal and "guide/rules/index.html" in internal


@pytest.mark.parametrize("name", ["sample", "odd"])
def test_public_site_shows_no_execution_marks(
    sites: Sites, projects: dict[str, Project], name: str
) -> None:
    """Whether a school carried out a decision, and the follow-up, are the centre's business."""
    public = _text(sites[(name, "public")])
    notes = [note for note in _execution_notes(projects[name]) if len(note) > 12]
    assert notes
    assert [note for note in notes if note in public] == []
    assert "Контроль исполнения" not in public
    assert ExecutionStatus.OVERDUE.label not in public
    headers = {h for page in sites[(name, "public")].values() for h in page.headers}
    assert "Исполнение" not in headers
    internal = sites[(name, "internal")]
    assert any(continued(note) in _text(internal) for note in notes)  # after «статус:»
    assert "Исполнение" in {h for page in internal.values() for h in page.headers}


@pytest.mark.parametrize("name", ["sample", "odd"])
def test_public_site_shows_no_school_categories(sites: Sites, name: str) -> None:
    """The council's member categories would say which members' schools are ШНОР."""
    public = _text(sites[(name, "public")]).casefold()
    labels = [c.label for c in (*CouncilCategory, *ListCategory)]
    assert [label for label in labels if label.casefold() in public] == []
    internal = _text(sites[(name, "internal")]).casefold()
    assert CouncilCategory.SHNOR_MANAGER.label.casefold() in internal


def test_a_passage_marked_internal_stays_internal(sites: Sites) -> None:
    meeting = "associations/mpo-test/2025-2026/meetings/01/index.html"
    assert continued(INTERNAL_STATEMENT) not in sites[("odd", "public")][meeting].text
    internal = sites[("odd", "internal")][meeting].text
    assert continued(INTERNAL_STATEMENT) in internal and "только на внутреннем сайте" in internal


def test_the_absent_are_shown_without_why(sites: Sites) -> None:
    """Who was absent is on both sites, as consent allows; why is on neither (only in the
    internal copy of the protocol). A vote «единогласно» is shown as such."""
    meeting = "associations/mpo-test/2025-2026/meetings/02/index.html"
    for edition in EDITIONS:
        page = sites[("odd", edition)][meeting].text
        assert "Отсутствовали: 2 чел." in page, edition
        assert "представитель управления образования" in page, edition
        assert "(единогласно)" in page, edition
        assert ABSENCE_REASON not in _text(sites[("odd", edition)]), edition
    internal = sites[("odd", "internal")][meeting].text
    assert "Сидорова Е. В., методист" in internal
    public = sites[("odd", "public")][meeting].text
    assert "Сидорова" not in public and "ещё 1 участник объединения" in public


@pytest.mark.parametrize("name", ["sample", "odd"])
def test_people_without_consent_are_not_identifiable(
    sites: Sites, projects: dict[str, Project], name: str
) -> None:
    """Without consent to show the post, «директор, <школа>» would name the one director."""
    as_of = date.fromisoformat(AS_OF)
    public = _text(sites[(name, "public")])
    hidden = []
    for label, people in _posts(projects[name]).items():
        if not any(_consents(person, ConsentScope.POSITION, as_of) for person in people):
            hidden.append(label)
    assert hidden
    assert [label for label in hidden if label in public] == []
    assert "участник объединения" in public


# --- true facts ---------------------------------------------------------------------------------


def test_a_post_that_ended_is_shown_only_where_a_dated_record_shows_it(sites: Sites) -> None:
    for edition in EDITIONS:
        pages = sites[("odd", edition)]
        people = pages["people/index.html"].blocks
        assert any(block.startswith("Иванова М. А.") for block in people)
        assert not [block for block in people if "Иванова М. А., директор" in block]
        meeting = pages["associations/mpo-test/2025-2026/meetings/01/index.html"].text
        assert "Иванова М. А., директор, МБОУ «СШ № 1»" in meeting  # on 28.08.2025
    sample = sites[("sample", "public")]["people/index.html"].blocks
    assert not [block for block in sample if block.startswith("Жукова Г. А., директор")]


def test_generated_words_agree_with_gender(sites: Sites) -> None:
    for name in ("sample", "odd"):
        for edition in EDITIONS:
            page = sites[(name, edition)]
            association = next(p for path, p in page.items() if re.fullmatch(
                r"associations/[^/]+/index.html", path))  # fmt: skip
            assert "избрана на заседании" in association.text
    analysis = sites[("sample", "internal")]["associations/mpo-tula/2025-2026/analysis/index.html"]
    assert "Подготовила" in analysis.headers or "Подготовила" in analysis.text


def test_hostile_text_is_shown_as_written_on_both_editions(sites: Sites) -> None:
    for edition in EDITIONS:
        page = sites[("odd", edition)]["associations/mpo-test/2025-2026/meetings/01/index.html"]
        assert HOSTILE_TOPIC in page.text
        assert not [link for link in page.links if link.startswith("javascript:")]


def test_references_in_text_are_labels_with_links(sites: Sites) -> None:
    page = sites[("odd", "public")]["associations/mpo-test/2025-2026/deficits/index.html"]
    assert "решение 1.1 заседания № 1 (2025/2026) и вебинар «Вебинар о подготовке к ЕГЭ»" in (
        page.text
    )
    assert "../meetings/01/" in page.links
    assert "../../../../council/events/#webinar-2025-11" in page.links


# --- helpers ------------------------------------------------------------------------------------


def _text(pages: dict[str, Page]) -> str:
    return "\n".join(page.text for page in pages.values())


def _execution_notes(project: Project) -> list[str]:
    notes = []
    for record in project.of_kind("meeting"):
        meeting = record.model
        if isinstance(meeting, Meeting) and meeting.protocol is not None:
            for item in meeting.protocol.agenda:
                notes += [
                    d.execution.note for d in item.decisions if d.execution and d.execution.note
                ]
            notes += [f.note for f in meeting.protocol.follow_up if f.note]
    return notes


def _posts(project: Project) -> dict[str, list[Person]]:
    """«должность, школа» → the people who ever held that post."""
    names = {
        record.place.id: record.model.names
        for record in project.of_kind("organization")
        if hasattr(record.model, "names")
    }
    posts: dict[str, list[Person]] = {}
    for record in project.of_kind("person"):
        person = record.model
        if isinstance(person, Person):
            for position in person.positions:
                for name in names.get(position.organization, []):
                    posts.setdefault(f"{position.title}, {name.short}", []).append(person)
    return posts


def _consents(person: Person, scope: ConsentScope, on: date) -> bool:
    return person.consent is not None and person.consent.allows(scope, on)


def test_pages_for_another_engine_leave_the_guide_to_the_internal_edition(tmp_path: Path) -> None:
    """`python -m generator pages` writes the same editions as MkDocs builds."""
    for edition in EDITIONS:
        out = tmp_path / edition
        result = subprocess.run(
            [sys.executable, "-m", "generator", "pages", "--edition", edition,
             "--as-of", AS_OF, "--out", str(out)],
            cwd=REPO, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        guide = (
            sorted(p.name for p in (out / "guide").glob("*.md")) if (out / "guide").exists() else []
        )
        if edition == "public":
            assert guide == []
        else:
            assert {"index.md", "fields.md", "rules.md", "howto.md"} <= set(guide)


def test_mkdocs_leaves_out_what_the_core_keeps_internal() -> None:
    """mkdocs.yml's `exclude_docs` and `publication.INTERNAL_DOCS` name the same folders."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^exclude_docs: \|\n((?:  .+\n)+)", config, re.MULTILINE)
    assert block is not None
    excluded = [line.strip() for line in block[1].splitlines()]
    assert excluded == [f"/{folder}" for folder in INTERNAL_DOCS]
    internal = (REPO / "mkdocs.internal.yml").read_text(encoding="utf-8")
    assert re.search(r'^exclude_docs: ""', internal, re.MULTILINE)
