"""The editors' guide: its worked examples are records that pass validation as written; its page
on official documents shows every kind and names only fields the schemas have."""

from __future__ import annotations

import itertools
import re
import shutil
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from generator.cli import main
from generator.cli.site import export_command
from generator.documents.catalog import KINDS
from generator.loading.layout import classify
from generator.rendering.publication import Edition, Publishing
from generator.rendering.site import copy_hand_written
from schemas import RECORD_MODELS, Choice, TopRecord
from schemas.base import Ref

from .conftest import CASES, REPO, build_case
from .test_public_edition import EDITIONS, build

BLOCK = re.compile(r"```(yaml|markdown)\n(.*?)```", re.DOTALL)
PATH = re.compile(r"`(records/[^`]+\.(?:yaml|md))`")


def _examples(guide: str) -> list[tuple[str, str]]:
    """(record path, content) for each complete example, in the guide's order."""
    examples = []
    for match in BLOCK.finditer(guide):
        content = match.group(2)
        if content.startswith("# фрагмент"):
            continue
        paths = PATH.findall(guide, 0, match.start())
        assert paths, f"no record path named before the example at {match.start()}"
        examples.append((paths[-1], content))
    return examples


def test_every_guide_example_is_a_valid_record(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "records", root / "records")
    shutil.copytree(REPO / "files", root / "files")
    examples = _examples((REPO / "docs/guide/howto.md").read_text(encoding="utf-8"))
    assert len(examples) >= 5
    for path, content in examples:
        (root / path).write_text(content, encoding="utf-8")
        result = runner.invoke(main, ["validate", "--root", str(root)])
        assert result.exit_code == 0, f"{path}:\n{result.output}"


# --- «Официальные документы»: one page image of each kind, each requisite from its field ----

GUIDE = REPO / "docs/guide"
DOCUMENTS_PAGE = GUIDE / "documents.md"
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAPPING_HEADER = "| Реквизит | Откуда берётся |"
CODE = re.compile(r"`([^`]+)`")
# `protocol.agenda[].decisions[].text`, optionally with a value: `protocol.status: draft`.
FIELD = re.compile(r"(?P<path>[a-z_]+(?:\[\])?(?:\.[a-z_]+(?:\[\])?)*)(?:: (?P<value>\S+))?")
# A field whose value is the id of the record named next: `supervisor` → `records/…`.
ARROW = re.compile(r"(?: \([^`]*?\))? → `(records/[^`]+)`")
# The guide's placeholders in record paths, with values that fit the layout.
PLACEHOLDERS = {
    "<объединение>": "mpo-tula",
    "<год>": "2025-2026",
    "<центр>": "cnppm",
    "<id>": "ivanova-ma",
    "NN": "01",
}


def _documents_page() -> str:
    return DOCUMENTS_PAGE.read_text(encoding="utf-8")


def _sections(page: str) -> list[str]:
    """The page cut at its second-level headings."""
    return re.split(r"^## ", page, flags=re.MULTILINE)[1:]


def test_the_documents_page_shows_a_page_image_of_every_kind() -> None:
    page = _documents_page()
    images = IMAGE.findall(page)
    shown = {Path(target).stem: (alt, target) for alt, target in images}
    assert set(shown) == set(KINDS), "one image per kind of documents.catalog.KINDS"
    assert len(images) == len(KINDS)
    for kind, (alt, target) in shown.items():
        assert target == f"documents/{kind}.png"
        assert re.match(r"[А-ЯЁ]", alt) and len(alt.split()) >= 8, f"{kind}: alt «{alt}»"
        data = (GUIDE / target).read_bytes()
        assert data.startswith(PNG_MAGIC), f"{target} is not a PNG"
        # the image stands in the kind's own section, next to its table of requisites
        section = next(s for s in _sections(page) if f"]({target})" in s)
        assert MAPPING_HEADER in section, f"{kind}: no «Реквизит — Откуда берётся» table"


def _mapping_rows(page: str) -> list[list[tuple[str, str]]]:
    """Each «Реквизит — Откуда берётся» table: its rows as (requisite, source)."""
    tables: list[list[tuple[str, str]]] = []
    lines = page.splitlines()
    for i, line in enumerate(lines):
        if line.strip() != MAPPING_HEADER:
            continue
        rows = []
        for row in itertools.takewhile(lambda text: text.startswith("|"), lines[i + 2 :]):
            cells = row.strip().removeprefix("|").removesuffix("|").split(" | ")
            assert len(cells) == 2, f"a row of two cells: {row}"
            rows.append((cells[0].strip(), cells[1].strip()))
        tables.append(rows)
    return tables


def _record_model(path: str) -> type[TopRecord] | None:
    """The model of the records a guide's path names: `records/people/<id>.yaml` → Person;
    None for a path where no record lives."""
    concrete = path
    for placeholder, value in PLACEHOLDERS.items():
        concrete = concrete.replace(placeholder, value)
    place = classify(concrete.removeprefix("records/"))
    return RECORD_MODELS[place.kind] if place is not None else None


def _inside(annotation: Any) -> list[Any]:
    """An annotation and everything inside it: union members, list items, Annotated metadata."""
    return [annotation, *(part for arg in typing.get_args(annotation) for part in _inside(arg))]


def _field(model: type[BaseModel], path: str) -> tuple[list[Any], str]:
    """What the field at a dotted path holds (see `_inside`), or "" and what is wrong."""
    owner: Any = model
    inside: list[Any] = []
    parts = path.split(".")
    for n, part in enumerate(parts):
        name = part.removesuffix("[]")
        info = owner.model_fields.get(name)
        if info is None:
            return [], f"{owner.__name__} has no field `{name}`"
        inside = _inside(info.annotation) + list(info.metadata)
        listed = any(typing.get_origin(a) is list for a in inside)
        if part.endswith("[]") and not listed:
            return [], f"`{name}` is not a list: no []"
        if n + 1 < len(parts):
            if listed and not part.endswith("[]"):
                return [], f"`{name}` is a list: write `{name}[]`"
            nested = [a for a in inside if isinstance(a, type) and issubclass(a, BaseModel)]
            if len(nested) != 1:
                return [], f"`{name}` has no fields inside"
            owner = nested[0]
    return inside, ""


def _value_fits(inside: list[Any], value: str) -> bool:
    choices = [a for a in inside if isinstance(a, type) and issubclass(a, Choice)]
    if choices:
        return value in {member.value for member in choices[0]}
    if bool in inside:
        return value in {"true", "false"}
    return True


def _mapping_problems(page: str) -> tuple[list[str], int]:
    """What is wrong with the page's mapping tables, and how many field paths they name.

    Within a table a field belongs to the record file last named before it in its row, or
    else to the first record file the table names (its first row names it).
    """
    export_options = {option for param in export_command.params for option in param.opts}
    problems, checked = [], 0
    for table in _mapping_rows(page):
        main: type[BaseModel] | None = None
        for requisite, source in table:
            record = main
            for token in CODE.finditer(source):
                text = token.group(1)
                field = FIELD.fullmatch(text)
                if text.startswith("records/"):
                    record = _record_model(text)
                    main = main or record
                    if record is None:
                        problems.append(f"{requisite}: no record lives at `{text}`")
                elif text.startswith("--"):
                    if text not in export_options:
                        problems.append(f"{requisite}: `export` has no option {text}")
                elif field is None:
                    problems.append(f"{requisite}: `{text}` is neither a record file nor a field")
                elif record is None:
                    problems.append(f"{requisite}: `{text}` before any record file is named")
                else:
                    checked += 1
                    inside, wrong = _field(record, field["path"])
                    value = field["value"]
                    if wrong:
                        problems.append(f"{requisite}: `{text}` — {wrong}")
                    elif value is not None and not _value_fits(inside, value):
                        problems.append(f"{requisite}: `{text}` — no such value")
                    arrow = ARROW.match(source, token.end())
                    target = _record_model(arrow[1]) if arrow else None
                    refs = {a.kind for a in inside if isinstance(a, Ref)}
                    if not wrong and target is not None and target.KIND not in refs:
                        problems.append(f"{requisite}: `{text}` holds no id of a {target.KIND}")
    return problems, checked


def test_every_field_the_documents_page_names_is_in_the_schemas() -> None:
    """A renamed or moved field, a record file of another place, a value no longer allowed,
    an id of another kind of record: each one fails here until the guide says it right."""
    page = _documents_page()
    tables = _mapping_rows(page)
    assert len(tables) == len(KINDS) + 1  # what all documents share, then one per kind
    problems, checked = _mapping_problems(page)
    assert problems == []
    assert checked >= 150


@pytest.mark.parametrize(
    ("written", "mistaken"),
    [
        ("`protocol.chair`", "`protocol.chairman`"),  # a renamed field
        ("`protocol.agenda[].question`", "`agenda[].question`"),  # not where it lives
        ("`protocol.agenda[].question`", "`protocol.agenda.question`"),  # a list without []
        ("`protocol.status: draft`", "`protocol.status: drafted`"),  # no such value
        ("`supervisor` →", "`name` →"),  # holds no id of the record named next
        ("`records/settings.yaml`", "`records/setting.yaml`"),  # no such record file
    ],
)
def test_the_field_check_catches_a_mistake(written: str, mistaken: str) -> None:
    page = _documents_page()
    assert written in page
    problems, _checked = _mapping_problems(page.replace(written, mistaken))
    assert problems


@pytest.fixture(scope="module")
def guide_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both editions of the small base project, built by MkDocs with the repository's pages."""
    root = build_case(CASES / "__none__", tmp_path_factory.mktemp("guide"))
    hook = str(REPO / "generator" / "mkdocs_hook.py")
    for config in ("mkdocs.yml", "mkdocs.internal.yml"):
        text = (REPO / config).read_text(encoding="utf-8")
        (root / config).write_text(text.replace("generator/mkdocs_hook.py", hook), "utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")
    sites = {}
    for edition in EDITIONS:
        sites[edition] = root.parent / f"site-{edition}"
        build(root, edition, sites[edition])
    return sites


def test_the_internal_site_shows_the_documents_page_and_its_images(
    guide_sites: dict[str, Path],
) -> None:
    site = guide_sites["internal"]
    page = site / "guide/documents/index.html"
    html = page.read_text(encoding="utf-8")
    assert "Официальные документы" in html
    sources = re.findall(r'<img alt="[^"]+" src="([^"]+)"', html)
    assert len(sources) == len(KINDS)
    for source in sources:
        served = (page.parent / source).resolve()
        assert served.read_bytes() == (GUIDE / "documents" / served.name).read_bytes()
    home = (site / "index.html").read_text(encoding="utf-8")  # its navigation lists the guide
    assert "guide/documents/" in re.findall(r'href="([^"]+)"', home)
    assert "](documents.md)" in (GUIDE / "index.md").read_text(encoding="utf-8")


def test_the_public_site_leaves_the_documents_page_out(
    guide_sites: dict[str, Path], tmp_path: Path
) -> None:
    site = guide_sites["public"]
    assert not (site / "guide").exists()
    assert not [path for path in site.rglob("*.png") if path.stem in KINDS]
    # and so do the pages for another engine (`python -m generator pages`)
    for edition in Edition:
        copied = copy_hand_written(
            REPO / "docs", tmp_path / edition, Publishing(edition, date(2026, 11, 20))
        )
        written = {path.relative_to(tmp_path / edition).as_posix() for path in copied}
        ours = {"guide/documents.md", *(f"guide/documents/{kind}.png" for kind in KINDS)}
        if edition is Edition.INTERNAL:
            assert ours <= written
        else:
            assert not ours & written
