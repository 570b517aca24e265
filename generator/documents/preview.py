"""Pictures of exported documents' pages: LibreOffice prints them to PDF, poppler draws PNG.

This is how a reviewer (and the editors' guide) sees a document as a clerk would print
it, without opening Word. Neither program is a dependency of the project: a machine
without them gets a Russian message saying what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.errors import UserError

TIMEOUT_SECONDS = 600
INSTALL = "apt-get install libreoffice-writer-nogui poppler-utils hyphen-ru fonts-liberation2"


class PreviewError(UserError):
    """LibreOffice or poppler is missing or failed."""


def page_pictures(
    documents: Sequence[Path], out: Path, *, dpi: int = 60, last: bool = True
) -> list[Path]:
    """The first page of each document as `out/<document name>.png` (and, for a document of
    several pages, its last page as `<name>-last.png`: where the signatures are)."""
    for program in ("soffice", "pdftoppm", "pdfinfo"):
        if shutil.which(program) is None:
            raise PreviewError(f"не найдена программа {program}. Установите: {INSTALL}")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="preview-") as scratch:
        folder = Path(scratch)
        # Documents of different folders may share a name: each is copied under its index.
        copies = []
        for index, document in enumerate(documents):
            copy = folder / f"{index:04}{document.suffix}"
            shutil.copyfile(document, copy)
            copies.append(copy)
        _run(
            ["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(folder), *map(str, copies)]
        )  # fmt: skip
        for document, copy in zip(documents, copies, strict=True):
            pdf = copy.with_suffix(".pdf")
            if not pdf.is_file():
                raise PreviewError(f"LibreOffice не напечатал {document} в PDF.")
            count = _page_count(pdf)
            for page, suffix in ((1, ""), (count, "-last")):
                if suffix and (count == 1 or not last):
                    continue
                written.append(page_picture(pdf, page, out / f"{document.stem}{suffix}", dpi=dpi))
    return written


def page_picture(pdf: Path, page: int, target: Path, *, dpi: int = 60) -> Path:
    """One page of a PDF as a PNG: `target` with `.png` added."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page),
          "-singlefile", str(pdf), str(target)])  # fmt: skip
    return target.with_name(target.name + ".png")


def _page_count(pdf: Path) -> int:
    info = _run(["pdfinfo", str(pdf)])
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 1


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PreviewError(f"{command[0]} не запустился: {error}") from error
    if done.returncode != 0:
        raise PreviewError(f"{command[0]} завершился с ошибкой: {done.stderr.strip()[:300]}")
    return done.stdout
