"""The one way to run pandoc: the binary pypandoc-binary ships, sandboxed, list arguments.

Every call goes through `_run`, which always passes `--sandbox`: a reader or writer may
then read only the files named on the command line (the reference document, the filter,
the template), so a record's text can never pull a local file or a URL into a document.
The version is read once per process and is part of every cache key.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

import pypandoc  # type: ignore[import-untyped]

from generator.errors import UserError
from generator.templating import TEMPLATES

Format = Literal["docx", "odt"]
FORMATS: tuple[Format, ...] = ("docx", "odt")
MINIMUM_VERSION = (3, 9)
REFERENCE = TEMPLATES / "documents" / "reference"
TIMEOUT_SECONDS = 120


class PandocError(UserError):
    """pandoc is missing, too old, or failed on a document."""


@functools.cache
def pandoc_path() -> str:
    """The pandoc binary of pypandoc-binary (no system install is needed)."""
    try:
        return str(pypandoc.get_pandoc_path())
    except OSError as error:
        raise PandocError(
            "не найден pandoc из пакета pypandoc-binary. Установите зависимости проекта: "
            '.venv/bin/pip install -e ".[dev]"'
        ) from error


@functools.cache
def pandoc_version() -> str:
    """`3.9` and so on; checked once against MINIMUM_VERSION."""
    output = _run(["--version"]).decode("utf-8", "replace")
    match = re.match(r"pandoc\S*\s+(\d+(?:\.\d+)*)", output)
    if match is None:
        raise PandocError(f"не удалось узнать версию pandoc: {output[:80]!r}")
    version = match.group(1)
    if tuple(int(part) for part in version.split(".")[:2]) < MINIMUM_VERSION:
        wanted = ".".join(map(str, MINIMUM_VERSION))
        raise PandocError(f"нужен pandoc {wanted} или новее, найден {version}.")
    return version


def reference_files(fmt: Format) -> tuple[Path, ...]:
    """The files that shape a document of this format besides its Markdown (for cache keys)."""
    if fmt == "docx":
        return (REFERENCE / "reference.docx",)
    return (
        REFERENCE / "reference.odt",
        REFERENCE / "tables.lua",
        REFERENCE / "content.opendocument",
    )


def convert(
    markdown: str, fmt: Format, *, dated: date | None = None, text_width_mm: float | None = None
) -> bytes:
    """Markdown (pandoc's own dialect) → DOCX or ODT bytes laid out by the reference document.

    `dated` becomes the document's creation date (SOURCE_DATE_EPOCH), so the same Markdown
    always gives the same bytes. `text_width_mm` tells the ODT table filter a text width
    other than the portrait page's (DOCX tables are sized afterwards, in layout.py).
    """
    pandoc_version()
    args = ["--from", _MARKDOWN, "--to", fmt, "--columns", "10", "--metadata", "lang=ru-RU"]
    if text_width_mm is not None:
        args += ["--metadata", f"text-width-mm={text_width_mm:g}"]
    if fmt == "docx":
        args += ["--reference-doc", str(REFERENCE / "reference.docx")]
    else:
        args += [
            "--reference-doc", str(REFERENCE / "reference.odt"),
            "--lua-filter", str(REFERENCE / "tables.lua"),
            "--template", str(REFERENCE / "content.opendocument"),
        ]  # fmt: skip
    return _run([*args, "--output", "-"], markdown.encode("utf-8"), dated=dated)


def read_docx(data: bytes) -> str:
    """A DOCX file as pandoc's JSON document tree (for the import of old protocols)."""
    pandoc_version()
    return _run(["--from", "docx", "--to", "json"], data).decode("utf-8")


# Pipe tables, fenced divs with custom-style, line blocks. No raw OpenXML/ODF/HTML/TeX, no
# math or citations, no smart quotes (text prints as typed): documents never need them, so a
# gap in escaping could not use them either.
_MARKDOWN = (
    "markdown-raw_attribute-raw_html-raw_tex-tex_math_dollars-citations-implicit_figures-smart"
)


def _run(args: list[str], stdin: bytes = b"", *, dated: date | None = None) -> bytes:
    """Run pandoc with `--sandbox` and the given arguments; stdout as bytes."""
    moment = datetime.combine(dated or date(2000, 1, 1), datetime.min.time(), UTC)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(moment.timestamp()))}
    try:
        done = subprocess.run(
            [pandoc_path(), "--sandbox", *args],
            input=stdin,
            capture_output=True,
            env=env,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PandocError(f"pandoc не запустился: {error}") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise PandocError(f"pandoc завершился с ошибкой {done.returncode}: {message}")
    return done.stdout
