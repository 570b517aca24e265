"""Full-text search of the built site: a Pagefind index, made offline, that knows Russian.

Material's built-in search matches only whole words and prefixes, so «аттестация» misses
«аттестации». Pagefind stems Russian words, builds its index next to the pages (folder
`pagefind/` of the site) and searches it in the browser, with no outside service.
Only the content marked `data-pagefind-body` (the article of each page, see
`overrides/main.html`) is indexed. Nothing here imports MkDocs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LANGUAGE = "ru"
BUNDLE = "pagefind"  # the folder Pagefind writes into the site
# Not words of the page: heading permalinks (¶) and the theme's edit buttons.
EXCLUDED = ".headerlink, .md-content__button"
TIMEOUT = 600  # seconds; the sample site takes well under one


class SearchIndexError(RuntimeError):
    """The search index could not be built; the message is in Russian, for the editor."""


def pagefind_command(site: Path, language: str = LANGUAGE) -> list[str]:
    """The Pagefind run for a built site: the binary from the `pagefind[bin]` package."""
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--force-language",
        language,
        "--exclude-selectors",
        EXCLUDED,
        "--quiet",
    ]


def index_site(site: Path, language: str = LANGUAGE) -> int:
    """Index a built site for search in place; the number of pages indexed.

    Raises SearchIndexError with what went wrong and what to do about it.
    """
    if not site.is_dir():
        raise SearchIndexError(
            f"Поиск: папка собранного сайта «{site}» не найдена — сначала соберите сайт."
        )
    try:
        result = subprocess.run(
            pagefind_command(site, language),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(
            f"Поиск: не удалось запустить Pagefind для «{site}»: {error}"
        ) from error
    output = "\n".join(part.strip() for part in (result.stdout, result.stderr) if part.strip())
    if result.returncode != 0:
        hint = (
            " Pagefind не установлен: установите зависимости проекта "
            '(`pip install -e ".[dev]"`, в них есть `pagefind[bin]`).'
            if "No module named" in output
            else ""
        )
        raise SearchIndexError(
            f"Поиск: Pagefind не построил указатель для «{site}» "
            f"(код выхода {result.returncode}).{hint}\n{output}".rstrip()
        )
    return _indexed_pages(site, language)


def _indexed_pages(site: Path, language: str) -> int:
    entry = site / BUNDLE / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        pages = int(languages[language]["page_count"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(
            f"Поиск: Pagefind завершился без ошибок, но его указатель «{entry}» "
            f"не читается или в нём нет языка «{language}»: {error}"
        ) from error
    if pages == 0:
        raise SearchIndexError(
            f"Поиск: Pagefind не нашёл на сайте «{site}» ни одной страницы для указателя — "
            "проверьте атрибут data-pagefind-body в шаблоне страниц (overrides/main.html)."
        )
    return pages
