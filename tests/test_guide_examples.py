"""The editors' guide: its worked examples are records that pass validation as written; its page
on official documents shows every kind and names only fields the schemas have."""

from __future__ import annotations

import itertools
import re
import shlex
import shutil
import typing
from datetime import date
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel, ValidationError

from generator.cli import main
from generator.cli.site import export_command
from generator.documents.catalog import KINDS
from generator.loading.layout import classify
from generator.rendering.publication import Edition, Publishing
from generator.rendering.site import copy_hand_written
from schemas import RECORD_MODELS, Choice, TopRecord
from schemas.base import Ref
from schemas.settings import CmsSettings

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


# --- «Формы редактора (/admin/)»: linked, its screenshots, its commands and settings keys ----

FORMS_PAGE = GUIDE / "forms.md"
FORMS_SHOTS = {"collections", "meeting-form", "protocol-form", "workflow", "publish-menu"}
FENCE = re.compile(r"^[ \t]*```[^\n]*\n(.*?)^[ \t]*```", re.DOTALL | re.MULTILINE)
GENERATOR = ".venv/bin/python -m generator"
CMS_TABLE_HEADER = "| Ключ `site.cms` | Что указать |"
CMS_KEY = re.compile(r"`site\.cms\.([A-Za-z_]+)`")


def _forms_page() -> str:
    return FORMS_PAGE.read_text(encoding="utf-8")


def _guide_nav() -> list[str]:
    """The pages of «Руководство редактора» in the internal site's navigation, in order."""
    config = yaml.safe_load((REPO / "mkdocs.internal.yml").read_text(encoding="utf-8"))
    section = next(item for item in config["nav"] if "Руководство редактора" in item)
    return [page if isinstance(page, str) else next(iter(page.values())) for page in
            section["Руководство редактора"]]  # fmt: skip


def test_the_forms_page_is_linked_from_the_nav_the_guide_and_the_workflow() -> None:
    assert _forms_page().startswith("# Формы редактора (/admin/)\n")
    pages = _guide_nav()
    assert pages[pages.index("guide/workflow.md") + 1] == "guide/forms.md"
    for linking in ("index.md", "workflow.md"):
        assert "](forms.md)" in (GUIDE / linking).read_text(encoding="utf-8"), linking


def test_every_image_of_the_forms_page_is_a_png_with_a_russian_alt() -> None:
    images = IMAGE.findall(_forms_page())
    assert {Path(target).stem for _alt, target in images} == FORMS_SHOTS
    assert len(images) == len(FORMS_SHOTS)
    for alt, target in images:
        assert target == f"forms/{Path(target).stem}.png"
        assert re.match(r"[А-ЯЁ«]", alt) and len(alt.split()) >= 8, f"{target}: alt «{alt}»"
        path = GUIDE / target
        assert path.is_file(), f"{target}: no such image (yet)"
        assert path.read_bytes().startswith(PNG_MAGIC), f"{target} is not a PNG"


def _generator_commands(page: str) -> list[str]:
    """Every `.venv/bin/python -m generator …` command of the page's code blocks."""
    commands = []
    for block in FENCE.findall(page):
        text = block.replace("\\\n", " ")
        for line in text.splitlines():
            for command in re.split(r"&&|;", line):
                command = command.strip()
                if command.startswith(GENERATOR):
                    commands.append(command)
    return commands


def _option_problem(command: click.Command, option: str, value: str | None) -> str:
    """What is wrong with one option of a command and its value ("" if nothing)."""
    params = {name: p for p in command.params for name in (*p.opts, *p.secondary_opts)}
    param = params.get(option)
    if not isinstance(param, click.Option):
        return f"no option {option}"
    if param.is_flag or param.count:
        return "" if value is None else f"{option} takes no value"
    if value is None:
        return f"{option} needs a value"
    try:
        param.type.convert(value, param, None)
    except click.BadParameter as error:
        return f"{option} {value}: {error.format_message()}"
    return ""


def _command_problems(page: str) -> tuple[list[str], int]:
    """What is wrong with the page's generator commands, and how many it names: each must
    name a command of the CLI's tree, and only its options, with values they take."""
    problems, checked = [], 0
    for line in _generator_commands(page):
        checked += 1
        args = shlex.split(line)[len(GENERATOR.split()) :]
        command: click.Command = main
        while isinstance(command, click.Group) and args and not args[0].startswith("-"):
            found = command.commands.get(args[0])
            if found is None:
                problems.append(f"`{line}`: no command `{args[0]}`")
                break
            command, args = found, args[1:]
        else:
            if isinstance(command, click.Group):
                problems.append(f"`{line}`: names a group, not a command")
                continue
            positional = [p for p in command.params if isinstance(p, click.Argument)]
            unlimited = any(p.nargs == -1 for p in positional)
            given = 0
            while args:
                token, args = args[0], args[1:]
                if not token.startswith("-"):
                    given += 1
                    continue
                option, equals, value = token.partition("=")
                params = {name: p for p in command.params for name in p.opts}
                param = params.get(option)
                takes = isinstance(param, click.Option) and not (param.is_flag or param.count)
                if not equals and takes and args:
                    value, args = args[0], args[1:]
                wrong = _option_problem(command, option, value if equals or takes else None)
                if wrong:
                    problems.append(f"`{line}`: {wrong}")
            if given > len(positional) and not unlimited:
                problems.append(f"`{line}`: {given} arguments, the command takes {len(positional)}")
    return problems, checked


def test_every_generator_command_of_the_forms_page_exists() -> None:
    problems, checked = _command_problems(_forms_page())
    assert problems == []
    assert checked >= 2


def _cms_problems(page: str) -> tuple[list[str], int]:
    """What is wrong with the `site.cms` keys the page names, and how many it names: the
    table lists every key of CmsSettings and no other, the example is a valid `site.cms`,
    and `site.cms.<key>` in the text is a key that exists."""
    fields = set(CmsSettings.model_fields)
    problems, named = [], 0
    lines = page.splitlines()
    tables = [i for i, line in enumerate(lines) if line.strip() == CMS_TABLE_HEADER]
    if len(tables) != 1:
        problems.append(f"one «{CMS_TABLE_HEADER}» table, not {len(tables)}")
    for i in tables:
        rows = itertools.takewhile(lambda text: text.startswith("|"), lines[i + 2 :])
        keys = [CODE.match(row.removeprefix("| ")) for row in rows]
        listed = {key[1] for key in keys if key}
        named += len(listed)
        if listed != fields:
            problems.append(f"the table lists {sorted(listed)}, CmsSettings has {sorted(fields)}")
    examples = 0
    for block in BLOCK.findall(page):
        data = yaml.safe_load(block[1]) if block[0] == "yaml" else None
        cms = data.get("site", {}).get("cms") if isinstance(data, dict) else None
        if cms is None:
            continue
        examples += 1
        named += len(cms)
        try:
            CmsSettings.model_validate(cms)
        except ValidationError as error:
            problems.append(f"the example is no valid site.cms: {error}")
    if examples != 1:
        problems.append(f"one example of site.cms in YAML, not {examples}")
    for key in CMS_KEY.findall(page):
        named += 1
        if key not in fields:
            problems.append(f"`site.cms.{key}`: CmsSettings has no such key")
    return problems, named


def test_every_settings_key_the_forms_page_names_is_in_the_schema() -> None:
    problems, named = _cms_problems(_forms_page())
    assert problems == []
    assert named >= len(CmsSettings.model_fields) + 4


@pytest.mark.parametrize(
    ("written", "mistaken"),
    [
        ("generator site serve", "generator site show"),  # no such command
        ("serve --edition internal", "serve --editon internal"),  # no such option
        ("serve --edition internal", "serve --edition intern"),  # no such value
        ("cms-config --as-of 2026-11-20", "cms-config --as-of 20.11.2026"),  # not a date
        ("generator cms-config", "generator site"),  # a group, not a command
    ],
)
def test_the_command_check_catches_a_mistake(written: str, mistaken: str) -> None:
    page = _forms_page()
    assert written in page
    problems, _checked = _command_problems(page.replace(written, mistaken))
    assert problems


@pytest.mark.parametrize(
    ("written", "mistaken"),
    [
        ("| `app_id` |", "| `client_id` |"),  # a key the schema lacks
        ("`site.cms.app_id`", "`site.cms.appid`"),  # named in the text
        ("    app_id: 0", "    client_secret: 0"),  # the example: an unknown key
        ("    backend: forgejo\n", "    backend: gitlab\n"),  # the example: no such value
    ],
)
def test_the_settings_check_catches_a_mistake(written: str, mistaken: str) -> None:
    page = _forms_page()
    assert written in page
    problems, _named = _cms_problems(page.replace(written, mistaken, 1))
    assert problems


def test_the_internal_site_shows_the_forms_page_and_the_public_site_does_not(
    guide_sites: dict[str, Path],
) -> None:
    page = guide_sites["internal"] / "guide/forms/index.html"
    html = page.read_text(encoding="utf-8")
    assert "Формы редактора (/admin/)" in html
    sources = re.findall(r'<img alt="[^"]+" src="([^"]+)"', html)
    assert {Path(source).stem for source in sources} == FORMS_SHOTS
    for source in sources:
        served = (page.parent / source).resolve()
        assert served.read_bytes() == (GUIDE / "forms" / served.name).read_bytes()
    home = (guide_sites["internal"] / "index.html").read_text(encoding="utf-8")
    assert "guide/forms/" in re.findall(r'href="([^"]+)"', home)
    assert not (guide_sites["public"] / "guide").exists()


# --- the administrator's pages: Forgejo and Gitea, personal data --------------------------------

ADMIN_PAGES = {
    "hosting": "Forgejo и Gitea центра: проверка и публикация",
    "privacy": "Персональные данные: памятка администратора",
}


def test_the_administrators_pages_are_in_the_guide_nav_and_index() -> None:
    pages = _guide_nav()
    index = (GUIDE / "index.md").read_text(encoding="utf-8")
    for name, title in ADMIN_PAGES.items():
        assert f"guide/{name}.md" in pages
        assert (GUIDE / f"{name}.md").read_text(encoding="utf-8").startswith(f"# {title}\n")
        assert f"]({name}.md)" in index


def test_the_administrators_pages_build_into_the_internal_site_only(
    guide_sites: dict[str, Path],
) -> None:
    for name, title in ADMIN_PAGES.items():
        page = guide_sites["internal"] / "guide" / name / "index.html"
        assert title in page.read_text(encoding="utf-8"), name
        assert not (guide_sites["public"] / "guide" / name).exists(), name
    public = "".join(p.read_text(encoding="utf-8") for p in guide_sites["public"].rglob("*.html"))
    assert "памятка администратора" not in public and "filter-repo" not in public


def test_the_privacy_page_says_what_the_issue_asks() -> None:
    """Where real data may live, who gets which role, and what to do on a withdrawn consent."""
    text = " ".join((GUIDE / "privacy.md").read_text(encoding="utf-8").split())
    for said in (
        "ст. 18 ч. 5",
        "**закрытый**",
        "REQUIRE_SIGNIN_VIEW",
        "Редакторы",
        "Рецензенты",
        "Администраторы",
        "forms.md#защита-основной-ветки",
        "Только то, что нужно для записи запроса",
        "withdrawn:",
        "git filter-repo --replace-text",
        "git push --force --mirror",
        "клонирует заново",
    ):
        assert said in text, said
