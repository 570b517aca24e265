"""A real MkDocs build: the sample builds strictly; an invalid record stops the build."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import CASES, REPO, build_case


def _mkdocs_project(root: Path) -> Path:
    """Give a case project the repository's site configuration and hand-written pages."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    hook = "\n  - generator/mkdocs_hook.py\n"
    assert hook in config  # the repository's config, with the hook found from the case's root
    hooked = config.replace(hook, f"\n  - {REPO / 'generator' / 'mkdocs_hook.py'}\n")
    (root / "mkdocs.yml").write_text(hooked, encoding="utf-8")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "overrides", root / "overrides")  # theme.custom_dir
    return root


def _build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_valid_records_build_a_strict_site(tmp_path: Path) -> None:
    root = _mkdocs_project(build_case(CASES / "__none__", tmp_path))
    site = tmp_path / "site"
    result = _build(root, site)
    assert result.returncode == 0, result.stderr
    page = site / "associations" / "mpo-test" / "2025-2026" / "meetings" / "01" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "Протокол № 1" in text and "Выборы руководителя объединения" in text
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")
    # The hook loads through the records' cache (root/.cache/records), which stays out of the site.
    assert list((root / ".cache" / "records").glob("*/*.pack"))
    assert not [p for p in site.rglob("*") if ".cache" in p.parts or p.suffix == ".pack"]


def test_invalid_record_stops_the_build_with_validate_messages(tmp_path: Path) -> None:
    root = _mkdocs_project(build_case(CASES / "enum-typo", tmp_path))
    site = tmp_path / "site"
    result = _build(root, site)
    assert result.returncode != 0
    assert (
        "records/associations/mpo-test/2025-2026/meetings/01.yaml:1:9: status (Статус): "
        "недопустимое значение «hled»"
    ) in result.stderr
    assert not (site / "index.html").exists()


def test_the_site_offers_the_documents_export_left(tmp_path: Path) -> None:
    """Pages link exported documents, and only those; the files travel with the site."""
    root = _mkdocs_project(build_case(CASES / "__none__", tmp_path))
    before = _build(root, tmp_path / "before")
    assert before.returncode == 0, before.stderr
    meeting = Path("associations/mpo-test/2025-2026/meetings/01/index.html")
    assert "Документы для скачивания" not in (tmp_path / "before" / meeting).read_text("utf-8")

    for edition in ("public", "internal"):
        export = subprocess.run(
            [sys.executable, "-m", "generator", "export", "--edition", edition],
            cwd=root, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert export.returncode == 0, export.stdout + export.stderr
    assert list(root.glob("build/documents/internal/**/register-01.docx"))
    site = tmp_path / "site"
    result = _build(root, site)
    assert result.returncode == 0, result.stderr
    page = (site / meeting).read_text("utf-8")
    link = "../../../../../documents/mpo-test/2025-2026/protocol-01.docx"
    assert "Документы для скачивания" in page and f'href="{link}"' in page
    exported = root / "build/documents/public/mpo-test/2025-2026/protocol-01.docx"
    served = site / "documents/mpo-test/2025-2026/protocol-01.docx"
    assert served.read_bytes() == exported.read_bytes()
    assert not list(site.glob("documents/**/register-*"))  # the internal edition's only


def test_the_sitemap_lists_every_page_at_the_address_from_settings(tmp_path: Path) -> None:
    root = _mkdocs_project(build_case(CASES / "__none__", tmp_path))
    settings = root / "records" / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("site:\n", "site:\n  public_url: https://rost.test/sait/\n", 1), "utf-8"
    )
    site = tmp_path / "site"
    result = _build(root, site)
    assert result.returncode == 0, result.stderr
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8")))
    folders = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    built = {"https://rost.test/sait/" + ("" if f == "." else f + "/") for f in folders}
    assert built == listed
    assert '<link rel="canonical" href="https://rost.test/sait/">' in (
        site / "index.html"
    ).read_text(encoding="utf-8")
