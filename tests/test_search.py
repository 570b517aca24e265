"""The search index: Pagefind indexes a built site offline, in Russian, or says why not."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from generator.rendering.search import SearchIndexError, index_site, pagefind_command

PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav>Меню сайта</nav>
<article data-pagefind-body><h1>{title}<a class="headerlink" href="#">¶</a></h1>
<p>{text}</p></article></body></html>
"""


def _site(root: Path) -> Path:
    site = root / "site"
    (site / "meetings").mkdir(parents=True)
    (site / "index.html").write_text(
        PAGE.format(title="Главная", text="Консультации по запросам школ."), encoding="utf-8"
    )
    (site / "meetings" / "index.html").write_text(
        PAGE.format(title="Заседания", text="Протокол заседания объединения."), encoding="utf-8"
    )
    (site / "search.html").write_text(  # no data-pagefind-body: not indexed
        "<html lang='ru'><body><p>Поиск</p></body></html>", encoding="utf-8"
    )
    return site


def test_pagefind_runs_from_this_python_in_russian() -> None:
    command = pagefind_command(Path("site"))
    assert command[:3] == [sys.executable, "-m", "pagefind"]
    assert command[command.index("--site") + 1] == "site"
    assert command[command.index("--force-language") + 1] == "ru"


def test_a_built_site_is_indexed_in_place(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert index_site(site) == 2
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["ru"]
    for asset in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css"):
        assert (site / "pagefind" / asset).is_file(), asset


def test_a_missing_site_is_a_russian_error(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match=r"папка собранного сайта .* не найдена"):
        index_site(tmp_path / "nowhere")


def test_a_site_without_pages_is_a_russian_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(SearchIndexError, match="Pagefind не построил указатель") as error:
        index_site(tmp_path / "empty")
    assert "код выхода" in str(error.value)
