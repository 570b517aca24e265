"""The forms of the internal site's /admin/: Decap CMS's config, made from the models.

Each kind of record an editor creates gets a collection at its real path under records/,
with the fields `decap_fields.py` makes from its model. Records of an association's school
year get collections of their own for the years open for editing (the current school year
and the one before it, as of the build's date), so each list stays short even on a
region's tree. A record's id is its file's name: the form asks for it in a field of its own
(FILE_NAME_FIELD) that the records' formats (cms/record-format.js) never write into the
file. Saving goes through the editorial workflow: a pull request that CI checks.

`admin_files` is everything the build puts under /admin/: the page, this config, the key
order of every record (the formats write keys in the models' order), the formats and the
prebuilt Decap bundle that `npm ci --prefix cms` installed — no outside host is asked.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator.authoring.decap_fields import Widget, model_fields
from generator.authoring.scaffold import year_folders
from generator.loading.layout import FRONT_MATTER_KINDS, RECORDS_DIR
from generator.loading.project import Project
from generator.russian import school_year_title
from schemas import RECORD_MODELS
from schemas.base import school_year_of
from schemas.settings import CmsSettings

CMS_FOLDER = "cms"
# The forms belong to the tool, not to a project's records: their files and the bundle are
# taken from the checkout the generator runs from (npm ci --prefix cms installs it there).
CMS_HOME = Path(__file__).resolve().parents[2] / CMS_FOLDER
ADMIN = "admin"
FILE_NAME_FIELD = "file_name"
RECORD_YAML, RECORD_MD = "record-yaml", "record-md"
BUNDLE = Path("node_modules/decap-cms/dist")
YAML_LIBRARY = Path("node_modules/yaml/browser/dist")
OWN_FILES = ("index.html", "admin.js", "record-format.js")
INSTALL = "npm ci --prefix cms"
LOCAL_SERVER = "http://localhost:8081/api/v1"  # decap-server's default address

_SLUG_HINT = "Строчные латинские буквы, цифры и дефисы"


@dataclass(frozen=True, slots=True)
class Folder:
    """A kind of record kept one file each in a folder, as a collection of forms."""

    kind: str
    folder: str  # under records/
    label: str
    singular: str
    summary: str
    file_name_pattern: str = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
    file_name_hint: str = _SLUG_HINT + ", например ivanova-ma."


# Kinds of the whole repository, in the order of the sidebar.
_SHARED = (
    Folder("person", "people", "Люди", "человек", "{{surname}} {{name}} {{patronymic}} ({{filename}})",
           file_name_hint=_SLUG_HINT + ": фамилия и инициалы, например ivanova-ma."),
    Folder("organization", "organizations", "Организации", "организация", "{{names.0.short}}",
           file_name_hint=_SLUG_HINT + ", например school-12."),
    Folder("practice", "practices", "Практики", "практика", "{{title}}",
           file_name_hint=_SLUG_HINT + ": о чём практика, например mentoring-pairs."),
    Folder("programme", "programmes", "Программы ШНОР", "программа", "{{title}}",
           file_name_hint=_SLUG_HINT + ": идентификатор школы, например school-101."),
    Folder("material", "council/materials", "Совет: материалы", "материал", "{{title}}",
           file_name_hint=_SLUG_HINT + ": дата и тема, например 2026-03-vpr-analysis."),
    Folder("event", "council/events", "Совет: мероприятия", "мероприятие", "{{date | date('DD.MM.YYYY')}} — {{title}}",
           file_name_hint=_SLUG_HINT + ": дата и тема, например 2026-04-webinar-fg."),
    Folder("council_consultation", "council/consultations", "Совет: консультации", "консультация совета",
           "{{date | date('DD.MM.YYYY')}} — {{topic}}",
           file_name_hint=_SLUG_HINT + ": дата и тема, например 2026-10-06-vk-rkr."),
    Folder("monitoring", "council/monitoring", "Совет: мониторинг", "отчёт мониторинга",
           "{{period_start}} — {{period_end}}", r"^\d{4}-\d{2}$",
           "Месяц отчёта в виде ГГГГ-ММ, например 2026-03."),
)  # fmt: skip
# Kinds of an association's school year (their folder under the year's folder).
_YEARLY = (
    Folder("meeting", "meetings", "Заседания", "заседание", "№ {{filename}} — {{date | date('DD.MM.YYYY')}} — {{topic}}",
           r"^\d{2}$", "Номер заседания по порядку в учебном году: 01, 02… — имя файла."),
    Folder("consultation", "consultations", "Консультации", "консультация", "{{date | date('DD.MM.YYYY')}} — {{topic}}",
           file_name_hint=_SLUG_HINT + ": дата и кому, например 2025-10-30-school-101."),
    Folder("request", "requests", "Запросы", "запрос", "{{received | date('DD.MM.YYYY')}} — {{topic}}",
           file_name_hint=_SLUG_HINT + ": дата и школа, например 2025-10-24-school-117."),
    Folder("deficit", "deficits", "Дефициты", "дефицит", "{{title}}",
           file_name_hint=_SLUG_HINT + ": о чём дефицит, например team-management."),
    Folder("diagnostic", "diagnostics", "Диагностика", "диагностика", "{{date | date('DD.MM.YYYY')}} — {{kind}}",
           file_name_hint=_SLUG_HINT + ": месяц и вид, например 2025-09-entry или 2026-05-repeat."),
)  # fmt: skip
# One file per association and year, edited where it is (files collections).
_YEARLY_FILES = (("plan", "plan.yaml", "План работы"), ("membership", "membership.yaml", "Состав"))


def cms_config(project: Project, as_of: date) -> dict[str, Any]:
    """Decap's config.yml as data: backend from settings, Russian UI, editorial workflow."""
    settings = project.settings
    cms = settings.site.cms if settings else None
    collections: list[dict[str, Any] | None] = [
        _folder_collection(spec, spec.folder, spec.label) for spec in _SHARED
    ]
    for association, year, title in _open_years(project, as_of):
        base = f"associations/{association}/{year}"
        tag = f"{title}, {school_year_title(year)}"
        collections += [
            _folder_collection(spec, f"{base}/{spec.folder}", f"{spec.label} — {tag}",
                               name=f"{spec.folder}-{association}-{year}")
            for spec in _YEARLY
        ]  # fmt: skip
        collections.append(_year_files(project, base, tag, f"year-{association}-{year}"))
    return {
        "backend": _backend(cms),
        "local_backend": True,
        "publish_mode": "editorial_workflow",
        "locale": "ru",
        "media_folder": "files",
        "public_folder": "/files",
        "site_url": str(settings.site.internal_url)
        if settings and settings.site.internal_url
        else None,
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [c for c in collections if c is not None],
    }


def _backend(cms: CmsSettings | None) -> dict[str, Any]:
    if cms is None:  # forms only on one's own machine: decap-server's API, said plainly
        return {"name": "proxy", "proxy_url": LOCAL_SERVER, "branch": "main"}
    if cms.backend.value == "forgejo":
        return {"name": "forgejo", "repo": cms.repo, "branch": cms.branch,
                "api_root": str(cms.api_root), "app_id": cms.app_id}  # fmt: skip
    return {"name": "github", "repo": cms.repo, "branch": cms.branch, "base_url": str(cms.auth_url)}


def _open_years(project: Project, as_of: date) -> list[tuple[str, str, str]]:
    """(association, school year, association's short name) of the years open for editing:
    the current school year and the one before, where their folder exists."""
    current = school_year_of(as_of)
    start = int(current[:4])
    wanted = {current, f"{start - 1}-{start}"}
    found = []
    for loaded in project.of_kind("association"):
        association = loaded.place.association or ""
        title = getattr(loaded.model, "short_name", association)
        found += [
            (association, year, title)
            for year in year_folders(project.root, association)
            if year in wanted
        ]
    return sorted(found)


def _folder_collection(
    spec: Folder, folder: str, label: str, *, name: str | None = None
) -> dict[str, Any]:
    markdown = spec.kind in FRONT_MATTER_KINDS
    return {
        "name": name or spec.folder.replace("/", "-"),
        "label": label,
        "label_singular": spec.singular,
        "folder": f"{RECORDS_DIR}/{folder}",
        "extension": "md" if markdown else "yaml",
        "format": RECORD_MD if markdown else RECORD_YAML,
        "create": True,
        "delete": False,
        "identifier_field": FILE_NAME_FIELD,
        "slug": "{{fields." + FILE_NAME_FIELD + "}}",
        "summary": spec.summary,
        "sortable_fields": [],
        "editor": {"preview": False},
        "fields": _spec_fields(spec),
    }


@functools.cache
def _spec_fields(spec: Folder) -> list[Widget]:
    """A kind's form fields, one list for all its collections: config.yml then writes them
    once and refers to them (YAML anchors), which keeps a region's config small."""
    markdown = spec.kind in FRONT_MATTER_KINDS
    return [_file_name_field(spec), *_form_fields(RECORD_MODELS[spec.kind], markdown)]


@functools.cache
def _kind_fields(kind: str) -> list[Widget]:
    """The fields of a kind kept one file per association and year (plan, membership)."""
    return _form_fields(RECORD_MODELS[kind], False)


def _file_name_field(spec: Folder) -> Widget:
    return {
        "name": FILE_NAME_FIELD,
        "label": "Имя файла",
        "hint": spec.file_name_hint + " Задаётся один раз, при создании; в файл не пишется.",
        "widget": "string",
        "required": False,
        "pattern": [spec.file_name_pattern, spec.file_name_hint],
    }


def _form_fields(model: type[BaseModel], markdown: bool) -> list[Widget]:
    fields = model_fields(model)
    if markdown:  # the Markdown after the front matter: Decap's editor
        for field in fields:
            if field["name"] == "body":
                field.update(widget="markdown", required=False)
                field.pop("pattern", None)
    return _optional_inside_optional(fields, required=True)


def _optional_inside_optional(fields: list[Widget], *, required: bool) -> list[Widget]:
    """Decap blocks saving while a required field of an empty optional group is empty: the
    fields of an optional group (an object) are made optional in the form; the schema still
    checks them in CI, with its Russian message. A list's item is checked only when there
    is one, so its fields keep the schema's flags."""
    for field in fields:
        if not required:
            field["required"] = False
        inner = field.get("fields")
        if isinstance(inner, list):
            inside = field["widget"] == "list" or (required and field["required"])
            _optional_inside_optional(inner, required=inside)
    return fields


def _year_files(project: Project, base: str, tag: str, name: str) -> dict[str, Any] | None:
    files = [
        {
            "name": kind,
            "label": label,
            "file": f"{RECORDS_DIR}/{base}/{file}",
            "format": RECORD_YAML,
            "editor": {"preview": False},
            "fields": _kind_fields(kind),
        }
        for kind, file, label in _YEARLY_FILES
        if (project.root / RECORDS_DIR / base / file).is_file()
    ]
    return {"name": name, "label": f"План и состав — {tag}", "files": files} if files else None


def key_order(config: dict[str, Any]) -> dict[str, list[str]]:
    """The models' order of the keys of every mapping, by its path in a record
    (`""`, `protocol`, `protocol.agenda[]`…), over all collections: a format is not told
    which collection it writes, and a path means the same part in every kind that has it."""
    order: dict[str, list[str]] = {}
    for collection in config["collections"]:
        for group in collection.get("files") or [collection]:
            _walk_order(order, "", group["fields"])
    return order


def _walk_order(order: dict[str, list[str]], path: str, fields: list[Widget]) -> None:
    known = order.setdefault(path, [])
    known += [field["name"] for field in fields if field["name"] not in known]
    for field in fields:
        inner = field.get("fields")
        if isinstance(inner, list):
            name = field["name"] + ("[]" if field["widget"] == "list" else "")
            _walk_order(order, f"{path}.{name}" if path else name, inner)


def config_text(config: dict[str, Any]) -> str:
    """config.yml as written: a header saying it is generated, keys in a readable order."""
    header = (
        "# Сгенерировано командой `python -m generator cms-config` из моделей записей\n"
        "# (schemas/) и папок records/. Не правьте вручную: сборка пишет его заново.\n"
    )
    body = {k: v for k, v in config.items() if v is not None}
    return header + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)


class BundleMissing(Exception):
    """Decap's bundle is not installed (npm ci --prefix cms was not run)."""


def admin_files(project: Project, as_of: date, cms: Path = CMS_HOME) -> dict[str, bytes]:
    """Site path → bytes of everything under /admin/ (raises BundleMissing without the bundle)."""
    bundle, library = cms / BUNDLE, cms / YAML_LIBRARY
    if not (bundle / "decap-cms.js").is_file() or not (library / "index.js").is_file():
        raise BundleMissing(
            f"редактор форм (/admin/) не собран: не установлен Decap CMS. Выполните: {INSTALL}"
        )
    config = cms_config(project, as_of)
    files = {f"{ADMIN}/{name}": (cms / name).read_bytes() for name in OWN_FILES}
    files[f"{ADMIN}/config.yml"] = config_text(config).encode("utf-8")
    files[f"{ADMIN}/key-order.json"] = json.dumps(
        key_order(config), ensure_ascii=False, sort_keys=True
    ).encode("utf-8")
    for path in sorted(bundle.iterdir()):
        if path.name.endswith("decap-cms.js"):  # the bundle and its chunks, no source maps
            files[f"{ADMIN}/{path.name}"] = path.read_bytes()
    for path in sorted(library.glob("*.js")):
        files[f"{ADMIN}/vendor-yaml/{path.name}"] = path.read_bytes()
    return files
