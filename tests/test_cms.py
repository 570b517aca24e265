"""The forms of the internal site's /admin/ (Decap CMS): a config made from the models, and
record files that come back from the forms as the loader reads them.

- every collection sits where the loader looks for its kind, and its fields are the
  model's fields — same names, order, labels, hints, required flags, choices, patterns;
- every sample record, opened and saved by the forms' formats (cms/record-format.js with
  the yaml library Decap uses), loads as the same record with no new finding;
- the internal site carries /admin/ with the local bundle and this config; the public
  site has none.

The browser test (Decap itself, driven by Chromium) is tests/browser/test_cms_forms.py.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from generator.authoring.decap import (
    CMS_FOLDER,
    FILE_NAME_FIELD,
    RECORD_MD,
    BundleMissing,
    admin_files,
    cms_config,
    config_text,
    key_order,
)
from generator.authoring.decap_fields import RELATED_COLLECTIONS, _unwrap, form_hint
from generator.checking.validate import validate
from generator.loading.layout import classify
from generator.loading.project import Project, load_project
from schemas import RECORD_MODELS
from schemas.base import Choice, Ref

from .conftest import REPO, unavailable

AS_OF = date(2026, 11, 20)
Widget = dict[str, Any]


@pytest.fixture(scope="module")
def project() -> Project:
    result = validate(REPO)
    assert result.ok
    return result.project


@pytest.fixture(scope="module")
def config(project: Project) -> dict[str, Any]:
    return cms_config(project, AS_OF)


def forms(config: dict[str, Any]) -> list[tuple[str, str, list[Widget]]]:
    """(kind, a record path the form writes, its fields) of every collection and file."""
    found = []
    for collection in config["collections"]:
        if "files" in collection:
            for file in collection["files"]:
                place = classify(file["file"].removeprefix("records/"))
                assert place is not None, file["file"]
                found.append((place.kind, file["file"], file["fields"]))
        else:
            path = f"{collection['folder']}/example-01.{collection['extension']}"
            if "meetings" in path:
                path = f"{collection['folder']}/07.yaml"
            elif "monitoring" in path:
                path = f"{collection['folder']}/2026-03.yaml"
            place = classify(path.removeprefix("records/"))
            assert place is not None, f"{collection['name']}: the loader does not look at {path}"
            assert collection["fields"][0]["name"] == FILE_NAME_FIELD
            found.append((place.kind, path, collection["fields"][1:]))
    return found


def test_the_config_is_russian_with_the_editorial_workflow(config: dict[str, Any]) -> None:
    assert config["locale"] == "ru"
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] is True
    assert config["backend"] == {
        "name": "forgejo",
        "repo": "cnppm/rost-records",
        "branch": "main",
        "api_root": "https://git.cnppm-tula.example/api/v1",
        "app_id": "00000000-0000-4000-8000-000000000000",
    }


def test_a_collection_for_every_kind_an_editor_creates(config: dict[str, Any]) -> None:
    kinds = {kind for kind, _path, _fields in forms(config)}
    assert kinds >= {
        "meeting", "consultation", "request", "person", "organization", "practice", "deficit",
        "material", "event", "monitoring", "plan", "membership", "council_consultation",
    }  # fmt: skip
    names = [collection["name"] for collection in config["collections"]]
    assert "meetings-mpo-tula-2025-2026" in names and "meetings-mpo-tula-2026-2027" in names
    assert len(names) == len(set(names))


def test_years_open_for_editing_follow_the_date(project: Project) -> None:
    later = [c["name"] for c in cms_config(project, date(2027, 10, 1))["collections"]]
    assert "meetings-mpo-tula-2026-2027" in later
    assert "meetings-mpo-tula-2025-2026" not in later, "two school years back: closed"


def test_every_form_has_exactly_the_models_fields(config: dict[str, Any]) -> None:
    for kind, path, fields in forms(config):
        _same_fields(RECORD_MODELS[kind], fields, f"{path}", required_here=True)


def _same_fields(
    model: type[BaseModel], fields: list[Widget], where: str, *, required_here: bool
) -> None:
    names = [field["name"] for field in fields]
    assert names == list(model.model_fields), f"{where}: form fields differ from the model"
    for field in fields:
        info = model.model_fields[field["name"]]
        at = f"{where}.{field['name']}"
        assert field["label"] == info.title, at
        assert field.get("hint", "") == form_hint(field, info.description or ""), at
        if info.is_required() and required_here:
            assert field["required"] is True, f"{at}: the schema requires it"
        if not info.is_required():
            assert field["required"] is False, f"{at}: the schema does not require it"
        annotation, metadata = _unwrap(info.annotation, list(info.metadata))
        _same_widget(field, annotation, metadata, at, required_here and info.is_required())


def _same_widget(
    field: Widget, annotation: Any, metadata: list[Any], at: str, required: bool
) -> None:
    origin = typing.get_origin(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        item, _ = _unwrap(item, [])
        if isinstance(item, type) and issubclass(item, BaseModel):
            assert field["widget"] == "list" and field["label_singular"], at
            _same_fields(item, field["fields"], at + "[]", required_here=True)
        elif field["widget"] in ("relation", "select"):
            assert field["multiple"] is True, at
        else:
            assert field["widget"] == "list" and field["label_singular"], at
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        assert field["widget"] == "object", at
        _same_fields(annotation, field["fields"], at, required_here=required)
    elif isinstance(annotation, type) and issubclass(annotation, Choice):
        assert field["widget"] == "select", at
        assert [o["value"] for o in field["options"]] == [str(m) for m in annotation], at
        assert [o["label"] for o in field["options"]] == [m.label for m in annotation], at
    elif annotation is date:
        assert (field["widget"], field["format"], field["time_format"]) == (
            "datetime", "YYYY-MM-DD", False,
        ), at  # fmt: skip
    else:
        ref = next((m for m in metadata if isinstance(m, Ref)), None)
        if ref is not None and ref.kind in RELATED_COLLECTIONS:
            assert field["widget"] == "relation", at
            assert field["collection"] == RELATED_COLLECTIONS[ref.kind], at
            assert field["value_field"] == "{{slug}}", at


def test_hints_speak_of_the_form_not_of_yaml_codes(config: dict[str, Any]) -> None:
    """A pick-list shows Russian labels: its hint neither lists the codes written to the
    file nor asks for an «идентификатор»; it says how to pick."""
    widgets = [w for _k, _p, fields in forms(config) for w in _all(fields)]
    picked = [w for w in widgets if w["widget"] in ("select", "relation", "boolean")]
    assert picked
    for widget in picked:
        hint = widget.get("hint", "")
        assert not re.search(r"\b(?:planned|held|in_person|true|false|done)\b", hint), widget
        assert "Идентификатор" not in hint, widget
    relation = next(w for w in picked if w["widget"] == "relation")
    assert "выберите" in relation["hint"]


def _all(fields: list[Widget]) -> list[Widget]:
    return [w for field in fields for w in (field, *_all(field.get("fields", [])))]


def test_without_a_server_in_settings_the_forms_work_on_ones_own_machine(
    tmp_path: Path,
) -> None:
    shutil.copytree(REPO / "records", tmp_path / "records")
    settings = tmp_path / "records" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    start = text.index("  cms:")
    end = text.index("  # Сколько длится")
    settings.write_text(text[:start] + text[end:], encoding="utf-8")
    bare, problems = load_project(tmp_path)
    assert not problems and bare.settings is not None and bare.settings.site.cms is None
    backend = cms_config(bare, AS_OF)["backend"]
    assert backend == {
        "name": "proxy", "proxy_url": "http://localhost:8081/api/v1", "branch": "main",
    }  # fmt: skip


def test_a_relation_picks_from_a_collection_that_exists(config: dict[str, Any]) -> None:
    names = {collection["name"] for collection in config["collections"]}
    assert set(RELATED_COLLECTIONS.values()) <= names


def test_the_built_config_is_the_generated_one(project: Project) -> None:
    if not (REPO / CMS_FOLDER / "node_modules").is_dir():
        unavailable("Decap CMS is not installed: npm ci --prefix cms")
    files = admin_files(project, AS_OF)
    built = yaml.safe_load(files["admin/config.yml"])
    assert built == yaml.safe_load(config_text(cms_config(project, AS_OF)))
    assert json.loads(files["admin/key-order.json"]) == key_order(cms_config(project, AS_OF))
    assert b"decap-cms.js" in files["admin/index.html"]
    assert "admin/decap-cms.js" in files and "admin/vendor-yaml/index.js" in files
    assert not [path for path in files if path.endswith(".map")], "no source maps"


def test_without_the_bundle_the_build_says_how_to_install_it(
    project: Project, tmp_path: Path
) -> None:
    with pytest.raises(BundleMissing, match="npm ci --prefix cms"):
        admin_files(project, AS_OF, tmp_path)


# --- what the forms write, the loader reads ----------------------------------------------


def _saved_by_the_forms(config: dict[str, Any], root: Path) -> dict[str, str]:
    """Every record under a collection, opened and saved as the forms do."""
    if shutil.which("node") is None or not (REPO / CMS_FOLDER / "node_modules" / "yaml").is_dir():
        unavailable("node and the forms' packages (npm ci --prefix cms) are needed")
    files = []
    for collection in config["collections"]:
        entries = collection.get("files") or [
            {"file": str(path.relative_to(root)), "format": collection["format"],
             "fields": collection["fields"]}
            for path in sorted((root / collection["folder"]).glob(f"*.{collection['extension']}"))
        ]  # fmt: skip
        for entry in entries:
            files.append({
                "path": entry["file"],
                "format": entry["format"],
                "keys": [field["name"] for field in entry["fields"]],
                "text": (root / entry["file"]).read_text(encoding="utf-8"),
            })  # fmt: skip
    done = subprocess.run(
        ["node", str(REPO / "tests" / "decap_roundtrip.mjs")],
        input=json.dumps({"order": key_order(config), "files": files}),
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    saved: dict[str, str] = json.loads(done.stdout)
    assert len(saved) == len(files) > 60
    return saved


def test_every_record_saved_by_the_forms_is_the_same_record(
    config: dict[str, Any], project: Project, tmp_path: Path
) -> None:
    copy = tmp_path / "project"
    shutil.copytree(REPO / "records", copy / "records")
    shutil.copytree(REPO / "files", copy / "files")
    saved = _saved_by_the_forms(config, REPO)
    for path, text in saved.items():
        (copy / path).write_text(text, encoding="utf-8")
    after = validate(copy)
    assert after.ok, [d.message for d in after.diagnostics][:5]
    changed = [path for path, text in saved.items() if text != (REPO / path).read_text("utf-8")]
    for path in saved:
        assert after.project.by_path[path].model == project.by_path[path].model, path
    before_findings = sorted((d.path, d.message) for d in validate(REPO).diagnostics)
    assert sorted((d.path, d.message) for d in after.diagnostics) == before_findings
    # Saved unchanged, most files come back byte for byte; those that do not lost only
    # comments inside them (a file's leading comment block is kept).
    assert len(changed) < len(saved) // 2, changed


def test_the_forms_keep_what_editors_rely_on(config: dict[str, Any], tmp_path: Path) -> None:
    """The form's file name never enters the file; cleared fields vanish; times stay quoted;
    keys come out in the model's order; the leading comment block stays."""
    meetings = next(c for c in config["collections"] if c["name"] == "meetings-mpo-tula-2025-2026")
    record = tmp_path / "records" / "x.yaml"
    record.parent.mkdir(parents=True)
    record.write_text(
        "# Заседание: комментарий в начале файла.\n"
        "topic: Тема\nstatus: held\nlink: ''\ndate: 2025-12-11\ntime: '15:00'\n",
        encoding="utf-8",
    )
    narrowed = {**config, "collections": [{**meetings, "folder": "records", "extension": "yaml"}]}
    (saved,) = _run_forms(narrowed, tmp_path, {FILE_NAME_FIELD: "07"}).values()
    assert saved.startswith("# Заседание: комментарий в начале файла.\n")
    lines = saved.splitlines()[1:]
    assert lines == ["status: held", "date: 2025-12-11", 'time: "15:00"', "topic: Тема"]


def _run_forms(config: dict[str, Any], root: Path, extra: dict[str, str]) -> dict[str, str]:
    """Like _saved_by_the_forms, with fields added to each entry as a form would."""
    script = (
        "import {createRequire} from 'node:module';"
        f"import {{recordFormats}} from '{(REPO / CMS_FOLDER / 'record-format.js').as_uri()}';"
        f"const require = createRequire('{(REPO / CMS_FOLDER / 'package.json').as_uri()}');"
        "const f = recordFormats(require('yaml'), JSON.parse(process.argv[1])).yaml;"
        "const d = f.fromFile(process.argv[2]); Object.assign(d, JSON.parse(process.argv[3]));"
        "process.stdout.write(f.toFile(d, JSON.parse(process.argv[4])));"
    )
    collection = config["collections"][0]
    out = {}
    for path in sorted((root / collection["folder"]).glob("*.yaml")):
        keys = [field["name"] for field in collection["fields"]]
        done = subprocess.run(
            ["node", "--input-type=module", "-e", script, json.dumps(key_order(config)),
             path.read_text("utf-8"), json.dumps(extra), json.dumps(keys)],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        out[str(path)] = done.stdout
    return out


def test_front_matter_records_are_edited_with_their_body(config: dict[str, Any]) -> None:
    practices = next(c for c in config["collections"] if c["format"] == RECORD_MD)
    assert practices["folder"] == "records/practices" and practices["extension"] == "md"
    body = [f for f in practices["fields"] if f["name"] == "body"]
    assert body and body[0]["widget"] == "markdown"
